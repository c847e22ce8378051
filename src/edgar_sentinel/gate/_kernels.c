/*
 * Compiled byte kernels of the gate: the loops that run over every byte of every filing.
 *
 * Each function computes exactly what its reference in ``edgar_sentinel.gate.kernels``
 * computes (the tests compare them on real filings and on generated text). They exist
 * because the gate's per-filing budget is a fraction of a millisecond.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SHINGLE_CHARS 12
#define BINS 64

/* ASCII upper case to lower case, tab/newline/VT/FF/CR to space; other bytes unchanged. */
static inline unsigned char fold_byte(unsigned char c)
{
    if ((unsigned char)(c - 'A') < 26)
        return (unsigned char)(c + 32);
    if ((unsigned char)(c - 9) < 5)
        return ' ';
    return c;
}

static PyObject *fold(PyObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *src = view.buf;
    Py_ssize_t start = 0, stop = view.len;
    while (start < stop && fold_byte(src[start]) == ' ')
        start++;
    while (stop > start && fold_byte(src[stop - 1]) == ' ')
        stop--;
    PyObject *out = PyBytes_FromStringAndSize(NULL, stop - start);
    if (out != NULL) {
        unsigned char *dst = (unsigned char *)PyBytes_AS_STRING(out);
        for (Py_ssize_t i = start; i < stop; i++)
            dst[i - start] = fold_byte(src[i]);
    }
    PyBuffer_Release(&view);
    return out;
}

static inline uint64_t load_le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* A shingle is kept when (q[0] + 3 q[3] + 5 q[6] + 7 q[9]) % 4 == 0; modulo 4 that sum
 * equals q[0] - q[3] + q[6] - q[9], which is what the SSE2 path computes. */
static inline int sampled(const unsigned char *q)
{
    return ((q[0] + 3u * q[3] + 5u * q[6] + 7u * q[9]) & 3u) == 0;
}

static inline void add_shingle(uint64_t *sig, const unsigned char *p)
{
    uint64_t h = load_le(p, 8) * 0x9E3779B97F4A7C15ULL + load_le(p + 8, 4) * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    unsigned bin = (unsigned)(h >> 58);
    if (h < sig[bin])
        sig[bin] = h;
}

static PyObject *minhash(PyObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *d = view.buf;
    uint64_t sig[BINS];
    for (int i = 0; i < BINS; i++)
        sig[i] = UINT64_MAX;
    /* Shingles start at 0 and after each space; the last may start at len - 12. */
    Py_ssize_t last = view.len - SHINGLE_CHARS;
    Py_ssize_t p = 1;
    if (last >= 0 && sampled(d))
        add_shingle(sig, d);
#ifdef __SSE2__
    /* 16 start positions at a time; the loads reach p + 9 + 15 < len. */
    const __m128i space = _mm_set1_epi8(' '), three = _mm_set1_epi8(3);
    const __m128i zero = _mm_setzero_si128();
    for (; p + 15 <= last; p += 16) {
        __m128i after_space = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(d + p - 1)), space);
        __m128i mix = _mm_sub_epi8(
            _mm_add_epi8(_mm_loadu_si128((const __m128i *)(d + p)),
                         _mm_loadu_si128((const __m128i *)(d + p + 6))),
            _mm_add_epi8(_mm_loadu_si128((const __m128i *)(d + p + 3)),
                         _mm_loadu_si128((const __m128i *)(d + p + 9))));
        __m128i keep = _mm_and_si128(after_space, _mm_cmpeq_epi8(_mm_and_si128(mix, three), zero));
        unsigned bits = (unsigned)_mm_movemask_epi8(keep);
        while (bits) {
            add_shingle(sig, d + p + __builtin_ctz(bits));
            bits &= bits - 1;
        }
    }
#endif
    for (; p <= last; p++)
        if (d[p - 1] == ' ' && sampled(d + p))
            add_shingle(sig, d + p);
    PyBuffer_Release(&view);
    unsigned char out[BINS * 8];
    for (int i = 0; i < BINS; i++)
        for (int b = 0; b < 8; b++)
            out[i * 8 + b] = (unsigned char)(sig[i] >> (8 * b));
    return PyBytes_FromStringAndSize((const char *)out, sizeof out);
}

/* Append (start, stop) to list; 0 on success. */
static int append_span(PyObject *list, Py_ssize_t start, Py_ssize_t stop)
{
    PyObject *item = Py_BuildValue("(nn)", start, stop);
    if (item == NULL)
        return -1;
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

static inline int blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\x0b' || c == '\x0c';
}

static PyObject *short_lines(PyObject *self, PyObject *args)
{
    Py_buffer view;
    Py_ssize_t max_chars, max_words;
    if (!PyArg_ParseTuple(args, "y*nn", &view, &max_chars, &max_words))
        return NULL;
    PyObject *out = PyList_New(0);
    const unsigned char *d = view.buf;
    Py_ssize_t start = 0;
    while (out != NULL && start <= view.len) {
        const unsigned char *nl = memchr(d + start, '\n', (size_t)(view.len - start));
        Py_ssize_t stop = nl ? nl - d : view.len;
        Py_ssize_t a = start, b = stop;
        while (a < b && (d[a] == ' ' || d[a] == '\t'))
            a++;
        while (b > a && (d[b - 1] == ' ' || d[b - 1] == '\t'))
            b--;
        if (a < b && b - a <= 4 * max_chars && memchr(d + a, 0, (size_t)(b - a)) == NULL) {
            Py_ssize_t chars = 0, words = 0; /* chars: bytes that do not continue a UTF-8
                                                 character; words: runs of non-blank bytes */
            for (Py_ssize_t i = a; i < b && chars <= max_chars && words <= max_words; i++) {
                chars += (d[i] & 0xC0) != 0x80;
                words += !blank(d[i]) && (i == a || blank(d[i - 1]));
            }
            if (chars <= max_chars && words <= max_words && append_span(out, start, stop) < 0)
                Py_CLEAR(out);
        }
        start = stop + 1;
    }
    PyBuffer_Release(&view);
    return out;
}

static PyObject *find_all(PyObject *self, PyObject *args)
{
    Py_buffer view, needle;
    if (!PyArg_ParseTuple(args, "y*y*", &view, &needle))
        return NULL;
    PyObject *out = PyList_New(0);
    const char *d = view.buf;
    Py_ssize_t pos = 0;
    const char *first = needle.buf;
    /* memchr for the needle's first byte, then compare: fast when that byte is rare. */
    while (out != NULL && needle.len > 0 && pos + needle.len <= view.len) {
        const char *hit = memchr(d + pos, first[0], (size_t)(view.len - needle.len + 1 - pos));
        if (hit == NULL)
            break;
        pos = hit - d;
        if (memcmp(hit, first, (size_t)needle.len) == 0) {
            PyObject *at = PyLong_FromSsize_t(pos);
            if (at == NULL || PyList_Append(out, at) < 0)
                Py_CLEAR(out);
            Py_XDECREF(at);
        }
        pos++;
    }
    PyBuffer_Release(&view);
    PyBuffer_Release(&needle);
    return out;
}

static PyMethodDef methods[] = {
    {"fold", fold, METH_O,
     "fold(data, /): ASCII lower case, whitespace as spaces, stripped of spaces."},
    {"minhash", minhash, METH_O,
     "minhash(folded, /): one-permutation MinHash (64 little-endian uint64) of 12-byte shingles"
     " starting at a consistent quarter of the word starts."},
    {"short_lines", short_lines, METH_VARARGS,
     "short_lines(data, max_chars, max_words, /): (start, stop) of each line holding 1 to"
     " max_chars characters and at most max_words words once spaces and tabs around it are"
     " trimmed, and no NUL byte."},
    {"find_all", find_all, METH_VARARGS,
     "find_all(data, needle, /): start of every occurrence of needle, overlapping ones too"
     " (fast when its first byte is rare)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_kernels", "Compiled byte kernels of the gate.", -1, methods,
};

PyMODINIT_FUNC PyInit__kernels(void)
{
    return PyModule_Create(&module);
}

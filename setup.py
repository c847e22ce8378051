"""Build hook for the one compiled module; everything else is declared in pyproject.toml.

``edgar_sentinel.gate._kernels`` is optional: where no C compiler is available the
install goes on and the gate uses the NumPy reference implementation (slower, same results).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "edgar_sentinel.gate._kernels",
            sources=["src/edgar_sentinel/gate/_kernels.c"],
            optional=True,
        )
    ]
)

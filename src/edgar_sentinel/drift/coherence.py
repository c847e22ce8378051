"""Topic coherence: mean NPMI of the top words' document co-occurrence on the training corpus.

For each topic, over all pairs of its top ``n`` words (10 by default)::

    NPMI(a, b) = log(P(a, b) / (P(a) P(b))) / -log P(a, b)

with probabilities as shares of documents containing the words (``eps`` smoothing; a pair
that never co-occurs scores -1). Range [-1, 1], higher is more coherent. It is the
"C_NPMI" measure of Röder et al. (2015) with a whole-document window: cheap (one pass
over the corpus) and enough to compare runs of the same corpus.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

COHERENCE_MEASURE = "npmi"


def npmi_coherence(
    topics: Sequence[Sequence[str]], documents: Sequence[Sequence[str]], *, eps: float = 1e-12
) -> list[float]:
    """NPMI coherence of each topic (list of its top words) on ``documents``."""
    wanted = {w for topic in topics for w in topic}
    postings: dict[str, set[int]] = {w: set() for w in wanted}
    for i, doc in enumerate(documents):
        for word in set(doc) & wanted:
            postings[word].add(i)
    n_docs = max(len(documents), 1)
    scores: list[float] = []
    for topic in topics:
        values: list[float] = []
        for a, b in combinations(topic, 2):
            pa, pb = len(postings[a]) / n_docs, len(postings[b]) / n_docs
            pab = len(postings[a] & postings[b]) / n_docs
            if pab <= 0 or pa <= 0 or pb <= 0:
                values.append(-1.0)
                continue
            if pab >= 1.0:
                values.append(1.0)
                continue
            values.append(math.log(pab / (pa * pb) + eps) / -math.log(pab))
        scores.append(sum(values) / len(values) if values else 0.0)
    return scores


__all__ = ["COHERENCE_MEASURE", "npmi_coherence"]

"""LexRank (Erkan & Radev 2004) exactly as sumy computes it, vectorised.

sumy's LexRankSummarizer compares every pair of sentences in pure Python, which dominates
the time of a large build. This does the same arithmetic with sparse matrices: the same
tf (count / the sentence's highest count), idf (log(N / (1 + n))), idf-modified cosine,
0.1 threshold, degree-normalised matrix and power method with sumy's stopping rule, so it
picks the same sentences (tests/test_summarize.py compares the two on the seeds).
"""

from __future__ import annotations

import numpy as np

from digest.text.words import stemmer, stop_words, tokens

THRESHOLD = 0.1
EPSILON = 0.1


class LexRank:
    """Rates sentences by LexRank centrality; the higher, the more central."""

    def __init__(self, language: str = "english") -> None:
        self._stem = stemmer(language)
        self._stop_words = stop_words(language)

    def rate(self, sentences: list[str]) -> np.ndarray:
        import scipy.sparse

        words = [
            [self._stem(w) for w in (t.lower() for t in tokens(s)) if w not in self._stop_words]
            for s in sentences
        ]
        count = len(words)
        if count == 0:
            return np.zeros(0)
        vocabulary: dict[str, int] = {}
        rows, cols, values = [], [], []
        for row, sentence in enumerate(words):
            counts: dict[int, int] = {}
            for word in sentence:
                column = vocabulary.setdefault(word, len(vocabulary))
                counts[column] = counts.get(column, 0) + 1
            highest = max(counts.values(), default=1)
            for column, n in counts.items():
                rows.append(row)
                cols.append(column)
                values.append(n / highest)
        tf = scipy.sparse.csr_matrix((values, (rows, cols)), shape=(count, len(vocabulary)))
        containing = np.bincount(cols, minlength=len(vocabulary))
        idf = np.log(count / (1.0 + containing))
        weighted = tf.multiply(idf).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        dots = (weighted @ weighted.T).toarray()
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = dots / np.outer(norms, norms)
        adjacency = np.where(np.nan_to_num(cosine) > THRESHOLD, 1.0, 0.0)
        degrees = adjacency.sum(axis=1)
        degrees[degrees == 0] = 1
        return _power_method(adjacency / degrees[:, None], EPSILON)


def _power_method(matrix: np.ndarray, epsilon: float) -> np.ndarray:
    transposed = matrix.T
    p_vector = np.full(len(matrix), 1.0 / len(matrix))
    change = 1.0
    while change > epsilon:
        next_p = transposed @ p_vector
        norm = np.linalg.norm(next_p)
        if norm == 0:
            return np.zeros(len(matrix))
        next_p /= norm
        change = np.linalg.norm(next_p - p_vector)
        p_vector = next_p
    return p_vector

"""LexRank (Erkan & Radev 2004) exactly as sumy computes it, vectorised.

sumy's LexRankSummarizer compares every pair of sentences in pure Python, which dominates
the time of a large build. This does the same arithmetic with numpy arrays: the same
tf (count / the sentence's highest count), idf (log(N / (1 + n))), idf-modified cosine,
0.1 threshold, degree-normalised matrix and power method with sumy's stopping rule, so it
picks the same sentences (tests/test_summarize.py compares the two on the seeds).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from digest.text.words import stemmer, stop_words, tokens

THRESHOLD = 0.1
EPSILON = 0.1


class LexRank:
    """Rates sentences by LexRank centrality; the higher, the more central."""

    def __init__(self, language: str = "english") -> None:
        self._term = _terms(language)

    def rate(self, sentences: list[str]) -> np.ndarray:
        """Dense arrays: an article's sentences are capped (summarize.SENTENCE_CAP), and at
        that size numpy's dense products beat scipy's sparse ones, whose per-call overhead
        was most of the time."""
        columns = [[c for c in map(self._term, tokens(s)) if c is not None] for s in sentences]
        count = len(columns)
        if count == 0:
            return np.zeros(0)
        vocabulary: dict[str, int] = {}
        flat = [vocabulary.setdefault(term, len(vocabulary)) for row in columns for term in row]
        rows = np.repeat(np.arange(count), [len(row) for row in columns])
        size = max(len(vocabulary), 1)
        tf = np.bincount(rows * size + np.asarray(flat, dtype=np.int64), minlength=count * size)
        tf = tf.reshape(count, size).astype(float)
        highest = tf.max(axis=1)
        tf /= np.where(highest > 0, highest, 1.0)[:, None]
        idf = np.log(count / (1.0 + (tf > 0).sum(axis=0)))
        weighted = tf * idf
        norms = np.sqrt((weighted * weighted).sum(axis=1))
        dots = weighted @ weighted.T
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = dots / np.outer(norms, norms)
        adjacency = np.where(np.nan_to_num(cosine) > THRESHOLD, 1.0, 0.0)
        degrees = adjacency.sum(axis=1)
        degrees[degrees == 0] = 1
        return _power_method(adjacency / degrees[:, None], EPSILON)


@functools.cache
def _terms(language: str) -> Callable[[str], str | None]:
    """A token's stemmed term, or None for a stop word: one cached look-up a token."""
    stem, stops = stemmer(language), stop_words(language)

    @functools.lru_cache(maxsize=200_000)
    def term(token: str) -> str | None:
        word = token.lower()
        return None if word in stops else stem(word)

    return term


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

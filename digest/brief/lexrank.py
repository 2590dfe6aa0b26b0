"""LexRank (Erkan & Radev 2004) exactly as sumy computes it, vectorised.

sumy's LexRankSummarizer compares every pair of sentences in pure Python, which dominates
the time of a large build. This does the same arithmetic with numpy arrays: the same
tf (count / the sentence's highest count), idf (log(N / (1 + n))), idf-modified cosine,
0.1 threshold, degree-normalised matrix and power method with sumy's stopping rule, so it
picks the same sentences (tests/test_summarize.py compares the two on the seeds).
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from digest.text.words import WORD, stemmer, stop_words

THRESHOLD = 0.1
EPSILON = 0.1


class LexRank:
    """Rates sentences by LexRank centrality; the higher, the more central."""

    def __init__(self, language: str = "english") -> None:
        self._terms = _term_ids(language)

    def rate(self, sentences: list[str]) -> np.ndarray:
        """Dense arrays: an article's sentences are capped (summarize.SENTENCE_CAP), and at
        that size numpy's dense products beat scipy's sparse ones, whose per-call overhead
        was most of the time."""
        count = len(sentences)
        if count == 0:
            return np.zeros(0)
        rows, flat = self._occurrences(sentences)
        # columns numbered in order of first use, as sumy's dictionary order would be: the
        # sums below then add the same numbers in the same order (bit-for-bit the same)
        terms, first, column = np.unique(flat, return_index=True, return_inverse=True)
        renumber = np.empty(len(terms), dtype=np.int64)
        renumber[np.argsort(first, kind="stable")] = np.arange(len(terms))
        size = max(len(terms), 1)
        tf = np.bincount(rows * size + renumber[column], minlength=count * size)
        tf = tf.reshape(count, size).astype(float)
        highest = tf.max(axis=1)
        tf /= np.where(highest > 0, highest, 1.0)[:, None]
        idf = np.log(count / (1.0 + (tf > 0).sum(axis=0)))
        weighted = tf * idf
        norms = np.sqrt((weighted * weighted).sum(axis=1))
        dots = weighted @ weighted.T
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = dots / np.outer(norms, norms)
        adjacency = (cosine > THRESHOLD).astype(float)  # NaN (an empty sentence) is no link
        degrees = adjacency.sum(axis=1)
        degrees[degrees == 0] = 1
        return _power_method(adjacency / degrees[:, None], EPSILON)

    def _occurrences(self, sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The sentence and the term id of every content word, in reading order: one
        dictionary look-up per word, done by map() rather than a Python loop."""
        words = list(map(WORD.findall, sentences))
        flat = itertools.chain.from_iterable(words)
        self._terms.start_article()
        ids = np.fromiter(map(self._terms.__getitem__, flat), np.int64)
        rows = np.repeat(np.arange(len(sentences)), list(map(len, words)))
        content = ids >= 0
        return rows[content], ids[content]


class _TermIds(dict):
    """Token -> its stemmed term's id (-1 for a stop word), remembered across articles: a
    number, unlike a string, lets numpy do the counting, and a token seen before costs one
    dictionary look-up (done in C: only a new token calls __missing__)."""

    LIMIT = 200_000  # tokens remembered; past this, the next article starts afresh

    def __init__(self, language: str) -> None:
        super().__init__()
        self._stem, self._stops = stemmer(language), stop_words(language)
        self._term_ids: dict[str, int] = {}

    def start_article(self) -> None:
        """Forget everything when the memory is full (never within an article, whose ids
        must stay apart)."""
        if len(self) > self.LIMIT:
            self.clear()
            self._term_ids.clear()

    def __missing__(self, token: str) -> int:
        word = token.lower()
        if word in self._stops:
            number = -1
        else:
            number = self._term_ids.setdefault(self._stem(word), len(self._term_ids))
        self[token] = number
        return number


@functools.cache
def _term_ids(language: str) -> _TermIds:
    return _TermIds(language)


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

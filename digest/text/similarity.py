"""How alike two sentences are, for finding the same fact in several outlets and for
matching sentences to topics.

Sentences become TF-IDF vectors of stemmed content words and word pairs, computed on their
matching form (typography and spelling variants unified, so "Zelenskyy" meets "Zelensky"
and "cease-fire" meets "ceasefire"). Two sentences that quote the same words (a run of
QUOTE_SHINGLE words inside quotation marks) are the same fact whatever surrounds the quote.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse

from digest.text.matching import TYPOGRAPHY, matching_form
from digest.text.words import stemmer, stop_words, tokens

QUOTE_SHINGLE = 6
SAME_QUOTATION = 1.0
"""The similarity of two texts that share a quotation, whatever else they say: the most two
texts can score, so a test for it is `>= SAME_QUOTATION`."""
DISTINCTIVE_SHARE = 0.08
"""A term found in at most this share of the texts (or in two) is distinctive: two sentences
that share one are about the same particular thing, not only about the same story."""
NEIGHBOUR_BLOCK = 512
PARTICLES = frozenset({"away", "off", "up", "down", "out"})
"""Stop words for ranking that carry a fact for matching: "back away" and "walking away"
are one fact, "backed off" is not "backed". Kept as terms, they raise the ROC AUC of the
similarity on the Microsoft Research Paraphrase Corpus from 0.7404 to 0.7418."""
_QUOTED = re.compile(r'"([^"]{20,})"')
QUOTATION_WORDS = 4
"""A quotation this long, found word for word in another text, makes the two one statement
(`SentenceSpace.quoting`): "one or two churches" is, "Vladimir, STOP!" is not."""
_PAIRED = re.compile(r'"([^"]*)"')


class SentenceSpace:
    """TF-IDF vectors for a fixed list of texts; similarities are cosines in [0, 1]."""

    def __init__(
        self,
        texts: Sequence[str],
        language: str = "english",
        spellings: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._spellings = spellings
        """The configured spelling variants: outside texts are read with them too."""
        self._texts = texts
        self._forms = [matching_form(t, spellings) for t in texts]
        self._analyze = _Analyzer(language)
        self._vocabulary: dict[str, int] = {}
        counts = self._counts(self._forms, grow=True)
        self._idf = smoothed_idf(counts)
        self.matrix = self._weigh(counts)
        self._quotes = [_quote_shingles(form) for form in self._forms]
        self._quoted_by: dict[tuple[str, ...], list[int]] = {}
        for row, shingles in enumerate(self._quotes):
            for shingle in shingles:
                self._quoted_by.setdefault(shingle, []).append(row)
        self.matrix = self.matrix.tocsr()

    def similarity(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Cosine similarity of every text in `rows` with every text in `cols` (dense: for
        small sets), raised to 1 where the two share a quotation."""
        sims = (self.matrix[list(rows)] @ self.matrix[list(cols)].T).toarray()
        position = {col: b for b, col in enumerate(cols)}
        for a, row in enumerate(rows):
            for col in self._sharing_a_quote(row):
                if col in position:
                    sims[a, position[col]] = SAME_QUOTATION
        return sims

    @functools.cached_property
    def _distinctive(self) -> scipy.sparse.csr_matrix:
        """The texts' distinctive terms, each weighing 1 / the number of texts holding it;
        made when first asked for: only the merger's support needs them, not the spaces
        that place stories or score an evaluation."""
        return _distinctive_terms(self.matrix)

    def shared_rarity(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """For each pair (rows[i], cols[i]): how rare the distinctive terms the two texts
        share are, as the sum of 1 / (texts holding the term); 0 when they share none.
        Lexical similarity alone pairs "Ukraine is willing, but Russia is not" with any
        sentence about Russia and Ukraine; shared rare words ("Vatican", "host") are what
        a real paraphrase keeps."""
        if not len(rows):
            return np.zeros(0)
        distinctive = self._distinctive
        both = distinctive[list(rows)].multiply(distinctive[list(cols)] > 0)
        return np.asarray(both.sum(axis=1)).ravel()

    def shared_terms(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """For each pair (rows[i], cols[i]): how many terms (stemmed content words) the two
        texts share, common or rare. A weak match on one or two words ("student",
        "Damascus") is a shared subject more often than a shared fact."""
        if not len(rows):
            return np.zeros(0, dtype=np.int64)
        both = (self.matrix[list(rows)] > 0).multiply(self.matrix[list(cols)] > 0)
        return np.asarray(both.sum(axis=1)).ravel().astype(np.int64)

    @functools.cached_property
    def _quotations(self) -> list[tuple[str, list[str]]]:
        """Each text's words, and its quotations of QUOTATION_WORDS words or more but titles
        ("Gone with the Wind", "Solving the E-Waste Problem (StEP) Initiative": every word
        but stop words capitalised), each as " "-joined words between spaces, so that one
        substring search tells whether a text holds a quotation. Quotation marks pair in
        order, however short the quotation: in `the "live" show was " a combination of
        ..."` it is "a combination of ...", where the shingles' pattern (_QUOTED) takes
        " show was, in fact, "."""
        stops = stop_words(self._analyze.language)
        found = []
        for text, form in zip(self._texts, self._forms, strict=True):
            quotations = []
            for quote in _PAIRED.findall(text.translate(TYPOGRAPHY)):
                words = tokens(quote)
                named = [w for w in words if w[0].isalpha() and w.lower() not in stops]
                titled = bool(named) and all(w[0].isupper() for w in named)
                if len(words) >= QUOTATION_WORDS and not titled:
                    quotations.append(_joined(tokens(matching_form(quote, self._spellings))))
            found.append((_joined(tokens(form)), quotations))
        return found

    def quoting(self, row: int, cols: Sequence[int]) -> np.ndarray:
        """For each text in `cols`: it and text `row` quote the same words, a whole quotation
        of one (QUOTATION_WORDS words or more) appearing word for word in the other, quoted
        or not ("an attack on 'one or two churches'" and "'... planning an imminent attack,
        probably on one or two churches,' said ..."), where sharing a quotation's shingle
        (similarity) needs six words quoted in both."""
        quotations = self._quotations
        words, quotes = quotations[row]
        return np.array(
            [
                any(q in quotations[col][0] for q in quotes)
                or any(q in words for q in quotations[col][1])
                for col in cols
            ],
            dtype=bool,
        )

    def similarity_to_all(self, rows: Sequence[int]) -> np.ndarray:
        """Cosine similarity of every text in `rows` with every text of the space (dense,
        len(rows) x texts: call it in blocks), raised to 1 where two share a quotation."""
        sims = (self.matrix[list(rows)] @ self.matrix.T).toarray()
        for a, row in enumerate(rows):
            for col in self._sharing_a_quote(row):
                sims[a, col] = SAME_QUOTATION
        return sims

    def neighbours(self, rows: Sequence[int], threshold: float) -> list[dict[int, float]]:
        """For each text in `rows`, the other texts at least `threshold` similar to it
        ({text: similarity}). Sparse and in blocks, so it scales with the number of texts,
        not with its square."""
        found: list[dict[int, float]] = []
        transposed = self.matrix.T.tocsc()
        for start in range(0, len(rows), NEIGHBOUR_BLOCK):
            block_rows = list(rows[start : start + NEIGHBOUR_BLOCK])
            block = (self.matrix[block_rows] @ transposed).tocsr()
            for offset, row in enumerate(block_rows):
                begin, end = block.indptr[offset], block.indptr[offset + 1]
                cols, sims = block.indices[begin:end], block.data[begin:end]
                keep = sims >= threshold
                near = dict(zip(cols[keep].tolist(), sims[keep].tolist(), strict=True))
                for col in self._sharing_a_quote(row):
                    near[col] = SAME_QUOTATION
                near.pop(row, None)
                found.append(near)
        return found

    def sharing_a_quotation(self, rows: Sequence[int]) -> np.ndarray:
        """For each text: it shares a quotation with one of `rows` (a shingle of one, as
        where `similarity` scores SAME_QUOTATION), from the shingles' index: no similarity
        matrix, however many texts `rows` holds."""
        found = np.zeros(len(self._forms), dtype=bool)
        for row in rows:
            found[list(self._sharing_a_quote(row))] = True
        return found

    def _sharing_a_quote(self, row: int) -> set[int]:
        return {
            other
            for shingle in self._quotes[row]
            for other in self._quoted_by[shingle]
            if other != row
        }

    def similarity_to_texts(self, rows: Sequence[int], texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of texts in `rows` with outside texts (e.g. topic descriptions),
        in the vocabulary of this space."""
        others = self._weigh(self._counts([matching_form(t, self._spellings) for t in texts]))
        return (self.matrix[list(rows)] @ others.T).toarray()

    def similarity_among(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of outside texts with each other (the clauses around figures),
        in the vocabulary of this space."""
        vectors = self._weigh(self._counts([matching_form(t, self._spellings) for t in texts]))
        return (vectors @ vectors.T).toarray()

    def _counts(self, forms: Sequence[str], grow: bool = False) -> scipy.sparse.csr_matrix:
        """Term counts per text; with `grow`, new terms join the vocabulary, else they are
        ignored (an outside text is compared in this space's own terms)."""
        vocabulary, lengths, cols = self._vocabulary, [], []
        for form in forms:
            if grow:
                found = [vocabulary.setdefault(t, len(vocabulary)) for t in self._analyze(form)]
            else:
                found = [c for c in map(vocabulary.get, self._analyze(form)) if c is not None]
            cols += found
            lengths.append(len(found))
        rows = np.repeat(np.arange(len(forms)), lengths)
        shape = (len(forms), max(len(vocabulary), 1))
        counts = scipy.sparse.csr_matrix(
            (np.ones(len(cols)), (rows, np.array(cols, dtype=np.int64))),
            shape=shape,
            dtype=np.float64,
        )
        counts.sum_duplicates()
        return counts

    def _weigh(self, counts: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
        """Sublinear tf times idf, each row scaled to unit length."""
        return unit_tfidf(counts, self._idf if len(self._idf) else None)

    def centrality(self) -> np.ndarray:
        """Each text's cosine with the centroid of all texts: how typical of the story it is."""
        centroid = np.asarray(self.matrix.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return np.zeros(self.matrix.shape[0])
        return np.asarray(self.matrix @ (centroid / norm)).ravel()


def smoothed_idf(counts: scipy.sparse.csr_matrix, unseen: int = 0) -> np.ndarray:
    """Smoothed inverse document frequency of each column of a texts x terms count matrix,
    as scikit-learn's TfidfVectorizer computes it, counting `unseen` more texts that hold
    none of the terms (a few texts alone cannot tell a rare word from a common one)."""
    documents = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1 + counts.shape[0] + unseen) / (1 + documents)) + 1


def unit_tfidf(counts: scipy.sparse.csr_matrix, idf: np.ndarray | None) -> scipy.sparse.csr_matrix:
    """Sublinear tf times `idf` (None: tf as counted), each row scaled to unit length."""
    weighted = counts.copy()
    if idf is not None:
        weighted.data = (1 + np.log(weighted.data)) * idf[weighted.indices]
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return scipy.sparse.csr_matrix(weighted.multiply(1 / norms[:, None]))


class _Analyzer:
    """Stemmed content words (pairs of words would hide paraphrases)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, text: str) -> list[str]:
        stem, stops = stemmer(self.language), _matching_stops(self.language, PARTICLES)
        words = [stem(w) for w in tokens(text) if w not in stops and len(w) > 1]
        return words


@functools.cache
def _matching_stops(language: str, kept: frozenset[str]) -> frozenset[str]:
    """sumy's stop words less the ones matching keeps (made once, not per sentence)."""
    return stop_words(language) - kept


def _quote_shingles(form: str) -> frozenset[tuple[str, ...]]:
    shingles = set()
    for quote in _QUOTED.findall(form):
        words = tokens(quote)
        shingles.update(
            tuple(words[i : i + QUOTE_SHINGLE]) for i in range(len(words) - QUOTE_SHINGLE + 1)
        )
    return frozenset(shingles)


def _joined(words: Sequence[str]) -> str:
    return f" {' '.join(words)} "


def _distinctive_terms(matrix: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    """The texts' distinctive terms (see DISTINCTIVE_SHARE), each weighing 1 / the number
    of texts holding it (0 for the others)."""
    present = (matrix > 0).astype(np.float64)
    frequency = np.asarray(present.sum(axis=0)).ravel()
    rare = frequency <= max(2.0, DISTINCTIVE_SHARE * matrix.shape[0])
    weight = np.where(rare, 1 / np.maximum(frequency, 1), 0.0)
    return (present @ scipy.sparse.diags(weight)).tocsr()

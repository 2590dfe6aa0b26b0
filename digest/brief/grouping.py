"""Grouping: which of the day's articles report one event.

Each article is a TF-IDF vector of its stemmed content words (the headline counts twice, as
it names the event); articles are joined by average-linkage clustering: two groups join only
while their articles are, on average, at least STORY_SIMILARITY alike, so one shared word
cannot chain two events together. The IDF is the day's; two articles that share enough words
are compared as if the day had more articles (UNSEEN_ARTICLES), since a few articles alone
cannot tell which words are rare. It runs within groups linked by a sparse neighbour search,
never one dense matrix of all pairs, and gives the same stories in any order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import scipy.sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from digest.config import Config
from digest.models import Summary
from digest.text.similarity import smoothed_idf, unit_tfidf
from digest.text.words import stemmer, stop_words, tokens

STORY_SIMILARITY = 0.2
"""Average cosine of two groups' articles above which they are one story. On all 150
Multi-News dev clusters mixed (bench/stories.py) 0.2 gives B-cubed precision 0.975 and recall
0.874; 0.17 lets unrelated stories join (precision 0.944), 0.22 splits more (recall 0.857)."""
UNSEEN_ARTICLES = 30
"""Two articles that share SHARED_WORDS words are compared with the day's IDF counting this
many more articles that mention none of its words: a few articles alone cannot tell a rare
word from a common one (over two, a word both mention weighs 1.0 and a word one mentions
1.4, so what they share counts least). Of the 288 held-out Multi-News folders with two
articles of 150+ words (each one event) grouped alone (bench/stories.py), 109 came apart
with 0 and 68 with 30 (dev: 42 and 26 of 124); mixtures of 2 held-out clusters: B-cubed
precision 0.998 either way, recall 0.823 -> 0.875; two unrelated articles alone: joined on 5
days of 1,000 (none with 0); bench/stories.py's mixtures: precision the same, recall +0.000
to +0.010. Chosen on dev: 10 gains a quarter less recall, 100 lowers mixed precision."""
SHARED_WORDS = 10
"""Fewer shared content words (stems) are a shared subject, not a shared event: a day of
three short reports on one war (the seeds' call, a prisoner swap, new sanctions) would join
the call and the swap on five (agree, peace, president, Russia, Ukraine) with the unseen
articles counted. Of the held-out one-event pairs they join, 95% share 16 words or more."""
BLOCK = 512  # articles compared with all others at once when looking for neighbours
NEIGHBOURS = 16  # links kept per article when finding connected groups
DENSE_LIMIT = 2000
"""Largest connected group clustered in one dense matrix; a larger one is split first."""
STRICTER = 0.35  # how much stricter each split of a group too large for one matrix is
NEAR_COPIES = 0.9  # a group still too large at this similarity is near-copies: one story


def group_stories(summaries: Sequence[Summary], config: Config) -> list[tuple[int, ...]]:
    """The articles (positions in `summaries`) of each story, in order of their first
    article. Deterministic: the same articles always give the same stories."""
    if not summaries:
        return []
    return grouped(article_space(summaries, config.brief.language)[0])


@dataclasses.dataclass(frozen=True)
class ArticleSpace:
    """Articles as unit TF-IDF vectors of their stemmed content words, with the day's IDF
    (`plain`) and with UNSEEN_ARTICLES more counted (`unseen`), and which words each
    mentions (`present`, the columns' stems)."""

    plain: scipy.sparse.csr_matrix
    unseen: scipy.sparse.csr_matrix
    present: scipy.sparse.csr_matrix

    def rows(self, which: np.ndarray | slice) -> ArticleSpace:
        return ArticleSpace(self.plain[which], self.unseen[which], self.present[which])

    def alike(self, other: ArticleSpace) -> scipy.sparse.csr_matrix:
        """Cosine of each of these articles with each of `other`'s: with the unseen articles
        counted where two share SHARED_WORDS words or more, else with the day's IDF alone."""
        plain = (self.plain @ other.plain.T).tocsr()
        unseen = (self.unseen @ other.unseen.T).tocsr()
        shared = (self.present @ other.present.T).tocsr()
        # the three hold the same words, so their products hold the same pairs: chosen value
        # by value (sparse arithmetic on them took the 1,000 BBC articles' build from 173 to
        # 181 MB at the peak, and grouping them from 0.42 to 0.52 s)
        if not all(np.array_equal(plain.indices, m.indices) for m in (unseen, shared)):
            for product in (plain, unseen, shared):
                product.sort_indices()
        plain.data = np.where(shared.data >= SHARED_WORDS, unseen.data, plain.data)
        return plain


def grouped(space: ArticleSpace) -> list[tuple[int, ...]]:
    """The stories of the articles of this space (see group_stories)."""
    stories: list[tuple[int, ...]] = []
    for members in _connected(space, np.arange(space.plain.shape[0]), STORY_SIMILARITY):
        stories.extend(_average_linkage(space, members, STORY_SIMILARITY))
    return sorted(stories)


def article_space(
    summaries: Sequence[Summary], language: str
) -> tuple[ArticleSpace, dict[str, int]]:
    """The articles' space of stemmed content words (the headline counts twice, as it names
    the event), and the column of each stem."""
    stem = stemmer(language)
    texts = ([s.article.title or ""] * 2 + [x.text for x in s.sentences] for s in summaries)
    # each article's words as numbers, looked up in C (a new word is numbered in __missing__):
    # a few MB of integers, never every word of every article as strings at once
    vocabulary = _Numbering()
    numbers = [
        np.fromiter(map(vocabulary.__getitem__, tokens(" ".join(text).lower())), np.int64)
        for text in texts
    ]
    stems: dict[str, int] = {}
    column = np.full(len(vocabulary), -1, np.int64)  # -1: no content word
    for word in content_words(sorted(vocabulary), language):  # stable columns
        column[vocabulary[word]] = stems.setdefault(stem(word), len(stems))
    cols = column[np.concatenate([np.zeros(0, np.int64), *numbers])]
    rows = np.repeat(np.arange(len(summaries)), [len(n) for n in numbers])
    kept = cols >= 0
    # each occurrence a 1, summed into counts (exact in floats); words of one stem too
    matrix = scipy.sparse.csr_matrix(
        (np.ones(int(kept.sum())), (rows[kept], cols[kept])),
        (len(summaries), max(len(stems), 1)),
    )
    matrix.sum_duplicates()
    plain = unit_tfidf(matrix, smoothed_idf(matrix))
    unseen = unit_tfidf(matrix, smoothed_idf(matrix, UNSEEN_ARTICLES))
    present = matrix.copy()
    present.data[:] = 1
    return ArticleSpace(plain, unseen, present), stems


class _Numbering(dict):
    """Word -> its number, in order of first use; a new word gets the next one."""

    def __missing__(self, word: str) -> int:
        self[word] = number = len(self)
        return number


def content_words(words: Sequence[str], language: str) -> list[str]:
    """Words that can say what an article is about: no stop words, numbers or initials."""
    stops = stop_words(language)
    return [w for w in words if len(w) > 2 and w.isalpha() and w not in stops]


def _connected(space: ArticleSpace, members: np.ndarray, threshold: float) -> list[np.ndarray]:
    """Groups of `members` linked by chains of pairs at least `threshold` alike (found in
    sparse blocks, never as one dense matrix of all pairs)."""
    sub = space.rows(members)
    edges = []
    for start in range(0, len(members), BLOCK):
        block = sub.rows(slice(start, start + BLOCK)).alike(sub)
        block.data[block.data < threshold] = 0
        block.eliminate_zeros()
        rows, cols = _nearest(block)
        edges.append((rows + start, cols))
    row = np.concatenate([e[0] for e in edges])
    col = np.concatenate([e[1] for e in edges])
    graph = scipy.sparse.coo_matrix((np.ones(len(row)), (row, col)), shape=(len(members),) * 2)
    count, labels = connected_components(graph, directed=False)
    return [members[labels == label] for label in range(count)]


def _nearest(block: scipy.sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Each row's NEIGHBOURS most alike columns (all when fewer): edges linear in the articles,
    not 2.5 billion pairs for 50,000 near-copies, and near-copies still connected."""
    counts = np.diff(block.indptr)
    light = np.repeat(counts <= NEIGHBOURS, counts)
    rows = [np.repeat(np.arange(block.shape[0]), counts)[light]]
    cols = [block.indices[light]]
    for row in np.flatnonzero(counts > NEIGHBOURS):
        start, end = block.indptr[row], block.indptr[row + 1]
        best = np.argpartition(-block.data[start:end], NEIGHBOURS)[:NEIGHBOURS]
        rows.append(np.full(NEIGHBOURS, row))
        cols.append(block.indices[start:end][best])
    return np.concatenate(rows), np.concatenate(cols)


def _average_linkage(
    space: ArticleSpace, members: np.ndarray, threshold: float
) -> list[tuple[int, ...]]:
    """Average-linkage clusters of one connected group, cut at `threshold`."""
    if len(members) == 1:
        return [(int(members[0]),)]
    if len(members) > DENSE_LIMIT:
        stricter = threshold + STRICTER
        if stricter > NEAR_COPIES:  # still one big group: near-copies of one text
            return [tuple(int(m) for m in members)]
        return [
            story
            for part in _connected(space, members, stricter)
            for story in _average_linkage(space, part, stricter)
        ]
    sub = space.rows(members)
    similarity = sub.alike(sub).toarray()
    upper = np.triu_indices(len(members), 1)
    tree = linkage(np.clip(1 - similarity[upper], 0, None), method="average")
    labels = fcluster(tree, 1 - threshold, criterion="distance")
    return [tuple(int(m) for m in members[labels == label]) for label in np.unique(labels)]

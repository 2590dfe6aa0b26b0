"""Key figures: numbers with what they count, pulled from every article.

A key figure is a number with what it counts ("1,000 prisoners", "two hours", "273 drone
strikes"), shown with the clause around it as written; the same count reported by several
outlets is one figure, and where outlets give different numbers for the same thing, each
number is shown with its own outlets. The merger also asks which figures each sentence
states, to tell a second telling of a point's figure ("lasted two hours" after "a two-hour
call").
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np

from digest.brief.counts import Mention, read_mentions
from digest.models import Figure, Sentence, SourceRef
from digest.text.similarity import SentenceSpace
from digest.text.words import word_count

MAX_FIGURES = 6
MAX_MENTIONS = 200
"""Most salient mentions of one unit compared (bounds the similarity matrix)."""
SAME_FIGURE = 0.21
"""Sentences at least this similar report the same count (looser than for points: the
shared number and unit already say much)."""
RIVALS = 2
"""Numbers at most this many times apart, in like sentences, can be outlets disagreeing about
one count; further apart they are two counts."""


def key_figures(
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
    weights: Sequence[float],
    space: SentenceSpace,
    used_rows: set[int],
    shown: Sequence[str],
    words: int | None,
    language: str = "english",
    repeats: Callable[[list[int]], np.ndarray] = lambda rows: np.zeros(len(rows), bool),
) -> tuple[tuple[Figure, ...], list[tuple[tuple[int, ...], int]]]:
    """Numbers with what they count, within `words` words (None: MAX_FIGURES figures).
    Mentions of the same unit in sentences that report the same fact (similar to the first
    such sentence, compared as one matrix) are one figure per number, credited to every
    outlet. Two numbers there are a disagreement only when no article gives both (one that
    does is giving two measures, not disagreeing). Figures the points already show, or
    whose sentence a point uses, are left out. Most widely reported first."""
    mentions = [
        m
        for m in read_mentions(sentences, language)
        if m.row not in used_rows and not m.sample and not any(m.label in text for text in shown)
    ]
    by_unit: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: -weights[m.row]):
        if len(by_unit.setdefault(mention.unit, [])) < MAX_MENTIONS:
            by_unit[mention.unit].append(mention)
    kept = [m for group in by_unit.values() for m in group]
    repeated = {m.row for m, flag in zip(kept, repeats([m.row for m in kept]), strict=True) if flag}
    clusters: list[list[Mention]] = []
    for group in by_unit.values():
        clusters += _same_fact([m for m in group if m.row not in repeated], space)

    def order(cluster: list[Mention]) -> tuple:
        outlets = {outlet_of[sentences[m.row].article_id] for m in cluster}
        return (-len(outlets), -max(weights[m.row] for m in cluster), cluster[0].unit)

    figures: list[Figure] = []
    used: list[tuple[tuple[int, ...], int]] = []
    seen: set[str] = set()
    budget = words if words is not None else 10**9
    for cluster in sorted(clusters, key=order):
        values: dict[float, list[Mention]] = {}
        for mention in cluster:
            values.setdefault(mention.value, []).append(mention)
        disputed = len(values) > 1 and not _one_article_gives_two(values, sentences)
        shown_values = (
            sorted(values.values(), key=lambda g: -len(g))
            if disputed
            else [max(values.values(), key=len)]
        )
        items = [_figure(g, sentences, outlet_of, weights, disputed) for g in shown_values]
        count = sum(word_count(f.value) + word_count(f.context) for f in items)
        fresh = [f for f in items if f.context not in seen and f.value not in seen]
        if len(figures) >= MAX_FIGURES or count > budget or len(fresh) < len(items):
            continue
        budget -= count
        seen.update(x for f in items for x in (f.context, f.value))
        figures += items
        used.append((tuple(m.row for m in cluster), count))
    return tuple(figures), used


def _figure(
    group: list[Mention],
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
    weights: Sequence[float],
    disputed: bool,
) -> Figure:
    best = max(group, key=lambda m: weights[m.row])
    article_ids = tuple(
        dict.fromkeys(
            [sentences[best.row].article_id, *(sentences[m.row].article_id for m in group)]
        )
    )
    return Figure(
        value=best.label,
        context=best.clause,
        sources=tuple(
            SourceRef(sentences[m.row].article_id, sentences[m.row].index) for m in group
        ),
        article_ids=article_ids,
        outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
        disputed=disputed,
    )


def _same_fact(group: list[Mention], space: SentenceSpace) -> list[list[Mention]]:
    """Mentions of one unit, grouped by the sentence they stand in: each joins the first
    cluster whose first sentence is similar to its own (one similarity matrix for all) and
    whose number is its rival (RIVALS)."""
    if len(group) < 2:
        return [group] if group else []  # most units are counted once: nothing to compare
    rows = [m.row for m in group]
    sims = space.similarity(rows, rows)
    heads: list[int] = []
    clusters: list[list[Mention]] = []
    for i, mention in enumerate(group):
        home = next(
            (
                c
                for c, h in enumerate(heads)
                if h == i or (sims[i, h] >= SAME_FIGURE and _rivals(mention, group[h]))
            ),
            None,
        )
        if home is None:
            heads.append(i)
            clusters.append([mention])
        else:
            clusters[home].append(mention)
    return clusters


def _rivals(one: Mention, other: Mention) -> bool:
    """Two reports of one count differ by a little ("12 people", "14 people"; "up to 10
    weeks", "six to eight weeks"), not many times over: "$50,000 a month" and "an $85 billion
    merger" in sentences alike are two amounts, not outlets disagreeing."""
    low, high = sorted((one.value, other.value))
    return high <= RIVALS * low if low > 0 else high == low


def _one_article_gives_two(
    values: dict[float, list[Mention]], sentences: Sequence[Sentence]
) -> bool:
    articles = [{sentences[m.row].article_id for m in group} for group in values.values()]
    return any(a & b for i, a in enumerate(articles) for b in articles[i + 1 :])


def figures_stated(
    sentences: Sequence[Sentence], language: str
) -> Callable[[int], frozenset[tuple[str, float]]]:
    """The figures a sentence (row) states, as (what is counted, number): "a two-hour call"
    and "lasted two hours" both state (hour, 2). Read when first asked, one sentence at a
    time: the merger asks only about the few hundred sentences still in contention."""

    @functools.cache
    def stated(row: int) -> frozenset[tuple[str, float]]:
        return frozenset((m.unit, m.value) for m in read_mentions([sentences[row]], language))

    return stated

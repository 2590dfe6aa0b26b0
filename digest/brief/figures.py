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
import re
from collections.abc import Callable, Collection, Sequence

import numpy as np

from digest.brief.counts import CLAUSE_MARK, Mention, read_mentions
from digest.models import Figure, Sentence, SourceRef
from digest.text.similarity import SentenceSpace
from digest.text.standalone import needs_context
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
    shown_rows: Collection[int],
    words: int | None,
    language: str = "english",
    held: Callable[[list[int]], np.ndarray] = lambda rows: np.zeros(len(rows), bool),
) -> tuple[tuple[Figure, ...], list[tuple[tuple[int, ...], int]]]:
    """Numbers with what they count, within `words` words (None: MAX_FIGURES figures).
    Mentions of the same unit in sentences that report the same fact (similar to the first
    such sentence, compared as one matrix) are one figure per number, credited to every
    outlet. Two numbers there are a disagreement only when no article gives both (one that
    does is giving two measures, not disagreeing). A figure the brief already states (in
    the sentences `shown_rows`, in any wording: "lasted two hours" after "a two-hour call";
    for an ordinal, any nth thing of its number: "the call, the third since he took office"
    states the third call) is left out, and so is one a figure shown before states in its
    clause, or whose clause states one shown before. A figure two or more outlets give is
    shown though its sentences are credited to a point or say mostly what the points say
    (`held`, one flag per row): the point holds their main fact, not the number ("With
    Trump's third phone call with Putin since his inauguration, a pattern has emerged:
    ..."); one outlet's number, alone or one side of a dispute, is shown only from a sentence
    that is not held (else it is a detail of a point's fact, and the words go to points).
    An ordinal is a figure only when two outlets give it ("the third call"): one outlet's
    "second wife" is background; "20 officials" and "20 individuals" can be one figure, a
    number told only in leaning sentences (`_leaning`) none. Most widely reported first."""
    mentions = _untold(sentences, shown_rows, language)
    by_unit: dict[tuple[str, bool], list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: -weights[m.row]):
        unit = (mention.unit, mention.ordinal)  # "three calls" is not "the third call"
        if len(by_unit.setdefault(unit, [])) < MAX_MENTIONS:
            by_unit[unit].append(mention)
    clusters: list[list[Mention]] = []
    for group in by_unit.values():
        clusters += _same_fact(group, space)
    clusters = _told_in_two_words(clusters, sentences, space)
    leans = _leaning(sentences)
    rows = sorted({m.row for group in clusters for m in group})
    held_of = dict(zip(rows, held(rows).tolist(), strict=True))

    def order(cluster: list[Mention]) -> tuple:
        outlets = {outlet_of[sentences[m.row].article_id] for m in cluster}
        return (-len(outlets), -max(weights[m.row] for m in cluster), cluster[0].unit)

    figures: list[Figure] = []
    used: list[tuple[tuple[int, ...], int]] = []
    budget = words if words is not None else 10**9
    for cluster in sorted(clusters, key=order):
        values: dict[float, list[Mention]] = {}
        for mention in cluster:
            values.setdefault(mention.value, []).append(mention)
        # one outlet's number (alone or in a dispute) only from a sentence no point holds
        for value, group in list(values.items()):
            if len({outlet_of[sentences[m.row].article_id] for m in group}) < 2:
                values[value] = [m for m in group if not (m.ordinal or held_of[m.row])]
        # a number whose every telling leans on the sentence before says too little alone
        values = {v: g for v, g in values.items() if not all(leans(m) for m in g)}
        if not values:
            continue
        cluster = [m for group in values.values() for m in group]
        disputed = len(values) > 1 and not _one_article_gives_two(values, sentences)
        shown_values = (
            sorted(values.values(), key=lambda g: -len(g))
            if disputed
            else [max(values.values(), key=len)]
        )
        items = [_figure(g, sentences, outlet_of, weights, disputed, leans) for g in shown_values]
        count = sum(word_count(f.value) + word_count(f.context) for f in items)
        told = any(
            _states(g.context, f.value) or _states(f.context, g.value)
            for f in items
            for g in figures
        )
        if len(figures) >= MAX_FIGURES or count > budget or told:
            continue
        budget -= count
        figures += items
        used.append((tuple(m.row for m in cluster), count))
    return tuple(figures), used


def _untold(
    sentences: Sequence[Sentence], shown_rows: Collection[int], language: str
) -> list[Mention]:
    """The mentions that can be figures (not a study's sample size, not an ordinal with no
    noun) and that the sentences `shown_rows` do not state already."""
    shown = "\n".join(sentences[r].text for r in shown_rows)  # one search a mention
    mentions = read_mentions(sentences, language)
    told = [m for m in mentions if m.row in shown_rows]
    stated = {(m.unit, m.value) for m in told}
    nth = {m.value for m in told if m.ordinal}  # "the third since ..." states a third call
    return [
        m
        for m in mentions
        if m.row not in shown_rows
        and (m.unit, m.value) not in stated
        and not (m.ordinal and m.value in nth)
        and m.unit
        and not m.sample
        and not _states(shown, m.label)
    ]


def _states(text: str, label: str) -> bool:
    """`text` shows the figure `label` as written, as a whole: a shown figure's clause or a
    point that holds it tells it again ("…a $66,000 security bill for 21 days…" under "21
    days" and under "$66,000"); "up to 18 inches" does not state "8 inches"."""
    return re.search(rf"(?<![\w.,]){re.escape(label)}(?![\w]|[.,]\d)", text) is not None


_THE_ONLY = re.compile(
    r"\W*the only\b(?!\s+(?:[\d,.]+|one|two|three|four|five|six|seven|eight|nine|ten)\b)", re.I
)
"""'The only tangible outcome was ...': of what, the sentence before said; 'The only 14
survivors ...' counts them itself."""
_PRONOUN_OPENING = re.compile(
    r"\W*(?:they|their|its|these(?!\s+days\b)|those(?!\s+who)|such)\b", re.I
)
"""A group or things said before ("They agreed ..."); "he" or "she" is mostly the story's
own subject, and "it" or "this" its event as often ("This was the third call between the
two leaders") or nothing ("It seems that ..."); "these days" is now, no thing said before
(needs_context, which reads any opening "these" as leaning, does not tell it apart)."""


def _leaning(sentences: Sequence[Sentence]) -> Callable[[Mention], bool]:
    """Whether a figure stands in the first clause of a sentence opening on something said
    before ("They agreed to keep talking and to exchange 1,000 prisoners each.", "The only
    tangible outcome was the commitment to exchange 1,000 prisoners per side ...": of the
    Istanbul talks, named before): shown alone, its clause reads as a number of whatever the
    brief told last (in the seeds' brief, Monday's call). Each sentence's opening is read
    once: a table pasted as one sentence has thousands of figures."""

    @functools.cache
    def first_clause_end(row: int) -> int:
        """Where the leaning first clause of sentence `row` ends (0: it does not lean)."""
        text = sentences[row].text
        if not (_THE_ONLY.match(text) or (_PRONOUN_OPENING.match(text) and needs_context(text))):
            return 0
        mark = CLAUSE_MARK.search(text)
        return mark.start() if mark else len(text)

    def leans(mention: Mention) -> bool:
        at = sentences[mention.row].text.find(mention.label)
        return 0 <= at < first_clause_end(mention.row)

    return leans


def _figure(
    group: list[Mention],
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
    weights: Sequence[float],
    disputed: bool,
    leans: Callable[[Mention], bool],
) -> Figure:
    """The figure of one number (`group`: its mentions), shown in the telling that stands
    alone (`leans`), else the one weighed most."""
    best = max(group, key=lambda m: (not leans(m), weights[m.row]))
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
    whose number is its rival (RIVALS), or whose first clause is similar to its own and
    states the same number. A figure told in passing in a long sentence about something
    else ("With Trump's third phone call with Putin since his inauguration, a pattern has
    emerged: ...") is the same figure as in "This was the third call between the two leaders
    since Trump was inaugurated" (sentences 0.17 alike, clauses 0.63); two numbers are
    outlets disagreeing only in sentences alike, as short clauses alike ("...12 people were
    killed...", "...9 people were killed...") can be two events."""
    if len(group) < 2:
        return [group] if group else []  # most units are counted once: nothing to compare
    rows = [m.row for m in group]
    sentences_alike = space.similarity(rows, rows) >= SAME_FIGURE
    clauses_alike = space.similarity_among([m.clause for m in group]) >= SAME_FIGURE
    heads: list[int] = []
    clusters: list[list[Mention]] = []
    for i, mention in enumerate(group):
        home = next(
            (
                c
                for c, h in enumerate(heads)
                if h == i
                or (sentences_alike[i, h] and _rivals(mention, group[h]))
                or (clauses_alike[i, h] and mention.value == group[h].value)
            ),
            None,
        )
        if home is None:
            heads.append(i)
            clusters.append([mention])
        else:
            clusters[home].append(mention)
    return clusters


def _told_in_two_words(
    clusters: list[list[Mention]], sentences: Sequence[Sentence], space: SentenceSpace
) -> list[list[Mention]]:
    """Clusters of two nouns joined where two articles give one count of people or things in
    two words: the same number in clauses alike ("The new U.S. sanctions target 20
    officials…", "…listed 20 individuals and the Bank Rossiya as targets…", held-out
    sample_validation-249, shown as two figures), compared without the count itself: "about
    300 armed men stormed the naval base" and "The measure needed 300 votes to pass" were
    alike by their number alone. Only counts named by a common noun (`Mention.common`): "20
    days" and "20 officials" are two counts, and so are "with support from 14 Republicans"
    and "a natural base of support among her party's 14 female members" (held-out
    sample_validation-072); and not two nouns one article counts: that is two counts ("12
    people killed and 12 soldiers wounded")."""
    home = list(range(len(clusters)))  # each cluster's first cluster it joins, or itself
    by_value: dict[float, list[tuple[int, Mention]]] = {}
    for c, cluster in enumerate(clusters):
        for mention in cluster:
            if mention.common:
                by_value.setdefault(mention.value, []).append((c, mention))
    for told in by_value.values():
        told = told[:MAX_MENTIONS]  # bounds the similarity matrix, as for one unit
        if len({clusters[c][0].unit for c, _ in told}) < 2:
            continue
        articles: dict[str, set[str]] = {}
        for _, mention in told:
            articles.setdefault(mention.unit, set()).add(sentences[mention.row].article_id)
        # the number alike in both says nothing here: it is what is being compared
        clauses = [m.clause.replace(m.label, " ") for _, m in told]
        alike = space.similarity_among(clauses) >= SAME_FIGURE
        for i, (c, one) in enumerate(told):
            for j, (d, other) in enumerate(told[:i]):
                if (
                    alike[i, j]
                    and one.unit != other.unit
                    and not articles[one.unit] & articles[other.unit]
                ):
                    home[_root(home, c)] = _root(home, d)
    joined: dict[int, list[Mention]] = {}
    for c, cluster in enumerate(clusters):
        joined.setdefault(_root(home, c), []).extend(cluster)
    return list(joined.values())


def _root(home: list[int], c: int) -> int:
    """The cluster that cluster `c` joins in the end (through the clusters it joined)."""
    while home[c] != c:
        c = home[c]
    return c


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

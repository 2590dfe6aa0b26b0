"""Choosing the brief's points: globally, by importance, within one word budget.

A greedy fill over all candidates of the story: each step takes the candidate that adds the
most not-yet-covered concept weight per word (see candidates.py), scaled by its prior
(position, centrality, summarizer rank, quotation) and its soft cross-outlet support.
Covered concepts count no more, and a candidate is refused outright when it is too like a
point already chosen (REDUNDANCY), when a point, key quote or key figure already shows its sentence,
when it is a chosen point's fact in other outlets' words (its sentence is a source shown
for that point, or quotes what one does; or, looser, its sentences are credited to that
point and it says little new), or when it does not fit the words left.
Gains only shrink as the brief fills, so the fill is lazy (a heap of stale
upper bounds), which keeps it fast on thousands of candidates.

Topics are served by floors, not by order (merge.py calls the fill for them): after the lead,
every configured topic that has a fact reported by two or more outlets gets its best one, and
after the facts most outlets report, every topic fills its share of the words with what fits
it best, so a busy first topic can never starve a later one.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

import numpy as np

from digest.brief.candidates import Candidate
from digest.brief.support import Support, claimed_credits, shown_credits
from digest.text.similarity import SAME_QUOTATION, SentenceSpace

REDUNDANCY = 0.33
"""A candidate this similar (TF-IDF cosine) to a chosen point repeats it. A point telling a
chosen fact in other words ("NPR has fired ... Juan Williams" / "NPR said it was
terminating Williams' contract") scores 0.05-0.3, as does another fact about the same
people, and nothing lexical told the two apart: on 32 hand-labelled held-out briefs (60
repeated points), rules on similarity with or without names, shared rare words, concept
overlap, new share, article position, shared credits or a sentence like both, tuned on half
the stories, refused as many right points as repeats or more on the other half; the simplest
(similarity 0.15 and new share under 0.2) dropped 23 repeats and 35 right points, and
held-out R-2 fell 0.25."""
SAID = 0.5
"""A key quote whose sentence has this share of its concept weight covered repeats the
points."""
TOLD = 0.2
"""A candidate whose fact other outlets tell in sentences credited to a point repeats that
point when at least this similar to it."""
SUPPORT_WEIGHT = 1.0
FILLER = 0.01
"""A candidate that covers nothing new can still fill words left over, by prior alone."""


class Chooser:
    """The state of the greedy fill: what is covered, shown and used, and the words left."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        supports: Sequence[Support],
        weight: np.ndarray,
        space: SentenceSpace,
        words: int,
        row_concepts: Sequence[frozenset[int]],
        row_figures: Callable[[int], frozenset[tuple[str, float]]],
        statements: np.ndarray,
    ) -> None:
        self.candidates = candidates
        self.statements = statements
        """Which sentences end as statements: only these are shown as sources (support.py)."""
        self.row_concepts = row_concepts
        self.row_figures = row_figures
        """The figures each sentence states (what is counted, number)."""
        self.supports = supports
        self.weight: list[float] = weight.tolist()
        """Each concept's weight; a list, as gains sum a few of them at a time, where indexing
        a numpy array costs more than the sum."""
        self.space = space
        self.unlimited = words <= 0
        self.words_left = 10**9 if self.unlimited else words
        self.covered: set[int] = set()
        self.shown_rows: list[int] = []
        self.used_rows: set[int] = set()
        """Sentences a point shows or was credited with: no key quote uses them, nor a key figure
        only one outlet gives (figures.py)."""
        self.used_mask = np.zeros(space.matrix.shape[0], dtype=bool)
        """Sentences a point shows or was credited with on similarity alone (a mutual best
        match may hold another fact): what `_told_elsewhere` looks at."""
        self.shown_or_quoted: set[int] = set()
        """Sentences a point, key quote or key figure shows: none is shown twice."""
        self.credited_by: dict[int, int] = {}
        """Another outlet's sentence -> the pick it is credited to on similarity alone."""
        self.claimed_by: dict[int, int] = {}
        """Another outlet's sentence -> the first pick it is credited to on similarity alone
        or on rare words (support.claimed_credits); a loose mutual match on the story's
        common words ("Ukrainian President Volodymyr") claims nothing."""
        self.picks: list[int] = []
        self.shown_credits: dict[int, np.ndarray] = {}
        """Each pick -> which of its credited outlets the reader is shown (support.py)."""
        self.refused: set[int] = set()
        self.section_of: Sequence[str] = ()
        self.per_section = 0

    def limit_sections(self, section_of: Sequence[str], per_section: int) -> None:
        """At most `per_section` points (0: any number) in each candidate's section."""
        self.section_of, self.per_section = section_of, per_section

    def gain(self, i: int) -> float:
        c = self.candidates[i]
        new = sum(self.weight[k] for k in c.concepts - self.covered)
        if new <= 0 and self.unlimited:
            return 0.0
        boost = c.prior * (1 + SUPPORT_WEIGHT * self.supports[i].soft)
        return new / c.words * boost + FILLER * boost

    def admissible(self, i: int) -> bool:
        """Fits the words left, is no other outlet's wording of a chosen fact, is not too
        like a chosen point, and its section has room. All but the first only get worse
        as the brief fills, so those refusals are final."""
        c = self.candidates[i]
        if i in self.refused or c.words > self.words_left:
            return False
        ok = not set(c.rows) & self.shown_or_quoted and not self._told_elsewhere(i)
        if ok and self.per_section:
            section = self.section_of[i]
            ok = sum(self.section_of[p] == section for p in self.picks) < self.per_section
        if ok and self.shown_rows:
            ok = float(self.space.similarity(c.rows, self.shown_rows).max()) < REDUNDANCY
        if not ok:
            self.refused.add(i)
        return ok

    def _told_elsewhere(self, i: int) -> bool:
        """The candidate is a chosen point's fact in other words (three wordings of one
        memorandum are one point), and is somewhat like that point (TOLD).

        Surely so, whatever else it says, when the point was credited with the candidate's
        own sentence as a source the reader is shown ("The Vatican has offered itself ..."
        after "... the Vatican had expressed interest in hosting ..."), or when the candidate
        quotes what a sentence credited to the point quotes (Trump's "will immediately start
        negotiations" after "agreed to 'immediately' start direct negotiations"): the
        reader would read that fact twice. Possibly so when the two claim one sentence of
        another outlet, or at least half the other outlets that report the candidate do so in
        sentences credited to the point, or it states a figure the point states ("lasted two
        hours" after "a two-hour call"): then only when it says mostly what is covered
        (SAID), as a best match can hold a second fact."""
        c = self.candidates[i]
        backing = self.supports[i]
        surely = {self.claimed_by[r] for r in c.rows if r in self.claimed_by}
        sure = [r for r in backing.rows[backing.strong].tolist() if r in self.credited_by]
        if sure:
            quoting = (self.space.similarity(c.rows, sure).max(axis=0) >= SAME_QUOTATION).tolist()
            surely |= {self.credited_by[r] for r, q in zip(sure, quoting, strict=True) if q}
        if surely and self._like(c.rows, surely):
            return True
        possibly = {self.credited_by[r] for r in sure}
        shared = [int(r) for r in backing.rows if self.used_mask[r]]
        if shared and 2 * len(shared) >= len(backing.rows):
            possibly |= {self.credited_by[r] for r in shared if r in self.credited_by}
        stated = self._figures(c.rows)
        if stated:
            possibly |= {p for p in self.picks if stated & self._figures(self.candidates[p].rows)}
        return (
            bool(possibly)
            and self._like(c.rows, possibly)
            and self._new_share(c.concepts) < 1 - SAID
        )

    def _like(self, rows: Sequence[int], picks: set[int]) -> bool:
        """At least TOLD similar to one of the chosen points `picks`."""
        heads = [r for p in picks for r in self.candidates[p].rows]
        return float(self.space.similarity(rows, heads).max()) >= TOLD

    def _figures(self, rows: Sequence[int]) -> frozenset[tuple[str, float]]:
        return frozenset().union(*(self.row_figures(r) for r in rows))

    def _new_share(self, concepts: frozenset[int]) -> float:
        """The share of a sentence's concept weight that nothing shown covers yet."""
        total = sum(self.weight[k] for k in concepts)
        return sum(self.weight[k] for k in concepts - self.covered) / total if total else 0.0

    def held(
        self, rows: Sequence[int], parts: Sequence[frozenset[int]] | None = None
    ) -> np.ndarray:
        """For each sentence in `rows`: held by what the brief shows already, so no key quote
        (nor a one-outlet key figure) is taken from it: a point or key quote shows it or was
        credited with it (`used_rows`), or it is too like a chosen point (one similarity
        matrix for all), or it says mostly what the points say (SAID of its concepts' weight
        covered). With `parts` (the concepts of the piece of each sentence that would be
        shown: a key quote's own words), that piece says mostly what the points say: SAID of
        its concepts covered, by count, as a quotation's words are often one outlet's, which
        weigh nothing (Peskov's "There is no time frame and can be none" is new, though the
        rest of its sentence tells what the points tell)."""
        used = np.isin(rows, list(self.used_rows))
        if not self.shown_rows or not len(rows):
            return used
        alike = self.space.similarity(rows, self.shown_rows).max(axis=1) >= REDUNDANCY
        if parts is None:
            said = [1 - self._new_share(self.row_concepts[r]) >= SAID for r in rows]
        else:
            said = [len(part & self.covered) >= SAID * len(part) for part in parts]
        return used | alike | np.array(said, dtype=bool)

    def take(self, i: int) -> None:
        c = self.candidates[i]
        self.picks.append(i)
        self.covered |= c.concepts
        self.shown_rows.extend(c.rows)
        backing = self.supports[i]
        self._use([*c.rows, *backing.rows.tolist()])
        sure = backing.rows[backing.strong].tolist()
        self.used_mask[[*c.rows, *sure]] = True
        for row in sure:
            self.credited_by.setdefault(row, i)
        self.shown_credits[i] = shown_credits(self.space, c.row, backing, self.statements)
        for row in backing.rows[claimed_credits(self.space, c.row, backing)].tolist():
            self.claimed_by.setdefault(row, i)
        self.shown_or_quoted.update(c.rows)
        self.words_left -= c.words

    def _use(self, rows: Sequence[int]) -> None:
        self.used_rows.update(rows)

    def refuse_rows(self, rows: set[int]) -> None:
        """No point may show these sentences (a quotation that repeats a point, left out of
        the key quotes, is no point either)."""
        self.refused.update(i for i, c in enumerate(self.candidates) if rows.intersection(c.rows))

    def cover(self, concepts: set[int], rows: Sequence[int], words: int) -> None:
        """Count something shown outside the points (a key quote or figure)."""
        self.covered |= concepts
        self._use(rows)
        self.shown_or_quoted.update(rows)
        self.words_left -= words

    def fill(
        self, pool: Sequence[int], limit: int | None = None, emphasis: np.ndarray | None = None
    ) -> None:
        """Take the best candidates of `pool` until nothing more fits (lazy greedy), their
        gains scaled by `emphasis` (one factor per candidate) when given."""
        scale = (lambda i: 1.0) if emphasis is None else (lambda i: float(emphasis[i]))
        heap = [(-self.gain(i) * scale(i), i) for i in pool if i not in self.picks]
        heapq.heapify(heap)
        while heap and (limit is None or len(self.picks) < limit):
            _, i = heapq.heappop(heap)
            if not self.admissible(i):
                continue
            now = self.gain(i) * scale(i)
            if now <= 0:
                continue
            if heap and now < -heap[0][0]:
                heapq.heappush(heap, (-now, i))
                continue
            self.take(i)

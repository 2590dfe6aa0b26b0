"""Which other outlets report a candidate's fact, measured softly and in bounded work.

For a candidate, every other outlet's best-matching sentence (TF-IDF cosine, or 1 where the
two quote the same words) says how well that outlet supports it: soft support is the mean of
those best matches over the other outlets, so three half-matching paraphrases count for more
than one. An outlet is *credited* with the fact only when its best sentence matches the
candidate's own sentence (never through a chain of look-alikes) well enough: at or above
`duplicate_similarity`, or at or above MUTUAL_SIMILARITY when the two sentences are each
other's best match.

Candidates are compared with all sentences in blocks of BLOCK rows (dense blocks of
BLOCK x sentences), so memory stays bounded however many articles there are, and only for
the few hundred candidates still in contention, so the work grows linearly with the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digest.text.similarity import SentenceSpace

BLOCK = 64
MUTUAL_SIMILARITY = 0.2
"""A weaker match still credits an outlet when each sentence is the other's best match."""
MAX_MUTUAL_CHECKS = 40
"""Weaker matches checked for mutuality per sentence (bounded work with many outlets)."""


@dataclass(frozen=True)
class Support:
    """For one sentence (row): soft support in [0, 1] and the credited outlets' sentences."""

    soft: float
    outlets: np.ndarray
    """The credited outlets, best match first."""
    rows: np.ndarray
    """For each credited outlet, the row of its sentence reporting the same fact."""
    strong: np.ndarray
    """For each credited outlet: credited on similarity alone (not as a mutual best match)."""


def support(
    space: SentenceSpace,
    rows: Sequence[int],
    outlet_of_row: np.ndarray,
    threshold: float,
) -> list[Support]:
    """Soft support and credits for each sentence in `rows`."""
    outlets = int(outlet_of_row.max()) + 1 if len(outlet_of_row) else 0
    order = np.argsort(outlet_of_row, kind="stable")
    starts = np.searchsorted(outlet_of_row[order], np.arange(outlets))
    ends = np.append(starts[1:], len(order))
    rows_of = [order[a:b] for a, b in zip(starts, ends, strict=True)]
    found: list[Support] = []
    for begin in range(0, len(rows), BLOCK):
        block = list(rows[begin : begin + BLOCK])
        sims = np.minimum(space.similarity_to_all(block)[:, order], 1.0)
        best = np.maximum.reduceat(sims, starts, axis=1)
        # the first column of each outlet holding its best value: that outlet's best sentence
        hit = np.where(
            sims >= np.repeat(best, np.diff(np.append(starts, len(order))), axis=1),
            np.arange(len(order)),
            len(order),
        )
        where = order[np.minimum.reduceat(hit, starts, axis=1)]
        for i, row in enumerate(block):
            own = int(outlet_of_row[row])
            found.append(_one(space, row, own, best[i], where[i], rows_of, threshold))
    return found


def _one(
    space: SentenceSpace,
    row: int,
    own: int,
    best: np.ndarray,
    where: np.ndarray,
    rows_of: list[np.ndarray],
    threshold: float,
) -> Support:
    """Soft support (mean best match over the other outlets) and the credited outlets."""
    others = len(best) - 1
    soft = float((best.sum() - best[own]) / others) if others else 0.0
    near = np.flatnonzero(best >= MUTUAL_SIMILARITY)
    near = near[(near != own)]
    near = near[np.argsort(-best[near], kind="stable")]
    strong = best[near] >= threshold
    weak = [
        o
        for o in near[~strong][:MAX_MUTUAL_CHECKS].tolist()
        if _best_in_outlet(space, int(where[o]), rows_of[own]) == row
    ]
    chosen = strong | np.isin(near, weak)
    credited = near[chosen]
    return Support(soft, credited, where[credited], strong[chosen])


def _best_in_outlet(space: SentenceSpace, row: int, cols: np.ndarray) -> int:
    """The row, among an outlet's rows `cols`, of the sentence most similar to `row`."""
    sims = space.similarity([row], cols.tolist())[0]
    return int(cols[sims.argmax()])

"""Which other outlets report a candidate's fact, measured softly and in bounded work.

For a candidate, every other outlet's best-matching sentence (TF-IDF cosine, or 1 where the
two quote the same words) says how well that outlet supports it: soft support is the mean of
those best matches over the other outlets, so three half-matching paraphrases count for more
than one. An outlet is *credited* with the fact only when its best sentence matches the
candidate's own sentence (never through a chain of look-alikes) well enough: at or above
`duplicate_similarity`, or at or above MUTUAL_SIMILARITY when the two sentences are each
other's best match and share distinctive words rare enough (DISTINCT_RARITY: a weak match on
the story's common words, "Ukraine is willing, but Russia is not", is no report of a
particular fact). The reader is shown fewer (shown_credits), and also the outlets that quote
what a point quotes, wherever their best match lies (quoted_credits): the same quotation is
the same statement.

Candidates are compared with all sentences in blocks of BLOCK rows (dense blocks of
BLOCK x sentences), so memory stays bounded however many articles there are, and only for
the few hundred candidates still in contention, so the work grows linearly with the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digest.text.similarity import SAME_QUOTATION, SentenceSpace

BLOCK = 64
MUTUAL_SIMILARITY = 0.2
"""A weaker match still credits an outlet when each sentence is the other's best match."""
MAX_MUTUAL_CHECKS = 40
"""Weaker matches checked for mutuality per sentence (bounded work with many outlets)."""
DISTINCT_RARITY = 0.15
"""A weak (mutual) match credits an outlet only when the distinctive words the two sentences
share are rarer than this (sum of 1 / sentences holding each: one word in at most six of
the story's sentences, or two in a dozen). Sharing any distinctive word was not enough: of
the 123 credits of the seeds' candidates, 15 rest on commoner words, about 12 of them wrong
("He wants to see this fighting end" for the two-hour call, 0.11; "The president is
supposed to speak with ..." for Putin's memorandum, on "speak" alone, 0.09). Of 81
hand-labelled weak credits of held-out Multi-News briefs it drops 3 wrong and 1 right."""
SHOWN_RARITY = 0.35
"""A weak (mutual) match is shown to the reader as a source only when the distinctive words
the two sentences share are this rare (sum of 1 / sentences holding each): "Vatican" and
"host", in 8 and 4 of the seeds' sentences, 0.375; "speak", in 11, 0.09."""
SHOWN_TERMS = 3
"""...and when the two share at least this many terms (stemmed content words, common or
rare): a weak match on one or two words is mostly a shared subject, not a shared fact
("Saeed, 19, a student from Damascus, called Hungary's treatment ... racism" and "'I will
stay here forever,' says Saleh, a law student from Damascus"). Of 298 shown credits of 39
held-out 600-word briefs and the seeds' read by hand, weak ones sharing fewer than three
terms were 19 wrong, 5 loose and 6 right ("Vatican" and "host" among the right); chosen on
half the clusters (7 wrong, 2 loose, 2 right dropped), the other half agreed (12, 3, 4).
Sharing a name or number of the point (a desk reader's suggestion) dropped about as many
right credits as wrong ones (22 wrong, 21 right)."""


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
    bests, wheres = [], []
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
        bests.extend(best)
        wheres.extend(order[np.minimum.reduceat(hit, starts, axis=1)])
    own = outlet_of_row[list(rows)] if len(rows) else np.zeros(0, dtype=np.int64)
    near = [_near(best, int(o)) for best, o in zip(bests, own.tolist(), strict=True)]
    strong = [best[n] >= threshold for best, n in zip(bests, near, strict=True)]
    weak = [n[~s][:MAX_MUTUAL_CHECKS] for n, s in zip(near, strong, strict=True)]
    partners = [w[n] for w, n in zip(wheres, weak, strict=True)]
    mutual = _mutual(space, rows, own, partners, rows_of)
    lengths = [len(p) for p in partners]
    distinct = (
        space.shared_rarity(
            np.repeat(np.asarray(rows, dtype=np.int64), lengths).tolist(),
            np.concatenate([np.zeros(0, dtype=np.int64), *partners]).tolist(),
        )
        > DISTINCT_RARITY
    )
    ends = np.cumsum(lengths, dtype=np.int64)
    mutual = [m & distinct[end - len(m) : end] for m, end in zip(mutual, ends, strict=True)]
    found: list[Support] = []
    for i, best in enumerate(bests):
        others = len(best) - 1
        soft = float((best.sum() - best[own[i]]) / others) if others else 0.0
        chosen = strong[i] | np.isin(near[i], weak[i][mutual[i]])
        credited = near[i][chosen]
        found.append(Support(soft, credited, wheres[i][credited], strong[i][chosen]))
    return found


def claimed_credits(space: SentenceSpace, row: int, backing: Support) -> np.ndarray:
    """Which of the credited outlets' sentences tell the fact of sentence `row` closely
    enough that no later point may tell it again: those credited on similarity alone, and
    weak mutual matches sharing rare words (SHOWN_RARITY). Looser than what the reader is
    shown as sources (shown_credits): "The Vatican has offered itself as a potential
    location to host the proposed talks" shares only "Vatican" and "host" with the seeds'
    point on Trump's statement, too few words to show it as a source, yet as a point of its
    own it would repeat that point."""
    others = backing.rows.tolist()
    return backing.strong | (space.shared_rarity([row] * len(others), others) >= SHOWN_RARITY)


def shown_credits(
    space: SentenceSpace, row: int, backing: Support, statements: np.ndarray
) -> np.ndarray:
    """Which of the credited outlets the reader is shown as reporting the fact of sentence
    `row`. Choosing counts every credit (how widely a fact is reported is a signal even
    when loose), but a source shown must hold the fact: it ends as a statement
    (`statements`, per row: a question, "What did police know about Khuram Butt?", or a
    line with no stop, "SOURCES: Thomas Kodadek, Ph.D., ...", reports nothing; 8 of the
    298 credits read, all wrong); a match on similarity alone also shares a distinctive
    word ("Ukraine is willing, but Russia is not" is as close as that to a lead on Russia
    and Ukraine), or a quotation or the whole sentence (similarity 1: wire copy run
    unchanged by many outlets has no word few of them use); a weak mutual match shares rare
    words (SHOWN_RARITY), and enough of them (SHOWN_TERMS). Read by hand, 298 credits shown
    before these two conditions: 174 right, 65 loose, 59 wrong; after: 168, 60, 32."""
    others = backing.rows.tolist()
    rarity = space.shared_rarity([row] * len(others), others)
    terms = space.shared_terms([row] * len(others), others)
    same = (
        space.similarity([row], others)[0] >= SAME_QUOTATION if others else np.zeros(0, dtype=bool)
    )
    weak = (rarity >= SHOWN_RARITY) & (terms >= SHOWN_TERMS)
    return statements[backing.rows] & np.where(backing.strong, (rarity > 0) | same, weak)


def carried_credits(
    space: SentenceSpace,
    told: dict[int, tuple[int, Sequence[int], np.ndarray]],
    outlet_of_row: np.ndarray,
    threshold: float,
    statements: np.ndarray,
) -> dict[int, list[int]]:
    """For each point (key: the sentence chosen for itself, all its sentences, and the
    other outlets' sentences shown as its sources), more sentences of other outlets to show
    as reporting it: those shown as reporting the sentences its chosen one leans on, as the
    point tells that fact too ("White House spokeswoman Karoline Leavitt confirmed Trump's
    frustration with the stalled process." before her quotation, which the New York Times
    reports in its own words), then those quoting what it quotes (quoted_credits). For the
    reader only: choosing measured the sentence chosen for itself.
    `statements`: which rows end as statements (shown_credits)."""
    context = [(key, r) for key, (row, rows, _) in told.items() for r in rows if r != row]
    backings = support(space, [row for _, row in context], outlet_of_row, threshold)
    carried: dict[int, list[int]] = {key: [] for key in told}
    for (key, row), backing in zip(context, backings, strict=True):
        shown = backing.rows[shown_credits(space, row, backing, statements)]
        carried[key].extend(shown.tolist())
    for key, (row, rows, shown) in told.items():
        sources = [*np.asarray(shown).tolist(), *carried[key]]
        carried[key].extend(quoted_credits(space, row, rows, sources, outlet_of_row, statements))
    return carried


def quoted_credits(
    space: SentenceSpace,
    row: int,
    rows: Sequence[int],
    sources: Sequence[int],
    outlet_of_row: np.ndarray,
    statements: np.ndarray,
) -> list[int]:
    """Sentences of the outlets not yet shown as reporting a point (`row`, the sentence
    chosen for itself, of `rows`; `sources`: the sentences shown as its sources) that quote
    what it quotes, wherever their best match lies (support takes only an outlet's best):
    a whole quotation of the point's sentences is in theirs or theirs in the point's
    (SentenceSpace.quoting: "I want to thank me" inside a 91-word sentence of all his
    thanks, in stop words only), or they share a quotation with a source and are somewhat
    like the point (MUTUAL_SIMILARITY: ANA's “... is ready to work with the
    Ukrainian side ...” where the Times, a source of El Mundo's point, quotes the same).
    One sentence an outlet, the one most like the point's; statements only (shown_credits).
    Of the other outlets telling the fact of 57 points of held-out briefs and the seeds'
    (read by hand: 58 clear reports, 29 loose), 32 and 5 were shown, now 36 and 5, and no
    more wrong ones (3 of 56); the 298 credits read before are unchanged, and of all it adds
    on 39 + 9 stories, 7 are right. On 135 held-out stories not read before: 15 added, 8
    right, 5 loose, 2 wrong ("Actress in a leading role" on the envelope, and the actress
    holding her own "best actress in a leading role" card)."""
    seen = {int(outlet_of_row[r]) for r in [row, *sources]}
    likeness = space.similarity_to_all([row])[0]
    quoted = np.zeros(len(likeness), dtype=bool)
    for r in rows:
        quoted |= space.quoting(r, range(len(likeness)))
    quoted |= space.sharing_a_quotation(sources) & (likeness >= MUTUAL_SIMILARITY)
    found: dict[int, int] = {}
    for r in np.argsort(-likeness, kind="stable").tolist():
        outlet = int(outlet_of_row[r])
        if quoted[r] and statements[r] and outlet not in seen and outlet not in found:
            found[outlet] = r
    return list(found.values())


def _near(best: np.ndarray, own: int) -> np.ndarray:
    """The other outlets whose best sentence matches at least MUTUAL_SIMILARITY, best first."""
    near = np.flatnonzero(best >= MUTUAL_SIMILARITY)
    near = near[(near != own)]
    return near[np.argsort(-best[near], kind="stable")]


def _mutual(
    space: SentenceSpace,
    rows: Sequence[int],
    own: np.ndarray,
    partners: list[np.ndarray],
    rows_of: list[np.ndarray],
) -> list[np.ndarray]:
    """For each row, which of its `partners` (other outlets' best sentences) have it as their
    own best match in its outlet: one similarity matrix per outlet, partners x its rows."""
    asked: dict[int, set[int]] = {}
    for o, found in zip(own.tolist(), partners, strict=True):
        asked.setdefault(o, set()).update(found.tolist())
    best_of: dict[tuple[int, int], int] = {}
    for o, wanted in asked.items():
        partner_rows = sorted(wanted)
        if not partner_rows:
            continue
        cols = rows_of[o]
        # argmax takes the first of equal values: the earliest row of the outlet, as before
        picks = cols[space.similarity(partner_rows, cols.tolist()).argmax(axis=1)]
        best_of.update(((o, w), int(r)) for w, r in zip(partner_rows, picks.tolist(), strict=True))
    return [
        np.array([best_of[(o, int(w))] == row for w in found], dtype=bool)
        for row, o, found in zip(rows, own.tolist(), partners, strict=True)
    ]

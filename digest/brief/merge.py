"""Merge stage: one story's articles become one brief, organised by topic, in N words.

1. Candidates come from the whole story (candidates.py): every sentence that can stand
   alone, weighed by the concepts it covers, how many outlets use them, and its prior
   (position, centrality, summarizer rank).
2. The few hundred most promising get their cross-outlet support (support.py): softly, how
   well each other outlet's best sentence matches, and which outlets report the same fact
   (matched against the candidate's own sentence, never through a chain).
3. Points are chosen globally within one word budget (choose.py): the lead first (what the
   outlets' headlines agree with, where two or more give one), then the best widely reported
   fact of every topic, then the facts most outlets report, then each topic's share of the
   words (TOPIC_FLOOR_SHARE) with what fits it best, then the facts most outlets report
   again (with the words the shares did not use), then whatever adds most per word; key
   quotes and key figures come out of the same budget and repeat nothing already shown,
   and the words they leave go to the facts most outlets report first.
4. Each point is filed under the topic it fits best; sections keep the configured order.

`merge_story` does this for one story's summaries; `merge` wraps it into a `models.Story`
with its articles in citation order (stories.py titles the stories and builds the Brief).
The merger decides content and order only; how a point looks is the renderers' business.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from digest.brief.candidates import Candidate, Story, candidates
from digest.brief.choose import Chooser
from digest.brief.figures import figures_stated, key_figures
from digest.brief.people import Introductions
from digest.brief.quotes import RARE_SHARE, key_quotes, repeats_point
from digest.brief.support import Support, carried_credits, support
from digest.brief.topics import filed, topic_texts
from digest.config import BriefSettings, Config, MatchingSettings, Topic
from digest.models import Article, Figure, Point, Quote, Section, SourceRef, Summary
from digest.models import Story as BriefStory
from digest.text.matching import matching_words
from digest.text.similarity import SentenceSpace
from digest.text.words import stop_words, tokens

__all__ = ["StoryContent", "merge", "merge_story"]

REPEAT_OVERLAP = 0.6
"""Share of words two points must have in common to be the same point on two days."""
POOL = 400
"""Candidates still in contention after the first, cheap estimate (bounds the work)."""
TOPIC_POOL = 20
"""Besides, each topic's best-fitting candidates stay in contention."""
HIGHLIGHTS_FROM = 400
"""Briefs of at least this many words give part of them to key quotes and figures..."""
HIGHLIGHTS_SHARE = 0.2
"""...at most this share."""
TOPIC_FLOOR_SHARE = 0.25
"""This share of the words left after the lead and each topic's first point (key quotes and
figures' share aside) is split evenly among the configured topics: the share of every topic
whose section has less besides its first point is held back from the facts most outlets
report, then each section is filled to its share with the topic's best-fitting points, so a
topic the user asked for is a section, not a line. The first point, the topic's most widely
reported fact, does not count towards the share: chosen for its breadth, not its fit, it
would otherwise use up the share when long (the seeds' 36-word "When asked why he had not
imposed new sanctions ..." left the 300-word brief's "European sanctions" without the
sanctions the EU and Britain adopted). Half the share of when it counted (0.5) keeps the
topics' part of a 600-word brief as it was."""
TOPIC_FIT_POWER = 4.0
"""Within its share, a topic's points are chosen by gain times (fit / best fit) ** this: the
sentences that say what the topic's description asks for ("new sanctions adopted by the EU
and Britain", one outlet's, fit 1) before the widely reported ones that merely mention it
("European officials also said they would prepare a new round of tougher sanctions", fit
0.85, two and a half times the gain: at the power 2 it won, and the seeds' brief told Europe
stepping up sanctions three times in other words, without the adoption itself)."""
HEADLINES = 2
"""From this many different headlines on, the lead is the point they agree with..."""
HEADLINE_WORDS = 3
"""...counting a headline with this many words besides stop words and outlet names ("World
news" or "The New York Times story" is no headline)."""
_QUOTATION_OPENING = re.compile(r"^\W*[\"“”‘'«]")
"""A unit that opens with a quotation ("“We will not,” he said."): no lead."""


@dataclass(frozen=True)
class StoryContent:
    """What the brief says about one story: its lead, topic sections, quotes and figures."""

    lead: tuple[Point, ...]
    sections: tuple[Section, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


def merge(
    summaries: list[Summary],
    config: Config,
    previous: tuple[tuple[str, tuple[str, ...]], ...] | None = None,
    highlights_from: int = HIGHLIGHTS_FROM,
) -> BriefStory:
    """One story from its articles' summaries, following the config's topics and budget.
    With `previous` ((text, outlets) of the last brief's points), points it had are marked
    not new, and left out unless an outlet has joined or the config shows repeats."""
    content = merge_story(
        summaries,
        config.topics,
        config.brief,
        config.matching,
        previous=previous,
        show_repeats=config.selection.show_repeats,
        highlights_from=highlights_from,
    )
    shown = content.lead + tuple(p for s in content.sections for p in s.points)
    return BriefStory(
        articles=_citation_order(
            shown + content.quotes + content.figures, [s.article for s in summaries]
        ),
        lead=content.lead,
        sections=content.sections,
        quotes=content.quotes,
        figures=content.figures,
    )


def merge_story(
    summaries: Sequence[Summary],
    topics: Sequence[Topic],
    brief: BriefSettings,
    matching: MatchingSettings,
    previous: tuple[tuple[str, tuple[str, ...]], ...] | None = None,
    show_repeats: bool = False,
    highlights_from: int = HIGHLIGHTS_FROM,
) -> StoryContent:
    """The lead, sections, key quotes and key figures of one story, within `brief.words`
    words in all (0: no cap). With no topics, one "Key points" section. Key quotes and
    figures get a share of the words from `highlights_from` words on."""
    story = Story(summaries, brief.language, matching.spellings)
    if not story.sentences:
        return StoryContent((), (), (), ())
    space = SentenceSpace([s.text for s in story.sentences], brief.language, matching.spellings)
    sections = [t.name for t in topics] or ["Key points"]
    fit = (
        space.similarity_to_texts(range(len(story.sentences)), topic_texts(topics))
        if topics
        else np.ones((len(story.sentences), 1))
    )
    found = candidates(story, space.centrality())
    pool = _pool(found, story.weight, fit)
    found = [found[i] for i in pool]
    supports = support(
        space, [c.row for c in found], story.outlet_of_row, matching.duplicate_similarity
    )
    new = _against_previous(found, supports, story, previous, show_repeats)
    keep = [i for i, flag in enumerate(new) if flag is not False]
    home = filed(found, fit, story, topics, sections, brief.other_section)
    keep = [i for i in keep if home[i]]
    stated = figures_stated(story.sentences, brief.language)
    chooser = Chooser(
        found, supports, story.weight, space, brief.words, story.concepts, stated, story.statements
    )
    chooser.limit_sections(home, brief.points_per_section)
    headlines = _headline_agreement(story, space, found)
    # the lead is what the headlines agree with, else what adds most (when nothing they say
    # fits), told in the outlets' words: a quotation opens the brief only when nothing else can
    told = [i for i in keep if not _QUOTATION_OPENING.match(found[i].text)]
    for pool, emphasis in ((told, headlines), (told, None), (keep, None)):
        if not chooser.picks:
            chooser.fill(pool, limit=brief.lead_points, emphasis=emphasis)
    lead = list(chooser.picks)
    for topic in sections if topics else []:
        if not any(home[i] == topic for i in chooser.picks if i not in lead):
            wide = [i for i in keep if home[i] == topic and len(supports[i].outlets)]
            chooser.fill(wide, limit=len(chooser.picks) + 1)
    reserve = int(HIGHLIGHTS_SHARE * brief.words) if brief.words >= highlights_from else 0
    chooser.words_left -= reserve
    floor = TOPIC_FLOOR_SHARE * chooser.words_left / len(topics) if topics and brief.words else 0
    own = {topic: [i for i in keep if home[i] == topic] for topic in sections}
    widely = [i for i in keep if _most_report(supports[i], story.outlet_count)]
    _fill_shares(chooser, own, fit, floor, lead, widely)
    chooser.fill(widely)  # what the topics' shares left over goes to these first, again
    chooser.fill(keep)
    chooser.words_left += reserve
    quotes, figures = _highlights(story, chooser, reserve if brief.words else None)
    chooser.fill(widely)  # the words the quotes and figures did not use, likewise
    chooser.fill(keep)
    shown = chooser.shown_credits
    told = {i: (found[i].row, found[i].rows, supports[i].rows[shown[i]]) for i in chooser.picks}
    carried = carried_credits(
        space, told, story.outlet_of_row, matching.duplicate_similarity, story.statements
    )
    points = {
        i: _point(found[i], supports[i], shown[i], story, new[i], carried.get(i, []))
        for i in chooser.picks
    }
    lead = sorted(lead, key=lambda i: _importance(points[i]), reverse=True)
    shown_sections = []
    introduced = Introductions(story.sentences, {i: found[i].text for i in chooser.picks}, lead)
    for name in [*sections, brief.other_section]:
        members = [i for i in chooser.picks if home[i] == name and i not in lead]
        members.sort(key=lambda i: _importance(points[i]), reverse=True)
        members = introduced.order(_in_article_order(members, found, points))
        if name and members:
            shown_sections.append(Section(name, tuple(points[i] for i in members)))
    return StoryContent(tuple(points[i] for i in lead), tuple(shown_sections), quotes, figures)


def _pool(found: list[Candidate], weight: np.ndarray, fit: np.ndarray) -> list[int]:
    """The candidates worth the cost of measuring their support: the best POOL by a first
    estimate of their gain, and every topic's TOPIC_POOL best-fitting ones."""
    if not found:
        return []
    weights = weight.tolist()  # summed a few at a time: a list is faster to index
    estimate = np.array([c.prior * sum(weights[k] for k in c.concepts) / c.words for c in found])
    chosen = set(np.argsort(-estimate, kind="stable")[:POOL].tolist())
    rows = [c.row for c in found]
    for topic in range(fit.shape[1]):
        topical = fit[rows, topic] * estimate
        chosen |= set(np.argsort(-topical, kind="stable")[:TOPIC_POOL].tolist())
    return sorted(chosen)


def _point(
    candidate: Candidate,
    backing: Support,
    shown: np.ndarray,
    story: Story,
    new: bool | None,
    carried: list[int],
) -> Point:
    """A point in the candidate's words, credited to every outlet shown to report its fact
    (`shown`: one flag per credited outlet; `carried`: sentences shown as reporting the
    sentence the chosen one leans on)."""
    head = story.sentences[candidate.row]
    outlet_of = story.outlet_of_article
    credited, seen = [], {outlet_of[head.article_id]}
    for row in [*backing.rows[shown].tolist(), *carried]:  # one sentence an outlet
        sentence = story.sentences[row]
        if outlet_of[sentence.article_id] not in seen:
            seen.add(outlet_of[sentence.article_id])
            credited.append(sentence)
    article_ids = tuple(dict.fromkeys([head.article_id, *(s.article_id for s in credited)]))
    return Point(
        text=candidate.text,
        article_id=head.article_id,
        sources=candidate.refs + tuple(SourceRef(s.article_id, s.index) for s in credited),
        article_ids=article_ids,
        outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
        salience=round(candidate.prior * (1 + backing.soft) / 2, 6),
        new=new,
        why=replace(candidate.why, support=round(backing.soft, 6)),
    )


def _headline_agreement(
    story: Story, space: SentenceSpace, found: list[Candidate]
) -> np.ndarray | None:
    """For each candidate, how much the outlets' headlines say what it says, as a share of
    the best candidate's (None when fewer than two different headlines are given, or no
    candidate shares a word with them). A lead says
    what the headlines say: "Trump backs off his demand for a cease-fire" over "talks will
    begin immediately" when two of four headlines lead with the first."""
    names = {w.lower() for name in story.outlet_names for w in tokens(name)}
    stops = stop_words(story.language)
    titles = [
        title
        for title in dict.fromkeys(t for t in story.titles if t)
        if len({w.lower() for w in tokens(title)} - names - stops) >= HEADLINE_WORDS
    ]
    if len(titles) < HEADLINES or not found:
        return None
    agreement = space.similarity_to_texts([c.row for c in found], titles).sum(axis=1)
    best = float(agreement.max())
    return agreement / best if best > 0 else None


def _fill_shares(
    chooser: Chooser,
    own: dict[str, list[int]],
    fit: np.ndarray,
    floor: float,
    lead: list[int],
    widely: list[int],
) -> None:
    """The facts most outlets report (`widely`), with the `floor` words of every topic
    whose section has less besides its first point held back, then each topic's section
    filled to its share (`own`: each topic's candidates, in the configured order). The
    emptiest sections go first: a topic nothing was chosen for gets its share before another
    tops its first point up."""
    firsts = list(chooser.picks)
    held_back = sum(floor for topic in own if _words_among(chooser, own[topic], firsts) < floor)
    chooser.words_left -= int(held_back)
    chooser.fill(widely)
    chooser.words_left += int(held_back)
    if not floor:
        return
    emptiest = sorted(enumerate(own), key=lambda t: _words_among(chooser, own[t[1]], lead))
    for number, topic in emptiest:
        _fill_topic(chooser, own[topic], fit[:, number], floor, firsts)


def _fill_topic(
    chooser: Chooser, own: list[int], fit: np.ndarray, floor: float, firsts: list[int]
) -> None:
    """The topic's candidates (`own`) until its section has `floor` words besides the points
    in `firsts`, the best for the topic first: gains scaled by how well each fits the topic
    (`fit`, one per sentence), relative to the best fitting, to the power TOPIC_FIT_POWER."""
    emphasis = np.zeros(len(chooser.candidates))
    emphasis[own] = [fit[list(chooser.candidates[i].rows)].max() for i in own]
    if own and emphasis.max() > 0:
        emphasis = (emphasis / emphasis.max()) ** TOPIC_FIT_POWER
    while _words_among(chooser, own, firsts) < floor:
        before = len(chooser.picks)
        chooser.fill(own, limit=before + 1, emphasis=emphasis)
        if len(chooser.picks) == before:
            break


def _words_among(chooser: Chooser, own: list[int], skip: list[int]) -> int:
    """Words the points chosen so far, bar those in `skip`, give to the section of the
    candidates `own`."""
    members = set(own) - set(skip)
    return sum(chooser.candidates[i].words for i in chooser.picks if i in members)


def _in_article_order(
    members: list[int], found: list[Candidate], points: dict[int, Point]
) -> list[int]:
    """`members` (by importance) with the points of one article that are equally widely
    reported in the article's order, in the places they hold: "European officials also said
    ..." after, not before, the sentence it follows in its article."""
    places: dict[tuple[int, str], list[int]] = {}
    for place, i in enumerate(members):
        places.setdefault((len(points[i].outlets), points[i].article_id), []).append(place)
    ordered = list(members)
    for spots in places.values():
        article_order = sorted((members[p] for p in spots), key=lambda i: found[i].rows)
        for spot, i in zip(spots, article_order, strict=True):
            ordered[spot] = i
    return ordered


def _most_report(backing: Support, outlets: int) -> bool:
    """More than half the story's outlets, and three at least, report the fact."""
    reporting = len(backing.outlets) + 1
    return 2 * reporting > outlets and (reporting >= 4 or outlets >= 5)


def _importance(point: Point) -> tuple[int, float]:
    """How widely, then how strongly, a point is reported."""
    return (len(point.outlets), point.salience)


def _against_previous(
    found: list[Candidate],
    supports: list[Support],
    story: Story,
    previous: tuple[tuple[str, tuple[str, ...]], ...] | None,
    show_repeats: bool,
) -> list[bool | None]:
    """For each candidate: True if the previous brief did not have it, False if it did and
    no new outlet reports it now (left out unless repeats are shown, then None stands for
    "shown, not new"), None when there is no previous brief."""
    if previous is None:
        return [None] * len(found)
    earlier = [(set(matching_words(text)), set(outlets)) for text, outlets in previous]
    flags: list[bool | None] = []
    for candidate, backing in zip(found, supports, strict=True):
        words = set(matching_words(candidate.text))
        outlets = {story.outlet_names[o] for o in (candidate.outlet, *backing.outlets.tolist())}
        match = next(
            (
                seen_outlets
                for seen, seen_outlets in earlier
                if len(words & seen) >= REPEAT_OVERLAP * len(words | seen)
            ),
            None,
        )
        if match is None:
            flags.append(True)
        elif show_repeats or not outlets <= match:
            flags.append(None)
        else:
            flags.append(False)
    return flags


def _highlights(
    story: Story, chooser: Chooser, words: int | None
) -> tuple[tuple[Quote, ...], tuple[Figure, ...]]:
    """Key quotes, then key figures, in `words` words (None: no cap), repeating nothing the
    points show; what they show is counted as covered, so later points do not repeat it."""
    shown = [story.sentences[r].text for r in chooser.shown_rows]
    points = [chooser.candidates[p].text for p in chooser.picks]
    rare_words = functools.partial(story.rare_words_of, share=RARE_SHARE)
    repeated: list[str] = []  # quotations left out as repeats: no point shows them either

    def repeats(quote: str, speaker: str) -> bool:
        told = repeats_point(quote, speaker, points, rare_words)
        if told:
            repeated.append(quote)
        return told

    weights = story.row_prior
    outlet_of = story.outlet_of_article
    quotes, used = key_quotes(
        story.sentences,
        outlet_of,
        weights,
        shown,
        words,
        lambda rows, texts: chooser.held(rows, [story.concepts_of(t) for t in texts]),
        story.weight_of,
        repeats,
    )
    if repeated:
        sentences = enumerate(story.sentences)
        chooser.refuse_rows({r for r, s in sentences if any(q in s.text for q in repeated)})
    for rows, count in used:
        chooser.cover(set().union(*(story.concepts[r] for r in rows)), rows, count)
    left = None if words is None else max(words - sum(c for _, c in used), 0)
    figures, used = key_figures(
        story.sentences,
        outlet_of,
        weights,
        chooser.space,
        chooser.shown_or_quoted,
        left,
        story.language,
        chooser.held,
    )
    for rows, count in used:
        chooser.cover(set().union(*(story.concepts[r] for r in rows)), rows, count)
    return quotes, figures


def _citation_order(shown: tuple, articles: list[Article]) -> tuple[Article, ...]:
    """Articles numbered in the order the brief first cites them; uncited ones last."""
    cited = [a for item in shown for a in item.article_ids]
    order = {article_id: n for n, article_id in enumerate(dict.fromkeys(cited))}
    return tuple(sorted(articles, key=lambda a: order.get(a.id, len(order))))

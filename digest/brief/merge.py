"""Merge stage: the articles' best sentences become one brief, organised by topic.

1. Candidates are each article's summarizer picks that can stand alone: a sentence that
   leans on the one before it ("But ...", "“...,” he said.") brings that sentence along, or
   is left out.
2. Salience combines how central a sentence is to the whole story, how its own summarizer
   ranked it, how early it stands, and how many outlets report the same fact.
3. The same fact from several outlets (similar wording, or the same quotation) becomes one
   point, shown in the words of its most salient sentence and credited to every outlet.
4. Points go to the topic they are most similar to; the most widely reported open the
   brief as its lead; each section keeps its best points, skipping near-repeats, within the
   section and word budgets.

The merger decides content and order only; how a point looks is the renderers' business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np

from digest.brief.highlights import key_figures, key_quotes
from digest.config import Config, Topic
from digest.models import (
    Article,
    Figure,
    Point,
    Quote,
    Salience,
    Section,
    Sentence,
    SourceRef,
    Story,
    Summary,
)
from digest.text.matching import matching_words
from digest.text.similarity import SentenceSpace
from digest.text.standalone import is_bare_attribution, needs_context
from digest.text.words import word_count

MIN_WORDS, MAX_WORDS = 6, 60
"""Shorter sentences carry too little alone; longer ones are quote dumps, not briefing lines."""
TOPIC_MIN_SIMILARITY = 0.04
"""Below this a point fits no topic and goes to the 'Also reported' section."""
REPEAT_OVERLAP = 0.6
"""Share of words two points must have in common to be the same point on two days."""
TOPIC_PICKS = 2
"""Besides its summary, each article offers its best-fitting sentences for every topic."""
REDUNDANCY = 0.3
"""A point this similar to one already shown adds too little to be shown too."""
WEIGHTS = {"centrality": 0.3, "rank": 0.25, "position": 0.15, "support": 0.3}

@dataclass
class _Candidate:
    sentence: Sentence
    outlet: str
    text: str
    refs: tuple[SourceRef, ...]
    rows: tuple[int, ...] = ()
    salience: float = 0.0
    why: Salience | None = None
    near: dict[int, float] = field(default_factory=dict)
    """Sentences (rows) reporting the same fact as one of this candidate's, with similarity."""
    credits: dict[str, SourceRef] = field(default_factory=dict)


def merge(
    summaries: list[Summary],
    config: Config,
    date: dt.date,
    built_at: dt.datetime | None = None,
    previous: tuple[tuple[str, tuple[str, ...]], ...] | None = None,
) -> Story:
    """One story from its articles' summaries, following the config's topics and budgets.
    With `previous` ((text, outlets) of the last brief's points), points it had are marked
    not new, and left out unless an outlet has joined or the config shows repeats."""
    sentences = [s for summary in summaries for s in summary.sentences]
    outlet_of = {summary.article.id: summary.article.outlet for summary in summaries}
    row_of = {(s.article_id, s.index): row for row, s in enumerate(sentences)}
    lead: tuple[Point, ...] = ()
    sections: tuple[Section, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    if sentences:
        space = SentenceSpace(
            [s.text for s in sentences], config.brief.language, config.matching.spellings
        )
        topics = list(config.topics) or [Topic(name="Key points")]
        topic_fit = space.similarity_to_texts(
            range(len(sentences)), _topic_texts(topics), config.matching.spellings
        )
        candidates = _candidates(summaries, outlet_of, row_of, topic_fit if config.topics else None)
        if candidates:
            _find_same_facts(candidates, space, config.matching.duplicate_similarity)
            _credit_other_outlets(candidates, sentences)
            _score(candidates, summaries, space, outlet_of)
        points = _group(candidates, outlet_of)
        if previous is not None:
            points = _against_previous(points, previous, config.selection.show_repeats)
        assignment = _assign_topics(points, topics, topic_fit, config)
        lead, sections = _arrange(points, assignment, topics, config, space)
        weights = {(c.sentence.article_id, c.sentence.index): c.salience for c in candidates}
        quotes = key_quotes(sentences, outlet_of, weights)
        threshold = config.matching.duplicate_similarity

        def similar(a: Sentence, b: Sentence) -> bool:
            rows = [row_of[(a.article_id, a.index)], row_of[(b.article_id, b.index)]]
            return a == b or space.similarity(rows[:1], rows[1:])[0, 0] >= threshold * 0.6

        figures = key_figures(sentences, outlet_of, weights, similar, config.brief.language)
    articles = _citation_order(
        lead, sections, [summary.article for summary in summaries], quotes + figures
    )
    return Story(articles=articles, lead=lead, sections=sections, quotes=quotes, figures=figures)


def _candidates(
    summaries: list[Summary], outlet_of: dict[str, str], row_of: dict, topic_fit: np.ndarray | None
) -> list[_Candidate]:
    """Each article's summary, plus its sentences that fit each topic best (so a topic the
    summarizer overlooked still gets its facts), keeping those that can stand in a brief.
    A sentence that leans on the one before it brings that one along, or is left out."""
    candidates = []
    for summary in summaries:
        by_index = {s.index: s for s in summary.sentences}
        chosen = [p.sentence for p in summary.picks]
        if topic_fit is not None:
            rows = [row_of[(s.article_id, s.index)] for s in summary.sentences]
            for topic in range(topic_fit.shape[1]):
                fit = topic_fit[rows, topic]
                best = [
                    i
                    for i in np.argsort(-fit, kind="stable")
                    if fit[i] >= TOPIC_MIN_SIMILARITY and _can_stand(summary.sentences[i])
                ]
                chosen += [summary.sentences[i] for i in best[:TOPIC_PICKS]]
        for sentence in dict.fromkeys(chosen):
            if not _can_stand(sentence):
                continue
            refs = (SourceRef(sentence.article_id, sentence.index),)
            text = sentence.text
            rows = (row_of[(sentence.article_id, sentence.index)],)
            if needs_context(sentence.text):
                before = by_index.get(sentence.index - 1)
                if (
                    before is None
                    or needs_context(before.text)
                    or word_count(sentence.text) + word_count(before.text) > MAX_WORDS
                ):
                    continue
                text = f"{before.text} {sentence.text}"
                refs = (SourceRef(before.article_id, before.index), *refs)
                rows = (row_of[(before.article_id, before.index)], *rows)
            candidates.append(
                _Candidate(sentence, outlet_of[sentence.article_id], text, refs, rows)
            )
    return candidates


def _can_stand(sentence: Sentence) -> bool:
    """Long enough to say something, short enough for a briefing line, not a bare
    attribution."""
    return MIN_WORDS <= word_count(sentence.text) <= MAX_WORDS and not is_bare_attribution(
        sentence.text
    )


def _find_same_facts(candidates: list[_Candidate], space: SentenceSpace, threshold: float) -> None:
    """Every sentence that reports the same fact as a candidate (the best of its one or two
    sentences), found once with a sparse search."""
    rows = sorted({r for c in candidates for r in c.rows})
    near_row = dict(zip(rows, space.neighbours(rows, threshold), strict=True))
    for candidate in candidates:
        near: dict[int, float] = {}
        for row in candidate.rows:
            for col, sim in near_row[row].items():
                if sim > near.get(col, 0.0):
                    near[col] = sim
        for row in candidate.rows:
            near.pop(row, None)
        candidate.near = near


def _credit_other_outlets(candidates: list[_Candidate], sentences: list[Sentence]) -> None:
    """For each candidate, the best matching sentence of every other article that reports
    the same fact."""
    for candidate in candidates:
        best: dict[str, tuple[float, int]] = {}
        for col, sim in candidate.near.items():
            other = sentences[col]
            if other.article_id == candidate.sentence.article_id:
                continue
            if (sim, -col) > best.get(other.article_id, (0.0, 0)):
                best[other.article_id] = (sim, -col)
        candidate.credits = {
            article_id: SourceRef(article_id, sentences[-negative_col].index)
            for article_id, (_, negative_col) in sorted(
                best.items(), key=lambda kv: (-kv[1][0], kv[0])
            )
        }


def _score(
    candidates: list[_Candidate],
    summaries: list[Summary],
    space: SentenceSpace,
    outlet_of: dict[str, str],
) -> None:
    """Salience in [0, 1]: a weighted sum of centrality, summarizer rank, position and
    support (the share of the other outlets reporting the same fact)."""
    centrality = space.centrality()
    top = max(max(centrality[list(c.rows)].max() for c in candidates), 1e-9)
    lengths = {s.article.id: max(len(s.sentences), 1) for s in summaries}
    ranks = {
        (r.sentence.article_id, r.sentence.index): r.rank for s in summaries for r in s.ranking
    }
    outlet_total = len(set(outlet_of.values()))
    for c in candidates:
        length = lengths[c.sentence.article_id]
        outlets = {c.outlet} | {outlet_of[a] for a in c.credits}
        c.why = Salience(
            centrality=float(centrality[list(c.rows)].max() / top),
            rank=1 - ranks.get((c.sentence.article_id, c.sentence.index), length) / length,
            position=1 - c.sentence.index / length,
            support=(len(outlets) - 1) / max(outlet_total - 1, 1),
        )
        c.salience = round(sum(w * getattr(c.why, k) for k, w in WEIGHTS.items()), 6)


def _group(
    candidates: list[_Candidate], outlet_of: dict[str, str]
) -> list[tuple[Point, tuple[int, ...]]]:
    """Candidates reporting the same fact become one point (most salient wording first):
    each joins the earliest group holding a candidate it matches, or starts its own."""
    ordered = sorted(
        candidates, key=lambda c: (-c.salience, c.sentence.article_id, c.sentence.index)
    )
    group_of_row: dict[int, int] = {}
    groups: list[list[_Candidate]] = []
    for candidate in ordered:
        homes = [group_of_row[col] for col in candidate.near if col in group_of_row]
        if homes:
            home = min(homes)
            groups[home].append(candidate)
        else:
            home = len(groups)
            groups.append([candidate])
        for row in candidate.rows:
            group_of_row.setdefault(row, home)
    return [_point(group, outlet_of) for group in groups]


def _point(group: list[_Candidate], outlet_of: dict[str, str]) -> tuple[Point, tuple[int, ...]]:
    """One point from a group: the head's words, credited to every member's articles."""
    head = group[0]
    credits: dict[str, SourceRef] = {}
    for member in group:
        if member is not head and member.sentence.article_id != head.sentence.article_id:
            credits.setdefault(
                member.sentence.article_id,
                SourceRef(member.sentence.article_id, member.sentence.index),
            )
        for article_id, ref in member.credits.items():
            credits.setdefault(article_id, ref)
    credits.pop(head.sentence.article_id, None)
    article_ids = (head.sentence.article_id, *credits)
    point = Point(
        text=head.text,
        article_id=head.sentence.article_id,
        sources=head.refs + tuple(credits.values()),
        article_ids=article_ids,
        outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
        salience=head.salience,
        why=head.why,
    )
    return point, head.rows


def _against_previous(
    points: list[tuple[Point, tuple[int, ...]]],
    previous: tuple[tuple[str, tuple[str, ...]], ...],
    show_repeats: bool,
) -> list[tuple[Point, tuple[int, ...]]]:
    """Mark each point new or not; drop repeats that no new outlet reports."""
    earlier = [(set(matching_words(text)), set(outlets)) for text, outlets in previous]
    kept = []
    for point, rows in points:
        words = set(matching_words(point.text))
        match = next(
            (
                outlets
                for seen, outlets in earlier
                if len(words & seen) >= REPEAT_OVERLAP * len(words | seen)
            ),
            None,
        )
        if match is None:
            kept.append((replace(point, new=True), rows))
        elif show_repeats or not set(point.outlets) <= match:
            kept.append((replace(point, new=False), rows))
    return kept


def _arrange(
    points: list[tuple[Point, tuple[int, ...]]],
    assignment: list[str],
    topics: list[Topic],
    config: Config,
    space: SentenceSpace,
) -> tuple[tuple[Point, ...], tuple[Section, ...]]:
    """Pick the lead and each section's points within the budgets, skipping near-repeats."""
    if not points:
        return (), ()
    order = sorted(range(len(points)), key=lambda i: _importance(points[i][0]), reverse=True)
    shown_rows: list[int] = []
    words_left = config.brief.words or 10**9

    def admit(i: int) -> bool:
        """Show point i if it fits the word budget and repeats no point already shown."""
        nonlocal words_left
        point, rows = points[i]
        words = word_count(point.text)
        if words > words_left:
            return False
        if shown_rows and space.similarity(rows, shown_rows).max() >= REDUNDANCY:
            return False
        shown_rows.extend(rows)
        words_left -= words
        return True

    lead = []
    for i in order:
        if len(lead) >= config.brief.lead_points:
            break
        if admit(i):
            lead.append(i)
    sections = []
    for topic in [t.name for t in topics] + [config.brief.other_section]:
        members = [i for i in order if assignment[i] == topic and i not in lead]
        chosen: list[int] = []
        for i in members:
            if len(chosen) < config.brief.points_per_section and admit(i):
                chosen.append(i)
        if topic and chosen:
            sections.append(Section(topic, tuple(points[i][0] for i in chosen)))
    return tuple(points[i][0] for i in lead), tuple(sections)


def _importance(point: Point) -> tuple[int, float]:
    """How widely, then how strongly, a point is reported."""
    return (len(point.outlets), point.salience)


def _topic_texts(topics: list[Topic]) -> list[str]:
    """What a sentence is compared with to place it: name, description, keywords (twice,
    since they are the words the user chose)."""
    return [" ".join([t.name, t.description, *t.keywords, *t.keywords]) for t in topics]


def _assign_topics(
    points: list[tuple[Point, tuple[int, ...]]],
    topics: list[Topic],
    topic_fit: np.ndarray,
    config: Config,
) -> list[str]:
    """The topic each point's sentence fits best, or the 'Also reported' section when it
    fits none (with no topics configured, every point is a key point)."""
    if not config.topics:
        return [topics[0].name] * len(points)
    names = []
    for _, rows in points:
        fit = topic_fit[list(rows)].max(axis=0)
        best = int(fit.argmax())
        names.append(
            topics[best].name if fit[best] >= TOPIC_MIN_SIMILARITY else config.brief.other_section
        )
    return names


def _citation_order(
    lead: tuple[Point, ...],
    sections: tuple[Section, ...],
    articles: list[Article],
    highlights: tuple = (),
) -> tuple[Article, ...]:
    """Articles numbered in the order the brief first cites them; uncited ones last."""
    shown = lead + tuple(q for s in sections for q in s.points) + tuple(highlights)
    cited = [a for item in shown for a in item.article_ids]
    order = {article_id: n for n, article_id in enumerate(dict.fromkeys(cited))}
    return tuple(sorted(articles, key=lambda a: order.get(a.id, len(order))))

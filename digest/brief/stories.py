"""Stories: the day's articles grouped by the event they report, each merged on its own.

A desk's morning brings several stories from many outlets. Articles are grouped into stories
by how alike their words are (grouping.py). Each story is then merged exactly as a one-story
brief (its own lead, topic sections, quotes and figures; "reported by k of n" counts its own
outlets), and the stories are ordered by how many outlets report them, then by salience.
Topics belong to the story they fit best, so an unrelated article never lands in a topic's
section.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse

from digest.brief.grouping import article_space, content_words, grouped
from digest.brief.merge import HIGHLIGHTS_FROM
from digest.brief.storymerge import StoryJob, merged_stories
from digest.config import Config, PinnedStory, Topic
from digest.models import Article, Brief, Point, PreviousPoints, SourceRef, Story, Summary
from digest.text.matching import matching_words
from digest.text.similarity import SentenceSpace
from digest.text.splitting import split_text
from digest.text.standalone import needs_context
from digest.text.words import stemmer, tokens, word_count

TOPIC_WORDS = 0.6
"""A topic (or a pinned story) belongs to a story that mentions at least this share of its
words. The seeds' story mentions 94-100% of each of the seeds' topics' words; unrelated
stories (a cruise, SkyMall, Iran's nuclear talks, which mention sanctions) at most 43%."""
CONTINUING_FIT = 0.2
"""A story continues yesterday's when one of yesterday's points fits it this well (cosine of
the point with the story's whole text). Yesterday's seeds points fit today's articles on the
same war 0.31-0.40, an unrelated story on nuclear talks and sanctions at most 0.15."""
MIN_STORY_WORDS = 90  # the least of the budget a story shown in full gets: lead + 2 points
TITLE_WORDS = 14  # a title cut from the lead is at most this many words
STORY_HIGHLIGHTS_FROM = 120
"""In a brief of several stories, a story's part of at least this many words gives a share
of them to its key quotes and figures (a one-story brief does from HIGHLIGHTS_FROM)."""
ALSO_TODAY = 20  # most stories listed under Also today; the rest are counted
LINE_WORDS = (6, 60)  # words of an Also today line: says something alone, fits one line


def assemble_brief(
    summaries: Sequence[Summary],
    config: Config,
    date: dt.date,
    built_at: dt.datetime | None = None,
    previous: PreviousPoints | None = None,
) -> Brief:
    """The brief of the day: every story's own consolidated part, in reading order, then the
    stories listed in one line under Also today."""
    built_at = built_at or dt.datetime.now().astimezone()
    space, stems = article_space(summaries, config.brief.language)
    if config.brief.one_story and summaries:  # the desk knows: one story, however worded
        positions = [tuple(range(len(summaries)))]
    else:
        positions = grouped(space) if summaries else []
    groups = [[summaries[i] for i in group] for group in positions]
    homes = _homes(_columns_of(space.present, positions), stems, config)
    continuing = _continuing(groups, _story_space(groups, config, previous), previous)
    full, listed, untold = _split_full_and_brief(groups, homes, config)
    lines = [
        dataclasses.replace(_one_line_story(groups[g]), continuing=continuing[g]) for g in listed
    ]
    words = config.brief.words
    if words:  # Also today's lines come out of the same budget, after each story's floor
        kept = _lines_within(lines, words - MIN_STORY_WORDS * len(full))
        untold += len(lines) - len(kept)
        lines = kept
        words -= sum(_line_words(line) for line in lines)
    shares = _word_shares([groups[g] for g in full], words)
    several_from = STORY_HIGHLIGHTS_FROM if len(full) > 1 else HIGHLIGHTS_FROM
    jobs = [
        StoryJob(groups[g], homes.topics.get(g, ()), share, several_from)
        for g, share in zip(full, shares, strict=True)
    ]
    stories = [
        dataclasses.replace(
            story,
            title=_title(groups[g], story.lead),
            pinned=g in homes.pinned,
            continuing=continuing[g],
        )
        for g, story in zip(full, merged_stories(jobs, config, previous), strict=True)
    ]
    stories = [s for s in stories if s.points]  # all said in the previous brief already
    stories.sort(key=lambda s: (not s.pinned, -s.outlet_count, -_salience(s)))
    return Brief(
        title=config.brief.title,
        date=date,
        built_at=built_at,
        articles=_citation_order(stories + lines, [s.article for s in summaries]),
        stories=tuple(stories),
        also_today=tuple(lines),
        untold=untold,
        method=summaries[0].method if summaries else config.summary.method,
    )


def _columns_of(present: scipy.sparse.csr_matrix, groups: list[tuple[int, ...]]) -> list[set[int]]:
    """The columns (stems) each group's articles mention, read off the rows' index slices."""
    rows = np.split(present.indices, present.indptr[1:-1])
    return [set(np.concatenate([rows[i] for i in group]).tolist()) for group in groups]


@dataclasses.dataclass(frozen=True)
class _Homes:
    """Which configured topics and pinned story belong to each story (by position)."""

    topics: dict[int, tuple[Topic, ...]]
    pinned: dict[int, int]
    """Story position -> position of the `[[stories]]` entry it matched."""


def _story_space(
    groups: list[list[Summary]], config: Config, previous: PreviousPoints | None
) -> SentenceSpace | None:
    """Each story's whole text in one TF-IDF space, to compare the previous brief's points
    with (None when there is nothing to compare)."""
    if not groups or not previous:
        return None
    return SentenceSpace(
        [" ".join(s.text for summary in group for s in summary.sentences) for group in groups],
        config.brief.language,
        config.matching.spellings,
    )


def _homes(present: list[set[int]], stems: dict[str, int], config: Config) -> _Homes:
    """Each pinned story goes to the story that mentions most of its words (one each), with
    its topics; every other topic to the story that mentions most of its words; a story
    that mentions fewer than TOPIC_WORDS of them is none's."""
    pins = _coverage(present, stems, config.stories, config.brief.language)
    pinned: dict[int, int] = {}
    for number in range(len(config.stories)):
        fit = np.where([g in pinned for g in range(len(present))], -1.0, pins[:, number])
        if fit.size and fit.max() >= TOPIC_WORDS:
            pinned[int(fit.argmax())] = number
    owner = {name: g for g, n in pinned.items() for name in config.stories[n].topics}
    claimed = {name for pin in config.stories for name in pin.topics}
    fits = _coverage(present, stems, config.topics, config.brief.language)
    topics: dict[int, list[Topic]] = {}
    for number, topic in enumerate(config.topics):
        home = owner.get(topic.name)
        if home is None and topic.name not in claimed and fits[:, number].max() >= TOPIC_WORDS:
            home = int(fits[:, number].argmax())
        if home is not None:
            topics.setdefault(home, []).append(topic)
    return _Homes({g: tuple(ts) for g, ts in topics.items()}, pinned)


def _coverage(
    present: list[set[int]],
    stems: dict[str, int],
    items: Sequence[Topic | PinnedStory],
    language: str,
) -> np.ndarray:
    """Story by item: the share of the item's words (name, description, keywords; stemmed,
    without stop words) that the story's articles mention."""
    stem = stemmer(language)
    fits = np.zeros((len(present), len(items)))
    for number, item in enumerate(items):
        text = " ".join([item.name, item.description, *item.keywords]).lower()
        wanted = {stem(w) for w in content_words(tokens(text), language)}
        columns = {stems[w] for w in wanted if w in stems}
        for g, columns_of_story in enumerate(present):
            fits[g, number] = len(columns & columns_of_story) / max(len(wanted), 1)
    return fits


def _split_full_and_brief(
    groups: list[list[Summary]], homes: _Homes, config: Config
) -> tuple[list[int], list[int], int]:
    """Stories shown in full and stories listed under Also today (positions, in order), and
    how many stories are left out of both. A story one outlet alone reports is a line while
    others are reported more widely; at most `brief.stories` are shown in full, as many as
    the word budget can give a lead and two points each."""
    outlets = [len({s.article.outlet for s in group}) for group in groups]
    order = sorted(
        range(len(groups)),
        key=lambda g: (homes.pinned.get(g, len(config.stories)), -outlets[g], -len(groups[g]), g),
    )
    if not config.brief.other_stories and homes.pinned:
        order = [g for g in order if g in homes.pinned]
    room = config.brief.stories
    if config.brief.words:
        room = max(1, min(room, config.brief.words // MIN_STORY_WORDS))
    widely = any(n > 1 for n in outlets)
    full = [g for g in order if g in homes.pinned or not widely or outlets[g] > 1][:room]
    rest = [g for g in order if g not in full]
    return full, rest[:ALSO_TODAY], len(rest[ALSO_TODAY:])


def _word_shares(groups: list[list[Summary]], words: int) -> list[int]:
    """Each story's part of the brief's word budget, by how many outlets report it, and at
    least MIN_STORY_WORDS, so the first story cannot starve the rest (0: no cap)."""
    if not words:
        return [0] * len(groups)
    weights = np.array([len({s.article.outlet for s in group}) for group in groups], float)
    shares = np.maximum(MIN_STORY_WORDS, words * weights / weights.sum())
    room = shares - MIN_STORY_WORDS
    excess = shares.sum() - words
    if excess > 0 and room.sum() > 0:  # the floors were paid by the widest-reported stories
        shares -= excess * room / room.sum()
    return [int(s) for s in shares]


def _lines_within(lines: list[Story], words: int) -> list[Story]:
    """The Also today lines, in order, that fit in `words` words; one that would pass them is
    left out (and counted), and a shorter one after it may still fit."""
    kept = []
    for line in lines:
        if _line_words(line) <= words:
            kept.append(line)
            words -= _line_words(line)
    return kept


def _line_words(line: Story) -> int:
    return sum(word_count(p.text) for p in line.points)


def _one_line_story(group: list[Summary]) -> Story:
    """A story for Also today: its title and one sentence that stands alone, from the
    article with the best-ranked such sentence."""
    article = group[0].article
    lead: tuple[Point, ...] = ()
    for summary in group:
        sentence = next(
            (
                r.sentence
                for r in summary.ranking
                if LINE_WORDS[0] <= word_count(r.sentence.text) <= LINE_WORDS[1]
                and not needs_context(r.sentence.text)
            ),
            None,
        )
        if sentence is not None:
            article = summary.article
            lead = (
                Point(
                    text=sentence.text,
                    article_id=article.id,
                    sources=(SourceRef(article.id, sentence.index),),
                    article_ids=(article.id,),
                    outlets=(article.outlet,),
                    salience=0.0,
                ),
            )
            break
    articles = (article, *(s.article for s in group if s.article is not article))
    return Story(
        articles=articles,
        lead=lead,
        sections=(),
        title=_title(group, lead),
    )


def _title(group: list[Summary], lead: tuple[Point, ...]) -> str:
    """The headline most of the story's headlines share words with; without headlines, the
    start of the lead, cut at a clause. Always the articles' own words."""
    headlines = [
        s.article.title.strip()
        for s in group
        if s.article.title and s.article.title.strip() != _file_stem(s.article.path)
    ]
    if headlines:
        words = [set(matching_words(h)) for h in headlines]
        shared = [sum(len(w & o) / max(len(w | o), 1) for o in words if o is not w) for w in words]
        return headlines[int(np.argmax(shared))]
    text = lead[0].text if lead else (group[0].sentences[0].text if group[0].sentences else "")
    first = next(iter(split_text(text)), "")
    cut = first.split()
    if len(cut) <= TITLE_WORDS:
        return first.rstrip(".")
    clause = re.match(r"(.{20,}?)[,;:—–](?:\s|$)", " ".join(cut[:TITLE_WORDS]))
    return (clause.group(1) if clause else " ".join(cut[:TITLE_WORDS])).rstrip(",;:—– ") + "…"


def _file_stem(path: str) -> str:
    return re.sub(r"\.[^./\\]*$", "", re.split(r"[/\\]", path)[-1])


def _continuing(
    groups: list[list[Summary]], space: SentenceSpace | None, previous: PreviousPoints | None
) -> list[bool | None]:
    """For each story, whether the previous brief reported it: one of that brief's points
    fits this story well (None: no previous brief). A story the previous brief told in one
    part may come back as several (a day's articles on the same war): each continues it."""
    if previous is None:
        return [None] * len(groups)
    if space is None or not previous:
        return [False] * len(groups)
    fits = space.similarity_to_texts(range(len(groups)), [text for text, _ in previous])
    return [bool(fits[g].max() >= CONTINUING_FIT) for g in range(len(groups))]


def _salience(story: Story) -> float:
    return max((p.salience for p in story.lead), default=0.0)


def _citation_order(stories: list[Story], articles: list[Article]) -> tuple[Article, ...]:
    """Articles numbered story by story, in the order each story cites them; articles of
    stories not shown come last, in input order."""
    shown = [a.id for story in stories for a in story.articles]
    order = {article_id: n for n, article_id in enumerate(dict.fromkeys(shown))}
    return tuple(sorted(articles, key=lambda a: order.get(a.id, len(order))))

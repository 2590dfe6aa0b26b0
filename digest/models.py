"""The frozen records that the pipeline stages hand to each other.

read -> Article (raw text) -> clean -> Article (body lines) -> summarize -> Summary
-> merge -> Brief -> render. Every stage returns new objects; nothing is mutated, so any stage
can be tested on hand-made input and the brief can be traced back to the files it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input article: where it came from, what is known about it, and its text.

    `text` is the article as read (already decoded, HTML reduced to text). After cleaning,
    `body` holds the lines that belong to the article and `removed` says what was dropped
    and why, so a user can check the cleaner's decisions.
    """

    id: str
    path: str
    text: str
    outlet: str
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None
    encoding: str = "utf-8"
    body: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()

    def __post_init__(self) -> None:
        # a link from input goes live in every format: only http(s) and mailto may
        object.__setattr__(self, "url", safe_link(self.url))
        # names are shown in every format and the e-mail Subject: one plain line each
        object.__setattr__(self, "outlet", clean_name(self.outlet))
        for name in ("title", "author"):
            value = getattr(self, name)
            object.__setattr__(self, name, clean_name(value) or None if value else None)


_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control characters (no document format holds them; ESC can drive a terminal) and the
bidirectional controls, with which "Reuters\u202efdp.exe" displays as "Reutersexe.pdf"."""


def clean_name(text: str) -> str:
    """An outlet, title or author as every format shows it: one line, with no control or
    bidirectional-control characters (the text around them is kept)."""
    return _UNSHOWABLE.sub("", " ".join(text.split()))


def escaped(text: str) -> str:
    """`text` (a file name) safe to print in a message or log: control and bidirectional
    characters written as escapes, so a newline in a name cannot fake a log line."""
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_link(url: object) -> str | None:
    """`url` if it is an http(s) or mailto link with no space or quote in it, else None:
    a javascript: or data: link from an article must never become clickable."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if re.fullmatch(r"(?i)(https?://|mailto:)[^\s<>\"'\x00-\x1f]+", url):
        return url
    return None


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped, with the rule that matched it."""

    text: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's body, verbatim, with where it stands.

    `index` counts sentences through the whole article (it is what brief.json cites);
    `paragraph` is the index of the body line it came from.
    """

    article_id: str
    index: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class RankedSentence:
    """A sentence with the score the summarizer gave it, kept so a brief can explain itself."""

    sentence: Sentence
    score: float
    rank: int


@dataclass(frozen=True)
class Summary:
    """An article's sentences, ranked by a summarizer (best first); `picks` are the best
    `count`, the article's own summary. The whole ranking is kept for the merger."""

    article: Article
    sentences: tuple[Sentence, ...]
    ranking: tuple[RankedSentence, ...]
    count: int
    method: str

    @property
    def picks(self) -> tuple[RankedSentence, ...]:
        return self.ranking[: self.count]


@dataclass(frozen=True)
class SourceRef:
    """Where a point's text stands: an article and the index of one of its sentences."""

    article_id: str
    sentence: int


@dataclass(frozen=True)
class Salience:
    """Why a point was chosen: each component in [0, 1], kept so the brief can explain
    itself (the merger weighs them into `Point.salience`)."""

    centrality: float
    """How close the sentence is to the story as a whole."""
    rank: float
    """How high the article's summarizer ranked it."""
    position: float
    """How early it stands in its article."""
    support: float
    """The share of the other outlets that report the same fact."""


@dataclass(frozen=True)
class Point:
    """One fact of the brief: verbatim text from one article, credited to every article that
    reports it.

    `text` is one sentence, or two consecutive sentences of the same article where the second
    would not make sense alone. `sources` are the sentences `text` is made of, first;
    then the matching sentences of the other articles. `salience` and `outlets` say why the
    point was chosen and where it ranks.
    """

    text: str
    article_id: str
    sources: tuple[SourceRef, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    salience: float
    new: bool | None = None
    """True if the previous brief did not have it; None when there is no previous brief."""
    why: Salience | None = None
    """The components of `salience`."""


@dataclass(frozen=True)
class Quote:
    """A direct quotation as written, its speaker, and every article that carries it."""

    text: str
    speaker: str
    sources: tuple[SourceRef, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A number with what it counts ("1,000 prisoners"), the clause it stands in, and the
    articles that report this number. `disputed`: others report another number for it."""

    value: str
    context: str
    sources: tuple[SourceRef, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    disputed: bool = False


@dataclass(frozen=True)
class Section:
    """A topic of the brief and its points, in the order they are shown."""

    title: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Story:
    """One event as the day's outlets report it: its own lead, topic sections, quotes and
    figures, built from its articles alone, so "reported by k of n outlets" counts within
    the story.

    `articles` are the story's articles in the order its points first cite them. `title` is
    an extract (the most widely shared headline, or the start of the lead), never written by
    digest. `continuing`: True when the previous brief had this story, False when it did not,
    None when there is no previous brief. `pinned`: a story the desk follows (`[[stories]]`).
    """

    articles: tuple[Article, ...]
    lead: tuple[Point, ...]
    sections: tuple[Section, ...]
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    title: str = ""
    continuing: bool | None = None
    pinned: bool = False

    @property
    def points(self) -> tuple[Point, ...]:
        """Every point in the order the story shows it: the lead first, then each section."""
        return self.lead + tuple(p for s in self.sections for p in s.points)

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlets of the story's articles, in citation order."""
        return tuple(dict.fromkeys(a.outlet for a in self.articles))

    @property
    def outlet_count(self) -> int:
        return len(self.outlets)


@dataclass(frozen=True)
class Brief:
    """The whole brief, ready to render. Every renderer draws from this and nothing else.

    `stories` are shown in full, in order; `also_today` are stories shown as one line each
    (reported by one outlet while others are more widely reported, or beyond the number of
    stories a brief shows). `articles` are in citation order: an article's citation number
    is its position plus one.
    """

    title: str
    date: dt.date
    built_at: dt.datetime
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    method: str
    also_today: tuple[Story, ...] = ()
    untold: int = 0
    """Stories neither shown nor listed (beyond Also today's length), counted for the reader."""
    notice: str = ""
    """Said instead of points when there is too little coverage to brief on."""
    outlet_count: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", clean_name(self.title))
        object.__setattr__(self, "outlet_count", len({a.outlet for a in self.articles}))

    def citation(self, article_id: str) -> int:
        """The number under which an article is listed in the Sources."""
        for number, article in enumerate(self.articles, start=1):
            if article.id == article_id:
                return number
        raise KeyError(article_id)

    @property
    def points(self) -> tuple[Point, ...]:
        """Every point of every story in the order the brief shows them (not Also today)."""
        return tuple(p for story in self.stories for p in story.points)

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every story's sections, in order."""
        return tuple(s for story in self.stories for s in story.sections)


PreviousPoints = tuple[tuple[str, tuple[str, ...]], ...]
"""(text, outlets) of each point of the previous brief: what the merger compares with to
mark a point new or leave a repeat out."""


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and the one-line reason shown to the user (both
    with control characters escaped: file names can hold any)."""

    path: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", escaped(self.path))
        object.__setattr__(self, "reason", escaped(self.reason))


@dataclass(frozen=True)
class BuildResult:
    """What `digest build` produced: the brief, the files written, and what was skipped."""

    brief: Brief
    files: dict[str, str]
    skipped: tuple[Skipped, ...]
    warnings: tuple[Skipped, ...]
    sentences_read: int
    directory: str
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds of each stage (read, clean+summarize, merge, render, write)."""

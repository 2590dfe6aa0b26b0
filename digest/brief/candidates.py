"""Candidate points from the whole story, and what makes one worth showing.

Every sentence of every article that can stand alone is a candidate (one that leans on the
sentence before it brings that sentence along, or is left out), not only each article's
summary: a fact the summarizer ranked 20th in its article but that four outlets report must
be able to win.

What a candidate says is measured in *concepts*: its stemmed content words and pairs of
consecutive stemmed words (not two stop words). A concept is worth more the more outlets
use it (cross-outlet support that survives paraphrase better than whole-sentence
similarity: "a memorandum on a future peace" and "memorandum on a possible peace" share
concepts while their sentences score low), and the earlier it appears in an article. A
brief that covers the most of that weight in its words says the most of what the outlets
report, once (Gillick and Favre's concept coverage).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from digest.models import Salience, Sentence, SourceRef, Summary
from digest.text.matching import matching_form
from digest.text.standalone import (
    inside_quotation,
    is_bare_attribution,
    is_quote_fragment,
    needs_context,
)
from digest.text.words import stemmer, stop_words, word_count

MIN_WORDS, MAX_WORDS = 6, 60
"""Shorter sentences carry too little alone; longer ones are quote dumps, not briefing lines."""
POSITION_DECAY = 10.0
"""A concept first seen at sentence i of an article earns 1 / (1 + i / POSITION_DECAY)."""
POSITION_WEIGHT, CENTRALITY_WEIGHT, RANK_WEIGHT, QUOTED_WEIGHT = 2.5, 5.0, 0.1, 1.7
_NO_COMMENT = re.compile(
    r"(?i)\b(?:declined\s+to\s+comment|could\s*(?:n['’]t|\s+not)\s+be\s+reached|"
    r"(?:has|have|had)\s*(?:n['’]t|\s+not)\s+(?:yet\s+|publicly\s+)?commented|"
    r"(?:did|does|do)\s*(?:n['’]t|\s+not)\s+(?:immediately\s+)?(?:respond|return|reply|answer)"
    r"\s+(?:to\s+)?(?:[\w'’-]+\s+){0,4}?(?:requests?|calls?|messages?|e-?mails?|questions?|"
    r"inquir\w+)\b)"
)
"""Someone did not comment: no fact of the story ("Mr. Trump has not commented on the latest
attacks.", "A Fandango rep did not immediately respond to a request for comment.")..."""
_SAYS_MORE = re.compile(r"(?i)\b(?:but|said|says|saying|told|added)\b")
"""...unless the sentence goes on to what they did say ("declined to comment on specific
cases due to privacy, but said it takes ...")."""
_ENDED = re.compile(r"[.!…][\"”’')\]]*\s*$|[^.!?…\s][\"”’']\s*$")
"""A sentence that ends as a statement does: a stop or an exclamation (a closing mark or
bracket may follow), or a quotation closing on its last word. Not a headline, link or
caption with no stop ("Ellen DeGeneres, others help family after their U-Haul was stolen",
"Occupy L.A.: 5 charged with crimes": 27 of 30 held-out points with no stop read by hand
were such); not a question, which the articles ask and the brief would leave unanswered
("Did you approach Spirit owner Bill Lynch before kickoff?": 15 of 15 read); not a line
announcing what follows ("The BSA sent WFAA the following statement:")."""
_FRAGMENT_START = re.compile(
    r"(?!(?:(?:al|bin|da|de|del|della|der|di|dos|du|ibn|la|le|ten|ter|van|von)\s+)+[A-Z])"
    r"[a-z][a-z'’-]*(?![\w'’-])"
)
"""A first word all in lower case: the rest of a sentence or list cut off by the page or the
splitter ("was arrested for drunk driving in Maine yesterday ...", "in Jammu and Kashmir agreed
upon by India and Pakistan.", a button's "reset Will Clinton playbook work?": 40 of 40 read on
Multi-News). Not "iPhone sales rose" or "eBay said", nor a name's particle ("de Blasio said",
"von der Leyen told", "bin Laden's son"), which news writers leave in lower case."""
_QUOTATION = re.compile(r'[“”"]')
_WORDY = re.compile(r"\w")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Candidate:
    """A unit that could be one point: one sentence, or two where the second leans on the
    first. `rows` index the story's sentences, in order."""

    text: str
    rows: tuple[int, ...]
    row: int
    """The sentence chosen for itself (the others carry it: the one before it leans on, a
    closing quotation mark after it)."""
    refs: tuple[SourceRef, ...]
    outlet: int
    words: int
    concepts: frozenset[int]
    prior: float
    """How much position, centrality and the summarizer favour it, in (0, 1]."""
    why: Salience
    """The prior's parts (support is filled in once it is measured)."""


class Story:
    """The story's sentences in one list (rows), the outlet of each, and its concepts."""

    def __init__(
        self,
        summaries: Sequence[Summary],
        language: str,
        spellings: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.sentences: list[Sentence] = [s for summary in summaries for s in summary.sentences]
        outlets = {summary.article.outlet: None for summary in summaries if summary.sentences}
        self.outlet_of_article = {s.article.id: s.article.outlet for s in summaries}
        self.outlet_names: list[str] = list(outlets)
        headline: dict[str, str] = {}
        for summary in summaries:
            if summary.sentences and summary.article.title:
                headline.setdefault(summary.article.outlet, summary.article.title)
        self.titles: list[str | None] = [headline.get(name) for name in self.outlet_names]
        """Each outlet's headline (its first article's), None where it gives none."""
        outlet_number = {name: n for n, name in enumerate(self.outlet_names)}
        self.outlet_of_row = np.array(
            [
                outlet_number[summary.article.outlet]
                for summary in summaries
                for _ in summary.sentences
            ],
            dtype=np.int64,
        )
        self.row_of = {(s.article_id, s.index): row for row, s in enumerate(self.sentences)}
        self.statements = np.array(
            [_ENDED.search(s.text) is not None for s in self.sentences], dtype=bool
        )
        """Which sentences end as statements (_ENDED): only these make points, and only these
        are shown as another outlet's report of one ("What did police know about Khuram
        Butt?" reports nothing)."""
        self.article_length = {summary.article.id: len(summary.sentences) for summary in summaries}
        self.rank = {
            (r.sentence.article_id, r.sentence.index): r.rank
            for summary in summaries
            for r in summary.ranking
        }
        self.language = language
        self._spellings = spellings
        """The configured spelling variants ("Kharkov" is "Kharkiv"): one concept each."""
        self.concepts, self.weight, self._concept_ids = _concepts(
            self.sentences, self.outlet_of_row, language, spellings
        )
        self.row_prior = np.zeros(len(self.sentences))
        """Each sentence's prior (position and centrality), set by `candidates`."""

    @property
    def outlet_count(self) -> int:
        return len(self.outlet_names)

    def _keys(self, text: str) -> list[tuple[str, ...]]:
        """A text's concept keys, read as the story's sentences were (`_concept_keys`)."""
        stem, stops = stemmer(self.language), stop_words(self.language)
        return _concept_keys(text, stem, stops, self._spellings)

    def concepts_of(self, text: str) -> frozenset[int]:
        """The story's concepts a piece of one of its sentences holds (a quotation in it)."""
        return frozenset(self._concept_ids[k] for k in self._keys(text) if k in self._concept_ids)

    def weight_of(self, text: str) -> float:
        """The weight of the story's concepts a piece of one of its sentences holds: what it
        says of what the outlets report (a story's one-outlet words weigh nothing)."""
        return float(sum(self.weight[k] for k in self.concepts_of(text)))

    def rare_words_of(self, text: str, share: float) -> frozenset[int]:
        """The story's content words a text holds that fewer than `share` of its sentences
        do: what sets one sentence apart from the rest of the story ("fascinated", not
        "Musashi")."""
        found = (self._concept_ids.get(k) for k in self._keys(text) if len(k) == 1)
        limit = share * len(self.sentences)
        return frozenset(k for k in found if k is not None and self._holding[k] < limit)

    @functools.cached_property
    def _holding(self) -> np.ndarray:
        """How many of the story's sentences hold each concept; counted when first asked."""
        ids = np.fromiter(itertools.chain.from_iterable(self.concepts), dtype=np.int64)
        return np.bincount(ids, minlength=len(self._concept_ids))


def candidates(story: Story, centrality: np.ndarray) -> list[Candidate]:
    """Every unit of the story that can be a point, with its concepts and prior."""
    found = []
    top = max(float(centrality.max()), 1e-9) if len(centrality) else 1.0
    index = np.array([s.index for s in story.sentences], dtype=float)
    story.row_prior = (
        (1 + POSITION_WEIGHT / (1 + index))
        * (1 + CENTRALITY_WEIGHT * centrality / top)
        / ((1 + POSITION_WEIGHT) * (1 + CENTRALITY_WEIGHT))
    )
    counts = [word_count(s.text) for s in story.sentences]
    leans = functools.cache(lambda row: needs_context(story.sentences[row].text))
    quoted = inside_quotations(story.sentences)
    for row, sentence in enumerate(story.sentences):
        if quoted[row] or not can_stand(sentence.text, counts[row], bool(story.statements[row])):
            continue
        rows = (row,)
        if leans(row):
            before = story.row_of.get((sentence.article_id, sentence.index - 1))
            # the sentence before can carry it: it stands alone and the two fit
            if before is None or leans(before) or counts[before] + counts[row] > MAX_WORDS:
                continue
            rows = (before, row)
        after = story.row_of.get((sentence.article_id, sentence.index + 1))
        if after is not None and not _WORDY.search(story.sentences[after].text):
            rows = (*rows, after)  # a closing mark split off by the splitter: ”frank." + "
        text = _join([story.sentences[r].text for r in rows])
        if is_quote_fragment(text):
            continue  # the end of a quotation that began further back
        length = story.article_length[sentence.article_id]
        rank = story.rank.get((sentence.article_id, sentence.index), length)
        why = Salience(
            centrality=float(centrality[row] / top),
            rank=1 - rank / length,
            position=1 / (1 + sentence.index),
            support=0.0,
        )
        found.append(
            Candidate(
                text=text,
                rows=rows,
                row=row,
                refs=tuple(
                    SourceRef(story.sentences[r].article_id, story.sentences[r].index) for r in rows
                ),
                outlet=int(story.outlet_of_row[row]),
                words=counts[row] if len(rows) == 1 else word_count(text),
                concepts=frozenset().union(*(story.concepts[r] for r in rows)),
                prior=prior(why, bool(_QUOTATION.search(text))),
                why=why,
            )
        )
    return found


def inside_quotations(sentences: Sequence[Sentence]) -> list[bool]:
    """For each sentence: inside a quotation an earlier sentence of its paragraph opened."""
    found: list[bool] = []
    for _, paragraph in itertools.groupby(sentences, key=lambda s: (s.article_id, s.paragraph)):
        found.extend(inside_quotation([s.text for s in paragraph]))
    return found


def prior(why: Salience, quoted: bool = False) -> float:
    """Position, centrality, summarizer rank and quotation together, in (0, 1]: an early
    sentence close to the story as a whole counts most, and one quoting someone a little more
    (what the story's actors said is what readers and human summaries keep). Tuned on
    Multi-News dev; the rank counts little: it sees one article, not the story."""
    return (
        (1 + POSITION_WEIGHT * why.position)
        * (1 + CENTRALITY_WEIGHT * why.centrality)
        * (1 + RANK_WEIGHT * why.rank)
        * (QUOTED_WEIGHT if quoted else 1.0)
        / ((1 + POSITION_WEIGHT) * (1 + CENTRALITY_WEIGHT) * (1 + RANK_WEIGHT) * QUOTED_WEIGHT)
    )


def can_stand(text: str, words: int | None = None, ended: bool | None = None) -> bool:
    """Long enough to say something, short enough for a briefing line, ended as a statement
    (_ENDED: not a headline, a question, nor a line announcing what follows it, which can
    still carry that statement), begun as one (_FRAGMENT_START), not a bare attribution, nor
    one saying only that someone did not comment. `words` and `ended`: its word count and
    whether it ends as a statement, when known (Story.statements)."""
    words = word_count(text) if words is None else words
    return (
        MIN_WORDS <= words <= MAX_WORDS
        and (_ENDED.search(text) is not None if ended is None else ended)
        and not _FRAGMENT_START.match(text)
        and not is_bare_attribution(text)
        and not _no_comment(text)
    )


def _no_comment(text: str) -> bool:
    """The sentence says only that someone did not comment (_NO_COMMENT, _SAYS_MORE)."""
    found = _NO_COMMENT.search(text)
    return bool(found) and not _SAYS_MORE.search(text, found.end())


def _join(texts: list[str]) -> str:
    """Consecutive sentences as one text: a space between sentences, none before a piece
    that is only punctuation (it belongs to the sentence before, as in the article)."""
    joined = texts[0]
    for text in texts[1:]:
        joined += text if not _WORDY.search(text) else f" {text}"
    return joined


def _concept_keys(
    text: str,
    stem: Callable[[str], str],
    stops: frozenset[str],
    spellings: dict[str, tuple[str, ...]] | None = None,
) -> list[tuple[str, ...]]:
    """A text's concepts, as stemmed words: pairs of consecutive words (not two stop
    words), then content words; spelling variants as one (`spellings`: configured ones)."""
    words = [stem(w) for w in _TOKEN.findall(matching_form(text, spellings))]
    keys = [p for p in pairwise(words) if not (p[0] in stops and p[1] in stops)]
    return keys + [(w,) for w in words if w not in stops]


def _concepts(
    sentences: list[Sentence],
    outlet_of_row: np.ndarray,
    language: str,
    spellings: dict[str, tuple[str, ...]] | None = None,
) -> tuple[list[frozenset[int]], np.ndarray, dict[tuple[str, ...], int]]:
    """Each sentence's concepts (ids: its content words and pairs of consecutive words),
    and each concept's weight: the number of outlets
    using it plus a bonus for an early position; zero for a concept only one outlet uses
    when the story has several outlets. Concepts are numbered in the order they first occur;
    outlets and positions are counted over all occurrences at once."""
    stem, stops = stemmer(language), stop_words(language)
    ids: dict[tuple[str, ...], int] = {}
    per_sentence: list[frozenset[int]] = []
    occurrences: list[int] = []
    ends: list[int] = []
    for sentence in sentences:
        keys = _concept_keys(sentence.text, stem, stops, spellings)
        found = [ids.setdefault(key, len(ids)) for key in keys]
        per_sentence.append(frozenset(set(found)))
        occurrences += found
        ends.append(len(occurrences))
    concept = np.array(occurrences, dtype=np.int64)
    row = np.repeat(np.arange(len(sentences)), np.diff(np.array([0, *ends], dtype=np.int64)))
    outlets = int(outlet_of_row.max()) + 1 if len(outlet_of_row) else 1
    # each (concept, outlet) once: sorted and deduplicated by hand (np.unique hashes, and
    # is several times slower on these 700,000 occurrences)
    pairs = np.sort(concept * outlets + outlet_of_row[row])
    used_by = pairs[np.append(True, pairs[1:] != pairs[:-1])] // outlets if len(pairs) else pairs
    spread = np.bincount(used_by, minlength=len(ids)).astype(float)
    index = np.array([s.index for s in sentences], dtype=float)
    early = np.zeros(len(ids))
    np.maximum.at(early, concept, 1 / (1 + index[row] / POSITION_DECAY))
    weight = spread + early
    if len(set(outlet_of_row.tolist())) > 1:
        weight[spread < 2] = 0.0
    return per_sentence, weight, ids

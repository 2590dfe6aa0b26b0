"""Key quotes: what a reader looks for first, pulled from every article.

A key quote is a direct quotation with its named speaker ("“...,” Peskov said"), as written;
the same words quoted by several outlets are one quote, credited to all of them and to any
outlet that gives them in other words (a translation). A speaker the quote names by one word
is shown as the article first names them ("Leo": "Pope Leo XIV").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from digest.brief.candidates import inside_quotations
from digest.brief.speakers import (
    NAME,
    NAME_ENDINGS,
    SPEECH_WORDS,
    full_name,
    fuller_name,
    speaker_of,
)
from digest.models import Quote, Sentence, SourceRef
from digest.text.matching import matching_words
from digest.text.standalone import SPEECH_VERB, SPEECH_VERBS, quotation_leans_back
from digest.text.words import stemmer, stop_words, tokens, word_count

VERB = SPEECH_VERB
# “QUOTE,” Speaker said.   “QUOTE,” said Speaker.   Speaker said: “QUOTE”
_QUOTE_FIRST = re.compile(
    rf"[“\"](?P<quote>[^“”\"]{{25,}}?[.!?]?),?[”\"],?\s+(?:(?P<speaker>(?:[\w.’'-]+\s+){{0,4}}?{NAME})\s+"
    rf"{VERB}|{VERB}\s+(?P<speaker2>{NAME}(?:\s+and\s+{NAME})?))"
)
_SPEAKER_FIRST = re.compile(
    rf"(?P<speaker>{NAME})\s+{VERB}[^“\"]{{0,30}}?[:,]\s*[“\"](?P<quote>[^“”\"]{{25,}}?)[”\"]"
)
_ADVERB = r"(?:(?!(?:was|is|were|been|being|be)\b)[a-z]+\s+)?"
"""One word between the pronoun and its verb ("he later added"), not a passive's ("he was
told", "she was asked"): there the quotation is someone else's words to them."""
# He added: “QUOTE”   “QUOTE,” she said.   (the speaker the sentence before quotes)
_PRONOUN_FIRST = re.compile(
    rf"^(?:He|She)\s+{_ADVERB}{VERB}[^“\"]{{0,30}}?[:,]\s*[“\"](?P<quote>[^“”\"]{{25,}}?)[”\"]"
)
_PRONOUN_AFTER = re.compile(
    rf"[“\"](?P<quote>[^“”\"]{{25,}}?[.!?]?),?[”\"],?\s+(?:he|she)\s+{_ADVERB}{VERB}\b"
)
_TURN = r"(?:But|However|Yet|Still|Though|Although|Nevertheless|Nonetheless)\b"
_GOES_ON = re.compile(rf"[^“”\"]{{0,40}}?[,:]\s*[“\"]\s*(?:[a-z]|{_TURN})")
"""After the speaker ('..., Williams told Fox News, “which is that ...'): the same
quotation goes on, so the quote shown stops mid-sentence."""
_TURNS = re.compile(rf"\s*[“\"]\s*{_TURN}")
"""The next sentence ('“But in terms of the dominance of the threat ...'): the quotation goes
on to turn what it said; shown alone, the quote says what the speaker did not mean."""
_OWN_SPEECH = re.compile(
    rf"I\s+(?:{'|'.join(SPEECH_VERBS)}|say|tell)\b[^,:'‘“\"]{{0,20}}[,:]?\s*['‘]"
)
"""'I said, ‘...’': the speaker reporting their own words."""
MIN_REPORTED_WORDS = 3
"""Words beyond speech and stop words a quotation of the speaker's own words must hold to say
something: not “I said, 'I said what I meant to say,'”."""
_UPDATE = re.compile(r"\W*updated?\b", re.IGNORECASE)
MAX_QUOTES = 4
"""Key quotes a brief shows at most. With five, the seeds' 600-word brief spent its last
words on Pope Leo's "I carry in my heart the sufferings ..." rather than the point that Trump
spoke with Zelensky before the call (four outlets); of the 345 held-out 600-word briefs, four
had a fifth quote (two a principal's words, two asides)."""
QUOTE_RUN = 6
QUOTE_WEIGHT = 8.5
"""A key quote's own words weigh at least this much (the concept weight of candidates.py: each
of its words and pairs of words counts the outlets using it, plus up to 1 for an early
mention; a word only one outlet uses weighs nothing), or it does not say what the story is
about: "It's possible, but I doubt it" and "In a good way or a bad way?" weigh 0, "We live
on a little farm. I love animals" 3. Of 130 key quotes of held-out Multi-News 600-word
briefs judged by hand (79 a desk reader would want: a principal's position, a claim, a
warning, a number; 51 filler: small talk, a vague line, a bystander's aside, an emotion),
8.5 keeps 61 of the 79 and 14 of the 51; on a second sample of 70, 28 of 39 and 4 of 31 (10:
56 and 10 of the first; a count of the words two outlets use, the speaker's prominence, the
quotation's length or its first person separated them less). Over the 345 held-out 600-word
briefs, key quotes went from 257 to 131, ROUGE-1/2 from 40.24/14.96 to 40.09/14.92 (the
words go to points)..."""
SENTENCE_WEIGHT = 60.0
"""...unless its sentence weighs this much: the rest of the sentence then says what a short
quotation is about (the seeds' “There is no time frame and can be none,” Kremlin
spokesman Dmitry Peskov told journalists Tuesday, after Russia deflected pressure for a
ceasefire before peace talks, ...": 5.9 in the quotation, 85 in the sentence). Set for that
quote, the Kremlin's word on the talks' timing; held-out key quotes whose sentences weigh
this much weigh 27 or more themselves, so it changes none of them."""
ECHO_WORDS = 4
ECHO_SHARE = 0.6
"""Another article quotes a key quote in other words, as a translation does (the Times'
“... create massive amounts of jobs and wealth” and El Mundo's “... create huge amounts of
employment and wealth”), when one of its quotations, or a sentence inside one, holds
ECHO_WORDS or more of the quote's content words, and those are ECHO_SHARE or more of the
shorter one's. With 3 words it also took Trump's tweet “... Stock Market at an all-time
high” for his “You're seeing what's happening with the stock market” (held-out Multi-News,
its one change there: those outlets quote word for word, which `_shingles` finds)."""
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
RARE_SHARE = 0.2
REPEATED_WORDS = 3
"""A quotation repeats a point that names its speaker when the two share this many of the
quotation's rarer words (each in fewer than RARE_SHARE of the story's sentences; not the
speaker's name): “Since my youth, I have been fascinated with World War II history ...”
after "Allen said he had long been fascinated by second world war history". It took 7 of the
131 key quotes of the held-out 600-word briefs, 4 plain repeats and 3 mostly so, none wrong."""


def key_quotes(
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
    weights: Sequence[float],
    shown: Sequence[str],
    words: int | None,
    held: Callable[[list[int], list[str]], np.ndarray] = lambda rows, quotes: np.zeros(
        len(rows), bool
    ),
    weigh: Callable[[str], float] | None = None,
    repeats: Callable[[str, str], bool] | None = None,
) -> tuple[tuple[Quote, ...], list[tuple[tuple[int, ...], int]]]:
    """Quotations with a named speaker, each once, most widely carried first, at most
    MAX_QUOTES in `words` words (None: no cap on words), leaving out any the points already
    show (`held`: one flag per quotation, given its sentence's row and its words; or the same
    words quoted in one), any no article carrying it says who the speaker is (`full_name`),
    any that says too little of the story (`weigh`: the weight of the story's concepts a
    text holds; None: no such test) and any that repeats a point (`repeats`: given the quote
    and its speaker).
    Also returns, for each quote, the sentences (rows) it stands in and the words it takes."""
    taken = set().union(*(_shingles(matching_words(text)) for text in shown))
    groups = _same_words(_quotations(sentences), sentences)
    items = [item for g in groups for item in g]
    flags = held([r for *_, r in items], [quote for quote, *_ in items]).tolist()
    taken_items = {id(item) for item, flag in zip(items, flags, strict=True) if flag}
    groups = [
        g
        for g in groups
        if not any(id(item) in taken_items for item in g)
        and not (_shingles(matching_words(g[0][0])) & taken)
        and (weigh is None or any(_says_enough(item, sentences, weigh) for item in g))
    ]

    echoes = _Echoes(sentences) if groups else None
    rows_of = {id(g): [r for *_, r in g] for g in groups}
    for group in groups:
        names = {_surname(speaker) for _, speaker, _ in group}
        articles = {sentences[r].article_id for *_, r in group}
        rows_of[id(group)] += echoes.of(group[0][0], names, articles)

    def order(group: list) -> tuple:
        outlets = {outlet_of[sentences[r].article_id] for r in rows_of[id(group)]}
        return (-len(outlets), -max(weights[r] for *_, r in group), group[0][0])

    quotes, used = [], []
    budget = words if words is not None else 10**9
    texts_of: dict[str, list[str]] = {}  # each article's sentences, for its speakers' names
    for sentence in sentences if groups else ():
        texts_of.setdefault(sentence.article_id, []).append(sentence.text)
    for group in sorted(groups, key=order):
        if len(quotes) >= MAX_QUOTES:
            break
        quote, speaker, chosen = _named(group, sentences, texts_of)
        count = word_count(quote) + word_count(speaker or "")
        if speaker is None or count > budget or (repeats and repeats(quote, speaker)):
            continue
        if any(echoes.same(quote, shown_quote.text) for shown_quote in quotes):
            continue  # a quote shown already, in another outlet's words
        budget -= count
        rows = rows_of[id(group)]
        article_ids = tuple(
            dict.fromkeys([sentences[chosen].article_id, *(sentences[r].article_id for r in rows)])
        )
        quotes.append(
            Quote(
                text=quote,
                speaker=speaker,
                sources=tuple(SourceRef(sentences[r].article_id, sentences[r].index) for r in rows),
                article_ids=article_ids,
                outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
            )
        )
        used.append((tuple(rows), count))
    return tuple(quotes), used


def _same_words(
    found: list[tuple[str, str, int]], sentences: Sequence[Sentence]
) -> list[list[tuple[str, str, int]]]:
    """Quotations (quote, speaker, row) grouped where they quote the same words (a run of
    QUOTE_RUN words of a group's first one), one of each article."""
    groups: list[list[tuple[str, str, int]]] = []
    group_of: dict[tuple[str, ...], int] = {}  # each group's first quotation's word runs
    for item in found:
        runs = _shingles(matching_words(item[0]))
        home = next((group_of[r] for r in runs if r in group_of), None)
        if home is None:
            group_of.update(dict.fromkeys(runs, len(groups)))
            groups.append([item])
        elif all(
            sentences[r].article_id != sentences[item[2]].article_id for *_, r in groups[home]
        ):
            groups[home].append(item)
    return groups


class _Echoes:
    """Every article's quotations as content words (stems, no stop words), to find a quote
    another article gives in other words (ECHO_WORDS, ECHO_SHARE) and says who said (its
    paragraph names the speaker: not another person's words on the same thing). Read once
    per story."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        stem, stops = stemmer("english"), stop_words("english")
        self._words = lambda text: frozenset(
            stem(w.lower()) for w in tokens(text) if w.lower() not in stops
        )
        parts: dict[tuple[str, int], list[str]] = {}
        for sentence in sentences:
            parts.setdefault((sentence.article_id, sentence.paragraph), []).append(sentence.text)
        self._paragraphs = {key: " ".join(texts) for key, texts in parts.items()}
        self._quoted: list[tuple[Sentence, int, frozenset[str]]] = []
        for row, (sentence, inside) in enumerate(
            zip(sentences, inside_quotations(sentences), strict=True)
        ):
            spans = [sentence.text] if inside else []
            spans += [m[1] or m[2] for m in _QUOTED.finditer(sentence.text)]
            for words in map(self._words, spans):
                if len(words) >= ECHO_WORDS:  # fewer can echo nothing
                    self._quoted.append((sentence, row, words))
        self._holding: dict[str, list[int]] = {}  # each word's spans: a big story's are many
        for span, (*_, words) in enumerate(self._quoted):
            for word in words:
                self._holding.setdefault(word, []).append(span)

    def of(self, quote: str, names: set[str], articles: set[str]) -> list[int]:
        """The rows, one an article not in `articles`, that give `quote` in other words in a
        paragraph naming its speaker (one of `names`)."""
        own = self._words(quote)
        naming = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names if n))
        shared = Counter(span for word in own for span in self._holding.get(word, ()))
        found: dict[str, int] = {}
        for span in sorted(span for span, count in shared.items() if count >= ECHO_WORDS):
            sentence, row, words = self._quoted[span]
            article = sentence.article_id
            if article in articles or article in found or not _same_statement(own, words):
                continue
            if naming.pattern and naming.search(self._paragraphs[article, sentence.paragraph]):
                found[article] = row
        return list(found.values())

    def same(self, quote: str, other: str) -> bool:
        """Whether two quotations say the same thing in other words."""
        return _same_statement(self._words(quote), self._words(other))


def _same_statement(words: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two quotations' content words say the same (ECHO_WORDS, ECHO_SHARE)."""
    shared = len(words & other)
    return shared >= ECHO_WORDS and shared >= ECHO_SHARE * min(len(words), len(other))


def _named(
    group: list[tuple[str, str, int]],
    sentences: Sequence[Sentence],
    texts_of: dict[str, list[str]],
) -> tuple[str, str | None, int]:
    """The quotation of a group to show, with its speaker's full name: the longest (the
    earliest in its article of those as long) whose article says who the speaker is; no
    speaker where none does."""
    for quote, speaker, row in sorted(group, key=lambda i: (-len(i[0]), sentences[i[2]].index)):
        name = full_name(speaker, texts_of[sentences[row].article_id])
        if name is not None:
            return quote, fuller_name(name, texts_of), row
    return "", None, -1


def _quotations(sentences: Sequence[Sentence]) -> list[tuple[str, str, int]]:
    """Every quotation that can be a key quote: (quote, speaker, row). Not one with no named
    speaker, one that opens in lower case (the end of a sentence), one leaning on the words
    around it, one cut where the same quotation goes on or turns, one that only reports
    the speaker's own speech, or an aside in brackets. A speaker named by "he" or "she" is
    the one person the article's sentence before quotes (`_quoted_before`)."""
    after = {(s.article_id, s.index - 1): s.text for s in sentences}
    named = []
    for row, sentence in enumerate(sentences):
        for match in [
            *_QUOTE_FIRST.finditer(sentence.text),
            *_SPEAKER_FIRST.finditer(sentence.text),
        ]:
            named.append((match, speaker_of(match, sentence.text), row))
    found = []
    for row, speaker in _quoted_before(sentences, named).items():
        text = sentences[row].text
        named += [(m, speaker, row) for m in _PRONOUN_FIRST.finditer(text)]
        named += [(m, speaker, row) for m in _PRONOUN_AFTER.finditer(text)]
    for match, speaker, row in named:
        sentence = sentences[row]
        quote = match.group("quote").strip()
        if (
            speaker
            and 5 <= len(quote.split()) <= 45
            and not quote[:1].islower()
            and not quotation_leans_back(quote)
            and not _GOES_ON.match(sentence.text, match.end())
            and not _TURNS.match(after.get((sentence.article_id, sentence.index), ""))
            and not _says_nothing(quote)
            and not _aside(sentence.text, match)
        ):
            found.append((quote, speaker, row))
    return found


def _quoted_before(
    sentences: Sequence[Sentence], named: list[tuple[re.Match, str | None, int]]
) -> dict[int, str]:
    """For each sentence, the one speaker its article's sentence before quotes, where it
    quotes one ("“We will walk all the way to Germany,” said Mohammad, 28. “Shop is gone,
    house is gone,” he said."): news writers name a speaker by "he" or "she" only when the
    sentence before said who that is. Not after a question: "he" is then who answers."""
    speakers: dict[tuple[str, int], set[str | None]] = {}
    for match, speaker, row in named:
        asks = match.group("quote").rstrip().endswith("?")
        speakers.setdefault((sentences[row].article_id, sentences[row].index + 1), set()).add(
            None if asks else speaker
        )
    one = {}
    for row, sentence in enumerate(sentences):
        before = speakers.get((sentence.article_id, sentence.index), set())
        if len(before) == 1 and None not in before:
            one[row] = next(iter(before))
    return one


def _aside(text: str, match: re.Match) -> bool:
    """Whether the quotation and its attribution stand inside round or square brackets
    ("(In 2010, Breitbart told this magazine, “I like to call someone ...”)"): an aside
    from another time or about another thing; not an editor's update ("[Updated at ...")."""
    before, after = text[: match.start()], text[match.end() :]
    return not _UPDATE.match(text) and any(
        before.count(opening) > before.count(closing) or after.count(closing) > after.count(opening)
        for opening, closing in ("()", "[]")
    )


def _says_enough(
    item: tuple[str, str, int], sentences: Sequence[Sentence], weigh: Callable[[str], float]
) -> bool:
    """Whether a quotation (quote, speaker, row) or its sentence weighs enough of what the
    outlets report (QUOTE_WEIGHT, SENTENCE_WEIGHT) to say what the story is about."""
    quote, _, row = item
    return weigh(quote) >= QUOTE_WEIGHT or weigh(sentences[row].text) >= SENTENCE_WEIGHT


def repeats_point(
    quote: str, speaker: str, points: Sequence[str], rare_words: Callable[[str], frozenset[int]]
) -> bool:
    """Whether one of the `points` names the speaker (the last word of the name) and shares
    REPEATED_WORDS of the quotation's rarer words besides the name (`rare_words`: the
    story's rarer words a text holds): the point has told what the speaker said, in its
    words or the speaker's (said “Moonlight won Best Picture”)."""
    naming = re.compile(rf"(?<!\w){re.escape(_surname(speaker))}(?!\w)")
    own = rare_words(quote) - rare_words(speaker)
    return len(own) >= REPEATED_WORDS and any(
        len(own & rare_words(text)) >= REPEATED_WORDS for text in points if naming.search(text)
    )


def _says_nothing(quote: str) -> bool:
    """A quotation that opens with the speaker reporting their own words and holds fewer than
    MIN_REPORTED_WORDS words besides speech and stop words."""
    if not _OWN_SPEECH.match(quote):
        return False
    ignored = stop_words("english") | SPEECH_WORDS
    words = [w for w in matching_words(quote) if w not in ignored]
    return len(words) < MIN_REPORTED_WORDS


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    """Runs of QUOTE_RUN words: two quotations sharing one quote the same words."""
    if len(words) < QUOTE_RUN:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + QUOTE_RUN]) for i in range(len(words) - QUOTE_RUN + 1)}


def _surname(speaker: str) -> str:
    """The last word of a speaker's name that is no ending like "Jr.": how articles name them."""
    words = speaker.split()
    return next((w for w in reversed(words) if w.lower().strip(".") not in NAME_ENDINGS), "")

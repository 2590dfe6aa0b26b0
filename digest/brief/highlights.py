"""Key quotes and key figures: what a reader looks for first, pulled from every article.

A key quote is a direct quotation with its named speaker ("“...,” Peskov said"); the same
words quoted by several outlets are one quote, credited to all of them. A key figure is a
number with what it counts ("1,000 prisoners", "two hours", "273 drone strikes"); the same
count reported by several outlets is one figure, and where outlets give different numbers
for the same thing, each number is shown with its own outlets. Quotes and figures are the
articles' own words: a quotation as written, a figure with the clause around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digest.models import Figure, Quote, Sentence, SourceRef
from digest.text.matching import matching_words
from digest.text.standalone import SPEECH_VERB
from digest.text.words import stemmer, stop_words

NAME = r"(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|de|von|der|van))*"
VERB = SPEECH_VERB
# “QUOTE,” Speaker said.   “QUOTE,” said Speaker.   Speaker said: “QUOTE”
_QUOTE_FIRST = re.compile(
    rf"[“\"](?P<quote>[^”\"]{{25,}}?[.!?]?),?[”\"],?\s+(?:(?P<speaker>(?:[a-z]+\s+)*{NAME})\s+"
    rf"{VERB}|{VERB}\s+(?P<speaker2>{NAME}))"
)
_SPEAKER_FIRST = re.compile(
    rf"(?P<speaker>{NAME})\s+{VERB}[^“\"]{{0,30}}?[:,]\s*[“\"](?P<quote>[^”\"]{{25,}}?)[”\"]"
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
}
_FIGURE = re.compile(
    r"(?<![\w.,-])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(_NUMBER_WORDS)
    + r")(?:(?P<hyphen>-)(?P<measure>[a-z]{3,})\b|\s+(?P<unit>[a-z]{3,}(?:\s+[a-z]{3,})?)\b)",
    re.I,
)
_NOT_UNITS = {
    "of",
    "and",
    "the",
    "to",
    "in",
    "on",
    "at",
    "for",
    "a",
    "an",
    "or",
    "by",
    "with",
    "from",
    "as",
    "years",
    "year",
    "percent",
    "per",
    "more",
    "other",
    "times",
    "p",
    "am",
    "pm",
    "a.m",
    "p.m",
}
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "the", "a", "an"}
MAX_QUOTES = 5
CLAUSE_WORDS = 16
MAX_FIGURES = 6


def key_quotes(
    sentences: Sequence[Sentence], outlet_of: dict[str, str], salience: dict[tuple[str, int], float]
) -> tuple[Quote, ...]:
    """Quotations with a named speaker, each once, most widely carried first."""
    found: list[tuple[str, str, Sentence]] = []
    for sentence in sentences:
        for match in list(_QUOTE_FIRST.finditer(sentence.text)) + list(
            _SPEAKER_FIRST.finditer(sentence.text)
        ):
            speaker = _speaker(match)
            quote = match.group("quote").strip()
            if speaker and 5 <= len(quote.split()) <= 45:
                found.append((quote, speaker, sentence))
    groups: list[list[tuple[str, str, Sentence]]] = []
    first_words: list[list[str]] = []  # each group's first quotation, in matching form
    for item in found:
        words = matching_words(item[0])
        home = next(
            (g for g, seen in zip(groups, first_words, strict=True) if _same_quote(words, seen)),
            None,
        )
        if home is None:
            groups.append([item])
            first_words.append(words)
        elif all(s.article_id != item[2].article_id for _, _, s in home):
            home.append(item)
    quotes = []
    for group in groups:
        quote, speaker, chosen = max(group, key=lambda i: (len(i[0]), -i[2].index))
        # the article whose words are shown is cited first, as for points
        article_ids = tuple(dict.fromkeys([chosen.article_id, *(s.article_id for *_, s in group)]))
        quotes.append(
            Quote(
                text=quote,
                speaker=speaker,
                sources=tuple(SourceRef(s.article_id, s.index) for _, _, s in group),
                article_ids=article_ids,
                outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
            )
        )
    weight = {
        id(q): max(salience.get((r.article_id, r.sentence), 0.0) for r in q.sources) for q in quotes
    }
    quotes.sort(key=lambda q: (-len(q.outlets), -weight[id(q)], q.text))
    return tuple(quotes[:MAX_QUOTES])


@dataclass(frozen=True)
class _Mention:
    """One number in one sentence: the stem of what it counts, its value, the words shown
    ("1,000 prisoners") and the clause around them."""

    unit: str
    value: float
    label: str
    clause: str
    sentence: Sentence


def key_figures(
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
    salience: dict[tuple[str, int], float],
    similar: Callable[[Sentence, Sentence], bool],
    language: str = "english",
) -> tuple[Figure, ...]:
    """Numbers with what they count. Mentions of the same unit in sentences that report the
    same fact (`similar`) are one figure per number, credited to every outlet; two numbers
    there are a disagreement, each shown with its outlets. Most widely reported first."""
    clusters: list[list[_Mention]] = []
    for mention in _mentions(sentences, language):
        home = next(
            (
                c
                for c in clusters
                if c[0].unit == mention.unit
                and any(similar(m.sentence, mention.sentence) for m in c)
            ),
            None,
        )
        if home is None:
            clusters.append([mention])
        else:
            home.append(mention)

    def score(mention: _Mention) -> float:
        return salience.get((mention.sentence.article_id, mention.sentence.index), 0.0)

    def weight(cluster: list[_Mention]) -> tuple:
        outlets = {outlet_of[m.sentence.article_id] for m in cluster}
        return (-len(outlets), -max(score(m) for m in cluster), cluster[0].unit)

    figures = []
    for cluster in sorted(clusters, key=weight)[:MAX_FIGURES]:
        values: dict[float, list[_Mention]] = {}
        for mention in cluster:
            values.setdefault(mention.value, []).append(mention)
        for group in sorted(values.values(), key=lambda g: -len(g)):
            best = max(group, key=score)
            article_ids = tuple(
                dict.fromkeys([best.sentence.article_id, *(m.sentence.article_id for m in group)])
            )
            figures.append(
                Figure(
                    value=best.label,
                    context=best.clause,
                    sources=tuple(
                        SourceRef(m.sentence.article_id, m.sentence.index) for m in group
                    ),
                    article_ids=article_ids,
                    outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
                    disputed=len(values) > 1,
                )
            )
    return tuple(figures)


def _mentions(sentences: Sequence[Sentence], language: str) -> list[_Mention]:
    """Every number that counts something, with the noun it counts."""
    stem, stops = stemmer(language), stop_words(language)
    mentions = []
    for sentence in sentences:
        for match in _FIGURE.finditer(sentence.text):
            first, *rest = (match.group("measure") or match.group("unit")).lower().split()
            if (
                first in _NOT_UNITS
                or first in _MONTHS
                or first in _NUMBER_WORDS
                or first in stops
                or _looks_like_year(match)
            ):
                continue
            second = rest[0] if rest and rest[0] not in stops | _NOT_UNITS else None
            # "two-hour" counts hours; "1,000 prisoners" prisoners; "273 drone strikes" strikes
            start = match.start()
            if match.group("hyphen"):
                noun, end = first, match.end()
            elif first.endswith("s") or second is None:
                noun, end = first, match.start("unit") + len(first)
            else:
                noun, end = second, match.end("unit")
            mentions.append(
                _Mention(
                    stem(noun),
                    _value(match.group("number")),
                    sentence.text[start:end],
                    _clause(sentence.text, start, end),
                    sentence,
                )
            )
    return mentions


def _speaker(match: re.Match) -> str | None:
    speaker = match.groupdict().get("speaker") or match.groupdict().get("speaker2") or ""
    words = speaker.split()
    while words and words[0][0].islower():
        words.pop(0)  # "spokesman Dmitry Peskov" -> "Dmitry Peskov"
    if not words or words[0].lower() in PRONOUNS:
        return None
    return " ".join(words)


def _same_quote(a: list[str], b: list[str]) -> bool:
    """One quotation contains a run of six words of the other: the same words quoted."""
    shingles = {tuple(a[i : i + 6]) for i in range(len(a) - 5)}
    return bool(shingles & {tuple(b[i : i + 6]) for i in range(len(b) - 5)}) or a == b


def _value(number: str) -> float:
    word = number.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    return float(number.replace(",", ""))


def _looks_like_year(match: re.Match) -> bool:
    number = match.group("number")
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a figure, verbatim (at most CLAUSE_WORDS words around it), with …
    where it was cut."""
    marks = (",", ";", ":", "—", " – ", "(", "“", "”")
    left = max(text.rfind(mark, 0, start) for mark in marks)
    left = left + 1 if left >= 0 else 0
    rights = [i for i in (text.find(m, end) for m in marks) if i != -1]
    right = min(rights) if rights else len(text.rstrip('.!?”"'))
    before = text[left:start].split()[-CLAUSE_WORDS // 2 :]
    after = text[end:right].split()[: CLAUSE_WORDS // 2]
    clause = " ".join([*before, text[start:end], *after]).strip()
    cut_left = left > 0 or len(text[left:start].split()) > len(before)
    cut_right = right < len(text.rstrip()) or len(text[end:right].split()) > len(after)
    return f"{'…' if cut_left else ''}{clause}{'…' if cut_right else ''}"

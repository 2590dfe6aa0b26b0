"""Sentence splitting without downloaded data, linear in the text.

sumy's own Tokenizer needs NLTK's punkt data, which no package registry serves, so digest
gives sumy a tokenizer of its own built on nupunkt: a Punkt model that ships inside the
package, splits a thousand articles in about a second and a 5 MB line in well under one
(pysbd, used before, took 20 s for the thousand and more than 600 s for the line).

Punkt's own mistakes are repaired here. Its shipped abbreviation list was learnt from legal
text and holds thousands of plain words ("lead", "bond", "hughes") after which it would never
end a sentence, so only real abbreviations are kept. And a piece is joined back to the
sentence before it when it cannot start one: after a title or an initial ("Lt. | Col.
Smith", "Vladimir V. | Putin"), after "No." or "Jan." before a number, in lower case, as a
bare attribution ("“Vladimir, STOP!” | Mr. Trump wrote."), or inside a short quotation.
"""

from __future__ import annotations

import functools
import re

from digest.text.standalone import is_bare_attribution
from digest.text.words import tokens

TITLES = frozenset((
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs",
    "lt", "col", "gen", "gens", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr",
    "brig", "supt", "insp", "det", "rev", "fr", "st", "mt", "ft", "pres", "amb", "hon", "sra",
    "srta", "mme", "mlle",
))  # fmt: skip
"""After one of these with its period, a capitalised word continues the sentence."""

BEFORE_NUMBERS = frozenset((
    "no", "nos", "vol", "art", "sec", "fig", "p", "pp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
))  # fmt: skip
"""After one of these with its period, a number continues the sentence ("No. 10")."""

QUOTE_REACH = 3
"""A quotation left open is carried over at most this many pieces, so that a stray quote
mark can never run a whole paragraph together."""

# Abbreviations with a vowel that news writes before a name or a number. Other entries of
# the model's list are kept only with an inner period ("u.s", "p.m") or no vowel ("ltd").
_WITH_VOWELS = frozenset((
    "inc", "co", "corp", "gen", "gens", "col", "capt", "gov", "govs", "sen", "sens", "rep",
    "reps", "prof", "rev", "hon", "maj", "adm", "est", "approx", "dept", "univ", "assoc", "ave",
    "fig", "al", "op", "cf", "ca", "vol", "mme", "mlle", "messrs", "sra", "srta", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tues", "wed", "thu",
    "thur", "thurs", "fri", "vs",
))  # fmt: skip
_VOWEL = re.compile(r"[aeiouy]")
_LAST_WORD = re.compile(r"(?:^|[\s(\"'“‘])([^\W\d_]{1,6})\.$")
_INITIAL = re.compile(r"(?:^|[\s(])[^\W\d_]\.$")
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z][a-z]{0,4}|\w\.\w)\.$")
_CLOCK_END = re.compile(r"\d\s?[ap]\.m\.$", re.I)
_AFTER_CLOCK = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
    r"[ECMPAH][SD]?T\b|GMT|UTC|BST|CET)"
)
_GLUED = re.compile(r"[a-z][.!?](?=[\"“”’)]?[A-Z])")
_WORD_START = re.compile(r"[^\W\d_]+")
_DOMAINS = frozenset(("com", "net", "org", "gov", "edu", "io", "tv", "info", "biz", "co", "uk"))
_CONTINUING = frozenset(",;:)]}»”’–—%…")  # a piece opening with these ends something before
_TAIL = 24  # characters of the sentence so far that the join rules look at


class OfflineTokenizer:
    """The tokenizer sumy expects (to_sentences, to_words), with no downloaded data."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return split_text(paragraph, self.language)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokens(sentence))


def split_text(text: str, language: str = "english") -> tuple[str, ...]:
    """Sentences of one paragraph, verbatim: each is a stripped slice of `text`, and joined
    pieces keep whatever stood between them. `language` is accepted for sumy's interface;
    the model and the joins serve the European languages digest cleans."""
    pieces = _pieces(text)
    spans: list[list[int]] = []
    index = 0
    while index < len(pieces):
        start, end = pieces[index]
        if spans and _continues(text[max(spans[-1][0], start - _TAIL) : start], text[start:end]):
            spans[-1][1] = end
        else:
            spans.append([start, end])
        index += 1
        closing = _quote_closes_at(text, (start, end), pieces, index)
        if closing:
            spans[-1][1] = pieces[closing - 1][1]
            index = closing
    return tuple(text[start:end] for start, end in spans)


def _pieces(text: str) -> list[tuple[int, int]]:
    """nupunkt's sentence spans, without surrounding white space or empty pieces, cut where
    two sentences are glued together with no space (_glued_cuts)."""
    spans = []
    for _, (start, end) in _model().tokenize_with_spans(text):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += len(piece) - len(piece.lstrip())
            spans.append([start, start + len(stripped)])
    cuts = _glued_cuts(text)
    if not cuts:
        return [(start, end) for start, end in spans]
    pieces: list[tuple[int, int]] = []
    following = iter(cuts)
    never = len(text) + 2  # past every end + 1
    cut = next(following, never)
    for n, (start, end) in enumerate(spans):
        while cut < start:
            cut = next(following, never)
        while cut <= end + 1:
            if start < cut < end:
                pieces.append((start, cut))
                start = cut
            elif cut == end + 1 and n + 1 < len(spans) and spans[n + 1][0] == end:
                end = spans[n + 1][0] = cut  # nupunkt gave the closing quote to the next one
            cut = next(following, never)
        pieces.append((start, end))
    return pieces


def _glued_cuts(text: str) -> list[int]:
    """Where a sentence ends and the next begins with no space between them: "for a probation
    violation.But when", "Olivera said.Olivera told", "going through."Serna is" (a lower-case
    letter, a full stop, "!" or "?", a closing quote if any, then a capital; or an opening
    quote and a capital: "think so."In my mind"). Not after an abbreviation or initials
    ("Mr.Smith", "e.g.The") nor inside an address ("Yahoo.Com"; "U.S.Army" has no lower-case
    letter before its stop)."""
    cuts = []
    quotes = counted = 0
    for found in _GLUED.finditer(text):
        cut = found.end()
        quotes += text.count('"', counted, cut)
        counted = cut
        # a straight quote closes a quotation when an odd number of them came before it
        if text[cut] in "”’)" or (text[cut] == '"' and quotes % 2 == 1):
            cut += 1
        if not _is_one_token(text, found.end() - 1, cut):
            cuts.append(cut)
    return cuts


def _is_one_token(text: str, stop: int, cut: int) -> bool:
    """Whether the stop at `stop` is part of one token with the word after it: after an
    abbreviation, a title or initials ("Mr.Smith", "e.g.The", "Ph.D."; the letter after it
    has a stop of its own) or in an address ("example.com/News", "Yahoo.Com")."""
    window = text[max(0, stop - _TAIL) : stop].split()
    if not window or (len(window) == 1 and stop > _TAIL):
        return True  # a token longer than the window: an address
    left = window[-1].lstrip("\"“‘'([")
    word = left.lower()
    right = _WORD_START.match(text, cut)
    return (
        any(mark in left for mark in "./@:")
        or len(word) == 1
        or word in TITLES
        or word in _WITH_VOWELS
        or bool(right and right.group().lower() in _DOMAINS)
        or bool(right and len(right.group()) == 1 and text.startswith(".", right.end()))
    )


def _continues(before: str, piece: str) -> bool:
    """Whether `piece` carries on the sentence whose last characters are `before`."""
    first = piece[0]
    if first.islower() or first in _CONTINUING or is_bare_attribution(piece):
        return True
    before = before.rstrip()
    if first == "(":  # "OAKLAND, Calif. | (AP) — The Golden State Warriors ..."
        return bool(_ABBREVIATED_END.search(before))
    if _CLOCK_END.search(before):  # "at 8:20 p.m. | Friday", "9:22 a.m. | EST"
        return bool(_AFTER_CLOCK.match(piece))
    last = _LAST_WORD.search(before)
    word = last.group(1).lower() if last else ""
    if first.isdigit():
        return word in BEFORE_NUMBERS
    return first.isupper() and (word in TITLES or bool(_INITIAL.search(before)))


def _quote_closes_at(text: str, piece: tuple[int, int], pieces: list, index: int) -> int:
    """When `piece` opens a quotation that one of the next QUOTE_REACH pieces closes, the
    index just after that piece; else 0 (the quotation's sentences are then kept apart)."""
    words = text[piece[0] : piece[1]]
    if words.count('"') % 2 == 0 and words.count("“") <= words.count("”"):
        return 0
    for ahead in range(index, min(index + QUOTE_REACH, len(pieces))):
        following = text[pieces[ahead][0] : pieces[ahead][1]]
        if '"' in following or "”" in following:
            return ahead + 1
    return 0


@functools.cache
def _model():
    """nupunkt's shipped model, keeping only the abbreviations that are abbreviations."""
    import nupunkt

    model = nupunkt.load("default")
    for abbreviation in model.abbreviations:
        if not _is_abbreviation(abbreviation):
            model.remove_abbreviation(abbreviation)
    return model


def _is_abbreviation(word: str) -> bool:
    return (
        word in _WITH_VOWELS
        or "." in word
        or (word.isalpha() and (len(word) == 1 or not _VOWEL.search(word)))
    )

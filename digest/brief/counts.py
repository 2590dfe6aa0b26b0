"""What the numbers in a sentence count: each number with the noun it counts, its value, and
the clause around it, as written ("1,000 prisoners", "two hours", "$2 million"), and each
ordinal with what it is the nth of ("the third call").

A number counts something only where the words around it say so: not a year, a day, a time,
a name's number ("Flight 370", "Prop 37"), a description ("two-term"), nor a number in words
that is no span ("two leaders"). figures.py groups the mentions of several outlets into key
figures; the merger asks which figures a sentence states.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digest.models import Sentence
from digest.text.words import stemmer, stop_words, tokens

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
_NUMBER = re.compile(
    r"(?<![\w.,/:-])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(_NUMBER_WORDS)
    + r")(?P<suffix>bn|tn|m|k)?(?:-(?P<measure>[a-z]{3,})\b|(?![\w-]|[.,]\d))",
    re.I,
)
"""A number, with a scale glued to it ("$1.8m", "€20.9bn") or the word a hyphen glues to it
("two-hour"); not one inside a date, time or name written with it ("9/11", "10:30",
"B-52")."""
_SUFFIXES = {"k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
_WORD_AFTER = re.compile(r"\s+([a-z]+(?:-[a-z]+)*)(?![\w'’-])")
"""One word after a number, in lower case: a capitalised word, a figure or a mark ends what
the number can count ("20 Gas Conservation tests", "37 dropped 9 points")."""
_PEOPLE = re.compile(r"\s+([A-Z][a-z]+ans|Democrats|Israelis|Iraqis|Britons)(?![\w'’-])")
"""The capitalised words a number can count: a people or a party ("220 million Americans",
"40 Palestinians", "14 Republicans", "12 Israelis"); not "7 Reasons", "18 This"."""
WORDS_TO_NOUN = 3
"""The counted noun is one of this many words after the number (and its scale word):
"1,000 prisoners", "273 drone strikes", "94 southern white rhinos"."""
_PLURALS = {"people", "children", "men", "women", "feet", "teeth", "police", "personnel", "staff"}
_PLURALS |= {"crew", "cattle", "sheep", "deer", "fish", "aircraft", "livestock", "mph", "kph"}
"""Counted nouns and units that take no -s."""
_IN_COMPOUNDS = {"hour", "day", "week", "month", "minute", "decade", "half", "third", "thirds"}
_IN_COMPOUNDS |= {"quarter", "quarters", "fifth", "fifths"}
"""A number glued by a hyphen to the next word makes an adjective: it is a figure for a span
("a two-hour call", "a 30-day ceasefire") or a share ("one-third", "three-quarters"), not
for a description ("two-term president", "five-page motion", "6-foot", "one-liners")."""
_CURRENCIES = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen"}
_SIGN = "[" + re.escape("".join(_CURRENCIES)) + "]"
_CURRENCY = re.compile(r"(?:(?<![A-Za-z])[A-Z]{1,3})?" + _SIGN + r"\s?$")
"""A sign just before a number ("$2 million", "US$5", "£10 million") makes it an amount of
money: the sign is part of the figure, and the figure ends at its scale word ("$2 million
lawsuit" is "$2 million"; the lawsuit is not what is counted)."""
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august"}
_MONTHS |= {"september", "october", "november", "december"}
_DATE = re.compile(
    r"\b(?:"
    + "|".join(m.capitalize() for m in sorted(_MONTHS))
    + r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s*$"
)
"""'May 3 voters will decide': after a month's name the number is a day."""
_LOW = rf"(?:{_SIGN})?(?:\d[\d,.]*|" + "|".join(_NUMBER_WORDS) + r")(?:\s+(?:million|billion))?"
_RANGE = re.compile(rf"(?<![\w.,])(?:between\s+{_LOW}\s+and|{_LOW}\s+to)\s+$", re.I)
"""'could take 12 to 20 weeks', 'between six and eight weeks': the figure is the range, not
its upper end alone."""
_RANGE_ON = re.compile(rf"\s+(?:and|to)\s+(?={_SIGN}?\d)")
"""'$25 billion to $50 billion': an amount a range goes on from is its lower end, no figure
of its own (the upper end's figure is the range)."""
_SAMPLE = re.compile(
    r"(?i)(?:\b(?:sample|survey|poll|study|studies|analysis)\s+(?:of|involv\w*|followed)|"
    r"\b(?:surveyed|polled|interviewed|sampled|population of))\s+(?:(?:more than|about|nearly|"
    r"some|over|almost|roughly|a total of|at least|just|only)\s+)?$"
)
"""'including a sample of 99 modern Lebanese', 'a poll of 800 registered female voters': how
many a study or poll looked at is its method; what it found is the story. Such a count is
no key figure (it still tells a second telling of a point's figure)."""
_NAMING = re.compile(
    r"(?i)\b(?:chapter|article|section|title|no\.|number|flight|route|phase|category|level|"
    r"grade|stage|room|gate|page|platform|line|prop\.?|proposition|amendment|district|exit|"
    r"interstate|highway|channel|episode|season)\s*$"
)
"""'Chapter 11 protection', 'Flight 370', 'Prop 37 campaign': the number names something, it
counts nothing."""
_NAMED = re.compile(r"(?:\S\s+[A-Z][\w.-]*|#|\d[–—]|\b(?:Yes|No)\s+on)\s*$")
"""'MEGA 5.05 software', 'June 7 California primary', '# 4 heroin', '2013– 16 outbreak':
after a name (not the sentence's first word), a number sign or a dash glued to a number,
the number is part of a name or a span ("No on 37 ads": a ballot measure); after a dash
between words ('cut again — 40 teachers lost their jobs') it counts."""
_NOT_UNITS = {"of", "and", "the", "to", "in", "on", "at", "for", "a", "an", "or", "by", "with"}
_NOT_UNITS |= {"from", "as", "years", "year", "percent", "per", "more", "other", "times", "p"}
_NOT_UNITS |= {"am", "pm", "a.m", "p.m"}
CLAUSE_WORDS = 16
REACH = 400
"""What tells a number's use (a name or sign before it, the clause around it) stands within
this many characters of it: looking no further keeps a sentence of thousands of numbers (a
table pasted as one line) linear, not quadratic."""
_SPANS = {"hours", "days", "weeks", "months", "minutes", "decades"}
"""A number in words counts something only as a span ("two hours"), not "two leaders"."""
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
"""'650 million air passengers': after a scale word the counted noun is looked for as after
the number ('5 million people homeless' counts people); the value is the whole number, so
'5 million people' and '5,000,000 people' are one figure."""
MIN_CLAUSE_WORDS = 3
"""A figure's clause needs this many words besides the figure, one of them at least no stop
word, or it is a bare fragment ("...even in the last six months...", "...which has over
100,000 signatures")."""
_A_NUMBER = r"(?:\d|\b(?:" + "|".join(_NUMBER_WORDS) + r"))"
"""The end of a number in figures or in words, for what may come after it."""
_SPAN_GOES_ON = re.compile(_A_NUMBER + r"\s+(?:hours?|days?|weeks?|months?|years?)\s+and\s+$", re.I)
"""'two hours and 15 minutes': the minutes end the span the hours began; no figure alone."""
_MARK_IN_TIME = re.compile(r"\s+mark\b")
"""'At the nine-minute mark': a point in time, as 'two hours ago' is."""
_AGO = re.compile(r"\s+ago\b")
"""'two hours ago' says when, as '10:30' does: no span."""
_CONVERSION = re.compile(r"\d[\d,.]*\s*[^\W\d_]+\s*\(\s*$")
"""Text before a figure ending in "8 mph (": the figure restates that one in another unit."""
_PER = re.compile(r"\s+(?:a|an|per|each|every)\s+(minute|hour|day|week|month|year)\b", re.I)
_IN_A = {("seconds", "minute"): 60, ("minutes", "hour"): 60, ("hours", "day"): 24}
_IN_A |= {("hours", "week"): 168, ("days", "week"): 7, ("days", "year"): 365}
_IN_A |= {("weeks", "year"): 52, ("months", "year"): 12}
"""'24 hours a day', '7 days a week', '365 days a year': a span as long as the period it is
per is an idiom for "all the time", as "24/7" is, no figure of the story (held-out
sample_validation-204: "employees working 24 hours a day"); "four hours a week" is a rate,
and counts."""
_TEASER = re.compile(
    r"(?:\b(?i:photos?|pictures|videos?|watch|related(?:\s+[a-z]+)?|see also|read more|"
    r"gallery|slideshow)\s*:|\b(?:STORY|READ|MORE):|\bJUST WATCHED\b|\bMUST WATCH\b)[^()\[\]]*$"
)
"""'(PHOTOS: 8 key players in IRS scandal story)', 'JUST WATCHED The wiretapping saga in 2
minutes Replay More Videos', 'Read more: 10 things ...': a number after a link's or a
video's label, with no bracket between them (in the label's brackets, or in none), is in
the title of another page (a list, a clip's length), no count of the story (held-out
sample_validation-116 and -009 showed both as key figures)."""
_THINGS_NOT = {"hours", "days", "weeks", "months", "minutes", "seconds", "decades", "nights"}
_THINGS_NOT |= {"miles", "feet", "inches", "meters", "metres", "kilometers", "kilometres"}
_THINGS_NOT |= {"pounds", "tons", "tonnes", "acres", "degrees", "mph", "kph", "points"}
_THINGS_NOT |= {"dollars", "euros", "cents"}
"""Plural words after a number that measure time or size rather than count people or
things: "20 officials" and "20 individuals" can be one count told in two words, "20 days"
and "20 officials" cannot."""


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ORDINALS |= {"eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL = re.compile(
    r"(?<![\w.,/:-])(?P<number>" + "|".join(_ORDINALS) + r"|(?!1st)\d+(?:st|nd|rd|th))(?![\w'’-])"
)
"""An ordinal in lower case counts what it is the nth of ("the third call since his
inauguration", "the bloc's 18th package"): not "first" nor "1st", most often no count at
all ("at first", "first lady", "the 1st time"), nor a capitalised one (a name, "Second
Amendment", or an enumeration, "Third, ..."), nor one in a compound ("second-largest"),
nor a second after a number ("a 39 second video", "a ten second clip": `_AFTER_NUMBER`)."""
_AFTER_NUMBER = re.compile(_A_NUMBER + r"\s+$", re.I)
_SHARE = re.compile(r"\ba\s+$", re.I)
"""An ordinal after "a" with no noun is a share ("a third of the voters", "fell by a
third"), not the nth of anything."""
_NO_NTH = {"century", "centuries", "world", "degree", "guess", "half", "hand", "man", "woman"}
_NO_NTH |= {"person", "individual", "lesson", "reason", "point", "thing", "way", "answer"}
_NO_NTH |= {"question", "option", "step", "district", "floor", "street", "avenue"}
_NO_NTH |= {"birthday", "anniversary", "quarter"}
"""Words that make an ordinal a date ("the 17th century", "the second world war", "the third
quarter") or an age ("her 18th birthday", "the 100th anniversary": as "18 years" counts
nothing), a place ("California's 22nd congressional district", "the fourth floor"), an
idiom ("second-degree murder" written without its hyphen, "second guess", "the second
half") or the next item of a list ("a third man said", "the second lesson is"), no count
the story reports (held-out Multi-News: four of the five ordinal figures two outlets gave
were these)."""


@dataclass(frozen=True)
class Mention:
    """One number in one sentence (row): the stem of what it counts, its value, the words
    shown ("1,000 prisoners") and the clause around them; `sample`: the number counts what a
    study or poll looked at, not what it found; `ordinal`: it says which one ("the third
    call"), not how many; `common`: it counts people or things named by a common noun ("20
    officials", which another outlet may call "20 individuals"), not an amount of money, a
    span, a measure, nor a people or a party ("14 Republicans")."""

    unit: str
    value: float
    label: str
    clause: str
    row: int
    sample: bool = False
    ordinal: bool = False
    common: bool = False


def read_mentions(sentences: Sequence[Sentence], language: str) -> list[Mention]:
    """Every number with what it counts. A number in
    brackets right after another ("8 mph (13 kph)") is the same quantity in another unit and
    is left out, and so is a clause with too few words around its number to say anything,
    and a number in the title of a link or a clip (`_TEASER`)."""
    stem, stops = stemmer(language), stop_words(language)
    not_units = stops | _NOT_UNITS
    mentions = []
    for row, sentence in enumerate(sentences):
        text = sentence.text
        for match in _NUMBER.finditer(text):
            counted_as = _counted(text, match, not_units, language)
            if counted_as is None:
                continue
            noun, value, start, end = counted_as
            clause = _clause(text, start, end)
            near = max(0, start - REACH)
            if (
                _bare(clause, text[start:end], stops)
                or _table(clause)
                or _TEASER.search(text, near, start)
            ):
                continue
            sample = bool(_SAMPLE.search(text, near, start))
            label = text[start:end]
            common = not (
                match["measure"]
                or noun in _THINGS_NOT
                or noun in _CURRENCIES.values()
                or label.split()[-1][:1].isupper()  # "14 Republicans": who they are is the fact
            )
            mentions.append(Mention(stem(noun), value, label, clause, row, sample, common=common))
        mentions += _ordinals(text, row, stem, stops)
    return mentions


def _ordinals(
    text: str, row: int, stem: Callable[[str], str], stops: frozenset[str]
) -> list[Mention]:
    """The ordinals of a sentence with what each is the nth of: the last of the words after
    it up to a stop word ("third phone call with Putin": call), or "" where no word comes
    first ("the call, the third since he took office": the noun is the words before, which
    no rule here reads; such a mention is no figure, but it states the ordinal)."""
    found = []
    for match in _ORDINAL.finditer(text):
        start, near = match.start(), max(0, match.start() - REACH)
        if any(r.search(text, near, start) for r in (_DATE, _NAMING, _AFTER_NUMBER)):
            continue  # "May 18th", "Chapter 11th", "a 39 second video"
        nouns = []
        for word, word_end in _words_after(text, match.end())[:WORDS_TO_NOUN]:
            if word in stops or word in _MONTHS:
                break
            nouns.append((word, word_end))
        if any(word in _NO_NTH for word, _ in nouns) or (
            not nouns and _SHARE.search(text, near, start)
        ):
            continue
        noun, end = nouns[-1] if nouns else ("", match.end())
        clause = _clause(text, start, end)
        if _bare(clause, text[start:end], stops):
            continue
        value = float(_ORDINALS.get(match["number"]) or match["number"][:-2])
        label = text[start:end]
        found.append(Mention(stem(noun) if noun else "", value, label, clause, row, ordinal=True))
    return found


def _counted(
    text: str, match: re.Match, stops: frozenset[str], language: str
) -> tuple[str, float, int, int] | None:
    """What the number `match` counts, its value, and where its words start and end in
    `text`; None for a number that counts nothing (a year, a day, a time: "two hours ago",
    a name's number, a description such as "two-term", a singular noun after it: "No on 37
    campaign")."""
    start, near = match.start(), max(0, match.start() - REACH)
    if (
        _looks_like_year(match)
        or _NAMING.search(text, near, start)
        or _NAMED.search(text, near, start)
        or _DATE.search(text, near, start)
        or _CONVERSION.search(text, near, start)
        or _SPAN_GOES_ON.search(text, near, start)
    ):
        return None
    value = _value(match.group("number"))
    currency = _CURRENCY.search(text, max(0, start - 4), start)
    money = _CURRENCIES[currency[0].rstrip()[-1]] if currency else ""  # "$ 1.8m": a space too
    begin = currency.start() if currency else start  # an amount begins at its sign
    first = _RANGE.search(text, near, begin)
    first_at = first.start() if first else begin
    if match.group("suffix"):  # "$1.8m"; with no currency sign, "1.8m" may be metres
        if not currency or match.group("measure"):
            return None
        value *= _SUFFIXES[match.group("suffix").lower()]
        return money, value, first_at, match.end()
    if match.group("measure"):  # "a two-hour call" counts hours; "three-decade-old" is an age
        measure = match.group("measure").lower()
        if (
            measure not in _IN_COMPOUNDS
            or text.startswith("-old", match.end())
            or _MARK_IN_TIME.match(text, match.end())
        ):
            return None
        return measure, value, first_at, match.end()
    words, end = _words_after(text, match.end()), match.end()
    scale = words[0][0].split("-")[0] if words else ""
    if scale in _SCALES:  # "5 million people"; "$2 million-an-episode job" is $2 million
        value = round(value * _SCALES[scale], 2)
        word, word_end = words.pop(0)
        end = word_end - len(word) + len(scale)
        words = words if word == scale else []
    if currency:  # "$2 million lawsuit": two million dollars
        on = _RANGE_ON.match(text, end)
        if on and _RANGE.search(text, near, on.end()):
            return None
        return money, value, first_at, end
    if match.group("number").lower() in _NUMBER_WORDS and not (words and words[0][0] in _SPANS):
        return None  # a number in words counts only a span: "two hours", not "two leaders"
    for word, word_end in words[:WORDS_TO_NOUN]:
        if word in stops or word in _MONTHS or word in _NUMBER_WORDS:
            break
        if _plural(word, language):
            if _AGO.match(text, word_end) or _all_the_time(text, word, value, word_end):
                return None
            return word, value, first_at, word_end
    people = _PEOPLE.match(text, end) if language == "english" else None
    return (people[1].lower(), value, first_at, people.end()) if people else None


def _all_the_time(text: str, word: str, value: float, end: int) -> bool:
    """ "24 hours a day" (the span `word` of `value`, ending at `end`): a span as long as
    the period it is per."""
    per = _PER.match(text, end)
    return per is not None and _IN_A.get((word, per[1].lower())) == value


def _bare(clause: str, label: str, stops: frozenset[str]) -> bool:
    """Fewer than MIN_CLAUSE_WORDS words in the clause besides the figure's own, or none of
    them a word that is not a stop word."""
    words, own = tokens(clause), tokens(label)
    said = sum(w.lower() not in stops for w in words) - sum(w.lower() not in stops for w in own)
    return len(words) - len(own) < MIN_CLAUSE_WORDS or said < 1


def _table(clause: str) -> bool:
    """A clause that is half numbers is a row of a table ("100% 138% 150% 1 $12,140 16"):
    no figure can be read from it."""
    words = clause.split()
    return 2 * sum(any(c.isdigit() for c in w) for w in words) >= len(words)


def _words_after(text: str, end: int) -> list[tuple[str, int]]:
    """The lower-case words right after a number (at `end`), each with where it ends: up to
    a scale word and WORDS_TO_NOUN more."""
    words = []
    for _ in range(WORDS_TO_NOUN + 1):
        word = _WORD_AFTER.match(text, words[-1][1] if words else end)
        if not word:
            break
        words.append((word[1], word.end()))
    return words


def _plural(word: str, language: str) -> bool:
    """A noun a number above one can count: "prisoners", "people", "mph"; not "campaign",
    "dropped". Other languages than English: any word (their plurals are not told here)."""
    if language != "english":
        return True
    return word in _PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _value(number: str) -> float:
    word = number.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    return float(number.replace(",", ""))


def _looks_like_year(match: re.Match) -> bool:
    number = match.group("number")
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


CLAUSE_MARK = re.compile(r",(?!\d{3}\b)|[;:—()“”]| – ")
"""What ends a figure's clause: not the comma inside a number ("Johnson has $669,000")."""


_WHOSE = re.compile(r"\s*(?:(?:and|but|while|yet)\s+)?(?:the only|its|their|his|her|whose)\s", re.I)
"""A clause whose subject is "the only ...", "its ...", "their ...": whose it is was said
before, and a clause cut there leaves a reader to guess ("…only tangible outcome was the
commitment to exchange 1,000 prisoners per side…" read as the outcome of the wrong talks)."""
WHOLE_SENTENCE = 20
"""A sentence of at most this many words is shown whole as the clause of such a figure."""
REACH_BACK = 6
"""Else the clause takes in this many words of the clause before it (the words just before
the mark are most often the noun it points back to)."""


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a figure, verbatim (at most CLAUSE_WORDS words around it), with …
    where it was cut. A clause whose subject points back ("…, and their only agreement was to
    exchange 1,000 prisoners") reaches back to what it points to: the whole sentence when it
    is short, else REACH_BACK words into the clause before (when the clause is short enough
    to show its subject at all: "…and it was just as happy to take that money and hand out
    $3.3 billion…" shows no "their" to place)."""
    near = max(0, start - REACH)
    lefts = [m.end() for m in CLAUSE_MARK.finditer(text, near, start)]
    left = lefts[-1] if lefts else near
    before_words = after_words = CLAUSE_WORDS // 2
    pointing = bool(lefts) and _WHOSE.match(text, left) is not None
    own = len(text[left:start].split())
    whole = pointing and len(text) <= REACH and len(text.split()) <= WHOLE_SENTENCE
    if whole:
        left = 0
        before_words = after_words = WHOLE_SENTENCE
    elif pointing and own + REACH_BACK <= CLAUSE_WORDS:  # else its subject is not shown
        left = lefts[-2] if len(lefts) > 1 else near
        before_words = own + REACH_BACK
    found = None if whole else CLAUSE_MARK.search(text, end, end + REACH)
    right = found.start() if found else min(len(text.rstrip('.!?”"')), end + REACH)
    before = [m.start() for m in re.finditer(r"\S+", text[left:start])]
    after = [m.end() for m in re.finditer(r"\S+", text[end:right])]
    # cut between words, never re-spaced: "$2.7 billion", "5,395-square-foot" as written
    first = left + before[-before_words:][0] if before else start
    last = end + after[:after_words][-1] if after else end
    cut_left = left > 0 or len(before) > before_words
    cut_right = right < len(text.rstrip('.!?”" ')) or len(after) > after_words
    return f"{'…' if cut_left else ''}{text[first:last].strip()}{'…' if cut_right else ''}"

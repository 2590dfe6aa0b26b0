"""The people a story introduces by full name, and the sentences that name them by surname
alone.

An article introduces a person once ("Carnell Marcus Moore, 29, of Beaumont ...") and then
writes the surname alone ("Moore was dead at the scene."). A brief shows single sentences,
so a point naming someone by surname alone leans on the point that introduces them: the
brief shows it after that point, where the brief has one (`Introductions`, used by merge.py).

A person is a surname the story writes after a given name ("Mark E. Laidre"), neither word
ever written in lower case in the story ("New York", "Supreme Court"), that some sentence
follows with "he", "she", "his" or "her" (or writes as "Mr. X"): not a company ("Nestle
said") nor a craft ("Odyssey"); and a word the story writes after "in", "at", "from", "near"
or "of", or after "the" with no noun after it ("in Baltimore", "at Northwestern", "the
Thing"), only where it also writes "Mr. X", "X said" or "X, who" ("Washington said"). On
the held-out 600-word briefs of main it finds 317 such names in 294 of 6,574 points (121 of
345 briefs); of 60 of those points read by hand, 59 name someone the brief had not introduced,
and 64 of their 66 names are such people (the others: the magazine "Life & Style", and
"Martha Stewart" written "coach/Martha Stewart"); famous people count too ("Obama's
successful effort"), as the articles introduce them like anyone else ("President Barack
Obama"). Showing points after the introductions the brief has (`Introductions`) leaves 199
in 92 briefs: 168 whose person the brief never introduces, 25 in the lead (shown first), 6
others.

Refusing such a point until the brief introduces the person (the chooser taking it only
once a chosen point names them in full) left none, and took dev ROUGE-1/2/L from 46.26 /
16.03 / 21.03 to 46.01 / 15.71 / 20.68 (held out: 45.93 / 15.92 / 20.84 to 45.93 / 15.96 /
20.92): where no introduction fits a 250-word brief, it drops the person's facts ("Trudeau
... told parliament: 'Make no mistake, this was a terrorist attack'", Trump's "Let it be an
arms race", Gable's protest at segregated toilets) for filler ("Here are events, books and
collector's items ...") or takes a worse lead ("In a statement ..., he said ..."). Bringing
the best introduction along as a pair, a gain cut to a half or 0.9, or sparing people the
story gives an office ("President", "Sen.") did no better (dev R-2 15.70 to 15.97, with an
earlier version of these rules); refusing it as the lead only, 15.91.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from digest.brief.speakers import COURTESY, TITLES
from digest.models import Sentence
from digest.text.standalone import NOT_NAMES, SPEECH_VERBS
from digest.text.words import stop_words

NOT_GIVEN = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Northeastern", "Northwestern", "Southeastern", "Southwestern", "New", "Old", "Great",
    "Holy", "Saint", "St", "United", "Democratic", "Republican", "Central", "Upper", "Lower",
    "Greater", "Fort", "Mount", "Lake", "Port", "San", "Santa", "Los", "Las", "El", "Le", "La",
    "Outgoing", "Incoming", "Then", "Dear", "Neighboring", "Memorial", "Reuters", "Senate",
    "House", "White", "European", "American", "British", "French", "German", "Chinese",
    "Russian", "Korean",
}  # fmt: skip
"""Capitalised words before a name-like word that are no given name ("South Philadelphia",
"Outgoing Northwestern", "Korean American")."""
_NAME = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_FULL = re.compile(
    rf"(?<![\w.’'-])(?<![Tt]he\s)(?!(?:{'|'.join(TITLES)})\b)({_NAME})\s+"
    rf"((?:(?:[A-Z]\.\s*){{1,2}}|{_NAME}\s+)?)({_NAME})"
    r"(?![\w’'-]|['’]?s?\s+[A-Z][a-z])"
)
"""A given name (no title: "President Donald Trump" is "Donald Trump"), a middle name or
initials, and a surname no capitalised word follows; not after "the" ("the White House",
"the European Commission")."""
_LONGER_NAME = re.compile(rf"(?<![.!?]\s)(?<!^)\b(?!(?:{'|'.join(TITLES)})\b)[A-Z][\w’'-]*\s+$")
"""Before a name, a capitalised word that is no title and does not open the sentence: the
name is the end of a longer one ("Wall Street Journal", "a White House official")."""
WORD_REACH = 80
"""_LONGER_NAME reads this many characters before a name, enough for any word: searching
the whole sentence before each name took 14 s for a sentence of 1,000 names."""
_PLACE = re.compile(r"\b(?:in|at|near|from|of)\s+([A-Z][\w-]+)(?![\w’'-])")
_THE = re.compile(r"\b[Tt]he\s+([A-Z][\w-]+)(?![\w’'-])(?!\s+[a-z])")
_VERBS = rf"(?:{'|'.join(SPEECH_VERBS)}|explained|recalled|testified|argued|replied|tweeted)"
_BRACKETED = re.compile(r"\[[^\]]*\]")
"""Another story's headline pasted into a page ("[Fierce Fighters: 7 Secrets of ...]")."""
_NAMING_MORE = re.compile(rf"\s+(?!(?:{'|'.join(NOT_NAMES)})\b)[A-Z][a-z]")
"""After a surname, a capitalised word (not a day or month): a longer name ("Trump Tower")."""
_PRONOUN = re.compile(r"\b(?i:he|she|his|her|him|hers)\b")
_SENTENCE_END = re.compile(r"[.!?][”\"’')]*$")


class People:
    """The surnames of the people the story's sentences (`texts`) introduce by full name."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._lower = {w for t in texts for w in re.findall(r"(?<![\w’'-])[a-z][a-z’'-]*", t)}
        places = {w for t in texts for w in (*_PLACE.findall(t), *_THE.findall(t))}
        self.surnames: set[str] = set()
        # judged once a word: a company's name in each of 2,000 articles was judged again
        # at each mention, reading every sentence that holds it (12 s)
        person = functools.cache(
            lambda word: (word not in places or _person_cue(word, texts)) and _gendered(word, texts)
        )
        for text in texts:
            plain = _BRACKETED.sub(" ", text)
            for match in _FULL.finditer(plain):
                given, middle, surname = match[1], match[2].split(), match[3]
                if (
                    surname not in self.surnames
                    and not _LONGER_NAME.search(
                        plain, max(0, match.start() - WORD_REACH), match.start()
                    )
                    and self._is_name(given)
                    and given not in NOT_GIVEN
                    and self._is_name(surname)
                    and all(re.fullmatch(r"[A-Z]\.", w) or self._is_name(w) for w in middle)
                    and person(surname)
                ):
                    self.surnames.add(surname)

    def _is_name(self, word: str) -> bool:
        """A capitalised word the story never writes in lower case, and no title."""
        return (
            word.lower() not in self._lower
            and word.lower() not in stop_words("english")
            and word not in TITLES
            and word not in NOT_NAMES
        )

    def naming(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """The people a text names by surname alone, none of them named in full elsewhere in
        it ("Mr. Luu was born", "Farrow played Oppenheim"), and those it names in full
        ("Mark E. Laidre", "President Trump")."""
        alone, full = set(), set()
        for surname in (name for name in self.surnames if name in text):
            for match in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", text):
                if _NAMING_MORE.match(text, match.end()):
                    continue  # "Trump Tower", "Moore Foundation": not the person
                before = re.search(r"(?:^|(\S*)\s+)(\S+)\s+$", text[: match.start()])
                kind = self._named_by(*(before.groups("") if before else ("", "")))
                if kind == "full":
                    full.add(surname)
                elif kind == "alone":
                    alone.add(surname)
        return frozenset(alone - full), frozenset(full)

    def _named_by(self, earlier: str, before: str) -> str:
        """How the word before a surname (`before`; `earlier`: the word before that) names
        its person: "full" (a given name, an initial, a title saying who they are), "alone"
        (no name: "Mr.", a word in lower case, the start of a sentence) or "other" ("the
        Moores"). Within a sentence a capitalised word counts, whatever it means in lower
        case ("former NFL star Will Smith"); opening one, only a word never written so ("Will
        Smith was" may be "Smith was")."""
        word = before.strip("“\"‘'([")
        plain = word.rstrip(".")
        if not plain or word.endswith((",", ";", ":")) or plain in COURTESY:
            return "alone"
        if plain.lower() == "the":
            return "other"
        if re.fullmatch(r"[A-Z]", plain) or plain in TITLES:
            return "full"
        if not plain[:1].isupper() or _SENTENCE_END.search(word) or plain in NOT_NAMES:
            return "alone"
        opening = not earlier or _SENTENCE_END.search(earlier)
        return "full" if self._is_name(plain) or not opening else "alone"


def _gendered(surname: str, texts: Sequence[str]) -> bool:
    """Some sentence names the word and then says "he", "she", "his", "her" or "him", or
    writes "Mr. X": a person, not a company ("Nestle said") or a craft ("Odyssey"). The
    pronoun is looked for once, after the word's first mention: from each mention, a list of
    names pasted as one sentence was read again to its end."""
    name = re.escape(surname)
    courtesy = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss)\.?\s+{name}\b")
    named = re.compile(rf"\b{name}\b")
    for text in (t for t in texts if surname in t):
        first = named.search(text)
        if courtesy.search(text) or (first and _PRONOUN.search(text, first.end())):
            return True
    return False


def _person_cue(surname: str, texts: Sequence[str]) -> bool:
    """The story writes the word as a person's surname somewhere: "Mr. X", "X said", "said
    X", "X, who" or "X, 29"."""
    name = re.escape(surname)
    cue = re.compile(
        rf"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+{name}\b|\b{name}['’]?\s+(?:also\s+|later\s+)?{_VERBS}\b"
        rf"|\b{_VERBS}\s+{name}\b|\b{name},\s+(?:who|\d+)\b"
    )
    return any(cue.search(text) for text in texts if surname in text)


class Introductions:
    """The order that shows each point after the point introducing whom it names."""

    def __init__(self, story: Sequence[Sentence], points: dict[int, str], lead: list[int]):
        """`story`: the story's sentences; `points`: the chosen points' texts by candidate;
        `lead`: the lead's, shown before every section."""
        people = People([s.text for s in story])
        self.named = {i: people.naming(text) for i, text in points.items()}
        self.known: set[str] = set().union(*(self.named[i][1] for i in lead))
        """The people introduced so far: by the lead, then by each section ordered."""

    def order(self, members: list[int]) -> list[int]:
        """A section's points (by importance) in the order to show them; the people they
        introduce count as known for the sections after (`known` grows)."""
        return after_introductions(members, self.named, self.known)


def after_introductions(
    order: Sequence[int],
    named: dict[int, tuple[frozenset[str], frozenset[str]]],
    known: set[str],
) -> list[int]:
    """`order` (points) with each point that names someone by surname alone moved to just
    after the first point that introduces them, when one follows it ("Barbour insisted,
    ..." after "Northwestern's coach Alex Barbour said ..."); otherwise as it was. `named`:
    each point's people named alone and in full (`People.naming`); `known`: those introduced
    before these points (by the lead, an earlier section), to which the points' own
    introductions are added."""
    later = set().union(*(named[p][1] for p in order))
    shown: list[int] = []
    waiting: list[int] = []
    for point in order:
        if (named[point][0] & later) - known:
            waiting.append(point)
            continue
        shown.append(point)
        known |= named[point][1]
        ready = [p for p in waiting if not (named[p][0] & later) - known]
        while ready:  # an introduction can let in a point that introduces another
            for p in ready:
                waiting.remove(p)
                shown.append(p)
                known |= named[p][1]
            ready = [p for p in waiting if not (named[p][0] & later) - known]
    return shown + waiting

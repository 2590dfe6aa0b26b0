"""Who spoke: the speaker a quotation names, and that speaker's name in full.

News writers name a quotation's speaker next to it ("“...,” Kremlin spokesman Dmitry Peskov
said"), or, for the next quotation of the same person, by a pronoun ("“...,” he added."). A
key quote is read apart from the sentences around it, so it shows the name as the article
first gives it in full ("Leo": "Pope Leo XIV").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.text.standalone import SPEECH_VERBS
from digest.text.words import stop_words

SPEECH_WORDS = {*SPEECH_VERBS, "say", "says", "tell", "ask", "mean", "meant", "write", "speak"}
"""Words of speaking: after a name, no description of the speaker ("said Obama said")."""
NAME = r"(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|de|von|der|van))*"
NAME_ENDINGS = {"jr", "sr", "inc", "co", "corp", "ltd", "bros", "esq", "plc", "llc", "st"}
"""Abbreviations a speaker's name can end in, stop included."""
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "the", "a", "an"}
NAME_BEFORE = 2
"""Capitalised words a one-word speaker's full name may have before it ("Kaja Kallas",
"Chancellor Friedrich Merz"; not "Russian President Vladimir Putin")."""
_TITLE_GOES_ON = re.compile(r"(?:\bof\s+|['’]s\s+|[A-Z][\w.-]*\s+)$")
"""Before a name's first capitalised word: a title it ends ("... of State", "Majority
Leader", "State's Attorney")."""
_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{1,3}\.\s+$")
"""Before a name's first capitalised word, a whole title ("Lt. Gen. Won In Choul"): the word
after it is the name's."""
_INITIAL = re.compile(r"[A-Z]\.")
_OPENS = re.compile(r"(?:^|[.!?:][\"”’']?\s)[\s“\"‘'(\[]*$")
"""Before a word, the start of a sentence: the word's capital may be the sentence's."""
COURTESY = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"}
"""Titles that say no more than the surname: "Mr. Moore" is as unknown as "Moore"; a title
that says what someone is ("President Trump", "Sen. McSally") introduces them."""
TITLES = {
    "President", "Vice", "Governor", "Senator", "Representative", "Congressman",
    "Congresswoman", "Mayor", "Judge", "Justice", "Chief", "Officer", "Sergeant", "Detective",
    "Captain", "Lieutenant", "Colonel", "General", "Admiral", "Major", "Commander",
    "Commissioner", "Sheriff", "Deputy", "Director", "Secretary", "Minister", "Premier",
    "Chancellor", "King", "Queen", "Prince", "Princess", "Pope", "Bishop", "Cardinal", "Pastor",
    "Reverend", "Rabbi", "Imam", "Father", "Sister", "Brother", "Doctor", "Professor", "Prof",
    "Dr", "Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Lord", "Lady", "Attorney", "Speaker",
    "Leader", "Chairman", "Chairwoman", "Coach", "Ambassador", "Superintendent", "Councilman",
    "Councilwoman", "Trooper", "Agent", "Spokesman", "Spokeswoman", "Former", "Late", "God",
    "Democrat", "Democrats", "Republican", "Republicans", "Rep", "Sen", "Gov", "Lt", "Gen",
    "Col", "Sgt", "Capt", "Cmdr", "Det", "Supt",
}  # fmt: skip
"""Capitalised words before a surname that are no given name: "President Trump" and
"Donald Trump" are one person, "Bob Goodlatte" and "Bobby Goodlatte" two."""
_RUN_BEFORE = re.compile(r"(?:(?<=\s)|^)((?:[a-z][\w’'-]*\s+){1,4})$")
"""The words in lower case just before a speaker's name, in its clause ("agency spokesman")."""
_PRONOUNS_BEFORE = {"he", "she", "they", "we", "it"}
"""In the words before a name, a speaker already named: "he said after the Conservative
Party said" (the party said something else)."""
_PREPOSITIONS = {
    "in", "at", "from", "of", "for", "with", "on", "to", "by", "about", "into", "near", "over",
    "under", "against", "among", "between", "toward", "towards", "within", "without", "via",
    "behind", "beyond", "upon", "across",
}  # fmt: skip
"""Just before a name: its object, not a speaker ("a diplomat in New York said", "a
spokesperson for Conyers told")."""
_EPITHET = re.compile(
    r"(?:Democrat|Republican|Libertarian|Conservative|Socialist|German|American|Mexican|"
    r"African|Cuban|Kenyan|Afghan|Briton|Scot|Swiss|Dane|Swede|Pole|Finn|Turk|Czech|Greek|"
    r"Thai|(?!Guardian|Smithsonian)[A-Z][a-z]+(?:ian|ean|ese|ish|man|woman|i))$"
)
"""After "the", a name's last word saying what someone is, not who ("the Oregon Democrat",
"the Portuguese"): a person named before, unlike "the White House" or "the FBI"."""
_FAMILY = {"younger", "elder", "older", "senior", "junior"}
"""'the younger Goodlatte': one of two people of that name."""
_ROLE = re.compile(
    rf"(?:\s+of\s+(?:the\s+)?{NAME})?\s+(?P<role>(?:(?:[a-z][\w-]*|[A-Z]{{2,}}),?\s+){{1,5}})"
    rf"(?P<name>{NAME})(?P<more>,?\s+and\s+[A-Z])?"
)
"""'said Harvard law professor Jack Goldsmith': the capitalised words after the verb begin
a description ("Harvard", "Target", "University of Texas"); the speaker is the name after
it, unless a second one follows ("..., and Superintendent of Schools Joseph Erardi")."""
_NOT_ROLE = {"yesterday", "today", "tonight", "earlier", "recently"}
"""After a name, words saying when it spoke, not what the speaker is ("said Obama
yesterday")."""


def speaker_of(match: re.Match, text: str) -> str | None:
    """Who the match says spoke, as written: None where the words around the name show it is
    not the speaker's (`_not_a_speaker`, `_described`)."""
    group = "speaker2" if match.groupdict().get("speaker2") else "speaker"
    speaker = match.group(group) or ""
    title = re.match(r"(?:[a-z]\S*\s+)*", speaker)  # "spokesman Dmitry Peskov" -> "Dmitry Peskov"
    words = speaker[title.end() :].split()
    if not words or words[0].lower() in PRONOUNS:
        return None
    if group == "speaker" and _not_a_speaker(text[: match.start(group) + title.end()], words):
        return None
    whole = _link_text_cut(words)
    if len(whole) < len(words):
        words = whole
    elif group == "speaker2":
        words = _described(text, match.end(group), words)
    if not words:
        return None
    # '..., said O'Neal.' ends the sentence: the stop is not the name's, unless the name ends
    # in an abbreviation or an initial ("Kunz Sr.", "Acme Inc.", "John F.", "the U.S.")
    last = words[-1].removesuffix(".")
    if last.lower() in NAME_ENDINGS or len(last) == 1 or "." in last:
        return " ".join(words)
    return " ".join(words).removesuffix(".")


def _not_a_speaker(before: str, words: list[str]) -> bool:
    """Whether the words in lower case just before a name that a speech verb follows say the
    name is not who spoke: a preposition's object, one of many, after a pronoun, a
    person "the Oregon Democrat" points back to, or "the younger Goodlatte"; not past a comma
    ("Dismissing the claims of a bureaucrat, Rivlin said")."""
    run = _RUN_BEFORE.search(before)
    if not run:
        return False
    lower = run[1].split()
    return bool(
        _PRONOUNS_BEFORE.intersection(lower)
        or lower[-1] in _PREPOSITIONS
        or {"a", "an"}.intersection(lower[-2:])  # "a longtime Romneyite told me"
        or (lower[-1] == "the" and _EPITHET.search(words[-1]))
        or (lower[-2:-1] == ["the"] and lower[-1] in _FAMILY)
    )


def _link_text_cut(words: list[str]) -> list[str]:
    """A name cut where a web page's link text runs into it: "Sen. John Kennedy John Neely
    KennedyMORE" is "Sen. John Kennedy", at the first word that repeats one before it alone
    or glued to the next word ("KennedyMORE", "GrahamSunday")."""
    for n, word in enumerate(words):
        for earlier in words[:n]:
            if word == earlier or (word.startswith(earlier) and word[len(earlier)].isupper()):
                return words[:n]
    return words


def _described(text: str, end: int, words: list[str]) -> list[str]:
    """The speaker of '..., said Harvard law professor Jack Goldsmith': capitalised words that a
    word in lower case follows, other than a stop word ("said Obama on Tuesday") or speech,
    begin a description (`_ROLE`); the name after it is the speaker's, none if there is no
    such name or a second one follows it."""
    first = re.match(rf"(?:\s+of\s+(?:the\s+)?{NAME})?\s+([a-z][\w-]*)", text[end:])
    stops = stop_words("english")
    if not first or first[1] in stops | SPEECH_WORDS | _NOT_ROLE:
        return words
    role = _ROLE.match(text, end)
    if not role or role["more"]:
        return []
    if any(w.strip(",") in stops - {"and"} for w in role["role"].split()):
        return []
    return role["name"].split()


def full_name(speaker: str, texts: Sequence[str]) -> str | None:
    """A speaker named by one word ("Leo", "Kallas") as their article first names them in
    full ("Pope Leo XIV", "Kaja Kallas"): a key quote is read apart from the sentences that
    said who that is. Up to NAME_BEFORE capitalised words before the name and an initial
    ("George W. Bush"), none of them a stop word ("After Putin") nor a word only capitalised
    as it opens a sentence ("Guitarist Jimmy Page"), and a regnal number after it; a word that
    ends a longer title ("Secretary of State Hillary Clinton", "Russian President Vladimir
    Putin") is left out of it. The word itself where the article gives no more; None where it
    names two people so ("Bob Goodlatte" and his son "Bobby Goodlatte"): which one spoke is
    not for the brief to guess."""
    if " " in speaker:
        return speaker
    lower = {w for text in texts for w in re.findall(r"\b[a-z][\w’'-]*", text)}
    names = _names_before(speaker, texts, lower)
    given = {  # the name shown counts, wherever it stands
        next((w for w in reversed(before) if not _INITIAL.fullmatch(w)), "")
        for n, (before, _, plain) in enumerate(names)
        if plain or n == 0
    } - TITLES
    if len({w for w in given if w.isalpha() and not w.isupper() and w.lower() not in lower}) > 1:
        return None
    if not names:
        return speaker
    before, regnal, _ = names[0]
    return " ".join([*before, speaker]) + regnal


def _names_before(
    speaker: str, texts: Sequence[str], lower: set[str]
) -> list[tuple[list[str], str, bool]]:
    """Each place the article names `speaker` with words before it (see `full_name`), in
    order: those words, any regnal number after them, and whether the name stands where its
    first word can only be a name's (not opening a sentence, as "View Trump picks ..." does,
    nor after an acronym, as in "AP Photo Trump"). `lower`: the words the article writes in
    lower case. Not the father's name in the son's ("Donald Trump Jr.")."""
    stops = stop_words("english")
    pattern = re.compile(
        rf"((?:[A-Z][\w.-]*\s+){{1,{NAME_BEFORE}}}(?:[A-Z]\.\s+)?){re.escape(speaker)}"
        rf"(\s+[IVX]{{2,5}})?(?:['’]s)?(?![\w’'-]|\s+[JS]r\b)"
    )
    names = []
    for text in texts:
        for match in pattern.finditer(text):
            words = before = match[1].split()
            head = text[: match.start(1)]
            opening = _OPENS.search(head)
            while before and before[0].lower() in stops:
                before = before[1:]
            if opening and before and before[0] not in TITLES and before[0].lower() in lower:
                before = before[1:]  # "Guitarist Jimmy Page": capitalised as it opens a sentence
            if before and _TITLE_GOES_ON.search(head) and not _ABBREVIATION.search(head):
                before = before[1:]
            if not before:
                continue
            given = next((w for w in reversed(before) if not _INITIAL.fullmatch(w)), "")
            plain = not (opening and given == words[0]) and not any(
                re.fullmatch("[A-Z]{2,}", w) for w in words
            )
            names.append((before, match[2] or "", plain))
    return names


def fuller_name(name: str, texts_of: dict[str, list[str]]) -> str:
    """A speaker shown by a courtesy title and surname ("Mr. Trump", as the Times names him)
    by the full name the story's articles give ("Donald Trump"), where those that give a
    given name give the same one and none names two people so (`full_name`, each
    article's sentences in `texts_of`); the name itself otherwise. One person is then named
    one way in all key quotes, and by more than "Mr."."""
    words = name.split()
    if len(words) != 2 or words[0].rstrip(".") not in COURTESY:
        return name
    found = [full_name(words[1], texts) for texts in texts_of.values()]
    given = [
        n for n in found if n and len(n.split()) > 1 and n.split()[-2].rstrip(".") not in TITLES
    ]
    if None in found or len({n.split()[-2] for n in given}) != 1:
        return name
    return min(given, key=lambda n: (-given.count(n), len(n)))

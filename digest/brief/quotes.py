"""Key quotes: what a reader looks for first, pulled from every article.

A key quote is a direct quotation with its named speaker ("“...,” Peskov said"), as written;
the same words quoted by several outlets are one quote, credited to all of them. A speaker
the quote names by one word is shown as the article first names them ("Leo": "Pope Leo XIV").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from digest.models import Quote, Sentence, SourceRef
from digest.text.matching import matching_words
from digest.text.standalone import SPEECH_VERB, SPEECH_VERBS, quotation_leans_back
from digest.text.words import stop_words, word_count

NAME = r"(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|de|von|der|van))*"
VERB = SPEECH_VERB
# “QUOTE,” Speaker said.   “QUOTE,” said Speaker.   Speaker said: “QUOTE”
_QUOTE_FIRST = re.compile(
    rf"[“\"](?P<quote>[^”\"]{{25,}}?[.!?]?),?[”\"],?\s+(?:(?P<speaker>(?:[\w.’'-]+\s+){{0,4}}?{NAME})\s+"
    rf"{VERB}|{VERB}\s+(?P<speaker2>{NAME}(?:\s+and\s+{NAME})?))"
)
_SPEAKER_FIRST = re.compile(
    rf"(?P<speaker>{NAME})\s+{VERB}[^“\"]{{0,30}}?[:,]\s*[“\"](?P<quote>[^”\"]{{25,}}?)[”\"]"
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
SPEECH_WORDS = {*SPEECH_VERBS, "say", "says", "tell", "ask", "mean", "meant", "write", "speak"}
MIN_REPORTED_WORDS = 3
"""Words beyond speech and stop words a quotation of the speaker's own words must hold to say
something: not “I said, 'I said what I meant to say,'”."""
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
_UPDATE = re.compile(r"\W*updated?\b", re.IGNORECASE)
_OPENS = re.compile(r"(?:^|[.!?:][\"”’']?\s)[\s“\"‘'(\[]*$")
"""Before a word, the start of a sentence: the word's capital may be the sentence's."""
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
MAX_QUOTES = 5
QUOTE_RUN = 6
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
    """Quotations with a named speaker, each once, most widely carried first, within
    `words` words (None: MAX_QUOTES), leaving out any the points already show (`held`: one
    flag per quotation, given its sentence's row and its words; or the same words quoted in
    one), any no article carrying it says who the speaker is (`full_name`), any that says
    too little of the story (`weigh`: the weight of the story's concepts a text holds; None:
    no such test) and any that repeats a point (`repeats`: given the quote and its speaker).
    Also returns, for each quote, the sentences (rows) it stands in and the words it takes."""
    found = _quotations(sentences)
    taken = set().union(*(_shingles(matching_words(text)) for text in shown))
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

    def order(group: list) -> tuple:
        outlets = {outlet_of[sentences[r].article_id] for *_, r in group}
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
        budget -= count
        article_ids = tuple(
            dict.fromkeys(
                [sentences[chosen].article_id, *(sentences[r].article_id for *_, r in group)]
            )
        )
        quotes.append(
            Quote(
                text=quote,
                speaker=speaker,
                sources=tuple(
                    SourceRef(sentences[r].article_id, sentences[r].index) for *_, r in group
                ),
                article_ids=article_ids,
                outlets=tuple(dict.fromkeys(outlet_of[a] for a in article_ids)),
            )
        )
        used.append((tuple(r for *_, r in group), count))
    return tuple(quotes), used


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
            return quote, name, row
    return "", None, -1


def _quotations(sentences: Sequence[Sentence]) -> list[tuple[str, str, int]]:
    """Every quotation that can be a key quote: (quote, speaker, row). Not one with no named
    speaker, one that opens in lower case (the end of a sentence), one leaning on the words
    around it, one cut where the same quotation goes on or turns, one that only reports
    the speaker's own speech, or an aside in brackets."""
    found = []
    after = {(s.article_id, s.index - 1): s.text for s in sentences}
    for row, sentence in enumerate(sentences):
        for match in [
            *_QUOTE_FIRST.finditer(sentence.text),
            *_SPEAKER_FIRST.finditer(sentence.text),
        ]:
            speaker = _speaker(match, sentence.text)
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
    words = speaker.split()
    surname = next((w for w in reversed(words) if w.lower().strip(".") not in NAME_ENDINGS), "")
    naming = re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)")
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


def _speaker(match: re.Match, text: str) -> str | None:
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


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    """Runs of QUOTE_RUN words: two quotations sharing one quote the same words."""
    if len(words) < QUOTE_RUN:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + QUOTE_RUN]) for i in range(len(words) - QUOTE_RUN + 1)}

"""Which sentences can stand alone in a brief, and which lean on the one before them.

A brief shows single sentences out of their articles, so "But he refused." or "“We will
not,” she said." means nothing there. The merger uses these rules to bring the sentence
before along (or leave the pair out), the splitter to keep a bare attribution with its
quotation, the highlights to find a quotation's speaker, and `digest eval` to count dangling
openings. One list of speech verbs serves them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.text.matching import TYPOGRAPHY, matching_form
from digest.text.words import stop_words

SPEECH_VERBS = (
    "said", "says", "added", "wrote", "told", "asked", "noted", "stated", "declared",
    "insisted", "warned",
)  # fmt: skip
"""Verbs that attribute a quotation to its speaker."""

SPEECH_VERB = r"(?:told reporters|" + "|".join(SPEECH_VERBS) + r")"

_EXISTENTIAL = (
    r"(?:is|are|was|were|will|would|could|can|may|might|must|should|has|have|had|seems?|"
    r"seemed|appears?|appeared|remains?|remained)\b"
)
"""After "there", a verb that makes it existential ("There is no time frame", said by Peskov;
"There's no doubt", its contraction): no place pointed back at."""
_DANGLING_START = re.compile(
    r"^(he|she|they|it|its|his|her|their|this|that|these|those|"
    r"there(?!\s+" + _EXISTENTIAL + r"|['’]s\b)|"
    r"but|and|or|so|yet|"
    r"however|still|also|meanwhile|instead|then|thus|therefore|moreover|furthermore|likewise|"
    r"similarly|otherwise|nevertheless|nonetheless|"
    r"besides|afterward|afterwards|later|in fact|even so|as a result|for his part|"
    r"for her part|the same|such|which|exactly what|just what)\b",
    re.I,
)
_PRONOUN_SPEAKER = re.compile(
    r"[\"”’'],?\s+(he|she|they|it)\s+" + SPEECH_VERB + r"\b|"
    # '..., she continued.', '...?" he asks.', '...," he was quoted as saying.'
    r"[,?!…][\"”’']\s+(?:he|she|they)\s+[a-z]",
    re.I,
)
_BARE_ATTRIBUTION = re.compile(r"^[\w.’' -]{1,40}\b" + SPEECH_VERB + r"\.$", re.I)
_LEANING = re.compile(
    # "Trump, however, ...", "... did the same", "... followed suit": a contrast or a copy of
    # something the sentence before said
    r"^(?:[\w.'’-]+\s+){0,3}[\w.'’-]+,\s+(?:however|though|too|instead|meanwhile)\b|"
    # "Of Hepburn, she said: ...", "In a speech in Northamptonshire, he said ...": a name in
    # the fronted phrase is what the speaker talks about, not who the speaker is
    r"^(?:[\w.'’-]+\s+){0,4}[\w.'’-]+,\s+(?:he|she|they)\s+" + SPEECH_VERB + r"\b|"
    r"\b(?:follow(?:s|ed|ing)?|followed)\s+suit\b"
)
_PRONOUN_SUBJECT = re.compile(
    # "After a burst of crying, he climbed ...", "..., she said.": who "he" is was said
    # before, unless a name comes first
    r"^(?:[\w.'’-]+\s+){0,4}[\w.'’-]+,\s+(?:he|she|they)\s+[a-z]|"
    r",\s+(?:he|she|they)\s+" + SPEECH_VERB + r"\b|"
    # "If they don't, ...": unless a name follows ("When he arrived, Macron said")
    r"(?P<clause>^(?:now\s+)?(?:if|when|while|as|once|until|unless|because|although)\s+"
    r"(?:he|she|they)\b)",
    re.I,
)
_NAME = re.compile(r"(?<=[\s(“\"'‘])[A-Z][\w'’.-]*")
NOT_NAMES = frozenset(
    ("I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     "January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December")
)  # fmt: skip

_POINTING_BACK = re.compile(
    r"\b(?:about|of|with|on|to|by|for|after|despite) (?:that|this)\s*[,.;:]"
)
"""'expressed concern about that,': "that" stands for something said before."""
_PARTICIPLE_ONLY = re.compile(
    r"^[A-Z][a-z]+ing\b(?![^,;:]*\b(?:is|was|are|were|has|had|have|will|would|can|could|"
    r"should|may|might|must|does|did)\b)[^,;:]*$"
)
"""'Gaining time to continue occupying.': a phrase with no subject, the rest of a sentence;
with a verb after it the -ing phrase is the subject ("Dealing with legislation at home was
supposed to be the low-drama part of Walker's year.")."""
_BARE_QUOTE = re.compile(r'"[^"]+"')
_FIRST_PERSON_START = re.compile(r"^(we|i|you|our|us)\b")
"""'We thought that was a shame.': a speaker's words with no speaker (outside quotation
marks; '"We need peace," Putin said.' names its speaker)."""
_CLOSING_SINGLE = re.compile(r"[.?!,]'$")
_OPENING_SINGLE = re.compile(r"(?:^|[\s(\[])'")
_CLAUSE_OPENERS = (
    "added|noted|stated|declared|insisted|warned|argued|claimed|alleged|reported|announced|"
    "confirmed|acknowledged|admitted|indicated|concluded|decided|ruled|showed|suggested|"
    "revealed|explained|emphasized|stressed|believed|learned|realized|agreed|hoped|feared|"
    "expected|estimated|predicted|ensured|recalled|determined|testified|complained|denied|"
    "asserted|maintained|signaled|signalled|proposed|demanded|required|assumed|worried|noticed|"
    "discovered|speculated|observed|remarked|pledged|promised|vowed|threatened|contended|"
    "hinted|implied|conceded|boasted|joked|replied|responded|disclosed|reiterated|"
    "underscored|urged|asked|recommended|ordered|guaranteed|verified|concerned|convinced|"
    "pleased|surprised|disappointed|satisfied|alarmed|shocked|relieved|proved"
)
"""Words in -ed after which "that" opens a clause ("argued that many voters ..."): verbs of
saying and knowing, and the adjectives of feeling ("concerned that ...")."""
_TAKING_VERBS = (
    "take|took|taken|make|made|get|got|buy|bought|pass|surpass|break|broke|beat|hold|held|"
    "keep|kept|win|won|lose|lost|meet|met|want|need|wish|watch|do|did|does|done|sign|accept|"
    "reject|use|like|love|hate|reach|hit|set|put|give|gave|bring|brought|leave|left|face|"
    "cross|share|change|fix|end|start|stop|support|oppose|back|drop|raise|pay|paid|sell|sold|"
    "send|sent|fight|fought|solve|answer|follow|repeat|avoid|block|veto|approve|ban|sue"
)
"""Verbs not in -ed that take "that" as a noun phrase far more than as a clause ("buy that
pin", "surpass that mark")."""
_PREPOSITIONS = (
    "about|of|with|on|to|by|for|after|before|despite|from|in|at|over|under|into|against|"
    "during|since|like|behind|beyond|without|through|toward|towards|upon|around|among|amid|"
    "across|within|near|past|unlike|regarding"
)
_DEMONSTRATIVE = re.compile(
    # "these talks", "about that plea", "discussed that plea": a noun phrase pointing back at
    # something said before. A "that" after a noun ("the plan that officials") or a verb of
    # saying or knowing opens a clause, and most other words before it are nouns: only a
    # preposition, a verb ending in -ed or a verb that takes objects makes it point back
    r"(?:\b(?:[Tt]his|[Tt]hese|[Tt]hose)|(?:\b(?i:"
    + _PREPOSITIONS
    + r")|\b(?:"
    + _TAKING_VERBS
    + r")|\b(?!(?:"
    + _CLAUSE_OPENERS
    + r")\b)[a-z]+ed),?\s+that)"
    r"\s+(?!(?:the|a|an|he|she|it|they|we|i|you|there|is|was|"
    r"are|were|has|had|would|will|could|should|may|might|must|can|did|does|his|her|its|their|"
    r"our|if|in|on|of|to|by|for|with|as|at|from|not|no|nobody|week|month|year|day|morning|"
    r"evening|time|weekend|spring|summer|autumn|winter)\b)[a-z]+"
)

_POINTING_NOUN = re.compile(
    # "from this state-funded business center", further into the sentence; "that" there is
    # mostly a conjunction, and a quotation's "this conflict" is its speaker's. "those who",
    # "those killed", "those in power" and "this Wednesday" say what they mean themselves
    r"\b(?:this|these|those(?!\s+(?:who|whom|whose|which|that|in|on|of|for|at|with|from|among|"
    r"against|unable|responsible|[a-z]+ed|[a-z]+ing)\b))\s+"
    r"(?!(?:the|a|an|he|she|it|they|we|i|you|there|is|was|are|were|"
    r"has|had|would|will|could|should|may|might|must|can|did|does|not|week|month|year|day|"
    r"morning|afternoon|evening|night|time|weekend|spring|summer|autumn|fall|winter|season|"
    r"century|decade|one|kind|way|past|coming|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b)[a-z][\w-]*",
    re.I,
)


def needs_context(text: str) -> bool:
    """True when a sentence cannot be understood alone: it opens with a pronoun or a
    connective, points back ("that plea", "these talks", "about that,", "Trump, however,",
    "follow suit"), attributes a quotation to "he" or "she", is a quotation alone, with no
    speaker, a participle phrase with no subject ("Gaining time to ..."), or short and
    naming nobody and nothing ("The sales pitch did not work.")."""
    form = matching_form(text).strip()
    if _BARE_QUOTE.fullmatch(form):
        return True  # a quotation with no speaker: the sentence before says who it is
    if is_quote_fragment(form):
        return True  # the end of a quotation that opened sentences before
    plain = form.lstrip("\"'([ ")
    opened = text.strip().lstrip("\"'“‘([ ")
    contrast = _OWN_CONTRAST.match(opened)  # on the text itself: its offsets cut it
    if contrast:  # "But while Mr. Trump presented ..., he was ...": its contrast is its own
        return needs_context(opened[contrast.end() :])
    opening = " ".join(text.split()[:10])
    return bool(
        _bare_of_particulars(text)
        or _DANGLING_START.match(plain)
        or _FIRST_PERSON_START.match(form)
        or _PRONOUN_SPEAKER.search(form)
        or _DEMONSTRATIVE.search(opening)
        or _POINTING_NOUN.search(_BARE_QUOTE.sub("", form))
        or _LEANING.search(plain)
        or _pronoun_before_a_name(text.strip().lstrip("\"'“‘([ "))
        or _PARTICIPLE_ONLY.match(text.strip())
        or _POINTING_BACK.search(form)
    )


_OWN_CONTRAST = re.compile(
    r"(?:but|and|yet|still)\s*,?\s+(?:while|although|though|even though|even as|whereas)\s+",
    re.I,
)
"""A connective opening a sentence whose first clause gives the contrast it draws ("But while
Mr. Trump presented the start of peace talks as a concession by Mr. Putin, he was largely
endorsing Mr. Putin's own approach"): what follows the two words is judged as it stands ("And
while they're not on SNL anymore, ..." still leans)."""


BARE_WORDS = 10
"""A sentence this short with no name and no number leans on what was said before it."""
_PARTICULAR = re.compile(r"\d|(?<=[\s(“\"'‘-])(?!I\b)[A-Z]")
"""A figure, or a capital after the first word (not "I"): a name the sentence gives itself."""


def _bare_of_particulars(text: str) -> bool:
    """A short sentence naming nobody and nothing ("The sales pitch did not work.", "The
    answer, of course, is no."): which pitch, what question, the article said before. Read
    on Multi-News dev, about 85% of the 145 such sentences lean ("The victim suffered a broken
    vertebrae."); the others say little a brief needs. A first word that is no stop word
    counts as a name ("Thor is mighty and unsubtle and loud.")."""
    words = text.split()
    if not words or len(words) > BARE_WORDS:
        return False
    first = words[0].strip("\"'“‘(").lower()
    if first not in stop_words("english") or any(c.isdigit() for c in first):
        return False
    return not _PARTICULAR.search(text[len(words[0]) :])


def _pronoun_before_a_name(text: str) -> bool:
    """A subject "he", "she" or "they" with no name before it in the sentence (nor after it,
    when it opens a clause) that it could stand for."""
    found = _PRONOUN_SUBJECT.search(text)
    if not found:
        return False
    seen = text if found.group("clause") else text[: found.end()]
    return not any(name not in NOT_NAMES for name in _NAME.findall(seen))


_IMPERSONAL = re.compile(r"(?:it|there)\b", re.I)


def quotation_leans_back(quote: str) -> bool:
    """True when a quotation, shown alone with its speaker, leans on words around it: it
    opens with a connective or a third-person pronoun, or points back ("Trump remembered
    this military brotherhood"). A speaker's "I" or "we" is fine: the speaker is named, and
    so is "It is difficult" or "There is": a quotation's "it" is mostly the situation."""
    form = matching_form(quote).strip()
    plain = form.lstrip("\"'([ ")
    return bool(
        (_DANGLING_START.match(plain) and not _IMPERSONAL.match(plain))
        or _POINTING_NOUN.search(form)
        or _POINTING_BACK.search(form)
    )


def is_quote_fragment(text: str) -> bool:
    """A quotation mark that closes what this text never opened ("... about this?'")."""
    form = matching_form(text).strip()
    return form.count('"') % 2 == 1 or bool(
        _CLOSING_SINGLE.search(form) and not _OPENING_SINGLE.search(form)
    )


_DOUBLE_QUOTES = '"' + "".join(chr(mark) for mark, plain in TYPOGRAPHY.items() if plain == '"')
"""Every double quotation mark matching forms read as one (counted without making the form)."""


def inside_quotation(paragraph: Sequence[str]) -> list[bool]:
    """For each of a paragraph's sentences, in order: whether it lies inside a quotation an
    earlier sentence opened and it or a later one closes. Those are someone's words with no
    speaker and no quotation marks ("The president is supposed to speak with Putin.", said by
    Vance three sentences into his quotation): shown alone they read as the outlet's own
    report. A mark never closed in the paragraph (a stray one, or a garbled closing mark)
    makes nothing inside."""
    turns = [sum(map(text.count, _DOUBLE_QUOTES)) % 2 == 1 for text in paragraph]
    last_turn = max((number for number, turn in enumerate(turns) if turn), default=-1)
    inside, is_open = [], False
    for number, turn in enumerate(turns):
        inside.append(is_open and number <= last_turn)
        is_open ^= turn
    return inside


def is_bare_attribution(text: str) -> bool:
    """ "Peskov said." alone: it belongs to the quotation before it."""
    return bool(_BARE_ATTRIBUTION.match(text.strip()))

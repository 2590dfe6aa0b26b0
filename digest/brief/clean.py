"""Clean stage: keep the lines that are the article, drop the page around it.

Pasted articles carry mastheads, bylines, photo captions (often twice, the second time with
a credit glued on), "Updated" stamps, author bios, syndication footers and subscription
banners, sometimes in another language. The cleaner removes them with general rules about
where such lines stand and what they look like, plus a short list of patterns (noise.py,
extendable with `cleaning.noise_patterns` in the config). Every dropped line is kept in
`Article.removed` with its reason, so a wrong decision is easy to see.

Metadata the reader did not find (outlet, title, author) is recovered here from the very
lines being removed: a "Source:" line, "The post ... appeared first on ...", a byline.

The kept lines are the original text (only control characters, a leading dateline,
"BANGKOK (AP) —", abstract heading, "Objective", or glued photo credit, "(AP Photo/...)",
and links pasted after the last sentence are removed).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import replace
from pathlib import Path

from digest.brief.noise import (
    BANNER_START,
    BIO,
    BIO_FOLLOW_UP,
    CASE_FOLD,
    CUT_OFF,
    INLINE_MARK,
    LABEL_KINDS,
    LIST_ITEM,
    NOISE_PATTERNS,
    OPENING_LABEL,
    TERMINAL,
    WHOLE_PARAGRAPH_WORDS,
    WINDOWS_1252,
    credit_reach,
    is_teaser_index,
    mark_related_links,
    recover_metadata,
)
from digest.models import Article, RemovedLine
from digest.text.matching import TYPOGRAPHY, matching_form
from digest.text.splitting import split_text
from digest.text.words import WORD, stop_words, word_count

_SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"')]*\s+[\"(]?[A-Z]")
_YEAR = re.compile(r"\b1[89]\d\d\b|\b20\d\d\b")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\ud800-\udfff]")

BODY_MIN_WORDS = 12
"""A line this long that ends a sentence is the article; lines before the first one are header."""

BY_SENTENCE = ("cut-off teaser", "call to action")
"""Noise that a short line is also judged by sentence for: the rest of the line is prose."""

PARAGRAPH_WORDS = 40
"""A line this long is a paragraph or a whole article on one line: noise inside it is removed
sentence by sentence, never by dropping the line."""

LANGUAGES = ("english", "spanish", "french", "german", "italian", "portuguese")
"""The languages the cleaner tells apart by their stop words."""


ARTICLE_SAMPLE = 20_000
"""Characters of an article whose stop words say which language it is written in."""
LINE_SAMPLE = 3_000
"""Characters of a line whose stop words say which language the line is in."""


def clean_article(
    article: Article, language: str = "english", extra_patterns: tuple[str, ...] = ()
) -> Article:
    """Return the article with `body` (the article's own lines) and `removed` filled in."""
    extra = tuple(extra_patterns)
    lines, counts, pieces = _lines_and_counts(article.text, extra, language)
    return _cleaned(article, lines, counts, pieces, language, extra)


def clean_in_language(
    article: Article, language: str = "english", extra_patterns: tuple[str, ...] = ()
) -> tuple[str, Article]:
    """The language the article is written in (as language_of its first ARTICLE_SAMPLE
    characters says) and, when that is `language`, the article cleaned (else as it was).
    The article's stop words are its lines' added up whenever its lines hold exactly its
    words, so that most articles' words are counted once, not twice."""
    extra = tuple(extra_patterns)
    lines, counts, pieces = _lines_and_counts(article.text, extra, language)
    if _lines_hold_every_word(article.text, lines):
        written_in = _language(sum(counts), language)
    else:
        written_in = language_of(article.text, language, sample=ARTICLE_SAMPLE)
    if written_in != language:
        return written_in, article
    return language, _cleaned(article, lines, counts, pieces, language, extra)


def _lines_and_counts(
    text: str, extra: tuple[str, ...], language: str
) -> tuple[list[str], list[int], set[int]]:
    """The article's lines as the rules judge them, each line's stop-word counts, and which
    of them are sentences of a longer paragraph."""
    lines = [_strip_controls(line).strip() for line in text.splitlines()]
    lines, pieces = _noisy_paragraphs_as_sentences(
        [line for line in lines if line], extra, language
    )
    return lines, [_stop_word_counts(line[:LINE_SAMPLE]) for line in lines], pieces


def _lines_hold_every_word(text: str, lines: list[str]) -> bool:
    """Whether the words of the article's sample are exactly those of its lines' samples:
    the sample is the whole text, and the lines are the text's own (no control character
    removed, none split into sentences), none cut by a line's sample. A word never spans a
    line break."""
    return (
        len(text) <= ARTICLE_SAMPLE
        and all(len(line) <= LINE_SAMPLE for line in lines)
        and lines == [line.strip() for line in text.replace("\t", " ").splitlines() if line.strip()]
    )


def _cleaned(
    article: Article,
    lines: list[str],
    counts: list[int],
    pieces: set[int],
    language: str,
    extra: tuple[str, ...],
) -> Article:
    """The article with the lines the rules keep as its body, and the others as removed.
    `pieces`: the lines that are sentences of a longer paragraph."""
    reasons: dict[int, str] = {}
    found: dict[str, str] = {}
    _mark_patterns(lines, reasons, found, extra)
    mark_related_links(lines, reasons)
    _mark_repeats_and_captions(lines, reasons)
    _mark_header(lines, reasons, found, pieces)
    languages = [_language(c, language) for c in counts]  # once, for the two rules
    _mark_footer(lines, reasons, languages, language)
    _mark_foreign_lines(reasons, languages, language)
    _mark_short_fragments(lines, reasons)

    kept = {i: _without_labels(line) for i, line in enumerate(lines) if i not in reasons}
    body = tuple(rest for _labels, rest in kept.values())
    removed = tuple(
        cut
        for i in sorted({*reasons, *kept})
        for cut in ((RemovedLine(lines[i], reasons[i]),) if i in reasons else kept[i][0])
    )
    return replace(
        article,
        body=body,
        removed=removed,
        # Article cleans these names itself (models.clean_name), here and in `replace`
        outlet=article.outlet or found.get("outlet") or _outlet_from_path(article.path),
        title=article.title or found.get("title"),
        author=article.author or found.get("author"),
    )


def _without_labels(line: str) -> tuple[tuple[RemovedLine, ...], str]:
    """The line's dateline ("BANGKOK (AP) —"), abstract heading or glued photo credit, and
    links pasted after its last sentence, if any, and the line without them: the rest is the
    paragraph's sentences as written."""
    cuts: list[RemovedLine] = []
    found = OPENING_LABEL.match(line)
    if found:
        reason = next((why for kind, why in LABEL_KINDS.items() if found[kind]), "section label")
        cuts.append(RemovedLine(found.group().strip(), reason))
        line = line[found.end() :]
    rest = _without_trailing_links(line)
    if rest != line:
        cuts.append(RemovedLine(line[len(rest) :].strip(), "link or embed"))
    marks = list(INLINE_MARK.finditer(rest)) if "[" in rest else []
    if marks:  # a footnote's number, another story's headline after a sentence
        cuts.extend(RemovedLine(m.group().strip(), LABEL_KINDS[m.lastgroup or ""]) for m in marks)
        rest = INLINE_MARK.sub("", rest).strip()
    return tuple(cuts), rest


def _without_trailing_links(line: str) -> str:
    """The line without the links pasted after its last sentence ("... announced Jan. 31,
    2017. https://herox.com/SpacePoop/"), which keeps its sentences; a link inside a sentence,
    or on a line of its own, makes the line noise ("link or embed"). Read word by word from
    the end: no pattern that a long line could make search from every position."""
    if "http" not in line:
        return line
    end = cut = len(line.rstrip())
    while True:
        space = line.rfind(" ", 0, cut)
        if space < 0 or not line.startswith(("http://", "https://"), space + 1, cut):
            break
        while space > 0 and line[space - 1] == " ":
            space -= 1
        cut = space
    rest = line[:cut]
    return rest if cut < end and rest.endswith(_SENTENCE_END) else line


def language_of(text: str, expected: str, sample: int = LINE_SAMPLE) -> str:
    """The language whose stop words the first `sample` characters of `text` use most;
    `expected` unless clearly another. Counted twice: all stop words, then only those of one
    language alone ("otro", "desde"), since short words shared by several ("a", "en", "un",
    "la") can outvote a clear one."""
    return _language(_stop_word_counts(text[:sample]), expected)


def _stop_word_counts(text: str) -> int:
    """The text's words, and its stop words of each language (all, and those of that
    language alone), as one number of _FIELD_BITS-bit fields: the counts of several texts
    are then their sum. Summed in C, one dictionary look-up per word."""
    return sum(map(_stop_word_units().get, WORD.findall(text.lower()), itertools.repeat(1)))


def _language(counts: int, expected: str) -> str:
    """language_of's choice, from a text's _stop_word_counts. A brief in a language the
    cleaner cannot tell apart (not one of LANGUAGES) takes every text as written in it: Czech
    was "written in Portuguese", by the few short words the two share."""
    if _field(counts, 0) < 4 or expected not in LANGUAGES:
        return expected
    for first in (1, 1 + len(LANGUAGES)):  # all stop words, then those of one language
        scores = {lang: _field(counts, first + n) for n, lang in enumerate(LANGUAGES)}
        best = max(scores, key=scores.__getitem__)
        if best != expected and scores[best] >= 3 and scores[best] > 2 * scores.get(expected, 0):
            return best
    return expected


def _has_words(text: str, count: int) -> bool:
    """word_count(text) >= count, reading no further than the count-th word (a whole
    article on one line has thousands)."""
    return next(itertools.islice(WORD.finditer(text), count - 1, None), None) is not None


def _noisy_paragraphs_as_sentences(
    lines: list[str], extra: tuple[str, ...], language: str
) -> tuple[list[str], set[int]]:
    """A long line with a credit, a notice or a bio inside it is judged sentence by sentence,
    so that the noise goes and the article it is glued to stays (but a post, a captioned
    credit or an archive notice takes its paragraph). Also: which lines are such sentences."""
    result: list[str] = []
    pieces: set[int] = set()
    index = is_teaser_index(lines)
    for line in lines:
        plain = _without_trailing_links(line).translate(TYPOGRAPHY)
        if _judged_by_sentence(plain, extra, index):
            sentences = split_text(line, language)
            pieces.update(range(len(result), len(result) + len(sentences)))
            result.extend(sentences)
        else:
            result.append(line)
    return result, pieces


def _judged_by_sentence(plain: str, extra: tuple[str, ...], index: bool) -> bool:
    """Whether the line is judged sentence by sentence: a long one with noise that does not
    take its whole paragraph; a short one whose last sentence is cut off ("... Russian
    officials said. Investigators will seek to understand why the crew tried ...") or one of
    whose sentences tells the reader what to do; never a line of an index of teasers."""
    if index:
        return False  # every line of an index goes whole
    reason = _noise_reason(plain, extra)
    if not _has_words(plain, PARAGRAPH_WORDS):
        several = _SENTENCE_BREAK.search(plain) or CUT_OFF.search(plain)
        return reason in BY_SENTENCE and bool(several)
    if reason in WHOLE_PARAGRAPH_WORDS and not _has_words(plain, WHOLE_PARAGRAPH_WORDS[reason]):
        return False
    return bool(BIO.search(plain) or reason)


def _strip_controls(text: str) -> str:
    """Remove characters no document format can hold or the reader would not see: C0 and C1
    controls (WINDOWS_1252 first), zero-width spaces, lone surrogates."""
    return _CONTROL.sub("", text.translate(WINDOWS_1252)).replace("\t", " ")


@functools.cache
def _compiled_patterns(extra: tuple[str, ...]) -> list[tuple[re.Pattern, str, tuple[str, ...]]]:
    compiled = [(re.compile(p, re.I), reason, needs) for p, reason, needs in NOISE_PATTERNS]
    compiled += [(re.compile(p, re.I), "configured noise pattern", ()) for p in extra]
    return compiled


@functools.lru_cache(maxsize=4096)
def _noise_reason(plain: str, extra: tuple[str, ...]) -> str | None:
    """The reason of the first noise pattern `plain` matches, if any. Cached: a long line is
    asked twice (to judge it by sentence, then to mark it)."""
    folded = plain.translate(CASE_FOLD).lower()
    for pattern, reason, needs in _compiled_patterns(extra):
        if needs and not any(word in folded for word in needs):
            continue
        start = credit_reach(plain) if reason == "photo credit" else 0
        if pattern.search(plain, start) and (reason != "byline" or word_count(plain) <= 30):
            return reason
    return None


def _mark_patterns(
    lines: list[str],
    reasons: dict[int, str],
    found: dict[str, str],
    extra: tuple[str, ...],
) -> None:
    """Lines matching a noise pattern, bios, and the metadata some of them carry. A page that
    is an index of teasers is no article: its lines are other pages' teasers, cut off, and
    the index's own description ("Visitors can browse more than 500 individual topics")."""
    in_bio = False
    index = is_teaser_index(lines)
    for i, line in enumerate(lines):
        plain = _without_trailing_links(line).translate(TYPOGRAPHY)
        if BIO.match(plain) or (in_bio and BIO_FOLLOW_UP.match(plain)):
            reasons[i] = "author bio"
            in_bio = True
            continue
        in_bio = False
        reason = _noise_reason(plain, extra)
        if reason or index:
            reasons[i] = reason or "index of teasers"
        recover_metadata(plain, found)


def _mark_repeats_and_captions(lines: list[str], reasons: dict[int, str]) -> None:
    """A short line repeated (a section label), or repeated with a credit glued on (a caption
    shown twice, like "... Putin." then "... Putin.AP"): all copies go."""
    keys = [matching_form(line) for line in lines]
    for i, key in enumerate(keys):
        for j in range(i + 1, min(i + 4, len(lines))):
            other = keys[j]
            glued = other.startswith(key) and 0 < len(other) - len(key) <= 40
            if (other == key and word_count(key) <= 25) or (glued and word_count(key) <= 30):
                reasons.setdefault(
                    i, "photo caption" if glued or word_count(key) > 3 else "repeated label"
                )
                reasons.setdefault(j, reasons[i])


def _is_body_line(line: str) -> bool:
    """A paragraph of prose: long enough, and ending a sentence or holding two of them."""
    plain = line.translate(TYPOGRAPHY)
    return _has_words(plain, BODY_MIN_WORDS) and bool(
        TERMINAL.search(plain) or _SENTENCE_BREAK.search(plain)
    )


def _mark_header(
    lines: list[str], reasons: dict[int, str], found: dict[str, str], pieces: set[int]
) -> None:
    """Everything before the first real paragraph is masthead, headline, dek or byline.
    The first headline-like line there is the article's title. A sentence of a paragraph
    split for the noise in it is that paragraph, however short ("Unlike many moms, Barbara
    Soper never gets her kids' birthdays confused." after an "Enlarge" caption)."""
    first_body = next(
        (
            i
            for i, line in enumerate(lines)
            if i not in reasons
            and (
                _is_body_line(line) or (i in pieces and TERMINAL.search(line.translate(TYPOGRAPHY)))
            )
        ),
        0,
    )
    header = [i for i in range(first_body) if i not in reasons]
    headlines = [
        i
        for i in header
        if word_count(lines[i]) >= 5
        and not TERMINAL.search(lines[i])
        and not LIST_ITEM.match(lines[i])
    ]
    # a masthead ("Spokane, Washington  Est. May 19, 1883") names a year; a headline rarely does
    headline = next((i for i in headlines if not _YEAR.search(lines[i])), None)
    if headline is not None:
        found.setdefault("title", lines[headline])
    for i in header:
        reasons[i] = "headline" if i == headline else "page header"


def _mark_footer(
    lines: list[str], reasons: dict[int, str], languages: list[str], language: str
) -> None:
    """From a line that starts with a banner phrase in the last part of the page, drop lines
    until the article's own prose comes back (a long line in the article's language that is
    no banner). The first line is never footer, and the footer never takes every line the
    other rules kept: an article is never emptied for a banner."""
    footer: list[int] = []
    dropping = False
    for i in range(max(1, len(lines) // 2), len(lines)):
        banner = bool(BANNER_START.match(lines[i]))
        dropping = dropping or banner
        if dropping and not banner and _is_body_line(lines[i]) and languages[i] == language:
            dropping = False
        elif dropping and i not in reasons:
            footer.append(i)
    kept = set(range(len(lines))) - set(reasons) - set(footer)
    if kept:
        reasons.update((i, "subscription banner") for i in footer)


def _mark_foreign_lines(reasons: dict[int, str], languages: list[str], language: str) -> None:
    for i, line_language in enumerate(languages):
        if i not in reasons and line_language != language:
            reasons[i] = "not in the article's language"


def _mark_short_fragments(lines: list[str], reasons: dict[int, str]) -> None:
    """Short lines that end no sentence are subheadings, captions or buttons, not facts."""
    for i, line in enumerate(lines):
        if (
            i not in reasons
            and not _has_words(line, 8)
            and not TERMINAL.search(line.translate(TYPOGRAPHY))
        ):
            reasons[i] = "subheading or caption"


_FIELD_BITS = 64
"""Width of each count in _stop_word_counts: room for any text's words."""


@functools.cache
def _stop_word_units() -> dict[str, int]:
    """What each stop word of LANGUAGES adds to _stop_word_counts: one word (field 0), one
    stop word of each of its languages (fields 1-6), and one of its language alone (fields
    7-12) when it belongs to only one. Any other word adds 1, a word."""
    languages: dict[str, list[int]] = {}
    for n, language in enumerate(LANGUAGES):
        for word in stop_words(language):
            languages.setdefault(word, []).append(n)
    alone = 1 + len(LANGUAGES)
    return {
        word: 1
        + sum(1 << (_FIELD_BITS * (1 + n)) for n in numbers)
        + (1 << (_FIELD_BITS * (alone + numbers[0])) if len(numbers) == 1 else 0)
        for word, numbers in languages.items()
    }


def _field(counts: int, n: int) -> int:
    return (counts >> (_FIELD_BITS * n)) & ((1 << _FIELD_BITS) - 1)


def _outlet_from_path(path: str) -> str:
    stem = re.sub(r"^\d+[_-]*", "", Path(path).stem)
    stem = re.sub(r"[_-]+", " ", stem).strip()
    return stem.title() if stem else Path(path).stem

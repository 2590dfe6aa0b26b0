"""Clean stage: keep the lines that are the article, drop the page around it.

Pasted articles carry mastheads, bylines, photo captions (often twice, the second time with
a credit glued on), "Updated" stamps, author bios, syndication footers and subscription
banners, sometimes in another language. The cleaner removes them with general rules about
where such lines stand and what they look like, plus a short list of patterns (NOISE_PATTERNS,
extendable with `cleaning.noise_patterns` in the config). Every dropped line is kept in
`Article.removed` with its reason, so a wrong decision is easy to see.

Metadata the reader did not find (outlet, title, author) is recovered here from the very
lines being removed: a "Source:" line, "The post ... appeared first on ...", a byline.

The kept lines are the original text (only control characters are removed).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path

from digest.brief.read import parse_byline
from digest.models import Article, RemovedLine
from digest.text.matching import TYPOGRAPHY, matching_form
from digest.text.words import WORD, stop_words, word_count

# (pattern, reason): a line that matches is not part of the article. Patterns are searched
# case-insensitively; keep them general (a kind of line, not one outlet's exact words).
NOISE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^the post .+ appeared first on .+$", "syndication footer"),
    (r"^source:\s*\S.{0,120}$", "source line"),
    (r"\btranslated by:", "translation credit"),
    (r"^by\s+[A-Z][^.!?]{2,160}$", "byline"),
    (r"\b(contributed reporting|contributed to this report)\b", "reporting credit"),
    (r"^(updated|published|posted|last updated|modified)\b[^.!?]{0,40}$", "timestamp"),
    (r"^(photo|image|picture|credit|caption)s?\s*:", "photo caption"),
    (r"\b(AP|AFP|Reuters|Getty Images|EPA|Bloomberg) ?(photo|via)?\s*\)?$", "photo credit"),
    (r"\b(sign up|subscribe)\b.{0,80}\bnewsletter\b", "newsletter banner"),
    (r"^(advertisement|sponsored content|read more|related:?|share this article)\b", "page chrome"),
    (r"\b(all rights reserved|©|copyright \d{4})", "copyright notice"),
)

# Where one of these starts a line near the end, the rest of the page is banner or chrome
# (in any language) until a normal paragraph of the article's language comes back.
_BANNER_START = re.compile(
    r"(?i)\b(newsletter|subscri|suscri|abonn|iscriviti|assinat|sign up|sign in|log in|"
    r"create an account|cookie)"
)
_BIO = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s+(is|was)\s+(a|an|the)\b.{0,160}?\b"
    r"(correspondent|reporter|editor|chief|writer|columnist|journalist|contributor|producer|"
    r"photographer|analyst|anchor)\b"
)
_BIO_FOLLOW_UP = re.compile(
    r"^(He|She|They)\s+(writes|covers|reports|has covered|previously|joined)\b"
)
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]]*$")
_SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"')]*\s+[\"(]?[A-Z]")
_YEAR = re.compile(r"\b1[89]\d\d\b|\b20\d\d\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

BODY_MIN_WORDS = 12
"""A line this long that ends a sentence is the article; lines before the first one are header."""


def clean_article(
    article: Article, language: str = "english", extra_patterns: tuple[str, ...] = ()
) -> Article:
    """Return the article with `body` (the article's own lines) and `removed` filled in."""
    lines = [_strip_controls(line).strip() for line in article.text.splitlines()]
    lines = [line for line in lines if line]
    reasons: dict[int, str] = {}
    found: dict[str, str] = {}

    _mark_patterns(lines, reasons, found, _compiled_patterns(tuple(extra_patterns)))
    _mark_repeats_and_captions(lines, reasons)
    _mark_header(lines, reasons, found)
    _mark_footer(lines, reasons, language)
    _mark_foreign_lines(lines, reasons, language)
    _mark_short_fragments(lines, reasons)

    body = tuple(line for i, line in enumerate(lines) if i not in reasons)
    removed = tuple(RemovedLine(lines[i], reasons[i]) for i in sorted(reasons))
    return replace(
        article,
        body=body,
        removed=removed,
        outlet=_strip_controls(article.outlet)
        or found.get("outlet")
        or _outlet_from_path(article.path),
        title=_strip_controls(article.title or "") or found.get("title"),
        author=_strip_controls(article.author or "") or found.get("author"),
    )


def _strip_controls(text: str) -> str:
    """Remove characters no document format can hold (C0 controls, lone surrogates)."""
    return _CONTROL.sub("", text).replace("\t", " ")


@functools.cache
def _compiled_patterns(extra: tuple[str, ...]) -> list[tuple[re.Pattern, str]]:
    compiled = [(re.compile(p, re.I), reason) for p, reason in NOISE_PATTERNS]
    compiled += [(re.compile(p, re.I), "configured noise pattern") for p in extra]
    return compiled


def _mark_patterns(
    lines: list[str],
    reasons: dict[int, str],
    found: dict[str, str],
    patterns: list[tuple[re.Pattern, str]],
) -> None:
    """Lines matching a noise pattern, bios, and the metadata some of them carry."""
    in_bio = False
    for i, line in enumerate(lines):
        plain = line.translate(TYPOGRAPHY)
        if _BIO.match(plain) or (in_bio and _BIO_FOLLOW_UP.match(plain)):
            reasons[i] = "author bio"
            in_bio = True
            continue
        in_bio = False
        for pattern, reason in patterns:
            if pattern.search(plain) and (reason != "byline" or word_count(plain) <= 30):
                reasons[i] = reason
                break
        _recover_metadata(plain, found)


def _recover_metadata(line: str, found: dict[str, str]) -> None:
    post = re.match(r"(?i)^the post (.+) appeared first on (.+?)\.?$", line)
    if post:
        found.setdefault("title", post.group(1).strip())
        found.setdefault("outlet", post.group(2).strip())
    source = re.match(r"(?i)^source:\s*([^,;]{2,80})", line)
    if source:
        found.setdefault("outlet", source.group(1).strip())
    author = parse_byline(line) if re.match(r"By\s+[A-Z]", line) else None
    if author and word_count(line) <= 30:
        found.setdefault("author", author)


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
    return word_count(plain) >= BODY_MIN_WORDS and bool(
        _TERMINAL.search(plain) or _SENTENCE_BREAK.search(plain)
    )


def _mark_header(lines: list[str], reasons: dict[int, str], found: dict[str, str]) -> None:
    """Everything before the first real paragraph is masthead, headline, dek or byline.
    The first headline-like line there is the article's title."""
    first_body = next(
        (i for i, line in enumerate(lines) if i not in reasons and _is_body_line(line)), 0
    )
    header = [i for i in range(first_body) if i not in reasons]
    headlines = [i for i in header if word_count(lines[i]) >= 5 and not _TERMINAL.search(lines[i])]
    # a masthead ("Spokane, Washington  Est. May 19, 1883") names a year; a headline rarely does
    headline = next((i for i in headlines if not _YEAR.search(lines[i])), None)
    if headline is not None:
        found.setdefault("title", lines[headline])
    for i in header:
        reasons[i] = "headline" if i == headline else "page header"


def _mark_footer(lines: list[str], reasons: dict[int, str], language: str) -> None:
    """From a banner line in the last part of the page, drop lines until the article's own
    prose comes back (a long line in the article's language that is no banner)."""
    start = int(len(lines) * 0.5)
    dropping = False
    for i in range(start, len(lines)):
        line = lines[i]
        banner = bool(_BANNER_START.search(line))
        if banner:
            dropping = True
        if dropping:
            if not banner and _is_body_line(line) and _language_of(line, language) == language:
                dropping = False
                continue
            reasons.setdefault(i, "subscription banner")


def _mark_foreign_lines(lines: list[str], reasons: dict[int, str], language: str) -> None:
    for i, line in enumerate(lines):
        if i not in reasons and _language_of(line, language) != language:
            reasons[i] = "not in the article's language"


def _mark_short_fragments(lines: list[str], reasons: dict[int, str]) -> None:
    """Short lines that end no sentence are subheadings, captions or buttons, not facts."""
    for i, line in enumerate(lines):
        if (
            i not in reasons
            and word_count(line) < 8
            and not _TERMINAL.search(line.translate(TYPOGRAPHY))
        ):
            reasons[i] = "subheading or caption"


def _language_of(line: str, expected: str) -> str:
    """The language whose stop words the line uses most; `expected` unless clearly another."""
    words = [w.lower() for w in WORD.findall(line)]
    if len(words) < 4:
        return expected
    scores = {lang: sum(w in stops for w in words) for lang, stops in _stop_words().items()}
    native = scores.get(expected, 0)
    best = max(scores, key=scores.get)
    if best != expected and scores[best] >= 3 and scores[best] > 2 * native:
        return best
    return expected


@functools.cache
def _stop_words() -> dict[str, frozenset[str]]:
    languages = ("english", "spanish", "french", "german", "italian", "portuguese")
    return {lang: stop_words(lang) for lang in languages}


def _outlet_from_path(path: str) -> str:
    stem = re.sub(r"^\d+[_-]*", "", Path(path).stem)
    stem = re.sub(r"[_-]+", " ", stem).strip()
    return stem.title() if stem else Path(path).stem

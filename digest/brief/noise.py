"""What page noise looks like: the patterns and shapes the cleaner (clean.py) removes.

Keep them general, a kind of line a reader would name ("a photo caption", "a dateline"), not
one outlet's exact words.
"""

from __future__ import annotations

import re

# (pattern, reason, needs): a line that matches is not part of the article. Patterns are
# searched case-insensitively; keep them general (a kind of line, not one outlet's exact
# words). `needs`: words (lower case) one of which every line the pattern matches contains,
# so that its search, which tries every position of a long line, runs only on lines that
# have one (a substring test is many times faster); none for a pattern anchored at the start,
# or at the end (the photo credit, searched from near the end: clean._credit_reach).
NOISE_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"^the post .+ appeared first on .+$", "syndication footer", ()),
    (r"^source:\s*\S.{0,120}$", "source line", ()),
    (r"\btranslated by:", "translation credit", ("translated by:",)),
    (r"^by\s+[A-Z][^.!?]{2,160}$", "byline", ()),
    (
        r"\b(contributed reporting|contributed to this report)\b",
        "reporting credit",
        ("contributed ",),
    ),
    (r"^(updated|published|posted|last updated|modified)\b[^.!?]{0,40}$", "timestamp", ()),
    (r"^(photo|image|picture|credit|caption)s?\s*:", "photo caption", ()),
    (r"^image (copyright|caption)\b", "photo caption", ()),
    (r"^(file\s*[-–—]+\s*)?in this\b.{0,60}?\b(photo|image|picture)\b", "photo caption", ()),
    # a picture dated in full ("in Luhansk, Sunday, April 6, 2014."), prose says "on Sunday"
    (
        r"\b(mon|tues|wednes|thurs|fri|satur|sun)day,? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
        r"nov|dec)[a-z]*\.? \d\d?,? (1[89]|20)\d\d\b",
        "photo caption",
        ("day",),
    ),
    (
        r"\b(AP|AFP|Reuters|Getty Images|EPA|Bloomberg|Associated Press) ?(photo|via)?\s*\)?$",
        "photo credit",
        (),
    ),
    # a pasted link; one in brackets is the sentence's source, cited in it: "by using MEGA
    # 5.05 software (http://www.megasoftware.net/) as described", "(see: https://...)"
    (r"(?<!\()(?<!\(see )(?<!\(see: )\bhttps?://\w", "link or embed", ("http",)),
    # the page telling its reader what to do next: "Watch the full season on ...", "Contact
    # him at ...", "For more information, go to ...", "Welcome to the official channel of ..."
    (
        r"^(for more information\b|(watch|listen to|visit|follow|contact|download|read) (the full|"
        r"the official|our|us|him|her|them)\b|welcome to (the|our)\b)",
        "call to action",
        (),
    ),
    (r"\b(sign up|subscribe|view all)\b.{0,80}\bnewsletter", "newsletter banner", ("newsletter",)),
    (r"\b(directly )?(to|in) your inbox\b", "newsletter banner", ("your inbox",)),
    (
        r"^(advertisement|sponsored content|read more|related:?|share this article|enlarge\b|"
        r"subscribe (to|now|today)|support our journalism|become a (subscriber|member))\b",
        "page chrome",
        (),
    ),
    (
        r"\b(all rights reserved|©|copyright \d{4})",
        "copyright notice",
        ("all rights reserved", "©", "copyright "),
    ),
    (r"^(skip in skip x embed x share\s+)?(?-i:CLOSE\s+[A-Z0-9])", "video player caption", ()),
    (r"\bautoplay\b", "video player caption", ("autoplay",)),
)
# re.IGNORECASE matches these to ASCII letters where lower() does not (the long s to "s");
# they are folded before the `needs` test, so that it never passes over a line that matches
CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
TAIL_REACH = 24
"""The photo credit pattern ends the line: its match ("Getty Images via") starts at most this
many characters before the end of the line without its closing white space and ")"."""

# Where one of these starts a line near the end, the rest of the page is banner or chrome
# (in any language) until a normal paragraph of the article's language comes back. Only at
# the start of the line and as whole words: "subscribers" or "a newsletter" in the middle of
# a paragraph is the article's subject, not a banner.
_BANNER_WORDS = (
    r"(?:newsletters?|subscribe|subscription|suscr[ií]b[ea]te|suscr[ií]base|suscripci[oó]n|"
    r"abonnez|abonnement|iscriviti|assine|assinatura|sign up|sign in|log in|create an account|"
    r"cookies?)\b"
)
BANNER_START = re.compile(r"(?i)^\W*" + _BANNER_WORDS)
BIO = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s+(is|was)\s+(a|an|the)\b.{0,160}?\b"
    r"(correspondent|reporter|editor|chief|writer|columnist|journalist|contributor|producer|"
    r"photographer|analyst|anchor)\b"
)
BIO_FOLLOW_UP = re.compile(
    r"^(He|She|They)\s+(writes|covers|reports|has covered|previously|joined)\b"
)
OPENING_LABEL = re.compile(
    # "NEW YORK (AP) — ", "MURPHY, N.C. — ", "CAPE CANAVERAL, Florida (Reuters) - "
    r"^(?:(?P<dateline>[A-Z]{2}[A-Z.'’/-]*(?: [A-Z][A-Z.'’/-]+){0,3}"
    r"(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})?(?: ?\([^()]{1,40}\))?\s*(?:—|–|--| -) |"
    # "(CNN) -- ", "Havana (CNN) ", "Moscow (AFP) - "
    r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})? ?)?"
    r"\((?:AP|CNN|Reuters|AFP|UPI|Xinhua|dpa|Bloomberg)\)\s*(?:(?:—|–|--|-)\s*)?)|"
    # a structured abstract's headings: "Abstract A previously healthy man ..."
    r"(?:Abstract|Importance|Background|Objectives?|Design, Setting, and Participants|Methods|"
    r"Results|Conclusions(?: and Relevance)?|Main Outcomes? and Measures?|Findings) |"
    # a photo credit glued before the text: "(AP Photo/Michael Probst, File) ", "John
    # Moore/Getty Images "
    r"(?P<credit>\(AP Photo/[^()]{1,60}\)\s*|[A-Z][\w.'’ -]{1,40}/(?:[A-Z]+/)?Getty Images\s+))"
    r"(?=[\"“‘'(]?[A-Z0-9])"
)
"""Where and from whom a story was filed, an abstract's heading or a photo credit glued
before a paragraph: no part of its first sentence."""

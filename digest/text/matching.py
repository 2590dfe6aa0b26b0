"""Matching forms: how two wordings are compared, never how they are shown.

A sentence's matching form is lower case with typography (curly quotes, dashes, odd spaces)
and spelling variants ("Zelenskyy", "Zelensky") unified. The merger, the similarity space,
the highlights and the article store's dedup keys all compare text through this one module,
so a change here changes every comparison at once and nothing else.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from importlib import resources

from digest.text.words import tokens

TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u2026": "...",
    }
)


def matching_form(text: str, spellings: dict[str, tuple[str, ...]] | None = None) -> str:
    """Lower-case text with typography and spelling variants unified, for comparing only."""
    text = unicodedata.normalize("NFKC", text.translate(TYPOGRAPHY)).lower()
    configured = tuple((k, tuple(v)) for k, v in spellings.items()) if spellings else ()
    words, any_variant, patterns = _spelling_patterns(_merged_spellings(configured))
    # no variant in the text: most texts hold none of the words, found by substring tests
    # many times faster than a regular expression's search, which tries every position
    if not any(word in text for word in words) or not any_variant.search(text):
        return text
    for canonical, variants in patterns:
        text = variants.sub(canonical, text)
    return text


def matching_words(text: str) -> list[str]:
    """The words of `text` in matching form, for comparing wordings."""
    return tokens(matching_form(text))


@functools.cache
def default_spellings() -> dict[str, tuple[str, ...]]:
    """The packaged spelling variants (digest/text/data/spellings.toml)."""
    data = resources.files("digest.text") / "data" / "spellings.toml"
    return {k: tuple(v) for k, v in tomllib.loads(data.read_text("utf-8")).items()}


@functools.cache
def _merged_spellings(configured: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple:
    """The packaged variants plus the configured ones ((canonical, variants) pairs),
    hashable for the pattern cache."""
    merged = dict(default_spellings())
    for canonical, variants in configured:
        merged[canonical.lower()] = tuple(merged.get(canonical.lower(), ())) + tuple(variants)
    return tuple((k, tuple(v)) for k, v in sorted(merged.items()))


@functools.cache
def _spelling_patterns(
    spellings: tuple,
) -> tuple[tuple[str, ...], re.Pattern, list[tuple[str, re.Pattern]]]:
    """Every variant (lower case), one pattern that finds any of them as a word, and each
    canonical spelling's pattern, applied in turn."""
    words = tuple(v.lower() for _, variants in spellings for v in variants)
    any_variant = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")
    return (
        words,
        any_variant,
        [
            (
                canonical,
                re.compile(r"\b(" + "|".join(re.escape(v.lower()) for v in variants) + r")\b"),
            )
            for canonical, variants in spellings
            if variants
        ],
    )

"""Words as the ranking and matching stages see them: tokens, stop words and stems.

Stems come from PyStemmer (the Snowball stemmers, compiled), which loads in milliseconds;
NLTK's copy of the same algorithms takes two seconds to import, which a one-article build
should not pay. Stop words are sumy's lists, read from its data files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources

WORD = re.compile(r"\w++(?:['’]\w++)*+")
"""The one word pattern: summarizers, matching, similarity and word counts all use it.
Possessive: the words are those of \\w+(?:['’]\\w+)* (a word can always end where its
greedy match does), found 10% faster as the engine keeps no positions to backtrack to."""


def tokens(text: str) -> list[str]:
    """Words of a sentence as written (what sumy's summarizers are given)."""
    return WORD.findall(text)


def counted(number: int, noun: str) -> str:
    """'1 article', '2 articles': every count digest prints agrees with its noun (nouns that
    take a plain -s, which are all digest counts)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def word_count(text: str) -> int:
    """Words as the reader counts them, for budgets and length rules."""
    return len(WORD.findall(text))


@functools.cache
def known_languages() -> tuple[str, ...]:
    """The languages `brief.language` may name: those sumy has stop words for or Snowball a
    stemmer for (a misspelt one would quietly give a brief ranked with neither)."""
    import Stemmer

    folder = resources.files("sumy") / "data" / "stopwords"
    listed = {e.name.removesuffix(".txt") for e in folder.iterdir() if e.name.endswith(".txt")}
    stemmed = set(Stemmer.algorithms()) - {"porter", "dutch_porter"}  # variants, not languages
    return tuple(sorted(listed | stemmed))


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """sumy's stop words for `language` (lower case); empty if it has none."""
    try:
        data = resources.files("sumy") / "data" / "stopwords" / f"{language.lower()}.txt"
        return frozenset(w.strip().lower() for w in data.read_text("utf-8").splitlines() if w)
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()


@functools.cache
def stemmer(language: str) -> Callable[[str], str]:
    """A cached stemming function for `language` (identity if Snowball has none)."""
    import Stemmer

    try:
        snowball = Stemmer.Stemmer(language.lower())
    except KeyError:
        return str.lower
    return functools.lru_cache(maxsize=200_000)(snowball.stemWord)

"""Sentence splitting without downloaded data.

sumy's own Tokenizer needs NLTK's punkt data, which cannot be installed from a package
registry, so digest gives sumy a tokenizer of its own built on pysbd, a rule-based splitter
that needs no data files ("Mr. Putin", "U.S.", "Vladimir V. Putin", "Jan. 1" stay whole).
"""

from __future__ import annotations

import functools
import re

from digest.text.standalone import is_bare_attribution
from digest.text.words import tokens

_LANGUAGES = {
    "english": "en",
    "spanish": "es",
    "french": "fr",
    "german": "de",
    "italian": "it",
    "portuguese": "en",
    "greek": "el",
    "polish": "pl",
    "czech": "en",
    "slovak": "sk",
}



class OfflineTokenizer:
    """The tokenizer sumy expects (to_sentences, to_words), with no downloaded data."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return split_text(paragraph, self.language)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokens(sentence))


def split_text(text: str, language: str = "english") -> tuple[str, ...]:
    """Sentences of one paragraph, verbatim. A piece that starts in lower case continues the
    sentence before it (splitters stumble on "... of the conflict. but not ..."), and so does
    a bare attribution after a quotation ("“Vladimir, STOP!” | Mr. Trump wrote."): both are
    joined back."""
    pieces = [p.strip() for p in _segment(text, language) if p.strip()]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and (piece[0].islower() or is_bare_attribution(piece)):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return tuple(sentences)


def _segment(text: str, language: str) -> list[str]:
    """pysbd's sentences as spans of the original text. pysbd finds those spans by compiling
    a regular expression of every sentence, which is most of its time; a plain substring
    search after the previous sentence finds the same spans."""
    segmenter = _segmenter(language)
    sentences, position = [], 0
    for sentence in segmenter.processor(text).process():
        sentence = sentence.strip()
        start = text.find(sentence, position)
        if start < 0:  # pysbd rewrote this text: let it find the spans its own way
            return segmenter.segment(text)
        end = start + len(sentence)
        sentences.append(text[position:end] if not sentences else text[start:end])
        position = end
    if sentences and position < len(text):
        sentences[-1] += text[position:]
    return sentences


@functools.cache
def _segmenter(language: str):
    import pysbd

    # pysbd compiles a regular expression for every abbreviation it meets; Python keeps only
    # 512 compiled expressions, so a long build would compile the same ones over and over.
    re._MAXCACHE = max(getattr(re, "_MAXCACHE", 512), 20_000)
    return pysbd.Segmenter(language=_LANGUAGES.get(language, "en"), clean=False, char_span=False)

"""Summarize stage: split each article into sentences and rank them with a sumy method.

sumy's own Tokenizer needs NLTK's punkt data, which cannot be installed from a package
registry, so digest gives sumy a tokenizer of its own built on pysbd, a rule-based splitter
that needs no data files ("Mr. Putin", "U.S.", "Vladimir V. Putin", "Jan. 1" stay whole).

Every method's full ranking is kept (score and rank of each sentence), not only its picks,
so the merger and brief.json can say why a sentence was chosen.
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from collections.abc import Callable

from digest.models import Article, RankedSentence, Sentence, Summary
from digest.text.words import stemmer, stop_words, tokens

# name -> "module:class" of the summarizer; imported on first use, since importing sumy (and
# NLTK under it) takes seconds and `digest --help` should not wait for it. LexRank is
# digest's vectorised copy of sumy's (same picks, a fraction of the time); the others are
# sumy's own.
METHODS: dict[str, str] = {
    "lex-rank": "digest.brief.lexrank:LexRank",
    "text-rank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "sum-basic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "edmundson": "sumy.summarizers.edmundson:EdmundsonSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
    "reduction": "sumy.summarizers.reduction:ReductionSummarizer",
}

# KL-Sum and Reduction compare every sentence with every other (KL-Sum is cubic): past this
# many sentences they rank only an article's first ones, where news puts what matters.
QUADRATIC_METHODS = {"kl", "reduction"}
QUADRATIC_SENTENCE_CAP = 80

_ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w.’'-]*\s+){0,4}(?:said|says|added|wrote|asked|noted|stated|declared|insisted|"
    r"told reporters)\.$"
)
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
        if sentences and (piece[0].islower() or _ATTRIBUTION.match(piece)):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return tuple(sentences)


def split_sentences(article: Article, language: str = "english") -> tuple[Sentence, ...]:
    """Every sentence of the article's cleaned body, numbered through the article."""
    sentences = []
    for paragraph, line in enumerate(article.body):
        for text in split_text(line, language):
            sentences.append(Sentence(article.id, len(sentences), paragraph, text))
    return tuple(sentences)


def summarize(
    article: Article,
    method: str,
    count: int,
    language: str = "english",
    bonus_words: tuple[str, ...] = (),
) -> Summary:
    """Rank the article's sentences with `method` and keep the best `count` as picks.

    `bonus_words` (topic keywords) steer Edmundson's cue and key methods; others ignore them.
    """
    sentences = split_sentences(article, language)
    ranked = rank_sentences(sentences, method, language, bonus_words + _title_words(article))
    return Summary(article=article, sentences=sentences, ranking=ranked, count=count, method=method)


def rank_sentences(
    sentences: tuple[Sentence, ...],
    method: str,
    language: str = "english",
    bonus_words: tuple[str, ...] = (),
) -> tuple[RankedSentence, ...]:
    """All sentences (or the first QUADRATIC_SENTENCE_CAP for slow methods), best first."""
    if method in QUADRATIC_METHODS:
        sentences = sentences[:QUADRATIC_SENTENCE_CAP]
    if not sentences:
        return ()
    ranker = _method_class(method)
    if hasattr(ranker, "rate"):  # digest's own, vectorised implementation
        scores = ranker(language).rate([s.text for s in sentences])
        scored = [(_finite(score), order) for order, score in enumerate(scores)]
    else:
        scored = _sumy_scores(sentences, method, language, bonus_words)
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return tuple(
        RankedSentence(sentences[order], score, rank) for rank, (score, order) in enumerate(scored)
    )


def _sumy_scores(sentences, method: str, language: str, bonus_words: tuple[str, ...]):
    """(score, position) of every sentence, from one of sumy's summarizers."""
    import numpy
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = OfflineTokenizer(language)
    paragraphs: dict[int, list] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(SumySentence(sentence.text, tokenizer))
    document = ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs.values()))
    ranking: list = []
    summarizer = make_summarizer(method, language, bonus_words)
    with numpy.errstate(all="ignore"):  # LexRank divides by zero on one-sentence articles
        summarizer(document, _recording(ranking))
    return [(_finite(info.rating), info.order) for info in ranking]


def _method_class(method: str):
    module_name, class_name = METHODS[method].split(":")
    return getattr(importlib.import_module(module_name), class_name)


def make_summarizer(method: str, language: str = "english", bonus_words: tuple[str, ...] = ()):
    """A configured sumy summarizer for `method` (a key of METHODS naming a sumy class)."""
    summarizer_class = _method_class(method)
    if method == "edmundson":
        summarizer = summarizer_class(
            stemmer(language),
            cue_weight=1.0,
            key_weight=1.0,
            title_weight=0.0,
            location_weight=1.0,
        )
        summarizer.bonus_words = tuple(w.lower() for w in bonus_words) or ("said",)
        summarizer.stigma_words = ("advertisement", "subscribe", "newsletter")
        summarizer.null_words = stop_words(language)
    else:
        summarizer = summarizer_class(stemmer(language))
        summarizer.stop_words = stop_words(language)
    return summarizer


def _recording(ranking: list) -> Callable[[list], list]:
    """A sumy `sentences_count` that records the full ranking it is handed (best first)
    and keeps every sentence, so no score is thrown away."""

    def keep_all(infos: list) -> list:
        ranking.extend(infos)
        return infos

    return keep_all


def _finite(rating: object) -> float:
    """A sentence's score as a number; methods give NaN where they cannot tell (tiny texts)."""
    value = float(rating)
    return value if math.isfinite(value) else 0.0


def _title_words(article: Article) -> tuple[str, ...]:
    return tuple(w.lower() for w in tokens(article.title or "") if len(w) > 3)


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

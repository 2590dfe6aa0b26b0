"""Summarize stage: split each article into sentences and rank them with a sumy method.

Sentences come from digest.text.splitting (no downloaded data). Every method's full ranking
is kept (score and rank of each sentence), not only its picks, so the merger and brief.json
can say why a sentence was chosen.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable

import numpy as np

from digest.models import Article, RankedSentence, Sentence, Summary
from digest.text.methods import METHOD_NAMES
from digest.text.splitting import OfflineTokenizer, split_text
from digest.text.words import stemmer, stop_words, tokens

# name -> "module:class" of the summarizer; imported on first use, since importing sumy (and
# NLTK under it) takes seconds and `digest --help` should not wait for it. LexRank is
# digest's vectorised copy of sumy's (same picks, a fraction of the time); the others are
# sumy's own.
METHODS: dict[str, str] = {  # keys: digest.text.methods.METHOD_NAMES, in that order
    "lex-rank": "digest.brief.lexrank:LexRank",
    "text-rank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "sum-basic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "edmundson": "sumy.summarizers.edmundson:EdmundsonSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
    "reduction": "sumy.summarizers.reduction:ReductionSummarizer",
}

assert tuple(METHODS) == METHOD_NAMES

SENTENCE_CAP = 600
"""Every method compares each sentence with every other (a sentence x sentence matrix), so
only an article's first SENTENCE_CAP sentences are ranked, where news puts what matters:
memory stays linear in the input (a 5 MB article has some 40,000 sentences, whose matrix
alone would take 13 GB). The build warns when it happens."""

# KL-Sum and Reduction are slower still (KL-Sum is cubic): fewer for them.
QUADRATIC_METHODS = {"kl", "reduction"}
QUADRATIC_SENTENCE_CAP = 80


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
    """Rank the article's sentences (its first SENTENCE_CAP) with `method` and keep the best
    `count` as picks.

    `bonus_words` (topic keywords) steer Edmundson's cue and key methods; others ignore them.
    """
    sentences = split_sentences(article, language)
    ranked = rank_sentences(
        sentences[:SENTENCE_CAP], method, language, bonus_words + _title_words(article)
    )
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
        values = np.where(np.isfinite(scores), scores, 0.0)  # as _finite
        # best first, then in reading order: the sort below, done by numpy
        best_first = np.lexsort((np.arange(len(values)), -values)).tolist()
        scored = list(zip(values[best_first].tolist(), best_first, strict=True))
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

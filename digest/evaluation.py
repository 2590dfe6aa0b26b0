"""`digest eval`: how good the brief is, in numbers, next to the classic summarizers.

DIR holds clusters, one folder each, with docs/ (the articles) and refs/ (human summaries of
the whole cluster). For every cluster this builds digest's generic brief (no topics) and the
baselines from the same cleaned sentences: the lead sentences round-robin across articles,
and LexRank, TextRank, LSA and SumBasic over the concatenated articles. Each summary is cut
to the same number of words and scored with ROUGE-1/2/L (rouge-score, stemming on; F,
averaged over references, then clusters). Also measured, since ROUGE does not see them:
redundancy (the highest similarity of two sentences in a summary), how many articles each
brief section draws from, and the share of summary units that open with an unresolved
pronoun or connective.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from digest.brief.clean import clean_article
from digest.brief.merge import merge
from digest.brief.read import read_inputs
from digest.brief.summarize import rank_sentences, split_sentences, summarize
from digest.config import Config
from digest.errors import DigestError
from digest.models import Article, Sentence
from digest.render.labels import figure_line, quote_line
from digest.text.similarity import SentenceSpace
from digest.text.standalone import needs_context
from digest.text.words import word_count

BASELINES = ("lead", "lex-rank", "text-rank", "lsa", "sum-basic")
METHODS = ("digest", *BASELINES)


@dataclass(frozen=True)
class Score:
    method: str
    clusters: int
    rouge1: float
    rouge2: float
    rougeL: float
    redundancy: float
    dangling: float
    outlets_per_section: float | None
    words: float = 0.0
    """Words the method actually produced, on average (before the cut to --words)."""


def evaluate(
    folder: Path,
    words: int = 250,
    methods: Sequence[str] = METHODS,
    progress: Callable[[str], None] = lambda _m: None,
) -> list[Score]:
    """Score every method on every cluster under `folder`."""
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise DigestError(  # digest is not on PyPI: 'digest[eval]' would fetch another project
            "digest eval needs rouge-score: pip install -e '.[eval]' in the checkout "
            "(or pip install rouge-score)"
        ) from None
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise DigestError(f"unknown method '{unknown[0]}' (choose from {', '.join(METHODS)})")
    clusters = sorted(
        p for p in folder.iterdir() if (p / "docs").is_dir() and (p / "refs").is_dir()
    )
    if not clusters:
        raise DigestError(f"{folder}: no cluster folders with docs/ and refs/ inside")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    results: dict[str, list[dict]] = {m: [] for m in methods}
    for number, cluster in enumerate(clusters, start=1):
        progress(f"  [{number}/{len(clusters)}] {cluster.name}")
        articles = [clean_article(a) for a in read_inputs([cluster / "docs"], 5_000_000).articles]
        articles = [a for a in articles if a.body]
        references = [
            p.read_text(encoding="utf-8")
            for p in sorted((cluster / "refs").glob("*"))
            if p.is_file()
        ]
        if not articles or not references:
            continue
        for method in methods:
            units, sections = _summary(method, articles, words)
            text = _cut(" ".join(units), words)
            scores = [scorer.score(ref, text) for ref in references]
            results[method].append(
                {
                    "rouge1": statistics.mean(s["rouge1"].fmeasure for s in scores),
                    "rouge2": statistics.mean(s["rouge2"].fmeasure for s in scores),
                    "rougeL": statistics.mean(s["rougeL"].fmeasure for s in scores),
                    "redundancy": _redundancy(units),
                    "dangling": sum(needs_context(u) for u in units) / max(len(units), 1),
                    "sections": sections,
                    "words": word_count(" ".join(units)),
                }
            )
    return [_average(method, rows) for method, rows in results.items()]


def write_reports(scores: list[Score], prefix: Path) -> tuple[Path, Path]:
    """The table as CSV and JSON beside `prefix`."""
    rows = [asdict(s) for s in scores]
    csv_path, json_path = prefix.with_suffix(".csv"), prefix.with_suffix(".json")
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    json_path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return csv_path, json_path


def _summary(method: str, articles: list[Article], words: int) -> tuple[list[str], list[int]]:
    """The method's summary units in order, and (for digest) articles drawn on per section."""
    if method == "digest":
        summaries = [summarize(a, "lex-rank", 8) for a in articles]
        config = Config()
        config = replace(config, brief=replace(config.brief, words=words, points_per_section=0))
        brief = merge(summaries, config)
        sections = [len({a for p in s.points for a in p.article_ids}) for s in brief.sections]
        shown = [p.text for p in brief.points]
        shown += [quote_line(q) for q in brief.quotes] + [figure_line(f) for f in brief.figures]
        return shown, sections
    split = [split_sentences(a) for a in articles]
    if method == "lead":
        ordered = [s for row in _round_robin(split) for s in row]
        return [s.text for s in _take(ordered, words)], []
    everything = tuple(
        Sentence("all", n, n, s.text) for n, s in enumerate(x for row in split for x in row)
    )
    chosen = _take([r.sentence for r in rank_sentences(everything, method)], words)
    return [s.text for s in sorted(chosen, key=lambda s: s.index)], []


def _round_robin(split: list[tuple[Sentence, ...]]) -> list[list[Sentence]]:
    longest = max((len(s) for s in split), default=0)
    return [[row[i] for row in split if i < len(row)] for i in range(longest)]


def _take(sentences: list[Sentence], words: int) -> list[Sentence]:
    """Sentences in the order given that fit in `words` words, as digest fills its brief:
    one that would pass the budget is skipped, and a shorter one after it may still fit.
    Every system is held to the same whole-sentence budget, so none gains from a cut."""
    taken, total = [], 0
    for sentence in sentences:
        count = word_count(sentence.text)
        if total + count <= words:
            taken.append(sentence)
            total += count
    return taken


def _cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def _redundancy(units: list[str]) -> float:
    """The highest cosine similarity between two units of one summary."""
    if len(units) < 2:
        return 0.0
    sims = SentenceSpace(units).similarity(range(len(units)), range(len(units)))
    for i in range(len(units)):
        sims[i, i] = 0.0
    return float(sims.max())


def _average(method: str, rows: list[dict]) -> Score:
    def mean(key: str) -> float:
        return round(100 * statistics.mean(r[key] for r in rows), 2) if rows else 0.0

    sections = [n for r in rows for n in r["sections"]]
    return Score(
        method=method,
        clusters=len(rows),
        rouge1=mean("rouge1"),
        rouge2=mean("rouge2"),
        rougeL=mean("rougeL"),
        redundancy=mean("redundancy"),
        dangling=mean("dangling"),
        outlets_per_section=round(statistics.mean(sections), 2) if sections else None,
        words=round(statistics.mean(r["words"] for r in rows), 1) if rows else 0.0,
    )

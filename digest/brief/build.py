"""`digest build` as one function that reads top-down like the product's story:

    read -> clean -> summarize -> stories (merge each) -> render -> write

Each stage is a module; this one only sequences them, reports progress, and decides what
counts as a usable article. Files in, brief out: no database here. The daily service
(digest/daily/run.py) selects articles from its store and builds through
`build_from_articles`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from threadpoolctl import threadpool_limits

from digest.brief.clean import clean_in_language
from digest.brief.cores import usable_cores
from digest.brief.forked import in_two_processes
from digest.brief.read import ReadReport, read_inputs
from digest.brief.stories import assemble_brief
from digest.brief.summarize import summarize
from digest.brief.write import existing_formats, output_folder, write_brief
from digest.config import Config
from digest.errors import NoUsableArticles
from digest.models import Article, Brief, BuildResult, PreviousPoints, Skipped, Summary
from digest.render import RENDERERS, render
from digest.render.pdf import pdf_converter
from digest.text.words import counted

PARALLEL_FROM = 24
"""Below this many articles, starting worker processes costs more than it saves. Above it
this process and one worker per other core share the articles: only the workers' results are
pickled, and no core sits idle while the workers run. On 2 busy cores, 1,000 BBC articles
took 2.6-3.2 s of CPU so (this process 1.4-1.7, the worker 1.2-1.5) against 3.5-4.3 s with
two workers and this process waiting (its share 0.3-0.5 s, unpickling)."""

RENDER_APART_FROM = 200
"""A brief citing at least this many articles has its formats rendered by this process and
a forked worker at once. 1,000 BBC articles: the Word document 0.22 s, HTML, text and JSON
0.11 s together; the seeds' brief (5 articles) renders in a few hundredths."""


def build(
    config: Config,
    inputs: Sequence[str | Path] = (),
    date: dt.date | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> BuildResult:
    """Build the brief of `date` (today) from the files and folders `inputs` (else the
    config's input paths) and write it to the configured output folder."""
    paths = list(inputs) or [config.resolve(p) for p in config.input.paths]
    check_formats(config)
    clock = StageClock()
    with clock("read"):
        progress(f"Reading {_describe(paths)}")
        report = read_inputs(paths, config.input.max_bytes)
    if not inputs and not report.articles:  # `digest build` alone, away from the seeds
        found = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:3]) or "nothing"
        raise NoUsableArticles(
            f"no usable article, so no brief was written (input.paths: {found}); name the "
            "articles (digest build FILE_OR_FOLDER ...) or set input.paths in the config"
        )
    return build_from_articles(
        config, report, date or dt.date.today(), progress=progress, clock=clock
    )


def build_from_articles(
    config: Config,
    report: ReadReport,
    date: dt.date,
    *,
    previous: PreviousPoints | None = None,
    notice: str = "",
    progress: Callable[[str], None] = lambda _message: None,
    clock: StageClock | None = None,
) -> BuildResult:
    """clean -> summarize -> stories -> render -> write, for articles already read.

    `previous` (the last brief's points) marks what is new; `notice` (too little coverage)
    is said instead of summarising."""
    clock = clock or StageClock()
    skipped, warnings = list(report.skipped), list(report.warnings)
    sentences = 0
    if notice:
        progress(notice)
        brief = Brief(
            title=config.brief.title,
            date=date,
            built_at=_now(),
            articles=tuple(report.articles),
            stories=(),
            method=config.summary.method,
            notice=notice,
        )
    else:
        with clock("clean+summarize"):
            summaries = _clean_and_summarize(report.articles, config, skipped, progress)
        warnings += [_partly_ranked(s) for s in summaries if len(s.ranking) < len(s.sentences)]
        sentences = sum(len(s.sentences) for s in summaries)
        progress("Grouping into stories and merging each")
        with clock("merge"), _frozen():
            brief = assemble_brief(summaries, config, date, previous=previous)
        if not brief.points and not brief.also_today:
            raise NoUsableArticles(
                "no usable article, so no brief was written: no sentence of "
                f"{_describe([s.article.path for s in summaries])} makes a point"
            )

    out_dir = output_folder(config)
    formats = list(dict.fromkeys((*config.output.formats, *existing_formats(out_dir, date))))
    formats = [f for f in formats if f in RENDERERS]
    progress(f"Rendering {', '.join(formats)}")
    with clock("render"), _frozen():
        files = _rendered(brief, formats, _template_dirs(config), config.output.paper)
    with clock("write"):
        directory = write_brief(files, out_dir, date)
    return BuildResult(
        brief=brief,
        files={name: str(directory / name) for name in files},
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        sentences_read=sentences,
        directory=str(directory),
        timings=clock.seconds,
    )


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """The objects made so far (the articles, their summaries) left out of garbage
    collections while merging or rendering: they live to the end of the build anyway, and
    a full collection that walked them took 0.08-0.14 s each time on 1,000 BBC articles (in
    a forked worker too, where walking them also copies the pages it shares with this
    process). Left alone when the caller has frozen objects of its own."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _rendered(
    brief: Brief, formats: list[str], templates: list[Path], paper: str
) -> dict[str, bytes]:
    """File name -> content for each format, in the order asked. A long brief's formats are
    shared by this process and a forked worker, the slowest first (the PDF, printed from a
    Word document, then the Word document), so one renders the Word document while the other
    renders the rest."""
    if len(brief.articles) < RENDER_APART_FROM:
        return render(brief, formats, templates, paper=paper)
    slowest_first = sorted(formats, key=lambda f: f not in ("pdf", "docx"))
    tasks = [functools.partial(render, brief, [f], templates, paper=paper) for f in slowest_first]
    files = dict(zip(slowest_first, in_two_processes(tasks), strict=True))
    return {f"brief.{f}": files[f][f"brief.{f}"] for f in formats}


def check_formats(config: Config) -> None:
    """Say at once, not after all the work, that a format cannot be made here."""
    if "pdf" in config.output.formats:
        pdf_converter()


def _clean_and_summarize(
    articles: list[Article], config: Config, skipped: list[Skipped], progress: Callable[[str], None]
) -> list[Summary]:
    """Every usable article's summary; unusable ones are added to `skipped`. Raises
    NoUsableArticles when none is left, so that no brief is written."""
    progress(
        f"Cleaning and summarizing {counted(len(articles), 'article')} ({config.summary.method})"
    )
    summaries = []
    for done, summary in enumerate(_summarize_all(articles, config), start=1):
        if isinstance(summary, Skipped):
            skipped.append(summary)
        else:
            summaries.append(summary)
        if _worth_reporting(done, len(articles)):
            progress(f"  {done}/{len(articles)} articles")
    if not summaries:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3]) or "no input given"
        raise NoUsableArticles(f"no usable article, so no brief was written ({reasons})")
    return summaries


def _partly_ranked(summary: Summary) -> Skipped:
    ranked, total = len(summary.ranking), len(summary.sentences)
    return Skipped(
        summary.article.path,
        f"only its first {ranked:,} of {total:,} sentences were ranked for the brief "
        "(a bounded number, so that memory stays in proportion to the input)",
    )


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _summarize_all(articles: list[Article], config: Config) -> Iterator[Summary | Skipped]:
    """Clean and summarize every article, in input order; on every core this process may
    use when there are enough articles to repay starting the worker processes. The workers
    take chunks from the start, this process from the end until they meet (a chunk no
    worker has started is cancelled and done here), so neither waits long for the other."""
    cores = usable_cores()
    if len(articles) < PARALLEL_FROM or cores < 2:
        with _one_blas_thread():
            for article in articles:
                yield _summarize_one(article, config)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    size = max(1, min(8, len(articles) // (8 * cores)))
    chunks = [articles[start : start + size] for start in range(0, len(articles), size)]
    with (
        _one_blas_thread(),
        ProcessPoolExecutor(cores - 1, context, initializer=_one_blas_thread) as pool,
    ):
        futures = [pool.submit(_summarize_chunk, chunk, config) for chunk in chunks]
        # this process takes chunks from the end while no worker has started them
        here: dict[int, list[Summary | Skipped]] = {}
        for number in reversed(range(len(chunks))):
            if not futures[number].cancel():
                break
            here[number] = _summarize_chunk(chunks[number], config)
        for number, future in enumerate(futures):
            yield from here[number] if number in here else future.result()


def _summarize_chunk(articles: list[Article], config: Config) -> list[Summary | Skipped]:
    return [_summarize_one(article, config) for article in articles]


def _one_blas_thread() -> threadpool_limits:
    """numpy's matrix products on one thread while summarizing (also as a worker's
    initializer). OpenBLAS would start one per core for each article's small LexRank
    product, where waking them costs more than the product (1,000 BBC articles: 0.26 s of
    products on two threads, 0.02 s on one) and their spinning takes the core that the
    other worker needs: the parallel work is the pool's, article by article."""
    return threadpool_limits(limits=1, user_api="blas")


def _worth_reporting(done: int, total: int) -> bool:
    """Every article of a small build, every 5% of a large one."""
    return total <= 20 or done == total or done % max(1, total // 20) == 0


def _describe(paths: Sequence[str | Path]) -> str:
    shown = ", ".join(str(p) for p in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


class StageClock:
    """Wall time of each stage, for `BuildResult.timings` and the benchmark."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def _summarize_one(article: Article, config: Config) -> Summary | Skipped:
    language = config.brief.language
    written_in, cleaned = clean_in_language(article, language, config.cleaning.noise_patterns)
    if written_in != language:  # kept out on purpose: the brief is in one language
        reason = f"written in {written_in.title()}; brief.language is {language}"
        return Skipped(article.path, reason)
    if not cleaned.body:
        return Skipped(article.path, "nothing left after removing page noise (no article text)")
    keywords = tuple(k for topic in config.topics for k in topic.keywords)
    summary = summarize(
        cleaned, config.summary.method, config.summary.sentences, config.brief.language, keywords
    )
    if not summary.sentences:
        return Skipped(article.path, "holds no sentences to summarize")
    return summary


def _template_dirs(config: Config) -> list[Path]:
    """The user's template folder (if configured), then templates/ beside the config."""
    dirs = [config.resolve(config.output.templates)] if config.output.templates else []
    return [*dirs, config.resolve("templates")]

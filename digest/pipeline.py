"""`digest build` as one function that reads top-down like the product's story:

    read -> clean -> summarize -> merge -> render -> write

Each stage is a module; this one only sequences them, reports progress, and decides what
counts as a usable article. The CLI, the scheduler and the tests all build through here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from .cleaning import clean_article
from .config import Config
from .errors import NoUsableArticles
from .merge import merge
from .models import Brief, BuildResult, Skipped, Summary
from .readers import read_inputs
from .render_docx import render_docx
from .render_html import render_html, render_text
from .render_json import render_json
from .render_pdf import pdf_converter, render_pdf
from .summarize import summarize
from .writers import write_brief

RENDERERS: dict[str, Callable[[Brief, Sequence[Path]], bytes]] = {
    "docx": lambda brief, _templates: render_docx(brief),
    "html": render_html,
    "txt": render_text,
    "json": lambda brief, _templates: render_json(brief),
    "pdf": lambda brief, _templates: render_pdf(brief),
}


def build(
    config: Config,
    inputs: Sequence[str | Path] = (),
    date: dt.date | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> BuildResult:
    """Build the brief of `date` (today) from `inputs` (else the config's input paths) and
    write it to the configured output folder."""
    date = date or dt.date.today()
    paths = list(inputs) or [config.resolve(p) for p in config.input.paths]
    if "pdf" in config.output.formats:
        pdf_converter()  # say at once, not after all the work, that LibreOffice is missing

    progress(f"Reading {', '.join(str(p) for p in paths)}")
    report = read_inputs(paths, config.input.max_bytes)
    skipped = list(report.skipped)

    progress(f"Cleaning and summarizing {len(report.articles)} articles ({config.summary.method})")
    summaries = []
    for number, article in enumerate(report.articles, start=1):
        progress(f"  [{number}/{len(report.articles)}] {article.path}")
        summary = _summarize_one(article, config)
        if isinstance(summary, Skipped):
            skipped.append(summary)
        else:
            summaries.append(summary)
    if not summaries:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3]) or "no input given"
        raise NoUsableArticles(f"no usable article, so no brief was written ({reasons})")

    progress("Merging into one brief")
    brief = merge(summaries, config, date)

    formats = list(dict.fromkeys(config.output.formats))
    progress(f"Rendering {', '.join(formats)}")
    templates = _template_dirs(config)
    files = {f"brief.{fmt}": RENDERERS[fmt](brief, templates) for fmt in formats}
    directory = write_brief(files, config.resolve(config.output.dir), date)
    return BuildResult(
        brief=brief,
        files={name: str(directory / name) for name in files},
        skipped=tuple(skipped),
        warnings=tuple(report.warnings),
        sentences_read=sum(len(s.sentences) for s in summaries),
        directory=str(directory),
    )


def _summarize_one(article, config: Config) -> Summary | Skipped:
    cleaned = clean_article(article, config.brief.language, config.cleaning.noise_patterns)
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

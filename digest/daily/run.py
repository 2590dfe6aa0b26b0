"""The daily brief as one readable function: fetch -> store -> select -> build -> record ->
send. The scheduler calls `build_and_send`; `digest build` with no files and configured
sources calls `build_from_store`; `digest send` calls `ensure_built` then sends the folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from digest.brief.build import StageClock, build, build_from_articles, check_formats
from digest.brief.read import ReadReport
from digest.config import Config
from digest.daily.database import database_path
from digest.daily.deliver import (
    SendReport,
    daily_recipients,
    send_brief,
    smtp_password,
    unserved,
)
from digest.daily.selection import select_articles
from digest.daily.sources import fetch_configured
from digest.daily.store import ArticleStore
from digest.models import BuildResult

log = logging.getLogger("digest.daily")

MAIL_FORMATS = ("docx", "html", "txt", "json")
"""What an e-mailed brief is made of: the two bodies, the attachment, and the record."""


def build_and_send(config: Config, day: dt.date) -> SendReport:
    """The daily job: unless everyone already has it, fetch the sources, build the brief of
    `day` afresh and send it to those who do not have it yet."""
    smtp_password(config.email)  # a setting that cannot work stops before anything is done
    if not unserved(config, day):
        return SendReport(day, None, skipped=tuple(daily_recipients(config)))
    if config.sources:
        for report in fetch_configured(config, progress=log.info)[0]:
            for problem in report.failed:
                log.warning("source %s: %s", report.name, problem)
    folder = Path(build_brief(_for_mail(config), day=day, progress=log.info).directory)
    return send_brief(config, day, folder, progress=log.info)


def build_brief(
    config: Config,
    inputs: tuple[str | Path, ...] = (),
    day: dt.date | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> BuildResult:
    """`digest build`: from the files given, else from the article store when sources are
    configured, else from the config's input paths."""
    if inputs or not config.sources:
        return build(config, inputs, day, progress)
    return build_from_store(config, day or dt.date.today(), progress)


def build_from_store(
    config: Config, day: dt.date, progress: Callable[[str], None] = lambda _message: None
) -> BuildResult:
    """The brief of the articles stored since the previous brief, marked against that
    brief's points; recorded in the store so the next brief starts where this one ended."""
    check_formats(config)
    clock = StageClock()
    with clock("read"), ArticleStore(database_path(config)) as store:
        progress("Selecting the articles fetched since the previous brief")
        selection = select_articles(config, store, day)
        previous = store.points_of_brief_before(day)
    result = build_from_articles(
        config,
        ReadReport(articles=list(selection.articles)),
        day,
        previous=previous,
        notice=selection.notice,
        progress=progress,
        clock=clock,
    )
    shown = (*result.brief.stories, *result.brief.also_today)  # tomorrow's "new", "continuing"
    points = tuple((p.text, p.outlets) for story in shown for p in story.points)
    with ArticleStore(database_path(config)) as store:
        store.record_brief(day, result.brief.built_at, points)
    return result


def ensure_built(
    config: Config, day: dt.date, progress: Callable[[str], None] = lambda _message: None
) -> Path:
    """The folder of the brief of `day` with every file the message needs, built if missing."""
    folder = config.resolve(config.output.dir) / day.isoformat()
    if all((folder / f"brief.{ext}").is_file() for ext in MAIL_FORMATS):
        return folder
    progress(f"Building the brief of {day.isoformat()}")
    return Path(build_brief(_for_mail(config), day=day, progress=progress).directory)


def _for_mail(config: Config) -> Config:
    formats = tuple(dict.fromkeys((*config.output.formats, *MAIL_FORMATS)))
    return dataclasses.replace(config, output=dataclasses.replace(config.output, formats=formats))


def send(
    config: Config,
    day: dt.date,
    to: tuple[str, ...] | list[str] | None = None,
    dry_run: bool = False,
    resend: bool = False,
    progress: Callable[[str], None] = lambda _message: None,
) -> SendReport:
    """`digest send`: the brief of `day`, built first if it is missing, e-mailed to those
    who do not have it yet (everyone given with `resend`)."""
    if not dry_run:
        smtp_password(config.email)  # a setting that cannot work stops before anything is done
    folder = ensure_built(config, day, progress)
    return send_brief(config, day, folder, to=to, dry_run=dry_run, resend=resend, progress=progress)

"""What each command does: call the library, print the outcome. Errors are raised as
digest's own exceptions and printed by digest.cli.main."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from typing import TextIO

from digest.config import Config, find_config_file, load_config, with_overrides
from digest.errors import ConfigError, UsageError
from digest.models import Brief
from digest.text.words import counted

PARTIAL_FETCH = 7
"""Exit code of a fetch in which some sources failed and the others were fetched."""


def command_config(args: argparse.Namespace, **overrides) -> Config:
    """The config of --config, with --out-dir and the command's other choices over it."""
    return with_overrides(
        load_config(args.config),
        out_dir=args.out_dir,
        force_output_dir=args.force_output_dir,
        **overrides,
    )


def run_send(args: argparse.Namespace) -> int:
    from digest.daily.deliver import dry_run_note
    from digest.daily.run import send

    config = command_config(args)
    day = args.date or dt.date.today()
    report = send(
        config, day, to=args.to, dry_run=args.dry_run, resend=args.resend, progress=progress
    )
    if report.eml_path:
        what = "Dry run: nothing sent" if args.dry_run else "No SMTP host configured"
        print(f"{what}; the message is in {shown(report.eml_path)}")
        note = dry_run_note(config.email, args.to)
        if note:
            print(f"Note: {note}.")
        return 0
    if report.sent:
        print(
            f"Sent the brief of {day} to {', '.join(report.sent)} (Message-ID {report.message_id})"
        )
    if report.skipped:
        print(
            f"Already sent to {', '.join(report.skipped)}: skipped "
            f"(use 'digest resend --date {day}' to send again)"
        )
    for recipient, reply in {**report.deferred, **report.failed}.items():
        print(f"digest: error: not delivered to {recipient}: {reply}", file=sys.stderr)
    if report.deferred:
        print("digest: temporary failure; run 'digest send' again later", file=sys.stderr)
    return 5 if report.deferred or report.failed else 0


def run_fetch(args: argparse.Namespace) -> int:
    from digest.daily.sources import fetch_configured

    config = command_config(args)
    if not config.sources:
        where = find_config_file(args.config) or "the built-in defaults (no digest.toml here)"
        raise ConfigError(
            f"no [[sources]] in {where}: add one per feed, page or folder to fetch, e.g. "
            '[[sources]] name = "Example News" feed = "https://example.org/rss.xml" '
            "(see the README's 'Sources: feeds, pages and a drop folder')"
        )
    progress(f"Fetching {counted(len(config.sources), 'source')}")
    reports, total = fetch_configured(config, progress=progress)
    for report in reports:
        if report.not_modified:
            line = f"{report.name}: unchanged since last fetch"
        else:
            line = f"{report.name}: {report.new} new, {report.unchanged} already stored"
        print(line + (f", {len(report.failed)} failed" if report.failed else ""))
        for problem in report.failed:
            print(f"  failed: {problem}")
    print(f"The store holds {counted(total, 'article')}.")
    if not any(r.ok for r in reports):
        return 1
    return PARTIAL_FETCH if any(r.failed for r in reports) else 0


def run_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from digest.evaluation import METHODS, evaluate, write_reports

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(
            f"{folder}: no such folder of clusters; give a folder holding one folder per "
            "cluster, each with docs/ and refs/ (see the README's 'Measuring quality')"
        )
    methods = tuple(m.strip() for m in args.methods.split(",")) if args.methods else METHODS
    progress(f"Evaluating {', '.join(methods)} at {args.words} words")
    scores = evaluate(folder, args.words, methods, progress=progress)
    print(
        f"{'method':<10} {'clusters':>8} {'R-1':>6} {'R-2':>6} {'R-L':>6} "
        f"{'redund.':>8} {'dangling':>8} {'art/sect':>8} {'words':>6}"
    )
    for s in scores:
        per_section = f"{s.outlets_per_section:.1f}" if s.outlets_per_section else "-"
        print(
            f"{s.method:<10} {s.clusters:>8} {s.rouge1:>6.2f} {s.rouge2:>6.2f} "
            f"{s.rougeL:>6.2f} {s.redundancy:>8.1f} {s.dangling:>8.1f} {per_section:>8} "
            f"{s.words:>6.0f}"
        )
    if args.out:
        for path in write_reports(scores, Path(args.out)):
            print(f"  {path}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from digest.daily.database import backup_path, database_path
    from digest.daily.ledger import Ledger

    path = database_path(command_config(args))
    if not path.exists() and not backup_path(path).exists():
        print("No deliveries yet.")
        return 0
    with Ledger(path) as ledger:
        rows = ledger.deliveries(args.date)
    if not rows:
        print("No deliveries" + (f" for {args.date}" if args.date else "") + ".")
        return 0
    _print_table(
        ("DATE", "RECIPIENT", "STATE", "UPDATED (UTC)", "MESSAGE-ID", "REPLY"),
        [(r.brief_date, r.recipient, r.state, r.updated_at, r.message_id, r.reply) for r in rows],
    )
    return 0


def _print_table(headings: tuple[str, ...], rows: list[tuple]) -> None:
    """Columns under headings, each as wide as its longest cell; the last runs on."""
    table = [headings, *[tuple(str(cell or "") for cell in row) for row in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(headings) - 1)] + [0]
    for row in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def run_schedule(args: argparse.Namespace) -> int:
    import logging

    from digest.daily.scheduling import run

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    return run(command_config(args), once=args.once)


def run_build(args: argparse.Namespace) -> int:
    from digest.daily.deliver import already_emailed
    from digest.daily.run import build_brief

    config = command_config(
        args,
        method=args.method,
        sentences=args.sentences,
        words=args.words,
        formats=args.formats,
        one_story=args.one_story,
    )
    report = (lambda _message: None) if args.quiet else progress
    result = build_brief(config, tuple(args.inputs), args.date, report)
    for warning in result.warnings:
        print(f"digest: warning: {warning.path}: {warning.reason}", file=sys.stderr)
    for skipped in result.skipped:
        print(f"digest: warning: skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    brief = result.brief
    print(
        f"Read {counted(len(brief.articles), 'article')} from "
        f"{counted(brief.outlet_count, 'outlet')} ({len(result.skipped)} skipped), "
        f"{counted(result.sentences_read, 'sentence')}; kept {counted(len(brief.points), 'point')}"
        f" in {counted(len(brief.sections), 'section')}{_stories_told(brief)}."
    )
    if brief.notice and args.quiet:  # else said already, as progress
        print(f"Note: {brief.notice}")
    print(f"Brief of {brief.date.isoformat()} written to {shown(result.directory)}/")
    for path in result.files.values():
        print(f"  {shown(path)}")
    emailed = already_emailed(config, brief.date)
    if emailed:
        print(
            f"Note: the brief of {brief.date} was already e-mailed to {', '.join(emailed)}; "
            f"they keep the earlier version (digest resend --date {brief.date} sends this one)."
        )
    if args.timings:
        stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in result.timings.items())
        print(f"Timings: {stages}; total {sum(result.timings.values()):.2f} s")
    return 0


def progress(message: str) -> None:
    """Stage messages on stderr; article counts as a bar on a terminal, as lines in a log.
    A reader who stops reading them (`digest build 2>&1 | head -1`) does not stop the work."""
    done_of = re.fullmatch(r"\s+(\d+)/(\d+) articles", message)
    end = "\n"
    if done_of and sys.stderr.isatty():
        done, total = int(done_of.group(1)), int(done_of.group(2))
        filled = round(30 * done / total)
        end = "\n" if done == total else ""
        message = f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} articles"
    try:
        print(message, end=end, file=sys.stderr, flush=True)
    except BrokenPipeError:
        silence(sys.stderr)


def silence(stream: TextIO) -> None:
    """Send what is still written to `stream`, whose reader has closed the pipe, nowhere:
    no BrokenPipeError again, none at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def shown(path: str) -> str:
    """A path as the user would type it: relative when it is under the working folder."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _stories_told(brief: Brief) -> str:
    """' of 4 stories, 3 more under Also today' when the brief holds several stories."""
    told = f" of {len(brief.stories)} stories" if len(brief.stories) > 1 else ""
    if brief.also_today:
        told += f", {len(brief.also_today) + brief.untold} more under Also today"
    return told

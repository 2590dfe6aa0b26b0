"""What each command does: call the library, print the outcome. Errors are raised as
digest's own exceptions and printed by digest.cli.main."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys

from digest.config import load_config, with_overrides
from digest.errors import DigestError


def run_send(args: argparse.Namespace) -> int:
    from digest.daily.run import send

    day = args.date or dt.date.today()
    report = send(
        load_config(args.config),
        day,
        to=args.to,
        dry_run=args.dry_run,
        resend=args.resend,
        progress=progress,
    )
    if report.eml_path:
        what = "Dry run: nothing sent" if args.dry_run else "No SMTP host configured"
        print(f"{what}; the message is in {report.eml_path}")
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

    config = load_config(args.config)
    if not config.sources:
        raise DigestError("no [[sources]] in the config: add feeds, pages or folders to fetch")
    progress(f"Fetching {len(config.sources)} sources")
    reports, total = fetch_configured(config, progress=progress)
    for report in reports:
        line = f"{report.name}: {report.new} new, {report.unchanged} already stored"
        print(line + (f", {len(report.failed)} failed" if report.failed else ""))
        for problem in report.failed:
            print(f"  failed: {problem}")
    print(f"The store holds {total} articles.")
    return 0 if any(r.ok for r in reports) else 1


def run_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from digest.evaluation import METHODS, evaluate, write_reports

    folder = Path(args.folder)
    if not folder.is_dir():
        raise DigestError(f"{folder}: no such folder of clusters")
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
    from digest.daily.database import database_path
    from digest.daily.ledger import Ledger

    config = load_config(args.config)
    if not database_path(config).exists():
        print("No deliveries yet.")
        return 0
    with Ledger(database_path(config)) as ledger:
        rows = ledger.deliveries(args.date)
    if not rows:
        print("No deliveries" + (f" for {args.date}" if args.date else "") + ".")
    for row in rows:
        print(
            f"{row.brief_date}  {row.recipient:<32} {row.state:<9} {row.updated_at}  "
            f"{row.message_id or ''}  {row.reply or ''}".rstrip()
        )
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    import logging

    from digest.daily.scheduling import run

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    return run(load_config(args.config), once=args.once)


def run_build(args: argparse.Namespace) -> int:
    from digest.daily.run import build_brief

    config = with_overrides(
        load_config(args.config),
        method=args.method,
        sentences=args.sentences,
        words=args.words,
        formats=args.formats,
        out_dir=args.out_dir,
    )
    report = (lambda _message: None) if args.quiet else progress
    result = build_brief(config, tuple(args.inputs), args.date, report)
    for warning in result.warnings:
        print(f"digest: warning: {warning.path}: {warning.reason}", file=sys.stderr)
    for skipped in result.skipped:
        print(f"digest: warning: skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    brief = result.brief
    points = len(brief.points)
    print(
        f"Read {len(brief.articles)} articles from {brief.outlet_count} outlets "
        f"({len(result.skipped)} skipped), {result.sentences_read} sentences; "
        f"kept {points} points in {len(brief.sections)} sections."
    )
    print(f"Brief of {brief.date.isoformat()} written to {result.directory}/")
    for path in result.files.values():
        print(f"  {path}")
    return 0


def progress(message: str) -> None:
    """Stage messages on stderr; article counts as a bar on a terminal, as lines in a log."""
    count = re.fullmatch(r"\s+(\d+)/(\d+) articles", message)
    if count and sys.stderr.isatty():
        done, total = int(count.group(1)), int(count.group(2))
        filled = round(30 * done / total)
        end = "\n" if done == total else ""
        print(
            f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} articles",
            end=end,
            file=sys.stderr,
            flush=True,
        )
        return
    print(message, file=sys.stderr, flush=True)

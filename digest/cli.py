"""The command line: parse arguments, call the library, print the outcome.

This is the one place where digest's errors become a one-line message and an exit code;
everything it does is a call into digest.brief.build that a script can make too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence

from digest import __version__
from digest.brief.summarize import METHODS
from digest.config import (
    CONFIG_ENV_VAR,
    CONFIG_FILE_NAME,
    FORMATS,
    is_address,
    load_config,
    with_overrides,
)
from digest.errors import DigestError

EPILOG = f"""\
configuration: --config FILE, else ${CONFIG_ENV_VAR}, else ./{CONFIG_FILE_NAME}, else defaults.
exit codes: 0 done, 1 error, 2 bad arguments or config, 3 no usable article,
4 cannot write the brief, 5 not delivered, 130 interrupted."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except DigestError as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("digest: interrupted; the previous brief is kept", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Turn several outlets' articles on one story into one consolidated, "
        "sourced brief (Word, e-mail HTML, text, JSON).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = _command(
        commands,
        "build",
        help="build the brief of a date from articles",
        description="Read the articles, condense each, merge them into one brief organised "
        "by topic, and write briefs/<date>/brief.docx, .html, .txt and .json.",
    )
    build.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article files (.txt, .md, .html) or folders searched recursively; "
        "default: the config's input.paths (seeds/)",
    )
    build.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="date of the brief (default: today)"
    )
    build.add_argument(
        "--out-dir",
        metavar="DIR",
        help="folder that receives <date>/ (default: the config's output.dir, briefs/)",
    )
    build.add_argument(
        "--format",
        type=_formats,
        metavar="LIST",
        dest="formats",
        help=f"comma-separated output formats among {','.join(FORMATS)} "
        "(default: docx,html,txt,json; pdf needs LibreOffice)",
    )
    build.add_argument(
        "--method",
        choices=list(METHODS),
        metavar="METHOD",
        help=f"summarizer that ranks each article's sentences: {', '.join(METHODS)} "
        "(default: lex-rank)",
    )
    build.add_argument(
        "--sentences",
        type=_positive,
        metavar="N",
        help="candidate sentences taken from each article (default: 8)",
    )
    build.add_argument(
        "--words",
        type=_positive,
        metavar="N",
        help="cap on the words of the whole brief (default: no cap)",
    )
    build.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors and the result"
    )
    build.set_defaults(run=_run_build)

    send = _command(
        commands,
        "send",
        help="e-mail the brief of a date (building it if needed)",
        description="E-mail the brief of a date to the configured recipients, with the Word "
        "document attached, building it first if it does not exist. Recipients "
        "who already have it are skipped. With no SMTP host configured, the "
        "message is written to briefs/<date>/outbox/ instead.",
    )
    _delivery_options(send)
    send.add_argument(
        "--dry-run",
        action="store_true",
        help="write the message as an .eml file in briefs/<date>/outbox/; send nothing",
    )
    send.set_defaults(run=_run_send, resend=False)

    resend = _command(
        commands,
        "resend",
        help="e-mail a brief again, on purpose",
        description="Send the brief of a date again, even to recipients the ledger says "
        "already have it (or whose delivery state is unknown).",
    )
    _delivery_options(resend, date_required=True)
    resend.set_defaults(run=_run_send, resend=True, dry_run=False)

    status = _command(
        commands,
        "status",
        help="list recent deliveries and their states",
        description="Show the delivery ledger: per brief date and recipient, the state "
        "(sent, deferred, failed, unknown, outbox), the Message-ID and the "
        "server's reply.",
    )
    status.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="only this date")
    status.set_defaults(run=_run_status)

    fetch = _command(
        commands,
        "fetch",
        help="fetch the configured sources into the article store",
        description="Fetch every configured source (feeds, article pages, drop folders) into "
        "the article store next to the briefs, and report per source what was new, "
        "already stored, or failed. `digest build` with no INPUT then briefs on "
        "what arrived since the previous brief.",
    )
    fetch.set_defaults(run=_run_fetch)

    evaluate = _command(
        commands,
        "eval",
        help="score the brief against human summaries, next to classic summarizers",
        description="For every cluster folder in DIR (docs/ with the articles, refs/ with "
        "human summaries), build digest's brief and the baselines (lead sentences "
        "round-robin, LexRank, TextRank, LSA, SumBasic over the concatenated "
        "articles), cut each to --words, and print ROUGE-1/2/L F scores, "
        "redundancy, articles per section and the share of dangling openings. "
        "Needs rouge-score (pip install 'digest[eval]').",
        with_config=False,
    )
    evaluate.add_argument("folder", metavar="DIR", help="folder of cluster folders")
    evaluate.add_argument(
        "--words",
        type=_positive,
        default=250,
        metavar="N",
        help="summary length in words (default: 250)",
    )
    evaluate.add_argument(
        "--methods",
        metavar="LIST",
        help="comma-separated methods (default: digest,lead,lex-rank,text-rank,lsa,sum-basic)",
    )
    evaluate.add_argument("--out", metavar="PREFIX", help="also write PREFIX.csv and PREFIX.json")
    evaluate.set_defaults(run=_run_eval)

    schedule = _command(
        commands,
        "schedule",
        help="build and e-mail the brief every day (foreground)",
        description="Run in the foreground (terminal, systemd, container) and build and send "
        "each day's brief at schedule.at in schedule.timezone. A brief missed "
        "while it was down is sent once on start (schedule.catch_up). Stop with "
        "Ctrl-C or SIGTERM.",
    )
    schedule.add_argument(
        "--once", action="store_true", help="run what is due now and exit (for cron and tests)"
    )
    schedule.set_defaults(run=_run_schedule)
    return parser


def _command(
    commands, name: str, help: str, description: str, with_config: bool = True
) -> argparse.ArgumentParser:
    """A subcommand (with --config unless it reads none) whose --help ends with where the
    config comes from and the exit codes."""
    parser = commands.add_parser(
        name,
        help=help,
        description=description,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if with_config:
        parser.add_argument("--config", metavar="FILE", help="TOML configuration file")
    return parser


def _delivery_options(parser: argparse.ArgumentParser, date_required: bool = False) -> None:
    parser.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        required=date_required,
        help="date of the brief" + ("" if date_required else " (default: today)"),
    )
    parser.add_argument(
        "--to",
        type=_address,
        action="append",
        metavar="ADDRESS",
        help="send to this address instead of the configured ones (repeatable)",
    )


def _run_send(args: argparse.Namespace) -> int:
    from digest.daily.deliver import send_brief

    day = args.date or dt.date.today()
    report = send_brief(
        load_config(args.config),
        day,
        to=args.to,
        dry_run=args.dry_run,
        resend=args.resend,
        progress=_progress,
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


def _run_fetch(args: argparse.Namespace) -> int:
    from digest.daily.sources import fetch_configured

    config = load_config(args.config)
    if not config.sources:
        raise DigestError("no [[sources]] in the config: add feeds, pages or folders to fetch")
    _progress(f"Fetching {len(config.sources)} sources")
    reports, total = fetch_configured(config, progress=_progress)
    for report in reports:
        line = f"{report.name}: {report.new} new, {report.unchanged} already stored"
        print(line + (f", {len(report.failed)} failed" if report.failed else ""))
        for problem in report.failed:
            print(f"  failed: {problem}")
    print(f"The store holds {total} articles.")
    return 0 if any(r.ok for r in reports) else 1


def _run_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from digest.evaluation import METHODS, evaluate, write_reports

    folder = Path(args.folder)
    if not folder.is_dir():
        raise DigestError(f"{folder}: no such folder of clusters")
    methods = tuple(m.strip() for m in args.methods.split(",")) if args.methods else METHODS
    _progress(f"Evaluating {', '.join(methods)} at {args.words} words")
    scores = evaluate(folder, args.words, methods, progress=_progress)
    print(
        f"{'method':<10} {'clusters':>8} {'R-1':>6} {'R-2':>6} {'R-L':>6} "
        f"{'redund.':>8} {'dangling':>8} {'art/sect':>8}"
    )
    for s in scores:
        per_section = f"{s.outlets_per_section:.1f}" if s.outlets_per_section else "-"
        print(
            f"{s.method:<10} {s.clusters:>8} {s.rouge1:>6.2f} {s.rouge2:>6.2f} "
            f"{s.rougeL:>6.2f} {s.redundancy:>8.1f} {s.dangling:>8.1f} {per_section:>8}"
        )
    if args.out:
        for path in write_reports(scores, Path(args.out)):
            print(f"  {path}")
    return 0


def _run_status(args: argparse.Namespace) -> int:
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


def _run_schedule(args: argparse.Namespace) -> int:
    import logging

    from digest.daily.scheduling import run

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    return run(load_config(args.config), once=args.once)


def _run_build(args: argparse.Namespace) -> int:
    from digest.brief.build import build

    config = with_overrides(
        load_config(args.config),
        method=args.method,
        sentences=args.sentences,
        words=args.words,
        formats=args.formats,
        out_dir=args.out_dir,
    )
    progress = (lambda _message: None) if args.quiet else _progress
    result = build(config, args.inputs, args.date, progress)
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


def _progress(message: str) -> None:
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


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2025-05-20") from None


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format '{(unknown or [value])[0]}'; choose from {','.join(FORMATS)}"
        )
    return formats


def _address(value: str) -> str:
    if not is_address(value):
        raise argparse.ArgumentTypeError(f"'{value}' is not an address like name@example.org")
    return value


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of 1 or more")
    return number

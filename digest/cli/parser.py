"""What each command takes: the argument parser, one small function per subcommand.
Every command that reads or writes briefs takes --config and --out-dir, from one place."""

from __future__ import annotations

import argparse
import datetime as dt

from digest import __version__
from digest.cli import commands
from digest.config import (
    CONFIG_ENV_VAR,
    CONFIG_FILE_NAME,
    DEFAULT_FORMATS,
    FORMATS,
    BriefSettings,
    SummarySettings,
)
from digest.errors import DamagedDatabase
from digest.text.addresses import parse_address
from digest.text.methods import METHOD_NAMES

EXIT_CODES = f"""\
exit codes: 0 done, 1 error, 2 bad arguments or config, 3 no usable article,
4 cannot write the brief, 5 not delivered, {DamagedDatabase.exit_code} damaged ledger/store file,
{commands.PARTIAL_FETCH} some sources failed (fetch), 130 interrupted,
141 the reader of the output closed the pipe."""
EPILOG = f"""\
configuration: --config FILE, else ${CONFIG_ENV_VAR}, else ./{CONFIG_FILE_NAME}, else defaults.
{EXIT_CODES}"""


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Turn several outlets' articles on one story into one consolidated, "
        "sourced brief (Word, e-mail HTML, text, JSON).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")

    _add_build(subparsers)
    _add_send(subparsers)
    _add_resend(subparsers)
    _add_status(subparsers)
    _add_fetch(subparsers)
    _add_evaluate(subparsers)
    _add_schedule(subparsers)
    return parser


def _add_build(subparsers) -> None:
    """digest build: the brief of a date from articles."""
    build = _command(
        subparsers,
        "build",
        help="build the brief of a date from articles",
        description="Read the articles, condense each, merge them into one brief organised "
        "by topic, and write <out-dir>/<date>/brief.docx, .html, .txt and .json. Formats the "
        "brief of that date already has are written again too: --format adds, never removes.",
    )
    build.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article files (.txt, .md, .html, .eml, .docx) or folders searched recursively; "
        "default: the config's input.paths (seeds/)",
    )
    build.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="date of the brief (default: today)"
    )
    build.add_argument(
        "--format",
        type=_formats,
        metavar="LIST",
        dest="formats",
        help=f"comma-separated output formats among {','.join(FORMATS)}; pdf needs "
        f"LibreOffice (default: the config's output.formats, {','.join(DEFAULT_FORMATS)})",
    )
    build.add_argument(
        "--method",
        choices=list(METHOD_NAMES),
        metavar="METHOD",
        help=f"summarizer that ranks each article's sentences: {', '.join(METHOD_NAMES)} "
        f"(default: the config's summary.method, {SummarySettings.method})",
    )
    build.add_argument(
        "--sentences",
        type=_positive,
        metavar="N",
        help="the summarizer's picks per article; every sentence is a candidate all the same "
        f"(default: the config's summary.sentences, {SummarySettings.sentences})",
    )
    build.add_argument(
        "--words",
        type=_whole,
        metavar="N",
        help="length of the whole brief in words: lead, points, key quotes and figures; "
        f"0: no cap (default: the config's brief.words, {BriefSettings.words})",
    )
    build.add_argument(
        "--one-story",
        action="store_true",
        help="the articles are all one story: merge them into one brief instead of grouping "
        "them into stories (default: the config's brief.one_story, false)",
    )
    build.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors and the result"
    )
    build.add_argument("--timings", action="store_true", help="also print how long each stage took")
    build.set_defaults(run=commands.run_build)


def _add_send(subparsers) -> None:
    """digest send: e-mail a built brief."""
    send = _command(
        subparsers,
        "send",
        help="e-mail the brief of a date (building it if needed)",
        description="E-mail the brief of a date to the configured recipients, with the Word "
        "document attached, building it first if it does not exist. Recipients "
        "who already have it are skipped. With no SMTP host configured, the "
        "message is written to <out-dir>/<date>/outbox/ instead.",
    )
    _delivery_options(send)
    send.add_argument(
        "--dry-run",
        action="store_true",
        help="write the message as an .eml file in <out-dir>/<date>/outbox/; send nothing",
    )
    send.set_defaults(run=commands.run_send, resend=False)


def _add_resend(subparsers) -> None:
    """digest resend: e-mail a brief again, on purpose."""
    resend = _command(
        subparsers,
        "resend",
        help="e-mail a brief again, on purpose",
        description="Send the brief of a date again, even to recipients the ledger says "
        "already have it (or whose delivery state is unknown).",
    )
    _delivery_options(resend, date_required=True)
    resend.set_defaults(run=commands.run_send, resend=True, dry_run=False)


def _add_status(subparsers) -> None:
    """digest status: the delivery ledger."""
    status = _command(
        subparsers,
        "status",
        help="list recent deliveries and their states",
        description="Show the delivery ledger: per brief date and recipient, the state "
        "(sent, deferred, failed, unknown, outbox), the Message-ID and the "
        "server's reply.",
    )
    status.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="only this date")
    status.set_defaults(run=commands.run_status)


def _add_fetch(subparsers) -> None:
    """digest fetch: the configured sources into the article store."""
    fetch = _command(
        subparsers,
        "fetch",
        help="fetch the configured sources into the article store",
        description="Fetch every configured source (feeds, article pages, drop folders) into "
        "the article store next to the briefs, and report per source what was new, "
        "already stored, unchanged since the last fetch, or failed. `digest build` with no "
        "INPUT then briefs on what arrived since the previous brief. Exits "
        f"{commands.PARTIAL_FETCH} when some sources failed and 1 when all did, for cron.",
    )
    fetch.set_defaults(run=commands.run_fetch)


def _add_evaluate(subparsers) -> None:
    """digest eval: ROUGE against human summaries, beside the baselines."""
    evaluate = _command(
        subparsers,
        "eval",
        help="score the brief against human summaries, next to classic summarizers",
        description="For every cluster folder in DIR (docs/ with the articles, refs/ with "
        "human summaries), build digest's generic brief (built-in settings, no topics: "
        "no config is read) and the baselines (lead sentences "
        "round-robin, LexRank, TextRank, LSA, SumBasic over the concatenated "
        "articles), cut each to --words, and print ROUGE-1/2/L F scores, "
        "redundancy, articles per section and the share of dangling openings. "
        "Needs rouge-score (pip install -e '.[eval]' in the checkout).",
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
    evaluate.set_defaults(run=commands.run_eval)


def _add_schedule(subparsers) -> None:
    """digest schedule: the daily brief in the foreground."""
    schedule = _command(
        subparsers,
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
    schedule.set_defaults(run=commands.run_schedule)


def _command(
    subparsers, name: str, help: str, description: str, with_config: bool = True
) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with the exit codes. One that reads the config takes
    --config, and --out-dir: the folder of the briefs and of the database beside them."""
    parser = subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog=EPILOG if with_config else EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(parser=parser)  # unknown arguments are reported with its usage
    if with_config:
        parser.add_argument("--config", metavar="FILE", help="TOML configuration file")
        parser.add_argument(
            "--out-dir",
            metavar="DIR",
            help="folder of the <date>/ briefs and of the delivery and article database "
            "(default: the config's output.dir, briefs/)",
        )
        parser.add_argument(
            "--force-output-dir",
            action="store_true",
            help="use the output folder even if it is a system folder or a non-empty folder "
            "that digest did not make",
        )
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
    address = parse_address(value)
    if address is None:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not an e-mail address like name@example.org or Name <name@example.org>"
        )
    return address


def _positive(value: str) -> int:
    number = _whole(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of 1 or more")
    return number


def _whole(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of 0 or more")
    return number

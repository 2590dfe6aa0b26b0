"""The command line: parse arguments, call the library, print the outcome.

This is the one place where digest's errors become a one-line message and an exit code;
everything it does is a call into digest.pipeline that a script can make too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from . import __version__
from .config import CONFIG_ENV_VAR, CONFIG_FILE_NAME, FORMATS, load_config, with_overrides
from .errors import DigestError
from .summarize import METHODS

EPILOG = f"""\
configuration: --config FILE, else ${CONFIG_ENV_VAR}, else ./{CONFIG_FILE_NAME}, else defaults.
exit codes: 0 done, 1 error, 2 bad arguments or config, 3 no usable article,
4 cannot write the brief, 130 interrupted."""


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

    build = commands.add_parser(
        "build",
        help="build the brief of a date from articles",
        description="Read the articles, condense each, merge them into one brief organised "
        "by topic, and write briefs/<date>/brief.docx, .html, .txt and .json.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article files (.txt, .md, .html) or folders searched recursively; "
        "default: the config's input.paths (seeds/)",
    )
    build.add_argument("--config", metavar="FILE", help="TOML configuration file")
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
        help=f"comma-separated output formats among {','.join(FORMATS)} (default: all)",
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
    return parser


def _run_build(args: argparse.Namespace) -> int:
    from .pipeline import build

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


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of 1 or more")
    return number

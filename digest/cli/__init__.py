"""The command line: parse arguments, call the library, print the outcome.

This is the one place where digest's errors become a one-line message and an exit code;
parser.py says what each command takes, commands.py calls the library for each.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from digest.cli.commands import silence
from digest.cli.parser import parser
from digest.errors import DigestError


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser()
    args, unknown = arguments.parse_known_args(argv)
    if unknown:  # said by the subcommand that got them, with its own usage line
        getattr(args, "parser", arguments).error(f"unrecognized arguments: {' '.join(unknown)}")
    if not hasattr(args, "run"):
        arguments.print_help()
        return 2
    try:
        code = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except DigestError as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("digest: interrupted; the previous brief is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `digest build | head -1`: the reader stopped reading, no traceback
        silence(sys.stdout)
        return 141

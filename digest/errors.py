"""digest's own exceptions. Library code raises these; only the CLI turns them into a
one-line message and an exit code, so every failure a user can meet has a readable text
that says what to do next."""


class DigestError(Exception):
    """Base of every error digest reports to a user. `exit_code` is the CLI's exit status."""

    exit_code = 1


class ConfigError(DigestError):
    """The configuration file is missing, malformed, or holds an unknown or invalid key."""

    exit_code = 2


class UsageError(DigestError):
    """A command's argument names something unusable (a folder that is not there)."""

    exit_code = 2


class InputError(DigestError):
    """One input file cannot be used. Carries the path so the message names it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NoUsableArticles(DigestError):
    """Every input was skipped (or there was none): no brief can be built."""

    exit_code = 3


class OutputError(DigestError):
    """The brief could not be written (disk full, no permission, unsafe output name)."""

    exit_code = 4


class DeliveryError(DigestError):
    """The brief could not be e-mailed (server unreachable, refused, authentication)."""

    exit_code = 5


class DamagedDatabase(DigestError):
    """The SQLite file beside the briefs (delivery ledger, article store) is unreadable:
    digest refuses to use it rather than forget what it has sent."""

    exit_code = 6

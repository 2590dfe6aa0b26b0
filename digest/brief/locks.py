"""Advisory file locks (flock) that keep two digest processes from doing the same work on
one briefs folder at once. The kernel releases them when a process dies, so a crash never
leaves a stale lock behind."""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Iterator
from pathlib import Path

from digest.errors import DigestError, OutputError

POLL_SECONDS = 0.05


@contextlib.contextmanager
def exclusive_lock(
    path: Path,
    busy: type[DigestError] | None = None,
    busy_message: str = "",
    timeout: float = 0.0,
) -> Iterator[None]:
    """Hold the lock file `path`. With `busy`, raise busy(busy_message) if another process
    still holds it after `timeout` seconds (0: at once); without, wait as long as it takes.
    A folder where the lock cannot be made (read-only, another user's) is an OutputError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise OutputError(
            f"{path.parent}: cannot write here ({exc.strerror or exc}): digest keeps its "
            f"lock file {path.name} there; make the folder writable for this user, or choose "
            "another folder with --out-dir"
        ) from None
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (fcntl.LOCK_NB if busy else 0))
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise busy(busy_message) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

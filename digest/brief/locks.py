"""Advisory file locks (flock) that keep two digest processes from doing the same work on
one briefs folder at once. The kernel releases them when a process dies, so a crash never
leaves a stale lock behind."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from digest.errors import DigestError


@contextlib.contextmanager
def exclusive_lock(
    path: Path, busy: type[DigestError] | None = None, busy_message: str = ""
) -> Iterator[None]:
    """Hold the lock file `path`. With `busy`, raise busy(busy_message) at once if another
    process holds it; without, wait for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (fcntl.LOCK_NB if busy else 0))
        except BlockingIOError:
            raise busy(busy_message) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

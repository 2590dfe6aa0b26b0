"""The SQLite file beside the briefs (delivery ledger and article store share it).

The file is checked whenever it is opened (its header, then SQLite's quick_check): a file
that was emptied, cut short or overwritten must never pass for a new, empty ledger, or every
brief would be sent again. A copy is kept beside it after every send (`digest.sqlite.bak`),
and the error says how to put it back.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from digest.brief.write import output_folder
from digest.config import Config
from digest.errors import DamagedDatabase, DigestError

DATABASE_FILE = "digest.sqlite"
_HEADER = b"SQLite format 3\x00"
_ACCESS_ERRORS = frozenset(
    (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH)
)
"""SQLite's answers when the file or its folder may not be written (a read-only folder, another
user's file): the file is not damaged, and restoring the backup over it would be wrong."""


def database_path(config: Config) -> Path:
    """Where the ledger and the article store live: beside the briefs."""
    return output_folder(config) / DATABASE_FILE


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def open_database(path: Path, schema: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit `with` blocks), with
    write-ahead logging so a reader never waits for a writer, and `schema` created.
    Raises DamagedDatabase if the file is not a sound SQLite database."""
    _check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DigestError(_not_writable(path, exc.strerror or str(exc))) from None
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            first = next(line for line in verdict.splitlines() if not line.startswith("*"))
            raise DamagedDatabase(_damaged(path, f"failed SQLite's integrity check ({first})"))
        connection.executescript(schema)
    except sqlite3.DatabaseError as exc:
        connection.close()
        if exc.sqlite_errorcode & 0xFF in _ACCESS_ERRORS:
            raise DigestError(_not_writable(path, str(exc))) from None
        raise DamagedDatabase(_damaged(path, f"is damaged ({exc})")) from None
    except BaseException:
        connection.close()
        raise
    return connection


def backup_database(connection: sqlite3.Connection, path: Path) -> Path:
    """Copy the whole database, consistently, to `digest.sqlite.bak` (replaced atomically)."""
    backup = backup_path(path)
    temporary = backup.with_name(backup.name + ".tmp")
    temporary.unlink(missing_ok=True)
    copy = sqlite3.connect(temporary)
    try:
        connection.backup(copy)
    finally:
        copy.close()
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, backup)
    return backup


def _check_file(path: Path) -> None:
    """Refuse what SQLite would silently take for a new database: an empty file, a file of
    something else, and a missing file whose backup says there was a ledger."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(_HEADER))
    except FileNotFoundError:
        if backup_path(path).exists():
            raise DamagedDatabase(_damaged(path, "is missing, but its backup exists")) from None
        return
    except PermissionError as exc:
        raise DigestError(_not_writable(path, exc.strerror or str(exc))) from None
    except OSError as exc:
        raise DamagedDatabase(_damaged(path, f"cannot be read ({exc.strerror})")) from None
    if not header:
        raise DamagedDatabase(_damaged(path, "is empty (0 bytes)"))
    if header != _HEADER:
        raise DamagedDatabase(_damaged(path, "is not an SQLite database (wrong header)"))


def _not_writable(path: Path, problem: str) -> str:
    """One line: digest may not use the file here, and what to change (not the file)."""
    return (
        f"{path}: cannot open the delivery ledger and article store ({problem}); digest "
        f"reads and writes it and its -wal and -shm files in {path.parent}: make that folder "
        "and the file writable for this user"
    )


def _damaged(path: Path, problem: str) -> str:
    """One line: what is wrong, and how to recover."""
    backup = backup_path(path)
    if backup.exists():
        with contextlib.suppress(OSError):
            if backup.stat().st_size > 0:
                return (
                    f"{path} {problem}; digest will not use it. Restore the copy made at the "
                    f"last send: rm -f {path}-wal {path}-shm && cp {backup} {path}"
                )
    return (
        f"{path} {problem}; digest will not use it. Move it aside to start a new one "
        f"(mv {path} {path}.damaged); briefs it recorded as sent could then be sent again"
    )

"""The SQLite file beside the briefs (delivery ledger and article store share it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from digest.config import Config

DATABASE_FILE = "digest.sqlite"


def database_path(config: Config) -> Path:
    """Where the ledger and the article store live: beside the briefs."""
    return config.resolve(config.output.dir) / DATABASE_FILE


def open_database(path: Path, schema: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit `with` blocks), with
    write-ahead logging so a reader never waits for a writer, and `schema` created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.executescript(schema)
    return connection

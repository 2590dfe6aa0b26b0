"""The delivery ledger: one SQLite row per (brief date, recipient), so a brief is sent at
most once however often the scheduler restarts.

States:
- sending: handed to the SMTP server, answer not yet recorded;
- sent: accepted by the server (with the Message-ID and time);
- deferred: a temporary failure (4xx, no connection); tried again later;
- failed: refused for good (5xx, with the server's reply); not tried again automatically;
- unknown: a process died while the row was `sending` (the server may or may not have taken
  the message); never sent again automatically, since a second copy is worse than none;
- outbox: no SMTP server configured, the message was written as an .eml file.

Every change is a transaction. `digest resend` is the one way to send a date again. The
file is checked when opened (database.py) and copied after every send.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from digest.daily.database import backup_database, open_database

FINAL_STATES = ("sent", "failed", "unknown", "outbox")
"""States after which the scheduler does not send to that recipient again."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    brief_date TEXT NOT NULL,
    recipient TEXT NOT NULL,
    state TEXT NOT NULL,
    message_id TEXT,
    reply TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (brief_date, recipient)
);
"""


@dataclass(frozen=True)
class Delivery:
    brief_date: str
    recipient: str
    state: str
    message_id: str | None
    reply: str | None
    attempts: int
    updated_at: str


class Ledger:
    """The ledger file (created on first use) next to the briefs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_database(path, _SCHEMA)
        self._db.execute("PRAGMA synchronous=FULL")

    def close(self) -> None:
        self._db.close()

    def backup(self) -> Path:
        """Copy the ledger to `digest.sqlite.bak`: what was sent survives a damaged file."""
        return backup_database(self._db, self.path)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def recover(self) -> int:
        """Rows left `sending` by a process that died become `unknown`; returns how many.
        Call only while holding the delivery lock, so no live process owns them."""
        with self._db:
            cursor = self._db.execute(
                "UPDATE deliveries SET state='unknown', reply='process ended while sending', "
                "updated_at=? WHERE state='sending'",
                (_now(),),
            )
        return cursor.rowcount

    def pending(self, day: dt.date, recipients: Iterable[str]) -> list[str]:
        """The recipients of `day` who have not been served (no final state yet)."""
        done = {
            row[0]
            for row in self._db.execute(
                "SELECT recipient FROM deliveries WHERE brief_date=? AND state IN (?,?,?,?)",
                (day.isoformat(), *FINAL_STATES),
            )
        }
        return [r for r in dict.fromkeys(recipients) if r not in done]

    def mark(
        self,
        day: dt.date,
        recipients: Iterable[str],
        state: str,
        message_id: str | None = None,
        reply: str | None = None,
        count_attempt: bool = False,
    ) -> None:
        """Set the state of several recipients in one transaction."""
        with self._db:
            for recipient in recipients:
                self._db.execute(
                    "INSERT INTO deliveries (brief_date, recipient, state, message_id, reply, "
                    "attempts, updated_at) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT (brief_date, recipient) DO UPDATE SET state=excluded.state, "
                    "message_id=COALESCE(excluded.message_id, message_id), reply=excluded.reply, "
                    "attempts=attempts+excluded.attempts, updated_at=excluded.updated_at",
                    (
                        day.isoformat(),
                        recipient,
                        state,
                        message_id,
                        reply,
                        int(count_attempt),
                        _now(),
                    ),
                )

    def deliveries(self, day: dt.date | None = None, limit: int = 50) -> list[Delivery]:
        """Recent rows, newest date first."""
        if day is None:
            rows = self._db.execute(
                "SELECT * FROM deliveries ORDER BY brief_date DESC, recipient LIMIT ?", (limit,)
            )
        else:
            rows = self._db.execute(
                "SELECT * FROM deliveries WHERE brief_date=? ORDER BY recipient", (day.isoformat(),)
            )
        return [Delivery(*row) for row in rows]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

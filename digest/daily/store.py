"""The article store: every article fetched from the configured sources, once, in SQLite
(the same file as the delivery ledger).

An article is keyed by its canonical URL and by a hash of its normalised text, so the same
wire story syndicated by two outlets is stored once and credited to both. Nothing is ever
deleted by a fetch: a failing source only fails to add. Conditional-request state (ETag,
Last-Modified) per URL lives here too, so a second fetch of an unchanged feed costs a 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from digest.daily.database import open_database
from digest.models import PreviousPoints
from digest.text.matching import matching_form

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    outlets TEXT NOT NULL,
    title TEXT,
    author TEXT,
    published TEXT,
    text TEXT NOT NULL,
    first_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_first_seen ON articles (first_seen);
CREATE TABLE IF NOT EXISTS fetch_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS briefs_built (
    brief_date TEXT PRIMARY KEY,
    built_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS brief_points (
    brief_date TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    outlets TEXT NOT NULL,
    PRIMARY KEY (brief_date, position)
);
"""
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref")


@dataclass(frozen=True)
class StoredArticle:
    id: int
    url: str | None
    outlets: tuple[str, ...]
    title: str | None
    author: str | None
    published: str | None
    text: str
    first_seen: str


class ArticleStore:
    """The store file, created on first use."""

    def __init__(self, path: Path) -> None:
        self._db = open_database(path, _SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def add(
        self,
        *,
        outlet: str,
        text: str,
        url: str | None = None,
        title: str | None = None,
        author: str | None = None,
        published: str | None = None,
        now: dt.datetime | None = None,
    ) -> str:
        """Store an article; returns "new", "known" (same URL or same text from the same
        outlet) or "syndicated" (same text from another outlet: credited, not stored twice)."""
        canonical = canonical_url(url) if url else None
        digest = content_hash(text)
        with self._db:
            if (
                canonical
                and self._db.execute("SELECT 1 FROM articles WHERE url=?", (canonical,)).fetchone()
            ):
                return "known"
            row = self._db.execute(
                "SELECT id, outlets FROM articles WHERE content_hash=?", (digest,)
            ).fetchone()
            if row:
                outlets = json.loads(row[1])
                if outlet in outlets:
                    return "known"
                self._db.execute(
                    "UPDATE articles SET outlets=? WHERE id=?",
                    (json.dumps([*outlets, outlet]), row[0]),
                )
                return "syndicated"
            self._db.execute(
                "INSERT INTO articles (url, content_hash, outlets, title, author, published, "
                "text, first_seen) VALUES (?,?,?,?,?,?,?,?)",
                (
                    canonical,
                    digest,
                    json.dumps([outlet]),
                    title,
                    author,
                    published,
                    text,
                    _stamp(now),
                ),
            )
        return "new"

    def since(self, start: dt.datetime) -> list[StoredArticle]:
        """Articles first seen at or after `start`, oldest first."""
        rows = self._db.execute(
            "SELECT id, url, outlets, title, author, published, text, first_seen FROM articles "
            "WHERE first_seen >= ? ORDER BY first_seen, id",
            (_stamp(start),),
        )
        return [StoredArticle(r[0], r[1], tuple(json.loads(r[2])), *r[3:]) for r in rows]

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) last seen for `url`, for a conditional request."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM fetch_state WHERE url=?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES (?,?,?,?) "
                "ON CONFLICT (url) DO UPDATE SET etag=excluded.etag, "
                "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at",
                (url, etag, last_modified, _stamp(None)),
            )

    def last_brief_before(self, day: dt.date) -> dt.datetime | None:
        """When the latest brief before `day` was built (the start of `day`'s window)."""
        row = self._db.execute(
            "SELECT built_at FROM briefs_built WHERE brief_date < ? ORDER BY brief_date DESC "
            "LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row else None

    def record_brief(self, day: dt.date, built_at: dt.datetime, points: PreviousPoints) -> None:
        """Remember when the brief of `day` was built and what it said, in one transaction."""
        with self._db:
            self._db.execute(
                "INSERT INTO briefs_built (brief_date, built_at) VALUES (?, ?) "
                "ON CONFLICT (brief_date) DO UPDATE SET built_at=excluded.built_at",
                (day.isoformat(), _stamp(built_at)),
            )
            self._db.execute("DELETE FROM brief_points WHERE brief_date=?", (day.isoformat(),))
            self._db.executemany(
                "INSERT INTO brief_points (brief_date, position, text, outlets) VALUES (?,?,?,?)",
                [
                    (day.isoformat(), position, text, json.dumps(list(outlets)))
                    for position, (text, outlets) in enumerate(points)
                ],
            )

    def points_of_brief_before(self, day: dt.date) -> PreviousPoints | None:
        """(text, outlets) of every point of the latest brief before `day`; None if none."""
        row = self._db.execute(
            "SELECT brief_date FROM briefs_built WHERE brief_date < ? "
            "ORDER BY brief_date DESC LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        if row is None:
            return None
        rows = self._db.execute(
            "SELECT text, outlets FROM brief_points WHERE brief_date=? ORDER BY position",
            (row[0],),
        ).fetchall()
        return tuple((text, tuple(json.loads(outlets))) for text, outlets in rows)


def canonical_url(url: str) -> str:
    """The URL without what does not change the article: fragment, tracking parameters,
    default port, letter case of scheme and host, a trailing slash."""
    parts = urllib.parse.urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    if parts.port and parts.port != default_port:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), host, path, urllib.parse.urlencode(sorted(query)), "")
    )


def content_hash(text: str) -> str:
    """Hash of the text as matching sees it: typography, case and spacing do not count."""
    return hashlib.sha256(" ".join(matching_form(text).split()).encode("utf-8")).hexdigest()


def _stamp(moment: dt.datetime | None) -> str:
    return (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="microseconds")

"""Fetch stage for daily briefs: bring the configured sources' new articles into the store.

Feeds (RSS, Atom) are parsed with feedparser after defusedxml has checked that they declare
no XML entities (an entity-expansion "billion laughs" feed is refused, never expanded). Each
entry's page is fetched and reduced to its article with trafilatura, falling back to the
entry's own text. Requests carry a clear User-Agent, a timeout and a size limit, ask only for
what changed (ETag / Last-Modified), and wait `host_delay` between two requests to one host.
Drop folders are read like `digest build` inputs, plus e-mails and Word documents.

One source failing is reported by name and the others go on; nothing in the store is ever
removed by a fetch.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message

from digest.brief.read import decode_text, html_to_text, read_inputs
from digest.brief.write import system_folder
from digest.config import Config, FetchSettings, Source
from digest.daily.database import database_path
from digest.daily.store import ArticleStore
from digest.errors import InputError

MIN_FALLBACK_WORDS = 60
"""A feed entry's own text stands in for its page only if it is at least this long."""


@dataclass
class SourceReport:
    """What one fetch got from one source."""

    name: str
    new: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    not_modified: bool = False
    """The server said the feed or page has not changed since the last fetch (HTTP 304)."""

    @property
    def ok(self) -> bool:
        return not self.failed or bool(self.new or self.unchanged or self.not_modified)


class FetchError(Exception):
    """One request failed; the message says why, for the source's report."""


@dataclass
class _Response:
    status: int
    body: bytes
    headers: Message
    url: str


class PoliteClient:
    """HTTP GET with User-Agent, timeout, size limit, redirect limit, conditional requests
    and a minimum delay between requests to the same host."""

    def __init__(self, settings: FetchSettings, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        redirects = urllib.request.HTTPRedirectHandler()
        redirects.max_redirections = settings.max_redirects
        redirects.max_repeats = 2
        self._opener = urllib.request.build_opener(redirects)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> _Response:
        host = urllib.parse.urlsplit(url).netloc
        wait = self._last_request.get(host, -1e9) + self.settings.host_delay - time.monotonic()
        if wait > 0:
            self._sleep(wait)
        self._last_request[host] = time.monotonic()
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent})
        if etag:
            request.add_header("If-None-Match", etag)
        if last_modified:
            request.add_header("If-Modified-Since", last_modified)
        try:
            with self._opener.open(request, timeout=self.settings.timeout) as response:
                body = response.read(self.settings.max_bytes + 1)
                if len(body) > self.settings.max_bytes:
                    raise FetchError(f"{url}: larger than {self.settings.max_bytes:,} bytes")
                return _Response(response.status, body, response.headers, response.geturl())
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return _Response(304, b"", exc.headers, url)
            if 300 <= exc.code < 400:
                raise FetchError(f"{url}: too many redirects (a redirect loop?)") from None
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise FetchError(f"{url}: {exc.reason}") from None
        except (TimeoutError, OSError) as exc:
            raise FetchError(f"{url}: {exc or 'timed out'}") from None


def fetch_all(
    config: Config,
    store: ArticleStore,
    client: PoliteClient | None = None,
    progress: Callable[[str], None] = lambda _m: None,
    now: dt.datetime | None = None,
) -> list[SourceReport]:
    """Fetch every configured source into the store; one report per source."""
    client = client or PoliteClient(config.fetch)
    reports = []
    for number, source in enumerate(config.sources, start=1):
        progress(f"  [{number}/{len(config.sources)}] {source.name}")
        report = SourceReport(source.name)
        try:
            if source.feed:
                _fetch_feed(source, config, store, client, report, now)
            elif source.url:
                _fetch_page_source(source, store, client, report, now)
            else:
                _read_folder(source, config, store, report, now)
        except FetchError as exc:
            report.failed.append(str(exc))
        reports.append(report)
    return reports


def _fetch_feed(
    source: Source,
    config: Config,
    store: ArticleStore,
    client: PoliteClient,
    report: SourceReport,
    now: dt.datetime | None,
) -> None:
    import defusedxml.ElementTree
    import feedparser

    response = client.get(source.feed, *store.validators(source.feed))
    if response.status == 304:
        report.not_modified = True
        return
    try:
        defusedxml.ElementTree.fromstring(response.body)
    except defusedxml.DefusedXmlException:
        raise FetchError(
            f"{source.feed}: the feed declares XML entities; refused "
            "(entity expansion could exhaust memory)"
        ) from None
    except Exception:  # ParseError and friends: whatever it is, it is not a feed
        raise FetchError(f"{source.feed}: not a feed (not well-formed XML)") from None
    feed = feedparser.parse(response.body)
    if not feed.entries and not feed.get("feed", {}).get("title"):
        raise FetchError(f"{source.feed}: not an RSS or Atom feed")
    for entry in feed.entries[: config.fetch.entries_per_feed]:
        link = entry.get("link")
        text = title = author = None
        if link and link.startswith(("http://", "https://")):
            try:
                page = client.get(link)
                text, page_meta = _article_text(page, link)
                title, author = page_meta.get("title"), page_meta.get("author")
            except FetchError as exc:
                report.failed.append(str(exc))
        if not text:
            text = _entry_text(entry)
        if not text:
            continue
        outcome = store.add(
            outlet=source.name,
            text=text,
            url=link,
            title=entry.get("title") or title,
            author=entry.get("author") or author,
            published=_published(entry),
            now=now,
        )
        _count(report, outcome)
    store.remember(source.feed, response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _fetch_page_source(
    source: Source,
    store: ArticleStore,
    client: PoliteClient,
    report: SourceReport,
    now: dt.datetime | None,
) -> None:
    response = client.get(source.url, *store.validators(source.url))
    if response.status == 304:
        report.not_modified = True
        return
    text, metadata = _article_text(response, source.url)
    if not text:
        raise FetchError(f"{source.url}: no article text found on this page")
    _count(
        report,
        store.add(
            outlet=source.name,
            text=text,
            url=source.url,
            title=metadata.get("title"),
            author=metadata.get("author"),
            published=metadata.get("date"),
            now=now,
        ),
    )
    store.remember(source.url, response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _read_folder(
    source: Source,
    config: Config,
    store: ArticleStore,
    report: SourceReport,
    now: dt.datetime | None,
) -> None:
    folder = config.resolve(source.folder)
    if not folder.is_dir():
        raise FetchError(f"{folder}: no such folder")
    if system_folder(folder):
        raise FetchError(f"{folder}: a system folder, not a drop folder of articles; not read")
    read = read_inputs([folder], config.input.max_bytes)
    for skipped in read.skipped:
        report.failed.append(f"{skipped.path}: {skipped.reason}")
    for article in read.articles:
        outcome = store.add(
            outlet=article.outlet or source.name,
            text=article.text,
            url=article.url,
            title=article.title,
            author=article.author,
            published=article.date.isoformat() if article.date else None,
            now=now,
        )
        _count(report, outcome)


def _article_text(response: _Response, url: str) -> tuple[str | None, dict]:
    """The article in a fetched page (HTML or plain text), with its metadata."""
    kind = response.headers.get_content_type()
    if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise FetchError(f"{url}: not an article page ({kind})")
    try:
        text, _ = decode_text(response.body, url)
        if kind == "text/plain":
            return text, {}
        return html_to_text(text, url)
    except InputError as exc:
        raise FetchError(f"{url}: {exc.problem}") from None


def _entry_text(entry) -> str | None:
    """The entry's own content or summary, as text, if it is long enough to be the article."""
    html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    if not html.strip():
        return None
    try:
        text, _ = html_to_text(f"<html><body><article>{html}</article></body></html>", "entry")
    except InputError:
        return None
    return text if len(text.split()) >= MIN_FALLBACK_WORDS else None


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC).date().isoformat() if parsed else None


def _count(report: SourceReport, outcome: str) -> None:
    if outcome == "new":
        report.new += 1
    else:
        report.unchanged += 1


def fetch_configured(
    config: Config, progress: Callable[[str], None] = lambda _m: None
) -> tuple[list[SourceReport], int]:
    """Fetch every configured source into the store beside the briefs; the reports, and how
    many articles the store then holds."""
    with ArticleStore(database_path(config)) as store:
        return fetch_all(config, store, progress=progress), store.count()

"""Sources, store and daily selection against a real HTTP server on 127.0.0.1."""

import dataclasses
import datetime as dt
import email.message
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest

from digest.brief.clean import clean_article
from digest.brief.read import read_inputs
from digest.config import FetchSettings, Source
from digest.daily.database import database_path
from digest.daily.run import build_brief
from digest.daily.sources import fetch_all
from digest.daily.store import ArticleStore, canonical_url

from .conftest import SEEDS

DAY = dt.date(2025, 5, 20)
OUTLETS = {
    "spokesman-review": "Spokesman-Review",
    "nytimes": "New York Times",
    "ana-mpa": "ANA-MPA",
    "el-mundo": "El Mundo",
    "el-pais": "El Pais",
}
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<rss><channel><title>&lol3;</title></channel></rss>"
)


class Site:
    """Routes of the test server: path -> (status, content type, body, etag)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple] = {}
        self.hits: dict[str, int] = {}
        self.agents: list[str | None] = []
        self.base = ""

    def feed(self, path: str, items: list[tuple[str, str]], etag: str = '"v1"') -> None:
        entries = "".join(
            f"<item><title>{title}</title><link>{self.base}{link}</link>"
            f"<pubDate>Tue, 20 May 2025 08:00:00 GMT</pubDate></item>"
            for title, link in items
        )
        body = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{path}</title>'
            f"{entries}</channel></rss>"
        ).encode()
        self.routes[path] = (200, "application/rss+xml", body, etag)


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            state.agents.append(self.headers.get("User-Agent"))
            if self.path == "/slow":
                time.sleep(3)
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            if self.path == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65_536 + b"</p>"
                try:
                    for _ in range(800):  # 50 MB, if anyone reads that far
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            status, kind, body, etag = state.routes.get(self.path, (404, "text/plain", b"", None))
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.handle_error = lambda *_: None  # a client that gave up (timeout, size limit)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()


def _seed_site(site: Site) -> list[Source]:
    """Each seed as a plain-text page behind its own outlet's feed, with the headline the
    seed gives (or the outlet's name and "story" where it gives none: no headline)."""
    articles = read_inputs([SEEDS], 5_000_000).articles
    titles = {Path(a.path).stem: clean_article(a).title for a in articles}
    sources = []
    for seed, outlet in OUTLETS.items():
        site.routes[f"/{seed}/story"] = (
            200,
            "text/plain; charset=utf-8",
            (SEEDS / f"{seed}.txt").read_bytes(),
            None,
        )
        site.feed(f"/{seed}/feed.xml", [(titles[seed] or f"{outlet} story", f"/{seed}/story")])
        sources.append(Source(name=outlet, feed=f"{site.base}/{seed}/feed.xml"))
    return sources


def _with_sources(config, sources, **fetch):
    settings = dataclasses.replace(FetchSettings(), host_delay=0.0, timeout=1.0, **fetch)
    return dataclasses.replace(config, sources=tuple(sources), fetch=settings)


def _fetch(config):
    with ArticleStore(database_path(config)) as store:
        return {r.name: r for r in fetch_all(config, store)}


def test_feeds_to_store_to_brief_says_what_the_files_say(site, config):
    config = _with_sources(config, _seed_site(site))
    reports = _fetch(config)
    assert all((r.new, r.failed) == (1, []) for r in reports.values()), reports
    from_store = build_brief(config, day=DAY).brief
    from_files = build_brief(config, (SEEDS,), DAY).brief
    assert [p.text for p in from_store.points] == [p.text for p in from_files.points]
    assert {a.outlet for a in from_store.articles} == set(OUTLETS.values())
    assert all(p.new is None for p in from_store.points)  # no previous brief yet


def test_the_fetcher_says_it_is_digest_and_which_version_unless_told_otherwise(site, config):
    # the default pointed at a PyPI page that is not this project's
    import digest

    _fetch(_with_sources(config, _seed_site(site)[:1]))
    assert site.agents and set(site.agents) == {f"digest/{digest.__version__}"}
    site.agents.clear()
    ours = "digest/0.1.0 (+https://desk.example.org/bot)"
    _fetch(_with_sources(config, _seed_site(site)[:1], user_agent=ours))
    assert site.agents and set(site.agents) == {ours}


def test_second_fetch_adds_nothing_and_a_new_article_is_marked_new(site, config):
    config = _with_sources(config, _seed_site(site))
    _fetch(config)
    first = build_brief(config, day=DAY).brief
    again = _fetch(config)
    assert all((r.new, r.unchanged, r.not_modified) == (0, 0, True) for r in again.values())
    assert site.hits["/nytimes/story"] == 1  # an unchanged feed costs one 304, no page fetch

    # the next day: two outlets report something new, a third repeats yesterday's lead
    updates = {
        "el-mundo": "Ukraine's foreign minister said on Wednesday that European governments had "
        "agreed to prepare a new package of sanctions targeting Russian oil exports. The "
        "minister said the measures would be discussed with the United States.\n",
        "el-pais": "Russia and Ukraine exchanged 390 prisoners each on Friday, the first stage "
        "of the swap agreed at the peace talks in Istanbul, officials said. More exchanges "
        "are planned for the weekend, according to the Ukrainian president.\n",
        "nytimes": "\n".join((SEEDS / "nytimes.txt").read_text().splitlines()[:2]) + "\n",
    }
    for seed, text in updates.items():
        site.routes[f"/{seed}/update"] = (200, "text/plain", text.encode(), None)
        site.feed(
            f"/{seed}/feed.xml",
            [("story", f"/{seed}/story"), ("update", f"/{seed}/update")],
            etag='"v2"',
        )
    assert sum(r.new for r in _fetch(config).values()) == 3
    built = build_brief(config, day=DAY + dt.timedelta(days=1))
    second = built.brief
    assert len(second.articles) == 3  # only what arrived since the first brief
    assert any(p.new and "sanctions" in p.text for p in second.points)
    assert any(p.new and "390 prisoners" in p.text for p in second.points)
    yesterdays_lead = first.stories[0].lead[0].text
    assert yesterdays_lead.startswith("President Trump on Monday backed off")
    assert all(p.text != yesterdays_lead for p in second.points)  # a repeat: left out
    assert all(p.new for p in second.points)
    assert second.stories and all(s.continuing for s in second.stories)  # the same war
    text = Path(built.files["brief.txt"]).read_text(encoding="utf-8")
    assert "continuing from the previous brief" in text
    assert all(s.continuing is None for s in first.stories)  # no brief before the first


def test_one_failing_source_never_stops_the_others(site, config):
    sources = _seed_site(site)[:3]
    site.routes["/notxml.xml"] = (200, "application/rss+xml", b"this is not xml {", None)
    site.routes["/lol.xml"] = (200, "application/rss+xml", BILLION_LAUGHS, None)
    site.routes["/image"] = (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100), None)
    site.routes["/error"] = (500, "text/plain", b"boom", None)
    faults = {
        "Missing": f"{site.base}/missing",
        "Broken": f"{site.base}/error",
        "Not XML": f"{site.base}/notxml.xml",
        "Laughs": f"{site.base}/lol.xml",
        "Slow": f"{site.base}/slow",
        "Loop": f"{site.base}/loop",
        "Huge": f"{site.base}/huge",
        "Picture": f"{site.base}/image",
        "Nowhere": "http://nonexistent.invalid/feed.xml",
    }
    feeds = {"Not XML", "Laughs", "Missing", "Nowhere", "Broken"}
    sources += [
        Source(name=n, feed=u) if n in feeds else Source(name=n, url=u) for n, u in faults.items()
    ]
    config = _with_sources(config, sources, max_bytes=1_000_000)
    reports = _fetch(config)
    reasons = {name: " ".join(reports[name].failed) for name in faults}
    assert "HTTP 404" in reasons["Missing"] and "HTTP 500" in reasons["Broken"]
    assert "not a feed" in reasons["Not XML"]
    assert "declares XML entities" in reasons["Laughs"]
    assert "timed out" in reasons["Slow"] or "timeout" in reasons["Slow"].lower()
    assert "redirect" in reasons["Loop"]
    assert "larger than 1,000,000 bytes" in reasons["Huge"]
    assert "not an article page (image/png)" in reasons["Picture"]
    assert reasons["Nowhere"]
    assert sum(r.new for r in reports.values()) == 3
    with ArticleStore(database_path(config)) as store:
        assert store.count() == 3
    assert len(build_brief(config, day=DAY).brief.articles) == 3


def test_too_little_coverage_is_said_not_summarised(site, config):
    config = _with_sources(config, _seed_site(site)[:1])
    _fetch(config)
    result = build_brief(config, day=DAY)
    assert result.brief.points == ()
    assert "Not enough coverage" in result.brief.notice
    assert "Not enough coverage" in Path(result.files["brief.txt"]).read_text()


def test_syndicated_story_is_stored_once_and_credited_to_both(tmp_path):
    with ArticleStore(tmp_path / "store.sqlite") as store:
        text = "The wire story about the talks, as sent to every paper. " * 10
        assert (
            store.add(outlet="Paper A", text=text, url="https://a.example/x?utm_source=rss")
            == "new"
        )
        assert store.add(outlet="Paper A", text=text, url="https://A.example/x/#top") == "known"
        assert (
            store.add(outlet="Paper B", text=text.upper(), url="https://b.example/y")
            == "syndicated"
        )
        (stored,) = store.since(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        assert stored.outlets == ("Paper A", "Paper B")
    assert (
        canonical_url("HTTPS://Example.org:443/a/?b=2&utm_medium=x&a=1#frag")
        == "https://example.org/a?a=1&b=2"
    )


def test_drop_folder_reads_emails_and_word_documents(config, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    message = email.message.EmailMessage()
    message["Subject"] = "Talks in Istanbul"
    message["From"] = "Wire Desk <desk@wire.example>"
    message.set_content((SEEDS / "ana-mpa.txt").read_text())
    (folder / "forwarded.eml").write_bytes(message.as_bytes())
    document = docx.Document()
    for line in (SEEDS / "el-pais.txt").read_text().splitlines()[:12]:
        document.add_paragraph(line)
    document.save(folder / "article.docx")
    config = _with_sources(config, [Source(name="Drop folder", folder=str(folder))])
    report = _fetch(config)["Drop folder"]
    assert (report.new, report.failed) == (2, [])
    with ArticleStore(database_path(config)) as store:
        stored = store.since(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert {s.title for s in stored} >= {"Talks in Istanbul"}
    assert {s.outlets for s in stored} == {("Wire Desk",), ("Drop folder",)}


def test_a_bad_drop_folder_fails_alone_and_links_out_are_not_stored(config, tmp_path):
    # issue 14 items 9, 10, 11: a bad sources.toml aborted the whole fetch, `folder = "/"`
    # crashed it, and a link out of a drop folder brought a private file into the store
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder, seed in ((good, "el-pais"), (bad, "nytimes")):
        folder.mkdir()
        (folder / "story.txt").write_text((SEEDS / f"{seed}.txt").read_text())
    (bad / "sources.toml").write_text('["story.txt"]\npublisher = "X"\n')
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key is in the drawer. " * 20)
    (good / "linked.txt").symlink_to(secret)
    sources = [
        Source(name="Bad manifest", folder=str(bad)),
        Source(name="Root", folder="/"),
        Source(name="Good", folder=str(good)),
    ]
    reports = _fetch(_with_sources(config, sources))
    assert "unknown key 'story.txt.publisher'" in " ".join(reports["Bad manifest"].failed)
    assert reports["Bad manifest"].new == 0
    assert reports["Root"].failed == ["/: a system folder, not a drop folder of articles; not read"]
    assert reports["Good"].new == 1
    assert "outside the folder; not followed" in " ".join(reports["Good"].failed)
    with ArticleStore(database_path(config)) as store:
        stored = store.since(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert len(stored) == 1 and "private key" not in stored[0].text


def test_selection_keeps_every_story_unless_only_the_pinned_ones_are_wanted(config, tmp_path):
    from digest.config import PinnedStory
    from digest.daily.selection import select_articles

    texts = {
        "Gazette": "The city council voted on Monday to close the old river bridge in June.",
        "Harbour News": "Dock workers at the northern port walked out on Tuesday over pay.",
        "Coast Radio": "The dock workers' strike at the northern port entered its second day.",
    }
    with ArticleStore(tmp_path / "store.sqlite") as store:
        for outlet, text in texts.items():
            store.add(outlet=outlet, text=text, url=f"https://example.org/{len(text)}")
        everything = select_articles(config, store, DAY)  # the seeds' topics filter nothing
        assert {a.outlet for a in everything.articles} == set(texts)
        pinned = PinnedStory(name="Port strike", keywords=("dock", "strike"))
        only = dataclasses.replace(
            config,
            stories=(pinned,),
            brief=dataclasses.replace(config.brief, other_stories=False),
        )
        selected = select_articles(only, store, DAY)
        assert {a.outlet for a in selected.articles} == {"Harbour News", "Coast Radio"}

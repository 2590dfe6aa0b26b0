from pathlib import Path

import pytest

from digest.brief.read import decode_text, read_article, read_inputs
from digest.errors import InputError
from digest.models import safe_link

from .conftest import SEEDS

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def test_seeds_are_read_with_manifest_metadata():
    report = read_inputs([SEEDS], 5_000_000)
    assert report.skipped == []
    by_id = {a.id: a for a in report.articles}
    assert set(by_id) == {"spokesman-review", "nytimes", "ana-mpa", "el-mundo", "el-pais"}
    assert by_id["nytimes"].outlet == "The New York Times"
    assert by_id["spokesman-review"].date.isoformat() == "2025-05-20"
    assert by_id["el-pais"].outlet == "El País English"
    # the text is kept verbatim: noise is the cleaner's job
    assert by_id["el-pais"].text == (SEEDS / "el-pais.txt").read_text(encoding="utf-8")


def test_front_matter_gives_metadata_and_is_not_text(write_article):
    path = write_article(
        "a.md",
        "---\nsource: Daily Planet\ntitle: Big news\n"
        "url: https://example.org/a\ndate: 2025-05-19\n---\nBody text here.\n",
    )
    article = read_article(path, 10_000)
    assert (article.outlet, article.title, article.url) == (
        "Daily Planet",
        "Big news",
        "https://example.org/a",
    )
    assert article.text == "Body text here.\n"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "http://a b"]
)
def test_only_http_links_are_kept(url):
    assert safe_link(url) is None
    assert safe_link("https://example.org/x?a=1") == "https://example.org/x?a=1"
    assert safe_link("mailto:desk@example.org") == "mailto:desk@example.org"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"   \n\n ", "file is empty"),
        ("image.txt", PNG, "is a PNG image, not text"),
        ("binary.txt", b"abc\x00\x01\x02def" * 10, "is a binary file"),
        ("symbols.txt", "—— ** 12 ——\n".encode(), "holds no text"),
    ],
)
def test_bad_files_raise_a_message_naming_the_file(write_article, name, content, message):
    path = write_article(name, content)
    with pytest.raises(InputError) as error:
        read_article(path, 10_000)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_huge_file_is_refused_before_reading(write_article):
    path = write_article("huge.txt", b"word " * 4_000_000)  # 20 MB
    with pytest.raises(InputError, match=r"20\.0 MB, over the 5\.0 MB limit"):
        read_article(path, 5_000_000)


def test_utf16_and_latin1_are_decoded():
    text = "Zelenskyy said “no” — café."
    assert decode_text(text.encode("utf-16"), "x") == (text, "utf-16")
    assert decode_text("Café Müller".encode("latin-1"), "x") == ("Café Müller", "Windows-1252")


def test_latin1_file_is_read_with_a_warning(write_article):
    path = write_article("latin.txt", "Le café est fermé. Il pleut.".encode("latin-1"))
    report = read_inputs([path], 10_000)
    assert report.articles[0].text.startswith("Le café")
    assert "not UTF-8" in report.warnings[0].reason


def test_html_page_is_reduced_to_its_article(write_article):
    paragraphs = "".join(
        f"<p>Paragraph {i} of the article says the ceasefire talks will continue next week "
        f"in Istanbul, officials said on Monday.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Talks resume</title><script>alert('x')</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Talks resume</h1>{paragraphs}</article>"
        "<script>document.write('evil')</script><footer>Subscribe now</footer></body></html>"
    )
    article = read_article(write_article("page.html", html), 100_000)
    assert "Paragraph 0 of the article" in article.text
    assert "alert" not in article.text and "document.write" not in article.text
    assert article.title == "Talks resume"


def test_html_without_article_is_refused(write_article):
    path = write_article("empty.html", "<html><body><script>var a = 1;</script></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_article(path, 100_000)


def test_missing_and_unsupported_inputs_are_reported(tmp_path: Path, write_article):
    picture = write_article("photo.png", PNG)
    report = read_inputs([tmp_path / "nowhere", picture], 10_000)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["nowhere"] == "no such file or folder"
    assert "not a supported article type" in reasons["photo.png"]


def test_manifest_with_unknown_key_names_it(tmp_path: Path, write_article):
    write_article("a.txt", "Some text. More text.")
    (tmp_path / "articles" / "sources.toml").write_text('["a.txt"]\npublisher = "X"\n')
    with pytest.raises(Exception, match="unknown key 'a.txt.publisher'"):
        read_inputs([tmp_path / "articles"], 10_000)


PARAGRAPH = (
    "The ministers met on Monday to agree the terms of the ceasefire and the sanctions. " * 3
)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Correspondent | Published 2026-11-26", "Correspondent"),
        ("By Erica L. Green and Anton Troianovski", "Erica L. Green and Anton Troianovski"),
        ("By Anton Troianovski, Updated May 19, 2025", "Anton Troianovski"),
    ],
    ids=["published", "initials", "updated"],
)
@pytest.mark.parametrize(
    "page",
    [
        '<html><head><meta name="author" content="{byline}"></head><body><article>'
        "<h1>Talks in Istanbul</h1><p>{paragraph}</p></article></body></html>",
        '<html><body><article><h1>Talks in Istanbul</h1><p class="byline">{byline}</p>'
        "<p>{paragraph}</p></article></body></html>",
    ],
    ids=["meta-author", "byline-paragraph"],
)
def test_page_bylines_give_the_author_as_written(write_article, byline, author, page):
    path = write_article("page.html", page.format(byline=byline, paragraph=PARAGRAPH))
    assert read_article(path, 100_000).author == author


def test_a_sentence_starting_with_by_is_no_byline():
    from digest.brief.read import parse_byline

    assert parse_byline("By Monday, the talks had stalled again") is None
    assert parse_byline("By Jean de La Fontaine & Ana Ruiz") == "Jean de La Fontaine and Ana Ruiz"

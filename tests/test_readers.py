import re
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


def test_manifest_with_unknown_key_skips_only_its_folder(tmp_path: Path, write_article):
    # issue 14 item 9: one folder's bad sources.toml stopped everything
    write_article("a.txt", "Some text. More text.")
    (tmp_path / "articles" / "sources.toml").write_text('["a.txt"]\npublisher = "X"\n')
    report = read_inputs([tmp_path / "articles", SEEDS / "nytimes.txt"], 100_000)
    assert [a.id for a in report.articles] == ["nytimes"]
    (skipped,) = report.skipped
    assert skipped.path.endswith("sources.toml")
    assert "unknown key 'a.txt.publisher'" in skipped.reason and "were not read" in skipped.reason


def _docx_bytes(document_xml: bytes | None = None) -> bytes:
    """A real Word document, optionally with its document.xml replaced."""
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Officials said the talks would resume in Geneva on Monday.")
    document.save(buffer)
    if document_xml is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            package.writestr(info, document_xml if info.filename == "word/document.xml" else data)
    return out.getvalue()


def test_word_zip_bomb_and_malformed_xml_are_skipped_and_the_rest_read(write_article):
    # issue 14 item 8: an lxml traceback stopped the whole build
    bomb = write_article("bomb.docx", _docx_bytes(b"<w:document>" + b" " * 3_000_000))
    write_article("broken.docx", _docx_bytes(b"<w:document><unclosed>"))
    good = write_article("good.docx", _docx_bytes())
    assert bomb.stat().st_size < 100_000  # small on disk, 3 MB unpacked
    report = read_inputs([bomb.parent], 100_000)
    assert [a.id for a in report.articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert re.match(r"unpacks to \d MB, over the 1 MB limit .*zip bomb", reasons["bomb.docx"])
    assert reasons["broken.docx"].startswith("is not a readable Word document")
    assert read_article(good, 100_000).text.startswith("Officials said")


def test_links_out_of_a_folder_are_not_followed(tmp_path: Path, write_article):
    # issue 14 items 10 and 11: a link's target outside the folder landed in the brief
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key is in the drawer. Nobody should read this.")
    inside = write_article("inside.txt", "An article in the folder. It says something.")
    folder = inside.parent
    (folder / "outside.txt").symlink_to(secret)
    (folder / "system.txt").symlink_to("/proc/1/cwd")
    (folder / "again.txt").symlink_to(inside)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    report = read_inputs([folder], 100_000)
    assert sorted(a.id for a in report.articles) == ["again", "inside"]
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["outside.txt"] == f"a link to {secret}, outside the folder; not followed"
    assert "outside the folder" in reasons["system.txt"] or "cannot read" in reasons["system.txt"]
    assert "loop" in reasons["loop.txt"]
    assert all("private key" not in a.text for a in report.articles)


def test_unreadable_entries_are_skipped_with_a_warning(write_article):
    # issue 14 item 11: a PermissionError traceback stopped build and fetch
    import os
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        (folder / "ok.txt").write_text("An article anyone may read. It says something.")
        (folder / "ok.txt").chmod(0o644)
        (folder / "locked").mkdir(mode=0o700)
        (folder / "locked" / "hidden.txt").write_text("Nobody else may read this.")
        (folder / "private.txt").write_text("Nobody else may read this either.")
        (folder / "private.txt").chmod(0o600)
        as_root = os.geteuid() == 0
        if as_root:  # root reads everything: read as nobody, as an ordinary user would
            os.seteuid(65534)
        try:
            report = read_inputs([folder], 100_000)
        finally:
            if as_root:
                os.seteuid(0)
    finally:
        shutil.rmtree(folder)
    assert [a.id for a in report.articles] == ["ok"]
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["locked"] == "cannot read it (Permission denied)"
    assert "Permission denied" in reasons["private.txt"]


def test_system_folder_is_not_searched():
    # issue 14 item 11: `folder = "/"` read 5,346 system files
    report = read_inputs(["/etc"], 100_000)
    assert report.articles == []
    assert report.skipped[0].reason == "is a system folder, not a folder of articles; not read"


def test_fifo_is_not_a_regular_file(tmp_path: Path):
    # issue 14 item 13: it was reported as "no such file or folder"
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    report = read_inputs([tmp_path / "pipe.txt", tmp_path], 100_000)
    assert [s.reason for s in report.skipped] == [
        "not a regular file (a FIFO); give an article file",
        "not a regular file (a FIFO); give an article file",
        "folder holds no article file",
    ]


def test_control_characters_in_file_names_never_reach_a_document_or_the_log(
    tmp_path: Path, config, write_article
):
    # issue 14 item 12: ESC in a file name crashed the DOCX coverage table; a newline in a
    # file name wrote a fake line into the log
    import dataclasses

    from digest.brief.build import build

    text = "Officials said the talks would resume in Geneva on Monday. " * 3
    write_article("esc\x1b[31mred.txt", text)
    write_article("other.txt", text.replace("Geneva", "Vienna"))
    write_article("empty\nERROR: fake line.txt", "")
    config = dataclasses.replace(config, topics=())
    result = build(config, [tmp_path / "articles"], None)
    assert "esc[31mred" in {a.outlet.lower() for a in result.brief.articles}
    for name in ("brief.docx", "brief.html", "brief.txt", "brief.json"):
        assert b"\x1b" not in Path(result.files[name]).read_bytes() or name == "brief.docx"
    import docx

    cells = [c.text for t in docx.Document(result.files["brief.docx"]).tables for c in t._cells]
    assert not any("\x1b" in c for c in cells)
    (skipped,) = result.skipped
    assert "\n" not in skipped.path and skipped.path.endswith("empty\\nERROR: fake line.txt")


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

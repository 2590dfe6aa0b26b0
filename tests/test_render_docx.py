import io
import re
import subprocess
from pathlib import Path

import docx
import pytest

from .conftest import NOISE, require_program


def _open(seed_build):
    return docx.Document(seed_build.files["brief.docx"])


def test_docx_reopens_with_title_sections_points_and_sources(seed_build):
    brief = seed_build.brief
    document = _open(seed_build)
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == brief.title
    (story,) = brief.stories
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Lead",
        *[s.title for s in brief.sections],
        "Key quotes",
        *(["Key figures"] if story.figures else []),  # figures share the story's word budget
        "Sources",
    ]
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    points = [p for s in brief.sections for p in s.points]
    assert len(bullets) == len(points) + len(story.quotes) + len(story.figures)
    for bullet, point in zip(bullets, points, strict=False):
        assert bullet.startswith(point.text)
        assert re.search(r"\[\d\](\[\d\])*", bullet[len(point.text) :])
    text = "\n".join(p.text for p in paragraphs)
    for noise in NOISE:
        assert noise.strip() not in text


def test_docx_has_properties_a_covered_by_line_and_page_numbers(seed_build):
    document = _open(seed_build)
    assert document.core_properties.title == seed_build.brief.title
    assert document.core_properties.author == "digest"
    covered = next(p.text for p in document.paragraphs if p.text.startswith("Covered by"))
    assert covered.startswith("Covered by 5 outlets: ") and not document.tables
    for number, article in enumerate(seed_build.brief.articles, start=1):
        assert f"{article.outlet} [{number}]" in covered
    styles_xml = document.styles.element.xml
    assert 'w:lang w:val="en-GB"' in styles_xml  # the document's language, for screen readers
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml


def test_docx_links_sources_with_urls(tmp_path, config, write_article):
    from digest.brief.build import build

    write_article(
        "a.md",
        "---\nsource: Gazette\nurl: https://example.org/bridge\n---\n"
        "The mayor announced on Monday that the old bridge will close in June.\n"
        "Engineers found deep cracks in two of the bridge's steel supports.\n",
    )
    result = build(config, [tmp_path / "articles"])
    document = docx.Document(result.files["brief.docx"])
    links = [r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype]
    assert links == ["https://example.org/bridge"]


def test_control_characters_never_break_the_docx(tmp_path, config, write_article):
    from digest.brief.build import build

    write_article(
        "a.txt",
        "The mayor\x0b announced\x1b on Monday that the old bridge will "
        "close in June, after engineers found cracks in two supports.\n"
        "Engineers found deep\x07 cracks in the supports of the old bridge.\n",
    )
    result = build(config, [tmp_path / "articles"])
    document = docx.Document(io.BytesIO(Path(result.files["brief.docx"]).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert result.brief.points and all(p.text in text for p in result.brief.points)
    assert "\x07" not in text and "\x1b" not in text


def test_libreoffice_converts_the_docx_and_shows_every_point(seed_build, seed_pdf):
    text = subprocess.run(
        [require_program("pdftotext"), str(seed_pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert re.search(r"Page 1 of \d", text)
    # the PDF breaks lines anywhere (even after a dash), and pages with their footer and
    # the bullets' glyphs (private-use characters of the Symbol font) in between
    flat = "".join(re.sub(r"Page \d+ of \d+|[\ue000-\uf8ff]", "", text).split())
    for section in seed_build.brief.sections:
        assert "".join(section.title.split()) in flat
    for point in seed_build.brief.points:
        assert "".join(point.text.split()) in flat


def test_pdf_format_is_the_docx_printed_by_libreoffice(tmp_path, config):
    import dataclasses

    from digest.brief.build import build

    from .conftest import SEEDS

    require_program("soffice")
    config = dataclasses.replace(
        config, output=dataclasses.replace(config.output, formats=("pdf",))
    )
    result = build(config, [SEEDS / "nytimes.txt", SEEDS / "el-pais.txt"])
    assert Path(result.files["brief.pdf"]).read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        [require_program("pdftotext"), result.files["brief.pdf"], "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert result.brief.title.split() == text.split()[: len(result.brief.title.split())]
    assert "Sources" in text


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path):
    import os
    import sys

    from .conftest import ROOT

    bare_path = str(Path(sys.executable).parent)  # python, but no soffice
    result = subprocess.run(
        [sys.executable, "-m", "digest", "build", "--format", "pdf", "--out-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": bare_path},
    )
    assert result.returncode == 4
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not any(tmp_path.iterdir())


def test_citations_link_to_their_sources_entry(seed_build):
    body = _open(seed_build).element.body
    anchors = body.xpath(".//w:hyperlink/@w:anchor")
    bookmarks = body.xpath(".//w:bookmarkStart/@w:name")
    articles = len(seed_build.brief.articles)
    assert bookmarks == [f"source-{n}" for n in range(1, articles + 1)]
    assert anchors and set(anchors) <= set(bookmarks)
    cited = [
        p
        for p in body.xpath(".//w:p")
        if any(text.startswith("[") for text in p.xpath(".//w:hyperlink//w:t/text()"))
    ]
    (story,) = seed_build.brief.stories
    quotes_and_figures = len(story.quotes) + len(story.figures)
    assert len(cited) == len(seed_build.brief.points) + quotes_and_figures


def test_paper_a4_is_the_page_size_of_the_docx_and_the_pdf(tmp_path, config):
    import dataclasses

    from docx.shared import Mm

    from digest.brief.build import build

    from .conftest import SEEDS

    require_program("soffice")
    output = dataclasses.replace(config.output, paper="a4", formats=("docx", "pdf"))
    result = build(dataclasses.replace(config, output=output), [SEEDS / "nytimes.txt"])
    section = docx.Document(result.files["brief.docx"]).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)  # stored in twentieths of a point
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    info = subprocess.run(
        [require_program("pdfinfo"), result.files["brief.pdf"]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info


def test_several_stories_open_with_a_contents_list_linked_to_their_headings(tmp_path, config):
    from digest.brief.build import build

    from .conftest import ROOT

    result = build(config, [ROOT / "tests" / "stories"])
    stories = result.brief.stories
    assert len(stories) == 3
    document = docx.Document(result.files["brief.docx"])
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == ["Contents", *[s.title for s in stories], "Sources"]
    contents = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text.split(" · ")[0] for p in contents] == [s.title for s in stories]
    for number, (entry, heading) in enumerate(zip(contents, headings[1:], strict=False), 1):
        assert f'w:anchor="story-{number}"' in entry._p.xml
        assert f'w:name="story-{number}"' in heading._p.xml


@pytest.mark.parametrize(
    "text", ["1. ", "Reuters: “Title”", " lead and trail ", "a\ttab", "two\nlines", "cr\r", ""]
)
def test_a_run_made_at_once_is_the_run_python_docx_makes(text):
    from lxml import etree

    from digest.render.word import _add_run

    document = docx.Document()
    theirs, ours = document.add_paragraph(), document.add_paragraph()
    theirs.add_run(text)
    _add_run(ours, text)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)

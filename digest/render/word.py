"""Render a Brief as a Word document (python-docx).

Layout: title, date line; with several stories a Contents list linked to each story's
Heading 1; per story a "Covered by" line, the lead, one heading per section with each point a
bullet ending in its citations (links to the Sources), key quotes and figures; Also today;
the numbered sources with clickable links, page numbers in the footer, and the document's
core properties filled in. The content and its order come from the Brief; this module only
lays it out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from digest.models import Brief, Story
from digest.render.labels import (
    citation_numbers,
    coverage_label,
    covered_by,
    date_line,
    figure_line,
    number_runs,
    quote_line,
    source_anchor,
    source_line,
    story_label,
    story_numbers,
)

LINK_COLOUR = "1F4E79"
STORY_BOOKMARKS = 100_000
"""Bookmark ids of the stories' headings start here, clear of the Sources' ids (1, 2, ...)."""


PAPER_SIZES = {"a4": (Mm(210), Mm(297)), "letter": (Inches(8.5), Inches(11))}
"""output.paper: width and height of the page."""


def render_docx(brief: Brief, _templates: Sequence[Path] = (), paper: str = "letter") -> bytes:
    """The brief as the bytes of a .docx file on `paper` ("a4" or "letter")."""
    document = Document()
    styled = _Styled(document)
    for section in document.sections:
        section.page_width, section.page_height = PAPER_SIZES[paper]
    _set_properties(document, brief)
    styled.paragraph(brief.title, "Title")
    styled.paragraph(date_line(brief), "Subtitle")

    if brief.notice:
        document.add_paragraph(brief.notice).runs[0].bold = True
    several = len(brief.stories) > 1 or bool(brief.also_today)
    if several:
        _add_contents(styled, brief)
    for number, story in enumerate(brief.stories, start=1):
        if several:
            heading = styled.heading(level=1)
            _add_bookmark(heading, STORY_BOOKMARKS + number, f"story-{number}", story.title)
        _add_story(styled, brief, story, level=2 if several else 1)
    if brief.also_today:
        heading = styled.heading(level=1)
        _add_bookmark(heading, STORY_BOOKMARKS, "also-today", "Also today")
        for story in brief.also_today:
            paragraph = styled.paragraph("", "List Bullet")
            paragraph.add_run(story.title)
            _add_numbers(paragraph, story_numbers(brief, story))
            _add_label(paragraph, story_label(story))
        if brief.untold:
            document.add_paragraph(f"And {brief.untold} more stories, each in the sources below.")
    styled.heading("Sources", level=1)
    for number, article in enumerate(brief.articles, start=1):
        paragraph = document.add_paragraph()
        _add_bookmark(paragraph, number, source_anchor(number), f"{number}. ")
        _add_run(paragraph, source_line(article))
        if article.url:
            paragraph.add_run(" ")
            _add_hyperlink(paragraph, article.url, url=article.url)
    _add_page_numbers(document)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Styled:
    """Adds styled paragraphs to `document`, each style's id found once: python-docx searches
    the whole style sheet twice for every styled paragraph (a third of a long brief's time)."""

    def __init__(self, document) -> None:
        self.document = document
        self._ids: dict[str, str | None] = {}

    def paragraph(self, text: str, style: str):
        """document.add_paragraph(text, style=style), the same XML."""
        if style not in self._ids:
            self._ids[style] = self.document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        paragraph = self.document.add_paragraph(text)
        paragraph._p.style = self._ids[style]
        return paragraph

    def heading(self, text: str = "", level: int = 1):
        """document.add_heading(text, level), the same XML."""
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")


def _set_properties(document, brief: Brief) -> None:
    properties = document.core_properties
    properties.title = brief.title
    properties.author = "digest"
    properties.subject = f"Brief of {brief.date.isoformat()}"
    properties.language = "en"
    properties.created = brief.built_at.astimezone(dt.UTC).replace(tzinfo=None)
    properties.modified = properties.created
    properties.revision = 1
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    run_properties = style.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    run_properties.append(language)


def _add_story(styled: _Styled, brief: Brief, story: Story, level: int) -> None:
    """A story's covered-by line, lead, sections, key quotes and key figures."""
    document = styled.document
    document.add_paragraph(covered_by(brief, story)).runs[0].italic = True
    if story.lead:
        if level == 1:
            styled.heading("Lead", level=1)
        for point in story.lead:
            paragraph = document.add_paragraph()
            paragraph.add_run(point.text).bold = True
            _add_citations(paragraph, brief, story, point)
    sections = [(s.title, s.points, lambda p: p.text) for s in story.sections]
    for heading, items, line in (
        *sections,
        ("Key quotes", story.quotes, quote_line),
        ("Key figures", story.figures, figure_line),
    ):
        if items:
            styled.heading(heading, level=level)
            for item in items:
                paragraph = styled.paragraph("", "List Bullet")
                paragraph.add_run(line(item))
                _add_citations(paragraph, brief, story, item)


def _add_contents(styled: _Styled, brief: Brief) -> None:
    """'Contents': each story's title, linked to its heading."""
    styled.heading("Contents", level=1)
    entries = [(f"story-{n}", s.title, story_label(s)) for n, s in enumerate(brief.stories, 1)]
    if brief.also_today:
        more = len(brief.also_today) + brief.untold
        entries.append(("also-today", "Also today", f"{more} more stories"))
    for anchor, title, label in entries:
        paragraph = styled.paragraph("", "List Number")
        _add_hyperlink(paragraph, title, anchor=anchor)
        _add_label(paragraph, label)


def _add_citations(paragraph, brief: Brief, story: Story, point) -> None:
    """' [5] (also [2][4])', each number an internal link to its entry under Sources."""
    own, others = citation_numbers(brief, point)
    _add_numbers(paragraph, [own])
    if others:
        paragraph.add_run(" (also ")
        _add_numbers(paragraph, others, space="")
        paragraph.add_run(")")
    _add_label(paragraph, coverage_label(story, point))


def _add_numbers(paragraph, numbers: list[int], space: str = " ") -> None:
    """Sources numbers, each an internal link to its entry, runs as ranges."""
    paragraph.add_run(space)
    for first, last in number_runs(numbers):
        _add_hyperlink(paragraph, f"[{first}]", anchor=source_anchor(first))
        if last != first:
            paragraph.add_run("–")
            _add_hyperlink(paragraph, f"[{last}]", anchor=source_anchor(last))


def _add_label(paragraph, label: str) -> None:
    """' · label' in grey italics (nothing when there is no label)."""
    if label:
        run = paragraph.add_run(f" · {label}")
        run.italic = True
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _add_hyperlink(paragraph, text: str, url: str = "", anchor: str = "") -> None:
    """python-docx has no hyperlink API: add a w:hyperlink to an external `url` (through a
    relationship) or to the bookmark `anchor` in the document, styled as a link."""
    link = OxmlElement("w:hyperlink")
    if anchor:
        link.set(qn("w:anchor"), anchor)
    else:
        relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([colour, underline])
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _add_bookmark(paragraph, number: int, name: str, text: str) -> None:
    """`text` as a run inside the bookmark `name`, which citations link to."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.append(start)
    _add_run(paragraph, text)
    paragraph._p.append(end)


def _add_run(paragraph, text: str) -> None:
    """paragraph.add_run(text), the same XML made at once: python-docx goes through the text
    one character at a time, looking for tabs and line breaks (most of the time of a long
    list of sources); text that has them is left to it."""
    if "\t" in text or "\n" in text or "\r" in text:
        paragraph.add_run(text)
        return
    run = OxmlElement("w:r")
    if text:
        text_element = OxmlElement("w:t")
        text_element.text = text
        if len(text.strip()) < len(text):
            text_element.set(qn("xml:space"), "preserve")
        run.append(text_element)
    paragraph._p.append(run)


def _add_page_numbers(document) -> None:
    """'Page N of M' in every section's footer, as Word fields."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("Page ")
        _add_field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        _add_field(paragraph, "NUMPAGES")


def _add_field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)

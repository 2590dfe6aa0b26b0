"""Render a Brief as a Word document (python-docx).

Layout: title, date line, lead, one Heading 1 per section with each point a bullet ending in
its citations, a coverage table (topic by outlet), the numbered sources with clickable links,
page numbers in the footer, and the document's core properties filled in. The content and
its order come from the Brief; this module only lays it out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from digest.models import Brief, Point
from digest.render.labels import (
    citation_numbers,
    coverage_label,
    date_line,
    figure_line,
    quote_line,
    source_anchor,
    source_line,
)

LINK_COLOUR = "1F4E79"


PAPER_SIZES = {"a4": (Mm(210), Mm(297)), "letter": (Inches(8.5), Inches(11))}
"""output.paper: width and height of the page."""


def render_docx(brief: Brief, _templates: Sequence[Path] = (), paper: str = "letter") -> bytes:
    """The brief as the bytes of a .docx file on `paper` ("a4" or "letter")."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = PAPER_SIZES[paper]
    _set_properties(document, brief)
    document.add_paragraph(brief.title, style="Title")
    document.add_paragraph(date_line(brief), style="Subtitle")

    if brief.notice:
        document.add_paragraph(brief.notice).runs[0].bold = True
    if brief.lead:
        document.add_heading("Lead", level=1)
        for point in brief.lead:
            paragraph = document.add_paragraph()
            paragraph.add_run(point.text).bold = True
            _add_citations(paragraph, brief, point)
    for section in brief.sections:
        document.add_heading(section.title, level=1)
        for point in section.points:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(point.text)
            _add_citations(paragraph, brief, point)

    for heading, items, line in (
        ("Key quotes", brief.quotes, quote_line),
        ("Key figures", brief.figures, figure_line),
    ):
        if items:
            document.add_heading(heading, level=1)
            for item in items:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(line(item))
                _add_citations(paragraph, brief, item)
    if brief.sections:
        _add_coverage_table(document, brief)
    document.add_heading("Sources", level=1)
    for number, article in enumerate(brief.articles, start=1):
        paragraph = document.add_paragraph()
        _add_bookmark(paragraph, number, source_anchor(number), f"{number}. ")
        paragraph.add_run(source_line(article))
        if article.url:
            paragraph.add_run(" ")
            _add_hyperlink(paragraph, article.url, url=article.url)
    _add_page_numbers(document)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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


def _add_citations(paragraph, brief: Brief, point: Point) -> None:
    """' [5] (also [2][4])', each number an internal link to its entry under Sources."""
    own, others = citation_numbers(brief, point)
    paragraph.add_run(" ")
    _add_hyperlink(paragraph, f"[{own}]", anchor=source_anchor(own))
    if others:
        paragraph.add_run(" (also ")
        for number in others:
            _add_hyperlink(paragraph, f"[{number}]", anchor=source_anchor(number))
        paragraph.add_run(")")
    if coverage_label(brief, point):
        label = paragraph.add_run(f" · {coverage_label(brief, point)}")
        label.italic = True
        label.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _add_coverage_table(document, brief: Brief) -> None:
    document.add_heading("Coverage", level=1)
    outlets = brief.outlets()
    table = document.add_table(rows=1, cols=len(outlets) + 1)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = "Topic"
    for cell, outlet in zip(header[1:], outlets, strict=True):
        cell.text = outlet
    for topic, counts in brief.coverage():
        cells = table.add_row().cells
        cells[0].text = topic
        for cell, count in zip(cells[1:], counts, strict=True):
            cell.text = str(count)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9)


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
    paragraph.add_run(text)
    paragraph._p.append(end)


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

"""Renderers: the same Brief as a Word document, e-mail HTML and text, JSON and PDF.

Rendering never decides content: every renderer draws from the Brief and nothing else, and
all have one signature, (brief, template folders) -> bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from digest.models import Brief
from digest.render.bodies import render_html, render_text
from digest.render.brief_json import render_json
from digest.render.pdf import render_pdf
from digest.render.word import render_docx

Renderer = Callable[[Brief, Sequence[Path]], bytes]

RENDERERS: dict[str, Renderer] = {
    "docx": render_docx,
    "html": render_html,
    "txt": render_text,
    "json": render_json,
    "pdf": render_pdf,
}


def render(
    brief: Brief, formats: Sequence[str], templates: Sequence[Path], paper: str = "letter"
) -> dict[str, bytes]:
    """File name -> content for each format, in the order asked; the Word document and the
    PDF on `paper` ("letter" or "a4")."""
    renderers = {
        **RENDERERS,
        "docx": functools.partial(render_docx, paper=paper),
        "pdf": functools.partial(render_pdf, paper=paper),
    }
    return {f"brief.{fmt}": renderers[fmt](brief, templates) for fmt in formats}

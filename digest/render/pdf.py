"""Render a Brief as PDF: the Word document, converted by LibreOffice (headless), so the PDF
is exactly what a Word reader prints. Optional: only `--format pdf` needs LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from digest.errors import OutputError
from digest.models import Brief
from digest.render.word import render_docx

CONVERT_TIMEOUT = 300


def pdf_converter() -> str:
    """The LibreOffice program, or an error that says how to get it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise OutputError(
            "PDF output needs LibreOffice, which is not installed: install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui), or leave pdf out of "
            "--format / output.formats"
        )
    return program


def render_pdf(brief: Brief, _templates: Sequence[Path] = (), paper: str = "letter") -> bytes:
    """The Word document on `paper`, printed to PDF by LibreOffice."""
    program = pdf_converter()
    with tempfile.TemporaryDirectory(prefix="digest-pdf-") as folder:
        source = Path(folder, "brief.docx")
        source.write_bytes(render_docx(brief, paper=paper))
        try:
            subprocess.run(
                [
                    program,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
            )
            return Path(folder, "brief.pdf").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise OutputError(f"LibreOffice could not convert the brief to PDF ({exc})") from None

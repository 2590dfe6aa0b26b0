"""The brief as readers see it: the e-mail HTML in a real browser (headless Chromium) at
phone and desktop widths, and the Word document as LibreOffice prints it. Screenshots and
page images are kept in $DIGEST_ARTIFACTS (default build/test-artifacts/) for a person to
look at."""

import dataclasses
import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, print_docx, require_program

ARTIFACTS = Path(os.environ.get("DIGEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
WRAPPER = """<html><body style="margin:0">
<iframe id="mail" src="{src}" style="width:{width}px;height:2400px;border:0"></iframe>
<script>
document.getElementById('mail').onload = function () {{
  var page = this.contentDocument, view = this.contentWindow, wide = [];
  page.querySelectorAll('body *').forEach(function (e) {{
    if (e.getBoundingClientRect().right > view.innerWidth + 1) {{ wide.push(e.tagName); }}
  }});
  document.body.setAttribute('data-page-width', page.documentElement.scrollWidth);
  document.body.setAttribute('data-view-width', view.innerWidth);
  document.body.setAttribute('data-too-wide', wide.join(','));
}};
</script></body></html>"""
"""The e-mail in an iframe of exactly `width` pixels (headless Chromium will not make a
window narrower than 500 px), measured from the page around it."""


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    chromium = require_program("chromium")
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def thirty_outlets(repo_config, tmp_path_factory):
    """Four stories from 38 outlets, 30 of them on the seeds' story (each seed as six
    outlets with long names), built with the repository's topics."""
    from digest.brief.build import build

    from .conftest import SEED_DATE, SEEDS

    folder = tmp_path_factory.mktemp("thirty-outlets")
    manifest = []
    for copy in range(6):
        for seed in sorted(SEEDS.glob("*.txt")):
            name = f"{seed.stem}-{copy}.txt"
            shutil.copy(seed, folder / name)
            outlet = f"{seed.stem.replace('-', ' ').title()} Regional Morning Edition {copy + 1}"
            manifest.append(f'["{name}"]\noutlet = "{outlet}"\n')
    (folder / "sources.toml").write_text("\n".join(manifest), encoding="utf-8")
    out = tmp_path_factory.mktemp("thirty-outlets-brief")
    config = dataclasses.replace(
        repo_config, output=dataclasses.replace(repo_config.output, dir=str(out))
    )
    return build(config, [folder, ROOT / "tests" / "stories"], SEED_DATE)


@pytest.mark.parametrize("width", [375, 600])
def test_email_html_fits_the_screen_in_chromium(seed_build, tmp_path, width):
    _assert_fits(Path(seed_build.files["brief.html"]), width, tmp_path, "brief-email")


@pytest.mark.parametrize("width", [375, 600])
def test_a_thirty_outlet_email_fits_a_phone_in_chromium(thirty_outlets, tmp_path, width):
    brief = thirty_outlets.brief
    assert brief.stories[0].outlet_count == 30 and len(brief.stories) == 4
    _assert_fits(Path(thirty_outlets.files["brief.html"]), width, tmp_path, "stories-email")


def test_a_thirty_outlet_word_document_has_no_stacked_letters(thirty_outlets, tmp_path):
    pdf = print_docx(Path(thirty_outlets.files["brief.docx"]), tmp_path)
    text = subprocess.run(
        [require_program("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for story in thirty_outlets.brief.stories:
        assert story.title in flat  # each story's heading, on its line
        for outlet in story.outlets:  # every outlet's name reads across the line
            assert outlet in flat, outlet
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    single = [line for line in lines if len(line) == 1 and line.isalpha()]
    assert len(single) <= 2, f"{len(single)} lines of one letter: words stacked letter by letter"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            require_program("pdftoppm"),
            "-r",
            "50",
            "-png",
            "-l",
            "4",
            str(pdf),
            str(ARTIFACTS / "stories-docx-page"),
        ],
        check=True,
    )
    shutil.copy(pdf, ARTIFACTS / "stories-docx.pdf")


def _assert_fits(html: Path, width: int, tmp_path: Path, name: str) -> None:
    """The e-mail in a `width` px iframe: nothing past the right edge; screenshot kept."""
    wrapper = tmp_path / f"at-{width}px.html"
    wrapper.write_text(WRAPPER.format(src=html.as_uri(), width=width), encoding="utf-8")
    dom = _chromium(
        ["--allow-file-access-from-files", "--dump-dom", wrapper.as_uri()], tmp_path
    ).stdout
    page_width = int(re.search(r'data-page-width="(\d+)"', dom).group(1))
    view_width = int(re.search(r'data-view-width="(\d+)"', dom).group(1))
    too_wide = re.search(r'data-too-wide="([^"]*)"', dom).group(1)
    assert view_width == width
    assert page_width <= view_width, f"page is {page_width}px wide in a {view_width}px view"
    assert too_wide == "", f"elements past the right edge: {too_wide}"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / f"{name}-{width}px.png"
    _chromium(
        [
            "--allow-file-access-from-files",
            f"--window-size={max(width, 500)},2400",
            f"--screenshot={screenshot}",
            wrapper.as_uri(),
        ],
        tmp_path,
    )
    assert screenshot.stat().st_size > 10_000


def test_email_html_is_accessible(seed_build):
    html = Path(seed_build.files["brief.html"]).read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="en"', html)
    levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert "<img" not in html  # no image that would need alt text
    for colour in set(re.findall(r"(?<![-\w])color: ?(#[0-9a-fA-F]{6})", html)):
        assert _contrast(colour, "#ffffff") >= 4.5, colour


def test_no_text_stands_outside_the_printed_page(seed_pdf):
    boxes = subprocess.run(
        [require_program("pdftotext"), "-bbox", str(seed_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    assert pages
    for width, height, words in pages:
        for x_min, y_min, x_max, y_max in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words
        ):
            assert float(x_min) >= 0 and float(x_max) <= float(width)
            assert float(y_min) >= 0 and float(y_max) <= float(height)


def test_libreoffice_pages_are_kept_as_images(seed_pdf):
    pdftoppm = require_program("pdftoppm")
    pages = subprocess.run(
        [require_program("pdfinfo"), str(seed_pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
    assert 1 <= count <= 6
    fonts = subprocess.run(
        [require_program("pdffonts"), str(seed_pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # embedded
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob("brief-docx-page*.png"):  # pages of an earlier, longer brief
        stale.unlink()
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "60",
            "-png",
            str(seed_pdf),
            str(ARTIFACTS / "brief-docx-page"),
        ],
        check=True,
    )
    assert len(list(ARTIFACTS.glob("brief-docx-page*.png"))) == count
    shutil.copy(seed_pdf, ARTIFACTS / "brief-docx.pdf")


def _contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)

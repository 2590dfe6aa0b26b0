"""Read stage: turn input files into Articles (text plus what is known about the source).

Plain text (.txt, .md) is read as it is; saved web pages (.html, .htm) are reduced to the
article's main text with trafilatura, so scripts, menus and page chrome never reach the
brief. Metadata comes, in this order, from a front matter block at the top of the file, a
`sources.toml` manifest in the file's folder, and the page's own metadata; what is still
missing is recovered from the text by the cleaner.

Every problem with one file is an InputError naming it; the pipeline skips that file and
builds from the rest.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from digest.brief.inputs import (
    HTML_SUFFIXES,
    MAIL_SUFFIXES,
    TEXT_SUFFIXES,
    WORD_SUFFIXES,
    input_files,
)
from digest.errors import InputError
from digest.models import Article, Skipped

MANIFEST_NAME = "sources.toml"
METADATA_KEYS = ("outlet", "title", "author", "date", "url")
DOCX_EXPANSION = 10
"""A Word document may unpack to this many times input.max_bytes (text is ~1/5 of its XML)."""

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_HTML_START = re.compile(rb"\A\s*(<!doctype html|<html|<head|<body)", re.I)


@dataclass
class ReadReport:
    """Articles read, and the inputs skipped with their reasons, in input order."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)


def read_inputs(inputs: Iterable[str | Path], max_bytes: int) -> ReadReport:
    """Read every file named, or found under a named folder; skip (and report) bad ones."""
    report = ReadReport()
    manifests: dict[Path, dict[str, dict] | None] = {}
    used_ids: set[str] = set()
    for path in input_files(inputs, report.skipped):
        if path.parent not in manifests:
            manifests[path.parent] = _manifest_or_report(path.parent, report)
        manifest = manifests[path.parent]
        if manifest is None:
            continue  # the folder's sources.toml is unusable (reported once)
        try:
            article = read_article(path, max_bytes, manifest.get(path.name, {}))
            if article.encoding not in ("utf-8", "utf-16", "utf-32"):
                report.warnings.append(
                    Skipped(
                        str(path),
                        f"not UTF-8; read as {article.encoding} (save it as UTF-8 to be sure)",
                    )
                )
        except InputError as exc:
            report.skipped.append(Skipped(str(path), exc.problem))
            continue
        article_id = _unique_id(path.stem, used_ids)
        report.articles.append(replace(article, id=article_id))
    return report


def read_article(path: Path, max_bytes: int, metadata: dict | None = None) -> Article:
    """Read one file into an Article, or raise InputError saying what is wrong with it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                str(path),
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
                "(raise input.max_bytes in the config if this really is one article)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror})") from None
    if not raw.strip():
        raise InputError(str(path), "file is empty")
    if path.suffix.lower() in WORD_SUFFIXES:
        return _from_docx(path, raw, metadata or {}, max_bytes)
    if path.suffix.lower() in MAIL_SUFFIXES:
        return _from_email(path, raw, metadata or {}, max_bytes)
    is_html = path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(raw[:512]))
    text, encoding = decode_text(raw, str(path))
    known = dict(metadata or {})
    match = _FRONT_MATTER.match(text)
    if match:
        known = {**_parse_front_matter(match.group(1), str(path)), **known}
        text = text[match.end() :]
    if is_html:
        text, page_metadata = html_to_text(text, str(path))
        known = {**page_metadata, **known}
    if not any(ch.isalpha() for ch in text):
        raise InputError(str(path), "holds no text to summarize")
    return _article(path, text, known, encoding)


def _from_docx(path: Path, raw: bytes, metadata: dict, max_bytes: int) -> Article:
    """A Word document's paragraphs (and its title and author properties). Its parts are
    measured before any is unpacked: a small file can hold gigabytes of XML (a zip bomb)."""
    import io
    import zipfile

    import docx
    import lxml.etree

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            unpacked = sum(i.file_size for i in package.infolist() if not i.is_dir())
        limit = DOCX_EXPANSION * max_bytes
        if unpacked > limit:
            raise InputError(
                str(path),
                f"unpacks to {unpacked / 1e6:,.0f} MB, over the {limit / 1e6:,.0f} MB limit "
                "for a Word document (a zip bomb?); not read",
            )
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, lxml.etree.LxmlError) as exc:
        problem = " ".join(str(exc).split())[:200]
        raise InputError(str(path), f"is not a readable Word document ({problem})") from None
    text = "\n".join(p.text for p in document.paragraphs if p.text.strip())
    if not any(ch.isalpha() for ch in text):
        raise InputError(str(path), "holds no text to summarize")
    properties = document.core_properties
    return _article(
        path, text, {"title": properties.title, "author": properties.author, **metadata}, "utf-8"
    )


def _from_email(path: Path, raw: bytes, metadata: dict, max_bytes: int) -> Article:
    """A saved e-mail: the article in its plain-text body, else its HTML body, else an
    attached .txt/.html/.docx file. The subject is the title, the sender the outlet."""
    import email
    import email.policy
    import email.utils

    message = email.message_from_bytes(raw, policy=email.policy.default)
    text = ""
    body = message.get_body(("plain", "html"))
    if body is not None:
        content = body.get_content()
        text = (
            content
            if body.get_content_type() == "text/plain"
            else html_to_text(content, str(path))[0]
        )
    if not any(ch.isalpha() for ch in text):
        for part in message.iter_attachments():
            name = Path(part.get_filename() or "attachment")
            payload = part.get_payload(decode=True) or b""
            if name.suffix.lower() in WORD_SUFFIXES:
                title = {"title": message["Subject"], **metadata}
                return _from_docx(path, payload, title, max_bytes)
            if name.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
                text = decode_text(payload, str(path))[0]
                if name.suffix.lower() in HTML_SUFFIXES:
                    text = html_to_text(text, str(path))[0]
                break
    if not any(ch.isalpha() for ch in text):
        raise InputError(str(path), "e-mail holds no article text, in its body or attached")
    sender = email.utils.parseaddr(str(message.get("From", "")))[0]
    return _article(
        path, text, {"title": message["Subject"], "outlet": sender, **metadata}, "utf-8"
    )


def _article(path: Path, text: str, known: dict, encoding: str) -> Article:
    return Article(
        id=path.stem,
        path=str(path),
        text=text,
        outlet=str(known.get("outlet") or ""),
        title=str(known["title"]) if known.get("title") else None,
        author=str(known["author"]) if known.get("author") else None,
        date=_parse_date(known.get("date"), str(path)),
        url=known.get("url") if isinstance(known.get("url"), str) else None,
        encoding=encoding,
    )


def decode_text(raw: bytes, path: str) -> tuple[str, str]:
    """Decode a file's bytes: UTF-8, or UTF-16/32 with a byte-order mark, or legacy
    Windows-1252 (a superset of Latin-1) when the bytes are clearly not UTF-8.
    Returns the text and the name of the encoding used."""
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise InputError(path, f"is {kind}, not text; give a .txt, .md or .html article")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                raise InputError(path, f"is not valid {codec.upper()} text") from None
    if b"\x00" in raw[:8192]:
        raise InputError(path, "is a binary file, not text; give a .txt, .md or .html article")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    if "\ufffd" in text or _looks_binary(text):
        raise InputError(path, "is neither UTF-8 nor Latin-1 text; save it as UTF-8")
    return text, "Windows-1252"


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > 0.01 * min(len(text), 8192)


def _manifest_or_report(folder: Path, report: ReadReport) -> dict[str, dict] | None:
    """The folder's manifest; None (and one report) if it cannot be used: its files are then
    not read, since their outlets would be wrong."""
    try:
        return _read_manifest(folder)
    except InputError as exc:
        problem = f"{exc.problem}; the files in {folder} were not read"
        report.skipped.append(Skipped(exc.path, problem))
        return None


def _read_manifest(folder: Path) -> dict[str, dict]:
    """The folder's sources.toml: {file name: {outlet, title, author, date, url}}. Raises
    InputError (naming the manifest) when it cannot be used."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"cannot read the sources manifest: {exc}") from None
    for name, entry in data.items():
        if not isinstance(entry, dict):
            raise InputError(str(path), f'["{name}"] must be a table of {", ".join(METADATA_KEYS)}')
        for key in entry:
            if key not in METADATA_KEYS:
                raise InputError(
                    str(path),
                    f"unknown key '{name}.{key}' (known: {', '.join(METADATA_KEYS)})",
                )
    return data


def _parse_front_matter(block: str, path: str) -> dict[str, str]:
    values = {}
    for line in block.splitlines():
        match = _FRONT_MATTER_LINE.match(line)
        if match and match.group(1).lower() in METADATA_KEYS:
            values[match.group(1).lower()] = match.group(2).strip("\"'")
        elif match and match.group(1).lower() in ("source", "site", "publisher"):
            values["outlet"] = match.group(2).strip("\"'")
    return values


def html_to_text(html: str, path: str) -> tuple[str, dict[str, str]]:
    """The page's main article text (one paragraph a line) and its metadata."""
    import trafilatura  # slow to import; only HTML inputs need it

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=True,
    )
    if document is None or not (document.text or "").strip():
        raise InputError(path, "no article text found in this HTML page")
    metadata = {
        "outlet": document.sitename,
        "title": document.title,
        "author": _page_byline(html) or document.author,
        "date": document.date,
        "url": document.url,
    }
    return document.text, {k: v for k, v in metadata.items() if v}


_BYLINE_END = re.compile(
    r"\s*(?:[|·•—–]|\s-\s|\b(?:published|updated|posted|last updated)\b|\d{1,4}[-/.]\d).*$",
    re.I | re.S,
)
_NAME_PARTICLES = {"de", "da", "del", "della", "der", "den", "van", "von", "al", "el", "bin", "du"}


def parse_byline(text: str) -> str | None:
    """The author(s) in a byline, as written: "By Correspondent | Published 2026-11-26" is
    "Correspondent"; "By Erica L. Green and Anton Troianovski" keeps the initial's period.
    None when the text is not a list of names (a sentence that starts with "By")."""
    text = re.sub(r"(?i)^\s*by\s+", "", " ".join(text.split()))
    text = _BYLINE_END.sub("", text).strip(" ,;:")
    names = [n for n in re.split(r"\s*(?:,|;|&|\band\b)\s*", text) if n]
    if not names or not all(_is_name(name) for name in names):
        return None
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and all(
        (word[0].isupper() or (i and word in _NAME_PARTICLES))
        and not any(ch.isdigit() for ch in word)
        for i, word in enumerate(words)
    )


def _page_byline(html: str) -> str | None:
    """The page's byline read as written (trafilatura's author drops initials' periods and
    takes "Published" for a second author)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    candidates = tree.xpath(
        "//meta[@name='author' or @name='byl' or @property='article:author']/@content"
        " | //*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
        " or contains(@class, 'author')]"
    )
    for candidate in candidates:
        text = candidate if isinstance(candidate, str) else candidate.text_content()
        author = parse_byline(text)
        if author:
            return author
    return None


def _parse_date(value: object, path: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(path, f"date '{value}' is not YYYY-MM-DD") from None


def _unique_id(stem: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "article"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate

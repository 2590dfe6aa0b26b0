"""Which files an input names: a file as given, a folder's article files searched
recursively. A folder is read for what is in it: links are followed only to files inside it,
and what cannot be read (a FIFO, a device, an unreadable entry, a loop of links) is skipped
with a reason. A system folder is never searched.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from digest.brief.write import system_folder
from digest.models import Skipped

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAIL_SUFFIXES = {".eml"}
WORD_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | MAIL_SUFFIXES | WORD_SUFFIXES


def input_files(inputs: Iterable[str | Path], skipped: list[Skipped]) -> list[Path]:
    """Files to read: named files as given, folders searched recursively, in name order."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            if system_folder(path):
                skipped.append(
                    Skipped(str(path), "is a system folder, not a folder of articles; not read")
                )
                continue
            found = _folder_files(path, skipped)
            if not found:
                skipped.append(Skipped(str(path), "folder holds no article file"))
            paths.extend(found)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                paths.append(path)
            else:
                skipped.append(
                    Skipped(
                        str(path),
                        f"'{path.suffix or path.name}' is not a supported article type "
                        "(.txt, .md, .html, .eml, .docx)",
                    )
                )
        elif os.path.lexists(path):
            skipped.append(Skipped(str(path), _not_regular(path)))
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return list(dict.fromkeys(paths))


def _folder_files(root: Path, skipped: list[Skipped]) -> list[Path]:
    """The article files in `root` and its sub-folders (not hidden ones). Links are followed
    only to files inside `root`: a link out of a drop folder must not bring in a file the user
    never meant to give. What cannot be read is skipped with a warning."""
    inside = root.resolve()
    found = []

    def unreadable(error: OSError) -> None:
        skipped.append(Skipped(error.filename, f"cannot read it ({error.strerror})"))

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if (
                name.startswith(".")
                or name.lower() == "readme.md"
                or path.suffix.lower() not in SUPPORTED
            ):
                continue
            problem = _why_not_read(path, inside)
            if problem:
                skipped.append(Skipped(str(path), problem))
            else:
                found.append(path)
    return sorted(found)  # in path order, as before: sub-folders' files among the others


def _why_not_read(path: Path, root: Path) -> str:
    """Why the folder entry `path` is not an article file of `root`, or "" if it is one."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(root):
                return f"a link to {target}, outside the folder; not followed"
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"
    except RuntimeError:  # a loop of links
        return "a link that leads round in a loop; not followed"
    return "" if stat.S_ISREG(mode) else _not_regular(path)


def _not_regular(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
    return f"not a regular file ({kind}); give an article file"

"""Write stage: put a brief's files on disk so that a reader never sees a half-written or
mixed brief, and never remove anything digest did not make.

All files of one build go into a fresh folder under `<out>/.builds/` (each written, flushed
and fsynced there; a marker file beside it says digest made it); then `<out>/<date>` is switched
to that folder in one atomic rename of a symbolic link. Until that rename, `<out>/<date>` is
the previous complete brief; after it, the new one. A build that fails or is killed leaves at
most an unused folder in `.builds/`, which the next build of that date removes. Only marked
folders in `.builds/` are ever removed: a real folder, a file or a link to elsewhere at
`<out>/<date>` is an error that names it. A lock per date makes a second build of the same
date wait for the first; builds of other dates go on side by side."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import secrets
import shutil
from pathlib import Path

from digest.brief.locks import exclusive_lock
from digest.config import Config
from digest.errors import ConfigError, OutputError

BUILDS_DIR = ".builds"
BUILD_MARKER = ".digest-build"
"""Suffix of the file beside every build folder digest makes (`.builds/.<folder>.digest-build`):
only such folders are ever removed."""
KEPT_FOLDERS = ("outbox",)
LOCK_TIMEOUT = 120.0
"""Seconds a build waits for another build of the same date to finish writing."""

SYSTEM_FOLDERS = frozenset(
    ("/", "/home", "/media", "/mnt", "/opt", "/root", "/run", "/srv", "/tmp", "/var", "/var/lib")
)
"""Folders that hold other folders for everyone: never digest's own output or drop folder."""
SYSTEM_TREES = (
    *("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys"),
    "/usr",
)
"""Trees the system manages: nothing of digest's belongs anywhere inside them."""
BRIEFS_MARKER = ".digest-briefs"
"""Marks a briefs folder made for digest before its first build: the repository's briefs/
holds one, so a fresh checkout builds into it."""
MADE_BY_DIGEST = (".builds", "digest.sqlite", ".scheduler.lock", ".send.lock", BRIEFS_MARKER)
"""Names digest puts first into a briefs folder (builds, database, scheduler's and sender's
locks) or that marks one: a folder holding one of them is digest's."""


def system_folder(path: Path) -> bool:
    """Whether `path` (links followed) is the root, a system folder or the home folder."""
    real = os.path.realpath(path)
    return (
        real in SYSTEM_FOLDERS
        or real == os.path.realpath(Path.home())
        or any(real == tree or real.startswith(tree + "/") for tree in SYSTEM_TREES)
    )


def output_folder(config: Config) -> Path:
    """The briefs folder, refused when digest's files (.builds/, lock files, digest.sqlite)
    would land among others': a system folder, or a non-empty folder digest did not make."""
    folder = config.resolve(config.output.dir)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(
            f"output.dir {folder} is a file, not a folder; name a folder for the briefs"
        )
    if config.output.force_dir:
        return folder
    confirm = "confirm with --force-output-dir if you really mean it"
    if system_folder(folder):
        raise ConfigError(
            f"output.dir {folder} is a system folder; choose a folder of its own for the "
            f"briefs, or {confirm}"
        )
    try:
        foreign = (
            folder.is_dir()
            and not any((folder / name).exists() for name in MADE_BY_DIGEST)
            and any(folder.iterdir())
        )
    except OSError as exc:
        raise ConfigError(f"output.dir {folder}: cannot be read ({exc.strerror})") from None
    if foreign:
        raise ConfigError(
            f"output.dir {folder} already holds files and is not a briefs folder digest made; "
            f"choose an empty or new folder, or {confirm}"
        )
    return folder


def write_brief(
    files: dict[str, bytes], out_dir: Path, date: dt.date, lock_timeout: float = LOCK_TIMEOUT
) -> Path:
    """Write `files` ({name: content}) as the brief of `date`; return its folder."""
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise OutputError(f"refusing to write '{name}': output names must be plain file names")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        builds = out_dir / BUILDS_DIR
        builds.mkdir(exist_ok=True)
        with date_lock(out_dir, date, lock_timeout):
            target = out_dir / date.isoformat()
            _previous_build(target, builds)  # someone else's folder or link: stop here
            _remove_stale_builds(builds, target)
            build = _new_build_folder(builds, date)
            try:
                for name, content in files.items():
                    _write_synced(build / name, content)
                _carry_over(target, build)
                _fsync_dir(build)
                previous = _switch(target, build, builds)
            except BaseException:
                _carry_over(build, target)  # the outbox goes back where it was
                _remove_build(build)
                raise
            if previous is not None:
                _remove_build(previous)
            return target
    except OSError as exc:
        raise OutputError(_explain(exc, out_dir)) from None


def date_lock(out_dir: Path, date: dt.date, timeout: float = LOCK_TIMEOUT):
    """The lock of one date's brief: held while it is switched, and while the e-mail reads
    it. Another date's build goes on in parallel; the same date's waits up to `timeout`."""
    return exclusive_lock(
        out_dir / BUILDS_DIR / f".{date.isoformat()}.lock",
        OutputError,
        f"{out_dir / date.isoformat()}: another digest build of this date has been writing "
        f"for {timeout:g} s; try again when it has finished",
        timeout,
    )


def existing_formats(out_dir: Path, date: dt.date) -> list[str]:
    """The formats the brief of `date` already has on disk: a rebuild writes them again
    (fresh), so asking for one format adds it and never takes the others away."""
    folder = out_dir / date.isoformat()
    return sorted(p.suffix[1:] for p in folder.glob("brief.*") if p.is_file())


def write_atomically(path: Path, content: bytes) -> None:
    """Replace one file whole: written and synced beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    _write_synced(temporary, content)
    os.replace(temporary, path)
    _fsync_dir(path.parent)


def _write_synced(path: Path, content: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _carry_over(source: Path, destination: Path) -> None:
    """Folders that belong to the date, not to one build (the e-mail outbox), move along."""
    for name in KEPT_FOLDERS:
        if (source / name).is_dir() and destination.is_dir() and not (destination / name).exists():
            (source / name).rename(destination / name)


def _new_build_folder(builds: Path, date: dt.date) -> Path:
    """A fresh folder with the process umask (others may read the brief if they may read
    the rest), marked as digest's own before it exists."""
    while True:
        folder = builds / f"{date.isoformat()}-{secrets.token_hex(4)}"
        try:
            _write_synced(_marker(folder), b"The build folder beside is digest's.\n")
        except FileExistsError:
            continue
        try:
            folder.mkdir()
        except FileExistsError:  # not ours after all: unmark it and draw another name
            _marker(folder).unlink()
            continue
        return folder


def _marker(folder: Path) -> Path:
    """The file beside a build folder that says digest made it (beside, not inside: the
    brief's folder holds only the brief)."""
    return folder.with_name(f".{folder.name}{BUILD_MARKER}")


def _is_build(folder: Path, builds: Path) -> bool:
    """Whether digest made `folder`: a real folder right in `.builds/`, with its marker."""
    return (
        folder.parent.resolve() == builds.resolve()
        and folder.is_dir()
        and not folder.is_symlink()
        and _marker(folder).is_file()
    )


def _previous_build(target: Path, builds: Path) -> Path | None:
    """The build folder `target` links to if digest made it (None if there is none yet).
    Anything else at `target` is the user's: an error that names it, and nothing is touched."""
    if not target.is_symlink():
        if not os.path.lexists(target):
            return None
        kind = "folder" if target.is_dir() else "file"
        raise OutputError(
            f"{target}: a {kind} that digest did not make is where the brief goes; "
            "move or rename it, or choose another output folder (nothing was changed)"
        )
    destination = Path(os.path.realpath(target))
    if destination.parent != builds.resolve():
        raise OutputError(
            f"{target}: a link to {os.readlink(target)}, which is not a brief digest made; "
            "remove the link or choose another output folder (nothing was changed)"
        )
    return destination if _is_build(destination, builds) else None


def _switch(target: Path, build: Path, builds: Path) -> Path | None:
    """Point `target` at `build` atomically; return digest's build folder it pointed at."""
    previous = _previous_build(target, builds)
    link = target.parent / f".{target.name}.switch"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(build, target.parent), link)
    os.replace(link, target)
    _fsync_dir(target.parent)
    return previous if previous != build.resolve() else None


def _remove_stale_builds(builds: Path, target: Path) -> None:
    """Digest's folders of earlier builds of this date that never became current (killed
    runs), and markers left without their folder. Only marked folders: nothing the user put
    in `.builds/` is removed."""
    current = Path(os.path.realpath(target)) if target.is_symlink() else None
    for folder in builds.glob(f"{target.name}-*"):
        if folder.resolve() != current and _is_build(folder, builds):
            _remove_build(folder)
    for marker in builds.glob(f".{target.name}-*{BUILD_MARKER}"):
        folder = builds / marker.name[1 : -len(BUILD_MARKER)]
        if not os.path.lexists(folder):
            marker.unlink(missing_ok=True)


def _remove_build(folder: Path) -> None:
    """Remove one of digest's build folders, then its marker: a removal cut short by a kill
    leaves a folder that is still marked, so the next build finishes the job."""
    shutil.rmtree(folder, ignore_errors=True)
    if not os.path.lexists(folder):
        _marker(folder).unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _explain(exc: OSError, out_dir: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return (
            f"{out_dir}: no space left on the disk; the previous brief is kept. "
            "Free some space and run again"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{out_dir}: not allowed to write here; choose another folder with --out-dir"
    return f"{out_dir}: cannot write the brief ({exc.strerror or exc}); the previous brief is kept"

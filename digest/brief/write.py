"""Write stage: put a brief's files on disk so that a reader never sees a half-written or
mixed brief.

All files of one build go into a fresh folder under `<out>/.builds/` (each written, flushed
and fsynced there); then `<out>/<date>` is switched to that folder in one atomic rename of a
symbolic link. Until that rename, `<out>/<date>` is the previous complete brief; after it,
the new one. A build that fails or is killed leaves at most an unused folder in `.builds/`,
which the next build of that date removes. A lock file stops two builds of one output
folder from interleaving.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import tempfile
from pathlib import Path

from digest.brief.locks import exclusive_lock
from digest.errors import OutputError

BUILDS_DIR = ".builds"
LOCK_FILE = ".lock"
KEPT_FOLDERS = ("outbox",)


def write_brief(files: dict[str, bytes], out_dir: Path, date: dt.date) -> Path:
    """Write `files` ({name: content}) as the brief of `date`; return its folder."""
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise OutputError(f"refusing to write '{name}': output names must be plain file names")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        builds = out_dir / BUILDS_DIR
        builds.mkdir(exist_ok=True)
        with exclusive_lock(
            out_dir / LOCK_FILE,
            OutputError,
            f"{out_dir}: another digest build is writing here; wait for it to finish",
        ):
            _remove_stale_builds(builds, out_dir, date)
            build = Path(tempfile.mkdtemp(prefix=f"{date.isoformat()}-", dir=builds))
            target = out_dir / date.isoformat()
            try:
                for name, content in files.items():
                    _write_synced(build / name, content)
                _carry_over(target, build)
                _fsync_dir(build)
                previous = _switch(target, build)
            except BaseException:
                _carry_over(build, target)  # the outbox goes back where it was
                shutil.rmtree(build, ignore_errors=True)
                raise
            if previous is not None:
                shutil.rmtree(previous, ignore_errors=True)
            return target
    except OSError as exc:
        raise OutputError(_explain(exc, out_dir)) from None


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


def _switch(target: Path, build: Path) -> Path | None:
    """Point `target` at `build` atomically; return the build folder it pointed at before."""
    previous = None
    if target.is_symlink():
        previous = (target.parent / os.readlink(target)).resolve()
    elif target.is_dir():
        # a real folder left by hand or by an older digest: keep it as a previous build
        previous = target.parent / BUILDS_DIR / f"{target.name}-replaced"
        shutil.rmtree(previous, ignore_errors=True)
        target.rename(previous)
    link = target.parent / f".{target.name}.switch"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(build, target.parent), link)
    os.replace(link, target)
    _fsync_dir(target.parent)
    return previous if previous != build.resolve() else None


def _remove_stale_builds(builds: Path, out_dir: Path, date: dt.date) -> None:
    """Folders of earlier builds of this date that never became current (killed runs)."""
    target = out_dir / date.isoformat()
    current = (out_dir / os.readlink(target)).resolve() if target.is_symlink() else None
    for folder in builds.glob(f"{date.isoformat()}-*"):
        if folder.resolve() != current:
            shutil.rmtree(folder, ignore_errors=True)


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

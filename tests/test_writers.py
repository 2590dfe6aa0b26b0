import datetime as dt
import os

import pytest

from digest.brief.write import write_brief
from digest.errors import OutputError

DAY = dt.date(2025, 5, 20)


def test_brief_is_written_and_replaced_whole(tmp_path):
    folder = write_brief({"brief.txt": b"one", "brief.json": b"{}"}, tmp_path, DAY)
    assert folder == tmp_path / "2025-05-20"
    assert (folder / "brief.txt").read_bytes() == b"one"
    write_brief({"brief.txt": b"two"}, tmp_path, DAY)
    assert sorted(p.name for p in folder.iterdir()) == ["brief.txt"]
    assert (folder / "brief.txt").read_bytes() == b"two"
    # only the current build is kept
    assert len(list((tmp_path / ".builds").iterdir())) == 1


def test_failed_write_keeps_the_previous_brief(tmp_path):
    write_brief({"brief.txt": b"old"}, tmp_path, DAY)
    with pytest.raises(OutputError):
        write_brief({"brief.txt": b"new", "../escape.txt": b"x"}, tmp_path, DAY)
    assert (tmp_path / "2025-05-20" / "brief.txt").read_bytes() == b"old"
    assert not (tmp_path / "escape.txt").exists()


def test_unwritable_folder_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        target = tmp_path / "file-not-folder"
        target.write_text("x")
        with pytest.raises(OutputError, match="cannot write|not allowed"):
            write_brief({"brief.txt": b"x"}, target, DAY)
        return
    tmp_path.chmod(0o500)
    with pytest.raises(OutputError, match="not allowed"):
        write_brief({"brief.txt": b"x"}, tmp_path / "out", DAY)


def test_existing_real_folder_is_replaced(tmp_path):
    (tmp_path / "2025-05-20").mkdir()
    (tmp_path / "2025-05-20" / "old.txt").write_text("by hand")
    write_brief({"brief.txt": b"new"}, tmp_path, DAY)
    assert [p.name for p in (tmp_path / "2025-05-20").iterdir()] == ["brief.txt"]


def _build_process(out_dir, limit_bytes=None):
    """`digest build` on the seeds as a separate process, optionally with a file-size limit
    (a stand-in for a full disk: writes past it fail with EFBIG)."""
    import resource
    import signal
    import subprocess
    import sys

    from .conftest import ROOT

    def limit():
        if limit_bytes:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "digest",
            "build",
            "--out-dir",
            str(out_dir),
            "--date",
            "2025-05-20",
            "-q",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit,
    )


def _assert_complete_brief(folder):
    import json

    import docx

    names = sorted(p.name for p in folder.iterdir())
    assert names == ["brief.docx", "brief.html", "brief.json", "brief.txt"]
    built_at = json.loads((folder / "brief.json").read_text())["built_at"]
    assert built_at[11:16] in (folder / "brief.txt").read_text()  # same build for all files
    docx.Document(folder / "brief.docx")


def test_full_disk_gives_a_clear_error_and_keeps_the_previous_brief(tmp_path):
    first = _build_process(tmp_path)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    before = (tmp_path / "2025-05-20" / "brief.json").read_bytes()
    failing = _build_process(tmp_path, limit_bytes=16_000)
    assert failing.wait(timeout=300) == 4
    error = failing.stderr.read()
    assert error.count("\n") == 1 and "cannot write the brief" in error
    assert (tmp_path / "2025-05-20" / "brief.json").read_bytes() == before
    _assert_complete_brief(tmp_path / "2025-05-20")


def test_killed_builds_leave_the_previous_or_the_new_brief_never_a_mix(tmp_path):
    import random
    import time

    first = _build_process(tmp_path)
    assert first.wait(timeout=300) == 0
    rng = random.Random(7)
    for _ in range(20):
        process = _build_process(tmp_path)
        time.sleep(rng.uniform(0.3, 4.5))
        process.kill()
        process.wait()
        _assert_complete_brief(tmp_path / "2025-05-20")
    finished = _build_process(tmp_path)
    assert finished.wait(timeout=300) == 0
    assert len(list((tmp_path / ".builds").iterdir())) == 1  # killed builds cleaned up


def test_outbox_survives_a_rebuild_and_a_failed_one(tmp_path):
    folder = write_brief({"brief.txt": b"one"}, tmp_path, DAY)
    (folder / "outbox").mkdir()
    (folder / "outbox" / "brief-2025-05-20.eml").write_bytes(b"message")
    write_brief({"brief.txt": b"two"}, tmp_path, DAY)
    assert (folder / "outbox" / "brief-2025-05-20.eml").read_bytes() == b"message"
    with pytest.raises(OutputError):
        write_brief({"brief.txt": b"three", "../escape": b"x"}, tmp_path, DAY)
    assert (folder / "outbox" / "brief-2025-05-20.eml").read_bytes() == b"message"

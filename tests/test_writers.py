import datetime as dt
import os

import pytest

from digest.brief.write import output_folder, write_brief
from digest.config import parse_config, with_overrides
from digest.errors import ConfigError, OutputError

DAY = dt.date(2025, 5, 20)


def test_brief_is_written_and_replaced_whole(tmp_path):
    folder = write_brief({"brief.txt": b"one", "brief.json": b"{}"}, tmp_path, DAY)
    assert folder == tmp_path / "2025-05-20"
    assert (folder / "brief.txt").read_bytes() == b"one"
    write_brief({"brief.txt": b"two"}, tmp_path, DAY)
    assert _visible(folder) == ["brief.txt"]
    assert (folder / "brief.txt").read_bytes() == b"two"
    # only the current build is kept
    assert len(_visible(tmp_path / ".builds")) == 1


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


def _visible(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_real_folder_at_the_date_is_an_error_and_kept(tmp_path):
    # issue 14 item 2: minutes.txt in docs/2025-05-20 was deleted without a word
    (tmp_path / "2025-05-20").mkdir()
    (tmp_path / "2025-05-20" / "minutes.txt").write_text("by hand")
    with pytest.raises(OutputError, match=r"2025-05-20: a folder that digest did not make"):
        write_brief({"brief.txt": b"new"}, tmp_path, DAY)
    assert _visible(tmp_path / "2025-05-20") == ["minutes.txt"]
    assert not _visible(tmp_path / ".builds")


def test_a_link_at_the_date_to_elsewhere_is_an_error_and_its_target_kept(tmp_path):
    # issue 14 item 1: the link's target (a photo folder) was removed as "the previous build"
    precious = tmp_path / "precious"
    (precious / "photos").mkdir(parents=True)
    (precious / "photos" / "a.jpg").write_bytes(b"x")
    out = tmp_path / "briefs"
    out.mkdir()
    (out / "2025-05-20").symlink_to("../precious")
    with pytest.raises(OutputError, match=r"a link to \.\./precious, which is not a brief"):
        write_brief({"brief.txt": b"new"}, out, DAY)
    assert (precious / "photos" / "a.jpg").read_bytes() == b"x"
    assert os.readlink(out / "2025-05-20") == "../precious"


def test_a_link_into_builds_to_an_unmarked_folder_is_switched_but_not_removed(tmp_path):
    # a folder in .builds/ without digest's marker is not ours to delete
    (tmp_path / ".builds" / "2025-05-20-mine").mkdir(parents=True)
    (tmp_path / ".builds" / "2025-05-20-mine" / "notes.txt").write_text("mine")
    (tmp_path / "2025-05-20").symlink_to(".builds/2025-05-20-mine")
    folder = write_brief({"brief.txt": b"new"}, tmp_path, DAY)
    assert (folder / "brief.txt").read_bytes() == b"new"
    assert (tmp_path / ".builds" / "2025-05-20-mine" / "notes.txt").read_text() == "mine"
    write_brief({"brief.txt": b"newer"}, tmp_path, DAY)  # stale-build cleanup spares it too
    assert (tmp_path / ".builds" / "2025-05-20-mine" / "notes.txt").read_text() == "mine"


def test_a_build_killed_before_making_its_folder_leaves_nothing_behind(tmp_path):
    # killed between writing its marker and making the folder: the marker alone is removed
    write_brief({"brief.txt": b"one"}, tmp_path, DAY)
    marker = tmp_path / ".builds" / ".2025-05-20-0123abcd.digest-build"
    marker.write_text("")
    write_brief({"brief.txt": b"two"}, tmp_path, DAY)
    assert not marker.exists()
    markers = list((tmp_path / ".builds").glob(".2025-05-20-*.digest-build"))
    assert [m.name for m in markers] == [f".{_visible(tmp_path / '.builds')[0]}.digest-build"]


def test_build_folders_get_the_process_umask(tmp_path):
    old = os.umask(0o022)
    try:
        folder = write_brief({"brief.txt": b"x"}, tmp_path, DAY)
    finally:
        os.umask(old)
    assert (folder.resolve().stat().st_mode & 0o777) == 0o755


def test_a_second_build_of_the_same_date_waits_for_the_first(tmp_path):
    # issue 14 item 17: overlapping builds failed at once with "another digest build"
    import threading
    import time

    from digest.brief.write import date_lock

    (tmp_path / ".builds").mkdir()
    with date_lock(tmp_path, dt.date(2025, 5, 21)):  # another date's build is writing
        write_brief({"brief.txt": b"other date"}, tmp_path, DAY, lock_timeout=0)
    with date_lock(tmp_path, DAY):
        started = time.monotonic()
        with pytest.raises(OutputError, match="another digest build of this date"):
            write_brief({"brief.txt": b"blocked"}, tmp_path, DAY, lock_timeout=0.3)
        assert time.monotonic() - started >= 0.3
        waiting = threading.Thread(
            target=lambda: write_brief({"brief.txt": b"waited"}, tmp_path, DAY, lock_timeout=30)
        )
        waiting.start()
        time.sleep(0.5)
        assert waiting.is_alive()  # waiting, not failed
    waiting.join(timeout=30)
    assert (tmp_path / "2025-05-20" / "brief.txt").read_bytes() == b"waited"


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

    names = _visible(folder)
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
    assert len(_visible(tmp_path / ".builds")) == 1  # killed builds cleaned up


def test_outbox_survives_a_rebuild_and_a_failed_one(tmp_path):
    folder = write_brief({"brief.txt": b"one"}, tmp_path, DAY)
    (folder / "outbox").mkdir()
    (folder / "outbox" / "brief-2025-05-20.eml").write_bytes(b"message")
    write_brief({"brief.txt": b"two"}, tmp_path, DAY)
    assert (folder / "outbox" / "brief-2025-05-20.eml").read_bytes() == b"message"
    with pytest.raises(OutputError):
        write_brief({"brief.txt": b"three", "../escape": b"x"}, tmp_path, DAY)
    assert (folder / "outbox" / "brief-2025-05-20.eml").read_bytes() == b"message"


@pytest.mark.parametrize("folder", ["/", "/etc", "/usr/share/briefs", "/var", "~"])
def test_system_folder_is_refused_as_output_dir_unless_confirmed(folder, tmp_path):
    # issue 14 item 4: output.dir = "/etc" got .lock, .builds/ and digest.sqlite
    config = parse_config({"output": {"dir": folder}})
    with pytest.raises(ConfigError, match="is a system folder.*--force-output-dir"):
        output_folder(config)
    forced = with_overrides(config, force_output_dir=True)
    assert output_folder(forced) == forced.resolve(folder)


def test_non_empty_folder_digest_did_not_make_is_refused_as_output_dir(tmp_path):
    config = parse_config({"output": {"dir": str(tmp_path / "docs")}})
    assert output_folder(config) == tmp_path / "docs"  # a new folder
    (tmp_path / "docs").mkdir()
    assert output_folder(config) == tmp_path / "docs"  # an empty one
    (tmp_path / "docs" / "minutes.txt").write_text("the user's")
    with pytest.raises(ConfigError, match="already holds files and is not a briefs folder"):
        output_folder(config)
    write_brief({"brief.txt": b"x"}, tmp_path / "briefs", DAY)
    (tmp_path / "briefs" / "notes.txt").write_text("the user's, beside digest's briefs")
    briefs = parse_config({"output": {"dir": str(tmp_path / "briefs")}})
    assert output_folder(briefs) == tmp_path / "briefs"  # digest made it


def test_a_file_as_output_dir_is_refused_naming_it(tmp_path):
    """`--out-dir notes.txt` said "cannot write the brief (File exists); the previous brief
    is kept": there was no brief, and the file is what to change."""
    (tmp_path / "notes.txt").write_text("the user's")
    config = parse_config({"output": {"dir": str(tmp_path / "notes.txt")}})
    for given in (config, with_overrides(config, force_output_dir=True)):
        with pytest.raises(ConfigError, match=r"notes\.txt is a file, not a folder"):
            output_folder(given)
    assert (tmp_path / "notes.txt").read_text() == "the user's"

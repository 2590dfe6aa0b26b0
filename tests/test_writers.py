import datetime as dt
import os

import pytest

from digest.errors import OutputError
from digest.writers import write_brief

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

"""The SQLite file beside the briefs: checked on open, backed up on send (issue 14 item 3)."""

import datetime as dt
import subprocess
import sys

import pytest

from digest.daily.database import backup_path
from digest.daily.ledger import Ledger
from digest.errors import DamagedDatabase

from .conftest import file_contents, read_only, write_config_file

DAY = dt.date(2025, 5, 20)


def _damage(data: bytes, kind: str) -> bytes:
    middle = len(data) // 2
    return {
        "empty": b"",
        "truncated": data[:middle],
        "garbage header": b"garbage!" * 4 + data[32:],
        "garbage middle": data[:middle] + b"\xa5" * 4096 + data[middle + 4096 :],
        "text file": b"recipients: alice, bob\n" * 50,
    }[kind]


@pytest.mark.parametrize(
    "kind", ["empty", "truncated", "garbage header", "garbage middle", "text file"]
)
def test_damaged_file_is_refused_and_the_backup_restores_it(tmp_path, kind):
    path = tmp_path / "digest.sqlite"
    people = [f"reader{i}@example.org" for i in range(300)]  # several pages
    with Ledger(path) as ledger:
        ledger.mark(DAY, people, "sent", "<id@x>", reply="250 accepted")
        ledger.backup()
    path.write_bytes(_damage(path.read_bytes(), kind))
    with pytest.raises(DamagedDatabase) as error:
        Ledger(path)
    message = str(error.value)
    assert "\n" not in message and str(path) in message and "will not use it" in message
    restore = message.partition("Restore the copy made at the last send: ")[2]
    assert restore.startswith("rm -f ")
    subprocess.run(restore, shell=True, check=True)
    with Ledger(path) as ledger:
        assert ledger.pending(DAY, people) == []


def test_damaged_file_without_backup_says_how_to_start_afresh(tmp_path):
    path = tmp_path / "digest.sqlite"
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabase, match=r"is empty \(0 bytes\).*mv .*digest.sqlite.damaged"):
        Ledger(path)
    path.unlink()
    Ledger(path).close()  # a missing file with no backup is simply a new ledger


def test_missing_file_with_a_backup_is_refused(tmp_path):
    path = tmp_path / "digest.sqlite"
    with Ledger(path) as ledger:
        ledger.mark(DAY, ["a@example.org"], "sent")
        ledger.backup()
    path.unlink()
    with pytest.raises(DamagedDatabase, match="is missing, but its backup exists"):
        Ledger(path)
    assert backup_path(path).stat().st_size > 0


def test_emptied_ledger_never_sends_twice(tmp_path, smtp_server):
    # issue 14 item 3: `truncate -s 0 briefs/digest.sqlite` made `digest send` send again
    recorder, port = smtp_server
    config_file = write_config_file(
        tmp_path,
        f'\n[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'from = "brief@example.org"\nto = ["alice@example.org"]\n',
    )

    def digest(*args):
        return subprocess.run(
            [sys.executable, "-m", "digest", *args, "--config", str(config_file)],
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert digest("send", "--date", "2025-05-20").returncode == 0
    database = tmp_path / "briefs" / "digest.sqlite"
    assert backup_path(database).is_file()
    database.write_bytes(b"")
    for command in (("status",), ("send", "--date", "2025-05-20")):
        result = digest(*command)
        assert result.returncode == 6, result.stderr
        assert result.stderr.count("\n") == 1 and "is empty (0 bytes)" in result.stderr
    assert len(recorder.messages) == 1


def test_a_ledger_in_a_folder_that_cannot_be_written_is_not_called_damaged(tmp_path):
    """A read-only briefs folder made `digest status` say the ledger was damaged and print
    how to copy the backup over it: the file is sound, the folder is what to change."""
    path = tmp_path / "briefs" / "digest.sqlite"
    with Ledger(path) as ledger:
        ledger.mark(DAY, ["a@example.org"], "sent")
        ledger.backup()
    before = file_contents(path.parent)
    opening = (
        "import sys; from pathlib import Path; from digest.daily.ledger import Ledger\n"
        "try:\n    Ledger(Path(sys.argv[1])).close()\n"
        "except Exception as exc:\n    sys.exit(f'{type(exc).__name__}: {exc}')"
    )
    result = subprocess.run(
        [*read_only(path.parent), sys.executable, "-c", opening, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Damaged" not in result.stderr and "Restore" not in result.stderr
    assert result.returncode == 0 or result.stderr.startswith(
        f"DigestError: {path}: cannot open the delivery ledger"
    ), result.stderr
    assert file_contents(path.parent) == before

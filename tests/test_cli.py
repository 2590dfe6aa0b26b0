"""The command line as a user meets it, run as a real process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def digest(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digest", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_build_with_no_arguments_builds_the_seeds(tmp_path):
    result = digest("build", "--out-dir", str(tmp_path), "--date", "2025-05-20")
    assert result.returncode == 0, result.stderr
    assert "Read 5 articles from 5 outlets (0 skipped)" in result.stdout
    for name in ("brief.docx", "brief.html", "brief.txt", "brief.json"):
        assert (tmp_path / "2025-05-20" / name).is_file()
        assert str(tmp_path / "2025-05-20" / name) in result.stdout
    assert "Reading" in result.stderr  # progress goes to stderr


def test_build_offline_with_formats_and_method(tmp_path):
    result = subprocess.run(
        [
            "unshare",
            "-n",
            sys.executable,
            "-m",
            "digest",
            "build",
            "--out-dir",
            str(tmp_path),
            "--format",
            "txt,json",
            "--method",
            "text-rank",
            "--words",
            "200",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "unshare failed" in result.stderr or "Operation not permitted" in result.stderr:
        pytest.skip("cannot drop the network here")
    assert result.returncode == 0, result.stderr
    folder = next(tmp_path.glob("20*"))
    written = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert written == ["brief.json", "brief.txt"]
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["build", "nowhere/"], 3, "nowhere: no such file or folder"),
        (["build", "--method", "magic"], 2, "invalid choice: 'magic'"),
        (["build", "--date", "20-05-2025"], 2, "'20-05-2025' is not a date like 2025-05-20"),
        (["build", "--format", "rtf"], 2, "unknown format 'rtf'"),
        (["build", "--config", "missing.toml"], 2, "missing.toml: config file not found"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(tmp_path, args, code, message):
    result = digest(*args, "--out-dir", str(tmp_path))
    assert result.returncode == code
    assert message in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(error_lines) == 1 and "Traceback" not in result.stderr


def test_broken_config_names_file_and_line(tmp_path):
    (tmp_path / "digest.toml").write_text("[brief\ntitle = 1\n")
    result = digest("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "digest.toml: not valid TOML" in result.stderr and "line 1" in result.stderr


def test_skipped_files_are_warned_about(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_bytes((ROOT / "seeds" / "ana-mpa.txt").read_bytes())
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    result = digest("build", str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"), "-q")
    assert result.returncode == 0, result.stderr
    assert "warning: skipped" in result.stderr and "bad.txt: is a PNG image" in result.stderr


@pytest.mark.parametrize("command", [[], ["build"]])
def test_help_is_complete(command):
    result = digest(*command, "--help")
    assert result.returncode == 0
    for word in ("usage:", "exit codes", "--config" if command else "build"):
        assert word in result.stdout
    if command:
        for option in ("--date", "--out-dir", "--format", "--method", "--sentences", "--words"):
            assert option in result.stdout


def test_send_dry_run_in_a_fresh_checkout_writes_an_eml(tmp_path):
    import email
    import email.policy

    config = tmp_path / "digest.toml"
    config.write_text(
        (ROOT / "digest.toml")
        .read_text()
        .replace('paths = ["seeds"]', f'paths = ["{ROOT / "seeds"}"]')
    )
    result = digest("send", "--dry-run", "--date", "2025-05-20", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    eml = tmp_path / "briefs" / "2025-05-20" / "outbox" / "brief-2025-05-20.eml"
    assert f"Dry run: nothing sent; the message is in {eml}" in result.stdout
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert [p.get_content_type() for p in message.iter_parts()] == [
        "multipart/alternative",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    status = digest("status", cwd=tmp_path)
    assert status.returncode == 0 and "No deliveries yet." in status.stdout


def test_send_without_host_records_the_outbox_and_status_lists_it(tmp_path):
    config = tmp_path / "digest.toml"
    config.write_text(
        (ROOT / "digest.toml")
        .read_text()
        .replace('paths = ["seeds"]', f'paths = ["{ROOT / "seeds"}"]')
    )
    assert digest("send", "--date", "2025-05-20", cwd=tmp_path).returncode == 0
    status = digest("status", cwd=tmp_path)
    assert "2025-05-20  (outbox)" in status.stdout and "outbox" in status.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["send", "--to", "a@b.org\r\nBcc: x@y.org"], "is not an address"),
        (["resend"], "the following arguments are required: --date"),
    ],
)
def test_delivery_arguments_are_checked(tmp_path, args, message):
    result = digest(*args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr


@pytest.mark.parametrize("command", ["send", "resend", "status", "schedule", "fetch", "eval"])
def test_every_command_has_help(command):
    result = digest(command, "--help")
    assert result.returncode == 0 and "exit codes" in result.stdout and "usage:" in result.stdout


def test_home_or_a_folder_of_other_files_as_output_needs_confirming(tmp_path):
    # issue 14 item 4: the home folder, /etc or / were accepted as output.dir
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    result = digest("build", "--out-dir", str(home), "-q", env={"HOME": str(home)})
    assert result.returncode == 2 and "is a system folder" in result.stderr
    assert sorted(p.name for p in home.iterdir()) == ["Documents"]
    docs = home / "Documents"
    (docs / "minutes.txt").write_text("the user's")
    refused = digest("build", "--out-dir", str(docs), "-q")
    assert refused.returncode == 2 and "--force-output-dir" in refused.stderr
    assert sorted(p.name for p in docs.iterdir()) == ["minutes.txt"]
    forced = digest("build", "--out-dir", str(docs), "--force-output-dir", "-q")
    assert forced.returncode == 0, forced.stderr
    assert (docs / "minutes.txt").read_text() == "the user's"

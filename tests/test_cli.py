"""The command line as a user meets it, run as a real process."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, file_contents, read_only, write_config_file


def digest(
    *args: str, cwd: Path = ROOT, env: dict | None = None, wrap: list[str] | tuple = ()
) -> subprocess.CompletedProcess:
    """digest run as a process (under the command prefix `wrap`, if any)."""
    return subprocess.run(
        [*wrap, sys.executable, "-m", "digest", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},  # this checkout's digest
    )


def test_build_with_no_arguments_builds_the_seeds(tmp_path):
    result = digest("build", "--out-dir", str(tmp_path), "--date", "2025-05-20")
    assert result.returncode == 0, result.stderr
    assert "Read 5 articles from 5 outlets (0 skipped)" in result.stdout
    for name in ("brief.docx", "brief.html", "brief.txt", "brief.json"):
        assert (tmp_path / "2025-05-20" / name).is_file()
        assert str(tmp_path / "2025-05-20" / name) in result.stdout
    assert "Reading" in result.stderr  # progress goes to stderr


def test_the_readme_s_first_command_builds_into_a_fresh_checkout_s_briefs_folder(tmp_path):
    """`digest build` with nothing else, in a checkout of the repository as git gives it: the
    tracked briefs/ (its README.md) is digest's folder, not one to refuse."""
    import shutil

    git = shutil.which("git")
    listed = subprocess.run(
        [git or "git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if not git or listed.returncode != 0:
        pytest.skip("needs git and this checkout's history")
    checkout = tmp_path / "checkout"
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, checkout / name)
    assert sorted(p.name for p in (checkout / "briefs").iterdir()) == [
        ".digest-briefs",
        "README.md",
    ]
    result = digest("build", "--date", "2025-05-20", cwd=checkout)
    assert result.returncode == 0, result.stderr
    assert (checkout / "briefs" / "2025-05-20" / "brief.docx").is_file()
    assert (checkout / "briefs" / "README.md").is_file()


def test_build_timings_prints_each_stage(tmp_path):
    result = digest("build", "--out-dir", str(tmp_path), "--timings", "-q", "seeds/nytimes.txt")
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[-1]
    assert line.startswith("Timings: read ")
    for stage in ("clean+summarize", "merge", "render", "write", "total"):
        assert f"{stage} " in line and " s" in line


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


def test_words_0_on_the_command_line_means_no_cap_as_in_the_config(tmp_path):
    """brief.words = 0 is "no cap"; --words 0 was refused as 'not a whole number of 1 or
    more'. A negative number still is."""
    capped = digest("build", "--out-dir", str(tmp_path / "a"), "--date", "2025-05-20", "-q")
    free = digest(
        "build", "--out-dir", str(tmp_path / "b"), "--date", "2025-05-20", "-q", "--words", "0"
    )
    assert capped.returncode == 0 and free.returncode == 0, free.stderr
    text = {run: (tmp_path / run / "2025-05-20" / "brief.txt").read_text("utf-8") for run in "ab"}
    assert len(text["b"].split()) > len(text["a"].split())
    refused = digest("build", "--words", "-5", "--out-dir", str(tmp_path / "c"))
    assert refused.returncode == 2 and "not a whole number of 0 or more" in refused.stderr


def test_eval_of_a_folder_that_is_not_there_is_a_bad_argument(tmp_path):
    result = digest("eval", str(tmp_path / "missing"))
    assert result.returncode == 2  # the README's code for bad arguments (it was 1)
    [line] = result.stderr.strip().splitlines()
    assert str(tmp_path / "missing") in line and "docs/ and refs/" in line


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
    shown = eml.relative_to(tmp_path)  # paths under the working folder are shown relative
    assert f"Dry run: nothing sent; the message is in {shown}" in result.stdout
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert [p.get_content_type() for p in message.iter_parts()] == [
        "multipart/alternative",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    assert "Note: no sender is configured (email.from)" in result.stdout
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
        (["send", "--to", "a@b.org\r\nBcc: x@y.org"], "is not an e-mail address"),
        (["resend"], "the following arguments are required: --date"),
    ],
)
def test_delivery_arguments_are_checked(tmp_path, args, message):
    result = digest(*args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr


def test_send_with_the_password_variable_unset_is_a_config_error_and_records_nothing(tmp_path):
    config = write_config_file(
        tmp_path,
        '\n[email]\nhost = "127.0.0.1"\nport = 2525\nsecurity = "none"\nusername = "digest"\n'
        'password_env = "DIGEST_UNSET_TEST_PW"\nfrom = "brief@example.org"\n'
        'to = ["alice@example.org"]\n',
    )
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_UNSET_TEST_PW"}
    result = subprocess.run(
        [sys.executable, "-m", "digest", "send", "--config", str(config), "--date", "2025-05-20"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "digest: error: email.username is set but $DIGEST_UNSET_TEST_PW (email.password_env) "
        "is not set: export the SMTP password in that variable; nothing was sent"
    ]
    status = digest("status", "--config", str(config), cwd=tmp_path)
    assert status.stdout == "No deliveries yet.\n"


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


DAY = "2025-05-20"


def test_build_send_status_fetch_and_schedule_share_one_out_dir(tmp_path):
    """The config says briefs/; every command told --out-dir custom/ uses custom/ alone."""
    config = write_config_file(
        tmp_path, f'\n[[sources]]\nname = "Desk inbox"\nfolder = "{SEEDS}"\n'
    )
    custom = tmp_path / "custom"
    common = ("--config", str(config), "--out-dir", str(custom))
    built = digest("build", str(SEEDS), "--date", DAY, *common, "-q")
    assert built.returncode == 0, built.stderr
    dry = digest("send", "--date", DAY, "--dry-run", *common)
    assert dry.returncode == 0, dry.stderr
    assert "Building" not in dry.stderr  # the brief just built is the one queued
    assert (custom / DAY / "outbox" / f"brief-{DAY}.eml").is_file()
    assert digest("send", "--date", DAY, *common).returncode == 0
    status = digest("status", *common)
    assert status.returncode == 0, status.stderr
    heading, row = status.stdout.splitlines()
    assert heading.split() == [
        "DATE",
        "RECIPIENT",
        "STATE",
        "UPDATED",
        "(UTC)",
        "MESSAGE-ID",
        "REPLY",
    ]
    assert row.startswith(f"{DAY}  (outbox)")
    fetched = digest("fetch", *common)
    assert fetched.returncode == 0, fetched.stderr
    assert "Desk inbox: 5 new, 0 already stored" in fetched.stdout
    scheduled = digest("schedule", "--once", *common)
    assert scheduled.returncode == 0, scheduled.stderr
    assert not (tmp_path / "briefs").exists()
    assert (custom / "digest.sqlite").is_file()


@pytest.mark.parametrize("command", ["send", "resend"])
def test_send_help_names_the_out_dir_not_briefs(command):
    result = digest(command, "--help")
    assert "--out-dir" in result.stdout and "briefs/<date>" not in result.stdout


def test_eval_does_not_take_a_config_and_says_so_in_its_own_usage(tmp_path):
    help_text = digest("eval", "--help").stdout
    assert "--config" not in help_text and "no config is read" in help_text
    result = digest("eval", "--config", "digest.toml", str(tmp_path))
    assert result.returncode == 2
    assert "usage: digest eval" in result.stderr
    assert "digest eval: error: unrecognized arguments: --config" in result.stderr


def test_build_help_gives_the_defaults_a_build_uses():
    """--words said "default: no cap" where a build takes brief.words (600), and --sentences
    "candidate sentences", where every sentence is a candidate."""
    from digest.config import Config

    help_text = " ".join(digest("build", "--help").stdout.split()).replace("- ", "-")
    defaults = Config()
    assert "default: no cap" not in help_text and "candidate sentences" not in help_text
    assert not defaults.brief.one_story
    for key, value in (
        ("brief.words", defaults.brief.words),
        ("summary.sentences", defaults.summary.sentences),
        ("summary.method", defaults.summary.method),
        ("output.formats", ",".join(defaults.output.formats)),
        ("brief.one_story", "false"),
    ):
        assert f"(default: the config's {key}, {value})" in help_text


def test_help_lists_every_exit_code_of_the_readme():
    table = (ROOT / "README.md").read_text().partition("| code | meaning |")[2].split("\n\n")[0]
    codes = re.findall(r"^\| (\d+) \|", table, flags=re.MULTILINE)
    assert len(codes) >= 9
    help_text = " ".join(digest("--help").stdout.split())
    listed = help_text.partition("exit codes: ")[2]
    for code in codes:
        assert re.search(rf"(^|, ){code} ", listed), code


def test_build_help_lists_every_input_type():
    help_text = " ".join(digest("build", "--help").stdout.split())
    assert "(.txt, .md, .html, .eml, .docx)" in help_text


def test_counts_agree_with_their_nouns(tmp_path):
    result = digest("build", str(SEEDS / "nytimes.txt"), "--out-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Read 1 article from 1 outlet (0 skipped)" in result.stdout
    assert "Cleaning and summarizing 1 article " in result.stderr
    for wrong in ("articles", "outlets", "sections", "points", "sentences"):
        assert not re.search(rf"(?<![/\d])1 {wrong}", result.stdout + result.stderr), wrong


def test_a_folder_of_only_bad_files_exits_3_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (bad / "script.html").write_text("<html><body><script>go()</script>Hi.</body></html>")
    result = digest("build", str(bad), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 3
    assert "digest: error: no usable article" in result.stderr
    assert not (tmp_path / "out" / "2025-05-20").exists()
    assert not any(p.name.startswith("20") for p in (tmp_path / "out").glob("*"))


def test_fetch_with_a_failed_source_exits_7(tmp_path):
    config = write_config_file(
        tmp_path,
        f'\n[[sources]]\nname = "Desk inbox"\nfolder = "{SEEDS}"\n'
        '\n[[sources]]\nname = "Gone"\nfolder = "no-such-folder"\n',
    )
    result = digest("fetch", "--config", str(config))
    assert result.returncode == 7, result.stderr
    assert "Fetching 2 sources" in result.stderr
    assert "Desk inbox: 5 new" in result.stdout and "Gone: 0 new" in result.stdout
    assert "exit codes" in digest("fetch", "--help").stdout
    assert "7 some sources failed" in " ".join(digest("fetch", "--help").stdout.split())


def test_fetch_without_sources_is_a_config_error_that_says_what_to_add(tmp_path):
    config = write_config_file(tmp_path)
    result = digest("fetch", "--config", str(config))
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"digest: error: no [[sources]] in {config}: add one per feed, page")
    assert '[[sources]] name = "Example News" feed = "https://example.org/rss.xml"' in line
    assert "README's 'Sources: feeds, pages and a drop folder'" in line
    assert "## Sources: feeds, pages and a drop folder" in (ROOT / "README.md").read_text()
    (tmp_path / "elsewhere").mkdir()
    bare = digest("fetch", cwd=tmp_path / "elsewhere")  # no digest.toml: built-in defaults
    assert bare.returncode == 2 and "no [[sources]] in the built-in defaults" in bare.stderr


def test_fetch_of_an_unchanged_feed_says_so(tmp_path):
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    site.mkdir()
    items = ""
    for number, seed in enumerate(("nytimes", "el-pais", "ana-mpa")):
        (site / f"{seed}.txt").write_bytes((SEEDS / f"{seed}.txt").read_bytes())
        items += f"<item><title>Story {number}</title><link>{{base}}/{seed}.txt</link></item>"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"{items.format(base=base)}</channel></rss>"
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = write_config_file(
            tmp_path,
            f'\n[fetch]\nhost_delay = 0\n\n[[sources]]\nname = "Wire"\nfeed = "{base}/feed.xml"\n',
        )
        first = digest("fetch", "--config", str(config))
        assert first.returncode == 0 and "Wire: 3 new, 0 already stored" in first.stdout
        again = digest("fetch", "--config", str(config))
        assert again.returncode == 0, again.stderr
        assert "Wire: unchanged since last fetch" in again.stdout
        assert "Fetching 1 source\n" in again.stderr and "holds 3 articles" in again.stdout
    finally:
        server.shutdown()


def test_rebuilding_a_date_already_emailed_says_so(tmp_path, smtp_server):
    recorder, port = smtp_server
    config = write_config_file(
        tmp_path,
        f'\n[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'from = "Daily Brief <brief@example.org>"\n'
        'to = ["Alice <alice@example.org>", "bob@example.org"]\n',
    )
    sent = digest("send", "--date", DAY, "--config", str(config))
    assert sent.returncode == 0, sent.stderr
    assert len(recorder.messages) == 1
    rebuilt = digest("build", "--date", DAY, "--config", str(config))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert (
        f"Note: the brief of {DAY} was already e-mailed to alice@example.org, bob@example.org"
        in rebuilt.stdout
    )
    assert f"digest resend --date {DAY}" in rebuilt.stdout


def test_to_takes_an_address_with_a_display_name(tmp_path):
    config = write_config_file(tmp_path)
    result = digest(
        "send",
        "--dry-run",
        "--date",
        DAY,
        "--config",
        str(config),
        "--to",
        "Desk <desk@example.org>",
    )
    assert result.returncode == 0, result.stderr
    eml = (tmp_path / "briefs" / DAY / "outbox" / f"brief-{DAY}.eml").read_text()
    assert "To: Desk <desk@example.org>" in eml


def test_the_readme_example_prints_what_the_readme_shows(tmp_path):
    """The README's first build is run as written, in a copy of the repository's layout."""
    import shutil

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## What you get", 1)[1].split("```", 2)[1]
    command, *shown = [line for line in block.strip().splitlines() if line.strip()]
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(ROOT / "digest.toml", tmp_path / "digest.toml")
    assert command.startswith("digest build")
    result = digest(*command.split()[1:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    for line in shown:
        if line.strip() != "...":
            assert line in printed, (line, printed)
    assert re.search(r"briefs/\d{4}-\d\d-\d\d/", "\n".join(shown))
    # the brief.txt excerpt after it is the real output: its lines, in order, bar the time
    excerpt = readme.split("and `brief.txt` begins", 1)[1].split("```", 2)[1]
    brief = (tmp_path / "briefs" / "2025-05-20" / "brief.txt").read_text("utf-8").splitlines()
    at = 0
    for line in excerpt.strip().splitlines():
        if line.strip() and line != "..." and " · built " not in line:
            assert line in brief[at:], line
            at = brief.index(line, at) + 1


def test_build_says_how_many_stories_it_found(tmp_path):
    result = digest("build", str(ROOT / "tests" / "stories"), "--out-dir", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    assert "in 3 sections of 3 stories." in result.stdout
    seeds = digest("build", str(SEEDS), "--out-dir", str(tmp_path), "-q")
    assert "stories" not in seeds.stdout  # one story: said as before


def test_one_story_merges_every_article_into_one_brief(tmp_path):
    """A desk that knows its folder is one story says so: its articles are merged into one
    brief, however differently worded (a third of the held-out Multi-News folders of one
    story came out as two stories or more). Here the three stories' ten articles."""
    import json

    folder = ROOT / "tests" / "stories"
    result = digest("build", str(folder), "--out-dir", str(tmp_path), "-q", "--one-story")
    assert result.returncode == 0, result.stderr
    assert "stories" not in result.stdout  # "kept 18 points in 1 section."
    brief = json.loads(next(tmp_path.glob("*/brief.json")).read_text())
    assert len(brief["stories"]) == 1 and not brief["also_today"]
    assert len(brief["stories"][0]["outlets"]) == len(brief["articles"]) == 10


def test_a_reader_who_stops_reading_gets_the_brief_and_no_traceback(tmp_path):
    """`digest build | head -1`: the reader closes the pipe (here before reading anything);
    the brief is still written, and no Python traceback is printed."""
    errors = tmp_path / "stderr"
    command = (
        f"{sys.executable} -m digest build --out-dir {tmp_path / 'out'} --date 2025-05-20 "
        f"seeds/nytimes.txt 2>{errors} | true"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(["sh", "-c", command], cwd=ROOT, env=env, timeout=300, check=True)
    assert (tmp_path / "out" / "2025-05-20" / "brief.docx").is_file()
    assert "Traceback" not in errors.read_text() and "Error" not in errors.read_text()


def test_a_reader_who_stops_reading_the_progress_too_still_gets_the_brief(tmp_path):
    """`digest build 2>&1 | head -1`: the progress lines on stderr go to the closed pipe as
    well; the first of them stopped the build (exit 141, no brief)."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before digest writes anything
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "digest", "build", "--out-dir", str(tmp_path / "out")]
    command += ["--date", "2025-05-20", "seeds/nytimes.txt"]
    done = subprocess.run(
        command, cwd=ROOT, env=env, stdout=write_end, stderr=write_end, timeout=300
    )
    os.close(write_end)
    assert done.returncode == 141  # as a program stopped by SIGPIPE
    assert (tmp_path / "out" / "2025-05-20" / "brief.docx").is_file()


def test_a_briefs_folder_that_cannot_be_written_is_one_line_and_nothing_changes(tmp_path):
    """A read-only briefs folder (a read-only disk, another user's folder): send, a dry run,
    the scheduler and a rebuild each say so in one line naming it (send and the scheduler
    printed a traceback), status does not call the ledger damaged, and nothing is changed."""
    out = tmp_path / "briefs"
    common = ("--out-dir", str(out))
    assert digest("build", str(SEEDS), "--date", DAY, "-q", *common).returncode == 0
    assert digest("send", "--date", DAY, *common).returncode == 0  # the outbox and the ledger
    before = file_contents(out)
    wrap = read_only(out)
    for command in (
        ("send", "--date", DAY),
        ("send", "--date", DAY, "--dry-run"),
        ("resend", "--date", DAY),
        ("schedule", "--once"),
        ("build", str(SEEDS), "--date", DAY, "-q"),
    ):
        result = digest(*command, *common, wrap=wrap)
        assert result.returncode == 4, (command, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert str(out) in result.stderr and "make the folder writable" in result.stderr
    status = digest("status", *common, wrap=wrap)
    assert "damaged" not in status.stderr and "Traceback" not in status.stderr
    assert status.returncode == 0 or "make that folder and the file writable" in status.stderr
    assert file_contents(out) == before


def test_a_brief_folder_that_cannot_be_written_stops_the_dry_run_in_one_line(tmp_path):
    out = tmp_path / "briefs"
    common = ("--out-dir", str(out), "--date", DAY)
    assert digest("send", "--dry-run", *common).returncode == 0  # built, and its outbox made
    before = file_contents(out)
    result = digest("send", "--dry-run", *common, wrap=read_only((out / DAY).resolve()))
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert f"outbox/brief-{DAY}.eml: cannot write the message" in result.stderr
    assert file_contents(out) == before


def test_a_brief_with_too_little_coverage_says_why_with_its_result(tmp_path):
    """`digest build -q` from the store with one outlet printed "kept 0 points in 0
    sections" and exit 0, and not why: the brief's notice was progress, silenced by -q."""
    import shutil

    drop = tmp_path / "drop"
    drop.mkdir()
    for article in sorted(SEEDS.glob("*.txt"))[:3]:  # no sources.toml: one outlet, the inbox
        shutil.copy(article, drop)
    config = write_config_file(tmp_path, f'\n[[sources]]\nname = "Desk inbox"\nfolder = "{drop}"\n')
    assert digest("fetch", "--config", str(config)).returncode == 0
    result = digest("build", "--config", str(config), "--date", DAY, "-q")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Read 3 articles from 1 outlet")
    assert lines[1].startswith("Note: Not enough coverage to brief on: 3 articles from 1 outlet")
    assert "Not enough coverage" not in result.stderr
    told = digest("build", "--config", str(config), "--date", DAY)
    assert told.stderr.count("Not enough coverage") == 1 and "Note" not in told.stdout


def test_build_alone_away_from_the_seeds_says_how_to_name_the_articles(tmp_path):
    """`digest build` in a folder of one's own (no config, no seeds/) said only ".../seeds:
    no such file or folder", after "Cleaning and summarizing 0 articles"."""
    result = digest("build", cwd=tmp_path)
    assert result.returncode == 3
    error = result.stderr.splitlines()[-1]
    assert error.startswith("digest: error: no usable article, so no brief was written")
    assert f"input.paths: {tmp_path / 'seeds'}: no such file or folder" in error
    assert "digest build FILE_OR_FOLDER" in error and "Cleaning" not in result.stderr
    assert list(tmp_path.iterdir()) == []

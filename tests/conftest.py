"""Shared fixtures: the repository's seeds and config, one seeds brief built per session,
and a helper for tests that need a real external program (LibreOffice, pdftotext)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from digest.brief.build import build
from digest.config import Config, load_config
from digest.models import Article, RankedSentence, Sentence, Summary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DATE = dt.date(2025, 5, 20)

# Text that is page noise in the seeds: none of it may reach any output.
NOISE = (
    "Arrow-right Camera",
    "Spokesman-Review Newspaper",
    "Est. May 19, 1883",
    "appeared first on",
    "Translated by",
    "compartiendo tu cuenta",
    "suscripción",
    "Putin.AP",
    "contributed reporting",
    "White House correspondent for The Times",
    "Sign up for our weekly newsletter",
    "NEWS\nNEWS",
    "Updated\n",
    "By Robyn Dixon",
)


def require_program(name: str) -> str:
    """The path of a program a test needs. Missing on a developer's machine: skip; missing
    in CI (CI=true): fail, because .ci/run installs it and a skip there would hide a gap."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should install it")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def repo_config() -> Config:
    """The repository's digest.toml (the sample story's topics)."""
    return load_config(str(ROOT / "digest.toml"))


@pytest.fixture
def config(repo_config: Config, tmp_path: Path) -> Config:
    """The repository's config, writing into a temporary folder."""
    output = dataclasses.replace(repo_config.output, dir=str(tmp_path / "briefs"))
    return dataclasses.replace(repo_config, output=output)


@pytest.fixture(scope="session")
def seed_build(repo_config: Config, tmp_path_factory: pytest.TempPathFactory):
    """The seeds' brief, built once for the whole session, as a user's `digest build` would."""
    out = tmp_path_factory.mktemp("seed-brief")
    output = dataclasses.replace(repo_config.output, dir=str(out))
    return build(dataclasses.replace(repo_config, output=output), [SEEDS], SEED_DATE)


@pytest.fixture
def write_article(tmp_path: Path):
    """Write an article file into a temporary input folder and return its path."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


class SmtpRecorder:
    """An aiosmtpd handler that keeps what it receives and can be told to refuse: per
    recipient (`refuse`), or the next DATA commands (`data_replies`, e.g. ["451 try later"])."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: dict[str, str] = {}
        self.data_replies: list[str] = []
        self.data_started = None
        self.hold_data = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.data_started is not None:
            self.data_started.set()
        if self.hold_data:
            await asyncio.sleep(self.hold_data)
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if not reply.startswith("250"):
                return reply
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (no TLS, no auth); yields (recorder, port)."""
    from aiosmtpd.controller import Controller

    recorder = SmtpRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield recorder, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess_run = __import__("subprocess").run
    subprocess_run(
        [
            require_program("openssl"),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def mail_config(config: Config, port: int, **email) -> Config:
    """`config` sending to the test server: two recipients, quick retries, plain SMTP."""
    settings = dataclasses.replace(
        config.email,
        host="127.0.0.1",
        port=port,
        security="none",
        sender="brief@example.org",
        to=("alice@example.org", "bob@example.org"),
        retries=3,
        retry_delay=0.05,
        timeout=10,
    )
    return dataclasses.replace(config, email=dataclasses.replace(settings, **email))


def write_config_file(folder: Path, extra: str = "") -> Path:
    """A digest.toml like the repository's, reading the seeds and writing under `folder`,
    with `extra` TOML appended; for tests that run digest as a separate process."""
    path = folder / "digest.toml"
    path.write_text(
        (ROOT / "digest.toml")
        .read_text()
        .replace('paths = ["seeds"]', f'paths = ["{SEEDS}"]')
        .replace('dir = "briefs"', f'dir = "{folder / "briefs"}"')
        + extra
    )
    return path


@pytest.fixture(scope="session")
def seed_pdf(seed_build, tmp_path_factory) -> Path:
    """The seeds' Word document as LibreOffice prints it (converted once per session)."""
    return print_docx(Path(seed_build.files["brief.docx"]), tmp_path_factory.mktemp("seed-pdf"))


def print_docx(docx: Path, folder: Path) -> Path:
    """A Word document as LibreOffice prints it: the PDF's path in `folder`."""
    import subprocess

    subprocess.run(
        [
            require_program("soffice"),
            "--headless",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{docx.stem}.pdf"


def read_only(folder: Path) -> list[str]:
    """A command prefix under which `folder` cannot be written, as a user meets a read-only
    disk or another user's briefs: file modes for a normal user; for root, whom modes do not
    stop, a read-only bind mount in a mount namespace of the command's own (unshare -m)."""
    import subprocess

    if os.geteuid() != 0:
        for path in (folder, *folder.rglob("*")):
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        return []
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    wrap = [shutil.which("unshare") or "unshare", "-m", "sh", "-c", script, str(folder)]
    probe = subprocess.run([*wrap, "touch", str(folder / ".probe")], capture_output=True)
    if probe.returncode == 0 or b"Read-only" not in probe.stderr:
        pytest.skip(f"cannot mount a folder read-only here: {probe.stderr.decode()[:200]}")
    return wrap


def file_contents(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


BRIDGE = (
    "The city council voted on Monday to close the old river bridge in June. Engineers found "
    "deep cracks in two of the bridge's steel supports last winter. The mayor said a ferry "
    "will carry commuters across the river while the bridge is repaired"
)
STRIKE = (
    "Dock workers at the northern port walked out on Tuesday over pay and shift rotas. The "
    "union said the strike will last until the port operator returns to talks. Container "
    "ships are waiting offshore as cranes stand idle along the quays"
)


def made_summary(article_id: str, outlet: str, text: str, title: str | None = None) -> Summary:
    """A summary of a short article, its sentences split at full stops, ranked in order."""
    article = Article(
        id=article_id, path=f"{article_id}.txt", text=text, outlet=outlet, title=title
    )
    parts = [part.strip() for part in text.split(".") if part.strip()]
    sentences = tuple(Sentence(article_id, n, 0, part + ".") for n, part in enumerate(parts))
    ranking = tuple(RankedSentence(s, 1 / (1 + s.index), s.index) for s in sentences)
    return Summary(article, sentences, ranking, count=3, method="lex-rank")

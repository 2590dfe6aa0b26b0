"""E-mail delivery against a real SMTP server (aiosmtpd on 127.0.0.1)."""

import contextlib
import dataclasses
import email
import email.header
import email.policy
import io
import os
import ssl
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from digest.daily.database import database_path
from digest.daily.ledger import Ledger
from digest.daily.run import send
from digest.errors import ConfigError, DeliveryError

from .conftest import ROOT, SEED_DATE, SEEDS, mail_config, write_config_file


@pytest.fixture
def seeds_config(config):
    """The repository config reading the seeds, writing to a temporary folder."""
    return dataclasses.replace(config, input=dataclasses.replace(config.input, paths=(str(SEEDS),)))


def _parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def _ledger(config):
    return Ledger(database_path(config))


def test_message_is_received_with_both_bodies_and_the_docx(seeds_config, smtp_server):
    recorder, port = smtp_server
    config = mail_config(seeds_config, port, bcc=("hidden@example.org",), cc=("carol@example.org",))
    report = send(config, SEED_DATE)
    assert set(report.sent) == {
        "alice@example.org",
        "bob@example.org",
        "carol@example.org",
        "hidden@example.org",
    }
    assert len(recorder.messages) == 1
    mail_from, rcpts, raw = recorder.messages[0]
    assert mail_from == "brief@example.org" and "hidden@example.org" in rcpts
    message = _parse(raw)
    assert message.get_content_type() == "multipart/mixed"
    assert message["Subject"] == "Trump-Putin call: ceasefire and sanctions, 20 May 2025"
    assert message["Message-ID"] == report.message_id and message["Date"]
    assert "Bcc" not in message and b"hidden@example.org" not in raw
    assert message["Cc"] == "carol@example.org"
    alternative = message.get_body(("related", "html", "plain"))
    assert message.get_body(("plain",)).get_content().startswith("Trump-Putin call")
    assert "<h1" in message.get_body(("html",)).get_content()
    assert alternative is not None
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "brief-2025-05-20.docx"
    assert attachment.get_content_type().endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(attachment.get_content()))
    assert document.paragraphs[0].text == "Trump-Putin call: ceasefire and sanctions"
    states = {d.recipient: (d.state, d.message_id) for d in _ledger(config).deliveries()}
    assert states["alice@example.org"] == ("sent", report.message_id)


def test_second_send_sends_nothing_and_resend_sends_again(seeds_config, smtp_server):
    recorder, port = smtp_server
    config = mail_config(seeds_config, port)
    send(config, SEED_DATE)
    again = send(config, SEED_DATE)
    assert again.sent == () and set(again.skipped) == {"alice@example.org", "bob@example.org"}
    assert len(recorder.messages) == 1
    resent = send(config, SEED_DATE, to=["alice@example.org"], resend=True)
    assert resent.sent == ("alice@example.org",) and len(recorder.messages) == 2


def test_temporary_failure_is_retried_and_sent_once(seeds_config, smtp_server):
    recorder, port = smtp_server
    recorder.data_replies = ["451 4.3.0 try again later"]
    report = send(mail_config(seeds_config, port), SEED_DATE)
    assert set(report.sent) == {"alice@example.org", "bob@example.org"}
    assert len(recorder.messages) == 1


def test_permanent_failure_is_not_retried(seeds_config, smtp_server):
    recorder, port = smtp_server
    recorder.data_replies = ["554 5.6.0 message rejected", "250 would accept"]
    config = mail_config(seeds_config, port)
    report = send(config, SEED_DATE)
    assert set(report.failed) == {"alice@example.org", "bob@example.org"}
    assert "554 5.6.0 message rejected" in report.failed["alice@example.org"]
    assert recorder.messages == [] and recorder.data_replies == ["250 would accept"]
    assert {d.state for d in _ledger(config).deliveries()} == {"failed"}
    assert send(config, SEED_DATE).skipped  # failed for good: not sent automatically


def test_one_refused_recipient_of_three_is_recorded(seeds_config, smtp_server):
    recorder, port = smtp_server
    recorder.refuse["bob@example.org"] = "550 5.1.1 no such user"
    config = mail_config(seeds_config, port, cc=("carol@example.org",))
    report = send(config, SEED_DATE)
    assert set(report.sent) == {"alice@example.org", "carol@example.org"}
    assert report.failed == {"bob@example.org": "550 5.1.1 no such user"}
    states = {d.recipient: d.state for d in _ledger(config).deliveries()}
    assert states == {
        "alice@example.org": "sent",
        "bob@example.org": "failed",
        "carol@example.org": "sent",
    }


def test_server_down_is_deferred_and_sent_later(seeds_config, smtp_server):
    from .conftest import free_port

    _, port = smtp_server
    down = mail_config(seeds_config, free_port(), retries=2)
    report = send(down, SEED_DATE)
    assert set(report.deferred) == {"alice@example.org", "bob@example.org"}
    assert "cannot reach 127.0.0.1" in report.deferred["alice@example.org"]
    later = send(mail_config(seeds_config, port), SEED_DATE)
    assert set(later.sent) == {"alice@example.org", "bob@example.org"}


def test_starttls_and_login_with_password_from_environment(
    seeds_config, tls_certificate, monkeypatch, caplog
):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from .conftest import SmtpRecorder, free_port

    cert, key = tls_certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret-pw", handled=False)

    recorder = SmtpRecorder()
    controller = Controller(
        recorder,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    try:
        config = mail_config(
            seeds_config, controller.port, security="starttls", ca_file=str(cert), username="digest"
        )
        monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "wrong")
        with pytest.raises(Exception, match="authentication failed") as error:
            send(config, SEED_DATE)
        assert "wrong" not in str(error.value)
        monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "s3cret-pw")
        report = send(config, SEED_DATE, resend=True)
    finally:
        controller.stop()
    assert set(report.sent) == {"alice@example.org", "bob@example.org"}
    assert logins[-1] == (b"digest", b"s3cret-pw") and len(recorder.messages) == 1
    assert "s3cret-pw" not in caplog.text


def test_no_smtp_host_writes_an_eml_that_parses(seeds_config):
    report = send(seeds_config, SEED_DATE)
    assert report.eml_path.endswith("outbox/brief-2025-05-20.eml")
    message = _parse(Path(report.eml_path).read_bytes())
    parts = [p.get_content_type() for p in message.walk()]
    assert parts == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    assert message.get_body(("plain",))["Content-Type"].params["charset"] == "utf-8"


def test_titles_with_line_breaks_cannot_inject_headers(seeds_config, smtp_server):
    recorder, port = smtp_server
    config = mail_config(seeds_config, port)
    config = dataclasses.replace(
        config,
        brief=dataclasses.replace(
            config.brief, title="Brief\r\nBcc: victim@example.org\r\nX-Evil: 1"
        ),
    )
    send(config, SEED_DATE)
    _, rcpts, raw = recorder.messages[0]
    message = _parse(raw)
    assert "victim@example.org" not in rcpts and message["X-Evil"] is None
    assert message["Bcc"] is None and "Bcc: victim" in message["Subject"]


def test_killed_while_sending_is_unknown_and_never_sent_again(tmp_path, smtp_server):
    import asyncio
    import subprocess
    import sys
    import time

    recorder, port = smtp_server
    recorder.data_started = asyncio.Event()
    recorder.hold_data = 3.0
    config_file = write_config_file(
        tmp_path,
        f'\n[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'from = "brief@example.org"\nto = ["alice@example.org"]\n',
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "digest",
            "send",
            "--config",
            str(config_file),
            "--date",
            "2025-05-20",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's digest, not another
    )
    deadline = time.time() + 120
    while not recorder.data_started.is_set() and time.time() < deadline:
        time.sleep(0.05)
    assert recorder.data_started.is_set(), process.stderr.read() if process.poll() else ""
    process.kill()
    process.wait()
    time.sleep(recorder.hold_data + 0.5)
    received = len(recorder.messages)  # 0 or 1: whether the server kept it is unknowable

    from digest.config import load_config

    config = load_config(str(config_file))
    report = send(config, SEED_DATE)
    assert report.sent == () and report.skipped == ("alice@example.org",)
    (row,) = _ledger(config).deliveries()
    assert (row.state, row.reply) == ("unknown", "process ended while sending")
    assert len(recorder.messages) == received


@contextlib.contextmanager
def _auth_echoing_server(reply: Callable[[str], str]):
    """An SMTP server on 127.0.0.1 that answers AUTH with `reply(argument)`, as a careless
    server quotes what it was sent; yields its port."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult

    from .conftest import SmtpRecorder, free_port

    class EchoingAuth(SMTP):
        async def smtp_AUTH(self, arg):
            await self.push(reply(arg))

    class EchoingController(Controller):
        def factory(self):
            return EchoingAuth(
                self.handler,
                auth_require_tls=False,
                auth_exclude_mechanism=["LOGIN"],
                authenticator=lambda *_: AuthResult(success=False),
            )

    controller = EchoingController(SmtpRecorder(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


def test_a_server_echoing_auth_never_gets_the_password_shown_or_stored(seeds_config, monkeypatch):
    # issue 14 item 16: a 535 reply quoting "AUTH PLAIN <base64>" printed the password on
    # stderr and stored it in the ledger for `digest status` to show
    import base64

    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "s3cret-pw")
    encoded = base64.b64encode(b"\0digest\0s3cret-pw").decode()
    with _auth_echoing_server(lambda arg: f"535 5.7.8 Authentication failed: AUTH {arg}") as port:
        config = mail_config(seeds_config, port, username="digest")
        with pytest.raises(Exception, match="authentication failed") as error:
            send(config, SEED_DATE)
    shown = str(error.value)
    assert "AUTH PLAIN [redacted]" in shown
    replies = " ".join(d.reply or "" for d in _ledger(config).deliveries())
    assert "AUTH PLAIN [redacted]" in replies
    for text in (shown, replies):
        assert encoded not in text and "s3cret-pw" not in text


def test_a_short_password_is_redacted_where_it_stands_not_inside_words(seeds_config, monkeypatch):
    # a password "on" turned "Authentication" into "Authenticati[redacted]" and
    # "Connection refused" into "C[redacted]necti[redacted] refused", which spelled it out
    import base64

    from .conftest import free_port

    def echo(arg: str) -> str:
        password = base64.b64decode(arg.split()[1]).split(b"\0")[2].decode()
        login = base64.b64encode(password.encode()).decode()
        return f"535 5.7.8 Authentication failed: '{password}' (base64 {login}) is wrong"

    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "on")
    with _auth_echoing_server(echo) as port:
        config = mail_config(seeds_config, port, username="digest")
        with pytest.raises(DeliveryError) as error:
            send(config, SEED_DATE)
    reply = "535 5.7.8 Authentication failed: '[redacted]' (base64 [redacted]) is wrong"
    assert f"({reply})" in str(error.value)
    assert {d.reply for d in _ledger(config).deliveries()} == {str(error.value)}

    down = mail_config(seeds_config, free_port(), username="digest", retries=1)
    report = send(down, SEED_DATE)
    assert set(report.deferred) == {"alice@example.org", "bob@example.org"}
    assert "Connection refused" in report.deferred["alice@example.org"]
    assert "redacted" not in report.deferred["alice@example.org"]
    assert all("Connection refused" in d.reply for d in _ledger(down).deliveries())


@pytest.mark.parametrize(
    ("password", "text", "shown"),
    [
        ("on", "Connection refused; conditions unmet", "Connection refused; conditions unmet"),
        ("on", "535 'on' is wrong", "535 '[redacted]' is wrong"),
        (
            "ab",
            "535 user=digest,pass=ab sent as YWI=",
            "535 user=digest,pass=[redacted] sent as [redacted]",
        ),
        ("ab", "535 absent: ab_test, lab, xYWI=", "535 absent: ab_test, lab, xYWI="),
        ("a!", "535 a! is wrong", "535 [redacted] is wrong"),
        ("s3cret-pw", "535 xs3cret-pwx", "535 x[redacted]x"),
        ("on", "535 AUTH PLAIN AGRpZ2VzdABvbg== refused", "535 AUTH PLAIN [redacted] refused"),
        ("on", "535 AGRpZ2VzdABvbg==", "535 [redacted]"),
    ],
)
def test_redaction_hides_every_form_of_the_password_and_nothing_else(password, text, shown):
    from digest.daily.deliver import _redact, _secrets

    assert _redact(text, _secrets("digest", password)) == shown


def test_a_password_is_never_sent_unencrypted_off_this_machine(
    seeds_config, smtp_server, monkeypatch
):
    # issue 14 item 16: security = "none" with a username sent the password in clear. It is
    # the config that must change: exit code 2, and no ledger row says "deferred"
    _, port = smtp_server
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "s3cret-pw")
    remote = mail_config(seeds_config, port, host="smtp.example.org", username="digest")
    with pytest.raises(ConfigError, match="unencrypted to smtp.example.org"):
        send(remote, SEED_DATE)
    assert not database_path(remote).exists()
    local = mail_config(seeds_config, port, host="localhost", username="digest")
    report = send(local, SEED_DATE)  # tried: the password would not leave this machine
    assert report.deferred and "unencrypted" not in " ".join(report.deferred.values())


def test_a_missing_password_variable_is_a_config_error_before_anything_is_recorded(
    seeds_config, smtp_server, monkeypatch
):
    # it exited 5 and marked every recipient "deferred", as if the server had been tried;
    # the user has to set the variable, and no brief is built for a send that cannot happen
    recorder, port = smtp_server
    config = mail_config(seeds_config, port, username="digest", password_env="DIGEST_TEST_PW")
    monkeypatch.delenv("DIGEST_TEST_PW", raising=False)
    with pytest.raises(ConfigError) as error:
        send(config, SEED_DATE)
    assert ConfigError.exit_code == 2
    assert str(error.value) == (
        "email.username is set but $DIGEST_TEST_PW (email.password_env) is not set: export "
        "the SMTP password in that variable; nothing was sent"
    )
    monkeypatch.setenv("DIGEST_TEST_PW", "")
    with pytest.raises(ConfigError, match=r"\$DIGEST_TEST_PW \(email.password_env\) is empty"):
        send(config, SEED_DATE)
    briefs = Path(config.output.dir)
    assert not database_path(config).exists() and not (briefs / "2025-05-20").exists()
    assert recorder.messages == []

    monkeypatch.setenv("DIGEST_TEST_PW", "s3cret-pw")  # fixed: nothing is lost or skipped
    report = send(config, SEED_DATE)
    assert report.skipped == () and set(report.deferred) == {"alice@example.org", "bob@example.org"}
    assert all(d.attempts == 1 for d in _ledger(config).deliveries())


def test_a_password_smtplib_cannot_encode_is_a_config_error_not_an_unknown_delivery(
    seeds_config, monkeypatch
):
    # smtplib encodes the login as ASCII: "pässwort" raised UnicodeEncodeError (a traceback
    # showing '\xe4') with the rows left "sending", so the next send took them as "unknown"
    # and said "Already sent" of a brief that never left
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "pässwort")
    with _auth_echoing_server(lambda _arg: "535 5.7.8 no") as port:
        config = mail_config(seeds_config, port, username="digest")
        with pytest.raises(ConfigError) as error:
            send(config, SEED_DATE)
        assert str(error.value) == (
            "$DIGEST_SMTP_PASSWORD has a character outside ASCII, which SMTP login (Python's "
            "smtplib) cannot send: use ASCII characters only; nothing was sent"
        )
        assert not database_path(config).exists()
        monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "s3cret-pw")
        with pytest.raises(ConfigError, match="^email.username has a character outside ASCII"):
            send(mail_config(seeds_config, port, username="dïgest"), SEED_DATE)


def test_every_part_comes_from_one_build_while_the_link_switches(tmp_path):
    # issue 14 item 18: the text part was read from one build, the HTML from the next
    import os
    import threading

    from digest.config import EmailSettings
    from digest.daily.deliver import compose

    builds = tmp_path / ".builds"
    for name in ("one", "two"):
        folder = builds / name
        folder.mkdir(parents=True)
        (folder / "brief.html").write_text(f"<p>HTML of build {name}</p>")
        (folder / "brief.docx").write_bytes(b"docx of build " + name.encode())
    (builds / "two" / "brief.txt").write_text("text of build two")
    os.mkfifo(builds / "one" / "brief.txt")  # compose waits here while the link switches
    link = tmp_path / "2025-05-20"
    link.symlink_to(".builds/one")

    def rebuild_while_the_text_is_read():
        with open(builds / "one" / "brief.txt", "w") as text:
            (tmp_path / "switch").symlink_to(".builds/two")
            os.replace(tmp_path / "switch", link)
            text.write("text of build one")

    switcher = threading.Thread(target=rebuild_while_the_text_is_read)
    switcher.start()
    message = compose(link, EmailSettings(), SEED_DATE, "Brief")
    switcher.join(timeout=10)
    assert os.readlink(link) == ".builds/two"  # the switch did happen midway
    assert message.get_body(("plain",)).get_content().strip() == "text of build one"
    assert "HTML of build one" in message.get_body(("html",)).get_content()
    assert next(message.iter_attachments()).get_content() == b"docx of build one"


def test_bidi_controls_in_names_reach_no_format_and_no_subject(tmp_path, config, write_article):
    # issue 14 item 15: "Reuters\u202efdp.exe" displayed as "Reutersexe.pdf" everywhere
    import dataclasses

    from digest.brief.build import build
    from digest.daily.deliver import compose

    text = "Officials said the talks would resume in Geneva on Monday. " * 3
    for number, name in enumerate(("Reuters\u202efdp.exe", "Wire\u2067Desk\u2069\u200f")):
        write_article(
            f"a{number}.txt",
            f"---\nsource: {name}\ntitle: Talks\u202e resume {number}\n---\n"
            + text.replace("Geneva", f"Geneva {number}"),
        )
    config = dataclasses.replace(
        config, topics=(), brief=dataclasses.replace(config.brief, title="Brief\u202e")
    )
    result = build(config, [tmp_path / "articles"], SEED_DATE)
    assert {a.outlet for a in result.brief.articles} == {"Reutersfdp.exe", "WireDesk"}
    bidi = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x61C)]
    for name in ("brief.html", "brief.txt", "brief.json"):
        shown = Path(result.files[name]).read_text(encoding="utf-8")
        assert "Reutersfdp.exe" in shown and not any(c in shown for c in bidi), name
    document = docx.Document(result.files["brief.docx"])
    words = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for c in t._cells
    ]
    assert not any(c in w for w in words for c in bidi)
    message = compose(Path(result.directory), config.email, SEED_DATE, config.brief.title)
    assert not any(c in message["Subject"] for c in bidi)


def test_display_names_are_in_the_headers_and_bare_addresses_in_the_envelope(
    seeds_config, smtp_server
):
    recorder, port = smtp_server
    config = mail_config(
        seeds_config,
        port,
        sender="Daily Brief <brief@example.org>",
        to=('"Desk, Europe" <desk@example.org>',),
        cc=("Carol <carol@xn--bcher-kva.example>",),
    )
    report = send(config, SEED_DATE)
    assert set(report.sent) == {"desk@example.org", "carol@xn--bcher-kva.example"}
    mail_from, rcpts, raw = recorder.messages[0]
    assert mail_from == "brief@example.org"
    assert sorted(rcpts) == ["carol@xn--bcher-kva.example", "desk@example.org"]
    message = _parse(raw)
    assert message["From"].addresses[0].display_name == "Daily Brief"
    assert message["To"].addresses[0].display_name == "Desk, Europe"
    assert message["Message-ID"].endswith("@example.org>")
    with _ledger(config) as ledger:
        assert {d.recipient for d in ledger.deliveries(SEED_DATE)} == set(report.sent)


SUBJECTS = (
    "Daily brief: Trump-Putin call: ceasefire and sanctions, 20 May 2025 · more",
    "Daily brief: Trump-Putin call: ceasefire, sanctions and what Europe does next, 20 May 2025",
)


@pytest.mark.parametrize("subject", SUBJECTS)
def test_subject_reads_back_as_written_however_the_message_is_sent(seeds_config, subject, tmp_path):
    """smtplib writes the message with policy utf8=True when the server takes SMTPUTF8;
    a reader may parse it with the old compat32 policy. Neither may see a folded Subject."""
    from digest.daily.deliver import compose
    from digest.daily.run import ensure_built

    folder = ensure_built(seeds_config, SEED_DATE)
    settings = dataclasses.replace(seeds_config.email, subject=subject)
    message = compose(folder, settings, SEED_DATE, "Daily brief")
    smtputf8 = message.as_bytes(policy=message.policy.clone(utf8=True, linesep="\r\n"))
    assert _parse(smtputf8)["Subject"] == subject
    raw = message.as_bytes()
    assert _parse(raw)["Subject"] == subject
    old_style = email.message_from_bytes(raw, policy=email.policy.compat32)["Subject"]
    assert str(email.header.make_header(email.header.decode_header(old_style))) == subject


def test_the_default_subject_does_not_say_daily_brief_twice(seeds_config):
    """With no title and no subject configured the subject was "Daily brief: Daily brief,
    20 May 2025"."""
    from digest.config import BriefSettings, EmailSettings
    from digest.daily.deliver import compose
    from digest.daily.run import ensure_built

    folder = ensure_built(seeds_config, SEED_DATE)
    settings = dataclasses.replace(EmailSettings(), sender="brief@example.org")
    message = compose(folder, settings, SEED_DATE, BriefSettings().title)
    assert message["Subject"] == "Daily brief, 20 May 2025"


def test_dry_run_without_an_email_section_says_no_sender_is_configured():
    from digest.config import Config
    from digest.daily.deliver import dry_run_note

    assert "no sender is configured (email.from)" in dry_run_note(Config().email)
    configured = mail_config(Config(), 25)
    assert dry_run_note(configured.email) == ""

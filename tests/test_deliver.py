"""E-mail delivery against a real SMTP server (aiosmtpd on 127.0.0.1)."""

import dataclasses
import email
import email.header
import email.policy
import io
import ssl
from pathlib import Path

import docx
import pytest

from digest.daily.database import database_path
from digest.daily.ledger import Ledger
from digest.daily.run import send

from .conftest import SEED_DATE, SEEDS, mail_config, write_config_file


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
    assert (
        message["Subject"] == "Daily brief: Trump-Putin call: ceasefire and sanctions, 20 May 2025"
    )
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


def test_dry_run_without_an_email_section_says_no_sender_is_configured():
    from digest.config import Config
    from digest.daily.deliver import dry_run_note

    assert "no sender is configured (email.from)" in dry_run_note(Config().email)
    configured = mail_config(Config(), 25)
    assert dry_run_note(configured.email) == ""

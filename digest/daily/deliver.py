"""Deliver stage: e-mail a built brief, exactly once per recipient.

One message per brief: multipart/mixed holding multipart/alternative (the text and HTML
briefs) and the Word document as an attachment. Header values are stripped of line breaks
and addresses are checked in the config, so nothing from an article or a config value can add
a header or a recipient. Bcc recipients are only in the SMTP envelope.

Temporary failures (4xx replies, refused or timed-out connections) are retried with a
doubling delay a bounded number of times; permanent ones (5xx) are not. Every recipient's
outcome goes to the ledger, and a recipient already served is skipped unless the user asks
for a resend. With no SMTP host configured, the message is written as an .eml file instead.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import email.policy
import functools
import ipaddress
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from digest.brief.locks import exclusive_lock
from digest.brief.write import date_lock, output_folder, write_atomically
from digest.config import Config, EmailSettings
from digest.daily.database import database_path
from digest.daily.ledger import Ledger
from digest.errors import ConfigError, DeliveryError, OutputError
from digest.models import clean_name
from digest.render.labels import long_date
from digest.text.addresses import address_spec
from digest.text.words import counted

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
OUTBOX = "outbox"
OUTBOX_RECIPIENT = "(outbox)"
"""Ledger row of a brief written to the outbox when no recipient is configured."""
SEND_LOCK = ".send.lock"
MESSAGE_POLICY = email.policy.default.clone(max_line_length=998)
"""Headers are never folded (998 is RFC 5322's hard limit): Python's folding can break a
Subject right after "Subject:" (read back with a leading space) or drop the space between
two encoded words, when the message is generated for SMTPUTF8."""
NO_SENDER = EmailSettings().sender


@dataclass(frozen=True)
class SendReport:
    """What happened to each recipient of one brief."""

    day: dt.date
    message_id: str | None
    sent: tuple[str, ...] = ()
    deferred: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    eml_path: str | None = None


class TemporaryFailure(Exception):
    """Worth trying again later: a 4xx reply, or no (working) connection."""


class PermanentFailure(Exception):
    """The server refused the message for good (5xx): sending it again will not help."""


def compose(
    folder: Path,
    settings: EmailSettings,
    day: dt.date,
    title: str,
    to: Sequence[str] | None = None,
) -> EmailMessage:
    """The message for the brief in `folder` (brief.txt, brief.html, brief.docx).
    `folder` is usually the `<date>` link: it is resolved once, so every part comes from the
    same build even if a rebuild switches the link meanwhile."""
    folder = folder.resolve()
    message = EmailMessage(policy=MESSAGE_POLICY)
    subject = settings.subject.replace("{title}", title).replace("{date}", long_date(day))
    message["Subject"] = clean_name(subject)  # one line: no header injection
    message["From"] = settings.sender
    message["To"] = ", ".join(to if to is not None else settings.to) or settings.sender
    if settings.cc and to is None:
        message["Cc"] = ", ".join(settings.cc)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=address_spec(settings.sender).rpartition("@")[2])
    message.set_content((folder / "brief.txt").read_text(encoding="utf-8"))
    message.add_alternative((folder / "brief.html").read_text(encoding="utf-8"), subtype="html")
    message.add_attachment(
        (folder / "brief.docx").read_bytes(),
        maintype=DOCX_TYPE[0],
        subtype=DOCX_TYPE[1],
        filename=f"brief-{day.isoformat()}.docx",
    )
    return message


def send_brief(
    config: Config,
    day: dt.date,
    folder: Path,
    to: Sequence[str] | None = None,
    dry_run: bool = False,
    resend: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
) -> SendReport:
    """E-mail the built brief in `folder` (the brief of `day`) to `to` or the configured
    recipients, skipping those already served unless `resend`."""
    settings = config.email
    out_dir = output_folder(config)
    recipients = [address_spec(r) for r in to] if to is not None else recipients_of(settings)
    with date_lock(out_dir, day):  # no rebuild removes the build while it is read
        message = compose(folder, settings, day, config.brief.title, to)
        if dry_run or not settings.host:
            path = _write_eml(folder, message, day)
    message_id = message["Message-ID"]

    if dry_run or not settings.host:
        if not dry_run:
            with Ledger(database_path(config)) as ledger:
                ledger.mark(
                    day,
                    recipients or [OUTBOX_RECIPIENT],
                    "outbox",
                    message_id,
                    f"written to {path}",
                )
                ledger.backup()
        return SendReport(day, message_id, eml_path=str(path))
    if not recipients:
        raise DeliveryError("no recipients: set email.to in the config or pass --to ADDRESS")
    password = smtp_password(settings)

    with exclusive_lock(out_dir / SEND_LOCK), Ledger(database_path(config)) as ledger:
        ledger.recover()
        pending = recipients if resend else ledger.pending(day, recipients)
        skipped = tuple(r for r in recipients if r not in pending)
        if not pending:
            return SendReport(day, None, skipped=skipped)
        ledger.mark(day, pending, "sending", message_id, count_attempt=True)
        progress(
            f"Sending the brief of {day.isoformat()} to {counted(len(pending), 'recipient')} "
            f"via {settings.host}:{settings.port}"
        )
        try:
            refused = _transmit(message, settings, pending, password, progress)
        except TemporaryFailure as exc:
            ledger.mark(day, pending, "deferred", reply=str(exc))
            return SendReport(
                day, message_id, deferred=dict.fromkeys(pending, str(exc)), skipped=skipped
            )
        except PermanentFailure as exc:
            ledger.mark(day, pending, "failed", reply=str(exc))
            return SendReport(
                day, message_id, failed=dict.fromkeys(pending, str(exc)), skipped=skipped
            )
        except DeliveryError as exc:  # the login was refused: nothing was handed over
            ledger.mark(day, pending, "deferred", reply=str(exc))
            raise
        sent = [r for r in pending if r not in refused]
        ledger.mark(day, sent, "sent", message_id, reply="250 accepted")
        deferred = {r: reply for r, (code, reply) in refused.items() if code < 500}
        failed = {r: reply for r, (code, reply) in refused.items() if code >= 500}
        for recipient, reply in deferred.items():
            ledger.mark(day, [recipient], "deferred", reply=reply)
        for recipient, reply in failed.items():
            ledger.mark(day, [recipient], "failed", reply=reply)
        ledger.backup()
        return SendReport(day, message_id, tuple(sent), deferred, failed, skipped)


def recipients_of(settings: EmailSettings) -> list[str]:
    """Everyone the configured brief goes to (To, Cc and Bcc), each once, as bare addresses."""
    return list(dict.fromkeys(address_spec(a) for a in (*settings.to, *settings.cc, *settings.bcc)))


def dry_run_note(settings: EmailSettings, to: Sequence[str] | None = None) -> str:
    """What the reader of a dry run's message should know about its addresses ('' when the
    config names a sender, and recipients unless `to` replaces them)."""
    notes = []
    if settings.sender == NO_SENDER:
        notes.append(f"no sender is configured (email.from): the message is from {NO_SENDER}")
    if not settings.to and not to:
        notes.append(
            f"no recipients are configured (email.to): it is addressed to {settings.sender}"
        )
    return "; ".join(notes)


def daily_recipients(config: Config) -> list[str]:
    """Whom the scheduler sends each brief to: the configured recipients, or the outbox."""
    recipients = recipients_of(config.email)
    if config.email.host:
        return recipients
    return recipients or [OUTBOX_RECIPIENT]


def already_emailed(config: Config, day: dt.date) -> list[str]:
    """Recipients the ledger says have (or may have) the brief of `day`: a rebuild of that
    date does not reach them unless it is resent."""
    path = database_path(config)
    if not path.exists():
        return []
    with Ledger(path) as ledger:
        return [d.recipient for d in ledger.deliveries(day) if d.state in ("sent", "unknown")]


def unserved(config: Config, day: dt.date) -> list[str]:
    """Configured recipients (or the outbox) that have not had the brief of `day` yet."""
    with Ledger(database_path(config)) as ledger:
        return ledger.pending(day, daily_recipients(config))


def smtp_password(settings: EmailSettings) -> str:
    """The password to log in with ('' with no host or no username). A setting that cannot
    work (the variable unset or empty, a password to be sent unencrypted over a network, or
    one smtplib cannot encode) is a ConfigError, raised before the ledger records anything:
    the user must fix it, and no row says "deferred" or "unknown" for a message never tried."""
    if not settings.host or not settings.username:
        return ""
    password = os.environ.get(settings.password_env, "")
    if not password:
        state = "empty" if settings.password_env in os.environ else "not set"
        raise ConfigError(
            f"email.username is set but ${settings.password_env} (email.password_env) is "
            f"{state}: export the SMTP password in that variable; nothing was sent"
        )
    if settings.security == "none" and not _loopback(settings.host):
        raise ConfigError(
            f'email.security = "none" would send the password for {settings.username} '
            f"unencrypted to {settings.host}; use starttls or ssl (none is for a relay on "
            "this machine only); nothing was sent"
        )
    if not (settings.username + password).isascii():  # smtplib encodes both as ASCII
        key = "email.username" if not settings.username.isascii() else f"${settings.password_env}"
        raise ConfigError(
            f"{key} has a character outside ASCII, which SMTP login (Python's smtplib) "
            "cannot send: use ASCII characters only; nothing was sent"
        )
    return password


def _transmit(
    message: EmailMessage,
    settings: EmailSettings,
    recipients: list[str],
    password: str,
    progress: Callable[[str], None],
) -> dict[str, tuple[int, str]]:
    """Hand the message to the server; returns the recipients it refused, with their replies.
    Raises TemporaryFailure after the last attempt, PermanentFailure for a 5xx refusal, and
    DeliveryError when the server refuses our login."""
    secrets = _secrets(settings.username, password)
    reply = functools.partial(_reply, secrets=secrets)
    delay = settings.retry_delay
    for attempt in range(1, settings.retries + 1):
        try:
            with _connect(settings) as smtp:
                if settings.username:
                    smtp.login(settings.username, password)
                refused = smtp.send_message(
                    message, from_addr=address_spec(settings.sender), to_addrs=recipients
                )
            return {r: (code, reply(code, text)) for r, (code, text) in refused.items()}
        except smtplib.SMTPRecipientsRefused as exc:
            replies = {r: (code, reply(code, text)) for r, (code, text) in exc.recipients.items()}
            if all(code >= 500 for code, _ in replies.values()) or attempt == settings.retries:
                return replies
            problem = "recipients refused for now: " + "; ".join(t for _, t in replies.values())
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"{settings.host}: authentication failed "
                f"({reply(exc.smtp_code, exc.smtp_error)}); check email.username "
                f"and ${settings.password_env}"
            ) from None
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code >= 500:
                raise PermanentFailure(reply(exc.smtp_code, exc.smtp_error)) from None
            problem = f"{settings.host}: {reply(exc.smtp_code, exc.smtp_error)}"
        except (OSError, smtplib.SMTPException) as exc:
            problem = _redact(
                f"cannot reach {settings.host}:{settings.port} ({exc or type(exc).__name__})",
                secrets,
            )
        if attempt < settings.retries:
            progress(f"  attempt {attempt} failed: {problem}; trying again in {delay:g} s")
            time.sleep(delay)
            delay *= 2
    raise TemporaryFailure(problem)


def _loopback(host: str) -> bool:
    """Whether `host` is this machine: nothing sent to it crosses a network."""
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    return host.lower().rstrip(".") == "localhost"


def _connect(settings: EmailSettings) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            smtp.starttls(context=context)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _reply(code: int, text: bytes | str, secrets: tuple[str, ...] = ()) -> str:
    """A server's reply on one line, as recorded and shown: the arguments of an AUTH command
    a server echoes, and the password in any encoding, are redacted."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {_redact(text, secrets)}"


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    """`text` on one line with AUTH arguments and the secrets replaced. A secret shorter than
    WHOLE_WORDS_BELOW is replaced only where it stands whole, not inside a longer word: with the
    password "on", "C[redacted]necti[redacted] refused" garbled the line and spelled it out."""
    text = _AUTH_ARGUMENTS.sub(r"\1 [redacted]", " ".join(text.split()))
    for secret in secrets:
        if len(secret) >= WHOLE_WORDS_BELOW:
            text = text.replace(secret, "[redacted]")
            continue
        edges = [r"\b" if re.match(r"\w", end) else "" for end in (secret[0], secret[-1])]
        text = re.sub(edges[0] + re.escape(secret) + edges[1], "[redacted]", text)
    return text


WHOLE_WORDS_BELOW = 8
"""Secrets this long are replaced wherever they appear: text that holds one by chance is
very unlikely, and an echo run into other characters is still caught."""


_AUTH_ARGUMENTS = re.compile(r"(?i)\b(AUTH\s+[A-Z0-9_-]+)\s+\S+")


def _secrets(username: str, password: str) -> tuple[str, ...]:
    """The password as it may come back from a server: plain, and base64 as AUTH PLAIN and
    AUTH LOGIN send it."""
    if not password:
        return ()
    plain = base64.b64encode(f"\0{username}\0{password}".encode()).decode()
    login = base64.b64encode(password.encode()).decode()
    return tuple(sorted({plain, login, password}, key=len, reverse=True))


def _write_eml(folder: Path, message: EmailMessage, day: dt.date) -> Path:
    outbox = folder / OUTBOX
    path = outbox / f"brief-{day.isoformat()}.eml"
    try:
        outbox.mkdir(exist_ok=True)
        write_atomically(path, message.as_bytes())
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write the message ({exc.strerror or exc}); make {folder} "
            "writable for this user"
        ) from None
    return path

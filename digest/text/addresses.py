"""E-mail addresses as the config, the command line and delivery accept them: one address,
with or without a display name, its domain in IDNA ASCII form; and the bare address for the
SMTP envelope."""

from __future__ import annotations

import email.headerregistry
import email.policy
import email.utils
import re


def parse_address(text: str) -> str | None:
    """One e-mail address as RFC 5322 reads it, with or without a display name ("Desk
    <desk@example.org>"), its domain in IDNA ASCII form; None for anything else: a line break
    or control character, several addresses, no domain, a non-ASCII local part."""
    if not text.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    header = email.policy.default.header_factory("to", text)
    if header.defects or len(header.addresses) != 1:
        return None
    address = header.addresses[0]
    try:
        domain = address.domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = domain.split(".")
    if not address.username or not (len(labels) > 1 or domain == "localhost"):
        return None
    if not all(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", label) for label in labels):
        return None
    return str(email.headerregistry.Address(address.display_name, address.username, domain))


def address_spec(address: str) -> str:
    """The bare name@example.org of an address parse_address accepted (for the envelope)."""
    return email.utils.parseaddr(address)[1]

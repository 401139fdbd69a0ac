"""Names, emails and web domains as the matcher compares them."""

from __future__ import annotations

import re

from .facts import facts, name_tokens

_EMAIL = re.compile(r"[^\s@<>,;:\"'()\[\]]+@[^\s@<>,;:\"'()\[\]]+\.[^\s@<>,;:\"'()\[\]]+")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def name_key(text: str) -> str:
    """A client's name compared: NFKD, casefolded, punctuation gone, legal forms
    ("GmbH", "Ltd", "S.A.") dropped from the end; "" when nothing is left."""
    tokens = name_tokens(text)
    suffixes = facts().legal_suffixes
    trimmed = True
    while trimmed and tokens:
        trimmed = False
        for suffix in suffixes:
            size = len(suffix)
            if len(tokens) > size and tuple(tokens[-size:]) == suffix:
                del tokens[-size:]
                trimmed = True
                break
        while len(tokens) > 1 and tokens[-1] == "and":  # what "GmbH & Co." leaves behind
            tokens.pop()
            trimmed = True
    return " ".join(tokens)


def email_of(cell: str) -> str:
    """The first email address in a cell, lower case ("" when there is none)."""
    found = _EMAIL.search(cell)
    return found.group().strip(".").casefold() if found else ""


def is_free_mail(domain: str) -> bool:
    free = facts().free_mail
    return domain in free or any(domain.endswith("." + known) for known in free)


def domain_of(cell: str) -> str:
    """A company's web domain from a website or domain cell ("https://www.Acme.com/x" -> "acme.com");
    "" when the cell holds none, or holds a free-mail service's."""
    text = cell.strip().casefold()
    if "@" in text and "://" not in text:
        return domain_from_email(email_of(text))
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = re.split(r"[/?#\s]", text, maxsplit=1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    if text.startswith("www."):
        text = text[4:]
    if not _DOMAIN.match(text) or is_free_mail(text):
        return ""
    return text


def domain_from_email(email: str) -> str:
    """The company domain of an address: "" for a free-mail service (gmail.com says nothing)."""
    if not email or "@" not in email:
        return ""
    domain = email.rsplit("@", 1)[1]
    if domain.startswith("www."):
        domain = domain[4:]
    return "" if is_free_mail(domain) or not _DOMAIN.match(domain) else domain

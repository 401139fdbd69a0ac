"""Names, emails and web domains as the matcher compares them."""

from __future__ import annotations

import re
from functools import cache

from .facts import facts, name_tokens

_EMAIL = re.compile(r"[^\s@<>,;:\"'()\[\]]+@[^\s@<>,;:\"'()\[\]]+\.[^\s@<>,;:\"'()\[\]]+")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@cache
def _suffixes_by_last_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The legal forms by their last word, longest first: a name's last word picks the few to try."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for suffix in facts().legal_suffixes:
        table.setdefault(suffix[-1], []).append(suffix)
    return {word: tuple(found) for word, found in table.items()}


def name_key(text: str) -> str:
    """A client's name compared: NFKD, casefolded, punctuation gone, legal forms
    ("GmbH", "Ltd", "S.A.") dropped from the end; the name itself when nothing else would be left."""
    tokens = name_tokens(text)
    by_last = _suffixes_by_last_word()
    trimmed = True
    while trimmed and tokens:
        trimmed = False
        for suffix in by_last.get(tokens[-1], ()):
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
    """gmail.com, or a name under it (mail.yahoo.com): a free-mail service's."""
    free = facts().free_mail
    labels = domain.split(".")
    return any(".".join(labels[n:]) in free for n in range(len(labels) - 1))


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

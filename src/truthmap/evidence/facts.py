"""The evidence command's facts (knowledge/evidence.toml), given their shape once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..knowledge import evidence_facts

FIELDS = ("name", "email", "domain", "id")  # what a column can be mapped to (--map SYSTEM:FIELD=COLUMN)


@dataclass(frozen=True)
class Thresholds:
    same: float
    review: float
    retyped_share: float
    retyped_min_rows: int
    examples: int
    max_file_bytes: int
    block_cap: int


@dataclass(frozen=True)
class Preset:
    """One tool's documented headers for one of its client files."""

    tool: str
    export: str
    kind: str  # "clients" or "contacts"
    columns: dict[str, tuple[str, ...]]  # field -> headers, casefolded
    person: tuple[str, ...]

    def hits(self, headers: set[str]) -> int:
        """How many of its headers a file has (none for a contacts preset whose person columns are missing)."""
        if self.kind == "contacts" and not any(header in headers for header in self.person):
            return 0
        return sum(header in headers for names in (*self.columns.values(), self.person) for header in names)


@dataclass(frozen=True)
class Facts:
    thresholds: Thresholds
    free_mail: frozenset[str]
    legal_suffixes: tuple[tuple[str, ...], ...]  # token sequences, longest first
    generic: dict[str, tuple[str, ...]]  # field -> headers, casefolded
    person: tuple[str, ...]
    presets: tuple[Preset, ...]
    finding_kinds: tuple[str, ...]
    finding_rules: dict[str, tuple[str, ...]]


def header_key(text: str) -> str:
    """A column name as headers are compared: trimmed, inner spaces single, casefolded."""
    return " ".join(text.split()).casefold()


_PUNCTUATION = re.compile(r"[^\w\s]|_")


def name_tokens(text: str) -> list[str]:
    """A name's words for comparing: NFKD with the accents dropped, casefolded,
    "&" read as "and", punctuation a space (suffixes are not removed here)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _PUNCTUATION.sub(" ", plain.replace("&", " and ")).split()


@cache
def facts() -> Facts:
    data = evidence_facts()
    limits = data["thresholds"]
    generic = dict(data["generic"])
    suffixes = {tuple(name_tokens(suffix)) for suffix in data["legal_suffixes"]}
    return Facts(
        thresholds=Thresholds(
            same=float(limits["same"]), review=float(limits["review"]),
            retyped_share=float(limits["retyped_share"]), retyped_min_rows=int(limits["retyped_min_rows"]),
            examples=int(limits["examples"]), max_file_bytes=int(limits["max_file_mib"]) * 1024 * 1024,
            block_cap=int(limits["block_cap"])),
        free_mail=frozenset(domain.casefold() for domain in data["free_mail"]),
        legal_suffixes=tuple(sorted((s for s in suffixes if s), key=len, reverse=True)),
        generic={field: tuple(header_key(h) for h in generic.get(field, ())) for field in FIELDS},
        person=tuple(header_key(h) for h in generic.get("person", ())),
        presets=tuple(
            Preset(p["tool"], p["export"], p["kind"],
                   {field: tuple(header_key(h) for h in p.get(field, ())) for field in FIELDS if p.get(field)},
                   tuple(header_key(h) for h in p.get("person", ())))
            for p in data.get("preset", ())),
        finding_kinds=tuple(f["kind"] for f in data["finding"]),
        finding_rules={f["kind"]: tuple(f["rules"]) for f in data["finding"]},
    )

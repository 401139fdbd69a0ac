"""What the exports tell about the map: drift, duplicates, retyping, an incomplete owner.

One small function per rule; each finding has the existing shape (kind,
severity, message, fix, rule, entity, systems, causes) and carries its counts,
every client it flags and a few of them as examples.  Messages hold counts and
tool names, never a client's name or address: those stay in the examples,
which only the evidence report shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..analysis.types import Cause, Finding
from ..knowledge import knowledge
from .facts import Thresholds, facts
from .matching import REVIEW, SAME, Matches
from .reading import Client, Export

SYNCED = ("one-way", "two-way")  # a copy that claims an automated sync from its owner
UNSYNCED = ("manual", "none")
SEVERITY_ORDER = ("high", "medium", "low")


@dataclass(frozen=True)
class EvidenceFinding:
    finding: Finding
    counts: dict[str, int]
    flagged: tuple[Client, ...]  # every client the finding counts
    examples: tuple[Client, ...]


@dataclass(frozen=True)
class Declared:
    """What the profile's map says about the entity: its owner and its copies."""

    owner: str | None
    owner_path: str | None
    copies: dict[str, tuple[str, str]]  # system -> (sync, profile path of the copy)


@dataclass(frozen=True)
class EvidenceResult:
    entity: str
    profile_name: str
    exports: tuple[Export, ...]
    matches: Matches
    only_in: dict[str, tuple[Client, ...]]
    findings: tuple[EvidenceFinding, ...]
    declared: Declared
    thresholds: Thresholds
    notices: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # system id -> its name in the profile

    def label(self, system: str | None) -> str:
        return self.labels.get(system or "", system or "-")


def declared(profile: Any, entity: str) -> Declared:
    owner = owner_path = None
    copies: dict[str, tuple[str, str]] = {}
    for index, record in enumerate(profile.records):
        if record.entity != entity:
            continue
        if record.owner and owner is None:
            owner, owner_path = record.owner, f"records[{index}]"
        for copy_index, copy in enumerate(record.copies):
            copies.setdefault(copy.system, (copy.sync, f"records[{index}].copies[{copy_index}]"))
    copies.pop(owner or "", None)
    return Declared(owner, owner_path, copies)


def best_partners(matches: Matches, exports: Sequence[Export]) -> dict[tuple[int, int], dict[str, str]]:
    """(export, row) -> system -> the best band linking that client to a client of the system."""
    best: dict[tuple[int, int], dict[str, str]] = {}
    for link in matches.pairs:
        for mine, theirs in ((link.a, link.b), (link.b, link.a)):
            bands = best.setdefault((mine.export, mine.row), {})
            system = exports[theirs.export].system
            if bands.get(system) != SAME:
                bands[system] = link.band
    return best


def only_in(matches: Matches, exports: Sequence[Export]) -> dict[str, tuple[Client, ...]]:
    """Each system's clients that no client of another system matches, not even for review."""
    linked = {(c.export, c.row) for link in matches.pairs for c in (link.a, link.b)}
    result: dict[str, list[Client]] = {}
    for export in exports:
        result.setdefault(export.system, []).extend(c for c in export.clients if (c.export, c.row) not in linked)
    return {system: tuple(clients) for system, clients in result.items()}


def assess(profile: Any, entity: str, exports: Sequence[Export], matches: Matches,
           thresholds: Thresholds | None = None) -> EvidenceResult:
    """The findings and lists of one run, over exports already read and matched."""
    thresholds = thresholds or facts().thresholds
    labels = {system.id: system.name for system in profile.systems}
    map_ = declared(profile, entity)
    context = _Context(profile, entity, list(exports), matches, thresholds, map_, labels,
                       best_partners(matches, exports))
    found: list[EvidenceFinding] = []
    for rule in RULES:
        found += rule(context)
    order = facts().finding_kinds
    found.sort(key=lambda f: (SEVERITY_ORDER.index(f.finding.severity), order.index(f.finding.kind)))
    return EvidenceResult(entity, profile.name, tuple(exports), matches, only_in(matches, exports), tuple(found),
                          map_, thresholds, tuple(context.notices()), labels)


@dataclass
class _Context:
    profile: Any
    entity: str
    exports: list[Export]
    matches: Matches
    thresholds: Thresholds
    map: Declared
    labels: dict[str, str]
    partners: dict[tuple[int, int], dict[str, str]]

    def label(self, system: str | None) -> str:
        return self.labels.get(system or "", system or "-")

    def clients(self, system: str) -> list[Client]:
        return [c for e in self.exports if e.system == system for c in e.clients]

    def exported(self, system: str | None) -> bool:
        return any(e.system == system for e in self.exports)

    def band(self, client: Client, system: str) -> str | None:
        return self.partners.get((client.export, client.row), {}).get(system)

    def missing(self, rows: list[Client], system: str) -> tuple[list[Client], dict[str, int], str]:
        """The rows no client of `system` is `same` as, their counts, and the words for
        those with a possible match (" (3 of them with a possible match to review)")."""
        missing = [x for x in rows if self.band(x, system) != SAME]
        unsure = sum(self.band(x, system) == REVIEW for x in missing)
        also = f" ({unsure:,} of them with a possible match to review)" if unsure else ""
        return missing, {"rows": len(rows), "missing": len(missing), "to_review": unsure}, also

    def system_path(self, system: str) -> str:
        index = next((n for n, s in enumerate(self.profile.systems) if s.id == system), 0)
        return f"systems[{index}]"

    def notices(self) -> list[str]:
        words = _entity_words(self.entity)
        owner = self.map.owner
        lines = []
        if owner is None:
            lines.append(f"The map names no system of record for {words}: drift and completeness are not judged.")
        elif not self.exported(owner):
            lines.append(f"No export of {self.label(owner)}, the system of record for {words}, was given: "
                         "drift and completeness are not judged.")
        for system in self.map.copies:
            if not self.exported(system):
                lines.append(f"{self.label(system)} keeps a copy of {words} by the map; no export of it was given.")
        return lines

    def finding(self, kind: str, severity: str, rule: str, message: str, fix: str, systems: tuple[str, ...],
                causes: Iterable[Cause], counts: dict[str, int], flagged: list[Client]) -> EvidenceFinding:
        return EvidenceFinding(
            Finding(kind=kind, severity=severity, message=message, fix=fix, rule=rule, entity=self.entity,
                    systems=systems, causes=tuple(causes)),
            counts, tuple(flagged), tuple(flagged[: self.thresholds.examples]))


def _entity_words(entity: str) -> str:
    """ "clients", "time entries": the entity's records in a sentence."""
    known = knowledge().entities.get(entity)
    words = knowledge().entity_label(entity).lower()
    return words if known is not None and known.plural else words + "s"


def _count(number: int, one: str = "client", many: str = "clients") -> str:
    return f"{number:,} {one if number == 1 else many}"


def _of(part: int, whole: int, place: str) -> str:
    """ "3 of the 40 clients in Trello are" / "1 of the 40 clients in Trello is"."""
    return f"{part:,} of the {_count(whole)} in {place} {'is' if part == 1 else 'are'}"


# ------------------------------------------------------------------ rules


def rule_drift(c: _Context) -> list[EvidenceFinding]:
    """A declared copy holds clients its owner lacks (made outside the system of
    record); a copy that claims a sync lacks clients its owner holds."""
    owner = c.map.owner
    if owner is None or not c.exported(owner):
        return []
    found = []
    owner_name = c.label(owner)
    for system, (sync, path) in c.map.copies.items():
        if not c.exported(system):
            continue
        name = c.label(system)
        severity = "high" if sync in SYNCED else "medium"
        cause = _copy_cause(path, name, sync, owner_name)
        rows = c.clients(system)
        missing, counts, also = c.missing(rows, owner)
        if missing:
            found.append(c.finding(
                "drift", severity, "copy-rows-in-the-owner",
                f"{_of(len(missing), len(rows), name)} not in {owner_name}, the system of record{also}: "
                "made outside it.",
                f"Add them to {owner_name} and let {name} take its clients from there; if {name} is where "
                f"clients really start, make it the owner in the map.",
                (system, owner), (cause,), counts, missing))
        if sync in SYNCED:
            held = c.clients(owner)
            lacking, counts, also = c.missing(held, system)
            if lacking:
                found.append(c.finding(
                    "drift", "high", "synced-copy-holds-the-owner-rows",
                    f"{_of(len(lacking), len(held), owner_name)} missing from {name}, which the map says "
                    f"is {knowledge().syncs[sync].kept}{also}.",
                    f"Check the sync from {owner_name} to {name}: a filter, a failed run or clients older "
                    "than the sync leave these out.",
                    (owner, system), (cause,), counts, lacking))
    return found


def rule_duplicate_within(c: _Context) -> list[EvidenceFinding]:
    """The same client twice in one export."""
    found = []
    for export in c.exports:
        links = [link for link in c.matches.duplicates if link.a.export == export.index]
        same = [link for link in links if link.band == SAME]
        if not same:
            continue
        flagged = list(dict.fromkeys(client for link in same for client in (link.a, link.b)))
        name = c.label(export.system)
        file = PurePath(export.file).name  # the folder says nothing here, and would make the line long
        unsure = len(links) - len(same)
        also = f"; {unsure:,} more pairs to review" if unsure else ""
        found.append(c.finding(
            "duplicate-within", "medium", "one-row-per-client",
            f"{file} from {name} lists {_count(len(same), 'client', 'clients')} twice "
            f"({len(flagged):,} rows){also}.",
            f"Merge the duplicates in {name} (its own merge keeps their history) and look a client up "
            "before adding one.",
            (export.system,), (Cause(c.system_path(export.system), f"{name} holds the export {file}"),),
            {"rows": len(export.clients), "pairs": len(same), "duplicated": len(flagged), "to_review": unsure},
            flagged))
    return found


def rule_retyped(c: _Context) -> list[EvidenceFinding]:
    """The map says a copy is re-typed by hand or kept by nobody, yet most of its
    rows are the owner's: hand copying, confirmed."""
    owner = c.map.owner
    if owner is None or not c.exported(owner):
        return []
    found = []
    owner_name = c.label(owner)
    limits = c.thresholds
    for system, (sync, path) in c.map.copies.items():
        rows = c.clients(system)
        if sync not in UNSYNCED or len(rows) < limits.retyped_min_rows:
            continue
        overlap = [x for x in rows if c.band(x, owner) == SAME]
        share = len(overlap) / len(rows)
        if share <= limits.retyped_share:
            continue
        name = c.label(system)
        found.append(c.finding(
            "retyped", "medium", "unsynced-copy-overlaps-the-owner",
            f"{len(overlap):,} of {len(rows):,} clients in {name} ({share:.0%}) are also in {owner_name}; "
            f"the map says this copy is {knowledge().syncs[sync].kept}, so someone copies them across by hand.",
            f"Replace the hand copying with a one-way sync from {owner_name} to {name}, or stop keeping "
            f"clients in {name}.",
            (system, owner), (_copy_cause(path, name, sync, owner_name),),
            {"rows": len(rows), "overlap": len(overlap)}, overlap))
    return found


def _copy_cause(path: str, name: str, sync: str, owner_name: str) -> Cause:
    """The map's copy behind a finding: "Trello keeps a copy from HubSpot, re-typed by hand"."""
    return Cause(path, f"{name} keeps a copy from {owner_name}, {knowledge().syncs[sync].words}")


def rule_owner_incomplete(c: _Context) -> list[EvidenceFinding]:
    """Clients that exist only outside the owner, in a tool the map gives no copy
    (a declared copy's missing clients are drift)."""
    owner = c.map.owner
    if owner is None or not c.exported(owner):
        return []
    found = []
    owner_name = c.label(owner)
    outside = list(dict.fromkeys(e.system for e in c.exports if e.system != owner and e.system not in c.map.copies))
    for system in outside:
        rows = c.clients(system)
        missing, counts, also = c.missing(rows, owner)
        if not missing:
            continue
        name = c.label(system)
        found.append(c.finding(
            "owner-incomplete", "high", "owner-holds-every-client",
            f"{_of(len(missing), len(rows), name)} not in {owner_name}, the system of record{also}; "
            f"the map gives {name} no copy of {_entity_words(c.entity)}.",
            f"Add them to {owner_name}; if {name} keeps clients on purpose, declare it in the map as a copy "
            "with its sync.",
            (system, owner), (Cause(c.system_path(system), f"{name} holds clients the map does not declare"),),
            counts, missing))
    return found


RULES = (rule_drift, rule_duplicate_within, rule_retyped, rule_owner_incomplete)


def flagged_rows(result: EvidenceResult, export: Export) -> dict[str, int]:
    """Per finding kind, how many of this export's rows the findings flag."""
    counts: dict[str, int] = {}
    for item in result.findings:
        rows = {client.row for client in item.flagged if client.export == export.index}
        if rows:
            counts[item.finding.kind] = counts.get(item.finding.kind, 0) + len(rows)
    return counts

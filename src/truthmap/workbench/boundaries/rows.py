"""What the boundary editor's tables show, built from a profile: no Textual here.

Each row is keyed by the profile path it shows (`records[2].copies[0]`), so
a finding's path finds its row (`row_for_path`) and the findings are placed
on rows and cells (`place_findings`).  Cells are rich Text: profile text is
shown literally, controls made visible.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from ... import editing
from ...analysis import SEVERITIES, Analysis, Finding
from ...analysis.findings import duplication_severity
from ...cells import fit
from ...knowledge import knowledge
from ...text import visible
from ...vocabulary import STAGES, SYNC_MODES, SYSTEM_KINDS
from ..severity import SEVERITY_MARK

if TYPE_CHECKING:
    from ...model import Profile

SECTIONS = ("systems", "records", "stages", "handoffs")
SEVERITY_ORDER = SEVERITIES
# The same marks as the findings panel, so a row reads like its finding.
SEVERITY_GLYPH = {severity: mark[0] for severity, mark in SEVERITY_MARK.items()}
SEVERITY_COLOUR = {"high": "text-error", "medium": "text-warning", "low": "text-primary"}
DETAIL_FINDINGS = 2  # more are counted, not shown: the findings panel has them all

NONE = ""  # the choice value for "no system"
CUSTOM = "\0custom"  # the entity choice that reveals a text field

COLUMNS = {
    "systems": (("name", "System"), ("kind", "Kind"), ("id", "Id")),
    "records": (("entity", "Data"), ("owner", "System"), ("held", "Kept as"), ("steward", "Steward")),
    "stages": (("stage", "Stage"), ("system", "System"), ("owner", "Owner")),
    "handoffs": (("from", "From"), ("to", "To"), ("trigger", "Trigger"), ("owner", "Owner")),
}


def literal(text: str, style: str = "") -> Text:
    """Profile text as a Text that is shown exactly as typed, controls made visible."""
    return Text(visible(text), style=style, end="")


CELL_MOST = 24  # cells of profile text a table column shows: a long name never pushes the others out


def cell(text: str, style: str = "", *, middle: bool = False) -> Text:
    """Profile text for a table cell: literal, and cut with an ellipsis past `CELL_MOST`
    (the edit dialog shows all of it); `middle` keeps the end too, for ids that differ there."""
    return Text(fit(visible(text), CELL_MOST, middle=middle), style=style, end="")


@dataclass(frozen=True)
class Row:
    key: str
    cells: dict[str, Text]


@dataclass
class Marks:
    """Findings placed on rows and cells: worst severity per row/cell, findings per row."""

    rows: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    cells_of: dict[str, dict[str, str]] = field(default_factory=dict)  # row key -> {column: severity}
    sections: dict[str, str] = field(default_factory=dict)  # row key -> its section

    def add(self, section: str, key: str, column: str | None, finding: Finding) -> None:
        self.sections[key] = section
        self.rows[key] = _worse(self.rows.get(key), finding.severity)
        if column:
            worst = _worse(self.cells.get((key, column)), finding.severity)
            self.cells[(key, column)] = worst
            self.cells_of.setdefault(key, {})[column] = worst
        listed = self.findings.setdefault(key, [])
        if finding not in listed:
            listed.append(finding)


def _worse(current: str | None, severity: str) -> str:
    if current is None:
        return severity
    return min(current, severity, key=SEVERITY_ORDER.index)


_RECORD_PATH = re.compile(r"records\[(\d+)\](?:\.copies\[(\d+)\]|\.(owner|steward|entity))?")
_ITEM_PATH = re.compile(r"(systems|stages|handoffs)\[(\d+)\]")


def row_for_path(profile: Profile, path: str, stage: str | None = None) -> tuple[str, str, str | None] | None:
    """(section, row key, column) that shows the profile item at `path`, or None."""
    if match := _RECORD_PATH.match(path):
        index, copy_index, attribute = match.groups()
        if copy_index is not None:
            return "records", f"records[{index}].copies[{copy_index}]", None
        column = {"owner": "owner", "steward": "steward", "entity": "entity"}.get(attribute or "")
        return "records", f"records[{index}]", column
    if match := _ITEM_PATH.match(path):
        section, index = match.group(1), int(match.group(2))
        if section != "stages":
            return section, f"{section}[{index}]", None
        if index < len(profile.stages):
            return "stages", f"stage:{profile.stages[index].stage}", None
        return None
    if path == "stages":
        return "stages", f"stage:{stage}" if stage else "", None
    return None


def place_findings(profile: Profile, analysis: Analysis | None) -> Marks:
    marks = Marks()
    for finding in analysis.findings if analysis else ():
        for cause in finding.causes:
            placed = row_for_path(profile, cause.path, finding.stage)
            if placed and placed[1]:
                marks.add(*placed, finding)
    return marks


def dim(text: str) -> Text:
    return Text(text, style="dim italic", end="")


def _system_cell(profile: Profile, system_id: str | None, missing: str) -> Text:
    return cell(profile.system_label(system_id)) if system_id else dim(missing)


def _entity_cell(entity: str) -> Text:
    if entity in knowledge().entities:
        return Text(knowledge().entity_label(entity), end="")
    return cell(entity, "italic", middle=True)  # custom: shown as the id the person chose


def _person_cell(person: str | None) -> Text:
    return cell(person) if person else dim("—")


def system_rows(profile: Profile) -> list[Row]:
    return [
        Row(f"systems[{i}]", {"name": cell(s.name), "kind": Text(knowledge().kinds[s.kind].label),
                              "id": cell(s.id, "dim", middle=True)})
        for i, s in enumerate(profile.systems)
    ]


PHASE_ORDER = ("pre-kickoff", "bridge", "post-kickoff", "money")


def lifecycle_order(profile: Profile) -> list[int]:
    """Indices of the records in lifecycle order: by the entity's phase, then as the
    knowledge lists the entities; custom kinds last; the file's order breaks ties."""
    entities = list(knowledge().entities)

    def rank(index: int) -> tuple[int, int, int]:
        entity = profile.records[index].entity
        if entity not in knowledge().entities:
            return len(PHASE_ORDER), len(entities), index
        phase = knowledge().entity_phase(entity)
        phase_rank = PHASE_ORDER.index(phase) if phase in PHASE_ORDER else len(PHASE_ORDER)
        return phase_rank, entities.index(entity), index

    return sorted(range(len(profile.records)), key=rank)


def record_rows(profile: Profile) -> list[Row]:
    """Records in lifecycle order (display only: the file keeps its own order)."""
    rows = []
    for i in lifecycle_order(profile):
        record = profile.records[i]
        rows.append(Row(f"records[{i}]", {
            "entity": _entity_cell(record.entity),
            "owner": _system_cell(profile, record.owner, "none"),
            "held": Text("record"),
            "steward": _person_cell(record.steward),
        }))
        for j, copy in enumerate(record.copies):
            rows.append(Row(f"records[{i}].copies[{j}]", {
                "entity": dim("  └ copy"),
                "owner": _system_cell(profile, copy.system, "?"),
                "held": Text(f"copy · {knowledge().syncs[copy.sync].short}"),
                "steward": Text(""),
            }))
    return rows


def stage_rows(profile: Profile) -> list[Row]:
    rows = []
    for stage in STAGES:
        found = editing.stage_entry(profile, stage)
        entry = found[1] if found else None
        rows.append(Row(f"stage:{stage}", {
            "stage": Text(knowledge().stages[stage].label),
            "system": _system_cell(profile, entry.system if entry else None, "untracked"),
            "owner": _person_cell(entry.owner if entry else None),
        }))
    return rows


def handoff_rows(profile: Profile) -> list[Row]:
    return [
        Row(f"handoffs[{i}]", {
            "from": Text(knowledge().stages[h.from_stage].label),
            "to": Text(f"→ {knowledge().stages[h.to_stage].label}"),
            "trigger": _person_cell(h.trigger), "owner": _person_cell(h.owner),
        })
        for i, h in enumerate(profile.handoffs)
    ]


ROWS: dict[str, Callable[[Profile], list[Row]]] = {
    "systems": system_rows, "records": record_rows, "stages": stage_rows, "handoffs": handoff_rows,
}


def row_index(key: str, name: str) -> int:
    """The number after `name[` in a row key: row_index("records[2].copies[0]", "copies") == 0."""
    return int(re.search(rf"{name}\[(\d+)\]", key).group(1))


def people(profile: Profile) -> list[str]:
    """Everyone named in the profile, for suggestions while typing a person."""
    named = [r.steward for r in profile.records] + [s.owner for s in profile.stages]
    named += [h.owner for h in profile.handoffs]
    return list(dict.fromkeys(n for n in named if n))


def first_unmapped(profile) -> str:
    """The kind of data a new record starts as: the first standard one with no record yet
    (the client first, as the lifecycle lists them), so adding never starts a second owner."""
    mapped = {record.entity for record in profile.records}
    entities = knowledge().entities
    return next((entity for entity in ("client", *entities) if entity not in mapped), "client")


def marked(row: Row, marks: Marks, style: Callable[[str], Style]) -> Row:
    """`row` with its findings shown: a glyph in front, the cells they concern in `style(severity)`."""
    severity = marks.rows.get(row.key)
    cells = dict(row.cells)
    for column, cell_severity in marks.cells_of.get(row.key, {}).items():
        cells[column] = cells[column].copy()
        cells[column].stylize(style(cell_severity))
    mark = Text(SEVERITY_GLYPH[severity], style=style(severity)) if severity else Text(" ")
    return Row(row.key, {"mark": mark, **cells})


def section_label(section: str, severities: list[str], style: Callable[[str], Style]) -> Text:
    """A section's tab: its name, and how many of its rows have a finding, by their worst
    severity ("Records ▲3 ◆5"), not one count under the worst's mark, which read as that many
    high ones."""
    label = Text(section.title())
    for severity in SEVERITY_ORDER:
        if count := severities.count(severity):
            label.append(f" {SEVERITY_GLYPH[severity]}{count}", style(severity))
    return label


def detail(findings: list[Finding], hint: str, style: Callable[[str], Style]) -> Text:
    """The line under the table: the highlighted row's first findings, else what its keys do."""
    if not findings:
        return Text(hint, style="dim")
    shown = findings[:DETAIL_FINDINGS]
    lines = [Text.assemble((SEVERITY_GLYPH[f.severity] + " ", style(f.severity)), literal(f.message)) for f in shown]
    if len(shown) < len(findings):
        lines.append(Text(f"… and {len(findings) - len(shown)} more in Findings", style="dim"))
    return Text("\n").join(lines)


def kind_choices() -> list[tuple[str, str]]:
    """Kinds of tool by label ("Project management"): ids stay in the file."""
    return [(knowledge().kinds[kind].label, kind) for kind in SYSTEM_KINDS]


def sync_choices() -> list[tuple[str, str]]:
    return [(knowledge().syncs[mode].label, mode) for mode in SYNC_MODES]


def stage_choices(stages) -> list[tuple[str, str]]:
    """Stages by label ("Kickoff"), in lifecycle order."""
    return [(knowledge().stages[stage].label, stage) for stage in stages]


@dataclass(frozen=True)
class SyncOption:
    """One way to keep a copy current, as the sync chooser lists it."""

    sync: str
    label: str  # its name, and the finding a copy kept so raises
    about: str  # what it means


def sync_options(owned: bool) -> list[SyncOption]:
    """Every sync mode with what it means and the finding a copy kept so raises
    (`owned`: the copy's record has a system of record), best first."""
    options = []
    for mode in SYNC_MODES:
        sync = knowledge().syncs[mode]
        severity = duplication_severity(mode, owned=owned)
        raises = f"{severity} finding" if severity else "no finding"
        options.append(SyncOption(mode, f"{sync.label} — {raises}", sync.means))
    return options


def entity_label(entity: str) -> Text:
    """A kind of data by label ("Follow-ups"); one of the person's own is marked as such."""
    if entity in knowledge().entities:
        return Text(knowledge().entity_label(entity))
    return literal(f"{entity}  (your own)")


def system_choices(profile: Profile, none_label: str | None = None, exclude: str | None = None) -> list[tuple[Text, str]]:
    """The profile's systems for a choice field, "none" first if `none_label` is given."""
    choices = [(literal(s.name), s.id) for s in profile.systems if s.id != exclude]
    return ([(dim(none_label), NONE)] if none_label is not None else []) + choices

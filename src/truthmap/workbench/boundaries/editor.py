"""The workflow-boundary editor: systems, records, stages and handoffs.

A table per section (made when the section is first shown), each row keyed
by the profile path it shows (`records[2].copies[0]`), so a finding's path
finds its row.  Edits go through :mod:`truthmap.editing` (which refuses
anything that would make the profile invalid) and are posted as
:class:`BoundaryEditor.ProfileEdited`; the tables are redrawn from `profile`
and re-marked from `analysis` (both set by the screen, the analysis last)
when they change, updating only the cells that differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, Static

from ... import editing
from ...analysis import SEVERITIES, Analysis, Finding
from ...knowledge import knowledge
from ...vocabulary import STAGES, SYNC_MODES, SYSTEM_KINDS
from ...text import visible
from ..panes.findings_panel import SEVERITY_MARK
from ..widgets.live_text import looks
from ..tcss import read_tcss
from ..widgets.row_table import RowTable
from ..widgets.tab_strip import TabStrip
from .dialogs import (
    ByHand, CatalogDialog, ChoiceField, ConfirmDialog, Form, FormDialog, HandoffDialog, TextField, literal,
)

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

SYNC_SHORT = {"one-way": "one-way", "two-way": "two-way", "manual": "manual", "none": "no sync"}
SYNC_WORDS = {
    "one-way": "one-way sync from the system of record",
    "two-way": "two-way sync: either side can overwrite",
    "manual": "re-typed by hand",
    "none": "not kept current",
}


# ------------------------------------------------------------------ what each row shows


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


def _dim(text: str) -> Text:
    return Text(text, style="dim italic", end="")


def _system_cell(profile: Profile, system_id: str | None, missing: str) -> Text:
    return literal(profile.system_label(system_id)) if system_id else _dim(missing)


def _entity_cell(entity: str) -> Text:
    if entity in knowledge().entities:
        return Text(knowledge().entity_label(entity), end="")
    return literal(entity, "italic")  # custom: shown as the id the person chose


def _person_cell(person: str | None) -> Text:
    return literal(person) if person else _dim("—")


def system_rows(profile: Profile) -> list[Row]:
    return [
        Row(f"systems[{i}]", {"name": literal(s.name), "kind": Text(s.kind), "id": literal(s.id, "dim")})
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
                "entity": _dim("  └ copy"),
                "owner": _system_cell(profile, copy.system, "?"),
                "held": Text(f"copy · {SYNC_SHORT[copy.sync]}"),
                "steward": Text(""),
            }))
    return rows


def stage_rows(profile: Profile) -> list[Row]:
    rows = []
    for stage in STAGES:
        found = editing.stage_entry(profile, stage)
        entry = found[1] if found else None
        rows.append(Row(f"stage:{stage}", {
            "stage": Text(stage),
            "system": _system_cell(profile, entry.system if entry else None, "untracked"),
            "owner": _person_cell(entry.owner if entry else None),
        }))
    return rows


def handoff_rows(profile: Profile) -> list[Row]:
    return [
        Row(f"handoffs[{i}]", {
            "from": Text(h.from_stage), "to": Text(f"→ {h.to_stage}"),
            "trigger": _person_cell(h.trigger), "owner": _person_cell(h.owner),
        })
        for i, h in enumerate(profile.handoffs)
    ]


ROWS: dict[str, Callable[[Profile], list[Row]]] = {
    "systems": system_rows, "records": record_rows, "stages": stage_rows, "handoffs": handoff_rows,
}


def _index(key: str, name: str) -> int:
    """The number after `name[` in a row key: _index("records[2].copies[0]", "copies") == 0."""
    return int(re.search(rf"{name}\[(\d+)\]", key).group(1))


def people(profile: Profile) -> list[str]:
    """Everyone named in the profile, for suggestions while typing a person."""
    named = [r.steward for r in profile.records] + [s.owner for s in profile.stages]
    named += [h.owner for h in profile.handoffs]
    return list(dict.fromkeys(n for n in named if n))


# ------------------------------------------------------------------ the widget


MAX_CELL_UPDATES = 200  # beyond this many changed cells a table is rebuilt rather than patched


class BoundaryTable(RowTable):
    """One section's table; rows keyed by profile path."""

    def __init__(self, section: str) -> None:
        super().__init__(id=f"boundary-{section}", cursor_type="row", zebra_stripes=False)
        self.section = section
        self.shown: dict[tuple[str, str], tuple] = {}  # (row, column) -> what the cell shows
        # Text, not str: a str label is read as Rich markup (and loads its large emoji table).
        self.add_column(Text(" "), key="mark", width=1)  # first, so a narrow pane never hides it
        for key, label in COLUMNS[section]:
            self.add_column(Text(label), key=key)

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def show(self, rows: list[Row], cursor_to: str | None = None) -> None:
        """Make the table show `rows`, touching only what changed; keep the cursor row."""
        keys = [row.key for row in rows]
        changed = [(row.key, column, cell) for row in rows for column, cell in row.cells.items()
                   if self.shown.get((row.key, column)) != looks(cell)]
        # A few cells change in place; many (the first marks of thousands of rows)
        # are quicker added afresh: each update_cell costs a pass over the table.
        if keys == [row.key.value for row in self.ordered_rows] and len(changed) <= MAX_CELL_UPDATES:
            for key, column, cell in changed:
                self.update_cell(key, column, cell, update_width=True)
        else:
            self._rebuild(rows, keys)
        self.shown = {(row.key, column): looks(cell) for row in rows for column, cell in row.cells.items()}
        if cursor_to in keys:
            self.move_cursor(row=keys.index(cursor_to), animate=False)

    def _rebuild(self, rows: list[Row], keys: list[str]) -> None:
        old_key, old_index = self.current_key, self.cursor_row
        self.clear()
        for row in rows:
            self.add_row(*row.cells.values(), key=row.key)
        if old_key in keys:
            self.move_cursor(row=keys.index(old_key), animate=False)
        elif keys:
            self.move_cursor(row=min(old_index, len(keys) - 1), animate=False)


def first_unmapped(profile) -> str:
    """The kind of data a new record starts as: the first standard one with no record yet
    (the client first, as the lifecycle lists them), so adding never starts a second owner."""
    mapped = {record.entity for record in profile.records}
    entities = knowledge().entities
    return next((entity for entity in ("client", *entities) if entity not in mapped), "client")


# Actions whose keys come and go with the section and the highlighted row.
KEYED_ACTIONS = ("add", "edit", "remove", "clear_stage", "add_copy", "cycle_sync")


class BoundaryEditor(Vertical):
    """Edits systems, records, stages and handoffs; posts ProfileEdited."""

    class ProfileEdited(Message):
        """The editor changed the profile; `profile` is the complete new version."""

        def __init__(self, profile: Profile) -> None:
            super().__init__()
            self.profile = profile

    profile: var[Profile | None] = var(None, init=False)
    """The profile shown and edited."""

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The analysis of `profile`, for the marks; set after `profile` on every change."""

    DEFAULT_CSS = read_tcss(__file__, "editor.tcss")

    # Priority bindings run as the key is read, before the keys typed after
    # it: "e" then a quick "d" must never reach the table as "remove".  They
    # only apply while focus is in the editor, which holds no text input.
    BINDINGS = [
        Binding("a", "add", "Add", priority=True),
        Binding("e", "edit", "Edit", priority=True),
        Binding("d,delete", "remove", "Remove", priority=True),
        Binding("d,delete", "clear_stage", "Untrack", priority=True),
        Binding("c", "add_copy", "Add copy", priority=True),
        Binding("s", "cycle_sync", "Sync", priority=True),
        Binding("right_square_bracket", "section(1)", "Section", priority=True),
        Binding("left_square_bracket", "section(-1)", "Prev section", show=False, priority=True),
    ]

    def __init__(self, *, id: str | None = "boundary-editor", classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marks = Marks()
        self._cursor_to: dict[str, str] = {}
        self._detail_signature: tuple | None = None
        self._shown: tuple | None = None  # (the profile's four lists, findings) last drawn
        self._offered: tuple | None = None  # which keyed actions the footer offers now
        # Hidden sections whose rows are drawn when their table is first asked for:
        # hundreds of records cost time and megabytes nobody may look at.
        # section -> (the profile to draw, the row to put the cursor on)
        self._waiting: dict[str, tuple[Profile, str | None]] = {}
        # Each section's table, made when the section is first shown (a hidden
        # DataTable still costs ~150 kB); the first section's is there from the start.
        self._tables: dict[str, BoundaryTable] = {SECTIONS[0]: BoundaryTable(SECTIONS[0])}

    def compose(self) -> ComposeResult:
        # One focus stop per section: its table.  [ and ] switch sections; the strip is for the mouse.
        yield TabStrip({section: section.title() for section in SECTIONS}, SECTIONS[0], id="boundary-sections")
        yield self._tables[SECTIONS[0]]
        yield Static("", id="boundary-detail")

    def on_mount(self) -> None:
        # Marks are coloured from the theme; the signal comes once its colours are in place.
        self.app.theme_changed_signal.subscribe(self, self._recolour)
        self._refresh()

    # ------------------------------------------------------------- state

    def watch_analysis(self) -> None:
        # Every change of the profile comes with a new analysis (set last): draw then, once.
        if self.children:
            self._refresh()

    @property
    def section(self) -> str:
        return self.query_one(TabStrip).active

    def table(self, section: str | None = None) -> BoundaryTable:
        """A section's table (the shown one by default), with its rows up to date."""
        section = section or self.section
        table = self._tables.get(section)
        if table is None:
            table = self._tables[section] = BoundaryTable(section)
            table.display = section == self.section
            self.mount(table, before="#boundary-detail")
        if section in self._waiting:
            profile, cursor_to = self._waiting.pop(section)
            table.show([self._marked(row) for row in ROWS[section](profile)], cursor_to)
        return table

    def _switch(self, section: str) -> BoundaryTable:
        """Show a section's table (made and filled if need be) and hide the others."""
        self.query_one(TabStrip).active = section
        table = self.table(section)
        for shown in self._tables.values():
            shown.display = shown is table
        self._show_detail()
        self._refresh_keys()
        return table

    def _recolour(self, *_: object) -> None:
        self._shown = None
        self._refresh()

    def _refresh(self, *_: object) -> None:
        profile = self.profile
        if profile is None or self.analysis is None:
            return  # drawn once its analysis is known: a large profile's rows are built once, marked
        findings = self.analysis.findings
        # An answer changes neither the boundaries (edits copy the profile, sharing
        # these lists) nor, mostly, the findings: nothing to redraw then.
        shown = (profile.systems, profile.records, profile.stages, profile.handoffs)
        if self._shown is not None and all(a is b for a, b in zip(self._shown[0], shown)) \
                and self._shown[1] == findings:
            return
        self._shown = (shown, findings)
        self.marks = place_findings(profile, self.analysis)
        for section in SECTIONS:
            self._waiting[section] = (profile, self._cursor_to.pop(section, None))
            self._label_section(section, [severity for key, severity in self.marks.rows.items()
                                          if self.marks.sections[key] == section])
        self.table()  # the shown section now, the others when asked for
        self._show_detail()
        if self.has_focus_within:  # the footer shows our keys only then; rebuilding it costs a layout
            self._refresh_keys()

    def _marked(self, row: Row) -> Row:
        severity = self.marks.rows.get(row.key)
        cells = dict(row.cells)
        for column, cell_severity in self.marks.cells_of.get(row.key, {}).items():
            cells[column] = cells[column].copy()
            cells[column].stylize(self._severity_style(cell_severity))
        mark = Text(SEVERITY_GLYPH[severity], style=self._severity_style(severity)) if severity else Text(" ")
        return Row(row.key, {"mark": mark, **cells})

    def _label_section(self, section: str, severities: list[str]) -> None:
        """The tab says how many rows of its section have a finding, marked by the worst one."""
        label = Text(section.title())
        if severities:
            worst = min(severities, key=SEVERITY_ORDER.index)
            label.append(f" {SEVERITY_GLYPH[worst]}{len(severities)}", self._severity_style(worst))
        self.query_one(TabStrip).set_label(section, label)

    def _severity_style(self, severity: str) -> Style:
        colour = self.app.theme_variables.get(SEVERITY_COLOUR[severity])
        return Style(color=colour, bold=True)

    # ------------------------------------------------------------- detail line

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self._refresh_keys()  # e.g. "s Sync" only shows on a copy

    @on(TabStrip.Activated)
    def _section_clicked(self, event: TabStrip.Activated) -> None:
        event.stop()
        self.show_section(event.name)

    def _refresh_keys(self) -> None:
        """Refresh the footer's keys only when the row's actions change: the footer
        rebuilds itself and lays out the screen on every refresh, each arrow key."""
        offered = tuple(self.check_action(action, ()) for action in KEYED_ACTIONS)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def _show_detail(self) -> None:
        key = self.table().current_key
        findings = self.marks.findings.get(key or "", [])
        if findings:
            shown = findings[:DETAIL_FINDINGS]
            lines = [Text.assemble((SEVERITY_GLYPH[f.severity] + " ", self._severity_style(f.severity)),
                                   literal(f.message)) for f in shown]
            if len(shown) < len(findings):
                lines.append(Text(f"… and {len(findings) - len(shown)} more in Findings", style="dim"))
            detail = Text("\n").join(lines)
        else:
            detail = Text(self._hint(key), style="dim")
        signature = looks(detail)
        if signature != self._detail_signature:  # an unchanged update would still cost a layout pass
            self._detail_signature = signature
            # A box of fixed height (editor.tcss): a repaint, never a layout.
            self.query_one("#boundary-detail", Static).update(detail, layout=False)

    def _hint(self, key: str | None) -> str:
        hints = {
            "systems": "a: add a tool · e: rename or change its kind · d: remove",
            "records": "a: map a kind of data · c: add a copy · s: change a copy's sync",
            "stages": "e: choose the system that tracks the stage, and its owner · d: untrack",
            "handoffs": "a: declare how work passes from one stage to a later one",
        }
        return ("Nothing here yet · " if key is None else "No findings here · ") + hints[self.section]

    # ------------------------------------------------------------- bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        section = self.section
        # The shown section's table, never made here: the footer asks at any time.
        shown = self._tables.get(section)
        key = shown.current_key if shown is not None and self.is_mounted else None
        if action == "add":
            return section != "stages"
        if action == "edit":
            return True if key else None
        if action == "remove":
            return (True if key else None) if section != "stages" else False
        if action == "clear_stage":
            return section == "stages"
        if action == "add_copy":
            return (True if key else None) if section == "records" else False
        if action == "cycle_sync":
            return section == "records" and key is not None and ".copies[" in key
        return True

    def action_section(self, step: int) -> None:
        index = (SECTIONS.index(self.section) + step) % len(SECTIONS)
        self.show_section(SECTIONS[index])

    def show_section(self, section: str) -> None:
        self._switch(section).focus()

    # ------------------------------------------------------------- applying edits

    def apply(self, profile: Profile | None, section: str, cursor_to: str | None = None, said: str = "") -> None:
        """Post an edit (if any) and remember where the cursor should land."""
        if profile is None or profile == self.profile:
            return
        if cursor_to:
            self._cursor_to[section] = cursor_to
        self.post_message(self.ProfileEdited(profile))
        if said:
            self.notify(visible(said), markup=False)  # it may name a system: its controls shown, never sent

    def _try(self, change: Callable[[], Profile], section: str, cursor_to: str | None = None, said: str = "") -> None:
        try:
            profile = change()
        except ValueError as refused:
            self.notify(visible(str(refused)), severity="warning", markup=False)
            return
        self.apply(profile, section, cursor_to, said)

    def _form(self, form: Form, section: str, cursor_to: Callable[[Profile], str | None] | str | None = None,
              dialog: type[FormDialog] = FormDialog) -> None:
        def done(profile: Profile | None) -> None:
            target = cursor_to(profile) if callable(cursor_to) and profile else cursor_to
            self.apply(profile, section, target if isinstance(target, str) else None)

        self.app.push_screen(dialog(form), done)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        {"systems": self._add_system, "records": self._add_record, "handoffs": self._add_handoff}.get(
            self.section, lambda: None)()

    def action_edit(self) -> None:
        key = self.table().current_key
        if key is None:
            return
        if self.section == "systems":
            self._edit_system(_index(key, "systems"))
        elif self.section == "records" and ".copies[" in key:
            self._edit_copy(_index(key, "records"), _index(key, "copies"))
        elif self.section == "records":
            self._edit_record(_index(key, "records"))
        elif self.section == "stages":
            self._edit_stage(key.removeprefix("stage:"))
        else:
            self._edit_handoff(_index(key, "handoffs"))

    def action_remove(self) -> None:
        key = self.table().current_key
        if key is None:
            return
        if self.section == "systems":
            self._remove_system(_index(key, "systems"))
        elif self.section == "records" and ".copies[" in key:
            self._remove_copy(_index(key, "records"), _index(key, "copies"))
        elif self.section == "records":
            self._remove_record(_index(key, "records"))
        elif self.section == "handoffs":
            self._remove_handoff(_index(key, "handoffs"))

    # ------------------------------------------------------------- systems

    def _system_choices(self, none_label: str | None = None, exclude: str | None = None) -> list[tuple[Text, str]]:
        choices = [(literal(s.name), s.id) for s in self.profile.systems if s.id != exclude]
        return ([(_dim(none_label), NONE)] if none_label is not None else []) + choices

    def _add_system(self) -> None:
        def picked(choice) -> None:
            if isinstance(choice, ByHand):
                self._system_by_hand(choice.name)
            elif choice is not None:
                self._try(lambda: editing.add_catalog_tool(self.profile, choice), "systems",
                          f"systems[{len(self.profile.systems)}]", f"Added {choice.name} ({knowledge().kinds[choice.kind].noun}).")

        declared = {system.id for system in self.profile.systems}
        self.app.push_screen(CatalogDialog(declared), picked)

    def _system_by_hand(self, name: str) -> None:
        form = Form(
            "Add a system by hand",
            [TextField("name", "Name", name, "What you call the tool"),
             ChoiceField("kind", "Kind", _kind_choices(), "other")],
            lambda v: editing.add_system(self.profile, v["name"], v["kind"]),
            note="Its id is made from the name.",
            action="Add",
        )
        self._form(form, "systems", f"systems[{len(self.profile.systems)}]")

    def _edit_system(self, index: int) -> None:
        system = self.profile.systems[index]

        def build(values: dict[str, str]) -> Profile:
            renamed = editing.rename_system(self.profile, system.id, values["name"])
            return editing.change_system_kind(renamed, system.id, values["kind"])

        form = Form(
            f"System {system.name}",
            [TextField("name", "Name", system.name), ChoiceField("kind", "Kind", _kind_choices(), system.kind)],
            build,
            note=f"Id {system.id} stays, so everything that refers to it still does.",
        )
        self._form(form, "systems", f"systems[{index}]")

    def _remove_system(self, index: int) -> None:
        system = self.profile.systems[index]
        removal = editing.remove_system(self.profile, system.id)
        lines = list(removal.affected) or ["Nothing else refers to it."]

        def answered(remove: bool | None) -> None:
            if remove:
                self.apply(removal.profile, "systems", said=f"Removed {system.name}.")

        self.app.push_screen(ConfirmDialog(f"Remove {system.name}?", lines), answered)

    # ------------------------------------------------------------- records

    def _record_form(self, title: str, entity: str, owner: str | None, steward: str | None,
                     build: Callable[[str, str | None, str | None], Profile], action: str) -> Form:
        choices = [(_entity_label(e), e) for e in editing.entity_choices(self.profile)]
        choices.append((_dim("Another kind of data…"), CUSTOM))

        def values_to_profile(values: dict[str, str]) -> Profile:
            chosen = values["custom"].strip() if values["entity"] == CUSTOM else values["entity"]
            return build(chosen, values["owner"] or None, values["steward"])

        return Form(
            title,
            [ChoiceField("entity", "Kind of data", choices, entity),
             TextField("custom", "Id of the new kind of data", "", "e.g. retainers or site_visits"),
             ChoiceField("owner", "System of record", self._system_choices("none yet"), owner or NONE),
             TextField("steward", "Steward (accountable person)", steward or "", "e.g. Dana (sales)",
                       people(self.profile))],
            values_to_profile,
            action=action,
            shown_when={"custom": ("entity", CUSTOM)},
        )

    def _add_record(self) -> None:
        form = self._record_form("Map a kind of data", first_unmapped(self.profile), None, None,
                                 lambda e, o, s: editing.add_record(self.profile, e, o, s), "Add")
        self._form(form, "records", lambda profile: f"records[{len(profile.records) - 1}]")

    def _edit_record(self, index: int) -> None:
        record = self.profile.records[index]
        form = self._record_form(f"{knowledge().entity_label(record.entity)}", record.entity, record.owner,
                                 record.steward,
                                 lambda e, o, s: editing.set_record(self.profile, index, e, o, s), "Save")
        self._form(form, "records", f"records[{index}]")

    def _remove_record(self, index: int) -> None:
        record = self.profile.records[index]
        label = knowledge().entity_label(record.entity)
        where = self.profile.system_label(record.owner) if record.owner else "no system"
        lines = [f"Its {len(record.copies)} copies go with it."] if record.copies else []

        def answered(remove: bool | None) -> None:
            if remove:
                self.apply(editing.remove_record(self.profile, index), "records", said=f"Removed {label}.")

        self.app.push_screen(ConfirmDialog(f"Remove the {label} record ({where})?", lines), answered)

    def action_add_copy(self) -> None:
        key = self.table("records").current_key
        if key is None:
            return
        index = _index(key, "records")
        record = self.profile.records[index]
        taken = {c.system for c in record.copies} | {record.owner}
        choices = [choice for choice in self._system_choices() if choice[1] not in taken]
        if not choices:
            self.notify("Every declared system already holds this record; add a system first.",
                        severity="warning", markup=False)
            return
        form = Form(
            f"Copy of {knowledge().entity_label(record.entity)}",
            [ChoiceField("system", "Also kept in", choices, choices[0][1]),
             ChoiceField("sync", "Kept current by", _sync_choices(), "one-way")],
            lambda v: editing.add_copy(self.profile, index, v["system"], v["sync"]),
            action="Add",
        )
        self._form(form, "records", f"records[{index}].copies[{len(record.copies)}]")

    def _edit_copy(self, index: int, copy_index: int) -> None:
        record = self.profile.records[index]
        copy = record.copies[copy_index]
        form = Form(
            f"Copy of {knowledge().entity_label(record.entity)}",
            [ChoiceField("system", "Kept in", self._system_choices(exclude=record.owner), copy.system),
             ChoiceField("sync", "Kept current by", _sync_choices(), copy.sync)],
            lambda v: editing.change_copy(self.profile, index, copy_index, v["system"], v["sync"]),
        )
        self._form(form, "records", f"records[{index}].copies[{copy_index}]")

    def _remove_copy(self, index: int, copy_index: int) -> None:
        record = self.profile.records[index]
        where = self.profile.system_label(record.copies[copy_index].system)
        said = f"Removed the {where} copy of {knowledge().entity_label(record.entity)}."
        self._try(lambda: editing.remove_copy(self.profile, index, copy_index), "records", said=said)

    def action_cycle_sync(self) -> None:
        key = self.table("records").current_key
        if key is None or ".copies[" not in key:
            return
        index, copy_index = _index(key, "records"), _index(key, "copies")
        current = self.profile.records[index].copies[copy_index].sync
        sync = SYNC_MODES[(SYNC_MODES.index(current) + 1) % len(SYNC_MODES)]
        self._try(lambda: editing.change_copy(self.profile, index, copy_index, sync=sync), "records", key)

    # ------------------------------------------------------------- stages

    def _edit_stage(self, stage: str) -> None:
        found = editing.stage_entry(self.profile, stage)
        entry = found[1] if found else None
        form = Form(
            f"The {stage} stage",
            [ChoiceField("system", "Tracked in", self._system_choices("untracked"),
                         (entry.system if entry else None) or NONE),
             TextField("owner", "Owner (person or role)", (entry.owner if entry else None) or "",
                       "who moves it along", people(self.profile))],
            lambda v: editing.set_stage(self.profile, stage, v["system"] or None, v["owner"]),
            note=knowledge().stages[stage].about,
        )
        self._form(form, "stages", f"stage:{stage}")

    def action_clear_stage(self) -> None:
        key = self.table("stages").current_key
        if key is None:
            return
        stage = key.removeprefix("stage:")
        if editing.stage_entry(self.profile, stage) is None:
            return
        self._try(lambda: editing.set_stage(self.profile, stage, None, None), "stages", key,
                  f"The {stage} stage is untracked now.")

    # ------------------------------------------------------------- handoffs

    def _handoff_form(self, title: str, start: str, end: str, trigger: str | None, owner: str | None,
                      build: Callable[[dict[str, str]], Profile], action: str) -> Form:
        return Form(
            title,
            [ChoiceField("from", "From stage", [(s, s) for s in STAGES[:-1]], start),
             ChoiceField("to", "To stage", [(s, s) for s in STAGES[1:]], end),
             TextField("trigger", "Trigger (what starts it)", trigger or "", "e.g. Deal marked won"),
             TextField("owner", "Owner (who carries it)", owner or "", "e.g. Dana (sales)", people(self.profile))],
            build,
            action=action,
        )

    def _add_handoff(self) -> None:
        start, end = self._suggested_handoff()
        form = self._handoff_form(
            "Declare a handoff", start, end, None, None,
            lambda v: editing.add_handoff(self.profile, v["from"], v["to"], v["trigger"], v["owner"]), "Add")
        self._form(form, "handoffs", lambda profile: f"handoffs[{len(profile.handoffs) - 1}]", HandoffDialog)

    def _suggested_handoff(self) -> tuple[str, str]:
        """The first pair of consecutive tracked stages in different systems with no handoff yet."""
        tracked = [s for s in STAGES if (found := editing.stage_entry(self.profile, s)) and found[1].system]
        declared = {(h.from_stage, h.to_stage) for h in self.profile.handoffs}
        for a, b in zip(tracked, tracked[1:]):
            systems = (editing.stage_entry(self.profile, a)[1].system, editing.stage_entry(self.profile, b)[1].system)
            if systems[0] != systems[1] and (a, b) not in declared:
                return a, b
        return "contract", "kickoff"

    def _edit_handoff(self, index: int) -> None:
        handoff = self.profile.handoffs[index]
        form = self._handoff_form(
            f"Handoff {handoff.from_stage} → {handoff.to_stage}", handoff.from_stage, handoff.to_stage,
            handoff.trigger, handoff.owner,
            lambda v: editing.edit_handoff(self.profile, index, v["from"], v["to"], v["trigger"], v["owner"]),
            "Save")
        self._form(form, "handoffs", f"handoffs[{index}]", HandoffDialog)

    def _remove_handoff(self, index: int) -> None:
        handoff = self.profile.handoffs[index]
        title = f"Remove the handoff {handoff.from_stage} → {handoff.to_stage}?"

        def answered(remove: bool | None) -> None:
            if remove:
                self.apply(editing.remove_handoff(self.profile, index), "handoffs", said="Removed the handoff.")

        self.app.push_screen(ConfirmDialog(title, []), answered)

    # ------------------------------------------------------------- going to a finding

    def go_to(self, path: str) -> None:
        """Reveal and focus the profile item at `path` (e.g. `records[2].copies[0]`)."""
        placed = row_for_path(self.profile, path)
        if placed is None:
            return
        section, key, _ = placed
        table = self._switch(section)
        keys = [row.key.value for row in table.ordered_rows]
        if key in keys:
            table.move_cursor(row=keys.index(key), animate=False, scroll=False)
            # Scroll once the section is laid out: a hidden table has no height to scroll within.
            self.call_after_refresh(self._centre_cursor, table)
        table.focus()
        self._show_detail()

    @staticmethod
    def _centre_cursor(table: BoundaryTable) -> None:
        """Put the cursor row mid-table, so the rows around it (its record, its copies) show too."""
        middle = table.scrollable_content_region.height // 2
        table.scroll_to(y=max(0, table.cursor_row - middle), animate=False)


def _kind_choices() -> list[tuple[str, str]]:
    return [(f"{kind}  ({knowledge().kinds[kind].label})", kind) for kind in SYSTEM_KINDS]


def _sync_choices() -> list[tuple[str, str]]:
    return [(f"{mode}: {SYNC_WORDS[mode]}", mode) for mode in SYNC_MODES]


def _entity_label(entity: str) -> Text:
    if entity in knowledge().entities:
        return Text(f"{knowledge().entity_label(entity)}  ({entity})")
    return literal(f"{entity}  (custom)")

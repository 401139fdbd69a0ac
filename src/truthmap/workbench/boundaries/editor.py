"""The workflow-boundary editor: systems, records, stages and handoffs.

A container of one section editor per section (each its section's table,
made when the section is first shown), a strip of section tabs and a line
about the highlighted row.  The screen hands it `profile` and `analysis`
(the analysis last); it draws each section's rows from them (rows.py),
updating only the cells that differ, and hands the section editors the
profile they edit.  Their edits go up as :class:`SectionEditor.Edited`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import DataTable, Static

from ...analysis import Analysis
from ..tcss import read_tcss
from ..widgets.live_text import looks
from ..widgets.tab_strip import TabStrip
from .handoffs import HandoffsEditor
from .records import RecordsEditor
from .rows import ROWS, SECTIONS, SEVERITY_COLOUR, Marks, detail, marked, place_findings, row_for_path, section_label
from .section import SectionEditor
from .stages import StagesEditor
from .systems import SystemsEditor

if TYPE_CHECKING:
    from ...model import Profile

EDITORS: dict[str, type[SectionEditor]] = {
    editor.SECTION: editor for editor in (SystemsEditor, RecordsEditor, StagesEditor, HandoffsEditor)
}


def severity_style(variables: Mapping[str, str], severity: str) -> Style:
    """A severity's badge style in a theme (its CSS variables).  Textual parses the colour, as
    it knows every colour a theme may name ("ansi_red" in the ANSI themes), and hands Rich
    the result: Rich's own parser refuses Textual's ANSI names."""
    colour = variables.get(SEVERITY_COLOUR[severity])
    return Style(color=Color.parse(colour).rich_color if colour else None, bold=True)


class BoundaryEditor(Vertical):
    """Edits systems, records, stages and handoffs, a section at a time."""

    HELP_TITLE = "Boundary editor"

    profile: var[Profile | None] = var(None, init=False)
    """The profile shown and edited."""

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The analysis of `profile`, for the marks; set after `profile` on every change."""

    DEFAULT_CSS = read_tcss(__file__, "editor.tcss")

    BINDINGS = [
        Binding("right_square_bracket", "section(1)", "Section", priority=True),
        Binding("left_square_bracket", "section(-1)", "Prev section", show=False, priority=True),
    ]

    def __init__(self, *, id: str | None = "boundary-editor", classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marks = Marks()
        self._detail_signature: tuple | None = None
        self._shown: tuple | None = None  # (the profile's four lists, findings) last drawn
        # Hidden sections whose rows are drawn when their table is first asked for:
        # hundreds of records cost time and megabytes nobody may look at.
        # section -> the profile to draw
        self._waiting: dict[str, Profile] = {}
        # Each section's editor, made when the section is first shown (a hidden
        # DataTable still costs memory: benchmarks/README.md); the first section's is
        # there from the start.
        self._editors: dict[str, SectionEditor] = {SECTIONS[0]: EDITORS[SECTIONS[0]]()}

    def compose(self) -> ComposeResult:
        # One focus stop per section: its table.  [ and ] switch sections; the strip is for the mouse.
        yield TabStrip({section: section.title() for section in SECTIONS}, SECTIONS[0], id="boundary-sections")
        yield self._editors[SECTIONS[0]]
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

    def table(self, section: str | None = None) -> SectionEditor:
        """A section's editor, its table (the shown one by default), with its rows up to date."""
        section = section or self.section
        editor = self._editors.get(section)
        if editor is None:
            editor = self._editors[section] = EDITORS[section]()
            editor.display = section == self.section
            self.mount(editor, before="#boundary-detail")
        if section in self._waiting:
            profile = self._waiting.pop(section)
            editor.profile = profile
            editor.show([marked(row, self.marks, self._severity_style) for row in ROWS[section](profile)],
                        editor.cursor_to)
            editor.cursor_to = None
        return editor

    def _switch(self, section: str) -> SectionEditor:
        """Show a section's editor (made and filled if need be) and hide the others."""
        self.query_one(TabStrip).active = section
        editor = self.table(section)
        for shown in self._editors.values():
            shown.display = shown is editor
        self._show_detail()
        editor.refresh_keys()
        return editor

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
            self._waiting[section] = profile
            severities = [severity for key, severity in self.marks.rows.items() if self.marks.sections[key] == section]
            self.query_one(TabStrip).set_label(section, section_label(section, severities, self._severity_style))
        editor = self.table()  # the shown section now, the others when asked for
        self._show_detail()
        if self.has_focus_within:  # the footer shows our keys only then; rebuilding it costs a layout
            editor.refresh_keys()

    def _severity_style(self, severity: str) -> Style:
        return severity_style(self.app.theme_variables, severity)

    # ------------------------------------------------------------- detail line

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.table().refresh_keys()  # e.g. "s Sync" only shows on a copy

    @on(TabStrip.Activated)
    def _section_clicked(self, event: TabStrip.Activated) -> None:
        event.stop()
        self.show_section(event.name)

    def _show_detail(self) -> None:
        editor = self.table()
        key = editor.current_key
        hint = ("Nothing here yet · " if key is None else "No findings here · ") + editor.HINT
        shown = detail(self.marks.findings.get(key or "", []), hint, self._severity_style)
        signature = looks(shown)
        if signature != self._detail_signature:  # an unchanged update would still cost a layout pass
            self._detail_signature = signature
            # A box of fixed height (editor.tcss): a repaint, never a layout.
            self.query_one("#boundary-detail", Static).update(shown, layout=False)

    # ------------------------------------------------------------- sections

    def action_section(self, step: int) -> None:
        index = (SECTIONS.index(self.section) + step) % len(SECTIONS)
        self.show_section(SECTIONS[index])

    def show_section(self, section: str) -> None:
        self._switch(section).focus()

    def action_add(self) -> None:
        """Add a row to the shown section (the palette's "Add a system…" and the like)."""
        self.table().action_add()

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
    def _centre_cursor(table: SectionEditor) -> None:
        """Put the cursor row mid-table, so the rows around it (its record, its copies) show too."""
        middle = table.scrollable_content_region.height // 2
        table.scroll_to(y=max(0, table.cursor_row - middle), animate=False)

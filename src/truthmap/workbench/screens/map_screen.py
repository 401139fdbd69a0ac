"""The swimlane map: the workflow as a picture, with its problems marked.

Stages run left to right, one lane per system; the fit bars sit under the
legend.  `tab` steps through the marks in reading order and the line at the
bottom explains the selected one; `enter` jumps to the profile item behind it.
The map follows every new analysis of the open profile.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Static

from ...analysis import Analysis
from ...glyphs import mark_look
from ...swimlane import Mark, SwimlaneMap, layout
from ...swimlane_draw import Drawing, draw_map, fit_lines, handoff_lines
from ...text import visible
from ..widgets.footer import Footer
from .profile_screen import JumpTo, ProfileScreen
from ..widgets.swimlane_view import SwimlaneCanvas
from ..tcss import beside


# Content styles for the explanation line, by the drawing's style names.
EXPLAIN_STYLES = {"dup": "$warning", "gap": "$warning", "dim": "$text-muted"}


def mark_identity(mark: Mark) -> tuple:
    """What makes a mark the same problem across re-analyses (paths may shift)."""
    return mark.kind, mark.lane, mark.stage, mark.entity, mark.finding.systems


def explain(mark: Mark | None, position: int, count: int, *, can_go: bool = True) -> Content:
    """The explanation line for the selected mark, or how to select one."""
    if mark is None:
        if not count:
            return Content("Nothing on this map needs fixing.")
        return Content.assemble(
            (f"{count} {'problem' if count == 1 else 'problems'} marked. ", "bold"),
            "tab / shift+tab step through them; arrows scroll the map.",
        )
    glyph, style, title = mark_look(mark.kind)
    parts: list = [(f"{glyph} {title}", f"bold {EXPLAIN_STYLES.get(style, '$error')}"), f"  ({position}/{count}, {mark.finding.severity})  ",
                   visible(mark.finding.message)]
    if mark.finding.fix:
        parts += [("  Fix: ", "bold"), visible(mark.finding.fix)]
    if not mark.located:
        parts.append(("  (not drawn on the map)", "italic"))
    if can_go and mark.finding.target:
        parts.append(("  enter: go there", "dim"))
    return Content.assemble(*parts)


def map_drawing(smap: SwimlaneMap, analysis: Analysis, width: int) -> Drawing:
    """The map, its legend, the fit bars and the handoffs in words, one under the other."""
    extra = [(), *fit_lines(analysis, width)]
    handoffs = handoff_lines(smap)
    if handoffs:
        extra += [(), *handoffs]
    return draw_map(smap, width).below(extra)


class MapScreen(ProfileScreen):
    """The open profile's workflow as a swimlane map, with the fit scores as bars."""

    class GoTo(JumpTo):
        """The selected mark's profile item: the app returns to the main screen and jumps there."""

    CSS_PATH = beside(__file__, "map_screen.tcss")
    TITLE = "Swimlane map"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("tab", "step(1)", "Next mark", priority=True, tooltip="Select the next marked problem on the map"),
        Binding("shift+tab", "step(-1)", "Previous mark", priority=True, tooltip="Select the previous marked problem"),
        Binding("enter", "go_to_mark", "Go there", tooltip="Open the profile item behind the selected mark in the editor"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield SwimlaneCanvas(id="map-canvas")
        yield Static(Content("Analysing the profile…"), id="map-info")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SwimlaneCanvas).focus()
        self._show(self.analysis)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.is_mounted:
            self._show(analysis)

    def _show(self, analysis: Analysis | None) -> None:
        profile = self.profile
        if analysis is None or profile is None:
            return
        smap = layout(profile, analysis.findings)

        canvas = self.query_one(SwimlaneCanvas)
        canvas.show(lambda width: map_drawing(smap, analysis, width), keep=mark_identity)
        self._explain(canvas.selected_mark, (canvas.selected or 0) + 1, len(canvas.drawing.marks))

    def on_swimlane_canvas_mark_selected(self, message: SwimlaneCanvas.MarkSelected) -> None:
        self._explain(message.mark, message.position, message.count)

    def _explain(self, mark: Mark | None, position: int, count: int) -> None:
        self.query_one("#map-info", Static).update(explain(mark, position, count))

    def action_step(self, direction: int) -> None:
        self.query_one(SwimlaneCanvas).step(direction)

    def action_go_to_mark(self) -> None:
        mark = self.query_one(SwimlaneCanvas).selected_mark
        if mark is None or not mark.finding.target:
            self.notify("Select a mark with tab first.", severity="warning")
            return
        self.post_message(self.GoTo(mark.finding.target))  # the app returns to the main screen and jumps

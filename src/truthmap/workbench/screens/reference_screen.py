"""The reference-model view: the person's boundaries redrawn under each model.

Everything shown comes from the analysis' comparison (one projection per
model): the projected owners drawn as a swimlane map with the moves and the
risks marked, then the moves, risks, missing tools, failure mode and the
migration checklist.  `1`/`2`/`3` or left/right switch the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static, Tab, Tabs

from ...analysis import Analysis, Projection
from ...analysis.comparison import ROLE_WORDS
from ...knowledge import knowledge
from ...glyphs import bar, mark_look
from ...reports.common import FAILURE_RISK, other_risks
from ...swimlane import projected_layout
from ...swimlane_draw import draw_map
from ...text import visible
from ..widgets.footer import Footer
from .map_screen import EXPLAIN_STYLES
from .profile_screen import ProfileScreen
from ..widgets.swimlane_view import SwimlaneCanvas
from ..tcss import beside

if TYPE_CHECKING:
    from ...model import Profile

MODELS = tuple(knowledge().models)


def tab_label(number: int, model: str, analysis: Analysis | None) -> Content:
    label = knowledge().models[model].label
    if analysis is None:
        return Content(f"{number} {label}")
    star = " ★" if analysis.recommendation.model == model else ""
    return Content(f"{number} {label} · {analysis.scores.get(model, 0):.0f}{star}")


def summary(projection: Projection, analysis: Analysis) -> Content:
    reference = knowledge().models[projection.model]
    filled, empty = bar(projection.fit, 24)
    recommended = analysis.recommendation.model == projection.model
    return Content.assemble(
        (reference.label, "bold"), "  fit ", (filled, "$success" if recommended else "$primary"),
        (empty, "$text-muted"), f" {projection.fit:.0f}/100",
        ("  ★ recommended for you" if recommended else "", "bold $success"),
        "\n", (reference.centre, "italic"),
        " Drawn with your own tools; » marks an entity whose system of record would move.",
    )


def moves_text(profile: Profile, projection: Projection) -> Content:
    parts: list = [(f"Moves ({len(projection.moves)})", "bold"), "\n"]
    if not projection.moves:
        parts.append(("Nothing moves: your owners already match this model.", "$text-muted"))
    for move in projection.moves:
        before = visible(profile.system_label(move.current)) if move.current else "no owner"
        after = visible(profile.system_label(move.target)) if move.target else f"{ROLE_WORDS[move.target_role]} (missing)"
        parts += [("» ", "bold $accent"), (knowledge().entity_label(move.entity), "bold"),
                  f"  {before} → ", (after, "bold"), "\n", ("  " + visible(move.why), "$text-muted"), "\n"]
    return Content.assemble(*parts).rstrip()


def risks_text(projection: Projection) -> Content:
    """The risks the reports count; the failure mode has its own panel."""
    risks = other_risks(projection)
    parts: list = [(f"Risks that appear ({len(risks)})", "bold"), "\n"]
    if not risks:
        parts.append(("No duplication or unclear ownership under this model.", "$text-muted"))
    for risk in risks:
        glyph, style, title = mark_look(risk.kind)
        colour = EXPLAIN_STYLES.get(style, "$error")
        parts += [(f"{glyph} ", f"bold {colour}"), (f"{title} ({risk.severity}): ", colour), visible(risk.text), "\n"]
    return Content.assemble(*parts).rstrip()


def failure_text(projection: Projection) -> Content:
    reference = knowledge().models[projection.model]
    if projection.missing:
        missing = ", ".join(ROLE_WORDS[role] for role in projection.missing)
        tools = Content.assemble(("Missing tools: ", "bold"), (missing, "bold $error"))
    else:
        tools = Content.assemble(("Missing tools: ", "bold"), "none; your tools can play every role it needs.")
    applies = (("⚠ This is a real risk for you.", "bold $error") if projection.failure_applies
               else ("Unlikely for you: neither your answers nor today's map points that way.", "$text-muted"))
    # As it applies here (with the answers behind it) when it does; it is not among the risks.
    failure = next((risk.text for risk in projection.risks if risk.kind == FAILURE_RISK), reference.failure_mode)
    return Content.assemble(tools, "\n\n", ("How it tends to fail", "bold"), "\n",
                            failure, "\n", applies)


def checklist_text(projection: Projection) -> Content:
    parts: list = [(f"Migration checklist ({len(projection.checklist)} steps)", "bold"), "\n"]
    for number, step in enumerate(projection.checklist, start=1):
        parts += [(f"{number:>2}. ", "bold $accent"), visible(step), "\n"]
    return Content.assemble(*parts).rstrip()


class ReferenceScreen(ProfileScreen):
    """CRM-first, PM-first and Hybrid drawn with the person's own tools."""

    CSS_PATH = beside(__file__, "reference_screen.tcss")
    TITLE = "Reference models"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        *(Binding(str(n), f"model({n - 1})", knowledge().models[model].label,
                  tooltip=f"Your boundaries redrawn under {knowledge().models[model].label}")
          for n, model in enumerate(MODELS, start=1)),
        Binding("left", "step(-1)", "Previous model", show=False),
        Binding("right", "step(1)", "Next model", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.model: str | None = None  # None until the first analysis: then the recommended one

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*(Tab(tab_label(n, m, None), id=m) for n, m in enumerate(MODELS, start=1)), id="ref-tabs")
        with VerticalScroll(id="ref-body"):
            yield Static(Content("Analysing the profile…"), id="ref-summary")
            yield SwimlaneCanvas(id="ref-map")
            with Grid(id="ref-details"):
                yield Static(id="ref-moves")
                yield Static(id="ref-risks")
                yield Static(id="ref-failure")
                yield Static(id="ref-checklist")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ref-map", SwimlaneCanvas).can_focus = False
        self.query_one("#ref-body").focus()
        self._show(self.analysis)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.is_mounted:
            self._show(analysis)

    def _show(self, analysis: Analysis | None) -> None:
        # The comparison comes from a worker after each edit: until it lands the last drawing stays.
        if analysis is None or not analysis.comparison:
            return
        tabs = self.query_one(Tabs)
        for number, model in enumerate(MODELS, start=1):
            tabs.query_one(f"#{model}", Tab).label = tab_label(number, model, analysis)
        if self.model is None:
            self.model = analysis.recommendation.model
        if tabs.active != self.model:
            tabs.active = self.model  # the TabActivated handler redraws
        else:
            self._draw(analysis)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id in MODELS:
            if event.tab.id != self.model:
                self.query_one("#ref-body").scroll_home(animate=False)  # another model is read from its top
            self.model = event.tab.id
            if self.analysis is not None and self.analysis.comparison:
                self._draw(self.analysis)

    def _draw(self, analysis: Analysis) -> None:
        projection = next((p for p in analysis.comparison if p.model == self.model), None)
        if projection is None:
            return
        profile = self.profile
        smap = projected_layout(profile, projection)
        self.query_one("#ref-map", SwimlaneCanvas).show(lambda width: draw_map(smap, width))
        self.query_one("#ref-summary", Static).update(summary(projection, analysis))
        self.query_one("#ref-moves", Static).update(moves_text(profile, projection))
        self.query_one("#ref-risks", Static).update(risks_text(projection))
        self.query_one("#ref-failure", Static).update(failure_text(projection))
        self.query_one("#ref-checklist", Static).update(checklist_text(projection))

    def action_model(self, index: int) -> None:
        self.query_one(Tabs).active = MODELS[index]

    def action_step(self, direction: int) -> None:
        current = MODELS.index(self.model) if self.model in MODELS else 0
        self.action_model((current + direction) % len(MODELS))

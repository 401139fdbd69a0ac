"""The live criteria matrix, the fit bars and the recommendation panel.

The matrix is a fixed grid of small widgets (five criteria × three models
plus "your setup", a header and a fit row); a new analysis updates each cell
in place and moves CSS classes, so nothing is rebuilt and the cursor stays
where it is.  The cursor cell is explained in words under the grid.
"""

from __future__ import annotations

import re

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static


from ..analysis import Analysis
from ..analysis.types import Cell, MatrixRow, Reason
from ..knowledge import knowledge
from ..text import visible
from ..reports.common import standing
from .live_text import LiveText, show_changed
from .sensitivity_chart import SensitivityChart

SETUP = "setup"
FIT = "fit"
MAX_POINTS = 3
BAR_EIGHTHS = " ▏▎▍▌▋▊▉"
LEGEND = Content.assemble(
    ("●●○", "bold"), " points out of 3 · ", ("×", "bold"), " how much a criterion weighs for you · ",
    ("underlined", "underline"), " depends on your answers · ", ("F6", "bold"),
    " then arrows: why any cell says what it says",
)


def models() -> list[str]:
    return list(knowledge().models)


def model_label(model: str) -> str:
    return "Your setup" if model == SETUP else knowledge().model_label(model)


def pips(points: float) -> str:
    filled = max(0, min(MAX_POINTS, round(points)))
    return "●" * filled + "○" * (MAX_POINTS - filled)


def rating_content(cell: Cell | None) -> Content:
    if cell is None:
        return Content.styled("—", "$text-muted")
    word, conditional = _resolved_word(cell.rating)
    # A conditional rating ("if lead-heavy") is underlined; the cursor explains it.
    return Content.assemble((word, "bold underline" if conditional else "bold"), " ", (pips(cell.points), "dim"))


def _resolved_word(rating: str) -> tuple[str, bool]:
    """'if lead-heavy: strong' -> ('strong', True)."""
    condition, _, resolved = rating.partition(": ")
    return (resolved, True) if resolved else (condition, False)


def signed(number: float) -> str:
    return f"{number:+g}"


class ScoreBar(Widget):
    """A fit score 0..100 as a horizontal bar with the number."""

    score: reactive[float | None] = reactive(None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.why = Content("")

    def render(self) -> Content:
        if self.score is None:
            return Content.styled("—", "$text-muted")
        number = f"{self.score:3.0f}"
        room = max(1, self.size.width - len(number) - 1)
        eighths = round(room * 8 * self.score / 100)
        full, part = divmod(eighths, 8)
        bar = "█" * full + (BAR_EIGHTHS[part] if part else "")
        track = "·" * (room - len(bar))
        return Content.assemble(bar, (track, "$text-disabled"), " ", (number, "bold"))


class MatrixCell(LiveText):
    """One cell of the matrix grid; `why` explains it under the grid."""

    def __init__(self, row: int, column: int, classes: str = "") -> None:
        super().__init__(id=f"cell-{row}-{column}", classes=f"cell {classes}".strip())
        self.why = Content("")


class CriteriaMatrix(Widget, can_focus=True):
    """Criteria × models with weights, ratings and fit bars; arrow keys explain cells."""

    HELP_TITLE = "Criteria matrix"

    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("enter", "explain", "Explain"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 2), init=False)
    """(row, column) of the highlighted cell among the criteria and fit rows."""

    analysis: reactive[Analysis | None] = reactive(None, init=False, always_update=True)
    """The analysis shown; cells that did not change are left alone."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.criteria = list(knowledge().criteria.values())
        self.columns = [*models(), SETUP]

    # ------------------------------------------------------------ layout
    # Grid rows: 0 names, 1 tags, 2.. criteria, last: fit.  Columns: label,
    # weight, one per model, your setup.

    @property
    def body_rows(self) -> int:
        return len(self.criteria) + 1

    def compose(self) -> ComposeResult:
        with Grid(id="matrix-grid"):
            yield from self._header_cells()
            for index, criterion in enumerate(self.criteria, start=2):
                yield MatrixCell(index, 0, "label")
                yield MatrixCell(index, 1, "weight")
                for column, model in enumerate(self.columns, start=2):
                    yield MatrixCell(index, column, f"rating col-{model}")
            fit_row = len(self.criteria) + 2
            yield MatrixCell(fit_row, 0, "label fit-label")
            yield MatrixCell(fit_row, 1, "weight")
            for column, model in enumerate(self.columns, start=2):
                yield ScoreBar(id=f"cell-{fit_row}-{column}", classes=f"cell fit col-{model}")
        yield LiveText(id="matrix-explain")

    def _header_cells(self) -> ComposeResult:
        yield MatrixCell(0, 0, "header corner")
        yield MatrixCell(0, 1, "header weight-header")
        for column, model in enumerate(self.columns, start=2):
            yield MatrixCell(0, column, f"header col-{model}")
        yield MatrixCell(1, 0, "tag")
        yield MatrixCell(1, 1, "tag")
        for column, model in enumerate(self.columns, start=2):
            yield MatrixCell(1, column, f"tag col-{model}")

    def cell(self, row: int, column: int) -> Any:
        """The MatrixCell (or, on the fit row, ScoreBar) at a grid position."""
        return self.query_one(f"#cell-{row}-{column}")

    def on_mount(self) -> None:
        self.cell(0, 0).update(Content.styled("Criterion", "bold"))
        self.cell(0, 1).update(Content.styled("Weight", "bold"))
        for index, criterion in enumerate(self.criteria, start=2):
            self.cell(index, 0).update(Content(criterion.label))
            self.cell(index, 0).why = Content(f"{criterion.label}: {criterion.about}")
        fit_row = len(self.criteria) + 2
        self.cell(fit_row, 0).update(Content.styled("Fit (0-100)", "bold"))
        self.cell(fit_row, 0).why = Content(
            "Fit: each column's weighted points over the best possible, nudged by the decision rules.")
        self.show_analysis(self.analysis)
        self._move_cursor(self.cursor, self.cursor)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.children:  # composed: otherwise on_mount shows it
            self.show_analysis(analysis)

    # ------------------------------------------------------------ updates

    def show_analysis(self, analysis: Analysis | None) -> None:
        if analysis is None:
            return
        recommended = analysis.recommendation.model
        for index, row in enumerate(analysis.matrix, start=2):
            self._show_row(index, row, recommended)
        self._show_fit(analysis)
        self._show_tags(analysis)
        for model in self.columns:
            for widget in self.query(f".col-{model}"):
                widget.set_class(model == recommended, "-recommended")
                widget.set_class(model == analysis.current_model, "-current")
        self._explain()

    def _show_row(self, index: int, row: MatrixRow, recommended: str) -> None:
        ignored = row.weight == 0
        for column in range(len(self.columns) + 2):
            self.cell(index, column).set_class(ignored, "-ignored")
        weight = self.cell(index, 1)
        weight.update(Content.styled(f"×{row.weight:.1f}", "bold" if row.weight >= 2 else ""))
        weight.why = Content.assemble(("Weight ", "bold"), f"×{row.weight:g} for {row.label.lower()}: ",
                                      visible(row.why), ".")
        weight.tooltip = weight.why
        for column, model in enumerate(self.columns, start=2):
            cell = row.setup if model == SETUP else row.cells.get(model)
            target = self.cell(index, column)
            target.update(rating_content(cell))
            target.why = self._rating_why(row, model, cell)
            target.tooltip = target.why

    def _rating_why(self, row: MatrixRow, model: str, cell: Cell | None) -> Content:
        who = "Your setup today" if model == SETUP else model_label(model)
        if cell is None:
            return Content(f"{who}: nothing is mapped yet to rate on {row.label.lower()}.")
        word, conditional = _resolved_word(cell.rating)
        condition = f" (rated '{cell.rating.partition(': ')[0]}', which resolves to {word} here)" if conditional else ""
        earned = row.weight * cell.points
        cost = " (a cost: less is better)" if knowledge().criteria[row.criterion].cost else ""
        return Content(
            f"{who} rates {word} on {row.label.lower()}{cost}{condition}: "
            f"{cell.points:g} of {MAX_POINTS} points × weight {row.weight:g} = {earned:g}."
        )

    def _show_fit(self, analysis: Analysis) -> None:
        fit_row = len(self.criteria) + 2
        for column, model in enumerate(self.columns, start=2):
            score = analysis.setup_score if model == SETUP else analysis.scores.get(model)
            holder = self.cell(fit_row, column)
            holder.score = score
            shown = "not rated" if score is None else f"{score:g}"
            holder.why = Content(f"{model_label(model)} fits {shown} of 100: weighted points over the best "
                                 "possible" + ("." if model == SETUP else ", plus the rule nudges listed below."))
            holder.tooltip = holder.why

    def _show_tags(self, analysis: Analysis) -> None:
        """Header names (★ on the recommended model) and the tag row under them."""
        recommended, current = analysis.recommendation.model, analysis.current_model
        for column, model in enumerate(self.columns, start=2):
            name = f"★ {model_label(model)}" if model == recommended else model_label(model)
            self.cell(0, column).update(Content.styled(name, "bold"))
            tag = self.cell(1, column)
            if model == SETUP:
                tag.update(Content.styled("ad hoc" if current == "ad-hoc" else f"≈ {model_label(current)}", "italic"))
                tag.why = Content.assemble("Your setup today: ", visible(analysis.current_why))
                continue
            words = [word for word, applies in (("recommended", model == recommended), ("today", model == current))
                     if applies]
            tag.update(Content.styled("rec.·today" if len(words) == 2 else "".join(words), "bold"))
            tag.why = Content(f"{model_label(model)}: {' and '.join(words) or 'an alternative'}.")

    # ------------------------------------------------------------ cursor

    def watch_cursor(self, old: tuple[int, int], new: tuple[int, int]) -> None:
        self._move_cursor(old, new)

    def _move_cursor(self, old: tuple[int, int], new: tuple[int, int]) -> None:
        if not self.children:  # not composed yet
            return
        self.cell(old[0] + 2, old[1]).remove_class("-cursor")
        self.cell(new[0] + 2, new[1]).add_class("-cursor")
        self._explain()

    def _explain(self) -> None:
        """Under the grid: the cursor cell's why while focused, else how to read the grid."""
        row, column = self.cursor
        # screen.focused, not has_focus: this runs in on_focus, before has_focus is set.
        text = self.cell(row + 2, column).why if self.screen.focused is self else LEGEND
        self.query_one("#matrix-explain", LiveText).update(text)

    def on_focus(self) -> None:
        self._explain()

    def on_blur(self) -> None:
        self._explain()

    def action_move(self, rows: int, columns: int) -> None:
        row, column = self.cursor
        self.cursor = (max(0, min(row + rows, self.body_rows - 1)),
                       max(0, min(column + columns, len(self.columns) + 1)))

    def action_explain(self) -> None:
        self.notify(self.cell(self.cursor[0] + 2, self.cursor[1]).why.plain, title="Matrix", markup=False)


class ReasonView(Horizontal):
    """One reason: its effect on a model at the left, its words and causes beside it."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(classes="reason")
        self.reason = reason

    def compose(self) -> ComposeResult:
        yield Static(classes="reason-effect")
        yield Static(classes="reason-text")

    def on_mount(self) -> None:
        self.show(self.reason)

    def show(self, reason: Reason) -> None:
        self.reason = reason
        if not self.children:
            return  # shown on mount
        effect = f"{signed(reason.effect)} {model_label(reason.model)}" if reason.effect and reason.model else ""
        effect = f"{effect} " if effect else ""
        style = "$text-success" if reason.effect > 0 else "$text-error" if reason.effect < 0 else "$text-muted"
        show_changed(self.query_one(".reason-effect", Static), Content.styled(effect, f"bold {style}"))
        show_changed(self.query_one(".reason-text", Static), reason_content(reason))


def reason_content(reason: Reason) -> Content:
    causes = list(dict.fromkeys(cause.text for cause in reason.causes))
    if not causes:
        return Content(visible(reason.text))
    return Content.assemble(visible(reason.text), "\n", ("← ", "$text-muted"),
                            (visible("; ".join(causes)), "italic $text-muted"))


class RecommendationPanel(VerticalScroll, can_focus=True):
    """The recommended model, why, how today's setup compares, and what would flip it."""

    HELP_TITLE = "Recommendation"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reason_views: list[ReasonView] = []

    def compose(self) -> ComposeResult:
        yield Static(id="rec-verdict")
        yield Static(id="rec-rule")
        yield Static(id="rec-override")
        yield Static(Content.styled("What would change it", "bold $text-accent"), id="rec-change-title")
        yield SensitivityChart(id="rec-sensitivity")
        yield Static(id="rec-today")
        yield Static(Content.styled("Why", "bold $text-accent"), id="rec-why")
        yield Vertical(id="rec-reasons")

    analysis: reactive[Analysis | None] = reactive(None, init=False, always_update=True)
    """The analysis shown."""

    def on_mount(self) -> None:
        self.show_analysis(self.analysis)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.children:
            self.show_analysis(analysis)

    def show_analysis(self, analysis: Analysis | None) -> None:
        if analysis is None:
            return
        recommendation = analysis.recommendation
        decision, *reasons = recommendation.reasons
        show_changed(self.query_one("#rec-verdict", Static), Content.assemble(
            (f" ★ {model_label(recommendation.model)} ", "reverse bold $success"), " ", standing(analysis)))
        show_changed(self.query_one("#rec-rule", Static), Content.assemble(
            visible(decision.text), *_because(recommendation.model, reasons),
            (f"  [{decision.rule}]", "$text-muted")))
        override = self.query_one("#rec-override", Static)
        override.display = bool(recommendation.override)
        show_changed(override, Content(visible(recommendation.override or "")))
        self.query_one(SensitivityChart).recommendation = recommendation
        show_changed(self.query_one("#rec-today", Static), Content.assemble(("Today: ", "bold"), _today(analysis)))
        self.query_one("#rec-why").display = bool(reasons)
        self._show_reasons(reasons)

    def on_resize(self, event) -> None:
        # One pane at a time (80x24) leaves room for the chart's one-line-per-answer form only.
        self.query_one(SensitivityChart).compact = self.screen.has_class("-narrow")

    def _show_reasons(self, reasons: list[Reason]) -> None:
        """Reuse the reason widgets already there; add or remove only the difference."""
        views = self._reason_views
        while len(views) > len(reasons):
            views.pop().remove()
        for view, reason in zip(views, reasons):
            view.show(reason)
        missing = [ReasonView(reason) for reason in reasons[len(views):]]
        if missing:
            views.extend(missing)
            self.query_one("#rec-reasons", Vertical).mount_all(missing)


_PARENTHESES = re.compile(r" \([^)]*\)")


def _because(model: str, reasons: list[Reason]) -> tuple:
    """The reasons that carried the recommended model, in a few words each, so
    they are seen without scrolling (the full list with causes follows below)."""
    carried = [r for r in reasons if r.model == model and r.effect > 0]
    if not carried:
        return ()
    clauses = [_PARENTHESES.sub("", r.text.split(":")[0]).rstrip(".") for r in carried[:3]]
    clauses = [c[0].lower() + c[1:] for c in clauses if c]
    return (("  Because: ", "bold"), visible("; ".join(clauses) + "."))


def _today(analysis: Analysis) -> Content:
    current = analysis.current_model
    name = "ad hoc (no clear centre)" if current == "ad-hoc" else model_label(current)
    return Content.assemble((name, "bold"), " — ", visible(analysis.current_why))

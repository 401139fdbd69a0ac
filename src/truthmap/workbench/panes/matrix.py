"""The live criteria matrix, the fit bars and the recommendation panel.

The matrix (five criteria × three models plus "your setup", a header and a
fit row) is one widget drawn line by line, so a new analysis repaints it
without laying out the screen, and the cursor stays where it is.  The cursor
cell is explained in words under the grid.
"""

from __future__ import annotations

import re
from functools import lru_cache

from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.strip import Strip
from textual.widget import Widget


from ...analysis import Analysis
from ...analysis.types import Cell, MatrixRow, Reason
from ...knowledge import knowledge
from ...text import visible
from ...reports.common import margin_detail, standing
from ...glyphs import bar
from ..keys import key_for
from ..tcss import read_tcss
from ..widgets.live_text import StripCache, TextView
from .sensitivity_chart import chart_lines

SETUP = "setup"
FIT = "fit"
MAX_POINTS = 3
LEGEND = Content.assemble(
    ("●●○", "bold"), " points out of 3 · ", ("×", "bold"), " how much a criterion weighs for you · ",
    ("underlined", "underline"), " depends on your answers · ", (key_for("matrix"), "bold"),
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


# Column widths: the label takes what is left; a cell's last column stays blank.
WEIGHT_WIDTH = 7
MODEL_WIDTH = 12
EXPLAIN_LINES = 2
CURSOR_STYLE = "bold $block-cursor-foreground on $block-cursor-background"
RECOMMENDED_TINT = "on $success 15%"


_NOTHING_YET = object()


def _grid_facts(analysis: Analysis) -> tuple:
    """Everything of an analysis the grid shows."""
    return (analysis.matrix, analysis.scores, analysis.health, analysis.recommendation.model,
            analysis.current_model, analysis.current_why)


class CriteriaMatrix(Widget, can_focus=True):
    """Criteria × models with weights, ratings and fit bars; arrow keys explain cells.

    The whole grid is one rendered widget of fixed height: a new analysis or a
    cursor move repaints it and never lays out the screen.  Grid rows: 0 names,
    1 tags, then one per criterion, last the fit row.  Columns: label, weight,
    one per model, your setup.
    """

    DEFAULT_CSS = read_tcss(__file__, "matrix.tcss")

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

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The analysis shown."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.criteria = list(knowledge().criteria.values())
        self.columns = [*models(), SETUP]
        self._cells: dict[tuple[int, int], tuple[Content, Content]] = {}  # (content, why) by grid position
        self._shown: object = _NOTHING_YET  # the analysis the cells were built from (None is one too)
        self._drawn_for: tuple = ()  # the cells, width, cursor and focus the lines were built for
        self._drawn_lines: list[Content] = []
        self._strips = StripCache()

    @property
    def body_rows(self) -> int:
        return len(self.criteria) + 1

    @property
    def fit_row(self) -> int:
        return len(self.criteria) + 2

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.fit_row + 1 + EXPLAIN_LINES

    # ------------------------------------------------------------ cells

    def cell_text(self, row: int, column: int) -> str:
        """What the cell at a grid position says, as plain text."""
        return self._grid()[(row, column)][0].plain

    def why(self, row: int, column: int) -> Content:
        """The explanation of the cell at a grid position."""
        return self._grid()[(row, column)][1]

    @property
    def explanation(self) -> Content:
        """Under the grid: the cursor cell's why while focused, else how to read the grid."""
        row, column = self.cursor
        return self.why(row + 2, column) if self.has_focus else LEGEND

    def _grid(self) -> dict[tuple[int, int], tuple[Content, Content]]:
        analysis = self.analysis
        if self._shown is not analysis:
            self._cells = self._build(analysis)
            self._shown = analysis
        return self._cells

    def _build(self, analysis: Analysis | None) -> dict[tuple[int, int], tuple[Content, Content]]:
        empty = Content("")
        cells = {(0, 0): (Content.styled("Criterion", "bold"), empty),
                 (0, 1): (Content.styled("Weight", "bold"), empty)}
        for index, criterion in enumerate(self.criteria, start=2):
            cells[(index, 0)] = (Content(criterion.label), Content(f"{criterion.label}: {criterion.about}"))
        cells[(self.fit_row, 0)] = (Content.styled("Fit (0-100)", "bold"), Content(
            "Fit: each column's weighted points over the best possible, nudged by the decision rules."))
        cells[(self.fit_row, 1)] = (empty, empty)
        if analysis is None:  # not analysed yet (a large profile): the grid with its labels only
            for row in range(self.fit_row + 1):
                for column in range(len(self.columns) + 2):
                    cells.setdefault((row, column), (empty, empty))
            return cells
        for index, row in enumerate(analysis.matrix, start=2):
            cells[(index, 1)] = (
                Content.styled(f"×{row.weight:.1f}", "bold" if row.weight >= 2 else ""),
                Content.assemble(("Weight ", "bold"), f"×{row.weight:g} for {row.label.lower()}: ", visible(row.why), "."))
            for column, model in enumerate(self.columns, start=2):
                cell = row.setup if model == SETUP else row.cells.get(model)
                cells[(index, column)] = (rating_content(cell), self._rating_why(row, model, cell))
        self._add_fit(cells, analysis)
        self._add_tags(cells, analysis)
        return cells

    def _rating_why(self, row: MatrixRow, model: str, cell: Cell | None) -> Content:
        who = "Your setup today" if model == SETUP else model_label(model)
        if cell is None:
            return Content(f"{who}: nothing is mapped yet to rate on {row.label.lower()}.")
        word, conditional = _resolved_word(cell.rating)
        condition = f" (rated '{cell.rating.partition(': ')[0]}', which resolves to {word} here)" if conditional else ""
        earned = row.weight * cell.points
        cost = " (a cost: less is better)" if knowledge().criteria[row.criterion].cost else ""
        if model == SETUP:  # today's setup is not a model: say why it rates so, never a score
            return Content(f"{who} rates {word} on {row.label.lower()}{cost}: {row.setup_why}.")
        return Content(
            f"{who} rates {word} on {row.label.lower()}{cost}{condition}: "
            f"{cell.points:g} of {MAX_POINTS} points × weight {row.weight:g} = {earned:g}."
        )

    def _add_fit(self, cells: dict, analysis: Analysis) -> None:
        for column, model in enumerate(self.columns, start=2):
            if model == SETUP:
                cells[(self.fit_row, column)] = self._health_cell(analysis)
                continue
            score = analysis.scores.get(model)
            if score is None:
                why = Content(f"{model_label(model)} is not rated yet: its fit appears once the profile is analysed.")
            else:
                why = Content(f"{model_label(model)} fits {score:g} of 100: its weighted points and the article's "
                              "case for it, over the most its column could earn.")
            cells[(self.fit_row, column)] = (self._score_bar(score, model, analysis), why)

    @staticmethod
    def _health_cell(analysis: Analysis) -> tuple[Content, Content]:
        """Today's setup gets its workflow health, not a fit: it is not a model to choose."""
        health = analysis.health
        if not any(area.mapped for area in health.areas):
            return Content.styled("not mapped", "$text-muted"), Content(
                "Your setup today: nothing is mapped yet, so there is no workflow health to rate. "
                f"Map a record or a stage in Boundaries ({key_for('boundaries')}).")
        shown = Content.assemble(("health ", "$text-muted"), (f"{health.total:g}", "bold $accent"))
        areas = ", ".join(f"{area.label.lower()} {area.verdict}" for area in health.areas)
        return shown, Content(f"Workflow health of today's setup, {health.total:g} of 100 (not a fit): {areas}.")

    def _score_bar(self, score: float | None, model: str, analysis: Analysis) -> Content:
        if score is None:
            return Content.styled("—", "$text-muted")
        number = f"{score:3.0f}"
        filled, empty = bar(score, MODEL_WIDTH - 2 - len(number))
        colour = "$accent" if model == SETUP else "$success" if model == analysis.recommendation.model else "$primary"
        return Content.assemble((filled, colour), (empty, "$text-disabled"), " ", (number, "bold"))

    def _add_tags(self, cells: dict, analysis: Analysis) -> None:
        """Header names (★ on the recommended model) and the tag row under them."""
        recommended, current = analysis.recommendation.model, analysis.current_model
        for column, model in enumerate(self.columns, start=2):
            name = f"★ {model_label(model)}" if model == recommended else model_label(model)
            cells[(0, column)] = (Content.styled(name, "bold"), Content(""))
            if model == SETUP:
                tag = Content.styled("ad hoc" if current == "ad-hoc" else f"≈ {model_label(current)}", "italic")
                cells[(1, column)] = (tag, Content.assemble("Your setup today: ", visible(analysis.current_why)))
                continue
            words = [word for word, applies in (("recommended", model == recommended), ("today", model == current))
                     if applies]
            tag = Content.styled("rec.·today" if len(words) == 2 else "".join(words), "bold")
            cells[(1, column)] = (tag, Content(f"{model_label(model)}: {' and '.join(words) or 'an alternative'}."))
        cells[(1, 0)] = cells[(1, 1)] = (Content(""), Content(""))

    # ------------------------------------------------------------ drawing

    def watch_analysis(self, old: Analysis | None, new: Analysis | None) -> None:
        # The comparison and flip arriving later leave the grid as it was: no repaint then.
        if old is None or new is None or _grid_facts(old) != _grid_facts(new):
            self.refresh()
        elif self._shown is old:
            self._shown = new  # the same grid: its cells and lines stand

    def watch_cursor(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        # Line by line (Textual's line API), each line rendered once until it changes:
        # an answer changes a weight or two and the fit row, and the other lines'
        # styled cells cost more to render than all the rest of an edit's frame.
        lines = self.lines
        if y >= len(lines):
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        return self._strips.strip(self, lines[y], self.size.width, len(lines))

    @property
    def lines(self) -> list[Content]:
        """The grid's lines and the explanation under it, as drawn at the current width."""
        grid = self._grid()
        drawn_for = (grid, self.size.width, self.cursor, self.has_focus)
        if drawn_for != self._drawn_for:
            self._drawn_for, self._drawn_lines = drawn_for, self._build_lines(grid)
        return self._drawn_lines

    def _build_lines(self, grid: dict[tuple[int, int], tuple[Content, Content]]) -> list[Content]:
        width = self.size.width
        widths = [max(1, width - WEIGHT_WIDTH - MODEL_WIDTH * len(self.columns)), WEIGHT_WIDTH,
                  *([MODEL_WIDTH] * len(self.columns))]
        lines = [self._line(grid, row, widths) for row in range(self.fit_row + 1)]
        explain = self.explanation.wrap(max(1, width))[:EXPLAIN_LINES]
        style = "italic" if self.has_focus else "italic $text-muted"
        return lines + [line.stylize_before(style) for line in explain]

    def _line(self, grid: dict, row: int, widths: list[int]) -> Content:
        analysis = self.analysis
        recommended = analysis.recommendation.model if analysis else None
        current = analysis.current_model if analysis else None
        ignored = bool(analysis) and 2 <= row < self.fit_row and analysis.matrix[row - 2].weight == 0
        cursor = (self.cursor[0] + 2, self.cursor[1]) if self.has_focus else None
        parts = []
        for column, width in enumerate(widths):
            model = self.columns[column - 2] if column >= 2 else None
            text = grid[(row, column)][0].truncate(max(0, width - 1), ellipsis=True, pad=True).pad_right(1)
            parts.append(text.stylize_before(self._cell_style(row, column, model, recommended, current, ignored)))
            if (row, column) == cursor:
                parts[-1] = parts[-1].stylize(CURSOR_STYLE, 0, max(0, width - 1))
        return Content.assemble(*parts)

    def _cell_style(self, row: int, column: int, model: str | None, recommended: str | None,
                    current: str | None, ignored: bool) -> str:
        styles = []
        if ignored:
            styles.append("$text-disabled")
        elif row in (0, 1):
            styles.append("bold $text-success" if model and model == recommended
                          else "$text-accent" if row == 1 and model == current else "$text-muted")
        elif column == 1:
            styles.append("$text-secondary")
        if model is not None and model == recommended:
            styles.append(RECOMMENDED_TINT)
        return " ".join(styles)

    # ------------------------------------------------------------ cursor

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, rows: int, columns: int) -> None:
        row, column = self.cursor
        self.cursor = (max(0, min(row + rows, self.body_rows - 1)),
                       max(0, min(column + columns, len(self.columns) + 1)))

    def action_explain(self) -> None:
        self.notify(self.explanation.plain, title="Matrix", markup=False)


REASON_EFFECT_WIDTH = 14


@lru_cache(maxsize=128)
def reason_lines(reason: Reason, width: int) -> tuple[Content, ...]:
    """One reason: its effect on a model at the left, its words and causes wrapped beside it.

    Kept for the last reasons drawn: most stay the same from one answer to the next,
    and wrapping them was most of the panel's time on each edit (benchmarks/README.md)."""
    effect = f"{signed(reason.effect)} {model_label(reason.model)}" if reason.effect and reason.model else ""
    style = "$text-success" if reason.effect > 0 else "$text-error" if reason.effect < 0 else "$text-muted"
    lead = Content.styled(effect, f"bold {style}").truncate(REASON_EFFECT_WIDTH, pad=True)
    indent = Content(" " * REASON_EFFECT_WIDTH)
    text = reason_content(reason)
    lines = [line for part in text.split("\n") for line in part.wrap(max(1, width - REASON_EFFECT_WIDTH))]
    return tuple(Content.assemble(lead if index == 0 else indent, line) for index, line in enumerate(lines))


def reason_content(reason: Reason) -> Content:
    causes = list(dict.fromkeys(cause.text for cause in reason.causes))
    if not causes:
        return Content(visible(reason.text))
    return Content.assemble(visible(reason.text), "\n", ("← ", "$text-muted"),
                            (visible("; ".join(causes)), "italic $text-muted"))


class RecommendationPanel(TextView):
    """The recommended model, why, how today's setup compares, and what would flip it.

    All of it is one text drawn line by line: a new analysis repaints the
    lines in view that changed, and the screen is laid out again only when
    the text grows.
    """

    DEFAULT_CSS = read_tcss(__file__, "recommendation_panel.tcss")

    HELP_TITLE = "Recommendation"

    BINDINGS = [
        Binding("enter", "read_in_full", "Read in full",
                tooltip="The recommendation, what would change it and why, on a screen of their own"),
    ]

    class ReadInFull(Message):
        """The person asked to read the recommendation on a screen of its own."""

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The analysis shown."""

    def __init__(self, *, full: bool = False, **kwargs: Any) -> None:
        """`full`: the panel is the whole screen already (nothing more to open)."""
        super().__init__(**kwargs)
        self.full = full
        self._kept_lines = 0  # the text's line count, kept while the width stays
        self._kept_width = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "read_in_full" and self.full)

    def action_read_in_full(self) -> None:
        self.post_message(self.ReadInFull())

    def on_mount(self) -> None:
        self.show_analysis(self.analysis)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.is_mounted:
            self.show_analysis(analysis)

    def on_resize(self) -> None:
        # The chart and the reasons are drawn for the width; at 80x24 the chart takes one line per answer.
        self.show_analysis(self.analysis)

    def show_analysis(self, analysis: Analysis | None) -> None:
        width = self.scrollable_content_region.width
        if not width:
            return
        if analysis is None:  # a large profile is analysed in a worker
            self.show(Content.styled("Analysing the profile…", "italic $text-muted"))
            return
        lines = self.body_lines(analysis, width)
        # Never shorter than before at this width: a shorter text would lay out the
        # whole screen (each answer changes the reasons and, for a moment, the chart),
        # while blank lines at the end of a scrolled panel cost nothing.
        kept = self._kept_lines if self._kept_width == width else 0
        lines += [Content("")] * (kept - len(lines))
        self._kept_lines, self._kept_width = len(lines), width
        self.show_lines(lines)

    def body_lines(self, analysis: Analysis, width: int) -> list[Content]:
        """The panel's text as lines that fit `width`."""
        recommendation = analysis.recommendation
        decision, *reasons = recommendation.reasons
        paragraphs = [
            Content.assemble((f" ★ {model_label(recommendation.model)} ", "reverse bold $success"), " ",
                             (standing(analysis), "bold")),
            Content.assemble(visible(decision.text), *_because(recommendation.model, reasons),
                             (f"  [{decision.rule}]", "$text-muted")),
        ]
        if recommendation.override:
            paragraphs.append(Content.styled(visible(recommendation.override), "$text-warning"))
        if recommendation.precondition:
            paragraphs.append(Content.styled(recommendation.precondition, "bold $text-warning"))
        paragraphs.append(Content.styled("What would change it", "bold $text-accent"))
        after = [Content.assemble(("Today: ", "bold"), _today(analysis)),
                 Content.styled(f"Details: {margin_detail(analysis)}.", "$text-muted")]
        lines = [line for paragraph in paragraphs for line in paragraph.wrap(width)]
        lines += chart_lines(recommendation, width, compact=self.screen.has_class("-narrow"))  # fitted to width
        lines += [line for paragraph in after for line in paragraph.wrap(width)]
        if reasons:
            lines += [Content(""), Content.styled("Why", "bold $text-accent")]
            lines += [line for reason in reasons for line in reason_lines(reason, width)]
        return lines


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

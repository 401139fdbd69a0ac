""""What would change it": every answer that can move the recommendation, drawn.

A number is a strip over the values truthmap tried, coloured by the model
each value leads to, with the current answer marked ●; a choice lists its
values, each in its model's colour, with today's bracketed.  Answers that
cannot change the advice are summed up in one dimmed line.  Narrow panes get
one line of words per answer instead of strips.

The chart is one widget that renders one Content: it gets the recommendation
from its parent and draws nothing else.
"""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content

from ...analysis.types import Outcome, Recommendation, Sensitivity
from ...knowledge import knowledge
from ...reports.common import model_label
from ...text import visible

MODEL_STYLE = {"crm-first": "$accent", "pm-first": "$primary", "hybrid": "$warning"}
# A line of its own for each model as well as a colour: close colours, colour blindness
# and NO_COLOR still tell them apart.
MODEL_TRACK = {"crm-first": "━", "pm-first": "═", "hybrid": "┉"}
LABEL_WIDTH = 16
STRIP_MIN_WIDTH = 56  # narrower than this, each answer is one line of words
CURRENT = "●"


def _short(question_id: str) -> str:
    return knowledge().questions[question_id].short


def legend() -> Content:
    parts: list = [("leads to: ", "$text-muted")]
    for model, style in MODEL_STYLE.items():
        parts += [(MODEL_TRACK[model] * 2, style), " ", model_label(model), "  "]
    parts += [(CURRENT, "bold"), " your answer"]
    return Content.assemble(*parts)


def _outcome_at(outcomes: tuple[Outcome, ...], value: float) -> Outcome:
    for outcome in outcomes:
        if outcome.low <= value and (outcome.high is None or value <= outcome.high + 0.05):
            return outcome
    return outcomes[-1]


def strip(item: Sensitivity, width: int) -> Content:
    """One line: the scanned range as a coloured track, the answer as ●, the edges in words."""
    outcomes = item.outcomes
    top = max([o.low for o in outcomes] + [item.current or 0]) * 1.25 + 1
    floor = outcomes[0].low
    step = (top - floor) / max(width - 1, 1)
    marker = None if item.current is None else round((item.current - floor) / step)
    runs: list[tuple[str, str]] = []  # (glyphs, style): one span a run, not one a cell
    for column in range(width):
        outcome = _outcome_at(outcomes, floor + column * step)
        glyph = CURRENT if column == marker else MODEL_TRACK[outcome.model]
        style = f"bold {MODEL_STYLE[outcome.model]}" if glyph == CURRENT else MODEL_STYLE[outcome.model]
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + glyph, style)
        else:
            runs.append((glyph, style))
    return Content.assemble(*runs)


def choices(item: Sensitivity) -> Content:
    parts: list = []
    for outcome in item.outcomes:
        words = visible(outcome.label)
        if outcome.low == item.current:
            words = f"[{words}]"
        parts += [(f"{MODEL_TRACK[outcome.model]} {words}", MODEL_STYLE[outcome.model]), " "]
    return Content.assemble(*parts)


def _edges(item: Sensitivity) -> str:
    return "; ".join(f"{o.label} \u2192 {model_label(o.model)}" for o in item.changes)


def chart_lines(recommendation: Recommendation, width: int, compact: bool = False) -> list[Content]:
    """The whole chart for a pane `width` cells wide, as lines that fit it; `compact`: one line
    of words per answer."""
    return list(_chart_lines(recommendation.sensitivity, width, compact))


# Kept: while an answer's new sensitivity is worked out, the panel shows the last one
# again (the same objects), and the chart is drawn cell by cell.
@lru_cache(maxsize=16)
def _chart_lines(sensitivity: tuple[Sensitivity, ...], width: int, compact: bool) -> tuple[Content, ...]:
    decisive = [item for item in sensitivity if item.changes]
    firm = [item for item in sensitivity if not item.changes]
    if not sensitivity:
        return tuple(Content.styled("Working out what would change it…", "italic $text-muted").wrap(width))
    if not decisive:
        return tuple(Content.assemble(("Firm: ", "bold"), "no single answer would change it.").wrap(width))
    lines = []
    wide = width >= STRIP_MIN_WIDTH and not compact
    for item in decisive:
        answer = "not answered" if item.current is None else knowledge().questions[item.question].label_of(item.current)
        label = Content(_short(item.question)).truncate(LABEL_WIDTH, ellipsis=True, pad=True)
        if wide:
            track = strip(item, width - LABEL_WIDTH - 2) if item.numeric else choices(item)
            lines.append(Content.assemble(label, " ", track))
            lines.append(Content.assemble(" " * (LABEL_WIDTH + 1),
                                          (visible(f"now {answer}; {_edges(item)}"), "$text-muted")))
        else:
            lines.append(Content.assemble(label, " ", visible(_edges(item))))
    if wide:
        lines.append(legend())
    if firm:
        names = ", ".join(_short(item.question).lower() for item in firm)
        lines.append(Content.styled(visible(f"No single change to {names} would change it."), "$text-muted"))
    return tuple(part for line in lines for part in line.wrap(width))

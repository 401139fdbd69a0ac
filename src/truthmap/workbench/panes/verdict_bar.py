"""One line that keeps the answer in view on every layout of the main screen.

The recommended model, its standing against the best eligible alternative,
the shape of today's setup and the findings by severity.  At 80x24 only one
pane shows at a time, so this line is where the verdict stays visible while
a person answers questions or edits boundaries.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from ...analysis import Analysis
from ...knowledge import knowledge
from ...reports.common import standing
from ..tcss import read_tcss
from ..widgets.live_text import looks


def verdict(analysis: Analysis) -> Content:
    label = knowledge().model_label
    return Content.assemble(
        (f" \u2605 {label(analysis.recommendation.model)} ", "reverse bold $success"), " ",
        standing(analysis, compact=True),
        (" \u00b7 today ", "$text-muted"), label(analysis.current_model), *_health(analysis),
        (" \u00b7 ", "$text-muted"), _findings(analysis),
    )


def _health(analysis: Analysis) -> tuple:
    """", health 62.5"; with nothing mapped there is no health to rate (not a health of 0)."""
    if not any(area.mapped for area in analysis.health.areas):
        return ((", nothing mapped yet", "$text-muted"),)
    return (", health ", "$text-muted"), f"{analysis.health.total:g}"


def _findings(analysis: Analysis) -> str:
    total = len(analysis.findings)
    if not total:
        return "no findings"
    high = sum(1 for finding in analysis.findings if finding.severity == "high")
    words = f"{total} finding{'s' if total != 1 else ''}"
    return f"{words}, {high} high" if high else words


class VerdictBar(Widget):
    """The live verdict in one line; the screen hands it each new analysis.  A click asks
    for the recommendation in full."""

    DEFAULT_CSS = read_tcss(__file__, "verdict_bar.tcss")

    class Clicked(Message):
        """The verdict line was clicked: show the recommendation in full."""

    def on_click(self) -> None:
        self.post_message(self.Clicked())

    analysis: var[Analysis | None] = var(None, always_update=True)

    def watch_analysis(self, old: Analysis | None, new: Analysis | None) -> None:
        # The comparison landing after an edit changes nothing said here: no repaint then.
        if old is None or new is None or looks(verdict(old)) != looks(verdict(new)):
            self.refresh()

    def render(self) -> Content:
        if self.analysis is None:
            return Content("")
        return verdict(self.analysis).truncate(self.size.width, ellipsis=True)

"""The recommendation in full: the verdict, what would change it and why, with the room to read them.

On the main screen the recommendation shares the matrix pane and is read a
few lines at a time; here it takes the whole screen.  Enter on the
recommendation (or a click on the verdict line) opens it; it follows every
edit like the panes do.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from ..panes.matrix import RecommendationPanel
from ..tcss import beside
from ..widgets.footer import Footer
from .profile_screen import ProfileScreen


class VerdictScreen(ProfileScreen):
    """The recommended model, what would change it and why, on a screen of their own."""

    CSS_PATH = beside(__file__, "verdict_screen.tcss")
    TITLE = "Recommendation"
    HELP_TITLE = "Recommendation in full"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield RecommendationPanel(full=True, id="verdict-full").data_bind(VerdictScreen.analysis)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecommendationPanel).focus()

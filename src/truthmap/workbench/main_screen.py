"""The main screen: questionnaire, live matrix, boundary editor, findings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from .boundaries import BoundaryEditor


class MainScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield BoundaryEditor("truthmap")
        yield Footer()

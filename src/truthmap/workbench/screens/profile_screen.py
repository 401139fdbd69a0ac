"""A screen that shows the open profile: the state its panes are bound to.

The app sets `profile`, `analysis` and `replaced` on every such screen in
its stack whenever they change; the screen binds them to its panes with
`data_bind`, so a pane never asks the app for anything and can be mounted
alone in a small host app that sets the same attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from ...analysis import Analysis
from ...analysis.types import Finding

if TYPE_CHECKING:
    from ...model import Profile


class JumpTo(Message):
    """Asks to show the profile item at `path` (`records[2]`, `answers.friction`).

    Widgets nest their own subclass (`FindingsPanel.GoTo`, `MapScreen.GoTo`),
    so each has its handler name; the path is all any of them carries.
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path


class ProfileScreen(Screen):
    """Holds the open profile and its analysis for the panes below it."""

    profile: var[Profile | None] = var(None, init=False)
    """The open profile, replaced (never changed in place) on every edit."""

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The latest analysis of `profile`: quick at first, then with comparison and flip.

    Always passed on: comparing two analyses field by field costs more than
    letting each pane skip what it already shows."""

    replaced: var[int] = var(0, init=False)
    """Bumped when the profile is replaced rather than edited (open, reload,
    new, recovery, undo, redo): whatever was half typed into the old one goes."""

    from_exports: var[tuple[Finding, ...]] = var((), init=False)
    """Findings of the last check against the tools' exports (F9), kept by the app
    until another profile is opened; never part of the profile or its reports."""

    def start_from(self, profile: Profile, analysis: Analysis | None, replaced: int) -> None:
        """The state to compose with, before the screen is mounted (no watchers run)."""
        self.set_reactive(ProfileScreen.profile, profile)
        self.set_reactive(ProfileScreen.analysis, analysis)
        self.set_reactive(ProfileScreen.replaced, replaced)

    def show_state(self, profile: Profile, analysis: Analysis | None, replaced: int) -> None:
        """Take the app's current state (profile first: panes read it when the analysis lands).

        Watchers run even before the screen is mounted: panes bound already
        must hear of it, and screens check that their panes are there.
        """
        self.profile = profile
        self.replaced = replaced
        if analysis is not None:
            self.analysis = analysis

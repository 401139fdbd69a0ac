"""Profile file actions of the workbench (minimal versions; see issue 3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import FileChangedError

if TYPE_CHECKING:
    from .app import TruthmapApp


def on_start(app: TruthmapApp, paths: list[Path], compare: bool) -> None:
    """After the main screen is up: offer recovery, open compare mode."""


def note_edit(app: TruthmapApp) -> None:
    """Called after every edit (keep a recovery copy of unsaved work)."""


def save(app: TruthmapApp) -> None:
    if app.document.path is None:
        save_as(app)
        return
    try:
        app.document.save()
    except FileChangedError as error:
        app.notify(str(error), severity="error", markup=False)
        return
    app.document_replaced()
    app.notify(f"Saved {app.document.path}", markup=False)


def save_as(app: TruthmapApp) -> None:
    app.notify("Save as is not available yet", severity="warning")


def open_browser(app: TruthmapApp) -> None:
    app.notify("The profile browser is not available yet", severity="warning")


def new_profile(app: TruthmapApp) -> None:
    app.notify("New profile is not available yet", severity="warning")


def compare(app: TruthmapApp) -> None:
    app.notify("Compare is not available yet", severity="warning")


async def quit(app: TruthmapApp) -> None:
    app.exit()

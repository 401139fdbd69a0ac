"""Shared helpers for the Pilot tests of profile files (not a test module)."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import time
from pathlib import Path

import pytest
from textual.app import ComposeResult

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.boundaries.editor import BoundaryEditor
from truthmap.workbench.widgets.footer import Footer
from truthmap.workbench.screens.profile_screen import ProfileScreen

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"
FLOW_WAIT = 10.0  # seconds what a test started may run before `settle` fails it


async def settle(app, pilot) -> None:
    """Wait until nothing the test started still runs: analysis, loading and recovery workers,
    and a file flow (a save, an open) until it ends or asks in a dialog, a flow waiting on a
    person being left waiting.  What one finished starts (a save's new analysis and recovery
    write) is waited for too."""
    await pilot.pause()
    deadline = time.monotonic() + FLOW_WAIT
    while True:
        running = [w for w in app.workers if not w.is_finished]
        others = [w for w in running if w.group != "files"]
        flowing = any(w.group == "files" for w in running) and not app.screen.is_modal
        if not others and not flowing:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"still running after {FLOW_WAIT:.0f} s: {', '.join(w.name for w in running)}")
        if others:
            await app.workers.wait_for_complete(others)
        else:  # a flow's file work runs in threads that a pause may not see finish on a busy machine
            await asyncio.sleep(0.005)
        await pilot.pause()


def copy_sample(folder: Path, name: str = "messy-studio.toml", as_name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (as_name or name)
    shutil.copyfile(SAMPLES / name, target)
    return target


async def press(app, pilot, *keys: str) -> None:
    """Press keys, then let whatever they started finish."""
    await pilot.press(*keys)
    await settle(app, pilot)


async def apply_edit(app, pilot, profile):
    """Make `profile` the app's profile the way a widget would, and wait for the results."""
    app.apply_profile(profile)
    await settle(app, pilot)
    return profile


def recovery_copies(original: Path | None) -> list[Path]:
    """Every recovery copy of `original` on disk, whichever window wrote it."""
    from truthmap.paths import recovery_dir
    from truthmap.recovery import recovery_file

    single = recovery_file(original)
    return sorted(p for p in recovery_dir().glob(f"{single.stem}*.toml")
                  if p.name == single.name or p.name.startswith(f"{single.stem}."))


class EditorScreen(ProfileScreen):
    """Only the boundary editor, bound to the open profile like on the main screen."""

    def compose(self) -> ComposeResult:
        yield BoundaryEditor().data_bind(EditorScreen.profile, EditorScreen.analysis)
        yield Footer()


class EditorApp(TruthmapApp):
    """The real app (document, analysis, undo, dialogs) showing only the boundary editor.

    Starting it skips the main screen's other panes and the file flows, so a
    test of the editor costs a fraction of a whole-workbench start.
    """

    def on_mount(self, event) -> None:
        event.prevent_default()  # no main screen, no file flows: just the editor
        self.refresh_analysis()
        self.push_screen(EditorScreen())


def record_notifications(app) -> list[str]:
    """Every notification the app shows from now on, as "title message".

    Widgets and the app all notify through `app.notify`; this wraps it on the
    instance, so a test reads what a person was told without Textual's internals.
    """
    told: list[str] = []
    notify = app.notify

    def recording(message, *, title: str = "", **options):
        told.append(f"{title} {message}".strip())
        return notify(message, title=title, **options)

    app.notify = recording
    return told


_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')


def screen_text(app) -> str:
    """What the terminal shows, as plain lines (from Textual's public screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(text for _, text in sorted(row)) for _, row in sorted(rows.items()))

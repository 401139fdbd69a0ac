"""Shared by the evidence screen's Pilot and snapshot tests (not a test module): a profile
beside an `exports/` folder of small generated exports, and the keys that check them."""

from __future__ import annotations

from pathlib import Path

from benchmarks.evidence_data import Generated, make_pair, write_csv
from evidence_profiles import profile_text
from truthmap.workbench.dialogs.questions import PathInputScreen
from truthmap.workbench.screens.evidence_screen import EvidenceScreen
from workbench_helpers import press

CRM_FILE, PM_FILE = "hubspot-companies.csv", "trello-clients.csv"


def studio(folder: Path, clients: int = 40, seed: int = 3) -> tuple[Path, Generated]:
    """studio.toml (HubSpot owns clients, Trello keeps a copy by hand) and its exports."""
    exports = folder / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    profile = folder / "studio.toml"
    profile.write_text(profile_text('{ system = "trello", sync = "manual" }'), encoding="utf-8")
    generated = make_pair(clients, seed=seed)
    write_csv(generated.a, exports / CRM_FILE)
    write_csv(generated.b, exports / PM_FILE, ("Client", "E-mail", "Website"))
    return profile, generated


def client_words(generated: Generated) -> set[str]:
    """Every client name and email address of the two exports."""
    return {text for row in (*generated.a, *generated.b) for text in (row.name, row.email) if text}


async def pick_proposed(app, pilot, *moves: str) -> Path:
    """On the evidence screen: move to a system, pick the file proposed for it."""
    await press(app, pilot, *moves, "enter")
    dialog = app.screen
    assert isinstance(dialog, PathInputScreen)
    await press(app, pilot, "enter")  # read in a worker, awaited
    assert app.screen is not dialog
    return dialog.suggestion


async def check_studio(app, pilot) -> EvidenceScreen:
    """F9, pick the proposed exports of HubSpot and Trello, run the check (its worker awaited)."""
    await press(app, pilot, "f9")
    screen = app.screen
    assert isinstance(screen, EvidenceScreen)
    assert (await pick_proposed(app, pilot)).name == CRM_FILE
    assert (await pick_proposed(app, pilot, "down")).name == PM_FILE
    await press(app, pilot, "r")
    assert screen.state.result is not None
    return screen

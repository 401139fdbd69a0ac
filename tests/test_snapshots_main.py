"""SVG snapshots of the main screen and the help screen at 80x24 and 120x40."""

from __future__ import annotations

import pytest

from truthmap.workbench.app import TruthmapApp
from workbench_helpers import settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])

# A fixed profile (not a bundled sample), so the pictures change only when the screen does.
PROFILE = """\
schema = 1
name = "Studio Nord — today"

[answers]
inquiries_per_month = 6
open_opportunities = 4
lost_deals_to_follow_up = true
revenue_lost = "after-kickoff"
friction = "after-kickoff"
problems_persistent = true
active_projects = 5
delivery_complexity = "high"
process_documented = false
ownership_rules = "unsure"
team_size = 3
admin_hours_per_week = 3

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[systems]]
id = "slack"
name = "Slack"
kind = "chat"

[[records]]
entity = "client"
owner = "hubspot"
steward = "Mia"
copies = [{ system = "trello", sync = "manual" }]

[[records]]
entity = "sales_notes"
owner = "slack"

[[stages]]
stage = "proposal"
system = "hubspot"

[[stages]]
stage = "delivery"
system = "trello"
"""


@pytest.fixture
def main_app(tmp_path, disk_check_by_hand):
    path = tmp_path / "studio-nord.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return lambda: TruthmapApp([path])


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


def _pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press(*keys)
        await settle(pilot.app, pilot)

    return run_before


@SIZES
def test_main_screen(snap_compare, main_app, size):
    assert snap_compare(main_app(), terminal_size=size, run_before=_loaded)


@SIZES
def test_main_screen_matrix_explaining_a_weight(snap_compare, main_app, size):
    """F6, then the cursor on the pipeline-clarity weight: the why shows under the grid."""
    assert snap_compare(main_app(), terminal_size=size, run_before=_pressing("f6", "left"))


def test_main_screen_choice_question_open(snap_compare, main_app):
    """A choice question with its help and keys, an unanswered question below it."""
    assert snap_compare(main_app(), terminal_size=(80, 24), run_before=_pressing(*["down"] * 4))


@pytest.fixture
def help_of_main_screen_only(monkeypatch):
    """The help lists every binding of the workbench; other screens' bindings change
    with their own work, so this picture keeps to the app and the main screen's
    panes (test_workbench_main checks that every binding is listed)."""
    import importlib

    from truthmap.workbench.screens import help_screen

    own = ("app", "screens.main_screen", "panes.questionnaire", "panes.matrix", "panes.findings_panel")
    monkeypatch.setattr(help_screen, "_workbench_modules", lambda: [
        importlib.import_module(f"truthmap.workbench.{name}") for name in own])


@SIZES
def test_help_screen(snap_compare, main_app, help_of_main_screen_only, size):
    assert snap_compare(main_app(), terminal_size=size, run_before=_pressing("f1"))

"""SVG snapshots of the compare screen (`truthmap compare A B --tui`) at both sizes."""

from __future__ import annotations

import pytest

from truthmap.workbench.app import TruthmapApp
from workbench_helpers import settle

# Fixed profiles (not the bundled samples) so the pictures change only when the screen does.
TODAY = """\
schema = 1
name = "Studio Nord — today"

[answers]
inquiries_per_month = 6
active_projects = 5
delivery_complexity = "high"
friction = "after-kickoff"
ownership_rules = "unsure"
team_size = 3

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

PLAN = """\
schema = 1
name = "Studio Nord — [b]hybrid[/b] plan"

[answers]
inquiries_per_month = 6
active_projects = 5
delivery_complexity = "high"
friction = "after-kickoff"
ownership_rules = "yes"
team_size = 3

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[records]]
entity = "client"
owner = "hubspot"
steward = "Mia"
copies = [{ system = "trello", sync = "one-way" }]

[[records]]
entity = "sales_notes"
owner = "hubspot"
steward = "Mia"

[[stages]]
stage = "proposal"
system = "hubspot"

[[stages]]
stage = "contract"
system = "hubspot"

[[stages]]
stage = "kickoff"
system = "trello"

[[stages]]
stage = "delivery"
system = "trello"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = "Deal marked won"
"""


@pytest.fixture
def compare_app(tmp_path, disk_check_by_hand):
    today, plan = tmp_path / "today.toml", tmp_path / "plan.toml"
    today.write_text(TODAY, encoding="utf-8")
    plan.write_text(PLAN, encoding="utf-8")
    return lambda: TruthmapApp([today, plan], compare=True)


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


async def _only_differences(pilot) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("d")
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_compare_screen(snap_compare, compare_app, size):
    assert snap_compare(compare_app(), terminal_size=size, run_before=_loaded)


def test_compare_screen_only_differences(snap_compare, compare_app):
    assert snap_compare(compare_app(), terminal_size=(120, 40), run_before=_only_differences)

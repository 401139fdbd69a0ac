"""SVG snapshots of the boundary editor, on a screen of its own so other panes cannot move it."""

from __future__ import annotations

from pathlib import Path

import pytest
from truthmap.workbench.boundaries.editor import BoundaryEditor
from workbench_helpers import EditorApp, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

PROFILE = """\
schema = 1
name = "Snapshot studio"

[answers]
process_documented = false

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

[[systems]]
id = "wiki"
name = "[bold]Wiki[/]"
kind = "docs"

[[records]]
entity = "client"
owner = "hubspot"
steward = "Dana (sales)"
copies = [
  { system = "trello", sync = "manual" },
  { system = "wiki", sync = "one-way" },
]

[[records]]
entity = "sales_notes"
owner = "slack"

[[records]]
entity = "retainers"
owner = "hubspot"
steward = "[red]Mia[/]"

[[records]]
entity = "tasks"
owner = "trello"
steward = "Jon (PM)"

[[stages]]
stage = "proposal"
system = "hubspot"
owner = "Dana (sales)"

[[stages]]
stage = "kickoff"
system = "trello"

[[stages]]
stage = "delivery"
system = "trello"
owner = "Jon (PM)"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = "Deal marked won"
owner = "Dana (sales)"
"""


def app_for(tmp_path: Path) -> EditorApp:
    path = tmp_path / "studio.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return EditorApp(paths=[path])


def showing(path: str, *keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        pilot.app.screen.query_one(BoundaryEditor).go_to(path)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_records_with_marked_copies(snap_compare, tmp_path, size):
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=showing("records[0].copies[0]"))


@pytest.mark.parametrize("size", SIZES)
def test_all_nine_stages(snap_compare, tmp_path, size):
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=showing("stages[1]"))


def test_systems_with_the_catalog_filtered(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24),
                        run_before=showing("systems[0]", "a", "p", "i"))


def test_removing_a_system_says_what_refers_to_it(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), terminal_size=(120, 40), run_before=showing("systems[0]", "d"))


def test_handoffs(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24), run_before=showing("handoffs[0]"))

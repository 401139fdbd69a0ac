"""The compare screen: profiles side by side, differences marked, text literal."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from truthmap.storage import dump_profile, load_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.files.browser import BrowserScreen
from truthmap.workbench.files.compare_screen import DIFFERS, CompareScreen
from truthmap.workbench.screens.main_screen import MainScreen
from truthmap.workbench.screens.map_screen import MapScreen
from workbench_helpers import apply_edit, copy_sample, press, settle

SIZE = (120, 40)


TODAY = """\
schema = 1
name = "Today"

[answers]
team_size = 3
friction = "after-kickoff"

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[records]]
entity = "lead"
owner = "hubspot"

[[records]]
entity = "client"
owner = "hubspot"
"""


@pytest.fixture
def pair(tmp_path):
    """Two profiles that differ only in name, team size and the client's owner."""
    first = tmp_path / "today.toml"
    first.write_text(TODAY, encoding="utf-8")
    profile = load_profile(first).profile
    records = [r.model_copy(update={"owner": "trello"}) if r.entity == "client" else r for r in profile.records]
    plan = profile.model_copy(update={
        "name": "[bold]Plan[/] \x1b[31m",
        "answers": profile.answers.model_copy(update={"team_size": 9}),
        "records": records,
    })
    second = tmp_path / "plan.toml"
    second.write_text(dump_profile(plan), encoding="utf-8")
    return first, second


def rows_of(screen: CompareScreen) -> dict[str, list[str]]:
    table = screen.query_one(DataTable)
    return {key.value: [str(cell) for cell in table.get_row(key)] for key in table.rows}


async def test_compare_mode_opens_the_compare_screen_and_marks_differences(pair):
    app = TruthmapApp(list(pair), compare=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        rows = rows_of(screen)

        assert rows["answers.answers.team_size"][0] == DIFFERS
        assert rows["answers.answers.team_size"][2:] == ["3 people", "9 people"]
        assert rows["owners.owner.client"][0] == DIFFERS
        assert rows["owners.owner.client"][2:] == ["HubSpot", "Trello"]
        assert rows["answers.answers.friction"][0] == " "  # same in both: no marker
        assert rows["owners.owner.lead"][0] == " "
        # How firm each call is stands beside its margin, which is a lead in fit, not confidence.
        keys = list(rows)
        assert keys.index("summary.firmness") == keys.index("summary.margin") - 1
        assert set(rows["summary.firmness"][2:]) <= {"a close call", "leaning", "firm"}

        # Only what differs is coloured, and the first profile is the baseline.
        table = screen.query_one(DataTable)
        baseline, other = table.get_row("answers.answers.team_size")[2:]
        assert "bold" in str(other.style) and str(other.style) != "bold"
        assert str(baseline.style) == "bold"


async def test_only_differences_toggle_hides_rows_that_agree(pair):
    app = TruthmapApp(list(pair), compare=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        everything = rows_of(app.screen)
        await press(app, pilot, "d")
        differing = rows_of(app.screen)
        assert "answers.answers.friction" in everything
        assert "answers.answers.friction" not in differing
        assert "answers.answers.team_size" in differing
        assert all(cells[0] == DIFFERS for key, cells in differing.items() if not key.startswith("section."))
        footer = {binding.description for _, binding, enabled, _ in app.active_bindings.values() if enabled}
        assert "Every row" in footer and "Only differences" not in footer  # `d` says what it does now
        await press(app, pilot, "d")
        assert rows_of(app.screen).keys() == everything.keys()
        footer = {binding.description for _, binding, enabled, _ in app.active_bindings.values() if enabled}
        assert "Only differences" in footer and "Every row" not in footer


async def test_profile_text_is_shown_literally(pair):
    app = TruthmapApp(list(pair), compare=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert any("[bold]Plan[/] ␛[31m" in header for header in headers)
        assert not any("\x1b" in header for header in headers)


async def test_compare_mode_has_the_first_profile_behind_it_never_the_sample(pair):
    today, plan = pair
    app = TruthmapApp([today, plan], compare=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.document.path == today and app.profile == load_profile(today).profile
        assert not app.document.dirty  # ctrl+s has nothing to offer
        await press(app, pilot, "f2")  # the map is the compared profile's
        assert isinstance(app.screen, MapScreen)
        await press(app, pilot, "escape", "escape")
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert today.name in app.sub_title


async def test_compare_mode_with_no_readable_profile_ends_on_escape(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\nname = 3\n", encoding="utf-8")
    app = TruthmapApp([bad, bad], compare=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.document.path is None and not app.profile.records  # no sample behind it
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running


async def test_f4_compares_picked_profiles_with_the_open_one(pair):
    today, plan = pair
    app = TruthmapApp([today])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await apply_edit(app, pilot, app.profile.model_copy(update={"name": "Today, edited"}))
        await press(app, pilot, "f4")
        browser = app.screen
        assert isinstance(browser, BrowserScreen) and browser.picking
        table = browser.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(plan)))
        await press(app, pilot, "space", "c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        labels = [column.label for column in screen.comparison.columns]
        assert labels == ["today.toml (open, unsaved)", "plan.toml"]
        assert screen.comparison.columns[0].name == "Today, edited"  # the open, unsaved version


async def test_an_unreadable_profile_is_reported_on_the_screen(tmp_path):
    good = copy_sample(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\nname = 'x'\n[[systems]]\nid = 'A b'\n", encoding="utf-8")
    app = TruthmapApp([good, bad], compare=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        summary = str(app.screen.query_one("#compare-summary").render())
        assert "bad.toml" in summary
        assert "Two or more readable profiles" in summary

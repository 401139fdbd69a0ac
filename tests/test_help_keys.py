"""Issue 20 (20): the help has one row per key, Save as and a new profile have keys a
browser leaves alone, "new" in the palette finds both ways to start one, and `a` in the
Stages section says what to do instead."""

from __future__ import annotations

from pathlib import Path

from textual.command import Matcher

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.dialogs.questions import ChoiceScreen, PathInputScreen, ProfileDetailsScreen
from truthmap.workbench.screens.help_screen import binding_sections
from workbench_helpers import EditorApp, copy_sample, record_notifications, settle

# Chromium keeps these for itself whatever a page does (see truthmap.serve): a key on one never reaches a tab.
BROWSER_KEYS = {f"{shift}ctrl+{key}" for shift in ("", "shift+") for key in ("n", "t", "w", "tab")}


def test_every_section_of_the_help_has_one_row_per_key():
    sections = binding_sections(TruthmapApp(paths=[]))
    for title, rows in sections:
        keys = [keys for keys, _ in rows]
        assert len(keys) == len(set(keys)), (title, keys)
    shown = dict(sections)
    editor = dict(shown["Boundary editor, any section"])
    assert editor["d / Delete"] == "Remove (systems, records, handoffs) · Untrack (stages)"
    assert editor["a"] == "Add (systems, records, handoffs) · Nothing to add: try e (stages)"
    assert "Boundary editor, stages" not in shown  # its keys are the rows above
    assert dict(shown["Boundary editor, records"]) == {"c": "Add copy", "s": "Sync…"}


def test_save_as_and_a_new_profile_have_keys_a_browser_leaves_alone():
    keys = {binding.action: binding.key for binding in TruthmapApp.BINDINGS}
    assert keys["save_as"] and keys["new_profile"]
    every = {key for binding in TruthmapApp.BINDINGS for key in binding.key.split(",")}
    assert not every & BROWSER_KEYS
    everywhere = dict(dict(binding_sections(TruthmapApp(paths=[])))["Everywhere"])
    assert everywhere["Ctrl+A"] == "Save as…" and everywhere["Ctrl+L"] == "New profile (blank or template)…"


async def test_the_keys_reach_save_as_and_the_new_profile_choice(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+a")
        await settle(app, pilot)
        assert isinstance(app.screen, PathInputScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen) and "New profile" in app.screen.question
        await pilot.press("escape")


async def test_new_in_the_palette_finds_a_blank_profile_and_the_templates(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        matcher = Matcher("new")
        found = sorted((-matcher.match(title), title) for title in commands if matcher.match(title) > 0)
        best = [title for _, title in found[:2]]
        assert set(best) == {"New blank profile…", "New profile (blank or template)…"}
        await commands["New blank profile…"].callback()
        await settle(app, pilot)
        assert isinstance(app.screen, ProfileDetailsScreen)  # straight to its name: no template asked
        assert app.screen.suggested == ("", "")


async def test_a_in_the_stages_section_says_what_to_do_instead(tmp_path):
    path = copy_sample(tmp_path)
    app = EditorApp(paths=[Path(path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        editor = app.screen.query_one("BoundaryEditor")
        editor.show_section("stages")
        await settle(app, pilot)
        told = record_notifications(app)
        before = app.profile
        await pilot.press("a")
        await settle(app, pilot)
        assert app.profile == before and app.screen.query_one("BoundaryEditor") is editor
        assert told and "e (or Enter) on a stage chooses the tool" in told[-1]

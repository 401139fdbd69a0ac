"""The command palette is made from the key bindings: each key is written once."""

from __future__ import annotations

import re

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.keys import key_label
from truthmap.workbench.screens.main_screen import MainScreen
from truthmap.workbench.screens.map_screen import MapScreen
from truthmap.workbench.screens.reference_screen import ReferenceScreen
from truthmap.workbench.panes.questionnaire import NumberRow, QuestionRow
from test_map_screen import run_palette_command
from workbench_helpers import copy_sample, settle


def commands(app, screen) -> dict[str, str]:
    return {command.title: command.help for command in app.get_system_commands(screen)}


async def test_the_palette_lists_what_the_keys_do_on_the_screen_it_is_opened_from(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, QuestionRow)
        main = commands(app, app.screen)
        # The app's keys, the main screen's and the focused question's, each with its key.
        assert main["Save"] == "Write the profile to its file · Ctrl+S"
        assert main["Help"].endswith("· F1 / ?")  # two keys, one command
        assert main["Findings pane"].endswith("· F7")
        assert main["Clear"].endswith("· Delete")
        assert main["Undo"].endswith("· Ctrl+Z") and main["Redo"].endswith("· Ctrl+Y")  # Redo has no room in the footer
        assert all(title and help_text for title, help_text in main.items())
        assert {"Change theme…", "Add a system…", "Quit"} <= set(main) and "Theme" not in main

        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, MapScreen)
        on_map = commands(app, app.screen)
        assert on_map["Next mark"].endswith("· Tab") and "Save" in on_map
        assert "Findings pane" not in on_map and "Clear" not in on_map  # the main screen's keys are not in force


async def test_undo_is_offered_by_the_open_palette_and_runs_once_it_closes(tmp_path):
    """The palette is itself a modal screen: what the app withholds under a dialog it still offers."""
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("9")
        await settle(app, pilot)
        assert app.document.dirty
        await run_palette_command(app, pilot, "undo")
        assert not app.document.dirty and isinstance(app.screen, MainScreen)


async def test_a_command_runs_where_its_key_would(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        findings = next(command for command in app.get_system_commands(app.screen) if command.title == "Findings pane")
        await findings.callback()
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.active_pane == "findings"


def test_no_tooltip_or_keyless_command_spells_a_key_again():
    """A key named in words beside its binding would go stale when the key changes."""
    for owner in (TruthmapApp, MainScreen, MapScreen, ReferenceScreen, QuestionRow, NumberRow):
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):
                assert not re.search(rf"\b{re.escape(key_label(key))}\b", binding.tooltip, re.IGNORECASE), binding
    for command in TruthmapApp.COMMANDS_WITHOUT_KEYS:
        assert "(" not in command.help, command

"""Issue 20 (18): Save as asks for the new profile's name with its path, so two files never
carry the same name until one is renamed."""

from __future__ import annotations

from pathlib import Path

import pytest
from files_host import Typed, started
from textual.widgets import Button, Input

from truthmap.storage import load_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.dialogs.questions import ChoiceScreen
from truthmap.workbench.dialogs.save_as import SaveAsScreen
from workbench_helpers import copy_sample, press, settle


@pytest.fixture
def profile_file(tmp_path) -> Path:
    return copy_sample(tmp_path / "work")


async def test_save_as_asks_the_new_name_and_the_file_follows_it(profile_file):
    original = load_profile(profile_file).profile.name
    app = TruthmapApp([profile_file])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+a")
        dialog = app.screen
        assert isinstance(dialog, SaveAsScreen)
        name, path = dialog.query_one("#save-as-name", Input), dialog.query_one("#path-input", Input)
        assert app.focused is name and name.value == original and path.value == str(profile_file)
        for button in dialog.query(Button):  # all of it in view at 80x24
            assert app.screen.region.contains_region(button.region)
        await pilot.press(*"Hybrid plan")  # replaces the selected name
        await settle(app, pilot)
        target = profile_file.parent / "hybrid-plan.toml"
        assert path.value == str(target)  # the file follows the name while untouched
        await press(app, pilot, "enter")

        assert app.document.path == target and not app.document.dirty
        assert load_profile(target).profile.name == "Hybrid plan" == app.profile.name
        assert load_profile(profile_file).profile.name == original  # the first profile keeps its own
        assert "Hybrid plan" in app.sub_title


async def test_a_path_typed_by_hand_stays_and_a_blank_name_is_refused(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+a")
        dialog = app.screen
        name, path = dialog.query_one("#save-as-name", Input), dialog.query_one("#path-input", Input)
        path.value = str(profile_file.parent / "mine.toml")
        name.value = "Plan B"
        await settle(app, pilot)
        assert path.value == str(profile_file.parent / "mine.toml")  # typed by hand: kept
        name.value = "   "
        name.focus()
        await press(app, pilot, "enter")
        assert app.screen is dialog and "needs a name" in str(dialog.query_one("#path-error").render())
        name.value = "Plan B"
        await press(app, pilot, "enter")
        assert load_profile(profile_file.parent / "mine.toml").profile.name == "Plan B"


async def test_only_a_path_typed_keeps_the_name(profile_file):
    files, host = await started(profile_file, Typed("plan"))
    files.save_as()
    await host.settle()
    assert isinstance(host.asked[0], SaveAsScreen)  # an opened file: its copy is offered a name of its own
    name = load_profile(profile_file).profile.name
    assert files.document.profile.name == name == load_profile(profile_file.parent / "plan.toml").profile.name


async def test_a_save_as_that_is_not_written_leaves_the_name_as_it_was(profile_file):
    """The typed name becomes the profile's once the file is written, not before: a refused
    write, then Escape on the dialog asked again, leave the open profile untouched."""
    original = load_profile(profile_file).profile.name
    taken = profile_file.parent / "taken.toml"
    taken.write_bytes(profile_file.read_bytes())
    taken.chmod(0o444)  # refused even for root
    app = TruthmapApp([profile_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+a")
        dialog = app.screen
        dialog.query_one("#save-as-name", Input).value = "Plan C"
        dialog.query_one("#path-input", Input).value = str(taken)
        await settle(app, pilot)
        await press(app, pilot, "enter")
        await press(app, pilot, "r")  # replace it: refused, read-only
        assert isinstance(app.screen, SaveAsScreen)  # asked again, with the name typed
        assert app.screen.query_one("#save-as-name", Input).value == "Plan C"
        await press(app, pilot, "escape")

        assert app.profile.name == original and app.document.path == profile_file
        assert not app.document.dirty and original in app.sub_title
        assert load_profile(taken).profile.name == original  # not written either


async def test_a_new_name_for_the_same_file_waits_for_the_write_too(profile_file):
    original = load_profile(profile_file).profile.name
    profile_file.chmod(0o444)  # refused even for root
    app = TruthmapApp([profile_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+a")
        app.screen.query_one("#save-as-name", Input).value = "Plan D"
        await settle(app, pilot)  # the file follows the name ...
        app.screen.query_one("#path-input", Input).value = str(profile_file)  # ... until it is typed: the same
        await settle(app, pilot)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ChoiceScreen)  # read-only: save elsewhere or cancel
        await press(app, pilot, "c")
        assert app.profile.name == original and not app.document.dirty

"""Two windows on one profile never lose an edit (issue #8).

Each window keeps its own recovery copy; saving in one removes only its own;
the next start offers every copy left behind.  Two real app instances run
side by side in one event loop, as two terminals would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from truthmap.storage import load_profile
from truthmap.workbench import files
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.dialogs import ChoiceScreen
from workbench_helpers import apply_edit, copy_sample, press, recovery_copies, settle

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def quick_recovery(monkeypatch):
    monkeypatch.setattr(files, "RECOVERY_INTERVAL", 0.0)  # every edit is on disk at once
    monkeypatch.setattr(files, "DISK_CHECK_INTERVAL", 3600.0)


@pytest.fixture
def profile_file(tmp_path) -> Path:
    return copy_sample(tmp_path / "work")


def renamed(app, name):
    return app.profile.model_copy(update={"name": name})


def question(app) -> str:
    assert isinstance(app.screen, ChoiceScreen), app.screen
    return " ".join(str(widget.render()) for widget in app.screen.query(".dialog-title, .dialog-message"))


async def test_saving_in_one_window_keeps_the_other_window_s_unsaved_edit(profile_file):
    first, second = TruthmapApp([profile_file]), TruthmapApp([profile_file])
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await settle(first, one)
        await settle(second, two)
        await apply_edit(first, one, renamed(first, "Edited in window A"))
        theirs = await apply_edit(second, two, renamed(second, "Edited in window B"))
        assert len(recovery_copies(profile_file)) == 2  # one copy each

        await press(first, one, "ctrl+s")  # A saves: only A's copy goes
        assert load_profile(profile_file).profile.name == "Edited in window A"
        assert len(recovery_copies(profile_file)) == 1
        assert not isinstance(second.screen, ChoiceScreen)  # B's live work is not offered to anyone
    # Both windows are gone (as if killed): B's edit is still on disk and is offered.
    third = TruthmapApp([profile_file])
    async with third.run_test(size=SIZE) as pilot:
        await settle(third, pilot)
        assert "Edited in window B" in question(third)
        await press(third, pilot, "r")
        assert third.profile == theirs and third.document.dirty


async def test_when_both_windows_are_killed_every_copy_is_offered(profile_file):
    first, second = TruthmapApp([profile_file]), TruthmapApp([profile_file])
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await settle(first, one)
        await settle(second, two)
        older = await apply_edit(first, one, renamed(first, "Older edit"))
        newer = await apply_edit(second, two, renamed(second, "Newer edit"))
        assert len(recovery_copies(profile_file)) == 2

    third = TruthmapApp([profile_file])
    async with third.run_test(size=SIZE) as pilot:
        await settle(third, pilot)
        text = question(third)
        assert "1 of 2" in text and "Newer edit" in text  # newest first
        await press(third, pilot, "r")
        assert third.profile == newer
        text = question(third)
        assert "2 of 2" in text and "Older edit" in text
        await press(third, pilot, "k")  # keep it: restoring it too would replace the first
        assert third.profile == newer
    kept = recovery_copies(profile_file)
    assert len(kept) == 2  # the restored work (now the third window's copy) and the one kept
    assert sorted(load_profile(copy).profile.name for copy in kept) == ["Newer edit", "Older edit"]
    assert older.name == "Older edit"

"""The workbench as `truthmap serve` runs it for a browser tab (TRUTHMAP_SERVED), and the
end of a window that never went through the quit flow (a closed tab, a signal).

The flows run with the scripted window of `files_host`; one test runs the app.
"""

from __future__ import annotations

import pytest
from files_host import Enter, Typed, started, window

from truthmap.document import Document
from truthmap.paths import recovery_dir, user_profiles_dir
from truthmap.recovery import read_recovery
from truthmap.serve import SERVED_VARIABLE
from truthmap.storage import load_profile
from truthmap.workbench import window_ended
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.files.browser import BrowserScreen
from workbench_helpers import copy_sample, recovery_copies


def answered(profile, **answers):
    return profile.model_copy(update={"answers": profile.answers.model_copy(update=answers)})


def kept(path) -> list[int | None]:
    return [read_recovery(copy).profile.answers.inquiries_per_month for copy in recovery_copies(path)]


async def test_edits_waiting_for_the_throttle_are_kept_when_the_window_ends(tmp_path):
    files, host = await started(copy_sample(tmp_path / "work"))
    path = files.document.path
    for value in (41, 42):  # the first is written at once, the second waits for the throttle
        files.document.edit(answered(files.document.profile, inquiries_per_month=value))
        files.note_edit()
    assert kept(path) == [41]
    files.window_ending()  # the tab closed: no quit flow, no timer any more
    assert kept(path) == [42]


async def test_a_window_ended_by_the_app_s_exit_keeps_its_last_edit(tmp_path):
    """The app quits as textual-serve makes it quit (App.exit, no question asked)."""
    path = copy_sample(tmp_path / "work")
    app = TruthmapApp(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "delete", "4", "2")
        await pilot.pause()
        app.exit()
    window_ended(app)
    assert 42 in kept(path)


async def test_a_served_session_says_once_where_its_files_stay(tmp_path, monkeypatch):
    monkeypatch.setenv(SERVED_VARIABLE, "local")
    files, host = await started(copy_sample(tmp_path / "work"))
    [told] = host.said("truthmap serve")
    assert str(files.document.path) in told and str(recovery_dir()) in told


async def test_a_terminal_session_says_nothing_of_it(tmp_path):
    files, host = await started(copy_sample(tmp_path / "work"))
    assert not host.said("truthmap serve")


@pytest.fixture
def public(monkeypatch):
    monkeypatch.setenv(SERVED_VARIABLE, "public")


async def test_a_public_session_saves_as_only_inside_the_profiles_folder(tmp_path, public):
    outside = copy_sample(tmp_path / "elsewhere")
    files, host = await started(outside, Typed(str(tmp_path / "other" / "x.toml")),
                                Typed(str(user_profiles_dir() / ".." / "up.toml")), Typed("client"))
    assert "only" in host.said("truthmap serve")[0]
    files.save_as()
    await host.settle()
    question = host.asked[0]
    assert question.base == user_profiles_dir() and question.suggestion.parent == user_profiles_dir()
    assert len(host.refused) == 2 and all(str(user_profiles_dir()) in reason for reason in host.refused)
    assert files.document.path == user_profiles_dir() / "client.toml"
    assert load_profile(user_profiles_dir() / "client.toml").profile == files.document.profile
    assert not (tmp_path / "other").exists() and not (user_profiles_dir().parent / "up.toml").exists()


async def test_a_public_session_browses_the_profiles_folder_whatever_it_opened(tmp_path, public):
    files, host = await started(copy_sample(tmp_path / "elsewhere"))
    files.open_browser()
    browser = next(screen for screen in host.screens if isinstance(screen, BrowserScreen))
    assert browser.folder == user_profiles_dir()


async def test_a_public_session_still_saves_the_profile_it_was_served_with(tmp_path, public):
    """The person who ran `truthmap serve PROFILE` chose that file: ctrl+s writes it."""
    path = copy_sample(tmp_path / "elsewhere")
    files, host = window(Document.open(path), Enter())
    files.document.edit(answered(files.document.profile, inquiries_per_month=9))
    files.save()
    await host.settle()
    assert not host.asked and load_profile(path).profile.answers.inquiries_per_month == 9


async def test_a_public_session_names_files_never_the_server_s_folders(tmp_path, public):
    files, host = await started(copy_sample(user_profiles_dir()))
    files.document.edit(answered(files.document.profile, inquiries_per_month=9))
    files.note_edit()
    files.save()
    await host.settle()
    assert host.said("Saved messy-studio.toml")
    assert host.said("in the recovery folder") and host.said("saved as messy-studio.toml")
    folders = (str(user_profiles_dir()), str(recovery_dir()), str(tmp_path))
    assert [told for told in map(str, host.told) if any(folder in told for folder in folders)] == []


def test_hide_folders_names_a_folder_s_files_alone_and_the_folder_by_its_label(tmp_path):
    from truthmap.paths import hide_folders

    folders = {tmp_path / "profiles": "the profiles folder"}
    assert hide_folders(f"Saved {tmp_path}/profiles/a b.toml", folders) == "Saved a b.toml"
    assert hide_folders(f"profiles are saved in {tmp_path}/profiles.", folders) == \
        "profiles are saved in the profiles folder."
    assert hide_folders(f"{tmp_path}/other/a.toml", folders) == f"{tmp_path}/other/a.toml"

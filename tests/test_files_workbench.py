"""Profiles on disk in the workbench: save, save as, open, new, quit, recovery, disk changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from truthmap.paths import recovery_dir, sample_profiles, user_profiles_dir
from truthmap.recovery import recovery_file, write_recovery
from truthmap.storage import dump_profile, load_profile
from truthmap.templates import template_profile
from truthmap.workbench import files
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.browser import BrowserScreen
from truthmap.workbench.compare_screen import CompareScreen
from truthmap.workbench.dialogs import ChoiceScreen, PathInputScreen, ProfileDetailsScreen
from workbench_helpers import apply_edit, copy_sample, press, recovery_copies, settle

SIZE = (120, 40)


def edited(profile, name='Edited "[bold]x[/]" \\ café'):
    """A change touching text, answers and boundaries, with characters that must survive."""
    answers = profile.answers.model_copy(update={"team_size": 7, "friction": "before-kickoff"})
    return profile.model_copy(
        update={"name": name, "notes": "line one\nline two\ttabbed", "answers": answers,
                "records": profile.records[1:]}
    )


def dialog_text(screen) -> str:
    return " ".join(str(widget.render()) for widget in screen.query(".dialog-title, .dialog-message"))


@pytest.fixture(autouse=True)
def no_background_disk_check(monkeypatch):
    """The periodic check is driven by hand here (`files.check_disk`), never by the clock."""
    monkeypatch.setattr(files, "DISK_CHECK_INTERVAL", 3600.0)


@pytest.fixture
def profile_file(tmp_path) -> Path:
    return copy_sample(tmp_path / "work")


# --------------------------------------------------------------------- save


async def test_save_and_reload_loses_nothing(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        change = await apply_edit(app, pilot, edited(app.profile))
        assert app.document.dirty
        assert recovery_copies(profile_file)  # unsaved work is already on disk

        await press(app, pilot, "ctrl+s")

        assert not app.document.dirty
        assert load_profile(profile_file).profile == change
        assert not recovery_copies(profile_file)  # a clean save removes the copy
        assert "•" not in app.sub_title


async def test_first_save_of_untitled_work_asks_for_a_path_in_the_profiles_folder():
    app = TruthmapApp()  # bare `truthmap`: the bundled sample as unsaved work
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+s")

        assert isinstance(app.screen, PathInputScreen)
        suggested = Path(app.screen.query_one(Input).value)
        assert suggested.parent == user_profiles_dir()
        assert suggested.suffix == ".toml"

        await press(app, pilot, "enter")

        assert app.document.path == suggested
        assert load_profile(suggested).profile == app.profile
        assert sample_profiles()[0].exists()  # the bundled sample itself is untouched


async def test_save_as_adds_the_suffix_and_takes_relative_names_inside_the_folder(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.run_action("save_as")
        await settle(app, pilot)
        app.screen.query_one(Input).value = "plan"
        await press(app, pilot, "enter")

        target = profile_file.parent / "plan.toml"
        assert app.document.path == target
        assert load_profile(target).profile == app.profile


async def test_save_as_never_clobbers_without_asking(profile_file):
    other = copy_sample(profile_file.parent, "hybrid-agency.toml")
    before = other.read_bytes()
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for answer in ("c", "r"):
            await app.run_action("save_as")
            await settle(app, pilot)
            app.screen.query_one(Input).value = str(other)
            await press(app, pilot, "enter")
            assert isinstance(app.screen, ChoiceScreen)
            assert "already exists" in dialog_text(app.screen)
            if answer == "c":
                await press(app, pilot, "c")
                assert other.read_bytes() == before  # cancelled: untouched
                assert app.document.path == profile_file
            else:
                await press(app, pilot, "r")
                assert load_profile(other).profile == app.profile  # replaced only when told
                assert app.document.path == other


async def test_save_as_choose_another_name_goes_back_to_the_path(profile_file):
    other = copy_sample(profile_file.parent, "hybrid-agency.toml")
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.run_action("save_as")
        await settle(app, pilot)
        app.screen.query_one(Input).value = str(other)
        await press(app, pilot, "enter")
        await press(app, pilot, "a")
        assert isinstance(app.screen, PathInputScreen)
        app.screen.query_one(Input).value = str(other.with_name("fresh.toml"))
        await press(app, pilot, "enter")
        assert app.document.path == other.with_name("fresh.toml")


# ------------------------------------------------------------ changed on disk


async def test_file_changed_on_disk_is_detected_on_save(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        mine = await apply_edit(app, pilot, edited(app.profile, name="Mine"))
        theirs = dump_profile(app.document.saved.model_copy(update={"name": "Theirs"}))
        profile_file.write_text(theirs, encoding="utf-8")

        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ChoiceScreen)
        assert "changed on disk" in dialog_text(app.screen)
        await press(app, pilot, "c")
        assert profile_file.read_text(encoding="utf-8") == theirs  # cancel: their file stays
        assert app.document.dirty

        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "o")
        assert load_profile(profile_file).profile == mine  # overwritten only when told
        assert not app.document.dirty


async def test_changed_on_disk_can_be_saved_elsewhere(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await apply_edit(app, pilot, edited(app.profile))
        profile_file.write_text(dump_profile(app.document.saved.model_copy(update={"name": "Theirs"})), "utf-8")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "a")
        assert isinstance(app.screen, PathInputScreen)
        app.screen.query_one(Input).value = "copy-of-mine"
        await press(app, pilot, "enter")
        assert load_profile(profile_file).profile.name == "Theirs"
        assert load_profile(profile_file.with_name("copy-of-mine.toml")).profile == app.profile


async def test_a_change_on_disk_is_noticed_and_can_be_reloaded(profile_file, monkeypatch):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        files.check_disk(app)
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)  # nothing changed: no question

        theirs = app.profile.model_copy(update={"name": "Changed elsewhere"})
        profile_file.write_text(dump_profile(theirs), encoding="utf-8")
        files.check_disk(app)
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("tab", "enter")  # the second button: reload
        await settle(app, pilot)
        assert app.profile == theirs
        assert not app.document.dirty

        files.check_disk(app)  # the reloaded file is the known version again
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)


async def test_coming_back_to_the_terminal_checks_the_file(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.app_focus = False
        await pilot.pause()
        profile_file.write_text(dump_profile(app.profile.model_copy(update={"name": "Elsewhere"})), "utf-8")
        app.app_focus = True
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await press(app, pilot, "escape")  # escape keeps what is on screen
        assert app.profile.name == "Studio Nord — today"


async def test_a_deleted_file_is_reported_once_and_saving_asks_before_writing_it_again(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        profile_file.unlink()
        files.check_disk(app)
        files.check_disk(app)
        await settle(app, pilot)
        told = [n for n in app._notifications if "deleted or moved" in str(n.message)]
        assert len(told) == 1
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ChoiceScreen)
        assert "deleted or moved" in dialog_text(app.screen)
        await press(app, pilot, "o")
        assert load_profile(profile_file).profile == app.profile


# --------------------------------------------------------------------- quit


async def test_quit_with_unsaved_changes_asks_and_cancel_keeps_running(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await apply_edit(app, pilot, edited(app.profile))
        await press(app, pilot, "ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        assert "not saved" in dialog_text(app.screen)

        await press(app, pilot, "escape")
        assert app.is_running
        assert not isinstance(app.screen, ChoiceScreen)
        assert app.document.dirty

        await press(app, pilot, "ctrl+q")
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == 0
    assert load_profile(profile_file).profile == app.document.saved  # discarded: file as it was
    assert not recovery_copies(profile_file)  # and no copy is offered next time


async def test_quit_can_save_first(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        change = await apply_edit(app, pilot, edited(app.profile))
        await press(app, pilot, "ctrl+q")
        await pilot.press("s")
        await pilot.pause()
    assert load_profile(profile_file).profile == change


async def test_quit_without_changes_does_not_ask(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


# ----------------------------------------------------------------- recovery


async def test_recovery_is_offered_after_a_crash(profile_file):
    first = TruthmapApp([profile_file])
    async with first.run_test(size=SIZE) as pilot:
        await settle(first, pilot)
        change = await apply_edit(first, pilot, edited(first.profile))
    # Torn down without the quit action: like a killed terminal, nothing was asked or saved.
    assert load_profile(profile_file).profile != change
    assert recovery_copies(profile_file)

    second = TruthmapApp([profile_file])
    async with second.run_test(size=SIZE) as pilot:
        await settle(second, pilot)
        assert isinstance(second.screen, ChoiceScreen)
        assert "Restore" in dialog_text(second.screen) or "restore" in dialog_text(second.screen).lower()
        await press(second, pilot, "r")
        assert second.profile == change
        assert second.document.dirty  # restored work is still unsaved
        await press(second, pilot, "ctrl+s")
    assert load_profile(profile_file).profile == change
    assert not recovery_copies(profile_file)


async def test_recovery_can_be_discarded(profile_file):
    on_disk = load_profile(profile_file).profile
    write_recovery(edited(on_disk), profile_file)
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "d")
        assert app.profile == on_disk
        assert not app.document.dirty
    assert not recovery_copies(profile_file)


async def test_untitled_work_is_recovered_by_bare_truthmap():
    first = TruthmapApp()
    async with first.run_test(size=SIZE) as pilot:
        await settle(first, pilot)
        change = await apply_edit(first, pilot, edited(first.profile, name="Untitled plan"))

    second = TruthmapApp()
    async with second.run_test(size=SIZE) as pilot:
        await settle(second, pilot)
        assert isinstance(second.screen, ChoiceScreen)
        await press(second, pilot, "r")
        assert second.profile == change
        assert second.document.path is None


async def test_a_corrupt_recovery_copy_is_reported_and_set_aside(profile_file):
    broken = recovery_file(profile_file)
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("this is not = = a profile", encoding="utf-8")
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        assert any("Recovery copy damaged" in (n.title or "") for n in app._notifications)
        assert app.profile == load_profile(profile_file).profile
    assert not broken.exists()
    assert [p.name for p in recovery_dir().iterdir()][0].startswith(broken.stem + ".corrupt-")


async def test_a_recovery_copy_equal_to_the_file_is_dropped_silently(profile_file):
    write_recovery(load_profile(profile_file).profile, profile_file)
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)
    assert not recovery_copies(profile_file)


async def test_undoing_every_edit_removes_the_recovery_copy(profile_file, monkeypatch):
    monkeypatch.setattr(files, "RECOVERY_INTERVAL", 0.0)
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        original = app.profile
        await apply_edit(app, pilot, edited(original))
        assert recovery_copies(profile_file)
        await apply_edit(app, pilot, original)
        assert not recovery_copies(profile_file)


# ------------------------------------------------------------------- browser


async def test_browser_lists_profiles_including_an_invalid_one(profile_file):
    folder = profile_file.parent
    copy_sample(folder, "hybrid-agency.toml")
    (folder / "broken.toml").write_text("schema = 1\nname = 'Broken'\ncolour = 'red'\n", encoding="utf-8")
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+o")
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        table = browser.query_one(DataTable)
        rows = {key.value: [str(cell) for cell in table.get_row(key)] for key in table.rows}
        assert len(rows) == 3
        broken = rows[str(folder / "broken.toml")]
        assert "invalid: broken.toml" in broken and any("colour: unknown key" in cell for cell in broken)
        hybrid = rows[str(folder / "hybrid-agency.toml")]
        assert "Northwind Creative — hybrid…" in hybrid and "Hybrid" in hybrid
        studio = rows[str(profile_file)]
        assert "Studio Nord — today" in studio
        assert any("high" in cell for cell in studio)  # finding counts by severity

        await press(app, pilot, "end")  # the last row, not the last column
        assert table.cursor_row == 2
        await press(app, pilot, "home")
        assert table.cursor_row == 0

        table.move_cursor(row=table.get_row_index(str(folder / "broken.toml")))
        await press(app, pilot, "enter")
        assert app.screen is browser  # an invalid file is reported, not opened
        assert app.document.path == profile_file

        table.move_cursor(row=table.get_row_index(str(folder / "hybrid-agency.toml")))
        await press(app, pilot, "enter")
        assert app.document.path == folder / "hybrid-agency.toml"
        assert app.profile.name.startswith("Northwind")
        assert not isinstance(app.screen, BrowserScreen)


async def test_opening_another_profile_with_unsaved_changes_asks(profile_file):
    other = copy_sample(profile_file.parent, "hybrid-agency.toml")
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        change = await apply_edit(app, pilot, edited(app.profile))
        await press(app, pilot, "ctrl+o")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(other)))
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ChoiceScreen)
        await press(app, pilot, "c")
        assert app.document.path == profile_file and app.profile == change  # cancel keeps everything

        await press(app, pilot, "enter")
        await press(app, pilot, "s")
        assert load_profile(profile_file).profile == change
        assert app.document.path == other


async def test_first_run_offers_the_samples_in_an_empty_profiles_folder():
    app = TruthmapApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+o")
        assert isinstance(app.screen, ChoiceScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, BrowserScreen)
        copied = sorted(p.name for p in user_profiles_dir().glob("*.toml"))
        assert copied == sorted(p.name for p in sample_profiles())
        assert app.screen.query_one(DataTable).row_count == len(copied)


async def test_browser_marks_two_profiles_and_compares_them(profile_file):
    copy_sample(profile_file.parent, "hybrid-agency.toml")
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+o")
        await pilot.press("c")
        assert not isinstance(app.screen, CompareScreen)  # nothing marked yet
        await press(app, pilot, "space", "space", "c")
        assert isinstance(app.screen, CompareScreen)
        assert [c.name for c in app.screen.comparison.columns] == [
            "Northwind Creative — hybrid plan", "Studio Nord — today"]
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)


# ---------------------------------------------------------------------- new


async def test_new_profile_from_each_model_template(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key, model in (("1", "crm-first"), ("2", "pm-first"), ("3", "hybrid")):
            await app.run_action("new_profile")
            await press(app, pilot, key)
            assert isinstance(app.screen, ProfileDetailsScreen)  # the name comes first
            await press(app, pilot, "enter")  # the template's name, as suggested
            assert app.profile == template_profile(model)
            assert app.document.path is None and not app.document.dirty
            assert app.analysis.current_model == model
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, PathInputScreen)  # a new profile asks where it goes



async def test_a_new_blank_profile_asks_for_its_name_first(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = app.profile
        await app.run_action("new_profile")
        await press(app, pilot, "b")
        dialog = app.screen
        assert isinstance(dialog, ProfileDetailsScreen)
        await press(app, pilot, "enter")  # no name yet: refused with a reason, nothing replaced
        assert app.screen is dialog and "needs a name" in str(dialog.query_one("#details-error").render())
        assert app.profile == before
        await press(app, pilot, *"[b]Acme[/]", "enter")
        assert app.profile.name == "[b]Acme[/]" and not app.profile.systems
        assert app.document.path is None


async def test_a_profile_that_would_not_load_back_is_not_saved_and_says_why(profile_file):
    before = profile_file.read_bytes()
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # model_copy skips validation: an owner nobody declared slips through.
        broken = app.profile.records[0].model_copy(update={"owner": "ghost"})
        app.document.profile = app.profile.model_copy(update={"records": [broken]})
        await press(app, pilot, "ctrl+s")
        messages = [n.message for n in app._notifications]
        assert any("not saved" in m and "ghost" in m for m in messages), messages
        assert app.is_running
    assert profile_file.read_bytes() == before


# ------------------------------------------------------------ save-as and folders (issue #8)


async def test_save_as_asks_before_creating_folders_and_a_cancel_creates_nothing(profile_file):
    folder = profile_file.parent
    before = sorted(p.name for p in folder.iterdir())
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.run_action("save_as")
        await settle(app, pilot)
        assert str(folder) in " ".join(str(w.render()) for w in app.screen.query(".dialog-hint"))
        app.screen.query_one(Input).value = "clients/acme/plan"  # relative: inside the folder shown
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ChoiceScreen)
        assert "does not exist" in dialog_text(app.screen) and str(folder / "clients" / "acme") in dialog_text(app.screen)
        await press(app, pilot, "c")
        assert sorted(p.name for p in folder.iterdir()) == before  # cancelled: no folder, no file
        assert app.document.path == profile_file

        await app.run_action("save_as")
        await settle(app, pilot)
        app.screen.query_one(Input).value = "clients/acme/plan"
        await press(app, pilot, "enter")
        await press(app, pilot, "y")
        target = folder / "clients" / "acme" / "plan.toml"
        assert app.document.path == target
        assert load_profile(target).profile == app.profile


async def test_save_as_says_what_is_wrong_with_a_name_too_long_and_stays_open(profile_file):
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.run_action("save_as")
        await settle(app, pilot)
        app.screen.query_one(Input).value = "n" * 300
        await press(app, pilot, "enter")
        assert app.is_running and isinstance(app.screen, PathInputScreen)
        shown = str(app.screen.query_one("#path-error").render())
        assert "File name too long" in shown and "n" * 50 in shown
        assert sorted(p.name for p in profile_file.parent.iterdir()) == [profile_file.name]


# ------------------------------------------------------- a name from another folder


def test_a_missing_name_finds_the_profile_of_that_name_in_the_profiles_folder(tmp_path):
    folder = tmp_path / "profiles"
    there = copy_sample(folder, as_name="studio.toml")
    assert files.existing_elsewhere(tmp_path / "elsewhere" / "studio.toml", folder) == there
    assert files.existing_elsewhere(tmp_path / "elsewhere" / "other.toml", folder) is None
    assert files.existing_elsewhere(there, folder) is None  # the file itself: nothing to offer
    here = copy_sample(tmp_path / "here", as_name="studio.toml")
    assert files.existing_elsewhere(here, folder) is None  # it exists where it was named


@pytest.mark.parametrize(("key", "opens_existing"), [("o", True), ("n", False)])
async def test_starting_on_a_missing_name_offers_the_profile_of_that_name(tmp_path, monkeypatch, key, opens_existing):
    there = copy_sample(user_profiles_dir(), as_name="studio.toml")
    monkeypatch.chdir(tmp_path)
    app = TruthmapApp([Path("studio.toml")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert str(there) in dialog_text(app.screen) and str(tmp_path / "studio.toml") in dialog_text(app.screen)
        await press(app, pilot, key)
        assert not isinstance(app.screen, ChoiceScreen)
        if opens_existing:
            assert app.document.path == there and app.profile.name == "Studio Nord — today"
            assert files.profiles_folder(app) == there.parent
        else:
            assert app.document.path == Path("studio.toml") and not app.profile.records
            told = " ".join(str(n.message) for n in app._notifications)
            assert f"created as {tmp_path / 'studio.toml'} when you save" in told
    assert not (tmp_path / "studio.toml").exists()


async def test_reloading_from_disk_drops_a_half_typed_answer_at_once(profile_file):
    from truthmap.workbench.questionnaire import Questionnaire

    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        questions = app.screen.query_one(Questionnaire)
        questions.go_to("team_size")
        await pilot.pause()
        await press(app, pilot, "delete", "0")  # refused (at least 1): shown, not stored
        row = questions.row("team_size")
        assert row.typed == "0" and row.has_class("-invalid")

        answers = app.profile.answers.model_copy(update={"team_size": 9})
        profile_file.write_text(dump_profile(app.profile.model_copy(update={"answers": answers})), encoding="utf-8")
        files.check_disk(app)
        await settle(app, pilot)
        await pilot.press("tab", "enter")  # the second button: reload
        await settle(app, pilot)
        assert app.profile.answers.team_size == 9
        assert app.focused is row  # focus never moved ...
        assert row.typed is None and not row.has_class("-invalid")  # ... yet the typing is gone
        assert "9" in str(row.query_one(".answer").render()) and "0▏" not in str(row.query_one(".answer").render())

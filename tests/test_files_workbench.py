"""Profiles on disk in the workbench: save, save as, open, new, quit, recovery, disk changes.

The flows are `ProfileFiles`' logic, tested with a scripted window and no app
(`files_host`); the dialogs' own checks run as they would on Enter.  A few
tests at the end run the whole workbench to prove the wiring: keys reach the
flows, the real dialogs show, the app side of the host does what it says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from files_host import Enter, Key, Typed, edit, started, window
from textual.app import App
from textual.widgets import DataTable, Input

from truthmap.analysis import analyze
from truthmap.document import Document
from truthmap.paths import default_sample, recovery_dir, sample_profiles, user_profiles_dir
from truthmap.recovery import recovery_file, write_recovery
from truthmap.storage import dump_profile, load_profile
from truthmap.templates import template_profile
from truthmap.workbench.files import disk_watch, recovering
from truthmap.workbench.files.common import existing_elsewhere
from truthmap.workbench.files.host import AppHost
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.files.browser import BrowserScreen
from truthmap.workbench.files.compare_screen import CompareScreen
from truthmap.workbench.dialogs.questions import Choice, ChoiceScreen, PathInputScreen, ProfileDetailsScreen
from workbench_helpers import apply_edit, copy_sample, press, recovery_copies, screen_text, settle

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


def untitled_sample() -> Document:
    """What bare `truthmap` opens: the bundled sample as an unsaved copy."""
    sample = Document.open(default_sample())
    return Document(sample.profile, path=None, stamp=None, saved=sample.profile)


pytestmark = pytest.mark.usefixtures("disk_check_by_hand")


@pytest.fixture
def profile_file(tmp_path) -> Path:
    return copy_sample(tmp_path / "work")


# --------------------------------------------------------------------- save


async def test_a_save_writes_the_edit_and_removes_the_recovery_copy(profile_file):
    files, host = await started(profile_file)
    change = edited(files.document.profile)
    edit(files, change)
    assert files.document.dirty
    assert recovery_copies(profile_file)  # unsaved work is already on disk

    files.save()
    await host.settle()

    assert not host.asked and not files.document.dirty
    assert load_profile(profile_file).profile == change
    assert not recovery_copies(profile_file)  # a clean save removes the copy
    assert host.said(f"Saved {profile_file}") and host.replaced  # the window redraws without the mark


async def test_first_save_of_untitled_work_asks_for_a_path_in_the_profiles_folder():
    files, host = window(untitled_sample(), Enter())
    files.save()
    await host.settle()

    [question] = host.asked
    assert isinstance(question, PathInputScreen)
    assert question.suggestion.parent == user_profiles_dir() == question.base
    assert question.suggestion.suffix == ".toml"
    assert files.document.path == question.suggestion
    assert load_profile(question.suggestion).profile == files.document.profile
    assert sample_profiles()[0].exists()  # the bundled sample itself is untouched


async def test_save_as_adds_the_suffix_and_takes_relative_names_inside_the_folder(profile_file):
    files, host = await started(profile_file, Typed("plan"))
    files.save_as()
    await host.settle()

    target = profile_file.parent / "plan.toml"
    assert host.asked[0].base == profile_file.parent  # the folder the dialog names
    assert files.document.path == target
    assert load_profile(target).profile == files.document.profile


async def test_save_as_proposes_the_profile_s_own_file_when_opened_by_a_relative_path(profile_file, monkeypatch):
    """`truthmap home/profiles/lena.toml` from the folder above: the proposal is that file, not a folder inside it."""
    monkeypatch.chdir(profile_file.parent.parent)
    relative = Path(profile_file.parent.name) / profile_file.name
    files, host = await started(relative, Enter())
    files.save_as()
    await host.settle()
    assert host.asked[0].suggestion == profile_file.resolve()
    assert not (profile_file.parent / profile_file.parent.name).exists()


async def test_save_as_never_clobbers_without_asking(profile_file):
    other = copy_sample(profile_file.parent, "hybrid-agency.toml")
    before = other.read_bytes()
    files, host = await started(profile_file, Typed(str(other)), Key("c"))
    files.save_as()
    await host.settle()
    assert "already exists" in host.asked[-1].question
    assert other.read_bytes() == before  # cancelled: untouched
    assert files.document.path == profile_file

    host.script(Typed(str(other)), Key("r"))
    files.save_as()
    await host.settle()
    assert "already exists" in host.asked[-1].question
    assert load_profile(other).profile == files.document.profile  # replaced only when told
    assert files.document.path == other


async def test_save_as_choose_another_name_goes_back_to_the_path(profile_file):
    other = copy_sample(profile_file.parent, "hybrid-agency.toml")
    files, host = await started(profile_file, Typed(str(other)), Key("a"), Typed("fresh"))
    files.save_as()
    await host.settle()
    again = host.asked[-1]
    assert isinstance(again, PathInputScreen) and again.suggestion == other  # back to the name given
    assert again.base == profile_file.parent  # a relative name still goes into the profiles folder
    assert files.document.path == other.with_name("fresh.toml")


async def test_one_flow_at_a_time(profile_file):
    files, host = await started(profile_file)
    files.save_as()
    await host.settle()
    assert isinstance(host.screen, PathInputScreen)  # waiting for a path

    files.save()
    await host.settle()
    assert host.said("Finish the open question first")
    assert len(host.asked) == 1

    await host.answer(None)  # escape: the flow ends, and the next one may start
    files.save()
    await host.settle()
    assert host.said(f"Saved {profile_file}")


async def test_a_file_error_in_a_flow_is_told_with_the_file_s_name_never_a_crash(profile_file, monkeypatch):
    files, host = await started(profile_file)

    def fails(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files.document, "changed_on_disk", lambda: fails(profile_file))
    files.open(profile_file)  # the same file: asks the disk whether it changed
    await host.settle()
    assert host.said(str(profile_file), "Permission denied", "File problem")
    assert not files.busy


# ------------------------------------------------------------ changed on disk


async def test_file_changed_on_disk_is_detected_on_save(profile_file):
    files, host = await started(profile_file, Key("c"))
    mine = edited(files.document.profile, name="Mine")
    edit(files, mine)
    theirs = dump_profile(files.document.saved.model_copy(update={"name": "Theirs"}))
    profile_file.write_text(theirs, encoding="utf-8")

    files.save()
    await host.settle()
    assert "changed on disk" in host.asked[-1].question
    assert profile_file.read_text(encoding="utf-8") == theirs  # cancel: their file stays
    assert files.document.dirty

    host.script(Key("o"))
    files.save()
    await host.settle()
    assert load_profile(profile_file).profile == mine  # overwritten only when told
    assert not files.document.dirty


async def test_changed_on_disk_can_be_saved_elsewhere(profile_file):
    files, host = await started(profile_file, Key("a"), Typed("copy-of-mine"))
    edit(files, edited(files.document.profile))
    profile_file.write_text(dump_profile(files.document.saved.model_copy(update={"name": "Theirs"})), "utf-8")
    files.save()
    await host.settle()
    assert isinstance(host.asked[-1], PathInputScreen)
    assert load_profile(profile_file).profile.name == "Theirs"
    assert load_profile(profile_file.with_name("copy-of-mine.toml")).profile == files.document.profile


async def test_a_change_on_disk_is_noticed_and_can_be_reloaded(profile_file):
    files, host = await started(profile_file)
    [interval] = [timer for timer in host.timers if timer.repeat]
    assert interval.delay == disk_watch.DISK_CHECK_INTERVAL  # the periodic check is set up at the start
    interval.callback()
    await host.settle()
    assert not host.asked  # nothing changed: no question

    theirs = files.document.profile.model_copy(update={"name": "Changed elsewhere"})
    profile_file.write_text(dump_profile(theirs), encoding="utf-8")
    files.check_disk()
    await host.settle()
    assert "changed by another program" in host.question
    await host.answer("reload")
    assert files.document.profile == theirs
    assert not files.document.dirty

    files.check_disk()  # the reloaded file is the known version again
    await host.settle()
    assert len(host.asked) == 1


async def test_coming_back_to_the_terminal_checks_the_file(profile_file):
    files, host = await started(profile_file, Key("escape"))
    profile_file.write_text(dump_profile(files.document.profile.model_copy(update={"name": "Elsewhere"})), "utf-8")
    host.focus()
    await host.settle()
    assert "changed by another program" in host.asked[-1].question
    assert files.document.profile.name == "Studio Nord — today"  # escape keeps what is on screen
    assert host.said("Kept your version")


async def test_no_reload_is_offered_while_a_dialog_is_open(profile_file):
    files, host = await started(profile_file)
    host.screens.append(ChoiceScreen("Something else", "", [Choice("ok", "OK")]))
    profile_file.write_text(dump_profile(files.document.profile.model_copy(update={"name": "Elsewhere"})), "utf-8")
    files.check_disk()
    await host.settle()
    assert not host.asked
    host.screens.pop()
    files.check_disk()
    await host.settle()
    assert "changed by another program" in host.question


async def test_a_deleted_file_is_reported_once_and_saving_asks_before_writing_it_again(profile_file):
    files, host = await started(profile_file, Key("o"))
    profile_file.unlink()
    files.check_disk()
    files.check_disk()
    await host.settle()
    assert len(host.said("deleted or moved")) == 1
    files.save()
    await host.settle()
    assert "deleted or moved" in host.asked[-1].question
    assert load_profile(profile_file).profile == files.document.profile


# --------------------------------------------------------------------- quit


async def test_quit_with_unsaved_changes_asks_and_discard_leaves_no_copy(profile_file):
    files, host = await started(profile_file, Key("escape"))
    edit(files, edited(files.document.profile))
    await files.quit()
    await host.settle()
    assert "not saved" in host.asked[-1].question
    assert not host.exited and files.document.dirty  # cancelled: still running, still unsaved

    host.script(Key("d"))
    await files.quit()
    await host.settle()
    assert host.exited
    assert load_profile(profile_file).profile == files.document.saved  # discarded: file as it was
    assert not recovery_copies(profile_file)  # and no copy is offered next time
    assert not list(recovery_dir().glob("*.lock"))  # the window let go of its lock


async def test_quit_can_save_first(profile_file):
    files, host = await started(profile_file, Key("s"))
    change = edited(files.document.profile)
    edit(files, change)
    await files.quit()
    await host.settle()
    assert host.exited
    assert load_profile(profile_file).profile == change


async def test_quit_without_changes_does_not_ask(profile_file):
    files, host = await started(profile_file)
    await files.quit()
    await host.settle()
    assert host.exited and not host.asked


# ----------------------------------------------------------------- recovery


async def test_recovery_is_offered_after_a_crash(profile_file):
    first, killed = await started(profile_file)
    change = edited(first.document.profile)
    edit(first, change)
    killed.is_running = False  # ended without the quit action: nothing was asked or saved
    assert load_profile(profile_file).profile != change
    assert recovery_copies(profile_file)

    second, host = await started(profile_file, Key("r"))
    assert "restore" in host.asked[0].question.lower()
    assert second.document.profile == change
    assert second.document.dirty  # restored work is still unsaved
    second.save()
    await host.settle()
    assert load_profile(profile_file).profile == change
    assert not recovery_copies(profile_file)


async def test_a_running_window_s_copy_is_not_offered(profile_file):
    first, _ = await started(profile_file)
    edit(first, edited(first.document.profile))
    second, host = await started(profile_file)
    assert not host.asked and recovery_copies(profile_file)


async def test_recovery_can_be_discarded(profile_file):
    on_disk = load_profile(profile_file).profile
    write_recovery(edited(on_disk), profile_file)
    files, host = await started(profile_file, Key("d"))
    assert files.document.profile == on_disk
    assert not files.document.dirty
    assert not recovery_copies(profile_file)


async def test_untitled_work_is_recovered_by_bare_truthmap():
    first, killed = window(untitled_sample())
    change = edited(first.document.profile, name="Untitled plan")
    edit(first, change)
    killed.is_running = False

    second, host = await started(untitled_sample(), Key("r"))
    assert isinstance(host.asked[0], ChoiceScreen)
    assert second.document.profile == change
    assert second.document.path is None


async def test_a_bare_start_offers_another_profile_s_work_with_its_name_when_and_edits(profile_file):
    """Issue 20 (2): a crash on one profile, then bare `truthmap` (the sample, or the last profile):
    the work is offered anyway, saying whose it is, when it was last edited and what it holds."""
    first, killed = await started(profile_file)
    change = edited(first.document.profile)
    edit(first, change)
    killed.is_running = False

    second, host = await started(untitled_sample(), Key("r"))
    question = host.asked[0].question
    assert f"{profile_file.name} in {profile_file.parent}" in question and "“Edited" in question
    assert "Last edited today at" in question and "ago)" in question
    assert "5 edits: the name, the notes, Lead record and 2 answers" in question
    assert f"Open {profile_file.name} and restore it there?" in question
    assert second.document.path == profile_file and second.document.profile == change
    assert second.document.dirty  # restored, not saved
    assert [copy.name for copy in recovery_copies(profile_file)] == [second.recovery.file(profile_file).name]
    second.save()
    await host.settle()
    assert load_profile(profile_file).profile == change and not recovery_copies(profile_file)


async def test_work_restored_at_a_bare_start_is_merged_when_its_file_changed_since(profile_file):
    """The restore at a bare start goes through the same base check and merge as any restore."""
    first, one = await started(profile_file)
    second, two = await started(profile_file)
    edit(first, first.document.profile.model_copy(update={"notes": "saved by the first window"}))
    answers = second.document.profile.answers.model_copy(update={"team_size": 11})
    edit(second, second.document.profile.model_copy(update={"answers": answers}))
    first.save()
    await one.settle()
    one.close()
    two.is_running = False  # its copy was made against the file before the first window saved

    third, host = await started(untitled_sample(), Key("r"), Key("m"))
    assert "changed since" in host.asked[1].question
    assert third.document.path == profile_file
    profile = third.document.profile
    assert (profile.notes, profile.answers.team_size) == ("saved by the first window", 11)


async def test_untitled_work_is_offered_when_a_file_opens(profile_file):
    first, killed = window(untitled_sample())
    change = edited(first.document.profile, name="Untitled plan")
    edit(first, change)
    killed.is_running = False

    second, host = await started(profile_file, Key("r"))
    question = host.asked[0].question
    assert "“Untitled plan” (untitled, never saved)" in question and "as a new profile" in question
    assert "5 edits" in question  # counted from the sample it started from, not from nothing
    assert second.document.path is None and second.document.profile == change


async def test_other_work_kept_for_later_is_offered_again_and_the_open_profile_s_first(profile_file, tmp_path):
    other = copy_sample(tmp_path / "elsewhere", "hybrid-agency.toml")
    for path in (other, profile_file):
        files, gone = await started(path)
        edit(files, edited(files.document.profile, name=f"Work on {path.stem}"))
        gone.is_running = False
    files, host = await started(profile_file, Key("k"), Key("k"))
    assert ["Work on messy-studio" in q.question for q in host.asked] == [True, False]
    assert "(1 of 2)" in host.asked[0].question and "Restore it?" in host.asked[0].question
    assert files.document.profile == load_profile(profile_file).profile
    files, host = await started(profile_file, Key("d"), Key("k"))
    assert len(host.asked) == 2 and "Work on hybrid-agency" in host.asked[1].question


async def test_a_new_untouched_profile_is_not_unsaved_on_quit(tmp_path):
    files, host = await started(tmp_path / "fresh.toml")
    assert not files.document.dirty
    await files.quit()
    await host.settle()
    assert host.exited and not [q for q in host.asked if "Unsaved" in q.question]
    assert not (tmp_path / "fresh.toml").exists()


async def test_a_corrupt_recovery_copy_is_reported_and_set_aside(profile_file):
    broken = recovery_file(profile_file)
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("this is not = = a profile", encoding="utf-8")
    files, host = await started(profile_file)
    assert not host.asked
    assert host.said("Recovery copy damaged")
    assert files.document.profile == load_profile(profile_file).profile
    assert not broken.exists()
    assert [p.name for p in recovery_dir().iterdir()][0].startswith(broken.stem + ".corrupt-")


async def test_a_recovery_copy_equal_to_the_file_is_dropped_silently(profile_file):
    write_recovery(load_profile(profile_file).profile, profile_file)
    files, host = await started(profile_file)
    assert not host.asked and not host.told
    assert not recovery_copies(profile_file)


async def test_undoing_every_edit_removes_the_recovery_copy(profile_file):
    files, host = await started(profile_file)
    original = files.document.profile
    edit(files, edited(original))
    assert recovery_copies(profile_file)
    edit(files, original)
    assert not recovery_copies(profile_file)


async def test_recovery_copies_are_written_at_most_once_an_interval(profile_file, monkeypatch):
    files, host = await started(profile_file)
    profile = files.document.profile
    files.document.edit(edited(profile, name="First"))
    files.note_edit()  # the first edit is written at once
    [copy] = recovery_copies(profile_file)
    for name in ("Second", "Third"):
        files.document.edit(edited(profile, name=name))
        files.note_edit()
    [due] = [timer for timer in host.timers if timer.name == "recovery" and not timer.stopped]
    assert 0 < due.delay <= recovering.RECOVERY_INTERVAL  # one write is due for both edits
    assert load_profile(copy).profile.name == "First"
    host.fire_timers("recovery")
    assert load_profile(copy).profile.name == "Third"


async def test_a_copy_that_cannot_be_written_is_told_once(profile_file, monkeypatch):
    files, host = await started(profile_file)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(recovery_dir()))

    monkeypatch.setattr(files.recovery, "write", full)
    edit(files, edited(files.document.profile, name="One"))
    edit(files, edited(files.document.profile, name="Two"))
    assert len(host.said("Could not keep a recovery copy", str(recovery_dir()), "No space left")) == 1


# ------------------------------------------------------------------- browser


async def test_opening_another_profile_with_unsaved_changes_asks(profile_file):
    other = copy_sample(profile_file.parent, "hybrid-agency.toml")
    files, host = await started(profile_file, Key("c"))
    change = edited(files.document.profile)
    edit(files, change)
    files.open_browser()
    [browser] = [screen for screen in host.screens if isinstance(screen, BrowserScreen)]
    assert browser.folder == profile_file.parent
    files.open(other)
    await host.settle()
    assert "not saved" in host.asked[-1].question
    assert files.document.path == profile_file and files.document.profile == change  # cancel keeps everything
    assert host.screen is browser

    host.script(Key("s"))
    files.open(other)
    await host.settle()
    assert load_profile(profile_file).profile == change
    assert files.document.path == other
    assert not isinstance(host.screen, BrowserScreen)  # back to the main screen
    assert host.said(f"Opened {other}")


async def test_opening_the_open_file_again_just_says_so(profile_file):
    files, host = await started(profile_file)
    files.open_browser()
    files.open(profile_file)
    await host.settle()
    assert host.said("messy-studio.toml is already open")
    assert not host.asked and not isinstance(host.screen, BrowserScreen)


async def test_an_invalid_profile_opens_read_only_with_its_problems(profile_file):
    from truthmap.workbench.files.problems_screen import ProblemsScreen

    broken = profile_file.with_name("broken.toml")
    broken.write_text("schema = 1\nname = 'Broken'\ncolour = 'red'\n", encoding="utf-8")
    files, host = await started(profile_file)
    files.open(broken)
    await host.settle()
    assert files.document.path == broken and files.document.read_only  # issue 20 (19): shown, not refused
    assert isinstance(host.screen, ProblemsScreen)
    assert [(p.line, p.source) for p in host.screen.problems] == [(3, "colour = 'red'")]


async def test_first_run_offers_the_samples_in_an_empty_profiles_folder(monkeypatch):
    reloads = []
    # The scripted host mounts no screens: record that the browser is told to list the copies.
    monkeypatch.setattr(BrowserScreen, "reload", lambda browser: reloads.append(browser))
    files, host = window(untitled_sample(), Key("y"))
    files.open_browser()
    assert "empty" in host.asked[-1].question
    assert isinstance(host.screen, BrowserScreen)
    copied = sorted(p.name for p in user_profiles_dir().glob("*.toml"))
    assert copied == sorted(p.name for p in sample_profiles())
    assert reloads == [host.screen]  # the list shows them at once


async def test_the_samples_are_offered_once():
    files, host = window(untitled_sample(), Key("n"))
    files.open_browser()
    assert "empty" in host.asked[-1].question
    assert not list(user_profiles_dir().glob("*.toml"))  # not now: nothing copied
    host.screens.pop()
    files.open_browser()
    assert len(host.asked) == 1


async def test_compare_opens_one_picker_over_the_profiles_folder(profile_file):
    files, host = await started(profile_file)
    files.compare()
    [picker] = [screen for screen in host.screens if isinstance(screen, BrowserScreen)]
    assert picker.picking and picker.folder == profile_file.parent
    files.compare()  # already picking: nothing more opens
    assert host.screens.count(picker) == 1 and len(host.screens) == 2


async def test_new_profile_from_each_model_template(profile_file):
    files, host = await started(profile_file)
    for key, model in (("1", "crm-first"), ("2", "pm-first"), ("3", "hybrid")):
        host.script(Key(key), Enter())  # the template's name, as suggested
        replaced = host.replaced
        files.new_profile()
        await host.settle()
        assert isinstance(host.asked[-1], ProfileDetailsScreen)  # the name comes first
        assert files.document.profile == template_profile(model)
        assert host.replaced == replaced + 1  # the window redraws for it
        assert files.document.path is None and not files.document.dirty
        assert analyze(files.document.profile).current_model == model
    files.save()
    await host.settle()
    assert isinstance(host.screen, PathInputScreen)  # a new profile asks where it goes


async def test_a_new_blank_profile_asks_for_its_name_first(profile_file):
    files, host = await started(profile_file, Key("b"), Enter())
    before = files.document.profile
    files.new_profile()
    await host.settle()
    [refused] = host.refused  # no name yet: refused with a reason, nothing replaced
    assert "needs a name" in refused
    assert isinstance(host.screen, ProfileDetailsScreen) and host.screen.suggested[0] == ""
    assert files.document.profile == before
    await host.answer(Typed("[b]Acme[/]"))
    assert files.document.profile.name == "[b]Acme[/]" and not files.document.profile.systems
    assert files.document.path is None


async def test_a_profile_that_would_not_load_back_is_not_saved_and_says_why(profile_file):
    before = profile_file.read_bytes()
    files, host = await started(profile_file)
    # model_copy skips validation: an owner nobody declared slips through.
    broken = files.document.profile.records[0].model_copy(update={"owner": "ghost"})
    files.document.profile = files.document.profile.model_copy(update={"records": [broken]})
    files.save()
    await host.settle()
    assert host.said("Not saved", "ghost"), host.told
    assert not host.exited
    assert profile_file.read_bytes() == before


# ------------------------------------------------------------ save-as and folders (issue #8)


async def test_save_as_asks_before_creating_folders_and_a_cancel_creates_nothing(profile_file):
    folder = profile_file.parent
    before = sorted(p.name for p in folder.iterdir())
    files, host = await started(profile_file, Typed("clients/acme/plan"), Key("c"))
    files.save_as()
    await host.settle()
    assert host.asked[0].base == folder  # relative: inside the folder shown
    question = host.asked[-1].question
    assert "does not exist" in question and str(folder / "clients" / "acme") in question
    assert sorted(p.name for p in folder.iterdir()) == before  # cancelled: no folder, no file
    assert files.document.path == profile_file

    host.script(Typed("clients/acme/plan"), Key("y"))
    files.save_as()
    await host.settle()
    target = folder / "clients" / "acme" / "plan.toml"
    assert files.document.path == target
    assert load_profile(target).profile == files.document.profile


async def test_the_profiles_folder_itself_is_created_without_asking():
    files, host = window(untitled_sample(), Enter())
    assert not user_profiles_dir().exists()
    files.save()
    await host.settle()
    assert len(host.asked) == 1 and files.document.path.parent == user_profiles_dir()


async def test_save_as_says_what_is_wrong_with_a_name_too_long_and_stays_open(profile_file):
    files, host = await started(profile_file, Typed("n" * 300))
    files.save_as()
    await host.settle()
    [refused] = host.refused
    assert "File name too long" in refused and "n" * 50 in refused
    assert isinstance(host.screen, PathInputScreen)  # still asking
    assert sorted(p.name for p in profile_file.parent.iterdir()) == [profile_file.name]


# ------------------------------------------------------- a name from another folder


def test_a_missing_name_finds_the_profile_of_that_name_in_the_profiles_folder(tmp_path):
    folder = tmp_path / "profiles"
    there = copy_sample(folder, as_name="studio.toml")
    assert existing_elsewhere(tmp_path / "elsewhere" / "studio.toml", folder) == there
    assert existing_elsewhere(tmp_path / "elsewhere" / "other.toml", folder) is None
    assert existing_elsewhere(there, folder) is None  # the file itself: nothing to offer
    here = copy_sample(tmp_path / "here", as_name="studio.toml")
    assert existing_elsewhere(here, folder) is None  # it exists where it was named


@pytest.mark.parametrize(("key", "opens_existing"), [("o", True), ("n", False)])
async def test_starting_on_a_missing_name_offers_the_profile_of_that_name(tmp_path, monkeypatch, key, opens_existing):
    there = copy_sample(user_profiles_dir(), as_name="studio.toml")
    monkeypatch.chdir(tmp_path)
    files, host = await started(Path("studio.toml"), Key(key))
    question = host.asked[0].question
    assert str(there) in question and str(tmp_path / "studio.toml") in question
    if opens_existing:
        assert files.document.path == there and files.document.profile.name == "Studio Nord — today"
        assert files.folder == there.parent
    else:
        assert files.document.path == Path("studio.toml") and not files.document.profile.records
        assert host.said(f"created as {tmp_path / 'studio.toml'} when you save")
    assert not (tmp_path / "studio.toml").exists()


# ================================================================ the whole workbench


async def test_the_app_side_of_the_host_asks_tells_and_listens_for_the_focus():
    told, focused = [], []

    class Host(App):
        def notify(self, message, **options):
            told.append((message, options))

    app = Host()
    async with app.run_test() as pilot:
        host = AppHost(app)
        host.on_focus(lambda: focused.append(True))
        app.app_focus = False
        await pilot.pause()
        app.app_focus = True
        await pilot.pause()
        assert focused == [True]  # coming back to the terminal, not leaving it

        host.tell("[b]plan.toml[/b] saved", severity="warning")
        assert told == [("[b]plan.toml[/b] saved",
                         {"title": "", "severity": "warning", "timeout": None, "markup": False})]

        answers = []

        async def flow():
            answers.append(await host.ask(ChoiceScreen("Really?", "", [Choice("ok", "OK")], cancel="no")))

        host.run_flow(flow)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and host.screen is app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert answers == ["no"]
        assert not host.close_screen()  # the last screen stays

        # A repeating timer repeats (the disk check), and work in a thread reaches
        # the app through call_from_thread (a failed recovery write is told).
        ticks, reached = [], []
        timer = host.set_timer(0.01, lambda: ticks.append(1), repeat=True)
        host.run_in_thread(lambda: host.call_from_thread(reached.append, "told"), "test-work")
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        timer.stop()
        assert len(ticks) >= 2 and reached == ["told"]


async def test_the_dialogs_show_a_refusal_and_stay_open(tmp_path):
    from truthmap.editing import details_problem

    app = App()
    async with app.run_test() as pilot:
        dialog = PathInputScreen("Save", "", tmp_path / "plan.toml", base=tmp_path)
        app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one(Input).value = "n" * 300
        await pilot.press("enter")
        assert app.screen is dialog
        shown = str(dialog.query_one("#path-error").render())
        assert "File name too long" in shown and "n" * 50 in shown

        details = ProfileDetailsScreen("Name", "", "", "", check=details_problem)
        app.push_screen(details)
        await pilot.pause()
        await pilot.press("enter")
        assert app.screen is details and "needs a name" in str(details.query_one("#details-error").render())


async def test_bare_truthmap_offers_the_samples_and_the_first_save_asks_where():
    app = TruthmapApp()  # bare `truthmap`: the bundled sample as unsaved work
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+o")
        assert isinstance(app.screen, ChoiceScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, BrowserScreen)
        copied = sorted(p.name for p in user_profiles_dir().glob("*.toml"))
        assert app.screen.query_one(DataTable).row_count == len(copied) > 0
        await press(app, pilot, "escape")

        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, PathInputScreen)
        suggested = Path(app.screen.query_one(Input).value)
        assert suggested.parent == user_profiles_dir()
        await press(app, pilot, "enter")
        assert app.document.path == suggested
        assert load_profile(suggested).profile == app.profile


async def test_edits_keep_a_copy_ctrl_s_saves_and_every_file_action_reaches_its_dialog(profile_file):
    """Then, in the same window: reloading from disk drops a half-typed answer at once;
    quit with unsaved changes asks, and cancel keeps it running (discard then quits)."""
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        change = await apply_edit(app, pilot, edited(app.profile))
        assert app.document.dirty and "•" in app.sub_title
        assert recovery_copies(profile_file)  # unsaved work is already on disk
        await press(app, pilot, "ctrl+s")
        assert not app.document.dirty
        assert load_profile(profile_file).profile == change
        assert not recovery_copies(profile_file)  # a clean save removes the copy
        assert "•" not in app.sub_title

        await app.run_action("save_as")
        await settle(app, pilot)
        assert isinstance(app.screen, PathInputScreen)
        await press(app, pilot, "escape")
        await app.run_action("new_profile")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen) and "New profile" in dialog_text(app.screen)
        await press(app, pilot, "escape")
        await press(app, pilot, "f4")
        assert isinstance(app.screen, BrowserScreen) and app.screen.picking
        await press(app, pilot, "escape")
        assert app.files.folder == profile_file.parent

        await reloading_from_disk_drops_a_half_typed_answer_at_once(app, pilot, profile_file)
        await quit_with_unsaved_changes_asks_and_cancel_keeps_running(app, pilot)
    assert app.return_code == 0
    assert load_profile(profile_file).profile == app.document.saved  # discarded: file as it was
    assert not recovery_copies(profile_file)  # and no copy is offered next time


async def quit_with_unsaved_changes_asks_and_cancel_keeps_running(app, pilot) -> None:
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


async def test_browser_lists_compares_and_opens_profiles_including_an_invalid_one(profile_file):
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
        assert "invalid: broken.toml" in broken and any(cell.startswith("colour: unknown") for cell in broken)
        hybrid = rows[str(folder / "hybrid-agency.toml")]
        assert "Northwind Creative — hybrid plan" in hybrid and "Hybrid" in hybrid  # whole: there is room
        studio = rows[str(profile_file)]
        assert "Studio Nord — today" in studio
        assert any("high" in cell for cell in studio)  # finding counts by severity

        await press(app, pilot, "end")  # the last row, not the last column
        assert table.cursor_row == 2
        await press(app, pilot, "home")
        assert table.cursor_row == 0

        await pilot.press("c")
        assert not isinstance(app.screen, CompareScreen)  # nothing marked yet
        table.move_cursor(row=table.get_row_index(str(folder / "hybrid-agency.toml")))
        await press(app, pilot, "space")
        table.move_cursor(row=table.get_row_index(str(profile_file)))
        await press(app, pilot, "space", "c")
        assert isinstance(app.screen, CompareScreen)
        assert [c.name for c in app.screen.comparison.columns] == [
            "Northwind Creative — hybrid plan", "Studio Nord — today"]
        await press(app, pilot, "escape")
        assert app.screen is browser

        table.move_cursor(row=table.get_row_index(str(folder / "hybrid-agency.toml")))
        await press(app, pilot, "enter")
        assert app.document.path == folder / "hybrid-agency.toml"
        assert app.profile.name.startswith("Northwind")
        assert not isinstance(app.screen, BrowserScreen)

        await press(app, pilot, "ctrl+o")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(folder / "broken.toml")))
        await press(app, pilot, "enter")  # an invalid file opens read-only, its problems shown by line
        assert app.document.path == folder / "broken.toml" and app.document.read_only
        assert type(app.screen).__name__ == "ProblemsScreen" and "colour" in screen_text(app)


async def reloading_from_disk_drops_a_half_typed_answer_at_once(app, pilot, profile_file) -> None:
    from truthmap.workbench.panes.questionnaire import Questionnaire

    assert not app.document.dirty
    questions = app.screen.query_one(Questionnaire)
    questions.go_to("team_size")
    await pilot.pause()
    await press(app, pilot, "delete", "0")  # refused (at least 1): shown, not stored
    row = questions.row("team_size")
    assert row.typed == "0" and row.has_class("-invalid")

    answers = app.profile.answers.model_copy(update={"team_size": 9})
    profile_file.write_text(dump_profile(app.profile.model_copy(update={"answers": answers})), encoding="utf-8")
    app.files.check_disk()
    await settle(app, pilot)
    await pilot.press("tab", "enter")  # the second button: reload
    await settle(app, pilot)
    assert app.profile.answers.team_size == 9
    assert app.focused is row  # focus never moved ...
    assert row.typed is None and not row.has_class("-invalid")  # ... yet the typing is gone
    assert "9" in row.answer_content().plain and "0▏" not in row.answer_content().plain


async def test_typing_a_name_with_its_extension_over_the_selected_stem_never_doubles_it(profile_file):
    files, host = await started(profile_file, Typed(str(profile_file.parent / "lena-target.toml.toml")))
    files.save_as()
    await host.settle()
    assert files.document.path == profile_file.parent / "lena-target.toml"


async def test_a_quit_right_after_opening_still_notes_the_profile_a_bare_start_reopens(profile_file):
    """The note is written in a thread; a window that ends first writes it as it ends."""
    from files_host import ScriptedHost

    from truthmap.settings import last_profile
    from truthmap.workbench.files.profile_files import ProfileFiles

    class SlowThreads(ScriptedHost):
        def run_in_thread(self, work, name: str) -> None:
            self.waiting.append(work)  # not run yet when the person quits

    host = SlowThreads(Document.open(profile_file))
    host.waiting = []
    files = ProfileFiles(host)
    files.on_start([profile_file], False)
    await host.settle()
    await files.quit()
    await host.settle()
    assert host.exited and last_profile() == profile_file.resolve()
    for work in host.waiting:  # the thread running late writes nothing twice, and nothing wrong
        work()
    assert last_profile() == profile_file.resolve()

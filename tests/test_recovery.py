"""Recovery copies (core): written, found again, matched to their file, never fatal."""

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from truthmap.paths import recovery_dir
from truthmap.recovery import (
    RecoveryError,
    WindowRecovery,
    discard_recovery,
    find_recovery,
    read_recovery,
    recovery_file,
    set_aside,
    tidy_locks,
    write_recovery,
)
from truthmap.storage import load_profile, new_profile

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"


@pytest.fixture
def profile():
    base = load_profile(SAMPLES / "messy-studio.toml").profile
    # Text that must survive: quotes, backslashes, newlines, markup-looking brackets.
    return base.model_copy(update={"name": 'Edited "[bold]x[/]" \\ café', "notes": "line one\nline two"})


def test_round_trip_keeps_profile_path_and_time(profile, tmp_path):
    original = tmp_path / "studio.toml"
    when = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    file = write_recovery(profile, original, now=when)

    assert file.parent == recovery_dir()
    copy = find_recovery(original)
    assert copy is not None
    assert copy.profile == profile
    assert copy.original == original.resolve()
    assert copy.saved_at == when
    assert copy.file == file


def test_untitled_work_has_its_own_copy(profile, tmp_path):
    write_recovery(profile, None)
    assert find_recovery(None).profile == profile
    assert find_recovery(tmp_path / "other.toml") is None
    assert recovery_file(None).name == "untitled.toml"


def test_copies_are_keyed_by_full_path(profile, tmp_path):
    one, two = tmp_path / "a" / "same.toml", tmp_path / "b" / "same.toml"
    write_recovery(profile, one)
    assert recovery_file(one) != recovery_file(two)
    assert find_recovery(two) is None
    # A path with a newline still gets a one-line header and reads back.
    odd = tmp_path / "new\nline.toml"
    write_recovery(profile, odd)
    assert find_recovery(odd).original == odd.resolve()


def test_the_copy_is_an_ordinary_profile_file(profile, tmp_path):
    file = write_recovery(profile, tmp_path / "studio.toml")
    assert load_profile(file).profile == profile  # the header is only comments


def test_discard_removes_only_that_copy(profile, tmp_path):
    kept, dropped = tmp_path / "kept.toml", tmp_path / "dropped.toml"
    write_recovery(profile, kept)
    write_recovery(profile, dropped)
    assert discard_recovery(dropped) is True
    assert discard_recovery(dropped) is False
    assert find_recovery(dropped) is None
    assert find_recovery(kept) is not None


@pytest.mark.parametrize(
    "text, says",
    [
        ("schema = 1\nname = 'no header'\n", "header is missing"),
        ("# truthmap recovery copy\n# recovery = {not json\nschema = 1\nname = 'x'\n", "header is damaged"),
        ('# truthmap recovery copy\n# recovery = {"original": null, "saved_at": "2024-01-01T00:00:00+00:00"}\n'
         "schema = 1\nname = \n", "TOML syntax"),
        ('# truthmap recovery copy\n# recovery = {"original": null, "saved_at": "2024-01-01T00:00:00+00:00"}\n'
         "schema = 1\nname = 'x'\ncolour = 'red'\n", "unknown key"),
    ],
)
def test_a_damaged_copy_raises_recovery_error(text, says):
    file = recovery_file(None)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    with pytest.raises(RecoveryError) as caught:
        find_recovery(None)
    assert says in str(caught.value)
    assert caught.value.file == file


def test_a_copy_for_another_file_is_refused(profile, tmp_path):
    mine = tmp_path / "mine.toml"
    write_recovery(profile, tmp_path / "theirs.toml").replace(recovery_file(mine))
    with pytest.raises(RecoveryError, match="belongs to"):
        find_recovery(mine)


def test_set_aside_moves_the_damaged_copy_out_of_the_way(tmp_path):
    file = recovery_file(None)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(RecoveryError):
        read_recovery(file)
    moved = set_aside(file)
    assert not file.exists()
    assert moved.read_bytes() == b"\xff\xfe garbage"
    assert find_recovery(None) is None  # the next start is clean


def test_blank_profile_round_trips(tmp_path):
    write_recovery(new_profile("Untitled"), None)
    assert find_recovery(None).profile == new_profile("Untitled")


# ------------------------------------------------------------ two windows (issue #8)


def test_two_windows_on_one_profile_keep_separate_copies(profile, tmp_path):
    original = tmp_path / "studio.toml"
    first, second = WindowRecovery(), WindowRecovery()
    mine, theirs = profile.model_copy(update={"name": "A"}), profile.model_copy(update={"name": "B"})
    first.write(mine, original)
    second.write(theirs, original)
    assert first.file(original) != second.file(original)

    first.discard(original)  # window A saved: only its own copy goes
    assert not first.file(original).exists()
    assert read_recovery(second.file(original)).profile == theirs


def test_a_running_window_s_copy_is_not_offered_and_a_closed_one_s_is(profile, tmp_path):
    original = tmp_path / "studio.toml"
    running, starting = WindowRecovery(), WindowRecovery()
    running.write(profile, original)
    assert starting.left_behind(original).copies == []  # live work belongs to the window that has it
    assert running.left_behind(original).copies == []  # and a window never offers itself its own copy
    running.release()  # what the kernel does when the process is killed
    assert [copy.profile for copy in starting.left_behind(original).copies] == [profile]


def test_every_copy_left_behind_is_offered_newest_first_with_old_single_copies(profile, tmp_path):
    original = tmp_path / "studio.toml"
    names = []
    for minute, name in enumerate(["oldest", "middle", "newest"]):
        window = WindowRecovery()
        window.write(profile.model_copy(update={"name": name}), original,
                     now=datetime(2024, 5, 1, 12, minute, tzinfo=timezone.utc))
        window.release()
        names.append(name)
    write_recovery(profile.model_copy(update={"name": "old version"}), original,
                   now=datetime(2024, 5, 1, 11, 0, tzinfo=timezone.utc))  # one copy per profile, as before
    write_recovery(profile, tmp_path / "other.toml", token="0badf00d")  # another profile's: not offered
    found = WindowRecovery().left_behind(original)
    assert [copy.profile.name for copy in found.copies] == ["newest", "middle", "oldest", "old version"]
    assert found.damaged == []


def test_a_damaged_copy_is_reported_among_the_good_ones(profile, tmp_path):
    original = tmp_path / "studio.toml"
    gone = WindowRecovery()
    gone.write(profile, original)
    gone.release()
    broken = recovery_file(original, token="deadbeef")
    broken.write_text("not a profile", encoding="utf-8")
    found = WindowRecovery().left_behind(original)
    assert [copy.profile for copy in found.copies] == [profile]
    assert [error.file for error in found.damaged] == [broken]


def test_lock_files_of_windows_long_gone_are_tidied(profile, tmp_path):
    window = WindowRecovery()
    window.write(profile, tmp_path / "studio.toml")
    lock = recovery_dir() / f"session-{window.token}.lock"
    assert lock.exists()
    window.discard(tmp_path / "studio.toml")
    window.release()  # nothing left: its lock file goes with it
    assert not lock.exists()

    killed = WindowRecovery()
    killed.write(profile, tmp_path / "studio.toml")
    killed.discard(tmp_path / "studio.toml")
    os.close(killed._lock)  # killed: the kernel closes the descriptor, no release runs
    killed._lock = None
    stale = recovery_dir() / f"session-{killed.token}.lock"
    tidy_locks()
    assert stale.exists()  # too fresh to judge
    os.utime(stale, (1, 1))
    tidy_locks()
    assert not stale.exists()


def test_every_copy_of_any_profile_is_found_at_a_start(profile, tmp_path):
    """Issue 20 (2): a start offers all the work left unsaved, not only the open profile's."""
    studio, other = tmp_path / "studio.toml", tmp_path / "sub" / "other.toml"
    for original, name in ((studio, "studio"), (other, "other"), (None, "untitled")):
        gone = WindowRecovery()
        gone.write(profile.model_copy(update={"name": name}), original)
        gone.release()
    running = WindowRecovery()
    running.write(profile.model_copy(update={"name": "running"}), tmp_path / "third.toml")  # still being edited
    (recovery_dir() / "settings.toml").write_text("not = 'a copy'\n", encoding="utf-8")  # not a copy's name
    found = WindowRecovery().every_left_behind()
    assert sorted(copy.profile.name for copy in found.copies) == ["other", "studio", "untitled"]
    assert {copy.original for copy in found.copies} == {studio.resolve(), other.resolve(), None}
    assert found.damaged == []


def test_a_copy_says_what_it_changed_and_when_it_was_last_edited(profile, tmp_path):
    from truthmap.recovery import Base

    original = tmp_path / "studio.toml"
    original.write_text((SAMPLES / "messy-studio.toml").read_text(encoding="utf-8"), encoding="utf-8")
    base_text = original.read_text(encoding="utf-8")
    saved = load_profile(original)
    answers = saved.profile.answers.model_copy(update={"team_size": 9})
    mine = saved.profile.model_copy(update={"name": "Studio", "answers": answers, "records": saved.profile.records[1:]})
    when = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    copy = read_recovery(write_recovery(mine, original, now=when, base=Base.of(saved.stamp, base_text)))
    assert [str(change) for change in copy.changes] == ["the name", "answer team size", "Lead record"]
    assert [change.kind for change in copy.changes] == ["name", "answer", "record"]
    assert copy.last_edited(now=datetime(2024, 5, 1, 12, 6, tzinfo=timezone.utc)).endswith("(6 minutes ago)")
    assert copy.last_edited(now=datetime(2024, 5, 3, 12, 0, tzinfo=timezone.utc)).startswith("on 2024-05-0")
    assert read_recovery(write_recovery(mine, original)).changes is None  # an old copy: not known
    new_work = read_recovery(write_recovery(new_profile("Fresh"), None, base=Base(None, None)))
    assert new_work.changes == []

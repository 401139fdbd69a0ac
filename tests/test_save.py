"""Saving: deterministic bytes, atomic replacement, and never clobbering a file
that changed on disk since it was read."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from truthmap import storage
from truthmap.model import Copy, Handoff, Record, StageMap, System
from truthmap.paths import sample_profiles
from truthmap.storage import (
    FileChangedError,
    FileStamp,
    ProfileError,
    atomic_write,
    dump_profile,
    load_profile,
    new_profile,
    save_profile,
)

SAMPLE_TEXT = """\
schema = 1
name = "Studio"

[answers]
sales_cycle_weeks = 6
team_size = 3
admin_hours_per_week = 2.5

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[records]]
entity = "scope"
owner = "trello"

[[records]]
entity = "client"
owner = "hubspot"
copies = [
  { system = "trello", sync = "manual" },
]

[[stages]]
stage = "kickoff"
system = "trello"

[[stages]]
stage = "proposal"
system = "hubspot"
"""


@pytest.fixture
def saved_file(tmp_path) -> Path:
    path = tmp_path / "studio.toml"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------ determinism


def test_saving_twice_gives_identical_bytes(tmp_path, saved_file):
    profile = load_profile(saved_file).profile
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    save_profile(profile, first)
    save_profile(profile, second)
    assert first.read_bytes() == second.read_bytes()
    assert dump_profile(profile) == dump_profile(profile.model_copy(deep=True))


@pytest.mark.parametrize("sample", sample_profiles(), ids=lambda p: p.name)
def test_load_save_load_save_is_a_fixed_point(tmp_path, sample):
    loaded = load_profile(sample).profile
    first = tmp_path / "first.toml"
    save_profile(loaded, first)
    reloaded = load_profile(first).profile
    assert reloaded == loaded
    second = tmp_path / "second.toml"
    save_profile(reloaded, second)
    assert second.read_bytes() == first.read_bytes()


def _layout(text: str) -> list[str]:
    """Table headers and key names, in order: what a diff of a saved profile would show moving."""
    return re.findall(r"(?m)^(\[\[?[a-z]+\]\]?|[a-z_]+(?= = ))", text)


@pytest.mark.parametrize("sample", sample_profiles(), ids=lambda p: p.name)
def test_saving_a_sample_keeps_its_layout(tmp_path, sample):
    target = tmp_path / "sample.toml"
    save_profile(load_profile(sample).profile, target)
    assert _layout(target.read_text(encoding="utf-8")) == _layout(sample.read_text(encoding="utf-8"))


def test_order_is_kept_as_written(tmp_path, saved_file):
    target = tmp_path / "out.toml"
    save_profile(load_profile(saved_file).profile, target)
    text = target.read_text(encoding="utf-8")
    assert text.index('id = "trello"') < text.index('id = "hubspot"')
    assert text.index('entity = "scope"') < text.index('entity = "client"')
    assert text.index('stage = "kickoff"') < text.index('stage = "proposal"')


def test_saved_text_is_the_readable_schema(tmp_path, saved_file):
    target = tmp_path / "out.toml"
    save_profile(load_profile(saved_file).profile, target)
    assert target.read_text(encoding="utf-8") == SAMPLE_TEXT


def test_numbers_keep_their_type(tmp_path, saved_file):
    target = tmp_path / "out.toml"
    save_profile(load_profile(saved_file).profile, target)
    text = target.read_text(encoding="utf-8")
    assert "sales_cycle_weeks = 6\n" in text
    assert "admin_hours_per_week = 2.5\n" in text
    whole = load_profile(saved_file).profile
    decimal = whole.model_copy(update={"answers": whole.answers.model_copy(update={"sales_cycle_weeks": 6.0})})
    save_profile(decimal, target, overwrite=True)
    assert "sales_cycle_weeks = 6.0\n" in target.read_text(encoding="utf-8")
    assert type(load_profile(target).profile.answers.sales_cycle_weeks) is float


def test_handoffs_save_with_their_file_keys(tmp_path):
    profile = new_profile("x").model_copy(update={"handoffs": [Handoff(from_stage="contract", to_stage="kickoff")]})
    target = tmp_path / "out.toml"
    save_profile(profile, target)
    text = target.read_text(encoding="utf-8")
    assert 'from = "contract"\nto = "kickoff"' in text and "from_stage" not in text
    assert load_profile(target).profile == profile


def test_new_profile_saves_and_loads(tmp_path):
    target = tmp_path / "new.toml"
    save_profile(new_profile("Brand new"), target)
    assert target.read_text(encoding="utf-8") == 'schema = 1\nname = "Brand new"\n'
    assert load_profile(target).profile == new_profile("Brand new")


# ------------------------------------------------------------ atomicity


def test_failure_at_replace_keeps_old_file_and_leaves_no_temp(tmp_path, saved_file, monkeypatch):
    loaded = load_profile(saved_file)
    before = saved_file.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    changed = loaded.profile.model_copy(update={"name": "Changed"})
    with pytest.raises(OSError, match="No space left"):
        save_profile(changed, saved_file, loaded.stamp)
    assert saved_file.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failure_while_writing_keeps_old_file_and_leaves_no_temp(tmp_path, saved_file, monkeypatch):
    loaded = load_profile(saved_file)
    before = saved_file.read_bytes()

    def broken_fsync(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        save_profile(loaded.profile.model_copy(update={"name": "Changed"}), saved_file, loaded.stamp)
    assert saved_file.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_interrupt_while_writing_leaves_no_temp(tmp_path, monkeypatch):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "x.toml", b"data")
    assert list(tmp_path.iterdir()) == []


def test_save_goes_through_a_temp_file_in_the_same_folder(tmp_path, saved_file, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((Path(src), Path(dst)))
        assert Path(dst).read_bytes() == SAMPLE_TEXT.encode(), "the old file must be intact until the rename"
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    loaded = load_profile(saved_file)
    save_profile(loaded.profile.model_copy(update={"name": "New name"}), saved_file, loaded.stamp)
    ((src, dst),) = seen
    assert src.parent == dst.parent == saved_file.parent and src != dst
    assert load_profile(saved_file).profile.name == "New name"
    assert leftovers(tmp_path) == []


def test_save_syncs_the_file_and_then_its_folder(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def spy(descriptor):
        synced.append(stat.S_ISDIR(os.fstat(descriptor).st_mode))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", spy)
    save_profile(new_profile("x"), tmp_path / "synced.toml")
    assert synced == [False, True]


def test_save_keeps_file_permissions(tmp_path, saved_file):
    saved_file.chmod(0o600)
    loaded = load_profile(saved_file)
    save_profile(loaded.profile, saved_file, loaded.stamp)
    assert saved_file.stat().st_mode & 0o777 == 0o600


def test_save_creates_missing_folders_only_when_told(tmp_path):
    target = tmp_path / "deep" / "er" / "p.toml"
    with pytest.raises(FileNotFoundError) as caught:
        save_profile(new_profile("x"), target)
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []
    save_profile(new_profile("x"), target, create_folders=True)
    assert load_profile(target).profile.name == "x"


# ------------------------------------------------------------ temporary files (issue #8)


@pytest.mark.parametrize("length", [200, 242, 250, 255])
def test_every_file_name_the_file_system_allows_can_be_saved(tmp_path, length):
    target = tmp_path / ("p" * (length - len(".toml")) + ".toml")
    assert len(target.name.encode()) == length
    save_profile(new_profile("long name"), target)
    assert load_profile(target).profile.name == "long name"
    assert leftovers(tmp_path) == []


def test_a_name_too_long_is_an_error_naming_the_profile_not_a_temporary_file(tmp_path):
    target = tmp_path / ("p" * 300 + ".toml")
    with pytest.raises(OSError) as caught:
        save_profile(new_profile("x"), target)
    assert caught.value.filename == str(target)
    assert ".tmp" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["mkstemp", "fsync", "replace"])
def test_every_write_error_names_the_profile(tmp_path, monkeypatch, where):
    target = tmp_path / "p.toml"

    def fails(*args, **kwargs):
        raise OSError(28, "No space left on device", "/somewhere/else.tmp")

    monkeypatch.setattr({"mkstemp": storage.tempfile, "fsync": os, "replace": os}[where], where, fails)
    with pytest.raises(OSError) as caught:
        save_profile(new_profile("x"), target)
    assert caught.value.filename == str(target) and caught.value.errno == 28
    assert list(tmp_path.iterdir()) == []


def _abandoned_temp(folder: Path, name: str) -> Path:
    leftover = folder / name
    leftover.write_bytes(b"half a profile")
    return leftover


def test_leftovers_of_a_killed_save_are_removed_by_the_next_save_in_that_folder(tmp_path, saved_file):
    ours = [_abandoned_temp(tmp_path, ".truthmap-abcd1234.tmp"),
            _abandoned_temp(tmp_path, ".studio.toml.k2j4_x9a.tmp")]  # the pattern of earlier versions
    others = [_abandoned_temp(tmp_path, name) for name in
              (".truthmap-abc.tmp", "notes.tmp", ".other-app-abcd1234.tmp", ".truthmap-abcd1234.tmp.bak")]
    loaded = load_profile(saved_file)
    save_profile(loaded.profile.model_copy(update={"name": "Next"}), saved_file, loaded.stamp)
    assert not any(path.exists() for path in ours)
    assert all(path.exists() for path in others)


def test_a_temporary_file_being_written_right_now_is_not_removed(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    busy = _abandoned_temp(tmp_path, ".truthmap-busy0000.tmp")
    with busy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a save in another window holds its own
        save_profile(new_profile("x"), tmp_path / "p.toml")
        assert busy.exists()
    save_profile(new_profile("y"), tmp_path / "q.toml")
    assert not busy.exists()


def test_a_failing_stat_after_the_rename_does_not_report_a_done_save_as_failed(tmp_path, saved_file, monkeypatch):
    loaded = load_profile(saved_file)
    real_replace = os.replace
    renamed = []

    def replace_then_break_stat(src, dst):
        real_replace(src, dst)
        renamed.append(dst)
        monkeypatch.setattr(Path, "stat", lambda self, **kwargs: (_ for _ in ()).throw(OSError(5, "I/O error")))

    monkeypatch.setattr(os, "replace", replace_then_break_stat)
    changed = loaded.profile.model_copy(update={"name": "Written"})
    stamp = save_profile(changed, saved_file, loaded.stamp)
    monkeypatch.undo()
    assert renamed and stamp.matches(saved_file)
    assert load_profile(saved_file).profile.name == "Written"


def test_save_through_a_symlink_keeps_the_link(tmp_path, saved_file):
    link = tmp_path / "link.toml"
    link.symlink_to(saved_file)
    loaded = load_profile(link)
    save_profile(loaded.profile.model_copy(update={"name": "Via link"}), link, loaded.stamp)
    assert link.is_symlink()
    assert load_profile(saved_file).profile.name == "Via link"


# ------------------------------------------------------------ no clobbering


def test_refuses_when_content_changed_on_disk(saved_file):
    loaded = load_profile(saved_file)
    saved_file.write_text(SAMPLE_TEXT + "notes = \"edited elsewhere\"\n", encoding="utf-8")
    edited = saved_file.read_bytes()
    with pytest.raises(FileChangedError, match="changed on disk"):
        save_profile(loaded.profile, saved_file, loaded.stamp)
    assert saved_file.read_bytes() == edited


def test_same_size_same_mtime_different_content_is_caught_by_the_hash(saved_file):
    loaded = load_profile(saved_file)
    info = saved_file.stat()
    other = SAMPLE_TEXT.replace('name = "Studio"', 'name = "Stud1o"')
    assert len(other) == len(SAMPLE_TEXT)
    saved_file.write_text(other, encoding="utf-8")
    os.utime(saved_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert saved_file.stat().st_mtime_ns == loaded.stamp.mtime_ns
    assert not loaded.stamp.matches(saved_file)
    with pytest.raises(FileChangedError):
        save_profile(loaded.profile, saved_file, loaded.stamp)
    assert saved_file.read_text(encoding="utf-8") == other


def test_touched_but_same_content_is_allowed(saved_file):
    loaded = load_profile(saved_file)
    os.utime(saved_file, ns=(1, loaded.stamp.mtime_ns + 5_000_000_000))
    assert loaded.stamp.matches(saved_file)
    stamp = save_profile(loaded.profile.model_copy(update={"name": "Mine"}), saved_file, loaded.stamp)
    assert load_profile(saved_file).profile.name == "Mine"
    assert stamp.matches(saved_file)


def test_deleted_file_counts_as_changed(saved_file):
    loaded = load_profile(saved_file)
    saved_file.unlink()
    with pytest.raises(FileChangedError):
        save_profile(loaded.profile, saved_file, loaded.stamp)
    assert not saved_file.exists()


def test_file_replaced_by_folder_counts_as_changed(saved_file):
    loaded = load_profile(saved_file)
    saved_file.unlink()
    saved_file.mkdir()
    assert not loaded.stamp.matches(saved_file)


def test_new_file_refuses_to_clobber_something_created_meanwhile(tmp_path):
    target = tmp_path / "new.toml"
    target.write_text("someone else's file", encoding="utf-8")
    with pytest.raises(FileChangedError, match="already exists"):
        save_profile(new_profile("Mine"), target, None)
    assert target.read_text(encoding="utf-8") == "someone else's file"


def test_dangling_symlink_is_not_clobbered(tmp_path):
    target = tmp_path / "link.toml"
    target.symlink_to(tmp_path / "elsewhere.toml")
    with pytest.raises(FileChangedError):
        save_profile(new_profile("Mine"), target, None)
    assert target.is_symlink()


def test_overwrite_true_does_overwrite(saved_file):
    loaded = load_profile(saved_file)
    saved_file.write_text("garbage that changed", encoding="utf-8")
    save_profile(loaded.profile.model_copy(update={"name": "Forced"}), saved_file, loaded.stamp, overwrite=True)
    assert load_profile(saved_file).profile.name == "Forced"
    other = saved_file.parent / "exists.toml"
    other.write_text("x", encoding="utf-8")
    save_profile(new_profile("Also forced"), other, None, overwrite=True)
    assert load_profile(other).profile.name == "Also forced"


def test_stamp_after_save_allows_the_next_save(saved_file):
    loaded = load_profile(saved_file)
    stamp = save_profile(loaded.profile.model_copy(update={"name": "One"}), saved_file, loaded.stamp)
    stamp = save_profile(loaded.profile.model_copy(update={"name": "Two"}), saved_file, stamp)
    assert load_profile(saved_file).profile.name == "Two"
    assert stamp == load_profile(saved_file).stamp


def test_stamp_read_of_missing_file_is_none(tmp_path):
    assert FileStamp.read(tmp_path / "missing.toml") is None


@pytest.mark.parametrize("data", [b"", b"schema = 1\n", bytes(range(256)) * 300])
def test_digest_is_hashlibs_sha256(data):
    """Stamps and recovery names written before keep their meaning."""
    import hashlib

    assert storage.sha256_hex(data) == hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------ never write an unreadable file


def _with(profile, **update):
    return profile.model_copy(update=update)


UNSAVABLE = {
    "dangling owner": lambda p: _with(p, records=[Record(entity="client", owner="ghost")]),
    "dangling copy": lambda p: _with(p, records=[Record(entity="client", copies=[Copy(system="ghost", sync="none")])]),
    "dangling stage system": lambda p: _with(p, stages=[StageMap(stage="delivery", system="ghost")]),
    "duplicate system": lambda p: _with(p, systems=[System(id="a", name="A", kind="pm")] * 2),
    "duplicate stage": lambda p: _with(p, stages=[StageMap(stage="delivery")] * 2),
    "wrong type from an edit": lambda p: _with(p, answers=p.answers.model_copy(update={"team_size": "3"})),
    "negative from an edit": lambda p: _with(p, answers=p.answers.model_copy(update={"team_size": 0})),
    "lone surrogate": lambda p: _with(p, name="bad \ud800 text"),
    "name removed by an edit": lambda p: _with(p, name=None),
    "set where a list belongs": lambda p: _with(p, systems={System(id="a", name="A", kind="pm").id}),
}


@pytest.mark.parametrize("make", UNSAVABLE.values(), ids=UNSAVABLE.keys())
def test_a_profile_that_would_not_load_back_is_not_written(saved_file, make):
    loaded = load_profile(saved_file)
    before = saved_file.read_bytes()
    with pytest.raises(ProfileError) as caught:
        save_profile(make(loaded.profile), saved_file, loaded.stamp)
    for line in caught.value.lines():
        assert line.startswith(f"{saved_file}: not saved: ") and "\n" not in line
    expected = {"name removed by an edit": "name: expected a string, got nothing",
                "set where a list belongs": "systems: expected an array, got a set value"}
    for case, message in expected.items():
        if make is UNSAVABLE[case]:
            assert caught.value.lines() == [f"{saved_file}: not saved: {message}"]
    assert saved_file.read_bytes() == before
    assert leftovers(saved_file.parent) == []


def test_profile_over_the_size_cap_is_not_written(tmp_path):
    target = tmp_path / "huge.toml"
    systems = [System(id=f"s{index}", name="x" * 200, kind="other") for index in range(2000)]
    records = [Record(entity=f"e{index}", steward="y" * 200) for index in range(2000)]
    handoffs = [Handoff(from_stage="contract", to_stage="kickoff", trigger="z" * 200)] * 2000
    huge = new_profile("big").model_copy(update={"systems": systems, "records": records, "handoffs": handoffs})
    with pytest.raises(ProfileError, match="not saved: too large"):
        save_profile(huge, target)
    assert list(tmp_path.iterdir()) == []


def test_text_over_its_length_limit_is_not_written(tmp_path):
    target = tmp_path / "long.toml"
    with pytest.raises(ProfileError) as caught:
        save_profile(new_profile().model_copy(update={"name": "x" * 100_000}), target)
    assert caught.value.lines() == [f"{target}: not saved: name: too long: 100,000 characters (at most 200)"]
    assert list(tmp_path.iterdir()) == []


def test_unsavable_profile_is_refused_before_the_clobber_check(tmp_path):
    with pytest.raises(ProfileError):
        save_profile(_with(new_profile(), records=[Record(entity="x", owner="ghost")]), tmp_path / "n.toml")
    assert list(tmp_path.iterdir()) == []


def test_without_file_locks_leftovers_are_judged_by_their_age(tmp_path, monkeypatch):
    """Where fcntl is missing (Windows) a temporary file is abandoned once it is an hour old."""
    import os
    import time

    from truthmap import storage

    monkeypatch.setattr(storage, "fcntl", None)
    old, fresh = tmp_path / ".truthmap-aaaaaaaa.tmp", tmp_path / ".truthmap-bbbbbbbb.tmp"
    old.write_text("x")
    fresh.write_text("x")
    hours_ago = time.time() - 2 * storage._LEFTOVER_AGE
    os.utime(old, (hours_ago, hours_ago))
    assert storage.remove_leftovers(tmp_path) == [old.name]
    assert fresh.exists() and not old.exists()

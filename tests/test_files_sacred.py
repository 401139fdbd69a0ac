"""Files are sacred, again (issue 17): no lost save, no lost comment.

Restoring a copy made against an older file merges instead of undoing
another window's save; a file near the size cap can always be saved again;
two saves at one moment never both win; comments survive a save; new files
honour the umask and private ones are 0600; read-only files, other users'
files and hard links are respected.
"""

from __future__ import annotations

import difflib
import multiprocessing
import os
import re
import shutil
import signal
import stat
import tempfile
import time
from pathlib import Path

import pytest
from files_host import Key, edit, started
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from truthmap.document import Document
from truthmap.merging import merge
from truthmap.model import Record
from truthmap.recovery import Base, read_recovery, write_recovery
from truthmap.storage import (
    MAX_PROFILE_BYTES,
    FileChangedError,
    SaveRefused,
    _folder_lock,
    load_profile,
    parse_profile,
    render_profile,
    save_profile,
)
from workbench_helpers import copy_sample, recovery_copies

README = Path(__file__).resolve().parent.parent / "README.md"


pytestmark = pytest.mark.usefixtures("disk_check_by_hand")


def readme_example() -> str:
    """The commented profile the README shows."""
    text = README.read_text(encoding="utf-8")
    return re.search(r"```toml\n(schema = 1.*?)```", text, re.S)[1]


def answered(profile, **answers):
    return profile.model_copy(update={"answers": profile.answers.model_copy(update=answers)})


# ------------------------------------------------------------ 1. restore after another window's save


async def saved_in_a_then_b_killed(path: Path, saved_in_a: dict, unsaved_in_b: dict) -> None:
    """Window A saves its answers; window B, open on the same file, is killed with its own unsaved."""
    (first, one), (second, two) = await started(path), await started(path)
    edit(first, answered(first.document.profile, **saved_in_a))
    edit(second, answered(second.document.profile, **unsaved_in_b))
    first.save()
    await one.settle()
    one.close()
    two.is_running = False  # B's copy, made against the file before A saved, is left behind


async def test_restoring_a_copy_made_before_another_window_saved_merges_instead_of_undoing_it(tmp_path):
    path = copy_sample(tmp_path / "work")
    await saved_in_a_then_b_killed(path, {"inquiries_per_month": 9}, {"open_opportunities": 7})
    third, host = await started(path, Key("r"), Key("m"))
    assert "changed since" in host.asked[1].question and "No item was changed on both sides" in host.asked[1].question
    third.save()
    await host.settle()
    answers = load_profile(path).profile.answers
    assert (answers.inquiries_per_month, answers.open_opportunities) == (9, 7)  # A's save and B's edit


async def test_a_collision_is_shown_and_settled_as_chosen(tmp_path):
    path = copy_sample(tmp_path / "work")
    await saved_in_a_then_b_killed(path, {"team_size": 4}, {"team_size": 5})
    third, host = await started(path, Key("r"), Key("f"))
    assert "answer team_size: yours 5, the file's 4" in host.asked[1].question
    assert third.document.profile.answers.team_size == 4


async def test_a_copy_that_does_not_know_its_base_always_asks(tmp_path):
    path = copy_sample(tmp_path / "work")
    loaded = load_profile(path)
    write_recovery(loaded.profile.model_copy(update={"name": "Old copy"}), path)  # as versions before this one
    files, host = await started(path, Key("r"), Key("k"))
    assert "does not record which version" in host.asked[1].question
    assert files.document.profile.name == loaded.profile.name  # kept for later, nothing restored
    assert len(recovery_copies(path)) == 1
    files, host = await started(path, Key("r"), Key("r"))  # offered again, still asks, and restores on request
    assert "does not record which version" in host.asked[1].question
    assert files.document.profile.name == "Old copy"


async def test_a_copy_of_the_file_as_it_is_restores_without_asking(tmp_path):
    path = copy_sample(tmp_path / "work")
    loaded = load_profile(path)
    write_recovery(loaded.profile.model_copy(update={"name": "Mine"}), path, base=Base.of(loaded.stamp, loaded.text))
    files, host = await started(path, Key("r"))
    assert len(host.asked) == 1 and files.document.profile.name == "Mine"


def test_merge_by_item_keeps_both_sides_and_lists_collisions():
    base = parse_profile(readme_example())
    mine = answered(base, team_size=2, inquiries_per_month=3).model_copy(
        update={"records": [*base.records, Record(entity="invoice", owner="hubspot")]})
    theirs = answered(base, team_size=5).model_copy(update={"stages": [], "name": "Renamed"})
    result = merge(base, mine, theirs, prefer_mine=False)
    profile = result.profile
    assert profile.name == "Renamed" and profile.stages == []
    assert profile.answers.inquiries_per_month == 3 and profile.answers.team_size == 5
    assert [record.entity for record in profile.records] == ["client", "invoice"]
    assert result.collisions == ["answer team_size: yours 2, the file's 5"]
    assert merge(base, mine, theirs, prefer_mine=True).profile.answers.team_size == 2


def test_a_merge_that_breaks_a_reference_is_refused_with_the_reason():
    base = parse_profile(readme_example())
    mine = base.model_copy(update={"records": [*base.records, Record(entity="invoice", owner="trello")]})
    theirs = base.model_copy(update={"systems": base.systems[:1], "records": [], "stages": []})
    result = merge(base, mine, theirs, prefer_mine=True)
    assert result.profile is None and any("unknown system 'trello'" in problem for problem in result.problems)


# ------------------------------------------------------------ 2. near the size cap


def _at_the_cap(compact: bool) -> str:
    """A valid profile just under the cap, every text at its limit, in a hand-written layout."""
    parts = ['schema = 1', f'name = "{"N" * 200}"', f'notes = "{"n" * 4000}"']
    index = 0
    while True:
        name = f"{'x' * 190}{index:010d}"
        entry = (f'systems = [{{id="s{index}",name="{name}",kind="other"}}]' if compact else
                 f'[[systems]]\nid = "s{index}"  # a comment\nname = "{name}"\nkind = "other"\n')
        if len("\n".join(parts)) + len(entry) + 300 > MAX_PROFILE_BYTES:
            break
        parts.append(entry)
        index += 1
    if compact:  # one inline array rather than many keys
        entries = [part.removeprefix("systems = [").removesuffix("]") for part in parts[3:]]
        parts = [*parts[:3], "systems = [" + ",".join(entries) + "]"]
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize("compact", [True, False], ids=["inline", "tables with comments"])
def test_a_file_the_reader_takes_can_be_saved_after_an_edit(tmp_path, compact):
    path = tmp_path / "big.toml"
    path.write_text(_at_the_cap(compact), encoding="utf-8")
    document = Document.open(path)
    assert not document.keeps_layout()  # too large to edit in place: the workbench says so first
    document.edit(answered(document.profile, inquiries_per_month=123456))
    document.save()
    assert path.stat().st_size <= MAX_PROFILE_BYTES
    assert load_profile(path).profile == document.profile


def test_a_recovery_copy_is_never_refused_for_size(tmp_path):
    profile = load_profile(_write(tmp_path / "big.toml", _at_the_cap(compact=False))).profile
    grown = profile.model_copy(update={"notes": "m" * 4000, "name": "M" * 200,
                                       "records": [Record(entity="client", steward="s" * 200)] * 600})
    copy = write_recovery(grown, tmp_path / "big.toml", folder=tmp_path / "recovery")
    assert copy.stat().st_size > MAX_PROFILE_BYTES
    assert read_recovery(copy).profile == grown


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------ 3. two saves at one moment


def _save_at_the_barrier(path: str, name: str, barrier, results) -> None:
    loaded = load_profile(path)
    profile = loaded.profile.model_copy(update={"name": name})
    barrier.wait()
    try:
        save_profile(profile, path, loaded.stamp)
        results.put((name, "saved"))
    except FileChangedError:
        results.put((name, "changed"))


def test_two_processes_saving_at_one_moment_never_both_win(tmp_path):
    context = multiprocessing.get_context("fork")
    path = copy_sample(tmp_path)
    for trial in range(15):
        barrier, results = context.Barrier(2), context.Queue()
        names = [f"Window {trial} A", f"Window {trial} B"]
        workers = [context.Process(target=_save_at_the_barrier, args=(str(path), name, barrier, results))
                   for name in names]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        outcome = dict(results.get(timeout=5) for _ in names)
        assert sorted(outcome.values()) == ["changed", "saved"], outcome
        winner = next(name for name, result in outcome.items() if result == "saved")
        assert load_profile(path).profile.name == winner


def _hold_the_lock(folder: str, held) -> None:
    with _folder_lock(Path(folder), Path(folder) / "x.toml"):
        held.set()
        time.sleep(60)


def test_the_save_lock_dies_with_a_killed_holder(tmp_path):
    context = multiprocessing.get_context("fork")
    path = copy_sample(tmp_path)
    held = context.Event()
    holder = context.Process(target=_hold_the_lock, args=(str(tmp_path), held))
    holder.start()
    assert held.wait(20)
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(10)
    loaded = load_profile(path)
    save_profile(loaded.profile.model_copy(update={"name": "After the kill"}), path, loaded.stamp)
    assert load_profile(path).profile.name == "After the kill"


# ------------------------------------------------------------ 4. comments survive a save


def test_one_answer_changes_one_line_of_a_commented_file(tmp_path):
    path = _write(tmp_path / "studio.toml", readme_example())
    document = Document.open(path)
    document.edit(answered(document.profile, inquiries_per_month=9))
    document.save()
    before, after = readme_example().splitlines(), path.read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    assert changed == ["-inquiries_per_month = 12", "+inquiries_per_month = 9"]


def test_comments_order_and_blank_lines_survive_adding_and_removing_items(tmp_path):
    path = _write(tmp_path / "studio.toml", readme_example())
    document = Document.open(path)
    profile = document.profile
    document.edit(profile.model_copy(update={
        "records": [*profile.records, Record(entity="invoice", owner="hubspot")], "handoffs": []}))
    document.save()
    text = path.read_text(encoding="utf-8")
    comments = [line[line.index("#"):] for line in readme_example().splitlines() if "#" in line]
    assert all(comment in text for comment in comments)
    assert "[[handoffs]]" not in text and 'entity = "invoice"' in text
    removed = [line[1:] for line in difflib.unified_diff(readme_example().splitlines(), text.splitlines(),
                                                         lineterm="", n=0)
               if line.startswith("-") and not line.startswith("---")]
    assert removed == readme_example().split("\n\n", )[-1].splitlines()  # only the removed table
    document.edit(answered(document.profile, team_size=3))
    document.save()  # the next save keeps the layout of what this one wrote
    assert all(comment in path.read_text(encoding="utf-8") for comment in comments)


async def test_a_large_hand_edited_file_says_before_saving_that_comments_go(tmp_path):
    path = _write(tmp_path / "big.toml", _at_the_cap(compact=False))
    files, host = await started(path)
    edit(files, answered(files.document.profile, team_size=3))
    host.script(Key("c"))
    files.save()
    await host.settle()
    assert "Comments will not be kept" in host.asked[-1].question
    assert "# a comment" in path.read_text(encoding="utf-8")  # cancelled: untouched


# ------------------------------------------------------------ 9-11. permissions, owners, links


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_new_profiles_honour_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        save_profile(parse_profile(readme_example()), tmp_path / "new.toml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == mode


def test_recovery_copies_and_settings_are_private_whatever_the_umask(tmp_path, monkeypatch):
    from truthmap import settings

    monkeypatch.setenv("TRUTHMAP_HOME", str(tmp_path / "home"))
    old = os.umask(0)
    try:
        copy = write_recovery(parse_profile(readme_example()), tmp_path / "p.toml", folder=tmp_path / "recovery")
        settings.update_settings(theme="truthmap-dark")
    finally:
        os.umask(old)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    written = list((tmp_path / "home").rglob("*.toml"))
    assert all(stat.S_IMODE(file.stat().st_mode) == 0o600 for file in written)


def test_a_read_only_file_is_refused_even_for_root(tmp_path):
    path = _write(tmp_path / "locked.toml", readme_example())
    path.chmod(0o444)
    loaded = load_profile(path)
    with pytest.raises(SaveRefused, match="read-only; use Save as"):
        save_profile(loaded.profile.model_copy(update={"name": "Changed"}), path, loaded.stamp)
    assert path.read_text(encoding="utf-8") == readme_example()


async def test_the_workbench_offers_save_as_for_a_read_only_file(tmp_path):
    path = _write(tmp_path / "locked.toml", readme_example())
    path.chmod(0o444)
    files, host = await started(path)
    edit(files, files.document.profile.model_copy(update={"name": "Changed"}))
    host.script(Key("c"))
    files.save()
    await host.settle()
    assert "read-only" in host.asked[-1].question and files.document.dirty


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_the_owner_of_a_file_is_kept_where_the_system_allows(tmp_path):
    path = _write(tmp_path / "theirs.toml", readme_example())
    os.chown(path, 12345, 23456)
    loaded = load_profile(path)
    save_profile(loaded.profile.model_copy(update={"name": "Changed"}), path, loaded.stamp)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (12345, 23456)


def _save_as_another_user(path: str, change_owner: bool, results) -> None:
    os.setgid(4242)
    os.setuid(4242)
    loaded = load_profile(path)
    try:
        save_profile(loaded.profile.model_copy(update={"name": "By 4242"}), path, loaded.stamp,
                     change_owner=change_owner)
        results.put("saved")
    except SaveRefused as refusal:
        results.put(str(refusal))


@pytest.mark.skipif(os.geteuid() != 0, reason="acting as two users needs root")
def test_replacing_another_user_s_file_asks_first():
    folder = Path(tempfile.mkdtemp(prefix="truthmap-shared-"))  # pytest's own folders are closed to other users
    folder.chmod(0o777)
    try:
        _replace_as_another_user(folder)
    finally:
        shutil.rmtree(folder)


def _replace_as_another_user(folder: Path) -> None:
    path = _write(folder / "theirs.toml", readme_example())
    os.chown(path, 12345, 12345)
    path.chmod(0o666)
    context = multiprocessing.get_context("fork")
    for change_owner, expected in ((False, "belongs to another user"), (True, "saved")):
        results = context.Queue()
        worker = context.Process(target=_save_as_another_user, args=(str(path), change_owner, results))
        worker.start()
        worker.join(30)
        assert expected in results.get(timeout=5)
    assert path.stat().st_uid == 4242 and load_profile(path).profile.name == "By 4242"


def test_a_hard_linked_profile_is_saved_in_place_so_every_name_sees_it(tmp_path):
    path = _write(tmp_path / "studio.toml", readme_example())
    other = tmp_path / "same-file.toml"
    os.link(path, other)
    loaded = load_profile(path)
    save_profile(loaded.profile.model_copy(update={"name": "Through one name"}), path, loaded.stamp)
    assert load_profile(other).profile.name == "Through one name"
    assert path.stat().st_ino == other.stat().st_ino and path.stat().st_nlink == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same-file.toml", "studio.toml"]  # no backup left


INLINE_LAYOUT = ('schema = 1\nname = "x"  # kept\nsystems = [{id="a", name="A", kind="crm"}, {id="b", name="B", kind="pm"}]\n'
                 'records = [{entity="client", owner="a", copies=[{system="b", sync="manual"}]}, {entity="lead", owner="a"}]\n')


@given(st.sampled_from(["readme", "inline"]), st.lists(st.integers(0, 5), min_size=1, max_size=4), st.randoms())
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_edit_of_a_hand_written_layout_saves_what_is_on_screen_and_keeps_the_comments(which, steps, rnd):
    text = readme_example() if which == "readme" else INLINE_LAYOUT
    base = parse_profile(text)
    profile = base
    for step in steps:
        records = list(profile.records)
        if step == 0 and records:
            records.pop(rnd.randrange(len(records)))
        elif step == 1:
            records.insert(rnd.randrange(len(records) + 1), Record(entity="invoices", owner=base.systems[0].id))
        elif step == 2 and records:
            index = rnd.randrange(len(records))
            records[index] = records[index].model_copy(update={"steward": "Zed"})
        elif step == 3:
            profile = answered(profile, team_size=rnd.randint(1, 9))
        elif step == 4:
            profile = profile.model_copy(update={"notes": "two\nlines"})
        profile = profile.model_copy(update={"records": records})
    data = render_profile(profile, Path("p.toml"), original=(text, base))
    assert parse_profile(data) == profile
    kept = [line for line in text.splitlines() if "#" in line and "records" not in line and "entity" not in line
            and "copies" not in line]
    assert all(line[line.index("#"):] in data.decode() for line in kept)

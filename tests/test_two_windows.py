"""Two windows on one profile never lose an edit (issue #8).

Each window keeps its own recovery copy; saving in one removes only its own;
the next start offers every copy left behind.  The windows are two
`ProfileFiles` side by side in one process, each with its scripted person
(`files_host`), as two terminals would be; a window "killed" stops running
without quitting, so its lock is never given back by a quit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from files_host import Key, edit, started

from truthmap.storage import load_profile
from workbench_helpers import copy_sample, recovery_copies


pytestmark = pytest.mark.usefixtures("disk_check_by_hand")


@pytest.fixture
def profile_file(tmp_path) -> Path:
    return copy_sample(tmp_path / "work")


def renamed(files, name):
    return files.document.profile.model_copy(update={"name": name})


async def test_saving_in_one_window_keeps_the_other_window_s_unsaved_edit(profile_file):
    (first, one), (second, two) = await started(profile_file), await started(profile_file)
    edit(first, renamed(first, "Edited in window A"))
    theirs = renamed(second, "Edited in window B")
    edit(second, theirs)
    assert len(recovery_copies(profile_file)) == 2  # one copy each

    first.save()  # A saves: only A's copy goes
    await one.settle()
    assert load_profile(profile_file).profile.name == "Edited in window A"
    assert len(recovery_copies(profile_file)) == 1
    assert not two.asked  # B's live work is not offered to anyone

    late, host = await started(profile_file)
    assert not host.asked  # B still runs: its copy is its own

    # Saving in B now asks first: the file changed on disk since B opened it.
    second.save()
    await two.settle()
    assert "changed on disk" in two.question
    two.close()

    # Both windows are gone (as if killed): B's edit is still on disk and is offered.
    one.is_running = two.is_running = False
    # B's copy was made before A saved: restoring it asks, and merging keeps A's save
    # except where both changed one item (the name here), settled as the person says.
    third, host = await started(profile_file, Key("r"), Key("m"))
    assert "Edited in window B" in host.asked[0].question
    assert "changed since" in host.asked[1].question and "name: yours" in host.asked[1].question
    assert third.document.profile == theirs and third.document.dirty


async def test_when_both_windows_are_killed_every_copy_is_offered(profile_file):
    (first, one), (second, two) = await started(profile_file), await started(profile_file)
    older = renamed(first, "Older edit")
    edit(first, older)
    newer = renamed(second, "Newer edit")
    edit(second, newer)
    assert len(recovery_copies(profile_file)) == 2
    one.is_running = two.is_running = False

    third, host = await started(profile_file, Key("r"), Key("k"))  # keep the second: restoring it would replace the first
    first_question, second_question = (screen.question for screen in host.asked)
    assert "1 of 2" in first_question and "Newer edit" in first_question  # newest first
    assert "2 of 2" in second_question and "Older edit" in second_question
    assert host.asked[1].answer_for("r") is None  # only one copy can be restored
    assert third.document.profile == newer
    kept = recovery_copies(profile_file)
    assert len(kept) == 2  # the restored work (now the third window's copy) and the one kept
    assert sorted(load_profile(copy).profile.name for copy in kept) == ["Newer edit", "Older edit"]

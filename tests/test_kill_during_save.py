"""Killed at any moment of a save, a profile is the old one or the new one,
never a mix, and the temporary file left behind goes at the next save (issue #8).

A forked child saves a large profile over and over (two versions in turn);
the test kills it with SIGKILL at a random moment, 200 times, and after each
kill reads the file back.  Forking keeps each round to a few milliseconds.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from truthmap.model import Copy, Record, System
from truthmap.vocabulary import SYNC_MODES, SYSTEM_KINDS
from truthmap.storage import TEMP_PREFIX, atomic_write, dump_profile, load_profile, new_profile, save_profile

KILLS = 200
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


def large_profile(name: str):
    systems = [System(id=f"s{index}", name=f"System {index} — {name}", kind=SYSTEM_KINDS[index % 9])
               for index in range(400)]
    records = [Record(entity=f"e{index}", owner=f"s{index}", steward=f"Steward {index} of the {name} plan",
                      copies=[Copy(system=f"s{(index + k) % 400}", sync=SYNC_MODES[k % 4]) for k in range(1, 4)])
               for index in range(400)]
    return new_profile(name).model_copy(update={"systems": systems, "records": records, "notes": name * 400})


def saving_forever(path, versions: list[bytes]) -> None:
    """The child: save the versions in turn until killed."""
    try:
        turn = 0
        while True:
            atomic_write(path, versions[turn % 2])
            turn += 1
    finally:
        os._exit(0)


def test_200_kills_at_random_moments_never_leave_a_broken_profile(tmp_path):
    target = tmp_path / "large.toml"
    versions = [dump_profile(large_profile(name)).encode("utf-8") for name in ("first", "second")]
    assert min(len(v) for v in versions) > 100_000  # a large profile: a write takes a while
    save_profile(large_profile("first"), target)
    start = time.perf_counter()
    atomic_write(target, versions[0])
    one_save = time.perf_counter() - start
    rng = random.Random(8)
    seen, mid_write = set(), 0
    for _ in range(KILLS):
        child = os.fork()
        if child == 0:
            saving_forever(target, versions)
        time.sleep(rng.uniform(0, 3 * one_save))  # anywhere in the first few saves
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        data = target.read_bytes()
        assert data in versions, f"after a kill the file is {len(data)} bytes of neither version"
        seen.add(versions.index(data))
        mid_write += any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())
    assert seen == {0, 1}, "the kills should land before and after renames alike"
    assert mid_write > 0, "some kills should land while a temporary file is being written"
    assert load_profile(target).profile.name in ("first", "second")

    save_profile(load_profile(target).profile, target, overwrite=True)  # the next save tidies the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.toml"]
    assert not any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())


KILLED_WINDOW = """
import sys
from pathlib import Path
from truthmap.workbench.app import TruthmapApp

path = Path(sys.argv[1])


class Window(TruthmapApp):
    def on_ready(self) -> None:
        self.set_timer(0.1, self.edit)

    def edit(self) -> None:
        self.apply_profile(self.profile.model_copy(update={"name": "Unsaved when killed"}))
        self.set_interval(0.02, self.tell)

    def tell(self) -> None:
        if self.files.recovery.file(path).exists():
            print("edited", flush=True)


Window([path]).run(headless=True)
"""


async def test_a_window_killed_with_unsaved_edits_leaves_them_to_the_next_start(tmp_path):
    import subprocess
    import sys

    from truthmap.workbench.app import TruthmapApp
    from truthmap.workbench.dialogs.questions import ChoiceScreen
    from workbench_helpers import copy_sample, press, settle

    profile = copy_sample(tmp_path / "work")
    before = profile.read_bytes()
    script = tmp_path / "killed_window.py"  # a file: Textual reads the source of app classes
    script.write_text(KILLED_WINDOW, encoding="utf-8")
    window = subprocess.Popen([sys.executable, str(script), str(profile)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "edited", window.stderr.read()
    finally:
        window.send_signal(signal.SIGKILL)  # no quit, no question, no clean-up: the kernel drops its lock
        window.wait(timeout=30)
    assert profile.read_bytes() == before

    app = TruthmapApp([profile])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await press(app, pilot, "r")
        assert app.profile.name == "Unsaved when killed" and app.document.dirty
        await press(app, pilot, "ctrl+s")
    assert load_profile(profile).profile.name == "Unsaved when killed"

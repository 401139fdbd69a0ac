"""Every file-system call in the workbench's flows may fail: the window stays up,
says which file, and leaves the disk as it was (issue #8).

For each flow (save, save as, save as into a new folder, the browser's list,
opening a profile and the recovery offer, recovery copies written, the
remembered theme, the disk check) the flow runs once to record its
file-system calls under the test's folder; then it runs again once per call,
that call failing with ENAMETOOLONG, EACCES, ENOSPC, EROFS and EIO in turn.
Each run ends one of three ways, and nothing else is allowed:

- the flow did what it was for (the failed call was one it can do without,
  like tidying old temporary files);
- a message or a question names the file, and the files on disk are exactly
  as they were before the run;
- (never) a crash, a hang, or a half-done change.

The file flows run in a fresh scripted window each time (`files_host`: no
app, the person's answers scripted); the browser's list, which is the
browser screen's own work, runs in one small app that shows only it.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fault_injection import ERRNOS, Faults, snapshot
from files_host import OPEN, Key, ScriptedHost, Typed, started
from textual.app import App
from textual.widgets import DataTable

from truthmap.paths import recovery_dir
from truthmap.recovery import Base, write_recovery
from truthmap.settings import read_settings
from truthmap.storage import ProfileError, dump_profile, load_profile
from truthmap.workbench.files import recovering
from truthmap.workbench.files.browser import BrowserScreen
from truthmap.workbench.dialogs.questions import ChoiceScreen
from truthmap.workbench.files.profile_files import ProfileFiles
from truthmap.workbench.themes import remember_theme
from workbench_helpers import copy_sample


def answer_when(words: str, answer: Any) -> Callable[[Any], Any]:
    """Answer a question only if it is the one expected (a fault may ask another)."""

    def answering(screen) -> Any:
        return Key(answer)(screen) if words in screen.question else OPEN

    return answering


class BrowserHost(App):
    """Shows a profile browser and nothing else; notifications are recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.told: list[str] = []
        self.opened: list[Path] = []

    def notify(self, message, *, title="", **options) -> None:
        self.told.append(f"{title} {message}")


class Run:
    """One flow's runs: the files as they started, a fresh window for each run."""

    def __init__(self, tmp_path: Path, monkeypatch) -> None:
        self.root = tmp_path
        self.folder = tmp_path / "work"
        self.profile = copy_sample(self.folder)
        self.other = copy_sample(self.folder, "hybrid-agency.toml")
        self.faults = Faults(tmp_path)
        self.faults.install(monkeypatch)
        self.files: ProfileFiles | None = None
        self.host: ScriptedHost | None = None
        self.browser_app: BrowserHost | None = None  # the browser flow's small app, and its pilot
        self.pilot = None
        self.theme_told: list[str] = []
        self.disk: dict[str, bytes | None] = {}

    async def reset(self) -> None:
        """Back to the starting files, and a new window on the profile."""
        if self.host is not None:
            self.host.close()
            self.files.recovery.release()
        for path in sorted(self.folder.rglob("*"), reverse=True):
            if path.name not in (self.profile.name, self.other.name):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        copy_sample(self.folder)
        copy_sample(self.folder, "hybrid-agency.toml")
        shutil.rmtree(recovery_dir(), ignore_errors=True)
        self.files, self.host = await started(self.profile)
        self.theme_told.clear()
        if self.browser_app is not None:
            self.browser_app.told.clear()
            self.browser_app.opened.clear()

    def edit(self, name: str) -> None:
        """An unsaved change (its recovery copy is written at once)."""
        self.files.document.edit(self.files.document.profile.model_copy(update={"name": name}))
        self.files.note_edit()

    def notify(self, message: str, **options) -> None:
        """The theme's messages (`remember_theme` tells its app)."""
        self.theme_told.append(message)

    def told(self) -> list[str]:
        """Every message the person was shown: notifications, the open question, a dialog's refusal."""
        host = self.host
        shown = [str(told) for told in host.told] + host.refused + self.theme_told
        if self.browser_app is not None:
            shown += self.browser_app.told
        if host.question is not None:
            shown.append(host.question)
        return shown


@dataclass
class Flow:
    act: Callable[[Run], Awaitable[None]]  # what the person does (faults armed)
    worked: Callable[[Run], bool]  # did it do what it is for (faults off)
    prepare: Callable[[Run], None] = lambda run: None  # the starting state, before anything is armed
    browser: bool = False  # runs the browser screen in its small app


async def _save(run: Run) -> None:
    run.files.save()
    await run.host.settle()


def _saved(run: Run) -> bool:
    return load_profile(run.profile).profile.name == "Saved under fault" and not run.files.document.dirty


def _save_as(name: str, confirm: str | None = None) -> Callable[[Run], Awaitable[None]]:
    async def act(run: Run) -> None:
        run.host.script(Typed(name))
        if confirm:
            run.host.script(answer_when("does not exist", confirm))
        run.files.save_as()
        await run.host.settle()

    return act


def _saved_as(name: str) -> Callable[[Run], bool]:
    def worked(run: Run) -> bool:
        target = run.folder / f"{name}.toml"
        try:
            return run.files.document.path == target and load_profile(target).profile == run.files.document.profile
        except ProfileError:
            return False

    return worked


async def _list_in_browser(run: Run) -> None:
    app, pilot = run.browser_app, run.pilot
    browser = BrowserScreen(run.folder, on_open=app.opened.append, on_compare=lambda paths: None)
    await app.push_screen(browser)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    table = browser.query_one(DataTable)
    if str(run.other) in table.rows:
        table.move_cursor(row=table.get_row_index(str(run.other)))
        await pilot.press("enter")
        await pilot.pause()
    app.pop_screen()
    await pilot.pause()


def _listed_and_chosen(run: Run) -> bool:
    return run.browser_app.opened == [run.other]


def _left_behind(run: Run) -> None:
    loaded = load_profile(run.other)
    write_recovery(loaded.profile.model_copy(update={"name": "Left behind"}), run.other,
                   base=Base.of(loaded.stamp, loaded.text))


async def _open_and_restore(run: Run) -> None:
    run.host.script(answer_when("Left behind", "r"))
    run.files.open(run.other)
    await run.host.settle()


def _opened_and_restored(run: Run) -> bool:
    return run.files.document.path == run.other and run.files.document.profile.name == "Left behind"


async def _edit(run: Run) -> None:
    run.edit("Kept for recovery")
    await run.host.settle()


def _copy_kept(run: Run) -> bool:
    copy = run.files.recovery.file(run.profile)
    try:
        return load_profile(copy).profile.name == "Kept for recovery"
    except ProfileError:
        return False


async def _change_theme(run: Run) -> None:
    remember_theme(run, "truthmap-light")


def _theme_remembered(run: Run) -> bool:
    return read_settings().get("theme") == "truthmap-light"


def _changed_outside(run: Run) -> None:
    run.profile.write_text(dump_profile(run.files.document.profile.model_copy(update={"name": "Changed outside"})),
                           "utf-8")


async def _check_disk(run: Run) -> None:
    run.files.check_disk()
    await run.host.settle()


def _reload_offered(run: Run) -> bool:
    return isinstance(run.host.screen, ChoiceScreen) and "changed by another program" in run.host.question


FLOWS: dict[str, Flow] = {
    "save": Flow(_save, _saved, lambda run: run.edit("Saved under fault")),
    "save as": Flow(_save_as("plan"), _saved_as("plan")),
    "save as into a new folder": Flow(_save_as("clients/plan", confirm="y"), _saved_as("clients/plan")),
    "browser's list": Flow(_list_in_browser, _listed_and_chosen, browser=True),
    "open and recovery offer": Flow(_open_and_restore, _opened_and_restored, _left_behind),
    "recovery copy": Flow(_edit, _copy_kept),
    "theme remembered": Flow(_change_theme, _theme_remembered),
    "disk check": Flow(_check_disk, _reload_offered, _changed_outside),
}


@pytest.fixture(autouse=True)
def quiet_timers(monkeypatch, disk_check_by_hand):
    monkeypatch.setattr(recovering, "RECOVERY_INTERVAL", 0.0)


async def run_every_fault(run: Run, flow: str) -> None:
    names = {run.profile.name, run.other.name, "plan.toml", "clients", "settings.toml", "recovery"}
    steps = FLOWS[flow]
    await run.reset()
    steps.prepare(run)
    run.faults.arm(None)
    await steps.act(run)
    run.faults.disarm()
    assert steps.worked(run), f"{flow} does not work even without faults: {run.told()}"
    sites = run.faults.sites()
    assert sites, "the flow made no file-system call under the test folder"

    for index, site in enumerate(sites):
        error = ERRNOS[index % len(ERRNOS)]
        await run.reset()
        steps.prepare(run)
        run.disk = snapshot(run.root)
        run.faults.arm(site, error)
        await steps.act(run)  # a flow that raised (a crash) or hung fails here
        run.faults.disarm()
        done = steps.worked(run)
        failed = run.faults.failed
        where = f"{flow}: {site[0]}({site[1]}) failing with errno {error}"
        assert (run.browser_app is None or run.browser_app.is_running) and not run.host.exited, where
        if done:
            continue
        told = run.told()
        assert failed is not None, where
        mentioned = {Path(failed[1]).name, *names}
        assert any(any(part in message for part in mentioned) for message in told), (where, told)
        assert snapshot(run.root, skip=("truthmap-home/state",)) == {
            key: value for key, value in run.disk.items() if not key.startswith("truthmap-home/state")
        }, (where, told)
    run.host.close()


@pytest.mark.parametrize("flow", FLOWS, ids=list(FLOWS))
async def test_every_file_system_call_of_a_flow_may_fail(tmp_path, monkeypatch, flow):
    run = Run(tmp_path, monkeypatch)
    if not FLOWS[flow].browser:
        await run_every_fault(run, flow)
        return
    run.browser_app = BrowserHost()
    async with run.browser_app.run_test(size=(60, 16)) as pilot:
        run.pilot = pilot
        await run_every_fault(run, flow)

"""Every file-system call in the workbench's flows may fail: the app stays up,
says which file, and leaves the disk as it was (issue #8).

For each flow (save, save as, save as into a new folder, the browser and
opening from it, recovery copies written and offered, the remembered theme,
the disk check) the flow runs once to record its file-system calls under the
test's folder; then it runs again once per call, that call failing with
ENAMETOOLONG, EACCES, ENOSPC, EROFS and EIO in turn.  Each run ends one of
three ways, and nothing else is allowed:

- the flow did what it was for (the failed call was one it can do without,
  like tidying old temporary files);
- a message or a question names the file, and the files on disk are exactly
  as they were before the run;
- (never) a crash, a hang, or a half-done change.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fault_injection import ERRNOS, Faults, snapshot
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input

from truthmap.document import Document
from truthmap.paths import recovery_dir
from truthmap.recovery import write_recovery
from truthmap.settings import read_settings
from truthmap.storage import ProfileError, dump_profile, load_profile
from truthmap.workbench import files
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.browser import BrowserScreen
from truthmap.workbench.dialogs import ChoiceScreen, PathInputScreen
from workbench_helpers import copy_sample

SIZE = (60, 16)  # small: every run redraws the screen, and there are many runs


async def settle(app, pilot) -> None:
    """Like workbench_helpers.settle, with one pause: these runs are many."""
    busy = [w for w in app.workers if w.group != "files" and not w.is_finished]
    if busy:
        await app.workers.wait_for_complete(busy)
    await pilot.pause()


class Run:
    """One app, reused for every injected fault of one flow (a fresh app per run would be slow)."""

    def __init__(self, tmp_path: Path, monkeypatch) -> None:
        self.root = tmp_path
        self.folder = tmp_path / "work"
        self.profile = copy_sample(self.folder)
        self.other = copy_sample(self.folder, "hybrid-agency.toml")
        self.faults = Faults(tmp_path)
        self.faults.install(monkeypatch)
        self.app = TruthmapApp([self.profile])
        self.pilot = None
        self.disk: dict[str, bytes | None] = {}

    async def reset(self) -> None:
        """Back to the starting files and a clean document on the main screen."""
        app = self.app
        while isinstance(app.screen, (ModalScreen, BrowserScreen)) and len(app.screen_stack) > 1:
            if isinstance(app.screen, ModalScreen):
                app.screen.dismiss(None)
            else:
                app.pop_screen()
            await settle(app, self.pilot)
        for path in sorted(self.folder.rglob("*"), reverse=True):
            if path.name not in (self.profile.name, self.other.name):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        copy_sample(self.folder)
        copy_sample(self.folder, "hybrid-agency.toml")
        shutil.rmtree(recovery_dir(), ignore_errors=True)
        app.document = Document.open(self.profile)
        app.document_replaced()
        session = files._session(app)
        session.recovery_failed, session.disk_seen, session.busy = False, None, False
        session.recovery_paths.clear()
        app._notifications.clear()
        await settle(app, self.pilot)

    def edit(self, name: str) -> None:
        """An unsaved change (its recovery copy is written in the background)."""
        self.app.apply_profile(self.app.profile.model_copy(update={"name": name}))

    def told(self) -> list[str]:
        """Every message the person was shown: notifications, the open question, a dialog's error line."""
        shown = [f"{n.title or ''} {n.message}" for n in self.app._notifications]
        screen = self.app.screen
        if isinstance(screen, (ChoiceScreen, PathInputScreen)):
            shown.append(" ".join(str(w.render()) for w in screen.query(".dialog-title, .dialog-message, #path-error")))
        return shown


@dataclass
class Flow:
    act: Callable[[Run], Awaitable[None]]  # what the person does (faults armed)
    worked: Callable[[Run], bool]  # did it do what it is for (faults off)
    prepare: Callable[[Run], None] = lambda run: None  # the starting state, before anything is armed


async def _save(run: Run) -> None:
    await run.pilot.press("ctrl+s")
    await settle(run.app, run.pilot)


def _saved(run: Run) -> bool:
    return load_profile(run.profile).profile.name == "Saved under fault" and not run.app.document.dirty


def _save_as(name: str, confirm: str | None = None) -> Callable[[Run], Awaitable[None]]:
    async def act(run: Run) -> None:
        app = run.app
        await app.run_action("save_as")
        await settle(app, run.pilot)
        if not isinstance(app.screen, PathInputScreen):
            return
        app.screen.query_one(Input).value = name
        await run.pilot.press("enter")
        await settle(app, run.pilot)
        if confirm and isinstance(app.screen, ChoiceScreen) and "does not exist" in run.told()[-1]:
            await run.pilot.press(confirm)
            await settle(app, run.pilot)

    return act


def _saved_as(name: str) -> Callable[[Run], bool]:
    def worked(run: Run) -> bool:
        target = run.folder / f"{name}.toml"
        try:
            return run.app.document.path == target and load_profile(target).profile == run.app.profile
        except ProfileError:
            return False

    return worked


def _left_behind(run: Run) -> None:
    write_recovery(load_profile(run.other).profile.model_copy(update={"name": "Left behind"}), run.other)


async def _open_from_browser(run: Run) -> None:
    app = run.app
    await run.pilot.press("ctrl+o")
    await settle(app, run.pilot)
    if not isinstance(app.screen, BrowserScreen):
        return
    table = app.screen.query_one(DataTable)
    if str(run.other) not in table.rows:
        return
    table.move_cursor(row=table.get_row_index(str(run.other)))
    await run.pilot.press("enter")
    await settle(app, run.pilot)
    if isinstance(app.screen, ChoiceScreen) and "Left behind" in run.told()[-1]:
        await run.pilot.press("r")
        await settle(app, run.pilot)


def _opened_and_restored(run: Run) -> bool:
    return run.app.document.path == run.other and run.app.profile.name == "Left behind"


async def _edit(run: Run) -> None:
    run.app.apply_profile(run.app.profile.model_copy(update={"name": "Kept for recovery"}))
    await settle(run.app, run.pilot)


def _copy_kept(run: Run) -> bool:
    copy = files._session(run.app).recovery.file(run.profile)
    try:
        return load_profile(copy).profile.name == "Kept for recovery"
    except ProfileError:
        return False


async def _change_theme(run: Run) -> None:
    run.app.theme = "truthmap-light" if run.app.theme != "truthmap-light" else "truthmap-dark"
    await settle(run.app, run.pilot)


def _theme_remembered(run: Run) -> bool:
    return read_settings().get("theme") == run.app.theme


def _changed_outside(run: Run) -> None:
    run.profile.write_text(dump_profile(run.app.profile.model_copy(update={"name": "Changed outside"})), "utf-8")


async def _check_disk(run: Run) -> None:
    files.check_disk(run.app)
    await settle(run.app, run.pilot)


def _reload_offered(run: Run) -> bool:
    return isinstance(run.app.screen, ChoiceScreen) and "changed by another program" in run.told()[-1]


FLOWS: dict[str, Flow] = {
    "save": Flow(_save, _saved, lambda run: run.edit("Saved under fault")),
    "save as": Flow(_save_as("plan"), _saved_as("plan")),
    "save as into a new folder": Flow(_save_as("clients/plan", confirm="y"), _saved_as("clients/plan")),
    "browser, open and recovery offer": Flow(_open_from_browser, _opened_and_restored, _left_behind),
    "recovery copy": Flow(_edit, _copy_kept),
    "theme remembered": Flow(_change_theme, _theme_remembered),
    "disk check": Flow(_check_disk, _reload_offered, _changed_outside),
}


@pytest.fixture(autouse=True)
def quiet_timers(monkeypatch):
    monkeypatch.setattr(files, "RECOVERY_INTERVAL", 0.0)
    monkeypatch.setattr(files, "DISK_CHECK_INTERVAL", 3600.0)


@pytest.mark.parametrize("flow", FLOWS, ids=list(FLOWS))
async def test_every_file_system_call_of_a_flow_may_fail(tmp_path, monkeypatch, flow):
    run = Run(tmp_path, monkeypatch)
    names = {run.profile.name, run.other.name, "plan.toml", "clients", "settings.toml", "recovery"}
    async with run.app.run_test(size=SIZE) as pilot:
        run.pilot = pilot
        await settle(run.app, pilot)
        # Files are what is tested here: the analysis (and its search in a thread) need not follow every run.
        monkeypatch.setattr(run.app, "refresh_analysis", lambda: None)
        steps = FLOWS[flow]
        await run.reset()
        steps.prepare(run)
        await settle(run.app, run.pilot)
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
            await settle(run.app, run.pilot)
            run.disk = snapshot(run.root)
            run.faults.arm(site, error)
            await steps.act(run)
            run.faults.disarm()
            done = steps.worked(run)
            failed = run.faults.failed
            where = f"{flow}: {site[0]}({site[1]}) failing with errno {error}"
            assert run.app.is_running and run.app._exception is None, where
            if done:
                continue
            told = run.told()
            assert failed is not None, where
            mentioned = {Path(failed[1]).name, *names}
            assert any(any(part in message for part in mentioned) for message in told), (where, told)
            assert snapshot(run.root, skip=("truthmap-home/state",)) == {
                key: value for key, value in run.disk.items() if not key.startswith("truthmap-home/state")
            }, (where, told)

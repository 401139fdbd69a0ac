"""Profile files in the workbench: open, save, save as, new, compare, quit,
recovery copies of unsaved work, and noticing a file changed on disk.

:class:`ProfileFiles` is the one object a window owns for this, split by
flow: :class:`Saving`, :class:`Opening`, :class:`Recovering`,
:class:`DiskWatch`, :class:`Exporting` (the report) and :class:`Planning` (a target).  It does not know the app: it talks to a small
:class:`FilesHost` (the open document, asking with a dialog, telling,
showing screens, workers and timers).  The app's side of that interface is
:class:`AppHost`; tests use a scripted host with no app at all.

Anything that has to ask the person something runs as a *flow*: an async
function in a worker, so it can `await` a dialog.  Only one flow runs at a
time.  The rules about files themselves (never clobber, atomic writes,
recovery files) live in the core (`document`, `storage`, `recovery`); these
modules only ask and tell.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

from ...document import Document
from ...paths import hide_folders, recovery_dir, user_profiles_dir
from ...recovery import WindowRecovery
from ...serve import PUBLIC, served
from .common import absolute, why
from .disk_watch import DiskWatch
from .exporting import Exporting
from .host import FilesHost
from .opening import Opening
from .planning import Planning
from .recovering import Recovering
from .saving import Saving


class ProfileFiles:
    """One window's profile files: its flows, its recovery copies, its disk checks."""

    def __init__(self, host: FilesHost) -> None:
        self.folder = user_profiles_dir()  # what the browser shows and save-as suggests
        # Run by `truthmap serve` for a browser tab (LOCAL or PUBLIC), else None.  Under PUBLIC
        # the browser and Save as keep to the profiles folder: a visitor never browses the disk,
        # nor reads its folders in a notification.
        self.served = served()
        self.host = PublicHost(host, {self.folder: "the profiles folder", recovery_dir(): "the recovery folder"}) \
            if self.served == PUBLIC else host
        self.recovery = WindowRecovery(running=lambda: host.is_running)  # this window's copies only
        self.busy = False  # a flow is running (one at a time)
        self._remember_lock = threading.Lock()
        self._to_remember: Path | None = None  # the profile a bare start reopens, not yet noted
        self.saving = Saving(self)
        self.opening = Opening(self)
        self.recovering = Recovering(self)
        self.disk_watch = DiskWatch(self)
        self.exporting = Exporting(self)
        self.planning = Planning(self)

    @property
    def document(self) -> Document:
        return self.host.document

    # ==================================================================
    # Entry points used by the app's actions
    # ==================================================================

    def on_start(self, paths: list[Path], compare: bool) -> None:
        """After the main screen is up: the compare screen in compare mode, then (over a file)
        the disk check and the offer of recovered work."""
        host = self.host
        if paths and self.served != PUBLIC:
            self.folder = absolute(Path(paths[0])).parent
        if self.served:
            self._say_where_files_go()
        if compare:
            from .compare_screen import CompareScreen, sources_for

            # The workbench underneath holds the first readable compared profile: Escape
            # goes back to it.  When none could be read, there is nothing to go back to.
            alone = self.document.path is None
            host.show(CompareScreen(sources_for([Path(p) for p in paths]), exit_on_close=alone))
            if alone:
                return
        self.remember()
        self.disk_watch.start()
        self.start_flow(self.opening.start)

    def _say_where_files_go(self) -> None:
        """Once, at the start of a browser session: files stay on the machine that serves it."""
        path = self.document.path
        where = f"this profile is saved as {path}" if path is not None else f"profiles are saved in {self.folder}"
        only = " (only there: a shared session opens and saves files in that folder alone)" \
            if self.served == PUBLIC else ""
        self.host.tell(f"Files stay on the computer running truthmap serve: {where}{only}. Unsaved work is "
                       f"kept there too, in {self.recovery.folder}, if this tab closes.",
                       title="In a browser", timeout=12)

    def note_edit(self) -> None:
        """After every edit: keep a recovery copy of unsaved work (throttled)."""
        self.recovering.note_edit()

    def window_ending(self) -> None:
        """The window has ended without the quit flow: write the recovery copy still due."""
        self._write_remembered()
        self.recovering.window_ending()

    def save(self) -> None:
        self.start_flow(self.saving.save)

    def save_as(self) -> None:
        self.start_flow(self.saving.save_as)

    def open(self, path: Path) -> None:
        """Open `path` in this window (what the browser's Enter does)."""
        self.start_flow(lambda: self.opening.open(path))

    def reload(self) -> None:
        """Read the open file again (a read-only one, once fixed in an editor)."""
        self.start_flow(self.opening.reload)

    def open_browser(self) -> None:
        self.opening.open_browser()

    def new_profile(self, start: str | None = None) -> None:
        """A new profile, blank or from a template (asked unless `start` is "blank")."""
        self.start_flow(lambda: self.opening.new(start))

    def compare(self) -> None:
        """Pick saved profiles to put beside the open one."""
        self.opening.compare()

    def export_report(self) -> None:
        """The open profile's report: a file beside it, or a download in a browser."""
        self.start_flow(self.exporting.export)

    def plan_target(self) -> None:
        """Save a copy of the open profile as its target, and open it."""
        self.start_flow(self.planning.plan_target)

    def check_disk(self) -> None:
        """Notice (cheaply) that the open file changed on disk and offer to reload it."""
        self.disk_watch.check()

    async def quit(self) -> None:
        if not self.document.dirty:
            self.exit()
            return
        self.start_flow(self._quit)

    async def _quit(self) -> None:
        if await self.saving.settle_unsaved("quitting"):
            self.exit()

    def exit(self) -> None:
        self._write_remembered()
        self.recovering.stop_timer()
        self.recovery.release()  # nothing unsaved is left: the copies were saved or discarded
        self.host.exit()

    # ==================================================================
    # What the flows share
    # ==================================================================

    def start_flow(self, flow: Callable[[], Awaitable[object]]) -> None:
        """Run `flow` unless another one is running (one at a time: each may ask with a dialog)."""
        host = self.host
        if self.busy:
            host.tell("Finish the open question first (escape cancels it).", severity="warning")
            return
        self.busy = True

        async def run() -> None:
            try:
                await flow()
            except (OSError, ValueError) as error:  # a full disk or a lost folder is told, never a crash
                name = getattr(error, "filename", None) or (self.document.path or "File")
                host.tell(f"{name}: {why(error)}", title="File problem", severity="error", timeout=10)
            finally:
                self.busy = False

        host.run_flow(run)

    def replace_document(self, document: Document) -> None:
        """Swap in another document; the old one was saved or discarded already."""
        self.recovering.clear(self.document.path)
        self.host.document = document
        self.disk_watch.forget()
        self.host.document_replaced()
        self.opening.follow_problems()
        self.remember()

    def remember(self) -> None:
        """The open profile's file is the one a bare `truthmap` reopens (never for a browser tab,
        whose files are the serving machine's)."""
        path = self.document.path
        if path is not None and not self.served:
            with self._remember_lock:
                self._to_remember = path
            self.host.run_in_thread(self._write_remembered, "remember the last profile")

    def _write_remembered(self) -> None:
        """Note the profile still to be remembered (in a thread; at the latest as the window ends:
        a quit right after opening must not leave the one before it to be reopened)."""
        from ...settings import remember_last_profile

        with self._remember_lock:
            path, self._to_remember = self._to_remember, None
            if path is not None:
                remember_last_profile(path)


class PublicHost:
    """A window's host as a --public tab needs it: every notification names files, not folders."""

    def __init__(self, host: FilesHost, folders: dict[Path, str]) -> None:
        object.__setattr__(self, "_host", host)
        object.__setattr__(self, "_folders", folders)

    def __getattr__(self, name: str) -> object:
        return getattr(self._host, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self._host, name, value)  # `document` is the window's, assigned through its host

    def tell(self, message: str, *, title: str = "", severity: str = "information",
             timeout: float | None = None) -> None:
        self._host.tell(hide_folders(message, self._folders), title=title, severity=severity, timeout=timeout)

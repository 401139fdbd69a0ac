"""Profile files in the workbench: open, save, save as, new, compare, quit,
recovery copies of unsaved work, and noticing a file changed on disk.

:class:`ProfileFiles` is the one object a window owns for this.  It does not
know the app: it talks to a small :class:`FilesHost` (the open document,
asking with a dialog, telling, showing screens, workers and timers).  The
app's side of that interface is :class:`AppHost`; tests use a scripted host
with no app at all.

Anything that has to ask the person something runs as a *flow*: an async
function in a worker, so it can `await` a dialog.  Only one flow runs at a
time.  The rules about files themselves (never clobber, atomic writes,
recovery files) live in the core (`document`, `storage`, `recovery`); this
module only asks and tells.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.app import App
from textual.screen import ModalScreen, Screen

from ...document import Document, same_path
from ...editing import details_problem, set_details
from ...paths import sample_profiles, user_profiles_dir
from ...merging import merge
from ...recovery import Base, RecoveryCopy, RecoveryError, WindowRecovery, set_aside, tidy_locks
from ...serve import PUBLIC, served
from ...storage import FileChangedError, FileStamp, ProfileError, SaveRefused, new_profile as blank_profile
from ...templates import template_models, template_profile
from ..dialogs.questions import Choice, ChoiceScreen, PathInputScreen, ProfileDetailsScreen
from .file_screen import FileScreen

# The browser and the compare screen load when first asked for: with their
# tables and the comparison they cost a few megabytes that starting never needs.
if TYPE_CHECKING:
    from ...model import Profile
    from .browser import BrowserScreen
    from .compare_screen import CompareSource


RECOVERY_INTERVAL = 1.0  # seconds: at most one recovery write per interval while typing
DISK_CHECK_INTERVAL = 2.0  # seconds between cheap stat() checks of the open file

T = TypeVar("T")


class Stoppable(Protocol):
    def stop(self) -> None: ...


class FilesHost(Protocol):
    """What profile-file handling needs from its window, and nothing more."""

    document: Document
    """The open document; assign another one, then call `document_replaced`."""

    @property
    def screen(self) -> Screen:
        """The screen on top (an open question included)."""

    @property
    def is_running(self) -> bool:
        """False once the window has ended (its recovery copies are then left behind)."""

    def document_replaced(self) -> None:
        """The document was swapped or changed outside an edit (saved, restored): redraw."""

    async def ask(self, screen: ModalScreen[T]) -> T | None:
        """Show a question and wait for its answer."""

    def tell(self, message: str, *, title: str = "", severity: str = "information",
             timeout: float | None = None) -> None:
        """A notification, shown literally (file names are never markup)."""

    def show(self, screen: Screen, answered: Callable[[Any], None] | None = None) -> None:
        """Put a screen on top; `answered` gets its result when it closes."""

    def close_screen(self) -> bool:
        """Close the screen on top; False (nothing closed) when it is the last one."""

    def run_flow(self, flow: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run a flow in the background (started only if the window still runs); it may await `ask`."""

    def run_in_thread(self, work: Callable[[], None], name: str) -> None:
        """Run blocking file work off the UI thread (`name`: what it is, for the worker list)."""

    def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        """From `run_in_thread`'s work: call back on the UI thread."""

    def set_timer(self, delay: float, callback: Callable[[], Any], *, repeat: bool = False,
                  name: str | None = None) -> Stoppable:
        """Call `callback` after `delay` seconds (every `delay` seconds with `repeat`)."""

    def on_focus(self, callback: Callable[[], Any]) -> None:
        """Call `callback` whenever the terminal gets the focus back."""

    def exit(self) -> None:
        """End the window."""


class AppHost:
    """A Textual app as a :class:`FilesHost`: the app's own API behind the small interface."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def document(self) -> Document:
        return self.app.document

    @document.setter
    def document(self, document: Document) -> None:
        self.app.document = document

    @property
    def screen(self) -> Screen:
        return self.app.screen

    @property
    def is_running(self) -> bool:
        return self.app.is_running

    def document_replaced(self) -> None:
        self.app.document_replaced()

    async def ask(self, screen: ModalScreen[T]) -> T | None:
        return await self.app.push_screen_wait(screen)

    def tell(self, message: str, *, title: str = "", severity: str = "information",
             timeout: float | None = None) -> None:
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def show(self, screen: Screen, answered: Callable[[Any], None] | None = None) -> None:
        self.app.push_screen(screen, answered)

    def close_screen(self) -> bool:
        if len(self.app.screen_stack) <= 1:
            return False
        self.app.pop_screen()
        return True

    def run_flow(self, flow: Callable[[], Coroutine[Any, Any, None]]) -> None:
        # The function, not a coroutine made now: a quit before the worker starts leaves nothing unawaited.
        self.app.run_worker(flow, group="files", name="files-flow")

    def run_in_thread(self, work: Callable[[], None], name: str) -> None:
        self.app.run_worker(work, thread=True, group="recovery", name=name)

    def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        self.app.call_from_thread(callback, *args)

    def set_timer(self, delay: float, callback: Callable[[], Any], *, repeat: bool = False,
                  name: str | None = None) -> Stoppable:
        if repeat:
            return self.app.set_interval(delay, callback, name=name)
        return self.app.set_timer(delay, callback, name=name)

    def on_focus(self, callback: Callable[[], Any]) -> None:
        self.app.watch(self.app, "app_focus", lambda focused: callback() if focused else None, init=False)

    def exit(self) -> None:
        self.app.exit()


class ProfileFiles:
    """One window's profile files: its flows, its recovery copies, its disk checks."""

    def __init__(self, host: FilesHost) -> None:
        self.host = host
        self.folder = user_profiles_dir()  # what the browser shows and save-as suggests
        # Run by `truthmap serve` for a browser tab (LOCAL or PUBLIC), else None.  Under PUBLIC
        # the browser and Save as keep to the profiles folder: a visitor never browses the disk.
        self.served = served()
        self.recovery = WindowRecovery(running=lambda: host.is_running)  # this window's copies only
        self.busy = False  # a flow is running (one at a time)
        self._recovery_lock = threading.Lock()
        self._recovery_timer: Stoppable | None = None
        self._last_recovery_write = float("-inf")
        self._edit_seq = 0
        self._written_seq = 0
        self._recovery_paths: set[Path | None] = set()  # keys we may have written
        self._recovery_failure_told = False
        self._disk_seen: object = None  # the on-disk version we already told the person about
        self._samples_offered = False

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
            self.folder = _absolute(Path(paths[0])).parent
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
        host.set_timer(DISK_CHECK_INTERVAL, self.check_disk, repeat=True, name="disk-check")
        # Coming back to the terminal (where the terminal reports focus) checks at once.
        host.on_focus(self.check_disk)
        self._start_flow(self._start)

    def _say_where_files_go(self) -> None:
        """Once, at the start of a browser session: files stay on the machine that serves it."""
        path = self.document.path
        where = f"this profile is saved as {path}" if path is not None else f"profiles are saved in {self.folder}"
        only = " (only there: a shared session opens and saves files in that folder alone)" \
            if self.served == PUBLIC else ""
        self.host.tell(f"Files stay on the computer running truthmap serve: {where}{only}. Unsaved work is "
                       f"kept there too, in {self.recovery.folder}, if this tab closes.",
                       title="In a browser", timeout=12)

    def window_ending(self) -> None:
        """The window has ended without the quit flow (its browser tab closed, a signal):
        write now the recovery copy of edits still waiting for the throttle."""
        self._stop_recovery_timer()
        document = self.document
        with self._recovery_lock:
            if self._edit_seq <= self._written_seq:
                return  # written already, or saved or discarded since
            self._written_seq = self._edit_seq
            try:
                if document.dirty:
                    self.recovery.write(document.profile, document.path, base=_base_of(document))
                else:
                    self.recovery.discard(document.path)
            except (OSError, ValueError):
                pass  # nobody is left to tell; the copy written last stays

    def note_edit(self) -> None:
        """After every edit: keep a recovery copy of unsaved work (throttled)."""
        self._edit_seq += 1
        if self._recovery_timer is not None:
            return  # a write is already due; it will pick up this edit
        wait = self._last_recovery_write + RECOVERY_INTERVAL - time.monotonic()
        if wait <= 0:
            self._write_recovery_now()
        else:
            self._recovery_timer = self.host.set_timer(wait, self._write_recovery_now, name="recovery")

    def save(self) -> None:
        self._start_flow(self._save)

    def save_as(self) -> None:
        self._start_flow(self._save_as)

    def open(self, path: Path) -> None:
        """Open `path` in this window (what the browser's Enter does)."""
        self._start_flow(lambda: self._open(path))

    def open_browser(self) -> None:
        from .browser import BrowserScreen
        from .compare_screen import sources_for

        if isinstance(self.host.screen, BrowserScreen):
            return
        browser = BrowserScreen(
            self.folder,
            on_open=self.open,
            on_compare=lambda paths: self._show_compare(sources_for(paths)),
            on_new=self.new_profile,
            open_path=self.document.path,
        )
        self.host.show(browser)
        self._offer_samples(browser)

    def new_profile(self) -> None:
        self._start_flow(self._new)

    def compare(self) -> None:
        """Pick saved profiles to put beside the open one."""
        from .browser import BrowserScreen
        from .compare_screen import CompareSource, sources_for

        if isinstance(self.host.screen, BrowserScreen):
            return
        document = self.document
        label = f"{document.title} (open{', unsaved' if document.dirty else ''})"

        def with_open_one(paths: list[Path]) -> None:
            others = [p for p in paths if not same_path(p, document.path)]
            self._show_compare([CompareSource(label, profile=self.document.profile), *sources_for(others)])

        self.host.show(
            BrowserScreen(self.folder, on_open=lambda path: with_open_one([path]),
                          on_compare=with_open_one, open_path=document.path, picking=True)
        )

    async def quit(self) -> None:
        if not self.document.dirty:
            self._exit()
            return
        self._start_flow(self._quit)

    def check_disk(self) -> None:
        """Notice (cheaply) that the open file changed on disk and offer to reload it."""
        document = self.document
        if self.busy or isinstance(self.host.screen, ModalScreen) or document.path is None:
            return
        try:
            if not document.changed_on_disk():
                self._disk_seen = None
                return
            on_disk = FileStamp.read(document.path)
        except (OSError, ValueError) as error:
            if self._disk_seen != f"error {error}":  # told once, not every few seconds
                self._disk_seen = f"error {error}"
                self.host.tell(f"Cannot check {document.path} on disk: {_why(error)}", severity="warning",
                               timeout=10)
            return
        version = on_disk or "missing"
        if version == self._disk_seen:
            return  # already told about this version
        self._disk_seen = version
        if on_disk is None:
            self.host.tell(f"{document.path} was deleted or moved. Saving writes it again.",
                           severity="warning", timeout=10)
            return
        self._start_flow(self._offer_reload)

    # ==================================================================
    # Flows: one at a time, each may ask with a dialog
    # ==================================================================

    def _start_flow(self, flow: Callable[[], Awaitable[object]]) -> None:
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
                host.tell(f"{name}: {_why(error)}", title="File problem", severity="error", timeout=10)
            finally:
                self.busy = False

        host.run_flow(run)

    async def _start(self) -> None:
        """A profile named on the command line that does not exist: say what will be created,
        or open the one of that name in the profiles folder when there is one."""
        document = self.document
        path = document.path
        if path is not None and document.stamp is None and not _exists(path):
            await self._missing_on_start(path)
        await self._offer_recovery()

    async def _missing_on_start(self, path: Path) -> None:
        host = self.host
        target = _absolute(path)
        other = existing_elsewhere(path, user_profiles_dir())
        if other is not None:
            answer = await host.ask(ChoiceScreen(
                f"{path.name} is in your profiles folder",
                f"There is no {path.name} in {target.parent}, but there is {other}. "
                f"Open that one, or start a new profile saved as {target}?",
                [Choice("open", "Open it", "primary", "o"), Choice("new", "New profile here", key="n")],
                cancel="new", focus="open",
            ))
            if answer == "open":
                try:
                    opened = Document.open(other)
                except ProfileError as error:
                    self._cannot_open(error)
                else:
                    self._replace_document(opened)
                    self.folder = other.parent
                    host.tell(f"Opened {other}")
                    return
        host.tell(f"{path.name} does not exist yet: a new profile, created as {target} when you save (ctrl+s).",
                  title="New profile", timeout=10)

    async def _save(self) -> bool:
        document = self.document
        if document.path is None:
            return await self._save_as()
        before = document.path
        folder = await self._folder_ready(document.path, elsewhere="Save as…")
        if folder == "another":
            return await self._save_as()
        if folder not in ("ok", "create"):
            return False
        if not await asyncio.to_thread(document.keeps_layout):  # a large file is written out to compare
            answer = await self.host.ask(_layout_lost_question(document.path))
            if answer == "save-as":
                return await self._save_as()
            if answer != "save":
                return False
        try:
            await _in_thread(lambda: document.save(create_folders=folder == "create"))
        except FileChangedError:
            answer = await self.host.ask(_changed_on_disk_question(document.path))
            if answer == "save-as":
                return await self._save_as()
            if answer != "overwrite":
                return False
            outcome = await self._write(lambda **told: document.save(overwrite=True, **told))
            if outcome != "written":
                return outcome == "saved elsewhere"
        except SaveRefused as refusal:
            outcome = await self._refused(refusal, lambda **told: document.save(**told))
            if outcome != "written":
                return outcome == "saved elsewhere"
        except OSError as error:
            self._cannot_write(document.path, error)
            return False
        except ProfileError as error:
            self._not_saveable(error)
            return False
        self._saved(before)
        return True

    async def _refused(self, refusal: SaveRefused, save: Callable[..., object]) -> str | None:
        """A read-only file is never replaced; another user's only when the person says so.

        "written" (saved over it: the caller finishes the save), "saved elsewhere"
        (a save as did it all) or None (nothing saved)."""
        if refusal.reason == "read-only":
            answer = await self.host.ask(ChoiceScreen(
                "The file is read-only", f"{refusal} Your changes stay here until you save them elsewhere.",
                [Choice("save-as", "Save as…", "primary", "a"), Choice("cancel", "Cancel", key="c")],
            ))
            return await self._saved_elsewhere() if answer == "save-as" else None
        answer = await self.host.ask(ChoiceScreen(
            "The file belongs to another user",
            f"{refusal}. Save anyway and become its owner, or save your changes elsewhere?",
            [Choice("save-as", "Save as…", "primary", "a"), Choice("own", "Save and own it", "warning", "o"),
             Choice("cancel", "Cancel", key="c")],
            focus="save-as",
        ))
        if answer == "save-as":
            return await self._saved_elsewhere()
        return await self._write(lambda **told: save(change_owner=True, **told)) if answer == "own" else None

    async def _saved_elsewhere(self) -> str | None:
        return "saved elsewhere" if await self._save_as() else None

    async def _save_as(self) -> bool:
        document, host = self.document, self.host
        folder = self.folder
        # Absolute: a relative path (`truthmap home/profiles/lena.toml`) would be taken inside `folder` again.
        suggestion = _absolute(document.path) if document.path else folder / f"{_slug(document.profile.name)}.toml"
        while True:
            if self.served == PUBLIC and not _inside(suggestion, folder):
                suggestion = folder / suggestion.name
            path = await host.ask(PathInputScreen(
                "Save profile as", f"Where should “{document.profile.name}” be saved?", suggestion, base=folder,
                check=self._outside_shared_folder if self.served == PUBLIC else None,
            ))
            if path is None:
                return False
            if document.path is not None and same_path(path, document.path):
                return await self._save()
            ready = await self._folder_ready(path)
            if ready == "another":
                suggestion = path
                continue
            if ready not in ("ok", "create"):
                return False
            overwrite = False
            if _exists(path):
                answer = await host.ask(ChoiceScreen(
                    "A file with that name exists",
                    f"{path} already exists. Replace it with this profile? Its contents will be lost.",
                    [Choice("another", "Choose another name", "primary", "a"),
                     Choice("replace", "Replace it", "error", "r"), Choice("cancel", "Cancel", key="c")],
                ))
                if answer == "cancel":
                    return False
                if answer == "another":
                    suggestion = path
                    continue
                overwrite = True
            before = document.path
            try:
                await _in_thread(lambda: document.save(path, overwrite=overwrite, create_folders=ready == "create"))
            except FileChangedError:  # someone created it while the dialog was open
                host.tell(f"{path} appeared on disk just now; pick again.", severity="warning")
                suggestion = path
                continue
            except SaveRefused as refusal:
                if refusal.reason == "read-only":
                    host.tell(f"{refusal} Pick another name.", severity="warning", timeout=10)
                    suggestion = path
                    continue
                outcome = await self._refused(refusal, lambda **told: document.save(path, overwrite=True, **told))
                if outcome != "written":
                    return outcome == "saved elsewhere"
            except OSError as error:
                self._cannot_write(path, error)
                suggestion = path
                continue
            except ProfileError as error:
                self._not_saveable(error)
                return False
            self._saved(before)
            return True

    def _outside_shared_folder(self, path: Path) -> str | None:
        """Under `truthmap serve --public`, why `path` may not be written; None: it may."""
        if _inside(path, self.folder):
            return None
        return f"This shared session saves profiles in {self.folder} only: type a file name alone."

    async def _folder_ready(self, path: Path, elsewhere: str = "Choose another place") -> str:
        """Whether `path`'s folder is there: "ok", "create" (the person said yes), "another" or "cancel".

        Only the profiles folder itself (shown in the dialog and the browser as
        the place profiles go) is made without asking.  Nothing is created here:
        the save makes the folders, so a cancel leaves the disk as it was.
        """
        folder = path.parent
        try:
            if folder.is_dir():
                return "ok"
            if os.path.lexists(folder):
                self.host.tell(f"{folder} is not a folder; pick another place for {path.name}.", severity="error",
                               timeout=10)
                return "another"
        except (OSError, ValueError) as error:
            self._cannot_write(path, error)
            return "another"
        if same_path(folder, self.folder):
            return "create"
        answer = await self.host.ask(ChoiceScreen(
            "Create the folder?",
            f"{folder} does not exist. Create it (and any folder above it that is missing) and save {path.name} there?",
            [Choice("create", "Create it", "primary", "y"), Choice("another", elsewhere, key="a"),
             Choice("cancel", "Cancel", key="c")],
            focus="another",
        ))
        return answer or "cancel"

    async def _write(self, save: Callable[..., object]) -> str | None:
        """`save()` after the person said yes: "written", or what `_refused` settled, or None."""
        try:
            await _in_thread(save)
        except SaveRefused as refusal:
            return await self._refused(refusal, save)
        except (OSError, ValueError) as error:
            self._cannot_write(self.document.path, error)
            return None
        except ProfileError as error:
            self._not_saveable(error)
            return None
        return "written"

    def _not_saveable(self, error: ProfileError) -> None:
        """The profile would not load back (storage refuses to write it): say why."""
        self.host.tell("\n".join(error.lines()), title="Not saved", severity="error", timeout=12)

    def _cannot_write(self, path: Path | None, error: Exception) -> None:
        self.host.tell(f"Could not write {path}: {_why(error)}", severity="error", timeout=10)

    def _cannot_open(self, error: ProfileError, title: str = "Cannot open this profile") -> None:
        self.host.tell("\n".join(error.lines()[:4]), title=title, severity="error", timeout=10)

    def _saved(self, previous_path: Path | None) -> None:
        self._clear_recovery(previous_path, self.document.path)
        self._disk_seen = None
        self.host.document_replaced()
        self.host.tell(f"Saved {self.document.path}")

    async def _settle_unsaved(self, doing: str) -> bool:
        """Before the open profile goes away: save it, drop it, or stop (False)."""
        document = self.document
        if not document.dirty:
            return True
        answer = await self.host.ask(ChoiceScreen(
            "Unsaved changes",
            f"“{document.profile.name}” ({document.title}) has changes that are not saved. Save them before {doing}?",
            [Choice("save", "Save", "primary", "s"), Choice("discard", "Discard", "error", "d"),
             Choice("cancel", "Cancel", key="c")],
        ))
        if answer == "save":
            return await self._save()
        if answer == "discard":
            self._clear_recovery(document.path)
            return True
        return False

    async def _quit(self) -> None:
        if await self._settle_unsaved("quitting"):
            self._exit()

    def _exit(self) -> None:
        self._stop_recovery_timer()
        self.recovery.release()  # nothing unsaved is left: the copies were saved or discarded
        self.host.exit()

    async def _open(self, path: Path) -> None:
        current = self.document.path
        if current is not None and same_path(current, path) and not self.document.changed_on_disk():
            self._close_file_screens()
            self.host.tell(f"{path.name} is already open.")
            return
        try:
            opened = Document.open(path)
        except ProfileError as error:
            self._cannot_open(error)
            return
        if not await self._settle_unsaved(f"opening {path.name}"):
            return
        self._replace_document(opened)
        self._close_file_screens()
        self.host.tell(f"Opened {path}")
        await self._offer_recovery()

    async def _new(self) -> None:
        host = self.host
        choices = [Choice(model_id, f"{label} template", "primary" if index == 0 else "default", str(index + 1))
                   for index, (model_id, label) in enumerate(template_models())]
        answer = await host.ask(ChoiceScreen(
            "New profile",
            "A template maps every record and stage the way that model does, with placeholder "
            "tools and people to rename. Blank starts with nothing mapped.",
            [*choices, Choice("blank", "Blank profile", key="b"), Choice("cancel", "Cancel", key="c")],
            stacked=True,
        ))
        if answer in (None, "cancel"):
            return
        profile = blank_profile() if answer == "blank" else template_profile(answer)
        details = await host.ask(ProfileDetailsScreen(
            "Name the new profile", "A client, a studio, or a plan such as “Hybrid next year”.",
            "" if answer == "blank" else profile.name, profile.notes, check=details_problem, action_label="Create"))
        if details is None:
            return
        profile = set_details(profile, *details)
        if not await self._settle_unsaved("starting a new profile"):
            return
        self._replace_document(Document(profile, path=None, stamp=None, saved=profile))
        self._close_file_screens()
        host.tell(f"New profile “{profile.name}”: ctrl+s asks where to save it.")

    async def _offer_reload(self) -> None:
        document, host = self.document, self.host
        path = document.path
        if path is None:
            return
        loss = " Your unsaved changes here would be lost." if document.dirty else ""
        answer = await host.ask(ChoiceScreen(
            "The file changed on disk",
            f"{path} was changed by another program.{loss} Reload it, or keep what is on screen?",
            [Choice("keep", "Keep mine", "primary"), Choice("reload", "Reload from disk", "warning")],
            cancel="keep",
        ))
        if answer != "reload":
            host.tell("Kept your version. Saving will ask before replacing the file on disk.")
            return
        try:
            reloaded = Document.open(path)
        except ProfileError as error:
            self._cannot_open(error, title="The file on disk is not a valid profile")
            return
        self._replace_document(reloaded)
        host.tell(f"Reloaded {path}")

    def _replace_document(self, document: Document) -> None:
        """Swap in another document; the old one was saved or discarded already."""
        self._clear_recovery(self.document.path)
        self.host.document = document
        self._disk_seen = None
        self.host.document_replaced()

    def _close_file_screens(self) -> None:
        """Back to the main screen after opening or creating a profile."""
        while isinstance(self.host.screen, FileScreen) and self.host.close_screen():
            pass

    def _show_compare(self, sources: list[CompareSource]) -> None:
        from .compare_screen import CompareScreen

        self.host.show(CompareScreen(sources))

    def _offer_samples(self, browser: BrowserScreen) -> None:
        """First run: an empty user folder gets the chance to start from the samples."""
        from .browser import profile_files

        folder = browser.folder
        try:
            if self._samples_offered or folder != user_profiles_dir() or profile_files(folder):
                return
        except OSError:
            return  # the browser already says the folder cannot be read
        self._samples_offered = True
        samples = sample_profiles()
        if not samples:
            return

        def answered(answer: str | None) -> None:
            if answer != "copy":
                return
            try:
                folder.mkdir(parents=True, exist_ok=True)
                for sample in samples:
                    target = folder / sample.name
                    if not target.exists():
                        shutil.copyfile(sample, target)
            except (OSError, ValueError) as error:
                self._cannot_write(folder, error)
            browser.reload()

        self.host.show(ChoiceScreen(
            "Your profiles folder is empty",
            f"Copy the {len(samples)} sample profiles into {folder} to look around and compare them? "
            "They are ordinary files you can edit or delete.",
            [Choice("copy", "Copy the samples", "primary", "y"), Choice("no", "Not now", key="n")],
            cancel="no",
        ), answered)

    # ==================================================================
    # Recovery copies
    # ==================================================================

    async def _offer_recovery(self) -> None:
        """Offer every copy of this profile's unsaved work that ended windows left behind."""
        try:
            found = self.recovery.left_behind(self.document.path)
            tidy_locks(self.recovery.folder)
        except (OSError, ValueError) as error:
            self._recovery_failed(error)
            return
        for error in found.damaged:
            self._set_aside(error)
        waiting = [copy for copy in found.copies if not self._drop_if_unchanged(copy)]
        restored = False
        for number, copy in enumerate(waiting, 1):
            if await self._offer_copy(copy, number, len(waiting), restored):
                restored = True

    def _drop_if_unchanged(self, copy: RecoveryCopy) -> bool:
        """A copy equal to what is open lost nothing: remove it without asking."""
        if copy.profile != self.document.profile:
            return False
        self._remove_copy(copy)
        return True

    async def _offer_copy(self, copy: RecoveryCopy, number: int, count: int, restored: bool) -> bool:
        """Ask about one left-behind copy; True if it was restored."""
        which = f" ({number} of {count}: more than one window had unsaved work)" if count > 1 else ""
        choices = [Choice("restore", "Restore", "primary", "r")] if not restored else []
        choices += [Choice("keep", "Keep it for later", key="k"), Choice("discard", "Discard it", "error", "d")]
        lead = ("Another window also left unsaved changes" if restored
                else "truthmap ended without saving changes")
        answer = await self.host.ask(ChoiceScreen(
            f"Unsaved work was found{which}",
            f"{lead} to “{copy.profile.name}” ({self.document.title}); they were kept at {copy.describe_time()} "
            f"in {copy.file}. " + ("Restore them?" if not restored else "Keep them to restore later, or discard them?"),
            choices,
            cancel="keep",
        ))
        if answer == "restore":
            return await self._restore(copy)
        if answer == "discard":
            self._remove_copy(copy)
            self.host.tell("Discarded the recovered work.")
        else:
            self.host.tell(f"Kept {copy.file}; it is offered again the next time this profile is opened.")
        return False

    async def _restore(self, copy: RecoveryCopy) -> bool:
        """Take a left-behind copy's work into this window, then let its old file go.

        Only a copy made against the file as it is now is taken as it is: when
        the file changed since (another window saved) or the copy does not say
        what it was made against, the person chooses how."""
        document = self.document
        if copy.base is not None and copy.base.matches(document.path):
            return self._take(copy, copy.profile, "Restored your unsaved work. Save it with ctrl+s.")
        base = copy.base.profile() if copy.base is not None else None
        answer = await self.host.ask(_changed_since_copy_question(copy, document, base))
        if answer == "restore":
            return self._take(copy, copy.profile, "Restored the copy as it was. Saving replaces the file's version.")
        if answer in ("merge", "merge-mine"):
            merged = merge(base, copy.profile, document.profile, prefer_mine=answer == "merge-mine")
            if merged.profile is None:
                self.host.tell("\n".join(["The merged profile is not valid:", *merged.problems[:4]]),
                               title="Not merged", severity="error", timeout=12)
                return False
            said = f" {len(merged.collisions)} collision(s) settled as chosen." if merged.collisions else ""
            return self._take(copy, merged.profile, f"Merged your unsaved work into the file's version.{said} "
                                                    "Save it with ctrl+s.")
        if answer == "save-as":
            self._replace_document(Document(copy.profile))
            if self._take(copy, copy.profile, "The recovered work is open as a new profile."):
                await self._save_as()
            return True
        self.host.tell(f"Kept {copy.file}; it is offered again the next time this profile is opened.")
        return False

    def _take(self, copy: RecoveryCopy, profile: Profile, told: str) -> bool:
        """Make `profile` the open work (one undo step), held by this window's own copy."""
        document = self.document
        document.edit(profile)  # `saved` stays the file on disk, so it is dirty; undo goes back to it
        self._recovery_paths.add(document.path)
        self.host.document_replaced()
        try:
            with self._recovery_lock:
                self._written_seq = self._edit_seq
                self.recovery.write(profile, document.path, base=_base_of(document))
        except (OSError, ValueError) as error:
            self._recovery_failed(error)  # the old copy stays, so nothing is lost
        else:
            self._remove_copy(copy)
        self.host.tell(told)
        return True

    def _remove_copy(self, copy: RecoveryCopy) -> None:
        try:
            copy.file.unlink(missing_ok=True)
        except OSError as error:
            self.host.tell(f"Could not remove {copy.file}: {error.strerror or error}", severity="warning",
                           timeout=10)

    def _set_aside(self, error: RecoveryError) -> None:
        try:
            moved = set_aside(error.file)
            where = f" It was moved to {moved}."
        except OSError:
            where = ""
        self.host.tell("\n".join([*error.lines()[:2], f"A recovery copy could not be read.{where}"]),
                       title="Recovery copy damaged", severity="error", timeout=15)

    def _write_recovery_now(self) -> None:
        """Snapshot the document and write (or remove) its recovery copy in a thread."""
        self._recovery_timer = None
        self._last_recovery_write = time.monotonic()
        document = self.document
        profile, path, dirty, seq = document.profile, document.path, document.dirty, self._edit_seq
        base = _base_of(document)
        self._recovery_paths.add(path)

        def write() -> None:
            with self._recovery_lock:
                if seq <= self._written_seq:
                    return  # a newer edit (or a save) got there first
                self._written_seq = seq
                try:
                    if dirty:
                        self.recovery.write(profile, path, base=base)
                    else:
                        self.recovery.discard(path)
                except (OSError, ValueError) as error:
                    self.host.call_from_thread(self._recovery_failed, error)

        self.host.run_in_thread(write, "recovery-write")

    def _recovery_failed(self, error: Exception) -> None:
        if not self._recovery_failure_told:
            self._recovery_failure_told = True
            where = getattr(error, "filename", None) or self.recovery.folder
            self.host.tell(f"Could not keep a recovery copy in {where}: {_why(error)}", severity="warning",
                           timeout=10)

    def _stop_recovery_timer(self) -> None:
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
            self._recovery_timer = None

    def _clear_recovery(self, *paths: Path | None) -> None:
        """The work is saved or discarded: no recovery copy may outlive it."""
        self._stop_recovery_timer()
        with self._recovery_lock:
            self._written_seq = self._edit_seq  # writes still in flight are now stale
            for path in {*paths, *self._recovery_paths}:
                try:
                    self.recovery.discard(path)  # this window's copy: another window's work stays
                except (OSError, ValueError):
                    pass
            self._recovery_paths.clear()


# ======================================================================
# Plain helpers
# ======================================================================


def existing_elsewhere(path: Path, folder: Path) -> Path | None:
    """A profile of the same name in `folder` when `path` itself does not exist yet.

    `truthmap studio.toml` typed in another folder most likely means the
    studio.toml in the profiles folder, not a blank profile here.
    """
    if _exists(path):
        return None
    candidate = folder / path.name
    if not candidate.is_file() or same_path(_absolute(path), _absolute(candidate)):
        return None
    return candidate


def _inside(path: Path, folder: Path) -> bool:
    """`path` is a file directly in `folder` (links and `..` resolved first)."""
    return same_path(_absolute(path).parent, _absolute(folder))


def _exists(path: Path) -> bool:
    """Anything at `path`, a dangling link included (an unreadable spot counts as taken)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return True


def _absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def _why(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error) or type(error).__name__


def _changed_on_disk_question(path: Path) -> ChoiceScreen:
    what = "was changed on disk" if _exists(path) else "was deleted or moved"
    return ChoiceScreen(
        "The file changed on disk",
        f"{path} {what} after you opened it. Saving now would replace that version.",
        [Choice("overwrite", "Overwrite", "error", "o"), Choice("save-as", "Save as…", "primary", "a"),
         Choice("cancel", "Cancel", key="c")],
        focus="save-as",
    )


async def _in_thread(save: Callable[[], object]) -> None:
    """A save off the UI thread: keeping a file's layout parses it (up to about a second), and
    keys typed meanwhile must still echo.  The document takes the saved profile only when done."""
    await asyncio.to_thread(save)


def _base_of(document: Document) -> Base:
    """What the open work was made against: the file as last read or written (none for new work)."""
    return Base.of(document.stamp, document.text) if document.path is not None else Base(None, None)


def _changed_since_copy_question(copy: RecoveryCopy, document: Document, base: Profile | None) -> ChoiceScreen:
    """Restore, merge or save as: for a copy made against another version of the file (or an unknown one)."""
    if base is None:
        why = ("This copy does not record which version of the file it was made from, so its changes "
               "cannot be told apart from what changed on disk since.")
        choices = [Choice("restore", "Restore as it was", "warning", "r")]
    else:
        why = (f"{document.title} was saved (by another window or program) after this copy was made. "
               "Merging applies the copy's changes to the file as it is now, item by item.")
        collisions = merge(base, copy.profile, document.profile, prefer_mine=True).collisions
        if collisions:
            shown = "\n".join(f"  • {line}" for line in collisions[:6])
            more = f"\n  … and {len(collisions) - 6} more" if len(collisions) > 6 else ""
            why += f" Both changed these:\n{shown}{more}\n"
            choices = [Choice("merge-mine", "Merge, mine win", "primary", "m"),
                       Choice("merge", "Merge, the file's win", key="f")]
        else:
            why += " No item was changed on both sides."
            choices = [Choice("merge", "Merge", "primary", "m")]
    return ChoiceScreen(
        "The file changed since this work was kept",
        f"Unsaved work on “{copy.profile.name}” kept at {copy.describe_time()}. {why}",
        [*choices, Choice("save-as", "Save as…", key="a"), Choice("keep", "Keep it for later", key="k")],
        cancel="keep", stacked=True,
    )


def _layout_lost_question(path: Path) -> ChoiceScreen:
    return ChoiceScreen(
        "Comments will not be kept",
        f"{path} is too large to edit in place: saving rewrites it in truthmap's own layout, and its comments "
        "and blank lines are lost. Save anyway, or keep the file as it is and save your changes elsewhere?",
        [Choice("save", "Save anyway", "warning", "s"), Choice("save-as", "Save as…", "primary", "a"),
         Choice("cancel", "Cancel", key="c")],
        focus="save-as",
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "profile"

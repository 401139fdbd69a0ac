"""Profile files in the workbench: open, save, save as, new, compare, quit,
recovery copies of unsaved work, and noticing a file changed on disk.

The app's actions call the plain functions at the top.  Anything that has to
ask the person something runs as a *flow*: an async function in a worker, so
it can `await` a dialog.  Only one flow runs at a time.  The rules about
files themselves (never clobber, atomic writes, recovery files) live in the
core (`document`, `storage`, `recovery`); this module only asks and tells.
"""

from __future__ import annotations

import os
import weakref
import re
import shutil
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual.screen import ModalScreen
from textual.timer import Timer

from ..document import Document, same_path
from ..editing import details_problem, set_details
from ..paths import sample_profiles, user_profiles_dir
from ..recovery import RecoveryCopy, RecoveryError, WindowRecovery, set_aside, tidy_locks
from ..storage import FileChangedError, FileStamp, ProfileError, new_profile as blank_profile
from ..templates import template_models, template_profile
from .browser import BrowserScreen, profile_files
from .compare_screen import CompareScreen, CompareSource, sources_for
from .dialogs import Choice, ChoiceScreen, PathInputScreen, ProfileDetailsScreen

if TYPE_CHECKING:
    from .app import TruthmapApp

RECOVERY_INTERVAL = 1.0  # seconds: at most one recovery write per interval while typing
DISK_CHECK_INTERVAL = 2.0  # seconds between cheap stat() checks of the open file


@dataclass
class _Session:
    """Per-app state of this module (the app itself stays unaware of it)."""

    folder: Path
    recovery: WindowRecovery = field(default_factory=WindowRecovery)  # this window's copies only
    busy: bool = False
    recovery_lock: threading.Lock = field(default_factory=threading.Lock)
    recovery_timer: Timer | None = None
    last_recovery_write: float = float("-inf")
    edit_seq: int = 0
    written_seq: int = 0
    recovery_paths: set[Path | None] = field(default_factory=set)  # keys we may have written
    recovery_failed: bool = False
    disk_seen: object = None  # the on-disk version we already told the person about
    samples_offered: bool = False


_sessions: WeakKeyDictionary[TruthmapApp, _Session] = WeakKeyDictionary()


def _session(app: TruthmapApp) -> _Session:
    if app not in _sessions:
        alive = weakref.ref(app)  # weak: the session must not keep its app alive

        def running() -> bool:
            owner = alive()
            return owner is not None and owner.is_running

        _sessions[app] = _Session(folder=user_profiles_dir(), recovery=WindowRecovery(running=running))
    return _sessions[app]


def profiles_folder(app: TruthmapApp) -> Path:
    """The folder the browser shows and save-as suggests."""
    return _session(app).folder


# ======================================================================
# Entry points used by the app's actions
# ======================================================================


def on_start(app: TruthmapApp, paths: list[Path], compare: bool) -> None:
    """After the main screen is up: the compare screen in compare mode, then (over a file)
    the disk check and the offer of recovered work."""
    session = _session(app)
    if paths:
        session.folder = _absolute(Path(paths[0])).parent
    if compare:
        # The workbench underneath holds the first readable compared profile: Escape
        # goes back to it.  When none could be read, there is nothing to go back to.
        alone = app.document.path is None
        app.push_screen(CompareScreen(sources_for([Path(p) for p in paths]), exit_on_close=alone))
        if alone:
            return
    app.set_interval(DISK_CHECK_INTERVAL, lambda: check_disk(app), name="disk-check")
    # Coming back to the terminal (where the terminal reports focus) checks at once.
    app.watch(app, "app_focus", lambda focused: check_disk(app) if focused else None, init=False)
    _start_flow(app, lambda: _start(app))


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


async def _start(app: TruthmapApp) -> None:
    """A profile named on the command line that does not exist: say what will be created,
    or open the one of that name in the profiles folder when there is one."""
    path = app.document.path
    if path is not None and app.document.stamp is None and not _exists(path):
        await _missing_on_start(app, path)
    await _offer_recovery(app)


async def _missing_on_start(app: TruthmapApp, path: Path) -> None:
    target = _absolute(path)
    other = existing_elsewhere(path, user_profiles_dir())
    if other is not None:
        answer = await _ask(app, ChoiceScreen(
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
                app.notify("\n".join(error.lines()[:4]), title="Cannot open this profile", severity="error",
                           timeout=10, markup=False)
            else:
                _replace_document(app, opened)
                _session(app).folder = other.parent
                app.notify(f"Opened {other}", markup=False)
                return
    app.notify(f"{path.name} does not exist yet: a new profile, created as {target} when you save (ctrl+s).",
               title="New profile", timeout=10, markup=False)


def note_edit(app: TruthmapApp) -> None:
    """After every edit: keep a recovery copy of unsaved work (throttled)."""
    session = _session(app)
    session.edit_seq += 1
    if session.recovery_timer is not None:
        return  # a write is already due; it will pick up this edit
    wait = session.last_recovery_write + RECOVERY_INTERVAL - time.monotonic()
    if wait <= 0:
        _write_recovery_now(app)
    else:
        session.recovery_timer = app.set_timer(wait, lambda: _write_recovery_now(app), name="recovery")


def save(app: TruthmapApp) -> None:
    _start_flow(app, lambda: _save(app))


def save_as(app: TruthmapApp) -> None:
    _start_flow(app, lambda: _save_as(app))


def open_browser(app: TruthmapApp) -> None:
    if isinstance(app.screen, BrowserScreen):
        return
    browser = BrowserScreen(
        profiles_folder(app),
        on_open=lambda path: _start_flow(app, lambda: _open(app, path)),
        on_compare=lambda paths: _show_compare(app, sources_for(paths)),
        on_new=lambda: new_profile(app),
        open_path=app.document.path,
    )
    app.push_screen(browser)
    _offer_samples(app, browser)


def new_profile(app: TruthmapApp) -> None:
    _start_flow(app, lambda: _new(app))


def compare(app: TruthmapApp) -> None:
    """Pick saved profiles to put beside the open one."""
    if isinstance(app.screen, BrowserScreen):
        return
    document = app.document
    label = f"{document.title} (open{', unsaved' if document.dirty else ''})"

    def with_open_one(paths: list[Path]) -> None:
        others = [p for p in paths if not same_path(p, document.path)]
        _show_compare(app, [CompareSource(label, profile=app.document.profile), *sources_for(others)])

    app.push_screen(
        BrowserScreen(profiles_folder(app), on_open=lambda path: with_open_one([path]),
                      on_compare=with_open_one, open_path=document.path, picking=True)
    )


async def quit(app: TruthmapApp) -> None:
    if not app.document.dirty:
        _exit(app)
        return
    _start_flow(app, lambda: _quit(app))


def check_disk(app: TruthmapApp) -> None:
    """Notice (cheaply) that the open file changed on disk and offer to reload it."""
    session, document = _session(app), app.document
    if session.busy or isinstance(app.screen, ModalScreen) or document.path is None:
        return
    try:
        if not document.changed_on_disk():
            session.disk_seen = None
            return
        on_disk = FileStamp.read(document.path)
    except (OSError, ValueError) as error:
        if session.disk_seen != f"error {error}":  # told once, not every few seconds
            session.disk_seen = f"error {error}"
            app.notify(f"Cannot check {document.path} on disk: {_why(error)}", severity="warning",
                       timeout=10, markup=False)
        return
    version = on_disk or "missing"
    if version == session.disk_seen:
        return  # already told about this version
    session.disk_seen = version
    if on_disk is None:
        app.notify(f"{document.path} was deleted or moved. Saving writes it again.",
                   severity="warning", timeout=10, markup=False)
        return
    _start_flow(app, lambda: _offer_reload(app))


# ======================================================================
# Flows: one at a time, each may ask with a dialog
# ======================================================================


def _start_flow(app: TruthmapApp, flow: Callable[[], Awaitable[object]]) -> None:
    session = _session(app)
    if session.busy:
        app.notify("Finish the open question first (escape cancels it).", severity="warning")
        return
    session.busy = True

    async def run() -> None:
        try:
            await flow()
        except (OSError, ValueError) as error:  # a full disk or a lost folder is told, never a crash
            name = getattr(error, "filename", None) or (app.document.path or "File")
            app.notify(f"{name}: {_why(error)}", title="File problem", severity="error", timeout=10, markup=False)
        finally:
            session.busy = False

    app.run_worker(run(), group="files", name="files-flow")


async def _ask(app: TruthmapApp, screen: ModalScreen):
    return await app.push_screen_wait(screen)


async def _save(app: TruthmapApp) -> bool:
    document = app.document
    if document.path is None:
        return await _save_as(app)
    before = document.path
    folder = await _folder_ready(app, document.path, elsewhere="Save as…")
    if folder == "another":
        return await _save_as(app)
    if folder not in ("ok", "create"):
        return False
    try:
        document.save(create_folders=folder == "create")
    except FileChangedError:
        answer = await _ask(app, _changed_on_disk_question(document.path))
        if answer == "save-as":
            return await _save_as(app)
        if answer != "overwrite" or not _write(app, lambda: document.save(overwrite=True)):
            return False
    except OSError as error:
        _cannot_write(app, document.path, error)
        return False
    except ProfileError as error:
        _not_saveable(app, error)
        return False
    _saved(app, before)
    return True


async def _save_as(app: TruthmapApp) -> bool:
    document = app.document
    folder = profiles_folder(app)
    suggestion = document.path or folder / f"{_slug(document.profile.name)}.toml"
    while True:
        path = await _ask(app, PathInputScreen(
            "Save profile as", f"Where should “{document.profile.name}” be saved?", suggestion, base=folder,
        ))
        if path is None:
            return False
        if document.path is not None and same_path(path, document.path):
            return await _save(app)
        folder = await _folder_ready(app, path)
        if folder == "another":
            suggestion = path
            continue
        if folder not in ("ok", "create"):
            return False
        overwrite = False
        if _exists(path):
            answer = await _ask(app, ChoiceScreen(
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
            document.save(path, overwrite=overwrite, create_folders=folder == "create")
        except FileChangedError:  # someone created it while the dialog was open
            app.notify(f"{path} appeared on disk just now; pick again.", severity="warning", markup=False)
            suggestion = path
            continue
        except OSError as error:
            _cannot_write(app, path, error)
            suggestion = path
            continue
        except ProfileError as error:
            _not_saveable(app, error)
            return False
        _saved(app, before)
        return True


async def _folder_ready(app: TruthmapApp, path: Path, elsewhere: str = "Choose another place") -> str:
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
            app.notify(f"{folder} is not a folder; pick another place for {path.name}.", severity="error",
                       timeout=10, markup=False)
            return "another"
    except (OSError, ValueError) as error:
        _cannot_write(app, path, error)
        return "another"
    if same_path(folder, profiles_folder(app)):
        return "create"
    answer = await _ask(app, ChoiceScreen(
        "Create the folder?",
        f"{folder} does not exist. Create it (and any folder above it that is missing) and save {path.name} there?",
        [Choice("create", "Create it", "primary", "y"), Choice("another", elsewhere, key="a"),
         Choice("cancel", "Cancel", key="c")],
        focus="another",
    ))
    return answer or "cancel"


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


def _write(app: TruthmapApp, save: Callable[[], object]) -> bool:
    try:
        save()
    except (OSError, ValueError) as error:
        _cannot_write(app, app.document.path, error)
        return False
    except ProfileError as error:
        _not_saveable(app, error)
        return False
    return True


def _not_saveable(app: TruthmapApp, error: ProfileError) -> None:
    """The profile would not load back (storage refuses to write it): say why."""
    app.notify("\n".join(error.lines()), title="Not saved", severity="error", markup=False, timeout=12)


def _cannot_write(app: TruthmapApp, path: Path | None, error: Exception) -> None:
    app.notify(f"Could not write {path}: {_why(error)}", severity="error", timeout=10, markup=False)


def _saved(app: TruthmapApp, previous_path: Path | None) -> None:
    _clear_recovery(app, previous_path, app.document.path)
    _session(app).disk_seen = None
    app.document_replaced()
    app.notify(f"Saved {app.document.path}", markup=False)


async def _settle_unsaved(app: TruthmapApp, doing: str) -> bool:
    """Before the open profile goes away: save it, drop it, or stop (False)."""
    document = app.document
    if not document.dirty:
        return True
    answer = await _ask(app, ChoiceScreen(
        "Unsaved changes",
        f"“{document.profile.name}” ({document.title}) has changes that are not saved. Save them before {doing}?",
        [Choice("save", "Save", "primary", "s"), Choice("discard", "Discard", "error", "d"),
         Choice("cancel", "Cancel", key="c")],
    ))
    if answer == "save":
        return await _save(app)
    if answer == "discard":
        _clear_recovery(app, document.path)
        return True
    return False


async def _quit(app: TruthmapApp) -> None:
    if await _settle_unsaved(app, "quitting"):
        _exit(app)


def _exit(app: TruthmapApp) -> None:
    session = _session(app)
    if session.recovery_timer is not None:
        session.recovery_timer.stop()
        session.recovery_timer = None
    session.recovery.release()  # nothing unsaved is left: the copies were saved or discarded
    app.exit()


async def _open(app: TruthmapApp, path: Path) -> None:
    current = app.document.path
    if current is not None and same_path(current, path) and not app.document.changed_on_disk():
        _close_file_screens(app)
        app.notify(f"{path.name} is already open.", markup=False)
        return
    try:
        opened = Document.open(path)
    except ProfileError as error:
        app.notify("\n".join(error.lines()[:4]), title="Cannot open this profile", severity="error",
                   timeout=10, markup=False)
        return
    if not await _settle_unsaved(app, f"opening {path.name}"):
        return
    _replace_document(app, opened)
    _close_file_screens(app)
    app.notify(f"Opened {path}", markup=False)
    await _offer_recovery(app)


async def _new(app: TruthmapApp) -> None:
    choices = [Choice(model_id, f"{label} template", "primary" if index == 0 else "default", str(index + 1))
               for index, (model_id, label) in enumerate(template_models())]
    answer = await _ask(app, ChoiceScreen(
        "New profile",
        "A template maps every record and stage the way that model does, with placeholder "
        "tools and people to rename. Blank starts with nothing mapped.",
        [*choices, Choice("blank", "Blank profile", key="b"), Choice("cancel", "Cancel", key="c")],
        stacked=True,
    ))
    if answer in (None, "cancel"):
        return
    profile = blank_profile() if answer == "blank" else template_profile(answer)
    details = await _ask(app, ProfileDetailsScreen(
        "Name the new profile", "A client, a studio, or a plan such as “Hybrid next year”.",
        "" if answer == "blank" else profile.name, profile.notes, check=details_problem, action_label="Create"))
    if details is None:
        return
    profile = set_details(profile, *details)
    if not await _settle_unsaved(app, "starting a new profile"):
        return
    _replace_document(app, Document(profile, path=None, stamp=None, saved=profile))
    _close_file_screens(app)
    app.notify(f"New profile “{profile.name}”: ctrl+s asks where to save it.", markup=False)


async def _offer_reload(app: TruthmapApp) -> None:
    document = app.document
    path = document.path
    if path is None:
        return
    loss = " Your unsaved changes here would be lost." if document.dirty else ""
    answer = await _ask(app, ChoiceScreen(
        "The file changed on disk",
        f"{path} was changed by another program.{loss} Reload it, or keep what is on screen?",
        [Choice("keep", "Keep mine", "primary"), Choice("reload", "Reload from disk", "warning")],
        cancel="keep",
    ))
    if answer != "reload":
        app.notify("Kept your version. Saving will ask before replacing the file on disk.", markup=False)
        return
    try:
        reloaded = Document.open(path)
    except ProfileError as error:
        app.notify("\n".join(error.lines()[:4]), title="The file on disk is not a valid profile",
                   severity="error", timeout=10, markup=False)
        return
    _replace_document(app, reloaded)
    app.notify(f"Reloaded {path}", markup=False)


def _replace_document(app: TruthmapApp, document: Document) -> None:
    """Swap in another document; the old one was saved or discarded already."""
    _clear_recovery(app, app.document.path)
    app.document = document
    _session(app).disk_seen = None
    app.document_replaced()


def _close_file_screens(app: TruthmapApp) -> None:
    """Back to the main screen after opening or creating a profile."""
    while isinstance(app.screen, (BrowserScreen, CompareScreen)) and len(app.screen_stack) > 1:
        app.pop_screen()


def _show_compare(app: TruthmapApp, sources: list[CompareSource]) -> None:
    app.push_screen(CompareScreen(sources))


def _offer_samples(app: TruthmapApp, browser: BrowserScreen) -> None:
    """First run: an empty user folder gets the chance to start from the samples."""
    session = _session(app)
    folder = browser.folder
    try:
        if session.samples_offered or folder != user_profiles_dir() or profile_files(folder):
            return
    except OSError:
        return  # the browser already says the folder cannot be read
    session.samples_offered = True
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
            _cannot_write(app, folder, error)
        browser.reload()

    app.push_screen(ChoiceScreen(
        "Your profiles folder is empty",
        f"Copy the {len(samples)} sample profiles into {folder} to look around and compare them? "
        "They are ordinary files you can edit or delete.",
        [Choice("copy", "Copy the samples", "primary", "y"), Choice("no", "Not now", key="n")],
        cancel="no",
    ), answered)


# ======================================================================
# Recovery copies
# ======================================================================


async def _offer_recovery(app: TruthmapApp) -> None:
    """Offer every copy of this profile's unsaved work that ended windows left behind."""
    session, document = _session(app), app.document
    try:
        found = session.recovery.left_behind(document.path)
        tidy_locks(session.recovery.folder)
    except (OSError, ValueError) as error:
        _recovery_failed(app, error)
        return
    for error in found.damaged:
        _set_aside(app, error)
    waiting = [copy for copy in found.copies if not _drop_if_unchanged(app, copy)]
    restored = False
    for number, copy in enumerate(waiting, 1):
        if not await _offer_copy(app, copy, number, len(waiting), restored):
            continue
        restored = True


def _drop_if_unchanged(app: TruthmapApp, copy: RecoveryCopy) -> bool:
    """A copy equal to what is open lost nothing: remove it without asking."""
    if copy.profile != app.document.profile:
        return False
    _remove_copy(app, copy)
    return True


async def _offer_copy(app: TruthmapApp, copy: RecoveryCopy, number: int, count: int, restored: bool) -> bool:
    """Ask about one left-behind copy; True if it was restored."""
    document = app.document
    which = f" ({number} of {count}: more than one window had unsaved work)" if count > 1 else ""
    choices = [Choice("restore", "Restore", "primary", "r")] if not restored else []
    choices += [Choice("keep", "Keep it for later", key="k"), Choice("discard", "Discard it", "error", "d")]
    lead = ("Another window also left unsaved changes" if restored
            else "truthmap ended without saving changes")
    answer = await _ask(app, ChoiceScreen(
        f"Unsaved work was found{which}",
        f"{lead} to “{copy.profile.name}” ({document.title}); they were kept at {copy.describe_time()} "
        f"in {copy.file}. " + ("Restore them?" if not restored else "Keep them to restore later, or discard them?"),
        choices,
        cancel="keep",
    ))
    if answer == "restore":
        return _restore(app, copy)
    if answer == "discard":
        _remove_copy(app, copy)
        app.notify("Discarded the recovered work.", markup=False)
    else:
        app.notify(f"Kept {copy.file}; it is offered again the next time this profile is opened.", markup=False)
    return False


def _restore(app: TruthmapApp, copy: RecoveryCopy) -> bool:
    """Take a left-behind copy's work into this window, then let its old file go."""
    session, document = _session(app), app.document
    document.edit(copy.profile)  # `saved` stays the file on disk, so it is dirty; undo goes back to it
    session.recovery_paths.add(document.path)
    app.document_replaced()
    try:
        with session.recovery_lock:
            session.written_seq = session.edit_seq
            session.recovery.write(copy.profile, document.path)  # now this window's own copy holds it
    except (OSError, ValueError) as error:
        _recovery_failed(app, error)  # the old copy stays, so nothing is lost
    else:
        _remove_copy(app, copy)
    app.notify("Restored your unsaved work. Save it with ctrl+s.", markup=False)
    return True


def _remove_copy(app: TruthmapApp, copy: RecoveryCopy) -> None:
    try:
        copy.file.unlink(missing_ok=True)
    except OSError as error:
        app.notify(f"Could not remove {copy.file}: {error.strerror or error}", severity="warning",
                   timeout=10, markup=False)


def _set_aside(app: TruthmapApp, error: RecoveryError) -> None:
    try:
        moved = set_aside(error.file)
        where = f" It was moved to {moved}."
    except OSError:
        where = ""
    app.notify("\n".join([*error.lines()[:2], f"A recovery copy could not be read.{where}"]),
               title="Recovery copy damaged", severity="error", timeout=15, markup=False)


def _write_recovery_now(app: TruthmapApp) -> None:
    """Snapshot the document and write (or remove) its recovery copy in a thread."""
    session = _session(app)
    session.recovery_timer = None
    session.last_recovery_write = time.monotonic()
    document = app.document
    profile, path, dirty, seq = document.profile, document.path, document.dirty, session.edit_seq
    session.recovery_paths.add(path)

    def write() -> None:
        with session.recovery_lock:
            if seq <= session.written_seq:
                return  # a newer edit (or a save) got there first
            session.written_seq = seq
            try:
                if dirty:
                    session.recovery.write(profile, path)
                else:
                    session.recovery.discard(path)
            except (OSError, ValueError) as error:
                app.call_from_thread(_recovery_failed, app, error)

    app.run_worker(write, thread=True, group="recovery", name="recovery-write")


def _recovery_failed(app: TruthmapApp, error: Exception) -> None:
    session = _session(app)
    if not session.recovery_failed:
        session.recovery_failed = True
        where = getattr(error, "filename", None) or session.recovery.folder
        app.notify(f"Could not keep a recovery copy in {where}: {_why(error)}", severity="warning",
                   timeout=10, markup=False)


def _clear_recovery(app: TruthmapApp, *paths: Path | None) -> None:
    """The work is saved or discarded: no recovery copy may outlive it."""
    session = _session(app)
    if session.recovery_timer is not None:
        session.recovery_timer.stop()
        session.recovery_timer = None
    with session.recovery_lock:
        session.written_seq = session.edit_seq  # writes still in flight are now stale
        for path in {*paths, *session.recovery_paths}:
            try:
                session.recovery.discard(path)  # this window's copy: another window's work stays
            except (OSError, ValueError):
                pass
        session.recovery_paths.clear()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "profile"

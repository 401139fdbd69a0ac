"""Recovering: a copy of unsaved work kept as the person edits, and the copies that ended
windows left behind, offered back (restore, merge, save as, keep or discard)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from ...document import Document, same_path
from ...merging import changes_in_words, merge
from ...recovery import RecoveryCopy, RecoveryError, set_aside, tidy_locks
from ...storage import ProfileError, new_profile
from ...text import visible
from ..dialogs.questions import Choice, ChoiceScreen
from ..keys import key_for
from .common import Flow, base_of, cannot_open, exists, why

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Profile
    from .host import Stoppable
    from .profile_files import ProfileFiles

RECOVERY_INTERVAL = 1.0  # seconds: at most one recovery write per interval while typing


class Recovering(Flow):
    """This window's recovery copies: written (throttled) after edits, cleared once the work is
    saved or discarded, and the left-behind ones offered when a profile opens."""

    def __init__(self, files: ProfileFiles) -> None:
        super().__init__(files)
        self._recovery_lock = threading.Lock()
        self._recovery_timer: Stoppable | None = None
        self._last_recovery_write = float("-inf")
        self._edit_seq = 0
        self._written_seq = 0
        self._recovery_paths: set[Path | None] = set()  # keys we may have written
        self._recovery_failure_told = False

    def note_edit(self) -> None:
        """After every edit: keep a recovery copy of unsaved work (throttled)."""
        self._edit_seq += 1
        if self._recovery_timer is not None:
            return  # a write is already due; it will pick up this edit
        wait = self._last_recovery_write + RECOVERY_INTERVAL - time.monotonic()
        if wait <= 0:
            self.write_now()
        else:
            self._recovery_timer = self.host.set_timer(wait, self.write_now, name="recovery")

    def window_ending(self) -> None:
        """The window has ended without the quit flow (its browser tab closed, a signal):
        write now the recovery copy of edits still waiting for the throttle."""
        self.stop_timer()
        document = self.document
        with self._recovery_lock:
            if self._edit_seq <= self._written_seq:
                return  # written already, or saved or discarded since
            self._written_seq = self._edit_seq
            try:
                if document.dirty:
                    self.files.recovery.write(document.profile, document.path, base=base_of(document)())
                else:
                    self.files.recovery.discard(document.path)
            except (OSError, ValueError):
                pass  # nobody is left to tell; the copy written last stays

    def write_now(self) -> None:
        """Snapshot the document and write (or remove) its recovery copy in a thread."""
        self._recovery_timer = None
        self._last_recovery_write = time.monotonic()
        document = self.document
        profile, path, dirty, seq = document.profile, document.path, document.dirty, self._edit_seq
        base = base_of(document)
        self._recovery_paths.add(path)

        def write() -> None:
            with self._recovery_lock:
                if seq <= self._written_seq:
                    return  # a newer edit (or a save) got there first
                self._written_seq = seq
                try:
                    if dirty:
                        self.files.recovery.write(profile, path, base=base())
                    else:
                        self.files.recovery.discard(path)
                except (OSError, ValueError) as error:
                    self.host.call_from_thread(self.failed, error)

        self.host.run_in_thread(write, "recovery-write")

    def failed(self, error: Exception) -> None:
        if not self._recovery_failure_told:
            self._recovery_failure_told = True
            where = getattr(error, "filename", None) or self.files.recovery.folder
            self.host.tell(f"Could not keep a recovery copy in {where}: {why(error)}", severity="warning",
                           timeout=10)

    def stop_timer(self) -> None:
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
            self._recovery_timer = None

    def clear(self, *paths: Path | None) -> None:
        """The work is saved or discarded: no recovery copy may outlive it."""
        self.stop_timer()
        with self._recovery_lock:
            self._written_seq = self._edit_seq  # writes still in flight are now stale
            for path in {*paths, *self._recovery_paths}:
                try:
                    self.files.recovery.discard(path)  # this window's copy: another window's work stays
                except (OSError, ValueError):
                    pass
            self._recovery_paths.clear()

    async def offer(self, everything: bool = False) -> None:
        """Offer every copy of this profile's unsaved work that ended windows left behind;
        `everything` (a start): every copy of any profile's work, untitled work too."""
        try:
            recovery = self.files.recovery
            found = recovery.every_left_behind() if everything else recovery.left_behind(self.document.path)
            tidy_locks(recovery.folder)
        except (OSError, ValueError) as error:
            self.failed(error)
            return
        for error in found.damaged:
            self._set_aside(error)
        # The open profile's own copies first, then the others newest first.
        copies = sorted(found.copies, key=lambda copy: not self._is_open(copy))
        waiting = [copy for copy in copies if not self._drop_if_unchanged(copy)]
        restored = False
        for number, copy in enumerate(waiting, 1):
            if await self._offer_copy(copy, number, len(waiting), restored):
                restored = True

    def _is_open(self, copy: RecoveryCopy) -> bool:
        """Whether `copy` is of the profile open in this window (untitled work of untitled work)."""
        path = self.document.path
        return copy.original is None if path is None else copy.original is not None and same_path(copy.original, path)

    def _drop_if_unchanged(self, copy: RecoveryCopy) -> bool:
        """A copy equal to what is open, or to the file it was made against, lost nothing:
        remove it without asking."""
        if self._is_open(copy) and copy.profile == self.document.profile:
            self._remove_copy(copy)
            return True
        if copy.base is not None and copy.base.text is not None and copy.changes == [] \
                and copy.base.matches(copy.original):
            self._remove_copy(copy)
            return True
        return False

    async def _offer_copy(self, copy: RecoveryCopy, number: int, count: int, restored: bool) -> bool:
        """Ask about one left-behind copy; True if it was restored."""
        which = f" ({number} of {count})" if count > 1 else ""
        here = self._is_open(copy)
        choices = [Choice("restore", "Restore" if here else "Open and restore", "primary", "r")] if not restored else []
        choices += [Choice("keep", "Keep it for later", key="k"), Choice("discard", "Discard it", "error", "d")]
        if restored:
            ask = "Only one piece of work is restored at a time: keep this one to restore later, or discard it?"
        elif here:
            ask = "Restore it?"
        elif copy.original is None:
            ask = "Restore it as a new profile (the profile open now is closed first)?"
        else:
            ask = f"Open {copy.original.name} and restore it there?"
        answer = await self.host.ask(ChoiceScreen(
            f"Unsaved work was found{which}",
            f"{describe(copy)}\n\n{ask}",
            choices,
            cancel="keep",
        ))
        if answer == "restore":
            return await self._open_for(copy) and await self._restore(copy)
        if answer == "discard":
            self._remove_copy(copy)
            self.host.tell("Discarded the recovered work.")
        else:
            self.host.tell(f"Kept {copy.file}; it is offered again the next time truthmap starts.")
        return False

    async def _open_for(self, copy: RecoveryCopy) -> bool:
        """Make the profile `copy` belongs to the open one (the open one settled first); False: not done."""
        if self._is_open(copy):
            return True
        if not await self.files.saving.settle_unsaved("restoring other work"):
            self.host.tell(f"Kept {copy.file}; it is offered again the next time truthmap starts.")
            return False
        original = copy.original
        if original is None:
            self.files.replace_document(Document.untitled(new_profile(copy.profile.name)))
            return True
        try:
            opened = Document.open(original)
        except ProfileError as error:
            cannot_open(self.host, error, title="Cannot open the profile of this work")
            self.host.tell(f"Kept {copy.file}; it is offered again the next time truthmap starts.")
            return False
        self.files.replace_document(opened)
        self.files.folder = original.parent
        return True

    async def _restore(self, copy: RecoveryCopy) -> bool:
        """Take a left-behind copy's work into this window, then let its old file go.

        Only a copy made against the file as it is now is taken as it is: when
        the file changed since (another window saved) or the copy does not say
        what it was made against, the person chooses how."""
        document = self.document
        if copy.base is not None and copy.base.matches(document.path):
            return self._take(copy, copy.profile, f"Restored your unsaved work. Save it with {key_for('save')}.")
        if document.path is not None and document.stamp is None and not exists(document.path):
            # Its file is gone (moved or deleted): nothing to merge with, the work is all there is.
            return self._take(copy, copy.profile, f"Restored your unsaved work; {document.path} no longer exists, "
                                                  f"so {key_for('save')} creates it again (or use Save as).")
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
                                                    f"Save it with {key_for('save')}.")
        if answer == "save-as":
            self.files.replace_document(Document(copy.profile))
            if self._take(copy, copy.profile, "The recovered work is open as a new profile."):
                await self.files.saving.save_as()
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
                self.files.recovery.write(profile, document.path, base=base_of(document)())
        except (OSError, ValueError) as error:
            self.failed(error)  # the old copy stays, so nothing is lost
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


def describe(copy: RecoveryCopy) -> str:
    """Whose work a copy holds, when it was last edited and what it changed, in a few lines."""
    where = (f"{copy.original.name} in {copy.original.parent}" if copy.original is not None
             else "untitled, never saved")
    changes = copy.changes
    if changes is None:
        edits = "what it changed is not known (an earlier version of truthmap kept it)"
    elif not changes:
        edits = "no edits"
    else:
        edits = f"{len(changes)} edit{'s' if len(changes) != 1 else ''}: {changes_in_words(changes)}"
    return (f"“{visible(copy.profile.name)}” ({where}) was not saved when truthmap last ended.\n"
            f"Last edited {copy.last_edited()}; {edits}.")


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

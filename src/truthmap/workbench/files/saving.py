"""Saving: save, save as, and what a save must ask first (a missing folder, a file changed on
disk or owned by someone else, a layout that cannot be kept, unsaved work about to go)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...document import same_path
from ...editing import details_problem, set_details
from ...serve import PUBLIC
from ...storage import FileChangedError, ProfileError, SaveRefused
from ..dialogs.questions import Choice, ChoiceScreen, PathInputScreen
from ..dialogs.save_as import SaveAsScreen
from ..keys import key_for
from .common import Flow, absolute, cannot_write, exists, in_thread, inside, slug
from .new_file import ask_replace

if TYPE_CHECKING:
    from ...model import Profile


class Saving(Flow):
    """The save flows of one window's files."""

    async def save(self, renamed: Profile | None = None) -> bool:
        """Save to the open file (`renamed`: the profile under a name typed in Save as, which
        becomes the profile's only once it is written)."""
        document = self.document
        if document.path is None:
            return await self.save_as()
        before = document.path
        folder = await self.folder_ready(document.path, elsewhere="Save as…")
        if folder == "another":
            return await self.save_as()
        if folder not in ("ok", "create"):
            return False
        if not await asyncio.to_thread(document.keeps_layout):  # a large file is written out to compare
            answer = await self.host.ask(_layout_lost_question(document.path))
            if answer == "save-as":
                return await self.save_as()
            if answer != "save":
                return False
        try:
            await in_thread(lambda: document.save(create_folders=folder == "create", profile=renamed))
        except FileChangedError:
            answer = await self.host.ask(_changed_on_disk_question(document.path))
            if answer == "save-as":
                return await self.save_as()
            if answer != "overwrite":
                return False
            outcome = await self._write(lambda **told: document.save(overwrite=True, profile=renamed, **told))
            if outcome != "written":
                return outcome == "saved elsewhere"
        except SaveRefused as refusal:
            outcome = await self._refused(refusal, lambda **told: document.save(profile=renamed, **told))
            if outcome != "written":
                return outcome == "saved elsewhere"
        except OSError as error:
            cannot_write(self.host, document.path, error)
            return False
        except ProfileError as error:
            self.not_saveable(error)
            return False
        if renamed is not None:
            self._take_name(renamed.name)
        self._saved(before)
        return True

    async def _refused(self, refusal: SaveRefused, save: Callable[..., object]) -> str | None:
        """A read-only file is never replaced; another user's only when the person says so.

        "written" (saved over it: the caller finishes the save), "saved elsewhere"
        (a save as did it all) or None (nothing saved)."""
        if refusal.reason == "invalid":
            count = len(self.document.problems)
            answer = await self.host.ask(ChoiceScreen(
                "This profile is open read-only",
                f"{refusal.path.name} has {count} problem{'s' if count != 1 else ''}, so it was opened read-only and "
                f"is never written over. Fix it in your editor and press {key_for('reload')} on its problems to read "
                "it again, or save what is on screen as another file.",
                [Choice("save-as", "Save as…", "primary", "a"), Choice("cancel", "Cancel", key="c")],
            ))
            return await self._saved_elsewhere() if answer == "save-as" else None
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
        return "saved elsewhere" if await self.save_as() else None

    async def save_as(self) -> bool:
        document, host = self.document, self.host
        folder = self.files.folder
        # Absolute: a relative path (`truthmap home/profiles/lena.toml`) would be taken inside `folder` again.
        suggestion = absolute(document.path) if document.path else folder / f"{slug(document.profile.name)}.toml"
        name: str | None = None  # typed in the dialog: asked again, the dialog shows it again
        while True:
            if self.files.served == PUBLIC and not inside(suggestion, folder):
                suggestion = folder / suggestion.name
            check = self.outside_shared_folder if self.files.served == PUBLIC else None
            if document.path is None:  # a first save: the profile was named when it was made
                dialog = PathInputScreen("Save profile as", f"Where should “{document.profile.name}” be saved?",
                                         suggestion, base=folder, check=check)
            else:  # a second profile: a name of its own, so the two are told apart
                dialog = SaveAsScreen(
                    "Save profile as", "A copy in a new file, under a name of its own.", suggestion, base=folder,
                    name=name or document.profile.name,
                    file_for=lambda typed: suggestion.parent / f"{slug(typed)}.toml",
                    check_name=lambda typed: details_problem(typed, None), check=check)
            path = await host.ask(dialog)
            if path is None:
                return False
            name = getattr(dialog, "name_given", None)
            if document.path is not None and same_path(path, document.path):
                return await self.save(self._named(name))
            ready = await self.folder_ready(path)
            if ready == "another":
                suggestion = path
                continue
            if ready not in ("ok", "create"):
                return False
            overwrite = False
            if exists(path):
                answer = await ask_replace(self.files, path, "this profile")
                if answer is None:
                    return False
                if answer == "another":
                    suggestion = path
                    continue
                overwrite = True
            before = document.path
            # Under the name typed, which becomes the profile's only once written: a
            # refused or cancelled write leaves the open profile as it was.
            renamed = self._named(name)
            outcome = await self.write_chosen(
                path, lambda renamed=renamed: document.save(path, overwrite=overwrite, profile=renamed,
                                                            create_folders=ready == "create"),
                refused=lambda refusal, renamed=renamed: self._refused(
                    refusal, lambda **told: document.save(path, overwrite=True, profile=renamed, **told)))
            if outcome == "again":
                suggestion = path
                continue
            if outcome != "written":
                return outcome == "saved elsewhere"
            self._take_name(name)
            self._saved(before)
            return True

    async def write_chosen(self, path: Path, write: Callable[[], object],
                           refused: Callable[[SaveRefused], Awaitable[str | None]] | None = None) -> str | None:
        """Write a file the person has just named (Save as, a new target), off the UI thread.

        "written"; "again" (told why: the name is taken now, read-only or not
        writable, so ask for another); None (not saveable, told why); or what
        `refused` answers for a file that is not ours to replace (without it,
        that too is "again").
        """
        try:
            await in_thread(write)
        except FileChangedError:  # someone created it while the dialog was open
            self.host.tell(f"{path} appeared on disk just now; pick again.", severity="warning")
            return "again"
        except SaveRefused as refusal:
            if refused is None or refusal.reason == "read-only":
                self.host.tell(f"{refusal} Pick another name.", severity="warning", timeout=10)
                return "again"
            return await refused(refusal)
        except OSError as error:
            cannot_write(self.host, path, error)
            return "again"
        except ProfileError as error:
            self.not_saveable(error)
            return None
        return "written"

    def _named(self, name: str | None) -> Profile | None:
        """The open profile under a name typed in Save as; None: the name stays as it is."""
        profile = self.document.profile
        return set_details(profile, name, profile.notes) if name is not None and name != profile.name else None

    def _take_name(self, name: str | None) -> None:
        """Once written: the name typed becomes the profile's (an edit, undone like any), set on
        the profile as it is now, so an edit made while the file was being written stays."""
        if (renamed := self._named(name)) is not None:
            self.document.edit(renamed)

    def outside_shared_folder(self, path: Path) -> str | None:
        """Under `truthmap serve --public`, why `path` may not be written; None: it may."""
        if inside(path, self.files.folder):
            return None
        return f"This shared session saves profiles in {self.files.folder} only: type a file name alone."

    async def folder_ready(self, path: Path, elsewhere: str = "Choose another place") -> str:
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
            cannot_write(self.host, path, error)
            return "another"
        if same_path(folder, self.files.folder):
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
            await in_thread(save)
        except SaveRefused as refusal:
            return await self._refused(refusal, save)
        except (OSError, ValueError) as error:
            cannot_write(self.host, self.document.path, error)
            return None
        except ProfileError as error:
            self.not_saveable(error)
            return None
        return "written"

    def not_saveable(self, error: ProfileError) -> None:
        """The profile would not load back (storage refuses to write it): say why."""
        self.host.tell("\n".join(error.lines()), title="Not saved", severity="error", timeout=12)

    def _saved(self, previous_path: Path | None) -> None:
        self.files.recovering.clear(previous_path, self.document.path)
        self.files.disk_watch.forget()
        self.host.document_replaced()
        self.files.opening.follow_problems()  # saved as another file: no longer read-only
        self.host.tell(f"Saved {self.document.path}")
        self.files.remember()

    async def settle_unsaved(self, doing: str) -> bool:
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
            return await self.save()
        if answer == "discard":
            self.files.recovering.clear(document.path)
            return True
        return False


def _changed_on_disk_question(path: Path) -> ChoiceScreen:
    what = "was changed on disk" if exists(path) else "was deleted or moved"
    return ChoiceScreen(
        "The file changed on disk",
        f"{path} {what} after you opened it. Saving now would replace that version.",
        [Choice("overwrite", "Overwrite", "error", "o"), Choice("save-as", "Save as…", "primary", "a"),
         Choice("cancel", "Cancel", key="c")],
        focus="save-as",
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

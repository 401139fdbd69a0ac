"""An open profile: what is being edited, where it came from, whether it is saved.

Pure Python, so the workbench stays a thin shell and the rules about files
(never clobber, know when there are unsaved changes) are testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .positions import Problem
from .storage import (
    FileStamp,
    ProfileError,
    SaveRefused,
    load_profile,
    new_profile,
    render_profile,
    write_profile,
)
from .vocabulary import MAX_PROFILE_BYTES

if TYPE_CHECKING:
    from .model import Profile


@dataclass(eq=False)
class Document:
    profile: Profile
    path: Path | None = None
    stamp: FileStamp | None = None
    saved: Profile | None = field(default=None)  # what is on disk, for the dirty check
    text: str | None = field(default=None, repr=False)  # the file's text as read or written: its layout is kept
    # The session's history: every earlier version (undo) and every undone one (redo).
    # Profiles are immutable, so a step costs one reference, not a copy.
    _undo: list[Profile] = field(default_factory=list, repr=False)
    _redo: list[Profile] = field(default_factory=list, repr=False)
    _merge: object = field(default=None, repr=False)  # what the last step was about, to extend it
    # A file that could not be read as a profile is open read-only: its problems, by line.
    problems: tuple[Problem, ...] = field(default=(), repr=False)

    @classmethod
    def open(cls, path: Path) -> Document:
        """Load `path`; a missing file opens as a new profile saved there later (untouched,
        it is nothing unsaved: quitting asks nothing and creates no file)."""
        path = Path(path)
        if _missing(path):
            profile = new_profile(path.stem.replace("-", " ").replace("_", " ") or "Untitled")
            return cls(profile, path, saved=profile)
        loaded = load_profile(path)
        return cls(loaded.profile, path, loaded.stamp, loaded.profile, loaded.text)

    @classmethod
    def open_or_problems(cls, path: Path) -> Document:
        """`open`, or for a file that cannot be read as a profile, that file read-only: an
        empty profile and the file's problems, each with its line, so the person can fix
        them in an editor and read it again.  Writing over it is refused (`save`)."""
        try:
            return cls.open(path)
        except ProfileError as error:
            return cls.invalid(Path(path), error)

    @classmethod
    def invalid(cls, path: Path, error: ProfileError) -> Document:
        try:
            with open(path, "rb") as file:
                text: str | None = file.read(MAX_PROFILE_BYTES).decode("utf-8", "replace")
            stamp = FileStamp.read(path)  # a change on disk is noticed, so it can be read again
        except (OSError, ValueError):
            text, stamp = None, None
        profile = new_profile(path.stem.replace("-", " ").replace("_", " ") or "Untitled")
        return cls(profile, path, stamp, saved=profile, problems=_as_written(error.problems, text))

    @property
    def read_only(self) -> bool:
        """The file has problems: it is shown, never written over (Save as writes elsewhere)."""
        return bool(self.problems)

    @classmethod
    def untitled(cls, profile: Profile | None = None) -> Document:
        return cls(profile or new_profile())

    # ------------------------------------------------------------ editing and history

    def edit(self, profile: Profile, *, merge: object = None) -> bool:
        """Make `profile` the current version, one undo step after the last; False if nothing changed.

        An edit whose `merge` key equals the last edit's (the same answer typed
        digit by digit) extends that step instead of adding one.
        """
        if profile == self.profile:
            return False
        if merge is None or merge != self._merge or not self._undo:
            self._undo.append(self.profile)
        self._merge = merge
        self._redo.clear()
        self.profile = profile
        if self._undo[-1] == profile:  # the step came back to where it began: it is no step
            self._undo.pop()
            self._merge = None
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        """Step back one edit; False when there is none."""
        return self._move(self._undo, self._redo)

    def redo(self) -> bool:
        """Step forward again over one undo; False when there is none (or an edit came since)."""
        return self._move(self._redo, self._undo)

    def _move(self, source: list[Profile], target: list[Profile]) -> bool:
        if not source:
            return False
        target.append(self.profile)
        self.profile = source.pop()
        self._merge = None
        return True

    @property
    def dirty(self) -> bool:
        return self.profile != self.saved

    @property
    def title(self) -> str:
        return self.path.name if self.path else "untitled"

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one we loaded or last saved."""
        if self.path is None:
            return False
        if self.stamp is None:
            return not _missing(self.path)
        return not self.stamp.matches(self.path)

    def save(self, path: Path | None = None, *, overwrite: bool = False, create_folders: bool = False,
             change_owner: bool = False, profile: Profile | None = None) -> Path:
        """Save to `path` (save as) or the current path; raises FileChangedError or SaveRefused.

        Saving to a new path checks that nothing is there yet, unless told to
        overwrite, so "save as" never silently replaces another profile.  A
        missing folder is an OSError unless `create_folders` (the person said
        yes).  The file's own layout and comments are kept (save as too).
        `profile`: what to write instead of the open profile (a save as under a
        new name, which becomes the profile's only once it is written).
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save to")
        if self.read_only and self.path is not None and _same_path(target, self.path):
            raise SaveRefused(target, "invalid", "is open read-only because it has problems; "
                                                 "fix them and read it again, or save as another file")
        profile = self.profile if profile is None else profile  # what is written, even if an edit lands meanwhile
        expected = self.stamp if self.path is not None and _same_path(target, self.path) else None
        original = (self.text, self.saved) if self.text is not None and self.saved is not None else None
        data = render_profile(profile, target, original=original)
        self.stamp = write_profile(data, target, expected, overwrite=overwrite, create_folders=create_folders,
                                   change_owner=change_owner)
        self.path, self.saved, self.text = target, profile, data.decode("utf-8")
        self.problems = ()  # what is written there now is a valid profile
        return target

    def keeps_layout(self) -> bool:
        """Whether the next save keeps the file's comments and layout (False: a large hand-edited
        file, which is rewritten in truthmap's layout)."""
        from .storage import keeps_layout

        return self.text is None or self.saved is None or keeps_layout(self.text, self.saved)


def _missing(path: Path) -> bool:
    """Nothing at all at `path` (a dangling link or unreadable name is not "missing")."""
    try:
        path.lstat()
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False  # let load_profile report it as a ProfileError
    return False


def same_path(first: Path | None, second: Path | None) -> bool:
    """Whether two paths name one file (never raises: an unreadable path compares as written)."""
    if first is None or second is None:
        return first is second
    return _same_path(Path(first), Path(second))


def _same_path(first: Path, second: Path) -> bool:
    """`./a.toml`, `a.toml` and its absolute form are one file for save vs save-as."""
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError, ValueError):
        return first == second


def _as_written(problems: list[Problem], text: str | None) -> tuple[Problem, ...]:
    """Each problem with the line it is on as the file has it, where it has a line and the text is at hand."""
    lines = text.splitlines() if text is not None else []
    return tuple(problem._replace(source=lines[problem.line - 1])
                 if problem.line is not None and 0 < problem.line <= len(lines) else problem
                 for problem in problems)

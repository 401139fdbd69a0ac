"""An open profile: what is being edited, where it came from, whether it is saved.

Pure Python, so the workbench stays a thin shell and the rules about files
(never clobber, know when there are unsaved changes) are testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Profile
from .storage import FileStamp, load_profile, new_profile, save_profile


@dataclass
class Document:
    profile: Profile
    path: Path | None = None
    stamp: FileStamp | None = None
    saved: Profile | None = field(default=None)  # what is on disk, for the dirty check

    @classmethod
    def open(cls, path: Path) -> Document:
        """Load `path`; a missing file opens as a new profile saved there later."""
        path = Path(path)
        if _missing(path):
            return cls(new_profile(path.stem.replace("-", " ").replace("_", " ") or "Untitled"), path)
        loaded = load_profile(path)
        return cls(loaded.profile, path, loaded.stamp, loaded.profile)

    @classmethod
    def untitled(cls, profile: Profile | None = None) -> Document:
        return cls(profile or new_profile())

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

    def save(self, path: Path | None = None, *, overwrite: bool = False, create_folders: bool = False) -> Path:
        """Save to `path` (save as) or the current path; raises FileChangedError.

        Saving to a new path checks that nothing is there yet, unless told to
        overwrite, so "save as" never silently replaces another profile.  A
        missing folder is an OSError unless `create_folders` (the person said yes).
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save to")
        expected = self.stamp if self.path is not None and _same_path(target, self.path) else None
        self.stamp = save_profile(self.profile, target, expected, overwrite=overwrite, create_folders=create_folders)
        self.path = target
        self.saved = self.profile
        return target


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

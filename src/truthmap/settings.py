"""The user's settings file: a small TOML table remembered across runs.

Pure file handling (no Textual), so the rules are testable alone: a missing
file means defaults, a broken file is reported and ignored (never a crash),
and writing is atomic and keeps every key it does not change.
"""

from __future__ import annotations

import errno
import os
import tomli
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .paths import user_config_dir, user_state_dir
from .storage import PRIVATE, atomic_write, display_path

SETTINGS_FILE = "settings.toml"


def settings_path() -> Path:
    return user_config_dir() / SETTINGS_FILE


@dataclass(frozen=True)
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # why the file was ignored, for a notification
    readable: bool = True  # False: the file is there but could not be read (never write over it)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def read_settings(path: Path | None = None) -> Settings:
    """The settings, or defaults plus a one-line problem if the file is unreadable."""
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        return Settings(problem=f"{display_path(path)}: cannot be read ({error.strerror}); using defaults",
                        readable=False)
    try:
        values = tomli.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError) as error:
        return Settings(problem=f"{display_path(path)}: not valid TOML ({error}); using defaults")
    return Settings(values)


def update_settings(path: Path | None = None, **changes: Any) -> None:
    """Write `changes` into the settings file atomically, keeping other keys.

    A broken file is replaced (its problem was already reported on start).
    """
    path = path or settings_path()
    current = read_settings(path)
    if not current.readable:  # its other keys cannot be kept: leave it as it is
        raise OSError(errno.EIO, current.problem or "cannot be read", os.fspath(path))
    values = {**current.values, **changes}
    import tomli_w  # only writing a setting needs it: a start reads settings and seldom writes them

    atomic_write(path, tomli_w.dumps(values).encode("utf-8"), create_folders=True, mode=PRIVATE)


def last_profile_path() -> Path:
    """Where the profile open last is noted: state, not a setting (the XDG state folder holds
    "recently used files"), so remembering it never rewrites the person's settings."""
    return user_state_dir() / "last-profile"


def remember_last_profile(path: Path, note: Path | None = None) -> None:
    """Note `path` as the profile a bare `truthmap` reopens; a note that cannot be written is no error."""
    note = note or last_profile_path()
    try:
        atomic_write(note, os.fsencode(path.resolve()) + b"\n", create_folders=True, mode=PRIVATE)
    except (OSError, ValueError):  # a read-only home: the next bare start opens the sample
        pass


def last_profile(note: Path | None = None) -> Path | None:
    """The profile last opened or saved in the workbench, if it is still a file."""
    note = note or last_profile_path()
    try:
        path = Path(os.fsdecode(note.read_bytes().rstrip(b"\n")))
        return path if path.is_absolute() and path.is_file() else None
    except (OSError, ValueError):
        return None

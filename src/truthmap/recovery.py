"""Recovery copies: unsaved work kept on disk until it is saved or discarded.

While a profile has unsaved changes the workbench writes it here, one file
per open document, so a crash or a killed terminal loses at most the last
moment of work.  A copy is an ordinary profile TOML file with a two-line
comment header naming the file it belongs to and when it was written, so a
person can also open it by hand.

Pure Python: no Textual, no timers; the workbench decides when to call it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .model import Profile
from .paths import recovery_dir
from .storage import ProfileError, atomic_write, dump_profile, parse_profile

UNTITLED = "untitled"
_FIRST_LINE = "# truthmap recovery copy: unsaved work, kept until it is saved or discarded."
_HEADER_KEY = "# recovery = "
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


class RecoveryError(Exception):
    """A recovery copy exists but cannot be read back."""

    def __init__(self, file: Path, problems: list[str]):
        self.file = file
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.file}: {problem}" for problem in self.problems]


@dataclass(frozen=True)
class RecoveryCopy:
    file: Path
    original: Path | None  # the profile file it belongs to; None for untitled work
    saved_at: datetime  # aware, UTC
    profile: Profile

    def describe_time(self) -> str:
        """When it was written, in the reader's local time."""
        return self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def recovery_file(original: Path | None, folder: Path | None = None) -> Path:
    """Where the copy for `original` lives: a readable stem plus a hash of the full path."""
    folder = folder or recovery_dir()
    if original is None:
        return folder / f"{UNTITLED}.toml"
    full = str(_absolute(original))
    stem = _UNSAFE.sub("-", Path(full).stem.lower()).strip("-")[:40] or "profile"
    digest = hashlib.sha256(full.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return folder / f"{stem}-{digest}.toml"


def write_recovery(
    profile: Profile, original: Path | None, *, folder: Path | None = None, now: datetime | None = None
) -> Path:
    """Write (atomically) the recovery copy of `profile`; returns its file."""
    file = recovery_file(original, folder)
    saved_at = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    header = {"original": str(_absolute(original)) if original else None, "saved_at": saved_at.isoformat()}
    # json.dumps escapes newlines and quotes, so any path fits on one comment line.
    text = f"{_FIRST_LINE}\n{_HEADER_KEY}{json.dumps(header)}\n{dump_profile(profile)}"
    atomic_write(file, text.encode("utf-8"), create_folders=True)
    return file


def read_recovery(file: Path) -> RecoveryCopy:
    """Read a recovery copy back; RecoveryError says what is wrong with it."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise RecoveryError(file, [f"cannot read: {error.strerror or error}"]) from None
    header = _header(file, data)
    try:
        profile = parse_profile(data, str(file))
    except ProfileError as error:
        raise RecoveryError(file, error.problems) from None
    return RecoveryCopy(file, header[0], header[1], profile)


def find_recovery(original: Path | None, folder: Path | None = None) -> RecoveryCopy | None:
    """The recovery copy for `original`, if one was left behind (RecoveryError if unreadable)."""
    file = recovery_file(original, folder)
    if not file.exists():
        return None
    copy = read_recovery(file)
    expected = _absolute(original) if original else None
    if copy.original != expected:
        raise RecoveryError(file, [f"belongs to {copy.original or 'untitled work'}, not {expected or 'untitled work'}"])
    return copy


def discard_recovery(original: Path | None, folder: Path | None = None) -> bool:
    """Delete the recovery copy for `original`; True if there was one."""
    file = recovery_file(original, folder)
    try:
        file.unlink()
    except FileNotFoundError:
        return False
    return True


def set_aside(file: Path, now: datetime | None = None) -> Path:
    """Rename an unreadable copy out of the way (kept for a person to inspect)."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    target = file.with_name(f"{file.stem}.corrupt-{stamp}{file.suffix}.bak")
    file.replace(target)
    return target


def _absolute(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def _header(file: Path, data: bytes) -> tuple[Path | None, datetime]:
    lines = data.split(b"\n", 2)
    if len(lines) < 3 or not lines[1].startswith(_HEADER_KEY.encode()):
        raise RecoveryError(file, ["the recovery header is missing"])
    try:
        header = json.loads(lines[1][len(_HEADER_KEY):].decode("utf-8"))
        original = header["original"]
        saved_at = datetime.fromisoformat(header["saved_at"])
        if original is not None and not isinstance(original, str):
            raise TypeError("original must be a string")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise RecoveryError(file, [f"the recovery header is damaged ({error})"]) from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=timezone.utc)
    return (Path(original) if original is not None else None), saved_at

"""Recovery copies: unsaved work kept on disk until it is saved or discarded.

While a profile has unsaved changes the workbench writes it here, one file
per open document and window, so a crash or a killed terminal loses at most
the last moment of work.  A copy is an ordinary profile TOML file with a
two-line comment header naming the file it belongs to and when it was
written, so a person can also open it by hand.

Each window (:class:`WindowRecovery`) names its copies with a token of its
own and holds a lock on `session-TOKEN.lock` while it runs.  Two windows on
one profile therefore never touch each other's copy, and a copy whose lock
nobody holds was left behind by a window that ended without saving (the
kernel drops the lock of a killed process): that is the work to offer.

Pure Python: no Textual, no timers; the workbench decides when to call it.
"""

from __future__ import annotations

import json
import os
import re
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import recovery_dir
from .positions import Problem
from .storage import (PRIVATE, FileStamp, ProfileError, atomic_write, dump_profile, new_profile, parse_profile,
                      sha256_hex)

if TYPE_CHECKING:
    from .merging import Change
    from .model import Profile

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: every copy counts as left behind
    fcntl = None  # type: ignore[assignment]

UNTITLED = "untitled"
LOCK_PREFIX, LOCK_SUFFIX = "session-", ".lock"
_TOKEN = re.compile(r"[0-9a-f]{8}")
_STALE_LOCK_AGE = 60.0  # seconds: a lock file this old with no lock held and no copies is removed
_FIRST_LINE = "# truthmap recovery copy: unsaved work, kept until it is saved or discarded."
_HEADER_KEY = "# recovery = "
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


class RecoveryError(Exception):
    """A recovery copy exists but cannot be read back."""

    def __init__(self, file: Path, problems: list[Problem]):
        self.file = file
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.file}: {problem}" for problem in self.problems]


@dataclass(frozen=True)
class Base:
    """The file a recovery copy's edits were made against, as it was then."""

    digest: str | None  # its SHA-256; None: there was no file yet
    text: str | None  # its text (None with no file); a save after restoring merges against it

    @classmethod
    def of(cls, stamp: FileStamp | None, text: str | None) -> Base:
        return cls(stamp.digest if stamp else None, text if stamp else None)

    def matches(self, path: Path | None) -> bool:
        """Whether the file at `path` is still this base (no file, when there was none)."""
        if path is None:
            return self.digest is None
        try:
            current = FileStamp.read(path)
        except (OSError, ValueError):
            return False
        return (current.digest if current else None) == self.digest

    def profile(self) -> Profile | None:
        """The base as a profile: None when there was no file or it no longer reads."""
        if self.text is None:
            return None
        try:
            return parse_profile(self.text, "recovery base", limit=RECOVERY_LIMIT)
        except ProfileError:
            return None


# A copy is never refused for size: a profile that grew past the cap while
# being edited is still someone's work (the structural limits still apply).
RECOVERY_LIMIT = 8 * 1024 * 1024


@dataclass(frozen=True)
class RecoveryCopy:
    file: Path
    original: Path | None  # the profile file it belongs to; None for untitled work
    saved_at: datetime  # aware, UTC
    profile: Profile
    base: Base | None = None  # None: written by a version that did not record it (unknown)

    def describe_time(self) -> str:
        """When it was written, in the reader's local time."""
        return self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    def last_edited(self, now: datetime | None = None) -> str:
        """When its work was last edited (the copy follows an edit within a second), in words:
        "today at 14:03 (6 minutes ago)", "on 2024-05-01 at 14:03"."""
        local = self.saved_at.astimezone()
        now = (now or datetime.now(timezone.utc)).astimezone()
        minutes = int((now - local).total_seconds() // 60)
        if local.date() != now.date() or minutes < 0:
            return f"on {local:%Y-%m-%d} at {local:%H:%M}"
        ago = ("less than a minute ago" if minutes < 1 else f"{minutes} minute{'s' if minutes != 1 else ''} ago"
               if minutes < 60 else f"{minutes // 60} hour{'s' if minutes >= 120 else ''} ago")
        return f"today at {local:%H:%M} ({ago})"

    @cached_property  # reads the file it was made against: asked when sorting copies out, then to describe one
    def changes(self) -> list[Change] | None:
        """What the copy changed from the file it was made against, item by item ("the name",
        "answer team size", "Client record"); None when it does not say what that file was
        (a copy of an earlier version) or that file no longer reads."""
        from .merging import changed_items

        if self.base is None:
            return None
        base = self.base.profile()
        if base is None:
            if self.base.text is not None:
                return None
            base = new_profile(self.profile.name)  # new work: everything in it was added
        return changed_items(base, self.profile)


def _base(original: Path | None) -> str:
    """A readable stem plus a hash of the full path: the start of every copy's name."""
    if original is None:
        return UNTITLED
    full = str(_absolute(original))
    stem = _UNSAFE.sub("-", Path(full).stem.lower()).strip("-")[:40] or "profile"
    digest = sha256_hex(full.encode("utf-8", "surrogatepass"))[:12]
    return f"{stem}-{digest}"


def recovery_file(original: Path | None, folder: Path | None = None, token: str | None = None) -> Path:
    """Where the copy for `original` lives (for the window with `token`; None: a copy
    written by a version of truthmap that kept one copy per profile)."""
    folder = folder or recovery_dir()
    base = _base(original)
    return folder / (f"{base}.{token}.toml" if token else f"{base}.toml")


def write_recovery(
    profile: Profile,
    original: Path | None,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
    token: str | None = None,
    base: Base | None = None,
) -> Path:
    """Write (atomically, readable by its owner alone) the recovery copy of `profile`; returns its file.

    `base`: the file the edits were made against, kept in the header so that
    a restore can tell whether the file changed since, and merge.
    """
    file = recovery_file(original, folder, token)
    saved_at = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    header: dict[str, object] = {"original": str(_absolute(original)) if original else None,
                                 "saved_at": saved_at.isoformat()}
    if base is not None:
        header["base"] = {"sha256": base.digest, "text": base.text}
    # json.dumps escapes newlines, quotes, controls and non-ASCII: any path or text fits on one comment line.
    text = f"{_FIRST_LINE}\n{_HEADER_KEY}{json.dumps(header)}\n{dump_profile(profile)}"
    atomic_write(file, text.encode("utf-8"), create_folders=True, mode=PRIVATE)
    return file


def read_recovery(file: Path) -> RecoveryCopy:
    """Read a recovery copy back; RecoveryError says what is wrong with it."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise RecoveryError(file, [Problem(f"cannot read: {error.strerror or error}")]) from None
    original, saved_at, base = _header(file, data)
    body = data.split(b"\n", 2)[2]  # the profile itself, after the two header lines
    try:
        profile = parse_profile(body, str(file), limit=RECOVERY_LIMIT)
    except ProfileError as error:
        raise RecoveryError(file, error.problems) from None
    return RecoveryCopy(file, original, saved_at, profile, base)


def find_recovery(original: Path | None, folder: Path | None = None) -> RecoveryCopy | None:
    """The recovery copy for `original`, if one was left behind (RecoveryError if unreadable)."""
    file = recovery_file(original, folder)
    if not file.exists():
        return None
    copy = read_recovery(file)
    expected = _absolute(original) if original else None
    if copy.original != expected:
        raise RecoveryError(file, [Problem(f"belongs to {copy.original or 'untitled work'}, "
                                           f"not {expected or 'untitled work'}")])
    return copy


def discard_recovery(original: Path | None, folder: Path | None = None, token: str | None = None) -> bool:
    """Delete the recovery copy for `original`; True if there was one."""
    file = recovery_file(original, folder, token)
    try:
        file.unlink()
    except FileNotFoundError:
        return False
    return True


@dataclass(frozen=True)
class LeftBehind:
    """Every copy of one profile's unsaved work that no running window holds."""

    copies: list[RecoveryCopy]  # newest first
    damaged: list[RecoveryError]


def left_behind(original: Path | None, folder: Path | None = None, *, own_token: str | None = None) -> LeftBehind:
    """The copies for `original` left by windows that ended without saving.

    Skips this window's own copies (`own_token`) and those of windows still
    running; a copy that cannot be read is listed in `damaged`.
    """
    base = _base(original)
    return _left_behind(folder or recovery_dir(), lambda name: _copy_token(name, base), own_token)


def every_left_behind(folder: Path | None = None, *, own_token: str | None = None) -> LeftBehind:
    """Every copy of unsaved work that windows left behind, whatever profile it belongs to
    (untitled work too): what a start offers back, newest first."""
    return _left_behind(folder or recovery_dir(), _any_copy_token, own_token)


def _left_behind(folder: Path, token_of: Callable[[str], str | None], own_token: str | None) -> LeftBehind:
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return LeftBehind([], [])
    copies, damaged = [], []
    for name in names:
        token = token_of(name)
        if token is None or (token and (token == own_token or _window_running(folder, token))):
            continue
        try:
            copy = read_recovery(folder / name)
        except RecoveryError as error:
            damaged.append(error)
            continue
        if not _is_copy_of(name, copy.original, token):
            expected = name.removesuffix(".toml").removesuffix(f".{token}") if token else name.removesuffix(".toml")
            damaged.append(RecoveryError(copy.file, [Problem(
                f"belongs to {copy.original or 'untitled work'}, "
                f"not to the profile its name ({expected}) stands for")]))
            continue
        copies.append(copy)
    copies.sort(key=lambda copy: copy.saved_at, reverse=True)
    return LeftBehind(copies, damaged)


def _copy_token(name: str, base: str) -> str | None:
    """'' for the single copy of old versions, the window token, or None: not a copy of `base`."""
    if name == f"{base}.toml":
        return ""
    if name.startswith(f"{base}.") and name.endswith(".toml"):
        token = name[len(base) + 1: -len(".toml")]
        if _TOKEN.fullmatch(token):
            return token
    return None


_ANY_BASE = re.compile(rf"{UNTITLED}|[a-z0-9_-]*-[0-9a-f]{{12}}")


def _any_copy_token(name: str) -> str | None:
    """Like `_copy_token`, for a copy of any profile (None: not a recovery copy's name)."""
    stem = name.removesuffix(".toml")
    if stem == name:
        return None
    base, _, token = stem.rpartition(".")
    if base and _TOKEN.fullmatch(token) and _ANY_BASE.fullmatch(base):
        return token
    return "" if _ANY_BASE.fullmatch(stem) else None


def _is_copy_of(name: str, original: Path | None, token: str) -> bool:
    """Whether a copy named `name` (with `token`) is the copy of `original` that its header names."""
    return name == recovery_file(original, Path(), token or None).name


def _lock_file(folder: Path, token: str) -> Path:
    return folder / f"{LOCK_PREFIX}{token}{LOCK_SUFFIX}"


def _window_running(folder: Path, token: str) -> bool:
    """True while the window with `token` runs: asked directly in this process, by its lock elsewhere."""
    here = _WINDOWS.get(token)
    if here is not None:
        return here.running()
    if fcntl is None:
        return False
    try:
        descriptor = os.open(_lock_file(folder, token), os.O_RDONLY)
    except OSError:
        return False  # no lock file: the window never claimed one, or it was tidied away
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)  # also drops the lock we may just have taken
    return False


def tidy_locks(folder: Path | None = None) -> None:
    """Remove lock files of windows long gone that left no copy behind."""
    folder = folder or recovery_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        token = name[len(LOCK_PREFIX): -len(LOCK_SUFFIX)]
        if not (name.startswith(LOCK_PREFIX) and name.endswith(LOCK_SUFFIX) and _TOKEN.fullmatch(token)):
            continue
        if any(other.endswith(f".{token}.toml") for other in names) or _window_running(folder, token):
            continue
        try:
            if time.time() - (folder / name).stat().st_mtime > _STALE_LOCK_AGE:
                (folder / name).unlink()
        except OSError:
            pass


_WINDOWS: weakref.WeakValueDictionary[str, WindowRecovery] = weakref.WeakValueDictionary()


class WindowRecovery:
    """One window's recovery copies: named with its own token, claimed by its lock.

    The lock is taken with the first copy written and held until `release`
    (or until the process ends, however it ends).
    """

    def __init__(
        self, folder: Path | None = None, token: str | None = None, running: Callable[[], bool] | None = None
    ) -> None:
        self._folder = folder
        self.token = token or os.urandom(4).hex()
        self._lock: int | None = None
        self._running = running
        _WINDOWS[self.token] = self

    def running(self) -> bool:
        """Whether the window is still open (a window in this process says so itself)."""
        return self._lock is not None and (self._running is None or self._running())

    @property
    def folder(self) -> Path:
        return self._folder or recovery_dir()  # looked up late: TRUTHMAP_HOME may change in tests

    def file(self, original: Path | None) -> Path:
        return recovery_file(original, self.folder, self.token)

    def write(self, profile: Profile, original: Path | None, now: datetime | None = None,
              base: Base | None = None) -> Path:
        self._claim()
        return write_recovery(profile, original, folder=self.folder, now=now, token=self.token, base=base)

    def discard(self, original: Path | None) -> bool:
        return discard_recovery(original, self.folder, self.token)

    def left_behind(self, original: Path | None) -> LeftBehind:
        return left_behind(original, self.folder, own_token=self.token)

    def every_left_behind(self) -> LeftBehind:
        return every_left_behind(self.folder, own_token=self.token)

    def _claim(self) -> None:
        if self._lock is not None or fcntl is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(_lock_file(self.folder, self.token), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            raise
        self._lock = descriptor

    def release(self) -> None:
        """The window is closing: let go of the lock (its remaining copies become left behind)."""
        if self._lock is None:
            return
        os.close(self._lock)
        self._lock = None
        folder = self.folder
        try:
            if not any(name.endswith(f".{self.token}.toml") for name in os.listdir(folder)):
                _lock_file(folder, self.token).unlink()
        except OSError:
            pass


def set_aside(file: Path, now: datetime | None = None) -> Path:
    """Rename an unreadable copy out of the way (kept for a person to inspect)."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    target = file.with_name(f"{file.stem}.corrupt-{stamp}{file.suffix}.bak")
    file.replace(target)
    return target


def _absolute(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def _header(file: Path, data: bytes) -> tuple[Path | None, datetime, Base | None]:
    lines = data.split(b"\n", 2)
    if len(lines) < 3 or not lines[1].startswith(_HEADER_KEY.encode()):
        raise RecoveryError(file, [Problem("the recovery header is missing")])
    try:
        header = json.loads(lines[1][len(_HEADER_KEY):].decode("utf-8"))
        original = header["original"]
        saved_at = datetime.fromisoformat(header["saved_at"])
        if original is not None and not isinstance(original, str):
            raise TypeError("original must be a string")
        base = _base_of(header.get("base"))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise RecoveryError(file, [Problem(f"the recovery header is damaged ({error})")]) from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=timezone.utc)
    return (Path(original) if original is not None else None), saved_at, base


def _base_of(value: object) -> Base | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(key), str | None) for key in ("sha256", "text")):
        raise TypeError("base must hold a sha256 and a text")
    return Base(value.get("sha256"), value.get("text"))

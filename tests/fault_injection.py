"""Make one file-system call fail, on purpose: the n-th call on a path under a folder.

Patches the functions everything else is built on (`os.stat`, `os.open`,
`open`, `os.scandir`, `os.replace`...), so `Path`, `tempfile` and `shutil` go
through them too.  Calls on other paths (Textual's own files) pass untouched.
Not a test module.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
from pathlib import Path

ERRNOS = (errno.ENAMETOOLONG, errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EIO)
_PATCHED = [(os, "stat"), (os, "lstat"), (os, "open"), (os, "listdir"), (os, "scandir"), (os, "mkdir"),
            (os, "unlink"), (os, "remove"), (os, "replace"), (os, "rename"), (os, "chmod"), (os, "utime"),
            (os, "rmdir"), (os, "readlink"), (io, "open"), (builtins, "open")]


_RANDOM_PART = re.compile(r"(\.truthmap-)[a-z0-9_]{8}(\.tmp)|(session-|\.)[0-9a-f]{8}(\.lock|\.toml)")


def call_site(name: str, path: str) -> tuple[str, str]:
    """A call as (function, path) with the random part of temporary and window names taken out."""
    return name, _RANDOM_PART.sub(lambda m: f"{m[1] or m[3]}*{m[2] or m[4]}", path)


class Faults:
    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.calls: list[tuple[str, str]] = []
        self.fail_at: tuple[str, str] | None = None
        self.errno = errno.EIO
        self.failed: tuple[str, str] | None = None
        self.recording = False

    def install(self, monkeypatch) -> None:
        for module, name in _PATCHED:
            monkeypatch.setattr(module, name, self._wrap(getattr(module, name), name))

    def arm(self, site: tuple[str, str] | None, error: int = errno.EIO) -> None:
        """Record calls from now on; the first call at `site` fails with `error`."""
        self.calls, self.fail_at, self.errno, self.failed = [], site, error, None
        self.recording = True

    def sites(self) -> list[tuple[str, str]]:
        """The distinct call sites recorded, in the order first seen."""
        return list(dict.fromkeys(call_site(*call) for call in self.calls))

    def disarm(self) -> None:
        """No more failures (what was recorded and what failed stay readable)."""
        self.fail_at = None
        self.recording = False

    def _wrap(self, real, name):
        def call(*args, **kwargs):
            target = args[0] if args else kwargs.get("path", kwargs.get("file"))
            if isinstance(target, (str, bytes, os.PathLike)):
                path = os.fsdecode(os.fspath(target))
                if path.startswith(self.root) and self.recording:
                    self.calls.append((name, path))
                    if self.failed is None and call_site(name, path) == self.fail_at:
                        self.failed = (name, path)
                        raise OSError(self.errno, os.strerror(self.errno), path)
            return real(*args, **kwargs)

        return call


def snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes | None]:
    """Every file and folder under `root` with its bytes (folders: None)."""
    found: dict[str, bytes | None] = {}
    for path in sorted(Path(root).rglob("*")):
        key = str(path.relative_to(root))
        if any(key.startswith(part) for part in skip):
            continue
        found[key] = None if path.is_dir() else path.read_bytes()
    return found

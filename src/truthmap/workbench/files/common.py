"""Plain helpers of the file flows: paths as a person means them, and saying what went wrong."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...document import Document, same_path
from ...recovery import Base
from ...storage import dump_profile

if TYPE_CHECKING:
    from ...storage import ProfileError
    from .host import FilesHost
    from .profile_files import ProfileFiles


def existing_elsewhere(path: Path, folder: Path) -> Path | None:
    """A profile of the same name in `folder` when `path` itself does not exist yet.

    `truthmap studio.toml` typed in another folder most likely means the
    studio.toml in the profiles folder, not a blank profile here.
    """
    if exists(path):
        return None
    candidate = folder / path.name
    if not candidate.is_file() or same_path(absolute(path), absolute(candidate)):
        return None
    return candidate


def inside(path: Path, folder: Path) -> bool:
    """`path` is a file directly in `folder` (links and `..` resolved first)."""
    return same_path(absolute(path).parent, absolute(folder))


def exists(path: Path) -> bool:
    """Anything at `path`, a dangling link included (an unreadable spot counts as taken)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return True


def absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def why(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error) or type(error).__name__


async def in_thread(save: Callable[[], object]) -> None:
    """A save off the UI thread: keeping a file's layout parses it, which takes long on a
    large file (benchmarks/README.md, `layout.py`), and keys typed meanwhile must still
    echo.  The document takes the saved profile only when done."""
    await asyncio.to_thread(save)


def base_of(document: Document) -> Callable[[], Base]:
    """What the open work was made against, taken now and written out when called (in a
    thread: writing out a large profile takes a while): the file as last read or written;
    for untitled work no file, and the profile it started from (the sample, a template)."""
    if document.path is not None:
        base = Base.of(document.stamp, document.text)
        return lambda: base
    saved = document.saved
    return lambda: Base(None, dump_profile(saved) if saved is not None else None)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "profile"


def cannot_write(host: FilesHost, path: Path | None, error: Exception) -> None:
    host.tell(f"Could not write {path}: {why(error)}", severity="error", timeout=10)


def cannot_open(host: FilesHost, error: ProfileError, title: str = "Cannot open this profile") -> None:
    host.tell("\n".join(error.lines()[:4]), title=title, severity="error", timeout=10)


class Flow:
    """One kind of file flow of a window (saving, opening, ...): its files, their host, the open document."""

    def __init__(self, files: ProfileFiles) -> None:
        self.files = files
        self.host = files.host

    @property
    def document(self) -> Document:
        return self.files.document

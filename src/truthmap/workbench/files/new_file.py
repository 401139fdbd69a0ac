"""Asking where a new file goes (a report, a target): the path, its folder, and before replacing a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..dialogs.questions import Choice, ChoiceScreen, PathInputScreen
from .common import exists

if TYPE_CHECKING:
    from .profile_files import ProfileFiles


@dataclass(frozen=True)
class NewFile:
    path: Path
    create_folders: bool  # the person said yes to making its folder
    overwrite: bool  # the person said yes to replacing the file there


async def ask_new_file(files: ProfileFiles, question: Callable[[Path], PathInputScreen], suggestion: Path,
                       what: str) -> NewFile | None:
    """Ask (`question(suggestion)`) where `what` ("this report") goes, until the person settles on
    a place or cancels (None): a missing folder is made only when they say so, and an
    existing file replaced only when they say so; "another name" asks again from the name given."""
    host = files.host
    while True:
        path = await host.ask(question(suggestion))
        if path is None:
            return None
        ready = await files.saving.folder_ready(path)
        if ready == "another":
            suggestion = path
            continue
        if ready not in ("ok", "create"):
            return None
        overwrite = exists(path)
        if overwrite:
            answer = await ask_replace(files, path, what)
            if answer == "another":
                suggestion = path
                continue
            if answer != "replace":
                return None
        return NewFile(path, ready == "create", overwrite)


async def ask_replace(files: ProfileFiles, path: Path, what: str) -> str | None:
    """Whether to replace the file at `path` with `what`: "replace", "another" (name) or None (cancel)."""
    answer = await files.host.ask(ChoiceScreen(
        "A file with that name exists",
        f"{path} already exists. Replace it with {what}? What it holds now will be lost.",
        [Choice("another", "Choose another name", "primary", "a"),
         Choice("replace", "Replace it", "error", "r"), Choice("cancel", "Cancel", key="c")],
    ))
    return answer if answer in ("replace", "another") else None

"""A profile and its target: the plan for its future, saved beside it (schema 2's `target_of`).

A target is a copy of a profile, saved as ``NAME-target.toml`` in the same
folder, whose ``target_of`` names the base file by its path from the
target's own folder.  The base is "today"; the target is where the person
means to go.  A report of either one can then say what changes between the
two (reports/target.py).

Pure and Textual-free: the workbench and the command line both use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .vocabulary import MAX_TEXT_LENGTH

if TYPE_CHECKING:
    from .analysis import Analysis
    from .comparing import Comparison
    from .model import Profile

SUFFIX = ".toml"
TARGET_STEM = "-target"
TARGET_NAME = " \u2014 target"  # "Studio Nord — target"
TODAY_NAME = " \u2014 today"  # a base named "… — today" gives a target "… — target", not "… — today — target"
TODAY, TARGET = "today", "target"


def target_path(base: Path) -> Path:
    """Where the target of `base` goes by default: `NAME-target.toml` beside it (never `.toml.toml`)."""
    return base.with_name(f"{base.name.removesuffix(SUFFIX)}{TARGET_STEM}{SUFFIX}")


def target_name(name: str) -> str:
    """The target's name: the base's with "— target" after it, kept within a name's length."""
    name = name.removesuffix(TODAY_NAME)
    room = MAX_TEXT_LENGTH - len(TARGET_NAME)
    return name[:room].rstrip() + TARGET_NAME


def relative_to_folder(path: Path, folder: Path) -> str:
    """`path` as `target_of` writes it: from `folder`, with forward slashes (absolute when there is
    no way from one to the other, another drive)."""
    try:
        return Path(os.path.relpath(_absolute(path), _absolute(folder))).as_posix()
    except ValueError:
        return _absolute(path).as_posix()


def target_profile(profile: Profile, base: Path, target: Path) -> Profile:
    """The copy of `profile` (saved as `base`) that plans its future, to be saved as `target`.

    Kept evidence is left out: it counted today's exports, not the plan's.
    """
    return profile.model_copy(update={
        "name": target_name(profile.name),
        "target_of": relative_to_folder(base, target.parent),
        "evidence": [],
    })


def base_path(target: Path, profile: Profile) -> Path | None:
    """The base file a target names (None: `profile` is no target)."""
    if not profile.target_of:
        return None
    named = Path(profile.target_of)
    try:
        named = named.expanduser()
    except RuntimeError:  # no home folder for a `~`: as written
        pass
    return named if named.is_absolute() else target.parent / named


def find_target(base: Path) -> Path | None:
    """The first profile by name in `base`'s folder whose `target_of` names `base`; None if none does.

    Files that cannot be read or are not valid profiles are passed over.
    """
    from .storage import ProfileError, parse_profile
    from .vocabulary import MAX_PROFILE_BYTES

    folder = base.parent
    try:
        candidates = sorted((p for p in folder.glob(f"*{SUFFIX}") if p.is_file()), key=lambda p: p.name)
    except OSError:
        return None
    for candidate in candidates:
        if _same(candidate, base):
            continue
        try:
            with open(candidate, "rb") as handle:
                data = handle.read(MAX_PROFILE_BYTES + 1)
        except OSError:
            continue
        if b"target_of" not in data:  # most files: no need to parse them
            continue
        try:
            profile = parse_profile(data, str(candidate))
        except ProfileError:
            continue
        named = base_path(candidate, profile)
        if named is not None and _same(named, base):
            return candidate
    return None


@dataclass(frozen=True)
class Pair:
    """Today and its target, each as (label, profile, analysis); `side`: which of the two a report is of."""

    today: tuple[str, Profile, Analysis]
    target: tuple[str, Profile, Analysis]
    side: str = TODAY

    def comparison(self) -> Comparison:
        from .comparing import compare_profiles

        return compare_profiles([self.today, self.target])


def pair_of(profile: Profile, analysis: Analysis, path: Path | None, *,
            target: Path | None = None, label: str | None = None,
            target_profile: Profile | None = None) -> Pair | None:
    """The pair a report of `profile` (its file: `path`) covers, or None.

    `target` given (``report --target``): `profile` is today and that file its target
    (`target_profile`: that file already read, so it is not read again).
    Otherwise a profile that is a target has its base as today; a base has the
    first file beside it that names it as its target.  Raises ProfileError when
    the other file cannot be read.
    """
    from .analysis import analyze
    from .storage import read_profile

    own_label = label or (path.name if path is not None else "this profile")
    if target is None and path is not None:
        base = base_path(path, profile)
        if base is not None:
            other = read_profile(base).profile
            return Pair((file_label(base, path), other, analyze(other)), (own_label, profile, analysis), TARGET)
        target = find_target(path)
    if target is None:
        return None
    other = target_profile if target_profile is not None else read_profile(target).profile
    return Pair((own_label, profile, analysis), (file_label(target, path), other, analyze(other)), TODAY)


def file_label(path: Path, beside: Path | None) -> str:
    """A file name, or its path when both files have the same name."""
    return str(path) if beside is not None and path.name == beside.name else path.name


def _absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def _same(first: Path, second: Path) -> bool:
    from .document import same_path

    return same_path(first, second)

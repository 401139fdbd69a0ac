"""One check against the exports, as the command line and the workbench both run it:
the exports picked for the profile's systems read, matched and judged.

The workbench calls :func:`check` in a thread, with a progress callback; the
command line (command.py) calls it with its progress bar.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .facts import Thresholds
from .findings import EvidenceResult, assess
from .matching import match
from .reading import Export, read_export

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".json")
Progress = Callable[[str, int, int], None]  # (stage: "reading" or "matching", done, total)


@dataclass(frozen=True)
class Pick:
    """An export picked for one of the profile's systems, and the columns a person named."""

    system: str
    path: Path
    columns: dict[str, str] = field(default_factory=dict)  # field -> column, as --map gives them


def tool_of(profile: Any, system_id: str) -> str | None:
    """The tool catalog's id for a system of the profile (by its name, then its id): its preset is tried first."""
    from ..knowledge import knowledge

    system = profile.system(system_id)
    tool = (knowledge().tool_named(system.name) if system is not None else None) or knowledge().tool_named(system_id)
    return tool.id if tool else None


def read_pick(profile: Any, index: int, pick: Pick) -> Export:
    """One picked export read; EvidenceError (ColumnsUnknown when no column is known) if it cannot be."""
    return read_export(index, pick.system, pick.path, tool=tool_of(profile, pick.system),
                       columns=pick.columns or None)


def check(profile: Any, picks: Sequence[Pick], entity: str = "client", thresholds: Thresholds | None = None,
          progress: Progress | None = None) -> EvidenceResult:
    """Read every pick (in order), match them and judge the map; EvidenceError on the first bad file."""
    exports = []
    for index, pick in enumerate(picks):
        if progress is not None:
            progress("reading", index, len(picks))
        exports.append(read_pick(profile, index, pick))
    matched = match(exports, thresholds, (lambda done, total: progress("matching", done, total))
                    if progress is not None else None)
    return assess(profile, entity, exports, matched, thresholds)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


def export_files(folder: Path) -> list[Path]:
    """The files in `folder` that may be exports (CSV, TSV, text, JSON), by name; [] when there is none."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            if entry.name.casefold().endswith(EXPORT_SUFFIXES) and entry.is_file():
                found.append(folder / entry.name)
        except OSError:
            continue
    return sorted(found, key=lambda path: path.name.casefold())


def proposed_export(folder: Path, system_id: str, system_name: str, taken: Sequence[Path] = ()) -> Path:
    """The file to propose for a system: one in `folder` whose name holds the system's id or name
    (`hubspot-companies.csv` for HubSpot), not picked already; else `folder/<id>.csv`."""
    keys = {key for key in (_slug(system_id), _slug(system_name)) if key}
    for path in export_files(folder):
        if path not in taken and any(key in _slug(path.stem) for key in keys):
            return path
    return folder / f"{system_id}.csv"

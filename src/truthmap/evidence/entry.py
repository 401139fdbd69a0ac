"""What a profile may keep of a run: one `[[evidence]]` entry per export.

Only facts about the file and counts: the system, the file's name (no
folder), its SHA-256, its rows, the date, and per finding kind how many of
its rows the findings flag.  No client name, address, domain or row content
ever goes in.  The keys are the profile's own (`truthmap.model.Evidence`,
schema 2); `truthmap.editing.keep_evidence` puts them in a profile.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from .findings import EvidenceResult, flagged_rows


def evidence_entries(result: EvidenceResult, on: date | None = None) -> list[dict[str, Any]]:
    """The `[[evidence]]` entries of a run, as plain data, one per export in the order given
    (`date` a date, as TOML holds it)."""
    day = on or date.today()
    return [
        {
            "system": export.system,
            "file": PurePath(export.file).name,
            "sha256": export.sha256,
            "rows": export.rows,
            "date": day,
            "counts": dict(sorted(flagged_rows(result, export).items())),
        }
        for export in result.exports
    ]

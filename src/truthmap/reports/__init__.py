"""Reports over one profile or several: text (Rich), Markdown, HTML and JSON.

Textual-free and quick to import: each format's module loads only when
asked for.  Every renderer returns a string; the caller decides where it goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from collections.abc import Sequence

from ..analysis import Analysis
from .dates import report_date

__all__ = ["FORMATS", "COMPARISON_FORMATS", "render_report", "render_comparison", "report_date", "column_labels"]

if TYPE_CHECKING:
    from ..model import Profile
    from ..storage import LoadedProfile
    from ..targets import Pair

FORMATS = ("text", "markdown", "json", "html")
COMPARISON_FORMATS = ("text", "markdown", "json")
DEFAULT_WIDTH = 100


def render_report(profile: Profile, analysis: Analysis, fmt: str, color: bool = False,
                  width: int = DEFAULT_WIDTH, *, date: dt.date | None = None, detail: bool = False,
                  target: Pair | None = None) -> str:
    """The analysis of one profile in `fmt`: the one entry point for the command line and the workbench.

    "text" and "json" carry the full detail; "markdown" and "html" are the client
    report (reports/client.py), dated `date` (None: :func:`report_date`), with the
    rule ids and profile paths beside each item when `detail`, else in an appendix.
    `target`: the profile and its target (truthmap.targets.pair_of), `profile` being one
    of the two: the report then says what changes from today to the target
    (reports/target.py; in JSON, the comparison under `target`).
    """
    changes = None
    if target is not None and fmt != "json":
        from .target import target_changes

        changes = target_changes(target)
    if fmt == "text":
        from . import text

        return text.render(profile, analysis, width=width, color=color, target=changes)
    if fmt == "markdown":
        from . import markdown

        return markdown.render(profile, analysis, date=date, detail=detail, target=changes)
    if fmt == "html":
        from . import html

        return html.render(profile, analysis, date=date, detail=detail, target=changes)
    if fmt == "json":
        from . import json_report

        return json_report.render(profile, analysis, target=target)
    raise ValueError(f"unknown report format {fmt!r} (expected one of {', '.join(FORMATS)})")


def render_comparison(loaded_profiles: Sequence[LoadedProfile], fmt: str, color: bool = False,
                      width: int = DEFAULT_WIDTH) -> str:
    """Two or more loaded profiles side by side, differences marked."""
    from ..analysis import analyze
    from ..comparing import compare_profiles

    labels = column_labels(loaded_profiles)
    comparison = compare_profiles(
        [(label, loaded.profile, analyze(loaded.profile))
         for label, loaded in zip(labels, loaded_profiles)]
    )
    if fmt == "text":
        from . import compare_text

        return compare_text.render(comparison, width=width, color=color)
    if fmt == "markdown":
        from . import markdown

        return markdown.render_comparison(comparison)
    if fmt == "json":
        from . import json_report

        return json_report.dumps(comparison.to_dict())
    raise ValueError(f"unknown report format {fmt!r} (expected one of {', '.join(FORMATS)})")


def column_labels(loaded_profiles: Sequence[LoadedProfile]) -> list[str]:
    """File names when they tell the profiles apart, else the paths as given."""
    names = [loaded.path.name for loaded in loaded_profiles]
    if len(set(names)) == len(names):
        return names
    return [str(loaded.path) for loaded in loaded_profiles]

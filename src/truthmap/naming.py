"""A finding in a few words: its title and the place it is about.

Below the reports on purpose: the comparison (comparing.py), every report
and `truthmap check` name findings the same way, and none of them needs the
report layer for it.  Strings are raw; each renderer makes them safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .glyphs import mark_look
from .knowledge import knowledge

if TYPE_CHECKING:
    from .analysis import Finding


def where(finding: Finding) -> str:
    """The entity and/or stage a finding is about, in words ("-" if neither)."""
    parts = []
    if finding.entity:
        parts.append(knowledge().entity_label(finding.entity))
    if finding.stage:
        parts.append(f"{knowledge().stage_label(finding.stage)} stage")
    return ", ".join(parts) or "-"


def where_id(finding: Finding) -> str:
    """The same, as ids: what `truthmap check` prints for scripts."""
    return finding.entity or finding.stage or "-"


def finding_title(finding: Finding) -> str:
    """ "Duplicated copy · Client": a finding's kind and where, in a few words."""
    title, place = mark_look(finding.kind)[2], where(finding)
    return title if place == "-" else f"{title} · {place}"

"""The health of today's setup: the article's health check, area by area.

Not a fourth model: it says how well the mapped boundaries work, from the
same findings the findings pane lists.  Each lifecycle area (areas.toml) is
2 (solid), 1 (works but fragile: a medium finding) or 0 (missing or broken:
a high finding, or nothing mapped); the total is their sum over the most
they could reach, 0-100.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import knowledge
from .types import AreaHealth, Finding, Health

if TYPE_CHECKING:
    from ..model import Profile

SOLID = 2


def areas_of(finding: Finding) -> tuple[str, ...]:
    """The areas a finding falls in: its stage's, else its entity's, else its kind's (if any)."""
    know = knowledge()
    if finding.stage is not None:
        return tuple(area.id for area in know.areas.values() if finding.stage in area.stages)
    if finding.entity is not None:
        return tuple(area.id for area in know.areas.values() if finding.entity in area.entities)
    return tuple(know.area_rules["whole_setup"].get(finding.kind, ()))


def mapped_areas(profile: Profile) -> set[str]:
    """Areas with something mapped: a record of one of their kinds of data, or a tracked stage."""
    entities = {record.entity for record in profile.records}
    stages = {stage.stage for stage in profile.stages if stage.system is not None}
    return {area.id for area in knowledge().areas.values()
            if entities & set(area.entities) or stages & set(area.stages)}


def setup_health(profile: Profile, findings: tuple[Finding, ...]) -> Health:
    """Each area's score from the findings in it; the total over twice the number of areas."""
    know = knowledge()
    caps = know.area_rules["score"]
    mapped = mapped_areas(profile)
    placed: dict[str, list[Finding]] = {area: [] for area in know.areas}
    for finding in findings:
        for area in areas_of(finding):
            placed[area].append(finding)
    areas = []
    for area in know.areas.values():
        found = tuple(placed[area.id])
        score = min([SOLID, *(caps[f.severity] for f in found if f.severity in caps)]) if area.id in mapped else 0
        areas.append(AreaHealth(area.id, area.label, score, area.id in mapped, found))
    total = 100 * sum(area.score for area in areas) / (SOLID * len(areas)) if areas else 0.0
    return Health(round(total, 1), tuple(areas))

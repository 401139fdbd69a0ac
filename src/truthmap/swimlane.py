"""The swimlane map as data: stages left to right, one lane per system.

`layout` places what the profile declares (who owns and who copies each
entity, who tracks each stage, the declared handoffs) and attaches the
analysis findings to the places they concern.  Nothing here decides what is
a problem: every mark is a finding the analysis already produced.
`projected_layout` draws the same picture for a reference model with the
person's own tools.  Pure: no terminal, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .analysis.comparison import ROLE_WORDS, redraw_profile
from .analysis.current import owners_by_entity
from .analysis.findings import Context, find_all
from .analysis.types import Finding, Projection
from .knowledge import knowledge
from .model import Handoff, StageMap

if TYPE_CHECKING:
    from .model import Profile

NOBODY = "(nobody)"
"""Lane id for what no system holds: unowned entities and untracked stages.
System ids cannot contain brackets, so this never collides with one."""

# Where an entity no stage needs sits, by its phase.
_PHASE_HOME = {"pre-kickoff": "qualification", "bridge": "kickoff", "post-kickoff": "delivery",
               "money": "invoicing", "custom": "kickoff"}

_RECORD_PATH = re.compile(r"records\[(\d+)\](?:\.copies\[(\d+)\])?")
_STAGE_PATH = re.compile(r"stages\[(\d+)\]")


@dataclass(frozen=True)
class Mark:
    """One finding, pinned to the place on the map it concerns (if any)."""

    finding: Finding
    lane: str | None = None
    stage: str | None = None
    entity: str | None = None

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def located(self) -> bool:
        return self.lane is not None or self.stage is not None


@dataclass(frozen=True)
class Chip:
    """An entity drawn in a lane: owned there, copied there, or owned by nobody."""

    entity: str
    label: str
    lane: str
    stage: str
    role: str  # "owner" | "copy" | "unowned"
    sync: str | None = None
    source: str | None = None  # the owner a copy comes from
    path: str | None = None
    moved_from: tuple[str, ...] = ()  # projected maps: today's owners (NOBODY if none)
    marks: tuple[Mark, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(mark.kind for mark in self.marks)


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    kind: str
    tracks: tuple[str, ...]
    chips: tuple[Chip, ...]

    def chips_at(self, stage: str) -> list[Chip]:
        return [chip for chip in self.chips if chip.stage == stage]


@dataclass(frozen=True)
class Link:
    """Work passing from a stage in one lane to a later stage (maybe in another)."""

    from_stage: str
    to_stage: str
    from_lane: str | None
    to_lane: str | None
    declared: bool
    trigger: str | None = None
    owner: str | None = None
    mark: Mark | None = None


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    phase: str
    tracked_by: str | None
    gap: Mark | None = None


@dataclass(frozen=True)
class SwimlaneMap:
    columns: tuple[Column, ...]
    lanes: tuple[Lane, ...]
    links: tuple[Link, ...]
    marks: tuple[Mark, ...] = field(default=())

    def lane(self, lane_id: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.id == lane_id), None)

    def chips(self, entity: str) -> list[Chip]:
        return [chip for lane in self.lanes for chip in lane.chips if chip.entity == entity]


@lru_cache(maxsize=4096)
def home_stage(entity: str) -> str:
    """The stage column an entity belongs under: the first stage that needs it."""
    know = knowledge()
    for stage in know.stages.values():
        if entity in stage.needs:
            return stage.id
    return _PHASE_HOME.get(know.entity_phase(entity), "kickoff")


# ------------------------------------------------------------------ layout


def layout(profile: Profile, findings: Iterable[Finding]) -> SwimlaneMap:
    """The map of `profile`, with `findings` (from its analysis) pinned on."""
    findings = tuple(findings)
    chips = _declared_chips(profile) + _unowned_chips(findings)
    marks = [_locate(profile, finding) for finding in findings]
    by_entity: dict[str | None, list[Mark]] = {}
    for mark in marks:
        by_entity.setdefault(mark.entity, []).append(mark)
    chips = [_with_marks(chip, by_entity.get(chip.entity, ())) for chip in chips]
    trackers = {s.stage: s.system for s in profile.stages if s.system}
    columns = tuple(
        Column(stage.id, stage.label, stage.phase, trackers.get(stage.id),
               next((m for m in marks if m.kind == "untracked-stage" and m.stage == stage.id), None))
        for stage in knowledge().stages.values()
    )
    by_lane: dict[str, list[Chip]] = {}
    for chip in chips:
        by_lane.setdefault(chip.lane, []).append(chip)
    lanes = [Lane(system.id, system.name, system.kind,
                  tuple(s for s in knowledge().stages if trackers.get(s) == system.id),
                  _ordered(by_lane.get(system.id, [])))
             for system in profile.systems]
    nobody = _ordered(by_lane.get(NOBODY, []))
    if nobody or any(column.gap for column in columns):
        lanes.append(Lane(NOBODY, "Nobody", "no system", (), nobody))
    links = _declared_links(profile, trackers) + _gap_links(profile, marks)
    return SwimlaneMap(columns, tuple(lanes), tuple(links), tuple(marks))


def _declared_chips(profile: Profile) -> list[Chip]:
    chips: dict[tuple[str, str, str], Chip] = {}
    for index, record in enumerate(profile.records):
        label = knowledge().entity_label(record.entity)
        stage = home_stage(record.entity)
        if record.owner:
            chips.setdefault((record.owner, record.entity, "owner"),
                             Chip(record.entity, label, record.owner, stage, "owner", path=f"records[{index}]"))
        for copy_index, copy in enumerate(record.copies):
            if copy.system == record.owner:
                continue
            chips.setdefault((copy.system, record.entity, "copy"),
                             Chip(record.entity, label, copy.system, stage, "copy", copy.sync, record.owner,
                                  path=f"records[{index}].copies[{copy_index}]"))
    return list(chips.values())


def _unowned_chips(findings: tuple[Finding, ...]) -> list[Chip]:
    entities = dict.fromkeys(f.entity for f in findings if f.kind == "no-owner" and f.entity)
    return [Chip(entity, knowledge().entity_label(entity), NOBODY, home_stage(entity), "unowned")
            for entity in entities]


def _locate(profile: Profile, finding: Finding) -> Mark:
    """Pin a finding to a lane and stage column, from the profile paths that caused it."""
    if finding.kind == "untracked-stage":
        return Mark(finding, NOBODY, finding.stage)
    if finding.kind == "handoff-gap":
        stages = _cause_stages(profile, finding)
        if len(stages) == 2:
            return Mark(finding, stages[1].system, stages[1].stage)
        return Mark(finding, None, finding.stage)
    if finding.kind == "no-owner" and finding.entity:
        return Mark(finding, NOBODY, home_stage(finding.entity), finding.entity)
    for cause in finding.causes:
        match = _RECORD_PATH.match(cause.path)
        record = _indexed(profile.records, match.group(1)) if match else None
        if record is None:
            continue
        copy = _indexed(record.copies, match.group(2)) if match.group(2) else None
        lane = copy.system if copy else record.owner
        if lane:
            return Mark(finding, lane, home_stage(record.entity), record.entity)
    return Mark(finding)


def _indexed(items: list, index: str | None):
    position = int(index) if index is not None else -1
    return items[position] if 0 <= position < len(items) else None


def _cause_stages(profile: Profile, finding: Finding) -> list[StageMap]:
    found = []
    for cause in finding.causes:
        match = _STAGE_PATH.fullmatch(cause.path)
        stage = _indexed(profile.stages, match.group(1)) if match else None
        if stage is not None:
            found.append(stage)
    return found


def _with_marks(chip: Chip, marks: Iterable[Mark]) -> Chip:
    """Attach the marks that point at this chip (same lane, same entity, right role)."""
    mine = []
    for mark in marks:
        shared = mark.kind == "conflicting-owners" and chip.lane in mark.finding.systems
        if mark.entity != chip.entity or not (mark.lane == chip.lane or shared):
            continue
        is_copy_mark = mark.kind == "duplication"
        if chip.role == "unowned" or is_copy_mark == (chip.role == "copy"):
            mine.append(mark)
    return replace(chip, marks=tuple(mine)) if mine else chip


def _ordered(chips: list[Chip]) -> tuple[Chip, ...]:
    """Owners first, then copies; standard entities in knowledge order, custom ones after."""
    order = {entity: position for position, entity in enumerate(knowledge().entities)}
    roles = {"owner": 0, "unowned": 1, "copy": 2}

    def key(chip: Chip) -> tuple[int, int, str]:
        return roles[chip.role], order.get(chip.entity, len(order)), chip.entity

    return tuple(sorted(chips, key=key))


def _nearest_tracker(trackers: dict[str, str], stage: str, step: int) -> str | None:
    """The system tracking `stage`, or the nearest tracked stage before (-1) or after (+1) it."""
    stage_ids = list(knowledge().stages)
    position = stage_ids.index(stage)
    while 0 <= position < len(stage_ids):
        if stage_ids[position] in trackers:
            return trackers[stage_ids[position]]
        position += step
    return None


def _declared_links(profile: Profile, trackers: dict[str, str]) -> list[Link]:
    return [Link(h.from_stage, h.to_stage, _nearest_tracker(trackers, h.from_stage, -1),
                 _nearest_tracker(trackers, h.to_stage, +1), True, h.trigger, h.owner)
            for h in profile.handoffs]


def _gap_links(profile: Profile, marks: list[Mark]) -> list[Link]:
    """One undeclared link per handoff-gap finding, between the two stages that caused it."""
    links = []
    for mark in marks:
        stages = _cause_stages(profile, mark.finding) if mark.kind == "handoff-gap" else []
        if len(stages) == 2:
            links.append(Link(stages[0].stage, stages[1].stage, stages[0].system, stages[1].system,
                              False, mark=mark))
    return links


# ------------------------------------------------------------------ projections


def projected_profile(profile: Profile, projection: Projection) -> Profile:
    """The profile as it would be under the projection's model.

    Records come from the analysis' own projection; each stage is tracked by
    the tool that would own what the stage needs, and every passage between
    two tools becomes a planned handoff.
    """
    reference = knowledge().models[projection.model]
    records = redraw_profile(profile, reference, projection.owners).records
    owners = {record.entity: record.owner for record in records}
    stages = []
    for stage in knowledge().stages.values():
        tracker = next((owners[e] for e in stage.needs if owners.get(e)), None)
        if tracker:
            stages.append(StageMap(stage=stage.id, system=tracker))
    handoffs = [Handoff(from_stage=a.stage, to_stage=b.stage, trigger=f"planned under {reference.label}")
                for a, b in zip(stages, stages[1:]) if a.system != b.system]
    return profile.model_copy(update={"records": records, "stages": stages, "handoffs": handoffs})


def projected_layout(profile: Profile, projection: Projection) -> SwimlaneMap:
    """The map under a reference model: owners moved, moves and the new risks marked.

    Only the finding kinds the projection itself reports as risks are marked,
    so the picture and the risk list always agree.
    """
    projected = projected_profile(profile, projection)
    context = Context(current_model=projection.model, recommended_model=None, projected=True)
    risk_kinds = {risk.kind for risk in projection.risks}
    findings = [f for f in find_all(projected, context) if f.kind in risk_kinds]
    smap = layout(projected, findings)
    today = owners_by_entity(profile)
    moved = {move.entity for move in projection.moves}
    lanes = [replace(lane, chips=tuple(_with_move(chip, today, moved) for chip in lane.chips))
             for lane in smap.lanes]
    lacking = _lacking_chips(projection)
    if lacking:
        lanes = [lane for lane in lanes if lane.id != NOBODY]
        lanes.append(Lane(NOBODY, "Nobody", "tool missing", (), _ordered(lacking)))
    return replace(smap, lanes=tuple(lanes), marks=smap.marks + tuple(m for c in lacking for m in c.marks))


def _lacking_chips(projection: Projection) -> list[Chip]:
    """Entities the model would keep in a kind of tool the person does not have."""
    reference = knowledge().models[projection.model]
    chips = []
    for entity, owner in projection.owners.items():
        roles = reference.owners.get(entity, ())
        if owner is not None or not roles:
            continue
        label = knowledge().entity_label(entity)
        finding = Finding(
            kind="missing-tool", severity="medium", entity=entity, rule="model-needs-its-tools",
            message=f"{reference.label} keeps {label.lower()} in {ROLE_WORDS[roles[0]]}, and the profile has none.",
            fix=f"Add {ROLE_WORDS[roles[0]]}, or pick a model your tools can carry.",
        )
        stage = home_stage(entity)
        chips.append(Chip(entity, label, NOBODY, stage, "unowned", marks=(Mark(finding, NOBODY, stage, entity),)))
    return chips


def _with_move(chip: Chip, today: dict[str, list[str]], moved: set[str]) -> Chip:
    if chip.role != "owner" or chip.entity not in moved:
        return chip
    before = [owner for owner in today.get(chip.entity, []) if owner != chip.lane]
    return replace(chip, moved_from=tuple(before) or (NOBODY,))

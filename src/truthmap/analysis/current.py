"""What the mapped boundaries look like today: the current model and the
"your setup" column of the criteria matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import knowledge

if TYPE_CHECKING:  # the pydantic models; a truthmap.plain profile works the same
    from ..model import Profile

PRE = ("pre-kickoff",)
POST = ("post-kickoff",)


def owners_by_entity(profile: Profile) -> dict[str, list[str]]:
    """Every entity with the distinct systems named as its system of record."""
    owners: dict[str, list[str]] = {}
    for record in profile.records:
        listed = owners.setdefault(record.entity, [])
        if record.owner is not None and record.owner not in listed:
            listed.append(record.owner)
    return owners


def _roles(profile: Profile, system_id: str | None) -> tuple[str, ...]:
    system = profile.system(system_id)
    return knowledge().roles_of(system.kind) if system else ()


def _is_informal(profile: Profile, system_id: str) -> bool:
    system = profile.system(system_id)
    return system is None or knowledge().kinds[system.kind].informal


def _stage_phase(stage_id: str) -> str:
    """A stage's phase, except that a stage needing only money data (invoicing,
    payment) is money, like that data: billing is neither selling nor delivery."""
    know = knowledge()
    stage = know.stages[stage_id]
    if stage.needs and all(know.entity_phase(entity) == "money" for entity in stage.needs):
        return "money"
    return stage.phase


def placements(profile: Profile) -> list[tuple[str, str]]:
    """(phase, system id) for every owned entity and every tracked stage: what both
    the current model and the setup column are judged on (work it out once for both)."""
    know = knowledge()
    placed = []
    for entity, systems in owners_by_entity(profile).items():
        if systems:
            placed.append((know.entity_phase(entity), systems[0]))
    for stage in profile.stages:
        if stage.system is not None:
            placed.append((_stage_phase(stage.stage), stage.system))
    return placed


def classify_current(profile: Profile, placed: list[tuple[str, str]] | None = None) -> tuple[str, str]:
    """(model id or 'ad-hoc', why) for the boundaries as mapped today."""
    placed = placements(profile) if placed is None else placed
    if not placed:
        return "ad-hoc", "Nothing is mapped yet: no system of record and no tracked stage."
    informal = sum(1 for _, system in placed if _is_informal(profile, system))
    if informal * 2 >= len(placed):
        return "ad-hoc", (
            f"{informal} of {len(placed)} mapped records and stages live in chat, email, docs or spreadsheets."
        )
    selling = {s for phase, s in placed if phase in PRE and "crm" in _roles(profile, s)}
    delivering = {s for phase, s in placed if phase in POST and "pm" in _roles(profile, s)}
    if selling and delivering and not selling & delivering:
        crm_names = ", ".join(sorted(profile.system_label(s) for s in selling))
        pm_names = ", ".join(sorted(profile.system_label(s) for s in delivering))
        return "hybrid", f"Selling is owned in {crm_names} and delivery in {pm_names}: two centres of truth."
    crm_weight = sum(1 for _, s in placed if "crm" in _roles(profile, s) and "pm" not in _roles(profile, s))
    pm_weight = sum(1 for _, s in placed if "pm" in _roles(profile, s) and "crm" not in _roles(profile, s))
    both = sum(1 for _, s in placed if {"crm", "pm"} <= set(_roles(profile, s)))
    if crm_weight > pm_weight:
        return "crm-first", f"The CRM holds most of what is mapped ({crm_weight} of {len(placed)})."
    if pm_weight > crm_weight:
        return "pm-first", f"The project tool holds most of what is mapped ({pm_weight} of {len(placed)})."
    if both:
        return "crm-first", "One all-in-one tool holds the client lifecycle end to end."
    return "pm-first", "Neither the CRM nor the project tool clearly leads; treated as PM-first."


def _share(profile: Profile, placed: list[tuple[str, str]], phases: tuple[str, ...], role: str) -> float | None:
    placed = [s for phase, s in placed if phase in phases]
    if not placed:
        return None
    return sum(1 for s in placed if role in _roles(profile, s)) / len(placed)


def _level(share: float | None) -> str:
    if share is None or share < 1 / 3:
        return "limited"
    return "strong" if share >= 2 / 3 else "medium"


def setup_ratings(profile: Profile, current_model: str,
                  placed: list[tuple[str, str]] | None = None) -> dict[str, str] | None:
    """The "your setup" column: how today's boundaries rate on each criterion."""
    placed = placements(profile) if placed is None else placed
    if not placed:
        return None
    structured = [s for s in profile.systems if not knowledge().kinds[s.kind].conversation]
    untidy_copies = sum(1 for r in profile.records for c in r.copies if c.sync in ("manual", "none"))
    two_way = sum(1 for r in profile.records for c in r.copies if c.sync == "two-way")
    if untidy_copies >= 2 or len(structured) > 5:
        overhead = "high"
    elif untidy_copies == 0 and len(structured) <= 2:
        overhead = "low"
    else:
        overhead = "medium"
    moving_parts = len(structured) + two_way
    complexity = "low" if moving_parts <= 2 else "medium" if moving_parts <= 4 else "high"
    early = knowledge().criteria["early_stage_fit"].ratings.get(current_model, "rarely")
    return {
        "pipeline_clarity": _level(_share(profile, placed, PRE, "crm")),
        "delivery_execution": _level(_share(profile, placed, POST, "pm")),
        "admin_overhead": overhead,
        "setup_complexity": complexity,
        "early_stage_fit": early,
    }

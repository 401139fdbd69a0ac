"""What the mapped boundaries look like today: the current model and the
"your setup" column of the criteria matrix."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..knowledge import knowledge

if TYPE_CHECKING:
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


class Placed(list):
    """Placements, (phase, system id) each: the owned entities' first, `owned_count` of them,
    then the tracked stages."""

    def __init__(self, records: list[tuple[str, str]], stages: list[tuple[str, str]]) -> None:
        super().__init__(records + stages)
        self.owned_count = len(records)


def placements(profile: Profile) -> Placed:
    """(phase, system id) for every owned entity and every tracked stage: what both
    the current model and the setup column are judged on (work it out once for both)."""
    know = knowledge()
    records = [(know.entity_phase(entity), systems[0])
               for entity, systems in owners_by_entity(profile).items() if systems]
    stages = [(_stage_phase(stage.stage), stage.system) for stage in profile.stages if stage.system is not None]
    return Placed(records, stages)


def classify_current(profile: Profile, placed: Placed | None = None) -> tuple[str, str]:
    """(model id or 'ad-hoc', why) for the boundaries as mapped today, judged by weight.

    Hybrid needs a CRM-capable tool holding the most of the selling side and a
    different PM-capable tool the most of the delivery side (an all-in-one tool
    can be either); one stray placement never makes two centres.  With only
    one side placed, that side's model; with neither (only money, shared or
    custom data), no model: ad-hoc, never PM-first by default.
    """
    placed = placements(profile) if placed is None else placed
    if not placed:
        return "ad-hoc", "Nothing is mapped yet: no system of record and no tracked stage."
    # Where the records live decides "ad hoc" (the stages only when no record has an owner):
    # a CRM tracking the selling stages does not make records kept in chat and sheets a CRM setup.
    owned = [system for _, system in placed[:placed.owned_count]]
    judged = owned or [system for _, system in placed]
    informal = sum(count for system, count in Counter(judged).items() if _is_informal(profile, system))
    if informal * 2 > len(judged):  # "mostly": more than half
        what = "records with an owner" if owned else "tracked stages"
        return "ad-hoc", f"{informal} of {len(judged)} {what} live in chat, email, docs or spreadsheets."
    selling = [system for phase, system in placed if phase in PRE]
    delivery = [system for phase, system in placed if phase in POST]
    if not selling and not delivery:
        return "ad-hoc", ("Nothing on either side of kickoff is placed "
                          f"({_holders(profile, [system for _, system in placed])}), so no model is at the centre yet.")
    seller, deliverer = _majority(selling), _majority(delivery)
    if (seller and deliverer and seller != deliverer and "crm" in _roles(profile, seller)
            and "pm" in _roles(profile, deliverer)):
        return "hybrid", (f"Two centres of truth: {_share_words(profile, seller, selling, ' on the selling side')}, "
                          f"{_share_words(profile, deliverer, delivery, ' on the delivery side')}.")
    if not delivery:
        return "crm-first", f"Only the selling side is mapped: {_holders(profile, selling)}."
    if not selling:
        return "pm-first", f"Only the delivery side is mapped: {_holders(profile, delivery)}."
    return _by_weight(profile, placed)


def _majority(systems: list[str]) -> str | None:
    """The system holding the most of these placements, if one alone does (chat and
    email strays around a CRM do not unseat it; a tie names no holder)."""
    counts = sorted(((count, s) for s, count in Counter(systems).items()), reverse=True)
    if not counts or (len(counts) > 1 and counts[0][0] == counts[1][0]):
        return None
    return counts[0][1]


def _share_words(profile: Profile, system: str, systems: list[str], where: str = "") -> str:
    """"HubSpot holds 3 of the 6 records and stages on the selling side" (`where`: " on the selling side")."""
    count, total, name = systems.count(system), len(systems), profile.system_label(system)
    if total == 1:
        return f"{name} holds the one record or stage{where}"
    share = f"all {total}" if count == total else f"{count} of the {total}"
    return f"{name} holds {share} records and stages{where}"


def _holders(profile: Profile, systems: list[str]) -> str:
    """"Trello holds 11 of the 12 records and stages, HubSpot 1": who holds how much, largest first."""
    counts = Counter(systems)  # in first-seen order, which breaks ties in the sort
    first, *rest = sorted(counts, key=lambda system: -counts[system])
    words = _share_words(profile, first, systems)
    return ", ".join([words, *(f"{profile.system_label(s)} {counts[s]}" for s in rest[:3])])


def _by_weight(profile: Profile, placed: list[tuple[str, str]]) -> tuple[str, str]:
    """Both sides placed, one centre: the kind of tool that holds more of the map."""
    systems = [system for _, system in placed]
    roles = {system: set(_roles(profile, system)) for system in dict.fromkeys(systems)}  # once a tool
    crm = sum(1 for s in systems if "crm" in roles[s] and "pm" not in roles[s])
    pm = sum(1 for s in systems if "pm" in roles[s] and "crm" not in roles[s])
    both = sum(1 for s in systems if {"crm", "pm"} <= roles[s])
    holders = _holders(profile, systems)
    if crm + both > pm:
        return "crm-first", f"The CRM side holds the centre: {holders}."
    if pm + both > crm or (pm and pm == crm):
        # Equal weights: the article's "if still unsure, start PM-first".
        return "pm-first", f"The project side holds the centre: {holders}."
    return "ad-hoc", f"Neither a CRM nor a project tool holds the map: {holders}."


def _share(profile: Profile, placed: list[tuple[str, str]], phases: tuple[str, ...], role: str) -> float | None:
    placed = [s for phase, s in placed if phase in phases]
    if not placed:
        return None
    return sum(1 for s in placed if role in _roles(profile, s)) / len(placed)


def _level(share: float | None) -> str:
    if share is None or share < 1 / 3:
        return "limited"
    return "strong" if share >= 2 / 3 else "medium"


def _share_why(share: float | None, side: str, role: str) -> str:
    if share is None:
        return f"nothing on the {side} side is mapped"
    return f"{share:.0%} of the {side} side's records and stages are in {role}"


def setup_ratings(profile: Profile, current_model: str,
                  placed: Placed | None = None) -> dict[str, tuple[str, str]] | None:
    """The "your setup" column: how today's boundaries rate on each criterion, and why, in words."""
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
    tools = f"{len(structured)} tool{'s' if len(structured) != 1 else ''} besides chat and email"
    syncs = knowledge().syncs
    copies = (f"{untidy_copies} cop{'ies' if untidy_copies != 1 else 'y'} "
              f"{syncs['manual'].kept} or {syncs['none'].kept}")
    moving_parts = len(structured) + two_way
    complexity = "low" if moving_parts <= 2 else "medium" if moving_parts <= 4 else "high"
    early = knowledge().criteria["early_stage_fit"].ratings.get(current_model, "rarely")
    selling, delivery = _share(profile, placed, PRE, "crm"), _share(profile, placed, POST, "pm")
    return {
        "pipeline_clarity": (_level(selling), _share_why(selling, "selling", "a CRM-capable tool")),
        "delivery_execution": (_level(delivery), _share_why(delivery, "delivery", "a project tool")),
        "admin_overhead": (overhead, f"{copies}; {tools}"),
        "setup_complexity": (complexity, f"{tools} and {two_way} {syncs['two-way'].words}{'s' if two_way != 1 else ''}"),
        "early_stage_fit": (early, f"as {knowledge().model_label(current_model)}, which today's map resembles"),
    }

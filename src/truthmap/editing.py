"""Editing a profile's workflow boundaries, one valid step at a time.

Every function takes a :class:`Profile` and returns a new one; the input is
never changed.  Each checks its arguments first and raises ``ValueError``
with a sentence a person can read when the edit is impossible (an unknown
system, a duplicate id, a handoff that runs backwards), so whatever the
workbench lets someone do, the result is a valid profile.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .knowledge import Tool, knowledge
from .model import (
    Copy, Evidence, Handoff, Profile, Record, StageMap, System, answer_problem, field_problem, problem_message,
)
from .vocabulary import MAX_ID_LENGTH, STAGES

# ------------------------------------------------------------------ helpers


def _given(value: str | None) -> str | None:
    """Free text as typed; blank means "not given"."""
    if value is None or not value.strip():
        return None
    return value


def _valid(value: Any, model: type[BaseModel], field: str, what: str) -> Any:
    """`value` if `field` of `model` can take it; else ValueError in the models' own words."""
    problem = field_problem(model, field, value)
    if problem is not None:
        raise ValueError(f"{what}: {problem}.")
    return value


def _text(value: str | None, model: type[BaseModel], field: str, what: str) -> str | None:
    """Free text as typed (blank: not given), checked as `field` of `model`."""
    value = _given(value)
    return None if value is None else _valid(value, model, field, what)


def _system_name(profile: Profile, system_id: str) -> str:
    return profile.system_label(system_id)


def _entity_name(entity: str) -> str:
    return knowledge().entity_label(entity)


def _record_name(entity: str) -> str:
    """How a sentence names a record, e.g. `the sales notes record`; custom ids stay as typed."""
    label = knowledge().entity_label(entity).lower() if entity in knowledge().entities else entity
    return f"the {label} record"


def _require_system(profile: Profile, system_id: str) -> System:
    system = profile.system(system_id)
    if system is None:
        raise ValueError(f"There is no system with id {system_id!r}; add it under Systems first.")
    return system


def _require_optional_system(profile: Profile, system_id: str | None) -> None:
    if system_id is not None:
        _require_system(profile, system_id)


def _require_free_id(profile: Profile, system_id: str) -> None:
    """A new system id: valid, and no declared system's yet."""
    _valid(system_id, System, "id", "An id")
    if profile.system(system_id) is not None:
        raise ValueError(f"The id {system_id!r} is already used by {_system_name(profile, system_id)}.")


def _record(profile: Profile, index: int) -> Record:
    if not 0 <= index < len(profile.records):
        raise ValueError(f"There is no record number {index + 1}.")
    return profile.records[index]


def _replace_at(items: list, index: int, item) -> list:
    return [*items[:index], item, *items[index + 1:]]


def _without(items: list, index: int) -> list:
    return [*items[:index], *items[index + 1:]]


# ------------------------------------------------------------------ systems


def set_answer(profile: Profile, question_id: str, value: object) -> Profile:
    """`profile` with one questionnaire answer changed (None clears it).

    Raises ValueError for a value the question does not allow, e.g. a
    negative count.
    """
    check_answer(question_id, value)
    # The one field was validated; no rule ties answers together, so the rest stand as they are.
    return profile.model_copy(update={"answers": profile.answers.model_copy(update={question_id: value})})


def check_answer(question_id: str, value: object) -> None:
    """Raise ValueError, in the models' words, if the question cannot take `value`.

    The same check as :func:`set_answer`, without a profile: a questionnaire
    row can say why a key was refused before anything is posted.
    """
    problem = answer_problem(question_id, value)
    if problem is not None:
        raise ValueError(problem)


def set_details(profile: Profile, name: str, notes: str | None) -> Profile:
    """The profile's own name and notes; a blank name is refused, blank notes are none."""
    if not name.strip():
        raise ValueError("A profile needs a name.")
    _valid(name, Profile, "name", "A name")
    notes = _text(notes, Profile, "notes", "Notes")
    return profile.model_copy(update={"name": name, "notes": notes})


def details_problem(name: str, notes: str | None) -> str | None:
    """Why a name and notes cannot be a profile's (None: they can), for a dialog to show."""
    try:
        set_details(Profile(name="check"), name, notes)
    except ValueError as refused:
        return str(refused)
    return None


def system_id_for(profile: Profile, name: str, *, ignore: str | None = None) -> str:
    """A valid id derived from `name` that no declared system uses yet (but `ignore`,
    the id of a system being renamed, which may keep its id)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not base or not base[0].isalpha():
        base = f"system-{base}".rstrip("-")
    base = base[:MAX_ID_LENGTH - 4].rstrip("-")  # an id's length, with room for a "-2" to "-999"
    taken = {system.id for system in profile.systems} - {ignore}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def add_system(profile: Profile, name: str, kind: str, system_id: str | None = None) -> Profile:
    """Declare a system; its id is derived from the name unless given."""
    if not name.strip():
        raise ValueError("A system needs a name.")
    _valid(name, System, "name", "A system's name")
    _valid(kind, System, "kind", "A system's kind")
    if system_id is None:
        system_id = system_id_for(profile, name)
    else:
        _require_free_id(profile, system_id)
    system = System(id=system_id, name=name, kind=kind)
    return profile.model_copy(update={"systems": [*profile.systems, system]})


def catalog_tools(query: str = "") -> list[Tool]:
    """Catalog tools whose name, id or kind contains `query` (any case)."""
    wanted = query.strip().casefold()
    return [
        tool for tool in knowledge().tools
        if not wanted or wanted in tool.name.casefold() or wanted in tool.id or wanted in tool.kind
    ]


def add_catalog_tool(profile: Profile, tool: Tool | str) -> Profile:
    """Declare a tool from the catalog (a Tool, or its id or name): id, name and kind filled in."""
    found = knowledge().tool_named(tool) if isinstance(tool, str) else tool
    if found is None:
        raise ValueError(f"{tool!r} is not in the tool catalog; add it by hand instead.")
    if profile.system(found.id) is not None:
        raise ValueError(f"{found.name} is already one of your systems.")
    return add_system(profile, found.name, found.kind, found.id)


def rename_system(profile: Profile, system_id: str, name: str) -> Profile:
    """Give a system a new display name; its id (and every reference) stays."""
    _require_system(profile, system_id)
    if not name.strip():
        raise ValueError("A system needs a name.")
    _valid(name, System, "name", "A system's name")
    systems = [s.model_copy(update={"name": name}) if s.id == system_id else s for s in profile.systems]
    return profile.model_copy(update={"systems": systems})


def rename_system_id(profile: Profile, old: str, new: str) -> Profile:
    """Give a system a new id, and every reference to it with it: the records it owns,
    the copies kept in it, the stages it tracks and the evidence checked against it."""
    _require_system(profile, old)
    if new == old:
        return profile
    _require_free_id(profile, new)

    def moved(system_id: str | None) -> str | None:
        return new if system_id == old else system_id

    def record(item: Record) -> Record:
        copies = [copy.model_copy(update={"system": new}) if copy.system == old else copy for copy in item.copies]
        if item.owner != old and copies == item.copies:
            return item
        return item.model_copy(update={"owner": moved(item.owner), "copies": copies})

    return profile.model_copy(update={
        "systems": [s.model_copy(update={"id": new}) if s.id == old else s for s in profile.systems],
        "records": [record(r) for r in profile.records],
        "stages": [s.model_copy(update={"system": new}) if s.system == old else s for s in profile.stages],
        "evidence": [e.model_copy(update={"system": new}) if e.system == old else e for e in profile.evidence],
    })


def change_system_kind(profile: Profile, system_id: str, kind: str) -> Profile:
    _require_system(profile, system_id)
    _valid(kind, System, "kind", "A system's kind")
    systems = [s.model_copy(update={"kind": kind}) if s.id == system_id else s for s in profile.systems]
    return profile.model_copy(update={"systems": systems})


@dataclass(frozen=True)
class Removal:
    """A profile with a system removed, and what had to change because of it."""

    profile: Profile
    affected: tuple[str, ...]


def remove_system(profile: Profile, system_id: str) -> Removal:
    """Remove a system and every reference to it.

    Records it owned keep their entity with no system of record, copies kept
    in it go, and stages it tracked become untracked (a stage entry with no
    owner person left is dropped).  `affected` says each of those in words.
    """
    name = _require_system(profile, system_id).name
    affected: list[str] = []
    records = []
    for record in profile.records:
        entity = _record_name(record.entity)
        update: dict[str, object] = {}
        if record.owner == system_id:
            update["owner"] = None
            affected.append(f"{entity[0].upper()}{entity[1:]} loses its system of record.")
        kept = [copy for copy in record.copies if copy.system != system_id]
        if len(kept) != len(record.copies):
            update["copies"] = kept
            affected.append(f"The {name} copy of {entity} is removed.")
        records.append(record.model_copy(update=update) if update else record)
    stages = []
    for stage in profile.stages:
        if stage.system != system_id:
            stages.append(stage)
            continue
        affected.append(f"The {stage.stage} stage becomes untracked.")
        if stage.owner is not None:
            stages.append(stage.model_copy(update={"system": None}))
    evidence = [entry for entry in profile.evidence if entry.system != system_id]
    if len(evidence) != len(profile.evidence):
        affected.append(f"The kept counts of {name}'s exports are removed.")
    systems = [s for s in profile.systems if s.id != system_id]
    result = profile.model_copy(update={"systems": systems, "records": records, "stages": stages,
                                        "evidence": evidence})
    return Removal(result, tuple(affected))


# ------------------------------------------------------------------ records


def entity_choices(profile: Profile) -> list[str]:
    """The standard entities, then the custom ones this profile uses."""
    standard = list(knowledge().entities)
    custom = [r.entity for r in profile.records if r.entity not in knowledge().entities]
    return standard + list(dict.fromkeys(custom))


def _check_record(profile: Profile, entity: str, owner: str | None, copies: list[Copy]) -> None:
    _valid(entity, Record, "entity", "A kind of data")
    _require_optional_system(profile, owner)
    if owner is not None and any(copy.system == owner for copy in copies):
        raise ValueError(
            f"{_system_name(profile, owner)} already holds a copy of this record; "
            "remove that copy before making it the system of record."
        )


def add_record(profile: Profile, entity: str, owner: str | None = None, steward: str | None = None) -> Profile:
    """Map a kind of client data (standard or custom) to its system of record."""
    _check_record(profile, entity, owner, [])
    record = Record(entity=entity, owner=owner, steward=_text(steward, Record, "steward", "A steward"))
    return profile.model_copy(update={"records": [*profile.records, record]})


def set_record(profile: Profile, index: int, entity: str, owner: str | None, steward: str | None) -> Profile:
    """Change a record's entity, system of record and steward; its copies stay."""
    record = _record(profile, index)
    _check_record(profile, entity, owner, record.copies)
    steward = _text(steward, Record, "steward", "A steward")
    changed = record.model_copy(update={"entity": entity, "owner": owner, "steward": steward})
    return profile.model_copy(update={"records": _replace_at(profile.records, index, changed)})


def remove_record(profile: Profile, index: int) -> Profile:
    _record(profile, index)
    return profile.model_copy(update={"records": _without(profile.records, index)})


def _check_copy(profile: Profile, record: Record, system: str, sync: str, skip: int | None = None) -> None:
    _require_system(profile, system)
    _valid(sync, Copy, "sync", "A sync mode")
    where = _system_name(profile, system)
    if system == record.owner:
        raise ValueError(f"{where} is the system of record here; a copy must live somewhere else.")
    if any(copy.system == system for i, copy in enumerate(record.copies) if i != skip):
        raise ValueError(f"{_entity_name(record.entity)} already has a copy in {where}.")


def add_copy(profile: Profile, record_index: int, system: str, sync: str) -> Profile:
    """Note that a record is also kept in `system`, and how it is kept current."""
    record = _record(profile, record_index)
    _check_copy(profile, record, system, sync)
    changed = record.model_copy(update={"copies": [*record.copies, Copy(system=system, sync=sync)]})
    return profile.model_copy(update={"records": _replace_at(profile.records, record_index, changed)})


def _copy_index(record: Record, copy_index: int) -> None:
    if not 0 <= copy_index < len(record.copies):
        raise ValueError(f"{_entity_name(record.entity)} has no copy number {copy_index + 1}.")


def change_copy(
    profile: Profile, record_index: int, copy_index: int, system: str | None = None, sync: str | None = None
) -> Profile:
    """Move a copy to another system and/or change its sync mode."""
    record = _record(profile, record_index)
    _copy_index(record, copy_index)
    current = record.copies[copy_index]
    new = Copy(system=system or current.system, sync=sync or current.sync)
    _check_copy(profile, record, new.system, new.sync, skip=copy_index)
    changed = record.model_copy(update={"copies": _replace_at(record.copies, copy_index, new)})
    return profile.model_copy(update={"records": _replace_at(profile.records, record_index, changed)})


def remove_copy(profile: Profile, record_index: int, copy_index: int) -> Profile:
    record = _record(profile, record_index)
    _copy_index(record, copy_index)
    changed = record.model_copy(update={"copies": _without(record.copies, copy_index)})
    return profile.model_copy(update={"records": _replace_at(profile.records, record_index, changed)})


# ------------------------------------------------------------------ stages


def stage_entry(profile: Profile, stage: str) -> tuple[int, StageMap] | None:
    """Where `stage` is mapped in the profile (index, entry), or None."""
    for index, entry in enumerate(profile.stages):
        if entry.stage == stage:
            return index, entry
    return None


def set_stage(profile: Profile, stage: str, system: str | None, owner: str | None) -> Profile:
    """Say which system tracks `stage` and who owns it; None clears either.

    A stage cleared of both is dropped from the profile; a newly mapped one
    is placed in lifecycle order among the others.
    """
    _valid(stage, StageMap, "stage", "A stage")
    _require_optional_system(profile, system)
    owner = _text(owner, StageMap, "owner", "A stage's owner")
    found = stage_entry(profile, stage)
    if found is not None:
        index, entry = found
        if system is None and owner is None:
            return profile.model_copy(update={"stages": _without(profile.stages, index)})
        changed = entry.model_copy(update={"system": system, "owner": owner})
        return profile.model_copy(update={"stages": _replace_at(profile.stages, index, changed)})
    if system is None and owner is None:
        return profile
    position = STAGES.index(stage)
    insert_at = next(
        (i for i, entry in enumerate(profile.stages) if STAGES.index(entry.stage) > position), len(profile.stages)
    )
    new = StageMap(stage=stage, system=system, owner=owner)
    return profile.model_copy(update={"stages": [*profile.stages[:insert_at], new, *profile.stages[insert_at:]]})


# ------------------------------------------------------------------ handoffs


def _check_handoff(profile: Profile, from_stage: str, to_stage: str, skip: int | None = None) -> None:
    _valid(from_stage, Handoff, "from_stage", "A handoff's first stage")
    _valid(to_stage, Handoff, "to_stage", "A handoff's next stage")
    if STAGES.index(to_stage) <= STAGES.index(from_stage):
        raise ValueError(f"A handoff runs forward: {to_stage} must come after {from_stage}.")
    for index, handoff in enumerate(profile.handoffs):
        if index != skip and (handoff.from_stage, handoff.to_stage) == (from_stage, to_stage):
            raise ValueError(f"A handoff from {from_stage} to {to_stage} is already declared.")


def _handoff(profile: Profile, index: int) -> Handoff:
    if not 0 <= index < len(profile.handoffs):
        raise ValueError(f"There is no handoff number {index + 1}.")
    return profile.handoffs[index]


def _new_handoff(profile: Profile, from_stage: str, to_stage: str, trigger: str | None, owner: str | None) -> Handoff:
    return Handoff(from_stage=from_stage, to_stage=to_stage, trigger=_text(trigger, Handoff, "trigger", "A trigger"),
                   owner=_text(owner, Handoff, "owner", "A handoff's owner"))


def add_handoff(
    profile: Profile, from_stage: str, to_stage: str, trigger: str | None = None, owner: str | None = None
) -> Profile:
    _check_handoff(profile, from_stage, to_stage)
    new = _new_handoff(profile, from_stage, to_stage, trigger, owner)
    return profile.model_copy(update={"handoffs": [*profile.handoffs, new]})


def edit_handoff(
    profile: Profile, index: int, from_stage: str, to_stage: str, trigger: str | None, owner: str | None
) -> Profile:
    _handoff(profile, index)
    _check_handoff(profile, from_stage, to_stage, skip=index)
    new = _new_handoff(profile, from_stage, to_stage, trigger, owner)
    return profile.model_copy(update={"handoffs": _replace_at(profile.handoffs, index, new)})


def remove_handoff(profile: Profile, index: int) -> Profile:
    _handoff(profile, index)
    return profile.model_copy(update={"handoffs": _without(profile.handoffs, index)})


# ------------------------------------------------------------------ evidence


def keep_evidence(profile: Profile, entries: Iterable[Mapping[str, Any]]) -> Profile:
    """Keep the counts of a check against the tools' exports as `[[evidence]]` entries.

    `entries` are `truthmap.evidence.entry.evidence_entries()` of a run: a
    system, a file name, its SHA-256, rows, date and counts by finding kind,
    never a row of the export.  An entry replaces any earlier one of the same
    system and file; the others stay, and the new ones follow them.  (The file
    is saved as schema 2 from then on.)
    """
    kept: dict[tuple[str, str], Evidence] = {}
    for number, entry in enumerate(entries, 1):
        _require_system(profile, str(entry.get("system")))
        try:
            evidence = Evidence.model_validate(dict(entry))
        except ValidationError as error:
            item = error.errors()[0]
            where = ".".join(str(part) for part in item["loc"])
            raise ValueError(f"Evidence entry {number}: {where}: {problem_message(item)}.") from None
        kept[(evidence.system, evidence.file)] = evidence
    if not kept:
        return profile
    earlier = [entry for entry in profile.evidence if (entry.system, entry.file) not in kept]
    return profile.model_copy(update={"evidence": [*earlier, *kept.values()]})


# ------------------------------------------------------------------ describing a step


def describe_change(before: Profile, after: Profile) -> str:
    """What changed from `before` to `after`, in a few words for the undo and redo messages:
    an answer with its values ("Team size: 12 people → 5 people"), anything else named as a
    merge names it ("system Asana", "Client record", "the name"), many counted by kind, as
    the recovery dialog counts them (merging.changes_in_words)."""
    from .merging import Change, changed_items, changes_in_words

    changes = []
    for question in knowledge().questions.values():
        old, new = getattr(before.answers, question.id), getattr(after.answers, question.id)
        if old != new or type(old) is not type(new):
            changes.append(Change("answer", f"{question.short}: {question.label_of(old)} → {question.label_of(new)}"))
    changes += [change for change in changed_items(before, after) if change.kind != "answer"]
    return changes_in_words(changes) or "nothing visible"

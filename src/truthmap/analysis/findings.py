"""Where data duplication or unclear ownership arises.

One small function per finding kind.  Each finding names the entity and/or
stage, the systems involved, the rule that fired, the profile paths that
caused it, and a fix a person can act on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from typing import TYPE_CHECKING, TypeVar

from dataclasses import dataclass

from ..knowledge import knowledge
from ..plain import system_index
from .recommend import answer_cause
from .types import Cause, Finding

if TYPE_CHECKING:  # the pydantic models; a truthmap.plain profile works the same
    from ..model import Answers, Copy, Profile, Record

_Item = TypeVar("_Item")
SEVERITIES = ("high", "medium", "low")
KINDS = (
    "duplication",
    "conflicting-owners",
    "no-owner",
    "no-steward",
    "record-in-conversation",
    "untracked-stage",
    "handoff-gap",
    "tools-before-process",
    "split-context",
    "hybrid-without-rules",
)


@dataclass(frozen=True)
class Context:
    """What the rules need beyond the profile itself."""

    current_model: str
    recommended_model: str | None
    projected: bool = False  # True when judging a reference model drawn with the person's tools


def _name(profile: Profile, system_id: str | None) -> str:
    return profile.system_label(system_id)


@cache  # asked once per record and rule: the words never change for an id
def entity_words(entity: str) -> str:
    """An entity's label as it reads inside a sentence ("client", "time entries")."""
    return knowledge().entity_label(entity).lower()


@cache
def _entity_is(entity: str) -> str:
    return knowledge().entity_is(entity)


def _kind_of(profile: Profile, system_id: str | None) -> str | None:
    system = profile.system(system_id)
    return system.kind if system else None


def _is_conversation(profile: Profile, system_id: str | None) -> bool:
    kind = _kind_of(profile, system_id)
    return kind is not None and knowledge().kinds[kind].conversation


def _conversation_ids(profile: Profile) -> set[str]:
    """The ids of the profile's conversation tools: a rule asks once per record."""
    kinds = knowledge().kinds
    return {system.id for system in system_index(profile.systems).values() if kinds[system.kind].conversation}


def _has_role(profile: Profile, role: str) -> list[str]:
    """Systems that can play a role, dedicated tools before all-in-ones."""
    able = [s for s in profile.systems if role in knowledge().roles_of(s.kind)]
    return [s.id for s in sorted(able, key=lambda s: len(knowledge().roles_of(s.kind)) > 1)]


def _record_owner(profile: Profile, entity: str) -> str | None:
    return next((r.owner for r in profile.records if r.entity == entity and r.owner), None)


# ------------------------------------------------------------------ rules

_DUPLICATION_SEVERITY = {"none": "high", "manual": "medium", "two-way": "low"}
_DUPLICATION_HOW = {
    "none": "a copy nobody keeps current",
    "manual": "a copy re-typed by hand",
    "two-way": "a two-way sync, so either side can overwrite the truth",
    "one-way": "synced one way",
}


def _by_entity(profile: Profile) -> dict[str, list[tuple[int, Record]]]:
    """Each entity's records with their indexes, in profile order: one pass, reused by the rules."""
    grouped: dict[str, list[tuple[int, Record]]] = {}
    for index, record in enumerate(profile.records):
        grouped.setdefault(record.entity, []).append((index, record))
    return grouped


def rule_duplication(profile: Profile, context: Context) -> list[Finding]:
    """Judged per entity across all its records: a one-way copy declared in a
    second entry is fine as long as some entry names the owner."""
    found = []
    label = profile.system_labeller()
    for entity, entries in _by_entity(profile).items():
        if len(entries) == 1:  # most entities: one record, at most its owner
            owner = entries[0][1].owner
            owners = [owner] if owner else []
        else:
            owners = list(dict.fromkeys(r.owner for _, r in entries if r.owner))
            owner = owners[0] if owners else None
        seen: set[str] = set()
        for index, record in entries:
            for copy_index, copy in enumerate(record.copies):
                if copy.system in owners or copy.system in seen:
                    continue
                seen.add(copy.system)
                if copy.sync == "one-way" and owner is not None:
                    continue
                found.append(_duplication(label, entity, owner, copy, f"records[{index}].copies[{copy_index}]"))
    return found


def _duplication(label: Callable[[str | None], str], entity: str, owner: str | None, copy: Copy,
                 path: str) -> Finding:
    name, where = label(owner), label(copy.system)
    thing = entity_words(entity)
    if owner is None:
        fix = f"Name a system of record for {thing}, then make the {where} copy a one-way sync from it."
        message = (f"{_entity_is(entity)} kept in {where} "
                   f"({_DUPLICATION_HOW[copy.sync]}) with no system of record to copy from.")
    else:
        if copy.sync == "two-way":
            fix = f"Make the {where} copy of {thing} a one-way sync from {name}, so only {name} is edited."
        else:
            fix = f"Make the {where} copy of {thing} a one-way sync from {name}, or stop keeping it."
        message = (f"{_entity_is(entity)} held in {where} as well as in the "
                   f"system of record, {name}: {_DUPLICATION_HOW[copy.sync]}.")
    return Finding(
        kind="duplication",
        severity="medium" if owner is None else _DUPLICATION_SEVERITY[copy.sync],
        entity=entity,
        systems=tuple(s for s in (owner, copy.system) if s),
        message=message,
        fix=fix,
        rule="copy-not-one-way-from-owner",
        causes=(Cause(path, f"{where} copy ({copy.sync})"),),
    )


def rule_conflicting_owners(profile: Profile, context: Context) -> list[Finding]:
    found = []
    seen: dict[str, list[tuple[int, str]]] = {}
    for index, record in enumerate(profile.records):
        if record.owner is not None:
            seen.setdefault(record.entity, []).append((index, record.owner))
    for entity, owned in seen.items():
        if len(owned) < 2:
            continue
        systems = list(dict.fromkeys(owner for _, owner in owned))
        if len(systems) < 2:
            continue
        names = " and ".join(_name(profile, s) for s in systems)
        found.append(Finding(
            kind="conflicting-owners",
            severity="high",
            entity=entity,
            systems=tuple(systems),
            message=f"{names} are each named the system of record for {entity_words(entity)}.",
            fix=f"Pick one of {names} to own {entity_words(entity)}; make the other a one-way copy or drop it.",
            rule="one-owner-per-entity",
            causes=tuple(Cause(f"records[{i}].owner", f"owner {_name(profile, s)}") for i, s in owned),
        ))
    return found


def _stage_needs(profile: Profile) -> dict[str, int]:
    """Entities the mapped stages need, with the index of the first stage needing each."""
    needs: dict[str, int] = {}
    for index, stage in enumerate(profile.stages):
        if stage.system is None:
            continue
        for entity in knowledge().stages[stage.stage].needs:
            needs.setdefault(entity, index)
    return needs


def rule_no_owner(profile: Profile, context: Context) -> list[Finding]:
    found = []
    owned = {r.entity for r in profile.records if r.owner}
    reported: set[str] = set()
    for index, record in enumerate(profile.records):
        if record.owner or record.entity in owned or record.entity in reported:
            continue
        reported.add(record.entity)
        copies = [c.system for c in record.copies]
        found.append(Finding(
            kind="no-owner",
            severity="high" if copies else "medium",
            entity=record.entity,
            systems=tuple(copies),
            message=f"{knowledge().entity_label(record.entity)} has no system of record"
                    + (f" although it is kept in {', '.join(_name(profile, s) for s in copies)}." if copies else "."),
            fix=f"Name the one tool that holds the truth about {entity_words(record.entity)}.",
            rule="every-mapped-entity-has-an-owner",
            causes=(Cause(f"records[{index}].owner", "no owner declared"),),
        ))
    for entity, stage_index in _stage_needs(profile).items():
        if entity in owned or entity in reported:
            continue
        stage = profile.stages[stage_index]
        tracker = _name(profile, stage.system)
        if _is_conversation(profile, stage.system):
            suggestion = _fit_owner_suggestion(profile, entity, context)
        else:
            suggestion = f"{tracker}, which tracks {stage.stage}, is the obvious owner"
        found.append(Finding(
            kind="no-owner",
            severity="low",
            entity=entity,
            stage=stage.stage,
            systems=(stage.system,) if stage.system else (),
            message=f"The {stage.stage} stage relies on {entity_words(entity)}, "
                    f"but no system of record is named for {entity_words(entity)}.",
            fix=f"Add a record for {entity_words(entity)}; {suggestion}.",
            rule="stage-needs-an-owned-entity",
            causes=(Cause(f"stages[{stage_index}]", f"{stage.stage} tracked in {tracker}"),),
        ))
    return found


def _fit_owner_suggestion(profile: Profile, entity: str, context: Context) -> str:
    """A tool of the profile's that can hold an entity as a record, never chat or email."""
    know = knowledge()
    model = know.models.get(context.recommended_model or context.current_model) or know.models["pm-first"]
    for role in model.owners.get(entity, ("crm", "pm", "billing")):
        able = _has_role(profile, role)
        if able:
            return f"{_name(profile, able[0])} can hold it (a conversation tool cannot)"
    return "a CRM, project tool or billing tool should hold it, not a conversation tool"


def rule_no_steward(profile: Profile, context: Context) -> list[Finding]:
    found = []
    stewarded = {r.entity for r in profile.records if r.owner and r.steward and r.steward.strip()}
    reported: set[str] = set()
    label = profile.system_labeller()
    for index, record in enumerate(profile.records):
        if not record.owner or record.entity in stewarded or record.entity in reported:
            continue
        reported.add(record.entity)
        name = label(record.owner)
        found.append(Finding(
            kind="no-steward",
            severity="low",
            entity=record.entity,
            systems=(record.owner,),
            message=f"{_entity_is(record.entity)} owned by {name}, "
                    "but nobody is accountable for keeping that data right.",
            fix=f"Name the person or role who owns {entity_words(record.entity)} in {name}.",
            rule="every-record-has-a-steward",
            causes=(Cause(f"records[{index}].steward", "no steward"),),
        ))
    return found


def rule_record_in_conversation(profile: Profile, context: Context) -> list[Finding]:
    found = []
    conversation = _conversation_ids(profile)
    for index, record in enumerate(profile.records):
        if record.owner not in conversation:
            continue
        where = profile.system_label(record.owner)
        found.append(Finding(
            kind="record-in-conversation",
            severity="high",
            entity=record.entity,
            systems=(record.owner,),
            message=f"{_entity_is(record.entity)} kept in {where}, a conversation tool: "
                    "messages scroll away and cannot be kept current as a record.",
            fix=f"Move {entity_words(record.entity)} into a CRM, project tool or billing tool; "
                f"keep {where} for talking about it.",
            rule="conversation-is-not-a-record",
            causes=(Cause(f"records[{index}].owner", f"owner {where}"),),
        ))
    return found


def _tracked(profile: Profile) -> list[tuple[int, int, str]]:
    """(lifecycle position, profile index, system) of tracked stages, in lifecycle order."""
    know = knowledge()
    rows = [(know.stage_index(s.stage), i, s.system) for i, s in enumerate(profile.stages) if s.system]
    return sorted(rows)


def rule_untracked_stage(profile: Profile, context: Context) -> list[Finding]:
    tracked = _tracked(profile)
    if len(tracked) < 2:
        return []
    stage_ids = list(knowledge().stages)
    positions = {position for position, _, _ in tracked}
    found = []
    for position in range(tracked[0][0] + 1, tracked[-1][0]):
        if position in positions:
            continue
        stage = stage_ids[position]
        before = max(t for t in tracked if t[0] < position)
        after = min(t for t in tracked if t[0] > position)
        listed = next((i for i, s in enumerate(profile.stages) if s.stage == stage), None)
        path = f"stages[{listed}]" if listed is not None else "stages"
        found.append(Finding(
            kind="untracked-stage",
            severity="medium",
            stage=stage,
            systems=tuple(dict.fromkeys((before[2], after[2]))),
            message=f"No tool tracks the {stage} stage, between {stage_ids[before[0]]} "
                    f"({_name(profile, before[2])}) and {stage_ids[after[0]]} ({_name(profile, after[2])}).",
            fix=f"Decide which tool tracks {stage}; {_stage_suggestion(profile, after[2], before[2])}.",
            rule="no-gaps-between-mapped-stages",
            causes=(Cause(path, f"{stage} untracked"),),
        ))
    return found


def _stage_suggestion(profile: Profile, *neighbours: str) -> str:
    """Neighbouring tools that could take a stage; never a conversation tool."""
    fit = [_name(profile, s) for s in dict.fromkeys(neighbours) if not _is_conversation(profile, s)]
    if not fit:
        return "a CRM or project tool, not a conversation tool"
    return "usually " + " or ".join(fit)


def handoff_covers(profile: Profile, start: int, end: int) -> bool:
    """A declared handoff that starts at or after `start` and lands by `end`."""
    know = knowledge()
    for handoff in profile.handoffs:
        source, target = know.stage_index(handoff.from_stage), know.stage_index(handoff.to_stage)
        if start <= source < end and start < target <= end:
            return True
    return False


def rule_handoff_gap(profile: Profile, context: Context) -> list[Finding]:
    tracked = _tracked(profile)
    stage_ids = list(knowledge().stages)
    found = []
    for (pos_a, index_a, system_a), (pos_b, index_b, system_b) in zip(tracked, tracked[1:]):
        if system_a == system_b or handoff_covers(profile, pos_a, pos_b):
            continue
        a, b = stage_ids[pos_a], stage_ids[pos_b]
        name_a, name_b = _name(profile, system_a), _name(profile, system_b)
        found.append(Finding(
            kind="handoff-gap",
            severity="medium",
            stage=b,
            systems=(system_a, system_b),
            message=f"Work moves from {name_a} ({a}) to {name_b} ({b}) with no declared handoff.",
            fix=f"Declare the {a} → {b} handoff: what triggers it and who carries it from {name_a} to {name_b}.",
            rule="cross-tool-steps-need-a-handoff",
            causes=(Cause(f"stages[{index_a}]", f"{a} in {name_a}"), Cause(f"stages[{index_b}]", f"{b} in {name_b}")),
        ))
    return found


def rule_tools_before_process(profile: Profile, context: Context) -> list[Finding]:
    answers: Answers = profile.answers
    crm, pm = _has_role(profile, "crm"), _has_role(profile, "pm")
    # The misstep is buying both kinds of tool: one all-in-one playing both roles is not it.
    if not any(a != b for a in crm for b in pm) or answers.process_documented is True:
        return []
    systems = tuple(dict.fromkeys(crm + pm))
    names = " and ".join(_name(profile, s) for s in systems)
    unknown = answers.process_documented is None
    return [Finding(
        kind="tools-before-process",
        severity="medium" if unknown else "high",
        systems=systems,
        message=f"{names} are in use, but the inquiry-to-payment process is "
                f"{'not confirmed as written down' if unknown else 'not written down'}.",
        fix="Write the process down first, one line per stage and who owns it, then decide what each tool owns.",
        rule="process-before-tools",
        causes=(answer_cause(answers, "process_documented"),
                *(Cause(f"systems[{i}]", s.name) for i, s in enumerate(profile.systems) if s.id in systems)),
    )]


_DELIVERY_ENTITIES = ("project_plan", "tasks", "deliverables", "delivery_notes", "scope")
_DELIVERY_STAGES = ("kickoff", "delivery", "review")


def rule_split_context(profile: Profile, context: Context) -> list[Finding]:
    found = []
    for index, record in enumerate(profile.records):
        if record.entity != "sales_notes" or not _is_conversation(profile, record.owner):
            continue
        elsewhere = [_record_owner(profile, e) for e in _DELIVERY_ENTITIES]
        elsewhere += [s.system for s in profile.stages if s.stage in _DELIVERY_STAGES]
        delivery = [s for s in dict.fromkeys(elsewhere) if s and s != record.owner]
        if not delivery:
            continue
        chat, work = _name(profile, record.owner), ", ".join(_name(profile, s) for s in delivery)
        fit = [s for s in delivery if not _is_conversation(profile, s)]
        keep_in = f"your CRM or {_name(profile, fit[0])}" if fit else "your CRM"
        found.append(Finding(
            kind="split-context",
            severity="high",
            entity="sales_notes",
            systems=(record.owner, *delivery),
            message=f"Sales notes live in {chat} while delivery runs in {work}: "
                    "what was promised never reaches the people delivering it.",
            fix=f"Keep sales notes with the client record (in {keep_in}), "
                "and link them from the project at kickoff.",
            rule="sales-notes-travel-with-the-client",
            causes=(Cause(f"records[{index}].owner", f"sales notes in {chat}"),),
        ))
    return found


def rule_hybrid_without_rules(profile: Profile, context: Context) -> list[Finding]:
    answers = profile.answers
    where = [what for what, model in (("current setup", context.current_model),
                                      ("recommendation", context.recommended_model)) if model == "hybrid"]
    if not where or answers.ownership_rules == "yes":
        return []
    rules = "ruled out" if answers.ownership_rules == "no" else "not affirmed"
    subject = "Under Hybrid," if context.projected else f"The {' and the '.join(where)} is Hybrid, but"
    return [Finding(
        kind="hybrid-without-rules",
        severity="high" if answers.ownership_rules == "no" else "medium",
        message=f"{subject} strict ownership rules are {rules}.",
        fix="Write down which tool owns each kind of client data and that copies only ever sync one way "
            "from the owner — or simplify to one centre of truth.",
        rule="hybrid-needs-ownership-rules",
        systems=tuple(dict.fromkeys(_has_role(profile, "crm") + _has_role(profile, "pm"))),
        causes=(answer_cause(answers, "ownership_rules"),),
    )]


RULES = (
    rule_duplication,
    rule_conflicting_owners,
    rule_no_owner,
    rule_no_steward,
    rule_record_in_conversation,
    rule_untracked_stage,
    rule_handoff_gap,
    rule_tools_before_process,
    rule_split_context,
    rule_hybrid_without_rules,
)


def rule_kind(rule) -> str:
    """The kind of finding a rule makes: `rule_no_steward` makes `no-steward`."""
    return rule.__name__.removeprefix("rule_").replace("_", "-")


def find_all(profile: Profile, context: Context, kinds: tuple[str, ...] | frozenset[str] = KINDS
             ) -> tuple[Finding, ...]:
    """Every finding (of these kinds), most severe first, then in the contract's kind order."""
    found = [finding for rule in RULES if rule_kind(rule) in kinds for finding in rule(profile, context)]
    return tuple(in_report_order(found))


_REPORT_ORDER = tuple((severity, kind) for severity in SEVERITIES for kind in KINDS)


def in_report_order(items: list[_Item]) -> list[_Item]:
    """Findings (or risks of the same kinds) most severe first, then in the contract's kind
    order, each group in the order given: a stable sort, by one pass into buckets."""
    buckets: dict[tuple[str, str], list[_Item]] = {key: [] for key in _REPORT_ORDER}
    for item in items:
        buckets[item.severity, item.kind].append(item)  # type: ignore[attr-defined]
    return [item for bucket in buckets.values() for item in bucket]

"""Where data duplication or unclear ownership arises.

One small function per finding kind.  Each finding names the entity and/or
stage, the systems involved, the rule that fired, the profile paths that
caused it, and a fix a person can act on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..knowledge import knowledge
from ..model import system_index, systems_cache
from ..vocabulary import series
from .current import owners_by_entity
from .recommend import answer_cause, derive_signals, hybrid_gate
from .types import Cause, Finding

if TYPE_CHECKING:
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
    "hybrid-not-required",
)


class Context(NamedTuple):
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


def _has_role(profile: Profile, role: str) -> tuple[str, ...]:
    """Systems that can play a role, dedicated tools before all-in-ones."""
    cache = systems_cache(profile.systems)  # fixes ask once per finding: the table is built once per list
    table = cache.get("roles")
    if table is None:
        table = cache.setdefault("roles", _by_role(profile.systems))
    return table.get(role, ())


def _by_role(systems: list) -> dict[str, tuple[str, ...]]:
    know = knowledge()
    table: dict[str, list[str]] = {}
    for system in sorted(systems, key=lambda s: len(know.roles_of(s.kind)) > 1):
        for role in know.roles_of(system.kind):
            table.setdefault(role, []).append(system.id)
    return {role: tuple(ids) for role, ids in table.items()}


def _record_owner(profile: Profile, entity: str) -> str | None:
    return next((r.owner for r in profile.records if r.entity == entity and r.owner), None)


def _owner_roles(entity: str, context: Context) -> tuple[str, ...]:
    """The roles that should hold an entity, best first, under the model in view
    (the recommendation, else today's model, else PM-first: the article's default)."""
    know = knowledge()
    model = know.models.get(context.recommended_model or context.current_model) or know.models["pm-first"]
    return model.owners.get(entity, ("crm", "pm", "billing"))


# Sales notes travel with the client (the split-context rule): their home is the client's.
_TRAVELS_WITH = {"sales_notes": "client"}


def fitting_owner(profile: Profile, entity: str, context: Context,
                  owners: dict[str, list[str]] | None = None) -> tuple[str | None, str]:
    """(system id, words) of the profile's tool that fits an entity's role, for a fix to name.

    Every fix that names a new owner asks here, so all name the same home and
    none names chat or email: conversation tools play no role.  An owner the
    entity (or the entity it travels with) has today in a tool some model keeps
    it in stays (`owners`: owners_by_entity; a fix does not move what already
    fits, the comparison shows each model's moves); else the tool for the first
    role the model in view gives it; else (None, the kind of tool to add, "a new CRM")."""
    owners = owners or {}
    kept = _kept_owner(profile, entity, [*owners.get(entity, ()), *owners.get(_TRAVELS_WITH.get(entity, ""), ())])
    if kept:
        return kept, _name(profile, kept)
    roles = _owner_roles(entity, context)
    system = _first_able(profile, roles)
    return system, (_name(profile, system) if system else _new_tool(roles[0]))


def _kept_owner(profile: Profile, entity: str, owners: list[str]) -> str | None:
    """The first of these owners that plays a role some model gives the entity."""
    know = knowledge()
    roles = {role for model in know.models.values() for role in model.owners.get(entity, ("crm", "pm", "billing"))}
    for owner in owners:
        system = profile.system(owner)
        if system is not None and roles.intersection(know.roles_of(system.kind)):
            return owner
    return None


def _first_able(profile: Profile, roles: tuple[str, ...]) -> str | None:
    """The profile's tool for the first of these roles it can fill."""
    return next((able[0] for able in (_has_role(profile, role) for role in roles) if able), None)


def _new_tool(role: str) -> str:
    """ "a new CRM": the kind of tool to add for a role nobody plays."""
    return "a new " + knowledge().kinds[role].noun.split(" ", 1)[1]


# ------------------------------------------------------------------ rules

def duplication_severity(sync: str, *, owned: bool) -> str | None:
    """The severity of the duplication a copy kept by `sync` raises (syncs.toml); None: it raises none.
    `owned`: its record has a system of record to copy from."""
    if not owned:
        return knowledge().unowned_duplication
    return knowledge().syncs[sync].duplication or None


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
    conversation = _conversation_ids(profile)
    owned = owners_by_entity(profile) if conversation else {}  # only a chat-owned entity asks
    for entity, entries in _by_entity(profile).items():
        if len(entries) == 1:  # most entities: one record, at most its owner
            owner = entries[0][1].owner
            owners = [owner] if owner else []
        else:
            owners = list(dict.fromkeys(r.owner for _, r in entries if r.owner))
            owner = owners[0] if owners else None
        # Chat or email is no source to sync from: the fix names a fitting tool instead.
        source = fitting_owner(profile, entity, context, owned) if owner in conversation else None
        seen: set[str] = set()
        for index, record in entries:
            for copy_index, copy in enumerate(record.copies):
                if copy.system in owners or copy.system in seen:
                    continue
                seen.add(copy.system)
                severity = duplication_severity(copy.sync, owned=owner is not None)
                if severity is None:
                    continue
                path = f"records[{index}].copies[{copy_index}]"
                found.append(_duplication(label, entity, owner, source, copy, path, severity))
    return found


def _duplication(label: Callable[[str | None], str], entity: str, owner: str | None,
                 source: tuple[str | None, str] | None, copy: Copy, path: str, severity: str) -> Finding:
    name, where = label(owner), label(copy.system)
    thing = entity_words(entity)
    if owner is None:
        fix = f"Name a system of record for {thing}, then make the {where} copy a one-way sync from it."
        message = (f"{_entity_is(entity)} kept in {where} "
                   f"({knowledge().syncs[copy.sync].copy}) with no system of record to copy from.")
    else:
        fix = _duplication_fix(thing, name, source, copy, where)
        message = (f"{_entity_is(entity)} held in {where} as well as in the "
                   f"system of record, {name}: {knowledge().syncs[copy.sync].copy}.")
    return Finding(
        kind="duplication",
        severity=severity,
        entity=entity,
        systems=tuple(s for s in (owner, copy.system) if s),
        message=message,
        fix=fix,
        rule="copy-not-one-way-from-owner",
        causes=(Cause(path, f"{where} copy ({copy.sync})"),),
    )


def _duplication_fix(thing: str, name: str, source: tuple[str | None, str] | None, copy: Copy,
                     where: str) -> str:
    """Sync the copy one way from the owner; when the owner is chat or email, from
    `source` instead: the fitting tool (id, words) that should own it."""
    if source is None:
        if copy.sync == "two-way":
            return f"Make the {where} copy of {thing} a one-way sync from {name}, so only {name} is edited."
        return f"Make the {where} copy of {thing} a one-way sync from {name}, or stop keeping it."
    system, words = source
    if system == copy.system:  # the copy is the fitting tool: it becomes the record
        return f"Make {where} the system of record for {thing} instead of {name}; keep {name} for talking about it."
    return (f"Move {thing} from {name} into {words} (a conversation tool cannot hold a record), "
            f"then make the {where} copy a one-way sync from it, or stop keeping it.")


_COUNT_WORDS = {2: "two", 3: "three", 4: "four"}


def in_brief(finding: Finding, label: Callable[[str | None], str]) -> str:
    """A finding in a few words, for another sentence to name it
    ("Client has two owners (HubSpot, Slack)"); other kinds: their message."""
    systems = [label(s) for s in finding.systems]
    if finding.kind == "conflicting-owners" and finding.entity:
        count = _COUNT_WORDS.get(len(systems), str(len(systems)))
        return f"{knowledge().entity_label(finding.entity)} has {count} owners ({', '.join(systems)})"
    if finding.kind == "duplication" and finding.entity:
        if len(systems) == 1:  # no owner: the one system is the copy
            return f"{_entity_is(finding.entity)} kept in {systems[0]} with no system of record"
        return f"{_entity_is(finding.entity)} {_sync_of(finding.severity).brief.format(copy=systems[1])}"
    return finding.message.rstrip(".")


def _sync_of(severity: str):
    """The sync whose copy of an owned record raises a duplication of `severity` (syncs.toml
    gives each mode a severity of its own)."""
    return next(sync for sync in knowledge().syncs.values() if sync.duplication == severity)


def rule_conflicting_owners(profile: Profile, context: Context) -> list[Finding]:
    found = []
    conversation = _conversation_ids(profile)
    owners = owners_by_entity(profile) if conversation else {}  # only a chat or email owner asks
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
        names = series([_name(profile, s) for s in systems])
        found.append(Finding(
            kind="conflicting-owners",
            severity="high",
            entity=entity,
            systems=tuple(systems),
            message=f"{names} are each named the system of record for {entity_words(entity)}.",
            fix=_one_owner_fix(profile, entity, systems, context, conversation, owners),
            rule="one-owner-per-entity",
            causes=tuple(Cause(f"records[{i}].owner", f"owner {_name(profile, s)}") for i, s in owned),
        ))
    return found


def _one_owner_fix(profile: Profile, entity: str, systems: list[str], context: Context,
                   conversation: set[str], owners: dict[str, list[str]]) -> str:
    """Keep one of the owners; chat and email are never the one kept (with one
    other owner, the fitting tool of the profile's, or the kind to add, takes it)."""
    thing = entity_words(entity)
    able = [s for s in systems if s not in conversation]
    if len(able) == len(systems):
        names = series([_name(profile, s) for s in systems])
        return f"Pick one of {names} to own {thing}; make the other a one-way copy or drop it."
    talk = series([_name(profile, s) for s in systems if s in conversation])
    if len(able) > 1:
        names = series([_name(profile, s) for s in able])
        return f"Pick one of {names} to own {thing}; make the others one-way copies or drop them."
    keep = fitting_owner(profile, entity, context, owners)[1]
    return f"Make {keep} the one owner of {thing}; {talk} can hold a one-way copy at most."


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
    system, words = fitting_owner(profile, entity, context)
    if system:
        return f"{words} can hold it (a conversation tool cannot)"
    return f"{words} should hold it, not a conversation tool"


def rule_no_steward(profile: Profile, context: Context) -> list[Finding]:
    found = []
    stewarded = {r.entity for r in profile.records if r.owner and r.steward and r.steward.strip()}
    reported: set[str] = set()
    label = profile.system_labeller()
    conversation = _conversation_ids(profile)
    owners = owners_by_entity(profile) if conversation else {}  # only a chat-owned record asks
    for index, record in enumerate(profile.records):
        if not record.owner or record.entity in stewarded or record.entity in reported:
            continue
        reported.add(record.entity)
        name = label(record.owner)
        # A steward keeps the record where it belongs: never in chat or email.
        if record.owner in conversation:
            home = fitting_owner(profile, record.entity, context, owners)[1]
        else:
            home = name
        found.append(Finding(
            kind="no-steward",
            severity="low",
            entity=record.entity,
            systems=(record.owner,),
            message=f"{_entity_is(record.entity)} owned by {name}, "
                    "but nobody is accountable for keeping that data right.",
            fix=f"Name the person or role who owns {entity_words(record.entity)} in {home}.",
            rule="every-record-has-a-steward",
            causes=(Cause(f"records[{index}].steward", "no steward"),),
        ))
    return found


def rule_record_in_conversation(profile: Profile, context: Context) -> list[Finding]:
    found = []
    conversation = _conversation_ids(profile)
    owners = owners_by_entity(profile) if conversation else {}
    for index, record in enumerate(profile.records):
        if record.owner not in conversation:
            continue
        where = profile.system_label(record.owner)
        _, fit = fitting_owner(profile, record.entity, context, owners)
        found.append(Finding(
            kind="record-in-conversation",
            severity="high",
            entity=record.entity,
            systems=(record.owner,),
            message=f"{_entity_is(record.entity)} kept in {where}, a conversation tool: "
                    "messages scroll away and cannot be kept current as a record.",
            fix=f"Move {entity_words(record.entity)} into {fit}; keep {where} for talking about it.",
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
    names = series([_name(profile, s) for s in systems])
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
        _, keep_in = fitting_owner(profile, "sales_notes", context, owners_by_entity(profile))
        found.append(Finding(
            kind="split-context",
            severity="high",
            entity="sales_notes",
            systems=(record.owner, *delivery),
            message=f"Sales notes live in {chat} while delivery runs in {work}: "
                    "what was promised never reaches the people delivering it.",
            fix=f"Keep sales notes in {keep_in}, with the client record, "
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


def rule_hybrid_not_required(profile: Profile, context: Context) -> list[Finding]:
    """The article's third misstep: Hybrid picked because it sounds advanced, not because
    the constraints need it.  Today's setup is Hybrid while the answers point elsewhere."""
    wanted = context.recommended_model
    if context.projected or context.current_model != "hybrid" or wanted in (None, "hybrid"):
        return []
    label = knowledge().models[wanted].label
    crm_pm = tuple(dict.fromkeys(_has_role(profile, "crm") + _has_role(profile, "pm")))
    return [Finding(
        kind="hybrid-not-required",
        severity="medium",
        message=f"Today's setup is Hybrid, but your answers point to {label}: two centres of "
                "truth earn their upkeep only when selling and delivery both demand them, "
                "never because Hybrid looks more grown-up.",
        fix=_one_centre_fix(profile, wanted, crm_pm),
        rule="hybrid-only-when-required",
        systems=crm_pm,
        causes=(*(Cause(f"systems[{i}]", s.name) for i, s in enumerate(profile.systems) if s.id in crm_pm),
                *_not_hybrid_causes(profile.answers)),
    )]


def _one_centre_fix(profile: Profile, model: str, tools: tuple[str, ...]) -> str:
    """Name the recommended model's centre (its first needed role's tool) and the tools that
    work from it; the comparison's column for that model has the moves."""
    reference = knowledge().models[model]
    centre = _first_able(profile, reference.needs)
    rest = [_name(profile, s) for s in tools if s != centre]
    others = f"{' and '.join(rest)} {'works' if len(rest) == 1 else 'work'}" if rest else "the other tools work"
    return (f"Settle on one centre of truth, as {reference.label} does: "
            f"{_name(profile, centre) if centre else _new_tool(reference.needs[0])} holds the truth "
            f"about client work and {others} from it; the {reference.label} column of the comparison "
            "lists what moves.")


def _not_hybrid_causes(answers: Answers) -> tuple[Cause, ...]:
    """The answers that keep Hybrid out: its unmet conditions, else (the gate holds
    but the pain sits on one side) where revenue and friction are lost."""
    missing = [c for c in hybrid_gate(answers, derive_signals(answers)) if not c.holds]
    if missing:
        return tuple(dict.fromkeys(cause for condition in missing for cause in condition.causes))
    return tuple(answer_cause(answers, q) for q in ("revenue_lost", "friction",
                                                    "lost_deals_to_follow_up", "delivery_quality_bottleneck"))


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
    rule_hybrid_not_required,
)


def rule_kind(rule) -> str:
    """The kind of finding a rule makes: `rule_no_steward` makes `no-steward`."""
    return rule.__name__.removeprefix("rule_").replace("_", "-")


def find_all(profile: Profile, context: Context, kinds: tuple[str, ...] | frozenset[str] = KINDS
             ) -> tuple[Finding, ...]:
    """Every finding (of these kinds), most severe first, then in the contract's kind order."""
    the_map = _Map(profile)
    found = [finding for rule in RULES if rule_kind(rule) in kinds
             for finding in (rule(profile, context) if rule in READS_ANSWERS or context.projected
                             else _map_rule(rule, the_map, context))]
    return tuple(in_report_order(found))


# The rules that read answers; the others read the map alone (systems, records,
# stages, handoffs) with the context, so an answer changed in the workbench
# leaves their findings as they were: kept for the map in view under each
# model's context (an answer can change the recommended model), they are not
# worked out again on each keystroke (benchmarks/README.md).  No more is kept:
# a 10,000-record map's findings are megabytes.  A projected map (the
# comparison's) is new with every analysis, so it is never kept.
# tests/test_findings_kept.py fails for a rule that reads answers and is not listed.
READS_ANSWERS = frozenset((rule_tools_before_process, rule_hybrid_without_rules, rule_hybrid_not_required))


class _Map:
    """A profile's map, the same as another's when it is the same lists.

    Profiles are never changed in place (edits make new ones with model_copy, and
    undo relies on it), so the same lists hold the same map.  A cached key keeps
    its profile, so no other list can take the id of one of its lists meanwhile."""

    __slots__ = ("_ids", "profile")

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._ids = (id(profile.systems), id(profile.records), id(profile.stages), id(profile.handoffs))

    def __hash__(self) -> int:
        return hash(self._ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Map) and self._ids == other._ids


@lru_cache(maxsize=3 * len(KINDS))  # the map in view under three contexts, and a little more
def _map_rule(rule: Callable[[Profile, Context], list[Finding]], the_map: _Map, context: Context
              ) -> tuple[Finding, ...]:
    return tuple(rule(the_map.profile, context))


_REPORT_ORDER = tuple((severity, kind) for severity in SEVERITIES for kind in KINDS)


def in_report_order(items: list[_Item]) -> list[_Item]:
    """Findings (or risks of the same kinds) most severe first, then in the contract's kind
    order, each group in the order given: a stable sort, by one pass into buckets."""
    buckets: dict[tuple[str, str], list[_Item]] = {key: [] for key in _REPORT_ORDER}
    for item in items:
        buckets[item.severity, item.kind].append(item)  # type: ignore[attr-defined]
    return [item for bucket in buckets.values() for item in bucket]

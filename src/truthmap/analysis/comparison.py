"""Each reference model drawn with the person's own tools.

A projection rebuilds the profile's records as the model would have them
(owners moved to the tool that plays the model's role, the model's expected
copies added) and runs the same finding rules over it, so the risks it
reports are the very findings the person would face after moving.

Most records of a large profile are custom entities that no model places:
each stays as it is under every model, so its risks are the findings it has
today.  Those are taken once from today's findings (:class:`Shared`) rather
than redrawn and judged again under each of the three models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..knowledge import FailureSigns, ReferenceModel, knowledge
from ..model import Copy, Record
from ..vocabulary import series
from .current import owners_by_entity
from .findings import Context, entity_words, find_all, handoff_covers, in_brief, in_report_order
from .types import Finding, Move, Projection, Risk, Signals

if TYPE_CHECKING:
    from ..model import Profile

ROLE_WORDS = {"crm": "a CRM", "pm": "a project tool", "billing": "a billing tool"}
RISK_KINDS = frozenset(("duplication", "conflicting-owners", "record-in-conversation",
                        "hybrid-without-rules", "split-context", "tools-before-process"))
# The risk kinds whose findings each belong to one entity's records (the others
# look at the profile as a whole).
ENTITY_RISK_KINDS = frozenset(("duplication", "record-in-conversation"))
# Today's findings of these kinds show a model's failure mode in the map (models.toml).
SIGN_KINDS = frozenset(kind for reference in knowledge().models.values()
                       for kind in reference.failure_shown_by.findings)
NAMED_SIGNS = 3  # findings a failure-mode sentence names; the rest it counts


class Tools:
    """The profile's tools by role, worked out once per profile (not once per entity)."""

    def __init__(self, profile: Profile, owners: dict[str, list[str]]) -> None:
        know = knowledge()
        self.roles = {s.id: know.roles_of(s.kind) for s in profile.systems}
        counts: dict[str, int] = {}
        for listed in owners.values():
            for system in listed:
                counts[system] = counts.get(system, 0) + 1
        # A dedicated tool beats an all-in-one playing the role on the side;
        # then the tool that already owns the most.
        order = sorted(self.roles, key=lambda s: (len(self.roles[s]) > 1, -counts.get(s, 0)))
        self.by_role = {role: [s for s in order if role in self.roles[s]] for role in ROLE_WORDS}

    def first(self, role: str) -> str | None:
        able = self.by_role.get(role)
        return able[0] if able else None

    def fits(self, system: str | None, roles: tuple[str, ...]) -> bool:
        return system is not None and any(role in self.roles.get(system, ()) for role in roles)


def _target(tools: Tools, roles: tuple[str, ...]) -> tuple[str | None, str]:
    """The person's tool for the first role they can fill, else the first role."""
    for role in roles:
        system = tools.first(role)
        if system:
            return system, role
    return None, roles[0]


class Shared:
    """What the three projections of one profile have in common, worked out once.

    An entity is *kept* when no model places it or expects a copy of it (a
    custom entity), it has exactly one record, and that record's copies are
    in distinct systems: every model then redraws that record as it is, so
    it brings under each model exactly the duplication and conversation
    findings it has today, and the same checklist steps.
    """

    def __init__(self, profile: Profile, findings: tuple[Finding, ...] | None = None, keep: bool = True) -> None:
        """`keep` False redraws every entity: the slow way, which tests hold the kept shortcut to."""
        know = knowledge()
        self.current = owners_by_entity(profile)
        self.tools = Tools(profile, self.current)
        self.mapped = list(self.current)  # every entity with a record, in profile order
        placed = set(know.entities)
        for reference in know.models.values():
            placed.update(reference.owners)
            placed.update(entity for entity, _ in reference.copies)
        single: dict[str, Record | None] = {}  # None: more than one record
        for record in profile.records:
            if record.entity not in placed:
                single[record.entity] = None if record.entity in single else record
        self.kept: dict[str, Record] = {}
        for entity, record in single.items():
            if keep and record is not None and len({c.system for c in record.copies}) == len(record.copies):
                self.kept[entity] = record
        if findings is None:
            findings = find_all(profile, Context("ad-hoc", None), kinds=ENTITY_RISK_KINDS | SIGN_KINDS)
        # Today's findings of a kept entity are its risks under every model (when it
        # has an owner: one with none is not redrawn at all).
        risks: dict[str, list[Risk]] = {}
        for finding in findings:
            record = self.kept.get(finding.entity) if finding.kind in ENTITY_RISK_KINDS else None
            if record is not None and record.owner is not None:
                risks.setdefault(finding.entity, []).append(_risk(finding))
        self.unstewarded = False
        self.label = profile.system_labeller()
        # What today's map already shows of each model's failure mode, whatever the answers say.
        self.shown = {model: failure_shown(profile, reference.failure_shown_by, findings, self.label)
                      for model, reference in know.models.items()}
        # The kept entities' risks and checklist steps in profile order, in runs cut
        # where an entity that is not kept comes: each projection puts that
        # entity's own between the runs.  (risks, steps, the entity after them or None)
        self.runs: list[tuple[list[Risk], list[str], str | None]] = []
        run_risks: list[Risk] = []
        run_steps: list[str] = []
        for entity in self.mapped:
            record = self.kept.get(entity)
            if record is None:
                self.runs.append((run_risks, run_steps, entity))
                run_risks, run_steps = [], []
            elif record.owner is not None:
                self.unstewarded = self.unstewarded or not record.steward
                run_risks += risks.get(entity, ())
                run_steps += _copy_steps(self.label, record)
        self.runs.append((run_risks, run_steps, None))
        # Where each mapped entity is today (its first owner): where a custom entity
        # stays under every model; each model then places the entities it knows.
        self.owners = {entity: next(iter(systems), None) for entity, systems in self.current.items()}
        self.known = [entity for entity in self.mapped if entity in placed]  # mapped, and some model places it


def _risk(finding: Finding) -> Risk:
    return Risk(finding.kind, finding.severity, finding.message, finding.entity, finding.stage, finding.systems)


def _copy_steps(label: Callable[[str | None], str], record: Record) -> list[str]:
    """The checklist's steps for a redrawn record's copies that are not one-way syncs."""
    steps = []
    for copy in record.copies:
        if copy.sync != "one-way" and copy.system != record.owner:
            steps.append(f"Make the {label(copy.system)} copy of {entity_words(record.entity)} "
                         f"a one-way sync from {label(record.owner)}.")
    return steps


def _why(profile: Profile, reference: ReferenceModel, entity: str, owner: str | None, roles) -> str:
    thing = knowledge().entity_label(entity).lower()
    wanted = " or ".join(ROLE_WORDS[r] for r in roles)
    if owner is None:
        return f"{reference.label} keeps {thing} in {wanted}; today nothing is its system of record."
    system = profile.system(owner)
    what = knowledge().kinds[system.kind].noun if system else "not a declared tool"
    return f"{reference.label} keeps {thing} in {wanted}; {profile.system_label(owner)} is {what}."


def _placement(profile, reference, tools, entity, today: list[str]) -> tuple[str | None, list[Move]]:
    """Where an entity lives under the model, and the moves that takes.

    An entity moves only when the model's boundary asks for a role that none of
    its owners today can play: a billing tool keeps time entries under PM-first.
    """
    roles = reference.owners[entity]
    fitting = [owner for owner in today if tools.fits(owner, roles)]
    if fitting:
        target = fitting[0]
        role = next(r for r in roles if r in tools.roles[target])
    else:
        target, role = _target(tools, roles)
    moves = []
    for owner in today or [None]:
        if owner == target:
            continue
        if owner in fitting:  # two fitting owners today: one system of record is kept
            why = (f"{profile.system_label(owner)} and {profile.system_label(target)} both own "
                   f"{knowledge().entity_label(entity).lower()}; one system of record is kept.")
        else:
            why = _why(profile, reference, entity, owner, roles)
        moves.append(Move(entity, owner, target, role, why))
    return target, moves


def project(profile: Profile, model: str, fit: float, signals: Signals, shared: Shared) -> Projection:
    reference = knowledge().models[model]
    current, tools = shared.current, shared.tools
    # Mapped entities first (in profile order), then the model's own; a custom
    # entity stays where it is.
    owners: dict[str, str | None] = dict(shared.owners)
    moves: list[Move] = []
    for entity in shared.known:
        if entity in reference.owners:
            owners[entity], entity_moves = _placement(profile, reference, tools, entity, current[entity])
            moves += entity_moves
    unmapped = [entity for entity in reference.owners if entity not in current]
    for entity in unmapped:  # drawn where the model puts it, nothing moves
        owners[entity] = _target(tools, reference.owners[entity])[0]
    # Only the kept entities' records stay as they are; the others are redrawn and judged.
    redrawn_owners = {entity: owners[entity] for _, _, entity in shared.runs if entity is not None}
    redrawn_owners.update((entity, owners[entity]) for entity in unmapped)
    projected = redraw_profile(profile, reference, redrawn_owners, tools)
    # Only the kinds a move can bring are risks: the others (a missing steward, say)
    # are today's findings already, and are not even looked for here.
    findings = find_all(projected, Context(current_model=model, recommended_model=None, projected=True),
                        kinds=RISK_KINDS)
    fresh: dict[str, list[Risk]] = {}
    risks = []  # the profile-wide kinds; then each entity's, in the order of the redrawn records
    for finding in findings:
        if finding.kind in ENTITY_RISK_KINDS:
            fresh.setdefault(finding.entity, []).append(_risk(finding))  # type: ignore[arg-type]
        else:
            risks.append(_risk(finding))
    redrawn = {record.entity: record for record in projected.records}
    copy_steps: list[str] = []
    for run_risks, run_steps, entity in [*shared.runs, *(((), (), entity) for entity in unmapped)]:
        risks += run_risks
        copy_steps += run_steps
        if entity is not None:
            risks += fresh.get(entity, ())
            if entity in redrawn:
                copy_steps += _copy_steps(shared.label, redrawn[entity])
    risks = in_report_order(risks)  # as find_all orders them: most severe first, then by kind
    # Only records the person keeps need a steward: an entity the model merely draws
    # (nothing mapped, nothing moves) is no record of theirs to steward.
    unstewarded = shared.unstewarded or any(not r.steward for r in projected.records if r.entity in current)
    missing = tuple(role for role in reference.needs if not tools.first(role))
    applies = _failure_applies(reference, signals, profile)
    shown = shared.shown[model]
    if applies or shown:
        seen = f"Today's map already shows it: {'; '.join(shown)}." if shown else ""
        risks.append(Risk("failure-mode", "high", " ".join(filter(None, (reference.failure_mode, applies, seen)))))
    for role in missing:
        risks.append(Risk("missing-tool", "medium", f"{reference.label} needs {ROLE_WORDS[role]}; the profile has none."))
    return Projection(
        model=model,
        fit=fit,
        owners=owners,
        moves=tuple(moves),
        risks=tuple(risks),
        missing=missing,
        failure_mode=reference.failure_mode,
        failure_applies=bool(applies or shown),
        checklist=tuple(_checklist(profile, reference, moves, missing, copy_steps, unstewarded)),
        failure_shown_by=shown,
    )


def redraw_profile(profile: Profile, reference: ReferenceModel, owners: dict[str, str | None],
                   tools: Tools | None = None) -> Profile:
    """The profile's records rewritten with the model's owners and copies (one pass over the records)."""
    tools = tools or Tools(profile, owners_by_entity(profile))
    existing: dict[str, list[Record]] = {}
    for record in profile.records:
        existing.setdefault(record.entity, []).append(record)
    expected: dict[str, list[str]] = {}
    for copy_entity, role in reference.copies:
        expected.setdefault(copy_entity, []).append(role)
    records = []
    for entity, owner in owners.items():
        if owner is None:
            continue
        mine = existing.get(entity, [])
        steward = next((r.steward for r in mine if r.steward), None)
        copies = {c.system: c for r in mine for c in r.copies if c.system != owner}
        for role in expected.get(entity, ()):
            holder = tools.first(role)
            if holder and holder != owner and holder not in copies:
                # The model expects this copy; until it is automated, assume re-typing.
                copies[holder] = Copy(system=holder, sync="manual")
        records.append(Record(entity=entity, owner=owner, steward=steward, copies=list(copies.values())))
    return profile.model_copy(update={"records": records, "stages": [], "handoffs": []})


def _failure_applies(reference: ReferenceModel, signals: Signals, profile: Profile) -> str:
    """Why the model's failure mode threatens this profile, or '' if it does not."""
    if reference.failure_signal == "delivery_heavy" and signals.delivery_heavy:
        return "Your delivery pressure is high, so this is a real risk."
    if reference.failure_signal == "lead_heavy" and signals.lead_heavy:
        return "Your selling is heavy on leads, so follow-up would suffer."
    if reference.failure_signal == "rules_not_affirmed" and profile.answers.ownership_rules != "yes":
        return "Strict ownership rules are not affirmed, so this is likely."
    return ""


def failure_shown(profile: Profile, signs: FailureSigns, findings: tuple[Finding, ...],
                  label: Callable[[str | None], str]) -> tuple[str, ...]:
    """What in today's map already shows a model's failure mode, a few words each:
    the findings of the kinds it names (the first few, then a count), and the
    half of the lifecycle that no tool tracks while the other half is tracked."""
    shown = [finding for finding in findings if finding.kind in signs.findings]
    words = [in_brief(finding, label) for finding in shown[:NAMED_SIGNS]]
    if len(shown) > NAMED_SIGNS:
        more = len(shown) - NAMED_SIGNS
        words.append(f"{more} more finding{'s' if more > 1 else ''} like these")
    tracked = {stage.stage for stage in profile.stages if stage.system is not None}
    untracked = [stage for stage in signs.untracked if stage not in tracked]
    other = [stage for stage in signs.while_tracked if stage in tracked]
    if untracked and other:  # an empty map shows nothing: the other half must be there
        verb = "is" if len(other) == 1 else "are"
        words.append(f"no tool tracks {series(untracked, 'or')} while {series(other, 'and')} {verb} tracked")
    return tuple(words)


def _checklist(profile, reference, moves, missing, copy_steps: list[str], unstewarded: bool) -> list[str]:
    steps = []
    if profile.answers.process_documented is not True:
        steps.append("Write the inquiry-to-payment process down, one line per stage.")
    for role in missing:
        steps.append(f"Choose {ROLE_WORDS[role]} for {reference.label}.")
    for move in moves:
        thing = knowledge().entity_label(move.entity).lower()
        to = profile.system_label(move.target) if move.target else f"the new {ROLE_WORDS[move.target_role].split(' ', 1)[1]}"
        if move.current:
            steps.append(f"Move {thing} from {profile.system_label(move.current)} to {to}, then retire the old copy.")
        else:
            steps.append(f"Make {to} the system of record for {thing}.")
    steps += copy_steps
    if unstewarded:
        steps.append("Name a steward for every record.")
    start, end = reference.handoff
    know = knowledge()
    if not handoff_covers(profile, know.stage_index(start), know.stage_index(end)):
        steps.append(f"Declare the {know.stages[start].label.lower()} → {know.stages[end].label.lower()} handoff: "
                     "its trigger and who carries it.")
    if reference.id == "hybrid":
        steps.append("Write the ownership rules down and review them monthly.")
    return steps


def compare_models(profile: Profile, scores: dict[str, float], signals: Signals,
                   findings: tuple[Finding, ...] | None = None, *, keep: bool = True) -> tuple[Projection, ...]:
    """Each reference model with the person's tools; `findings`: today's, when already found."""
    shared = Shared(profile, findings, keep)
    return tuple(project(profile, model, scores[model], signals, shared) for model in knowledge().models)

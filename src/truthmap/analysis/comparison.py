"""Each reference model drawn with the person's own tools.

A projection rebuilds the profile's records as the model would have them
(owners moved to the tool that plays the model's role, the model's expected
copies added) and runs the same finding rules over it, so the risks it
reports are the very findings the person would face after moving.
"""

from __future__ import annotations

from ..knowledge import ReferenceModel, knowledge
from ..model import Copy, Profile, Record
from .current import owners_by_entity
from .findings import Context, find_all
from .types import Move, Projection, Risk, Signals

ROLE_WORDS = {"crm": "a CRM", "pm": "a project tool", "billing": "a billing tool"}


def _systems_for(profile: Profile, role: str) -> list[str]:
    """Systems that can play a role, the ones that already own the most first."""
    owned = owners_by_entity(profile)
    counts = {s.id: sum(1 for owners in owned.values() if s.id in owners) for s in profile.systems}
    able = [s.id for s in profile.systems if role in knowledge().roles_of(s.kind)]
    # A dedicated tool beats an all-in-one playing the role on the side.
    return sorted(able, key=lambda s: (len(knowledge().roles_of(profile.system(s).kind)) > 1, -counts[s]))


def _target(profile: Profile, roles: tuple[str, ...]) -> tuple[str | None, str]:
    """The person's tool for the first role they can fill, else the first role."""
    for role in roles:
        systems = _systems_for(profile, role)
        if systems:
            return systems[0], role
    return None, roles[0]


def _entities_in_scope(profile: Profile, reference: ReferenceModel) -> list[str]:
    """Mapped entities first (in profile order), then the model's own."""
    mapped = list(dict.fromkeys(r.entity for r in profile.records))
    return mapped + [e for e in reference.owners if e not in mapped]


def project(profile: Profile, model: str, fit: float, signals: Signals) -> Projection:
    reference = knowledge().models[model]
    current = owners_by_entity(profile)
    owners: dict[str, str | None] = {}
    moves: list[Move] = []
    for entity in _entities_in_scope(profile, reference):
        today = next(iter(current.get(entity, [])), None)
        if entity not in reference.owners:  # a custom entity stays where it is
            owners[entity] = today
            continue
        target, role = _target(profile, reference.owners[entity])
        owners[entity] = target
        if entity not in current:
            continue
        # Every owner named today that is not the target loses the entity
        # (more than one when owners conflict); no owner today is a move too.
        for owner in [o for o in current[entity] if o != target] or ([None] if not current[entity] else []):
            moves.append(Move(entity, owner, target, role))
    projected = redraw_profile(profile, reference, owners)
    findings = find_all(projected, Context(current_model=model, recommended_model=None, projected=True))
    risks = [Risk(f.kind, f.severity, f.message, f.entity) for f in findings
             if f.kind in ("duplication", "conflicting-owners", "record-in-conversation",
                           "hybrid-without-rules", "split-context", "tools-before-process")]
    missing = tuple(role for role in reference.needs if not _systems_for(profile, role))
    applies = _failure_applies(reference, signals, profile)
    if applies:
        risks.append(Risk("failure-mode", "high", f"{reference.failure_mode} {applies}"))
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
        failure_applies=bool(applies),
        checklist=tuple(_checklist(profile, reference, moves, missing, projected)),
    )


def redraw_profile(profile: Profile, reference: ReferenceModel, owners: dict[str, str | None]) -> Profile:
    """The profile's records rewritten with the model's owners and copies."""
    records = []
    for entity, owner in owners.items():
        if owner is None:
            continue
        existing = [r for r in profile.records if r.entity == entity]
        steward = next((r.steward for r in existing if r.steward), None)
        copies = {c.system: c for r in existing for c in r.copies if c.system != owner}
        for copy_entity, role in reference.copies:
            if copy_entity != entity:
                continue
            holder, _ = _target(profile, (role,))
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
        return "Your selling is lead-heavy, so follow-up would suffer."
    if reference.failure_signal == "rules_not_affirmed" and profile.answers.ownership_rules != "yes":
        return "Strict ownership rules are not affirmed, so this is likely."
    return ""


def _checklist(profile, reference, moves, missing, projected) -> list[str]:
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
    for record in projected.records:
        for copy in record.copies:
            if copy.sync != "one-way":
                steps.append(f"Make the {profile.system_label(copy.system)} copy of "
                             f"{knowledge().entity_label(record.entity).lower()} a one-way sync from "
                             f"{profile.system_label(record.owner)}.")
    if any(not r.steward for r in projected.records):
        steps.append("Name a steward for every record.")
    start, end = reference.handoff
    steps.append(f"Declare the {start} → {end} handoff: its trigger and who carries it.")
    if reference.id == "hybrid":
        steps.append("Write the ownership rules down and review them monthly.")
    return steps


def compare_models(profile: Profile, scores: dict[str, float], signals: Signals) -> tuple[Projection, ...]:
    return tuple(project(profile, model, scores[model], signals) for model in knowledge().models)

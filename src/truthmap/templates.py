"""New profiles shaped like one of the reference models.

A template is built from the model's reference boundary in the knowledge
data, so it can never drift from what the analysis calls CRM-first, PM-first
or Hybrid: one placeholder catalog tool per role the model uses, every
standard entity owned where the model puts it, every stage tracked by the
tool that owns what the stage needs, and a handoff wherever work changes
tools.  Tools and people are placeholders a person replaces with their own.
"""

from __future__ import annotations

from .knowledge import knowledge
from .model import Copy, Handoff, Profile, Record, StageMap, System

# The catalog tool standing in for each role, and who is accountable for it.
PLACEHOLDER_TOOLS = {"crm": "hubspot", "pm": "trello", "billing": "freshbooks"}
PLACEHOLDER_PEOPLE = {"crm": "Sales lead", "pm": "Project lead", "billing": "Bookkeeper"}
ROLE_ORDER = ("crm", "pm", "billing")


def template_models() -> list[tuple[str, str]]:
    """(model id, label) of every model a template can be built from."""
    return [(model.id, model.label) for model in knowledge().models.values()]


def template_profile(model_id: str) -> Profile:
    """A fresh, valid profile whose boundaries follow `model_id`; answers left open."""
    know = knowledge()
    model = know.models[model_id]
    owner_role = {entity: roles[0] for entity, roles in model.owners.items()}
    roles = [role for role in ROLE_ORDER if role in owner_role.values() or role in model.needs]
    systems = [_system(role) for role in roles]
    system_of = {role: system.id for role, system in zip(roles, systems)}

    copies: dict[str, list[Copy]] = {}
    for entity, role in model.copies:
        copies.setdefault(entity, []).append(Copy(system=system_of[role], sync="one-way"))
    records = [
        Record(
            entity=entity,
            owner=system_of[owner_role[entity]],
            steward=PLACEHOLDER_PEOPLE[owner_role[entity]],
            copies=copies.get(entity, []),
        )
        for entity in know.entities
        if entity in owner_role
    ]
    stage_role = {stage.id: owner_role[stage.needs[0]] for stage in know.stages.values()}
    stages = [
        StageMap(stage=stage, system=system_of[role], owner=PLACEHOLDER_PEOPLE[role])
        for stage, role in stage_role.items()
    ]
    return Profile(
        name=f"New {model.label} profile",
        notes=f"Started from the {model.label} template. The tools and people are placeholders: "
        "rename them or swap in the tools you use, then answer the questionnaire.",
        systems=systems,
        records=records,
        stages=stages,
        handoffs=_handoffs(stage_role),
    )


def _system(role: str) -> System:
    tool = next(tool for tool in knowledge().tools if tool.id == PLACEHOLDER_TOOLS[role])
    return System(id=tool.id, name=tool.name, kind=tool.kind)


def _handoffs(stage_role: dict[str, str]) -> list[Handoff]:
    """A handoff wherever the next stage is tracked by another tool."""
    know = knowledge()
    stages = list(stage_role)
    handoffs = []
    for before, after in zip(stages, stages[1:]):
        if stage_role[before] != stage_role[after]:
            handoffs.append(
                Handoff(
                    from_stage=before,
                    to_stage=after,
                    trigger=f"{know.stages[before].label} is complete",
                    owner=PLACEHOLDER_PEOPLE[stage_role[after]],
                )
            )
    return handoffs

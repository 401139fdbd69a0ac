"""The knowledge files and the profile model must agree, id for id."""

from __future__ import annotations

import typing

import pytest

from truthmap import model, vocabulary
from truthmap.knowledge import knowledge
from truthmap.model import Answers
from truthmap.vocabulary import ID_PATTERN

# The contract's vocabulary (SPEC section 2), spelled out independently.
SPEC_MODELS = ["crm-first", "pm-first", "hybrid"]
SPEC_STAGES = ["inquiry", "qualification", "proposal", "contract", "kickoff",
               "delivery", "review", "invoicing", "payment"]
SPEC_ENTITIES = ["lead", "opportunity", "follow_ups", "sales_notes", "client", "proposal", "contract", "scope",
                 "project_plan", "tasks", "deliverables", "change_requests", "delivery_notes", "time_entries",
                 "invoices", "payments"]
SPEC_KINDS = ["crm", "pm", "billing", "all-in-one", "docs", "spreadsheet", "email", "chat", "other"]
SPEC_SYNC = ["one-way", "two-way", "manual", "none"]
ROLES = {"crm", "pm", "billing"}
PHASES = {"pre-kickoff", "bridge", "post-kickoff", "money"}
REQUIRED_TOOLS = ["HubSpot", "Pipedrive", "Capsule", "folk", "Salesforce", "Trello", "Asana", "ClickUp", "Notion",
                  "Basecamp", "Linear", "monday.com", "FreshBooks", "Harvest", "QuickBooks", "Xero", "Stripe",
                  "HoneyBook", "Dubsado", "Bonsai", "Gmail", "Outlook", "Slack", "WhatsApp", "Google Sheets",
                  "Excel", "Google Drive"]


def literal(alias) -> list[str]:
    return list(typing.get_args(alias))


def field_literal(name: str) -> list[str]:
    """The allowed values of an Answers field typed `Literal[...] | None`."""
    annotation = Answers.model_fields[name].annotation
    (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return literal(inner)


# ------------------------------------------------------------ ids


def test_models_match():
    assert list(knowledge().models) == literal(model.Model) == list(vocabulary.MODELS) == SPEC_MODELS


def test_stages_match_in_order():
    assert list(knowledge().stages) == literal(model.Stage) == list(vocabulary.STAGES) == SPEC_STAGES


def test_kinds_match():
    assert list(knowledge().kinds) == literal(model.SystemKind) == list(vocabulary.SYSTEM_KINDS) == SPEC_KINDS


def test_sync_modes_match():
    assert list(knowledge().syncs) == literal(model.SyncMode) == list(vocabulary.SYNC_MODES) == SPEC_SYNC


def test_each_sync_mode_says_what_it_means_and_what_it_raises():
    severities = {"", "low", "medium", "high"}
    for sync in knowledge().syncs.values():
        assert sync.label and sync.short and sync.words and sync.means, sync.id
        assert sync.duplication in severities, sync.id
    assert knowledge().syncs["one-way"].duplication == ""  # the one mode that is no duplication
    assert knowledge().unowned_duplication in severities - {""}


def test_answer_value_sets_match():
    assert literal(model.Where) == list(vocabulary.WHERE_VALUES)
    assert literal(model.Complexity) == list(vocabulary.COMPLEXITY_VALUES)
    assert literal(model.RulesAnswer) == list(vocabulary.RULES_VALUES)


def test_entities_are_the_standard_ones_with_valid_phases():
    entities = knowledge().entities
    assert list(entities) == SPEC_ENTITIES
    assert {entity.phase for entity in entities.values()} <= PHASES
    assert all(ID_PATTERN.fullmatch(entity_id) for entity_id in entities)


def test_stage_phases_split_at_kickoff_and_needs_are_entities():
    stages = knowledge().stages
    kickoff = SPEC_STAGES.index("kickoff")
    for index, (stage_id, stage) in enumerate(stages.items()):
        assert stage.phase == ("pre-kickoff" if index < kickoff else "post-kickoff"), stage_id
        assert set(stage.needs) <= set(SPEC_ENTITIES), stage_id


def test_kinds_roles():
    kinds = knowledge().kinds
    assert all(set(kind.counts_as) <= ROLES for kind in kinds.values())
    assert set(kinds["all-in-one"].counts_as) == ROLES
    assert {kind_id for kind_id, kind in kinds.items() if kind.conversation} == {"email", "chat"}
    for role in ROLES:
        assert role in kinds[role].counts_as


# ------------------------------------------------------------ questions


def test_question_ids_equal_answers_fields_in_order():
    assert list(knowledge().questions) == list(Answers.model_fields)


TYPE_OF_FIELD = {"count": (0, True), "number": (0, False), "size": (1, True)}


@pytest.mark.parametrize("question", knowledge().questions.values(), ids=lambda q: q.id)
def test_question_type_matches_its_answer_field(question):
    assert question.prompt.strip() and question.help.strip()
    if question.type == "choice":
        assert [value for value, _words in question.choices] == field_literal(question.id)
        assert all(words.strip() for _value, words in question.choices)
    elif question.type == "yes-no":
        assert Answers.model_fields[question.id].annotation == bool | None
        assert Answers(**{question.id: True}).model_dump()[question.id] is True
    else:
        minimum, integer = TYPE_OF_FIELD[question.type]
        Answers(**{question.id: minimum})
        with pytest.raises(ValueError):
            Answers(**{question.id: minimum - 1})
        if integer:
            with pytest.raises(ValueError):
                Answers(**{question.id: minimum + 0.5})
        else:
            assert Answers(**{question.id: minimum + 0.5}).model_dump()[question.id] == minimum + 0.5


def test_scoring_reads_real_answers():
    pressure = knowledge().scoring["pressure"]
    for side in pressure.values():
        signals = {**side["volume"], **side["secondary"]}
        assert set(signals) <= set(Answers.model_fields)
        for question_id, scale in signals.items():
            if "values" in scale and knowledge().questions[question_id].type == "choice":
                assert set(scale["values"]) == set(field_literal(question_id))


def test_criteria_rate_every_model():
    known = knowledge()
    for criterion in known.criteria.values():
        assert list(criterion.ratings) == SPEC_MODELS, criterion.id
        points = known.cost_points if criterion.cost else known.points
        for rating in criterion.ratings.values():
            assert rating in points or rating in known.conditional, (criterion.id, rating)
    assert len(known.criteria) == 5


# ------------------------------------------------------------ tools


def test_catalog_ids_kinds_and_uniqueness():
    tools = knowledge().tools
    ids = [tool.id for tool in tools]
    assert len(ids) == len(set(ids))
    assert len({tool.name.casefold() for tool in tools}) == len(tools)
    for tool in tools:
        assert ID_PATTERN.fullmatch(tool.id), tool.id
        assert tool.kind in SPEC_KINDS, tool
        assert tool.name.strip() == tool.name and tool.name


@pytest.mark.parametrize("name", REQUIRED_TOOLS)
def test_catalog_has_the_tools_people_name(name):
    tool = knowledge().tool_named(name)
    assert tool is not None and tool.name == name
    assert knowledge().tool_named(f"  {name.upper()} ") == tool


def test_catalog_tools_make_valid_systems():
    systems = [model.System(id=tool.id, name=tool.name, kind=tool.kind) for tool in knowledge().tools]
    profile = model.Profile(name="all tools", systems=systems)
    assert model.reference_problems(profile) == []


# ------------------------------------------------------------ reference models


@pytest.mark.parametrize("reference", knowledge().models.values(), ids=lambda m: m.id)
def test_reference_owners_cover_every_standard_entity(reference):
    assert set(reference.owners) == set(SPEC_ENTITIES)
    for entity, roles in reference.owners.items():
        assert roles, entity
        assert set(roles) <= ROLES, (entity, roles)
        assert len(roles) == len(set(roles)), (entity, roles)


@pytest.mark.parametrize("reference", knowledge().models.values(), ids=lambda m: m.id)
def test_reference_model_details_are_valid(reference):
    assert set(reference.needs) <= ROLES and reference.needs
    start, end = reference.handoff
    assert SPEC_STAGES.index(start) < SPEC_STAGES.index(end)
    for entity, role in reference.copies:
        assert entity in SPEC_ENTITIES and role in ROLES
        assert role not in reference.owners[entity][:1], "a copy lives outside the entity's owner"
    for text in (reference.label, reference.centre, reference.strengths, reference.tradeoffs, reference.failure_mode):
        assert text.strip()

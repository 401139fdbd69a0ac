"""New-profile templates follow the reference models they are named after."""

import pytest

from truthmap.analysis import analyze
from truthmap.knowledge import knowledge
from truthmap.model import reference_problems
from truthmap.storage import dump_profile, parse_profile
from truthmap.templates import template_models, template_profile

MODELS = [model_id for model_id, _ in template_models()]


def test_one_template_per_reference_model():
    assert MODELS == list(knowledge().models)


@pytest.mark.parametrize("model_id", MODELS)
def test_template_is_valid_and_saves_back_unchanged(model_id):
    profile = template_profile(model_id)
    assert reference_problems(profile) == []
    assert parse_profile(dump_profile(profile).encode()) == profile


@pytest.mark.parametrize("model_id", MODELS)
def test_template_reads_as_its_model(model_id):
    analysis = analyze(template_profile(model_id))
    assert analysis.current_model == model_id
    # Boundary findings would mean the template itself teaches a mistake;
    # only answer-driven findings (questionnaire still open) may remain.
    boundary_kinds = {"duplication", "conflicting-owners", "no-owner", "no-steward", "record-in-conversation",
                      "untracked-stage", "handoff-gap", "split-context"}
    assert not [f for f in analysis.findings if f.kind in boundary_kinds]


@pytest.mark.parametrize("model_id", MODELS)
def test_template_owners_follow_the_reference_boundary(model_id):
    profile = template_profile(model_id)
    model = knowledge().models[model_id]
    for record in profile.records:
        owner = profile.system(record.owner)
        assert model.owners[record.entity][0] in knowledge().roles_of(owner.kind)
    assert not profile.answers.answered()

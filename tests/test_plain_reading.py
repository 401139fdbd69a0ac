"""The command line's pydantic-free reading (truthmap.plain) says what the models say.

`read_profile` builds a valid file from plain classes and leaves anything it
is not sure of to the pydantic models; these tests hold it to that: never a
profile the models would refuse, always the same values, the same errors,
and the same analysis and reports.
"""

from __future__ import annotations

import math
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from profile_strategies import profiles, typed
from test_loader_fuzz import _dumps, one_value_wrong, toml_documents

from truthmap import plain
from truthmap.analysis import analyze
from truthmap.model import Answers, Profile
from truthmap.paths import sample_profiles
from truthmap.reports import render_report
from truthmap.storage import ProfileError, dump_profile, load_profile, parse_profile, read_profile

VALID_HEAD = {"schema": 1, "name": "Studio"}


def _models_say(document: dict) -> Profile | None:
    """The pydantic reading of a document, or None when it is refused."""
    encoded = _dumps(document)
    assert encoded is not None
    try:
        return parse_profile(encoded, "p.toml")
    except ProfileError:
        return None


def _agrees(document: dict) -> None:
    quick = plain.plain_profile(document)
    if quick is None:
        return  # left to the models: always allowed
    full = _models_say(document)
    assert full is not None, "the plain reading accepted what the models refuse"
    assert typed(quick.model_dump()) == typed(full.model_dump())


def test_answer_fields_follow_the_models():
    assert list(plain.ANSWER_KINDS) == list(Answers.model_fields)
    assert list(plain.Profile._fields) == list(Profile.model_fields)


@pytest.mark.parametrize("path", sample_profiles(), ids=lambda p: p.name)
def test_samples_read_plainly_to_the_same_profile_analysis_and_reports(path):
    quick, full = read_profile(path), load_profile(path)
    assert isinstance(quick.profile, plain.Profile) and quick.stamp is None
    assert typed(quick.profile.model_dump()) == typed(full.profile.model_dump())
    analyses = analyze(quick.profile), analyze(full.profile)
    assert analyses[0] == analyses[1]
    for fmt in ("text", "markdown", "json"):
        assert render_report(quick.profile, analyses[0], fmt) == render_report(full.profile, analyses[1], fmt)


@pytest.mark.parametrize("value, accepted", [
    (6, True), (0, True), (2**63 - 1, True), (2**63, False), (-1, False), (True, False), (6.0, False), ("6", False),
])
def test_counts_are_whole_numbers_in_range(value, accepted):
    document = {**VALID_HEAD, "answers": {"inquiries_per_month": value}}
    assert (plain.plain_profile(document) is not None) == accepted
    _agrees(document)


@pytest.mark.parametrize("value, accepted", [
    (2, True), (2.5, True), (-0.0, True), (-0.5, False), (math.inf, False), (False, False),
])
def test_amounts_keep_their_type(value, accepted):
    document = {**VALID_HEAD, "answers": {"sales_cycle_weeks": value}}
    quick = plain.plain_profile(document)
    assert (quick is not None) == accepted
    if quick is not None:
        assert type(quick.answers.sales_cycle_weeks) is type(value)
    _agrees(document)


@pytest.mark.parametrize("document", [
    {"schema": 1},  # no name
    {"schema": True, "name": "x"},
    {"schema": 2, "name": "x"},
    {"schema": 1, "name": "x" * 201},
    {**VALID_HEAD, "answers": {"team_size": 0}},
    {**VALID_HEAD, "answers": {"colour": "red"}},
    {**VALID_HEAD, "systems": [{"id": "Hub", "name": "H", "kind": "crm"}]},
    {**VALID_HEAD, "systems": [{"id": "h", "name": "H", "kind": "crm", "url": "x"}]},
    {**VALID_HEAD, "records": [{"entity": "client", "owner": "nowhere"}]},
    {**VALID_HEAD, "records": [{"entity": "client", "copies": [{"system": "h"}]}]},
    {**VALID_HEAD, "stages": [{"stage": "kickoff"}, {"stage": "kickoff"}]},
    {**VALID_HEAD, "handoffs": [{"from_stage": "inquiry", "to_stage": "kickoff"}]},
    {**VALID_HEAD, "handoffs": [{"from": "kickoff", "to": "inquiry"}]},
])
def test_anything_doubtful_is_left_to_the_models(document):
    assert plain.plain_profile(document) is None


def test_an_invalid_file_gets_the_same_lines_either_way(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\nname = "x"\n[answers]\nteam_size = 0\n[[records]]\nentity = "client"\n'
                    'owner = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ProfileError) as quick:
        read_profile(path)
    with pytest.raises(ProfileError) as full:
        load_profile(path)
    assert quick.value.lines() == full.value.lines() and len(quick.value.lines()) == 2


LOTS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LOTS
@given(profiles())
def test_every_valid_profile_reads_plainly_and_alike(profile):
    document = tomllib.loads(dump_profile(profile))
    quick = plain.plain_profile(document)
    assert quick is not None
    assert typed(quick.model_dump()) == typed(profile.model_dump())


@LOTS
@given(profiles(), st.data())
def test_one_wrong_value_is_never_read_plainly_unless_the_models_accept_it(profile, data):
    encoded = _dumps(one_value_wrong(profile, data))
    if encoded is not None:
        _agrees(tomllib.loads(encoded.decode("utf-8")))


@LOTS
@given(toml_documents())
def test_toml_like_documents_are_read_plainly_only_when_valid(document):
    encoded = _dumps(document)
    if encoded is not None:
        _agrees(tomllib.loads(encoded.decode("utf-8")))


def test_plain_copies_and_dumps_like_the_models():
    answers = plain.Answers(team_size=3)
    assert answers.answered() == {"team_size": 3}
    changed = answers.model_copy(update={"team_size": 4})
    assert changed.team_size == 4 and answers.team_size == 3 and changed != answers
    profile = plain.Profile(name="x", systems=[plain.System("h", "HubSpot", "crm")])
    assert profile.system_label("h") == "HubSpot" and profile.system_label("z") == "z"
    assert profile.model_dump() == Profile(name="x", systems=[{"id": "h", "name": "HubSpot", "kind": "crm"}]
                                           ).model_dump()


def test_plain_parts_equal_their_pydantic_twins_and_dump_by_alias():
    handoff = {"from_stage": "contract", "to_stage": "kickoff", "trigger": "Signed", "owner": None}
    twin = Profile(name="x", handoffs=[handoff])
    mine = plain.Profile(name="x", handoffs=[plain.Handoff(**handoff)])
    assert mine == twin and twin == mine and not (mine != twin)
    assert mine != plain.Profile(name="y") and mine != twin.model_copy(update={"name": "y"})
    assert mine.model_dump(by_alias=True) == twin.model_dump(by_alias=True)
    assert mine.handoffs[0] != plain.Copy("h", "manual") and mine.handoffs[0] != "contract"


_ANSWER_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-3, max_value=2**64), st.floats(allow_nan=True),
    st.sampled_from(["low", "even", "yes", "unsure", "6", ""]), st.lists(st.integers(), max_size=1),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(plain.ANSWER_KINDS)), _ANSWER_VALUES)
def test_an_answer_is_refused_plainly_exactly_when_the_models_refuse_it(question, value):
    """The questionnaire judges each key without pydantic: the verdict and the words are the models'."""
    problem = plain.answer_problem(question, value)
    try:
        Answers.model_validate({question: value})
    except ValidationError as error:
        assert problem is not None
        if error.errors()[0]["type"] in ("number", "text"):  # our own checks: the very same words
            assert problem == error.errors()[0]["msg"]
    else:
        assert problem is None


def test_an_unknown_question_is_named():
    assert plain.answer_problem("colour", "red") == "There is no question 'colour'."

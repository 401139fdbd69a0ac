"""The command line's pydantic-free reading (truthmap.plain) says what the models say.

`read_profile` builds a valid file from plain classes and leaves anything it
is not sure of to the pydantic models; these tests hold it to that: never a
profile the models would refuse, always the same values, the same errors,
and the same analysis and reports.
"""

from __future__ import annotations

import math
import re
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


# ------------------------------------------------------------ quick TOML


def _toml_says(text: str) -> dict | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _quick_agrees(text: str) -> None:
    """The quick reading is tomllib's document, or gives up: never a document tomllib
    would refuse, never other values."""
    quick = plain.quick_toml(text)
    if quick is not None:
        assert quick == _toml_says(text)
        assert typed(quick) == typed(tomllib.loads(text))  # ints stay ints, floats floats


@pytest.mark.parametrize("path", sample_profiles(), ids=lambda p: p.name)
def test_quick_toml_reads_the_samples_as_tomllib_does(path):
    text = path.read_text("utf-8")
    assert plain.quick_toml(text) == tomllib.loads(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_quick_toml_reads_saved_profiles_as_tomllib_does(profile):
    text = dump_profile(profile)
    _quick_agrees(text)
    if "\\" not in text and not re.search(r"= -?(?:[0-9.]+e|inf|nan)", text):
        assert plain.quick_toml(text) is not None  # no escape, no exponent: the plain shape, read quickly


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toml_documents())
def test_quick_toml_agrees_on_any_toml_document(document):
    encoded = _dumps(document)
    if encoded is not None:
        _quick_agrees(encoded.decode("utf-8"))


_EDITS = ['"', "'", "[", "]", "[[", "]]", "{", "}", ",", "=", "#", "\n", "\r", "\r\n", " ", "\t", ".", "\\",
          "a", "1", "-", "+", "_", "\x00", "\x7f", "\u00e9", "true", "\"\"\"", "x = 1\n", "[answers]\n",
          "[[systems]]\n", 'name = "n"\n', "copies = [\n", "{ a = \"b\" }", "}}", "1.5", "0"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([p.read_text("utf-8") for p in sample_profiles()]), st.data())
def test_quick_toml_agrees_on_broken_profiles(text, data):
    """Any few edits anywhere in a real profile: tomllib's document, or left to tomllib."""
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(st.sampled_from(_EDITS)) + text[at + cut:]
    _quick_agrees(text)


@pytest.mark.parametrize("text", [
    'a = "x"\na = "y"\n',  # a key twice
    '[answers]\n[answers]\n',  # a table twice
    'answers = "x"\n[answers]\n',
    '[[systems]]\n[systems]\n',
    '[systems]\n[[systems]]\n',
    'systems = []\n[[systems]]\n',
    'c = [ { a = "b", } ]\n',  # a trailing comma in an inline table
    'c = [ { a = "b", a = "c" } ]\n',
    'c = [ { a = "b"\n } ]\n',
    'c = [ , ]\n',
    'c = [ "a" "b" ]\n',
    'c = [ "a" ]\nc = [ "b" ]\n',
    'n = 01\n', 'n = 1.\n', 'n = .5\n', 'n = 1e5\n', 'n = +1\n', 'n = 1_000\n', 'b = True\n',
    's = "a\\"b"\n', 's = \'lit\'\n', 's = """x"""\n', 's = "a\x7f"\n', 's = "tab\tok" # c\x01\n',
    'a.b = 1\n', '"q" = 1\n', '[ answers ]\n', '[a.b]\n', 'x = 1 y = 2\n', 'x = "a" "b"\n', 'x =\n',
    'x = 1\r', 'x = 1\ry = 2\n',
])
def test_quick_toml_leaves_the_rest_to_tomllib(text):
    assert plain.quick_toml(text) is None
    _quick_agrees(text)


def test_quick_toml_reads_the_plain_shape():
    text = ('schema = 1 # c\r\nname = "Ünï \t «x»"\n\n[answers]\nteam_size = 3\nsales_cycle_weeks = -0.5\n'
            'early_stage = false\n[[records]]\n  entity = "a"\ncopies = [ # c\n  { system = "s", sync = "none" },\n'
            '# c\n  {}, "x"\n]  # c\n[[records]]\nentity = "b"\ncopies = []\n'
            'more = [ { a = "1", b = "2", c = "3" }, { a = "x" } , "s", ]\n')
    assert plain.quick_toml(text) == tomllib.loads(text)


_NUMBERS = st.one_of(st.integers(-10**20, 10**20),
                     st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9).map(
                         lambda f: round(f, 3)))
_SPACE = st.sampled_from(["", " ", "  ", "\n", " \n  ", "\t"])


@given(st.lists(st.tuples(_NUMBERS, _SPACE, _SPACE), max_size=30), st.booleans(), st.booleans())
def test_quick_toml_reads_arrays_of_numbers_as_tomllib_does(items, trailing_comma, comment):
    """Number arrays are read in one match: whatever the spacing, the same items as tomllib, or give up."""
    body = ",".join(f"{before}{number!r}{after}" for number, before, after in items)
    if trailing_comma and items:
        body += ","
    text = f"notes = [{body}]{'  # done' if comment else ''}\nname = \"x\"\n"
    _quick_agrees(text)
    if "e" not in body.lower():  # plain decimals: the quick reading must not give up on them
        assert plain.quick_toml(text) is not None

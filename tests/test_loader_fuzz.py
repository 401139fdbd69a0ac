"""Whatever the input, the loader gives a Profile or a ProfileError: nothing else."""

from __future__ import annotations

import tomllib
from functools import cache

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from profile_strategies import profiles

from truthmap.model import Profile
from truthmap.vocabulary import SCHEMA_VERSION, STAGES, SYNC_MODES, SYSTEM_KINDS
from truthmap.storage import ProfileError, dump_profile, load_profile, parse_profile

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(data: bytes | str) -> Profile | ProfileError:
    try:
        return parse_profile(data, "fuzz.toml")
    except ProfileError as error:
        lines = error.lines()
        assert lines and all(line.startswith("fuzz.toml: ") and "\n" not in line for line in lines), lines
        return error


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbf")
@example(b"schema = 1\nname = 'x'\n\x00")
@example(b"schema = 1\nname = 'x'\nnotes = " + b"[" * 3000)
def test_any_bytes_give_a_profile_or_profile_error(data):
    outcome(data)


@FUZZ
@given(st.text(max_size=500))
def test_any_text_gives_a_profile_or_profile_error(text):
    outcome(text)
    outcome(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_after_a_valid_head(tail):
    outcome(b"schema = 1\nname = \"x\"\n" + tail)


# ------------------------------------------------------------ TOML-ish documents

KEYS = ["schema", "name", "notes", "answers", "systems", "records", "stages", "handoffs",
        "id", "kind", "entity", "owner", "steward", "copies", "system", "sync", "stage", "from", "to",
        "trigger", "team_size", "sales_cycle_weeks", "inquiries_per_month", "revenue_lost",
        "friction", "ownership_rules", "early_stage", "from_stage", "schema_", "x"]
WORDS = ["crm", "pm", "hubspot", "trello", "client", "kickoff", "contract", "one-way", "manual",
         "high", "yes", "before-kickoff", *STAGES, *SYNC_MODES, *SYSTEM_KINDS]

scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=20),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)


def _table(children):
    return st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=6)


values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4), _table(children)),
                      max_leaves=10)


# Strategies are built once and drawn from many times: building one costs Hypothesis more
# than drawing from it.
_documents = _table(values)
_schemas = st.one_of(st.just(1), st.integers(-2, 3), scalars)
_names = st.one_of(st.text(max_size=20), scalars)


@st.composite
def toml_documents(draw):
    document = draw(_documents)
    if draw(st.booleans()):
        document["schema"] = draw(_schemas)
    if draw(st.booleans()):
        document["name"] = draw(_names)
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toml_documents())
def test_toml_like_documents_give_a_profile_or_profile_error(document):
    encoded = _dumps(document)
    if encoded is None:
        return
    result = outcome(encoded)
    if isinstance(result, Profile):
        assert result.name == document["name"] and 1 <= document["schema"] <= SCHEMA_VERSION


def _dumps(document) -> bytes | None:
    try:
        return tomli_w.dumps(document).encode("utf-8")
    except (TypeError, ValueError):
        return None  # a NaN tomli-w refuses, say


def _containers(node, found):
    """Every table and array inside a decoded document, the document included."""
    found.append(node)
    children = node.values() if isinstance(node, dict) else node
    for child in children:
        if isinstance(child, (dict, list)):
            _containers(child, found)
    return found


@cache
def _index(length: int) -> st.SearchStrategy[int]:
    """An index into a list of `length` items (what sampled_from draws), built once a length."""
    return st.integers(0, length - 1)


def one_value_wrong(profile: Profile, data) -> dict:
    """The profile's TOML tables with one value replaced, added or appended somewhere."""
    document = tomllib.loads(dump_profile(profile))
    containers = _containers(document, [])
    target = containers[data.draw(_index(len(containers)))]
    replacement = data.draw(values)
    if isinstance(target, dict):
        keys = [*target, *KEYS]
        target[keys[data.draw(_index(len(keys)))]] = replacement
    elif target:
        target[data.draw(_index(len(target)))] = replacement
    else:
        target.append(replacement)
    return document


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.data())
def test_one_wrong_value_in_a_valid_profile_is_caught_or_harmless(profile, data):
    encoded = _dumps(one_value_wrong(profile, data))
    if encoded is not None:
        outcome(encoded)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_file_contents_load_or_fail_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "profile.toml"
    path.write_bytes(data)
    try:
        load_profile(path)
    except ProfileError as error:
        assert all(line.startswith(f"{path}: ") for line in error.lines())

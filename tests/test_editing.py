"""Boundary edits: each returns a new, valid profile or refuses with a sentence."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from truthmap import editing
from truthmap.analysis import analyze
from truthmap.analysis.recommend import what_would_change_it
from truthmap.model import Profile, reference_problems
from truthmap.paths import default_sample
from truthmap.knowledge import knowledge
from truthmap.storage import load_profile
from truthmap.vocabulary import STAGES, SYNC_MODES, SYSTEM_KINDS

from profile_strategies import profiles


def assert_valid(profile: Profile) -> None:
    assert reference_problems(profile) == []
    assert Profile.model_validate(profile.model_dump(by_alias=True)) == profile


@pytest.fixture
def sample() -> Profile:
    return load_profile(default_sample()).profile


def blank() -> Profile:
    return Profile(name="blank")


def index_of(profile: Profile, entity: str) -> int:
    return next(i for i, r in enumerate(profile.records) if r.entity == entity)


# ------------------------------------------------------------------ systems


def test_add_from_catalog_fills_id_name_and_kind():
    profile = editing.add_catalog_tool(blank(), "HubSpot")
    assert [(s.id, s.name, s.kind) for s in profile.systems] == [("hubspot", "HubSpot", "crm")]
    assert_valid(profile)


def test_catalog_filters_by_name_id_or_kind():
    assert [t.id for t in editing.catalog_tools("pipe")] == ["pipedrive"]
    assert [t.id for t in editing.catalog_tools("ZOHO")] == ["zoho-crm"]
    assert {t.kind for t in editing.catalog_tools("billing")} == {"billing"}
    assert len(editing.catalog_tools("")) == len(editing.catalog_tools("  "))


def test_adding_a_declared_catalog_tool_is_refused(sample):
    with pytest.raises(ValueError, match="HubSpot is already one of your systems"):
        editing.add_catalog_tool(sample, "hubspot")


def test_unknown_catalog_tool_is_refused():
    with pytest.raises(ValueError, match="not in the tool catalog"):
        editing.add_catalog_tool(blank(), "Nonexistent Tool")


def test_add_by_hand_derives_a_unique_valid_id():
    profile = editing.add_system(blank(), "Ärzte Büro!", "other")
    profile = editing.add_system(profile, "Ärzte büro", "docs")
    profile = editing.add_system(profile, "[bold]x[/]", "chat")
    profile = editing.add_system(profile, "2024 tracker", "spreadsheet")
    assert [s.id for s in profile.systems] == ["arzte-buro", "arzte-buro-2", "bold-x", "system-2024-tracker"]
    assert profile.systems[2].name == "[bold]x[/]"
    assert_valid(profile)


def test_add_system_with_symbols_only_name_still_gets_an_id():
    profile = editing.add_system(blank(), "★★★", "other")
    assert profile.systems[0].id == "system"
    assert_valid(profile)


@pytest.mark.parametrize(
    ("name", "kind", "system_id", "message"),
    [
        ("  ", "crm", None, "needs a name"),
        ("X", "erp", None, "A system's kind: expected one of"),
        ("X", "crm", "Bad Id", "not a valid id"),
        ("X", "crm", "hubspot", "already used by HubSpot"),
    ],
)
def test_add_system_refuses_impossible_input(sample, name, kind, system_id, message):
    with pytest.raises(ValueError, match=message):
        editing.add_system(sample, name, kind, system_id)


def test_rename_keeps_id_and_references(sample):
    renamed = editing.rename_system(sample, "hubspot", "HubSpot CRM")
    assert renamed.system("hubspot").name == "HubSpot CRM"
    assert sample.system("hubspot").name == "HubSpot"  # the input is untouched
    assert_valid(renamed)
    with pytest.raises(ValueError, match="needs a name"):
        editing.rename_system(sample, "hubspot", "")
    with pytest.raises(ValueError, match="no system with id 'nope'"):
        editing.rename_system(sample, "nope", "x")


def _leaves(value: object, path: str = ""):
    """(path, leaf) for every leaf of a dumped profile."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:
        yield path, value


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), pick=st.integers(min_value=0))
def test_a_new_system_id_moves_every_reference_with_it(profile, pick):
    """Nothing may still name the old id (it is no longer declared, so a reference left
    behind would be a reference problem) and nothing but the old id changes."""
    if not profile.systems:
        return
    old = profile.systems[pick % len(profile.systems)].id
    new = "renamed-" + old[:50]
    renamed = editing.rename_system_id(profile, old, new)
    assert_valid(renamed)
    before, after = list(_leaves(profile.model_dump(by_alias=True))), list(_leaves(renamed.model_dump(by_alias=True)))
    assert [path for path, _ in before] == [path for path, _ in after]
    changed = [(path, a, b) for (path, a), (_, b) in zip(before, after) if a != b]
    assert changed and all((a, b) == (old, new) for _, a, b in changed)
    assert editing.rename_system_id(renamed, new, old) == profile  # and back


def test_a_system_id_change_names_the_references_it_moves(sample):
    renamed = editing.rename_system_id(sample, "hubspot", "hubspot-crm")
    assert renamed.system("hubspot") is None and renamed.system("hubspot-crm").name == "HubSpot"
    assert sample.system("hubspot") is not None  # the input is untouched
    owned = [r.entity for r in sample.records if r.owner == "hubspot"]
    assert owned and [r.entity for r in renamed.records if r.owner == "hubspot-crm"] == owned
    assert_valid(renamed)
    assert editing.rename_system_id(sample, "hubspot", "hubspot") == sample
    with pytest.raises(ValueError, match="already used by"):
        editing.rename_system_id(sample, "hubspot", sample.systems[-1].id)
    with pytest.raises(ValueError, match="not a valid id"):
        editing.rename_system_id(sample, "hubspot", "Hub Spot")
    with pytest.raises(ValueError, match="no system with id 'nope'"):
        editing.rename_system_id(sample, "nope", "x")


def test_a_renamed_system_s_suggested_id_may_be_its_own():
    profile = editing.add_system(editing.add_system(blank(), "Trello", "pm"), "Asana", "pm")
    assert editing.system_id_for(profile, "Trello") == "trello-2"
    assert editing.system_id_for(profile, "Trello", ignore="trello") == "trello"
    assert editing.system_id_for(profile, "Asana", ignore="trello") == "asana-2"


def test_change_kind(sample):
    changed = editing.change_system_kind(sample, "slack", "pm")
    assert changed.system("slack").kind == "pm"
    assert_valid(changed)
    with pytest.raises(ValueError, match="A system's kind: expected one of"):
        editing.change_system_kind(sample, "slack", "pager")


def test_remove_system_clears_every_reference_and_says_so(sample):
    removal = editing.remove_system(sample, "hubspot")
    profile = removal.profile
    assert_valid(profile)
    assert profile.system("hubspot") is None
    assert all(r.owner != "hubspot" for r in profile.records)
    assert all(s.system != "hubspot" for s in profile.stages)
    # The proposal and contract stages had an owner person, so they stay, untracked.
    assert [(s.stage, s.system) for s in profile.stages if s.stage in ("proposal", "contract")] == [
        ("proposal", None), ("contract", None),
    ]
    assert "The opportunity record loses its system of record." in removal.affected
    assert "The proposal stage becomes untracked." in removal.affected
    assert len(sample.systems) == 6


def test_remove_system_drops_its_copies_and_ownerless_stages(sample):
    removal = editing.remove_system(sample, "trello")
    profile = removal.profile
    assert_valid(profile)
    client = profile.records[index_of(profile, "client")]
    assert [c.system for c in client.copies] == ["xero"]
    assert "The Trello copy of the client record is removed." in removal.affected
    assert "delivery" in {s.stage for s in profile.stages}  # Jon still owns it
    gmail = editing.remove_system(sample, "gmail").profile
    assert "inquiry" not in {s.stage for s in gmail.stages}  # nobody left on it


def test_remove_unreferenced_system_affects_nothing():
    profile = editing.add_catalog_tool(blank(), "asana")
    removal = editing.remove_system(profile, "asana")
    assert removal.affected == ()
    assert removal.profile.systems == []


# ------------------------------------------------------------------ records


def test_add_record_standard_and_custom(sample):
    profile = editing.add_record(sample, "retainers", "xero", "Mia")
    profile = editing.add_record(profile, "payments")
    assert profile.records[-2].entity == "retainers" and profile.records[-2].steward == "Mia"
    assert profile.records[-1].owner is None
    assert "retainers" in editing.entity_choices(profile)
    assert editing.entity_choices(profile)[:3] == ["lead", "opportunity", "follow_ups"]
    assert_valid(profile)


@pytest.mark.parametrize("entity", ["Retainers", "9lives", "", "with space"])
def test_invalid_custom_entity_is_refused(sample, entity):
    with pytest.raises(ValueError, match="A kind of data: .* is not a valid id"):
        editing.add_record(sample, entity)


def test_owner_cannot_be_a_system_holding_a_copy(sample):
    index = index_of(sample, "scope")
    with pytest.raises(ValueError, match="Trello already holds a copy"):
        editing.set_record(sample, index, "scope", "trello", None)
    profile = editing.set_record(sample, index, "scope", "hubspot", "Mia")
    assert profile.records[index].owner == "hubspot"
    assert profile.records[index].copies == sample.records[index].copies
    assert_valid(profile)


def test_blank_steward_is_stored_as_none(sample):
    index = index_of(sample, "tasks")
    profile = editing.set_record(sample, index, "tasks", "trello", "   ")
    assert profile.records[index].steward is None


def test_record_owner_must_be_declared(sample):
    with pytest.raises(ValueError, match="no system with id 'asana'"):
        editing.set_record(sample, 0, "lead", "asana", None)
    with pytest.raises(ValueError, match="no record number 100"):
        editing.set_record(sample, 99, "lead", None, None)


def test_remove_record(sample):
    profile = editing.remove_record(sample, 0)
    assert len(profile.records) == len(sample.records) - 1
    assert profile.records[0] == sample.records[1]


def test_copies_add_change_remove(sample):
    index = index_of(sample, "tasks")
    profile = editing.add_copy(sample, index, "google-sheets", "manual")
    assert [(c.system, c.sync) for c in profile.records[index].copies] == [("google-sheets", "manual")]
    profile = editing.change_copy(profile, index, 0, sync="one-way")
    profile = editing.change_copy(profile, index, 0, system="xero")
    assert [(c.system, c.sync) for c in profile.records[index].copies] == [("xero", "one-way")]
    assert_valid(profile)
    profile = editing.remove_copy(profile, index, 0)
    assert profile.records[index].copies == []


@pytest.mark.parametrize(
    ("system", "sync", "message"),
    [
        ("trello", "manual", "Trello is the system of record here"),
        ("asana", "manual", "no system with id 'asana'"),
        ("xero", "sometimes", "A sync mode: expected one of"),
    ],
)
def test_impossible_copies_are_refused(sample, system, sync, message):
    with pytest.raises(ValueError, match=message):
        editing.add_copy(sample, index_of(sample, "tasks"), system, sync)


def test_two_copies_in_one_system_are_refused(sample):
    index = index_of(sample, "client")  # copies in trello and xero
    with pytest.raises(ValueError, match="already has a copy in Xero"):
        editing.add_copy(sample, index, "xero", "one-way")
    with pytest.raises(ValueError, match="already has a copy in Xero"):
        editing.change_copy(sample, index, 0, system="xero")
    with pytest.raises(ValueError, match="no copy number 3"):
        editing.change_copy(sample, index, 2, sync="manual")


def test_copy_sync_drives_the_duplication_finding(sample):
    index = index_of(sample, "tasks")
    manual = editing.add_copy(sample, index, "google-sheets", "manual")
    path = f"records[{index}].copies[0]"
    assert [f.kind for f in analyze(manual).findings_at(path)] == ["duplication"]
    synced = editing.change_copy(manual, index, 0, sync="one-way")
    assert analyze(synced).findings_at(path) == []


# ------------------------------------------------------------------ stages


def test_set_stage_adds_in_lifecycle_order(sample):
    profile = editing.set_stage(sample, "kickoff", "trello", "Jon")
    assert [s.stage for s in profile.stages] == ["inquiry", "proposal", "contract", "kickoff", "delivery", "invoicing"]
    profile = editing.set_stage(profile, "payment", "xero", None)
    assert profile.stages[-1].stage == "payment"
    assert_valid(profile)


def test_set_stage_changes_and_clears(sample):
    profile = editing.set_stage(sample, "delivery", "hubspot", None)
    entry = editing.stage_entry(profile, "delivery")[1]
    assert (entry.system, entry.owner) == ("hubspot", None)
    profile = editing.set_stage(profile, "delivery", None, "Jon")
    assert editing.stage_entry(profile, "delivery")[1].system is None
    profile = editing.set_stage(profile, "delivery", None, None)
    assert editing.stage_entry(profile, "delivery") is None
    assert editing.set_stage(profile, "review", None, "") == profile
    assert_valid(profile)


def test_set_stage_refuses_unknown_stage_or_system(sample):
    with pytest.raises(ValueError, match="A stage: expected one of"):
        editing.set_stage(sample, "launch", None, None)
    with pytest.raises(ValueError, match="no system with id 'asana'"):
        editing.set_stage(sample, "review", "asana", None)


# ------------------------------------------------------------------ handoffs


def test_handoffs_add_edit_remove(sample):
    profile = editing.add_handoff(sample, "contract", "kickoff", "Deal won", "Mia")
    profile = editing.add_handoff(profile, "delivery", "invoicing")
    assert [(h.from_stage, h.to_stage, h.trigger) for h in profile.handoffs] == [
        ("contract", "kickoff", "Deal won"), ("delivery", "invoicing", None),
    ]
    profile = editing.edit_handoff(profile, 1, "review", "invoicing", "Client signs off", "")
    assert profile.handoffs[1].owner is None and profile.handoffs[1].trigger == "Client signs off"
    assert_valid(profile)
    profile = editing.remove_handoff(profile, 0)
    assert [h.from_stage for h in profile.handoffs] == ["review"]


def test_a_long_name_gets_a_short_id_and_text_past_the_files_limit_is_refused():
    profile = editing.add_system(blank(), "Very " * 39 + "Long", "crm")  # 199 characters: a name may
    assert len(profile.systems[0].id) <= 64
    assert_valid(editing.add_system(profile, "Very " * 39 + "Long", "crm"))  # and its twin a "-2"
    for refused in (lambda: editing.add_system(blank(), "x" * 201, "crm"),
                    lambda: editing.rename_system(profile, profile.systems[0].id, "x" * 201),
                    lambda: editing.add_record(profile, "client", None, "x" * 201),
                    lambda: editing.set_stage(profile, "kickoff", None, "x" * 201),
                    lambda: editing.add_handoff(profile, "contract", "kickoff", "x" * 201)):
        with pytest.raises(ValueError, match=r"too long: 201 characters \(at most 200\)\.$"):
            refused()


@pytest.mark.parametrize(("start", "end"), [("kickoff", "contract"), ("delivery", "delivery")])
def test_backward_handoff_is_refused(sample, start, end):
    with pytest.raises(ValueError, match="handoff runs forward"):
        editing.add_handoff(sample, start, end)


def test_duplicate_handoff_is_refused_but_editing_itself_is_fine(sample):
    profile = editing.add_handoff(sample, "contract", "kickoff")
    with pytest.raises(ValueError, match="already declared"):
        editing.add_handoff(profile, "contract", "kickoff")
    assert editing.edit_handoff(profile, 0, "contract", "kickoff", "Won", None).handoffs[0].trigger == "Won"
    with pytest.raises(ValueError, match="no handoff number 2"):
        editing.remove_handoff(profile, 1)


# ------------------------------------------------------------------ random edit sequences

# Mostly short; now and then just over the length a file allows.
_names = st.text(min_size=0, max_size=12) | st.builds(str.__mul__, st.sampled_from("ab é"), st.integers(199, 202))
_small = st.integers(min_value=0, max_value=8)
_tiny = st.integers(min_value=0, max_value=2)
_system_ids = st.sampled_from(["hubspot", "trello", "slack", "gmail", "xero", "asana", "x", "arzte"])
_optional_system = st.none() | _system_ids
_entities = st.sampled_from(["lead", "client", "scope", "tasks", "retainers", "Bad", "x-1", "e" * 65])

_EDITS = st.one_of(
    st.tuples(st.just(editing.add_system), _names, st.sampled_from([*SYSTEM_KINDS, "erp"])),
    st.tuples(st.just(editing.add_catalog_tool), st.sampled_from(["HubSpot", "asana", "Xero", "Slack", "nope"])),
    st.tuples(st.just(editing.rename_system), _system_ids, _names),
    st.tuples(st.just(editing.change_system_kind), _system_ids, st.sampled_from(SYSTEM_KINDS)),
    st.tuples(st.just(editing.rename_system_id), _system_ids, _system_ids | st.sampled_from(["Bad id", "new-1"])),
    st.tuples(st.just(lambda p, s: editing.remove_system(p, s).profile), _system_ids),
    st.tuples(st.just(editing.add_record), _entities, _optional_system, st.none() | _names),
    st.tuples(st.just(editing.set_record), _small, _entities, _optional_system, st.none() | _names),
    st.tuples(st.just(editing.remove_record), _small),
    st.tuples(st.just(editing.add_copy), _small, _system_ids, st.sampled_from(SYNC_MODES)),
    st.tuples(st.just(editing.change_copy), _small, _tiny, _optional_system, st.none() | st.sampled_from(SYNC_MODES)),
    st.tuples(st.just(editing.remove_copy), _small, _tiny),
    st.tuples(st.just(editing.set_stage), st.sampled_from(STAGES), _optional_system, st.none() | _names),
    st.tuples(st.just(editing.add_handoff), st.sampled_from(STAGES), st.sampled_from(STAGES), _names, _names),
    st.tuples(st.just(editing.edit_handoff), _tiny, st.sampled_from(STAGES), st.sampled_from(STAGES),
              _names, _names),
    st.tuples(st.just(editing.remove_handoff), _tiny),
)


def _start(start: str) -> Profile:
    return load_profile(default_sample()).profile if start == "sample" else blank()


# The slow part of an analysis, what would change the advice, is a pure function of the
# answers and the advised model, and no edit here touches the answers: the property runs it
# once for each pair its examples reach instead of on every example.
_CHANGES_SEARCHED: dict[tuple[str, str], object] = {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(["sample", "blank"]), edits=st.lists(_EDITS, max_size=25))
def test_any_sequence_of_edits_keeps_the_profile_valid(start, edits):
    """Valid after every step; a refusal is a sentence and leaves the input as it was."""
    profile = _start(start)
    for edit, *args in edits:
        previous, before = profile, profile.model_dump(by_alias=True)
        try:
            profile = edit(profile, *args)
        except ValueError as refused:
            assert not isinstance(refused, ValidationError)  # refused by a check, not by pydantic
            assert str(refused).endswith(".")  # a sentence, not a traceback fragment
            continue
        finally:
            assert previous.model_dump(by_alias=True) == before  # the input is never changed
        assert_valid(profile)
    # and the analysis copes with whatever came out (all of it, as analyze(profile) runs it)
    model = analyze(profile, with_flip=False).recommendation.model
    searched = (profile.answers.model_dump_json(), model)
    if searched not in _CHANGES_SEARCHED:
        _CHANGES_SEARCHED[searched] = what_would_change_it(profile.answers, model)


def test_a_step_is_described_in_a_few_words(sample):
    """Answers with their values; anything else named as a merge names it (merging.changed_items)."""
    from truthmap.editing import add_catalog_tool, describe_change, remove_record, set_answer, set_details

    base = sample
    assert describe_change(base, base) == "nothing visible"
    answered = set_answer(base, question_id="inquiries_per_month", value=9)
    assert describe_change(base, answered) == (
        f"Inquiries/month: {base.answers.inquiries_per_month} per month → 9 per month")
    assert describe_change(base, add_catalog_tool(base, "asana")) == "system Asana"
    assert describe_change(add_catalog_tool(base, "asana"), base) == "system Asana"
    entity = knowledge().entity_label(base.records[0].entity)
    assert describe_change(base, remove_record(base, 0)) == f"{entity} record"
    assert describe_change(base, set_details(base, "Plan\x1b[31m", "new")) == "the name and the notes"
    hostile = add_catalog_tool(base, "asana").model_copy(update={"systems": [
        *base.systems, base.systems[0].model_copy(update={"id": "evil", "name": "Evil\x1b]0;x\x07"})]})
    assert describe_change(base, hostile) == "system Evil␛]0;x␇"  # controls made visible
    four = base
    for question_id, value in (("team_size", 30), ("active_projects", 40), ("early_stage", True),
                               ("open_opportunities", 50)):
        four = set_answer(four, question_id=question_id, value=value)
    assert describe_change(base, four).count("→") == 4  # up to four named, with their values
    five = set_details(four, "Plan B", base.notes)
    assert describe_change(base, five) == "the name and 4 answers"  # more counted by kind, as recovery does

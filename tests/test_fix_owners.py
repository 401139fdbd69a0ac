"""No fix keeps chat or email as the owner of client data (the article's misstep:
sales notes living in chat while delivery lives elsewhere).

Every fix that names an owner or a source to sync from names a fitting tool of
the profile's instead, or the kind of tool to add when the profile has none.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import answers

from truthmap.analysis import analyze
from truthmap.analysis.findings import Context, find_all
from truthmap.model import Copy, Profile, Record, StageMap, System
from truthmap.vocabulary import STAGES, SYNC_MODES, SYSTEM_KINDS

HUBSPOT = {"id": "hubspot", "name": "HubSpot", "kind": "crm"}
TRELLO = {"id": "trello", "name": "Trello", "kind": "pm"}
SLACK = {"id": "slack", "name": "Slack", "kind": "chat"}
GMAIL = {"id": "gmail", "name": "Gmail", "kind": "email"}
SHEETS = {"id": "sheets", "name": "Google Sheets", "kind": "spreadsheet"}


def profile(systems, records=(), stages=(), answers=None) -> Profile:
    return Profile.model_validate({"schema": 1, "name": "t", "systems": list(systems), "records": list(records),
                                   "stages": list(stages), "answers": answers or {}})


def fixes(p: Profile, kind: str) -> list[str]:
    return [f.fix for f in analyze(p, with_flip=False).findings if f.kind == kind]


# ------------------------------------------------------------- duplication


SELLING = {"inquiries_per_month": 20, "revenue_lost": "before-kickoff"}  # CRM-first: selling data in the CRM


def test_a_copy_of_chat_owned_notes_is_not_synced_from_chat():
    # The case: the HubSpot copy of sales notes, owned by Slack.
    records = [{"entity": "sales_notes", "owner": "slack", "copies": [{"system": "hubspot", "sync": "manual"}]}]
    (fix,) = fixes(profile([HUBSPOT, TRELLO, SLACK], records, answers=SELLING), "duplication")
    assert "sync from Slack" not in fix
    assert fix == ("Make HubSpot the system of record for sales notes instead of Slack; "
                   "keep Slack for talking about it.")
    # Under PM-first (no answers: the article's default) sales notes belong in the project tool.
    (fix,) = fixes(profile([HUBSPOT, TRELLO, SLACK], records), "duplication")
    assert fix.startswith("Move sales notes from Slack into Trello") and "sync from Slack" not in fix


def test_a_copy_elsewhere_syncs_from_the_fitting_tool():
    p = profile([HUBSPOT, TRELLO, SLACK], answers=SELLING,
                records=[{"entity": "lead", "owner": "slack", "copies": [{"system": "trello", "sync": "none"}]}])
    (fix,) = fixes(p, "duplication")
    assert "Move lead from Slack into HubSpot" in fix and "Trello copy a one-way sync from it" in fix


def test_without_a_fitting_tool_the_duplication_fix_names_the_kind_to_add():
    p = profile([SHEETS, GMAIL], records=[
        {"entity": "invoices", "owner": "gmail", "copies": [{"system": "sheets", "sync": "manual"}]}])
    (fix,) = fixes(p, "duplication")
    assert "into a new billing tool" in fix and "from Gmail" in fix and "sync from Gmail" not in fix


def test_a_copy_of_a_record_owned_by_a_fit_tool_still_syncs_from_it():
    p = profile([HUBSPOT, TRELLO], records=[
        {"entity": "client", "owner": "hubspot", "copies": [{"system": "trello", "sync": "manual"}]}])
    assert fixes(p, "duplication") == ["Make the Trello copy of client a one-way sync from HubSpot, "
                                       "or stop keeping it."]


# ------------------------------------------------------ conflicting owners


def test_a_chat_owner_is_never_one_to_pick():
    # The case: "Pick one of HubSpot and Slack to own client".
    p = profile([HUBSPOT, TRELLO, SLACK], records=[{"entity": "client", "owner": "hubspot"},
                                                   {"entity": "client", "owner": "slack"}])
    (fix,) = fixes(p, "conflicting-owners")
    assert fix == "Make HubSpot the one owner of client; Slack can hold a one-way copy at most."


def test_two_fit_owners_and_chat_pick_among_the_fit_ones():
    p = profile([HUBSPOT, TRELLO, SLACK], records=[{"entity": "client", "owner": "hubspot"},
                                                   {"entity": "client", "owner": "slack"},
                                                   {"entity": "client", "owner": "trello"}])
    (fix,) = fixes(p, "conflicting-owners")
    assert fix.startswith("Pick one of HubSpot and Trello to own client")


def test_only_conversation_owners_hand_the_entity_to_a_fitting_tool():
    p = profile([TRELLO, SLACK, GMAIL], records=[{"entity": "tasks", "owner": "slack"},
                                                 {"entity": "tasks", "owner": "gmail"}])
    (fix,) = fixes(p, "conflicting-owners")
    assert fix == "Make Trello the one owner of tasks; Slack and Gmail can hold a one-way copy at most."
    bare = profile([SLACK, GMAIL], records=[{"entity": "tasks", "owner": "slack"},
                                            {"entity": "tasks", "owner": "gmail"}])
    assert fixes(bare, "conflicting-owners")[0].startswith("Make a new project tool the one owner of tasks")


def test_two_fit_owners_keep_the_plain_choice():
    p = profile([HUBSPOT, SHEETS], records=[{"entity": "client", "owner": "hubspot"},
                                            {"entity": "client", "owner": "sheets"}])
    assert fixes(p, "conflicting-owners") == [
        "Pick one of HubSpot and Google Sheets to own client; make the other a one-way copy or drop it."]


# ---------------------------------------------------------------- no owner


def test_a_stage_in_chat_points_the_owner_to_a_fitting_tool_or_the_kind_to_add():
    p = profile([HUBSPOT, TRELLO, SLACK], stages=[{"stage": "review", "system": "slack"}])
    (fix,) = fixes(p, "no-owner")
    assert "Trello can hold it" in fix and "Slack" not in fix
    bare = profile([SLACK], stages=[{"stage": "review", "system": "slack"}])
    assert fixes(bare, "no-owner") == ["Add a record for change requests; a new project tool should hold it, "
                                       "not a conversation tool."]


# ------------------------------------------------------------ split context


def test_split_context_keeps_sales_notes_in_the_fitting_tool():
    p = profile([HUBSPOT, TRELLO, SLACK], answers=SELLING,
                records=[{"entity": "sales_notes", "owner": "slack"}, {"entity": "tasks", "owner": "trello"}])
    (fix,) = fixes(p, "split-context")
    assert fix.startswith("Keep sales notes in HubSpot, with the client record")
    pm_only = profile([TRELLO, SLACK], records=[{"entity": "sales_notes", "owner": "slack"},
                                                {"entity": "tasks", "owner": "trello"}])
    assert fixes(pm_only, "split-context")[0].startswith("Keep sales notes in Trello")


def test_split_context_with_no_structured_tool_names_the_kind_to_add():
    p = profile([SLACK, GMAIL], records=[{"entity": "sales_notes", "owner": "slack"},
                                         {"entity": "tasks", "owner": "gmail"}])
    (fix,) = fixes(p, "split-context")
    assert fix.startswith("Keep sales notes in a new ") and "Gmail" not in fix and "Slack" not in fix


# ------------------------------------- the records a chat tool holds today


def test_record_in_conversation_and_no_steward_name_where_the_record_belongs():
    p = profile([HUBSPOT, TRELLO, GMAIL], records=[{"entity": "lead", "owner": "gmail"}], answers=SELLING)
    assert fixes(p, "record-in-conversation") == ["Move lead into HubSpot; keep Gmail for talking about it."]
    assert fixes(p, "no-steward") == ["Name the person or role who owns lead in HubSpot."]


# ---------------------------------------------------------------- property

# Names that cannot hide inside one another, so a name found in a fix is that system.
_NAMED_SYSTEMS = st.lists(st.sampled_from(SYSTEM_KINDS), min_size=1, max_size=6).map(
    lambda kinds: [System(id=f"s{i}", name=f"⟦{kind}-{i}⟧", kind=kind) for i, kind in enumerate(kinds)])
_ENTITIES = ["lead", "opportunity", "follow_ups", "sales_notes", "client", "proposal", "scope", "tasks",
             "deliverables", "invoices", "payments", "time_entries", "brand-assets"]
_CONTEXTS = [Context(current, recommended, projected) for current in ("ad-hoc", "crm-first", "pm-first", "hybrid")
             for recommended in (None, "crm-first", "pm-first", "hybrid") for projected in (False, True)]


@cache
def _placed(count: int) -> tuple[st.SearchStrategy, st.SearchStrategy]:
    """(records, stages) placed in systems s0..s{count-1}: built once for each count, as
    building a strategy costs Hypothesis more than drawing from it."""
    some = st.sampled_from([f"s{i}" for i in range(count)])
    records = st.lists(st.builds(
        Record, entity=st.sampled_from(_ENTITIES), owner=st.none() | some, steward=st.none() | st.just("Dana"),
        copies=st.lists(st.builds(Copy, system=some, sync=st.sampled_from(SYNC_MODES)), max_size=2)), max_size=8)
    return records, st.none() | some


@st.composite
def conversation_profiles(draw) -> Profile:
    """Profiles where chat and email tools own, copy and track the standard entities."""
    systems = draw(_NAMED_SYSTEMS)
    records, system = _placed(len(systems))
    records = draw(records)
    stages = [StageMap(stage=stage, system=draw(system))
              for stage in draw(st.lists(st.sampled_from(STAGES), unique=True, max_size=5))]
    return Profile(name="p", systems=systems, records=records, stages=stages, answers=draw(answers))


def owning_positions(fix: str, name: str) -> list[str]:
    """The places in a fix's wording where a named system would own the data or be synced from."""
    owning = [f"sync from {name}", f"only {name} is edited", f"Make {name} ", f"into {name}",
              f"{name} can hold it", f"{name}, which tracks", f"in {name}.", f"in {name},", f"usually {name}",
              f"or {name}.", f"{name} holds the truth"]
    hits = [phrase for phrase in owning if phrase in fix]
    hits += [m for m in re.findall(r"Pick one of (.*?) to own", fix) if name in m]
    return hits


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conversation_profiles())
def test_no_fix_makes_chat_or_email_an_owner_or_a_source(p):
    talk = [s.name for s in p.systems if s.kind in ("chat", "email")]
    for context in _CONTEXTS:
        for finding in find_all(p, context):
            for name in talk:
                assert not owning_positions(finding.fix, name), (finding.kind, finding.fix)


def test_every_fix_names_the_same_home_for_an_entity():
    # Client is owned by HubSpot and Slack; sales notes in Slack travel with the client.
    # Under PM-first (no answers) the project tool would fit, but HubSpot already holds the client.
    p = profile([HUBSPOT, TRELLO, SLACK], records=[
        {"entity": "client", "owner": "hubspot", "steward": "Dana"}, {"entity": "client", "owner": "slack"},
        {"entity": "sales_notes", "owner": "slack", "copies": [{"system": "trello", "sync": "manual"}]},
        {"entity": "tasks", "owner": "trello", "steward": "Jo"}])
    found = {(f.kind, f.entity): f.fix for f in analyze(p, with_flip=False).findings}
    assert found["conflicting-owners", "client"].startswith("Make HubSpot the one owner of client")
    assert found["record-in-conversation", "client"].startswith("Move client into HubSpot")
    assert found["record-in-conversation", "sales_notes"].startswith("Move sales notes into HubSpot")
    assert found["split-context", "sales_notes"].startswith("Keep sales notes in HubSpot")
    assert found["duplication", "sales_notes"].startswith("Move sales notes from Slack into HubSpot")
    assert found["no-steward", "sales_notes"] == "Name the person or role who owns sales notes in HubSpot."

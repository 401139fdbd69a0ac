"""Current-model classification and the per-model comparison."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import profiles

from truthmap.analysis import analyze
from truthmap.analysis.comparison import compare_models
from truthmap.knowledge import knowledge
from truthmap.model import Handoff, Profile
from truthmap.paths import samples_dir
from truthmap.storage import load_profile


def make(systems, records=(), stages=(), answers=None) -> Profile:
    return Profile.model_validate({
        "schema": 1, "name": "t", "answers": answers or {},
        "systems": [{"id": i, "name": i.title(), "kind": k} for i, k in systems],
        "records": [{"entity": e, "owner": o, "steward": "S"} for e, o in records],
        "stages": [{"stage": s, "system": o} for s, o in stages],
    })


def analysed(profile):
    """The analysis these tests read: today's model, the findings, the advised model and the
    comparison.  What would change the advice (the slow part) feeds none of them."""
    return analyze(profile, with_flip=False)


def sample(name: str):
    return analysed(load_profile(samples_dir() / name).profile)


# ------------------------------------------------------------ current model


def test_nothing_mapped_is_ad_hoc():
    assert analysed(make([("hubspot", "crm")])).current_model == "ad-hoc"


def test_records_in_chat_and_sheets_are_ad_hoc():
    p = make([("slack", "chat"), ("sheets", "spreadsheet"), ("trello", "pm")],
             records=[("lead", "slack"), ("client", "sheets"), ("tasks", "trello")])
    assert analysed(p).current_model == "ad-hoc"


def test_records_in_chat_and_sheets_are_ad_hoc_even_with_a_crm_tracking_the_selling_stages():
    """The spec's "ad-hoc": records live mostly in conversation tools, spreadsheets and docs.
    Stages tracked in a CRM do not outvote where the records are kept."""
    systems = [("crm", "crm"), ("chat", "chat"), ("sheet", "spreadsheet")]
    selling = [("inquiry", "crm"), ("qualification", "crm"), ("proposal", "crm")]
    analysis = analysed(make(systems, records=[("lead", "chat"), ("client", "sheet")], stages=selling))
    assert analysis.current_model == "ad-hoc"
    assert analysis.current_why == "2 of 2 records with an owner live in chat, email, docs or spreadsheets."
    # "Mostly": one of two records in a sheet is not; three of four is.
    assert analysed(make(systems, records=[("lead", "crm"), ("client", "sheet")], stages=selling)
                    ).current_model == "crm-first"
    mostly = [("lead", "chat"), ("client", "sheet"), ("proposal", "sheet"), ("opportunity", "crm")]
    assert analysed(make(systems, records=mostly, stages=selling)).current_model == "ad-hoc"
    # With no record owned, the stages are what is mapped: a CRM tracking them is CRM-first.
    assert analysed(make(systems, stages=selling)).current_model == "crm-first"
    assert analysed(make(systems, stages=[("inquiry", "chat"), ("proposal", "sheet")])).current_why == (
        "2 of 2 tracked stages live in chat, email, docs or spreadsheets.")


def test_crm_holding_most_is_crm_first():
    p = make([("pipedrive", "crm"), ("notion", "docs")],
             records=[("lead", "pipedrive"), ("opportunity", "pipedrive"), ("client", "pipedrive"),
                      ("deliverables", "notion")])
    assert analysed(p).current_model == "crm-first"


def test_project_tool_holding_most_is_pm_first():
    p = make([("asana", "pm"), ("harvest", "billing")],
             records=[("lead", "asana"), ("client", "asana"), ("tasks", "asana"), ("invoices", "harvest")])
    assert analysed(p).current_model == "pm-first"


def test_crm_selling_and_pm_delivering_is_hybrid():
    p = make([("hubspot", "crm"), ("clickup", "pm")],
             records=[("lead", "hubspot"), ("opportunity", "hubspot"), ("tasks", "clickup")])
    analysis = analysed(p)
    assert analysis.current_model == "hybrid"
    assert "Hubspot" in analysis.current_why and "Clickup" in analysis.current_why


def test_one_all_in_one_tool_is_not_hybrid():
    p = make([("dubsado", "all-in-one")], records=[("lead", "dubsado"), ("tasks", "dubsado")])
    assert analysed(p).current_model != "hybrid"


@pytest.mark.parametrize(
    ("name", "current", "recommended"),
    [
        ("lead-heavy-consultant.toml", "crm-first", "crm-first"),
        ("delivery-heavy-studio.toml", "pm-first", "pm-first"),
        ("hybrid-agency.toml", "hybrid", "hybrid"),
        ("messy-studio.toml", "hybrid", "pm-first"),
    ],
)
def test_samples_are_what_they_say(name, current, recommended):
    analysis = sample(name)
    assert analysis.current_model == current
    assert analysis.recommendation.model == recommended


def test_setup_column_follows_the_boundaries():
    analysis = sample("hybrid-agency.toml")
    setup = {row.criterion: row.setup.rating for row in analysis.matrix}
    assert setup["pipeline_clarity"] == "strong" and setup["delivery_execution"] == "strong"
    assert all(row.setup_why for row in analysis.matrix)  # each rating says why, in words
    assert not hasattr(analysis, "setup_score")  # today's setup is not scored on the fit scale


def test_no_setup_column_without_boundaries():
    analysis = analysed(Profile(name="blank"))
    assert all(row.setup is None for row in analysis.matrix)
    assert analysis.health.total == 0 and all(area.verdict == "not mapped" for area in analysis.health.areas)


# --------------------------------------------------------------- comparison


def projection(analysis, model):
    return next(p for p in analysis.comparison if p.model == model)


def test_hybrid_risks_a_duplicated_client_unless_synced_one_way():
    p = make([("hubspot", "crm"), ("trello", "pm")], records=[("client", "hubspot"), ("tasks", "trello")])
    hybrid = projection(analysed(p), "hybrid")
    assert any(r.kind == "duplication" and r.entity == "client" for r in hybrid.risks)
    assert any("one-way sync" in step and "client" in step for step in hybrid.checklist)


def test_an_existing_one_way_client_copy_removes_that_hybrid_risk():
    p = Profile.model_validate({
        "schema": 1, "name": "t",
        "systems": [{"id": "hubspot", "name": "HubSpot", "kind": "crm"}, {"id": "trello", "name": "Trello", "kind": "pm"}],
        "records": [{"entity": "client", "owner": "hubspot", "steward": "S",
                     "copies": [{"system": "trello", "sync": "one-way"}]}],
    })
    hybrid = projection(analysed(p), "hybrid")
    assert not any(r.kind == "duplication" and r.entity == "client" for r in hybrid.risks)


def test_pm_first_warns_a_lead_heavy_profile_about_follow_up():
    p = make([("trello", "pm")], answers={"inquiries_per_month": 20, "open_opportunities": 9})
    pm = projection(analysed(p), "pm-first")
    assert pm.failure_applies
    assert any(r.kind == "failure-mode" and "follow-up" in r.text for r in pm.risks)


def test_pm_first_failure_mode_does_not_apply_to_light_selling():
    p = make([("trello", "pm")], answers={"inquiries_per_month": 1, "open_opportunities": 0})
    assert not projection(analysed(p), "pm-first").failure_applies


def test_moves_name_the_entities_whose_owner_changes():
    p = make([("hubspot", "crm"), ("trello", "pm")], records=[("client", "hubspot"), ("tasks", "trello")])
    analysis = analysed(p)
    pm_moves = {(m.entity, m.current, m.target) for m in projection(analysis, "pm-first").moves}
    assert ("client", "hubspot", "trello") in pm_moves
    # CRM-first puts the centre in the CRM; tasks already sit in a fitting project tool.
    assert projection(analysis, "crm-first").moves == ()
    assert projection(analysis, "hybrid").moves == ()
    (move,) = projection(analysis, "pm-first").moves
    assert "PM-first keeps client in a project tool" in move.why and "Hubspot is a CRM" in move.why


def test_an_entity_with_a_fitting_owner_does_not_move():
    p = make([("pipedrive", "crm"), ("trello", "pm"), ("harvest", "billing")],
             records=[("time_entries", "harvest"), ("tasks", "trello"), ("lead", "pipedrive")])
    analysis = analysed(p)
    assert projection(analysis, "pm-first").owners["time_entries"] == "harvest"
    assert not any(m.entity == "time_entries" for m in projection(analysis, "pm-first").moves)
    assert not any(m.entity == "tasks" for m in projection(analysis, "crm-first").moves)
    assert {m.entity for m in projection(analysis, "pm-first").moves} == {"lead"}


def test_an_all_in_one_beside_a_project_tool_is_hybrid_everywhere():
    p = make([("honeybook", "all-in-one"), ("asana", "pm")],
             records=[("lead", "honeybook"), ("client", "honeybook"), ("invoices", "honeybook"),
                      ("tasks", "asana"), ("deliverables", "asana")],
             stages=[("inquiry", "honeybook"), ("delivery", "asana"), ("invoicing", "honeybook")])
    analysis = analysed(p)
    assert analysis.current_model == "hybrid"
    assert projection(analysis, "hybrid").moves == ()
    assert "hybrid-without-rules" in {f.kind for f in analysis.findings}


def test_the_checklist_asks_for_the_handoff_only_when_it_is_missing():
    p = make([("hubspot", "crm"), ("trello", "pm")], records=[("client", "hubspot"), ("tasks", "trello")])
    declared = p.model_copy(update={"handoffs": [Handoff(from_stage="contract", to_stage="kickoff")]})
    assert any("contract → kickoff handoff" in step for step in projection(analysed(p), "hybrid").checklist)
    assert not any("handoff" in step for step in projection(analysed(declared), "hybrid").checklist)


def test_the_checklist_asks_for_stewards_only_when_a_record_lacks_one():
    """Entities a model merely draws (nothing mapped there) are no record of the person's to steward."""
    stewarded = make([("hubspot", "crm"), ("trello", "pm")], records=[("client", "hubspot"), ("tasks", "trello")])
    for item in analysed(stewarded).comparison:
        assert not any("steward" in step for step in item.checklist), item.model
    for name in ("delivery-heavy-studio.toml", "hybrid-agency.toml", "lead-heavy-consultant.toml"):
        assert not any("steward" in step for item in sample(name).comparison for step in item.checklist), name
    records = [*stewarded.records[:1], stewarded.records[1].model_copy(update={"steward": None})]
    unstewarded = stewarded.model_copy(update={"records": records})
    for item in analysed(unstewarded).comparison:
        assert "Name a steward for every record." in item.checklist, item.model


def test_missing_tools_are_named():
    p = make([("trello", "pm")], records=[("tasks", "trello")])
    analysis = analysed(p)
    assert projection(analysis, "crm-first").missing == ("crm",)
    assert projection(analysis, "hybrid").missing == ("crm",)
    assert projection(analysis, "pm-first").missing == ()
    assert any(r.kind == "missing-tool" for r in projection(analysis, "hybrid").risks)


def test_comparison_fit_matches_scores_and_checklist_is_ordered():
    analysis = sample("messy-studio.toml")
    for item in analysis.comparison:
        assert item.fit == analysis.scores[item.model]
        assert item.checklist[0].startswith("Write the inquiry-to-payment process down")
        assert "handoff" in item.checklist[-1] or "ownership rules" in item.checklist[-1]


def test_conversation_owned_records_move_out_of_chat_under_every_model():
    analysis = sample("messy-studio.toml")
    for item in analysis.comparison:
        assert item.owners["sales_notes"] not in ("slack", "gmail")
        assert not any(r.kind == "record-in-conversation" for r in item.risks)


def test_conflicting_owners_move_from_the_losing_owner():
    p = make([("hubspot", "crm"), ("sheets", "spreadsheet"), ("trello", "pm")],
             records=[("client", "hubspot"), ("client", "sheets")])
    crm = projection(analysed(p), "crm-first")
    assert [(m.current, m.target) for m in crm.moves if m.entity == "client"] == [("sheets", "hubspot")]
    assert not any(r.kind == "conflicting-owners" for r in crm.risks)


# ------------------------------------------------------------ the comparison's shortcuts

@st.composite
def mixed_profiles(draw):
    """Generated profiles whose records are often standard entities, and custom ones repeated."""
    profile = draw(profiles())
    names = st.sampled_from([*knowledge().entities, "retainers", "retainers", "x-files"])
    records = [record.model_copy(update={"entity": draw(names)}) if draw(st.booleans()) else record
               for record in profile.records]
    return profile.model_copy(update={"records": records})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_profiles())
def test_the_comparison_s_shortcuts_change_nothing(profile):
    """Reusing today's findings, and keeping custom entities no model places as they are,
    give the very projections that finding afresh and redrawing everything give."""
    quick = analyze(profile, with_flip=False, with_comparison=False)
    fast = compare_models(profile, quick.scores, quick.signals, quick.findings)
    assert fast == compare_models(profile, quick.scores, quick.signals)
    assert fast == compare_models(profile, quick.scores, quick.signals, keep=False)
    assert fast == analyze(profile, with_flip=False).comparison  # what would change it has no part in it


# ------------------------------------------------------------ today's model by weight (issue 16)

ALL_ENTITIES = [entity for entity in knowledge().entities]
ALL_STAGES = list(knowledge().stages)


def test_one_stray_web_form_does_not_make_a_trello_board_hybrid():
    p = make([("trello", "pm"), ("hubspot", "crm")],
             records=[(entity, "trello") for entity in ALL_ENTITIES],
             stages=[("inquiry", "hubspot"), *((stage, "trello") for stage in ALL_STAGES[1:])])
    analysis = analysed(p)
    assert analysis.current_model == "pm-first"
    assert "Trello holds" in analysis.current_why
    assert not [f for f in analysis.findings if f.kind == "hybrid-without-rules"]


def test_a_crm_holding_everything_beside_a_time_tracker_is_crm_first():
    p = make([("hubspot", "crm"), ("clickup", "pm")],
             records=[*((entity, "hubspot") for entity in ALL_ENTITIES if entity != "time_entries"),
                      ("time_entries", "clickup")])
    analysis = analysed(p)
    assert analysis.current_model == "crm-first" and "Hubspot holds" in analysis.current_why


def test_only_money_mapped_is_no_model_rather_than_pm_first():
    p = make([("xero", "billing")], records=[("invoices", "xero"), ("payments", "xero")])
    analysis = analysed(p)
    assert analysis.current_model == "ad-hoc" and "Xero holds all 2 records and stages" in analysis.current_why


@pytest.mark.parametrize(("records", "model"), [
    ([("lead", "asana"), ("opportunity", "asana")], "crm-first"),  # only the selling side is mapped
    ([("tasks", "hubspot"), ("deliverables", "hubspot")], "pm-first"),  # only the delivery side
])
def test_one_side_mapped_is_that_side_s_model(records, model):
    assert analysed(make([("asana", "pm"), ("hubspot", "crm")], records=records)).current_model == model


def test_hybrid_needs_the_most_of_each_side_in_different_fitting_tools():
    p = make([("hubspot", "crm"), ("asana", "pm")],
             records=[("lead", "hubspot"), ("opportunity", "hubspot"), ("follow_ups", "asana"),
                      ("tasks", "asana"), ("deliverables", "asana"), ("time_entries", "hubspot")])
    analysis = analysed(p)
    assert analysis.current_model == "hybrid"
    assert "Hubspot holds 2 of the 3 records and stages on the selling side" in analysis.current_why
    assert "Asana holds 2 of the 3 records and stages on the delivery side" in analysis.current_why

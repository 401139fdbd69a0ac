"""Numbers that tell one story (issue 16): fit per model, health, reasons about the choice."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import profiles
from test_advice_properties import advice_answers as answers_strategy

from truthmap.analysis import analyze
from truthmap.analysis.health import mapped_areas
from truthmap.analysis.recommend import _fit, recommend, score_answers
from truthmap.model import Answers, Copy, Profile, Record, System

CRM, PM, HYBRID = "crm-first", "pm-first", "hybrid"


# ------------------------------------------------------------ 2. fit is per model


@given(answers_strategy, st.floats(-20, 40))
@settings(max_examples=150, deadline=None)
def test_a_model_s_fit_never_moves_for_another_model_s_case(answers, other_case):
    scored = score_answers(answers)
    for model in (CRM, PM, HYBRID):
        changed = {**scored.case, **{m: other_case for m in scored.case if m != model}}
        assert _fit(scored.matrix, changed)[model] == scored.scores[model]


def test_losing_hybrid_s_gate_leaves_the_other_fits_as_they_were():
    both = dict(inquiries_per_month=12, active_projects=5, problems_persistent=True, ownership_rules="yes",
                team_size=2, revenue_lost="before-kickoff", friction="after-kickoff", early_stage=False)
    with_gate = recommend(Answers(**both, admin_hours_per_week=3), with_flip=False)
    without = recommend(Answers(**both, admin_hours_per_week=2), with_flip=False)
    assert with_gate[3].model == HYBRID and without[3].model != HYBRID
    assert with_gate[2][CRM] == without[2][CRM] and with_gate[2][PM] == without[2][PM]


# ------------------------------------------------------------ 1. health


HYBRID_ANSWERS = Answers(inquiries_per_month=12, active_projects=5, problems_persistent=True, ownership_rules="yes",
                         team_size=3, admin_hours_per_week=6, revenue_lost="before-kickoff",
                         friction="after-kickoff", early_stage=False, process_documented=True)


def studio(copies_sync: str = "one-way", owners: int = 1) -> Profile:
    """A tidy Hybrid whose answers require it, so only the boundaries below can raise findings."""
    systems = [System(id="hubspot", name="HubSpot", kind="crm"), System(id="asana", name="Asana", kind="pm"),
               System(id="xero", name="Xero", kind="billing")]
    records = [Record(entity="lead", owner="hubspot", steward="Dana"),
               Record(entity="client", owner="hubspot", steward="Dana",
                      copies=[Copy(system="asana", sync=copies_sync)]),
               Record(entity="tasks", owner="asana", steward="Sam"),
               Record(entity="invoices", owner="xero", steward="Sam")]
    if owners == 2:
        records.append(Record(entity="client", owner="asana", steward="Sam"))
    return Profile(name="Studio", answers=HYBRID_ANSWERS, systems=systems, records=records)


def test_health_rates_each_area_from_its_findings():
    tidy = analyze(studio()).health
    assert [area.score for area in tidy.areas] == [2, 2, 2, 2] and tidy.total == 100
    retyped = analyze(studio("manual")).health  # a medium duplication of the client: signing is fragile
    assert {area.area: area.score for area in retyped.areas}["signing"] == 1 and retyped.total == 87.5
    two_owners = analyze(studio("manual", owners=2)).health  # a high finding breaks the area
    assert {area.area: area.score for area in two_owners.areas}["signing"] == 0


def test_an_area_with_nothing_mapped_is_zero_and_says_so():
    profile = studio().model_copy(update={"records": studio().records[:1]})
    health = analyze(profile).health
    assert [area.verdict for area in health.areas] == ["solid", "not mapped", "not mapped", "not mapped"]
    assert health.total == 25


@given(profiles())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_health_never_rises_when_a_finding_is_added_and_never_falls_when_one_is_fixed(profile):
    """Re-typing a copy adds a finding; making it one-way fixes it: health moves the other way or not at all."""
    synced = _with_every_copy(profile, "one-way")
    retyped = _with_every_copy(profile, "manual")
    assert mapped_areas(synced) == mapped_areas(retyped)
    assert analyze(retyped, with_flip=False).health.total <= analyze(synced, with_flip=False).health.total


def _with_every_copy(profile: Profile, sync: str) -> Profile:
    records = [record.model_copy(update={"copies": [copy.model_copy(update={"sync": sync})
                                                    for copy in record.copies]})
               for record in profile.records]
    return profile.model_copy(update={"records": records})


# ------------------------------------------------------------ 5. reasons about the choice


def test_a_solo_consultant_is_told_about_the_choice_not_mostly_about_hybrid():
    answers = Answers(inquiries_per_month=3, active_projects=1, team_size=1, admin_hours_per_week=3,
                      revenue_lost="before-kickoff")
    recommendation = recommend(answers, with_flip=False)[3]
    hybrid = [r for r in recommendation.reasons if r.model == HYBRID]
    assert len(hybrid) == 1 and hybrid[0].rule == "hybrid-not-in-question"
    assert recommendation.reasons[0].model == recommendation.model
    assert recommendation.reasons[1].model == recommendation.model  # what decided for it comes first


def test_a_person_weighing_hybrid_sees_each_missing_condition():
    answers = Answers(inquiries_per_month=3, active_projects=1, ownership_rules="yes", problems_persistent=True)
    rules = {r.rule for r in recommend(answers, with_flip=False)[3].reasons}
    assert {"hybrid-needs-lead-heavy", "hybrid-needs-delivery-heavy"} <= rules


def test_still_unsure_names_the_answers_weighed_and_why_they_did_not_decide():
    lost = recommend(Answers(lost_deals_to_follow_up=True, inquiries_per_month=1), with_flip=False)[3]
    assert lost.rule == "still-unsure" and "no meaningful pipeline" in lost.reasons[0].text
    assert {"answers.lost_deals_to_follow_up", "answers.inquiries_per_month"} <= {
        cause.path for cause in lost.reasons[0].causes}
    even = recommend(Answers(revenue_lost="even", friction="even"), with_flip=False)[3]
    assert "points to both sides equally" in even.reasons[0].text
    assert "No answer points" not in even.reasons[0].text


@given(answers_strategy)
@settings(max_examples=150, deadline=None)
def test_every_reason_cites_an_answer(answers):
    for reason in recommend(answers, with_flip=False)[3].reasons:
        assert reason.causes and all(cause.path.startswith("answers") for cause in reason.causes)


# ------------------------------------------------------------ 8. the first misstep


def test_hybrid_on_an_undocumented_process_says_to_write_it_down_first_everywhere():
    from truthmap.reports import json_report, markdown, text

    profile = studio().model_copy(update={"answers": HYBRID_ANSWERS.model_copy(update={"process_documented": False})})
    analysis = analyze(profile)
    assert analysis.recommendation.model == HYBRID
    line = analysis.recommendation.precondition
    assert line and "write the process down" in line
    assert line in " ".join(text.render(profile, analysis, width=400).split())
    assert "Before anything else" in markdown.render(profile, analysis)
    assert json_report.render(profile, analysis).count("write the process down") == 1
    assert analyze(studio()).recommendation.precondition is None  # documented: nothing comes first


def test_a_reason_lists_each_cause_once_however_it_is_made():
    from truthmap.analysis.types import Cause, Reason

    twice = (Cause("answers.friction", "friction"),) * 2
    made = Reason("rule", "text", "pm-first", 1.0, twice)
    assert made.causes == twice[:1]
    assert made._replace(causes=twice).causes == twice[:1]  # a changed copy goes through the same door

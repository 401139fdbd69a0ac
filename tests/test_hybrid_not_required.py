"""A Hybrid setup the answers do not call for: the article's third misstep
(Hybrid chosen for sounding advanced rather than for what the work needs)."""

from __future__ import annotations

from truthmap.analysis import KINDS, analyze
from truthmap.analysis.findings import Context, find_all
from truthmap.glyphs import mark_look
from truthmap.model import Profile

SYSTEMS = [{"id": "hubspot", "name": "HubSpot", "kind": "crm"}, {"id": "asana", "name": "Asana", "kind": "pm"},
           {"id": "quickbooks", "name": "QuickBooks", "kind": "billing"}]
SELLING = ["lead", "opportunity", "follow_ups", "sales_notes", "client", "proposal", "contract"]
DELIVERY = ["scope", "project_plan", "tasks", "deliverables", "change_requests", "delivery_notes"]
# A tidy Hybrid: HubSpot owns the selling records, Asana the delivery ones, one handoff between them.
TIDY_HYBRID = dict(
    records=[{"entity": e, "owner": "hubspot", "steward": "Dana"} for e in SELLING]
    + [{"entity": e, "owner": "asana", "steward": "Jo"} for e in DELIVERY],
    stages=[{"stage": s, "system": "hubspot"} for s in ("inquiry", "qualification", "proposal", "contract")]
    + [{"stage": s, "system": "asana"} for s in ("kickoff", "delivery", "review")],
    handoffs=[{"from": "contract", "to": "kickoff", "trigger": "Deal won", "owner": "Dana"}],
)
# Both sides heavy, lasting, rules affirmed, time to keep two systems: the answers call for Hybrid.
HYBRID_ANSWERS = {"inquiries_per_month": 12, "open_opportunities": 6, "sales_cycle_weeks": 6, "active_projects": 5,
                  "delivery_complexity": "high", "revenue_lost": "before-kickoff", "friction": "after-kickoff",
                  "problems_persistent": True, "ownership_rules": "yes", "admin_hours_per_week": 6,
                  "team_size": 3, "early_stage": False, "process_documented": True}


def profile(answers) -> Profile:
    return Profile.model_validate({"schema": 1, "name": "t", "systems": SYSTEMS, "answers": answers, **TIDY_HYBRID})


def not_required(analysis):
    return [f for f in analysis.findings if f.kind == "hybrid-not-required"]


def test_a_tidy_hybrid_the_answers_do_not_need_is_told_the_misstep():
    analysis = analyze(profile({"inquiries_per_month": 2, "active_projects": 1, "ownership_rules": "yes"}))
    assert analysis.current_model == "hybrid" and analysis.recommendation.model != "hybrid"
    (finding,) = not_required(analysis)
    assert finding.severity == "medium" and finding.rule == "hybrid-only-when-required"
    assert finding.systems == ("hubspot", "asana")
    label = {"crm-first": "CRM-first", "pm-first": "PM-first"}[analysis.recommendation.model]
    assert f"your answers point to {label}" in finding.message
    assert "sounds advanced" not in finding.message  # the article's idea, in the project's own words
    assert finding.fix.startswith(f"Settle on one centre of truth, as {label} does: ")
    paths = [cause.path for cause in finding.causes]
    assert paths[:2] == ["systems[0]", "systems[1]"]
    # The answers that keep Hybrid out: light selling and delivery, among others.
    assert {"answers.inquiries_per_month", "answers.active_projects"} <= set(paths)


def test_the_fix_names_the_recommended_centre():
    pm = analyze(profile({"inquiries_per_month": 1, "active_projects": 4, "friction": "after-kickoff"}))
    assert pm.recommendation.model == "pm-first"
    assert "Asana holds the truth about client work and HubSpot works from it" in not_required(pm)[0].fix
    crm = analyze(profile({"inquiries_per_month": 12, "active_projects": 1, "revenue_lost": "before-kickoff"}))
    assert crm.recommendation.model == "crm-first"
    assert "HubSpot holds the truth about client work and Asana works from it" in not_required(crm)[0].fix


def test_answers_that_call_for_hybrid_raise_no_misstep():
    analysis = analyze(profile(HYBRID_ANSWERS))
    assert analysis.current_model == "hybrid" and analysis.recommendation.model == "hybrid"
    assert not_required(analysis) == []


def test_only_a_current_hybrid_is_told():
    p = profile({"inquiries_per_month": 2, "active_projects": 1})
    for current in ("ad-hoc", "crm-first", "pm-first"):
        assert find_all(p, Context(current, "pm-first"), kinds=("hybrid-not-required",)) == ()
    # A model drawn with the person's tools is judged on its own risks, not on this misstep.
    assert find_all(p, Context("hybrid", "pm-first", projected=True), kinds=("hybrid-not-required",)) == ()
    assert find_all(p, Context("hybrid", None), kinds=("hybrid-not-required",)) == ()


def test_the_kind_is_listed_and_labelled():
    assert "hybrid-not-required" in KINDS
    assert mark_look("hybrid-not-required")[2] == "Hybrid the answers do not need"

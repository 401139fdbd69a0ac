"""The article's decision rules, each with a twin that must not trigger it."""

from __future__ import annotations

import pytest

from truthmap.analysis import analyze
from truthmap.analysis.recommend import derive_signals, recommend
from truthmap.model import Answers, Profile

LEAD_HEAVY = dict(inquiries_per_month=15, open_opportunities=8, sales_cycle_weeks=10, lost_deals_to_follow_up=True)
LEAD_LIGHT = dict(inquiries_per_month=2, open_opportunities=1, sales_cycle_weeks=1, lost_deals_to_follow_up=False)
DELIVERY_HEAVY = dict(active_projects=8, delivery_complexity="high", delivery_quality_bottleneck=True)
DELIVERY_LIGHT = dict(active_projects=1, delivery_complexity="low", delivery_quality_bottleneck=False)


def answers(**values) -> Answers:
    return Answers(**values)


def recommended(**values) -> str:
    return recommend(answers(**values))[3].model


def reason_rules(**values) -> set[str]:
    return {reason.rule for reason in recommend(answers(**values))[3].reasons}


# --------------------------------------------------- CRM-first before kickoff


def test_lead_heavy_with_revenue_lost_before_kickoff_is_crm_first():
    values = dict(**LEAD_HEAVY, **DELIVERY_LIGHT, revenue_lost="before-kickoff", friction="before-kickoff")
    assert recommended(**values) == "crm-first"
    assert "revenue-before-kickoff" in reason_rules(**values)


def test_revenue_lost_after_kickoff_does_not_trigger_the_crm_rule():
    values = dict(**LEAD_HEAVY, **DELIVERY_LIGHT, revenue_lost="after-kickoff")
    assert "revenue-before-kickoff" not in reason_rules(**values)


def test_revenue_rule_cites_the_answer_and_the_lead_pressure():
    values = dict(**LEAD_HEAVY, **DELIVERY_LIGHT, revenue_lost="before-kickoff")
    reasons = recommend(answers(**values))[3].reasons
    rule = next(r for r in reasons if r.rule == "revenue-before-kickoff")
    paths = {cause.path for cause in rule.causes}
    assert "answers.revenue_lost" in paths
    assert "answers.inquiries_per_month" in paths
    assert rule.model == "crm-first" and rule.effect > 0


def test_lost_deals_to_follow_up_with_a_real_pipeline_leans_crm_first():
    assert "follow-up-losses" in reason_rules(**LEAD_HEAVY, **DELIVERY_LIGHT)
    light = dict(LEAD_LIGHT, lost_deals_to_follow_up=True)
    assert "follow-up-losses" not in reason_rules(**light, **DELIVERY_LIGHT)


# --------------------------------------------------- PM-first after kickoff


def test_delivery_heavy_with_friction_after_kickoff_is_pm_first():
    values = dict(**LEAD_LIGHT, **DELIVERY_HEAVY, friction="after-kickoff", revenue_lost="after-kickoff")
    assert recommended(**values) == "pm-first"
    assert "friction-after-kickoff" in reason_rules(**values)


def test_friction_before_kickoff_does_not_trigger_the_pm_rule():
    values = dict(**LEAD_LIGHT, **DELIVERY_HEAVY, friction="before-kickoff")
    assert "friction-after-kickoff" not in reason_rules(**values)


def test_delivery_bottleneck_with_manageable_leads_leans_pm_first():
    assert "delivery-bottleneck" in reason_rules(**LEAD_LIGHT, **DELIVERY_HEAVY)
    assert "delivery-bottleneck" not in reason_rules(**LEAD_HEAVY, **DELIVERY_HEAVY)


def test_repeatable_services_lean_pm_first():
    assert "repeatable-services" in reason_rules(**LEAD_LIGHT, repeatable_services=True)
    assert "repeatable-services" not in reason_rules(**LEAD_LIGHT, repeatable_services=False)


# ------------------------------------------------------------------ Hybrid

BOTH_HIGH = dict(**LEAD_HEAVY, **DELIVERY_HEAVY, revenue_lost="even", friction="even")


def test_hybrid_when_both_high_persistent_and_rules_affirmed():
    values = dict(BOTH_HIGH, problems_persistent=True, ownership_rules="yes", admin_hours_per_week=10)
    assert recommended(**values) == "hybrid"
    assert "hybrid-when-both-high" in reason_rules(**values)


@pytest.mark.parametrize(
    "change",
    [
        {"problems_persistent": False},
        {"problems_persistent": None},
        {"ownership_rules": "unsure"},
        {"ownership_rules": "no"},
        {"ownership_rules": None},
        LEAD_LIGHT,
        DELIVERY_LIGHT,
    ],
    ids=["not-persistent", "persistence-unknown", "rules-unsure", "rules-no", "rules-unknown",
         "lead-light", "delivery-light"],
)
def test_hybrid_never_without_every_condition(change):
    values = dict(BOTH_HIGH, problems_persistent=True, ownership_rules="yes", admin_hours_per_week=10)
    values.update(change)
    assert recommended(**values) != "hybrid"
    assert "hybrid-when-both-high" not in reason_rules(**values)


def test_hybrid_fit_is_penalised_without_rules():
    base = dict(BOTH_HIGH, problems_persistent=True, admin_hours_per_week=10)
    with_rules = recommend(answers(**base, ownership_rules="yes"))[2]["hybrid"]
    without = recommend(answers(**base, ownership_rules="no"))[2]["hybrid"]
    assert without < with_rules


# --------------------------------------------------- unsure and close calls


def test_an_unanswered_profile_defaults_to_pm_first_and_says_why():
    recommendation = recommend(Answers())[3]
    assert recommendation.model == "pm-first"
    assert recommendation.rule == "unsure-defaults-pm"
    assert "unsure" in recommendation.reasons[0].text


def test_enough_answers_is_not_unsure():
    values = dict(**LEAD_HEAVY, **DELIVERY_LIGHT, revenue_lost="before-kickoff")
    assert recommend(answers(**values))[3].rule != "unsure-defaults-pm"


def test_a_close_call_defaults_to_pm_first(monkeypatch):
    # Find answers where CRM-first edges PM-first by less than the margin.
    values = dict(inquiries_per_month=6, open_opportunities=3, sales_cycle_weeks=4, active_projects=3,
                  delivery_complexity="medium", lost_deals_to_follow_up=False, team_size=3)
    signals, matrix, scores, recommendation = recommend(answers(**values))
    assert abs(scores["crm-first"] - scores["pm-first"]) < 5, scores
    assert recommendation.model == "pm-first"
    assert recommendation.rule == "close-call-defaults-pm"


def test_a_clear_lead_is_not_a_close_call():
    values = dict(**LEAD_HEAVY, **DELIVERY_LIGHT, revenue_lost="before-kickoff")
    recommendation = recommend(answers(**values))[3]
    assert recommendation.rule == "highest-fit"
    assert recommendation.margin >= 5


# -------------------------------------------------------------- early stage


def test_early_stage_fit_is_conditional_on_lead_heavy():
    lead = recommend(answers(**LEAD_HEAVY, **DELIVERY_LIGHT, early_stage=True))[1]
    row = next(r for r in lead if r.criterion == "early_stage_fit")
    assert row.cells["crm-first"].rating == "if lead-heavy: strong"
    assert row.cells["pm-first"].rating == "if delivery-heavy: limited"
    assert row.cells["hybrid"].rating == "rarely"
    assert row.weight > 0


def test_early_stage_fit_is_conditional_on_delivery_heavy():
    matrix = recommend(answers(**LEAD_LIGHT, **DELIVERY_HEAVY, early_stage=True))[1]
    row = next(r for r in matrix if r.criterion == "early_stage_fit")
    assert row.cells["crm-first"].rating == "if lead-heavy: limited"
    assert row.cells["pm-first"].rating == "if delivery-heavy: strong"


def test_early_stage_weight_is_zero_when_not_early_stage():
    matrix = recommend(answers(**LEAD_LIGHT, early_stage=False))[1]
    assert next(r for r in matrix if r.criterion == "early_stage_fit").weight == 0


def test_early_stage_rule_names_the_fitting_model():
    reasons = recommend(answers(**LEAD_HEAVY, **DELIVERY_LIGHT, early_stage=True))[3].reasons
    early = next(r for r in reasons if r.rule == "early-stage-fit")
    assert early.model == "crm-first"


# -------------------------------------------------------- matrix and weights


def test_matrix_has_the_articles_ratings():
    matrix = recommend(Answers())[1]
    ratings = {row.criterion: {m: c.rating for m, c in row.cells.items()} for row in matrix}
    assert ratings["pipeline_clarity"] == {"crm-first": "strong", "pm-first": "limited", "hybrid": "strong"}
    assert ratings["delivery_execution"] == {"crm-first": "medium", "pm-first": "strong", "hybrid": "strong"}
    assert ratings["admin_overhead"] == {"crm-first": "medium", "pm-first": "low", "hybrid": "high"}
    assert ratings["setup_complexity"] == {"crm-first": "medium", "pm-first": "low", "hybrid": "high"}


def test_lead_answers_raise_the_pipeline_weight():
    light = recommend(answers(**LEAD_LIGHT))[1][0]
    heavy = recommend(answers(**LEAD_HEAVY))[1][0]
    assert light.criterion == heavy.criterion == "pipeline_clarity"
    assert heavy.weight > light.weight


def test_low_admin_time_raises_the_overhead_weight():
    def weight(hours):
        return next(r for r in recommend(answers(admin_hours_per_week=hours))[1] if r.criterion == "admin_overhead").weight

    assert weight(1) > weight(3) > weight(10)


def test_scores_stay_between_0_and_100():
    for values in (LEAD_HEAVY, LEAD_LIGHT, DELIVERY_HEAVY, BOTH_HIGH, {}):
        scores = recommend(answers(**values))[2]
        assert all(0 <= score <= 100 for score in scores.values())


def test_signals_use_only_answered_questions():
    signals = derive_signals(answers(inquiries_per_month=20))
    assert signals.lead_pressure == 1.0
    assert signals.lead_heavy and not signals.delivery_heavy


# -------------------------------------------------------------------- flip


def test_the_flip_names_a_single_answer_change_that_really_flips():
    values = dict(inquiries_per_month=8, open_opportunities=4, sales_cycle_weeks=6,
                  revenue_lost="before-kickoff", active_projects=2, team_size=2)
    recommendation = recommend(answers(**values))[3]
    flip = recommendation.flip
    assert recommendation.model == "crm-first" and flip is not None
    changed = answers(**{**values, flip.question: flip.value})
    assert recommend(changed, with_flip=False)[3].model == flip.model != recommendation.model
    assert flip.question.replace("_", " ") in flip.text


def test_the_flip_prefers_the_smallest_change():
    values = dict(inquiries_per_month=8, open_opportunities=4, sales_cycle_weeks=6,
                  revenue_lost="before-kickoff", active_projects=2, team_size=2)
    flip = recommend(answers(**values))[3].flip
    # Dropping inquiries from 8 to 1 also flips it, but is a bigger change.
    assert flip.question != "inquiries_per_month" or abs(flip.value - 8) <= 4


def test_no_flip_when_no_single_answer_changes_the_outcome():
    values = dict(**LEAD_LIGHT, **DELIVERY_HEAVY, friction="after-kickoff", revenue_lost="after-kickoff",
                  repeatable_services=True, problems_persistent=True, ownership_rules="no", team_size=4)
    recommendation = recommend(answers(**values))[3]
    assert recommendation.model == "pm-first"
    assert recommendation.flip is None


def test_the_flip_is_found_for_a_close_profile():
    values = dict(BOTH_HIGH, problems_persistent=True, ownership_rules="yes", admin_hours_per_week=10)
    flip = recommend(answers(**values))[3].flip
    assert flip is not None
    assert flip.model != "hybrid"


def test_analysis_of_an_empty_profile_is_complete():
    analysis = analyze(Profile(name="blank"))
    assert analysis.current_model == "ad-hoc"
    assert analysis.recommendation.model == "pm-first"
    assert analysis.findings == ()
    assert [p.model for p in analysis.comparison] == ["crm-first", "pm-first", "hybrid"]

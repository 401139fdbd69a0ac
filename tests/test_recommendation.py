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


def test_signals_use_only_answered_questions():
    signals = derive_signals(answers(inquiries_per_month=20))
    assert signals.lead_pressure == 1.0
    assert signals.lead_heavy and not signals.delivery_heavy


# -------------------------------------------------------------------- flip


def test_analysis_of_an_empty_profile_is_complete():
    analysis = analyze(Profile(name="blank"))
    assert analysis.current_model == "ad-hoc"
    assert analysis.recommendation.model == "pm-first"
    assert analysis.findings == ()
    assert [p.model for p in analysis.comparison] == ["crm-first", "pm-first", "hybrid"]

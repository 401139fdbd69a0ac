"""The advice as properties of the article, checked over generated profiles.

- More lead pressure never moves the advice from CRM-first to PM-first.
- More delivery pressure never moves it away from PM-first.
- Without affirmed ownership rules (or with them withdrawn) there is no Hybrid.
- The recommended model has the highest fit unless a named override says why.
- The margin is never negative.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from truthmap.analysis.recommend import recommend, recommended_model, score_answers
from truthmap.model import Answers

WHERE = ["before-kickoff", "after-kickoff", "even", "unknown"]


def maybe(strategy):
    return st.one_of(st.none(), strategy)


answers_strategy = st.builds(
    Answers,
    inquiries_per_month=maybe(st.integers(0, 40)),
    open_opportunities=maybe(st.integers(0, 15)),
    sales_cycle_weeks=maybe(st.sampled_from([0.0, 0.5, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 20.0])),
    lost_deals_to_follow_up=maybe(st.booleans()),
    revenue_lost=maybe(st.sampled_from(WHERE)),
    friction=maybe(st.sampled_from(WHERE)),
    problems_persistent=maybe(st.booleans()),
    active_projects=maybe(st.integers(0, 12)),
    delivery_complexity=maybe(st.sampled_from(["low", "medium", "high"])),
    delivery_quality_bottleneck=maybe(st.booleans()),
    repeatable_services=maybe(st.booleans()),
    process_documented=maybe(st.booleans()),
    ownership_rules=maybe(st.sampled_from(["yes", "no", "unsure"])),
    early_stage=maybe(st.booleans()),
    team_size=maybe(st.integers(1, 12)),
    admin_hours_per_week=maybe(st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 10.0])),
)

# Raising one signal of a side: (question, strategy of the raised value given the current one).
COMPLEXITY = [None, "low", "medium", "high"]


def _more(current, values):
    """Values at or above the current one in an ordered list (None lowest)."""
    return values[values.index(current):] if current in values else values


LEAD_SIGNALS = ["inquiries_per_month", "open_opportunities", "sales_cycle_weeks", "lost_deals_to_follow_up",
                "revenue_lost", "friction"]
DELIVERY_SIGNALS = ["active_projects", "delivery_complexity", "delivery_quality_bottleneck", "repeatable_services",
                    "revenue_lost", "friction"]


def raise_lead(draw, answers: Answers, question: str) -> Answers:
    current = getattr(answers, question)
    if question in ("inquiries_per_month", "open_opportunities"):
        value = draw(st.integers(current or 0, 60))
    elif question == "sales_cycle_weeks":
        value = draw(st.floats(current or 0.0, 40.0, allow_nan=False))
    elif question == "lost_deals_to_follow_up":
        value = True
    else:  # a shortcut answer moved to the sales side
        value = "before-kickoff"
    return answers.model_copy(update={question: value})


def raise_delivery(draw, answers: Answers, question: str) -> Answers:
    current = getattr(answers, question)
    if question == "active_projects":
        value = draw(st.integers(current or 0, 40))
    elif question == "delivery_complexity":
        value = draw(st.sampled_from(_more(current, COMPLEXITY)))
    elif question in ("delivery_quality_bottleneck", "repeatable_services"):
        value = True
    else:  # a shortcut answer moved to the delivery side
        value = "after-kickoff"
    return answers.model_copy(update={question: value})


# 1,000 generated profiles per property; the monotone ones raise every signal of a
# side in turn, so each checks about 6,000 pairs.
PROPERTY = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.data(), answers_strategy)
def test_more_lead_pressure_never_moves_crm_first_to_pm_first(data, answers):
    before = recommended_model(answers)
    for question in LEAD_SIGNALS:
        raised = raise_lead(data.draw, answers, question)
        after = recommended_model(raised)
        assert not (before == "crm-first" and after == "pm-first"), (answers, raised)


@PROPERTY
@given(st.data(), answers_strategy)
def test_more_delivery_pressure_never_moves_away_from_pm_first(data, answers):
    before = recommended_model(answers)
    for question in DELIVERY_SIGNALS:
        raised = raise_delivery(data.draw, answers, question)
        assert before != "pm-first" or recommended_model(raised) == "pm-first", (answers, raised)


@PROPERTY
@given(answers_strategy, st.sampled_from([None, "no", "unsure"]))
def test_no_hybrid_without_affirmed_ownership_rules(answers, rules):
    withdrawn = answers.model_copy(update={"ownership_rules": rules})
    assert recommended_model(withdrawn) != "hybrid"


@PROPERTY
@given(answers_strategy)
def test_recommended_fit_is_highest_unless_an_override_is_named(answers):
    _, _, scores, recommendation = recommend(answers, with_flip=False)
    if scores[recommendation.model] < max(scores.values()):
        assert recommendation.override
    else:
        assert recommendation.override is None


@PROPERTY
@given(answers_strategy)
def test_margin_is_never_negative_and_scores_stay_in_range(answers):
    _, _, scores, recommendation = recommend(answers, with_flip=False)
    assert recommendation.margin >= 0
    assert all(0 <= score <= 100 for score in scores.values())


@PROPERTY
@given(answers_strategy)
def test_every_reason_cites_an_answer(answers):
    _, _, _, recommendation = recommend(answers, with_flip=False)
    for reason in recommendation.reasons:
        assert reason.causes, reason.rule


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_hybrid_only_when_every_gate_condition_holds(answers):
    scored = score_answers(answers)
    if recommended_model(answers) == "hybrid":
        assert scored.gate_holds
        assert answers.ownership_rules == "yes" and answers.problems_persistent is True
        assert scored.signals.lead_heavy and scored.signals.delivery_heavy
        assert answers.admin_hours_per_week is not None and answers.admin_hours_per_week > 0

"""How firm the advice is, from the cheapest single change that would change it."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from test_sensitivity import tricky_answers

from truthmap.analysis import analyze
from truthmap.analysis.recommend import recommend, recommended_model
from truthmap.knowledge import knowledge
from truthmap.model import Answers, Profile
from truthmap.reports import render_report


def recommendation_of(**values):
    return recommend(Answers(**values))[3]


def test_one_more_project_is_a_close_call():
    recommendation = recommendation_of(inquiries_per_month=8, active_projects=2, delivery_complexity="low")
    firmness = recommendation.firmness
    assert recommendation.model == "crm-first" and firmness.level == "close"
    assert (firmness.flip.question, firmness.flip.value, firmness.flip.model) == ("active_projects", 3, "pm-first")
    assert firmness.text == "a close call: one more project (3 projects) would make it PM-first"


def test_a_change_of_about_double_is_leaning():
    recommendation = recommendation_of(inquiries_per_month=3, open_opportunities=0, active_projects=6,
                                       lost_deals_to_follow_up=True, delivery_quality_bottleneck=True)
    firmness = recommendation.firmness
    assert recommendation.model == "pm-first" and firmness.level == "leaning"
    assert (firmness.flip.question, firmness.flip.value) == ("inquiries_per_month", 6)
    assert firmness.text == "leaning: inquiries/month up from 3 to 6 per month would make it CRM-first"


def test_nothing_within_halving_or_doubling_is_firm():
    values = dict(inquiries_per_month=7, sales_cycle_weeks=10, revenue_lost="before-kickoff",
                  delivery_quality_bottleneck=True, team_size=2)
    recommendation = recommendation_of(**values)
    firmness = recommendation.firmness
    assert recommendation.model == "crm-first" and firmness.level == "firm"
    assert firmness.text == "firm: no single answer within halving or doubling changes it"
    # A change further than halving still flips it, and is still named.
    assert firmness.flip is not None and firmness.flip.value < values["inquiries_per_month"] / 2
    assert firmness.flip == recommendation.flip


def test_no_change_at_all_is_firm():
    values = dict(inquiries_per_month=30, open_opportunities=10, revenue_lost="before-kickoff",
                  friction="before-kickoff", lost_deals_to_follow_up=True)
    firmness = recommendation_of(**values).firmness
    assert (firmness.level, firmness.flip) == ("firm", None)
    assert firmness.text == "firm: no single answer changes it"


def test_a_yes_no_flip_is_a_close_call():
    values = dict(inquiries_per_month=4, lost_deals_to_follow_up=True, revenue_lost="before-kickoff",
                  friction="after-kickoff", delivery_quality_bottleneck=False)
    firmness = recommendation_of(**values).firmness
    assert firmness.level == "close" and firmness.flip.question == "lost_deals_to_follow_up"
    assert firmness.text == "a close call: follow-up losses no instead of yes would make it PM-first"


def test_answering_an_unanswered_question_is_a_close_call_whatever_the_value():
    firmness = recommendation_of().firmness
    assert firmness.level == "close" and firmness.flip.current is None
    assert firmness.text == "a close call: answering inquiries/month with 6 per month would make it CRM-first"


def test_the_json_report_says_how_firm_in_a_level_and_in_words():
    profile = Profile(name="Close", answers=Answers(inquiries_per_month=8, active_projects=2,
                                                    delivery_complexity="low"))
    data = json.loads(render_report(profile, analyze(profile), "json"))["recommendation"]
    assert data["firmness"] == "close"
    assert data["firmness_text"] == "a close call: one more project (3 projects) would make it PM-first"


# ------------------------------------------------------------------ brute force

_SCAN = {"count": range(0, 31), "size": range(1, 13), "number": [k / 2 for k in range(41)]}


def _windows(current):
    """(close, leaning) windows as docs/how-it-decides.md states them."""
    near = current / 4 if current >= 4 else 1
    return (current - near, current + near), (current / 2, current * 2)


def _number_changes(question, current):
    """(value, level) for a number: every scanned value and each window's ends."""
    whole = question.type != "number"
    floor = _SCAN[question.type][0]
    if current is None:  # answering at all is one step
        return [(value, "close") for value in _SCAN[question.type]]
    (close_low, close_high), (lean_low, lean_high) = _windows(current)
    ends = [math.ceil(close_low), math.floor(close_high), math.ceil(lean_low), math.floor(lean_high)] if whole \
        else [close_low, close_high, lean_low, lean_high]
    changes = []
    for value in {*_SCAN[question.type], *ends}:
        if not (math.isfinite(value) and value >= floor) or value == current:
            continue
        if close_low <= value <= close_high:
            changes.append((value, "close"))
        elif lean_low <= value <= lean_high:
            changes.append((value, "leaning"))
    return changes


def _single_changes(question, current):
    if question.type == "yes-no":
        return [(value, "close") for value in (True, False) if value != current]
    if question.type == "choice":
        return [(value, "close") for value, _ in question.choices if value != current]
    return _number_changes(question, current)


def brute_force_firmness(answers: Answers, model: str) -> str:
    """The level of the smallest single change that changes the model, tried one by one."""
    found = "firm"
    for question in knowledge().questions.values():
        for value, level in _single_changes(question, getattr(answers, question.id)):
            if recommended_model(answers.model_copy(update={question.id: value})) != model:
                if level == "close":
                    return "close"
                found = "leaning"
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_answers())
def test_firmness_matches_a_brute_force_search_of_single_changes(answers):
    recommendation = recommend(answers)[3]
    assert recommendation.firmness.level == brute_force_firmness(answers, recommendation.model)

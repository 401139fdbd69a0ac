"""What would change the recommendation: the sensitivity of every answer."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.reactive import reactive

from truthmap.analysis import Analysis, analyze
from truthmap.analysis.recommend import recommend, recommended_model
from truthmap.model import Answers, Profile
from truthmap.workbench import matrix
from truthmap.workbench.matrix import RecommendationPanel
from truthmap.workbench.sensitivity_chart import chart_lines

EDGE = dict(inquiries_per_month=8, open_opportunities=2, sales_cycle_weeks=4, active_projects=2,
            revenue_lost="before-kickoff", friction="after-kickoff", admin_hours_per_week=4, team_size=3)


def sensitivity_of(values: dict, question: str):
    recommendation = recommend(Answers(**values))[3]
    return recommendation, next(s for s in recommendation.sensitivity if s.question == question)


def test_every_question_is_covered_answered_or_not():
    recommendation = recommend(Answers(**EDGE))[3]
    questions = [s.question for s in recommendation.sensitivity]
    assert "delivery_complexity" in questions and "inquiries_per_month" in questions
    assert len(questions) == len(set(questions)) == 16


def test_a_number_reports_the_range_that_keeps_the_advice_and_what_lies_outside():
    recommendation, item = sensitivity_of(EDGE, "inquiries_per_month")
    assert recommendation.model == "crm-first"
    (keep,) = item.keeps
    assert keep.low <= 8 and (keep.high is None or keep.high >= 8)
    assert item.changes and all(o.model != "crm-first" for o in item.changes)
    # The edges are real: one value each side of an edge gives each side's model.
    for outcome in item.changes:
        inside = outcome.low if outcome.high is None else outcome.high
        assert recommended_model(Answers(**{**EDGE, "inquiries_per_month": inside})) == outcome.model
    assert recommended_model(Answers(**{**EDGE, "inquiries_per_month": keep.low})) == "crm-first"


def test_a_decimal_edge_is_found_to_a_tenth():
    values = dict(inquiries_per_month=4, sales_cycle_weeks=12, friction="even")
    recommendation, item = sensitivity_of(values, "sales_cycle_weeks")
    assert recommendation.model == "crm-first"
    (below,) = [o for o in item.changes if o.high is not None]
    edge = below.high + 0.1
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": round(edge, 1)})) == "crm-first"
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": below.high})) != "crm-first"


def test_choices_say_which_values_flip_it():
    _, item = sensitivity_of(EDGE, "revenue_lost")
    assert {o.low for o in item.changes} == {"after-kickoff"}
    assert {o.low for o in item.keeps} == {"before-kickoff", "even", "unknown"}


def test_unanswered_questions_are_tried_zero_included():
    values = dict(revenue_lost="before-kickoff")
    _, item = sensitivity_of(values, "active_projects")
    assert item.current is None
    # Answering 0 projects keeps CRM-first, many projects make delivery heavy.
    assert any(o.low == 0 and o.model == "crm-first" for o in item.outcomes)


def test_the_flip_can_be_an_unanswered_question():
    recommendation = recommend(Answers())[3]
    flip = recommendation.flip
    assert recommendation.model == "pm-first" and flip is not None and flip.current is None
    assert recommended_model(Answers(**{flip.question: flip.value})) == flip.model == "crm-first"


def test_the_chart_draws_strips_when_wide_and_words_when_narrow():
    recommendation = recommend(Answers(**EDGE))[3]
    wide = [line.plain for line in chart_lines(recommendation, 76)]
    assert any("\u25cf" in line and "\u2501" in line for line in wide)  # the answer on its track
    assert any("[Before kickoff]" in line for line in wide)
    assert any(line.startswith("leads to:") for line in wide)
    for narrow in (chart_lines(recommendation, 40), chart_lines(recommendation, 76, compact=True)):
        plain = [line.plain for line in narrow]
        assert not any("\u2501\u2501\u2501" in line for line in plain)
        assert any(line.startswith("Revenue lost") and "After kickoff \u2192 PM-first" in line for line in plain)


def test_a_firm_recommendation_says_so():
    values = dict(inquiries_per_month=30, open_opportunities=10, revenue_lost="before-kickoff",
                  friction="before-kickoff", lost_deals_to_follow_up=True)
    recommendation = recommend(Answers(**values))[3]
    assert recommendation.flip is None
    assert chart_lines(recommendation, 76)[0].plain.startswith("Firm:")


class PanelHost(App):
    """The recommendation panel alone, given analyses as the main screen gives them."""

    CSS_PATH = str(Path(matrix.__file__).parent / "matrix.tcss")
    analysis: reactive[Analysis | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield RecommendationPanel().data_bind(PanelHost.analysis)


async def test_the_recommendation_panel_redraws_its_chart_for_a_new_analysis():
    app = PanelHost()
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(RecommendationPanel)
        app.analysis = analyze(Profile(name="Edge", answers=Answers(**EDGE)))
        await pilot.pause()
        assert "Inquiries/month" in panel.text.plain
        app.analysis = analyze(Profile(name="Edge", answers=Answers(**{**EDGE, "revenue_lost": "after-kickoff"})))
        await pilot.pause()
        assert "[After kickoff]" in panel.text.plain

"""What would change the recommendation: the sensitivity of every answer."""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import amounts, counts
from profile_strategies import answers as any_answers
from textual.app import App, ComposeResult
from textual.reactive import reactive

from truthmap.analysis import Analysis, analyze
from truthmap.analysis.recommend import recommend, recommended_model
from truthmap.knowledge import knowledge
from truthmap.model import Answers, Profile
from truthmap.workbench.panes.matrix import RecommendationPanel
from truthmap.workbench.panes.sensitivity_chart import chart_lines

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
    (keep,) = item.keeps
    assert round(keep.low - below.high, 9) == 0.1  # neighbouring tenths, nothing between
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": keep.low})) == "crm-first"
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": below.high})) != "crm-first"


def test_a_decimal_answer_lies_in_its_own_range_and_no_claim_is_false():
    # 4 inquiries: the sales cycle makes selling heavy from 6.4 weeks, exactly.
    values = dict(inquiries_per_month=4, sales_cycle_weeks=6.45)
    recommendation, item = sensitivity_of(values, "sales_cycle_weeks")
    assert recommendation.model == "crm-first"
    (keep,) = item.keeps
    assert keep.low == 6.4 and keep.high is None and keep.label == "6.4 weeks or more"
    (change,) = item.changes
    assert change.high == 6.3 and change.label == "under 6.4 weeks"
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": 6.4})) == "crm-first"
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": 6.3})) == "pm-first"
    assert recommendation.flip.value == 6.3 and "6.3 weeks" in recommendation.flip.text


def test_an_edge_between_tenths_is_an_about_value():
    # One open deal: a real pipeline from a sales cycle of 4.27 weeks (32 x (0.3 - 1/6)).
    values = dict(open_opportunities=1, sales_cycle_weeks=3.45, lost_deals_to_follow_up=True)
    recommendation, item = sensitivity_of(values, "sales_cycle_weeks")
    (keep,) = item.keeps
    (change,) = item.changes
    assert (keep.label, change.label) == ("under about 4.3 weeks", "about 4.3 weeks or more")
    assert "about 4.3 weeks or more \u2192 CRM-first" in item.text
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": change.low})) == change.model == "crm-first"
    assert recommended_model(Answers(**{**values, "sales_cycle_weeks": keep.high})) == recommendation.model


def test_an_answer_beyond_the_scan_lies_in_a_range_too():
    values = dict(inquiries_per_month=400, active_projects=2, sales_cycle_weeks=1e300, admin_hours_per_week=37.25)
    recommendation = recommend(Answers(**values))[3]
    for question in ("inquiries_per_month", "sales_cycle_weeks", "admin_hours_per_week"):
        item = next(s for s in recommendation.sensitivity if s.question == question)
        assert [o.model for o in item.keeps] == [recommendation.model]
        assert item.keeps[0].low <= values[question]


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
    for width, narrow in ((40, chart_lines(recommendation, 40)), (76, chart_lines(recommendation, 76, compact=True))):
        plain = [line.plain for line in narrow]
        assert not any("\u2501\u2501\u2501" in line for line in plain)
        assert any(line.startswith("Revenue lost") for line in plain)
        assert "After kickoff \u2192 PM-first" in " ".join(plain)
        assert all(line.cell_length <= width for line in narrow)  # fitted: the panel wraps them no more


def test_a_firm_recommendation_says_so():
    values = dict(inquiries_per_month=30, open_opportunities=10, revenue_lost="before-kickoff",
                  friction="before-kickoff", lost_deals_to_follow_up=True)
    recommendation = recommend(Answers(**values))[3]
    assert recommendation.flip is None
    assert chart_lines(recommendation, 76)[0].plain.startswith("Firm:")


class PanelHost(App):
    """The recommendation panel alone, given analyses as the main screen gives them."""

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


# ------------------------------------------------------------------ exact at any answer

_FLOOR = {"count": 0, "size": 1, "number": 0}


def near_thresholds(question):
    """Small whole numbers, decimals with two places (past the scan too), or anything."""
    if question.type == "number":
        return st.integers(0, 2500).map(lambda n: n / 100) | amounts
    return st.integers(_FLOOR[question.type], 15) | counts.filter(lambda n: n >= _FLOOR[question.type])


@st.composite
def tricky_answers(draw):
    """Generated answers whose numbers are often near the thresholds, often decimal."""
    base = draw(any_answers)
    numbers = [q for q in knowledge().questions.values() if q.type in _FLOOR]
    return base.model_copy(update={q.id: draw(near_thresholds(q)) for q in numbers if draw(st.booleans())})


def _named(item, outcome):
    """The values an outcome names: a choice, or a range's ends."""
    return [outcome.low] if not item.numeric or outcome.high is None else [outcome.low, outcome.high]


def _tiles(item) -> bool:
    """Numeric ranges start at the floor, follow each other without overlap, and end open."""
    lows = [o.low for o in item.outcomes]
    ends = [o.high for o in item.outcomes]
    return (lows == sorted(set(lows)) and ends[-1] is None
            and all(high is not None and low <= high < following for low, high, following in zip(lows, ends, lows[1:])))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_answers())
def test_every_claimed_value_gives_the_claimed_model_and_the_answer_keeps_its_own(answers):
    recommendation = recommend(answers)[3]
    for item in recommendation.sensitivity:
        for outcome in item.changes:
            for value in _named(item, outcome):
                assert recommended_model(answers.model_copy(update={item.question: value})) == outcome.model
        if item.numeric:
            assert _tiles(item), item.outcomes
        if item.current is not None and item.numeric:
            (keep,) = item.keeps  # one range holds the answer, whatever its decimals
            assert keep.model == recommendation.model
            assert keep.low <= item.current and (keep.high is None or item.current <= keep.high)
        elif item.current is not None:
            assert item.current in [o.low for o in item.keeps]
    flip = recommendation.flip
    if flip is not None:
        assert recommended_model(answers.model_copy(update={flip.question: flip.value})) == flip.model


def test_each_model_has_its_own_glyph_so_colour_is_not_the_only_difference():
    from truthmap.workbench.panes.sensitivity_chart import MODEL_TRACK, legend

    assert len(set(MODEL_TRACK.values())) == len(MODEL_TRACK)
    recommendation = recommend(Answers(**EDGE))[3]
    plain = "\n".join(line.plain for line in chart_lines(recommendation, 100))
    models = {o.model for item in recommendation.sensitivity for o in item.outcomes if item.changes}
    assert all(MODEL_TRACK[model] in plain for model in models)
    assert all(MODEL_TRACK[model] * 2 in legend().plain for model in MODEL_TRACK)

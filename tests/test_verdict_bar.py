"""The one-line verdict that stays in view on every main-screen layout."""

from __future__ import annotations

from textual.app import App, ComposeResult

from truthmap.analysis import analyze
from truthmap.model import Answers, Profile
from truthmap.workbench.panes.verdict_bar import VerdictBar, verdict


def analysis_of(**answers):
    return analyze(Profile(name="t", answers=Answers(**answers)), with_flip=False)


def test_the_verdict_names_the_model_how_firm_it_is_today_and_findings():
    analysis = analyze(Profile(name="t", answers=Answers(inquiries_per_month=25, revenue_lost="before-kickoff")))
    line = verdict(analysis).plain
    assert "\u2605 CRM-first" in line and analysis.recommendation.firmness.level in ("firm", "leaning", "close")
    assert {"firm": "firm", "leaning": "leaning", "close": "a close call"}[analysis.recommendation.firmness.level] in line
    assert "points ahead" not in line  # the margin is a detail, not the verdict
    assert "today Ad hoc" in line and "no findings" in line
    assert "nothing mapped yet" in line and "health 0" not in line  # issue 20 (11): no health to rate


def test_a_call_the_rules_override_shows_no_lead():
    # Both sides heavy and hurting, no ownership rules: PM-first although CRM-first scores a little higher.
    analysis = analysis_of(inquiries_per_month=25, active_projects=6, revenue_lost="before-kickoff",
                           friction="after-kickoff", problems_persistent=True)
    assert analysis.recommendation.margin == 0 and analysis.recommendation.override
    line = verdict(analysis).plain
    assert "\u2605 PM-first" in line and "vs" not in line


class Host(App):
    def compose(self) -> ComposeResult:
        yield VerdictBar()


async def test_the_bar_follows_each_new_analysis_and_fits_80_columns():
    app = Host()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(VerdictBar)
        bar.analysis = analysis_of(inquiries_per_month=25, revenue_lost="before-kickoff")
        await pilot.pause()
        assert "\u2605 CRM-first" in bar.render().plain
        bar.analysis = analysis_of(friction="after-kickoff")
        await pilot.pause()
        assert "\u2605 PM-first" in bar.render().plain
        assert bar.render().cell_length <= 80

"""Issue 20 (4): the recommendation gets room to be read, and F6 always lands on the matrix."""

from __future__ import annotations

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.panes.matrix import CriteriaMatrix, RecommendationPanel
from truthmap.workbench.panes.verdict_bar import VerdictBar
from truthmap.workbench.screens.main_screen import MainScreen
from truthmap.workbench.screens.verdict_screen import VerdictScreen
from workbench_helpers import copy_sample, settle

WIDE, NARROW = (120, 40), (80, 24)


async def test_f6_puts_the_cursor_on_the_matrix_even_after_tab_into_the_recommendation(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        matrix = app.screen.query_one(CriteriaMatrix)
        await pilot.press("f6", "tab")
        await pilot.pause()
        assert isinstance(app.focused, RecommendationPanel)
        await pilot.press("f5", "f6")
        await pilot.pause()
        assert app.focused is matrix
        before = matrix.cursor
        await pilot.press("down")
        assert matrix.cursor == (before[0] + 1, before[1])  # arrows move the cursor, never scroll text


async def read_in_full(app, pilot, size) -> VerdictScreen:
    await settle(app, pilot)
    await pilot.press("f6", "tab", "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, VerdictScreen)
    return app.screen


async def test_enter_on_the_recommendation_shows_all_of_it_without_scrolling_at_120x40(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await read_in_full(app, pilot, WIDE)
        panel = screen.query_one(RecommendationPanel)
        text = panel.text.plain
        assert "What would change it" in text and "\nWhy\n" in text
        shown = [line for line in (l.plain.strip() for l in panel.lines) if line]
        assert panel.max_scroll_y == 0, "the whole recommendation fits the screen"
        assert shown[-1] in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, RecommendationPanel)


async def test_the_full_recommendation_follows_edits(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=NARROW) as pilot:
        screen = await read_in_full(app, pilot, NARROW)
        panel = screen.query_one(RecommendationPanel)
        assert panel.text.plain.splitlines()[0].startswith(" ★ PM-first")
        profile = app.profile
        answers = profile.answers.model_copy(update={"revenue_lost": "before-kickoff", "friction": "before-kickoff"})
        app.apply_profile(profile.model_copy(update={"answers": answers}))
        await settle(app, pilot)
        assert panel.text.plain.splitlines()[0].startswith(" ★ CRM-first")


async def test_a_click_on_the_verdict_line_shows_the_recommendation_in_full(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await pilot.click(VerdictBar)
        await settle(app, pilot)
        assert isinstance(app.screen, VerdictScreen)


async def test_every_line_of_the_recommendation_is_drawn_whole_when_it_scrolls(tmp_path):
    """A scrollbar that appears once the text is longer than the panel takes a cell of
    its width: the text is wrapped for the width it is drawn in, no word dropped."""
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        panel = app.screen.query_one(RecommendationPanel)
        assert panel.max_scroll_y > 0  # it scrolls at 80x24
        width = panel.scrollable_content_region.width
        for index, line in enumerate(panel.lines):
            assert line.cell_length <= width, (index, line.plain)

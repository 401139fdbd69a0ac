"""Issue 20 (8): after a refused key's hint, Enter shows the next question from its title."""

from __future__ import annotations

import pytest

from truthmap.knowledge import knowledge
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.panes.questionnaire import NumberRow, Questionnaire
from workbench_helpers import settle

QUESTIONS = list(knowledge().questions)


async def until_still(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.wait_for_animation()
    await pilot.pause()


# Each question's Enter is walked once, the walk split between the two sizes (both
# row classes, every kind of question and a new group's title in each half).  At
# 120x40 the pane is narrow: answers under their prompts, tall rows, and the view
# moves from the second question on (where Textual's own centring once hid the
# title): the first half.  At 80x24 the pane is wide: answers beside the prompts,
# short rows, and the view stays still until the sixth question: the second half,
# where every Enter scrolls.
HALF = QUESTIONS.index("delivery_complexity")


@pytest.mark.parametrize(("size", "walk"), [((120, 40), QUESTIONS[:HALF + 1]), ((80, 24), QUESTIONS[HALF:])])
async def test_enter_after_a_refused_key_keeps_the_next_question_s_title_in_view(tmp_path, size, walk):
    app = TruthmapApp([tmp_path / "fresh.toml"])
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        questions = app.screen.query_one(Questionnaire)
        questions.go_to(walk[0])
        await until_still(app, pilot)
        # Each question in turn: Enter on one focuses the next, which the next round starts from.
        for question, following in zip(walk, walk[1:]):
            row = app.focused
            assert row.id == f"q-{question}"
            await pilot.press(*(["1", "x"] if isinstance(row, NumberRow) else ["x"]))  # a hint under the answer
            await until_still(app, pilot)
            assert row.problem is not None, question
            await pilot.press("enter")
            await until_still(app, pilot)
            nxt = app.focused
            assert nxt.id == f"q-{following}"
            top, seen = nxt.virtual_region.y, questions.scroll_offset.y
            height = questions.scrollable_content_region.height
            assert seen <= top < seen + height, (following, top, seen, height)  # its first line, the title
            await pilot.press("delete")  # leave it unanswered for the next round

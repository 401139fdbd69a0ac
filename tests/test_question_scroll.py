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


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_enter_after_a_refused_key_keeps_the_next_question_s_title_in_view(tmp_path, size):
    app = TruthmapApp([tmp_path / "fresh.toml"])
    async with app.run_test(size=size) as pilot:
        await until_still(app, pilot)
        questions = app.screen.query_one(Questionnaire)
        for question, following in zip(QUESTIONS, QUESTIONS[1:]):
            questions.go_to(question)
            await until_still(app, pilot)
            row = app.focused
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

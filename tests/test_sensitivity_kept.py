"""The app remembers "what would change it" for answers it analysed lately: coming
back to them (erase and retype, undo) shows what a fresh analysis would."""

from __future__ import annotations

from truthmap.analysis import analyze
from truthmap.analysis.recommend import _kept
from truthmap.editing import set_answer
from truthmap.workbench.app import TruthmapApp

from workbench_helpers import apply_edit, settle


async def test_answers_come_back_to_shows_a_fresh_analysis() -> None:
    app = TruthmapApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first = app.profile
        value = first.answers.inquiries_per_month
        hits = _kept.cache_info().hits
        for typed in (value * 10 + 2, value, value * 10 + 3, value):
            await apply_edit(app, pilot, set_answer(app.profile, question_id="inquiries_per_month", value=typed))
            fresh = analyze(app.profile).recommendation
            shown = app.analysis.recommendation
            assert (shown.sensitivity, shown.flip, shown.firmness) == (fresh.sensitivity, fresh.flip, fresh.firmness)
        assert _kept.cache_info().hits >= hits + 2  # the two returns to `value` were not searched again

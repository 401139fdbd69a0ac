"""Keys typed faster than the app draws still land where they were meant to.

The terminal driver posts every key to the app at once; Pilot's `press`
waits between keys and would hide any ordering problem, so these tests post
the keys the way the driver does.
"""

from __future__ import annotations

from textual import events

from truthmap.workbench.app import TruthmapApp
from workbench_helpers import copy_sample, settle

CHARACTERS = {"backspace": "\x7f", "delete": None, "down": None, "f5": None, "f6": None}


async def type_fast(app, pilot, *keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key)))
    # Each key hops from widget to parent to app; let every queue drain.
    for _ in range(len(keys) * 2):
        await pilot.pause()
    await settle(app, pilot)


async def test_digits_after_down_go_to_the_next_question_and_all_answers_stick(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_fast(app, pilot, "f6", "f5", "backspace", "1", "5", "down", "3", "2", "1", "down", "7", "down", "y")
        answers = app.profile.answers
        assert answers.inquiries_per_month == 15
        assert answers.open_opportunities == 321
        assert answers.sales_cycle_weeks == 7
        assert answers.lost_deals_to_follow_up is True


async def test_erase_and_clear_keep_their_place_among_digits(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_fast(app, pilot, "f5", "delete", "4", "8", "backspace", "2")
        assert app.profile.answers.inquiries_per_month == 42


async def test_quick_pane_switches_settle_on_the_last_one(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_fast(app, pilot, "f6", "f8", "f7", "f5")
        seen = set()
        for _ in range(10):  # a pane switch echoed back would keep flipping focus
            await pilot.pause()
            seen.add(app.screen.active_pane)
        assert seen == {"questions"}
        assert app.focused.id.startswith("q-")

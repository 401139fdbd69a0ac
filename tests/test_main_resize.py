"""The main screen follows the terminal's size: the grid when wide, one pane with tabs when narrow.

The screen skips Textual's layout pass for a Resize of the size it already has
(MainScreen.on_resize); a real change of size must still be laid out and
change the width class, also when it happens under another screen.
"""

from __future__ import annotations

from workbench_helpers import copy_sample, settle

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.screens.help_screen import HelpScreen
from truthmap.workbench.screens.main_screen import MainScreen

WIDE, NARROW = (120, 40), (80, 30)


def assert_shows(screen: MainScreen, size: tuple[int, int]) -> None:
    wide = size[0] >= 110
    assert screen.size == size
    assert screen.has_class("-wide") == wide and screen.has_class("-narrow") == (not wide)
    assert screen.query_one("#pane-tabs").display == (not wide)
    shown = [pane for pane in screen.query(".pane") if pane.region.width]
    assert len(shown) == (4 if wide else 1)
    assert all(pane.region.right <= size[0] and pane.region.bottom <= size[1] for pane in shown)


async def test_resizing_the_terminal_lays_the_main_screen_out_again(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert_shows(app.screen, WIDE)
        for size in (NARROW, WIDE, (130, 45)):
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert_shows(app.screen, size)


async def test_a_resize_under_another_screen_shows_once_it_closes(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.resize_terminal(*NARROW)
        await settle(app, pilot)
        app.pop_screen()
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert_shows(app.screen, NARROW)

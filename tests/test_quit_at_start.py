"""Quitting at any moment of the start exits 0 with no traceback (issue 17, point 5).

The main screen mounts its boundary editor right after its first frame; a
ctrl+q read at that frame used to reach the editor's mount as the screen
was closing (MountError, exit 1).  The Pilot tests put the key at the
exact moments that matter (a real terminal only hits them some of the
time); the tmux test quits a real `truthmap` at its first frame.
"""

from __future__ import annotations

import shutil

import pytest

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.screens.main_screen import MainScreen
from installed import truthmap_command
from test_e2e_tmux import EXIT_MARK, terminal  # noqa: F401 - the fixture


class QuitAtFirstFrame(TruthmapApp):
    """The real app, quit as its main screen is pushed: `when` "before" or "quitting" (the quit
    under way just before it is pushed, or as it starts composing), "with" (ctrl+q typed as it
    is pushed) or "after" (typed just after, so read behind the screen's first frame)."""

    def __init__(self, when: str) -> None:
        super().__init__()
        self.when = when

    def push_screen(self, screen, *args, **kwargs):
        if isinstance(screen, MainScreen) and self.when == "before":
            self.exit()
        pushed = super().push_screen(screen, *args, **kwargs)
        if isinstance(screen, MainScreen):
            if self.when == "with":
                self.simulate_key("ctrl+q")
            elif self.when == "after":
                self.call_later(self.simulate_key, "ctrl+q")
            elif self.when == "quitting":
                self.exit()
        return pushed


@pytest.mark.parametrize("when", ["before", "quitting", "with", "after"])
async def test_ctrl_q_at_the_first_frame_exits_cleanly(when):
    app = QuitAtFirstFrame(when)
    async with app.run_test() as pilot:  # an exception in the app is raised here
        await pilot.pause(0.3)
    assert app.return_code == 0


async def test_ctrl_q_as_soon_as_the_test_can_press_it():
    app = TruthmapApp()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+q")
    assert app.return_code == 0


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (the CI script installs it)")
def test_a_real_truthmap_quit_at_its_first_frame_exits_0(terminal):
    for _ in range(5):  # the old crash came two times in three
        term = terminal()
        term.start(truthmap_command())
        term.wait_for("Questions F5")  # the first frame
        term.send("C-q")
        screen = term.wait_for(EXIT_MARK)
        assert f"{EXIT_MARK}0]" in screen and "Error" not in screen and "Traceback" not in screen, screen
        term.close()

"""End to end: the installed `truthmap` command in a real terminal (tmux).

Each test starts its own tmux server (a unique `-L` socket, no user config)
running the installed command (found by tests/installed.py), waits by
polling the screen text, sends keys the way a person would, and reads the
screen again.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from installed import truthmap_command
from truthmap.storage import load_profile
from workbench_helpers import recovery_copies

TMUX = shutil.which("tmux")
SAMPLES = Path(__file__).resolve().parent.parent / "profiles"
WAIT_SECONDS = 90.0  # generous: a loaded CI machine may take a while to start Python
POLL_SECONDS = 0.1  # a wait ends within 0.1 s of the screen changing; each look is a tmux client (a few ms)
EXIT_MARK = "[truthmap exited with "

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (the CI script installs it)")


class Terminal:
    """A 120x40 tmux session on its own server, driven by keys and read as text."""

    def __init__(self, home: Path, cwd: Path) -> None:
        self.socket = f"truthmap-e2e-{uuid.uuid4().hex[:12]}"
        self.cwd = cwd
        self.env = {key: value for key, value in os.environ.items() if key not in ("TMUX", "TMUX_PANE")}
        self.env.update(TRUTHMAP_HOME=str(home), TERM="xterm-256color")
        self.env.pop("NO_COLOR", None)

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TMUX, "-L", self.socket, "-f", os.devnull, *args],
            env=self.env, cwd=self.cwd, capture_output=True, text=True, timeout=30,
        )

    def start(self, *command: str, keep_open: bool = True) -> None:
        """Run the command; with `keep_open` the pane stays and reports the exit code."""
        line = shlex.join(command)
        if keep_open:
            line = f"{line}; echo \"{EXIT_MARK}$?]\"; sleep 600"
        else:
            line = f"exec {line}"  # the pane's process is truthmap itself, so it can be killed
        started = self.tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "e2e", line)
        assert started.returncode == 0, started.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def wait_for(self, text: str, *, gone: bool = False) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            screen = self.screen()
            if (text in screen) != gone:
                return screen
            if time.monotonic() > deadline:
                state = "still shows" if gone else "never showed"
                pytest.fail(f"the screen {state} {text!r} after {WAIT_SECONDS:.0f}s:\n{screen}")
            time.sleep(POLL_SECONDS)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "e2e", key)

    def pane_pid(self) -> int:
        return int(self.tmux("list-panes", "-t", "e2e", "-F", "#{pane_pid}").stdout.split()[0])

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path, isolated_home):
    truthmap_command()  # fails here, before any terminal is opened, when it is not installed
    opened = []

    def open_terminal() -> Terminal:
        opened.append(Terminal(isolated_home, tmp_path))
        return opened[-1]

    yield open_terminal
    for term in opened:
        term.close()


@pytest.fixture
def profile(tmp_path) -> Path:
    target = tmp_path / "studio.toml"
    shutil.copyfile(SAMPLES / "messy-studio.toml", target)
    return target


def title_line(screen: str) -> str:
    return screen.splitlines()[0]


def test_opens_a_profile_shows_help_and_quits(terminal, profile):
    term = terminal()
    term.start(truthmap_command(), str(profile))
    screen = term.wait_for("Studio Nord — today")
    assert "studio.toml" in title_line(screen)
    assert "^q Quit" in screen  # the footer shows the bindings

    term.send("F1")
    term.wait_for("What truthmap is for")
    term.send("Escape")
    term.wait_for("What truthmap is for", gone=True)
    term.wait_for("Studio Nord — today")

    term.send("C-q")  # nothing changed: quits without asking
    term.wait_for(f"{EXIT_MARK}0]")


def test_killed_session_leaves_work_that_the_next_start_offers(terminal, profile):
    original = load_profile(profile).profile
    first = terminal()
    first.start(truthmap_command(), str(profile), keep_open=False)
    first.wait_for("Studio Nord — today")
    first.send("9")  # the first question has focus: a number answers it
    screen = first.wait_for("studio.toml •")  # the title marks unsaved changes
    deadline = time.monotonic() + WAIT_SECONDS
    while not recovery_copies(profile):
        assert time.monotonic() < deadline, f"no recovery copy was written:\n{screen}"
        time.sleep(POLL_SECONDS)
    os.kill(first.pane_pid(), signal.SIGKILL)  # no chance to clean up or ask
    first.close()
    assert load_profile(profile).profile == original

    second = terminal()
    second.start(truthmap_command(), str(profile))
    second.wait_for("Unsaved work was found")
    second.send("r")
    second.wait_for("studio.toml •")
    second.send("C-q")
    second.wait_for("Save them before quitting?")
    second.send("s")
    second.wait_for(f"{EXIT_MARK}0]")

    saved = load_profile(profile).profile
    assert saved != original
    assert saved.answers.model_copy(update={"inquiries_per_month": None}) == original.answers.model_copy(
        update={"inquiries_per_month": None})  # only the typed answer changed
    assert not recovery_copies(profile)


def test_compare_tui_marks_differences_and_exits(terminal, tmp_path):
    first, second = tmp_path / "today.toml", tmp_path / "plan.toml"
    shutil.copyfile(SAMPLES / "messy-studio.toml", first)
    shutil.copyfile(SAMPLES / "hybrid-agency.toml", second)
    term = terminal()
    term.start(truthmap_command(), "compare", str(first), str(second), "--tui")
    screen = term.wait_for("Compare profiles")
    screen = term.wait_for("rows differ")
    assert "today.toml" in screen and "plan.toml" in screen
    assert "≠" in screen

    term.send("d")
    term.wait_for("d shows every row")
    term.send("Escape")  # back to the first compared profile in the workbench, not a hidden sample
    screen = term.wait_for("Questions F5")
    assert "today.toml" in screen
    term.send("C-q")
    term.wait_for(f"{EXIT_MARK}0]")


def test_typed_digits_reach_the_terminal_line_by_line(terminal, profile):
    """A digit repaints only the answer's line: the terminal must still show every change."""
    term = terminal()
    term.start(truthmap_command(), str(profile))
    term.wait_for("Studio Nord — today")
    term.send("4", "2")
    term.wait_for("42\u258f per month")  # the digits, then the typing bar
    term.send("BSpace")
    term.wait_for("4\u258f per month")
    term.send("x")  # refused: a line saying why is added under the answer
    term.wait_for("not part of a number")
    term.send("7")
    screen = term.wait_for("47\u258f per month")
    assert "not part of a number" not in screen
    term.send("C-q", "d")


def test_the_workbench_opens_a_profile_by_its_name_in_the_profiles_folder(terminal, isolated_home):
    folder = isolated_home / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLES / "messy-studio.toml", folder / "lena-studio.toml")
    term = terminal()
    term.start(truthmap_command(), "lena-studio")
    screen = term.wait_for("Studio Nord — today")
    assert "lena-studio.toml" in title_line(screen)
    term.send("C-q")
    term.wait_for(f"{EXIT_MARK}0]")


def test_a_bare_start_reopens_the_last_profile_and_the_sample_only_at_first(terminal, profile):
    first = terminal()
    first.start(truthmap_command())
    screen = first.wait_for("^q Quit")
    assert "studio.toml" not in title_line(screen)  # a first run: the bundled sample
    first.send("C-q")
    first.wait_for(f"{EXIT_MARK}0]")
    first.close()

    second = terminal()
    second.start(truthmap_command(), str(profile))
    second.wait_for("Studio Nord — today")
    second.send("C-q")
    second.wait_for(f"{EXIT_MARK}0]")
    second.close()

    third = terminal()
    third.start(truthmap_command())
    screen = third.wait_for("Studio Nord — today")
    assert "studio.toml" in title_line(screen)
    third.send("C-q")
    third.wait_for(f"{EXIT_MARK}0]")

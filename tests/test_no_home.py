"""Without a home folder (issue 17, point 12): one line saying what to set, or a working workbench.

A container may run truthmap as a user with no passwd entry and no HOME:
`Path.home()` and platformdirs then raise.  The tests make that user for
real, in a user namespace (`unshare --user` maps us to a uid nobody has),
and run truthmap there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from workbench_helpers import SAMPLES

NOBODY_UID = "12345"  # a uid with no passwd entry (checked by `homeless`)
UNSHARE = shutil.which("unshare")


def run_homeless(args: list[str], env: dict[str, str], **options) -> subprocess.CompletedProcess:
    command = [UNSHARE, "--user", f"--map-user={NOBODY_UID}", f"--map-group={NOBODY_UID}", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, **options)


@pytest.fixture
def homeless(tmp_path) -> dict[str, str]:
    """An environment with neither HOME nor TRUTHMAP_HOME, for a user the system does not know."""
    if UNSHARE is None:
        pytest.skip("unshare is not installed")
    env = {key: value for key, value in os.environ.items() if key not in ("HOME", "TRUTHMAP_HOME")}
    probe = run_homeless([sys.executable, "-c", "import pathlib; pathlib.Path.home()"], env, cwd=tmp_path)
    if "Could not determine home directory" not in probe.stderr:
        pytest.skip(f"cannot run as a user without a home folder here: {probe.stderr.strip()[-200:]}")
    return env


def test_the_workbench_says_what_to_set_when_there_is_no_home_folder(homeless, tmp_path):
    started = run_homeless([sys.executable, "-m", "truthmap"], homeless, cwd=tmp_path)
    assert started.returncode == 2, started.stderr[-2000:]
    assert started.stderr == "truthmap: no home folder; set HOME or TRUTHMAP_HOME\n"


def test_report_needs_no_home_folder(homeless, tmp_path):
    reported = run_homeless([sys.executable, "-m", "truthmap", "report", str(SAMPLES / "messy-studio.toml")],
                            homeless, cwd=tmp_path)
    assert reported.returncode in (0, 1), reported.stderr  # 1: the sample has findings
    assert "Studio Nord" in reported.stdout


WORKBENCH_WITHOUT_HOME = textwrap.dedent("""
    import asyncio
    from truthmap.workbench.app import TruthmapApp

    async def main():
        app = TruthmapApp()
        async with app.run_test() as pilot:
            await pilot.pause(0.5)
            await pilot.press("ctrl+p", *"Screenshot", "enter")  # Textual's own command
            await pilot.pause(1.0)
            await pilot.press("ctrl+q")
        raise SystemExit(app.return_code)

    asyncio.run(main())
""")


def test_with_truthmap_home_the_workbench_and_its_screenshot_work_without_a_home(homeless, tmp_path):
    home = tmp_path / "truthmap-home"
    home.mkdir()
    ran = run_homeless([sys.executable, "-c", WORKBENCH_WITHOUT_HOME], {**homeless, "TRUTHMAP_HOME": str(home)},
                       cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert [path.suffix for path in home.iterdir() if path.is_file()] == [".svg"]  # saved there, not in ~/Downloads

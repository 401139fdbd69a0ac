import os

import pytest


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: two workers a core.  The workbench tests spend most of their
    time waiting on the app's frame timers, so one worker a core left the
    cores half idle (the suite took ~97 s on 2 cores; with four workers ~69 s)."""
    return 2 * (os.cpu_count() or 1)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own user folders: nothing touches the real home."""
    home = tmp_path / "truthmap-home"
    monkeypatch.setenv("TRUTHMAP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home

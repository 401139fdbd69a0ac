import gc
import os
import subprocess
from pathlib import Path

import pytest


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: two workers a core.  The workbench tests wait on the app's frame
    timers part of the time, so one worker a core leaves the cores idle meanwhile
    (figures in benchmarks/README.md, "`tests/conftest.py`, two workers a core")."""
    return 2 * (os.cpu_count() or 1)


def pytest_configure(config) -> None:
    """Each test process collects cycles as the workbench does once it is up
    (truthmap.workbench.CollectorTuning): young collections every 10,000 allocations.  The
    apps built by the tests leave the collector alone, and with Python's default
    of 700 the collections over a worker's growing heap cost the suite ~10 s."""
    from truthmap.workbench import YOUNG_COLLECTION

    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])


def pytest_collection_finish(session) -> None:
    """What exists once the tests are collected (modules, test items) lives to the end:
    frozen out of the collector's reach, no collection walks it again (pytest's own
    collections at the end of a run included)."""
    gc.collect()
    gc.freeze()


@pytest.fixture
def disk_check_by_hand(monkeypatch):
    """The periodic look at the open file on disk never runs on the clock: a test drives
    it (`check_disk`, the timer's callback) or leaves it alone, so no check lands mid-test."""
    from truthmap.workbench.files import disk_watch

    monkeypatch.setattr(disk_watch, "DISK_CHECK_INTERVAL", 3600.0)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own user folders: nothing touches the real home."""
    home = tmp_path / "truthmap-home"
    monkeypatch.setenv("TRUTHMAP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def cli(capsys, monkeypatch):
    """`truthmap ARGS` run in the test's own process through `truthmap.cli.main(argv)`
    (from `cwd` when given), as the CompletedProcess a real run would give.

    For the variants of a command whose real process a test already holds: the
    same parser, handlers and error paths, without a Python start each."""
    from truthmap.cli import main

    def call(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:  # --help and --version end as argparse ends them
            code = exit_.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return call

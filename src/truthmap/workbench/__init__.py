"""The Textual workbench: a thin shell over the truthmap core."""

from __future__ import annotations

import gc
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import TruthmapApp

# The cycle collector as the workbench's own process runs it (tune_collector).
FREEZE_AFTER = 3.0  # seconds: the heap is frozen then even if no analysis has landed
YOUNG_COLLECTION = 10_000  # allocations between young collections, once the heap is frozen
FULL_EVERY = 50  # edits between full collections, made while idle
NEVER = 1_000_000_000  # the collector's own full collections: made while idle instead


def run_workbench(paths: list[Path], compare: bool = False) -> int:
    tune = tune_collector()  # first: the imports below are part of the start
    from .app import TruthmapApp

    app = TruthmapApp(paths=paths, compare=compare)
    tune(app)
    app.run()
    window_ended(app)
    return app.return_code or 0


def tune_collector() -> Callable[[TruthmapApp], None]:
    """Keep the cycle collector off the keystrokes of the workbench's own process.

    Needed for the edit budget (worst of 100 edits <= 50 ms), which Python's own
    settings miss: `python -m benchmarks --only edit` measures both (figures in
    benchmarks/README.md, "The cycle collector in the workbench").  What
    exists once the workbench is up (Textual, the knowledge, the screen, the
    first analysis) lives as long as the app, so it is frozen out of the
    collector's walks; young collections come every 10,000 allocations, and
    the older generations are collected after each edit's analysis has landed
    and been painted, while nobody waits, never by the collector on a key.
    The start allocates much and frees little: collection is off until the heap is
    frozen.  Call it before the workbench's imports, then hand the app to what it
    returns; apps made by tests leave their process's collector alone.
    """
    gc.disable()

    def tune(app: TruthmapApp) -> None:
        edits = count(1)
        frozen = False

        def freeze() -> None:
            nonlocal frozen
            if not frozen:
                frozen = True
                gc.collect()  # the start's garbage goes now, not frozen with the rest for good
                gc.freeze()
                gc.set_threshold(YOUNG_COLLECTION, gc.get_threshold()[1], NEVER)
                gc.enable()

        def landed(_round: int) -> None:
            if not frozen:
                freeze()
            else:
                gc.collect(2 if next(edits) % FULL_EVERY == 0 else 1)

        def start() -> None:
            app.analysis_landed.subscribe(app, landed)
            app.set_timer(FREEZE_AFTER, freeze)  # if the first analysis never lands

        app.call_later(start)  # once the app runs: a signal takes subscribers from running nodes only

    return tune


def window_ended(app) -> None:
    """After the app has ended, however it ended (its browser tab closed, a signal): the
    recovery copy of edits still waiting for the throttle is written now."""
    if files := vars(app).get("files"):  # a cached property: made when the window first touched a file
        files.window_ending()

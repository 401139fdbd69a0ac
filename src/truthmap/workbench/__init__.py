"""The Textual workbench: a thin shell over the truthmap core."""

from __future__ import annotations

import gc
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import TruthmapApp

# The cycle collector as the workbench's own process runs it (CollectorTuning).
FREEZE_AFTER = 3.0  # seconds: the heap is frozen then even if no analysis has landed
YOUNG_COLLECTION = 10_000  # allocations between young collections, once the heap is frozen
FULL_EVERY = 50  # edits between full collections, made while idle
NEVER = 1_000_000_000  # the collector's own full collections: made while idle instead


def run_workbench(paths: list[Path], compare: bool = False) -> int:
    collector = CollectorTuning()  # first: the imports below are part of the start
    from .app import TruthmapApp

    app = TruthmapApp(paths=paths, compare=compare)
    collector.attach(app)
    app.run()
    window_ended(app)
    return app.return_code or 0


class CollectorTuning:
    """Keep the cycle collector off the keystrokes of the workbench's own process.

    Needed for the edit budget (worst of 100 edits <= 50 ms), which Python's own
    settings miss: `python -m benchmarks --only edit` measures both (figures in
    benchmarks/README.md, "The cycle collector in the workbench").  The start
    allocates much and frees little, so collection is off from the moment this
    is made (before the workbench's imports).  What exists once the workbench is
    up (Textual, the knowledge, the screen, the first analysis) lives as long as
    the app, so it is frozen out of the collector's walks; young collections come
    every 10,000 allocations, and the older generations are collected after each
    edit's analysis has landed and been painted, while nobody waits, never by the
    collector on a key.  Apps made by tests leave their process's collector alone.
    """

    def __init__(self) -> None:
        gc.disable()
        self.frozen = False
        self._edits = count(1)

    def attach(self, app: TruthmapApp) -> None:
        """Tune for `app` once it runs: a signal takes subscribers from running nodes only."""
        app.call_later(self._start, app)

    def _start(self, app: TruthmapApp) -> None:
        app.analysis_landed.subscribe(app, self._landed)
        app.set_timer(FREEZE_AFTER, self._freeze)  # if the first analysis never lands

    def _freeze(self) -> None:
        if not self.frozen:
            self.frozen = True
            gc.collect()  # the start's garbage goes now, not frozen with the rest for good
            gc.freeze()
            gc.set_threshold(YOUNG_COLLECTION, gc.get_threshold()[1], NEVER)
            gc.enable()

    def _landed(self, _round: int) -> None:
        if not self.frozen:
            self._freeze()
        else:
            gc.collect(2 if next(self._edits) % FULL_EVERY == 0 else 1)


def window_ended(app) -> None:
    """After the app has ended, however it ended (its browser tab closed, a signal): the
    recovery copy of edits still waiting for the throttle is written now."""
    if files := vars(app).get("files"):  # a cached property: made when the window first touched a file
        files.window_ending()

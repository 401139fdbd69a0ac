"""The Textual workbench: a thin shell over the truthmap core."""

from __future__ import annotations

import gc
from pathlib import Path


def run_workbench(paths: list[Path], compare: bool = False) -> int:
    # Starting allocates hundreds of thousands of objects and frees few: the
    # cycle collector would walk them again and again.  The app freezes what
    # exists once its first frame is up and turns collection back on.
    gc.disable()
    from .app import TruthmapApp

    app = TruthmapApp(paths=paths, compare=compare, tune_heap=True)
    app.run()
    window_ended(app)
    return app.return_code or 0


def window_ended(app) -> None:
    """After the app has ended, however it ended (its browser tab closed, a signal): the
    recovery copy of edits still waiting for the throttle is written now."""
    if files := vars(app).get("files"):  # a cached property: made when the window first touched a file
        files.window_ending()


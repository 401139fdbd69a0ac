"""The Textual workbench: a thin shell over the truthmap core."""

from __future__ import annotations

from pathlib import Path


def run_workbench(paths: list[Path], compare: bool = False) -> int:
    from .app import TruthmapApp

    app = TruthmapApp(paths=paths, compare=compare)
    app.run()
    return app.return_code or 0

"""The .tcss file beside a module, for its widget's DEFAULT_CSS or its screen's CSS_PATH.

A leaf: it imports nothing of the workbench, so any widget can use it
without importing the package back.
"""

from __future__ import annotations

from pathlib import Path


def beside(module_file: str, name: str) -> Path:
    """The file `name` in the folder of `module_file` (pass `__file__`).

    An absolute path, for CSS_PATH: Textual reads a relative one from the
    folder of the class in use, so a subclass elsewhere (a test's) would lose it.
    """
    return Path(module_file).resolve().with_name(name)


def read_tcss(module_file: str, name: str) -> str:
    """The CSS in `name` beside `module_file`, for a widget's DEFAULT_CSS:
    the widget brings its own look wherever it is mounted."""
    return beside(module_file, name).read_text(encoding="utf-8")

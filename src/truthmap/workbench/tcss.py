"""Reading a widget's CSS from the .tcss file beside its module.

A leaf: it imports nothing of the workbench, so any widget can use it
without importing the package back.
"""

from __future__ import annotations

from pathlib import Path


def read_tcss(module_file: str, name: str) -> str:
    """The CSS in `name` beside `module_file` (pass `__file__`), for a
    widget's DEFAULT_CSS: only screens and apps have CSS_PATH."""
    return (Path(module_file).parent / name).read_text(encoding="utf-8")

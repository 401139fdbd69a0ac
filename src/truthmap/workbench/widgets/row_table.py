"""A table of rows: Home and End go to the first and last row.

Textual's DataTable gives Home and End to the columns (scroll left and
right), which a row cursor never needs; every row table of the workbench
uses this one instead.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """A DataTable whose Home and End move the row cursor to the first and last row."""

    HELP_TITLE = "Any table"

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

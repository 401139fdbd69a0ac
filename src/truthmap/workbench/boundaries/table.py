"""One section's table of the boundary editor: rows keyed by profile path, redrawn by the cell."""

from __future__ import annotations

from rich.text import Text

from ..widgets.live_text import looks
from ..widgets.row_table import RowTable
from .rows import COLUMNS, Row

MAX_CELL_UPDATES = 200  # beyond this many changed cells a table is rebuilt rather than patched


class BoundaryTable(RowTable):
    """One section's table; rows keyed by profile path."""

    def __init__(self, section: str) -> None:
        super().__init__(id=f"boundary-{section}", cursor_type="row", zebra_stripes=False)
        self.section = section
        self.shown: dict[tuple[str, str], tuple] = {}  # (row, column) -> what the cell shows
        # Text, not str: a str label is read as Rich markup (and loads its large emoji table).
        self.add_column(Text(" "), key="mark", width=1)  # first, so a narrow pane never hides it
        for key, label in COLUMNS[section]:
            self.add_column(Text(label), key=key)

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def show(self, rows: list[Row], cursor_to: str | None = None) -> None:
        """Make the table show `rows`, touching only what changed; keep the cursor row."""
        keys = [row.key for row in rows]
        changed = [(row.key, column, cell) for row in rows for column, cell in row.cells.items()
                   if self.shown.get((row.key, column)) != looks(cell)]
        # A few cells change in place; many (the first marks of thousands of rows)
        # are quicker added afresh: each update_cell costs a pass over the table.
        if keys == [row.key.value for row in self.ordered_rows] and len(changed) <= MAX_CELL_UPDATES:
            for key, column, cell in changed:
                self.update_cell(key, column, cell, update_width=True)
        else:
            self._rebuild(rows, keys)
        self.shown = {(row.key, column): looks(cell) for row in rows for column, cell in row.cells.items()}
        if cursor_to in keys:
            self.move_cursor(row=keys.index(cursor_to), animate=False)

    def _rebuild(self, rows: list[Row], keys: list[str]) -> None:
        old_key, old_index = self.current_key, self.cursor_row
        self.clear()
        for row in rows:
            self.add_row(*row.cells.values(), key=row.key)
        if old_key in keys:
            self.move_cursor(row=keys.index(old_key), animate=False)
        elif keys:
            self.move_cursor(row=min(old_index, len(keys) - 1), animate=False)

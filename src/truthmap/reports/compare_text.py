"""`truthmap compare` for the terminal: one Rich table, a band per section.

A `≠` in the first column marks each row whose values differ, so the
differences stand out with or without colour.  One table (not one per
section) keeps every profile's column at the same place all the way down.
"""

from __future__ import annotations

from rich import box
from rich.table import Table

from ..comparing import NOT_SET, Comparison, Section
from .text import finish, new_console, text

DIFFERS = "\u2260"


def render(comparison: Comparison, *, width: int = 100, color: bool = False) -> str:
    console, buffer = new_console(width, color)
    console.print(text(("truthmap comparison", "bold"), f" \u00b7 {len(comparison.columns)} profiles"))
    for number, column in enumerate(comparison.columns, 1):
        console.print(text(f"  {number}. ", (column.name, "bold"), ("  " + column.label, "dim")))
    console.print(text(f"{comparison.differing} rows differ, marked {DIFFERS} in the first column."))
    console.print(text(""))
    console.print(_table(comparison))
    return finish(buffer)


def _table(comparison: Comparison) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column(text(""), no_wrap=True, width=1)
    table.add_column(text(""), overflow="fold", min_width=18)
    for number, column in enumerate(comparison.columns, 1):
        table.add_column(text((f"{number}. ", "bold"), (column.name, "bold")), overflow="fold", min_width=8)
    for index, section in enumerate(comparison.sections):
        _add_section(table, section, len(comparison.columns), first=index == 0)
    return table


def _add_section(table: Table, section: Section, columns: int, first: bool) -> None:
    blank = [text("")] * columns
    if not first:
        table.add_row(text(""), text(""), *blank)
    table.add_row(text(""), text((section.title.upper(), "bold")), *blank)
    if not section.rows:
        table.add_row(text(""), text(("nothing mapped", "dim")), *blank)
    for row in section.rows:
        style = "bold yellow" if row.differs else ""
        table.add_row(
            text((DIFFERS if row.differs else "", "bold yellow")),
            text((row.label, style)),
            *(text((cell, "dim" if cell == NOT_SET else "")) for cell in row.cells),
        )

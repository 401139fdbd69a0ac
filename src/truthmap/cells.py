"""Terminal cells: how wide a text is, and the one way a text is cut to a width.

Rich's measure (`rich.cells`), with a shortcut for the usual line: printable
ASCII and the reports' marks (· → …) take a cell a character, which Rich
would otherwise work out character by character (its own shortcut stops
short of · → …), and a large report measures thousands of lines.
Kept apart from `truthmap.text`, which the JSON report imports: it needs no Rich.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "\u2026"  # …
NARROW_MARKS = ("\u00b7", "\u2192", ELLIPSIS)  # · → …


def _narrow(text: str) -> bool:
    """Every character of `text` one cell wide: printable ASCII and the reports' marks."""
    if text.isascii():
        return text.isprintable()
    plain = text
    for mark in NARROW_MARKS:
        plain = plain.replace(mark, "")
    return plain.isascii() and text.isprintable()


def cells(text: str) -> int:
    """How many terminal cells `text` takes (Rich's measure)."""
    return len(text) if _narrow(text) else cell_len(text)


def fit(text: str, width: int | None) -> str:
    """`text` cut to `width` terminal cells (None: no limit), an ellipsis marking the cut.

    A wide character that does not fit whole leaves a space, as Rich's
    `set_cell_size` does, so a cut text takes exactly `width` cells."""
    narrow = _narrow(text)
    if width is None or (len(text) if narrow else cell_len(text)) <= width:
        return text
    if width <= 0:
        return ""
    return (text[:width - 1] if narrow else set_cell_size(text, width - 1)) + ELLIPSIS

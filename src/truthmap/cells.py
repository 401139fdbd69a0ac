"""Terminal cells: how wide a text is, and the one way a text is cut to a width.

Rich's measure (`rich.cells`), with a shortcut for the usual line: printable
ASCII and the reports' marks (· → …) take a cell a character, which Rich
would otherwise work out character by character (its own shortcut stops
short of · → …), and a large report measures thousands of lines.
Kept apart from `truthmap.text`, which the JSON report imports: it needs no Rich.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells, set_cell_size

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


def fit(text: str, width: int | None, *, ellipsis: bool = True, middle: bool = False) -> str:
    """`text` cut to `width` terminal cells (None: no limit): the one truncation.

    An ellipsis marks the cut, unless `ellipsis` is False.  `middle` cuts in the
    middle, keeping the start and up to three fifths of the room for the end: for
    file names, whose ends (`-target.toml`, `-2025.toml`) are what tells them apart.
    A wide character that does not fit whole leaves a space, as Rich's
    `set_cell_size` does, so a cut text takes exactly `width` cells."""
    narrow = _narrow(text)
    if width is None or (len(text) if narrow else cell_len(text)) <= width:
        return text
    if width <= 0:
        return ""
    if middle and width > 2:
        room = width * 3 // 5
        tail = text[-room:] if narrow else chop_cells(text[::-1], room)[0][::-1]  # whole characters
        while cells(tail) > room:  # measured backwards, an emoji's selector or joiner can differ
            tail = tail[1:]
        if tail:
            return fit(text[: len(text) - len(tail)], width - cells(tail)) + tail
    mark = ELLIPSIS if ellipsis else ""
    return (text[:width - len(mark)] if narrow else set_cell_size(text, width - len(mark))) + mark


def share(room: int, needs: list[int], least: list[int]) -> list[int]:
    """Widths for columns that split `room` cells between them.

    Each column gets what it needs when they all fit.  Otherwise no column
    gets less than its `least` (nor more than it needs), and the widest are
    cut first: every column cut ends up as wide as the others cut, give or
    take a cell, so a long name and a long file name share the room rather
    than one taking it all.  When even the least widths do not fit, they are
    what is returned (the table scrolls sideways)."""
    floors = [min(low, need) for low, need in zip(least, needs)]
    if sum(needs) <= room:
        return list(needs)
    if sum(floors) >= room:
        return floors

    def widths(cap: int) -> list[int]:
        return [min(need, max(low, cap)) for low, need in zip(floors, needs)]

    low, high = 0, max(needs)  # the widest cap whose widths still fit
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if sum(widths(middle)) <= room else (low, middle - 1)
    result = widths(low)
    spare = room - sum(result)
    for index, (width, need) in enumerate(zip(result, needs)):  # the cells left over go to the narrowest cut
        if spare and width < need and width <= low:
            result[index] += 1
            spare -= 1
    return result

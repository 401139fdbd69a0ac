"""The one truncation (truthmap.cells): Rich's measure, and every place that cuts text uses it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len, set_cell_size

from truthmap.cells import NARROW_MARKS, cells, fit
from truthmap.swimlane_draw import Canvas

VALUES = ["", "abc", "a\u00b7b \u2192 c\u2026", "\u00b7", "tab\tx", "\x1b[1m", "wide \u4e2d\u6587 \u00b7",
          "caf\u00e9 \u00b7 x", "zero\u200bwidth", "\u6771\u4eac\u90fd", *NARROW_MARKS]


@pytest.mark.parametrize("value", VALUES)
def test_cells_and_fit_are_richs_measure_and_cut(value):
    assert cells(value) == cell_len(value)
    for width in range(len(value) + 2):
        expected = value if cell_len(value) <= width else (
            set_cell_size(value, width - 1) + "\u2026" if width > 0 else "")
        assert fit(value, width) == expected, width
    assert fit(value, None) == value


def test_fit_cuts_by_terminal_cells_with_one_ellipsis():
    assert fit("abc", 3) == "abc" and fit("abcd", 3) == "ab\u2026" and fit("abcd", 0) == ""
    assert fit("\u6771\u4eac\u90fd", 4) == "\u6771 \u2026"  # a wide character is never split


def test_the_dialogs_and_the_map_cut_the_same_way():
    from truthmap.workbench.dialogs.questions import clipped

    text = "Studio \u6771\u4eac \u2192 a long name"
    assert clipped(text, 10) == fit(text, 10) == "Studio \u6771\u2026"
    assert clipped(text, 9) == fit(text, 9) == "Studio  \u2026"  # no half of a wide character
    assert clipped("a\x1bb", 9) == fit("a\u241bb", 9)  # made visible first
    canvas = Canvas(20, 1)
    assert canvas.put(0, 0, text, "name", width=9) == 9
    assert "".join(char for char, _ in canvas.cells[0]).startswith("Studio  \u2026 ")

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


@pytest.mark.parametrize("value", VALUES)
def test_without_an_ellipsis_fit_keeps_the_first_cells(value):
    for width in range(len(value) + 2):
        cut = fit(value, width, ellipsis=False)
        assert cut == (value if cell_len(value) <= width else set_cell_size(value, width)), width
    assert fit("Delivery", 5, ellipsis=False) == "Deliv" and fit("\u6771\u4eac", 3, ellipsis=False) == "\u6771 "


def test_the_dialogs_and_the_map_cut_the_same_way():
    from truthmap.workbench.dialogs.questions import clipped

    text = "Studio \u6771\u4eac \u2192 a long name"
    assert clipped(text, 10) == fit(text, 10) == "Studio \u6771\u2026"
    assert clipped(text, 9) == fit(text, 9) == "Studio  \u2026"  # no half of a wide character
    assert clipped("a\x1bb", 9) == fit("a\u241bb", 9)  # made visible first
    canvas = Canvas(20, 1)
    assert canvas.put(0, 0, text, "name", width=9) == 9
    assert "".join(char for char, _ in canvas.cells[0]).startswith("Studio  \u2026 ")


# ------------------------------------------------------------------ sharing a row's width

from hypothesis import given, strategies as st  # noqa: E402

from truthmap.cells import share  # noqa: E402


def test_share_gives_every_column_its_need_when_they_fit_and_cuts_the_widest_first():
    assert share(60, [34, 26], [16, 12]) == [34, 26]
    assert share(38, [200, 26], [16, 12]) == [19, 19]  # a name of any length and a file name: half each
    assert share(38, [200, 10], [16, 12]) == [28, 10]  # a short file name keeps it all
    assert share(20, [200, 26], [16, 12]) == [16, 12]  # not even the least fits: the table scrolls


@given(room=st.integers(0, 300),
       columns=st.lists(st.tuples(st.integers(0, 120), st.integers(0, 40)), min_size=1, max_size=6))
def test_share_never_overflows_a_room_it_can_fit_and_never_goes_below_the_least(room, columns):
    needs, least = [need for need, _ in columns], [low for _, low in columns]
    widths = share(room, needs, least)
    floors = [min(low, need) for low, need in zip(least, needs)]
    assert all(floor <= width <= need for floor, width, need in zip(floors, widths, needs))
    if sum(floors) <= room:
        assert sum(widths) <= room
        if sum(needs) > room:
            assert sum(widths) == room  # the room is used, none of it wasted
            # The widest are cut first: a column cut below its need is never narrower, by more than
            # the one cell left over, than another column, unless that one is held up by its least.
            for width, need in zip(widths, needs):
                if width < need:
                    assert all(other <= width + 1 or other == floor for other, floor in zip(widths, floors))


def middle_cut(text, width):
    return fit(text, width, middle=True)


def test_a_middle_cut_keeps_the_end_after_an_emoji_with_a_selector():
    # Measured backwards, "❤️" (a heart, then a variation selector) can come out narrower.
    cut = middle_cut("studio-plan-target-\u2764\ufe0f.toml", 16)
    assert cut.startswith("studio") and cut.endswith(".toml") and "\u2026" in cut and cells(cut) <= 16


def test_fit_middle_keeps_a_file_name_s_start_and_end():
    assert middle_cut("three-person-studio-target.toml", 19) == "three-p\u2026target.toml"
    assert middle_cut("short.toml", 19) == "short.toml"
    for width in range(0, 25):
        for name in ("three-person-studio.toml", "\u6771\u4eac\u90fd-plan-target.toml"):
            cut = middle_cut(name, width)
            assert cells(cut) <= width and (cut == name or "\u2026" in cut or not cut)

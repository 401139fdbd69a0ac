"""A scrollable canvas that shows a swimlane drawing and lets a person step through its marks.

The drawing itself comes from the core (:mod:`truthmap.swimlane_draw`) as
lines of text runs tagged with style names; this widget only maps each name
to a component class (coloured by `swimlane.tcss`) and highlights the
selected mark.  It redraws on resize so columns follow the width.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...swimlane import Mark
from ..tcss import read_tcss
from ...swimlane_draw import Drawing

STYLE_NAMES = (
    "header", "gap-header", "phase", "dim", "title", "lane-name", "lane-kind", "nobody", "rule", "track",
    "owned", "copy", "dup", "conflict", "unowned", "conversation", "moved", "gap",
    "handoff", "handoff-gap", "legend", "bar", "bar-best", "bar-empty", "bar-label", "bar-setup",
    "selected",
)


class SwimlaneCanvas(ScrollView, can_focus=True):
    """Shows `Drawing`s; `tab`/`shift+tab` (bound by the screen) select marks in reading order."""

    DEFAULT_CSS = read_tcss(__file__, "swimlane_view.tcss")

    COMPONENT_CLASSES = {f"swimlane--{name}" for name in STYLE_NAMES}

    class MarkSelected(Message):
        """The selected mark changed (None: nothing selected)."""

        def __init__(self, canvas: SwimlaneCanvas, mark: Mark | None, position: int, count: int) -> None:
            super().__init__()
            self.canvas = canvas
            self.mark = mark
            self.position = position
            self.count = count

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Callable[[int], Drawing] | None = None
        self.drawing = Drawing((), 0)
        self.selected: int | None = None
        self._drawn_for = -1
        self._strips: LRUCache[tuple[int, int | None, int], Strip] = LRUCache(256)

    # ------------------------------------------------------------ content

    def show(self, draw: Callable[[int], Drawing], keep: Callable[[Mark], object] | None = None) -> None:
        """Draw with `draw(width)` now and on every resize.

        `keep` gives a mark's identity, so the same problem stays selected
        when the drawing is rebuilt after an edit.
        """
        previous = self.selected_mark
        self._draw = draw
        self._redraw()
        if previous is not None and keep is not None:
            wanted = keep(previous)
            match = next((i for i, m in enumerate(self.drawing.marks) if keep(m) == wanted), None)
            self._select(match)
        else:
            self._select(None)

    @property
    def selected_mark(self) -> Mark | None:
        if self.selected is None or self.selected >= len(self.drawing.marks):
            return None
        return self.drawing.marks[self.selected]

    def _drawing_width(self) -> int:
        reserve = self.styles.scrollbar_size_vertical
        return max(20, self.size.width - reserve) if self.size.width else 118

    def _redraw(self) -> None:
        if self._draw is None:
            return
        self._drawn_for = self._drawing_width()
        self.drawing = self._draw(self._drawn_for)
        self._strips.clear()
        self.virtual_size = Size(self.drawing.width, self.drawing.height)
        self.refresh(layout=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._draw is not None and self._drawing_width() != self._drawn_for:
            self._redraw()

    # ------------------------------------------------------------ selection

    def step(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) mark, wrapping around."""
        count = len(self.drawing.marks)
        if not count:
            return
        if self.selected is None:
            self._select(0 if direction > 0 else count - 1)
        else:
            self._select((self.selected + direction) % count)

    def _select(self, index: int | None) -> None:
        self.selected = index
        self._strips.clear()
        self.refresh()
        regions = self.drawing.regions[index] if index is not None else ()
        if regions:
            x = min(r[0] for r in regions)
            y = min(r[1] for r in regions)
            right = max(r[0] + r[2] for r in regions)
            bottom = max(r[1] for r in regions) + 1
            self.scroll_to_region(Region(x, y, right - x, bottom - y), animate=False, force=True)
        self.post_message(self.MarkSelected(self, self.selected_mark, (index or 0) + 1, len(self.drawing.marks)))

    def on_click(self, event: events.Click) -> None:
        x, y = event.x + int(self.scroll_x), event.y + int(self.scroll_y)
        for index, regions in enumerate(self.drawing.regions):
            if any(rx <= x < rx + rw and ry == y for rx, ry, rw in regions):
                self._select(index)
                return

    # ------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = y + scroll_y
        width = self.scrollable_content_region.width
        key = (line, self.selected, scroll_x * 10000 + width)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        if line >= self.drawing.height:
            strip = Strip.blank(width, self.rich_style)
        else:
            strip = self._strip(line).crop_extend(scroll_x, scroll_x + width, self.rich_style)
        self._strips[key] = strip
        return strip

    def _strip(self, line: int) -> Strip:
        """One drawing line as segments, cut where the selected mark's cells begin and end."""
        highlighted = self._highlighted(line)
        lit_style = self._style("selected") if highlighted else None
        segments: list[Segment] = []
        x = 0
        for text, name in self.drawing.lines[line]:
            style = self._style(name)
            # As the canvas placed it, a character at a time (Rich measures "❤️" whole, wider).
            width = len(text) if text.isascii() else sum(map(cell_len, text))
            if lit_style is not None and any(start < x + width and x < end for start, end in highlighted):
                segments += _lit(text, x, style, style + lit_style, highlighted)  # only runs the mark touches
            else:
                segments.append(Segment(text, style))
            x += width
        return Strip(Segment.simplify(segments))

    def _highlighted(self, line: int) -> list[tuple[int, int]]:
        if self.selected is None or self.selected >= len(self.drawing.regions):
            return []
        return [(rx, rx + rw) for rx, ry, rw in self.drawing.regions[self.selected] if ry == line]

    def _style(self, name: str) -> Style:
        if name in STYLE_NAMES:
            # The full style: colours with alpha (like $text-muted) are blended over the background.
            return self.get_component_rich_style(f"swimlane--{name}")
        return self.rich_style


def _lit(text: str, x: int, style: Style, lit: Style, highlighted: list[tuple[int, int]]) -> list[Segment]:
    """A run of the drawing from cell `x`, its characters inside a highlighted range in `lit`."""
    pieces = []
    for char in text:
        pieces.append(Segment(char, lit if any(start <= x < end for start, end in highlighted) else style))
        x += cell_len(char)
    return pieces

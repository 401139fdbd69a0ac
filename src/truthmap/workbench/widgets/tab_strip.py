"""A row of tabs drawn by one widget.

Textual's `Tabs` is a widget per tab inside three containers, with an
underline widget, and costs memory even hidden (benchmarks/README.md).  The workbench's tab rows
(the main screen's panes when narrow, the boundary editor's sections) only
show labels, mark the active one, and report a click, so one widget draws
them: the labels on the first line and, when the strip is two lines high, an
underline marking the active tab, as Textual's does.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from ..tcss import read_tcss
from .live_text import looks


class TabStrip(Widget):
    """Tabs by name; set `active` to show one as chosen, a click posts `Activated`.

    A click does not change `active` itself: the owner shows the tab's content
    and then sets it, so the two never disagree in between.
    """

    DEFAULT_CSS = read_tcss(__file__, "tab_strip.tcss")

    COMPONENT_CLASSES = {"tab-strip--tab", "tab-strip--active", "tab-strip--hover", "tab-strip--bar",
                         "tab-strip--bar-active"}

    class Activated(Message):
        """A tab was clicked: `name` is its name."""

        def __init__(self, strip: TabStrip, name: str) -> None:
            super().__init__()
            self.strip = strip
            self.name = name

        @property
        def control(self) -> TabStrip:
            return self.strip

    active: reactive[str] = reactive("")
    """The name of the tab shown as chosen."""

    def __init__(self, labels: dict[str, str | Text], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels = {name: _content(label) for name, label in labels.items()}
        self._hover: str | None = None
        self.set_reactive(TabStrip.active, active)

    def label(self, name: str) -> Content:
        return self._labels[name]

    def set_label(self, name: str, label: str | Text) -> None:
        content = _content(label)
        if looks(content) != looks(self._labels[name]):
            self._labels[name] = content
            self.refresh()

    # ------------------------------------------------------------- drawing

    def _spans(self) -> list[tuple[str, int, int]]:
        """(name, first cell, end cell) of each tab, padding included."""
        padding = self.get_component_styles("tab-strip--tab").padding
        spans, x = [], 0
        for name, label in self._labels.items():
            width = padding.left + label.cell_length + padding.right
            spans.append((name, x, x + width))
            x += width
        return spans

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.visual_style
        if y == 0:
            line = self._labels_line()
        elif y == 1:
            line = self._underline(width)
        else:
            return Strip.blank(width, style.rich_style)
        return Visual.to_strips(self, line.truncate(width), width, 1, style, pad=True)[0]

    def _labels_line(self) -> Content:
        padding = self.get_component_styles("tab-strip--tab").padding
        parts = []
        for name, label in self._labels.items():
            look = "tab-strip--active" if name == self.active else \
                "tab-strip--hover" if name == self._hover else "tab-strip--tab"
            tab = Content.assemble(" " * padding.left, label, " " * padding.right)
            parts.append(tab.stylize_before(self.get_visual_style(look)))
        return Content.assemble(*parts)

    def _underline(self, width: int) -> Content:
        """A bar the width of the strip, brighter under the active tab (Textual's look)."""
        off = self.get_visual_style("tab-strip--bar")
        on = self.get_visual_style("tab-strip--bar-active")
        padding = self.get_component_styles("tab-strip--tab").padding
        span = next(((start, end) for name, start, end in self._spans() if name == self.active), None)
        if span is None:
            return Content.styled("━" * width, off)
        start, end = span[0] + padding.left, min(span[1] - padding.right, width)  # under the label
        lead = "━" * max(0, start - 1) + ("╸" if start else "")
        tail = ("╺" + "━" * (width - end - 1)) if end < width else ""
        return Content.assemble((lead, off), ("━" * (end - start), on), (tail, off))

    # ------------------------------------------------------------- mouse

    def _name_at(self, x: int) -> str | None:
        return next((name for name, start, end in self._spans() if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        name = self._name_at(event.x)
        if name is not None:
            self.post_message(self.Activated(self, name))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        name = self._name_at(event.x) if event.y == 0 else None
        if name != self._hover:
            self._hover = name
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()


def _content(label: str | Text) -> Content:
    # Labels are shown literally: a str is never read as markup.
    return Content.from_rich_text(label) if isinstance(label, Text) else Content(label)

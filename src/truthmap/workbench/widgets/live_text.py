"""Small pieces for panes that update on every keystroke without lag.

A layout pass of the whole screen costs far more than repainting a widget,
and Textual's `Static.update` asks for one.  Text that changes with every
edit is drawn line by line instead (`TextView`, and the question rows),
each line rendered once until its words or styles change (`StripCache`,
`looks`).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget


def looks(text: Content | Text) -> tuple:
    """What a text shows, words and styles (Content's own == compares the words alone)."""
    return text.plain, str(getattr(text, "style", "")), tuple(text.spans)


class StripCache:
    """Lines of text rendered once each: a widget drawing with the line API keeps
    one, and a line whose words and styles did not change is never rendered again."""

    def __init__(self) -> None:
        self._strips: dict[tuple, Strip] = {}

    def strip(self, widget: Widget, line: Content, width: int, keep: int, style: VisualStyle | None = None) -> Strip:
        """`line` rendered for `widget` at `width` (in `style`, such as one of its
        component styles; its own by default); about `keep` lines are worth keeping."""
        style = widget.visual_style if style is None else style
        key = (*looks(line), width, style)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4 * max(keep, 50):
                self._strips.clear()  # text long gone: start afresh
            strip = Visual.to_strips(widget, line, width, 1, style, pad=True)[0]
            self._strips[key] = strip
        return strip


class TextView(ScrollView, can_focus=True):
    """A scrolled text drawn line by line (Textual's line API).

    Only the lines in view are rendered, each once until its text changes;
    new text repaints, and lays the screen out only when the number of lines
    changes.  For a pane whose words change on every keystroke.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = Content("")
        self._lines: list[Content] = []
        self._strips = StripCache()
        self._wraps = True  # False while showing lines fitted by the caller (show_lines)
        self._looks: list[tuple] = []  # looks() of each line show_lines shows

    @property
    def text(self) -> Content:
        return self._content

    @property
    def lines(self) -> list[Content]:
        """The text as wrapped for the view's width."""
        return self._lines

    def show(self, content: Content) -> None:
        """Show a text, wrapped to the view's width (and again when the width changes)."""
        if looks(content) == looks(self._content):
            return
        self._content = content
        self._wraps = True
        self._wrap()

    def show_lines(self, lines: list[Content]) -> None:
        """Show lines the caller already fitted to the width (no wrapping here)."""
        shown = [looks(line) for line in lines]
        if not self._wraps and shown == self._looks:
            return
        self._content = Content("\n").join(lines)
        self._lines, self._looks = lines, shown
        self._wraps = False
        self._update_size()

    def on_resize(self) -> None:
        if self._wraps:  # lines fitted by the caller are fitted again by the caller
            self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        self._lines = self._content.wrap(width) if width else []
        self._update_size()

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))  # lays out only if changed
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        rich_style = self.visual_style.rich_style
        if index >= len(self._lines) or not width:
            return Strip.blank(width, rich_style)
        strip = self._strips.strip(self, self._lines[index], width, len(self._lines))
        return strip.crop_extend(scroll_x, scroll_x + width, rich_style).apply_offsets(scroll_x, index)

"""Small pieces for panes that update on every keystroke without lag.

A `Static.update` asks for a layout pass of the whole screen.  Panes that
change many texts per edit use `LiveText` where the size is fixed (repaint
only) and `show_changed` elsewhere (skip updates that change nothing, and lay
out only when the height changes).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Static


class LiveText(Widget):
    """Text in a box whose size never depends on it: updates repaint, never re-layout."""

    def __init__(self, content: Content | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = content or Content("")

    @property
    def content(self) -> Content:
        return self._content

    def update(self, content: Content) -> None:
        if looks(content) != looks(self._content):
            self._content = content
            self.refresh()

    def render(self) -> Content:
        return self._content


def looks(text: Content | Text) -> tuple:
    """What a text shows, words and styles (Content's own == compares the words alone)."""
    return text.plain, str(getattr(text, "style", "")), tuple(text.spans)


def show_changed(widget: Static, content: Content) -> None:
    """`widget.update(content)` unless it already shows exactly that.

    The screen is laid out again only when the new content needs a different
    height: most updates (a score, a verdict, a highlighted choice) keep their
    line count, and a layout pass of the whole screen costs far more than a repaint.
    """
    signature = looks(content)
    if getattr(widget, "_shown_signature", None) == signature:
        return
    widget._shown_signature = signature
    update_sized(widget, content)


def update_sized(widget: Static, content) -> None:
    """`widget.update(content)`, laying the screen out only if the height changes."""
    width, height = widget.content_size
    widget.update(content, layout=False)
    styles = widget.styles
    auto_width = styles.width is not None and styles.width.is_auto  # None: as wide as its parent
    sized_by_content = styles.height is None or styles.height.is_auto  # else a fixed or shared box
    if not width or auto_width or (
            sized_by_content and widget.get_content_height(widget.size, widget.size, width) != height):
        widget.refresh(layout=True)


class StripCache:
    """Lines of text rendered once each: a widget drawing with the line API keeps
    one, and a line whose words and styles did not change is never rendered again."""

    def __init__(self) -> None:
        self._strips: dict[tuple, Strip] = {}

    def strip(self, widget: Widget, line: Content, width: int, keep: int) -> Strip:
        """`line` rendered for `widget` at `width`; about `keep` lines are worth keeping."""
        style = widget.visual_style
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
        self._wrap()

    def show_lines(self, lines: list[Content]) -> None:
        """Show lines the caller already fitted to the width (no wrapping here)."""
        if [looks(line) for line in lines] == [looks(line) for line in self._lines]:
            return
        self._content = Content("\n").join(lines)
        self._lines = lines
        self._update_size()

    def on_resize(self) -> None:
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

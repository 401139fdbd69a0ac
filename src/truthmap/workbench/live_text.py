"""Small pieces for panes that update on every keystroke without lag.

A `Static.update` asks for a layout pass of the whole screen.  Panes that
change many texts per edit use `LiveText` where the size is fixed (repaint
only) and `show_changed` elsewhere (skip updates that change nothing, and lay
out only when the height changes).
"""

from __future__ import annotations

from textual.content import Content
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
        if _signature(content) != _signature(self._content):
            self._content = content
            self.refresh()

    def render(self) -> Content:
        return self._content


def _signature(content: Content) -> tuple:
    return content.plain, tuple(content.spans)


def show_changed(widget: Static, content: Content) -> None:
    """`widget.update(content)` unless it already shows exactly that.

    The screen is laid out again only when the new content needs a different
    height: most updates (a score, a verdict, a highlighted choice) keep their
    line count, and a layout pass of the whole screen costs far more than a repaint.
    """
    signature = _signature(content)
    if getattr(widget, "_shown_signature", None) == signature:
        return
    widget._shown_signature = signature
    width, height = widget.content_size
    widget.update(content, layout=False)
    if not width or widget.styles.width is None or widget.styles.width.is_auto \
            or widget.get_content_height(widget.size, widget.size, width) != height:
        widget.refresh(layout=True)

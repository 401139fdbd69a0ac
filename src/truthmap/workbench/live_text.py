"""Small pieces for panes that update on every keystroke without lag.

A `Static.update` asks for a layout pass of the whole screen.  Panes that
change many texts per edit use `LiveText` where the size is fixed (repaint
only) and `show_changed` elsewhere (skip updates that change nothing).
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static


class LiveText(Widget):
    """Text in a box whose size never depends on it: updates repaint, never re-layout."""

    content: reactive[Content] = reactive(Content, layout=False)

    def update(self, content: Content) -> None:
        self.content = content

    def render(self) -> Content:
        return self.content


def show_changed(widget: Static, content: Content) -> None:
    """`widget.update(content)` unless it already shows exactly that."""
    signature = (content.plain, tuple(content.spans))
    if getattr(widget, "_shown_signature", None) != signature:
        widget._shown_signature = signature
        widget.update(content)

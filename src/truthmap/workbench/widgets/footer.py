"""The footer: the keys of what has focus, drawn as one line by one widget.

Textual's own footer is a container of a widget per key: a dozen widgets to
mount and style in the first frame (benchmarks/README.md), rebuilt with a
layout whenever the keys change.  This one draws the same line itself, looks
the same (the theme's footer colours, groups, the command-palette key at the
right), and keeps what Textual's does for the mouse: a key is clicked or
hovered, and its tooltip shows.  It redraws only when the keys it would show
differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from ..tcss import read_tcss


@dataclass(frozen=True)
class Key:
    """One key the footer shows, and what pressing (or clicking) it does."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool = True
    tooltip: str = ""


@dataclass(frozen=True)
class Span:
    """Where a key is drawn (cells `start` to `end`) and how it looks."""

    start: int
    end: int
    key: Key | None  # None: a group's label, or a gap


KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
HOVER_STYLE = "$footer-key-foreground on $block-hover-background"
BORDER_STYLE = "$foreground 20%"


class Footer(Widget, can_focus=False):
    DEFAULT_CSS = read_tcss(__file__, "footer.tcss")

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.groups: list[tuple[str, list[Key]] | Key] = []  # a group is (its label, its keys)
        self.palette: Key | None = None  # the command palette's key, drawn at the right
        self.spans: list[Span] = []  # where each key was last drawn, for the mouse
        self.hovered: Key | None = None  # the key under the mouse
        self._pending = False  # a look at the bindings is due (one, however many signals came)

    @property
    def keys(self) -> list[Key]:
        """Every key shown, in order, the command palette's last."""
        keys = [key for item in self.groups for key in (item[1] if isinstance(item, tuple) else [item])]
        return keys + ([self.palette] if self.palette else [])

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        # The signal comes on every focus move, cursor move and redraw, often several
        # in one handler: the bindings are looked at once, when the handler is done
        # (still before the frame, so the keys are right in it).
        if screen is self.screen and self.is_attached and self.app.app_focus and not self._pending:
            self._pending = True
            self.call_next(self._show_pending)

    def _show_pending(self) -> None:
        self._pending = False
        if self.is_attached:
            self.show_keys(self.screen)

    def show_keys(self, screen: Screen) -> None:
        """Take the screen's active bindings; redraw if what is shown changes."""
        groups, palette = _grouped(screen, self.app)
        if (groups, palette) != (self.groups, self.palette):
            self.groups, self.palette = groups, palette
            self.hovered = None
            self.refresh()

    # ------------------------------------------------------------ drawing

    def render(self) -> Content:
        width = self.size.width
        tail = self._palette_tail()
        room = max(0, width - tail.cell_length) if tail is not None else width
        parts: list[tuple[str, str]] = []
        spans: list[Span] = []
        x = 0
        # Whole keys only: a key that does not fit is left out with those after it, never cut
        # mid-word ("^r Rena"); the palette, at the right, lists every action.
        for item in self._items():
            item_width = sum(cell_len(text) for text, _, _ in item)
            if x + item_width > room:
                break
            for text, style, key in item:
                parts.append((text, style))
                spans.append(Span(x, x + cell_len(text), key))
                x += cell_len(text)
        keys = Content.assemble(*parts).truncate(room, pad=True)
        if tail is None:
            self.spans = spans
            return keys
        self.spans = [*spans, Span(room + 1, width, self.palette)]  # after the border
        return Content.assemble(keys, tail)

    def _items(self) -> list[list[tuple[str, str, Key | None]]]:
        """Each key (or group of keys) as the (text, style, key) pieces it is drawn with."""
        def dimmed(style: str, key: Key) -> str:
            return style if key.enabled else style + " dim"

        def key_style(key: Key, base: str) -> str:
            return dimmed(HOVER_STYLE + " bold" if self._is_hovered(key) else base, key)

        items = []
        for item in self.groups:
            if isinstance(item, tuple):  # a group: its keys side by side, then its label
                label, keys = item
                items.append([(" ", "", None), *((key.display, key_style(key, KEY_STYLE), key) for key in keys),
                              (" ", "", None), (f"{label} ", DESCRIPTION_STYLE, None)])
            else:
                items.append([(f" {item.display} ", key_style(item, KEY_STYLE), item),
                              (f"{item.description} ", key_style(item, DESCRIPTION_STYLE), item)])
        return items

    def _palette_tail(self) -> Content | None:
        palette = self.palette
        if palette is None:
            return None
        style = HOVER_STYLE + " bold" if self._is_hovered(palette) else None
        return Content.assemble(("▏", BORDER_STYLE), (palette.display, style or KEY_STYLE),
                                (f" {palette.description} ", style or DESCRIPTION_STYLE))

    def _is_hovered(self, key: Key) -> bool:
        return key == self.hovered

    # ------------------------------------------------------------ the mouse

    def _key_at(self, x: int) -> Key | None:
        return next((span.key for span in self.spans if span.key and span.start <= x < span.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._key_at(event.x)
        if hovered != self.hovered:
            self.hovered = hovered
            self.tooltip = hovered.tooltip if hovered else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()


def _grouped(screen: Screen, app) -> tuple[list[tuple[str, list[Key]] | Key], Key | None]:
    """The footer's keys as Textual's footer shows them: one per action, a group's keys
    together under its label, and the command-palette key apart."""
    active = screen.active_bindings
    by_action: dict[str, tuple[Binding, bool, str]] = {}
    for _, binding, enabled, tooltip in active.values():
        if binding.show:
            by_action.setdefault(binding.action, (binding, enabled, tooltip))
    items: list[tuple[str, list[Key]] | Key] = []
    for group, members in groupby(by_action.values(), lambda member: member[0].group):
        members = list(members)
        if group is not None and len(members) > 1:
            items.append((group.description, [_key(app, binding, enabled, tooltip, "")
                                               for binding, enabled, tooltip in members]))
        else:
            items.extend(_key(app, binding, enabled, tooltip, binding.description)
                         for binding, enabled, tooltip in members)
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
        palette = _key(app, binding, enabled, tooltip or binding.tooltip, binding.description)
    return items, palette


def _key(app, binding: Binding, enabled: bool, tooltip: str, description: str) -> Key:
    """A key as shown; its tooltip is the binding's own, else what the key does."""
    return Key(binding.key, app.get_key_display(binding), description, binding.action, enabled,
               tooltip or binding.description)

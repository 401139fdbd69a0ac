"""Textual's footer, rebuilt only when the keys it shows change.

Textual's own footer schedules a full rebuild (a dozen widgets, each restyled)
on every "bindings may have changed" signal: focus moves, a table's cursor,
an analysis redrawing a pane.  Most of those change nothing it shows, and a
burst of them queued one rebuild each: at start-up that was about fifteen
rebuilds, and a few on every edit.  This one rebuilds at most once per
refresh, and only when the bindings it would show differ.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: tuple | None = None
    _pending: bool = False

    def _signature(self) -> tuple:
        return tuple((binding, enabled, tooltip)
                     for (_, binding, enabled, tooltip) in self.screen.active_bindings.values())

    def compose(self):
        self._shown = self._signature() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            if self._shown is None:  # no keys shown yet: in the first frame, not after it
                self.call_next(self._recompose_if_changed)
            else:
                self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached or self._signature() == self._shown:
            return
        await self.recompose()

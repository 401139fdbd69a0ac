"""Command-palette commands for the actions of the screen the palette was opened on.

A screen lists them in `PALETTE` as (title, help, action); adding
`COMMANDS = {ScreenCommands}` puts them in the palette while that screen is
on top, so every key of the screen is also reachable by name.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    def _commands(self):
        for title, help_text, action in getattr(self.screen, "PALETTE", ()):
            yield title, help_text, partial(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)

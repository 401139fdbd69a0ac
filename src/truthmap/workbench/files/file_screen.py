"""The base of the screens that list saved profiles (the browser, the comparison)."""

from __future__ import annotations

from textual.screen import Screen


class FileScreen(Screen[None]):
    """A screen of saved profiles (the browser, the comparison): opening or creating
    a profile closes it.  A base of their own, so that closing them needs neither
    module loaded (their memory is spent only by a session that uses them)."""

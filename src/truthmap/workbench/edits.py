"""How a pane asks for a change of the profile: one message style for every pane.

A pane never builds the next profile for the app to take: it says what the
person asked for, as an edit (an :mod:`truthmap.editing` function with its
arguments, waiting for the profile).  The receiver (the app, or a test's host)
applies it to the profile current when the message arrives, so quick edits
never overwrite each other with stale copies, and a pane mounts alone in a
host that applies edits the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ..model import Profile

Edit = Callable[["Profile"], "Profile"]


class EditAsked(Message):
    """The base of every pane's edit message (each pane nests its own subclass).

    `edit` raises ValueError, in words for the person, if it cannot apply;
    `merge`: consecutive edits with the same key are one undo step (an answer
    typed digit by digit).
    """

    def __init__(self, edit: Edit, *, merge: object = None) -> None:
        super().__init__()
        self.edit = edit
        self.merge = merge

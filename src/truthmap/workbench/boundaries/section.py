"""The base of the boundary editor's section editors: add, edit, remove and confirm.

A section editor is its section's table.  A subclass says what adding,
editing and removing one of its rows asks (a form, a confirmation); this
base opens the dialog, tries the edit on the profile shown, and posts it as
:class:`SectionEditor.Edited`, for the app to apply to the current profile.
The rows themselves are drawn by the boundary editor (see rows.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.widgets import DataTable

from ...text import visible
from ..edits import Edit, EditAsked
from .dialogs import ConfirmDialog, Form, FormDialog
from .rows import ROWS
from .table import BoundaryTable

if TYPE_CHECKING:
    from ...model import Profile

CursorTo = Callable[["Profile"], "str | None"] | str | None


class SectionEditor(BoundaryTable):
    """One section's rows, and the keys that change them."""

    HELP_TITLE = "Boundary editor, any section"

    SECTION: ClassVar[str] = ""
    HINT: ClassVar[str] = ""  # under a row with no finding: what the keys do here
    CAN_ADD: ClassVar[bool] = True
    # Actions whose keys come and go with the highlighted row: the footer is redrawn when they do.
    KEYED_ACTIONS: ClassVar[tuple[str, ...]] = ("add", "edit", "remove")

    class Edited(EditAsked):
        """An edit of the boundaries: systems, records, stages or handoffs."""

    # Priority bindings run as the key is read, before the keys typed after
    # it: "e" then a quick "d" must never reach the table as "remove".  They
    # only apply while the section has focus, and it holds no text input.
    BINDINGS = [
        Binding("a", "add", "Add", priority=True),
        Binding("e", "edit", "Edit", priority=True),
        Binding("d,delete", "remove", "Remove", priority=True),
        # The moves too, so they keep their place among those keys: "down down e", typed
        # faster than the table reads its keys, edits the row two down, not the one left.
        *(Binding(key, action, system=True, priority=True) for key, action in (
            ("up", "cursor_up"), ("down", "cursor_down"), ("pageup", "page_up"), ("pagedown", "page_down"),
            ("home", "scroll_top"), ("end", "scroll_bottom"), ("enter", "select_cursor"))),
    ]

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.HELP_WHERE = cls.SECTION  # the help names a key that means something else here by the section

    def __init__(self) -> None:
        super().__init__(self.SECTION)
        self.profile: Profile | None = None  # set by the boundary editor, with the rows
        self.cursor_to: str | None = None  # the row to land on once an edit is back as new rows
        self._offered: tuple | None = None

    # ------------------------------------------------------------- what a section does

    def add(self) -> None:
        """Ask for a new row (sections with CAN_ADD)."""

    def edit(self, key: str) -> None:
        """Ask for a change of the row `key`."""

    def remove(self, key: str) -> None:
        """Ask before removing the row `key`."""

    # ------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        key = self.current_key if self.is_mounted else None  # the footer asks at any time
        if action == "add":
            return self.CAN_ADD
        if action in ("edit", "remove"):
            return True if key else None
        return True

    def refresh_keys(self) -> None:
        """Refresh the footer's keys only when the row's actions change: the footer
        rebuilds itself and lays out the screen on every refresh, each arrow key."""
        offered = tuple(self.check_action(action, ()) for action in self.KEYED_ACTIONS)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def action_add(self) -> None:
        self.add()

    def action_edit(self) -> None:
        if (key := self.current_key) is not None:
            self.edit(key)

    def action_remove(self) -> None:
        if (key := self.current_key) is not None:
            self.remove(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # ------------------------------------------------------------- the shared flow

    def post_edit(self, edit: Edit, cursor_to: CursorTo = None, said: str = "") -> None:
        """Try `edit` on the profile shown; if it applies and changes something, post it."""
        try:
            edited = edit(self.profile)
        except ValueError as refused:
            self.notify(visible(str(refused)), severity="warning", markup=False)
            return
        if edited == self.profile:
            return
        target = cursor_to(edited) if callable(cursor_to) else cursor_to
        if target:
            self.cursor_to = target
        self.post_message(self.Edited(edit))
        if said:
            self.notify(visible(said), markup=False)  # it may name a system: its controls shown, never sent

    def ask(self, form: Form, cursor_to: CursorTo = None,
            dialog: Callable[[Form, Profile], FormDialog] = FormDialog) -> None:
        """A form in a dialog (a FormDialog, or what `dialog` makes of the form); what it returns is posted."""
        def done(edit: Edit | None) -> None:
            if edit is not None:
                self.post_edit(edit, cursor_to)

        self.app.push_screen(dialog(form, self.profile), done)

    def confirm(self, title: str, lines: list[str], edit: Edit, said: str) -> None:
        """Ask before an edit (a removal): posted only on yes."""
        def answered(yes: bool | None) -> None:
            if yes:
                self.post_edit(edit, self.same_place(), said=said)

        self.app.push_screen(ConfirmDialog(title, lines), answered)

    def same_place(self) -> CursorTo:
        """Where the cursor goes once a row is removed: the same place, now the row that
        followed it (or the last row), never the first row or wherever its key moved to."""
        row = self.cursor_row

        def at(profile: Profile) -> str | None:
            keys = [shown.key for shown in ROWS[self.SECTION](profile)]
            return keys[min(row, len(keys) - 1)] if keys else None

        return at

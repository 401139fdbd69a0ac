"""Save as: the new file's path, and the name the profile goes by in it.

Saving a profile as another file makes a second profile; with the same name
the two are told apart only by their files (the browser, compare, a
report's title).  So the dialog asks for the name too, above the path; while
the path has not been typed into, it follows the name ("Hybrid plan" ->
hybrid-plan.toml in the same folder).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.content import Content
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from ...vocabulary import MAX_TEXT_LENGTH
from ..widgets.field_text import FieldText
from .questions import PathInputScreen


class SaveAsScreen(PathInputScreen):
    """A path dialog with the profile's name above the path; `name_given` is the name typed.

    `file_for(name)` is the path proposed for a name; `check_name` may refuse a
    name with a sentence (a blank one), shown under the fields.
    """

    def __init__(self, title: str, message: str, default: Path, *, base: Path, name: str,
                 file_for: Callable[[str], Path], check_name: Callable[[str], str | None] | None = None,
                 check: Callable[[Path], str | None] | None = None) -> None:
        super().__init__(title, message, default, base=base, check=check)
        self.name_given = name
        self._name_field = FieldText(name)
        self._file_for = file_for
        self._check_name = check_name
        self._proposed = self._field.shown  # the path field as the dialog last filled it in

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#path-input").parent.mount(
            Static(Content("Name of the new profile"), classes="dialog-hint"),
            Input(value=self._name_field.shown, id="save-as-name", select_on_focus=False,
                  max_length=self._name_field.room(MAX_TEXT_LENGTH)),
            Static(Content("File"), classes="dialog-hint save-as-file-label"),
            before="#path-input",
        )
        self.call_after_refresh(self._focus_name)

    def _focus_name(self) -> None:
        name = self.query_one("#save-as-name", Input)
        name.focus()
        name.selection = Selection(0, len(name.value))  # typing replaces the name it had

    @on(Input.Changed, "#save-as-name")
    def _name_changed(self, event: Input.Changed) -> None:
        event.stop()
        name = self._name_field.read(event.value)
        if name == self.name_given:
            return  # the field filled in on mounting: the path stays the one proposed
        self.name_given = name
        path = self.query_one("#path-input", Input)
        if path.value == self._proposed and self.name_given.strip():  # not typed into: it follows the name
            self._proposed = path.value = FieldText(str(self._file_for(self.name_given))).shown

    @on(Input.Submitted, "#save-as-name")
    def _name_submitted(self, event: Input.Submitted) -> None:
        self._submit(event)

    def refusal(self, path: Path | None) -> str | None:
        problem = self._check_name(self.name_given) if self._check_name else None
        return problem or super().refusal(path)

"""The evidence screen's two dialogs: which column is which, and two rows side by side.

Headers and cells are the person's data (client names, emails): shown
through `literal`/`clipped` (visible stand-ins, never markup), and never
passed anywhere but the screen that asked.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static

from ...evidence.facts import FIELDS
from ..tcss import beside
from .questions import Question, clipped, literal

FIELD_WORDS = {"name": "Client name", "email": "Email", "domain": "Web domain", "id": "Id"}
NAMED = ("name", "email", "domain")  # at least one of these must be named for a client to be found
HEADER_CELLS = 48  # a column name cut to this in a list


class ColumnsScreen(Question, ModalScreen[dict[str, str] | None]):
    """A select per field, listing the file's columns; returns field -> column, or None.

    `columns` are the file's headers as written; `chosen` what is named already."""

    CSS_PATH = [beside(__file__, "questions.tcss"), beside(__file__, "exports.tcss")]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, file: str, columns: tuple[str, ...], chosen: dict[str, str] | None = None, *,
                 unknown: bool = True) -> None:
        super().__init__(classes="dialog")
        self._title = f"Which column is which? {Path(file).name}"
        self._message = ("No column of this file has a name truthmap knows for a client's name, email or web "
                         "domain. " if unknown else "") + \
            "Pick the column that holds each; a client needs at least a name, an email or a web domain."
        self._columns = tuple(column for column in columns if column.strip())
        self._chosen = {field: column for field, column in (chosen or {}).items() if column in self._columns}

    def compose(self) -> ComposeResult:
        options = [(Content(clipped(column, HEADER_CELLS)), column) for column in self._columns]
        with Vertical(classes="dialog-box"):
            yield Static(literal(self._title), classes="dialog-title")
            yield Static(literal(self._message), classes="dialog-message")
            for field in FIELDS:
                with Horizontal(classes="column-choice"):
                    yield Static(Content(FIELD_WORDS[field]), classes="column-field")
                    yield Select(options, prompt="(not in this file)", allow_blank=True, id=f"column-{field}",
                                 value=self._chosen.get(field, Select.NULL), compact=True)
            yield Static("", id="columns-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Read the file"), variant="primary", id="columns-ok")
                yield Button(Content("Cancel"), id="columns-cancel")

    def on_mount(self) -> None:
        self.query_one(f"#column-{FIELDS[0]}", Select).focus()

    def chosen(self) -> dict[str, str]:
        """field -> column, as the selects stand now."""
        found = {}
        for field in FIELDS:
            value = self.query_one(f"#column-{field}", Select).value
            if isinstance(value, str):
                found[field] = value
        return found

    def refusal(self, chosen: dict[str, str]) -> str | None:
        if not any(field in chosen for field in NAMED):
            return "Pick the column of the client's name, email or web domain (one is enough)."
        return None

    @on(Button.Pressed, "#columns-ok")
    def _submit(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.chosen()
        problem = self.refusal(chosen)
        if problem:
            self.query_one("#columns-error", Static).update(Content(problem))
            self.query_one(f"#column-{FIELDS[0]}", Select).focus()
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#columns-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


Side = tuple[str, list[tuple[str, str]]]  # (heading, [(column, cell)])


class RowsScreen(ModalScreen[None]):
    """One or two rows of the exports, whole, side by side: every column and its cell."""

    CSS_PATH = [beside(__file__, "questions.tcss"), beside(__file__, "exports.tcss")]
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, sides: list[Side], note: str = "") -> None:
        super().__init__(classes="dialog rows-dialog")
        self._title = title
        self._sides = sides
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(literal(self._title), classes="dialog-title")
            with Horizontal(classes="rows-sides"):
                for heading, cells in self._sides:
                    with VerticalScroll(classes="rows-side"):
                        yield Static(Content.styled(clipped(heading, 200), "bold"), classes="rows-heading")
                        yield Static(side_content(cells), classes="rows-cells")
            if self._note:
                yield Static(literal(self._note), classes="dialog-hint")
            yield Static(Content("esc or enter closes"), classes="dialog-hint choice-hint")

    def on_mount(self) -> None:
        self.query_one(".rows-side").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def side_content(cells: list[tuple[str, str]]) -> Content:
    """Every column of a row, its name dim over its cell (shown literally), an empty cell as "—"."""
    if not cells:
        return Content.styled("(this row is no longer in the file)", "italic $text-muted")
    lines = []
    for column, cell in cells:
        lines.append(Content.styled(clipped(column, HEADER_CELLS), "$text-muted"))
        lines.append(literal(cell) if cell.strip() else Content("—"))
    return Content("\n").join(lines)

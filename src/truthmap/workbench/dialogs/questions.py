"""Small modal questions: pick one answer, or type a path.

Every text shown here may contain profile names or file paths, so it is
passed as `Content` (never markup) and through `visible()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.widgets.input import Selection

from ...cells import fit
from ...vocabulary import MAX_TEXT_LENGTH
from ...text import visible
from ..widgets.field_text import FieldText
from ..tcss import beside


def literal(text: str) -> Content:
    """Profile or file text as a terminal-safe, markup-free Content."""
    return Content(visible(text, keep_newlines=True))


def clipped(text: str, width: int) -> str:
    """Profile text made visible and cut to `width` terminal cells with an ellipsis."""
    return fit(visible(text), width)


class MessageScroll(VerticalScroll):
    """A dialog's message: it scrolls when the terminal is too short for it, so the dialog's
    title and buttons stay in view; only then is it a stop of its own (tab, then arrows)."""

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0


class Question:
    """What every dialog here shares: its words, readable without mounting it."""

    # Below 34 rows (80x24) a dialog is laid out tighter and its message scrolls sooner.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    _title: str
    _message: str

    @property
    def question(self) -> str:
        """The title and the message, as the person reads them."""
        return f"{self._title}\n{self._message}"


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    variant: str = "default"  # a Button variant: default, primary, warning, error, success
    key: str | None = None  # a one-letter shortcut, shown on the button
    about: str = ""  # a stacked choice's line under its label: what choosing it means


class ChoiceScreen(Question, ModalScreen[str | None]):
    """A question answered by one of a few choices; escape answers `cancel`.

    A few short answers are buttons in a row; `stacked=True` shows a list
    (for more or longer answers), moved through with the arrow keys.
    """

    CSS_PATH = beside(__file__, "questions.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left", "app.focus_previous", "Previous", show=False),
        Binding("right", "app.focus_next", "Next", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[Choice],
        *,
        cancel: str | None = "cancel",
        focus: str | None = None,
        stacked: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._message = message
        self._choices = choices
        self._cancel = cancel
        self._focus = focus or choices[0].id
        self._keys = {choice.key: choice.id for choice in choices if choice.key}
        self._stacked = stacked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(literal(self._title), classes="dialog-title")
            with MessageScroll(classes="dialog-body"):
                yield Static(literal(self._message), classes="dialog-message")
            if self._stacked:
                described = any(choice.about for choice in self._choices)  # two lines a choice: room for them
                yield OptionList(*[Option(self._stacked_label(c), id=c.id) for c in self._choices],
                                 classes="dialog-choices -described" if described else "dialog-choices")
            else:
                with Horizontal(classes="dialog-buttons"):
                    for choice in self._choices:
                        yield Button(Content(self._label(choice)), variant=choice.variant, id=f"choice-{choice.id}")
            arrows = "↑/↓" if self._stacked else "←/→ or tab"
            escape = " · esc cancels" if self._cancel is not None else ""
            yield Static(f"{arrows} moves · enter chooses{escape}", classes="dialog-hint choice-hint")

    @staticmethod
    def _label(choice: Choice) -> str:
        return f"{choice.label} ({choice.key})" if choice.key else choice.label

    def _stacked_label(self, choice: Choice) -> Content:
        if not choice.about:
            return Content(self._label(choice))
        return Content.assemble(self._label(choice), "\n", (f"  {choice.about}", "$text-muted"))

    def on_mount(self) -> None:
        if self._stacked:
            options = self.query_one(OptionList)
            options.highlighted = options.get_option_index(self._focus)
            options.focus()
        else:
            self.query_one(f"#choice-{self._focus}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    @property
    def answers(self) -> tuple[str, ...]:
        """Every answer this dialog can give: its choices' ids, and escape's."""
        ids = tuple(choice.id for choice in self._choices)
        return ids if self._cancel in (None, *ids) else (*ids, self._cancel)

    def answer_for(self, key: str) -> str | None:
        """The answer a key gives at once: a choice's letter, or escape's (None: no answer)."""
        return self._cancel if key == "escape" else self._keys.get(key)

    def on_key(self, event) -> None:
        if event.character and event.character in self._keys:
            event.stop()
            self.dismiss(self._keys[event.character])

    def action_cancel(self) -> None:
        if self._cancel is not None:
            self.dismiss(self._cancel)
        else:
            self.notify("Pick one of the answers (tab moves, enter chooses).", severity="warning")


class PathInputScreen(Question, ModalScreen[Path | None]):
    """Ask for a file path; relative paths are taken inside `base`.

    `check` may refuse a path by returning the reason; the dialog then stays
    open with the reason shown, so a typo never ends the whole operation.
    """

    CSS_PATH = beside(__file__, "questions.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        message: str,
        default: Path,
        *,
        base: Path,
        suffix: str | None = ".toml",
        check: Callable[[Path], str | None] | None = None,
        action_label: str = "Save",
    ) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._message = message
        self._default = default
        self._field = FieldText(str(default))  # a file name may hold an ESC too
        self._base = base
        self._suffix = suffix
        self._check = check
        self._action_label = action_label

    @property
    def suggestion(self) -> Path:
        """The path the field starts with."""
        return self._default

    @property
    def base(self) -> Path:
        """The folder relative paths are taken inside (the dialog says so)."""
        return self._base

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(literal(self._title), classes="dialog-title")
            with MessageScroll(classes="dialog-body"):
                yield Static(literal(self._message), classes="dialog-message")
            yield Input(value=self._field.shown, id="path-input", select_on_focus=False)
            yield Static(literal(f"Relative paths are taken inside {self._base}"), classes="dialog-hint")
            yield Static("", id="path-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self._action_label), variant="primary", id="path-ok")
                yield Button(Content("Cancel"), id="path-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#path-input", Input)
        field.focus()
        # Select the file name without its suffix: typing replaces just the name.
        name_start = len(field.value) - len(visible(self._default.name))
        field.selection = Selection(name_start, name_start + len(visible(self._default.stem)))

    def resolve(self, text: str) -> Path | None:
        text = text.strip()
        if not text:
            return None
        path = Path(text)
        try:
            path = path.expanduser()
        except RuntimeError:  # no home folder to expand `~` to: keep it as typed
            pass
        if not path.is_absolute():
            path = self._base / path
        if self._suffix and not path.suffix:
            path = path.with_suffix(self._suffix)
        # Typing `plan.toml` over the preselected stem keeps the suffix after it: never double it.
        while self._suffix and path.name.endswith(self._suffix * 2):
            path = path.with_name(path.name[: -len(self._suffix)])
        return path

    @on(Input.Submitted, "#path-input")
    @on(Button.Pressed, "#path-ok")
    def _submit(self, event) -> None:
        event.stop()
        path = self.resolve(self._field.read(self.query_one("#path-input", Input).value))
        problem = self.refusal(path)
        if problem:
            self.query_one("#path-error", Static).update(literal(problem))
            return
        self.dismiss(path)

    def refusal(self, path: Path | None) -> str | None:
        """Why `path` (typed, then resolved) is refused, shown under the field; None: accepted."""
        if path is None:
            return "Type a path first."
        if "\0" in str(path):
            return "A file name cannot contain a NUL character."
        try:
            folder = path.is_dir()
        except OSError as error:  # a name too long, a folder we may not look into...
            return f"{path}: {error.strerror or error}"
        if folder:
            return f"{path} is a folder; add a file name."
        return self._check(path) if self._check else None

    @on(Button.Pressed, "#path-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ProfileDetailsScreen(Question, ModalScreen[tuple[str, str] | None]):
    """The profile's name and its notes; returns (name, notes) as typed, or None.

    `check` may refuse the values with a sentence (a blank name); the dialog
    then stays open with it shown.  Enter in the name saves; Tab reaches the
    notes, where Enter starts a new line.
    """

    CSS_PATH = beside(__file__, "questions.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, name: str, notes: str | None, *,
                 check: Callable[[str, str], str | None] | None = None, action_label: str = "Save") -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._message = message
        self._name = name
        self._notes = notes or ""
        self._name_field = FieldText(self._name)
        self._notes_field = FieldText(self._notes, keep_newlines=True)
        self._check = check
        self._action_label = action_label

    @property
    def suggested(self) -> tuple[str, str]:
        """The name and notes the fields start with."""
        return self._name, self._notes

    def refusal(self, name: str, notes: str) -> str | None:
        """Why these values are refused, shown under the fields; None: accepted."""
        return self._check(name, notes) if self._check else None

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea  # large, with its document model: only when asked for

        with Vertical(classes="dialog-box"):
            yield Static(literal(self._title), classes="dialog-title")
            if self._message:
                with MessageScroll(classes="dialog-body"):
                    yield Static(literal(self._message), classes="dialog-message")
            yield Static(Content("Name"), classes="dialog-hint")
            yield Input(value=self._name_field.shown, id="details-name", select_on_focus=False,
                        max_length=self._name_field.room(MAX_TEXT_LENGTH))
            yield Static(Content("Notes (optional)"), classes="dialog-hint details-notes-label")
            yield TextArea(self._notes_field.shown, id="details-notes", soft_wrap=True, tab_behavior="focus")
            yield Static("", id="details-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self._action_label), variant="primary", id="details-ok")
                yield Button(Content("Cancel"), id="details-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#details-name", Input)
        field.focus()
        field.selection = Selection(0, len(field.value))  # typing replaces the suggested name
        notes = self.query_one("#details-notes")
        notes.move_cursor(notes.document.end)  # more notes go after the ones there

    @on(Input.Submitted, "#details-name")
    @on(Button.Pressed, "#details-ok")
    def _submit(self, event) -> None:
        event.stop()
        name = self._name_field.read(self.query_one("#details-name", Input).value)
        notes = self._notes_field.read(self.query_one("#details-notes").text)
        problem = self.refusal(name, notes)
        if problem:
            self.query_one("#details-error", Static).update(literal(problem))
            return
        self.dismiss((name, notes))

    @on(Button.Pressed, "#details-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

"""Dialogs of the boundary editor: a small form, the tool catalog, a confirmation.

A form is built from fields and a `build` function that applies the typed
and chosen values to a profile using :mod:`truthmap.editing`.  The dialog
tries it on the profile it was given: if `build` refuses (``ValueError``) the
sentence is shown in the dialog, so it only ever returns an edit that applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...editing import catalog_tools, system_id_for
from ...knowledge import Tool, knowledge
from ...vocabulary import MAX_TEXT_LENGTH, STAGES
from ...text import visible
from ..widgets.field_text import FieldText
from .rows import literal, stage_choices
from ..tcss import beside

if TYPE_CHECKING:
    from ...model import Profile

Values = dict[str, str]
MAX_LIST_HEIGHT = 12  # an open choice list's rows at most, its border included (Textual's own limit)
Choices = Sequence[tuple[Text | str, str]]


@dataclass(frozen=True)
class TextField:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    suggestions: Sequence[str] = ()


@dataclass(frozen=True)
class ChoiceField:
    key: str
    label: str
    choices: Choices
    value: str


@dataclass(frozen=True)
class Form:
    title: str
    fields: Sequence[TextField | ChoiceField]
    build: Callable[[Profile, Values], Profile]  # the edit the values ask for, applied to a profile
    note: str = ""
    action: str = "Save"
    # Text fields shown only while a choice has a given value: {text key: (choice key, value)}.
    shown_when: dict[str, tuple[str, str]] = field(default_factory=dict)


def _choice_label(label: Text | str) -> Text:
    return label if isinstance(label, Text) else Text(label)


class FormDialog(ModalScreen["Edit | None"]):
    """Asks for a few values; returns the edit they ask for (tried on `profile` first,
    so a refusal is said in the dialog), or None when cancelled."""

    CSS_PATH = beside(__file__, "dialogs.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, form: Form, profile: Profile) -> None:
        super().__init__()
        self.form = form
        self.profile = profile
        # Each text field's profile text, shown with its controls made visible.
        self.texts = {item.key: FieldText(item.value, suggestions=item.suggestions)
                      for item in form.fields if isinstance(item, TextField)}

    def compose(self) -> ComposeResult:
        with Vertical(classes="boundary-dialog"):
            yield Label(literal(self.form.title), classes="boundary-dialog-title")
            if self.form.note:
                yield Static(literal(self.form.note), classes="boundary-dialog-note")
            with Vertical(classes="boundary-dialog-fields"):
                for item in self.form.fields:
                    yield Label(item.label, classes="boundary-field-label", markup=False)
                    yield self._widget(item)
            yield Static("", classes="boundary-dialog-error")
            with Horizontal(classes="boundary-dialog-buttons"):
                yield Button(self.form.action, variant="primary", id="boundary-ok", compact=True)
                yield Button("Cancel", id="boundary-cancel", compact=True)

    def _widget(self, item: TextField | ChoiceField):
        if isinstance(item, ChoiceField):
            options = [(_choice_label(label), value) for label, value in item.choices]
            return Select(options, value=item.value, allow_blank=False, id=f"field-{item.key}", compact=True)
        text = self.texts[item.key]
        suggester = SuggestFromList(text.shown_suggestions, case_sensitive=False) if item.suggestions else None
        # The cursor lands after the text rather than selecting it, so a keystroke never wipes a name.
        return Input(text.shown, placeholder=item.placeholder, id=f"field-{item.key}", suggester=suggester,
                     compact=True, select_on_focus=False,
                     max_length=text.room(MAX_TEXT_LENGTH))  # what a profile holds

    def on_mount(self) -> None:
        self._update_visibility()
        for choice in self.query(Select):
            self.watch(choice, "expanded", partial(self._fit_list, choice), init=False)

    def _fit_list(self, choice: Select, expanded: bool) -> None:
        """Keep an open list inside the dialog's frame: as tall as the room below the
        choice, or lifted over it when that room is short (never over the pane below)."""
        if not expanded:
            return
        listing = choice.query_one("SelectOverlay")
        frame = self.query_one(".boundary-dialog")
        inside = frame.region.shrink(frame.styles.gutter)
        wanted = min(listing.option_count + listing.styles.gutter.height, MAX_LIST_HEIGHT)
        height = min(wanted, inside.height)
        top = choice.region.y + 1  # where the list opens: under the choice
        lift = max(0, top + height - inside.bottom)
        listing.styles.max_height = height
        listing.styles.offset = (0, -lift)

    def values(self) -> Values:
        result: Values = {}
        for item in self.form.fields:
            value = self.query_one(f"#field-{item.key}").value
            if item.key in self.texts:
                value = self.texts[item.key].read(value)
            result[item.key] = value if isinstance(value, str) else ""
        return result

    def _update_visibility(self) -> None:
        # Focus stays on the choice: Tab goes on to the field it revealed, the next one down
        # (jumping there by itself made a Tab typed from habit skip it).
        values = self.values()
        for key, (choice, wanted) in self.form.shown_when.items():
            shown = values.get(choice) == wanted
            widget = self.query_one(f"#field-{key}")
            widget.display = shown
            label_index = [item.key for item in self.form.fields].index(key)
            self.query(".boundary-field-label")[label_index].display = shown

    def on_key(self, event: Key) -> None:
        """Text typed on a choice that revealed a text field goes into that field, not nowhere."""
        focused = self.focused
        if not (isinstance(focused, Select) and event.is_printable and event.character):
            return
        values = self.values()
        for key, (choice, wanted) in self.form.shown_when.items():
            if focused.id == f"field-{choice}" and values.get(choice) == wanted:
                field = self.query_one(f"#field-{key}", Input)
                field.focus()
                field.insert_text_at_cursor(event.character)
                event.stop()
                event.prevent_default()
                return

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        self._update_visibility()
        self.choices_changed(self.values())

    def choices_changed(self, values: Values) -> None:
        """Hook for forms whose choices depend on each other."""

    @on(Input.Submitted)
    @on(Button.Pressed, "#boundary-ok")
    def action_submit(self) -> None:
        values = self.values()
        try:
            self.form.build(self.profile, values)
        except ValueError as refused:
            error = self.query_one(".boundary-dialog-error", Static)
            error.update(Text(str(refused)))
            error.display = True
            return
        self.dismiss(lambda profile: self.form.build(profile, values))

    @on(Button.Pressed, "#boundary-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class HandoffDialog(FormDialog):
    """A handoff form whose "to" list only offers stages after "from"."""

    def __init__(self, form: Form, profile: Profile) -> None:
        super().__init__(form, profile)
        self.stages = list(STAGES)
        self.offered: list[str] = []

    def on_mount(self) -> None:
        super().on_mount()
        self.choices_changed(self.values())

    def choices_changed(self, values: Values) -> None:
        later = self.stages[self.stages.index(values["from"]) + 1:] if values["from"] in self.stages else []
        if later == self.offered:
            return
        self.offered = later
        target = self.query_one("#field-to", Select)
        current = target.value
        target.set_options(stage_choices(later))
        if current in later:
            target.value = current


KEEP_ID, CHANGE_ID = "keep", "change"  # the id choice of a system's form


def id_choices(current: str, suggested: str) -> list[tuple[Text, str]]:
    """Keep a system's id, or take the one made from its new name (every reference follows)."""
    return [(Text.assemble("Keep the id ", literal(current, "bold")), KEEP_ID),
            (Text.assemble("Change it to ", literal(suggested, "bold"), ": whatever refers to it follows"),
             CHANGE_ID)]


class SystemDialog(FormDialog):
    """A system's form: once the name is changed, its id may change with it.

    The "id" choice (KEEP_ID or CHANGE_ID) is shown only while the name typed
    would make another id than the system's; it names that id as it is typed.
    """

    def __init__(self, form: Form, profile: Profile, system_id: str) -> None:
        super().__init__(form, profile)
        self.system_id = system_id

    def on_mount(self) -> None:
        super().on_mount()
        self._offer_id()

    def suggested_id(self, name: str) -> str:
        """The id a system called `name` would get (its own, if the name still makes it)."""
        return system_id_for(self.profile, name, ignore=self.system_id) if name.strip() else self.system_id

    @on(Input.Changed, "#field-name")
    def _offer_id(self) -> None:
        suggested = self.suggested_id(self.values()["name"])
        choice = self.query_one("#field-id", Select)
        chosen = choice.value
        choice.set_options(id_choices(self.system_id, suggested))
        choice.value = chosen
        offered = suggested != self.system_id
        choice.display = offered
        self.query(".boundary-field-label")[[item.key for item in self.form.fields].index("id")].display = offered


@dataclass(frozen=True)
class ByHand:
    """The catalog dialog's answer when the tool is not in the catalog."""

    name: str


class CatalogDialog(ModalScreen[Tool | ByHand | None]):
    """Type to filter the tool catalog; enter picks a tool, or adds the name by hand."""

    CSS_PATH = beside(__file__, "dialogs.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, declared: set[str]) -> None:
        super().__init__()
        self.declared = declared
        self.tools: list[Tool] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="boundary-dialog"):
            yield Label("Add a system", classes="boundary-dialog-title")
            yield Input(placeholder="Type to filter, e.g. hub, pm, billing", id="catalog-filter", compact=True)
            yield OptionList(id="catalog-tools")
            yield Static("enter adds the highlighted tool · esc cancels", classes="boundary-dialog-note")

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed, "#catalog-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        # Tools already declared stay listed (greyed out), so "where is HubSpot?" has an answer.
        self.tools = catalog_tools(query)
        options = [self._tool_option(tool) for tool in self.tools]
        typed = query.strip()
        options.append(Option(Text.assemble("Add ", (f"“{visible(typed)}”", "bold"), " by hand…") if typed
                              else Text("Add a system by hand…")))
        listing = self.query_one(OptionList)
        listing.set_options(options)
        listing.highlighted = next(i for i, option in enumerate(options) if not option.disabled)

    def _tool_option(self, tool: Tool) -> Option:
        taken = tool.id in self.declared
        label = Text.assemble(tool.name, "  ", (knowledge().kinds[tool.kind].label, "dim"),
                              ("  already added" if taken else "", "italic"))
        return Option(label, disabled=taken)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    @on(Input.Submitted)
    def _submit_highlighted(self) -> None:
        self._pick(self.query_one(OptionList).highlighted or 0)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int) -> None:
        if index < len(self.tools):
            if self.tools[index].id in self.declared:
                return
            self.dismiss(self.tools[index])
        else:
            self.dismiss(ByHand(self.query_one(Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Asks before something is removed, saying what else changes."""

    CSS_PATH = beside(__file__, "dialogs.tcss")
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Keep"),
        Binding("y", "answer(True)", "Remove"),
    ]

    def __init__(self, title: str, lines: Sequence[str], action: str = "Remove") -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="boundary-dialog"):
            yield Label(literal(self.title_text), classes="boundary-dialog-title")
            if self.lines:
                body = Text("\n").join(literal(f"• {line}") for line in self.lines)
                with Vertical(classes="boundary-dialog-fields"):
                    yield Static(body, classes="boundary-dialog-note")
            with Horizontal(classes="boundary-dialog-buttons"):
                yield Button(f"{self.action_label} (y)", variant="error", id="boundary-yes", compact=True)
                yield Button("Keep (n)", id="boundary-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#boundary-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "boundary-yes")

    def action_answer(self, remove: bool) -> None:
        self.dismiss(remove)



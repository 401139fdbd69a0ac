"""The records section: which system holds each kind of client data, its steward, its copies."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

from ... import editing
from ...knowledge import knowledge
from ...vocabulary import SYNC_MODES
from .dialogs import ChoiceField, Form, TextField
from ..dialogs.questions import Choice, ChoiceScreen
from ..keys import choice_letters
from .rows import (
    CUSTOM, NONE, dim, entity_label, first_unmapped, people, row_index, sync_choices, sync_options, system_choices,
)
from .section import SectionEditor

if TYPE_CHECKING:
    from ...model import Profile


def is_copy(key: str | None) -> bool:
    return key is not None and ".copies[" in key


class RecordsEditor(SectionEditor):
    HELP_TITLE = "Boundary editor, records"
    SECTION = "records"
    HINT = "a: map a kind of data · c: add a copy · s: choose how a copy is kept current"
    KEYED_ACTIONS = (*SectionEditor.KEYED_ACTIONS, "add_copy", "choose_sync")

    BINDINGS = [
        Binding("c", "add_copy", "Add copy", priority=True),
        Binding("s", "choose_sync", "Sync…", priority=True),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        key = self.current_key if self.is_mounted else None
        if action == "add_copy":
            return True if key else None
        if action == "choose_sync":
            return is_copy(key)
        return super().check_action(action, parameters)

    # ------------------------------------------------------------- records

    def _form(self, title: str, entity: str, owner: str | None, steward: str | None,
              build: Callable[[Profile, str, str | None, str | None], Profile], action: str) -> Form:
        choices = [(entity_label(e), e) for e in editing.entity_choices(self.profile)]
        choices.append((dim("Another kind of data…"), CUSTOM))

        def values_to_profile(profile: Profile, values: dict[str, str]) -> Profile:
            chosen = values["custom"].strip() if values["entity"] == CUSTOM else values["entity"]
            return build(profile, chosen, values["owner"] or None, values["steward"])

        return Form(
            title,
            [ChoiceField("entity", "Kind of data", choices, entity),
             TextField("custom", "Id of the new kind of data", "", "e.g. retainers or site_visits"),
             ChoiceField("owner", "System of record", system_choices(self.profile, "none yet"), owner or NONE),
             TextField("steward", "Steward (accountable person)", steward or "", "e.g. Dana (sales)",
                       people(self.profile))],
            values_to_profile,
            action=action,
            shown_when={"custom": ("entity", CUSTOM)},
        )

    def add(self) -> None:
        form = self._form("Map a kind of data", first_unmapped(self.profile), None, None, editing.add_record, "Add")
        self.ask(form, lambda profile: f"records[{len(profile.records) - 1}]")

    def edit(self, key: str) -> None:
        if is_copy(key):
            self._edit_copy(row_index(key, "records"), row_index(key, "copies"))
            return
        index = row_index(key, "records")
        record = self.profile.records[index]
        form = self._form(knowledge().entity_label(record.entity), record.entity, record.owner, record.steward,
                          lambda profile, e, o, s: editing.set_record(profile, index, e, o, s), "Save")
        self.ask(form, f"records[{index}]")

    def remove(self, key: str) -> None:
        index = row_index(key, "records")
        if is_copy(key):
            self._remove_copy(index, row_index(key, "copies"))
            return
        record = self.profile.records[index]
        label = knowledge().entity_label(record.entity)
        where = self.profile.system_label(record.owner) if record.owner else "no system"
        lines = [f"Its {len(record.copies)} copies go with it."] if record.copies else []
        self.confirm(f"Remove the {label} record ({where})?", lines,
                     lambda profile: editing.remove_record(profile, index), f"Removed {label}.")

    # ------------------------------------------------------------- copies

    def action_add_copy(self) -> None:
        key = self.current_key
        if key is None:
            return
        index = row_index(key, "records")
        record = self.profile.records[index]
        taken = {c.system for c in record.copies} | {record.owner}
        choices = [choice for choice in system_choices(self.profile) if choice[1] not in taken]
        if not choices:
            self.notify("Every declared system already holds this record; add a system first.",
                        severity="warning", markup=False)
            return
        form = Form(
            f"Copy of {knowledge().entity_label(record.entity)}",
            [ChoiceField("system", "Also kept in", choices, choices[0][1]),
             ChoiceField("sync", "Kept current by", sync_choices(), "one-way")],
            lambda profile, v: editing.add_copy(profile, index, v["system"], v["sync"]),
            action="Add",
        )
        self.ask(form, f"records[{index}].copies[{len(record.copies)}]")

    def _edit_copy(self, index: int, copy_index: int) -> None:
        record = self.profile.records[index]
        copy = record.copies[copy_index]
        form = Form(
            f"Copy of {knowledge().entity_label(record.entity)}",
            [ChoiceField("system", "Kept in", system_choices(self.profile, exclude=record.owner), copy.system),
             ChoiceField("sync", "Kept current by", sync_choices(), copy.sync)],
            lambda profile, v: editing.change_copy(profile, index, copy_index, v["system"], v["sync"]),
        )
        self.ask(form, f"records[{index}].copies[{copy_index}]")

    def _remove_copy(self, index: int, copy_index: int) -> None:
        record = self.profile.records[index]
        where = self.profile.system_label(record.copies[copy_index].system)
        said = f"Removed the {where} copy of {knowledge().entity_label(record.entity)}."
        self.post_edit(lambda profile: editing.remove_copy(profile, index, copy_index), self.same_place(), said)

    def action_choose_sync(self) -> None:
        """Ask how the highlighted copy is kept current: each mode with what it means, the current one first in focus."""
        key = self.current_key
        if not is_copy(key):
            return
        index, copy_index = row_index(key, "records"), row_index(key, "copies")
        record = self.profile.records[index]
        copy = record.copies[copy_index]
        options = sync_options(owned=record.owner is not None)
        letters = {index: letter for letter, index in choice_letters([(o.sync, o.label) for o in options], False).items()}
        where, what = self.profile.system_label(copy.system), knowledge().entity_label(record.entity)

        def chosen(sync: str | None) -> None:
            if sync in SYNC_MODES:
                self.post_edit(lambda profile: editing.change_copy(profile, index, copy_index, sync=sync), key)

        self.app.push_screen(ChoiceScreen(
            f"How is the {where} copy of {what} kept current?",
            "Any copy but a one-way sync is duplicated data.",
            [Choice(o.sync, o.label, key=letters.get(i), about=o.about) for i, o in enumerate(options)],
            focus=copy.sync, stacked=True,
        ), chosen)

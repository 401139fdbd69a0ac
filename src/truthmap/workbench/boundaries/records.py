"""The records section: which system holds each kind of client data, its steward, its copies."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

from ... import editing
from ...knowledge import knowledge
from ...vocabulary import SYNC_MODES
from .dialogs import ChoiceField, Form, TextField
from .rows import CUSTOM, NONE, dim, entity_label, first_unmapped, people, row_index, sync_choices, system_choices
from .section import SectionEditor

if TYPE_CHECKING:
    from ...model import Profile


def is_copy(key: str | None) -> bool:
    return key is not None and ".copies[" in key


class RecordsEditor(SectionEditor):
    HELP_TITLE = "Boundary editor, records"
    SECTION = "records"
    HINT = "a: map a kind of data · c: add a copy · s: change a copy's sync"
    KEYED_ACTIONS = (*SectionEditor.KEYED_ACTIONS, "add_copy", "cycle_sync")

    BINDINGS = [
        Binding("c", "add_copy", "Add copy", priority=True),
        Binding("s", "cycle_sync", "Sync", priority=True),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        key = self.current_key if self.is_mounted else None
        if action == "add_copy":
            return True if key else None
        if action == "cycle_sync":
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
        self.post_edit(lambda profile: editing.remove_copy(profile, index, copy_index), said=said)

    def action_cycle_sync(self) -> None:
        key = self.current_key
        if not is_copy(key):
            return
        index, copy_index = row_index(key, "records"), row_index(key, "copies")
        current = self.profile.records[index].copies[copy_index].sync
        sync = SYNC_MODES[(SYNC_MODES.index(current) + 1) % len(SYNC_MODES)]
        self.post_edit(lambda profile: editing.change_copy(profile, index, copy_index, sync=sync), key)

"""The stages section: which system tracks each lifecycle stage, and who moves it along."""

from __future__ import annotations

from textual.binding import Binding

from ... import editing
from ...knowledge import knowledge
from .dialogs import ChoiceField, Form, TextField
from .rows import NONE, people, system_choices
from .section import SectionEditor


class StagesEditor(SectionEditor):
    """Every stage has its row: nothing to add, and "d" untracks a stage rather than removing it."""

    HELP_TITLE = "Boundary editor, stages"
    SECTION = "stages"
    HINT = "e: choose the system that tracks the stage, and its owner · d: untrack"
    CAN_ADD = False
    KEYED_ACTIONS = ("add", "edit", "clear_stage")

    BINDINGS = [
        Binding("d,delete", "clear_stage", "Untrack", priority=True),
        Binding("a", "nothing_to_add", "Nothing to add: try e", show=False, priority=True),
    ]

    def action_nothing_to_add(self) -> None:
        """`a` here adds nothing (every stage has its row): say what does."""
        self.notify("Every stage already has its row: e (or Enter) on a stage chooses the tool that tracks it.",
                    markup=False)

    def edit(self, key: str) -> None:
        stage = key.removeprefix("stage:")
        found = editing.stage_entry(self.profile, stage)
        entry = found[1] if found else None
        form = Form(
            f"The {stage} stage",
            [ChoiceField("system", "Tracked in", system_choices(self.profile, "untracked"),
                         (entry.system if entry else None) or NONE),
             TextField("owner", "Owner (person or role)", (entry.owner if entry else None) or "",
                       "who moves it along", people(self.profile))],
            lambda profile, v: editing.set_stage(profile, stage, v["system"] or None, v["owner"]),
            note=knowledge().stages[stage].about,
        )
        self.ask(form, key)

    def action_clear_stage(self) -> None:
        key = self.current_key
        if key is None:
            return
        stage = key.removeprefix("stage:")
        if editing.stage_entry(self.profile, stage) is None:
            return
        self.post_edit(lambda profile: editing.set_stage(profile, stage, None, None), key,
                       f"The {stage} stage is untracked now.")

"""The handoffs section: how work passes from one stage to a later one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ... import editing
from ...vocabulary import STAGES
from .dialogs import ChoiceField, Form, HandoffDialog, TextField
from .rows import people, row_index, stage_choices
from .section import SectionEditor

if TYPE_CHECKING:
    from ...model import Profile


class HandoffsEditor(SectionEditor):
    SECTION = "handoffs"
    HINT = "a: declare how work passes from one stage to a later one"

    def _form(self, title: str, start: str, end: str, trigger: str | None, owner: str | None,
              build: Callable[[Profile, dict[str, str]], Profile], action: str) -> Form:
        return Form(
            title,
            [ChoiceField("from", "From stage", stage_choices(STAGES[:-1]), start),
             ChoiceField("to", "To stage", stage_choices(STAGES[1:]), end),
             TextField("trigger", "Trigger (what starts it)", trigger or "", "e.g. Deal marked won"),
             TextField("owner", "Owner (who carries it)", owner or "", "e.g. Dana (sales)", people(self.profile))],
            build,
            action=action,
        )

    def add(self) -> None:
        start, end = self.suggested()
        form = self._form(
            "Declare a handoff", start, end, None, None,
            lambda profile, v: editing.add_handoff(profile, v["from"], v["to"], v["trigger"], v["owner"]), "Add")
        self.ask(form, lambda profile: f"handoffs[{len(profile.handoffs) - 1}]", HandoffDialog)

    def suggested(self) -> tuple[str, str]:
        """The first pair of consecutive tracked stages in different systems with no handoff yet."""
        tracked = [s for s in STAGES if (found := editing.stage_entry(self.profile, s)) and found[1].system]
        declared = {(h.from_stage, h.to_stage) for h in self.profile.handoffs}
        for a, b in zip(tracked, tracked[1:]):
            systems = (editing.stage_entry(self.profile, a)[1].system, editing.stage_entry(self.profile, b)[1].system)
            if systems[0] != systems[1] and (a, b) not in declared:
                return a, b
        return "contract", "kickoff"

    def edit(self, key: str) -> None:
        index = row_index(key, "handoffs")
        handoff = self.profile.handoffs[index]
        form = self._form(
            f"Handoff {handoff.from_stage} → {handoff.to_stage}", handoff.from_stage, handoff.to_stage,
            handoff.trigger, handoff.owner,
            lambda profile, v: editing.edit_handoff(profile, index, v["from"], v["to"], v["trigger"], v["owner"]),
            "Save")
        self.ask(form, key, HandoffDialog)

    def remove(self, key: str) -> None:
        index = row_index(key, "handoffs")
        handoff = self.profile.handoffs[index]
        self.confirm(f"Remove the handoff {handoff.from_stage} → {handoff.to_stage}?", [],
                     lambda profile: editing.remove_handoff(profile, index), "Removed the handoff.")

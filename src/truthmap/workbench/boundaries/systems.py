"""The systems section: the tools the profile declares."""

from __future__ import annotations

from ... import editing
from ...knowledge import knowledge
from .dialogs import CHANGE_ID, KEEP_ID, ByHand, CatalogDialog, ChoiceField, Form, SystemDialog, TextField, id_choices
from .rows import kind_choices, row_index
from .section import SectionEditor


class SystemsEditor(SectionEditor):
    SECTION = "systems"
    HINT = "a: add a tool · e: rename or change its kind · d: remove"

    def add(self) -> None:
        def picked(choice) -> None:
            if isinstance(choice, ByHand):
                self._by_hand(choice.name)
            elif choice is not None:
                noun = knowledge().kinds[choice.kind].noun
                self.post_edit(lambda profile: editing.add_catalog_tool(profile, choice),
                               f"systems[{len(self.profile.systems)}]", f"Added {choice.name} ({noun}).")

        declared = {system.id for system in self.profile.systems}
        self.app.push_screen(CatalogDialog(declared), picked)

    def _by_hand(self, name: str) -> None:
        form = Form(
            "Add a system by hand",
            [TextField("name", "Name", name, "What you call the tool"),
             ChoiceField("kind", "Kind", kind_choices(), "other")],
            lambda profile, v: editing.add_system(profile, v["name"], v["kind"]),
            note="Its id is made from the name.",
            action="Add",
        )
        self.ask(form, f"systems[{len(self.profile.systems)}]")

    def edit(self, key: str) -> None:
        index = row_index(key, "systems")
        system = self.profile.systems[index]

        def build(profile, values: dict[str, str]):
            renamed = editing.rename_system(profile, system.id, values["name"])
            changed = editing.change_system_kind(renamed, system.id, values["kind"])
            if values["id"] != CHANGE_ID:
                return changed
            return editing.rename_system_id(changed, system.id,
                                            editing.system_id_for(changed, values["name"], ignore=system.id))

        form = Form(
            f"System {system.name}",
            [TextField("name", "Name", system.name), ChoiceField("kind", "Kind", kind_choices(), system.kind),
             ChoiceField("id", "Id (what records, copies and stages name it by)",
                         id_choices(system.id, system.id), KEEP_ID)],
            build,
            note=f"Its id is {system.id}.",
        )
        self.ask(form, f"systems[{index}]", lambda form, profile: SystemDialog(form, profile, system.id))

    def remove(self, key: str) -> None:
        system = self.profile.systems[row_index(key, "systems")]
        affected = editing.remove_system(self.profile, system.id).affected
        self.confirm(f"Remove {system.name}?", list(affected) or ["Nothing else refers to it."],
                     lambda profile: editing.remove_system(profile, system.id).profile, f"Removed {system.name}.")

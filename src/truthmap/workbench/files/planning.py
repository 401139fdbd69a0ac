"""Planning a target: a copy of the open profile, saved beside it as its target, then opened.

The target names its base (`target_of`, truthmap.targets), so the base must be
a saved file first.  The person then reshapes the target into the setup they
aim for; the reports of either file say what changes from today to it.
"""

from __future__ import annotations

from pathlib import Path

from ...document import Document, same_path
from ...serve import PUBLIC
from ...targets import target_path, target_profile
from ..dialogs.questions import Choice, ChoiceScreen, PathInputScreen
from .common import Flow, absolute
from .new_file import ask_new_file


class Planning(Flow):
    """The "Plan a target" flow of one window's files."""

    async def plan_target(self) -> bool:
        """Save the target (asking where, and before replacing a file) and open it; True when done."""
        if not await self._base_saved():
            return False
        host, base = self.host, absolute(self.document.path)
        suggestion = target_path(base)
        while True:
            chosen = await ask_new_file(self.files, lambda proposed: PathInputScreen(
                "Plan a target",
                f"The target starts as a copy of “{self.document.profile.name}”: reshape it into the setup you aim "
                f"for, and its reports say what changes from today. Save the target as:",
                proposed, base=base.parent, check=self._refusal, action_label="Create",
            ), suggestion, "a new target")
            if chosen is None:
                return False
            path, overwrite, create = chosen.path, chosen.overwrite, chosen.create_folders
            # The base file's text and what it held: the target keeps its comments and layout.
            base_document = self.document
            target = Document(target_profile(base_document.profile, base, path), saved=base_document.saved,
                              text=base_document.text)
            outcome = await self.files.saving.write_chosen(
                path, lambda: target.save(path, overwrite=overwrite, create_folders=create))
            if outcome == "again":
                suggestion = path
                continue
            if outcome != "written":
                return False
            break
        self.files.replace_document(target)
        host.tell(f"Saved {path} and opened it: reshape it into the setup you aim for. Exporting its report, or "
                  f"{base.name}'s, says what changes from today.", title="Target planned", timeout=12)
        return True

    async def _base_saved(self) -> bool:
        """The target names its base's file: an unsaved profile (or unsaved changes) is saved first."""
        document = self.document
        if document.path is not None and not document.dirty:
            return True
        if document.path is None:
            why = (f"A target names the file of the profile it plans for, and “{document.profile.name}” is not "
                   "saved yet. Save it first?")
        else:
            why = (f"“{document.profile.name}” has changes that are not saved. The target names {document.title} "
                   "as today's setup: save them first?")
        answer = await self.host.ask(ChoiceScreen(
            "Save the profile first", why, [Choice("save", "Save", "primary", "s"), Choice("cancel", "Cancel", key="c")]
        ))
        return answer == "save" and await self.files.saving.save()

    def _refusal(self, path: Path) -> str | None:
        if same_path(path, self.document.path):
            return "That is the profile itself: the target needs a file of its own."
        if self.files.served == PUBLIC:
            return self.files.saving.outside_shared_folder(path)
        return None

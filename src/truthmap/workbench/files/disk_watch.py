"""Disk watch: noticing (cheaply, every few seconds and when the terminal gets the focus back)
that the open file changed on disk, and offering to reload it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen

from ...document import Document
from ...storage import FileStamp, ProfileError
from ..dialogs.questions import Choice, ChoiceScreen
from .common import Flow, cannot_open, why

if TYPE_CHECKING:
    from .profile_files import ProfileFiles

DISK_CHECK_INTERVAL = 2.0  # seconds between cheap stat() checks of the open file


class DiskWatch(Flow):
    """Checks the open file on disk; tells about each new version once."""

    def __init__(self, files: ProfileFiles) -> None:
        super().__init__(files)
        self.seen: object = None  # the on-disk version we already told the person about

    def start(self) -> None:
        self.host.set_timer(DISK_CHECK_INTERVAL, self.check, repeat=True, name="disk-check")
        # Coming back to the terminal (where the terminal reports focus) checks at once.
        self.host.on_focus(self.check)

    def forget(self) -> None:
        """The open file was saved, or another one opened: its next change on disk is news."""
        self.seen = None

    def check(self) -> None:
        """Notice (cheaply) that the open file changed on disk and offer to reload it."""
        document = self.document
        if self.files.busy or isinstance(self.host.screen, ModalScreen) or document.path is None:
            return
        try:
            if not document.changed_on_disk():
                self.seen = None
                return
            on_disk = FileStamp.read(document.path)
        except (OSError, ValueError) as error:
            if self.seen != f"error {error}":  # told once, not every few seconds
                self.seen = f"error {error}"
                self.host.tell(f"Cannot check {document.path} on disk: {why(error)}", severity="warning",
                               timeout=10)
            return
        version = on_disk or "missing"
        if version == self.seen:
            return  # already told about this version
        self.seen = version
        if on_disk is None:
            self.host.tell(f"{document.path} was deleted or moved. Saving writes it again.",
                           severity="warning", timeout=10)
            return
        if document.read_only and not document.dirty:  # a file being fixed: nothing here to lose
            self.files.start_flow(self.files.opening.reload)
            return
        self.files.start_flow(self._offer_reload)

    async def _offer_reload(self) -> None:
        document, host = self.document, self.host
        path = document.path
        if path is None:
            return
        loss = " Your unsaved changes here would be lost." if document.dirty else ""
        answer = await host.ask(ChoiceScreen(
            "The file changed on disk",
            f"{path} was changed by another program.{loss} Reload it, or keep what is on screen?",
            [Choice("keep", "Keep mine", "primary"), Choice("reload", "Reload from disk", "warning")],
            cancel="keep",
        ))
        if answer != "reload":
            host.tell("Kept your version. Saving will ask before replacing the file on disk.")
            return
        try:
            reloaded = Document.open(path)
        except ProfileError as error:
            cannot_open(self.host, error, title="The file on disk is not a valid profile")
            return
        self.files.replace_document(reloaded)
        host.tell(f"Reloaded {path}")

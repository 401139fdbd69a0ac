"""Opening: a file named at the start, the browser, open, new from a template, compare."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ...document import Document, same_path
from ...editing import details_problem, set_details
from ...paths import sample_profiles, user_profiles_dir
from ...storage import ProfileError, new_profile as blank_profile
from ...templates import template_models, template_profile
from ..keys import key_for
from ..dialogs.questions import Choice, ChoiceScreen, ProfileDetailsScreen
from .common import Flow, absolute, cannot_open, cannot_write, exists, existing_elsewhere
from .file_screen import FileScreen

# The browser and the compare screen load when first asked for: with their
# tables and the comparison they cost memory that starting never needs (benchmarks/README.md).
if TYPE_CHECKING:
    from .browser import BrowserScreen
    from .compare_screen import CompareSource
    from .profile_files import ProfileFiles


class Opening(Flow):
    """The flows that put another profile in the window, or beside it."""

    def __init__(self, files: ProfileFiles) -> None:
        super().__init__(files)
        self._samples_offered = False

    async def start(self) -> None:
        """A profile named on the command line that does not exist: say what will be created,
        or open the one of that name in the profiles folder when there is one."""
        document = self.document
        path = document.path
        if document.read_only:
            self.follow_problems()
        if path is not None and document.stamp is None and not exists(path):
            await self._missing_on_start(path)
        # Any start offers all the work windows left unsaved, whichever profile it was; a browser
        # tab only the work on its own profile (the serving machine's other files are not its own).
        await self.files.recovering.offer(everything=not self.files.served)

    async def _missing_on_start(self, path: Path) -> None:
        host = self.host
        target = absolute(path)
        other = existing_elsewhere(path, user_profiles_dir())
        if other is not None:
            answer = await host.ask(ChoiceScreen(
                f"{path.name} is in your profiles folder",
                f"There is no {path.name} in {target.parent}, but there is {other}. "
                f"Open that one, or start a new profile saved as {target}?",
                [Choice("open", "Open it", "primary", "o"), Choice("new", "New profile here", key="n")],
                cancel="new", focus="open",
            ))
            if answer == "open":
                try:
                    opened = Document.open(other)
                except ProfileError as error:
                    cannot_open(self.host, error)
                else:
                    self.files.replace_document(opened)
                    self.files.folder = other.parent
                    host.tell(f"Opened {other}")
                    return
        host.tell(f"{path.name} does not exist yet: a new profile, created as {target} when you save "
                  f"({key_for('save')}).", title="New profile", timeout=10)

    async def open(self, path: Path) -> None:
        current = self.document.path
        if current is not None and same_path(current, path) and not self.document.changed_on_disk():
            self.close_file_screens()
            self.host.tell(f"{path.name} is already open.")
            return
        opened = Document.open_or_problems(path)  # a file with problems opens read-only, its problems shown
        if not await self.files.saving.settle_unsaved(f"opening {path.name}"):
            return
        self.close_file_screens()
        self.files.replace_document(opened)
        if not opened.read_only:
            self.host.tell(f"Opened {path}")
        await self.files.recovering.offer()

    async def reload(self) -> None:
        """Read the open file again (a read-only one once it is fixed in an editor)."""
        path = self.document.path
        if path is None:
            return
        if not await self.files.saving.settle_unsaved(f"reading {path.name} again"):
            return
        reloaded = Document.open_or_problems(path)
        self.files.replace_document(reloaded)
        if reloaded.read_only:
            count = len(reloaded.problems)
            self.host.tell(f"{path.name} still has {count} problem{'s' if count != 1 else ''}; it stays read-only.",
                           severity="warning", timeout=8)
        else:
            self.host.tell(f"Read {path.name} again: it is a valid profile now, open for editing.")

    def follow_problems(self) -> None:
        """A read-only document shows its problems (the screen follows each reading); any other
        closes that screen."""
        from .problems_screen import ProblemsScreen

        document, host = self.document, self.host
        shown = host.screen if isinstance(host.screen, ProblemsScreen) else None
        if document.read_only and document.path is not None:
            if shown is not None:
                shown.show(document.path, document.problems)
            else:
                host.show(ProblemsScreen(document.path, document.problems, on_reload=self.files.reload))
        elif shown is not None:
            while isinstance(host.screen, ProblemsScreen) and host.close_screen():
                pass

    async def new(self, start: str | None = None) -> None:
        """A new profile: blank or from a template (asked, unless `start` is "blank"), then named."""
        host = self.host
        choices = [Choice(model_id, f"{label} template", "primary" if index == 0 else "default", str(index + 1))
                   for index, (model_id, label) in enumerate(template_models())]
        answer = start if start == "blank" else await host.ask(ChoiceScreen(
            "New profile",
            "A template maps every record and stage the way that model does, with placeholder "
            "tools and people to rename. Blank starts with nothing mapped.",
            [*choices, Choice("blank", "Blank profile", key="b"), Choice("cancel", "Cancel", key="c")],
            stacked=True,
        ))
        if answer in (None, "cancel"):
            return
        profile = blank_profile() if answer == "blank" else template_profile(answer)
        details = await host.ask(ProfileDetailsScreen(
            "Name the new profile", "A client, a studio, or a plan such as “Hybrid next year”.",
            "" if answer == "blank" else profile.name, profile.notes, check=details_problem, action_label="Create"))
        if details is None:
            return
        profile = set_details(profile, *details)
        if not await self.files.saving.settle_unsaved("starting a new profile"):
            return
        self.files.replace_document(Document(profile, path=None, stamp=None, saved=profile))
        self.close_file_screens()
        host.tell(f"New profile “{profile.name}”: {key_for('save')} asks where to save it.")

    def open_browser(self) -> None:
        from .browser import BrowserScreen
        from .compare_screen import sources_for

        if isinstance(self.host.screen, BrowserScreen):
            return
        browser = BrowserScreen(
            self.files.folder,
            on_open=self.files.open,
            on_compare=lambda paths: self._show_compare(sources_for(paths)),
            on_new=self.files.new_profile,
            open_path=self.document.path,
        )
        self.host.show(browser)
        self._offer_samples(browser)

    def compare(self) -> None:
        """Pick saved profiles to put beside the open one."""
        from .browser import BrowserScreen
        from .compare_screen import CompareSource, sources_for

        if isinstance(self.host.screen, BrowserScreen):
            return
        document = self.document
        label = f"{document.title} (open{', unsaved' if document.dirty else ''})"

        def with_open_one(paths: list[Path]) -> None:
            others = [p for p in paths if not same_path(p, document.path)]
            self._show_compare([CompareSource(label, profile=self.document.profile), *sources_for(others)])

        self.host.show(
            BrowserScreen(self.files.folder, on_open=lambda path: with_open_one([path]),
                          on_compare=with_open_one, open_path=document.path, picking=True)
        )

    def _show_compare(self, sources: list[CompareSource]) -> None:
        from .compare_screen import CompareScreen

        self.host.show(CompareScreen(sources))

    def _offer_samples(self, browser: BrowserScreen) -> None:
        """First run: an empty user folder gets the chance to start from the samples."""
        from .browser import profile_files

        folder = browser.folder
        try:
            if self._samples_offered or folder != user_profiles_dir() or profile_files(folder):
                return
        except OSError:
            return  # the browser already says the folder cannot be read
        self._samples_offered = True
        samples = sample_profiles()
        if not samples:
            return

        def answered(answer: str | None) -> None:
            if answer != "copy":
                return
            try:
                folder.mkdir(parents=True, exist_ok=True)
                for sample in samples:
                    target = folder / sample.name
                    if not target.exists():
                        shutil.copyfile(sample, target)
            except (OSError, ValueError) as error:
                cannot_write(self.host, folder, error)
            browser.reload()

        self.host.show(ChoiceScreen(
            "Your profiles folder is empty",
            f"Copy the {len(samples)} sample profiles into {folder} to look around and compare them? "
            "They are ordinary files you can edit or delete.",
            [Choice("copy", "Copy the samples", "primary", "y"), Choice("no", "Not now", key="n")],
            cancel="no",
        ), answered)

    def close_file_screens(self) -> None:
        """Back to the main screen after opening or creating a profile."""
        while isinstance(self.host.screen, FileScreen) and self.host.close_screen():
            pass

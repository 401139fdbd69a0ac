"""The truthmap workbench app: holds the open document and its analysis.

The app owns two pieces of state: the open :class:`Document` and the latest
:class:`Analysis` of its profile.  State flows down, messages flow up: the
app hands the profile and analysis to each workbench screen
(:meth:`TruthmapApp.publish`), the screen binds them to its panes, and the
panes post messages of their own (an answer given, a boundary edited, a jump
asked for) which the app turns into a new profile.  The quick part of the
analysis runs at once; comparison, flip and sensitivity follow in a worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from ..analysis import Analysis, analyze, carried_over, completed
from ..analysis.types import Finding
from ..document import Document
from ..editing import describe_change, details_problem, set_details
from ..paths import default_sample, downloads_dir
from ..storage import ProfileError
from ..text import visible
from . import themes
from .screens.profile_screen import ProfileScreen
from .keys import WORKBENCH_KEYS, bind
from .palette import Command, binding_commands
from .tcss import beside

if TYPE_CHECKING:
    from ..model import Profile
    from .edits import EditAsked
    from .screens.evidence_screen import EvidenceState
    from .files.profile_files import ProfileFiles


# Above this many records even the quick analysis is slow enough to run in a worker.
QUICK_RECORDS = 1000


class TruthmapApp(App[None]):
    # The main screen's CSS is read with the app's: read when the screen is pushed, it would
    # have every CSS source parsed again before the first frame.
    CSS_PATH = [beside(__file__, "app.tcss"), beside(__file__, "screens").joinpath("main_screen.tcss")]
    TITLE = "truthmap"
    COMMAND_PALETTE_BINDING = WORKBENCH_KEYS["command_palette"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    # A binding with a tooltip is also a command-palette command (see palette.py).
    BINDINGS = [
        bind("save", "Save", priority=True, tooltip="Write the profile to its file"),
        bind("open_browser", "Open", tooltip="Browse the profiles folder and open one"),
        bind("show_map", "Map", tooltip="Swimlane map: stages left to right, one lane per system"),
        bind("show_reference", "Models", tooltip="Your boundaries under CRM-first, PM-first and Hybrid"),
        bind("compare", "Compare", tooltip="Put saved profiles side by side"),
        bind("check_exports", "Check against exports…", show=False,
             tooltip="Match the client lists your tools export against the map"),
        bind("help", "Help", tooltip="Every key binding and how the workbench fits together"),
        bind("quit", "Quit", priority=True),  # Textual's own palette has "Quit"
        bind("undo", "Undo", tooltip="Step back one edit of the profile"),
        # Beside Undo in help and the palette; the footer has no room.
        bind("redo", "Redo", show=False, tooltip="Do again the edit just undone"),
        bind("rename", "Rename", tooltip="The profile's name and its notes"),
        # Not in the footer (no room); in help and the palette.  Neither key is one a browser keeps.
        bind("export_report", "Export report…", show=False,
             tooltip="The report as Markdown, HTML, text or JSON, in a file of its own"),
        bind("plan_target", "Plan a target…", show=False,
             tooltip="Save a copy as the profile's target, to plan the setup you aim for"),
        bind("save_as", "Save as…", show=False, tooltip="Write the profile to a new file, under a name"),
        bind("new_profile", "New profile (blank or template)…", show=False,
             tooltip="Start a profile with nothing mapped, or one shaped like CRM-first, PM-first or Hybrid"),
    ]

    # Palette commands with no key of their own.
    COMMANDS_WITHOUT_KEYS = [
        Command("New blank profile…", "Start a profile with nothing mapped; name it first", "new_profile('blank')"),
        Command("Change theme…", "Pick a colour theme; the choice is remembered", "change_theme"),
        Command("Add a system…", "Add a tool to the boundary editor, from the catalog or by hand",
                "add_boundary('systems')"),
        Command("Map a kind of client data…", "Say which tool owns it and who keeps it right", "add_boundary('records')"),
        Command("Declare a handoff…", "How work passes from one stage to a later one", "add_boundary('handoffs')"),
        Command("Edit the stages", "Which tool tracks each lifecycle stage", "show_boundaries('stages')"),
    ]

    analysis: Analysis | None = None
    """The latest analysis of `document.profile`, as handed to the screens."""

    analysis_round: int = 0
    """Bumped by every `refresh_analysis`: what a worker finds for an earlier round is dropped."""

    replaced: int = 0
    """Bumped when the profile is replaced rather than edited in place (open, reload,
    new, recovery, undo, redo): what was half typed into the old one is dropped."""

    exports_findings: tuple[Finding, ...] = ()
    """Findings of the last check against the tools' exports (F9), for the findings pane,
    until another profile is opened; never part of the profile or of its reports."""

    exports_state: EvidenceState | None = None
    """The evidence screen's picks and last run, for `exports_document` only."""
    exports_document: Document | None = None


    def __init__(self, paths: list[Path] | None = None, compare: bool = False) -> None:
        super().__init__()
        self._start_paths = list(paths or [])
        self._start_compare = compare
        self.analysis_landed: Signal[int] = Signal(self, "analysis-landed")
        """Published (with the analysis round) once a complete analysis, of the start or of
        an edit, is shown and painted: nobody waits on the app then."""
        self.document = self._initial_document()
        # Before the app runs, so Textual parses every CSS source once, in the theme's
        # colours (set in on_mount, all of it was parsed again before the first frame).
        self.file_themes, self._theme_notices = themes.install_themes(self)

    @cached_property
    def files(self) -> ProfileFiles:
        """Open, save, recovery: this window's files (their dialogs load after the first frame)."""
        from .files.host import AppHost
        from .files.profile_files import ProfileFiles

        return ProfileFiles(AppHost(self))

    def _initial_document(self) -> Document:
        if self._start_compare:
            # `truthmap compare A B --tui`: the workbench behind the compare screen is A's
            # (its map, save and Escape all concern a compared profile, never a hidden sample).
            for path in self._start_paths:
                try:
                    return Document.open(path)
                except ProfileError:
                    continue  # the compare screen names it
            blank = Document.untitled()
            blank.saved = blank.profile  # nothing of the person's: quitting asks nothing
            return blank
        if self._start_paths:  # a file with problems opens read-only, its problems shown (files/problems_screen)
            return Document.open_or_problems(self._start_paths[0])
        # Bare `truthmap` opens the bundled sample as an unsaved copy, so a
        # first save goes to the user's own folder, never into the package.
        sample = Document.open(default_sample())
        return Document(sample.profile, path=None, stamp=None, saved=sample.profile)

    @property
    def profile(self) -> Profile:
        return self.document.profile

    def on_mount(self) -> None:
        from .screens.main_screen import MainScreen

        for notice in self._theme_notices:
            self.notify(**notice)
        themes.remember_changes(self)
        self._update_title()
        self.refresh_analysis()  # before the screen: its first frame shows the analysis
        # Pushed once the app's own start is over: Textual paints nothing until then,
        # so a screen pushed here would be drawn once for nothing, and what waits for
        # its first frame (the boundary editor, a Lazy) would hold back the one shown.
        self.call_later(self.push_screen, MainScreen())
        self.call_after_refresh(self.files_start)

    def files_start(self) -> None:
        """Offer recovery copies, ask about a missing file, open the compare screen: after the first frame."""
        self.files.on_start(self._start_paths, self._start_compare)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        # Textual's own folder, Downloads, raises without a home folder: see downloads_dir.
        return super().deliver_screenshot(filename, path or str(downloads_dir()), time_format)

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        # Textual's own "Theme" opens the same list as "Change theme…": one is enough.
        yield from (command for command in super().get_system_commands(screen)
                    if command.callback != self.action_change_theme)
        yield from binding_commands(screen)
        for command in self.COMMANDS_WITHOUT_KEYS:
            yield SystemCommand(command.title, command.help, partial(self.run_action, command.action))
        for name in self.file_themes:
            yield SystemCommand(f"Theme: {name}", "Switch to this theme (remembered)",
                                lambda name=name: setattr(self, "theme", name))

    # --------------------------------------------------------------- actions
    # Each action lives with the module that owns the feature.

    def action_save(self) -> None:
        self.files.save()

    def action_save_as(self) -> None:
        self.files.save_as()

    def action_open_browser(self) -> None:
        self.files.open_browser()

    def action_new_profile(self, start: str | None = None) -> None:
        """A new profile: `start` "blank" skips the choice of a template."""
        self.files.new_profile(start)

    def action_compare(self) -> None:
        self.files.compare()

    def action_export_report(self) -> None:
        self.files.export_report()

    def action_plan_target(self) -> None:
        self.files.plan_target()

    async def action_quit(self) -> None:
        await self.files.quit()

    def action_show_map(self) -> None:
        from .screens.map_screen import MapScreen

        self.push_screen(MapScreen())

    def action_show_reference(self) -> None:
        from .screens.reference_screen import ReferenceScreen

        self.push_screen(ReferenceScreen())

    def action_check_exports(self) -> None:
        """The evidence screen, with what it picked and found for this profile before."""
        from ..serve import PUBLIC
        from .screens.evidence_screen import EvidenceScreen, EvidenceState

        if self.exports_document is not self.document or self.exports_state is None:
            self.exports_state, self.exports_document = EvidenceState(), self.document
        self.push_screen(EvidenceScreen(self.exports_state, self.files.folder / "exports",
                                        only_inside=self.files.served == PUBLIC))

    def on_evidence_screen_checked(self, message) -> None:
        if self.exports_document is self.document:  # not a run for a profile closed meanwhile
            self.exports_findings = message.findings
            self.publish()

    def on_evidence_screen_keep_asked(self, message: EditAsked) -> None:
        self.apply_edit(message)

    def action_help(self) -> None:
        from .screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def main_screen(self):
        """The main screen, brought to the top (views pushed over it are closed)."""
        from .screens.main_screen import MainScreen

        if not any(isinstance(screen, MainScreen) for screen in self.screen_stack):
            return None
        while not isinstance(self.screen, MainScreen):
            self.pop_screen()
        return self.screen

    def action_focus_pane(self, name: str) -> None:
        if main := self.main_screen():
            main.action_focus_pane(name)

    def action_show_boundaries(self, section: str) -> None:
        """Focus the boundary editor on one of its sections."""
        from .boundaries.editor import BoundaryEditor

        if main := self.main_screen():
            main.action_focus_pane("boundaries")
            main.query_one(BoundaryEditor).show_section(section)

    def action_add_boundary(self, section: str) -> None:
        """Open the boundary editor's "add" dialog for a section."""
        from .boundaries.editor import BoundaryEditor

        if main := self.main_screen():
            self.action_show_boundaries(section)
            main.query_one(BoundaryEditor).action_add()

    def action_clear_answer(self) -> None:
        main = self.main_screen()
        if main is None or not main.clear_current_answer():
            self.notify("Select a question first, then clear its answer.", markup=False)

    def on_map_screen_go_to(self, message) -> None:
        """A mark on the map asks for its profile item: back to the main screen and jump there."""
        if main := self.main_screen():
            main.go_to(message.path)

    # --------------------------------------------------------------- editing

    # Every pane says what the person asked for as an edit (edits.py); it is applied here,
    # to the profile current when the message arrives.

    def on_questionnaire_answer_given(self, message: EditAsked) -> None:
        self.apply_edit(message)

    def on_section_editor_edited(self, message: EditAsked) -> None:
        self.apply_edit(message)

    def apply_edit(self, message: EditAsked) -> None:
        try:
            profile = message.edit(self.profile)
        except ValueError as refused:
            self.notify(visible(str(refused)), severity="warning", markup=False)
            return
        self.apply_profile(profile, merge=message.merge)

    def apply_profile(self, profile: Profile, *, merge: object = None) -> None:
        """Make `profile` the current version (one undo step) and refresh everything."""
        if self.document.edit(profile, merge=merge):
            self._edited()

    def _edited(self) -> None:
        self._update_title()
        self.refresh_analysis()
        self.files.note_edit()  # the recovery copy follows every edit, undo and redo included

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self.screen
        if action in ("undo", "redo", "rename") and isinstance(screen, ModalScreen) \
                and not isinstance(screen, CommandPalette):  # the palette offers them: they run once it closes
            return False  # a dialog is working on the profile as it is
        return True

    def action_rename(self) -> None:
        """Ask for the profile's name and notes; the change is an edit like any other (undoable)."""
        from .dialogs.questions import ProfileDetailsScreen

        profile = self.profile

        def done(details: tuple[str, str] | None) -> None:
            if details is not None:
                self.apply_profile(set_details(self.profile, *details))

        self.push_screen(ProfileDetailsScreen("Name and notes", "", profile.name, profile.notes,
                                              check=details_problem), done)

    def action_undo(self) -> None:
        before = self.document.profile
        if self._step(self.document.undo(), "Nothing to undo."):
            self._say_step("Undone", before)

    def action_redo(self) -> None:
        before = self.document.profile
        if self._step(self.document.redo(), "Nothing to redo."):
            self._say_step("Redone", before)

    def _say_step(self, done: str, before: Profile) -> None:
        self._say_step_in_words(done, before, self.document.profile)

    # Said in words: a step can change something out of view (a copy, another section).  In a
    # thread: comparing two versions of a 10,000-record profile takes ~0.6-1 s, never on the key.
    @work(thread=True, exclusive=True, group="step-words", description="what an undo or redo changed")
    def _say_step_in_words(self, done: str, before: Profile, after: Profile) -> None:
        words = describe_change(before, after)  # what changed on screen ("Team size: 12 people → 5 people")
        if not get_current_worker().is_cancelled:  # a later undo or redo says its own
            self.call_from_thread(self.notify, f"{done}: {words}", markup=False, timeout=4)

    def _step(self, moved: bool, otherwise: str) -> bool:
        if not moved:
            self.notify(otherwise, markup=False)
            return False
        self.replaced += 1  # nothing half typed into the version left behind stays on screen
        self._edited()
        return True

    def refresh_analysis(self) -> None:
        """Analyse the profile; nothing slow runs on a keypress.

        For most profiles matrix, recommendation and findings are quick enough
        to change in the same frame as the edit (benchmarks/README.md); the
        comparison of the three models (the reference view), the flip and the
        sensitivity follow from a worker.  A large profile (thousands of
        records) is analysed wholly in the worker: the screens show the new
        profile at once and the last analysis until the new one lands.
        """
        profile = self.document.profile
        self.analysis_round += 1
        if len(profile.records) > QUICK_RECORDS:
            self.publish(with_analysis=False)
            self.call_after_refresh(self._finish_analysis, profile, None, self.analysis_round)
            return
        quick = carried_over(self.analysis, analyze(profile, with_flip=False, with_comparison=False))
        self.analysis = quick
        self.publish()
        # The worker starts once this frame is painted: a thread holding the
        # interpreter lock would otherwise hold the paint back by milliseconds.
        self.call_after_refresh(self._finish_analysis, profile, quick, self.analysis_round)

    # A description of its own: by default Textual would repr the whole profile and analysis.
    @work(thread=True, exclusive=True, group="analysis", description="comparison, flip and sensitivity")
    def _finish_analysis(self, profile: Profile, quick: Analysis | None, round_: int) -> None:
        if quick is None:  # a large profile: the quick part too, shown as soon as it is known
            quick = analyze(profile, with_flip=False, with_comparison=False)
            self.call_from_thread(self._quick_done, round_, quick)
        self.call_from_thread(self._finished, round_, completed(profile, quick))

    def _quick_done(self, round_: int, quick: Analysis) -> None:
        if round_ == self.analysis_round:  # not overtaken by a newer edit
            self.analysis = carried_over(self.analysis, quick)
            self.publish()

    def _finished(self, round_: int, full: Analysis) -> None:
        if round_ == self.analysis_round:  # not overtaken by a newer edit
            self.analysis = full
            self.publish()
        self.call_after_refresh(self.analysis_landed.publish, round_)

    def publish(self, with_analysis: bool = True) -> None:
        """Hand the current profile and analysis to every screen that shows them.

        `with_analysis` False: the profile only, its analysis is on its way
        (the screens keep showing the last one, never one of another profile).
        """
        analysis = self.analysis if with_analysis else None
        for screen in self.screen_stack:
            if isinstance(screen, ProfileScreen):
                screen.show_state(self.document.profile, analysis, self.replaced)
                screen.from_exports = self.exports_findings

    def push_screen(self, screen, *args, **kwargs):
        if isinstance(screen, Screen) and not screen.is_mounted:
            # Textual sets the width class (-wide, -narrow) on a screen's first resize,
            # once every widget is styled, and then styles them all again; set now,
            # that resize changes nothing.
            screen.add_class(_width_class(screen.HORIZONTAL_BREAKPOINTS or self.HORIZONTAL_BREAKPOINTS,
                                          self.size.width))
        # A screen of the open profile starts from the current state, before its first frame.
        if isinstance(screen, ProfileScreen) and not screen.is_mounted:
            screen.start_from(self.document.profile, self.analysis, self.replaced)
            screen.set_reactive(ProfileScreen.from_exports, self.exports_findings)
        return super().push_screen(screen, *args, **kwargs)

    def document_replaced(self) -> None:
        """Call after `self.document` is swapped for another (open, new, recover)."""
        if self.exports_document is not self.document:  # the profile checked against exports is closed
            self.exports_findings, self.exports_state, self.exports_document = (), None, None
        self.replaced += 1
        self._update_title()
        self.refresh_analysis()

    def _update_title(self) -> None:
        mark = " •" if self.document.dirty else ""
        self.sub_title = visible(f"{self.document.profile.name} — {self.document.title}{mark}")


def _width_class(breakpoints: list[tuple[int, str]], width: int) -> str:
    """The class a screen `width` cells wide gets from `breakpoints` (a screen's own, else the app's)."""
    return max(breakpoint for breakpoint in breakpoints if width >= breakpoint[0])[1]

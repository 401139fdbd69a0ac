"""The main screen: questionnaire, live matrix, boundary editor, findings.

Four panes on one screen.  Wide terminals show them as a 2×2 grid (what you
say | what it means, above; what you get wrong | your map, below); narrow
ones show one pane at a time with a tab bar.  F5–F8 jump between panes at
any width, and a finding chosen (or a mark on the map, via the app) lands
on the question or boundary it names.  The screen holds the open profile
and its analysis (set by the app) and binds them to each pane.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Header

from ..panes.findings_panel import FindingsPanel, FindingsView, summary
from ..keys import WORKBENCH_KEYS
from ..widgets.footer import Footer
from ..panes.matrix import CriteriaMatrix, RecommendationPanel
from .profile_screen import ProfileScreen
from ..panes.questionnaire import Questionnaire, QuestionRow
from ..widgets.tab_strip import TabStrip
from ..panes.verdict_bar import VerdictBar
from ..tcss import beside

# name: (title, key), in focus order.
PANES = {name: (title, WORKBENCH_KEYS[name])
         for name, title in (("questions", "Questions"), ("matrix", "Matrix"), ("findings", "Findings"),
                             ("boundaries", "Boundaries"))}
ANSWERS_PREFIX = "answers."


class Pane(Vertical):
    """A bordered pane; its title names it and the key that focuses it."""

    def __init__(self, name: str, active: str) -> None:
        # Born with its class: set after mounting, it would restyle the pane's every widget.
        super().__init__(id=f"pane-{name}", classes="pane -active-pane" if name == active else "pane")
        title, key = PANES[name]
        self.pane_name = name
        self.border_title = f"{title} {key.upper()}"
        self.remembered: Widget | None = None  # last focused widget inside, to return to


class MainScreen(ProfileScreen):
    CSS_PATH = beside(__file__, "main_screen.tcss")
    HELP_TITLE = "Main screen"

    # Pane keys are shown in each pane's border title rather than the footer.
    # Keys that move focus are priority bindings: Textual hands a key to the
    # widget focused when it is read, so focus must move before the keys
    # typed right after it are read, or they land in the old place.
    BINDINGS = [
        *(Binding(key, f"focus_pane('{name}')", f"{title} pane", show=False, priority=True,
                  tooltip=f"Move to the {title.lower()} pane")
          for name, (title, key) in PANES.items()),
        Binding("tab", "app.focus_next", "Next; on to the next pane when narrow", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous; back a pane when narrow", show=False, priority=True),
    ]

    AUTO_FOCUS = ""  # none: on_mount focuses the first question itself

    active_pane: reactive[str] = reactive("questions", init=False)

    _resized_to: Size | None = None  # see on_resize

    def compose(self) -> ComposeResult:
        yield Header()
        yield TabStrip({name: title for name, (title, _) in PANES.items()}, self.active_pane, id="pane-tabs")
        with Grid(id="workspace"):
            with Pane("questions", self.active_pane):
                yield Questionnaire(self.profile, id="questionnaire").data_bind(MainScreen.profile, MainScreen.replaced)
            with Pane("matrix", self.active_pane):
                yield CriteriaMatrix(id="matrix").data_bind(MainScreen.analysis)
                yield RecommendationPanel(id="recommendation").data_bind(MainScreen.analysis)
            with Pane("findings", self.active_pane):
                yield FindingsView(id="findings-view").data_bind(MainScreen.profile, MainScreen.from_exports,
                                                                 MainScreen.analysis)
            yield Pane("boundaries", self.active_pane)  # its editor is mounted (and imported) right after the first frame
        yield VerdictBar(id="verdict-bar").data_bind(MainScreen.analysis)
        yield Footer()

    def on_mount(self) -> None:
        if not self.is_attached:  # pushed as the app quits: nothing was composed
            return
        self._resized_to = self.app.size  # the size its width class was set for (app.push_screen)
        self.watch_active_pane(self.active_pane)
        self._show_counts()
        # The first row is at the top already.  Textual's centring of a newly focused
        # widget (AUTO_FOCUS's too) could run while the boundary editor is being
        # mounted, read the layout half-made, and scroll the first heading away.
        self.query_one(Questionnaire).rows[0].focus(scroll_visible=False)
        self.after_refresh(self._mount_boundary_editor)

    def on_resize(self, event: Resize) -> None:
        # Textual lays the whole screen out again on every Resize the screen gets, even
        # of the size it has: its own first layout sends one, the terminal's first report
        # of its size another (two layouts and repaints of the start, for nothing).
        # Only a new size needs Textual's handling (the layout, the width class).
        if event.size == self._resized_to:
            event.prevent_default()
        self._resized_to = event.size

    def after_refresh(self, callback: Callable[..., object], *args: object) -> None:
        """call_after_refresh, skipped if the app began quitting meanwhile: a quit
        at the first frame must not find the editor mounting into a closing screen."""

        def unless_quitting() -> None:
            if self.is_attached:
                callback(*args)

        self.call_after_refresh(unless_quitting)

    def _mount_boundary_editor(self) -> None:
        # Like Textual's Lazy, with the module loaded after the first frame too:
        # the first frame need not wait for importing the editor, its tables and its dialogs.
        from ..boundaries.editor import BoundaryEditor

        editor = BoundaryEditor(id="boundary-editor").data_bind(MainScreen.profile, MainScreen.analysis)
        self.pane("boundaries").mount(editor)

    def watch_profile(self) -> None:
        self._show_counts()  # the answered count follows a large profile's edits before its analysis

    def watch_analysis(self) -> None:
        self._show_counts()

    def watch_from_exports(self) -> None:
        self._show_counts()

    # ------------------------------------------------------------ panes

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#pane-{name}", Pane)

    def pane_of(self, widget: Widget | None) -> Pane | None:
        while widget is not None and not isinstance(widget, Pane):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget

    def watch_active_pane(self, name: str) -> None:
        # On the panes, not the screen: a class change restyles everything
        # below it, and only these two panes need it.
        for pane in self.query(Pane):
            pane.set_class(pane.pane_name == name, "-active-pane")
        # Only a click on a tab moves focus (TabStrip.Activated): setting the
        # strip posts nothing that could come back late and undo a quicker key.
        self.query_one(TabStrip).active = name

    def on_descendant_focus(self, event) -> None:
        pane = self.pane_of(self.focused)
        if pane is not None:
            pane.remembered = self.focused
            self.active_pane = pane.pane_name

    def on_tab_strip_activated(self, event: TabStrip.Activated) -> None:
        event.stop()
        if event.name != self.active_pane:
            self.action_focus_pane(event.name)

    def action_focus_pane(self, name: str) -> None:
        """Show (at narrow width) and focus a pane, returning to where you were in it."""
        # A pane already on screen takes focus now, so keys typed straight
        # after the shortcut land in it; a pane being revealed (narrow
        # layout) can only take focus once it is laid out.
        revealed = self.has_class("-narrow") and self.active_pane != name
        self.active_pane = name
        if revealed:
            self.after_refresh(self._focus_inside, self.pane(name))
        else:
            self._focus_inside(self.pane(name))

    def _focus_inside(self, pane: Pane) -> None:
        if pane.pane_name == "matrix":  # F6 then arrows: always the matrix's cursor, never the text under it
            self.set_focus(self.query_one(CriteriaMatrix))
            return
        remembered = pane.remembered
        if remembered is not None and remembered.is_attached and remembered.focusable:
            self.set_focus(remembered)  # at once: focus() would wait a turn
            return
        for widget in self.focus_chain:
            if self.pane_of(widget) is pane:
                self.set_focus(widget)
                return

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        # A question scrolls itself into view once laid out (QuestionRow.on_focus, on_resize).
        # Textual's animated centring reads the layout before the row left behind shrinks,
        # and would scroll the new question's title out of view after a refused key's hint.
        if isinstance(widget, QuestionRow):
            scroll_visible = False
        super().set_focus(widget, scroll_visible, from_app_focus)

    def focus_next(self, selector="*"):
        """At narrow width Tab leaves the last widget of a pane for the next pane."""
        return self._focus_step(1) or super().focus_next(selector)

    def focus_previous(self, selector="*"):
        return self._focus_step(-1) or super().focus_previous(selector)

    def _focus_step(self, direction: int) -> Widget | None:
        if not self.has_class("-narrow"):
            return None
        chain = self.focus_chain
        if not chain or self.focused not in chain:
            return None
        edge = chain[-1] if direction > 0 else chain[0]
        if self.focused is not edge:
            return None
        names = list(PANES)
        target = names[(names.index(self.active_pane) + direction) % len(names)]
        self.active_pane = target
        self.after_refresh(self._focus_edge, self.pane(target), direction)
        return self.focused

    def _focus_edge(self, pane: Pane, direction: int) -> None:
        inside = [widget for widget in self.focus_chain if self.pane_of(widget) is pane]
        if inside:
            (inside[0] if direction > 0 else inside[-1]).focus()

    def on_recommendation_panel_read_in_full(self, message: RecommendationPanel.ReadInFull) -> None:
        message.stop()
        self.read_verdict()

    def on_verdict_bar_clicked(self, message: VerdictBar.Clicked) -> None:
        message.stop()
        self.read_verdict()

    def read_verdict(self) -> None:
        """The recommendation, what would change it and why, on a screen of their own."""
        from .verdict_screen import VerdictScreen

        self.app.push_screen(VerdictScreen())

    # ------------------------------------------------------------ jumps

    def on_findings_panel_go_to(self, message: FindingsPanel.GoTo) -> None:
        message.stop()
        self.go_to(message.path)

    def go_to(self, path: str) -> None:
        """Reveal and focus the question or boundary item at a profile path."""
        if path.startswith(ANSWERS_PREFIX):
            self.active_pane = "questions"
            question = path.removeprefix(ANSWERS_PREFIX).split(".")[0]
            self.after_refresh(self.query_one(Questionnaire).go_to, question)
        else:
            self.active_pane = "boundaries"
            self.after_refresh(self.query_one("#boundary-editor").go_to, path)

    # ------------------------------------------------------------ counts

    def _show_counts(self) -> None:
        if not self.children:  # not composed yet: on_mount shows them
            return
        if self.profile is not None:
            answers = self.profile.answers
            total = len(type(answers).model_fields)
            _subtitle(self.pane("questions"), f"{len(answers.answered())}/{total} answered")
        if self.analysis is not None:
            exported = f" · {len(self.from_exports)} from exports" if self.from_exports else ""
            _subtitle(self.pane("findings"), summary(self.analysis.findings) + exported)

    def clear_current_answer(self) -> bool:
        return self.query_one(Questionnaire).clear_current()


def _subtitle(pane: Pane, text: str) -> None:
    """Set a pane's subtitle; setting it at all repaints the whole pane, so only when it changes."""
    if pane.border_subtitle != text:
        pane.border_subtitle = text

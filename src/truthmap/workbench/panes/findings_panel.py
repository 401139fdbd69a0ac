"""The findings panel: what the current profile gets wrong, and where to fix it.

Besides the analysis's findings it lists those of the last check against the
tools' exports (`from_exports`, set by the app until another profile is
opened), each tagged "from exports".

Selecting a finding posts `FindingsPanel.GoTo(finding.target)`, which the main screen
routes to the question or the boundary it concerns.  A new analysis only
replaces the list when the findings changed, and keeps the highlighted
finding (or its position) and the scroll offset.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from ...analysis import Analysis
from ...analysis.types import Finding
from ...knowledge import knowledge
from ...glyphs import mark_look
from ...text import visible
from ..keys import key_for
from ..severity import SEVERITY_MARK
from ..tcss import read_tcss
from ..widgets.live_text import StripCache
from ..screens.profile_screen import JumpTo

if TYPE_CHECKING:
    from ...model import Profile

SEVERITY_ORDER = ("high", "medium", "low")
# A list longer than this is read nowhere near its end, and building its lines
# would hold up the screen (benchmarks/README.md): the most severe are listed,
# the rest counted.
MAX_SHOWN = 500


def kind_label(kind: str) -> str:
    """The finding kind in words ("Two owners"); its id is shown apart, as a dimmed tag."""
    return mark_look(kind)[2]


FROM_EXPORTS = "from exports"  # the tag of a finding of the tools' exports (F9), not of the map


def finding_key(finding: Finding, from_exports: bool = False) -> str:
    return f"{FROM_EXPORTS if from_exports else ''}|{finding.kind}|{finding.target}|{finding.message}"


def _about(finding: Finding, profile: Profile) -> str:
    about = [knowledge().entity_label(finding.entity)] if finding.entity else []
    if finding.stage:
        stage = knowledge().stages.get(finding.stage)
        about.append(f"{stage.label if stage else finding.stage} stage")
    about.extend(profile.system_label(system) for system in finding.systems)
    return ", ".join(about)


def _tag(from_exports: bool) -> tuple[str, str]:
    return (f"[{FROM_EXPORTS}] " if from_exports else "", "$text-accent")


def finding_line(finding: Finding, profile: Profile, from_exports: bool = False) -> Content:
    """One line of the list: severity, whether the exports showed it, kind, and what it concerns."""
    glyph, _, style = SEVERITY_MARK.get(finding.severity, ("•", finding.severity.upper(), "bold"))
    about = _about(finding, profile)
    return Content.assemble((glyph, style), " ", _tag(from_exports), (kind_label(finding.kind), "bold"),
                            (f" · {visible(about)}" if about else "", "italic"))


def finding_content(finding: Finding, profile: Profile, from_exports: bool = False) -> Content:
    """The whole finding: heading, what is wrong, and the fix."""
    glyph, word, style = SEVERITY_MARK.get(finding.severity, ("•", finding.severity.upper(), "bold"))
    about = _about(finding, profile)
    head = Content.assemble((glyph, style), " ", (word, "bold"), " ", _tag(from_exports),
                            (kind_label(finding.kind), "bold"), (f" · {visible(about)}" if about else "", "italic"),
                            (f"  [{finding.kind}]", "$text-muted"))
    return Content("\n").join([
        head,
        Content(visible(finding.message)),
        Content.assemble(("→ ", "bold $success"), (visible(finding.fix), "italic"), ("  Enter: go to it", "$text-muted")),
    ])


def empty_message(profile: Profile) -> str:
    if not (profile.systems or profile.records or profile.stages):
        return (f"Nothing mapped yet. Add your tools and what each one owns in the boundary editor "
                f"({key_for('boundaries')}); "
                "duplicated data, missing owners and gaps will show here.")
    return ("Nothing to fix: every mapped record has one owner and a steward, and work passes cleanly "
            "between tools.")


def summary(findings: tuple[Finding, ...]) -> str:
    if not findings:
        return "none"
    counts = Counter(finding.severity for finding in findings)
    return " · ".join(f"{counts[level]} {level}" for level in SEVERITY_ORDER if counts[level])


class FindingsPanel(ScrollView, can_focus=True):
    """Every finding, most severe first, one line each; Enter jumps to what it concerns.

    Drawn with the line API: only the lines in view are rendered, so hundreds
    of findings cost no more than a screenful (an OptionList measures every
    option and keeps a prompt object for each).
    """

    DEFAULT_CSS = read_tcss(__file__, "findings_panel.tcss")

    HELP_TITLE = "Findings"

    COMPONENT_CLASSES = {"findings-panel--highlighted", "findings-panel--hover", "findings-panel--note"}

    BINDINGS = [
        Binding("enter", "select", "Go to fix"),
        # Moving in a list needs no words in the help (as in Textual's own lists).
        Binding("up", "cursor(-1)", "Previous finding", show=False, system=True),
        Binding("down", "cursor(1)", "Next finding", show=False, system=True),
        Binding("pageup", "page(-1)", "Page up", show=False, system=True),
        Binding("pagedown", "page(1)", "Page down", show=False, system=True),
        Binding("home", "first", "First finding", show=False, system=True),
        Binding("end", "last", "Last finding", show=False, system=True),
    ]

    class Replaced(Message):
        """The list now shows other findings (or none)."""

    class Highlighted(Message):
        """Another finding is highlighted (`FindingsPanel.current`)."""

    class GoTo(JumpTo):
        """The chosen finding's profile item: the main screen jumps there."""

    profile: var[Profile | None] = var(None, init=False)
    """The profile the findings are about (their lines name its systems)."""

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The analysis whose findings are listed; set after `profile`."""

    from_exports: var[tuple[Finding, ...]] = var((), init=False)
    """Findings of the last check against the tools' exports, listed with the analysis's."""

    highlighted: var[int | None] = var(None, init=False)
    """The index of the highlighted finding, if any."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] = ()
        self._exported: frozenset[int] = frozenset()  # ids of the listed findings that came from exports
        self.hidden = 0  # findings beyond MAX_SHOWN, counted but not listed
        self._shown: list[str] | None = None  # keys of the findings on screen (None: nothing yet)
        self._note: Content | None = None  # a line after the findings, or the whole text when there are none
        self._wrapped: list[Content] = []  # the note wrapped to the width, when there are no findings
        self._hover: int | None = None
        self._strips = StripCache()

    def on_mount(self) -> None:
        self.show_analysis(self.analysis)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.is_mounted:
            self.show_analysis(analysis)

    def watch_from_exports(self) -> None:
        if self.is_mounted:
            self.show_analysis(self.analysis)

    def is_from_exports(self, finding: Finding | None) -> bool:
        return finding is not None and id(finding) in self._exported

    def show_analysis(self, analysis: Analysis | None) -> None:
        if analysis is None or self.profile is None:
            return
        exported = {id(finding) for finding in self.from_exports}
        ordered = tuple(sorted((*analysis.findings, *self.from_exports), key=lambda f: SEVERITY_ORDER.index(
            f.severity) if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)))
        hidden = max(0, len(ordered) - MAX_SHOWN)
        ordered = ordered[:MAX_SHOWN]
        self._exported = frozenset(id(finding) for finding in ordered if id(finding) in exported)
        keys = [finding_key(finding, id(finding) in exported) for finding in ordered]
        if keys == self._shown and hidden == self.hidden:
            self.findings = ordered  # same findings; nothing on screen changes
            return
        self.hidden = hidden
        self._replace(ordered, keys)

    def _replace(self, ordered: tuple[Finding, ...], keys: list[str]) -> None:
        position, scroll = self.highlighted, self.scroll_y
        shown = self._shown or []
        kept_key = shown[position] if position is not None and position < len(shown) else None
        self.findings, self._shown = ordered, keys
        self._hover = None  # another finding may be under the mouse now; the next move says
        if not ordered:
            self._note = Content.styled(empty_message(self.profile), "italic $text-success")
        elif self.hidden:
            self._note = Content.styled(
                f"… and {self.hidden:,} more, the least severe: `truthmap report` lists them all",
                "italic $text-muted")
        else:
            self._note = None
        self._fit()
        self.scroll_to(y=scroll, animate=False, immediate=True)
        if ordered and position is not None:
            self.set_reactive(FindingsPanel.highlighted, None)  # the same index may now be another finding
            self.highlighted = keys.index(kept_key) if kept_key in keys else min(position, len(ordered) - 1)
        elif not ordered:
            self.highlighted = None
        self.post_message(self.Replaced())

    # ------------------------------------------------------------- lines

    @property
    def line_count(self) -> int:
        if not self.findings:
            return len(self._wrapped)
        return len(self.findings) + (self._note is not None)

    def line(self, index: int) -> Content:
        """Line `index` as the list shows it, before it is cut to the width."""
        if not self.findings:
            return self._wrapped[index]
        if index == len(self.findings):
            return self._note
        finding = self.findings[index]
        return finding_line(finding, self.profile, self.is_from_exports(finding))

    def on_resize(self) -> None:
        self._fit()
        # The full finding below the list grows and shrinks with the highlighted one.
        self._keep_in_view(self.highlighted)

    def _fit(self) -> None:
        # The message that there is nothing to list wraps; finding lines are cut.  It
        # leaves room for a scrollbar, which may come with its lines and no resize.
        room = self.size.width - self.styles.scrollbar_size_vertical - 1
        if self.findings or self._note is None:
            self._wrapped = []
        else:  # not laid out yet (or hidden): one line, wrapped once there is room
            self._wrapped = self._note.wrap(room) if room > 0 else [self._note]
        self.virtual_size = Size(self.scrollable_content_region.width, self.line_count)  # lays out only if changed
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= self.line_count or width < 2:
            return Strip.blank(width, self.visual_style.rich_style)
        style = self._style_of(index)
        line = self.line(index).truncate(width - 1, ellipsis=True)  # one cell of room on the right
        return self._strips.strip(self, line, width, self.size.height, style).apply_offsets(0, index)

    def _style_of(self, index: int) -> VisualStyle | None:
        if index >= len(self.findings):
            return self.get_visual_style("findings-panel--note") if self.findings else None
        if index == self.highlighted:
            return self.get_visual_style("findings-panel--highlighted")
        if index == self._hover:
            return self.get_visual_style("findings-panel--hover")
        return None

    def _refresh_index(self, index: int | None) -> None:
        if index is not None:
            self.refresh_line(index)  # a line of the list: ScrollView takes the scroll off

    # ------------------------------------------------------------- highlight

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.findings:
            return None
        return max(0, min(index, len(self.findings) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_index(old)
        self._refresh_index(new)
        self._keep_in_view(new)
        self.post_message(self.Highlighted())

    def _keep_in_view(self, index: int | None) -> None:
        if index is not None:  # the last finding brings the note below it into view too
            self._scroll_to_line(self.line_count - 1 if index == len(self.findings) - 1 else index)

    def _scroll_to_line(self, index: int) -> None:
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif height and index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def on_focus(self) -> None:
        # Enter must work the first time the list is focused: start on the first finding.
        if self.highlighted is None and self.findings:
            self.highlighted = 0

    def on_blur(self) -> None:
        self._refresh_index(self.highlighted)  # its highlight dims

    @property
    def current(self) -> Finding | None:
        index = self.highlighted
        return self.findings[index] if index is not None and index < len(self.findings) else None

    def action_cursor(self, step: int) -> None:
        if self.findings:  # round the ends, as Textual's lists do
            self.highlighted = 0 if self.highlighted is None else (self.highlighted + step) % len(self.findings)

    def action_page(self, step: int) -> None:
        if self.findings:
            self.highlighted = (self.highlighted or 0) + step * max(1, self.scrollable_content_region.height)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self.findings) - 1

    def action_select(self) -> None:
        finding = self.current
        if finding is None:
            return
        if finding.target is None:
            self.notify("This finding does not point at one place in the profile.", markup=False)
            return
        self.post_message(self.GoTo(finding.target))

    # ------------------------------------------------------------- mouse

    def _index_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = self.scroll_offset.y + offset.y
        return index if index < len(self.findings) else None

    def on_click(self, event: events.Click) -> None:
        index = self._index_at(event)
        if index is not None:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._index_at(event)
        if index != self._hover:
            self._refresh_index(self._hover)
            self._hover = index
            self._refresh_index(index)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._hover = None  # another line is under the mouse now; the next move says which

    def on_leave(self) -> None:
        self._refresh_index(self._hover)
        self._hover = None


class FindingDetail(Widget):
    """The highlighted finding in full: what is wrong and how to fix it."""

    finding: reactive[Finding | None] = reactive(None, layout=True)
    profile: reactive[Profile | None] = reactive(None)
    from_exports: reactive[bool] = reactive(False)

    def render(self) -> Content:
        if self.finding is None or self.profile is None:
            return Content("")
        return finding_content(self.finding, self.profile, self.from_exports)


class FindingsView(Vertical):
    """A compact list, one line per finding, and the highlighted one in full below it."""

    DEFAULT_CSS = read_tcss(__file__, "findings_view.tcss")

    profile: var[Profile | None] = var(None, init=False)
    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    from_exports: var[tuple[Finding, ...]] = var((), init=False)

    def compose(self) -> ComposeResult:
        yield FindingsPanel(id="findings").data_bind(FindingsView.profile, FindingsView.from_exports,
                                                     FindingsView.analysis)
        yield FindingDetail(id="finding-detail").data_bind(FindingsView.profile)

    @on(FindingsPanel.Highlighted)
    @on(FindingsPanel.Replaced)
    def _show(self) -> None:
        detail = self.query_one(FindingDetail)
        panel = self.query_one(FindingsPanel)
        detail.from_exports = panel.is_from_exports(panel.current)
        detail.finding = panel.current
        detail.display = detail.finding is not None

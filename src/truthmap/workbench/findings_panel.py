"""The findings panel: what the current profile gets wrong, and where to fix it.

Selecting a finding posts `FindingsPanel.GoTo(finding.target)`, which the main screen
routes to the question or the boundary it concerns.  A new analysis only
replaces the list when the findings changed, and keeps the highlighted
finding (or its position) and the scroll offset.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..analysis import Analysis
from ..analysis.types import Finding
from ..knowledge import knowledge
from ..glyphs import mark_look
from ..text import visible
from .profile_screen import JumpTo

if TYPE_CHECKING:
    from ..model import Profile

SEVERITY_ORDER = ("high", "medium", "low")
# A list longer than this is read nowhere near its end, and building its lines
# would hold up the screen (19,500 findings took over a second): the most
# severe are listed, the rest counted.
MAX_SHOWN = 500
# Only the glyph carries the severity colour: words stay in the text colour so
# they remain readable on the highlight of every theme (yellow in high contrast).
SEVERITY_MARK = {"high": ("▲", "HIGH", "bold $error"), "medium": ("◆", "MED ", "bold $warning"),
                 "low": ("○", "LOW ", "bold $primary")}


def kind_label(kind: str) -> str:
    """The finding kind in words ("Two owners"); its id is shown apart, as a dimmed tag."""
    return mark_look(kind)[2]


def finding_key(finding: Finding) -> str:
    return f"{finding.kind}|{finding.target}|{finding.message}"


def _about(finding: Finding, profile: Profile) -> str:
    about = [knowledge().entity_label(finding.entity)] if finding.entity else []
    if finding.stage:
        about.append(f"{finding.stage} stage")
    about.extend(profile.system_label(system) for system in finding.systems)
    return ", ".join(about)


def finding_line(finding: Finding, profile: Profile) -> Content:
    """One line of the list: severity, kind and what it concerns."""
    glyph, _, style = SEVERITY_MARK.get(finding.severity, ("•", finding.severity.upper(), "bold"))
    about = _about(finding, profile)
    return Content.assemble((glyph, style), " ", (kind_label(finding.kind), "bold"),
                            (f" · {visible(about)}" if about else "", "italic"))


def finding_content(finding: Finding, profile: Profile) -> Content:
    """The whole finding: heading, what is wrong, and the fix."""
    glyph, word, style = SEVERITY_MARK.get(finding.severity, ("•", finding.severity.upper(), "bold"))
    about = _about(finding, profile)
    head = Content.assemble((glyph, style), " ", (word, "bold"), " ", (kind_label(finding.kind), "bold"),
                            (f" · {visible(about)}" if about else "", "italic"),
                            (f"  [{finding.kind}]", "$text-muted"))
    return Content("\n").join([
        head,
        Content(visible(finding.message)),
        Content.assemble(("→ ", "bold $success"), (visible(finding.fix), "italic"), ("  Enter: go to it", "$text-muted")),
    ])


def empty_message(profile: Profile) -> str:
    if not (profile.systems or profile.records or profile.stages):
        return ("Nothing mapped yet. Add your tools and what each one owns in the boundary editor (F8); "
                "duplicated data, missing owners and gaps will show here.")
    return ("Nothing to fix: every mapped record has one owner and a steward, and work passes cleanly "
            "between tools.")


def summary(findings: tuple[Finding, ...]) -> str:
    if not findings:
        return "none"
    counts = Counter(finding.severity for finding in findings)
    return " · ".join(f"{counts[level]} {level}" for level in SEVERITY_ORDER if counts[level])


class FindingsPanel(OptionList):
    """Every finding, most severe first; Enter jumps to what it concerns."""

    HELP_TITLE = "Findings"

    BINDINGS = [Binding("enter", "select", "Go to fix")]

    class Replaced(Message):
        """The list now shows other findings (or none)."""

    class GoTo(JumpTo):
        """The chosen finding's profile item: the main screen jumps there."""

    profile: var[Profile | None] = var(None, init=False)
    """The profile the findings are about (their lines name its systems)."""

    analysis: var[Analysis | None] = var(None, init=False, always_update=True)
    """The analysis whose findings are listed; set after `profile`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] = ()
        self.hidden = 0  # findings beyond MAX_SHOWN, counted but not listed
        self._shown: list[str] | None = None  # keys of the findings on screen (None: nothing yet)

    def on_mount(self) -> None:
        self.show_analysis(self.analysis)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        if self.is_mounted:
            self.show_analysis(analysis)

    def show_analysis(self, analysis: Analysis | None) -> None:
        if analysis is None or self.profile is None:
            return
        ordered = tuple(sorted(analysis.findings, key=lambda f: SEVERITY_ORDER.index(f.severity)
                               if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)))
        hidden = max(0, len(ordered) - MAX_SHOWN)
        ordered = ordered[:MAX_SHOWN]
        keys = [finding_key(finding) for finding in ordered]
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
        profile = self.profile
        self.set_class(not ordered, "-empty")  # the empty message wraps; finding lines do not
        if ordered:
            options = [Option(finding_line(finding, profile)) for finding in ordered]
            if self.hidden:
                options.append(Option(Content.styled(
                    f"… and {self.hidden:,} more, the least severe: `truthmap report` lists them all",
                    "italic $text-muted"), disabled=True))
            self.set_options(options)
        else:
            self.set_options([Option(Content.styled(empty_message(profile), "italic $text-success"), disabled=True)])
        self.scroll_to(y=scroll, animate=False, immediate=True)
        if ordered and position is not None:
            self.highlighted = keys.index(kept_key) if kept_key in keys else min(position, len(ordered) - 1)
        self.post_message(self.Replaced())

    def on_focus(self) -> None:
        # Enter must work the first time the list is focused: start on the first finding.
        if self.highlighted is None and self.findings:
            self.highlighted = 0

    @property
    def current(self) -> Finding | None:
        index = self.highlighted
        return self.findings[index] if index is not None and index < len(self.findings) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if index >= len(self.findings):
            return
        target = self.findings[index].target
        if target is None:
            self.notify("This finding does not point at one place in the profile.", markup=False)
            return
        self.post_message(self.GoTo(target))


class FindingDetail(Widget):
    """The highlighted finding in full: what is wrong and how to fix it."""

    finding: reactive[Finding | None] = reactive(None, layout=True)
    profile: reactive[Profile | None] = reactive(None)

    def render(self) -> Content:
        if self.finding is None or self.profile is None:
            return Content("")
        return finding_content(self.finding, self.profile)


class FindingsView(Vertical):
    """A compact list, one line per finding, and the highlighted one in full below it."""

    profile: var[Profile | None] = var(None, init=False)
    analysis: var[Analysis | None] = var(None, init=False, always_update=True)

    def compose(self) -> ComposeResult:
        yield FindingsPanel(id="findings").data_bind(FindingsView.profile, FindingsView.analysis)
        yield FindingDetail(id="finding-detail").data_bind(FindingsView.profile)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_list)

    def on_findings_panel_replaced(self, event: FindingsPanel.Replaced) -> None:
        self._show(self.query_one(FindingsPanel))

    def _show(self, panel) -> None:
        detail = self.query_one(FindingDetail)
        detail.finding = panel.current
        detail.display = detail.finding is not None

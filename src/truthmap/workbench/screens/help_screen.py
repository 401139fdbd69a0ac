"""The help screen: how the workbench fits together, and every key binding.

The binding tables are generated from the BINDINGS of the app and of every
screen and widget in the workbench package, so they cannot go stale: a new
binding anywhere in `truthmap.workbench` shows up here by itself.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from ..keys import WORKBENCH_KEYS, key_for, key_label
from ..widgets.footer import Footer
from ..tcss import beside

PACKAGE = "truthmap.workbench"
WORKBENCH = Path(__file__).resolve().parent.parent  # PACKAGE's folder, walked without importing it again
FIRST_MODULES = ("screens.main_screen", "panes.questionnaire", "panes.matrix", "panes.findings_panel",
                 "boundaries.editor", "boundaries.section", "boundaries.systems", "boundaries.records",
                 "boundaries.stages", "boundaries.handoffs")
LAST_MODULES = ("screens.help_screen",)
# The app's bindings come from the running app (binding_sections): importing its module from
# the screen it opens would tie the two into an import cycle.
NOT_WALKED = ("app",)
MEANINGS = " · "  # between the meanings of one key in one row

OVERVIEW = (
    ("What truthmap is for",
     "It helps a freelancer or studio decide where the truth about client work lives: "
     "CRM-first, PM-first or Hybrid, and then draw the boundaries that make it stick."),
    (f"Questions ({key_for('questions')})",
     "Answer as many as you can; each one shows its help when selected. Type numbers, pick "
     "choices with 1–9 or the letter shown beside each choice, yes/no with y and n. Backspace erases "
     "the last character typed in a number; Delete sets any answer back to not answered. A key "
     "that cannot answer says why under the question."),
    (f"Matrix ({key_for('matrix')})",
     "The article's five criteria against the three models and your own setup. Your answers set "
     "each criterion's weight; the fit bars and the recommendation follow. Move the cursor over "
     "a cell to read why it says what it says."),
    (f"Findings ({key_for('findings')})",
     "Duplicated data, missing owners, gaps between stages and other risks in your map. "
     "Enter on a finding jumps to the question or boundary to fix."),
    (f"Boundaries ({key_for('boundaries')})",
     "Which tool owns each kind of client data, who keeps it right, where copies live, which "
     "tool tracks each stage, and how work is handed over."),
    ("Pictures and files",
     f"{key_for('show_map')} draws your workflow as swimlanes, {key_for('show_reference')} shows your tools "
     f"under each model, {key_for('compare')} compares saved profiles. {key_for('save')} saves one readable TOML "
     f"file; {key_for('command_palette')} finds any command by name. {key_for('export_report')} exports the "
     f"report (Markdown, HTML, text or JSON; in a browser, a download). {key_for('plan_target')} "
     "plans a target: a copy saved beside the profile to reshape into the setup you aim for, whose "
     "reports say what changes from today."),
    (f"Evidence ({key_for('check_exports')})",
     f"{key_for('check_exports')} checks your tools' exports against the map: pick each tool's client list, "
     "run the check, look at the pairs. Names stay on that screen; only counts are kept, and only if you ask."),
)


def describe(binding: Binding) -> str:
    if binding.description:
        return binding.description
    action = re.sub(r"^\w+\.", "", binding.action).split("(")[0]
    return action.replace("_", " ").capitalize()


def binding_rows(bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do), one row per action.

    Keys bound to one action share a row ("Delete / Backspace"); a footer
    group of many keys (the choice digits) becomes one row ("1–9").
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if binding.system:
            continue
        group = binding.group
        many = group is not None and sum(1 for b in bindings if b.group == group) > 4
        action = f"group:{group.description}" if many else binding.action
        words = group.description if many else describe(binding)
        keys, _ = rows.setdefault(action, ([], words))
        keys.append(binding.key_display or key_label(binding.key))
    return [(_join_keys(keys, ranged=action.startswith("group:")), words)
            for action, (keys, words) in rows.items()]


def _join_keys(keys: list[str], ranged: bool) -> str:
    return f"{keys[0]}–{keys[-1]}" if ranged else " / ".join(dict.fromkeys(keys))


def _bindings_of(cls: type) -> list[Binding]:
    return list(Binding.make_bindings(cls.__dict__.get("BINDINGS", [])))


def workbench_module_names() -> list[str]:
    """The workbench modules whose screens and widgets help lists, in the order it lists them."""
    names = sorted(info.name.removeprefix(f"{PACKAGE}.")
                   for info in pkgutil.walk_packages([str(WORKBENCH)], f"{PACKAGE}.")
                   if not info.ispkg and info.name.removeprefix(f"{PACKAGE}.") not in NOT_WALKED)
    ordered = [*FIRST_MODULES, *(n for n in names if n not in FIRST_MODULES + LAST_MODULES), *LAST_MODULES]
    return [f"{PACKAGE}.{name}" for name in ordered if name in names]


def _workbench_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in workbench_module_names()]


def _workbench_classes() -> Iterator[type]:
    """Screens and widgets defined in the workbench, in module then source order."""
    for module in _workbench_modules():
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Widget) and not issubclass(value, App)
                    and value.__module__ == module.__name__):
                yield value


def section_title(cls: type) -> str:
    title = cls.__dict__.get("HELP_TITLE")
    if title:
        return title
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    return words[0].upper() + words[1:]


def help_where(cls: type) -> str:
    """How a row of a base class's section names the subclass a key means something else in:
    its HELP_WHERE ("stages"), else its section title."""
    return cls.__dict__.get("HELP_WHERE") or section_title(cls)


def one_row_per_key(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rows of one section with the same keys (a toggle's two meanings) as one row."""
    merged: dict[str, list[str]] = {}
    for keys, words in rows:
        merged.setdefault(keys, []).append(words)
    return [(keys, MEANINGS.join(dict.fromkeys(words))) for keys, words in merged.items()]


def _fold_overrides(classes: list[type], rows: dict[type, list[tuple[str, str]]]) -> None:
    """A key a subclass binds to something else than its base class does is one row, the
    base's: "Remove (systems, records, handoffs) · Untrack (stages)"; the subclass keeps
    only its own keys."""
    for base in classes:
        subclasses = [cls for cls in classes if cls is not base and issubclass(cls, base)]
        if not subclasses or not rows.get(base):
            continue
        folded = []
        for keys, words in rows[base]:
            others = [(cls, meaning) for cls in subclasses for own, meaning in rows.get(cls, [])
                      if own == keys and meaning != words]
            if others:
                keeping = [help_where(cls) for cls in subclasses if cls not in {c for c, _ in others}]
                words = MEANINGS.join([f"{words} ({', '.join(keeping)})" if keeping else words,
                                    *(f"{meaning} ({help_where(cls)})" for cls, meaning in others)])
                for cls, meaning in others:
                    rows[cls] = [row for row in rows[cls] if row != (keys, meaning)]
            folded.append((keys, words))
        rows[base] = folded


def binding_sections(app: App) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every binding of the app and of the workbench's screens and widgets, one row per key
    in each section."""
    everywhere = [
        *_bindings_of(type(app)),
        Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette: every action by name"),
        *(b for b in _bindings_of(App) if b.action not in {x.action for x in _bindings_of(type(app))}),
        *_bindings_of(Screen),
    ]
    sections = [("Everywhere", one_row_per_key(binding_rows(everywhere)))]
    classes = list(_workbench_classes())
    rows = {cls: one_row_per_key(binding_rows(_bindings_of(cls))) for cls in classes}
    _fold_overrides(classes, rows)
    sections += [(section_title(cls), rows[cls]) for cls in classes if rows[cls]]
    return sections


def section_content(title: str, rows: list[tuple[str, str]]) -> Content:
    """A card: the title, then each key and what it does; a key's other meanings
    (one_row_per_key, _fold_overrides) each on a line of its own under the first."""
    width = max(len(keys) for keys, _ in rows) + 2
    lines = [Content.styled(title, "bold $text-accent")]
    for keys, words in rows:
        first, *others = words.split(MEANINGS)
        lines.append(Content.assemble((f"{keys:<{width}}", "bold $text-primary"), first))
        lines += [Content(f"{'':<{width}}· {meaning}") for meaning in others]
    return Content("\n").join(lines)


def two_columns(name: str, cards: list[Content]) -> ComposeResult:
    """Cards in two columns of about equal height (one column when narrow)."""
    columns: tuple[list[Content], list[Content]] = ([], [])
    heights = [0, 0]
    for card in cards:
        shorter = heights.index(min(heights))
        columns[shorter].append(card)
        heights[shorter] += len(card.plain.splitlines()) + 1
    with Horizontal(id=name, classes="help-columns"):
        for column in columns:
            with Vertical(classes="help-column"):
                for card in column:
                    yield Static(card, classes="help-card")


class HelpScreen(Screen):
    """How the workbench fits together, and every key."""

    CSS_PATH = beside(__file__, "help_screen.tcss")
    HELP_TITLE = "Help screen"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        # The keys that open help close it: the first in the footer, the others not.  An action
        # of its own, as the footer shows one key per action and Escape's is "Back".
        *(Binding(key, "close", "Close", show=index == 0)
          for index, key in enumerate(WORKBENCH_KEYS["help"].split(","))),
    ]

    def action_close(self) -> None:
        self.dismiss()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled("How the workbench fits together", "bold"), classes="help-heading")
            yield from two_columns("help-overview", [
                Content.assemble((title, "bold $text-accent"), "\n", text) for title, text in OVERVIEW])
            yield Static(Content.styled("Keys", "bold"), classes="help-heading")
            yield from two_columns("help-keys", [
                section_content(title, rows) for title, rows in binding_sections(self.app)])
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

"""A profile file that cannot be read, open read-only: its problems, each with its line.

Rather than refusing the file, the workbench shows why it cannot be read:
every problem with the line of the file it is on, as written there, so the
person can fix it in their own editor and press `r` to read it again (a
change on disk is read again by itself too).  Nothing is written over the
file meanwhile: saving is refused, Save as writes elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from ...positions import Problem
from ...storage import display_path
from ...text import visible
from ..keys import bind, key_for
from ..tcss import beside
from ..widgets.footer import Footer
from .file_screen import FileScreen


def problems_text(path: Path, problems: tuple[Problem, ...]) -> Content:
    """The problems, one a paragraph, each followed by its line of the file as written."""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    parts: list = [(f"{display_path(path)}", "bold"), f" cannot be read as a profile ({count}), so it is open "
                   "read-only: nothing is written over it.\n"]
    for problem in problems:
        parts += ["\n", ("• ", "bold $text-error"), visible(str(problem)), "\n"]
        if problem.line is not None and problem.source is not None:
            parts += [(f"  {problem.line:>5} │ ", "$text-muted"), (visible(problem.source), "bold"), "\n"]
    parts += ["\n", (f"Fix the file in your editor, then press {key_for('reload')} to read it again", "bold"),
              " (it is read again by itself when it changes on disk). ",
              f"{key_for('open_browser')} opens another profile."]
    return Content.assemble(*parts)


class ProblemsScreen(FileScreen):
    """The problems of the open file, which is read-only until it reads as a profile."""

    CSS_PATH = beside(__file__, "problems_screen.tcss")
    TITLE = "Cannot read this profile"
    BINDINGS = [
        bind("reload", "Read it again", tooltip="Read the file again, once it is fixed in your editor"),
    ]

    def __init__(self, path: Path, problems: tuple[Problem, ...], *, on_reload: Callable[[], None]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems
        self._on_reload = on_reload

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems-body"):
            yield Static(problems_text(self.path, self.problems), id="problems-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = visible(self.path.name)
        self.query_one("#problems-body").focus()

    def show(self, path: Path, problems: tuple[Problem, ...]) -> None:
        """The file read again, with problems still."""
        self.path, self.problems = path, problems
        if self.is_mounted:
            self.sub_title = visible(path.name)
            self.query_one("#problems-text", Static).update(problems_text(path, problems))

    def action_reload(self) -> None:
        self._on_reload()

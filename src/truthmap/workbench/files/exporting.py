"""Exporting the report: the open profile's report as a file beside it, or, in a browser, a download.

The report is the one `truthmap report` writes (`truthmap.reports.render_report`
over the full analysis), worked out off the UI thread.  A profile with a target
beside it, or that is itself a target, gets what changes from today to the
target (truthmap.targets).  Exporting never changes the profile: only the
report's own file is written (atomically), and an existing one is replaced
only when the person says so.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...document import same_path
from ..dialogs.questions import Choice, ChoiceScreen, PathInputScreen
from .common import Flow, absolute, cannot_write, slug
from .new_file import ask_new_file

if TYPE_CHECKING:
    from ...model import Profile


@dataclass(frozen=True)
class Format:
    id: str  # as render_report takes it
    label: str
    extension: str
    what: str


FORMATS = (
    Format("markdown", "Markdown", ".md", "the client report, for a document or a wiki"),
    Format("html", "HTML", ".html", "the client report as one page to open, send or print"),
    Format("text", "Text", ".txt", "the full analysis, as the terminal shows it"),
    Format("json", "JSON", ".json", "the full analysis, for scripts"),
)
KEYS = {"markdown": "m", "html": "h", "text": "t", "json": "j"}


def report_name(profile: Profile, path: Path | None, fmt: Format) -> str:
    """ "studio-report.md": the profile file's name (an unsaved profile's name as a slug) and the format's."""
    stem = path.name.removesuffix(".toml") if path is not None else slug(profile.name)
    return f"{stem}-report{fmt.extension}"


@dataclass(frozen=True)
class Report:
    text: str
    target: str | None = None  # the other file of the pair the report covers
    left_out: str | None = None  # why a target named in the folder could not be read


def build_report(profile: Profile, path: Path | None, fmt: str) -> Report:
    """The report of `profile` (saved as `path`) in `fmt`, its target's changes included: slow, for a thread."""
    from ...analysis import analyze
    from ...reports import render_report
    from ...storage import ProfileError
    from ...targets import TODAY, pair_of

    analysis = analyze(profile)
    left_out = None
    try:
        pair = pair_of(profile, analysis, path)
    except ProfileError as error:
        pair, left_out = None, error.lines()[0]
    other = None if pair is None else (pair.target if pair.side == TODAY else pair.today)[0]
    return Report(render_report(profile, analysis, fmt, target=pair), other, left_out)


class Exporting(Flow):
    """The export flow of one window's files."""

    async def export(self) -> bool:
        """Ask the format, then where (or deliver it to the browser); True when the report went out."""
        host, document = self.host, self.document
        fmt = await self._format()
        if fmt is None:
            return False
        profile, path = document.profile, document.path
        name = report_name(profile, path, fmt)
        if self.files.served:  # the person sits at a browser: the file goes there, never onto the server's disk
            report = await asyncio.to_thread(build_report, profile, path, fmt.id)
            host.deliver(report.text, name)
            host.tell(f"{name} is on its way to your browser's downloads.{self._pair_words(report)}",
                      title="Report exported", timeout=10)
            return True
        # Absolute, as save-as proposes: the dialog names the folder relative paths go to.
        folder = absolute(path).parent if path is not None else self.files.folder
        destination = await ask_new_file(self.files, lambda proposed: PathInputScreen(
            "Export report", f"Where should the {fmt.label} report of “{profile.name}” go?", proposed,
            base=folder, suffix=fmt.extension, check=self._refusal, action_label="Export",
        ), folder / name, "this report")
        if destination is None:
            return False
        target = destination.path
        report = await asyncio.to_thread(build_report, profile, path, fmt.id)
        from ...storage import atomic_write

        try:
            await asyncio.to_thread(atomic_write, target, report.text.encode("utf-8"),
                                    create_folders=destination.create_folders)
        except OSError as error:
            cannot_write(host, target, error)
            return False
        host.tell(f"The {fmt.label} report of “{profile.name}” is in {target}.{self._pair_words(report)}",
                  title="Report exported", timeout=10)
        return True

    async def _format(self) -> Format | None:
        choices = [Choice(f.id, f"{f.label}: {f.what}", "primary" if n == 0 else "default", KEYS[f.id])
                   for n, f in enumerate(FORMATS)]
        answer = await self.host.ask(ChoiceScreen(
            "Export report", f"Which kind of report of “{self.document.profile.name}”?",
            [*choices, Choice("cancel", "Cancel", key="c")], stacked=True,
        ))
        return next((f for f in FORMATS if f.id == answer), None)

    def _refusal(self, path: Path) -> str | None:
        """A report never goes over a profile: not the open one, nor any `.toml`."""
        if same_path(path, self.document.path) or path.suffix.lower() == ".toml":
            return "A report cannot go into a profile file (.toml): pick another name."
        return None

    @staticmethod
    def _pair_words(report: Report) -> str:
        if report.target is not None:
            return f" It says what changes between this profile and {report.target}."
        if report.left_out is not None:
            return f" What changes from today to the target is left out: {report.left_out}"
        return ""

"""A scripted window for `ProfileFiles`: no app, answers from a list (not a test module).

Every question a flow asks takes the next scripted answer; what was asked
and what was told is recorded.  When the script runs out, the question stays
open, as a dialog would: `answer` gives it an answer later.  Flows run as
asyncio tasks; `settle` waits until each one has finished or waits on an
open question, and re-raises anything a flow raised (in the app, a crash).
Recovery writes (a thread in the app) run at once; timers fire when told to.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.screen import Screen

from truthmap.document import Document
from truthmap.workbench.dialogs.questions import ChoiceScreen, PathInputScreen, ProfileDetailsScreen
from truthmap.workbench.files.profile_files import ProfileFiles


class MainScreen(Screen):
    """Stands for the workbench's main screen at the bottom of the stack."""


@dataclass(frozen=True)
class Key:
    """Press a key on a choice: a choice's letter, or escape."""

    key: str

    def __call__(self, screen: ChoiceScreen) -> Any:
        assert isinstance(screen, ChoiceScreen), f"{self} answers a choice, not {screen.question!r}"
        answer = screen.answer_for(self.key)
        assert answer is not None, f"{self.key!r} answers nothing in {screen.question!r}"
        return answer


@dataclass(frozen=True)
class Typed:
    """Type into a path or name dialog and press Enter; a refused value leaves the dialog open."""

    text: str

    def __call__(self, screen: Screen) -> Any:
        if isinstance(screen, PathInputScreen):
            value = screen.resolve(self.text)
            reason = screen.refusal(value)
        else:
            assert isinstance(screen, ProfileDetailsScreen), f"{self} types into a path or a name, not {screen}"
            value = (self.text, screen.suggested[1])
            reason = screen.refusal(*value)
        return Refused(reason) if reason else value


@dataclass(frozen=True)
class Enter:
    """Accept what a path or name dialog suggests."""

    def __call__(self, screen: Screen) -> Any:
        if isinstance(screen, PathInputScreen):
            return Typed(str(screen.suggestion))(screen)
        assert isinstance(screen, ProfileDetailsScreen), f"Enter accepts a suggestion, not {screen}"
        return Typed(screen.suggested[0])(screen)


@dataclass(frozen=True)
class Refused:
    """The dialog refused the value with this reason (shown under its field) and stays open."""

    reason: str


OPEN = object()  # an answer that leaves the question open (the person has not answered yet)


@dataclass
class Told:
    message: str
    title: str = ""
    severity: str = "information"

    def __str__(self) -> str:
        return f"{self.title} {self.message}".strip()


@dataclass
class Timer:
    delay: float
    callback: Callable[[], Any]
    repeat: bool
    name: str | None
    stopped: bool = False

    def stop(self) -> None:
        self.stopped = True


@dataclass
class _Open:
    screen: Screen
    resolve: Callable[[Any], None]
    waiting: bool  # a flow awaits it (rather than a callback)


@dataclass
class ScriptedHost:
    """A `FilesHost` whose person answers from a script."""

    document: Document
    answers: deque = field(default_factory=deque)
    asked: list[Screen] = field(default_factory=list)  # every question, in order
    told: list[Told] = field(default_factory=list)  # every notification, in order
    refused: list[str] = field(default_factory=list)  # every reason a dialog gave for refusing a value
    screens: list[Screen] = field(default_factory=lambda: [MainScreen()])
    is_running: bool = True
    exited: bool = False
    replaced: int = 0  # how often the window was told to redraw for another document
    timers: list[Timer] = field(default_factory=list)
    focus_callbacks: list[Callable[[], Any]] = field(default_factory=list)
    delivered: list[tuple[str, str]] = field(default_factory=list)  # (file name, text) sent to a browser
    open: list[_Open] = field(default_factory=list)
    _tasks: list[asyncio.Task] = field(default_factory=list)

    # ---------------------------------------------------------------- script

    def script(self, *answers: Any) -> ScriptedHost:
        """More answers, taken in order by the next questions."""
        self.answers.extend(answers)
        return self

    @property
    def question(self) -> str | None:
        """The words of the question open now, if any."""
        return self.open[0].screen.question if self.open else None

    def said(self, *parts: str) -> list[str]:
        """The notifications that contain every one of `parts`."""
        return [str(told) for told in self.told if all(part in str(told) for part in parts)]

    async def answer(self, *answers: Any) -> None:
        """Answer the open question (then the next ones), and let the flows go on."""
        self.answers.extend(answers)
        while self.open and self.answers:
            pending = self.open[0]
            answer = self._next(pending.screen)
            if answer is OPEN:
                break
            self.open.pop(0)
            pending.resolve(answer)
            await self.settle()

    async def settle(self) -> None:
        """Until every flow has finished or waits on an open question; a flow's crash is raised here."""
        # Saves run in a thread: after the quick turns, wait in real time (a busy machine is slow).
        deadline = time.monotonic() + 30
        for turn in itertools.count():
            running = [task for task in self._tasks if not task.done()]
            if len(running) <= sum(pending.waiting for pending in self.open):
                break
            if turn > 1000 and time.monotonic() > deadline:
                raise AssertionError("a flow neither finished nor asked anything: it hangs")
            await asyncio.sleep(0 if turn < 1000 else 0.002)
        for task in [task for task in self._tasks if task.done()]:
            self._tasks.remove(task)
            task.result()

    def close(self) -> None:
        """Drop the flows still waiting on a question (the window is gone)."""
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        self.open.clear()

    def fire_timers(self, name: str) -> None:
        """Run every live timer of that name, as if its time had come (there is no clock here)."""
        for timer in [t for t in self.timers if not t.stopped and t.name == name]:
            if not timer.repeat:
                timer.stopped = True
            timer.callback()

    def focus(self) -> None:
        """The terminal got the focus back."""
        for callback in self.focus_callbacks:
            callback()

    def _next(self, screen: Screen) -> Any:
        while self.answers:
            answer = self.answers.popleft()
            if callable(answer):
                answer = answer(screen)
            if isinstance(answer, Refused):
                self.refused.append(answer.reason)
                continue
            if isinstance(screen, ChoiceScreen) and isinstance(answer, str):
                assert answer in screen.answers, f"{answer!r} is not an answer of {screen.question!r}"
            return answer
        return OPEN

    # ------------------------------------------------------------ FilesHost

    @property
    def screen(self) -> Screen:
        return self.open[0].screen if self.open else self.screens[-1]

    def document_replaced(self) -> None:
        self.replaced += 1

    async def ask(self, screen):
        self.asked.append(screen)
        answer = self._next(screen)
        if answer is not OPEN:
            return answer
        future = asyncio.get_running_loop().create_future()
        self.open.append(_Open(screen, future.set_result, waiting=True))
        return await future

    def tell(self, message: str, *, title: str = "", severity: str = "information",
             timeout: float | None = None) -> None:
        self.told.append(Told(message, title, severity))

    def show(self, screen: Screen, answered: Callable[[Any], None] | None = None) -> None:
        if answered is None:
            self.screens.append(screen)
            return
        self.asked.append(screen)
        answer = self._next(screen)
        if answer is OPEN:
            self.open.append(_Open(screen, answered, waiting=False))
        else:
            answered(answer)

    def close_screen(self) -> bool:
        if len(self.screens) <= 1:
            return False
        self.screens.pop()
        return True

    def run_flow(self, flow) -> None:
        self._tasks.append(asyncio.get_running_loop().create_task(flow()))

    def run_in_thread(self, work: Callable[[], None], name: str) -> None:
        work()

    def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        callback(*args)

    def set_timer(self, delay: float, callback: Callable[[], Any], *, repeat: bool = False,
                  name: str | None = None) -> Timer:
        timer = Timer(delay, callback, repeat, name)
        self.timers.append(timer)
        return timer

    def on_focus(self, callback: Callable[[], Any]) -> None:
        self.focus_callbacks.append(callback)

    def deliver(self, text: str, filename: str) -> None:
        self.delivered.append((filename, text))

    def exit(self) -> None:
        self.exited = True
        self.is_running = False


def edit(files: ProfileFiles, profile) -> None:
    """An edit as the app makes it (the document changes, then the files hear of it); the throttle's wait passes."""
    if files.document.edit(profile):
        files.note_edit()
        files.host.fire_timers("recovery")


def window(document: Document | Path, *answers: Any) -> tuple[ProfileFiles, ScriptedHost]:
    """A window's files over `document` (a path opens it), with its scripted person."""
    if not isinstance(document, Document):
        document = Document.open(document)
    host = ScriptedHost(document).script(*answers)
    return ProfileFiles(host), host


async def started(document: Document | Path, *answers: Any, paths: Iterable[Path] | None = None,
                  compare: bool = False) -> tuple[ProfileFiles, ScriptedHost]:
    """A window as the workbench starts it (`truthmap PATH`): disk check, recovery offer."""
    files, host = window(document, *answers)
    if paths is None:
        paths = [files.document.path] if files.document.path is not None else []
    files.on_start(list(paths), compare)
    await host.settle()
    return files, host

"""What a window's profile files need from the window: a small interface, and the app's side of it.

Tests drive the file flows through a scripted host with no app at all
(tests/files_host.py); the app is wrapped in :class:`AppHost`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from textual.app import App
from textual.screen import ModalScreen, Screen

from ...document import Document

T = TypeVar("T")


class Stoppable(Protocol):
    def stop(self) -> None: ...


class FilesHost(Protocol):
    """What profile-file handling needs from its window, and nothing more."""

    document: Document
    """The open document; assign another one, then call `document_replaced`."""

    @property
    def screen(self) -> Screen:
        """The screen on top (an open question included)."""

    @property
    def is_running(self) -> bool:
        """False once the window has ended (its recovery copies are then left behind)."""

    def document_replaced(self) -> None:
        """The document was swapped or changed outside an edit (saved, restored): redraw."""

    async def ask(self, screen: ModalScreen[T]) -> T | None:
        """Show a question and wait for its answer."""

    def tell(self, message: str, *, title: str = "", severity: str = "information",
             timeout: float | None = None) -> None:
        """A notification, shown literally (file names are never markup)."""

    def show(self, screen: Screen, answered: Callable[[Any], None] | None = None) -> None:
        """Put a screen on top; `answered` gets its result when it closes."""

    def close_screen(self) -> bool:
        """Close the screen on top; False (nothing closed) when it is the last one."""

    def run_flow(self, flow: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run a flow in the background (started only if the window still runs); it may await `ask`."""

    def run_in_thread(self, work: Callable[[], None], name: str) -> None:
        """Run blocking file work off the UI thread (`name`: what it is, for the worker list)."""

    def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        """From `run_in_thread`'s work: call back on the UI thread."""

    def set_timer(self, delay: float, callback: Callable[[], Any], *, repeat: bool = False,
                  name: str | None = None) -> Stoppable:
        """Call `callback` after `delay` seconds (every `delay` seconds with `repeat`)."""

    def on_focus(self, callback: Callable[[], Any]) -> None:
        """Call `callback` whenever the terminal gets the focus back."""

    def deliver(self, text: str, filename: str) -> None:
        """Send a file to the person's browser as a download (a window served by `truthmap serve`)."""

    def exit(self) -> None:
        """End the window."""


class AppHost:
    """A Textual app as a :class:`FilesHost`: the app's own API behind the small interface."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def document(self) -> Document:
        return self.app.document

    @document.setter
    def document(self, document: Document) -> None:
        self.app.document = document

    @property
    def screen(self) -> Screen:
        return self.app.screen

    @property
    def is_running(self) -> bool:
        return self.app.is_running

    def document_replaced(self) -> None:
        self.app.document_replaced()

    async def ask(self, screen: ModalScreen[T]) -> T | None:
        return await self.app.push_screen_wait(screen)

    def tell(self, message: str, *, title: str = "", severity: str = "information",
             timeout: float | None = None) -> None:
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def show(self, screen: Screen, answered: Callable[[Any], None] | None = None) -> None:
        self.app.push_screen(screen, answered)

    def close_screen(self) -> bool:
        if len(self.app.screen_stack) <= 1:
            return False
        self.app.pop_screen()
        return True

    def run_flow(self, flow: Callable[[], Coroutine[Any, Any, None]]) -> None:
        # The function, not a coroutine made now: a quit before the worker starts leaves nothing unawaited.
        self.app.run_worker(flow, group="files", name="files-flow")

    def run_in_thread(self, work: Callable[[], None], name: str) -> None:
        self.app.run_worker(work, thread=True, group="recovery", name=name)

    def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        self.app.call_from_thread(callback, *args)

    def set_timer(self, delay: float, callback: Callable[[], Any], *, repeat: bool = False,
                  name: str | None = None) -> Stoppable:
        if repeat:
            return self.app.set_interval(delay, callback, name=name)
        return self.app.set_timer(delay, callback, name=name)

    def on_focus(self, callback: Callable[[], Any]) -> None:
        self.app.watch(self.app, "app_focus", lambda focused: callback() if focused else None, init=False)

    def deliver(self, text: str, filename: str) -> None:
        import io

        from ...paths import downloads_dir

        # In a browser, Textual's web driver sends it as a download (the folder is not used);
        # elsewhere its driver writes it to that folder.
        self.app.deliver_text(io.StringIO(text), save_directory=downloads_dir(), save_filename=filename,
                              encoding="utf-8", name="report")

    def exit(self) -> None:
        self.app.exit()

"""The floor for keystroke echo: a bare Textual app with one focused `Input`.

Started the same way as truthmap (in tmux, by the same Python); the echo
benchmark types digits into it.  `ctrl+q` quits (Textual's default).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input


class InputApp(App[None]):
    TITLE = "input"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="type digits")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


if __name__ == "__main__":
    InputApp().run()

"""The floor for start-up and memory: the smallest useful Textual app.

A Header, a small DataTable and a Footer, started the same way as truthmap
(in tmux, by the same Python).  `ctrl+q` quits (Textual's default).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class MinimalApp(App[None]):
    TITLE = "minimal"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("System", "Kind", "Id")
        for n in range(1, 6):
            table.add_row(f"Tool {n}", "crm", f"row-{n}")


if __name__ == "__main__":
    MinimalApp().run()

"""The workflow-boundary editor (placeholder until the editor lands)."""

from __future__ import annotations

from textual.widgets import Static


class BoundaryEditor(Static):
    """Edits systems, records, stages and handoffs; posts ProfileEdited."""

    def go_to(self, path: str) -> None:
        """Reveal and focus the profile item at `path` (e.g. `records[2].copies[0]`)."""

"""Small drawing facts shared by the screens and the reports: bars and marks.

Their own module: the matrix and the findings pane draw the first frame and
need these, not the swimlane's drawing code.
"""

from __future__ import annotations

_EIGHTHS = " ▏▎▍▌▋▊▉"  # one cell each, like the full and the empty block


def bar(value: float, width: int) -> tuple[str, str]:
    """(filled, empty) parts of a horizontal bar for `value` out of 100."""
    value = max(0.0, min(100.0, value))
    eighths = round(value / 100 * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return filled, "░" * (width - len(filled))


# What each mark is called, with the glyph and style it is drawn in.
MARK_LOOKS = {
    "duplication": ("≈", "dup", "Duplicated copy"),
    "conflicting-owners": ("✕", "conflict", "Two owners"),
    "no-owner": ("?", "unowned", "No owner"),
    "missing-tool": ("?", "unowned", "Tool missing"),
    "record-in-conversation": ("~", "conversation", "Record in a conversation tool"),
    "untracked-stage": ("░", "gap", "Stage no tool tracks"),
    "handoff-gap": ("┄▷", "handoff-gap", "Handoff nobody declared"),
    "no-steward": ("·", "dim", "Nobody accountable"),
    "split-context": ("~", "conversation", "Context split from delivery"),
    "tools-before-process": ("!", "gap", "Tools before process"),
    "hybrid-without-rules": ("!", "gap", "Hybrid without ownership rules"),
    "hybrid-not-required": ("!", "gap", "Hybrid the answers do not need"),
    # Found in the tools' own exports (truthmap evidence, docs/evidence.md), not in the map.
    "drift": ("≠", "dup", "A copy drifted from its owner"),
    "duplicate-within": ("≈", "dup", "The same client twice in one export"),
    "retyped": ("≈", "dup", "A copy retyped by hand"),
    "owner-incomplete": ("?", "unowned", "Clients only outside the owner"),
    "failure-mode": ("⚠", "conflict", "Failure mode"),
}


def mark_look(kind: str) -> tuple[str, str, str]:
    """(glyph, style, title) for a mark kind."""
    return MARK_LOOKS.get(kind, ("!", "gap", kind.replace("-", " ").capitalize()))

"""Keys as the help screen and the command palette name them: "Ctrl+S", "F5", "Delete / Backspace"."""

from __future__ import annotations

import re

from textual.keys import format_key

KEY_NAMES = {"question_mark": "?", "full_stop": ".", "escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn",
             "backspace": "Backspace", "enter": "Enter"}


def key_label(keys: str) -> str:
    """'delete,backspace' -> 'Delete / Backspace'; 'ctrl+s' -> 'Ctrl+S'; 'f5' -> 'F5'."""
    return " / ".join(_one_key(key.strip()) for key in keys.split(","))


def _one_key(key: str) -> str:
    *modifiers, base = key.split("+")
    name = KEY_NAMES.get(base, base)
    if len(name) == 1 and not modifiers:
        return format_key(name)  # a printable key as typed: "y", "1", "?"
    if re.fullmatch(r"f\d+", name) or len(name) == 1:
        name = name.upper()
    elif len(format_key(name)) == 1:
        name = format_key(name)  # arrows and the like
    else:
        name = name[0].upper() + name[1:]
    return "+".join([*(modifier.capitalize() for modifier in modifiers), name])

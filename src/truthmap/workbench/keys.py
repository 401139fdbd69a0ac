"""The workbench's own keys, each written once, and how a sentence names them.

The bindings are made from `WORKBENCH_KEYS`, and every text that names one of
these keys (help, notices, empty panes) asks `key_for`, so rebinding a key
here changes what the workbench says about it too.  Keys of one screen only
(a dialog's, the browser's letters) stay in that screen's own BINDINGS.
Labels as the help screen and the palette write them: "Ctrl+S", "F5",
"Delete / Backspace".  Also the letter keys a list of choices takes from
its labels (the questionnaire's and the boundary editor's lists alike).
"""

from __future__ import annotations

import re
from typing import Any

from textual.binding import Binding
from textual.keys import format_key

KEY_NAMES = {"question_mark": "?", "full_stop": ".", "escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn",
             "backspace": "Backspace", "enter": "Enter"}


WORKBENCH_KEYS = {
    # the app's actions
    "save": "ctrl+s", "open_browser": "ctrl+o", "show_map": "f2", "show_reference": "f3", "compare": "f4",
    "check_exports": "f9", "help": "f1,question_mark", "quit": "ctrl+q", "undo": "ctrl+z", "redo": "ctrl+y",
    "rename": "ctrl+r", "export_report": "ctrl+e", "plan_target": "ctrl+g", "save_as": "ctrl+a",
    "new_profile": "ctrl+l", "command_palette": "ctrl+p",
    # the main screen's panes
    "questions": "f5", "matrix": "f6", "findings": "f7", "boundaries": "f8",
    # reading a file again (its problems screen, the profiles browser)
    "reload": "r",
}


def bind(action: str, description: str, **options: Any) -> Binding:
    """The binding of one of the workbench's own actions, to its key in `WORKBENCH_KEYS`."""
    return Binding(WORKBENCH_KEYS[action], action, description, **options)


def key_for(action: str) -> str:
    """The first key of one of the workbench's own actions, as a sentence names it: "Ctrl+S"."""
    return _one_key(WORKBENCH_KEYS[action].split(",")[0])


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


def choice_letters(options, yes_no: bool) -> dict[str, int]:
    """Letter shortcuts from the labels a person reads (never the hidden stored values):
    y and n for yes/no; for a choice, in order, the first letter of its label that no
    earlier choice took (Before kickoff b, After kickoff a, About even o, Don't know d)."""
    if yes_no:
        return {"y": 0, "n": 1}
    letters: dict[str, int] = {}
    for index, (_, label) in enumerate(options):
        free = next((c for c in str(label).lower() if c.isalpha() and c.isascii() and c not in letters), None)
        if free is not None:
            letters[free] = index
    return letters

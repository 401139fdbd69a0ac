"""Each of the workbench's own keys is written once, in truthmap.workbench.keys: the
bindings are made from it and every sentence that names a key asks it (issue 18)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import truthmap.workbench
from truthmap.workbench.keys import WORKBENCH_KEYS, key_for, key_label

WORKBENCH = Path(truthmap.workbench.__file__).parent


def _docstrings(tree: ast.AST) -> set[int]:
    """Docstrings and other bare string statements: words for the reader of the code."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def _spellings() -> re.Pattern[str]:
    keys = {key for keys in WORKBENCH_KEYS.values() for key in keys.split(",") if len(key) > 1}
    names = keys | {key_label(key) for key in keys if len(key_label(key)) > 1}  # "?" is punctuation too
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w+])(?:{alternatives})(?![\w+])")


def test_no_workbench_text_spells_one_of_its_own_keys():
    spelled = _spellings()
    found = []
    for path in sorted(WORKBENCH.rglob("*.py")):
        if path.name == "keys.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        words = _docstrings(tree)
        found += [f"{path.relative_to(WORKBENCH)}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in words
                  and spelled.search(node.value)]
    assert found == []


def test_key_for_names_an_action_s_first_key_as_the_table_gives_it(monkeypatch):
    monkeypatch.setitem(WORKBENCH_KEYS, "save", "ctrl+w,ctrl+s")
    assert key_for("save") == "Ctrl+W"
    assert key_for("help") == "F1" and key_for("boundaries") == "F8" and key_for("reload") == "r"


def test_every_key_of_the_table_is_bound():
    from truthmap.workbench.app import TruthmapApp
    from truthmap.workbench.files.problems_screen import ProblemsScreen
    from truthmap.workbench.screens.main_screen import MainScreen

    bound = {binding.action.split("(")[0]: binding.key
             for owner in (TruthmapApp, MainScreen, ProblemsScreen) for binding in owner.BINDINGS}
    panes = {binding.action.split("'")[1]: binding.key for binding in MainScreen.BINDINGS
             if binding.action.startswith("focus_pane")}
    for action, keys in WORKBENCH_KEYS.items():
        if action == "command_palette":
            assert TruthmapApp.COMMAND_PALETTE_BINDING == keys
        else:
            assert (panes.get(action) or bound.get(action)) == keys, action

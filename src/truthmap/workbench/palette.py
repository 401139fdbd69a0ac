"""The command palette's commands, taken from the key bindings.

A binding with a `tooltip` is also a command: its description is the
title, its tooltip and keys the help ("Write the profile to its file ·
Ctrl+S").  So a key is written once, in its Binding, and the palette lists
exactly what the keys do on the screen it was opened from, focused pane
included.  Actions without a key are listed by the app as `Command`s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from .keys import key_label


@dataclass(frozen=True)
class Command:
    """A palette command with no key of its own."""

    title: str
    help: str
    action: str


def binding_help(binding: Binding, keys: list[str]) -> str:
    """The tooltip, then the keys that do it: "Step back one edit · Ctrl+Z"."""
    return f"{binding.tooltip} · {binding.key_display or key_label(','.join(keys))}"


def binding_commands(screen: Screen) -> Iterator[SystemCommand]:
    """A command for each binding with a tooltip that `screen`'s keys would run now.

    Keys bound to one action are one command.  Each runs on the node that
    holds the binding (the app, the screen, the focused widget).
    """
    found: dict[tuple[int, str], tuple[DOMNode, Binding, list[str]]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.tooltip and active.enabled and not binding.system:
            _, _, keys = found.setdefault((id(active.node), binding.action), (active.node, binding, []))
            keys.append(binding.key)
    for node, binding, keys in found.values():
        yield SystemCommand(binding.description, binding_help(binding, keys),
                            partial(node.app.run_action, binding.action, node))

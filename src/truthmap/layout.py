"""Saving a hand-edited profile without losing what the person wrote.

A profile is a file people edit by hand: comments, blank lines and the
order of keys are theirs.  :func:`kept_layout` applies the difference
between two versions of a profile to the file's own text with tomlkit
(the library Harlequin writes its config with), item by item: a changed
answer changes one line, a removed record removes its table, and every
untouched line stays byte for byte.

tomlkit is slow on large files (benchmarks/README.md has the figures), so
larger files are rewritten in truthmap's own layout instead, and the
workbench says so before saving.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

LAYOUT_KEPT_MAX_BYTES = 128 * 1024  # keeps a save of a hand-edited file short (benchmarks/README.md)

Document = dict[str, Any]


def kept_layout(text: str, before: Document, after: Document) -> str | None:
    """`text` (which reads as `before`) changed to read as `after`; None when it cannot be done.

    The caller checks that the result reads back as `after`: any surprise in
    an unusual file falls back to the plain rewrite, never to a wrong save.
    """
    if len(text) > LAYOUT_KEPT_MAX_BYTES:  # characters: at most the byte count
        return None
    import tomlkit  # only a save of a hand-edited file needs it

    try:
        document = tomlkit.parse(text)
        _patch_table(document, before, after)
        return tomlkit.dumps(document)
    except Exception:  # noqa: BLE001 - any surprise in a file's shape: the checked rewrite is saved instead
        return None


def layout_fits(text: str) -> bool:
    """Whether a file of `text` is small enough to keep its own layout when saved."""
    return len(text) <= LAYOUT_KEPT_MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) <= LAYOUT_KEPT_MAX_BYTES


def same(first: object, second: object) -> bool:
    """Equal with types: `6` and `6.0`, `1` and `true` differ (the file would change)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return first.keys() == second.keys() and all(same(first[key], second[key]) for key in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(map(same, first, second))
    return first == second


def _patch_table(table: Any, before: Document, after: Document) -> None:
    for key in before:
        if key not in after and key in table:
            del table[key]
    for key, value in after.items():
        old = before.get(key)
        if key in table and same(old, value):
            continue
        if key in table and isinstance(old, dict) and isinstance(value, dict):
            _patch_table(table[key], old, value)
        elif key in table and _tables(old) and _tables(value) and len(table[key]) == len(old):
            _patch_list(table[key], old, value)
        else:
            table[key] = _item(value, top=table is not None and _is_document(table))


def _patch_list(items: Any, before: list[Document], after: list[Document]) -> None:
    """Entries matched as a diff does lines: kept ones untouched, changed ones patched key by key."""
    keys = [_key(entry) for entry in before], [_key(entry) for entry in after]
    opcodes = SequenceMatcher(None, *keys, autojunk=False).get_opcodes()
    for tag, start, end, new_start, new_end in reversed(opcodes):
        if tag == "equal":
            continue
        if tag == "replace" and end - start == new_end - new_start:
            for offset in range(end - start):
                _patch_table(items[start + offset], before[start + offset], after[new_start + offset])
            continue
        for index in reversed(range(start, end)):
            del items[index]
        inline = not _is_aot(items)
        for offset, entry in enumerate(after[new_start:new_end]):
            position = start + offset
            new = _entry(entry, inline)
            if not inline and position > 0 and not items[position - 1].as_string().endswith("\n\n"):
                new.trivia.indent = "\n"  # one blank line before its [[header]], as the rewrite has
            items.insert(position, new)


def _item(value: Any, *, top: bool) -> Any:
    """A new value in the file's terms: lists of tables at the top are [[tables]], inside them inline."""
    import tomlkit

    if _tables(value) and value:
        if top:
            aot = tomlkit.aot()
            for index, entry in enumerate(value):
                table = _entry(entry, inline=False)
                table.trivia.indent = "\n" if index else ""  # a blank line between [[tables]]
                aot.append(table)
            return aot
        array = tomlkit.array()
        for entry in value:
            array.append(_entry(entry, inline=True))
        return array
    if isinstance(value, dict):
        table = tomlkit.table() if top else tomlkit.inline_table()
        for key, item in value.items():
            table.append(key, _item(item, top=False))
        return table
    return tomlkit.item(value)


def _entry(entry: Document, inline: bool) -> Any:
    import tomlkit

    table = tomlkit.inline_table() if inline else tomlkit.table()
    for key, value in entry.items():
        table.append(key, _item(value, top=False))
    return table


def _key(entry: Document) -> str:
    return repr(sorted((key, type(value).__name__, repr(value)) for key, value in entry.items()))


def _tables(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(entry, dict) for entry in value)


def _is_aot(items: Any) -> bool:
    from tomlkit.items import AoT

    return isinstance(items, AoT)


def _is_document(table: Any) -> bool:
    from tomlkit import TOMLDocument

    return isinstance(table, TOMLDocument)

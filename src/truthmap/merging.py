"""Merging two lines of work on one profile, item by item.

A recovery copy holds edits made against the file as it was (the base);
meanwhile another window may have saved the file.  :func:`merge` applies the
copy's edits to the file as it is now wherever they do not collide: the same
answer, the same system (by id), record (by kind of data, in order), stage or
handoff (by its two stages), or the name and notes.  Where both sides changed
one item differently, that is a collision, listed in words and settled the
way the caller says.

Pure Python on the file form of a profile (`storage.profile_document`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from .layout import same
from .storage import ProfileError, profile_document, profile_of
from .text import visible
from .vocabulary import series

if TYPE_CHECKING:
    from .model import Profile

Document = dict[str, Any]

# Each list section and how one of its entries is known across versions.
_KEYS: dict[str, Callable[[Document], Hashable]] = {
    "systems": lambda entry: entry.get("id"),
    "records": lambda entry: entry.get("entity"),
    "stages": lambda entry: entry.get("stage"),
    "handoffs": lambda entry: (entry.get("from"), entry.get("to")),
    "evidence": lambda entry: (entry.get("system"), entry.get("file")),
}
_SCALARS = ("name", "notes", "target_of")


@dataclass(frozen=True)
class Merged:
    profile: Profile | None  # None: the merged parts do not make a valid profile (see `problems`)
    collisions: list[str]  # "answer team_size: yours 3, the file's 4"
    problems: list[str]  # why the merged profile is not valid, if it is not (the lines shown)


def merge(base: Profile, mine: Profile, theirs: Profile, *, prefer_mine: bool) -> Merged:
    """`theirs` with the changes from `base` to `mine`; collisions go to `mine` when `prefer_mine`."""
    old, ours, other = (profile_document(profile) for profile in (base, mine, theirs))
    collisions: list[str] = []
    merged: Document = {"schema": max(ours["schema"], other["schema"])}
    for key in _SCALARS:
        _put(merged, key, _pick(old.get(key), ours.get(key), other.get(key), key, collisions, prefer_mine))
    answers = _merge_table(old.get("answers", {}), ours.get("answers", {}), other.get("answers", {}),
                           collisions, prefer_mine)
    _put(merged, "answers", answers or None)
    for section, key in _KEYS.items():
        entries = _merge_list(old.get(section, []), ours.get(section, []), other.get(section, []), key,
                              section, collisions, prefer_mine)
        _put(merged, section, entries or None)
    return _built(merged, collisions)


class Change(NamedTuple):
    """One item a version changed: its kind ("answer", "system", "record", "stage",
    "handoff", "evidence", or the scalar's own name) and the item in words."""

    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


def changed_items(base: Profile, mine: Profile) -> list[Change]:
    """What `mine` changed from `base`, item by item as a merge sees them, in words:
    "the name", "answer team size", "Client record", "system Asana", "stage Kickoff"."""
    from .knowledge import knowledge

    old, ours = profile_document(base), profile_document(mine)
    changed = [Change(key, f"the {key.replace('_', ' ')}") for key in _SCALARS if not same(old.get(key), ours.get(key))]
    before, after = old.get("answers", {}), ours.get("answers", {})
    changed += [Change("answer", f"answer {key.replace('_', ' ')}")
                for key in [*after, *(k for k in before if k not in after)]
                if not same(before.get(key), after.get(key))]
    labels = knowledge()

    def named(section: str, item: tuple[Hashable, int], entry: Document) -> str:
        name, number = item
        if section == "systems":
            text = f"system {visible(str(entry.get('name') or name))}"
        elif section == "records":
            text = f"{labels.entity_label(str(name))} record"
        elif section == "stages":
            text = f"stage {labels.stages[name].label if name in labels.stages else name}"
        elif section == "handoffs":
            text = "handoff " + " → ".join(labels.stages[s].label if s in labels.stages else str(s) for s in name)
        else:
            text = f"{section.removesuffix('s')} {_label((name, 1))}"
        return text if number == 1 else f"{text} (#{number})"

    for section, key in _KEYS.items():
        was, now = _keyed(old.get(section, []), key), _keyed(ours.get(section, []), key)
        for item in [*now, *(item for item in was if item not in now)]:
            if not same(was.get(item), now.get(item)):
                changed.append(Change(section.removesuffix("s"), named(section, item, now.get(item) or was[item])))
    return changed


SHOWN_CHANGES = 4  # changes named one by one; more are counted by kind ("16 answers, 4 systems")


def changes_in_words(changes: list[Change]) -> str:
    """A few changes by name; many by kind, a kind changed once still by name
    ("the name, 12 answers and 3 systems"); "" for none."""
    if not changes:
        return ""
    if len(changes) <= SHOWN_CHANGES:
        parts = [change.text for change in changes]
    else:
        kinds = Counter(change.kind for change in changes)
        parts = [change.text for change in changes if kinds[change.kind] == 1]
        parts += [f"{count} {kind}s" for kind, count in kinds.items() if count > 1]
    return series(parts)


def _built(document: Document, collisions: list[str]) -> Merged:
    try:
        return Merged(profile_of(document, "merged profile"), collisions, [])
    except ProfileError as error:
        return Merged(None, collisions, error.shown())


def _put(document: Document, key: str, value: object) -> None:
    if value is not None:
        document[key] = value


def _pick(base: Any, mine: Any, theirs: Any, what: str, collisions: list[str], prefer_mine: bool) -> Any:
    """Three-way choice for one item: whoever changed it wins; both, differently, collide."""
    if same(mine, base) or same(mine, theirs):
        return theirs
    if same(theirs, base):
        return mine
    collisions.append(f"{what}: yours {_shown(mine)}, the file's {_shown(theirs)}")
    return mine if prefer_mine else theirs


def _merge_table(base: Document, mine: Document, theirs: Document, collisions: list[str],
                 prefer_mine: bool) -> Document:
    keys = [*theirs, *(key for key in mine if key not in theirs)]
    merged = {key: _pick(base.get(key), mine.get(key), theirs.get(key), f"answer {key}", collisions, prefer_mine)
              for key in keys}
    return {key: value for key, value in merged.items() if value is not None}


def _merge_list(base: list[Document], mine: list[Document], theirs: list[Document],
                key: Callable[[Document], Hashable], section: str, collisions: list[str],
                prefer_mine: bool) -> list[Document]:
    """Entries matched by key (the n-th of a repeated key with the n-th); the file's order, then new ones of yours."""
    old, ours, other = _keyed(base, key), _keyed(mine, key), _keyed(theirs, key)
    order = [*other, *(item for item in ours if item not in other)]
    merged = []
    for item in order:
        what = f"{section.removesuffix('s')} {_label(item)}"
        entry = _pick(old.get(item), ours.get(item), other.get(item), what, collisions, prefer_mine)
        if entry is not None:
            merged.append(entry)
    return merged


def _keyed(entries: list[Document], key: Callable[[Document], Hashable]) -> dict[tuple[Hashable, int], Document]:
    counts: dict[Hashable, int] = {}
    keyed = {}
    for entry in entries:
        name = key(entry)
        counts[name] = counts.get(name, 0) + 1
        keyed[(name, counts[name])] = entry
    return keyed


def _label(item: tuple[Hashable, int]) -> str:
    name, number = item
    text = " → ".join(map(str, name)) if isinstance(name, tuple) else str(name)
    return text if number == 1 else f"{text} (#{number})"


def _shown(value: Any) -> str:
    """A value of a collision as the dialog says it: text quoted and made visible, a table by its scalars."""
    if value is None:
        return "(removed)"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} {_shown(item)}" for key, item in value.items() if not isinstance(item, list)) + "}"
    if isinstance(value, str):
        return visible(repr(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)

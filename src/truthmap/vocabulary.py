"""The profile's vocabulary and limits: ids, choices, sizes and the checks on raw values.

One module for these facts, shared by the profile models (truthmap.model),
the questionnaire and the dialogs, so a limit or a choice is written once.
Ids of models, stages and kinds come from the knowledge files.
"""

from __future__ import annotations

import datetime
import re

from .knowledge import knowledge

# The newest schema this truthmap reads.  A file is saved with the lowest
# schema that holds what it uses (and never lower than it said), so a
# schema-1 file stays 1 until one of the keys below is set.
SCHEMA_VERSION = 2
FIRST_SCHEMA = 1
SCHEMA_OF_KEY = {"target_of": 2, "evidence": 2}


def schema_needed(document: dict) -> int:
    """The lowest schema that can hold the top-level keys of `document`."""
    return max([FIRST_SCHEMA, *(SCHEMA_OF_KEY.get(key, FIRST_SCHEMA) for key in document)])


# Ids come from the knowledge files; the Literal types of truthmap.model are made
# from these tuples, and a test keeps them equal to the lists SPEC.md gives.
MODELS = tuple(knowledge().models)
STAGES = tuple(knowledge().stages)
SYSTEM_KINDS = tuple(knowledge().kinds)
SYNC_MODES = tuple(knowledge().syncs)
# How a copy is kept current, after its name ("re-typed by hand"): syncs.toml's words.
SYNC_WORDS = {sync.id: sync.words for sync in knowledge().syncs.values()}
WHERE_VALUES = ("before-kickoff", "after-kickoff", "even", "unknown")
COMPLEXITY_VALUES = ("low", "medium", "high")
RULES_VALUES = ("yes", "no", "unsure")

ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
# Free text is for people to read in a cell or a line: a name, a person, a
# trigger.  Notes may run longer.  Beyond these, a value is almost surely a
# paste gone wrong, and would make every screen and report slow to draw.
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 200
MAX_NOTES_LENGTH = 4000
# How many entries an error message lists before it says how many more there are.
MAX_LISTED = 8

# A profile file: its size cap, and how many of its problems are told.
MAX_PROFILE_BYTES = 1024 * 1024  # room for 10,000 records with a copy each
MAX_PROBLEM_LINES = 25
# Bounds that keep reading any file up to the size cap well under a second:
# Python 3.11's TOML reader is quadratic in the parts of a dotted key or
# table header, and turning a very long digit string into an int is slow or
# refused.  A profile needs keys of at most two parts and numbers of a few
# digits, so these bounds only ever refuse a broken or hostile file.
MAX_KEY_PARTS = 16
MAX_BARE_LENGTH = 100  # a bare key, number, boolean or date
MAX_LIST_ITEMS = 12_000  # entries of any one array (systems, records, copies...)
MAX_VALUES = 100_000  # values in the whole document
# TOML integers are 64-bit; Python's reader accepts more, other readers would not
# (and arithmetic on a 400-digit count overflows when turned into a float).
TOML_INT_MAX = 2**63 - 1


def listed(items: list[str], limit: int = MAX_LISTED) -> str:
    """`a, b, c` or, for a long list, the first few and `… and 1,995 more`."""
    if len(items) <= limit:
        return ", ".join(items)
    return f"{', '.join(items[:limit])} … and {len(items) - limit:,} more"


def series(items: list[str], last: str = "and") -> str:
    """Items as a sentence lists them: "HubSpot, Trello and Asana" (`last`: "or" for a choice)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


# TOML's names of the types a value can have, bool before int (a bool is an int).
_TYPE_NAMES = (
    (bool, "a boolean"), (int, "an integer"), (float, "a decimal number"), (str, "a string"),
    (list, "an array"), (dict, "a table"), ((datetime.date, datetime.time), "a date or time"),
)


def type_name(value: object) -> str:
    """The TOML name of a value's type, for error messages."""
    for types, name in _TYPE_NAMES:
        if isinstance(value, types):
            return name
    return "nothing" if value is None else f"a {type(value).__name__} value"


def is_id(value: object) -> bool:
    """Whether `value` can be an id: lowercase letter first, then a-z, 0-9, _ or -; 64 at most."""
    return isinstance(value, str) and len(value) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(value) is not None


def number_problem(value: object, minimum: float, integer: bool) -> str | None:
    """Why `value` cannot be a count (`integer`) or an amount of at least `minimum`; None if it can."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"expected {'an integer' if integer else 'a number'}, got {type_name(value)}"
    if integer and not isinstance(value, int):
        return "expected an integer, got a decimal number"
    if value != value or value in (float("inf"), float("-inf")):
        return "expected a finite number"
    if value < minimum:
        return f"must be at least {minimum:g}"
    if isinstance(value, int) and value > TOML_INT_MAX:
        return f"too large (TOML integers stop at {TOML_INT_MAX})"
    return None


def text_problem(value: object, limit: int) -> str | None:
    """Why `value` cannot be free text of at most `limit` characters; None if it can."""
    if not isinstance(value, str):
        return f"expected a string, got {type_name(value)}"
    if len(value) > limit:
        return f"too long: {len(value):,} characters (at most {limit:,})"
    return None


# ----------------------------------------------------------- references


def document_reference_problems(document: object) -> list[tuple[str, str]]:
    """The reference problems of a profile as read from TOML, valid or not.

    Works on the raw tables, so a file with type errors still has its unknown
    system ids and stage clashes reported in the same pass.  Only values of the
    right shape are judged here (a misshapen one has its own validation error),
    and every string id declared counts as declared, so one bad id does not
    bring a cascade of "unknown system" lines with it.
    """
    problems: list[tuple[str, str]] = []

    def entries(key: str) -> list[tuple[int, dict]]:
        value = document.get(key) if isinstance(document, dict) else None
        if not isinstance(value, list):
            return []
        return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]

    def first(seen: dict[str, int], key: str, index: int, path: str, clash: str) -> None:
        """Remember where `key` first stood; a second one is a problem naming the first."""
        if key in seen:
            problems.append((path, clash.format(first=seen[key])))
        else:
            seen[key] = index

    declared: dict[str, int] = {}
    for index, system in entries("systems"):
        system_id = system.get("id")
        if isinstance(system_id, str):
            first(declared, system_id, index, f"systems[{index}].id",
                  f"duplicate system id {system_id!r} (first declared at systems[{{first}}])")

    def check(system_id: object, where: str, *at: int) -> None:
        if isinstance(system_id, str) and system_id not in declared:
            known = listed(list(declared)) or "none declared"
            problems.append((where.format(*at), f"unknown system {system_id!r} (declared systems: {known})"))

    for index, record in entries("records"):
        check(record.get("owner"), "records[{}].owner", index)
        copies = record.get("copies")
        for copy_index, copy in enumerate(copies if isinstance(copies, list) else []):
            if isinstance(copy, dict):
                check(copy.get("system"), "records[{}].copies[{}].system", index, copy_index)
    seen_stages: dict[str, int] = {}
    for index, stage in entries("stages"):
        check(stage.get("system"), "stages[{}].system", index)
        stage_id = stage.get("stage")
        if isinstance(stage_id, str) and stage_id in STAGES:
            first(seen_stages, stage_id, index, f"stages[{index}].stage",
                  f"stage {stage_id!r} is already mapped at stages[{{first}}]")
    for index, handoff in entries("handoffs"):
        start, end = handoff.get("from"), handoff.get("to")
        if start in STAGES and end in STAGES and STAGES.index(end) <= STAGES.index(start):
            problems.append((f"handoffs[{index}].to", f"{end!r} must come after {start!r} in the lifecycle"))
    for index, evidence in entries("evidence"):
        check(evidence.get("system"), "evidence[{}].system", index)
    return problems

"""Adversarial profile shapes: small files that are slow or huge to read naively.

Each shape builds TOML text of about `size` bytes from a repeated unit, so the
same shape can be tried small (in the Hypothesis suite) and right at the size
cap (in the bound test and `benchmarks/bench_parse.py`).  Not a test module.
"""

from __future__ import annotations

import time
from collections.abc import Callable

HEAD = 'schema = 1\nname = "x"\n'


def _repeat(prefix: str, unit: str, suffix: str, size: int) -> str:
    count = max(1, (size - len(prefix) - len(suffix)) // len(unit))
    return prefix + unit * count + suffix


def _numbered(make: Callable[[int], str], size: int, prefix: str = HEAD) -> str:
    parts, used, index = [prefix], len(prefix), 0
    while True:
        part = make(index)
        if used + len(part) > size:
            return "".join(parts)
        parts.append(part)
        used += len(part)
        index += 1


SHAPES: dict[str, Callable[[int], str]] = {
    # Python 3.11's tomllib is quadratic in the parts of one dotted key...
    "long dotted key": lambda size: _repeat(HEAD + "a", ".a", " = 1\n", size),
    "long quoted dotted key": lambda size: _repeat(HEAD + '"a"', '."a"', " = 1\n", size),
    "long dotted header": lambda size: _repeat(HEAD + "[a", ".a", "]\nb = 1\n", size),
    "long array-of-tables header": lambda size: _repeat(HEAD + "[[a", ".a", "]]\n", size),
    "dotted key in an inline table": lambda size: _repeat(HEAD + "x = { a", ".a", " = 1 }\n", size),
    # ...and in a deep header followed by many keys.
    "deep header, many keys": lambda size: _numbered(lambda i: f"k{i} = 1\n", size,
                                                     HEAD + "[" + ".".join(["a"] * 16) + "]\n"),
    "many keys": lambda size: _numbered(lambda i: f"k{i} = {i}\n", size),
    "many dotted keys": lambda size: _numbered(lambda i: f"a.b.c.k{i} = 1\n", size),
    "many tables": lambda size: _numbered(lambda i: f"[t{i}]\n", size),
    "many array tables": lambda size: _repeat(HEAD, "[[records]]\n", "", size),
    "many valid records": lambda size: _numbered(
        lambda i: f'[[records]]\nentity = "e{i}"\nsteward = "Dana"\n', size),
    "many empty copies": lambda size: _repeat(HEAD + '[[records]]\nentity = "x"\ncopies = [', "{},", "]\n", size),
    "long integer array": lambda size: _repeat(HEAD + "notes = [", "1,", "]\n", size),
    "long float array": lambda size: _repeat(HEAD + "notes = [", "1.5,", "]\n", size),
    "many inline tables": lambda size: _repeat(HEAD + "notes = [", "{},", "]\n", size),
    "huge integer": lambda size: _repeat(HEAD + "[answers]\nteam_size = ", "9", "\n", size),
    "huge float": lambda size: _repeat(HEAD + "[answers]\nsales_cycle_weeks = 1.", "5", "\n", size),
    "long bare key": lambda size: _repeat(HEAD, "k", " = 1\n", size),
    "long string": lambda size: _repeat('schema = 1\nname = "', "x", '"\n', size),
    "long notes": lambda size: _repeat(HEAD + 'notes = "', "word ", '"\n', size),
    "long multi-line string": lambda size: _repeat(HEAD + 'notes = """', 'a""b\\\n', '"""\n', size),
    "many escapes": lambda size: _repeat(HEAD + 'notes = "', "\\u00e9", '"\n', size),
    "deep arrays": lambda size: HEAD + "notes = " + "[" * (size // 2 - 20) + "]" * (size // 2 - 20) + "\n",
    "deep inline tables": lambda size: HEAD + "notes = " + "{a=" * (size // 4 - 20) + "1" + "}" * (size // 4 - 20) + "\n",
    "many comments": lambda size: _repeat(HEAD, "# a comment\n", "", size),
    "many unknown systems": lambda size: HEAD + "".join(
        f'[[systems]]\nid = "s{i}"\nname = "S"\nkind = "pm"\n' for i in range(900)) + _numbered(
        lambda i: f'[[records]]\nentity = "e{i}"\nowner = "ghost"\n', max(0, size - 50_000), ""),
}


def library_seconds(text: str) -> float:
    """CPU seconds the TOML library alone takes on `text` (reading it or refusing it):
    the bound tests' allowance on a slow or loaded machine is a multiple of this."""
    import tomli

    start = time.thread_time()
    try:
        tomli.loads(text)
    except Exception:  # noqa: BLE001 - hostile text: the library refuses it as it likes
        pass
    return time.thread_time() - start

"""The Markdown reports: the client report (reports/client.py) with the workflow
map as Mermaid, and the comparison of several profiles.

Profile text is escaped so it always reads as the words that were written:
no markup, links, HTML or table breaks can be smuggled in through a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from ..analysis import Analysis
from ..comparing import Comparison
from ..text import _INVISIBLE, visible  # the one definition of what visible() replaces
from . import client
from .dates import report_date
from .mermaid import mermaid_of

if TYPE_CHECKING:
    from ..model import Profile
    from .target import TargetChanges

# Inline specials of CommonMark/GFM; a backslash makes each literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# What a GFM or linkify renderer would turn into a link with no link syntax at
# all: `scheme://`, `mailto:`/`xmpp:`, `www.` and bare domains (non-ASCII ones
# too), `a@b.c`.  A backslash before the `:`, `.` or `@` keeps the text and
# breaks the link where it is found while parsing.
_AUTOLINK = re.compile(r"(?i):(?=//)|(?<=mailto):|(?<=xmpp):|\.(?=\w)|@")
# cmark-gfm (GitHub) finds addresses after parsing, in the text with escapes
# undone; an empty <wbr> (no character, a line may break there) between the
# name and the `@` splits that text, so no address is left to find.
_ADDRESS_AT = re.compile(r"(?<=[\w.+-])(?=\\@)")
# What would start a block (heading, list, quote, rule) at the start of a line.
_BLOCK_START = re.compile(r"^()([#>+\-=])|^(\d+)([.)])")
SEPARATOR = " \u00b7 "
# Whatever md() would change: a special, what could start a link, an invisible character.
_ANY_WORK = re.compile(f"{_SPECIAL.pattern}|[:@]|\\.(?=\\w)|{_INVISIBLE.pattern}")


def md(value: object) -> str:
    """One line of profile text, safe inline and inside a table cell."""
    text = str(value)
    if not _ANY_WORK.search(text):  # most words need nothing: one scan instead of four
        return text
    return _inert(_SPECIAL.sub(r"\\\1", visible(text)))


def _inert(escaped: str) -> str:
    """Escaped text with bare URLs, domains and addresses made unlinkable too."""
    return _ADDRESS_AT.sub("<wbr>", _AUTOLINK.sub(lambda match: "\\" + match.group(), escaped))


def md_block(value: str) -> list[str]:
    """Multi-line profile text (notes): each line escaped, line starts defused."""
    result = []
    for line in visible(value, keep_newlines=True).split("\n"):
        escaped = _inert(_SPECIAL.sub(r"\\\1", line.strip()))
        result.append(_BLOCK_START.sub(_defuse, escaped))
    return result


def _defuse(match: re.Match[str]) -> str:
    """`# x` -> `\\# x`; `1. x` -> `1\\. x` (a backslash only escapes punctuation)."""
    if match[2]:
        return "\\" + match[2]
    return match[3] + "\\" + match[4]


def code(identifier: str) -> str:
    """An id or profile path (never free text) as a code span."""
    return f"`{identifier}`"


def table(header: Iterable[str], rows: Iterable[Iterable[str]], align: Iterable[str] | None = None) -> list[str]:
    """A GFM table; cells must already be escaped."""
    header = list(header)
    aligns = list(align) if align else ["---"] * len(header)
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def fenced(language: str, body: str) -> list[str]:
    """A code fence longer than any backtick run inside, so nothing can close it early."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", body.rstrip("\n"), fence]


# ------------------------------------------------------------------ the report


def render(profile: Profile, analysis: Analysis, *, date: dt.date | None = None, detail: bool = False,
           target: TargetChanges | None = None) -> str:
    """The client report (reports/client.py) as Markdown; `date` None: today's (report_date)."""
    report = client.build(profile, analysis, date=date or report_date(), detail=detail, target=target)
    out = [f"# {_heading(report.title)}", "", f"{md(report.subtitle)}{SEPARATOR}{report.date_words}"]
    if report.notes:
        out += ["", *("> " + line for line in md_block(report.notes))]
    for section in report.sections:
        out += ["", f"{'#' * section.level} {md(section.title)}"]
        for block in section.blocks:
            out += ["", *_block(block)]
    return "\n".join(out) + "\n"


def _heading(text: str) -> str:
    """Profile text as a heading's words: a `#` at its end would otherwise close the heading and vanish."""
    escaped = md(text).rstrip()
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped


def _block(block: client.Block) -> list[str]:
    if isinstance(block, client.Para):
        text = _line(block.spans)
        return [f"*{text}*" if block.kind == "note" else text]
    if isinstance(block, client.Items):
        out = []
        for number, item in enumerate(block.items, block.start):
            marker = f"{number}." if block.ordered else "-"
            indent = " " * (len(marker) + 1)
            lines = [_line(item.spans), *(_line(more) for more in item.more)]
            out.append(f"{marker} " + f"  \n{indent}".join(lines))
        return out
    if isinstance(block, client.Table):
        align = [("---:" if right else ":---") for right in block.numeric] or None
        return table([md(cell) for cell in block.header], ([_line(cell) or " " for cell in row] for row in block.rows),
                     align)
    if isinstance(block, client.Quote):
        return ["> " + line for line in md_block(block.text)]
    if isinstance(block, client.Map):
        return [*fenced("mermaid", mermaid_of(block.smap)), "",
                "*The map is a Mermaid diagram; where it is not drawn, the tables below say the same in words.*"]
    raise TypeError(f"unknown block {block!r}")


# A large report says the same few thousand strings (names, labels, a risk every model shares)
# many times over: each is escaped once.
_md = lru_cache(maxsize=16384)(md)


def _line(spans: client.Line) -> str:
    return "".join(_span(span) for span in spans)


def _span(span: client.Span) -> str:
    if isinstance(span, str):
        return _md(span)
    if isinstance(span, client.Strong):
        return f"**{_md(span.text)}**"
    if isinstance(span, client.Code):
        return code(span.text)
    if isinstance(span, client.Badge):
        return f"**{client.SEVERITY_WORDS.get(span.severity, span.severity)}**"
    if isinstance(span, client.Score):
        return span.text
    raise TypeError(f"unknown span {span!r}")


# --------------------------------------------------------------- comparison


def render_comparison(comparison: Comparison) -> str:
    names = [f"{md(c.name)}<br>{md(c.label)}" for c in comparison.columns]
    out = ["# truthmap comparison", "",
           f"{len(comparison.columns)} profiles; {comparison.differing} rows differ (marked \u2260)."]
    for section in comparison.sections:
        out += ["", f"## {section.title}", ""]
        if not section.rows:
            out.append("Nothing mapped in any profile.")
            continue
        rows = [["\u2260" if row.differs else "", md(row.label), *(md(c) for c in row.cells)] for row in section.rows]
        out += table(["", "", *names], rows)
    return "\n".join(out) + "\n"

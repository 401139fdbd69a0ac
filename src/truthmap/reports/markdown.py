"""The Markdown report: headings, tables and the workflow map as Mermaid.

Profile text is escaped so it always reads as the words that were written:
no markup, links, HTML or table breaks can be smuggled in through a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from collections.abc import Iterable, Iterator

from ..analysis import Analysis, Finding, Projection
from ..analysis.types import Cause, Reason
from ..comparing import Comparison
from ..vocabulary import MODELS
from ..text import visible
from . import common
from .mermaid import mermaid_map

if TYPE_CHECKING:
    from ..model import Profile

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


def md(value: object) -> str:
    """One line of profile text, safe inline and inside a table cell."""
    return _inert(_SPECIAL.sub(r"\\\1", visible(str(value))))


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


def render(profile: Profile, analysis: Analysis) -> str:
    parts = [
        _header(profile),
        _recommendation(analysis),
        _matrix(analysis),
        _current(analysis),
        _map(profile, analysis),
        _findings(profile, analysis.findings),
        _comparison(profile, analysis),
    ]
    return "\n".join(line for part in parts if part for line in [*part, ""]).rstrip("\n") + "\n"


def _header(profile: Profile) -> list[str]:
    out = [f"# truthmap report: {md(profile.name)}"]
    if profile.notes:
        out.append("")
        out.extend("> " + line for line in md_block(profile.notes))
    return out


def _recommendation(analysis: Analysis) -> list[str]:
    recommendation = analysis.recommendation
    chosen = recommendation.model
    lead = f"**Recommended: {common.model_label(chosen)}**. {md(common.standing(analysis))}."
    out = ["## Recommendation", "", lead, "", f"Details: {md(common.margin_detail(analysis))}.", ""]
    if recommendation.override:
        out += [f"Note: {md(recommendation.override)}", ""]
    if recommendation.precondition:
        out += [f"**Before anything else:** {md(recommendation.precondition)}", ""]
    rows = [
        [("**%s**" if m == chosen else "%s") % common.model_label(m), common.score(analysis.scores.get(m)),
         "recommended" if m == chosen else ""]
        for m in common.ranked_models(analysis.scores)
    ]
    out += table(["Model", "Fit (0-100)", ""], rows, [":---", "---:", ":---"])
    out += ["", "### Why", ""]
    for number, reason in enumerate(recommendation.reasons, 1):
        out.extend(_reason(number, reason))
    flip = recommendation.flip
    out += ["", "### What would change it", "", md(flip.text) if flip else common.NO_FLIP]
    decisive, firm = common.sensitivity_lines(recommendation)
    if decisive:
        out += [""] + [f"- {md(line)}" for line in decisive]
        if firm:
            out += ["", md("No other single answer changes it: " + ", ".join(firm) + ".")]
    return out


def _reason(number: int, reason: Reason) -> list[str]:
    effect = ""
    if reason.model and reason.effect:
        effect = f"{SEPARATOR}{common.case_points(reason)}"
    out = [f"{number}. {md(reason.text)}  ", f"   rule {code(reason.rule)}{effect}"]
    out.extend(f"   - {_cause(cause)}" for cause in {c.path: c for c in reason.causes}.values())
    return out


def _cause(cause: Cause) -> str:
    return f"{md(cause.text)} ({code(cause.path)})"


def _rating(cell) -> str:
    if cell is None:
        return "-"
    condition, _, rating = cell.rating.rpartition(": ")
    return f"{rating} ({condition})" if condition else rating


def _matrix(analysis: Analysis) -> list[str]:
    header = ["Criterion", "Weight", *(common.model_label(m) for m in MODELS), "Your setup", "Weighted because"]
    rows = [
        [f"**{md(row.label)}**", common.score(row.weight), *(_rating(row.cells.get(m)) for m in MODELS),
         _rating(row.setup), md(row.why)]
        for row in analysis.matrix
    ]
    rows.append(["**Fit (0-100)**", "", *(f"**{common.score(analysis.scores.get(m))}**" for m in MODELS),
                 "not a model", ""])
    note = ("Ratings are the model's standing on each criterion; for admin overhead and setup complexity "
            "a lower rating is the better one. Weights come from your answers; 0 means it does not count.")
    return ["## Criteria matrix", "", *table(header, rows, [":---", "---:", *[":---"] * 5]), "", note]


def _current(analysis: Analysis) -> list[str]:
    health = analysis.health
    return ["## Your setup today", "",
            f"Resembles **{common.model_label(analysis.current_model)}**. {md(analysis.current_why)}", "",
            f"**Workflow health: {common.health_total(health)}** (each area 0 missing or broken, 1 fragile, 2 solid)",
            "", *(f"- {area.score}/2 {md(common.area_line(area))}" for area in health.areas)]


def _map(profile: Profile, analysis: Analysis) -> list[str]:
    return ["## Workflow map", "", *fenced("mermaid", mermaid_map(profile, analysis))]


def _findings(profile: Profile, findings: tuple[Finding, ...]) -> list[str]:
    out = [f"## {common.findings_title(findings)}", ""]
    if not findings:
        return out + ["No findings: every mapped record has one owner, a steward and clean copies."]
    rows = [
        [f"**{f.severity}**", code(f.kind), md(common.where(f)),
         md(", ".join(common.system_names(profile, f.systems))) or "-",
         md(f.message), md(f.fix), code(f.rule) + (f" at {code(f.target)}" if f.target else "")]
        for f in findings
    ]
    return out + table(["Severity", "Kind", "Where", "Systems", "What is wrong", "Fix", "Rule"], rows)


def _comparison(profile: Profile, analysis: Analysis) -> list[str]:
    if not analysis.comparison:
        return []
    out = ["## Each model with your tools", ""]
    rows = [
        [common.model_label(p.model) + (" (recommended)" if p.model == analysis.recommendation.model else ""),
         common.score(p.fit), str(len(p.moves)), str(len(common.other_risks(p))),
         md(", ".join(common.role_label(r) for r in p.missing) or "none"),
         "likely here" if p.failure_applies else "unlikely here"]
        for p in analysis.comparison
    ]
    out += table(["Model", "Fit", "Moves", "Risks", "Tools missing", "Failure mode"], rows,
                 [":---", "---:", "---:", "---:", ":---", ":---"])
    for projection in analysis.comparison:
        out += ["", *_projection(profile, projection)]
    return out


def _projection(profile: Profile, projection: Projection) -> Iterator[str]:
    yield f"### {common.model_label(projection.model)} (fit {common.score(projection.fit)})"
    yield ""
    label = "Failure mode, likely here" if projection.failure_applies else "Failure mode"
    yield f"**{label}:** {md(common.failure_text(projection))}  "
    yield f"**Tools missing:** {md(common.missing_text(projection))}"
    yield ""
    if projection.moves:
        yield from table(
            ["Entity", "From", "To", "Why"],
            [[md(common.entity_label(m.entity)), md(common.move_from(profile, m)), md(common.move_to(profile, m)),
              md(m.why)] for m in projection.moves],
        )
    else:
        yield "No record would move."
    yield ""
    risks = common.other_risks(projection)
    yield "**Risks:**" if risks else "**Risks:** none appear with your records."
    yield from (f"- **{risk.severity}** {md(risk.text)}" for risk in risks)
    yield ""
    yield "**Migration checklist:**"
    yield ""
    yield from (f"{n}. {md(step)}" for n, step in enumerate(projection.checklist, 1))


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

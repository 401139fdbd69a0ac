"""The evidence report: text, Markdown and JSON.

This is the one report that shows client names and addresses (the examples,
the pairs to review): every one as written, through text.visible (terminal),
the Markdown escaping, or json's escaping.  Nothing here writes a file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..cells import fit
from ..reports.common import severity_counts
from ..text import visible
from .findings import EvidenceResult
from .matching import REVIEW, SAME, Link
from .reading import Client, Export

NAME_CELLS = 48  # a client's name cut to this in text and Markdown (JSON gives it whole)
LISTED = 20  # pairs to review and duplicates listed in text and Markdown; JSON lists all


def render(result: EvidenceResult, fmt: str) -> str:
    if fmt == "json":
        from ..reports.json_report import dumps

        return dumps(report_data(result))
    return render_markdown(result) if fmt == "markdown" else render_text(result)


# ------------------------------------------------------------------ JSON


def _ref(result: EvidenceResult, client: Client) -> dict[str, Any]:
    return {"system": result.exports[client.export].system, "row": client.row, "export": client.export}


def report_data(result: EvidenceResult) -> dict[str, Any]:
    from ..reports.json_report import (
        _finding,  # the profile report's finding, key for key
    )

    label = result.label
    limits = result.thresholds
    return {
        "entity": result.entity,
        "profile": result.profile_name,
        "thresholds": {"same": limits.same, "review": limits.review},
        "exports": [{"system": e.system, "file": e.file, "rows": e.rows, "columns": dict(e.columns), "kind": e.kind,
                     "clients": len(e.clients), "encoding": e.encoding} for e in result.exports],
        "pairs": [{"a": _ref(result, link.a), "b": _ref(result, link.b), "band": link.band, "score": link.score,
                   "by": link.by} for link in result.matches.pairs],
        "duplicates": [{"system": result.exports[link.a.export].system, "export": link.a.export,
                        "rows": [link.a.row, link.b.row], "band": link.band, "score": link.score, "by": link.by}
                       for link in result.matches.duplicates],
        "only_in": {system: [{"export": c.export, "row": c.row} for c in clients]
                    for system, clients in result.only_in.items()},
        "findings": [{**_finding(label, item.finding), "counts": dict(item.counts),
                      "examples": [{**_ref(result, c), "name": c.label} for c in item.examples]}
                     for item in result.findings],
        "notices": [*result.notices, *(n for e in result.exports for n in e.notices)],
    }


# ------------------------------------------------------------------ words


def thresholds_line(result: EvidenceResult) -> str:
    limits = result.thresholds
    return (f"Bands: same at a name score of {limits.same:g} or more, or the same email or web domain; "
            f"review from {limits.review:g} to below {limits.same:g}; below {limits.review:g} unmatched "
            "(scores are rapidfuzz token_sort_ratio of the normalised names).")


def columns_words(export: Export) -> str:
    return ", ".join(f"{field} = {column}" for field, column in export.columns.items())


def match_words(result: EvidenceResult) -> str:
    pairs = result.matches.pairs
    same = [link for link in pairs if link.band == SAME]
    by = Counter(link.by for link in same)
    parts = ", ".join(f"{by[key]:,} by {key}" for key in ("email", "domain", "name") if by[key])
    review = len(pairs) - len(same)
    return f"{len(same):,} pairs the same client ({parts or 'none'}); {review:,} to review."


def _client_words(result: EvidenceResult, client: Client, width: int | None = NAME_CELLS) -> str:
    export = result.exports[client.export]
    return f"\"{fit(visible(client.label), width)}\" ({visible(export.file)} row {client.row})"


def _link_words(result: EvidenceResult, link: Link) -> str:
    return (f"{_client_words(result, link.a)} ~ {_client_words(result, link.b)}: "
            f"{link.score:g} by {link.by}")


# ------------------------------------------------------------------ text


def render_text(result: EvidenceResult) -> str:
    out = [f"Evidence for {result.entity}: {visible(result.profile_name)}", thresholds_line(result), "", "Exports"]
    for export in result.exports:
        out.append(f"  {export.index + 1}. {visible(result.label(export.system))} [{export.system}]: "
                   f"{visible(export.file)}, {export.rows:,} rows, {len(export.clients):,} clients "
                   f"({export.kind}, {export.encoding}); {visible(columns_words(export))}")
    out += ["", "Matches: " + match_words(result)]
    only = ", ".join(f"{visible(result.label(s))} {len(c):,}" for s, c in result.only_in.items())
    out.append(f"Only in one system: {only or 'none'}.")
    out += ["", f"Findings ({severity_counts([f.finding for f in result.findings])})"]
    if not result.findings:
        out.append("  None: the exports agree with the map.")
    for item in result.findings:
        finding = item.finding
        out.append(f"  {finding.severity.upper()} {finding.kind}: {visible(finding.message)}")
        out.append(f"    rule: {finding.rule}; fix: {visible(finding.fix)}")
        if item.examples:
            out.append("    e.g. " + "; ".join(_client_words(result, c) for c in item.examples))
    _text_links(out, result, "Pairs to review", [l for l in result.matches.pairs if l.band == REVIEW])
    _text_links(out, result, "Duplicates inside one export", list(result.matches.duplicates), bands=True)
    notices = [*result.notices, *(n for e in result.exports for n in e.notices)]
    if notices:
        out += ["", "Notices"] + [f"  {visible(line)}" for line in notices]
    return "\n".join(out) + "\n"


def _text_links(out: list[str], result: EvidenceResult, title: str, links: list[Link],
                bands: bool = False) -> None:
    if not links:
        return
    out += ["", f"{title} ({len(links):,})"]
    out += [f"  {_link_words(result, link)}" + (f" ({link.band})" if bands else "") for link in links[:LISTED]]
    if len(links) > LISTED:
        out.append(f"  ... and {len(links) - LISTED:,} more (--format json lists them all)")


# ------------------------------------------------------------------ Markdown


def render_markdown(result: EvidenceResult) -> str:
    from ..reports.markdown import code, md, table

    def who(client: Client) -> str:
        export = result.exports[client.export]
        return f"{md(fit(client.label, NAME_CELLS))} ({md(export.file)} row {client.row})"

    out = [f"# Evidence for {md(result.entity)}: {md(result.profile_name)}", "", md(thresholds_line(result)), "",
           "## Exports", ""]
    out += table(["#", "System", "File", "Rows", "Clients", "Columns"],
                 [[str(e.index + 1), md(result.label(e.system)), md(e.file), f"{e.rows:,}", f"{len(e.clients):,}",
                   md(columns_words(e))] for e in result.exports])
    out += ["", md("Matches: " + match_words(result)), ""]
    out += ["## Findings", ""]
    if not result.findings:
        out.append("None: the exports agree with the map.")
    for item in result.findings:
        finding = item.finding
        out.append(f"- **{finding.severity}** {code(finding.kind)}: {md(finding.message)} "
                   f"Rule {code(finding.rule)}. Fix: {md(finding.fix)}")
        if item.examples:
            out.append("  Examples: " + "; ".join(who(c) for c in item.examples))
    for title, links in (("Pairs to review", [l for l in result.matches.pairs if l.band == REVIEW]),
                         ("Duplicates inside one export", list(result.matches.duplicates))):
        if links:
            out += ["", f"## {title} ({len(links):,})", ""]
            out += table(["A", "B", "Score", "By"],
                         [[who(l.a), who(l.b), f"{l.score:g}", l.by] for l in links[:LISTED]])
            if len(links) > LISTED:
                out += ["", f"And {len(links) - LISTED:,} more (`--format json` lists them all)."]
    notices = [*result.notices, *(n for e in result.exports for n in e.notices)]
    if notices:
        out += ["", "## Notices", ""] + [f"- {md(line)}" for line in notices]
    return "\n".join(out) + "\n"


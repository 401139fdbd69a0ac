"""The client report (reports/client.py) as one self-contained HTML file.

Inline CSS, no script, nothing fetched from anywhere (system fonts only), so
the file opens the same offline, in a mail attachment or from a USB stick.
It follows the browser's light or dark setting and prints to clean A4 or
Letter pages.  The workflow map is an HTML grid: stages left to right, one
row per tool.

Every string is escaped, and its control and invisible characters shown by
the project's stand-ins (`truthmap.text.visible`), so a name holding markup
or `</style>` reads as the characters written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..swimlane import NOBODY, Chip, SwimlaneMap
from ..swimlane_draw import LEGEND, chip_look
from ..text import visible
from ..vocabulary import SYNC_WORDS
from . import client, common
from .dates import report_date

if TYPE_CHECKING:
    from ..model import Profile
    from .target import TargetChanges

_CLASS = re.compile(r"[^a-z0-9-]")
# The map's legend: what each chip look means (the rest of LEGEND draws the terminal map's lines).
_CHIP_STYLES = ("owned", "copy", "dup", "conflict", "unowned", "conversation")
PHASE_WORDS = {"pre-kickoff": "Before kickoff", "post-kickoff": "From kickoff on"}


def h(value: object) -> str:
    """One line of text, safe anywhere in the document: shown as written, never obeyed."""
    return html.escape(visible(str(value)), quote=True)


def h_lines(value: str) -> str:
    """Text of several lines: each escaped, the breaks kept."""
    return "<br>".join(html.escape(line, quote=True) for line in visible(value, keep_newlines=True).split("\n"))


def css_class(*names: str) -> str:
    return " ".join(_CLASS.sub("", name) for name in names if name)


# ------------------------------------------------------------------ the report


def render(profile: Profile, analysis: Analysis, *, date: dt.date | None = None, detail: bool = False,
           target: TargetChanges | None = None) -> str:
    """The client report as HTML; `date` None: today's (report_date)."""
    report = client.build(profile, analysis, date=date or report_date(), detail=detail, target=target)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="color-scheme" content="light dark">',
           f"<title>{h(report.title)} \u00b7 {h(report.subtitle)}</title>",
           f"<style>{STYLE}</style>", "</head>", "<body>", "<main>", *_header(report), *_contents(report)]
    open_section = False
    for section in report.sections:
        if section.level == 2:
            if open_section:
                out.append("</section>")
            anchor = f' id="{h(section.anchor)}"' if section.anchor else ""
            out.append(f'<section class="{css_class("part", section.kind)}"{anchor}>')
            open_section = True
            out.append(f"<h2>{h(section.title)}</h2>")
        else:
            anchor = f' id="{h(section.anchor)}"' if section.anchor else ""
            out.append(f"<h{section.level}{anchor}>{h(section.title)}</h{section.level}>")
        for block in section.blocks:
            out.append(_block(block))
    if open_section:
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _header(report: client.ClientReport) -> list[str]:
    out = ["<header>", f'<p class="kicker">{h(report.subtitle)}</p>', f"<h1>{h(report.title)}</h1>",
           f'<p class="meta"><time datetime="{report.date.isoformat()}">{h(report.date_words)}</time></p>']
    if report.notes:
        out.append(f'<blockquote class="notes"><p>{h_lines(report.notes)}</p></blockquote>')
    out.append("</header>")
    return out


def _contents(report: client.ClientReport) -> list[str]:
    """A list of the main sections, for the screen (not printed)."""
    links = [f'<li><a href="#{h(s.anchor)}">{h(s.title)}</a></li>'
             for s in report.sections if s.level == 2 and s.anchor]
    return ['<nav class="contents" aria-label="Contents"><ol>', *links, "</ol></nav>"]


def _block(block: client.Block) -> str:
    if isinstance(block, client.Para):
        kind = f' class="{css_class(block.kind)}"' if block.kind else ""
        return f"<p{kind}>{_line(block.spans)}</p>"
    if isinstance(block, client.Items):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            more = "".join(f'<span class="more">{_line(line)}</span>' for line in item.more)
            items.append(f"<li>{_line(item.spans)}{more}</li>")
        return f"<{tag}{start}>" + "".join(items) + f"</{tag}>"
    if isinstance(block, client.Table):
        return _table(block)
    if isinstance(block, client.Quote):
        return f'<blockquote class="notes"><p>{h_lines(block.text)}</p></blockquote>'
    if isinstance(block, client.Map):
        return _map(block.smap)
    raise TypeError(f"unknown block {block!r}")


def _table(block: client.Table) -> str:
    numeric = block.numeric or (False,) * len(block.header)

    def cell(tag: str, index: int, content: str) -> str:
        right = ' class="num"' if index < len(numeric) and numeric[index] else ""
        return f"<{tag}{right}>{content}</{tag}>"

    head = "".join(cell("th", n, h(title)) for n, title in enumerate(block.header))
    rows = "".join("<tr>" + "".join(cell("td", n, _line(value)) for n, value in enumerate(row)) + "</tr>"
                   for row in block.rows)
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _line(spans: client.Line) -> str:
    return "".join(_span(span) for span in spans)


def _span(span: client.Span) -> str:
    if isinstance(span, str):
        return h(span)
    if isinstance(span, client.Strong):
        return f"<strong>{h(span.text)}</strong>"
    if isinstance(span, client.Code):
        return f"<code>{h(span.text)}</code>"
    if isinstance(span, client.Badge):
        words = client.SEVERITY_WORDS.get(span.severity, span.severity)
        return f'<span class="{css_class("badge", span.severity)}">{h(words)}</span>'
    if isinstance(span, client.Score):
        number = span.text
        if not span.bar or span.value is None:
            return number
        width = max(0.0, min(100.0, span.value))
        return (f'<span class="score">{number}<span class="bar" aria-hidden="true">'
                f'<span style="width:{width:.1f}%"></span></span></span>')
    raise TypeError(f"unknown span {span!r}")


# ------------------------------------------------------------------ the map


def _map(smap: SwimlaneMap) -> str:
    columns = smap.columns
    phases: list[tuple[str, int]] = []
    for column in columns:
        phase = column.phase if column.phase in PHASE_WORDS else "post-kickoff"
        if phases and phases[-1][0] == phase:
            phases[-1] = (phase, phases[-1][1] + 1)
        else:
            phases.append((phase, 1))
    out = ['<div class="map">', "<table>", "<thead>",
           '<tr><th class="corner" rowspan="2">Tool</th>'
           + "".join(f'<th class="phase" colspan="{span}">{h(PHASE_WORDS.get(phase, phase))}</th>'
                     for phase, span in phases) + "</tr>",
           "<tr>" + "".join(f'<th scope="col">{h(column.label)}</th>' for column in columns) + "</tr>",
           "</thead>", "<tbody>"]
    for lane in smap.lanes:
        nobody = lane.id == NOBODY
        kind = "no tool" if nobody else common.role_label(lane.kind)
        row = [f'<tr class="{css_class("lane", "nobody" if nobody else "")}">'
               f'<th scope="row">{h(lane.name)}<small>{h(kind)}</small></th>']
        for column in columns:
            classes = ["tracked" if column.id in lane.tracks else "", "gap" if nobody and column.gap else ""]
            parts = []
            if column.id in lane.tracks:
                parts.append('<span class="tracks">tracks it</span>')
            if nobody and column.gap:
                parts.append('<span class="untracked">\u2591 no tool tracks it</span>')
            parts += [_chip(chip) for chip in lane.chips_at(column.id)]
            row.append(f'<td class="{css_class(*classes)}">' + "".join(parts) + "</td>")
        out.append("".join(row) + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    out.append(_handoffs(smap))
    out.append(_legend())
    return "\n".join(out)


def _chip(chip: Chip) -> str:
    glyph, style = chip_look(chip)
    words = ""
    if chip.role == "copy":
        words = f"copy, {SYNC_WORDS.get(chip.sync or '', chip.sync or 'no sync said')}"
    elif chip.role == "unowned":
        words = "no owner"
    detail = f"<small>{h(words)}</small>" if words else ""
    return (f'<span class="{css_class("chip", style)}"><span class="glyph" aria-hidden="true">{h(glyph)}</span>'
            f"{h(chip.label)}{detail}</span>")


def _handoffs(smap: SwimlaneMap) -> str:
    """Work passing between stages: the declared handoffs and the passages nobody declared."""
    if not smap.links:
        return ""
    items = []
    for link in smap.links:
        tools = ""
        if link.from_lane and link.to_lane:
            tools = f" ({_lane_name(smap, link.from_lane)} \u2192 {_lane_name(smap, link.to_lane)})"
        passage = f"{common.stage_label(link.from_stage)} \u2192 {common.stage_label(link.to_stage)}{tools}"
        if link.declared:
            said = []
            if link.trigger:
                said.append(f"starts when \u201c{link.trigger}\u201d")
            if link.owner:
                said.append(f"carried by {link.owner}")
            what = ", ".join(said) or "declared"
            items.append(f'<li class="handoff"><span class="glyph" aria-hidden="true">\u2500\u25b6</span>'
                         f"{h(passage)}: {h(what)}</li>")
        else:
            items.append(f'<li class="handoff gap"><span class="glyph" aria-hidden="true">\u2504\u25b7</span>'
                         f"{h(passage)}: no handoff declared</li>")
    return '<p class="map-title"><strong>Handoffs</strong></p><ul class="handoffs">' + "".join(items) + "</ul>"


def _lane_name(smap: SwimlaneMap, lane_id: str) -> str:
    lane = smap.lane(lane_id)
    return lane.name if lane else lane_id


def _legend() -> str:
    looks = {style: (glyph, words) for glyph, style, words in LEGEND}
    items = [f'<li><span class="{css_class("chip", style)}"><span class="glyph" aria-hidden="true">'
             f"{h(looks[style][0])}</span>{h(looks[style][1])}</span></li>" for style in _CHIP_STYLES]
    items.append('<li><span class="tracks">tracks it</span>: the tool that tracks the stage</li>')
    items.append('<li><span class="untracked">\u2591 stage no tool tracks</span></li>')
    return '<ul class="legend" aria-label="Legend">' + "".join(items) + "</ul>"


# ------------------------------------------------------------------ the look

STYLE = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2126; --muted: #5b6470; --line: #d5dae1; --soft: #f3f5f8;
  --accent: #2c5cc5; --accent-soft: #e6edfb;
  --high: #a4221b; --high-bg: #fbe7e5; --medium: #7d5500; --medium-bg: #fff1cc;
  --low: #1d6480; --low-bg: #e0f0f6; --good: #2d6f34; --good-bg: #e5f3e6;
  --copy-bg: #f1f2f4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15181c; --fg: #e3e6ea; --muted: #9aa3ae; --line: #353b44; --soft: #1e2228;
    --accent: #8fb1ff; --accent-soft: #1f2b45;
    --high: #ff9d94; --high-bg: #4a1d1a; --medium: #f3cf6f; --medium-bg: #413312;
    --low: #8fd0ea; --low-bg: #16323d; --good: #97d69e; --good-bg: #1b3520;
    --copy-bg: #262a31;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  "Noto Sans", "Liberation Sans", sans-serif;
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
main { max-width: 64rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 2rem; margin: 0.2rem 0 0.4rem; overflow-wrap: anywhere; }
h2 { font-size: 1.45rem; margin: 2.6rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.12rem; margin: 1.8rem 0 0.6rem; }
p, li { overflow-wrap: anywhere; }
.kicker { margin: 0; color: var(--accent); font-weight: 600; letter-spacing: 0.02em; }
.meta { margin: 0 0 1rem; color: var(--muted); }
.notes { margin: 1rem 0; padding: 0.6rem 1rem; border-left: 4px solid var(--line); background: var(--soft);
  color: var(--fg); }
.notes p { margin: 0; }
.note { color: var(--muted); font-size: 0.9rem; }
p.label { margin-bottom: 0.3rem; }
.contents { margin: 1.2rem 0 0; padding: 0.6rem 1rem; background: var(--soft); border-radius: 6px; }
.contents ol { margin: 0; padding-left: 1.3rem; columns: 2; column-gap: 2rem; }
.contents a { color: var(--accent); }
.part.summary { margin-top: 1.5rem; padding: 0.2rem 1.25rem 0.8rem; border: 1px solid var(--line);
  border-radius: 8px; background: var(--soft); }
.part.summary h2 { border: 0; margin-top: 1rem; }
ol, ul { padding-left: 1.6rem; }
li { margin: 0.3rem 0; }
li .more { display: block; margin-top: 0.15rem; }
code { font: 0.88em ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 0.25em; }
.table { overflow-x: auto; margin: 0.8rem 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.93rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.55rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--line); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.score { display: inline-flex; align-items: center; gap: 0.5rem; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 8rem; height: 0.6rem; background: var(--copy-bg);
  border: 1px solid var(--line); border-radius: 3px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 700; letter-spacing: 0.03em;
  padding: 0.05rem 0.45rem; border-radius: 999px; border: 1px solid currentColor; margin-right: 0.2rem; }
.badge.high { color: var(--high); background: var(--high-bg); }
.badge.medium { color: var(--medium); background: var(--medium-bg); }
.badge.low { color: var(--low); background: var(--low-bg); }
.map { overflow-x: auto; margin: 0.8rem 0; }
.map table { table-layout: fixed; min-width: 50rem; font-size: 0.78rem; hyphens: auto; }
.map th, .map td { border: 1px solid var(--line); padding: 0.3rem; }
.map thead th { text-align: center; background: var(--soft); }
.map th.phase { font-weight: 600; color: var(--muted); }
.map th.corner { width: 7.5rem; vertical-align: bottom; text-align: left; }
.map tbody th { background: var(--soft); font-weight: 600; }
.map tbody th small { display: block; font-weight: 400; color: var(--muted); }
.map td.tracked { background: var(--accent-soft); border-top: 3px solid var(--accent); }
.map td.gap { background: repeating-linear-gradient(135deg, var(--medium-bg) 0 6px, transparent 6px 12px); }
.tracks { display: block; color: var(--accent); font-weight: 600; font-size: 0.72rem; margin-bottom: 0.2rem; }
.untracked { display: block; color: var(--medium); font-weight: 600; font-size: 0.72rem; }
.chip { display: block; margin: 0.2rem 0; padding: 0.15rem 0.3rem; border-radius: 4px; border: 1px solid var(--line);
  background: var(--bg); overflow-wrap: break-word; }
.chip small { display: block; color: var(--muted); }
.chip .glyph, .handoff .glyph { display: inline-block; min-width: 1.1em; font-weight: 700; }
.chip.owned { border-color: var(--good); background: var(--good-bg); }
.chip.copy { border-style: dashed; background: var(--copy-bg); }
.chip.dup { border-color: var(--medium); background: var(--medium-bg); border-width: 2px; }
.chip.conflict, .chip.conversation { border-color: var(--high); background: var(--high-bg); border-width: 2px; }
.chip.unowned { border-color: var(--high); border-style: dashed; background: var(--high-bg); }
.chip.moved { border-color: var(--accent); background: var(--accent-soft); }
.handoffs { list-style: none; padding-left: 0; font-size: 0.9rem; }
.handoff.gap { color: var(--high); }
.map-title { margin-bottom: 0; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; font-size: 0.8rem; }
.legend li { margin: 0; }
.legend .chip { display: inline-block; }
.legend .tracks, .legend .untracked { display: inline; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 1.2rem 0.8rem 3rem; }
  .contents ol { columns: 1; }
}
@page { margin: 16mm 14mm 18mm; }
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --fg: #000000; --muted: #4a4f57; --line: #b9c0c9; --soft: #f2f4f7;
    --accent: #1f4fb0; --accent-soft: #e8eefb; --high: #8f1d16; --high-bg: #fbe7e5;
    --medium: #6b4900; --medium-bg: #fff1cc; --low: #17546b; --low-bg: #e0f0f6;
    --good: #24602a; --good-bg: #e5f3e6; --copy-bg: #f1f2f4;
  }
  html, body { background: #ffffff; }
  body { font-size: 10.5pt; line-height: 1.4; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  .contents { display: none; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 1.4rem; }
  h3 { font-size: 12pt; }
  h2, h3, .map-title, p.label { break-after: avoid; page-break-after: avoid; }
  .part.summary { background: none; }
  .part.appendix, #models-compared { break-before: page; page-break-before: always; }
  p, li, tr, .chip, .notes { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table, .map { overflow: visible; }
  .map table { min-width: 0; font-size: 6.5pt; }
  .map th, .map td { padding: 0.1rem 0.12rem; }
  .map th.corner { width: 4.2rem; }
  .chip { margin: 0.08rem 0; padding: 0.04rem 0.12rem; }
  .tracks, .untracked { font-size: 6pt; margin-bottom: 0.05rem; }
  .bar { width: 5rem; }
  a { color: inherit; text-decoration: none; }
}
""".strip()

"""Rendering details of the reports, checked in-process.

The command-line behaviour (exit codes, files, streams) is in test_cli.py.
"""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from rich.cells import cell_len

from truthmap.analysis import analyze
from truthmap.comparing import compare_profiles
from truthmap.knowledge import knowledge
from truthmap.model import Copy, Profile, Record, System
from truthmap.reports import common, render_comparison, render_report
from truthmap.reports import text as text_report
from truthmap.reports.markdown import fenced, md, md_block, table
from truthmap.storage import load_profile, new_profile

PROFILES = Path(__file__).resolve().parents[1] / "profiles"
HOSTILE_NAME = "[bold]x[/] \x1b[31mred\x07 <b>bold</b> | `tick` *star* _under_"
ANSI = re.compile(r"\x1b\[")


@pytest.fixture(scope="module")
def messy():
    profile = load_profile(PROFILES / "messy-studio.toml").profile
    return profile, analyze(profile)


@pytest.fixture(scope="module")
def hostile():
    """Free text full of markup, escapes and table breakers in every place it can go."""
    profile = Profile(
        name=HOSTILE_NAME,
        notes="# not a heading\n- not a list\n> not a quote\x1b]0;title\x07",
        systems=[System(id="crm", name="[red]Hub|Spot[/] <script>", kind="crm"),
                 System(id="pm", name="Tre`llo` \u202eevil", kind="pm")],
        records=[Record(entity="client", owner="crm", copies=[Copy(system="pm", sync="manual")])],
    )
    return profile, analyze(profile)


def test_text_report_has_every_part(messy):
    profile, analysis = messy
    out = render_report(profile, analysis, "text", width=100)
    assert profile.name in out and "Leads arrive by email" in out
    assert "Recommended: PM-first" in out
    for reason in analysis.recommendation.reasons:
        assert reason.rule in out
    assert "answers.friction" in out  # a cause, traced to its answer
    flip = analysis.recommendation.flip  # messy turns CRM-first if revenue were lost before kickoff
    assert flip is not None and flip.question == "revenue_lost"
    assert "Revenue lost (After kickoff): Before kickoff \u2192 CRM-first." in out
    assert "No other single answer changes it:" in out
    for row in analysis.matrix:
        assert row.label in out and row.why in out
    assert "Your setup" in out and f"Workflow health: {analysis.health.total:g}/100" in out
    assert all(area.label in out for area in analysis.health.areas)
    flat = " ".join(out.split())
    assert "Resembles Hybrid" in out and analysis.current_why in flat
    for finding in analysis.findings:
        assert " ".join(finding.message.split()) in flat
        assert " ".join(finding.fix.split()) in flat
        assert finding.rule in out
    for projection in analysis.comparison:
        assert all(" ".join(step.split()) in flat for step in projection.checklist)
    assert "Gmail \u2192 HubSpot" in out  # a move, by system name
    assert "HIGH" in out and "MEDIUM" in out and "LOW" in out  # severity in words, not only colour


@pytest.mark.parametrize("width", [80, 120])
def test_text_report_fits_the_width_and_has_no_escapes(messy, width):
    out = render_report(*messy, "text", width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert not ANSI.search(out)
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_colour_only_when_asked_and_never_with_no_color(messy, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = render_report(*messy, "text", color=True)
    assert re.search(r"\x1b\[[0-9;]*3[1-7]m", coloured)  # a foreground colour
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render_report(*messy, "text", color=True)
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", plain)


def test_flip_is_shown_when_there_is_one():
    profile = load_profile(PROFILES / "hybrid-agency.toml").profile
    analysis = analyze(profile)
    assert analysis.recommendation.flip is not None
    flat = " ".join(render_report(profile, analysis, "text").split())
    assert " ".join(analysis.recommendation.flip.text.split()) in flat
    assert analysis.recommendation.flip.text in render_report(profile, analysis, "markdown")


def test_text_shows_user_text_literally(hostile):
    out = render_report(*hostile, "text", width=120)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "[bold]x[/]" in out and "\u241b[31mred\u2407" in out
    assert "[red]Hub|Spot[/] <script>" in out
    assert "<U+202E>evil" in out


def test_markdown_escapes_user_text(hostile):
    out = render_report(*hostile, "markdown")
    assert "\x1b" not in out
    assert "<script>" not in out and "<b>" not in out
    assert r"\[bold\]x\[/\]" in out and r"\`tick\`" in out and r"\*star\*" in out
    assert r"> \# not a heading" in out and r"> \- not a list" in out and r"> \> not a quote" in out
    assert r"\[red\]Hub\|Spot\[/\]" in out  # a system name in the tables
    header_cells = None
    tables = 0
    for line in out.splitlines():  # an escaped | never adds a column
        if line.startswith("| ") and header_cells is None:
            header_cells = _cells(line)
            tables += 1
        elif header_cells and line.startswith("| "):
            assert len(_cells(line)) == len(header_cells), line
        else:
            header_cells = None
    assert tables >= 5


def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip().strip("|"))


def test_md_helpers():
    assert md("a|b") == r"a\|b"
    assert md("<img src=x onerror=y>") == r"\<img src=x onerror=y\>"
    assert md("[link](http://x)") == r"\[link\](http\://x)"
    assert md("line\nbreak") == "line\u240abreak"
    assert md_block("1. first\n  ## two") == [r"1\. first", r"\## two"]
    assert fenced("mermaid", "a ``` b") == ["````mermaid", "a ``` b", "````"]


BARE_LINKS = ["https://evil.example/pay", "HTTP://X.ORG", "ftp://files.example", "www.evil.com", "WWW.EVIL.COM",
              "evil.com", "//evil.example/x", "evil.com:8080/x", "pay@evil.com", "a@evil.example",
              "first.last+tag@mail.evil.co.uk", "mailto:pay@evil.com", "mailto:a@b.c", "xmpp:bot@evil.com",
              "xmpp:x@y.z", "<https://evil.example>", "[here](https://evil.example)",
              "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", "b\u00fccher.de", "www.\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
              "http://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/x", "a@b\u00fccher.de", "user@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"]


def _renderers():
    """GitHub's renderer (cmark-gfm, raw HTML passed on to its sanitiser) and
    markdown-it with linkify, each with its autolinking of bare text on."""
    import cmarkgfm
    from cmarkgfm.cmark import Options
    from markdown_it import MarkdownIt

    def github(markdown: str) -> str:
        return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)

    return {"cmark-gfm": github, "markdown-it": MarkdownIt("gfm-like").render}


def _read(html: str) -> str:
    """What a person reads of rendered HTML: the text, tags gone, entities undone."""
    return unescape(re.sub(r"<[^>]*>", "", html))


@pytest.mark.parametrize("text", BARE_LINKS)
def test_bare_urls_in_markdown_are_not_links_and_read_the_same(text):
    renderers = _renderers()
    placed = [md(f"see {text} now"), "\n".join(md_block(f"see {text}\nnow")),
              "\n".join(table(["a", "b"], [["x", md(f"see {text} now")]]))]
    for name, render in renderers.items():
        for markdown in placed:
            html = render(markdown)
            assert "<a " not in html, (name, markdown, html)
            assert f"see {text}" in _read(html), (name, markdown, html)
    # One renderer at least does link it when left bare.
    assert any("<a " in render(f"see {text} now") for render in renderers.values())


def test_markdown_structure(messy):
    """The client report: summary first, then the detail, the ids in the appendix (test_client_report.py has more)."""
    profile, analysis = messy
    out = render_report(profile, analysis, "markdown")
    assert out.startswith(f"# {profile.name}\n")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## The three models", "## Why PM-first", "## The five criteria",
                        "## Your setup today", "## Problems found", "## What each model would mean for you",
                        "## Technical appendix"]
    for heading in ("### What changes under PM-first (recommended)", "### What changes under CRM-first",
                    "### What changes under Hybrid", "### High priority (7)"):
        assert f"\n{heading}\n" in out
    assert "| Criterion | Weight | CRM-first | PM-first | Hybrid | Your setup today |" in out
    appendix = out[out.index("## Technical appendix"):]
    assert "`answers.ownership_rules`" in appendix and "`answers.ownership_rules`" not in out[:len(out) - len(appendix)]


def test_markdown_embeds_the_mermaid_map_in_a_safe_fence(messy, monkeypatch):
    # A diagram holding a backtick run: the fence must be longer than it.
    monkeypatch.setattr("truthmap.reports.markdown.mermaid_of",
                        lambda smap: f"flowchart LR\n  a[\"{smap.lanes[0].name}\"] --> b[\"```\"]\n")
    out = render_report(*messy, "markdown")
    block = re.search(r"\n(`{3,})mermaid\n(.*?)\n\1\n", out, re.S)
    assert block and len(block[1]) == 4
    assert block[2].startswith("flowchart LR")
    assert out.index("### The map") < out.index("## Problems found")


def test_markdown_mermaid_from_the_real_map(messy):
    pytest.importorskip("truthmap.reports.mermaid", reason="the Mermaid map is written by another helper")
    out = render_report(*messy, "markdown")
    assert re.search(r"\n```+mermaid\n(flowchart|graph) ", out)


def test_json_report_keys_types_and_exact_strings(hostile, messy):
    data = json.loads(render_report(*messy, "json"))
    profile, analysis = messy
    assert data["profile"] == profile.name
    assert data["recommendation"]["model"] == analysis.recommendation.model
    reason = data["recommendation"]["reasons"][1]
    assert set(reason) >= {"rule", "text", "causes", "model", "effect"}
    assert all(set(cause) == {"path", "text"} for cause in reason["causes"])
    assert data["recommendation"]["flip"]["question"] == "revenue_lost"
    assert data["recommendation"]["runner_up"] == "crm-first" and data["recommendation"]["override"] is None
    sensitivity = {item["question"]: item for item in data["sensitivity"]}
    assert set(sensitivity) == set(knowledge().questions)
    assert sensitivity["revenue_lost"]["kind"] == "choices"
    assert [c["value"] for c in sensitivity["revenue_lost"]["changes"]] == ["before-kickoff"]
    assert sensitivity["inquiries_per_month"]["kind"] == "range" and not sensitivity["inquiries_per_month"]["changes"]
    assert set(data["scores"]) == set(knowledge().models)
    assert all(isinstance(v, (int, float)) for v in data["scores"].values())
    row = data["matrix"][0]
    assert set(row) >= {"criterion", "weight", "ratings", "setup"}
    assert set(row["ratings"]) == set(knowledge().models) and "rating" in row["ratings"]["hybrid"]
    assert data["current_model"] == "hybrid"
    assert len(data["findings"]) == len(analysis.findings)
    finding = data["findings"][0]
    assert set(finding) >= {"kind", "severity", "entity", "stage", "systems", "message", "fix", "rule"}
    assert finding["system_names"] == ["HubSpot", "Xero"] and finding["systems"] == ["hubspot", "xero"]
    assert [c["model"] for c in data["comparison"]] == list(knowledge().models)
    projection = data["comparison"][0]
    assert set(projection) >= {"model", "fit", "moves", "risks", "missing", "failure_mode", "checklist"}
    assert projection["moves"][0]["entity"] == "lead" and projection["moves"][0]["from"] == "gmail"

    raw = render_report(*hostile, "json")
    assert "\x1b" not in raw and "\u202e" not in raw  # escaped in the JSON text ...
    again = json.loads(raw)
    assert again["profile"] == HOSTILE_NAME  # ... and exact once parsed
    assert again["notes"] == hostile[0].notes


def test_empty_profile_renders_in_every_format():
    profile = new_profile("Blank")
    analysis = analyze(profile)
    for fmt in ("text", "markdown", "json", "html"):
        assert "Blank" in render_report(profile, analysis, fmt)
    assert "No findings" in render_report(profile, analysis, "text")


def test_unknown_format_is_refused(messy):
    with pytest.raises(ValueError):
        render_report(*messy, "pdf")


# ----------------------------------------------------------------- comparison


def _loaded(*names):
    return [load_profile(PROFILES / name) for name in names]


def test_compare_text_marks_only_differing_rows():
    out = render_comparison(_loaded("messy-studio.toml", "hybrid-agency.toml"), "text", width=120)
    lines = out.splitlines()
    friction = next(line for line in lines if "Friction" in line)
    persistent = next(line for line in lines if "Problems persistent" in line)
    assert friction.startswith("\u2260") and not persistent.startswith("\u2260")
    assert "Studio Nord" in out and "Northwind" in out
    assert "messy-studio.toml" in out
    assert max(len(line) for line in lines) <= 120


def test_compare_formats_agree_on_the_differences():
    loaded = _loaded("messy-studio.toml", "lead-heavy-consultant.toml", "messy-studio.toml")
    comparison = compare_profiles([(lp.path.name, lp.profile, analyze(lp.profile)) for lp in loaded])
    data = json.loads(render_comparison(loaded, "json"))
    assert data["differing"] == comparison.differing > 0
    markdown = render_comparison(loaded, "markdown")
    assert markdown.count("| \u2260 |") == comparison.differing
    text = render_comparison(loaded, "text", width=140)
    assert sum(line.startswith("\u2260") for line in text.splitlines()) == comparison.differing
    # the same file twice gets told apart by path, not merged
    assert len({p["label"] for p in data["profiles"]}) == 2


def test_compare_shows_hostile_names_literally(hostile, tmp_path):
    from truthmap.storage import save_profile

    path = tmp_path / "hostile.toml"
    save_profile(hostile[0], path)
    loaded = [load_profile(path), load_profile(PROFILES / "messy-studio.toml")]
    text = render_comparison(loaded, "text", width=140)
    assert "\x1b" not in text and "[bold]x[/]" in text
    markdown = render_comparison(loaded, "markdown")
    assert "<b>" not in markdown and r"\[bold\]x\[/\]" in markdown


@pytest.mark.parametrize("name", ["lead-heavy-consultant.toml", "delivery-heavy-studio.toml", "messy-studio.toml"])
def test_json_counts_the_risks_the_other_reports_count_in_the_findings_shape(name):
    profile = load_profile(PROFILES / name).profile
    analysis = analyze(profile)
    assert any(p.failure_applies for p in analysis.comparison)  # the failure mode is in play
    data = json.loads(render_report(profile, analysis, "json"))
    markdown = render_report(profile, analysis, "markdown")
    for projection in data["comparison"]:
        label = knowledge().models[projection["model"]].label
        overview = markdown[markdown.index("| Model | Fit | Moves | Risks"):]
        row = next(line for line in overview.splitlines() if line.startswith(f"| {label}"))
        assert int(row.split("|")[4]) == len(projection["risks"])
        assert projection["failure_text"]
        for risk in projection["risks"]:
            assert risk["kind"] != common.FAILURE_RISK
            assert set(risk) >= {"kind", "severity", "entity", "stage", "systems", "message"}
            assert set(risk) <= set(data["findings"][0]) | {"system_names"}


# ------------------------------------------------------ large text reports


def _large(records: int) -> Profile:
    """Every record owned, none stewarded, one copy each: hundreds of findings and risks."""
    systems = [System(id=f"t{n}", name=f"Tool {n}", kind=("crm", "pm", "billing", "chat")[n % 4]) for n in range(8)]
    return Profile(name="Large", systems=systems, records=[
        Record(entity=f"c{n:04d}", owner=f"t{n % 8}", copies=[Copy(system=f"t{(n + 1) % 8}", sync="manual")])
        for n in range(records)])


@pytest.fixture(scope="module")
def large():
    profile = _large(300)
    analysis = analyze(profile)
    assert text_report.list_rows(analysis) > text_report.LARGE_ROWS
    return profile, analysis


@pytest.mark.parametrize("width", [60, 100, 140])
def test_a_large_text_report_lists_one_line_per_item_within_the_width(large, width):
    profile, analysis = large
    out = render_report(profile, analysis, "text", width=width)
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width and not any(line.endswith(" ") for line in lines)
    start = lines.index(next(line for line in lines if line.startswith("Findings (")))
    listed = lines[start + 2:start + 2 + len(analysis.findings)]
    assert "One line per finding" in lines[start + 1]
    for line, finding in zip(listed, analysis.findings):
        assert line.startswith(f"{finding.severity.upper():<6} {finding.kind}")
    assert "Fit, 0-100" in out and "Each model with your tools" in out  # the small parts stay tables
    for projection in analysis.comparison:
        risks = common.other_risks(projection)
        assert sum(line.startswith("   ") and line.split()[0] in ("HIGH", "MEDIUM", "LOW") for line in lines) >= len(risks)
        assert all(f"{n}. " in out for n in (1, len(projection.checklist)))


def test_a_large_text_report_is_coloured_only_when_asked(large, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not ANSI.search(render_report(*large, "text"))
    coloured = render_report(*large, "text", color=True)
    assert "\x1b[1;31mHIGH" in coloured or "\x1b[31;1mHIGH" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", render_report(*large, "text", color=True))


def test_a_large_report_shows_profile_text_literally(monkeypatch):
    profile = _large(2).model_copy(update={"systems": [
        System(id="t0", name="[bold]x[/] \x1b[31m\u6771\u4eac" * 3, kind="crm"), System(id="t1", name="B", kind="pm")]})
    monkeypatch.setattr(text_report, "LARGE_ROWS", 0)
    out = render_report(profile, analyze(profile), "text", width=70)
    assert "\x1b" not in out and "[bold]x[/] \u241b[31m\u6771\u4eac" in out
    assert max(cell_len(line) for line in out.splitlines()) <= 70


def test_pad_fits_to_exactly_the_width():
    assert cell_len(text_report.pad("\u6771\u4eac\u90fd", 5)) == 5 and text_report.pad("a", 3) == "a  "


# ------------------------------------------------------------- JSON writing


def test_knowledge_texts_hold_no_invisible_character():
    """What lets the JSON report skip its escaping scan when the profile's own text is clean."""
    from importlib import resources

    from truthmap.text import _INVISIBLE

    for entry in resources.files("truthmap.knowledge").iterdir():
        if entry.name.endswith(".toml"):
            assert not _INVISIBLE.search(entry.read_text("utf-8").replace("\n", "")), entry.name


def _many_kinds_of_item() -> Profile:
    """Custom and standard entities, missing owners, conversation owners, several copies and causes."""
    systems = [System(id="crm", name="Hub\u00b7Spot \u4e2d", kind="crm"), System(id="pm", name="Trello", kind="pm"),
               System(id="chat", name='Slack "quoted" \\ back', kind="chat")]
    records = [Record(entity=entity, owner=owner, steward=None,
                      copies=[Copy(system=system, sync=sync) for system, sync in copies])
               for entity, owner, copies in (
                   ("client", "crm", [("pm", "manual"), ("chat", "none")]),
                   ("client", "pm", [("crm", "two-way")]),
                   ("sales_notes", "chat", []),
                   ("invoices", None, [("pm", "none")]),
                   ("x-custom", "chat", [("pm", "two-way"), ("crm", "manual")]),
                   ("y_custom", None, [("crm", "one-way")]),
               )]
    return Profile(name="items", systems=systems, records=records)


@pytest.mark.parametrize("make", [_many_kinds_of_item, lambda: load_profile(PROFILES / "messy-studio.toml").profile,
                                  lambda: load_profile(PROFILES / "lead-heavy-consultant.toml").profile])
def test_json_report_is_the_text_of_json_dumps(make):
    """The report, written by orjson, is the text json.dumps(indent=2, ensure_ascii=False) writes."""
    from truthmap.reports import json_report

    profile = make()
    analysis = analyze(profile)
    out = render_report(profile, analysis, "json")
    data = json_report.report_data(profile, analysis)
    assert out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_text_plain_lines_skip_visible_only_when_nothing_would_change(monkeypatch):
    """A large report's lines are the same whether or not they go through visible()."""
    profile = _many_kinds_of_item()
    analysis = analyze(profile)
    monkeypatch.setattr(text_report, "LARGE_ROWS", 0)
    clean = render_report(profile, analysis, "text", width=80)
    monkeypatch.setattr(text_report, "_as_is", text_report.visible)
    assert render_report(profile, analysis, "text", width=80) == clean
    dirty = profile.model_copy(update={"systems": [*profile.systems[:2], System(id="chat", name="Sl\u202eack", kind="chat")]})
    out = render_report(dirty, analyze(dirty), "text", width=80)
    assert "\u202e" not in out and "Sl<U+202E>ack" in out


TAGS_GBENG = "\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067"
ENGLAND = "\U0001f3f4" + TAGS_GBENG + "\U000e007f"


@pytest.mark.parametrize("raw, shown", [
    ("a\u061cb\u00adc\u034fd\u180ee\u3164f\u115fg\u2800h",
     "a<U+061C>b<U+00AD>c<U+034F>d<U+180E>e<U+3164>f<U+115F>g<U+2800>h"),
    ("\u1160\uffa0\u17b4\u17b5\ufff9\ufffb", "<U+1160><U+FFA0><U+17B4><U+17B5><U+FFF9><U+FFFB>"),
    ("hi\U000e0041\U000e007f", "hi<U+E0041><U+E007F>"),  # tags with no flag: hidden ASCII
    ("\U0001f3f4\U000e0067x", "\U0001f3f4<U+E0067>x"),  # no cancel tag: no flag
    ("x" + TAGS_GBENG + "\U000e007f", "x" + "".join(f"<U+{ord(c):04X}>" for c in TAGS_GBENG) + "<U+E007F>"),
    (ENGLAND + "\U000e0041" + ENGLAND, ENGLAND + "<U+E0041>" + ENGLAND),  # a stray tag between two flags
    ("\U0001f3f4" + "\U000e0041" * 40 + "\U000e007f", "\U0001f3f4" + "<U+E0041>" * 40 + "<U+E007F>"),  # no flag so long
    ("\U0001f1ec\U0001f1e7 \u2764\ufe0f \u263a\ufe0e " + ENGLAND, None),  # emoji stay as they are
], ids=["blanks", "more-blanks", "stray-tags", "no-cancel-tag", "no-black-flag", "between-flags", "too-long", "emoji"])
def test_visible_shows_hidden_characters_and_keeps_flags_whole(raw, shown):
    from truthmap.reports.json_report import dumps
    from truthmap.text import visible

    assert visible(raw) == (shown or raw)
    escaped = dumps({"s": raw})
    assert json.loads(escaped) == {"s": raw}
    assert set(escaped) & set(raw) == set(visible(raw)) & set(raw)  # JSON sends raw what visible() keeps


def test_json_escapes_invisible_characters_wherever_the_profile_has_them():
    profile = Profile(name="x", systems=[System(id="a", name="Chat\u202e\u200b", kind="chat")],
                      records=[Record(entity="client", owner="a", steward="Dana")])
    out = render_report(profile, analyze(profile), "json")
    assert "\u202e" not in out and "\\u202e\\u200b" in out
    assert json.loads(out)["findings"][0]["system_names"] == ["Chat\u202e\u200b"]

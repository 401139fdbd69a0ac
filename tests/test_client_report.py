"""The client report (Markdown and HTML): plain words for someone who has never seen truthmap.

Summary first; no rule id, profile path or scoring term in the body (the
technical appendix, or --detail, has them); each answer once; checklist steps
only where they apply; user text literal; the HTML self-contained; dates
reproducible; the committed sample in docs/ what the documented command makes.

Real `truthmap` processes hold the command's contract once each: an HTML report
written to a file, a date taken from SOURCE_DATE_EPOCH in a process's
environment, a bad date as one line with exit 2, the first documented sample
command, and what a report start imports.  The other formats, dates and
samples vary only the input of the same command and run through
`truthmap.cli.main(argv)` in the test's own process (`cli_env` below).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from profile_strategies import profiles

from installed import truthmap_command
from truthmap.analysis import analyze
from truthmap.knowledge import knowledge
from truthmap.model import Answers, Copy, Evidence, Handoff, Profile, Record, StageMap, System
from truthmap.reports import render_report, report_date
from truthmap.storage import load_profile, new_profile
from truthmap.text import visible

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "profiles"
DOCS = ROOT / "docs"
DATE = dt.date(2026, 1, 1)
CLIENT_FORMATS = ("markdown", "html")
APPENDIX = "Technical appendix"
# A path into the profile, as the analysis writes them.
FIELD_PATH = re.compile(r"\banswers\.[a-z_]+|\b(records|stages|handoffs|systems)\[\d+\]")
# Scoring words of the analysis that mean nothing to a client, and rule tags like [stronger-case].
INTERNAL = re.compile(r"case points?|\bcase \d+(\.\d+)? to \d|\[[a-z]+(-[a-z]+)+\]")
HOSTILE_NAME = "[bold]x[/] \x1b[31mred\x07 <b>bold</b> </style><script>alert(1)</script> | `tick` *star* _under_"


# ------------------------------------------------------------------ the profiles


def sample(name: str) -> Profile:
    return load_profile(PROFILES / name).profile


def crafted() -> list[Profile]:
    """Answer sets that reach the rules the samples do not: unsure, a tie the matrix breaks,
    early-stage fits, both shortcuts, capacity, Hybrid possible but not required."""
    base = new_profile("Crafted")
    sets = [
        {},  # nothing answered: still unsure
        {"inquiries_per_month": 3, "active_projects": 2, "delivery_complexity": "low", "admin_hours_per_week": 1},
        {"inquiries_per_month": 8, "early_stage": True, "team_size": 1},
        {"active_projects": 6, "early_stage": True, "repeatable_services": True},
        {"inquiries_per_month": 20, "open_opportunities": 10, "active_projects": 8, "revenue_lost": "before-kickoff",
         "friction": "after-kickoff", "problems_persistent": True, "ownership_rules": "yes", "team_size": 6,
         "admin_hours_per_week": 8, "process_documented": False},
        {"inquiries_per_month": 20, "open_opportunities": 10, "active_projects": 8, "revenue_lost": "before-kickoff",
         "problems_persistent": True, "ownership_rules": "yes", "team_size": 6, "admin_hours_per_week": 8,
         "lost_deals_to_follow_up": True},
        {"inquiries_per_month": 20, "active_projects": 8, "problems_persistent": True, "ownership_rules": "yes",
         "admin_hours_per_week": 1, "friction": "before-kickoff", "revenue_lost": "after-kickoff"},
        {"revenue_lost": "unknown", "friction": "even", "lost_deals_to_follow_up": True, "inquiries_per_month": 1},
        {"revenue_lost": "before-kickoff", "friction": "after-kickoff", "inquiries_per_month": 5, "active_projects": 0},
    ]
    return [base.model_copy(update={"answers": Answers(**answers)}) for answers in sets]


def every_profile() -> list[Profile]:
    return [*(sample(path.name) for path in sorted(PROFILES.glob("*.toml"))), *crafted(), hostile()]


def hostile() -> Profile:
    """Markup, HTML and control characters in every piece of free text a report shows."""
    return Profile(
        name=HOSTILE_NAME,
        notes="# not a heading\n<img src=x onerror=alert(1)>\n> quote\x1b]0;title\x07\n[link](https://example.com)",
        systems=[System(id="crm", name="[red]Hub|Spot[/] <script>", kind="crm"),
                 System(id="pm", name="Tre`llo` \u202eevil & <i>co</i>", kind="pm")],
        records=[Record(entity="client", owner="crm", steward="<b>Dana</b> \x07",
                        copies=[Copy(system="pm", sync="manual")])],
        stages=[StageMap(stage="proposal", system="crm", owner="\u2066Eve\u2069"),
                StageMap(stage="kickoff", system="pm")],
        handoffs=[Handoff(from_stage="proposal", to_stage="kickoff", trigger='"won" <onclick=x>', owner="a|b")],
    )


def rule_ids(analyses) -> set[str]:
    """Every rule id the analysis has: the recommendation's, each reason's, each finding's."""
    found: set[str] = set()
    for analysis in analyses:
        found.add(analysis.recommendation.rule)
        found.update(reason.rule for reason in analysis.recommendation.reasons)
        found.update(finding.rule for finding in analysis.findings)
    return found


@pytest.fixture(scope="module")
def analysed():
    return [(profile, analyze(profile)) for profile in every_profile()]


@pytest.fixture(scope="module")
def all_rule_ids(analysed):
    ids = rule_ids(analysis for _, analysis in analysed)
    # The fixture reaches the rules the issue names and the hyphenated finding kinds.
    assert {"equally-complex", "stronger-case", "still-unsure", "matrix-breaks-tie", "both-sides-persistent",
            "hybrid-not-required", "early-stage-fit", "lead-heavy", "delivery-heavy"} <= ids, ids
    return ids | {kind for kind in ("conflicting-owners", "no-owner", "no-steward", "record-in-conversation",
                                    "untracked-stage", "handoff-gap", "tools-before-process", "split-context",
                                    "hybrid-without-rules")}


# ------------------------------------------------------------------ reading the output


class _Reader(HTMLParser):
    """The text a browser shows, and every tag and attribute, for the checks below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.open: list[str] = []

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):  # <br />
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
        else:
            self.text.append(data)


@lru_cache(maxsize=4)  # a check reads one document's text and its tags: parsed once (read only)
def read_html(document: str) -> _Reader:
    reader = _Reader()
    reader.feed(document)
    reader.close()
    assert reader.open == [], reader.open  # every element closed, in order
    return reader


def shown_text(fmt: str, document: str) -> str:
    """What a reader sees: the HTML's text, or the Markdown source."""
    return " ".join(read_html(document).text) if fmt == "html" else document


def body_of(fmt: str, document: str) -> str:
    """The report without its technical appendix (the HTML names it first in its contents)."""
    text = shown_text(fmt, document)
    return text[:text.rindex(APPENDIX)] if APPENDIX in text else text


def external_references(document: str) -> list[str]:
    """Anything that would make the browser fetch from elsewhere or run code."""
    reader = read_html(document)
    bad = []
    remote = re.compile(r"^\s*(https?:)?//|^\s*(javascript|data|file|ftp):", re.I)
    for tag, attrs in reader.tags:
        if tag in ("script", "link", "iframe", "object", "embed", "img", "base", "form", "frame", "audio", "video"):
            bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                bad.append(f"{tag} {name}")
            if name.lower() in ("src", "href", "action", "srcset", "poster", "data", "xlink:href", "formaction") \
                    and value and remote.search(value):
                bad.append(f"{tag} {name}={value}")
            if name.lower() == "style" and value and re.search(r"url\(|@import|expression\(", value, re.I):
                bad.append(f"{tag} style={value}")
    for css in reader.styles:
        for found in re.findall(r"url\([^)]*\)|@import[^;]*|@font-face", css, re.I):
            bad.append(found)
    return bad


def render(profile, analysis, fmt, **options):
    return render_report(profile, analysis, fmt, date=DATE, **options)


# ------------------------------------------------------------------ plain words


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_the_body_has_no_rule_id_field_path_or_scoring_term(analysed, all_rule_ids, fmt):
    for profile, analysis in analysed:
        document = render(profile, analysis, fmt)
        body = body_of(fmt, document)
        for rule in all_rule_ids:
            assert not re.search(rf"(?<![\w-]){re.escape(rule)}(?![\w-])", body), (profile.name, rule)
        assert not FIELD_PATH.search(body), (profile.name, FIELD_PATH.search(body))
        assert not INTERNAL.search(body), (profile.name, INTERNAL.search(body))
        # The appendix has them, so nothing is lost for whoever checks the reasoning.
        appendix = shown_text(fmt, document)[len(body):]
        assert appendix.startswith(APPENDIX)
        assert analysis.recommendation.rule in appendix and "case point" in appendix
        assert all(finding.rule in appendix for finding in analysis.findings)


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_detail_puts_the_ids_beside_each_item_and_drops_the_appendix(fmt):
    profile = sample("messy-studio.toml")
    analysis = analyze(profile)
    document = shown_text(fmt, render(profile, analysis, fmt, detail=True))
    assert APPENDIX not in document
    for reason in analysis.recommendation.reasons:
        assert reason.rule in document
    for finding in analysis.findings:
        assert finding.rule in document and (finding.target or "") in document
    assert "answers.friction" in document and "case points for PM-first" in document


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_profile_makes_a_client_report_with_no_id_in_its_body(all_rule_ids, profile):
    analysis = analyze(profile, with_flip=False)
    typed = profile.model_dump_json()  # a name like "no-owner" is the person's text, shown as typed
    for fmt in CLIENT_FORMATS:
        document = render(profile, analysis, fmt)
        body = body_of(fmt, document)
        for rule in all_rule_ids | rule_ids([analysis]):
            if rule not in typed:
                assert not re.search(rf"(?<![\w-]){re.escape(rule)}(?![\w-])", body), rule
        assert [m[0] for m in FIELD_PATH.finditer(body) if m[0] not in typed] == []
        if fmt == "html":
            assert external_references(document) == []


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_each_answer_is_listed_once(fmt):
    profile = sample("messy-studio.toml")
    body = body_of(fmt, render(profile, analyze(profile), fmt))
    for question in knowledge().questions.values():
        assert body.count(question.prompt) == 1, question.prompt
    # The reasons say why in words; the answers behind them are the table's, not repeated under each.
    assert "6 per month" in body and body.count("6 per month") == 1


def test_the_summary_comes_first_with_the_verdict_problems_and_steps():
    profile = sample("messy-studio.toml")
    analysis = analyze(profile)
    out = render(profile, analysis, "markdown")
    head, _, rest = out.partition("\n## Summary\n")
    assert head.startswith(f"# {profile.name}\n") and "1 January 2026" in head
    assert "Leads arrive by email and Instagram" in head  # the notes
    summary = rest.split("\n## ")[0]
    assert "**Recommendation: PM-first.**" in summary and "Trello" in summary
    assert "A close call: revenue lost before kickoff instead of after kickoff would make it CRM-first." in summary
    assert "Workflow health: 12.5 out of 100" in summary
    problems = re.findall(r"^\d\. \*\*(.+?)\*\* \((\w+) priority\)", summary, re.M)
    assert len(problems) == 3 and all(severity == "high" for _, severity in problems)
    assert len({title.split(" · ")[0] for title, _ in problems}) == 3  # three kinds of problem, not one thrice
    assert summary.count("**Fix:**") == 3
    steps = analysis.comparison[1].checklist  # PM-first's
    assert all(step in summary for step in steps[:3]) and steps[3] not in summary


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_a_profile_whose_records_all_have_stewards_gets_no_steward_step(fmt):
    stewarded = sample("hybrid-agency.toml")
    assert all(record.steward for record in stewarded.records)
    assert "steward" not in render(stewarded, analyze(stewarded), fmt).lower()
    records = [stewarded.records[0].model_copy(update={"steward": None}), *stewarded.records[1:]]
    one_missing = stewarded.model_copy(update={"records": records})
    assert "Name a steward for every record." in render(one_missing, analyze(one_missing), fmt)


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_tools_are_named_never_by_id_and_no_export_data_appears(fmt):
    profile = Profile(
        name="Ids", answers=Answers(inquiries_per_month=9, revenue_lost="before-kickoff"),
        systems=[System(id="sys-crm-x9", name="Pipeline Pro", kind="crm"),
                 System(id="sys-pm-q7", name="Board Hub", kind="pm")],
        records=[Record(entity="client", owner="sys-crm-x9", copies=[Copy(system="sys-pm-q7", sync="manual")]),
                 Record(entity="retainer_terms", owner="sys-pm-q7")],
        stages=[StageMap(stage="qualification", system="sys-crm-x9"), StageMap(stage="delivery", system="sys-pm-q7")],
        evidence=[Evidence(system="sys-crm-x9", file="acme-clients-export.csv", sha256="0" * 64, rows=120,
                           date=DATE, counts={"drift": 3})],
        schema_=2,
    )
    document = render(profile, analyze(profile), fmt)
    body = body_of(fmt, document)
    assert "Pipeline Pro" in body and "Board Hub" in body
    assert "sys-crm-x9" not in body and "sys-pm-q7" not in body
    assert "Qualification" in body and "retainer terms" in body.lower() and "retainer_terms" not in body
    assert "acme-clients-export" not in document  # the evidence stays out


# ------------------------------------------------------------------ HTML


@pytest.mark.parametrize("name", [path.name for path in sorted(PROFILES.glob("*.toml"))])
def test_html_is_one_self_contained_file(name):
    profile = sample(name)
    document = render(profile, analyze(profile), "html")
    assert document.startswith("<!DOCTYPE html>\n")
    assert external_references(document) == []
    reader = read_html(document)
    css = " ".join(reader.styles)
    assert "prefers-color-scheme: dark" in css and "@media print" in css and "@page" in css
    assert "system-ui" in css
    tags = [tag for tag, _ in reader.tags]
    assert tags.count("style") == 1 and "table" in tags
    assert 'class="map"' in document  # the swimlane map, drawn as a grid
    shown = " ".join(reader.text)
    for heading in ("Summary", "The five criteria", "Problems found", "What each model would mean for you"):
        assert heading in shown


def test_html_shows_user_text_literally():
    profile = hostile()
    document = render(profile, analyze(profile), "html")
    assert external_references(document) == []
    reader = read_html(document)
    assert not [tag for tag, _ in reader.tags if tag in ("script", "b", "i", "img")]
    assert all(value.startswith("#") for tag, attrs in reader.tags if tag == "a" for name, value in attrs
               if name == "href")  # the contents' links only
    shown = "".join(reader.text)
    for raw in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert raw not in document
    assert visible(HOSTILE_NAME) in shown  # the name, every character as written (controls as stand-ins)
    assert "[red]Hub|Spot[/] <script>" in shown and "Tre`llo` <U+202E>evil & <i>co</i>" in shown
    assert "<b>Dana</b> \u2407" in shown and '"won" <onclick=x>' in shown
    assert "<img src=x onerror=alert(1)>" in shown and "[link](https://example.com)" in shown
    title = re.search(r"<title>(.*?)</title>", document, re.S)[1]
    assert "<" not in title and "&lt;script&gt;" in title


def test_markdown_shows_user_text_literally():
    profile = hostile()
    out = render(profile, analyze(profile), "markdown")
    for raw in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert raw not in out, raw
    assert not re.search(r"(?<!\\)<(?!wbr>)", out)  # every < escaped: no HTML can take effect
    assert r"\[red\]Hub\|Spot\[/\] \<script\>" in out
    assert r"> \# not a heading" in out and r"\[link\](https\://example\.com)" in out
    titled = profile.model_copy(update={"name": "Studio C# ##"})
    assert render(titled, analyze(titled), "markdown").startswith("# Studio C# #\\#\n")  # no closing sequence


def test_the_html_map_has_a_row_per_tool_and_a_column_per_stage():
    profile = sample("messy-studio.toml")
    reader = read_html(render(profile, analyze(profile), "html"))
    shown = " ".join(reader.text)
    for system in profile.systems:
        assert system.name in shown
    for stage in knowledge().stages.values():
        assert stage.label in shown
    assert "no tool tracks it" in shown and "no handoff declared" in shown
    assert "copy, re-typed by hand" in shown


# ------------------------------------------------------------------ the date


def test_report_date_reads_the_option_then_source_date_epoch_then_today():
    assert report_date("2026-03-04", {}) == dt.date(2026, 3, 4)
    assert report_date("2026-03-04", {"SOURCE_DATE_EPOCH": "0"}) == dt.date(2026, 3, 4)  # the option wins
    assert report_date(None, {"SOURCE_DATE_EPOCH": "1767225600"}) == dt.date(2026, 1, 1)
    assert report_date(None, {"SOURCE_DATE_EPOCH": " "}) == dt.date.today()
    assert report_date(None, {}) == dt.date.today()
    for bad, env in (("2026-02-30", {}), ("1/1/2026", {}), ("2026-1-1", {}),
                     (None, {"SOURCE_DATE_EPOCH": "soon"}), (None, {"SOURCE_DATE_EPOCH": "-5"}),
                     (None, {"SOURCE_DATE_EPOCH": "9" * 30})):
        with pytest.raises(ValueError) as error:
            report_date(bad, env)
        assert "\n" not in str(error.value)


def _run(*args, env=None):
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environment.update(env or {})
    return subprocess.run([truthmap_command(), *map(str, args)], capture_output=True, text=True, env=environment,
                          timeout=120)


@pytest.fixture
def cli_env(cli, monkeypatch):
    """`truthmap ARGS` in this process as `_run` gives it: SOURCE_DATE_EPOCH only from `env`."""

    def call(*args, env=None, cwd=None):
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        return cli(*args, cwd=cwd)

    return call


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_date_and_source_date_epoch_make_the_output_reproducible(fmt, cli_env):
    messy = PROFILES / "messy-studio.toml"
    first = cli_env("report", messy, "--format", fmt, "--date", "2026-01-01")
    again = cli_env("report", messy, "--format", fmt, "--date", "2026-01-01")
    # SOURCE_DATE_EPOCH through a real process's environment once; noon, 1 Jan 2026
    from_epoch = (_run if fmt == "markdown" else cli_env)("report", messy, "--format", fmt,
                                                          env={"SOURCE_DATE_EPOCH": "1767268800"})
    assert first.returncode == 0 and first.stderr == ""
    assert first.stdout == again.stdout == from_epoch.stdout
    assert "1 January 2026" in first.stdout
    other = cli_env("report", messy, "--format", fmt, "--date", "2026-01-02", env={"SOURCE_DATE_EPOCH": "0"})
    assert "2 January 2026" in other.stdout


def test_a_bad_date_is_one_line_and_exit_2(cli_env):
    for args, env, command in ((["--date", "2026-13-01"], None, _run),  # in a real process
                               ([], {"SOURCE_DATE_EPOCH": "yesterday"}, cli_env)):
        result = command("report", PROFILES / "messy-studio.toml", "--format", "html", *args, env=env)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("truthmap report:")
    # The text and JSON reports carry no date, so a bad SOURCE_DATE_EPOCH does not stop them.
    assert cli_env("report", PROFILES / "messy-studio.toml", env={"SOURCE_DATE_EPOCH": "yesterday"}).returncode == 0


def test_html_report_through_the_command_to_a_file(tmp_path):
    target = tmp_path / "out" / "report.html"
    result = _run("report", PROFILES / "messy-studio.toml", "--format", "html", "--date", "2026-01-01", "-o", target)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    document = target.read_text(encoding="utf-8")
    assert external_references(document) == []
    assert "<title>Studio Nord — today" in document


def test_the_text_and_json_reports_load_no_client_report_code():
    code = ("import sys, io, contextlib\nfrom truthmap.cli import main\n"
            "for fmt in ('text', 'json'):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            f"        assert main(['report', {str(PROFILES / 'messy-studio.toml')!r}, '--format', fmt]) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith('truthmap.reports.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip()
    assert "truthmap.reports.client" not in loaded and "truthmap.reports.html" not in loaded, loaded


# ------------------------------------------------------------------ the sample in docs/


def _sample_commands() -> list[list[str]]:
    """The commands docs/client-report.md names for the committed samples."""
    text = (DOCS / "client-report.md").read_text(encoding="utf-8")
    commands = [line.split() for line in text.splitlines() if line.startswith("truthmap report ")]
    assert len(commands) == 2, commands
    return commands


@pytest.mark.parametrize("index", [0, 1])
def test_the_committed_sample_is_what_the_documented_command_writes_now(index, tmp_path, cli_env):
    command = _sample_commands()[index]
    output = command[command.index("-o") + 1]
    assert output.startswith("docs/sample-client-report.")
    fresh = tmp_path / Path(output).name
    args = [*command[1:command.index("-o")], "-o", str(fresh), *command[command.index("-o") + 2:]]
    if index == 0:  # the first as the documented command, in a real process
        result = subprocess.run([truthmap_command(), *args], capture_output=True, text=True, cwd=ROOT, timeout=120,
                                env={key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"})
    else:
        result = cli_env(*args, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    committed = (ROOT / output).read_text(encoding="utf-8")
    assert committed == fresh.read_text(encoding="utf-8"), (
        f"{output} is stale: run `{' '.join(command)}` from the repository folder")


@pytest.mark.parametrize("fmt", CLIENT_FORMATS)
def test_a_large_profile_lists_every_record_and_leaves_the_unreadable_map_out(fmt):
    systems = [System(id=f"t{n}", name=f"Tool {n}", kind=("crm", "pm", "billing", "chat")[n % 4]) for n in range(8)]
    profile = Profile(name="Large", systems=systems, records=[
        Record(entity=f"c{n:04d}", owner=f"t{n % 8}", copies=[Copy(system=f"t{(n + 1) % 8}", sync="manual")])
        for n in range(500)])
    document = render(profile, analyze(profile), fmt)
    assert "The map is left out: 500 records and stages" in document
    assert "mermaid" not in document and 'class="map"' not in document
    body = body_of(fmt, document)
    assert all(f"c{n:04d}" in body for n in range(500))  # custom data by its own name, every one


def test_markdown_renders_user_text_as_written_in_a_real_renderer():
    """Through GitHub's own renderer (raw HTML allowed), every name reads as typed and nothing takes effect."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    profile = hostile()
    rendered = cmarkgfm.github_flavored_markdown_to_html(render(profile, analyze(profile), "markdown"),
                                                          options=Options.CMARK_OPT_UNSAFE)
    assert external_references(f"<div>{rendered}</div>") == []
    reader = read_html(f"<div>{rendered}</div>")
    assert not [tag for tag, _ in reader.tags if tag in ("script", "b", "i", "img", "a")]
    shown = "".join(reader.text)
    assert visible(HOSTILE_NAME) in shown
    assert "[red]Hub|Spot[/] <script>" in shown and "<b>Dana</b> \u2407" in shown
    assert "<img src=x onerror=alert(1)>" in shown and "[link](https://example.com)" in shown

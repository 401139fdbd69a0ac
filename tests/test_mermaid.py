"""The Mermaid map: structure on the messy sample, and no profile text can break it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from truthmap.analysis import analyze
from truthmap.storage import load_profile
from truthmap.reports.mermaid import mermaid_map, quote
from truthmap.text import visible

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"
QUOTED = re.compile(r'"([^"\n]*)"')
EDGE = re.compile(r"^\s*\w+ (-->|-\.->|==>|~~~|x--x)")
# What may remain of a line once its quoted labels are taken out: ids, keywords, arrows, styles.
STATEMENT = re.compile(
    r"^\s*(flowchart LR|direction LR|end|subgraph lane\d+\[\]|\w+\[\]|\w+\(\[\]\)"
    r"|\w+ (-->|~~~) \w+|\w+ ==>(\|\|)? \w+|\w+ -\.->\|\| \w+|\w+ x--x\|\| \w+"
    r"|classDef \w[\w-]* [\w:#,.\- ]+|class [\w,]+ \w+|linkStyle [\d,]+ [\w:#,.\- ]+)$"
)
HOSTILE = 'A "quoted" [bold]x[/] <b>&amp;</b>\nnext; line #1 `tick` ```fence |pipe| {c} (p) end --> \\ %% \x1b[31m'


@pytest.fixture()
def messy_diagram():
    profile = load_profile(SAMPLES / "messy-studio.toml").profile
    return mermaid_map(profile, analyze(profile))


def hostile_profile(tmp_path: Path):
    def toml(text: str) -> str:
        return '"' + "".join(c if c.isalnum() or c in " []<>/&;#`|{}()-%" else f"\\u{ord(c):04x}" for c in text) + '"'

    path = tmp_path / "hostile.toml"
    path.write_text(f"""
schema = 1
name = {toml(HOSTILE)}

[[systems]]
id = "a"
name = {toml(HOSTILE)}
kind = "crm"

[[systems]]
id = "end"
name = "end"
kind = "pm"

[[records]]
entity = "client"
owner = "a"
steward = {toml(HOSTILE)}
copies = [{{ system = "end", sync = "manual" }}]

[[records]]
entity = "weird-thing"
owner = "end"

[[stages]]
stage = "contract"
system = "a"

[[stages]]
stage = "kickoff"
system = "end"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = {toml(HOSTILE)}
owner = {toml(HOSTILE)}
""", encoding="utf-8")
    profile = load_profile(path).profile
    assert profile.systems[0].name == HOSTILE
    return profile


def decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def test_the_messy_map_has_a_lane_per_system_in_order_then_nobody(messy_diagram):
    lines = messy_diagram.splitlines()
    assert lines[0] == "flowchart LR"
    titles = [decode(QUOTED.search(line).group(1)) for line in lines if line.strip().startswith("subgraph")]
    assert titles == ["HubSpot · CRM", "Trello · Project management", "Slack · Chat", "Gmail · Email",
                      "Google Sheets · Spreadsheet", "Xero · Billing", "Nobody"]  # kinds by label, never by id
    assert messy_diagram.count("\n  end\n") == len(titles)


def test_the_messy_map_marks_its_problems(messy_diagram):
    labels = {node: decode(text) for node, text in re.findall(r'(\w+)\(\["([^"]*)"\]\)', messy_diagram)}
    classes = {name: nodes.split(",") for nodes, name in re.findall(r"^  class ([\w,]+) (\w+)$", messy_diagram, re.M)}
    assert sorted(labels[n] for n in classes["conflict"]) == ["✕ Client", "✕ Client"]
    assert {labels[n] for n in classes["dup"]} >= {"≈ Client · copy, re-typed by hand",
                                                   "≈ Client · copy, nobody keeps it current"}
    assert {labels[n] for n in classes["unowned"]} == {"? Proposal · no owner", "? Contract · no owner",
                                                       "? Scope · no owner", "? Deliverables · no owner"}
    gaps = [decode(t) for t in QUOTED.findall(messy_diagram) if t.endswith("no tool tracks it")]
    assert gaps == ["Qualification: no tool tracks it", "Kickoff: no tool tracks it", "Review: no tool tracks it"]
    assert messy_diagram.count('-.->|"no handoff declared"|') == 3
    assert "x--x" in messy_diagram  # the two claimed owners of client face each other


def test_link_styles_point_at_the_problem_edges(messy_diagram):
    edges = [line for line in messy_diagram.splitlines() if EDGE.match(line)]
    (styled,) = re.findall(r"^  linkStyle ([\d,]+) ", messy_diagram, re.M)
    indexes = [int(i) for i in styled.split(",")]
    assert all(i < len(edges) for i in indexes)
    for index, edge in enumerate(edges):
        problem = "no handoff declared" in edge or "x--x" in edge
        if problem:
            assert index in indexes, edge
    for index in indexes:
        assert "~~~" not in edges[index] and " --> " not in edges[index]


def test_a_declared_handoff_is_a_thick_edge_with_its_trigger(tmp_path):
    diagram = mermaid_map(hostile_profile(tmp_path), analyze(hostile_profile(tmp_path)))
    (edge,) = [line for line in diagram.splitlines() if "==>" in line]
    assert decode(QUOTED.search(edge).group(1)) == visible(HOSTILE)
    assert "no handoff declared" not in diagram


def test_hostile_names_cannot_break_the_diagram(tmp_path):
    profile = hostile_profile(tmp_path)
    diagram = mermaid_map(profile, analyze(profile))
    assert "```" not in diagram and "\x1b" not in diagram
    for line in diagram.splitlines():
        for label in QUOTED.findall(line):
            assert re.fullmatch(r"([^#]|#\d+;)*", label), label  # every # starts an entity code
            raw = re.sub(r"#\d+;", "", label)
            assert not set(raw) & set('"<>;`[]{}()|\\&\n'), label
        skeleton = QUOTED.sub('', line)
        assert STATEMENT.match(skeleton), line
    assert any(decode(label) == visible(HOSTILE) + " · CRM" for label in QUOTED.findall(diagram))


def test_quote_shows_control_characters_and_keeps_plain_unicode():
    assert quote("Café — 東京") == '"Café — 東京"'
    assert quote('a"b') == '"a#34;b"'
    assert quote("line\nbreak") == '"line␊break"'
    assert quote("#1;") == '"#35;1#59;"'


def test_the_diagram_is_deterministic(tmp_path):
    profile = hostile_profile(tmp_path)
    assert mermaid_map(profile, analyze(profile)) == mermaid_map(profile, analyze(profile))

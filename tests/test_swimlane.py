"""The swimlane map: layout (who sits where, what is marked) and its text drawing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from truthmap.analysis import analyze
from truthmap.knowledge import knowledge
from truthmap.storage import load_profile
from truthmap.swimlane import NOBODY, home_stage, layout, projected_layout
from truthmap.swimlane_draw import bar, draw_map, fit_lines, handoff_lines, short_names
from truthmap.text import visible

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"

SYSTEMS = """
schema = 1
name = "Map test"

[[systems]]
id = "crm"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "pm"
name = "Trello"
kind = "pm"

[[systems]]
id = "money"
name = "Xero"
kind = "billing"
"""

CONTRACT_CRM_KICKOFF_PM = """
[[stages]]
stage = "contract"
system = "crm"

[[stages]]
stage = "kickoff"
system = "pm"
"""


def load(tmp_path: Path, body: str, head: str = SYSTEMS):
    path = tmp_path / "profile.toml"
    path.write_text(head + body, encoding="utf-8")
    profile = load_profile(path).profile
    return profile, analyze(profile, with_flip=False)  # what would change the advice draws nothing here


def mapped(tmp_path: Path, body: str, head: str = SYSTEMS):
    profile, analysis = load(tmp_path, body, head)
    return layout(profile, analysis.findings)


def chip(smap, lane: str, entity: str, role: str | None = None):
    found = [c for c in smap.lane(lane).chips if c.entity == entity and (role is None or c.role == role)]
    assert found, f"no {entity} chip in lane {lane}"
    return found[0]


def row_of(drawing, text: str) -> int:
    for y, line in enumerate(drawing.lines):
        if text in "".join(t for t, _ in line):
            return y
    raise AssertionError(f"{text!r} not drawn")


def line_text(drawing, y: int) -> str:
    return "".join(t for t, _ in drawing.lines[y])


# ------------------------------------------------------------------ layout


def test_an_entity_owned_by_a_system_sits_in_that_lane_under_its_stage(tmp_path):
    smap = mapped(tmp_path, '[[records]]\nentity = "client"\nowner = "crm"\nsteward = "Dana"\n')
    client = chip(smap, "crm", "client")
    assert client.role == "owner" and client.stage == "contract"
    assert not [c for c in smap.lane("pm").chips if c.entity == "client"]


def test_every_standard_entity_has_a_home_stage_and_stage_needs_decide_it():
    know = knowledge()
    for entity in know.entities:
        assert home_stage(entity) in know.stages
    for stage in know.stages.values():
        for entity in stage.needs:
            assert know.stage_index(home_stage(entity)) <= know.stage_index(stage.id)
    assert home_stage("time_entries") == "delivery"  # no stage needs it: placed by its phase
    assert home_stage("my-custom-thing") == "kickoff"  # custom data crosses kickoff


def test_a_manual_copy_is_marked_duplicated_and_a_one_way_copy_is_not(tmp_path):
    body = """
[[records]]
entity = "client"
owner = "crm"
steward = "Dana"
copies = [{ system = "pm", sync = "manual" }, { system = "money", sync = "one-way" }]
"""
    smap = mapped(tmp_path, body)
    manual, synced = chip(smap, "pm", "client", "copy"), chip(smap, "money", "client", "copy")
    assert manual.kinds == ("duplication",) and manual.sync == "manual"
    assert synced.kinds == () and synced.sync == "one-way"
    assert chip(smap, "crm", "client", "owner").kinds == ()
    drawing = draw_map(smap, 120)
    assert "≈ Client" in line_text(drawing, row_of(drawing, "Trello") + 1)
    assert "○ Client" in line_text(drawing, row_of(drawing, "Xero") + 1)


def test_an_untracked_stage_between_mapped_ones_is_marked_and_one_outside_is_not(tmp_path):
    body = """
[[stages]]
stage = "proposal"
system = "crm"

[[stages]]
stage = "kickoff"
system = "crm"
"""
    smap = mapped(tmp_path, body)
    gaps = {c.id for c in smap.columns if c.gap}
    assert gaps == {"contract"}
    assert smap.lane(NOBODY) is not None
    drawing = draw_map(smap, 120)
    nobody = row_of(drawing, "Nobody")
    contract = next(i for i, c in enumerate(smap.columns) if c.id == "contract")
    x = _column_x(drawing, "Contract")
    assert "░" in line_text(drawing, nobody)[x:x + 3]
    assert contract == 3


def _column_x(drawing, label: str) -> int:
    return line_text(drawing, 0).index(label)


def test_a_handoff_gap_is_drawn_between_the_right_lanes(tmp_path):
    smap = mapped(tmp_path, CONTRACT_CRM_KICKOFF_PM)
    (link,) = smap.links
    assert (link.from_stage, link.to_stage, link.from_lane, link.to_lane) == ("contract", "kickoff", "crm", "pm")
    assert not link.declared and link.mark.kind == "handoff-gap"
    drawing = draw_map(smap, 120)
    hub, trello = row_of(drawing, "HubSpot"), row_of(drawing, "Trello")
    kickoff_x = _column_x(drawing, "Kickoff")
    assert line_text(drawing, trello)[kickoff_x] == "▷"  # arrow into kickoff, in Trello's lane
    gutter = kickoff_x - 1
    assert line_text(drawing, hub)[gutter] == "╮"  # leaves HubSpot after contract
    assert all(line_text(drawing, y)[gutter] == "┆" for y in range(hub + 1, trello))
    assert line_text(drawing, trello)[gutter] == "╰"
    spots = drawing.regions[drawing.marks.index(link.mark)]
    assert (gutter, hub, 1) in spots and (kickoff_x, trello, 1) in spots
    assert "┄▷ Contract → Kickoff   HubSpot → Trello   nobody declared it" in [
        "".join(t for t, _ in line) for line in handoff_lines(smap)]


def test_a_declared_handoff_is_drawn_solid_and_is_not_marked(tmp_path):
    body = CONTRACT_CRM_KICKOFF_PM + """
[[handoffs]]
from = "contract"
to = "kickoff"
trigger = "Deal won"
"""
    smap = mapped(tmp_path, body.replace('"Deal won"', '"Deal [b]won[/b]"'))
    (link,) = smap.links
    assert link.declared and link.mark is None and link.trigger == "Deal [b]won[/b]"
    words = ["".join(t for t, _ in line) for line in handoff_lines(smap)]
    assert words == ["Handoffs", "─▶ Contract → Kickoff   HubSpot → Trello   when: Deal [b]won[/b]"]
    assert not [m for m in smap.marks if m.kind == "handoff-gap"]
    drawing = draw_map(smap, 120)
    assert line_text(drawing, row_of(drawing, "Trello"))[_column_x(drawing, "Kickoff")] == "▶"


def test_an_unowned_entity_is_marked_in_the_nobody_lane(tmp_path):
    body = """
[[records]]
entity = "scope"
copies = [{ system = "pm", sync = "manual" }]
"""
    smap = mapped(tmp_path, body)
    unowned = chip(smap, NOBODY, "scope")
    assert unowned.role == "unowned" and "no-owner" in unowned.kinds
    drawing = draw_map(smap, 120)
    assert "? Scope" in line_text(drawing, row_of(drawing, "Nobody") + 1)


def test_a_stage_that_needs_an_unowned_entity_puts_it_in_the_nobody_lane(tmp_path):
    smap = mapped(tmp_path, '[[stages]]\nstage = "invoicing"\nsystem = "money"\n')
    assert chip(smap, NOBODY, "invoices").stage == "invoicing"
    assert smap.lane("money").tracks == ("invoicing",)


def test_conflicting_owners_mark_every_claiming_lane(tmp_path):
    body = """
[[records]]
entity = "client"
owner = "crm"
steward = "Dana"

[[records]]
entity = "client"
owner = "pm"
steward = "Jon"
"""
    smap = mapped(tmp_path, body)
    assert chip(smap, "crm", "client").kinds == ("conflicting-owners",)
    assert chip(smap, "pm", "client").kinds == ("conflicting-owners",)
    drawing = draw_map(smap, 120)
    (mark,) = [m for m in drawing.marks if m.kind == "conflicting-owners"]
    assert len(drawing.regions[drawing.marks.index(mark)]) == 2


def test_a_custom_entity_is_placed_and_labelled_as_written(tmp_path):
    smap = mapped(tmp_path, '[[records]]\nentity = "brand-assets"\nowner = "pm"\nsteward = "Jon"\n')
    assert chip(smap, "pm", "brand-assets").stage == "kickoff"
    drawing = draw_map(smap, 120)
    assert "● brand-assets" in drawing.text()


def test_systems_keep_their_declared_order_and_nobody_comes_last(tmp_path):
    smap = mapped(tmp_path, '[[records]]\nentity = "scope"\n')
    assert [lane.id for lane in smap.lanes] == ["crm", "pm", "money", NOBODY]


def test_an_empty_profile_draws_the_stages_and_says_nothing_is_mapped(tmp_path):
    profile, analysis = load(tmp_path, "", head='schema = 1\nname = "New"\n')
    text = draw_map(layout(profile, analysis.findings), 100).text()
    assert "Inquiry" in text and "Payment" in text
    assert "Nothing is mapped yet" in text


def test_no_nobody_lane_when_nothing_is_unowned_or_untracked(tmp_path):
    smap = mapped(tmp_path, '[[records]]\nentity = "client"\nowner = "crm"\nsteward = "Dana"\n')
    assert smap.lane(NOBODY) is None


# ------------------------------------------------------------------ the sample and the drawing


@pytest.fixture()
def messy():
    profile = load_profile(SAMPLES / "messy-studio.toml").profile
    return profile, analyze(profile, with_flip=False)  # what would change the advice draws nothing here


def test_every_finding_of_the_messy_sample_is_a_mark_and_the_map_ones_are_drawn(messy):
    profile, analysis = messy
    drawing = draw_map(layout(profile, analysis.findings), 120)
    assert sorted(id(m.finding) for m in drawing.marks) == sorted(id(f) for f in analysis.findings)
    drawn_kinds = {m.kind for m, spots in zip(drawing.marks, drawing.regions) if spots}
    assert {"duplication", "conflicting-owners", "no-owner", "untracked-stage", "handoff-gap",
            "record-in-conversation"} <= drawn_kinds
    undrawn = {m.kind for m, spots in zip(drawing.marks, drawing.regions) if not spots}
    assert undrawn <= {"tools-before-process", "hybrid-without-rules", "hybrid-not-required"}


def test_marks_come_in_reading_order(messy):
    profile, analysis = messy
    drawing = draw_map(layout(profile, analysis.findings), 120)
    corners = [min((y, x) for x, y, _ in spots) for spots in drawing.regions if spots]
    assert corners == sorted(corners)
    located = [bool(spots) for spots in drawing.regions]
    assert located == sorted(located, reverse=True)  # the undrawn ones come last


@pytest.mark.parametrize("width", [78, 100, 118])
def test_the_drawing_fits_the_width_and_every_line_is_as_wide_as_the_map(messy, width):
    profile, analysis = messy
    smap = layout(profile, analysis.findings)
    drawing = draw_map(smap, width, legend=False)
    assert drawing.width <= width
    assert {cell_len(line_text(drawing, y)) for y in range(drawing.height)} == {drawing.width}


def test_a_wide_screen_shows_entity_names_whole(messy):
    profile, analysis = messy
    text = draw_map(layout(profile, analysis.findings), 118).text()
    for words in ("Opportunity", "Sales notes", "Time entries", "Deliverables", "Google Sheets"):
        assert words in text


def test_names_cut_alike_get_short_names_of_their_own():
    names = short_names({"Deliverables": 4, "Delivery notes": 4, "Client": 4, "Tasks": 5, "Project plan": 4,
                         "Proposal": 4})
    assert "Tasks" not in names  # it fits: shown whole
    assert names["Client"] == "Cli…"  # cut alone: the usual cut
    assert names["Deliverables"] != names["Delivery notes"] and "Del…" not in names.values()
    assert names["Deliverables"] == "Deli" and names["Proposal"] == "Prop"
    assert names["Delivery notes"] == "DelN" and names["Project plan"] == "ProP"  # a word's initials
    assert len(set(names.values())) == len(names)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=20).map(visible), st.integers(min_value=4, max_value=12),
                       max_size=12))
def test_every_short_name_fits_its_room_and_no_two_are_alike(rooms):
    names = short_names(rooms)
    assert set(names) == {label for label, room in rooms.items() if cell_len(label) > room}
    whole = set(rooms) - set(names)
    assert all(0 < cell_len(short) <= rooms[label] for label, short in names.items())
    assert len(set(names.values())) == len(names) and not set(names.values()) & whole


def test_a_narrow_map_keeps_deliverables_and_delivery_notes_apart_and_says_what_it_shortened(tmp_path):
    body = """
[[records]]
entity = "deliverables"
owner = "pm"

[[records]]
entity = "delivery_notes"
owner = "pm"

[[records]]
entity = "client"
owner = "crm"
"""
    smap = mapped(tmp_path, body)
    wide, narrow = draw_map(smap, 160).text(), draw_map(smap, 78).text()
    assert "Short names" not in wide and "Deliverables" in wide and "Delivery notes" in wide
    legend = narrow[narrow.index("Short names:"):]
    shorts = dict(re.findall(r"(\S+) = (Deliverables|Delivery notes|Client)", legend))
    assert sorted(shorts.values()) == ["Client", "Deliverables", "Delivery notes"]
    on_map = narrow[:narrow.index("Short names:")]
    for short in shorts:
        assert re.findall(rf"● {re.escape(short)}(?!\S)", on_map) == [f"● {short}"]  # drawn once, as itself
    assert len(shorts) == 3


def test_profile_text_is_drawn_literally_and_wide_characters_keep_the_grid(tmp_path):
    head = SYSTEMS.replace('name = "HubSpot"', 'name = "[bold]x[/]\\u001b[31m"').replace(
        'name = "Trello"', 'name = "株式会社ツール"')
    body = """
[[records]]
entity = "client"
owner = "crm"
steward = "Dana"
copies = [{ system = "pm", sync = "manual" }]
"""
    smap = mapped(tmp_path, body, head)
    drawing = draw_map(smap, 120, legend=False)
    assert "[bold]x[/]␛[31m" in drawing.text()
    assert "\x1b" not in drawing.text()
    assert {cell_len(line_text(drawing, y)) for y in range(drawing.height)} == {drawing.width}
    assert "株式会社" in drawing.text()


# ------------------------------------------------------------------ projections


def test_a_projection_moves_owners_and_marks_the_moves(messy):
    profile, analysis = messy
    pm_first = next(p for p in analysis.comparison if p.model == "pm-first")
    smap = projected_layout(profile, pm_first)
    lead = chip(smap, "trello", "lead")
    assert lead.moved_from == ("gmail",)
    assert chip(smap, "trello", "scope").moved_from == (NOBODY,)  # unowned today
    assert chip(smap, "trello", "tasks").moved_from == ()  # already there
    assert not [c for c in smap.lane("gmail").chips if c.role == "owner"]
    # Every stage is tracked by the tool that would own what it needs.
    assert all(column.tracked_by for column in smap.columns)
    assert {m.kind for m in smap.marks} <= {r.kind for r in pm_first.risks}
    drawing = draw_map(smap, 120)
    assert "» Lead" in drawing.text()


def test_a_projection_without_the_needed_tool_puts_the_data_in_the_nobody_lane(tmp_path):
    head = SYSTEMS.split("[[systems]]")[0] + '[[systems]]\nid = "pm"\nname = "Trello"\nkind = "pm"\n'
    profile, analysis = load(tmp_path, '[[records]]\nentity = "tasks"\nowner = "pm"\nsteward = "Jon"\n', head)
    crm_first = next(p for p in analysis.comparison if p.model == "crm-first")
    assert crm_first.missing == ("crm",)
    smap = projected_layout(profile, crm_first)
    lead = chip(smap, NOBODY, "lead")
    assert lead.kinds == ("missing-tool",)
    assert "CRM" in lead.marks[0].finding.message


# ------------------------------------------------------------------ fit bars


def test_bars_are_proportional_and_exact_at_the_ends():
    assert bar(0, 10) == ("", "░" * 10)
    assert bar(100, 10) == ("█" * 10, "")
    filled, empty = bar(50, 10)
    assert filled == "█" * 5 and empty == "░" * 5
    assert cell_len("".join(bar(33.3, 17))) == 17


def test_fit_lines_mark_the_recommendation_and_show_your_setup_s_health(messy):
    profile, analysis = messy
    lines = ["".join(t for t, _ in line) for line in fit_lines(analysis, 100)]
    recommended = knowledge().models[analysis.recommendation.model].label
    (best,) = [line for line in lines if "★ recommended" in line]
    assert best.startswith(recommended)
    assert any(line.startswith("Setup health  ") and "looks like Hybrid" in line for line in lines)
    # Every bar starts in the same column, two cells after the longest label.
    assert {line.index(next(c for c in line if c in "█▏▎▍▌▋▊▉░")) for line in lines[1:]} == {len("Setup health") + 2}
    longest = max(lines[1:4], key=lambda line: line.count("█"))
    assert longest == best

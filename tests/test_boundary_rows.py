"""What the boundary editor's tables show, built without Textual (boundaries/rows.py)."""

from __future__ import annotations

import subprocess
import sys

from rich.style import Style

from truthmap.analysis import analyze
from truthmap.model import Copy, Handoff, Profile, Record, StageMap, System
from truthmap.vocabulary import STAGES
from truthmap.workbench.boundaries.rows import (
    NONE, SEVERITY_GLYPH, detail, handoff_rows, marked, people, place_findings, record_rows, row_index,
    section_label, stage_rows, system_choices, system_rows,
)

BOLD = Style(bold=True)


def style(severity: str) -> Style:
    return BOLD


def studio() -> Profile:
    return Profile(
        name="studio",
        systems=[System(id="hubspot", name="HubSpot", kind="crm"), System(id="notion", name="Notion", kind="docs")],
        records=[Record(entity="invoices", owner="hubspot"),
                 Record(entity="client", owner="hubspot", steward="Dana",
                        copies=[Copy(system="notion", sync="manual")])],
        stages=[StageMap(stage="inquiry", system="hubspot", owner="Dana")],
        handoffs=[Handoff(from_stage="contract", to_stage="kickoff", owner="Sam")],
    )


def test_the_rows_module_loads_without_textual():
    code = "import sys, truthmap.workbench.boundaries.rows; print('textual' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "False"


def test_each_row_is_keyed_by_the_profile_path_it_shows():
    profile = studio()
    assert [row.key for row in system_rows(profile)] == ["systems[0]", "systems[1]"]
    # Lifecycle order (the client before invoices), each record's copies right under it.
    assert [row.key for row in record_rows(profile)] == ["records[1]", "records[1].copies[0]", "records[0]"]
    assert [row.key for row in stage_rows(profile)] == [f"stage:{stage}" for stage in STAGES]
    assert [row.key for row in handoff_rows(profile)] == ["handoffs[0]"]
    assert row_index("records[1].copies[0]", "copies") == 0 and row_index("records[1].copies[0]", "records") == 1


def test_cells_say_what_a_person_reads():
    profile = studio()
    client, copy, _ = record_rows(profile)
    assert client.cells["owner"].plain == "HubSpot" and client.cells["steward"].plain == "Dana"
    assert copy.cells["held"].plain == "copy · manual" and copy.cells["owner"].plain == "Notion"
    lead = stage_rows(profile)[STAGES.index("inquiry")]
    untracked = stage_rows(profile)[STAGES.index("delivery")]
    assert lead.cells["system"].plain == "HubSpot" and untracked.cells["system"].plain == "untracked"


def test_profile_text_is_shown_literally_with_controls_made_visible():
    profile = Profile(name="odd", systems=[System(id="odd", name="[bold]Odd\x1b[31m", kind="other")])
    name = system_rows(profile)[0].cells["name"]
    assert "\x1b" not in name.plain and "[bold]Odd" in name.plain and not name.spans


def test_findings_mark_their_rows_and_the_detail_line():
    profile = studio()
    analysis = analyze(profile)
    marks = place_findings(profile, analysis)
    assert marks.rows, "the studio has findings on its boundaries"
    key, severity = next(iter(marks.rows.items()))
    row = next(row for section in (system_rows, record_rows, stage_rows, handoff_rows)
               for row in section(profile) if row.key == key)
    shown = marked(row, marks, style)
    assert shown.cells["mark"].plain == SEVERITY_GLYPH[severity] and list(shown.cells)[0] == "mark"
    line = detail(marks.findings[key], "hint", style)
    assert line.plain.startswith(SEVERITY_GLYPH[marks.findings[key][0].severity])
    assert detail([], "a: add", style).plain == "a: add"
    label = section_label("records", ["low", "high", "low"], style)
    # Each severity counted apart: one count under the worst's mark read as that many high ones.
    assert label.plain == f"Records {SEVERITY_GLYPH['high']}1 {SEVERITY_GLYPH['low']}2"
    assert section_label("stages", [], style).plain == "Stages"


def test_choices_and_suggestions_come_from_the_profile():
    profile = studio()
    assert [value for _, value in system_choices(profile, "none yet")] == [NONE, "hubspot", "notion"]
    assert [value for _, value in system_choices(profile, exclude="hubspot")] == ["notion"]
    assert people(profile) == ["Dana", "Sam"]


def test_stages_kinds_and_kinds_of_data_are_shown_by_label_never_by_id():
    """Issue 19 (6): what the file calls `pm`, `follow_ups` or `contract` reads as words on screen."""
    from truthmap.knowledge import knowledge
    from truthmap.workbench.boundaries.rows import entity_label, kind_choices, stage_choices, stage_rows, system_rows

    profile = Profile(name="x", systems=[System(id="t", name="Trello", kind="pm")],
                      handoffs=[Handoff(from_stage="contract", to_stage="kickoff")])
    assert [str(row.cells["kind"]) for row in system_rows(profile)] == ["Project management"]
    assert [str(row.cells["stage"]) for row in stage_rows(profile)] == [s.label for s in knowledge().stages.values()]
    assert [label for label, _ in kind_choices()] == [k.label for k in knowledge().kinds.values()]
    assert stage_choices(["contract", "kickoff"]) == [("Contract", "contract"), ("Kickoff", "kickoff")]
    assert str(entity_label("follow_ups")) == "Follow-ups"


def test_long_profile_text_is_cut_in_its_cell_so_the_other_columns_stay_in_view():
    """A 90-character name once took the whole pane, hiding Kind and Id (and, in Records,
    Kept as and Steward) on every row; each cell now shows at most CELL_MOST cells."""
    from truthmap.cells import cells
    from truthmap.workbench.boundaries.rows import CELL_MOST

    long_name = "[bold]x[/] 🚀 שלום עולם Very Long Name That Goes On And On And On Forever And Ever"
    profile = Profile(name="long", systems=[System(id="docs", name=long_name, kind="docs")],
                      records=[Record(entity="client", owner="docs", steward="S" * 60)],
                      stages=[StageMap(stage="inquiry", system="docs", owner="O" * 60)],
                      handoffs=[Handoff(from_stage="contract", to_stage="kickoff", trigger="T" * 60, owner="Sam")])
    name = system_rows(profile)[0].cells["name"].plain
    assert name.startswith("[bold]x[/] 🚀") and name.endswith("…") and cells(name) == CELL_MOST
    record = record_rows(profile)[0].cells
    assert cells(record["owner"].plain) == cells(record["steward"].plain) == CELL_MOST
    assert record["held"].plain == "record"  # the columns after a long one are all there
    stage = next(row for row in stage_rows(profile) if row.key == "stage:inquiry").cells
    assert cells(stage["owner"].plain) == CELL_MOST
    handoff = handoff_rows(profile)[0].cells
    assert cells(handoff["trigger"].plain) == CELL_MOST and handoff["owner"].plain == "Sam"
    # Short text is untouched.
    assert system_rows(studio())[0].cells["name"].plain == "HubSpot"

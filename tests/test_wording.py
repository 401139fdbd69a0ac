"""Wording on screen: plurals, ids kept out of sentences, help that matches the keys."""

from __future__ import annotations

from truthmap.analysis.types import Finding
from truthmap.model import Profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.panes.findings_panel import finding_content
from truthmap.workbench.screens.help_screen import OVERVIEW, binding_sections
from truthmap.workbench.screens.map_screen import explain
from truthmap.workbench.screens.reference_screen import ReferenceScreen


def test_map_counts_one_problem_in_the_singular():
    assert "1 problem marked." in explain(None, 0, 1).plain
    assert "3 problems marked." in explain(None, 0, 3).plain


def test_a_finding_heading_is_words_and_its_kind_id_a_dimmed_tag():
    finding = Finding(kind="conflicting-owners", severity="high", entity="client", stage=None,
                      systems=(), message="Two tools claim the client.", fix="Pick one.",
                      rule="one-owner-per-entity")
    content = finding_content(finding, Profile(schema=1, name="x"))
    head = content.plain.splitlines()[0]
    assert "Two owners" in head and "Conflicting owners" not in head
    assert head.endswith("[conflicting-owners]")
    tag_start = content.plain.index("[conflicting-owners]")
    assert any(span.start <= tag_start < span.end and "muted" in str(span.style) for span in content.spans)


def test_reference_commands_name_models_in_words():
    for binding in ReferenceScreen.BINDINGS:
        words = f"{binding.description} {binding.tooltip}"
        assert not any(model in words for model in ("crm-first", "pm-first", "hybrid"))


def test_help_says_backspace_erases_a_character_in_numbers_and_clears_a_choice():
    sections = dict(binding_sections(TruthmapApp(paths=[])))
    assert not any("Backspace" in keys for keys, _ in sections["Any question"])
    assert ("Backspace", "Erase the last character") in sections["Number questions"]
    assert ("Backspace", "Clear") in sections["Choice and yes/no questions"]
    questions = dict(OVERVIEW)["Questions (F5)"]
    assert "Backspace erases the last character" in questions

"""Every finding kind fires where it should, and its twin does not."""

from __future__ import annotations

from truthmap.analysis import KINDS, analyze
from truthmap.model import Profile
from truthmap.paths import samples_dir
from truthmap.storage import load_profile

SYSTEMS = [
    {"id": "hubspot", "name": "HubSpot", "kind": "crm"},
    {"id": "trello", "name": "Trello", "kind": "pm"},
    {"id": "slack", "name": "Slack", "kind": "chat"},
    {"id": "gmail", "name": "Gmail", "kind": "email"},
    {"id": "sheets", "name": "Google Sheets", "kind": "spreadsheet"},
    {"id": "xero", "name": "Xero", "kind": "billing"},
    {"id": "dubsado", "name": "Dubsado", "kind": "all-in-one"},
]


def profile(**sections) -> Profile:
    document = {"schema": 1, "name": "test", "systems": SYSTEMS}
    document.update(sections)
    return Profile.model_validate(document)


def findings(p: Profile, kind: str):
    return [f for f in analyze(p, with_flip=False).findings if f.kind == kind]


# ------------------------------------------------------------- duplication


def test_manual_copy_is_duplication_with_a_concrete_fix():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana",
                          "copies": [{"system": "trello", "sync": "manual"}]}])
    (finding,) = findings(p, "duplication")
    assert finding.entity == "client"
    assert finding.systems == ("hubspot", "trello")
    assert finding.severity == "medium"
    assert "one-way sync from HubSpot" in finding.fix and "Trello" in finding.fix
    assert finding.target == "records[0].copies[0]"


def test_one_way_copy_from_the_owner_is_not_duplication():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana",
                          "copies": [{"system": "trello", "sync": "one-way"}]}])
    assert findings(p, "duplication") == []


def test_unsynced_and_two_way_copies_are_duplication():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana",
                          "copies": [{"system": "trello", "sync": "none"}, {"system": "xero", "sync": "two-way"}]}])
    severities = {f.systems[1]: f.severity for f in findings(p, "duplication")}
    assert severities == {"trello": "high", "xero": "low"}


def test_a_copy_of_an_unowned_entity_is_duplication_even_one_way():
    p = profile(records=[{"entity": "scope", "copies": [{"system": "trello", "sync": "one-way"}]}])
    assert len(findings(p, "duplication")) == 1


# ------------------------------------------------------ conflicting owners


def test_two_owners_for_one_entity_conflict():
    p = profile(records=[{"entity": "client", "owner": "hubspot"}, {"entity": "client", "owner": "sheets"}])
    (finding,) = findings(p, "conflicting-owners")
    assert finding.systems == ("hubspot", "sheets")
    assert [c.path for c in finding.causes] == ["records[0].owner", "records[1].owner"]


def test_the_same_owner_twice_is_not_a_conflict():
    p = profile(records=[{"entity": "client", "owner": "hubspot"}, {"entity": "client", "owner": "hubspot"}])
    assert findings(p, "conflicting-owners") == []


# ---------------------------------------------------------------- no owner


def test_a_record_without_an_owner_is_reported():
    p = profile(records=[{"entity": "contract"}])
    (finding,) = findings(p, "no-owner")
    assert finding.entity == "contract" and finding.target == "records[0].owner"


def test_a_mapped_stage_needs_an_owned_entity():
    p = profile(stages=[{"stage": "invoicing", "system": "xero"}])
    (finding,) = findings(p, "no-owner")
    assert finding.entity == "invoices" and finding.stage == "invoicing"
    assert "Xero" in finding.fix


def test_an_owned_entity_is_not_unowned():
    p = profile(records=[{"entity": "invoices", "owner": "xero", "steward": "Finance"}],
                stages=[{"stage": "invoicing", "system": "xero"}])
    assert findings(p, "no-owner") == []


def test_custom_entities_are_analysed_too():
    p = profile(records=[{"entity": "brand-assets", "copies": [{"system": "trello", "sync": "manual"}]}])
    assert {f.kind for f in analyze(p, with_flip=False).findings} >= {"no-owner", "duplication"}


# -------------------------------------------------------------- no steward


def test_an_owned_record_without_a_steward_is_reported():
    p = profile(records=[{"entity": "tasks", "owner": "trello"}])
    (finding,) = findings(p, "no-steward")
    assert finding.systems == ("trello",) and finding.target == "records[0].steward"


def test_a_record_with_a_steward_is_fine():
    p = profile(records=[{"entity": "tasks", "owner": "trello", "steward": "Jon"}])
    assert findings(p, "no-steward") == []


# -------------------------------------------------- record in conversation


def test_a_chat_or_email_system_of_record_is_reported():
    p = profile(records=[{"entity": "lead", "owner": "gmail", "steward": "A"},
                         {"entity": "delivery_notes", "owner": "slack", "steward": "B"}])
    assert {f.entity for f in findings(p, "record-in-conversation")} == {"lead", "delivery_notes"}


def test_a_copy_in_chat_is_not_a_record_in_conversation():
    p = profile(records=[{"entity": "lead", "owner": "hubspot", "steward": "A",
                          "copies": [{"system": "slack", "sync": "one-way"}]}])
    assert findings(p, "record-in-conversation") == []


# ---------------------------------------------------------- untracked stage


def test_a_gap_between_mapped_stages_is_untracked():
    p = profile(stages=[{"stage": "proposal", "system": "hubspot"}, {"stage": "delivery", "system": "trello"}])
    assert [f.stage for f in findings(p, "untracked-stage")] == ["contract", "kickoff"]


def test_stages_outside_the_mapped_range_are_not_gaps():
    p = profile(stages=[{"stage": "proposal", "system": "hubspot"}, {"stage": "contract", "system": "hubspot"}])
    assert findings(p, "untracked-stage") == []


def test_a_listed_stage_without_a_system_counts_as_untracked():
    p = profile(stages=[{"stage": "inquiry", "system": "hubspot"}, {"stage": "qualification"},
                        {"stage": "proposal", "system": "hubspot"}])
    (finding,) = findings(p, "untracked-stage")
    assert finding.stage == "qualification" and finding.target == "stages[1]"


# ------------------------------------------------------------- handoff gap


def test_consecutive_stages_in_different_tools_need_a_handoff():
    p = profile(stages=[{"stage": "contract", "system": "hubspot"}, {"stage": "kickoff", "system": "trello"}])
    (finding,) = findings(p, "handoff-gap")
    assert finding.systems == ("hubspot", "trello") and finding.stage == "kickoff"


def test_a_declared_handoff_closes_the_gap():
    p = profile(stages=[{"stage": "contract", "system": "hubspot"}, {"stage": "kickoff", "system": "trello"}],
                handoffs=[{"from": "contract", "to": "kickoff", "trigger": "Deal won"}])
    assert findings(p, "handoff-gap") == []


def test_same_tool_on_both_sides_needs_no_handoff():
    p = profile(stages=[{"stage": "contract", "system": "hubspot"}, {"stage": "kickoff", "system": "hubspot"}])
    assert findings(p, "handoff-gap") == []


def test_a_handoff_elsewhere_does_not_close_the_gap():
    p = profile(stages=[{"stage": "contract", "system": "hubspot"}, {"stage": "kickoff", "system": "trello"},
                        {"stage": "invoicing", "system": "xero"}],
                handoffs=[{"from": "kickoff", "to": "invoicing"}])
    assert [f.stage for f in findings(p, "handoff-gap")] == ["kickoff"]


# ---------------------------------------------------- tools before process


def test_crm_and_pm_without_a_documented_process():
    p = profile(answers={"process_documented": False})
    (finding,) = findings(p, "tools-before-process")
    assert finding.severity == "high"
    assert {"hubspot", "trello"} <= set(finding.systems)


def test_a_documented_process_is_fine():
    assert findings(profile(answers={"process_documented": True}), "tools-before-process") == []


def test_only_one_kind_of_tool_is_fine():
    p = Profile.model_validate({"schema": 1, "name": "x", "answers": {"process_documented": False},
                                "systems": [{"id": "trello", "name": "Trello", "kind": "pm"}]})
    assert findings(p, "tools-before-process") == []


# ------------------------------------------------------------ split context


def test_sales_notes_in_chat_while_delivery_lives_elsewhere():
    p = profile(records=[{"entity": "sales_notes", "owner": "slack", "steward": "A"},
                         {"entity": "tasks", "owner": "trello", "steward": "B"}])
    (finding,) = findings(p, "split-context")
    assert finding.systems == ("slack", "trello")


def test_sales_notes_in_the_crm_are_not_split():
    p = profile(records=[{"entity": "sales_notes", "owner": "hubspot", "steward": "A"},
                         {"entity": "tasks", "owner": "trello", "steward": "B"}])
    assert findings(p, "split-context") == []


def test_sales_notes_in_chat_with_no_delivery_mapped_are_not_split():
    p = profile(records=[{"entity": "sales_notes", "owner": "slack", "steward": "A"}])
    assert findings(p, "split-context") == []


# ---------------------------------------------------- hybrid without rules

HYBRID_BOUNDARIES = dict(
    records=[{"entity": "lead", "owner": "hubspot", "steward": "A"},
             {"entity": "opportunity", "owner": "hubspot", "steward": "A"},
             {"entity": "tasks", "owner": "trello", "steward": "B"},
             {"entity": "deliverables", "owner": "trello", "steward": "B"}],
)


def test_a_hybrid_setup_without_affirmed_rules():
    p = profile(answers={"ownership_rules": "unsure", "process_documented": True}, **HYBRID_BOUNDARIES)
    assert analyze(p).current_model == "hybrid"
    (finding,) = findings(p, "hybrid-without-rules")
    assert finding.severity == "medium" and finding.target == "answers.ownership_rules"


def test_an_affirmed_rules_hybrid_is_not_reported():
    p = profile(answers={"ownership_rules": "yes", "process_documented": True}, **HYBRID_BOUNDARIES)
    assert analyze(p).current_model == "hybrid"
    assert findings(p, "hybrid-without-rules") == []


def test_rules_ruled_out_is_high():
    p = profile(answers={"ownership_rules": "no"}, **HYBRID_BOUNDARIES)
    assert findings(p, "hybrid-without-rules")[0].severity == "high"


# ---------------------------------------------------------------- overall


def test_the_messy_sample_shows_every_finding_kind():
    analysis = analyze(load_profile(samples_dir() / "messy-studio.toml").profile)
    assert {f.kind for f in analysis.findings} == set(KINDS)


def test_findings_are_sorted_most_severe_first_and_have_fixes():
    analysis = analyze(load_profile(samples_dir() / "messy-studio.toml").profile)
    order = ["high", "medium", "low"]
    assert [order.index(f.severity) for f in analysis.findings] == sorted(
        order.index(f.severity) for f in analysis.findings)
    for finding in analysis.findings:
        assert finding.message and finding.fix and finding.rule and finding.causes


def test_findings_at_finds_by_profile_path():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "copies": [{"system": "trello", "sync": "manual"}]}])
    analysis = analyze(p)
    assert {f.kind for f in analysis.findings_at("records[0]")} == {"duplication", "no-steward"}
    assert analysis.findings_at("records[1]") == []


# ------------------------------------------- the classes the advice issue named


def test_duplication_is_judged_per_entity_across_its_records():
    # The owner is named in one entry, the one-way copy in another: no duplication.
    p = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana"},
                         {"entity": "client", "copies": [{"system": "trello", "sync": "one-way"}]}])
    assert findings(p, "duplication") == []
    manual = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana"},
                              {"entity": "client", "copies": [{"system": "trello", "sync": "manual"}]}])
    (finding,) = findings(manual, "duplication")
    assert finding.systems == ("hubspot", "trello") and "system of record, HubSpot" in finding.message
    assert finding.target == "records[1].copies[0]"


def test_the_same_copy_listed_twice_is_one_finding():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "copies": [{"system": "sheets", "sync": "none"}]},
                         {"entity": "client", "copies": [{"system": "sheets", "sync": "none"}]}])
    assert len(findings(p, "duplication")) == 1


def test_a_no_owner_fix_never_names_a_conversation_tool():
    p = profile(stages=[{"stage": "review", "system": "slack"}])
    (finding,) = findings(p, "no-owner")
    assert "Slack" not in finding.fix and "obvious owner" not in finding.fix
    assert "Trello" in finding.fix
    for f in analyze(p, with_flip=False).findings:
        assert "Slack is the obvious" not in f.fix and "in Slack" not in f.fix


def test_split_context_fix_never_suggests_a_conversation_tool():
    p = profile(records=[{"entity": "sales_notes", "owner": "slack"}, {"entity": "tasks", "owner": "gmail"}],
                stages=[{"stage": "delivery", "system": "trello"}])
    (finding,) = findings(p, "split-context")
    assert "Gmail" not in finding.fix


def test_a_lone_all_in_one_is_not_tools_before_process():
    lone = profile(answers={"process_documented": False},
                   records=[{"entity": "lead", "owner": "dubsado"}, {"entity": "tasks", "owner": "dubsado"}])
    lone = lone.model_copy(update={"systems": [s for s in lone.systems if s.kind != "crm" and s.kind != "pm"]})
    assert findings(lone, "tools-before-process") == []
    both = profile(answers={"process_documented": False})
    assert len(findings(both, "tools-before-process")) == 1
    beside = both.model_copy(update={"systems": [s for s in both.systems if s.kind != "crm"]})  # Dubsado + Trello
    assert len(findings(beside, "tools-before-process")) == 1


def test_each_rule_makes_findings_of_its_own_kind_only():
    """find_all(kinds=...) picks rules by name: what lets the comparison skip the kinds it never shows."""
    from truthmap.analysis.findings import KINDS, RULES, Context, find_all, rule_kind
    from truthmap.paths import sample_profiles
    from truthmap.storage import load_profile

    assert sorted(rule_kind(rule) for rule in RULES) == sorted(KINDS)
    for path in sample_profiles():
        profile = load_profile(path).profile
        for model in (None, "hybrid"):
            context = Context("ad-hoc", model)
            for rule in RULES:
                assert {f.kind for f in rule(profile, context)} <= {rule_kind(rule)}
            everything = find_all(profile, context)
            assert find_all(profile, context, kinds=frozenset(("duplication",))) == tuple(
                f for f in everything if f.kind == "duplication")


def test_three_tools_are_named_as_a_sentence_names_them():
    tools = [system for system in SYSTEMS if system["kind"] != "all-in-one"]  # it would count as both
    p = profile(systems=[*tools, {"id": "asana", "name": "Asana", "kind": "pm"}],
                records=[{"entity": "client", "owner": "hubspot"}, {"entity": "client", "owner": "trello"},
                         {"entity": "client", "owner": "asana"}])
    (before,) = findings(p, "tools-before-process")
    assert before.message.startswith("HubSpot, Trello and Asana are in use")
    (owners,) = findings(p, "conflicting-owners")
    assert owners.message.startswith("HubSpot, Trello and Asana are each named")
    assert "Pick one of HubSpot, Trello and Asana to own" in owners.fix

"""A model's failure mode applies when the answers point to it or when today's
map already shows it, and the comparison names what in the map shows it."""

from __future__ import annotations

from truthmap.analysis import KINDS, analyze
from truthmap.knowledge import knowledge
from truthmap.model import Profile
from truthmap.reports import common
from truthmap.reports.json_report import report_data

SYSTEMS = [{"id": "hubspot", "name": "HubSpot", "kind": "crm"}, {"id": "asana", "name": "Asana", "kind": "pm"},
           {"id": "slack", "name": "Slack", "kind": "chat"}]
# Answers that point at no failure mode: light on both sides, ownership rules affirmed.
CALM = {"inquiries_per_month": 2, "active_projects": 1, "ownership_rules": "yes"}


def profile(records=(), stages=(), answers=CALM) -> Profile:
    return Profile.model_validate({"schema": 1, "name": "t", "systems": SYSTEMS, "answers": answers,
                                   "records": list(records), "stages": list(stages)})


def projection(p: Profile, model: str):
    return next(item for item in analyze(p, with_flip=False).comparison if item.model == model)


def stages(system: str, *ids: str) -> list[dict]:
    return [{"stage": stage, "system": system} for stage in ids]


# -------------------------------------------------------------------- Hybrid


def test_hybrid_failure_shown_by_two_owners_and_a_hand_typed_scope():
    # The case: the answers do not point to Hybrid's failure mode, the map does.
    p = profile(records=[
        {"entity": "client", "owner": "hubspot", "steward": "Dana"},
        {"entity": "client", "owner": "slack", "steward": "Dana"},
        {"entity": "scope", "owner": "asana", "steward": "Jo", "copies": [{"system": "hubspot", "sync": "manual"}]},
    ])
    hybrid = projection(p, "hybrid")
    assert hybrid.failure_applies
    assert hybrid.failure_shown_by == ("Client has two owners (HubSpot, Slack)", "Scope is re-typed by hand in HubSpot")
    text = common.failure_text(hybrid)
    assert "points that way" not in text
    assert "Today's map already shows it: Client has two owners (HubSpot, Slack); Scope is re-typed by hand" in text


def test_a_tidy_map_and_calm_answers_leave_hybrid_failure_unlikely():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana"},
                         {"entity": "scope", "owner": "asana", "steward": "Jo",
                          "copies": [{"system": "hubspot", "sync": "one-way"}]}])
    hybrid = projection(p, "hybrid")
    assert not hybrid.failure_applies and hybrid.failure_shown_by == ()
    assert common.failure_text(hybrid).endswith("Neither your answers nor today's map points that way.")


def test_many_duplicates_are_named_a_few_and_counted():
    records = [{"entity": f"custom-{n}", "owner": "hubspot", "steward": "S",
                "copies": [{"system": "asana", "sync": "manual"}]} for n in range(7)]
    shown = projection(profile(records=records), "hybrid").failure_shown_by
    assert shown == (*(f"custom-{n} is re-typed by hand in Asana" for n in range(3)), "4 more findings like these")


# ------------------------------------------------------- CRM-first, PM-first


def test_crm_first_failure_shown_when_selling_is_tracked_and_delivery_is_not():
    p = profile(stages=stages("hubspot", "inquiry", "qualification", "proposal"))
    crm = projection(p, "crm-first")
    assert crm.failure_applies
    assert crm.failure_shown_by == (
        "no tool tracks kickoff, delivery or review while inquiry, qualification and proposal are tracked",)
    assert "Today's map already shows it: no tool tracks kickoff, delivery or review" in common.failure_text(crm)
    assert not projection(p, "pm-first").failure_applies  # selling is tracked: PM-first's failure is not shown


def test_crm_first_failure_names_only_the_untracked_delivery_stages():
    p = profile(stages=stages("hubspot", "inquiry", "proposal") + stages("asana", "delivery"))
    assert projection(p, "crm-first").failure_shown_by == (
        "no tool tracks kickoff or review while inquiry and proposal are tracked",)


def test_pm_first_failure_shown_when_delivery_is_tracked_and_selling_is_not():
    p = profile(stages=stages("asana", "kickoff", "delivery"))
    pm = projection(p, "pm-first")
    assert pm.failure_applies
    assert pm.failure_shown_by == (
        "no tool tracks inquiry, qualification or proposal while kickoff and delivery are tracked",)
    assert not projection(p, "crm-first").failure_applies


def test_a_fully_tracked_or_empty_map_shows_no_failure_mode():
    tracked = profile(stages=stages("hubspot", "inquiry", "qualification", "proposal", "contract")
                      + stages("asana", "kickoff", "delivery", "review"))
    for p in (tracked, profile()):
        for item in analyze(p, with_flip=False).comparison:
            assert item.failure_shown_by == () and not item.failure_applies, item.model


def test_answers_alone_still_make_a_failure_mode_apply():
    p = profile(answers={"inquiries_per_month": 20, "open_opportunities": 9})
    pm = projection(p, "pm-first")
    assert pm.failure_applies and pm.failure_shown_by == ()
    assert "Today's map" not in common.failure_text(pm)


# ----------------------------------------------------------- data and report


def test_which_findings_and_stages_show_each_failure_is_knowledge():
    know = knowledge()
    for reference in know.models.values():
        signs = reference.failure_shown_by
        assert signs.findings or signs.untracked, reference.id
        assert set(signs.findings) <= set(KINDS)
        assert set(signs.untracked) | set(signs.while_tracked) <= set(know.stages)
        assert bool(signs.untracked) == bool(signs.while_tracked)
    assert set(know.models["hybrid"].failure_shown_by.findings) == {"conflicting-owners", "duplication"}
    post = [s for s in know.models["crm-first"].failure_shown_by.untracked]
    assert all(know.stages[s].phase == "post-kickoff" for s in post)
    pre = [s for s in know.models["pm-first"].failure_shown_by.untracked]
    assert all(know.stages[s].phase == "pre-kickoff" for s in pre)


def test_the_json_report_lists_what_shows_the_failure_mode():
    p = profile(records=[{"entity": "client", "owner": "hubspot", "steward": "Dana"},
                         {"entity": "client", "owner": "slack", "steward": "Dana"}])
    data = report_data(p, analyze(p))
    hybrid = next(item for item in data["comparison"] if item["model"] == "hybrid")
    assert hybrid["failure_applies"] is True
    assert hybrid["failure_shown_by"] == ["Client has two owners (HubSpot, Slack)"]
    assert "Client has two owners" in hybrid["failure_text"]

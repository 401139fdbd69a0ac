"""The reference-model view: opens on F3, switches model by key, follows edits."""

from __future__ import annotations

from textual.widgets import Static, Tab, Tabs

from truthmap.reports.common import other_risks
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.screens.reference_screen import ReferenceScreen
from truthmap.workbench.widgets.swimlane_view import SwimlaneCanvas
from test_map_screen import run_palette_command
from workbench_helpers import copy_sample, settle

SIZE = (120, 40)


def text_of(app, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).content)


def projected(app) -> SwimlaneCanvas:
    return app.screen.query_one("#ref-map", SwimlaneCanvas)


async def open_reference(app, pilot) -> ReferenceScreen:
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    assert isinstance(app.screen, ReferenceScreen)
    return app.screen


async def test_the_reference_screen_of_a_sample(tmp_path):
    """In one workbench, in turn: F3 opens on the recommended model and Escape returns;
    switching model starts at the top; number keys and arrows switch the model; each model
    shows its own projection; the command palette offers each model; the tabs carry the
    fit scores and follow edits."""
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=SIZE) as pilot:
        await f3_opens_on_the_recommended_model_and_escape_returns(app, pilot)
        screen = await open_reference(app, pilot)
        await switching_model_starts_at_the_top(app, pilot, screen)
        await number_keys_and_arrows_switch_the_model(app, pilot, screen)
        await each_model_shows_its_own_projection(app, pilot)
        await the_command_palette_offers_each_model(app, pilot, screen)
        await the_tabs_carry_the_fit_scores_and_follow_edits(app, pilot, screen)


async def f3_opens_on_the_recommended_model_and_escape_returns(app, pilot) -> None:
    main = app.screen
    screen = await open_reference(app, pilot)
    analysis = app.analysis
    assert screen.model == analysis.recommendation.model == "pm-first"
    assert screen.query_one(Tabs).active == "pm-first"
    assert "★ recommended for you" in text_of(app, "ref-summary")
    moves = text_of(app, "ref-moves")
    assert "Lead  Gmail → Trello" in moves and "Client  HubSpot → Trello" in moves
    assert "Migration checklist" in text_of(app, "ref-checklist")
    assert "» Lead" in projected(app).drawing.text()
    await pilot.press("escape")
    assert app.screen is main


async def switching_model_starts_at_the_top(app, pilot, screen) -> None:
    """Issue 20 (14): the next model is read from its beginning, not from where the last one was scrolled."""
    assert screen.model == "pm-first"  # each key below changes the model
    body = screen.query_one("#ref-body")
    await pilot.press("pagedown", "pagedown")
    await pilot.pause()
    assert body.scroll_y > 0
    for key in ("1", "right", "3"):
        await pilot.press(key)
        await pilot.pause()
        assert body.scroll_y == 0, key
        await pilot.press("pagedown")
        await pilot.pause()


async def number_keys_and_arrows_switch_the_model(app, pilot, screen) -> None:
    await pilot.press("1")
    await pilot.pause()
    assert screen.model == "crm-first"
    assert text_of(app, "ref-summary").startswith("CRM-first")
    assert "Lead  Gmail → HubSpot" in text_of(app, "ref-moves")
    assert "Tasks" not in text_of(app, "ref-moves")  # Trello is a fitting project tool
    assert "delivery" in text_of(app, "ref-failure").lower()
    await pilot.press("3")
    await pilot.pause()
    assert screen.model == "hybrid"
    assert "Hybrid without ownership rules" in text_of(app, "ref-risks")
    assert "Write the ownership rules down" in text_of(app, "ref-checklist")
    hybrid_map = projected(app).drawing.text()
    assert "≈ Scope" in hybrid_map  # the CRM keeps a re-typed copy of scope under Hybrid
    await pilot.press("right")
    await pilot.pause()
    assert screen.model == "crm-first"  # wraps around
    await pilot.press("left")
    await pilot.pause()
    assert screen.model == "hybrid"


async def each_model_shows_its_own_projection(app, pilot) -> None:
    for key, model in (("1", "crm-first"), ("2", "pm-first"), ("3", "hybrid")):
        await pilot.press(key)
        await pilot.pause()
        projection = next(p for p in app.analysis.comparison if p.model == model)
        assert f"Moves ({len(projection.moves)})" in text_of(app, "ref-moves")
        assert f"Risks that appear ({len(other_risks(projection))})" in text_of(app, "ref-risks")
        assert f"({len(projection.checklist)} steps)" in text_of(app, "ref-checklist")
        assert projection.checklist[0] in text_of(app, "ref-checklist")
        assert f"{projection.fit:.0f}/100" in text_of(app, "ref-summary")


async def the_command_palette_offers_each_model(app, pilot, screen) -> None:
    await pilot.press("1")
    await pilot.pause()
    assert screen.model == "crm-first"  # so the command below has something to change
    await run_palette_command(app, pilot, "Hybrid")
    assert app.screen is screen
    assert screen.model == "hybrid"


async def the_tabs_carry_the_fit_scores_and_follow_edits(app, pilot, screen) -> None:
    label = str(screen.query_one("#crm-first", Tab).label)
    assert label == f"1 CRM-first · {app.analysis.scores['crm-first']:.0f}"
    profile = app.document.profile
    answers = profile.answers.model_copy(update={"inquiries_per_month": 60, "open_opportunities": 30,
                                                 "revenue_lost": "before-kickoff", "friction": "before-kickoff",
                                                 "lost_deals_to_follow_up": True})
    app.apply_profile(profile.model_copy(update={"answers": answers}))
    await settle(app, pilot)
    new_label = str(screen.query_one("#crm-first", Tab).label)
    assert new_label == f"1 CRM-first · {app.analysis.scores['crm-first']:.0f}" + (
        " ★" if app.analysis.recommendation.model == "crm-first" else "")
    assert new_label != label


async def test_a_missing_tool_is_shown_and_its_data_waits_in_the_nobody_lane(tmp_path):
    path = tmp_path / "trello-only.toml"
    path.write_text('schema = 1\nname = "Solo"\n\n[[systems]]\nid = "trello"\nname = "Trello"\nkind = "pm"\n\n'
                    '[[records]]\nentity = "tasks"\nowner = "trello"\n', encoding="utf-8")
    app = TruthmapApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await open_reference(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        assert "Missing tools: a CRM" in text_of(app, "ref-failure")
        drawing = projected(app).drawing.text()
        assert "Nobody" in drawing and "? Lead" in drawing



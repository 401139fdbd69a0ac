"""The main screen driven with the keyboard: questions, matrix, findings, jumps, help."""

from __future__ import annotations

import shutil
from pathlib import Path

from truthmap.knowledge import knowledge
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.boundaries.editor import BoundaryEditor
from truthmap.workbench.panes.findings_panel import FindingsPanel
from truthmap.workbench.widgets.footer import Footer
from truthmap.workbench.screens.help_screen import HelpScreen, binding_sections, key_label
from truthmap.workbench.screens.main_screen import MainScreen
from truthmap.workbench.panes.matrix import CriteriaMatrix, RecommendationPanel
from truthmap.workbench.panes.questionnaire import ChoiceRow, NumberRow, Questionnaire, QuestionRow
from workbench_helpers import screen_text

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"
WIDE, NARROW = (120, 40), (80, 24)


def sample(tmp_path: Path, name: str = "messy-studio.toml") -> Path:
    target = tmp_path / name
    shutil.copyfile(SAMPLES / name, target)
    return target




def widget_text(widget) -> str:
    if isinstance(widget, CriteriaMatrix):  # drawn line by line
        return "\n".join(line.plain for line in widget.lines)
    rendered = widget.render()
    return getattr(rendered, "plain", str(rendered))


async def settle(app: TruthmapApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def answer(app: TruthmapApp, pilot, question: str, *keys: str) -> None:
    """Focus a question the way a person would (its row), then type keys."""
    app.screen.query_one(Questionnaire).go_to(question)
    await pilot.pause()
    assert app.focused.id == f"q-{question}"
    await pilot.press(*keys)
    await settle(app, pilot)


def matrix_cell(app: TruthmapApp, row: int, column: int) -> str:
    return app.screen.query_one(CriteriaMatrix).cell_text(row, column)


# ------------------------------------------------------------------ questions


# ------------------------------------------------------------------ one session, several checks
# Checks that only look (or open a dialog and close it again) share one workbench per
# size: each is its own function, named for what it proves, run in turn on the same app.


async def test_the_wide_main_screen_of_a_sample(tmp_path):
    """Every question has a row with its prompt; all four panes show; the recommendation
    panel gives reasons with causes and today's model; help lists every binding and
    closes again; and a test's app leaves the collector alone."""
    import gc

    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await every_question_has_a_row_with_its_prompt(app)
        await wide_screen_shows_all_four_panes(app)
        await recommendation_panel_shows_reasons_with_causes_and_current_model(app, pilot)
        await help_lists_every_binding_and_closes_again(app, pilot)
        assert app.analysis.comparison  # the app of a test leaves the collector alone: it froze
        # nothing more (what conftest froze may shrink, as frozen objects are freed)
        assert gc.get_threshold() == threshold and gc.get_freeze_count() <= frozen


async def every_question_has_a_row_with_its_prompt(app) -> None:
    rows = app.screen.query(QuestionRow)
    assert [row.question.id for row in rows] == list(knowledge().questions)
    first = rows.first()
    assert app.focused is first
    text = screen_text(app)
    assert first.question.prompt.split()[0] in text
    assert first.question.help.split(".")[0].split()[0] in text  # help of the focused question


async def wide_screen_shows_all_four_panes(app) -> None:
    panes = app.screen.query(".pane")
    assert all(pane.display and pane.region.width > 30 and pane.region.height > 10 for pane in panes)
    assert not app.screen.query_one("#pane-tabs").display


async def recommendation_panel_shows_reasons_with_causes_and_current_model(app, pilot) -> None:
    panel = app.screen.query_one(RecommendationPanel)
    text = panel.text.plain
    why = text.split("\nWhy\n", 1)[1]
    effects = [line for line in why.splitlines() if line[:1] in "+-"]
    assert len(effects) == len(app.analysis.recommendation.reasons) - 1  # one per reason, its effect first
    assert "← ownership rules: Unsure" in " ".join(why.split())
    assert "[stronger-case]" in text
    # The reasons that carried it are named right under the verdict, not only below the fold.
    assert "Because: more friction shows after kickoff than before" in " ".join(text.split())
    # The verdict line says how firm it is; the deciding reason follows it.
    head, rest = text.split("\n", 1)
    assert app.analysis.recommendation.reasons[0].text[:20] in rest.split("Because:")[0].replace("\n", " ")
    await app.workers.wait_for_complete()
    await pilot.pause()
    chart = text.split("What would change it", 1)[1].split("Today:", 1)[0]
    assert "Revenue lost" in chart and "\u2192 CRM-first" in chart
    assert "Today: Hybrid" in text
    assert any("Today: Hybrid" in line.plain for line in panel.lines)  # as drawn at the pane's width
    assert "≈ Hybrid" in matrix_cell(app, 1, 5)


async def help_lists_every_binding_and_closes_again(app, pilot) -> None:
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    text = "\n".join(widget_text(card) for card in app.screen.query(".help-card"))
    for cls in (TruthmapApp, MainScreen, QuestionRow, ChoiceRow, NumberRow, CriteriaMatrix, FindingsPanel):
        for binding in cls.BINDINGS:
            if binding.system:  # moving in a list: not worth a line of help
                continue
            assert key_label(binding.key).split(" / ")[0] in text or binding.key_display in text
            assert binding.description in text or binding.group
    footer = {key.key: key.description for key in app.screen.query_one(Footer).keys}
    assert footer["escape"] == "Back" and footer["f1"] == "Close"  # the key that opened it, said
    await pilot.press("escape")
    assert isinstance(app.screen, MainScreen)
    await pilot.press("f1")
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("f1")  # the key that opened it closes it
    assert isinstance(app.screen, MainScreen)


async def test_the_narrow_main_screen_of_a_sample(tmp_path):
    """Narrow, one pane shows and function keys switch; a click on a pane's tab shows and
    focuses it; Tab leaves the last question for the next pane; ? opens help from a question."""
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await narrow_screen_shows_one_pane_and_function_keys_switch(app, pilot)  # ends on the questions
        await a_click_on_a_pane_tab_when_narrow_shows_and_focuses_that_pane(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        await tab_leaves_the_last_question_for_the_next_pane_when_narrow(app, pilot)
        await question_mark_opens_help_from_a_question(app, pilot)


async def narrow_screen_shows_one_pane_and_function_keys_switch(app, pilot) -> None:
    screen = app.screen
    assert screen.has_class("-narrow")
    shown = lambda: [pane.id for pane in screen.query(".pane") if pane.display]  # noqa: E731
    assert shown() == ["pane-questions"]
    for key, pane in (("f6", "pane-matrix"), ("f7", "pane-findings"), ("f8", "pane-boundaries"),
                      ("f5", "pane-questions")):
        await pilot.press(key)
        await pilot.pause()
        assert shown() == [pane]
        assert screen.pane_of(app.focused).id == pane


async def a_click_on_a_pane_tab_when_narrow_shows_and_focuses_that_pane(app, pilot) -> None:
    strip = app.screen.query_one("#pane-tabs")
    labels = strip.render_line(0).text
    await pilot.click("#pane-tabs", offset=(labels.index("Findings"), 0))
    await pilot.pause()
    await pilot.pause()
    assert app.screen.active_pane == "findings" and strip.active == "findings"
    assert app.screen.query_one("#pane-findings").display
    assert app.screen.pane_of(app.focused).id == "pane-findings"


async def tab_leaves_the_last_question_for_the_next_pane_when_narrow(app, pilot) -> None:
    assert app.screen.active_pane == "questions"
    await pilot.press("end")
    await pilot.press("tab")
    await pilot.pause()
    assert app.screen.active_pane == "matrix"
    assert app.screen.pane_of(app.focused).id == "pane-matrix"


async def question_mark_opens_help_from_a_question(app, pilot) -> None:
    await answer(app, pilot, "friction")
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    assert app.profile.answers.friction == "after-kickoff"


async def test_a_new_profile_shows_every_question_as_not_answered(tmp_path):
    app = TruthmapApp(paths=[tmp_path / "fresh.toml"])  # missing file: a new profile
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        answers = [row.answer_content().plain for row in app.screen.query(QuestionRow)]
        assert answers == ["not answered"] * len(knowledge().questions)
        assert app.screen.query_one("#pane-questions").border_subtitle == f"0/{len(answers)} answered"
        assert "Nothing mapped yet" in widget_text_option(app, 0)
        assert matrix_cell(app, 2, 5) == "—"  # no setup to rate yet


async def test_typing_numbers_changes_weights_and_recommendation(tmp_path):
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.analysis.recommendation.model == "pm-first"
        weight_before = matrix_cell(app, 2, 1)
        assert "★ PM-first" in matrix_cell(app, 0, 3)

        await answer(app, pilot, "revenue_lost", "1")
        await answer(app, pilot, "inquiries_per_month", "2", "0")
        assert app.profile.answers.inquiries_per_month == 20
        assert matrix_cell(app, 2, 1) != weight_before  # pipeline clarity weighs more
        await answer(app, pilot, "open_opportunities", "9")
        await answer(app, pilot, "sales_cycle_weeks", "1", "0")

        assert app.profile.answers.revenue_lost == "before-kickoff"
        assert app.analysis.recommendation.model == "crm-first"
        assert "★ CRM-first" in matrix_cell(app, 0, 2)
        assert "recommended" in matrix_cell(app, 1, 2)
        assert "★ PM-first" not in matrix_cell(app, 0, 3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = app.screen.query_one(RecommendationPanel).text.plain.splitlines()[0]
        firmness = app.analysis.recommendation.firmness
        assert "CRM-first" in verdict and firmness.text[:12].lower() in verdict.lower()
        assert app.document.dirty


async def test_invalid_numbers_backspace_delete_and_the_clear_answer_command(tmp_path):
    """Invalid numbers are shown but never stored; Backspace erases and Delete clears a
    number; the clear-answer command clears the selected question (each on its own
    question, in one workbench)."""
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await invalid_numbers_are_shown_but_never_stored(app, pilot)
        await backspace_erases_and_delete_clears_a_number(app, pilot)
        await clear_answer_command_clears_the_selected_question(app, pilot)


async def invalid_numbers_are_shown_but_never_stored(app, pilot) -> None:
    await answer(app, pilot, "team_size", "0")  # a team has at least one person
    assert app.profile.answers.team_size == 3
    row = app.screen.query_one("#q-team_size", NumberRow)
    assert row.has_class("-invalid")
    assert "at least 1" in row.problem and "at least 1" in row.text.plain  # said under the answer

    await pilot.press("4")  # "04" is 4: valid again
    await settle(app, pilot)
    assert app.profile.answers.team_size == 4
    assert not row.has_class("-invalid")

    await answer(app, pilot, "active_projects", "2", "full_stop", "5")  # whole numbers only
    assert app.profile.answers.active_projects == 2
    await answer(app, pilot, "admin_hours_per_week", "1", "full_stop", "5")
    assert app.profile.answers.admin_hours_per_week == 1.5


async def backspace_erases_and_delete_clears_a_number(app, pilot) -> None:
    await answer(app, pilot, "inquiries_per_month", "backspace")  # 6 -> nothing
    assert app.profile.answers.inquiries_per_month is None
    await pilot.press("1", "2", "backspace")
    await settle(app, pilot)
    assert app.profile.answers.inquiries_per_month == 1
    await pilot.press("delete")
    await settle(app, pilot)
    assert app.profile.answers.inquiries_per_month is None


async def test_choices_yes_no_and_clearing_back_to_not_answered(tmp_path):
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await answer(app, pilot, "delivery_complexity", "1")
        assert app.profile.answers.delivery_complexity == "low"
        await pilot.press("right")
        await settle(app, pilot)
        assert app.profile.answers.delivery_complexity == "medium"
        await pilot.press("9")  # no ninth choice: nothing happens
        await settle(app, pilot)
        assert app.profile.answers.delivery_complexity == "medium"

        await answer(app, pilot, "early_stage", "y")
        assert app.profile.answers.early_stage is True
        await pilot.press("n")
        await settle(app, pilot)
        assert app.profile.answers.early_stage is False

        row = app.screen.query_one("#q-early_stage", ChoiceRow)
        await pilot.press("delete")
        await settle(app, pilot)
        assert app.profile.answers.early_stage is None
        assert row.has_class("-unanswered")
        assert row.answer_content().plain == "not answered"
        assert "not answered" in screen_text(app)
        subtitle = app.screen.query_one("#pane-questions").border_subtitle
        assert subtitle == f"{len(knowledge().questions) - 1}/{len(knowledge().questions)} answered"


async def clear_answer_command_clears_the_selected_question(app, pilot) -> None:
    await answer(app, pilot, "friction")
    assert app.profile.answers.friction is not None
    await app.run_action("clear_answer")
    await settle(app, pilot)
    assert app.profile.answers.friction is None


async def test_down_and_up_walk_the_questions(tmp_path):
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        ids = list(knowledge().questions)
        await pilot.press("down", "down", "down")
        assert app.focused.id == f"q-{ids[3]}"
        await pilot.press("up")
        assert app.focused.id == f"q-{ids[2]}"
        await pilot.press("end")
        assert app.focused.id == f"q-{ids[-1]}"


# ------------------------------------------------------------------ matrix


async def test_matrix_follows_answers_and_explains_the_cursor(tmp_path):
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        matrix = app.screen.query_one(CriteriaMatrix)
        await answer(app, pilot, "early_stage", "y")
        assert "×2.0" in matrix_cell(app, 6, 1)  # early-stage fit now weighs
        assert "×2.0" in widget_text(matrix)  # and the drawn grid says so

        assert "points out of 3" in matrix.explanation.plain  # a legend until focused
        await pilot.press("f6")
        await pilot.pause()
        assert app.focused is matrix
        assert matrix.explanation.plain.startswith("CRM-first rates strong")
        assert "CRM-first rates strong" in widget_text(matrix)  # under the grid
        await pilot.press("left")  # from CRM-first to the weight column
        explain = matrix.explanation.plain
        assert explain.startswith("Weight ×") and "lead pressure" in explain
        await pilot.press("down", "down", "down", "down", "right", "right")
        explain = matrix.explanation.plain
        assert "PM-first rates" in explain and "early-stage" in explain.lower()


# ------------------------------------------------------------------ findings


def finding_index(app: TruthmapApp, predicate) -> int:
    findings = app.screen.query_one(FindingsPanel).findings
    return next(index for index, finding in enumerate(findings) if predicate(finding))


async def test_enter_on_findings_first_time_an_answer_finding_and_an_update(tmp_path, monkeypatch):
    """Enter works the first time the findings are focused; selecting an answer finding
    focuses its question; an update of the findings keeps the highlighted finding (in
    turn, in one workbench)."""
    visited: list[str] = []
    monkeypatch.setattr(BoundaryEditor, "go_to", lambda self, path: visited.append(path))
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await enter_works_the_first_time_the_findings_are_focused(app, pilot, visited)
        await selecting_an_answer_finding_focuses_its_question(app, pilot)
        await findings_update_keeps_the_highlighted_finding(app, pilot)


async def enter_works_the_first_time_the_findings_are_focused(app, pilot, visited: list[str]) -> None:
    await pilot.press("f7", "enter")
    await pilot.pause()
    await pilot.pause()
    panel = app.screen.query_one(FindingsPanel)
    first = panel.findings[0]
    assert visited == [first.target] or app.focused.id == f"q-{first.target.split('.')[-1]}"
    # The list is one line per finding; the highlighted one is shown in full below it.
    detail = app.screen.query_one("#finding-detail")
    assert detail.display and first.message in " ".join(detail.render().plain.split())


async def selecting_an_answer_finding_focuses_its_question(app, pilot) -> None:
    await pilot.press("f7")
    await pilot.pause()
    panel = app.screen.query_one(FindingsPanel)
    assert app.focused is panel
    panel.highlighted = finding_index(app, lambda f: f.target == "answers.process_documented")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    assert app.focused.id == "q-process_documented"
    assert app.screen.active_pane == "questions"


async def findings_update_keeps_the_highlighted_finding(app, pilot) -> None:
    panel = app.screen.query_one(FindingsPanel)
    index = finding_index(app, lambda f: f.kind == "split-context")
    panel.highlighted = index
    kept = panel.findings[index]
    await answer(app, pilot, "process_documented", "y")  # tools-before-process disappears
    assert not any(f.kind == "tools-before-process" for f in panel.findings)
    assert panel.findings[panel.highlighted] == kept


async def test_selecting_a_record_finding_goes_to_the_boundary_editor(tmp_path, monkeypatch):
    visited: list[str] = []
    monkeypatch.setattr(BoundaryEditor, "go_to", lambda self, path: visited.append(path))
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        panel = app.screen.query_one(FindingsPanel)
        index = finding_index(app, lambda f: f.kind == "duplication")
        panel.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert visited == [panel.findings[index].target]
        assert app.screen.active_pane == "boundaries"
        assert app.screen.query_one("#pane-boundaries").display


# ------------------------------------------------------------------ layout


# ------------------------------------------------------------------ literal text

MARKUP_PROFILE = """\
schema = 1
name = "[bold]x[/] \\u001b[31mred"
notes = "[red]notes[/red]"

[answers]
process_documented = false

[[systems]]
id = "crm"
name = "[red]Hub[/]"
kind = "crm"

[[systems]]
id = "pm"
name = "[link=http://x]PM[/link]"
kind = "pm"

[[systems]]
id = "chat"
name = "Sl\\u001b[2Jack"
kind = "chat"

[[records]]
entity = "client"
owner = "crm"
steward = "[b]Dana[/b]"
copies = [{ system = "pm", sync = "manual" }]

[[records]]
entity = "sales_notes"
owner = "chat"
"""


async def test_a_profile_full_of_markup_is_shown_literally(tmp_path):
    path = tmp_path / "markup.toml"
    path.write_text(MARKUP_PROFILE, encoding="utf-8")
    app = TruthmapApp(paths=[path])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "[bold]x[/] ␛[31mred" in text  # the header, literally, escape made visible
        assert "\x1b" not in text
        await pilot.press("f7")
        await pilot.pause()
        findings = "\n".join(widget_text_option(app, index)
                             for index in range(app.screen.query_one(FindingsPanel).line_count))
        assert "[red]Hub[/]" in findings
        assert "[link=http://x]PM[/link]" in findings
        assert "Sl␛[2Jack" in findings
        svg = app.export_screenshot()
        assert "[red]Hub[/]" in svg.replace("&#160;", " ")


def widget_text_option(app: TruthmapApp, index: int) -> str:
    return app.screen.query_one(FindingsPanel).line(index).plain


# ------------------------------------------------------------------ help


def test_help_sections_come_from_the_bindings():
    app = TruthmapApp(paths=[])
    sections = dict(binding_sections(app))
    assert ("F5", "Questions pane") in sections["Main screen"]
    assert ("Delete", "Clear") in sections["Any question"]
    assert ("1–9", "Choose") in sections["Choice and yes/no questions"]
    assert ("Ctrl+P", "Command palette: every action by name") in sections["Everywhere"]


async def test_a_profile_without_findings_says_so(tmp_path):
    app = TruthmapApp(paths=[sample(tmp_path, "hybrid-agency.toml")])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.analysis.findings == ()
        assert "Nothing to fix" in widget_text_option(app, 0)
        assert app.screen.query_one("#pane-findings").border_subtitle == "none"
        assert "rec.·today" in matrix_cell(app, 1, 4)  # Hybrid: recommended and today's shape


async def test_a_large_profile_is_analysed_off_the_keypress_and_shows_before_its_analysis(tmp_path):
    """Thousands of records: the first frame and every edit show the profile at once,
    the analysis lands from a worker (the matrix is drawn without one meanwhile)."""
    from benchmarks.generate import write_profile
    from truthmap.workbench.app import QUICK_RECORDS
    from truthmap.workbench.panes.findings_panel import MAX_SHOWN

    path = write_profile(tmp_path / "large.toml", QUICK_RECORDS + 500, 20)
    app = TruthmapApp(paths=[path])
    async with app.run_test(size=WIDE) as pilot:
        matrix = app.screen.query_one(CriteriaMatrix)
        assert "Criterion" in widget_text(matrix)  # drawn, analysis or not
        await settle(app, pilot)
        assert app.analysis is not None and "★" in widget_text(matrix)
        findings = app.screen.query_one(FindingsPanel)
        assert len(findings.findings) == min(MAX_SHOWN, len(app.analysis.findings))
        if len(app.analysis.findings) > MAX_SHOWN:
            assert findings.hidden == len(app.analysis.findings) - MAX_SHOWN
        before = app.analysis
        # The handler of an answer returns without analysing: the profile is shown at once.
        app.on_questionnaire_answer_given(Questionnaire.AnswerGiven("inquiries_per_month", None))
        assert app.analysis is before
        assert app.screen.query_one(Questionnaire).row("inquiries_per_month").value is None
        await settle(app, pilot)
        assert app.analysis is not before and app.profile.answers.inquiries_per_month is None


async def test_an_analysis_finished_for_an_earlier_edit_is_dropped(tmp_path):
    """The worker's comparison of a version already edited away never replaces the newer analysis."""
    app = TruthmapApp(paths=[sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        earlier_round, earlier = app.analysis_round, app.analysis
        await answer(app, pilot, "team_size", "delete", "9")
        newer = app.analysis
        assert app.analysis_round > earlier_round and newer.comparison  # the edit's own analysis, complete
        app._finished(earlier_round, earlier)  # the earlier round's result, arriving late
        assert app.analysis is newer
        app._finished(app.analysis_round, earlier)  # this round's result is taken, whatever it holds
        assert app.analysis is earlier


async def test_the_workbench_process_freezes_the_heap_once_the_first_analysis_is_in(tmp_path):
    import gc

    from truthmap.workbench import NEVER, YOUNG_COLLECTION, CollectorTuning

    threshold, enabled = gc.get_threshold(), gc.isenabled()
    app = TruthmapApp(paths=[sample(tmp_path)])
    CollectorTuning().attach(app)
    try:
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            assert app.analysis.comparison
            assert gc.isenabled() and gc.get_threshold()[0] == YOUNG_COLLECTION and gc.get_freeze_count() > 0
            assert gc.get_threshold()[2] == NEVER  # full collections are made while idle instead
            collections = gc.get_stats()[1]["collections"]
            await answer(app, pilot, "inquiries_per_month", "7")
            await settle(app, pilot)
            assert gc.get_stats()[1]["collections"] > collections  # the edit's analysis is in: collected
    finally:  # the test process's collector as it was
        gc.unfreeze()
        gc.set_threshold(*threshold)
        if enabled:
            gc.enable()



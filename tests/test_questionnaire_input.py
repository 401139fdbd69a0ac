"""Wrong keys in the questionnaire say why, and keys typed in a burst land where they were meant.

One Questionnaire in a small host app (no analysis, no files); keys are
posted the way the terminal driver posts them (all at once), as in
tests/test_fast_typing.py.
"""

from __future__ import annotations


import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.reactive import reactive

from truthmap.model import Profile
from truthmap.workbench.keys import choice_letters
from truthmap.workbench.panes.questionnaire import Questionnaire

CHARACTERS = {"backspace": "\x7f", "delete": None, "down": None, "enter": "\r", "left": None, "right": None}


class Host(App[None]):
    profile: reactive[Profile] = reactive(Profile(name="Input test"))

    def compose(self) -> ComposeResult:
        yield Questionnaire().data_bind(Host.profile)

    def on_questionnaire_answer_given(self, message: Questionnaire.AnswerGiven) -> None:
        self.profile = message.edit(self.profile)  # as the app applies it


async def burst(app, pilot, *keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key)))
    for _ in range(len(keys) * 2 + 4):
        await pilot.pause()


async def focus(app, pilot, question: str):
    questions = app.query_one(Questionnaire)
    questions.go_to(question)
    await pilot.pause()
    return questions.row(question)


def test_letters_come_from_the_labels_shown_each_unambiguous():
    assert choice_letters([("yes", "Yes"), ("no", "No"), ("unsure", "Unsure")], False) == {"y": 0, "n": 1, "u": 2}
    # "About even" is stored as "even": its key comes from what the person reads, never the id.
    where = [("before-kickoff", "Before kickoff"), ("after-kickoff", "After kickoff"), ("even", "About even"),
             ("unknown", "Don't know")]
    assert choice_letters(where, False) == {"b": 0, "a": 1, "o": 2, "d": 3}
    assert choice_letters([("x", "Apple"), ("y", "Avocado"), ("z", "Pear")], False) == {"a": 0, "v": 1, "p": 2}


async def test_each_choice_shows_its_key_beside_its_label():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        row = await focus(app, pilot, "revenue_lost")
        shown = row.editor_content(200).plain
        assert " b  Before kickoff" in shown and " o  About even" in shown and " d  Don't know" in shown
        await burst(app, pilot, "a")
        assert app.profile.answers.revenue_lost == "after-kickoff"
        await burst(app, pilot, "o")
        assert app.profile.answers.revenue_lost == "even"


async def test_wrong_keys_say_why_at_the_answer_and_letters_answer_yes_no_unsure():
    app = Host()
    async with app.run_test(size=(80, 40)) as pilot:
        rules = await focus(app, pilot, "ownership_rules")
        await burst(app, pilot, "y")
        assert app.profile.answers.ownership_rules == "yes"
        await burst(app, pilot, "u")
        assert app.profile.answers.ownership_rules == "unsure"
        await burst(app, pilot, "7")
        assert app.profile.answers.ownership_rules == "unsure"
        assert rules.has_class("-invalid") and rules.problem == "“7” is not a choice: press 1–3 or y/n/u"

        early = await focus(app, pilot, "early_stage")
        # The refused key changed nothing: leaving the question takes its reason away.
        assert rules.problem is None and not rules.has_class("-invalid")
        assert "not a choice" not in rules.text.plain
        await burst(app, pilot, "3")
        assert early.problem == "“3” is not an answer here: press y for yes or n for no"
        await burst(app, pilot, "n")
        assert app.profile.answers.early_stage is False and not early.has_class("-invalid")

        inquiries = await focus(app, pilot, "inquiries_per_month")
        await burst(app, pilot, "1", "x", "2")
        assert app.profile.answers.inquiries_per_month == 12  # the letter is refused, not typed
        assert inquiries.problem is None  # the next digit was taken: the reason has gone

        await burst(app, pilot, "x")
        assert inquiries.problem == "“x” is not part of a number: type digits"
        weeks = await focus(app, pilot, "sales_cycle_weeks")
        await burst(app, pilot, "k")
        assert weeks.problem == "“k” is not part of a number: type digits and a . for decimals"


async def test_a_refused_number_keeps_its_reason_after_enter():
    app = Host()
    async with app.run_test(size=(80, 40)) as pilot:
        team = await focus(app, pilot, "team_size")
        await burst(app, pilot, "0", "enter")
        assert app.focused is not team  # Enter moved on ...
        assert app.profile.answers.team_size is None
        assert team.has_class("-invalid")  # ... and what was typed is not lost unsaid
        assert team.problem == "“0” not kept: must be at least 1"
        await focus(app, pilot, "team_size")
        await burst(app, pilot, "4")
        assert app.profile.answers.team_size == 4 and not team.has_class("-invalid")


@pytest.mark.parametrize(("question", "keys", "value"), [
    ("revenue_lost", ("1", "enter"), "before-kickoff"),
    ("revenue_lost", ("d", "enter"), "unknown"),
    ("lost_deals_to_follow_up", ("y", "enter"), True),
    ("delivery_complexity", ("right", "right", "enter"), "medium"),
])
async def test_a_key_and_enter_in_one_burst_answer_this_question_not_the_next(question, keys, value):
    app = Host()
    async with app.run_test(size=(80, 40)) as pilot:
        row = await focus(app, pilot, question)
        rows = app.query_one(Questionnaire).rows
        after = rows[rows.index(row) + 1]
        await burst(app, pilot, *keys)
        assert getattr(app.profile.answers, question) == value
        assert getattr(app.profile.answers, after.question.id) is None
        assert app.focused is after


async def test_a_paste_is_typed_into_the_question():
    app = Host()
    async with app.run_test(size=(80, 40)) as pilot:
        await focus(app, pilot, "active_projects")
        app.focused.post_message(events.Paste("14\n"))
        await pilot.pause()
        await pilot.pause()
        assert app.profile.answers.active_projects == 14
        await focus(app, pilot, "friction")
        app.focused.post_message(events.Paste("2"))
        await pilot.pause()
        await pilot.pause()
        assert app.profile.answers.friction == "after-kickoff"

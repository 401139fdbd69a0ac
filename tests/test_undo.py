"""Undo and redo in the workbench: every edit, with the panes and the files following.

The history itself is the Document's (tests/test_document.py); this checks
the app wires it up: keys, palette, analysis, title mark and recovery copy.
"""

from __future__ import annotations

from truthmap.analysis import analyze
from truthmap.editing import remove_record
from truthmap.knowledge import knowledge
from truthmap.workbench.files import recovering
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.panes.questionnaire import Questionnaire
from workbench_helpers import apply_edit, copy_sample, press, record_notifications, recovery_copies, settle


async def test_ctrl_z_and_ctrl_y_undo_and_redo_answers_and_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(recovering, "RECOVERY_INTERVAL", 0.0)  # every edit's copy is written at once
    path = copy_sample(tmp_path)
    app = TruthmapApp([path])
    told = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        original = app.profile
        questions = app.screen.query_one(Questionnaire)
        questions.go_to("team_size")
        await pilot.pause()
        await press(app, pilot, "delete", "1", "2")  # one answer typed: one step
        typed = app.profile
        assert typed.answers.team_size == 12
        visible_record = f"{knowledge().entity_label(app.profile.records[0].entity)} record"
        removed = await apply_edit(app, pilot, remove_record(app.profile, 0))
        assert app.document.dirty and app.sub_title.endswith("•")

        await press(app, pilot, "ctrl+z")
        assert app.profile == typed
        assert len(app.analysis.findings) == len(analyze(typed).findings)  # findings follow
        assert told[-1] == f"Undone: {visible_record}"  # said in words: the record was out of view
        await press(app, pilot, "ctrl+z")
        assert app.profile == original and not app.document.dirty
        now = questions.row("team_size").question.label_of(original.answers.team_size)
        assert told[-1] == f"Undone: Team size: 12 people → {now}"  # the arrow ends at what is shown now
        assert not app.sub_title.endswith("•")
        assert questions.row("team_size").value == original.answers.team_size  # the question follows
        await press(app, pilot, "ctrl+z")  # nothing left: said, not an error
        assert any("Nothing to undo" in note for note in told)

        await press(app, pilot, "ctrl+y", "ctrl+y")
        assert app.profile == removed and app.document.dirty
        assert told[-1] == f"Redone: {visible_record}"
        assert recovery_copies(path)  # a redo is an edit: unsaved work is kept


async def test_ctrl_r_renames_and_writes_notes_as_one_undoable_edit(tmp_path):
    from textual.widgets import Input, TextArea

    from truthmap.workbench.dialogs.questions import ProfileDetailsScreen

    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        original = app.profile
        await press(app, pilot, "ctrl+r")
        dialog = app.screen
        assert isinstance(dialog, ProfileDetailsScreen)
        assert dialog.query_one("#details-name", Input).value == original.name
        await press(app, pilot, *"Plan B", "tab", *"two lines", "enter", *"of notes")
        assert app.focused is dialog.query_one("#details-notes", TextArea)
        await press(app, pilot, "tab", "enter")  # on to Save
        assert app.profile.name == "Plan B" and app.profile.notes == f"{original.notes}two lines\nof notes"
        assert app.sub_title.startswith("Plan B") and app.document.dirty
        await press(app, pilot, "ctrl+z")
        assert app.profile == original


def test_details_are_checked_before_they_reach_a_profile():
    from truthmap.editing import details_problem, set_details
    from truthmap.model import Profile
    from truthmap.vocabulary import MAX_TEXT_LENGTH

    assert details_problem("  ", None) == "A profile needs a name."
    assert "at most" in details_problem("x" * (MAX_TEXT_LENGTH + 1), "")
    assert set_details(Profile(name="a"), "B", " \n ").notes is None  # blank notes are none

"""Undo and redo in the workbench: every edit, with the panes and the files following.

The history itself is the Document's (tests/test_document.py); this checks
the app wires it up: keys, palette, analysis, title mark and recovery copy.
"""

from __future__ import annotations

from truthmap.analysis import analyze
from truthmap.editing import remove_record
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.questionnaire import Questionnaire
from workbench_helpers import apply_edit, copy_sample, press, recovery_copies, settle


async def test_ctrl_z_and_ctrl_y_undo_and_redo_answers_and_boundaries(tmp_path):
    path = copy_sample(tmp_path)
    app = TruthmapApp([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        original = app.profile
        questions = app.screen.query_one(Questionnaire)
        questions.go_to("team_size")
        await pilot.pause()
        await press(app, pilot, "delete", "1", "2")  # one answer typed: one step
        typed = app.profile
        assert typed.answers.team_size == 12
        removed = await apply_edit(app, pilot, remove_record(app.profile, 0))
        assert app.document.dirty and app.sub_title.endswith("•")

        await press(app, pilot, "ctrl+z")
        assert app.profile == typed
        assert len(app.analysis.findings) == len(analyze(typed).findings)  # findings follow
        await press(app, pilot, "ctrl+z")
        assert app.profile == original and not app.document.dirty
        assert not app.sub_title.endswith("•")
        assert questions.row("team_size").value == original.answers.team_size  # the question follows
        await press(app, pilot, "ctrl+z")  # nothing left: said, not an error
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)

        await press(app, pilot, "ctrl+y", "ctrl+y")
        assert app.profile == removed and app.document.dirty
        assert recovery_copies(path)  # a redo is an edit: unsaved work is kept


def test_undo_and_redo_are_palette_commands():
    titles = [title for title, _help, _action in TruthmapApp.PALETTE]
    assert "Undo" in titles and "Redo" in titles

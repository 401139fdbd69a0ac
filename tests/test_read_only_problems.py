"""Issue 20 (19): a profile file with problems opens read-only, its problems listed with their
lines as written; `r` reads it again once it is fixed, and saving over it is refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from files_host import Key, Typed, started

from truthmap.document import Document
from truthmap.storage import load_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.dialogs.questions import ChoiceScreen
from truthmap.workbench.files.problems_screen import ProblemsScreen
from truthmap.workbench.screens.main_screen import MainScreen
from workbench_helpers import press, screen_text, settle

BROKEN = """\
schema = 1
name = "Kettle & Pine"

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[records]]
entity = "client"
owner = "asna"

[[records]]
entity = "lead"
owner = "hubspot"
colour = 3
"""
FIXED = BROKEN.replace('owner = "asna"', 'owner = "hubspot"').replace("colour = 3\n", "")


@pytest.fixture
def broken(tmp_path) -> Path:
    path = tmp_path / "kettle.toml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_each_problem_knows_its_line_and_the_line_as_written(broken):
    document = Document.open_or_problems(broken)
    assert document.read_only and not document.dirty
    assert [(p.line, p.source) for p in document.problems] == [(11, 'owner = "asna"'), (16, "colour = 3")]
    first = document.problems[0]
    assert (first.path, first.entry) == ("records[0].owner", "the 1st record") and "the 1st record" in str(first)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_file_with_problems_opens_read_only_and_reads_again_once_fixed(broken, size):
    before = broken.read_bytes()
    app = TruthmapApp([broken])
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ProblemsScreen)
        text = " ".join(screen_text(app).split())
        assert "cannot be read as a profile (2 problems), so it is open read-only" in text
        assert "records[0].owner: unknown system 'asna'" in text and "11 │ owner = \"asna\"" in text
        assert "16 │ colour = 3" in text

        await press(app, pilot, "ctrl+s")  # never written over: said in words, Save as offered
        assert isinstance(app.screen, ChoiceScreen) and "open read-only" in app.screen.question
        assert "2 problems" in app.screen.question and "press r" in app.screen.question
        await press(app, pilot, "c")
        assert broken.read_bytes() == before

        await press(app, pilot, "r")  # not fixed yet: it says so and stays
        assert isinstance(app.screen, ProblemsScreen)

        broken.write_text(FIXED, encoding="utf-8")  # fixed in the person's editor
        await press(app, pilot, "r")
        assert isinstance(app.screen, MainScreen)
        assert not app.document.read_only and app.profile.name == "Kettle & Pine"
        assert app.document.path == broken and not app.document.dirty


async def test_a_fix_on_disk_is_read_again_by_itself(broken):
    files, host = await started(Document.open_or_problems(broken))
    assert isinstance(host.screen, ProblemsScreen)
    broken.write_text(BROKEN.replace("colour = 3\n", ""), encoding="utf-8")  # one problem fixed
    files.check_disk()
    await host.settle()
    assert isinstance(host.screen, ProblemsScreen) and len(host.screen.problems) == 1
    assert host.said("still has 1 problem")
    broken.write_text(FIXED, encoding="utf-8")
    files.check_disk()
    await host.settle()
    assert not isinstance(host.screen, ProblemsScreen) and files.document.profile == load_profile(broken).profile


async def test_save_as_writes_elsewhere_and_leaves_the_file_with_problems_alone(broken, tmp_path):
    copy = tmp_path / "fresh-start.toml"
    files, host = await started(Document.open_or_problems(broken), Key("a"), Typed(str(copy)))
    files.save()
    await host.settle()
    assert "open read-only" in host.asked[0].question
    assert broken.read_text(encoding="utf-8") == BROKEN
    assert files.document.path == copy and not files.document.read_only and load_profile(copy).profile.name == "kettle"
    assert not isinstance(host.screen, ProblemsScreen)

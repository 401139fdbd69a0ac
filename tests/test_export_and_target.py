"""Export report and Plan a target in the workbench.

The flows run first with a scripted window and no app (files_host); the last
tests run the whole workbench to prove the keys, the palette, the real dialogs
and the browser delivery (Textual's deliver_text) are wired.
"""

from __future__ import annotations

import json

import pytest
from files_host import Enter, Key, Typed, started, window
from textual.widgets import Input

from truthmap.analysis import analyze
from truthmap.document import Document
from truthmap.paths import user_profiles_dir
from truthmap.reports import render_report
from truthmap.reports.target import TITLE
from truthmap.storage import load_profile, save_profile
from truthmap.targets import target_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.dialogs.questions import ChoiceScreen, PathInputScreen
from test_map_screen import run_palette_command
from workbench_helpers import copy_sample, press, record_notifications, settle

SIZE = (120, 40)
EXTENSIONS = {"markdown": "md", "html": "html", "text": "txt", "json": "json"}


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767268800")  # 1 January 2026: the report made here is the one expected


@pytest.fixture
def profile_file(tmp_path):
    return copy_sample(tmp_path / "work", as_name="studio.toml")


def expected(profile, fmt: str, **options) -> str:
    return render_report(profile, analyze(profile), fmt, **options)


# ================================================================ export


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
async def test_export_writes_the_report_beside_the_profile_and_leaves_the_profile_alone(fmt, profile_file):
    before = profile_file.read_bytes()
    files, host = await started(profile_file, fmt, Enter())
    files.export_report()
    await host.settle()

    report = profile_file.with_name(f"studio-report.{EXTENSIONS[fmt]}")
    assert host.asked[1].suggestion == report  # beside the profile, named after it
    assert report.read_text(encoding="utf-8") == expected(files.document.profile, fmt)
    assert profile_file.read_bytes() == before and not files.document.dirty and host.replaced == 0
    assert host.said("Report exported", str(report))


async def test_an_unsaved_profile_exports_to_the_profiles_folder():
    document = Document.untitled(load_profile(copy_sample(user_profiles_dir().parent / "elsewhere")).profile)
    files, host = window(document, "markdown", Enter())
    files.export_report()
    await host.settle()
    report = user_profiles_dir() / "studio-nord-today-report.md"
    assert host.asked[1].suggestion == report and report.is_file()  # the profiles folder is made without asking
    assert len(host.asked) == 2


async def test_an_existing_report_is_replaced_only_when_the_person_says_so(profile_file):
    report = profile_file.with_name("studio-report.html")
    report.write_text("mine", encoding="utf-8")
    files, host = await started(profile_file, "html", Enter(), Key("c"))
    files.export_report()
    await host.settle()
    assert "already exists" in host.asked[-1].question and report.read_text(encoding="utf-8") == "mine"

    host.script("html", Enter(), Key("a"), Typed("other"))
    files.export_report()
    await host.settle()
    assert report.read_text(encoding="utf-8") == "mine"
    assert host.asked[-1].suggestion == report  # "another name" goes back to the name given
    assert profile_file.with_name("other.html").is_file()  # the format's extension added

    host.script("html", Enter(), Key("r"))
    files.export_report()
    await host.settle()
    assert report.read_text(encoding="utf-8") == expected(files.document.profile, "html")


async def test_a_report_never_goes_into_a_profile_file(profile_file):
    before = profile_file.read_bytes()
    files, host = await started(profile_file, "text", Typed(str(profile_file)), Typed("plan.toml"), Typed("plan"))
    files.export_report()
    await host.settle()
    assert len(host.refused) == 2 and all(".toml" in reason for reason in host.refused)
    assert profile_file.read_bytes() == before and not profile_file.with_name("plan.toml").exists()
    assert profile_file.with_name("plan.txt").is_file()


async def test_escape_on_either_question_exports_nothing(profile_file):
    files, host = await started(profile_file, "cancel")
    files.export_report()
    await host.settle()
    host.script("json", None)
    files.export_report()
    await host.settle()
    assert sorted(p.name for p in profile_file.parent.iterdir()) == ["studio.toml"]
    assert not host.said("Report exported")


@pytest.mark.parametrize("served", ["local", "public"])
async def test_a_browser_tab_gets_the_report_as_a_download_and_nothing_is_written(served, profile_file, monkeypatch):
    monkeypatch.setenv("TRUTHMAP_SERVED", served)
    files, host = await started(profile_file, "markdown")
    files.export_report()
    await host.settle()
    assert host.delivered == [("studio-report.md", expected(files.document.profile, "markdown"))]
    assert sorted(p.name for p in profile_file.parent.iterdir()) == ["studio.toml"]
    assert host.said("studio-report.md", "browser")
    assert not [q for q in host.asked if isinstance(q, PathInputScreen)]  # no path on the server to ask for


async def test_the_export_of_a_base_and_of_its_target_says_what_changes(profile_file):
    base = load_profile(profile_file).profile
    target_file = profile_file.with_name("studio-target.toml")
    plan = target_profile(base, profile_file, target_file)
    plan = plan.model_copy(update={"records": [r.model_copy(update={"steward": "Dana"}) for r in plan.records]})
    save_profile(plan, target_file)

    files, host = await started(profile_file, "markdown", Enter())
    files.export_report()
    await host.settle()
    report = profile_file.with_name("studio-report.md").read_text(encoding="utf-8")
    assert TITLE in report and "Dana" in report[report.index(TITLE):]
    assert host.said("studio-target.toml")

    files, host = await started(target_file, "json", Enter())
    files.export_report()
    await host.settle()
    data = json.loads(target_file.with_name("studio-target-report.json").read_text(encoding="utf-8"))
    assert data["target"]["report_is"] == "target"
    assert [p["label"] for p in data["target"]["profiles"]] == ["studio.toml", "studio-target.toml"]


async def test_a_target_whose_base_cannot_be_read_is_exported_alone_and_says_why(profile_file):
    target_file = profile_file.with_name("plan.toml")
    save_profile(target_profile(load_profile(profile_file).profile, profile_file, target_file), target_file)
    profile_file.write_text("not = [toml", encoding="utf-8")
    files, host = await started(target_file, "markdown", Enter())
    files.export_report()
    await host.settle()
    assert TITLE not in target_file.with_name("plan-report.md").read_text(encoding="utf-8")
    assert host.said("left out", "studio.toml")


# ================================================================ plan a target


async def test_plan_a_target_saves_a_copy_beside_the_profile_and_opens_it(profile_file):
    base = load_profile(profile_file).profile
    files, host = await started(profile_file, Enter())
    files.plan_target()
    await host.settle()

    target_file = profile_file.with_name("studio-target.toml")
    assert host.asked[0].suggestion == target_file
    loaded = load_profile(target_file)
    assert loaded.profile.target_of == "studio.toml" and loaded.profile.name == "Studio Nord — target"
    assert loaded.profile.records == base.records and "\nschema = 2\n" in loaded.text
    assert loaded.text.startswith(profile_file.read_text(encoding="utf-8").split("\n", 1)[0])  # its comments kept
    assert files.document.path == target_file and not files.document.dirty and host.replaced == 1
    assert load_profile(profile_file).profile == base  # the base is untouched
    assert host.said("Target planned", str(target_file))


async def test_plan_a_target_takes_any_name_and_never_doubles_toml(profile_file):
    files, host = await started(profile_file, Typed(str(profile_file)), Typed("plans/next.toml"), Key("y"))
    files.plan_target()
    await host.settle()
    assert host.refused and "profile itself" in host.refused[0]
    target_file = profile_file.parent / "plans" / "next.toml"
    assert load_profile(target_file).profile.target_of == "../studio.toml"  # from the target's own folder
    assert files.document.path == target_file


async def test_plan_a_target_asks_before_replacing_a_file(profile_file):
    target_file = profile_file.with_name("studio-target.toml")
    target_file.write_text('schema = 1\nname = "mine"\n', encoding="utf-8")
    files, host = await started(profile_file, Enter(), Key("c"))
    files.plan_target()
    await host.settle()
    assert "already exists" in host.asked[-1].question
    assert load_profile(target_file).profile.name == "mine" and files.document.path == profile_file

    host.script(Enter(), Key("r"))
    files.plan_target()
    await host.settle()
    assert load_profile(target_file).profile.target_of == "studio.toml" and files.document.path == target_file


async def test_an_unsaved_profile_is_saved_before_its_target_is_planned():
    document = Document.untitled(load_profile(copy_sample(user_profiles_dir().parent / "elsewhere")).profile)
    files, host = window(document, Key("s"), Typed("studio"), Enter())
    files.plan_target()
    await host.settle()
    base = user_profiles_dir() / "studio.toml"
    assert "not saved yet" in host.asked[0].question
    assert base.is_file() and files.document.path == user_profiles_dir() / "studio-target.toml"
    assert load_profile(files.document.path).profile.target_of == "studio.toml"


async def test_unsaved_changes_are_saved_first_or_nothing_happens(profile_file):
    files, host = await started(profile_file, Key("c"))
    files.document.edit(files.document.profile.model_copy(update={"notes": "changed"}))
    files.plan_target()
    await host.settle()
    assert "not saved" in host.asked[-1].question and files.document.path == profile_file
    assert not profile_file.with_name("studio-target.toml").exists()

    host.script(Key("s"), Enter())
    files.plan_target()
    await host.settle()
    assert load_profile(profile_file).profile.notes == "changed"
    assert load_profile(files.document.path).profile.notes == "changed"  # the target starts from what was saved


# ================================================================ the whole workbench


async def test_ctrl_e_and_the_palette_export_the_report_then_ctrl_g_plans_a_target(profile_file, monkeypatch):
    """Ctrl+E and the palette export the report; then, in the same workbench, Ctrl+G plans
    a target and opens it."""
    app = TruthmapApp([profile_file])
    told = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["Export report…"].endswith("· Ctrl+E") and commands["Plan a target…"].endswith("· Ctrl+G")

        await press(app, pilot, "ctrl+e")
        assert isinstance(app.screen, ChoiceScreen) and "markdown" in app.screen.answers
        await press(app, pilot, "h")
        assert isinstance(app.screen, PathInputScreen)
        assert app.screen.query_one(Input).value == str(profile_file.with_name("studio-report.html"))
        await press(app, pilot, "enter")
        await _until_written(app, pilot, profile_file.with_name("studio-report.html"))
        assert any(str(profile_file.with_name("studio-report.html")) in line for line in told), told

        await run_palette_command(app, pilot, "export report")
        assert isinstance(app.screen, ChoiceScreen)
        await press(app, pilot, "t")
        await press(app, pilot, "enter")
        await _until_written(app, pilot, profile_file.with_name("studio-report.txt"))
        assert not app.document.dirty

        await ctrl_g_plans_a_target_and_opens_it(app, pilot, profile_file)


async def ctrl_g_plans_a_target_and_opens_it(app, pilot, profile_file) -> None:
    await press(app, pilot, "ctrl+g")
    assert isinstance(app.screen, PathInputScreen)
    await press(app, pilot, "enter")
    target_file = profile_file.with_name("studio-target.toml")
    for _ in range(100):
        if app.document.path == target_file:
            break
        await pilot.pause(0.05)
    assert app.document.path == target_file and "studio-target.toml" in app.sub_title
    assert load_profile(target_file).profile.target_of == "studio.toml"
    assert app.profile.name == "Studio Nord — target"


async def test_a_served_workbench_delivers_the_report_through_textual(profile_file, monkeypatch, tmp_path):
    """In a browser Textual's web driver sends it as a download; in a test its driver writes
    the file to the folder the workbench names (Downloads): the same call either way."""
    monkeypatch.setenv("TRUTHMAP_SERVED", "local")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    from truthmap.paths import downloads_dir

    downloads = downloads_dir()
    downloads.mkdir(parents=True)
    app = TruthmapApp([profile_file])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+e")
        await press(app, pilot, "m")
        delivered = downloads / "studio-report.md"
        await _until_written(app, pilot, delivered)
        assert delivered.read_text(encoding="utf-8") == expected(app.profile, "markdown")
    assert sorted(p.name for p in profile_file.parent.iterdir()) == ["studio.toml"]


async def _until_written(app, pilot, path) -> None:
    for _ in range(200):
        if path.is_file():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{path} never written")

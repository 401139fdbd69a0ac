"""Save as and a new target write the file the person named through one step: a file that
appears under that name between the question and the write is never replaced, and the
name is asked again."""

from __future__ import annotations

import pytest
from files_host import Typed, started

from truthmap.document import Document
from truthmap.storage import load_profile
from workbench_helpers import copy_sample

SOMEONE_ELSES = "# someone else's file\n"


@pytest.fixture
def first_write_raced(monkeypatch):
    """Another program creates the file the first write goes to, just before it is written."""
    save = Document.save
    raced: list = []

    def racing_save(self, path, **options):
        if not raced:
            raced.append(path)
            path.write_text(SOMEONE_ELSES)
        return save(self, path, **options)

    monkeypatch.setattr(Document, "save", racing_save)
    return raced


@pytest.mark.parametrize("flow", ["save_as", "plan_target"])
async def test_a_name_taken_just_before_the_write_is_asked_again(tmp_path, flow, first_write_raced):
    files, host = await started(copy_sample(tmp_path / "work"))
    first, chosen = tmp_path / "work" / "first.toml", tmp_path / "work" / "chosen.toml"
    host.script(Typed(str(first)), Typed(str(chosen)))
    getattr(files, flow)()
    await host.settle()
    assert first_write_raced == [first]
    assert host.said(f"{first} appeared on disk just now; pick again")
    assert first.read_text() == SOMEONE_ELSES
    assert files.document.path == chosen
    # (the file says which schema its keys need: a target's is 2, whatever its base's was)
    assert load_profile(chosen).profile.model_dump(exclude={"schema_"}) == \
        files.document.profile.model_dump(exclude={"schema_"})

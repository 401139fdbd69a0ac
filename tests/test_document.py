"""Document: the open profile, its file, and the rules that keep work from being lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from truthmap import storage
from truthmap.document import Document
from truthmap.storage import FileChangedError, ProfileError, load_profile

SAMPLE_TEXT = 'schema = 1\nname = "Studio"\n\n[answers]\nteam_size = 3\n'


@pytest.fixture
def saved_file(tmp_path) -> Path:
    path = tmp_path / "studio.toml"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    return path


def test_document_open_existing_is_clean(saved_file):
    document = Document.open(saved_file)
    assert not document.dirty and not document.changed_on_disk()
    assert document.title == "studio.toml"


def test_document_edit_makes_it_dirty_and_save_cleans(saved_file):
    document = Document.open(saved_file)
    document.profile = document.profile.model_copy(update={"notes": "edited"})
    assert document.dirty
    assert document.save() == saved_file
    assert not document.dirty and not document.changed_on_disk()
    assert load_profile(saved_file).profile.notes == "edited"


def test_document_refuses_to_save_over_an_outside_edit(saved_file):
    document = Document.open(saved_file)
    saved_file.write_text(SAMPLE_TEXT.replace("Studio", "Elsewhere"), encoding="utf-8")
    assert document.changed_on_disk()
    document.profile = document.profile.model_copy(update={"notes": "mine"})
    with pytest.raises(FileChangedError):
        document.save()
    assert "Elsewhere" in saved_file.read_text(encoding="utf-8")
    assert document.dirty, "a refused save leaves the unsaved work marked unsaved"
    document.save(overwrite=True)
    assert load_profile(saved_file).profile.notes == "mine"
    assert not document.changed_on_disk()


def test_document_for_a_missing_file_does_not_clobber_a_file_created_later(tmp_path):
    target = tmp_path / "client-plan.toml"
    document = Document.open(target)
    assert document.profile.name == "client plan" and document.stamp is None
    assert not document.changed_on_disk()
    target.write_text("made by someone else", encoding="utf-8")
    assert document.changed_on_disk()
    with pytest.raises(FileChangedError):
        document.save()
    assert target.read_text(encoding="utf-8") == "made by someone else"


def test_document_for_a_missing_file_saves_there(tmp_path):
    target = tmp_path / "fresh.toml"
    document = Document.open(target)
    document.save()
    assert load_profile(target).profile.name == "fresh"
    assert not document.dirty


def test_save_as_onto_an_existing_other_file_refuses_unless_overwrite(tmp_path, saved_file):
    other = tmp_path / "other.toml"
    other.write_text('schema = 1\nname = "Other"\n', encoding="utf-8")
    document = Document.open(saved_file)
    with pytest.raises(FileChangedError, match="already exists"):
        document.save(other)
    assert document.path == saved_file, "a refused save-as keeps the document where it was"
    assert load_profile(other).profile.name == "Other"
    assert document.save(other, overwrite=True) == other
    assert document.path == other and load_profile(other).profile.name == "Studio"
    assert not document.changed_on_disk()


def test_save_as_to_a_new_path_moves_the_document(tmp_path, saved_file):
    document = Document.open(saved_file)
    copy = tmp_path / "copy.toml"
    document.save(copy)
    assert document.path == copy and document.title == "copy.toml"
    document.profile = document.profile.model_copy(update={"name": "Copy"})
    document.save()
    assert load_profile(copy).profile.name == "Copy"
    assert load_profile(saved_file).profile.name == "Studio"


def test_save_as_to_the_same_file_by_another_spelling_is_a_plain_save(tmp_path, saved_file, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = Document.open(Path("studio.toml"))
    document.profile = document.profile.model_copy(update={"notes": "same file"})
    document.save(saved_file.resolve())
    assert load_profile(saved_file).profile.notes == "same file"


def test_untitled_document_needs_a_path(tmp_path):
    document = Document.untitled()
    assert document.title == "untitled" and not document.changed_on_disk()
    with pytest.raises(ValueError):
        document.save()
    document.save(tmp_path / "named.toml")
    assert document.path == tmp_path / "named.toml" and not document.dirty


def test_document_open_invalid_file_raises_profile_error_and_leaves_it(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 3\nname = 'future'\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="newer"):
        Document.open(bad)
    assert bad.read_text(encoding="utf-8") == "schema = 3\nname = 'future'\n"


def test_document_open_dangling_link_is_an_error_not_a_new_profile(tmp_path):
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "missing-target.toml")
    with pytest.raises(ProfileError, match="no such file"):
        Document.open(link)


def test_failed_document_save_keeps_its_state(saved_file, monkeypatch):
    document = Document.open(saved_file)
    stamp = document.stamp
    document.profile = document.profile.model_copy(update={"notes": "pending"})

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    with pytest.raises(OSError):
        document.save()
    assert document.dirty and document.stamp == stamp and document.path == saved_file


def test_document_open_folder_is_a_profile_error(tmp_path):
    with pytest.raises(ProfileError, match="is a folder"):
        Document.open(tmp_path)


def test_document_open_name_in_a_missing_folder_is_a_new_profile(tmp_path):
    target = tmp_path / "later" / "north_star-plan.toml"
    document = Document.open(target)
    # Untouched, a new profile is nothing unsaved (issue 20): quitting asks nothing.
    assert document.profile.name == "north star plan" and not document.dirty
    with pytest.raises(FileNotFoundError) as caught:  # folders are made only when the person says so
        document.save()
    assert caught.value.filename == str(target)
    assert not (tmp_path / "later").exists()
    document.save(create_folders=True)
    assert load_profile(target).profile.name == "north star plan" and not document.dirty


def test_undoing_an_edit_makes_the_document_clean_again(saved_file):
    document = Document.open(saved_file)
    original = document.profile
    document.profile = original.model_copy(update={"name": "Other"})
    assert document.dirty
    document.profile = original.model_copy()
    assert not document.dirty


def test_own_save_is_not_an_outside_change(saved_file):
    document = Document.open(saved_file)
    for note in ("one", "two", "three"):
        document.profile = document.profile.model_copy(update={"notes": note})
        document.save()
        assert not document.changed_on_disk()
    assert load_profile(saved_file).profile.notes == "three"


def test_outside_edit_of_same_size_is_noticed(saved_file):
    document = Document.open(saved_file)
    info = saved_file.stat()
    saved_file.write_text(SAMPLE_TEXT.replace("Studio", "Atelie"), encoding="utf-8")
    os.utime(saved_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert document.changed_on_disk()


# ------------------------------------------------------------------ history


def _named(document: Document, name: str):
    return document.profile.model_copy(update={"name": name})


def test_undo_and_redo_step_through_every_edit_of_the_session(saved_file):
    document = Document.open(saved_file)
    original = document.profile
    versions = [original]
    for name in ("one", "two", "three", "four"):
        assert document.edit(_named(document, name))
        versions.append(document.profile)
    assert not document.edit(document.profile)  # no change, no step
    for expected in reversed(versions[:-1]):
        assert document.undo() and document.profile == expected
    assert not document.undo() and not document.can_undo
    assert not document.dirty  # back at the version on disk
    for expected in versions[1:]:
        assert document.redo() and document.profile == expected
    assert not document.redo() and document.dirty


def test_an_edit_after_undo_drops_the_redo_steps(saved_file):
    document = Document.open(saved_file)
    document.edit(_named(document, "one"))
    document.edit(_named(document, "two"))
    document.undo()
    document.edit(_named(document, "other"))
    assert not document.can_redo
    document.undo()
    assert document.profile.name == "one"


def test_edits_with_one_merge_key_are_one_step(saved_file):
    document = Document.open(saved_file)
    for name in ("1", "12", "123"):
        document.edit(_named(document, name), merge=("answer", "team_size"))
    document.edit(_named(document, "other"), merge=("answer", "friction"))
    document.undo()
    assert document.profile.name == "123"
    document.undo()
    assert document.profile.name == "Studio" and not document.can_undo
    # typed and erased back to where it began: no step at all
    document.edit(_named(document, "x"), merge="typing")
    document.edit(_named(document, "Studio"), merge="typing")
    assert not document.can_undo

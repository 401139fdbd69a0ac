"""The profile a bare `truthmap` reopens: remembered in the settings file, forgotten when it is gone."""

from __future__ import annotations

from truthmap.settings import (
    last_profile, last_profile_path, remember_last_profile, settings_path, update_settings,
)


def test_the_last_profile_is_state_and_never_touches_the_settings(tmp_path):
    update_settings(theme="nord")
    before = settings_path().read_bytes()
    profile = tmp_path / "lena.toml"
    profile.write_text('schema = 1\nname = "Lena"\n', encoding="utf-8")
    remember_last_profile(profile)
    assert last_profile() == profile.resolve()
    assert settings_path().read_bytes() == before and last_profile_path().parent.name == "state"


def test_a_profile_since_removed_is_not_offered(tmp_path):
    settings = tmp_path / "settings.toml"
    profile = tmp_path / "gone.toml"
    profile.write_text('schema = 1\nname = "x"\n', encoding="utf-8")
    remember_last_profile(profile, settings)
    profile.unlink()
    assert last_profile(settings) is None


def test_an_odd_note_means_no_last_profile(tmp_path):
    note = tmp_path / "last-profile"
    note.write_bytes(b"relative.toml\n")
    assert last_profile(note) is None
    note.write_bytes(b"\xff\x00")
    assert last_profile(note) is None
    (tmp_path / "file").write_text("x")
    remember_last_profile(tmp_path / "x.toml", tmp_path / "file" / "last-profile")  # never raises

"""The profile a bare `truthmap` reopens: remembered in the settings file, forgotten when it is gone."""

from __future__ import annotations

from truthmap.settings import last_profile, read_settings, remember_last_profile, update_settings


def test_the_last_profile_is_remembered_with_the_other_settings_kept(tmp_path):
    settings = tmp_path / "config" / "settings.toml"
    update_settings(settings, theme="nord")
    profile = tmp_path / "lena.toml"
    profile.write_text('schema = 1\nname = "Lena"\n', encoding="utf-8")
    remember_last_profile(profile, settings)
    assert last_profile(settings) == profile.resolve()
    assert read_settings(settings).get("theme") == "nord"


def test_a_profile_since_removed_is_not_offered(tmp_path):
    settings = tmp_path / "settings.toml"
    profile = tmp_path / "gone.toml"
    profile.write_text('schema = 1\nname = "x"\n', encoding="utf-8")
    remember_last_profile(profile, settings)
    profile.unlink()
    assert last_profile(settings) is None


def test_a_broken_or_odd_settings_file_means_no_last_profile(tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text("last_profile = [1, 2]\n", encoding="utf-8")
    assert last_profile(settings) is None
    settings.write_text("not toml = = =\n", encoding="utf-8")
    assert last_profile(settings) is None
    remember_last_profile(tmp_path / "x.toml", tmp_path / "no" / "settings.toml")  # never raises

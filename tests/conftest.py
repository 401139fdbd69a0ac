import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own user folders: nothing touches the real home."""
    home = tmp_path / "truthmap-home"
    monkeypatch.setenv("TRUTHMAP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home

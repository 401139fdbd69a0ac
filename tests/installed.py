"""The installed `truthmap` command, as every test that runs it finds it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def truthmap_command() -> str:
    """The `truthmap` script installed with the Python running the tests, else the one on PATH.

    A person may run the suite with a virtual environment's python without
    activating the environment: its scripts folder is then not on PATH, yet
    the command is installed there, beside that python."""
    found = shutil.which("truthmap", path=str(Path(sys.executable).parent)) or shutil.which("truthmap")
    assert found, f"the truthmap command is not installed beside {sys.executable} nor on PATH (pip install -e .)"
    return found

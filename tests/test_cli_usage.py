"""A usage error names the command it is about, on one line."""

from __future__ import annotations

import subprocess

from installed import truthmap_command


def test_a_missing_argument_is_one_line_naming_the_command():
    done = subprocess.run([truthmap_command(), "report"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == ("truthmap report: the following arguments are required: PROFILE "
                           "(try `truthmap report --help`)\n")

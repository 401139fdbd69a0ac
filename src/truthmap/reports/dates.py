"""The date a client report carries: given, from SOURCE_DATE_EPOCH, or today."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping


def report_date(text: str | None = None, environ: Mapping[str, str] | None = None) -> dt.date:
    """The date a client report carries: `text` (YYYY-MM-DD) when given, else
    SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, else today.

    A fixed date makes generated samples and snapshots reproducible.  Raises
    ValueError with a one-line message naming what was wrong."""
    if text is not None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(f"--date: expected a date as YYYY-MM-DD, got {text!r}")
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise ValueError(f"--date: {text!r} is not a date ({error})") from None
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH: expected a whole number of seconds, got {epoch!r}")
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"SOURCE_DATE_EPOCH: {epoch} seconds is out of range") from None
    return dt.date.today()

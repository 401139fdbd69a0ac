"""Making profile text safe to show: every character visible, none obeyed.

Profile strings are free text.  A terminal must never receive their control
characters raw (an ESC could repaint the screen or retitle the window), and a
reader must see that they are there, so each is replaced by a visible stand-in.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidirectional/zero-width marks that
# can make text read differently from what it is.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control or invisible formatting character shown."""
    if keep_newlines:
        return "\n".join(_INVISIBLE.sub(_stand_in, line) for line in text.split("\n"))
    return _INVISIBLE.sub(_stand_in, text)

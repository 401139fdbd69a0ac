"""Making profile text safe to show: every character visible, none obeyed.

Profile strings are free text.  A terminal must never receive their control
characters raw (an ESC could repaint the screen or retitle the window), and a
reader must see that they are there, so each is replaced by a visible stand-in.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, the bidirectional/zero-width marks that can
# make text read differently from what it is, the characters that show nothing
# yet are not spaces (soft hyphen, grapheme joiner, Mongolian vowel separator,
# Hangul fillers, Khmer inherent vowels, braille blank, interlinear annotation
# marks), and tag characters, which spell hidden ASCII
# (two classes: quicker to scan for than one holding both).
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028\u2029"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2800\u3164\ufeff\uffa0\ufff9-\ufffb]|[\U000e0000-\U000e007f]")
# A subdivision flag (black flag, tag letters, cancel tag) is the one place tag
# characters belong; no real one is longer than this.
_FLAG = re.compile(r"\U0001f3f4[\U000e0020-\U000e007e]{1,30}\U000e007f")


def in_flag(match: re.Match[str]) -> bool:
    """Whether `_INVISIBLE` matched a tag character of a subdivision flag, which stays as it is."""
    at = match.start()
    if match.group() < "\U000e0000":
        return False
    flag = match.string.rfind("\U0001f3f4", max(0, at - 31), at)
    found = _FLAG.match(match.string, flag) if flag >= 0 else None
    return found is not None and found.end() > at


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    if in_flag(match):
        return char
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

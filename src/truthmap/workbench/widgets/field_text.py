"""Profile text in an editable field (Input, TextArea): controls shown, originals kept.

A field sends what it holds to the terminal as is, so profile text goes in
through `visible()` (ESC shows as ␛, U+202E as <U+202E>) and what the person
leaves there is read back with :meth:`FieldText.read`:

- unchanged, it is the original, exactly;
- edited, the shown and the edited text are aligned (difflib): each stand-in
  left whole where the original put it is that character again, and whatever
  was typed stays as typed (a ␛ typed or pasted stays ␛, a stand-in edited
  into something else is text).  Nothing is guessed from what a stand-in looks
  like, so a profile holding both ESC and a real ␛ comes back as it was;
- a value that is exactly a suggestion as shown (an Input's completion, taken
  whole) is that suggestion's original.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from difflib import SequenceMatcher

from ...text import visible


class FieldText:
    """One field's original text, how it is shown, and the way back."""

    def __init__(self, original: str, *, keep_newlines: bool = False, suggestions: Iterable[str] = ()) -> None:
        self.original = original
        whole = visible(original, keep_newlines=keep_newlines)  # some characters stay in context (a flag's tags)
        self._parts: list[tuple[str, str]] = []  # (shown, original) per character
        self._starts: list[int] = []
        offset = 0
        for char in original:
            # A stand-in never starts with the character it stands for.
            shown = char if whole.startswith(char, offset) else visible(char, keep_newlines=keep_newlines)
            self._parts.append((shown, char))
            self._starts.append(offset)
            offset += len(shown)
        self.shown = "".join(shown for shown, _ in self._parts)
        self._suggested = {visible(text, keep_newlines=keep_newlines): text for text in suggestions}

    @property
    def shown_suggestions(self) -> list[str]:
        """The suggestions as the field offers them."""
        return list(self._suggested)

    def room(self, limit: int) -> int:
        """An Input's max_length for a text of at most `limit` characters: the stand-ins'
        extra width on top, so a long original can still be edited (the profile checks
        the real length)."""
        return limit + len(self.shown) - len(self.original)

    def read(self, value: str) -> str:
        """The profile text for what the field holds now."""
        if value == self.shown:
            return self.original
        if value in self._suggested:
            return self._suggested[value]
        if self.shown == self.original:  # nothing was replaced: nothing to give back
            return value
        matcher = SequenceMatcher(None, self.shown, value, autojunk=False)
        return "".join(self._back(i1, i2) if tag == "equal" else value[j1:j2]
                       for tag, i1, i2, j1, j2 in matcher.get_opcodes())

    def _back(self, start: int, end: int) -> str:
        """The original behind shown[start:end]; a stand-in cut by either edge stays as shown."""
        kept = []
        index = bisect_right(self._starts, start) - 1
        while index < len(self._parts) and self._starts[index] < end:
            shown, char = self._parts[index]
            begin = self._starts[index]
            whole = begin >= start and begin + len(shown) <= end
            kept.append(char if whole else shown[max(start - begin, 0):end - begin])
            index += 1
        return "".join(kept)

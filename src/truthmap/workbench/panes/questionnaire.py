"""The questionnaire pane: every question of the knowledge data, keyboard first.

Each question is one focusable row.  Numbers are typed straight into the
focused row; choices and yes/no are picked with number or letter keys.  A
value only reaches the profile after the `Answers` model accepted it, so an
invalid answer can be seen on screen but is never stored.  Unanswered
questions say so, and Delete turns any answer back into "not answered".
"""

from __future__ import annotations

from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Blur, DescendantFocus, Focus, Key, Paste, Resize
from textual.geometry import Region
from textual.reactive import var
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ...editing import check_answer, set_answer
from ..edits import EditAsked
from ..keys import choice_letters
from ...knowledge import Question, knowledge
from ..tcss import read_tcss
from ..widgets.live_text import StripCache, looks

if TYPE_CHECKING:
    from ...model import Profile

MAX_NUMBER_CHARS = 7
CHOICE_KEYS = "123456789"
YES_NO = ((True, "Yes"), (False, "No"))
CHOOSE = Binding.Group("Choose", compact=True)
CLEAR = Binding("delete", "clear", "Clear", tooltip="Set the selected question back to not answered")


def number_text(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


ANSWER_WIDTH = 18  # the answer's box at the right of the prompt, when there is room
PROMPT_MIN_WIDTH = 30  # narrower than this beside the answer, the answer goes under the prompt


class QuestionRow(Widget, can_focus=True):
    """One question: its prompt, the current answer, and help while focused.

    Drawn as one text: a new answer repaints the row; the screen is laid out
    again only when the row's height changes (focus opens the help and the
    choices; a refused key adds its reason).
    """

    DEFAULT_CSS = read_tcss(__file__, "question_row.tcss")

    HELP_TITLE = "Any question"

    BINDINGS = [
        CLEAR,
        Binding("enter", "app.focus_next", "Next", show=False, priority=True),
    ]

    value: var[Any] = var(None, init=False)
    """The stored answer (None: not answered); a var: `redraw` repaints only the lines it changes."""

    problem: str | None = None
    """Why the last key or text typed here was not taken (shown under the answer)."""

    def __init__(self, question: Question, value: Any = None) -> None:
        # Born with its answer: set after mounting, each row would be restyled and laid out again.
        super().__init__(id=f"q-{question.id}", classes="question -unanswered" if value is None else "question")
        self.set_reactive(QuestionRow.value, value)
        self.question = question
        self._height = 0  # lines drawn last: a change of height asks for a layout
        self._shown: tuple[int, list[Content]] | None = None  # (width, lines) as drawn
        self._drawn: tuple[int, list[Content]] | None = None  # `_shown` before a redraw
        self._wrapped: dict[tuple[int, bool | str], list[Content]] = {}  # see _prompt_lines
        self._redraw_pending = False
        self._strips = StripCache()

    # ------------------------------------------------------------ drawing

    def lines(self, width: int) -> list[Content]:
        """The row's text at a width: prompt and answer, then help, choices and problem."""
        width = max(1, width)
        focused = self.focused
        prompt_lines = self._prompt_lines(width, focused)
        answer = self.answer_content()
        if width - ANSWER_WIDTH >= PROMPT_MIN_WIDTH:
            box = answer.truncate(ANSWER_WIDTH - 2, ellipsis=True)
            first = Content.assemble(prompt_lines[0].truncate(width - ANSWER_WIDTH, pad=True),
                                     box.pad_left(ANSWER_WIDTH - box.cell_length))
            lines = [first, *prompt_lines[1:]]
        else:  # the answer under the prompt, at the right
            answer = answer.truncate(width, ellipsis=True)
            lines = [*prompt_lines, answer.pad_left(width - answer.cell_length)]
        if focused:
            lines += self._help_lines(width)
            lines += [line for part in self.editor_content(width).split("\n") for line in part.wrap(width)]
            lines.append(Content(""))
        if self.problem is not None:
            lines += Content.styled(self.problem, "bold $text-error").wrap(width)
        return lines

    # The prompt and the help change with no key: each is wrapped once per width
    # (the help only once the row is focused: most rows never show it).

    def _prompt_lines(self, width: int, focused: bool) -> list[Content]:
        if (width, focused) not in self._wrapped:
            if len(self._wrapped) > 16:  # widths long gone (the terminal was resized)
                self._wrapped.clear()
            prompt = Content.styled(self.question.prompt, "bold" if focused else "")
            beside = width - ANSWER_WIDTH >= PROMPT_MIN_WIDTH
            self._wrapped[width, focused] = prompt.wrap(width - ANSWER_WIDTH if beside else width)
        return self._wrapped[width, focused]

    def _help_lines(self, width: int) -> list[Content]:
        if (width, "help") not in self._wrapped:
            self._wrapped[width, "help"] = [Content(""), *Content.styled(self.question.help, "$text-muted").wrap(width)]
        return self._wrapped[width, "help"]

    @property
    def focused(self) -> bool:
        """Whether the row has focus, right even inside its own focus and blur handlers
        (`has_focus` changes only after them, and the lines are worked out there)."""
        return self.is_attached and self.screen.focused is self

    def shown_lines(self, width: int) -> list[Content]:
        """`lines(width)`, worked out once per change."""
        if self._shown is None or self._shown[0] != width:
            self._shown = (width, self.lines(width))
        return self._shown[1]

    @property
    def text(self) -> Content:
        """The row as drawn now, all its lines."""
        return Content("\n").join(self.shown_lines(self.content_size.width))

    def render_line(self, y: int) -> Strip:
        # Line by line: a typed digit re-renders the answer's line, not the help and choices.
        width = self.content_size.width
        lines = self.shown_lines(width)
        if y >= len(lines) or not width:
            return Strip.blank(width, self.visual_style.rich_style)
        return self._strips.strip(self, lines[y], width, len(lines))

    def get_content_height(self, container, viewport, width: int) -> int:
        self._height = len(self.shown_lines(width))
        return self._height

    def redraw(self) -> None:
        """Repaint; lay out again only if the number of lines changed.

        A key changes several things (what is typed, the answer, the problem):
        the lines are worked out once, after the key is handled."""
        if not self._redraw_pending:
            self._redraw_pending = True
            self._drawn = self._shown  # to compare with once the key is handled
            self.call_next(self._settle)
        self._shown = None

    def _settle(self) -> None:
        self._redraw_pending = False
        width = self.content_size.width
        before, self._drawn = self._drawn, None
        if not width:  # not laid out yet: the layout asks for the lines at its width
            self.refresh(layout=True)
            return
        lines = self.shown_lines(width)
        if len(lines) != self._height or before is None or before[0] != width:
            self.refresh(layout=len(lines) != self._height)
            return
        # A digit typed changes one line (the answer): repaint that line, not the row.
        top, left = self.gutter.top, self.gutter.left
        changed = [Region(left, top + y, width, 1)
                   for y, (old, new) in enumerate(zip(before[1], lines)) if looks(old) != looks(new)]
        if changed:
            self.refresh(*changed)

    def watch_value(self) -> None:
        self.set_class(self.value is None, "-unanswered")
        self.redraw()

    def on_focus(self, event: Focus) -> None:
        self.redraw()
        self.call_after_refresh(self.scroll_visible, animate=False)

    def on_blur(self, event: Blur) -> None:
        self.redraw()

    def on_resize(self, event: Resize) -> None:
        # A focused row grows (help, choices): keep all of it in view once it has.
        if self.has_focus:
            self.call_after_refresh(self.scroll_visible, animate=False)

    def answer_content(self) -> Content:
        if self.value is None:
            return Content.styled("not answered", "italic $text-warning")
        return Content.styled(self.question.label_of(self.value), "bold")

    def editor_content(self, width: int) -> Content:
        return Content("")

    def store(self, value: Any) -> bool:
        """Post this answer; False (with the reason shown) if the question refuses it."""
        try:
            check_answer(self.question.id, value)
        except ValueError as refused:
            self.show_problem(str(refused))
            return False
        self.show_problem(None)
        self.value = value
        # Posted once the row has been painted: the key's echo reaches the screen
        # first, the analysis of the new answer in the frame after it.
        self.call_after_refresh(self.post_message, Questionnaire.AnswerGiven(self.question.id, value))
        return True

    def show_problem(self, problem: str | None) -> None:
        if problem == self.problem:
            return
        self.problem = problem
        self.set_class(problem is not None, "-invalid")
        self.redraw()

    def action_clear(self) -> None:
        self.store(None)

    def on_key(self, event: Key) -> None:
        # Answer keys are handled here, in the row's own queue, in the order they
        # were typed: as bindings they would run only once the key reached the app,
        # after an Enter typed right behind them had already moved focus on, and
        # would land in the next question.
        if self.answer_key(event.key, event.character):
            event.stop()
            event.prevent_default()

    def on_paste(self, event: Paste) -> None:
        """Pasted text is typed here, character by character; a line break ends it."""
        event.stop()
        for character in event.text.strip().split("\n")[0].strip():
            self.answer_key(character, character)

    def answer_key(self, key: str, character: str | None) -> bool:
        """Act on one key meant for this row; False leaves it to the bindings."""
        return False

    def drop_typing(self) -> None:
        """Forget what was being entered here (the profile was replaced under it)."""
        self.show_problem(None)
        self.redraw()


class ChoiceRow(QuestionRow):
    """A choice or yes/no question: number keys pick, arrows step through."""

    HELP_TITLE = "Choice and yes/no questions"

    BINDINGS = [
        *(Binding(key, f"choose({index})", f"Choice {key}", group=CHOOSE) for index, key in enumerate(CHOICE_KEYS)),
        Binding("y", "pick(True)", "Yes"),
        Binding("n", "pick(False)", "No"),
        # Nothing to erase in a choice: Backspace clears, like Delete.
        Binding("backspace", "clear", "Clear", show=False),
        Binding("left", "step(-1)", "Previous choice", show=False),
        Binding("right", "step(1)", "Next choice", show=False),
    ]

    def __init__(self, question: Question, value: Any = None) -> None:
        super().__init__(question, value)
        self.options = YES_NO if question.type == "yes-no" else question.choices
        self.letters = choice_letters(self.options, question.type == "yes-no")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        yes_no = self.question.type == "yes-no"
        if action == "pick":
            return yes_no
        if action == "choose":
            return not yes_no and parameters[0] < len(self.options)
        return True

    def editor_content(self, width: int) -> Content:
        """The choices with their keys: one line when there is room, else one per line."""
        parts: list[Content] = []
        keys = {index: letter for letter, index in self.letters.items()}
        for index, (stored, words) in enumerate(self.options):
            key = ("y" if stored else "n") if self.question.type == "yes-no" else keys.get(index, CHOICE_KEYS[index])
            chosen = self.value is not None and stored == self.value
            parts.append(Content.assemble((f" {key} ", "reverse $accent" if chosen else "bold $accent"),
                                          (f" {words}", "bold $text" if chosen else "$text-muted")))
        inline = Content("   ").join(parts)
        return inline if inline.cell_length <= width else Content("\n").join(parts)

    def answer_key(self, key: str, character: str | None) -> bool:
        if key in ("left", "right"):
            self.action_step(-1 if key == "left" else 1)
        elif key in ("delete", "backspace"):
            self.action_clear()
        elif character and len(character) == 1 and character.isalnum():
            self.press(character.lower())
        else:
            return False
        return True

    def press(self, character: str) -> None:
        """A digit or letter typed here: the choice it names, or why nothing was chosen."""
        yes_no = self.question.type == "yes-no"
        if character in self.letters:
            self.store(self.options[self.letters[character]][0])
        elif not yes_no and character.isdigit() and 1 <= int(character) <= len(self.options):
            self.store(self.options[int(character) - 1][0])
        elif yes_no:
            self.show_problem(f"“{character}” is not an answer here: press y for yes or n for no")
        else:
            letters = "/".join(self.letters)
            self.show_problem(f"“{character}” is not a choice: press 1–{len(self.options)}"
                              + (f" or {letters}" if letters else ""))

    def action_choose(self, index: int) -> None:
        self.store(self.options[index][0])

    def action_pick(self, value: bool) -> None:
        self.store(value)

    def on_blur(self, event: Blur) -> None:
        # A refused key changed nothing here: once the question is left, its reason has done its job
        # (a refused number keeps its reason, since the digits typed are not stored).  Textual runs
        # QuestionRow's handler after this one.
        self.show_problem(None)

    def action_step(self, delta: int) -> None:
        values = [stored for stored, _ in self.options]
        if self.value in values:
            position = (values.index(self.value) + delta) % len(values)
        else:
            position = 0 if delta > 0 else len(values) - 1
        self.store(values[position])


class NumberRow(QuestionRow):
    """A number question: digits typed while the row is focused.

    The first key after focusing replaces the shown value (as in a
    spreadsheet cell); Backspace erases the last digit; Delete clears.
    """

    HELP_TITLE = "Number questions"

    BINDINGS = [
        Binding("0", "type('0')", "Type", key_display="0-9"),
        Binding("backspace", "erase", "Erase the last character", show=False),
        CLEAR,  # again, to come after "Type" in the footer
    ]

    typed: var[str | None] = var(None, init=False)
    """What is being typed (None: nothing typed since the row was focused)."""

    unstored: bool = False
    """The text typed last was refused: its reason stays shown after focus moves on."""

    def answer_key(self, key: str, character: str | None) -> bool:
        if character and (character.isdigit() or character == "."):
            self.type_character(character)
        elif key == "backspace":
            self.action_erase()
        elif key == "delete":
            self.action_clear()
        elif character and len(character) == 1 and character.isprintable() and not character.isspace() \
                and character != "?":  # ? is help
            decimals = " and a . for decimals" if self.question.type == "number" else ""
            self.show_problem(f"“{character}” is not part of a number: type digits{decimals}")
        else:
            return False
        return True

    def action_type(self, character: str) -> None:
        self.type_character(character)

    def type_character(self, character: str) -> None:
        text = (self.typed or "") + character
        if len(text) > MAX_NUMBER_CHARS:
            self.show_problem(f"at most {MAX_NUMBER_CHARS} characters")
            return
        self.typed = text
        self.commit(text)

    def action_erase(self) -> None:
        text = number_text(self.value) if self.typed is None else self.typed
        self.typed = text[:-1]
        self.commit(self.typed)

    def action_clear(self) -> None:
        self.typed = ""
        self.commit("")

    def commit(self, text: str) -> None:
        try:
            value = self.parse(text)
        except ValueError as error:
            self.refuse(text, str(error))
            return
        self.unstored = False
        if not self.store(value):
            self.refuse(text, str(self.problem))

    def refuse(self, text: str, reason: str) -> None:
        """Typed text the question cannot take: it stays on screen with its reason."""
        self.unstored = True
        self.show_problem(f"“{text}” not kept: {reason}")
        self.redraw()

    def parse(self, text: str) -> int | float | None:
        """The typed text as a stored value; ValueError says what is wrong."""
        if not text:
            return None
        if "." not in text:
            return int(text)
        if self.question.type != "number":
            raise ValueError("a whole number, please")
        if text.count(".") > 1 or text == ".":
            raise ValueError("not a number yet")
        return float(text)

    # Textual runs QuestionRow's focus and blur handlers after these (each class's handler runs).

    def on_focus(self, event: Focus) -> None:
        self.typed = None

    def on_blur(self, event: Blur) -> None:
        self.typed = None
        if not self.unstored:  # a refused entry keeps its reason: nothing typed vanishes unsaid
            self.show_problem(None)

    def drop_typing(self) -> None:
        self.typed = None
        self.unstored = False
        super().drop_typing()

    def watch_typed(self) -> None:
        self.redraw()

    def answer_content(self) -> Content:
        if self.focused and self.typed is not None:
            shown = self.typed or ""
            style = "bold $text-error" if self.has_class("-invalid") else "bold"
            return Content.assemble((shown, style), ("▏", "blink $accent"), (f" {self.question.unit}", "$text-muted"))
        return super().answer_content()

    def editor_content(self, width: int) -> Content:
        kind = {"count": "a whole number, 0 or more", "size": "a whole number, 1 or more",
                "number": "a number, 0 or more (decimals allowed)"}[self.question.type]
        return Content.assemble(("type ", "$text-muted"), (kind, "$text-muted"),
                                (" · Del clears", "$text-muted"))


class Questionnaire(VerticalScroll, can_focus=False):
    """Every question, grouped as in the knowledge data; shows `profile`'s answers."""

    DEFAULT_CSS = read_tcss(__file__, "questionnaire.tcss")

    HELP_TITLE = "Questionnaire"

    class AnswerGiven(EditAsked):
        """An answer changed (value None: cleared); one question's answers in a row are one undo step."""

        def __init__(self, question_id: str, value: object) -> None:
            super().__init__(partial(set_answer, question_id=question_id, value=value), merge=("answer", question_id))
            self.question_id = question_id
            self.value = value

    profile: var[Profile | None] = var(None, init=False)
    """The profile whose answers are shown."""

    replaced: var[int] = var(0, init=False)
    """Bumped when the profile was replaced rather than edited: typing in progress is dropped."""

    # Priority: focus moves as the key is read, so digits typed right after
    # Down land in the next question, not this one.
    BINDINGS = [
        Binding("down", "move(1)", "Next question", show=False, priority=True),
        Binding("up", "move(-1)", "Previous question", show=False, priority=True),
        Binding("home", "edge(0)", "First question", show=False, priority=True),
        Binding("end", "edge(-1)", "Last question", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        questions = knowledge().questions.values()
        answers = self.profile.answers if self.profile is not None else None
        for group, members in groupby(questions, key=lambda q: q.group):
            yield Static(Content(group), classes="group")
            for question in members:
                row = NumberRow if question.type in ("count", "size", "number") else ChoiceRow
                yield row(question, getattr(answers, question.id, None))

    def __init__(self, profile: Profile | None = None, **kwargs: Any) -> None:
        """`profile`: the one shown from the first frame (a binding to the screen's follows once mounted)."""
        super().__init__(**kwargs)
        self.set_reactive(Questionnaire.profile, profile)
        self.last_row: QuestionRow | None = None  # the question the palette's "clear" acts on
        self._rows: list[QuestionRow] = []

    def on_mount(self) -> None:
        self.sync()

    def watch_profile(self) -> None:
        self.sync()

    def watch_replaced(self, old: int, new: int) -> None:
        if new != old:  # not the binding's first call, which hands over the same count
            self.drop_typing()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, QuestionRow):
            self.last_row = event.widget

    def clear_current(self) -> bool:
        """Clear the last focused question; False if no question was focused yet."""
        if self.last_row is None:
            return False
        self.last_row.action_clear()
        return True

    def drop_typing(self) -> None:
        """The profile was replaced (open, reload, new): nothing half typed stays on screen."""
        for row in self.rows:
            row.drop_typing()

    @property
    def rows(self) -> list[QuestionRow]:
        # Rows never change once composed: find them once (a query walks the whole pane).
        if not self._rows:
            self._rows = list(self.query(QuestionRow))
        return self._rows

    def sync(self) -> None:
        """Show the answers of the current profile (after any edit, open or undo)."""
        if self.profile is None:
            return
        answers = self.profile.answers
        for row in self.rows:
            row.value = getattr(answers, row.question.id)

    def row(self, question_id: str) -> QuestionRow:
        return self.query_one(f"#q-{question_id}", QuestionRow)

    def go_to(self, question_id: str) -> bool:
        """Focus the question with this id; False if there is none."""
        try:
            row = self.row(question_id)
        except Exception:
            return False
        row.focus()
        return True

    @property
    def current(self) -> QuestionRow | None:
        focused = self.screen.focused
        return focused if isinstance(focused, QuestionRow) else None

    def action_move(self, delta: int) -> None:
        rows = self.rows
        current = self.current
        index = rows.index(current) + delta if current in rows else 0
        # set_focus at once (not focus(), which waits a turn) so fast repeats all count.
        self.screen.set_focus(rows[max(0, min(index, len(rows) - 1))])

    def action_edge(self, index: int) -> None:
        self.screen.set_focus(self.rows[index])

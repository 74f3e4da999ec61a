"""The interactive assessment: a loop over the bank's questions with its input and output injected.

`ask(prompt)` returns one line typed by the person (it may raise EOFError or KeyboardInterrupt);
`say(text)` shows a line. Nothing here touches a terminal, a file or the clock directly, so tests
drive a whole session with a list of typed lines. Questions are asked in section order; every
answer is saved the moment it is given and said back in words.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from coself.core.model import Answer, Answers, AnswerValue, Bank, Question, Special, Status
from coself.core.text import one_line
from coself.core.words import in_words
from coself.interactive import review as reviewing
from coself.interactive.answering import (
    Ask,
    Outcome,
    Say,
    choices,
    full_keys,
    looks_like_answer,
    read_answer,
    said_back,
    short_keys,
)
from coself.interactive.intro import ask_organisation, ask_perspective

__all__ = ["Outcome", "Session", "ask_organisation", "ask_perspective", "in_section_order"]

FULL_KEYS_FOR = 3  # questions that show every key; after them, "? for keys"


class Move(enum.Enum):
    BACK = "back"
    SKIP = "skip"
    QUIT = "quit"
    ANSWERED = "answered"


def in_section_order(bank: Bank) -> tuple[Question, ...]:
    """The bank's questions section by section (the framework's order), each section's in the
    bank's order, so that no one jumps between sections."""
    rank = {s.id: n for n, s in enumerate(bank.framework.sections)}
    return tuple(sorted(bank.questions, key=lambda q: rank.get(q.section, len(rank))))


@dataclass
class Session:
    """One person's run through a bank. `answers` is always the latest state, saved or not."""

    bank: Bank
    answers: Answers
    ask: Ask
    say: Say
    save: Callable[[Answers], None]
    now: Callable[[], str]
    plain: bool = False  # headings and places in words, for screen readers
    width: int = 100  # of the terminal: review lines are cut to fit it
    given: dict[str, Answer] = field(init=False)
    order: tuple[Question, ...] = field(init=False)
    _shown: int = field(init=False, default=0)
    _section: str | None = field(init=False, default=None)
    _pending_note: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.given = dict(self.answers.answers)
        self.order = in_section_order(self.bank)

    def current(self, status: Status | None = None) -> Answers:
        return replace(
            self.answers,
            answers=MappingProxyType(dict(self._ordered())),
            updated=self.now(),
            status=status or self.answers.status,
        )

    def _ordered(self) -> list[tuple[str, Answer]]:
        return [(q.id, self.given[q.id]) for q in self.bank.questions if q.id in self.given]

    def _store(self) -> None:
        self.answers = self.current()
        self.save(self.answers)

    def first_unanswered(self, after: int = -1) -> int:
        """The first question after `after` with no answer yet (the end when there is none)."""
        for index in range(after + 1, len(self.order)):
            if not self._answered(self.order[index]):
                return index
        return len(self.order)

    def _answered(self, question: Question) -> bool:
        answer = self.given.get(question.id)
        return answer is not None and answer.value is not Special.SKIPPED

    def run(self) -> Outcome:
        """Ask from the first unanswered question, then review; stop early on 'q'."""
        index = self.first_unanswered()
        while index < len(self.order):
            move = self.ask_question(index)
            if move is Move.QUIT:
                return Outcome.QUIT
            if move is Move.BACK:
                if index == 0:
                    self.say("This is the first question; there is nothing to go back to.")
                index = max(0, index - 1)
            else:  # on to the next question still to answer: answers given stay as they are
                index = self.first_unanswered(index)
        if self.review() is Move.QUIT:
            return Outcome.QUIT
        self.answers = self.current(Status.COMPLETE)
        self.save(self.answers)
        return Outcome.FINISHED

    def ask_question(self, index: int) -> Move:
        """Show one question and act on what is typed until it is answered or left."""
        question = self.order[index]
        self._pending_note = None
        self.show(question, index)
        while True:
            move = self._interpret(question, self.ask("Your answer: "))
            if move is None:
                continue
            if self._pending_note is not None:  # moved on without an answer to carry it
                self.say(f"Not saved: {self._pending_note!r} (a note is saved with an answer).")
                self._pending_note = None
            return move

    def show(self, question: Question, index: int) -> None:
        """The section heading when the section changes, the question, its choices, the keys."""
        prompts = self.bank.prompts
        if question.section != self._section:
            self._section = question.section
            title = prompts.section_title(self.bank.framework.section(question.section))
            self.say("")
            self.say(f"{prompts.section}: {title}")
        self.say("")
        place = (
            f"Question {index + 1} of {len(self.order)}:"
            if self.plain
            else f"[{index + 1}/{len(self.order)}]"
        )
        self.say(f"{place} {one_line(question.text)}")
        for line in choices(question, self.bank):
            self.say(f"  {line}")
        current = self.given.get(question.id)
        if self._answered(question):
            words = in_words(question, self.bank, current)
            self.say(f"Current answer: {words} (press Enter to keep it)")
        self._shown += 1
        keys = full_keys if self._shown <= FULL_KEYS_FOR else short_keys
        self.say(keys(question, self.bank))

    def _interpret(self, question: Question, typed: str) -> Move | None:
        """Act on one typed line; None means ask again."""
        word = one_line(typed).lower()
        moves = {"b": Move.BACK, "s": Move.SKIP, "q": Move.QUIT}
        if word in moves:
            if word == "q":
                self._store()
            if word == "s":
                self.say("Skipped for now.")
            return moves[word]
        if word == "":
            if self._answered(question):
                self.say(said_back(question, self.bank, self.given[question.id], "Kept"))
                return Move.ANSWERED
            self.say(
                "Please type an answer; nothing is filled in for you. "
                + short_keys(question, self.bank)
            )
            return None
        if word == "?":
            self.say(f"Help: {one_line(question.help)}")
            self.say(full_keys(question, self.bank))
            return None
        if word == "+":
            self._add_note(question)
            return None
        reading = read_answer(question, self.bank, typed)
        if reading.value is None:
            self.say(f"{reading.problem} {short_keys(question, self.bank)}")
            return None
        self._give(question, reading.value, reading.note)
        return Move.ANSWERED

    def _give(self, question: Question, value: AnswerValue, note: str | None) -> None:
        """Save the answer at once, then a note typed with it (confirmed if it looks like an
        answer), and say it back."""
        old = self.given.get(question.id)
        kept_note = self._pending_note or (old.note if old else None)
        self.given[question.id] = Answer(value, kept_note, old.evidence if old else None)
        self._pending_note = None
        self._store()
        if note and self._confirm_note(question, note):
            self._set_note(question, note)
        self.say(said_back(question, self.bank, self.given[question.id]))

    def _set_note(self, question: Question, note: str) -> None:
        answer = self.given[question.id]
        self.given[question.id] = Answer(answer.value, note, answer.evidence)
        self._store()

    def _confirm_note(self, question: Question, note: str) -> bool:
        """A note that looks like an answer (a lone level, yes, no) is kept only if confirmed."""
        if not looks_like_answer(question, self.bank, note):
            return True
        typed = self.ask(
            f"{note!r} looks like an answer, not a note. Type y to save it as a note, "
            "or press Enter to leave it out: "
        )
        if one_line(typed).lower() in ("y", "yes"):
            return True
        self.say(f"Not saved as a note: {note!r}.")
        return False

    def _add_note(self, question: Question) -> None:
        """`+`: a note for this question, saved with its answer (at once if it has one)."""
        prompts = self.bank.prompts
        note = one_line(self.ask(f"{prompts.note} (press Enter to leave it out): "))
        if not note or not self._confirm_note(question, note):
            return
        if self._answered(question):
            self._set_note(question, note)
            self.say(said_back(question, self.bank, self.given[question.id]))
        else:
            self._pending_note = note
            self.say("Kept: it is saved with your answer. Now type your answer.")

    def review(self) -> Move:
        """Answers by section, a page at a time; change any by its number; Enter moves on."""
        pages = reviewing.pages(self.order)
        totals = reviewing.counts_words(reviewing.count(self.order, self.given), self.bank)
        self.say("")
        self.say(f"Review your answers ({totals}).")
        for number, places in enumerate(pages, 1):
            last = number == len(pages)
            self._show_page(places, number, len(pages))
            if self._review_page(last) is Move.QUIT:
                return Move.QUIT
        return Move.ANSWERED

    def _show_page(self, places: list[int], number: int, total: int) -> None:
        self._section = None  # a question changed from here shows its heading again
        if total > 1:
            self.say(f"Page {number} of {total}")
        for line in reviewing.page_lines(self.bank, self.order, self.given, places, self.width):
            self.say(line)

    def _review_page(self, last: bool) -> Move:
        """Change questions by number until Enter (the next page, or finish on the last)."""
        size = len(self.order)
        then = "finish" if last else "see the next page"
        while True:
            typed = one_line(
                self.ask(
                    f"Type a question number to change it, q to save and stop, "
                    f"or press Enter to {then}: "
                )
            ).lower()
            if typed == "":
                return Move.ANSWERED
            if typed == "q":
                self._store()
                return Move.QUIT
            if not (typed.isdigit() and 1 <= int(typed) <= size):
                self.say(f"Please type a number from 1 to {size}, q, or press Enter.")
                continue
            index = int(typed) - 1
            if self.ask_question(index) is Move.QUIT:
                return Move.QUIT
            question = self.order[index]
            self.say(
                reviewing.review_line(
                    index + 1, question, self.bank, self.given.get(question.id), self.width
                )
            )

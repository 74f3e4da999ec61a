"""The interactive assessment: a loop over the bank's questions with its input and output injected.

`ask(prompt)` returns one line typed by the person (it may raise EOFError or KeyboardInterrupt);
`say(text)` shows a line. Nothing here touches a terminal, a file or the clock directly, so tests
drive a whole session with a list of typed lines.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from coself.core.answers import Invalid, parse_value
from coself.core.model import (
    GRADED,
    NO,
    YES,
    Answer,
    Answers,
    AnswerValue,
    Bank,
    Perspective,
    Question,
    QuestionType,
    Special,
    Status,
)
from coself.core.text import hidden_in_name, one_line
from coself.core.words import answer_words

Ask = Callable[[str], str]
Say = Callable[[str], None]


class Outcome(enum.Enum):
    FINISHED = "finished"
    QUIT = "quit"


class _Move(enum.Enum):
    BACK = "back"
    SKIP = "skip"
    QUIT = "quit"
    ANSWERED = "answered"


def ask_organisation(ask: Ask, say: Say) -> str:
    """Ask for the organisation's name until it is neither blank nor hiding a character."""
    while True:
        name = one_line(ask("Organisation name: "))
        problem = hidden_in_name(name)
        if name and not problem:
            return name
        say(
            f"That name {problem}; please type it again."
            if problem
            else "Please type the organisation's name."
        )


def ask_perspective(ask: Ask, say: Say) -> Perspective:
    """Ask which perspective the person answers from (a number or a value) until one fits."""
    options = list(Perspective)
    say("Which perspective are you answering from?")
    for n, option in enumerate(options, 1):
        say(
            f"  {n}. {option.label}"
            + (f" ({option.value})" if option.label != option.value else "")
        )
    while True:
        typed = ask(f"Type a number from 1 to {len(options)}: ").strip().lower()
        if typed.isdigit() and 1 <= int(typed) <= len(options):
            return options[int(typed) - 1]
        for option in options:
            if typed == option.value:
                return option
        say(f"Please type a number from 1 to {len(options)}.")


@dataclass
class Session:
    """One person's run through a bank. `answers` is always the latest state, saved or not."""

    bank: Bank
    answers: Answers
    ask: Ask
    say: Say
    save: Callable[[Answers], None]
    now: Callable[[], str]
    given: dict[str, Answer] = field(init=False)

    def __post_init__(self) -> None:
        self.given = dict(self.answers.answers)

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

    def first_unanswered(self) -> int:
        for index, question in enumerate(self.bank.questions):
            answer = self.given.get(question.id)
            if answer is None or answer.value is Special.SKIPPED:
                return index
        return len(self.bank.questions)

    def run(self) -> Outcome:
        """Ask from the first unanswered question, then review; stop early on 'q'."""
        questions = self.bank.questions
        index = self.first_unanswered()
        while index < len(questions):
            move = self.ask_question(index)
            if move is _Move.QUIT:
                return Outcome.QUIT
            if move is _Move.BACK:
                if index == 0:
                    self.say("This is the first question; there is nothing to go back to.")
                index = max(0, index - 1)
            else:
                index += 1
        if self.review() is _Move.QUIT:
            return Outcome.QUIT
        self.answers = self.current(Status.COMPLETE)
        self.save(self.answers)
        return Outcome.FINISHED

    def ask_question(self, index: int) -> _Move:
        question = self.bank.questions[index]
        self._show(question, index)
        while True:
            typed = self.ask("Your answer: ").strip().lower()
            move = self._interpret(question, typed)
            if move is None:
                continue
            if move is not _Move.ANSWERED:
                return move
            self._ask_note(question)
            return move

    def _show(self, question: Question, index: int) -> None:
        bank = self.bank
        section = bank.framework.section(question.section).title
        self.say("")
        self.say(f"[{index + 1}/{len(bank.questions)}] Section: {section}")
        self.say(one_line(question.text))
        for line in self._choices(question):
            self.say(f"  {line}")
        current = self.given.get(question.id)
        if current is not None and current.value is not Special.SKIPPED:
            self.say(f"Current answer: {answer_words(question, bank, current)}")
        self.say(self._keys(question))

    def _choices(self, question: Question) -> list[str]:
        if question.type in GRADED:
            return [
                f"{s.level} {s.label}: {one_line(question.levels.get(s.level, s.descriptor))}"
                for s in self.bank.scale
            ]
        if question.type is QuestionType.YESNO:
            return ["yes", "no", "not sure (d)"]
        return [
            f"{r.rung} {r.title}"
            + (f" ({r.group})" if r.rung else "")
            + f": {one_line(r.description)}"
            for r in self.bank.framework.ladder_answers
        ]

    def _keys(self, question: Question) -> str:
        rungs = len(self.bank.framework.ladder)
        first = {
            QuestionType.LEVEL: "Type a number from 0 to 4",
            QuestionType.FREQUENCY: "Type a number from 0 to 4",
            QuestionType.YESNO: "Type yes or no",
            QuestionType.LADDER: f"Type a rung number from 1 to {rungs}, or 0 if not involved",
        }[question.type]
        na = ", na for not applicable" if question.allow_na else ""
        if question.allow_na and question.type is not QuestionType.YESNO:
            na = ", n for not applicable"
        unsure = "not sure" if question.type is QuestionType.YESNO else "don't know"
        return (
            f"{first}. Or type ? for help, d for {unsure}{na}, s to skip, b to go back, "
            "q to save and quit."
        )

    def _interpret(self, question: Question, typed: str) -> _Move | None:
        """Act on one typed line; None means ask again."""
        moves = {"b": _Move.BACK, "s": _Move.SKIP, "q": _Move.QUIT}
        if typed in moves:
            if typed == "q":
                self._store()
            return moves[typed]
        if typed == "":
            self.say("Please type an answer; nothing is filled in for you. " + self._keys(question))
            return None
        if typed == "?":
            self.say(f"Help: {one_line(question.help)}")
            return None
        value = self._value(question, typed)
        if value is None:
            self.say(f"{typed!r} is not one of the choices. {self._keys(question)}")
            return None
        if value is Special.NA and not question.allow_na:
            self.say("This question cannot be answered 'not applicable'. " + self._keys(question))
            return None
        old = self.given.get(question.id)
        self.given[question.id] = Answer(
            value, old.note if old else None, old.evidence if old else None
        )
        self._store()
        return _Move.ANSWERED

    def _value(self, question: Question, typed: str) -> AnswerValue | None:
        if typed in ("d", "dont_know", "don't know", "not sure"):
            return Special.DONT_KNOW
        if question.type is QuestionType.YESNO:
            words: dict[str, AnswerValue] = {
                "y": YES,
                "yes": YES,
                "n": NO,
                "no": NO,
                "na": Special.NA,
            }
            return words.get(typed)
        if typed in ("n", "na"):
            return Special.NA
        if not typed.isdigit():
            return None
        number = int(typed)
        if question.type is QuestionType.LADDER:
            answers = self.bank.framework.ladder_answers  # 0 is "not involved at all"
            return answers[number].id if 0 <= number < len(answers) else None
        value = parse_value(question, self.bank, number)
        return None if isinstance(value, Invalid) else value

    def _ask_note(self, question: Question) -> None:
        note = one_line(self.ask("Note or evidence (optional; press Enter to skip): "))
        if note:
            answer = self.given[question.id]
            self.given[question.id] = Answer(answer.value, note, answer.evidence)
            self._store()

    def review(self) -> _Move:
        """Show every answer; let the person change any by number until they press Enter."""
        questions = self.bank.questions
        while True:
            self.say("")
            self.say("Review your answers:")
            for n, question in enumerate(questions, 1):
                answer = answer_words(question, self.bank, self.given.get(question.id))
                self.say(f"  {n}. {one_line(question.text)} Answer: {answer}.")
            typed = self.ask(
                f"Type a question number (1 to {len(questions)}) to change its "
                "answer, q to save and quit, or press Enter to finish: "
            ).strip()
            if typed == "":
                return _Move.ANSWERED
            if typed.lower() == "q":
                self._store()
                return _Move.QUIT
            if typed.isdigit() and 1 <= int(typed) <= len(questions):
                if self.ask_question(int(typed) - 1) is _Move.QUIT:
                    return _Move.QUIT
            else:
                self.say(f"Please type a number from 1 to {len(questions)}, q, or press Enter.")

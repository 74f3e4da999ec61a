"""Typing in returned paper forms: one short line of answers per section, counted, echoed back in
words and saved; and the second entry of double data entry, whose disagreements a person decides.

Input and output are injected as in a session (`ask` may raise EOFError or KeyboardInterrupt), so
tests drive a whole form with a list of typed lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from coself.core.model import (
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
from coself.core.votes import GROUP_ALIASES, VoteError, line_tokens, parse_vote, vote_keys
from coself.core.words import answer_words
from coself.interactive.answering import Ask, Outcome, Say

BLANK_WORDS = ("-", "_")  # a question left blank on the paper
REFERENCE_LIMIT = 80  # characters: a form reference is short; a pasted paragraph is not one
NOT_AN_ANSWER = "an answer to this question"
# Not 1 and 2: those are answers (a level, a rung) that the operator may need to type.
FIRST_SECOND = {"f": 1, "first": 1, "s": 2, "second": 2}
CONFIRM = "Right? Press Enter to go on, or type the section's line again: "
# Who filled in a paper form, most likely first, in everyday words.
WHO = (
    (Perspective.PERSON, "someone who draws on care and support"),
    (Perspective.CARER, "a carer"),
    (Perspective.STAFF, "a member of staff"),
    (Perspective.LEADERSHIP, "a leader or manager"),
    (Perspective.OTHER, "someone else"),
)
KEYS = (
    "Type one answer per question, in the order on the paper, with spaces between: a level "
    "0 to 4, y or n, a ladder rung number (0 if not involved), d for don't know or not sure, "
    "na for not applicable, and - for a question left blank. q saves and stops; ? shows the "
    "section's questions again."
)


class _Quit(Exception):
    """The operator typed q: save and stop."""


@dataclass(frozen=True, slots=True)
class Part:
    """One section of the bank as a paper form prints it: its title and its questions in order."""

    title: str
    questions: tuple[Question, ...]


def form_parts(bank: Bank) -> tuple[Part, ...]:
    """The bank's sections in order, each with its questions in the bank's order."""
    parts = []
    for section in bank.sections:
        questions = tuple(q for q in bank.questions if q.section == section.id)
        if questions:
            parts.append(Part(one_line(bank.framework.section(section.id).title), questions))
    return tuple(parts)


def parse_part_line(bank: Bank, part: Part, line: str) -> tuple[AnswerValue, ...] | VoteError:
    """A typed line of one section's answers, one token per question, in order."""
    tokens = line_tokens(line)
    wanted = len(part.questions)
    if len(tokens) != wanted:
        amount = "Too few" if len(tokens) < wanted else "Too many"
        return VoteError(
            f"{amount} answers: you typed {len(tokens)}, and this section has {wanted} "
            f"question{'s' if wanted != 1 else ''} (type - for one left blank)"
        )
    values: list[AnswerValue] = []
    for number, (question, token) in enumerate(zip(part.questions, tokens, strict=True), 1):
        value = read_token(bank, question, token)
        if isinstance(value, VoteError):
            return VoteError(f"answer {number} ({question.id}): {value.message}")
        values.append(value)
    return tuple(values)


def read_token(bank: Bank, question: Question, token: str) -> AnswerValue | VoteError:
    """One typed answer from a paper form: a vote's value, or - for a question left blank."""
    if token in BLANK_WORDS:
        return Special.SKIPPED
    return parse_vote(question, bank, token, NOT_AN_ANSWER)


def words_of(bank: Bank, question: Question, value: AnswerValue) -> str:
    """A typed answer in words; a question left blank says so."""
    if value is Special.SKIPPED:
        return "left blank"
    return answer_words(question, bank, Answer(value))


def short_keys(bank: Bank, question: Question) -> str:
    """What a question takes, in a few characters for the section's list (`0-4, na`)."""
    own = {
        QuestionType.YESNO: "y/n",
        QuestionType.LADDER: f"rung 0-{len(bank.framework.ladder)}",
    }.get(question.type, "0-4")
    return own + (", na" if question.allow_na else "")


def ask_reference(ask: Ask, say: Say) -> str:
    """The form reference as printed on the paper; blank means there are no more forms."""
    while True:
        typed = one_line(ask("Form reference (as printed on the form; Enter when done): "))
        problem = hidden_in_name(typed)
        if problem:
            say(f"That reference {problem}; please type it again.")
        elif len(typed) > REFERENCE_LIMIT:
            say(f"A form reference is at most {REFERENCE_LIMIT} characters; type it again.")
        else:
            return typed


def ask_organisation(ask: Ask, say: Say, default: str | None) -> str:
    """The organisation the form is about; Enter keeps the one before."""
    hint = f" (Enter for {default})" if default else ""
    while True:
        name = one_line(ask(f"Organisation{hint}: ")) or (default or "")
        problem = hidden_in_name(name)
        if name and not problem:
            return name
        say(f"That name {problem}; type it again." if problem else "Type the organisation.")


def ask_who(ask: Ask, say: Say, default: Perspective | None) -> Perspective:
    """Who filled in the form, by number or in a word; Enter keeps the one before."""
    say("Who filled in this form?")
    for number, (perspective, words) in enumerate(WHO, 1):
        say(f"  {number}. {words}" + (" (as before)" if perspective is default else ""))
    hint = ", Enter for the same as before" if default else ""
    while True:
        typed = one_line(ask(f"Type a number from 1 to {len(WHO)}{hint}: ")).lower()
        if typed == "" and default is not None:
            return default
        if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= len(WHO):
            return WHO[int(typed) - 1][0]
        found = GROUP_ALIASES.get(typed) or next((p for p in Perspective if p.value == typed), None)
        if found is not None:
            return found
        say(f"Please type a number from 1 to {len(WHO)}.")


@dataclass
class PartReader:
    """Reads sections' lines: each one counted, checked, echoed back in words and confirmed."""

    bank: Bank
    ask: Ask
    say: Say
    listing: bool = True  # list each section's questions (after the first form, ? does)

    def read(
        self, part: Part, index: int, total: int, kept: Callable[[dict[str, Answer]], None]
    ) -> dict[str, Answer]:
        """One section's answers, confirmed by the operator; `kept` is given every version
        typed, before it is echoed, so that nothing typed is lost. Raises _Quit on q."""
        self._show(part, index, total)
        prompt = f"{part.title} answers ({len(part.questions)}): "
        typed = one_line(self.ask(prompt))
        while True:
            values = self._checked(part, typed, prompt)
            answers = {q.id: Answer(v) for q, v in zip(part.questions, values, strict=True)}
            kept(answers)
            self._echo(part, values)
            typed = one_line(self.ask(CONFIRM))
            if typed == "":
                return answers

    def _checked(self, part: Part, typed: str, prompt: str) -> tuple[AnswerValue, ...]:
        """The typed line's answers, asking again until the line is right."""
        while True:
            if typed.lower() == "q":
                raise _Quit
            if typed in ("", "?"):
                self._list(part)
            else:
                values = parse_part_line(self.bank, part, typed)
                if not isinstance(values, VoteError):
                    return values
                self.say(f"Not saved: {values.message}. Please type the line again.")
            typed = one_line(self.ask(prompt))

    def _show(self, part: Part, index: int, total: int) -> None:
        self.say("")
        count = len(part.questions)
        plural = "s" if count != 1 else ""
        heading = f"Section {index} of {total}: {part.title}, {count} question{plural}"
        if not self.listing:
            self.say(f"{heading} (? lists them).")
            return
        self.say(f"{heading}.")
        self._list(part)

    def _list(self, part: Part) -> None:
        for number, question in enumerate(part.questions, 1):
            keys = short_keys(self.bank, question)
            self.say(f"  {number}. {question.id} ({keys}): {one_line(question.text)}")

    def _echo(self, part: Part, values: tuple[AnswerValue, ...]) -> None:
        self.say("You typed:")
        for number, (question, value) in enumerate(zip(part.questions, values, strict=True), 1):
            self.say(f"  {number}. {question.id}: {words_of(self.bank, question, value)}")


@dataclass
class FormEntry:
    """One paper form typed in section by section, saved after every section."""

    bank: Bank
    answers: Answers
    ask: Ask
    say: Say
    save: Callable[[Answers], None]
    now: Callable[[], str]
    listing: bool = True  # list each section's questions before its line is typed
    given: dict[str, Answer] = field(init=False)

    def __post_init__(self) -> None:
        self.given = dict(self.answers.answers)

    def current(self, status: Status | None = None) -> Answers:
        """The answers typed so far, saved or not, in the bank's order."""
        ordered = {q.id: self.given[q.id] for q in self.bank.questions if q.id in self.given}
        return replace(
            self.answers,
            answers=MappingProxyType(ordered),
            updated=self.now(),
            status=status or self.answers.status,
        )

    def run(self) -> Outcome:
        """Ask each section not yet typed in; the form is complete when every one is."""
        parts = form_parts(self.bank)
        reader = PartReader(self.bank, self.ask, self.say, self.listing)
        for index, part in enumerate(parts, 1):
            if self._typed_before(part):
                continue
            try:
                reader.read(part, index, len(parts), self._keep)
            except _Quit:
                self._store()
                return Outcome.QUIT
        self.answers = self.current(Status.COMPLETE)
        self.save(self.answers)
        return Outcome.FINISHED

    def _typed_before(self, part: Part) -> bool:
        """Whether the section was typed in before: an answers file keeps no answer for a
        question left blank, so a section counts as typed when any of its answers is kept
        (one left wholly blank is asked again, and typed as blanks again)."""
        return any(
            q.id in self.given and self.given[q.id].value is not Special.SKIPPED
            for q in part.questions
        )

    def _keep(self, typed: dict[str, Answer]) -> None:
        for qid, answer in typed.items():
            old = self.given.get(qid)  # a note from before (a file typed by hand) stays
            self.given[qid] = replace(answer, note=old.note) if old else answer
        self._store()

    def _store(self) -> None:
        self.answers = self.current()
        self.save(self.answers)


def second_entry(bank: Bank, ask: Ask, say: Say, listing: bool = True) -> dict[str, Answer] | None:
    """The whole form typed again, held in memory; None if the operator stopped with q."""
    parts = form_parts(bank)
    reader = PartReader(bank, ask, say, listing)
    typed: dict[str, Answer] = {}
    for index, part in enumerate(parts, 1):
        try:
            typed.update(reader.read(part, index, len(parts), lambda _: None))
        except _Quit:
            return None
    return typed


def disagreements(
    bank: Bank, first: Mapping[str, Answer], second: Mapping[str, Answer]
) -> list[Question]:
    """The questions whose two entries differ, in the bank's order."""
    blank = Answer(Special.SKIPPED)
    return [
        q for q in bank.questions if first.get(q.id, blank).value != second.get(q.id, blank).value
    ]


def resolve(
    bank: Bank, first: Mapping[str, Answer], second: Mapping[str, Answer], ask: Ask, say: Say
) -> dict[str, Answer]:
    """Every disagreement shown (question, first entry, second entry, in words) and decided by
    the operator: f keeps the first, s takes the second, or the right answer is typed."""
    decided = dict(first)
    differing = disagreements(bank, first, second)
    say(f"{len(differing)} disagreement(s) between the first and second entry.")
    blank = Answer(Special.SKIPPED)
    for number, question in enumerate(differing, 1):
        one, two = first.get(question.id, blank).value, second.get(question.id, blank).value
        say("")
        say(f"Disagreement {number} of {len(differing)}: {question.id}: {one_line(question.text)}")
        say(f"  First entry: {words_of(bank, question, one)}")
        say(f"  Second entry: {words_of(bank, question, two)}")
        value = _decide(bank, question, one, two, ask, say)
        old = first.get(question.id)
        decided[question.id] = Answer(value, old.note if old else None)
        say(f"Kept: {words_of(bank, question, value)}.")
    return decided


def _decide(
    bank: Bank, question: Question, one: AnswerValue, two: AnswerValue, ask: Ask, say: Say
) -> AnswerValue:
    prompt = "Type f to keep the first, s to take the second, or the right answer: "
    while True:
        typed = one_line(ask(prompt))
        if typed.lower() in FIRST_SECOND:
            return one if FIRST_SECOND[typed.lower()] == 1 else two
        value = read_token(bank, question, typed) if typed else VoteError("nothing typed")
        if not isinstance(value, VoteError):
            return value
        say(f"{value.message}; {vote_keys(question, bank)}, or - for left blank.")

"""Workshop mode: the room's votes on each question typed at once, their spread shown, a split
flagged, and the answer the room agreed recorded; input and output injected as in a session."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from coself.core.model import Answer, Question, Special, Status, Votes
from coself.core.spread import Spread, spread
from coself.core.text import one_line
from coself.core.votes import (
    GROUP_KEYS,
    Default,
    VoteError,
    default_agreed,
    parse_vote,
    parse_votes,
    spread_words,
    vote_keys,
    votes_text,
)
from coself.core.words import answer_words
from coself.interactive.session import Outcome, Session

SPLIT_WORDS = (
    "Split: the room disagrees (at least one vote in four is two or more levels from the "
    "median). This is a conversation to have."
)


class _Step(enum.Enum):
    QUIT = "quit"
    SKIP = "skip"
    AGAIN = "again"  # type the votes again


@dataclass
class Workshop(Session):
    """A room's run through a bank: votes, spread and agreed answer for each question."""

    def run(self) -> Outcome:
        """Ask from the first question with no agreed answer; stop early on 'q'."""
        self._introduce()
        questions = self.order  # section order, as a session asks them
        for index in range(self.first_unanswered(), len(questions)):
            if not self._agreed(questions[index]) and self._vote(index) is _Step.QUIT:
                return Outcome.QUIT
        left = sum(1 for q in questions if not self._agreed(q))
        if left:
            self.say(f"{left} question(s) have no agreed answer yet; resume to come back to them.")
        self.answers = self.current(Status.PARTIAL if left else Status.COMPLETE)
        self.save(self.answers)
        return Outcome.FINISHED

    def _introduce(self) -> None:
        bank = self.bank
        self.say(f"Workshop: {one_line(bank.title)}, {len(bank.questions)} questions.")
        self.say(
            "For each question, type everyone's votes on one line, for example: 3 3 2 4 1 d. "
            "To say who voted what, put a group first: staff: 3 3 4 person: 1 2 carer: 2. "
            f"Groups: {GROUP_KEYS}. d is don't know, na is not applicable."
        )
        self.say(
            "coself then shows how the votes spread and offers an agreed answer: press Enter "
            "to take it or type another. Keys: ? for help, s to skip, q to save and stop."
        )

    def _agreed(self, question: Question) -> bool:
        answer = self.given.get(question.id)
        return answer is not None and answer.value is not Special.SKIPPED

    def _vote(self, index: int) -> _Step | None:
        question = self.order[index]
        self._heading(question, index)
        kept = self.given.get(question.id)
        votes = kept.votes if kept else None
        if votes is not None:
            self.say(f"Votes typed before: {votes_text(question, self.bank, votes)}")
        while True:
            if votes is None:
                typed = self._ask_votes(question)
                if isinstance(typed, _Step):
                    return typed
                votes = typed
                old = self.given.get(question.id) or Answer(Special.SKIPPED)  # a note stays
                self.given[question.id] = Answer(Special.SKIPPED, old.note, old.evidence, votes)
                self._store()
            step = self._ask_agreed(question, votes)
            if step is not _Step.AGAIN:
                return step
            votes = None

    def _heading(self, question: Question, index: int) -> None:
        section = self.bank.framework.section(question.section).title
        size = len(self.order)
        place = f"Question {index + 1} of {size}." if self.plain else f"[{index + 1}/{size}]"
        self.say("")
        self.say(f"{place} Section: {section}")
        self.say(one_line(question.text))
        self.say(f"Each vote: {vote_keys(question, self.bank)}.")

    def _ask_votes(self, question: Question) -> Votes | _Step:
        while True:
            typed = self.ask("Votes: ").strip()
            if typed.lower() in ("q", "s"):
                if typed.lower() == "q":
                    self._store()
                return _Step.QUIT if typed.lower() == "q" else _Step.SKIP
            if typed in ("", "?"):
                self._help(question)
                continue
            votes = parse_votes(question, self.bank, typed)
            if not isinstance(votes, VoteError):
                return votes
            self.say(f"Not saved: {votes.message}. Please type the votes again.")

    def _help(self, question: Question) -> None:
        if question.help:
            self.say(f"Help: {one_line(question.help)}")
        self.say(
            f"Type everyone's votes on one line; each vote is {vote_keys(question, self.bank)}. "
            f"Groups: {GROUP_KEYS}. s skips the question, q saves and stops."
        )

    def _show_spread(self, question: Question, votes: Votes) -> Spread:
        room = spread(self.bank, question, votes.values)
        self.say(f"The room ({room.total} votes): {spread_words(question, self.bank, room)}")
        for perspective, values in votes.groups:
            if perspective is not None:
                group = spread(self.bank, question, values)
                words = spread_words(question, self.bank, group)
                self.say(f"  {perspective.label} ({group.total}): {words}")
        if room.split:
            self.say(SPLIT_WORDS)
        return room

    def _ask_agreed(self, question: Question, votes: Votes) -> _Step | None:
        offer = default_agreed(question, self._show_spread(question, votes))
        keys = {"q": _Step.QUIT, "v": _Step.AGAIN, "s": _Step.SKIP}
        while True:
            typed = self.ask(self._agreed_prompt(question, offer)).strip()
            if typed.lower() in keys:
                return keys[typed.lower()]
            if typed == "?":
                self._help(question)
                continue
            value = offer.value if typed == "" else parse_vote(question, self.bank, typed)
            if value is None or isinstance(value, VoteError):
                reason = value.message if value else "there is no answer to offer"
                self.say(f"Not saved: {reason}.")
                continue
            kept = self.given.get(question.id) or Answer(Special.SKIPPED)
            self.given[question.id] = Answer(value, kept.note, kept.evidence, votes)
            self._store()
            self.say(f"Saved: agreed answer {answer_words(question, self.bank, Answer(value))}.")
            self._ask_workshop_note(question)
            return None

    def _agreed_prompt(self, question: Question, offer: Default) -> str:
        keys = "v to type the votes again, s to skip"
        if offer.value is None:
            return f"Agreed answer ({offer.reason}; {keys}): "
        words = answer_words(question, self.bank, Answer(offer.value))
        return f"Agreed answer (Enter for {words}, {offer.reason}; {keys}): "

    def _ask_workshop_note(self, question: Question) -> None:
        note = one_line(self.ask("Note (optional; press Enter to skip): "))
        if note:
            answer = self.given[question.id]
            self.given[question.id] = Answer(answer.value, note, answer.evidence, answer.votes)
            self._store()

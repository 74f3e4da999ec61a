"""Workshop mode's loop, driven through injected input and output: votes, spread, agreed answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import make_answers

from coself.core.model import Answer, Answers, Perspective, Special, Status, Votes
from coself.interactive.session import Outcome
from coself.interactive.workshop import SPLIT_WORDS, Workshop

NOW = "2026-11-26T11:00:00+00:00"


class Facilitator:
    """Types the given lines in turn (end of input after the last); keeps every saved state."""

    def __init__(self, *lines: str) -> None:
        self.typed: Iterator[str] = iter(lines)
        self.screen: list[str] = []
        self.saved: list[Answers] = []

    def ask(self, prompt: str) -> str:
        self.screen.append(prompt)
        line = next(self.typed, None)
        if line is None:
            raise EOFError
        self.screen.append(f"> {line}")
        return line

    def run(self, bank, given: dict | None = None) -> Outcome:  # type: ignore[no-untyped-def]
        start = make_answers(bank, given or {}, perspective=Perspective.OTHER, workshop=True)
        start = Answers(**{**_fields(start), "status": Status.PARTIAL})
        self.loop = Workshop(
            bank, start, self.ask, self.screen.append, self.saved.append, lambda: NOW
        )
        return self.loop.run()

    @property
    def text(self) -> str:
        return "\n".join(self.screen)


def _fields(answers: Answers) -> dict:  # type: ignore[type-arg]
    return {name: getattr(answers, name) for name in Answers.__dataclass_fields__}


# The mini bank's seven questions in section order, as the room is asked them: c-one, c-two,
# c-three, flag-late (culture), then r-one, r-two, ladder-design (review).
WHOLE_RUN = [
    "staff: 3 3 4 person: 1 0 carer: 2",  # c-one: median 2.5, not split
    "",  # take the lower middle answer, 2
    "",  # no note
    "4 4 0 0 na",  # c-two: split (two of four levels far from 2)
    "1",  # agree 1
    "we must talk",
    "3 3 3",
    "",
    "",
    "y n",  # flag-late (culture, so before review): a tie, nothing offered
    "",  # Enter with nothing to take: asked again
    "no",
    "",
    "d d d",  # r-one: only don't know
    "",
    "",
    "s",  # r-two skipped
    "2 6 6",  # ladder-design: rung numbers
    "",
    "",
]


def test_a_whole_workshop_records_votes_and_agreed_answers(mini) -> None:  # type: ignore[no-untyped-def]
    room = Facilitator(*WHOLE_RUN)
    assert room.run(mini) is Outcome.FINISHED
    final = room.saved[-1]
    assert final.workshop and final.status is Status.PARTIAL  # r-two has no agreed answer
    got = {qid: a.value for qid, a in final.answers.items()}
    assert got == {
        "c-one": 2,
        "c-two": 1,
        "c-three": 3,
        "r-one": Special.DONT_KNOW,
        "flag-late": "no",
        "ladder-design": "co-design",
    }
    assert final.answers["c-one"].votes == Votes(
        ((Perspective.STAFF, (3, 3, 4)), (Perspective.PERSON, (1, 0)), (Perspective.CARER, (2,)))
    )
    assert final.answers["c-two"].note == "we must talk"
    assert final.answers["ladder-design"].votes == Votes(
        ((None, ("educating", "co-design", "co-design")),)
    )
    text = room.text
    assert "Enter for 2 Developing, the lower of the two middle answers (the median is 2.5)" in text
    assert text.count(SPLIT_WORDS) == 1
    assert text.index(SPLIT_WORDS) > text.index("> 4 4 0 0 na")
    assert "Agreed answer (no answer leads, so type the one agreed" in text
    assert "Not saved: there is no answer to offer." in text
    assert "1 question(s) have no agreed answer yet" in text
    assert "  staff (3): 0: 0, 1: 0, 2: 0, 3: 2, 4: 1, don't know: 0; median 3" in text


def test_bad_votes_are_explained_and_the_question_asked_again(mini) -> None:  # type: ignore[no-untyped-def]
    room = Facilitator("3 3 7", "staff 3", "bosses: 3", "", "3 3 2", "9", "3", "", "q")
    assert room.run(mini) is Outcome.QUIT
    text = room.text
    assert "Not saved: '7' is not a vote on this question; type a level from 0 to 4" in text
    assert "Not saved: 'staff' is not a vote on this question" in text
    assert "Not saved: 'bosses:' is not a group; use leader:, staff:" in text
    assert "Help: Why culture one matters." in text  # Enter alone shows the help
    assert "Not saved: '9' is not a vote on this question" in text
    assert text.count("[1/7]") == 1 and text.count("Votes: ") == 6  # asked again, not moved on
    assert room.saved[-1].answers["c-one"] == Answer(3, None, None, Votes(((None, (3, 3, 2)),)))


def test_votes_are_saved_before_the_room_agrees_and_kept_on_resume(mini) -> None:  # type: ignore[no-untyped-def]
    first = Facilitator("4 4 0 0")
    with pytest.raises(EOFError):  # Ctrl-C or a closed terminal, at the agreed answer
        first.run(mini)
    kept = first.saved[-1].answers["c-one"]
    assert kept.value is Special.SKIPPED and kept.votes == Votes(((None, (4, 4, 0, 0)),))

    again = Facilitator("", "", "q")
    assert again.run(mini, {"c-one": kept}) is Outcome.QUIT
    assert "Votes typed before: 4 4 0 0" in again.text
    assert SPLIT_WORDS in again.text  # two of four votes lie two levels from the median of 2
    assert again.saved[-1].answers["c-one"].value == 2
    assert again.saved[-1].answers["c-one"].votes == kept.votes


def test_v_types_the_votes_again(mini) -> None:  # type: ignore[no-untyped-def]
    room = Facilitator("1 1", "v", "4 4 4", "", "", "q")
    assert room.run(mini) is Outcome.QUIT
    assert room.saved[-1].answers["c-one"] == Answer(4, None, None, Votes(((None, (4, 4, 4)),)))


def test_answered_questions_are_not_asked_again(mini) -> None:  # type: ignore[no-untyped-def]
    votes = Votes(((None, (2,)),))
    room = Facilitator("q")
    room.run(mini, {"c-one": Answer(2, votes=votes), "c-two": Answer(1, votes=votes)})
    assert "[3/7]" in room.text and "[1/7]" not in room.text and "[2/7]" not in room.text


def test_the_agreed_answer_can_wait_and_help_is_at_hand(mini) -> None:  # type: ignore[no-untyped-def]
    room = Facilitator("1 3", "?", "s", "2 2", "4", "", "q")
    assert room.run(mini) is Outcome.QUIT
    assert "Help: Why culture one matters." in room.text
    final = room.saved[-1].answers
    assert final["c-one"].value is Special.SKIPPED  # skipped: its votes kept, nothing agreed
    assert final["c-one"].votes == Votes(((None, (1, 3)),))
    assert final["c-two"].value == 4  # another answer than the one offered (2)
    assert "Saved: agreed answer 4 Embedded." in room.text


def test_a_note_written_before_the_votes_is_kept(mini) -> None:  # type: ignore[no-untyped-def]
    room = Facilitator("2 2", "", "", "q")
    room.run(mini, {"c-one": Answer(Special.SKIPPED, "from the last meeting")})
    assert room.saved[0].answers["c-one"].note == "from the last meeting"  # saved with the votes
    assert room.saved[-1].answers["c-one"] == Answer(
        2, "from the last meeting", None, Votes(((None, (2, 2)),))
    )

"""The frozen data coself works on: the framework, banks, questions and answers."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from coself.core.located import NOWHERE, Mark


class QuestionType(enum.Enum):
    LEVEL = "level"  # a maturity level 0-4, with descriptors written for the question
    FREQUENCY = "frequency"  # how often, 0-4, on the bank's scale (lived experience)
    YESNO = "yesno"  # a fact or one-off event: a red flag, or scored where the bank says so
    LADDER = "ladder"  # a rung of the ladder of co-production for one kind of decision


GRADED = (QuestionType.LEVEL, QuestionType.FREQUENCY)  # answered with a number 0-4
TOP_LEVEL = 4


class Special(enum.Enum):
    """Answers that are not a level, a yes/no or a rung; never 0 or None."""

    NA = "na"
    DONT_KNOW = "dont_know"
    SKIPPED = "skipped"  # seen and passed over: counts as unanswered


class Perspective(enum.Enum):
    LEADERSHIP = "leadership"
    STAFF = "staff"
    PERSON = "person"  # someone who draws on care and support
    CARER = "carer"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PERSPECTIVE_LABELS[self]


PERSPECTIVE_LABELS = {
    Perspective.LEADERSHIP: "leaders and managers",
    Perspective.STAFF: "staff",
    Perspective.PERSON: "people who draw on care and support",
    Perspective.CARER: "carers",
    Perspective.OTHER: "others",
}

YES, NO = "yes", "no"


@dataclass(frozen=True, slots=True)
class Prompts:
    """The words an interactive session uses around a bank's questions; a bank may give its own
    (its `prompts:` mapping), so that people who draw on care meet no staff jargon."""

    who_are_you: str = "Which perspective are you answering from?"
    # The choices offered, in order, each in the bank's words.
    perspectives: Mapping[Perspective, str] = field(
        default_factory=lambda: MappingProxyType(dict(PERSPECTIVE_LABELS))
    )
    section: str = "Section"  # the word for a part of the bank
    note: str = "Note or evidence"
    not_applicable: str = "not applicable"
    dont_know: str = "don't know"
    sections: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def section_title(self, section: Section) -> str:
        """A section's title in the bank's own words, or the framework's."""
        return self.sections.get(section.id, section.title)


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    description: str
    page: Page


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    title: str
    description: str
    page: Page


PUBLISHED, SECTION_TEXT = "published", "section-text"  # where a recommendation's wording is from


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: str
    section: str
    summary: str
    page: Page
    source: str = PUBLISHED  # or SECTION_TEXT: drawn from the guide's section text


@dataclass(frozen=True, slots=True)
class LadderSource:
    """Who the ladder belongs to, credited wherever it is shown."""

    title: str
    url: str
    credit: str


@dataclass(frozen=True, slots=True)
class Rung:
    id: str
    rung: int
    title: str
    group: str  # "doing to", "doing for" or "doing with"
    description: str


LADDER_GROUPS = ("doing to", "doing for", "doing with")
NOT_INVOLVED_GROUP = "not involved"
SPREAD_GROUPS = (NOT_INVOLVED_GROUP, *LADDER_GROUPS)  # how reports count ladder answers
NOT_INVOLVED = Rung(
    "not-involved",
    0,
    "Not involved at all",
    NOT_INVOLVED_GROUP,
    "People who draw on care and carers took no part in this decision: not on any rung.",
)


@dataclass(frozen=True, slots=True)
class Framework:
    title: str
    pages: Mapping[str, Page]
    sections: tuple[Section, ...]
    principles: tuple[Principle, ...]
    recommendations: tuple[Recommendation, ...]
    ladder: tuple[Rung, ...]
    ladder_source: LadderSource | None = None
    not_involved: Rung = NOT_INVOLVED  # the answer below rung 1, in the bank's own words

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def principle(self, principle_id: str) -> Principle:
        return next(p for p in self.principles if p.id == principle_id)

    def recommendation(self, rec_id: str) -> Recommendation:
        return next(r for r in self.recommendations if r.id == rec_id)

    def rung(self, rung_id: str) -> Rung:
        """A rung by id, or the answer below the ladder ("not involved at all")."""
        for rung in self.ladder:
            if rung.id == rung_id:
                return rung
        if rung_id == self.not_involved.id:
            return self.not_involved
        raise KeyError(rung_id)

    @property
    def ladder_answers(self) -> tuple[Rung, ...]:
        """Every answer a ladder question takes: not involved at all, then rungs 1-7."""
        return (self.not_involved, *self.ladder)

    @property
    def section_text_recommendations(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.recommendations if r.source == SECTION_TEXT)


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    level: int
    label: str
    descriptor: str


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str
    min: float
    max: float
    description: str
    level: int | None = None  # the scale level this stage describes (calibrated banks)


@dataclass(frozen=True, slots=True)
class BankSection:
    id: str
    title: str
    weight: float


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    page: Page


@dataclass(frozen=True, slots=True, eq=False)  # compared (and hashed) by identity
class Question:
    id: str
    section: str
    type: QuestionType
    text: str
    help: str
    recommendations: tuple[str, ...]
    principles: tuple[str, ...]
    actions: tuple[Action, ...]
    weight: float = 1.0
    allow_na: bool = False
    levels: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    red_flag_if: str | None = None  # yesno only: the worrying answer
    scored: bool = False  # yesno only: counts in the score, yes as the top level and no as 0
    pair: str | None = None  # the same thing asked in another bank (mirrored questions)
    replaces: str | None = None  # the question of the bank's previous version it replaces
    mark: Mark = NOWHERE  # where the question starts in its bank file

    @property
    def counts(self) -> bool:
        """Whether the question's answers enter the score."""
        return self.type in GRADED or (self.type is QuestionType.YESNO and self.scored)

    def meaning(self, step: ScaleLevel) -> str:
        """What a level of the scale means for this question: its own descriptor, else the
        scale's."""
        return self.levels.get(step.level, step.descriptor)

    def level_of(self, value: object) -> int | None:
        """The level an answer value scores as, or None when it does not score."""
        if self.type in GRADED and type(value) is int:
            return value
        if self.type is QuestionType.YESNO and self.scored and value in (YES, NO):
            return TOP_LEVEL if value == YES else 0
        return None


@dataclass(frozen=True, slots=True, eq=False)  # compared (and hashed) by identity
class Bank:
    id: str
    title: str
    version: str
    audience: str
    description: str
    scale: tuple[ScaleLevel, ...]
    stages: tuple[Stage, ...]
    sections: tuple[BankSection, ...]
    questions: tuple[Question, ...]
    framework: Framework
    red_flag_stage_cap: str | None = None
    source: str = ""
    previous_version: str | None = None  # the version that questions' `replaces` refer to
    prompts: Prompts = field(default_factory=Prompts)
    _by_id: Mapping[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({q.id: q for q in self.questions}))

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def stage_for(self, score: float) -> Stage:
        for stage in self.stages:
            if stage.min <= score < stage.max:
                return stage
        return self.stages[-1]

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)


AnswerValue = int | str | Special  # a level 0-4, "yes"/"no", a rung id, or a Special


@dataclass(frozen=True, slots=True)
class Votes:
    """A room's votes on one question (workshop mode): one group with no perspective, or one
    group per perspective the facilitator named, in the order of `Perspective`."""

    groups: tuple[tuple[Perspective | None, tuple[AnswerValue, ...]], ...]

    @property
    def values(self) -> tuple[AnswerValue, ...]:
        """Every vote in the room."""
        return tuple(value for _, values in self.groups for value in values)

    @property
    def by_perspective(self) -> bool:
        return any(perspective is not None for perspective, _ in self.groups)


@dataclass(frozen=True, slots=True)
class Answer:
    value: AnswerValue  # in a workshop: the answer the room agreed
    note: str | None = None
    evidence: str | None = None
    votes: Votes | None = None  # workshop mode only


class Status(enum.Enum):
    PARTIAL = "partial"
    COMPLETE = "complete"


ANSWERS_FORMAT = 1
# The columns of a wide CSV export that are not questions.
CSV_FIXED = ("organisation", "perspective", "respondent")


@dataclass(frozen=True, slots=True)
class Answers:
    """One respondent's answers to one bank, as held in an answers file."""

    bank: str
    bank_version: str
    organisation: str
    perspective: Perspective
    answers: Mapping[str, Answer]
    started: str = ""
    updated: str = ""
    status: Status = Status.PARTIAL
    respondent: str | None = None
    targets: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    format: int = ANSWERS_FORMAT
    source: str = ""
    workshop: bool = False  # a room's votes and agreed answers (`mode: workshop` in the file)

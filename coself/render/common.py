"""What every report format says the same way: labels, sentences, how scoring works."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from coself.batch.rows import Totals
from coself.core.combine import Combined, Gap, LadderCount, RaisedFlag
from coself.core.model import (
    PERSPECTIVE_LABELS,
    SPREAD_GROUPS,
    Action,
    Bank,
    Framework,
    Perspective,
    Prompts,
    Question,
    Stage,
)
from coself.core.scoring import (
    MIN_COVERAGE,
    Figure,
    Highlight,
    LadderPlacement,
    ladder_spread,
    round1,
)

if TYPE_CHECKING:
    from coself.render import Meta

NO_SCORE = "—"
NOT_ENOUGH = "not enough answers"


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured markdown table, as lines; cells must already be escaped with md()."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def score_text(score: float | None) -> str:
    """A score to one decimal place, or — when there is none."""
    return NO_SCORE if score is None else f"{score:.1f}"


def percent(fraction: float | None) -> str:
    """A fraction as a whole percentage, e.g. '75%', or — when there is none."""
    return NO_SCORE if fraction is None else f"{100 * fraction:.0f}%"


def stage_text(figure: Figure) -> str:
    """A figure's stage; 'not enough answers' for a score with no stage; — with no score."""
    if figure.stage is not None:
        return figure.stage.title
    return NO_SCORE if figure.score is None else NOT_ENOUGH


def bar(score: float | None, width: int = 10, full: str = "█", empty: str = "░") -> str:
    """A bar of `width` characters filled in proportion to a 0-100 score; empty with no score."""
    if score is None:
        return ""
    filled = int(score / 100 * width + 0.5)
    return full * filled + empty * (width - filled)


@lru_cache(maxsize=64)
def section_titles(bank: Bank) -> dict[str, str]:
    """Each section's title by its id, from the bank's framework (kept for later calls)."""
    return {s.id: s.title for s in bank.framework.sections}


def level_words(bank: Bank, level: int) -> str:
    """A level of the bank's scale as its number and label."""
    return f"{level} {bank.scale[level].label}"


def answered_sentence(bank: Bank, highlight: Highlight) -> str:
    """A strength or priority: the question and its answer in words."""
    return f"{highlight.question.text} Answer: {level_words(bank, highlight.level)}."


def action_words(action: Action) -> str:
    """What to do, in plain text: the action and the page of the guide, with its address."""
    return f"{action.text} (guide: {action.page.title}, {action.page.url})"


def flag_sentence(question: Question) -> str:
    """A red-flag question and the answer that raises the flag."""
    return f"{question.text} Answer: {question.red_flag_if}."


def bank_words(bank: Bank) -> str:
    """A bank in words: its title, id and version."""
    return f"{bank.title} ({bank.id}, version {bank.version})"


def who_answered(bank: Bank, perspective: Perspective) -> str:
    """Who answered, as a report's header says it: in the bank's own words where it gives them
    (a voices bank: 'Who are you answering as? I get care or support'), else
    'Perspective: staff'."""
    prompts, own = bank.prompts, bank.prompts.perspectives.get(perspective)
    if own is None or prompts.who_are_you == Prompts().who_are_you:
        return f"Perspective: {perspective.label}"
    return f"{prompts.who_are_you} {own}"


def rung_words(placement: LadderPlacement) -> str:
    """A ladder placement in words: the rung's title, number and group."""
    rung = placement.rung
    if not rung.rung:
        return f"{rung.title} (not on the ladder)"
    return f"{rung.title} (rung {rung.rung}, {rung.group})"


GAP_HEADER = ["Sees it more positively", "Sees it less positively"]


def scoring_explained(bank: Bank) -> list[str]:
    """How this was scored, in plain words, one paragraph a line."""
    bands = "; ".join(f"{s.title} from {s.min:g} up to {s.max:g}" for s in bank.stages)
    lines = [
        "Only questions answered on the 0 to 4 scale count towards scores. Each answer is worth "
        "its level divided by 4, so 4 is full marks and 0 is none.",
        *_scored_yes_no(bank),
        "A section's score is the weighted average of its answered questions, times 100. "
        "Answers of 'not applicable' or 'don't know', and questions left unanswered, are left "
        "out rather than counted as zero. A section with no answers on the scale has no score (—).",
        "A principle's score is worked out the same way, over every question tagged with it.",
        "The overall score is the average of the section scores, each section weighted as the "
        "bank says (the four sections count equally unless the bank says otherwise). Section "
        "weights: " + ", ".join(f"{s.title} {s.weight:g}" for s in bank.sections) + ".",
        "Coverage is the share of questions answered on the scale, not counting 'not applicable'. "
        f"Where coverage is below {MIN_COVERAGE:.0%}, the report says '{NOT_ENOUGH}' instead of "
        "a stage.",
        f"Stages: {bands} (100 included in the top stage). Scores are rounded to one decimal "
        "place, and the stage is read from the rounded score.",
        "'Don't know' answers never lower a score: they are listed under 'Find out' as questions "
        "to follow up.",
        "Ladder questions and red-flag questions are not scored.",
    ]
    if bank.red_flag_stage_cap:
        cap = bank.stage(bank.red_flag_stage_cap).title
        lines[-1] += (
            f" Any red flag raised holds the overall stage at {cap} at most, whatever the score."
        )
    return lines + sources_explained(bank.framework)


def _scored_yes_no(bank: Bank) -> list[str]:
    """The rule for yes/no questions that count, said only where the bank has some."""
    count = sum(1 for q in bank.questions if q.counts and q.level_of("yes") is not None)
    if not count:
        return []
    return [
        f"{count} yes/no question(s) in this bank count towards scores, as the bank says: yes "
        "is worth 4 and no is worth 0. 'Not sure' is left out, like 'don't know'."
    ]


def sources_explained(framework: Framework) -> list[str]:
    """Where the recommendations' wording and the ladder come from."""
    lines = []
    drawn = framework.section_text_recommendations
    if drawn:
        lines.append(
            f"Recommendations {', '.join(drawn)} were drawn from the text of the guide's sections "
            "because its published list could not be retrieved in full; the others are the "
            "guide's published recommendations, in our own words."
        )
    if framework.ladder_source:
        source = framework.ladder_source
        lines.append(f"{source.credit} ({source.title}: {source.url})")
    return lines


def points_to_target(figure: Figure) -> float | None:
    """Points still to go before a section reaches its target stage (0 once it is there)."""
    if figure.target is None:
        return None
    return round(max(0.0, figure.target.min - (figure.score or 0.0)), 1)


def ladder_words(placements: Sequence[LadderPlacement]) -> str:
    """The ladder spread in one sentence, e.g. '1 doing to, 2 doing for, 0 doing with ...'."""
    return _spread_words(ladder_spread(placements), [p.rung.rung for p in placements])


def ladder_count_words(counts: Sequence[LadderCount]) -> str:
    """The same sentence for a combined report's ladder, from its counts per rung."""
    spread = dict.fromkeys(SPREAD_GROUPS, 0)
    for count in counts:
        spread[count.rung.group] += count.count
    return _spread_words(spread, [c.rung.rung for c in counts])


def _spread_words(spread: dict[str, int], rungs: list[int]) -> str:
    on_ladder = [r for r in rungs if r]  # 0 is "not involved at all", below the ladder
    counts = ", ".join(f"{n} {g}" for g, n in spread.items())
    if not on_ladder:
        return counts + ". No decision is on the ladder."
    return counts + f". Lowest rung {min(on_ladder)}, highest rung {max(on_ladder)} (of 7)."


# Sentences every format says in the same words (each format escapes them its own way).

RED_FLAGS_INTRO = "These answers point to tokenism. An average score cannot hide them."
NO_STRENGTHS = "None yet: no question was answered at 3 or 4."
NO_PRIORITIES = "None: no question was answered below 4."
NO_FIND_OUT = "Nothing: no 'don't know' answers."
NO_GAPS = "Fewer than two perspectives could be compared."


def single_title(organisation: str) -> str:
    """The title of an organisation's single report."""
    return f"Co-production self-assessment: {organisation}"


def combined_title(organisation: str) -> str:
    """The title of an organisation's combined report (all perspectives)."""
    return f"Co-production self-assessment, all perspectives: {organisation}"


def cap_sentence(uncapped: Stage | None, overall: Figure) -> str | None:
    """What the red-flag cap did to the overall stage, or None when it did nothing."""
    if uncapped is None or overall.stage == uncapped:
        return None
    return (
        f"The score alone would give {uncapped.title}; while a red flag is raised the overall "
        f"stage is held at {stage_text(overall)}."
    )


LADDER_INTRO = "Where real decisions sit on the ladder (not part of the score): "


def ladder_sentence(placements: Sequence[LadderPlacement]) -> str:
    """Where real decisions sit on the ladder, as a single report says it."""
    return LADDER_INTRO + ladder_words(placements)


def ladder_count_sentence(counts: Sequence[LadderCount]) -> str:
    """Where real decisions sit on the ladder, as a combined report says it."""
    return LADDER_INTRO + ladder_count_words(counts)


def kind_words(kind: str, title: str) -> str:
    """An item in a list that mixes kinds, its kind set apart from its title (not glued to it),
    e.g. 'Risks are weighed with people (recommendation)'; 'Overall' needs no kind."""
    return title if title.lower() == kind.lower() else f"{title} ({kind})"


# Combined reports


def label(perspective: Perspective) -> str:
    """A perspective in words, e.g. 'people who draw on care and support'."""
    return PERSPECTIVE_LABELS[perspective]


def mean_text(value: float | None) -> str:
    """A perspective's mean score (kept unrounded until shown)."""
    return score_text(None if value is None else round1(value))


def hidden_cell(min_group: int) -> str:
    """What a combined report shows in place of a perspective with too few responses."""
    return f"fewer than {min_group} responses"


def responses_words(combined: Combined) -> str:
    """The responses from each perspective in words; a hidden one's count is never given."""
    hidden = hidden_cell(combined.min_group)
    return ", ".join(
        f"{v.respondents} {label(v.perspective)}"
        if v.shown
        else f"{label(v.perspective)}: {hidden}"
        for v in combined.views
    )


def hidden_sentence(combined: Combined) -> str:
    """The perspectives left out to protect privacy, and why."""
    return (
        f"To protect privacy, perspectives with fewer than {combined.min_group} responses are "
        "not shown, and their answers are left out of every figure, count and total, so that "
        "none can be worked out from the others: "
        + ", ".join(label(v.perspective) for v in combined.hidden)
        + "."
    )


def raised_by_sentence(flag: RaisedFlag) -> str:
    """A red flag in a combined report: the question, how many raised it and from where."""
    who = ", ".join(label(p) for p in flag.perspectives)
    return f"{flag.question.text} Raised by {flag.count} respondent(s): {who}."


def voices_sentence(combined: Combined) -> str:
    """The sections whose stage is held by the answers of people who draw on care and carers."""
    names = ", ".join(f.title for f in combined.sections if f.id in combined.held_by_voices)
    return (
        f"Nothing about us without us: the stage of {names} is held at the stage that the "
        "answers of people who draw on care and carers give."
    )


MIRRORED_INTRO = (
    "Mirrored questions ask each perspective about the very same thing, so these gaps come first."
)


def pair_gap_sentence(gap: Gap) -> str:
    """A gap on a mirrored question: what each side said about the same thing."""
    high, low = label(gap.high), label(gap.low)
    return (
        f'{high[0].upper()}{high[1:]} say {gap.high_score:.1f} about "{gap.title}"; {low} say '
        f'{gap.low_score:.1f} about "{gap.low_title}": the same thing, {gap.spread:.1f} points '
        "apart."
    )


def pair_gaps(combined: Combined) -> list[Gap]:
    """The gaps on mirrored questions, which lead every combined report's gaps."""
    return [g for g in combined.gaps if g.kind == "pair"]


def large_gaps_sentence(combined: Combined) -> str:
    """How many perception gaps reach the threshold (these are listed first)."""
    large = sum(1 for g in combined.gaps if g.spread >= combined.gap_threshold)
    return f"{large} gap(s) of {combined.gap_threshold:g} points or more, listed first."


def combined_explained(combined: Combined) -> list[str]:
    """How a combined report was scored, in plain words, before the single-report rules."""
    lines = [
        "Each respondent's answers are scored as for a single assessment. A perspective's score "
        "is the mean of its respondents' scores.",
        "The combined score gives each perspective equal weight, however many people answered "
        "from it: a combined section or principle score is the mean of the perspective scores "
        "that exist, and the combined overall score is worked out from the combined section "
        "scores exactly as for one assessment.",
        "A perception gap is the distance between the highest- and lowest-scoring perspective. "
        f"Gaps of {combined.gap_threshold:g} points or more are listed first.",
        "Nothing about us without us: where people who draw on care or carers answered, a "
        "section's combined stage is never higher than the stage their own answers give.",
        "Respondents' names never appear in a combined report. A perspective with fewer than "
        f"{combined.min_group} response(s) is not shown, and its answers are left out of every "
        "figure, count and total (a total over everyone would give a hidden group's answers "
        "away by subtraction).",
    ]
    return lines + scoring_explained(combined.stage_bank)


# Batch summaries

SUMMARY_HEADER = [
    "Source",
    "Organisation",
    "Perspective",
    "Bank",
    "Version",
    "Overall",
    "Stage by score",
    "Red flags",
    "Stage",
    "Coverage",
    "Culture",
    "Structure",
    "Practice",
    "Review",
    "Reports",
]
SUMMARY_KEY = (
    "Scores are out of 100; coverage is the share of questions answered on the scale; — means "
    "no score. 'Stage by score' is the stage the overall score alone gives; while a red flag is "
    "raised the stage is held down, and 'Stage' says so."
)


def summary_stage(row: Mapping[str, str]) -> str:
    """A summary row's stage as the tables show it: why it was held down, when it was."""
    return row["stage_held"] or row["stage"]


@dataclass(frozen=True)
class Summary:
    """A batch's summary: the totals (with the first rows and the averages), every row when
    rendered whole (a batch streams its rows instead), the failures and the combined reports."""

    totals: Totals
    rows: Iterable[Mapping[str, str]] = ()
    failures: Sequence[str] = ()
    combined: Sequence[str] = ()
    width: int = 100  # the terminal's: its table leaves out columns to fit


@dataclass(frozen=True)
class StreamedSummary:
    """A summary renderer for a file that a batch writes as it goes: the head, one piece per row
    (made in the worker that scored it), and the tail. Called whole, it renders a Summary."""

    head: Callable[[Meta], str]
    row: Callable[[Mapping[str, str]], str]
    tail: Callable[[Summary, Meta], str]

    def __call__(self, summary: Summary, meta: Meta) -> str:
        rows = "".join(self.row(row) for row in summary.rows)
        return self.head(meta) + rows + self.tail(summary, meta)


def summary_end(summary: Summary) -> str:
    """A batch summary's last words: how many assessments were scored and how many failed."""
    totals = summary.totals
    return f"{totals.succeeded} assessment(s) scored, {totals.failed} failed."

"""What every report format says the same way: labels, answers in words, how scoring works."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from coself.core.combine import LadderCount
from coself.core.model import LADDER_GROUPS, Bank
from coself.core.scoring import MIN_COVERAGE, Figure, LadderPlacement, ladder_spread

NO_SCORE = "—"
NOT_ENOUGH = "not enough answers"


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured markdown table, as lines; cells must already be escaped with md()."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def score_text(score: float | None) -> str:
    return NO_SCORE if score is None else f"{score:.1f}"


def percent(fraction: float | None) -> str:
    return NO_SCORE if fraction is None else f"{100 * fraction:.0f}%"


def stage_text(figure: Figure) -> str:
    if figure.stage is not None:
        return figure.stage.title
    return NO_SCORE if figure.score is None else NOT_ENOUGH


def bar(score: float | None, width: int = 10, full: str = "█", empty: str = "░") -> str:
    if score is None:
        return ""
    filled = int(score / 100 * width + 0.5)
    return full * filled + empty * (width - filled)


@lru_cache(maxsize=64)
def section_titles(bank: Bank) -> dict[str, str]:
    return {s.id: s.title for s in bank.framework.sections}


def level_words(bank: Bank, level: int) -> str:
    return f"{level} {bank.scale[level].label}"


def scoring_explained(bank: Bank) -> list[str]:
    """How this was scored, in plain words, one paragraph a line."""
    bands = "; ".join(f"{s.title} from {s.min:g} up to {s.max:g}" for s in bank.stages)
    lines = [
        "Only questions answered on the 0 to 4 scale count towards scores. Each answer is worth "
        "its level divided by 4, so 4 is full marks and 0 is none.",
        "A section's score is the weighted average of its answered questions, times 100. "
        "Answers of 'not applicable' or 'don't know', and questions left unanswered, are left "
        "out rather than counted as zero. A section with no answers on the scale has no score (—).",
        "A principle's score is worked out the same way, over every question tagged with it.",
        "The overall score is the average of the section scores, each section weighted as the "
        "bank says (the four sections count equally unless the bank says otherwise).",
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
    spread = dict.fromkeys(LADDER_GROUPS, 0)
    for count in counts:
        spread[count.rung.group] += count.count
    return _spread_words(spread, [c.rung.rung for c in counts])


def _spread_words(spread: dict[str, int], rungs: list[int]) -> str:
    return (
        ", ".join(f"{n} {g}" for g, n in spread.items())
        + f". Lowest rung {min(rungs)}, highest rung {max(rungs)} (of 7)."
    )

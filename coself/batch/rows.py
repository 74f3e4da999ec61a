"""What a batch reports about each assessment: the summary row, and the totals shown at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from coself.core.bankcheck import (
    SECTION_IDS as SECTION_IDS,
)  # the four pieces every framework must have
from coself.core.model import Stage
from coself.core.scoring import Result
from coself.core.text import one_line

SUMMARY_COLUMNS = [
    "source",
    "organisation",
    "perspective",
    "bank",
    "bank_version",
    "overall",
    "stage_by_score",  # the stage the score alone gives
    "red_flags",  # how many red flags were raised
    "stage",  # the stage the report gives: held down while a red flag is raised
    "stage_held",  # when red flags held it down, in words: "Established by score, held at ..."
    "coverage",
    *SECTION_IDS,
    "reports",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_ROWS = 50


class Outcome(NamedTuple):
    """What became of one assessment (a file, or a row of a CSV); sent between processes."""

    place: str
    row: dict[str, str] | None = None
    figures: tuple[float | None, ...] = ()  # overall, then the four sections
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    file_done: bool = False  # the last outcome of an input file
    csv_line: str = ""  # the summary rows, made in the worker so the main process only writes
    md_line: str = ""
    group: str = ""  # the organisation's key, which groups respondents for a combined report
    payload: str = ""  # what it brings to that combined report (see store.py)
    export: Any = None  # its rows for the analyst exports, when asked for (see exports.py)


def number(value: float | None) -> str:
    """A figure to one decimal place for a summary row, or an empty string when there is none."""
    return "" if value is None else f"{value:.1f}"


def _stage_words(stage: Stage | None, score: float | None) -> str:
    if stage is not None:
        return stage.title
    return "not enough answers" if score is not None else ""


def held_words(by_score: str, stage: str, flags: int) -> str:
    """Why a stage is lower than its score gives, e.g. 'Established by score, held at
    Developing by 2 red flags'."""
    return f"{by_score} by score, held at {stage} by {flags} red flag{'' if flags == 1 else 's'}"


def summary_row(result: Result, source: str, reports: str) -> dict[str, str]:
    """One assessment's summary row: where it came from, its figures and why its stage is what
    it is (every form of the summary shows the same row)."""
    answers, overall = result.answers, result.overall
    sections = {f.id: f.score for f in result.sections}
    coverage = overall.tally.coverage
    stage = _stage_words(overall.stage, overall.score)
    by_score = _stage_words(result.uncapped_stage, overall.score)
    flags = len(result.red_flags)
    held = result.uncapped_stage is not None and result.uncapped_stage != overall.stage
    return {
        "source": source,
        "organisation": one_line(answers.organisation),
        "perspective": answers.perspective.value,
        "bank": result.bank.id,
        "bank_version": answers.bank_version,
        "overall": number(overall.score),
        "stage_by_score": by_score,
        "red_flags": str(flags),
        "stage": stage,
        "stage_held": held_words(by_score, stage, flags) if held else "",
        "coverage": "" if coverage is None else f"{100 * coverage:.1f}",
        **{sid: number(sections.get(sid)) for sid in SECTION_IDS},
        "reports": reports,
    }


def spreadsheet_safe(cell: str) -> str:
    """Stop a spreadsheet from running text as a formula (CSV injection)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


@dataclass
class Totals:
    """What the terminal shows at the end: the first rows, or averages per bank and perspective."""

    succeeded: int = 0
    failed: int = 0
    combined: int = 0  # combined reports written
    rows: list[dict[str, str]] = field(default_factory=list)
    groups: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        if outcome.row is None:
            self.failed += 1
            return
        self.succeeded += 1
        if len(self.rows) <= TABLE_ROWS:
            self.rows.append(outcome.row)
        key = (outcome.row["bank"], outcome.row["perspective"])
        group = self.groups.setdefault(key, [0] + [[0.0, 0] for _ in outcome.figures])
        group[0] += 1
        for slot, value in zip(group[1:], outcome.figures, strict=True):
            if value is not None:
                slot[0] += value
                slot[1] += 1

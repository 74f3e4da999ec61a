"""Calibrated stages: answering level L on every scored question must land in the stage for L.

A stage that declares `level: L` describes that level of the bank's scale. Answering L
everywhere scores 100 x L / 4, so the stage for L must hold that score. With five levels this
puts the boundaries half way between levels (12.5, 37.5, 62.5 and 87.5). Banks of version 2 or
later must declare every stage's level; older banks may leave them out and are not checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from coself.core.located import Mark
from coself.core.model import TOP_LEVEL, Stage

CALIBRATED_FROM_MAJOR = 2


def score_of_level(level: int) -> float:
    """The score of answering this level on every scored question."""
    return 100 * level / TOP_LEVEL


def needs_calibration(version: str | None, stages: Sequence[Stage]) -> bool:
    """Whether the bank must be calibrated: it declares stage levels or is version 2 or later."""
    if any(s.level is not None for s in stages):
        return True
    major = (version or "0").split(".")[0]
    return major.isdigit() and int(major) >= CALIBRATED_FROM_MAJOR


def calibration_problems(
    stages: Sequence[Stage], marks: Sequence[Mark], scale_levels: Sequence[int]
) -> list[tuple[Mark, str, str]]:
    """(where, stage id, what is wrong) for every way the stages miss their scale levels.

    `marks` gives where each stage stands in its file, in the same order as `stages`.
    """
    problems: list[tuple[Mark, str, str]] = []
    by_level: dict[int, tuple[Stage, Mark]] = {}
    for stage, mark in zip(stages, marks, strict=True):
        if stage.level is None:
            problems.append((mark, stage.id, "needs 'level': the scale level it describes"))
        elif stage.level not in scale_levels:
            problems.append((mark, stage.id, f"'level' {stage.level} is not on the scale"))
        elif stage.level in by_level:
            other = by_level[stage.level][0].id
            problems.append(
                (mark, stage.id, f"level {stage.level} is already described by stage {other!r}")
            )
        else:
            by_level[stage.level] = (stage, mark)
    if problems:
        return problems
    for level in scale_levels:
        if level not in by_level:
            problems.append((marks[0], stages[0].id, f"no stage describes level {level}"))
            continue
        stage, mark = by_level[level]
        score = score_of_level(level)
        inside = stage.min <= score < stage.max or (score == 100 and stage.max == 100)
        if not inside:
            problems.append(
                (
                    mark,
                    stage.id,
                    f"answering level {level} everywhere scores {score:g}, which is outside this "
                    f"stage ({stage.min:g}-{stage.max:g}); put the boundaries half way "
                    "between levels",
                )
            )
    return problems

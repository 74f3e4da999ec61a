"""Calibrated stages: a stage per scale level, holding the score of that level everywhere."""

from __future__ import annotations

from coself.core.calibration import calibration_problems, needs_calibration, score_of_level
from coself.core.located import Mark
from coself.core.model import Stage

LEVELS = (0, 1, 2, 3, 4)
MARKS = [Mark(i + 10, 5) for i in range(5)]


def stages(bounds: list[float], levels: list[int | None]) -> list[Stage]:
    return [
        Stage(f"s{i}", f"Stage {i}", low, high, "Words.", level)
        for i, (low, high, level) in enumerate(zip(bounds, bounds[1:], levels, strict=False))
    ]


def test_midpoint_boundaries_are_calibrated() -> None:
    good = stages([0, 12.5, 37.5, 62.5, 87.5, 100], [0, 1, 2, 3, 4])
    assert calibration_problems(good, MARKS, LEVELS) == []
    assert [score_of_level(level) for level in LEVELS] == [0, 25, 50, 75, 100]


def test_the_old_quartile_stages_are_refused_where_they_miss() -> None:
    # The 1.0.0 banks: four bands of 25 named after levels 1-4 (Starting ... Leading), so that
    # level 2 "Developing" everywhere (50) landed in "Established": a stage too high.
    old = stages([0, 25, 50, 75, 100], [1, 2, 3, 4])
    problems = calibration_problems(old, MARKS[:4], LEVELS)
    assert problems[0] == (Mark(10, 5), "s0", "no stage describes level 0")
    assert problems[1] == (
        Mark(10, 5),
        "s0",
        "answering level 1 everywhere scores 25, which is outside this stage (0-25); "
        "put the boundaries half way between levels",
    )
    assert len(problems) == 4  # levels 0 and 1, 2 and 3 all miss; 4 (100) is in the last


def test_missing_duplicate_and_off_scale_levels_are_located() -> None:
    bad = stages([0, 12.5, 37.5, 62.5, 87.5, 100], [0, None, 2, 2, 7])
    assert calibration_problems(bad, MARKS, LEVELS) == [
        (Mark(11, 5), "s1", "needs 'level': the scale level it describes"),
        (Mark(13, 5), "s3", "level 2 is already described by stage 's2'"),
        (Mark(14, 5), "s4", "'level' 7 is not on the scale"),
    ]


def test_which_banks_must_be_calibrated() -> None:
    plain = stages([0, 50, 100], [None, None])
    assert not needs_calibration("1.4.0", plain)
    assert needs_calibration("2.0.0", plain)
    assert needs_calibration("1.0.0", stages([0, 50, 100], [0, None]))

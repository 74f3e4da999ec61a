"""Perception gaps: how far apart the perspectives shown in a combined report see one thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from coself.core.model import Bank, Perspective
from coself.core.scoring import round1

DEFAULT_GAP = 20.0
T = TypeVar("T")  # whoever scored: a perspective, or its view


@dataclass(frozen=True)
class PerspectiveView:
    """One perspective's figures: the mean of its respondents' scores (unrounded until shown)."""

    perspective: Perspective
    respondents: int
    # False when fewer respondents than the minimum group size: then the figures are empty,
    # and the count itself is never shown, only "fewer than N responses".
    shown: bool
    overall: float | None
    sections: Mapping[str, float | None]
    principles: Mapping[str, float | None]
    recommendations: Mapping[str, float | None]
    pairs: Mapping[str, float | None] = field(default_factory=dict)  # mirrored questions
    pair_texts: Mapping[str, str] = field(default_factory=dict)  # the question they answered


@dataclass(frozen=True)
class Gap:
    """How far apart the perspectives see one mirrored question, section, principle or
    recommendation."""

    kind: str  # "pair", "section", "principle" or "recommendation"
    id: str
    title: str  # for a pair: the question as the more positive perspective was asked it
    spread: float
    high: Perspective
    high_score: float
    low: Perspective
    low_score: float
    low_title: str = ""  # for a pair: the question as the less positive perspective was asked


def gaps(bank: Bank, counted: list[PerspectiveView], threshold: float) -> tuple[Gap, ...]:
    """Every gap between the shown perspectives: mirrored questions first, then the largest."""
    framework = bank.framework
    items = (
        [("section", "sections", s.id, s.title) for s in framework.sections]
        + [("principle", "principles", p.id, p.title) for p in framework.principles]
        + [
            ("recommendation", "recommendations", r.id, r.summary)
            for r in framework.recommendations
        ]
    )
    gaps: list[Gap] = _pair_gaps(counted)
    for kind, attribute, fid, title in items:
        scored = [
            (round1(s), v.perspective)
            for v in counted
            if (s := getattr(v, attribute).get(fid)) is not None
        ]
        if len(scored) < 2:
            continue
        low, high = _ends(scored)
        gaps.append(
            Gap(kind, fid, title, round1(high[0] - low[0]), high[1], high[0], low[1], low[0])
        )
    # Mirrored questions lead: they compare the very same thing, asked of each perspective.
    order = {"pair": 0, "section": 1, "principle": 2, "recommendation": 3}
    gaps.sort(key=lambda g: (g.kind != "pair", g.spread < threshold, -g.spread, order[g.kind]))
    return tuple(gaps)


def _pair_gaps(counted: list[PerspectiveView]) -> list[Gap]:
    """A gap for each mirrored question answered by two or more perspectives."""
    gaps: list[Gap] = []
    for pair in dict.fromkeys(p for v in counted for p in v.pairs):
        scored = [(round1(s), v) for v in counted if (s := v.pairs.get(pair)) is not None]
        if len(scored) < 2:
            continue
        low, high = _ends(scored)
        gaps.append(
            Gap(
                "pair",
                pair,
                high[1].pair_texts[pair],
                round1(high[0] - low[0]),
                high[1].perspective,
                high[0],
                low[1].perspective,
                low[0],
                low[1].pair_texts[pair],
            )
        )
    return gaps


def _ends(scored: list[tuple[float, T]]) -> tuple[tuple[float, T], tuple[float, T]]:
    """The lowest and the highest scorer, the first of each in the usual order on a tie, and
    always two different groups: when all score the same, the first and the second."""
    low = min(scored, key=lambda x: x[0])
    high = max((s for s in scored if s is not low), key=lambda x: x[0])
    return low, high

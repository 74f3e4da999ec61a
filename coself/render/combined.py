"""The combined report (several respondents, one organisation) as markdown and as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from coself import __version__
from coself.core.combine import Combined, Gap, PerspectiveView
from coself.core.model import PERSPECTIVE_LABELS, Perspective
from coself.core.scoring import Figure, round1
from coself.core.text import clean, md
from coself.render.common import (
    NO_SCORE,
    bar,
    ladder_count_words,
    md_table,
    percent,
    score_text,
    scoring_explained,
    stage_text,
)


def _score(value: float | None) -> str:
    return score_text(None if value is None else round1(value))


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
        f"{combined.min_group} response(s) is not shown and not counted.",
    ]
    return lines + scoring_explained(combined.stage_bank)


def _view_cell(view: PerspectiveView, value: float | None, min_group: int) -> str:
    return _score(value) if view.shown else f"fewer than {min_group} responses"


def _label(perspective: Perspective) -> str:
    return PERSPECTIVE_LABELS[perspective]


def render_combined_markdown(combined: Combined, generated: str) -> str:
    views = combined.views
    heads = [md(_label(v.perspective).capitalize()) for v in views]
    out = [f"# Co-production self-assessment, all perspectives: {md(combined.organisation)}", ""]
    who = ", ".join(f"{v.respondents} {_label(v.perspective)}" for v in views)
    banks = ", ".join(f"{md(b.title)} ({md(b.id)} {md(b.version)})" for b in combined.banks)
    out += md_table(
        ["About this report", " "],
        [
            ["Organisation", md(combined.organisation)],
            ["Responses", md(who)],
            ["Question banks", banks],
            ["Report date", md(generated)],
        ],
    )
    if combined.hidden:
        out += [
            f"To protect privacy, perspectives with fewer than {combined.min_group} "
            "responses are not shown and not counted: "
            + md(", ".join(_label(v.perspective) for v in combined.hidden))
            + ".",
            "",
        ]
    if combined.red_flags:
        out += [
            "## Red flags",
            "",
            "These answers point to tokenism. An average cannot hide them.",
            "",
        ]
        out += [
            f"- **Red flag:** {md(f.question.text)} Raised by {f.count} respondent(s): "
            + md(", ".join(_label(p) for p in f.perspectives))
            + "."
            for f in combined.red_flags
        ]
        out.append("")
    overall = combined.overall
    out += [
        "## Overall",
        "",
        f"**Combined score: {score_text(overall.score)} out of 100. "
        f"Stage: {md(stage_text(overall))}.** Each perspective counts equally.",
        "",
    ]
    if combined.uncapped_stage is not None and overall.stage != combined.uncapped_stage:
        out += [
            f"The score alone would give {md(combined.uncapped_stage.title)}; while a red "
            f"flag is raised the overall stage is held at {md(stage_text(overall))}.",
            "",
        ]
    out += _figuresmd_table(
        "Sections",
        "Section",
        combined.sections,
        views,
        lambda v, f: v.sections.get(f.id),
        combined.min_group,
        True,
    )
    if combined.held_by_voices:
        names = ", ".join(f.title for f in combined.sections if f.id in combined.held_by_voices)
        out += [
            f"Nothing about us without us: the stage of {md(names)} is held at the stage "
            "that the answers of people who draw on care and carers give.",
            "",
        ]
    out += _figuresmd_table(
        "Principles",
        "Principle",
        combined.principles,
        views,
        lambda v, f: v.principles.get(f.id),
        combined.min_group,
        False,
    )
    out += _gaps_markdown(combined)
    out += _recommendations_markdown(combined, heads)
    out += _ladder_markdown(combined)
    out += ["## How this was scored", ""]
    out += [f"- {md(line)}" for line in combined_explained(combined)]
    return "\n".join(out) + "\n"


def _figuresmd_table(
    title: str,
    first: str,
    figures: Sequence[Figure],
    views: Sequence[PerspectiveView],
    get: Any,
    min_group: int,
    stages: bool,
) -> list[str]:
    header = [
        first,
        "Combined",
        *(["Stage", "Bar", "Coverage"] if stages else ["Bar"]),
        *(md(_label(v.perspective).capitalize()) for v in views),
    ]
    rows = []
    for figure in figures:
        row = [md(figure.title), score_text(figure.score)]
        row += (
            [md(stage_text(figure)), bar(figure.score), percent(figure.tally.coverage)]
            if stages
            else [bar(figure.score)]
        )
        row += [md(_view_cell(v, get(v, figure), min_group)) for v in views]
        rows.append(row)
    return [f"## {title}", "", *md_table(header, rows)]


def _gap_row(gap: Gap, threshold: float) -> list[str]:
    return [
        md(gap.kind),
        md(gap.title),
        f"{gap.spread:.1f}",
        "yes" if gap.spread >= threshold else "no",
        md(f"{_label(gap.high)} ({gap.high_score:.1f})"),
        md(f"{_label(gap.low)} ({gap.low_score:.1f})"),
    ]


def _gaps_markdown(combined: Combined) -> list[str]:
    out = ["## Perception gaps", ""]
    if not combined.gaps:
        return [*out, "Fewer than two perspectives could be compared.", ""]
    large = [g for g in combined.gaps if g.spread >= combined.gap_threshold]
    out += [f"{len(large)} gap(s) of {combined.gap_threshold:g} points or more, listed first.", ""]
    out += md_table(
        ["Kind", "Item", "Gap", "Large", "Sees it more positively", "Sees it less positively"],
        [_gap_row(g, combined.gap_threshold) for g in combined.gaps],
    )
    return out


def _recommendations_markdown(combined: Combined, heads: list[str]) -> list[str]:
    framework = combined.stage_bank.framework
    rows = []
    for rec in framework.recommendations:
        cells = [
            md(_view_cell(v, v.recommendations.get(rec.id), combined.min_group))
            for v in combined.views
        ]
        if any(v.shown and v.recommendations.get(rec.id) is not None for v in combined.views):
            rows.append([md(rec.id), md(rec.summary), *cells])
    if not rows:
        return []
    return [
        "## Recommendations by perspective",
        "",
        *md_table(["Id", "Recommendation", *heads], rows),
    ]


def _ladder_markdown(combined: Combined) -> list[str]:
    if not combined.ladder:
        return []
    out = [
        "## The ladder of co-production",
        "",
        "Where real decisions sit on the ladder (not part of the score): "
        + ladder_count_words(combined.ladder),
        "",
    ]
    out += md_table(
        ["Decision", "Perspective", "Rung", "Respondents"],
        [
            [
                md(c.question.text),
                md(_label(c.perspective)),
                md(f"{c.rung.title} ({c.rung.group})"),
                str(c.count),
            ]
            for c in combined.ladder
        ],
    )
    return out


def _figure_data(figure: Figure) -> dict[str, Any]:
    coverage = figure.tally.coverage
    return {
        "id": figure.id,
        "title": figure.title,
        "score": figure.score,
        "stage": figure.stage.id if figure.stage else None,
        "coverage": None if coverage is None else round(100 * coverage, 1),
    }


def _rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round1(v) for k, v in values.items()}


def combined_to_data(combined: Combined, generated: str) -> dict[str, Any]:
    overall = _figure_data(combined.overall)
    overall["stage_without_cap"] = combined.uncapped_stage.id if combined.uncapped_stage else None
    return {
        "coself_version": __version__,
        "generated": generated,
        "combined": True,
        "organisation": clean(combined.organisation),
        "banks": [{"id": b.id, "version": b.version} for b in combined.banks],
        "respondents": combined.respondents,
        "overall": overall,
        "sections": [
            dict(_figure_data(f), weight=f.weight, held_by_voices=f.id in combined.held_by_voices)
            for f in combined.sections
        ],
        "principles": [_figure_data(f) for f in combined.principles],
        "perspectives": [_view_data(v, combined.min_group) for v in combined.views],
        "gaps": [
            {
                "kind": g.kind,
                "id": g.id,
                "title": clean(g.title),
                "gap": g.spread,
                "large": g.spread >= combined.gap_threshold,
                "higher": g.high.value,
                "higher_score": g.high_score,
                "lower": g.low.value,
                "lower_score": g.low_score,
            }
            for g in combined.gaps
        ],
        "gap_threshold": combined.gap_threshold,
        "red_flags": [
            {
                "id": f.question.id,
                "text": clean(f.question.text),
                "count": f.count,
                "raised_by": [p.value for p in f.perspectives],
            }
            for f in combined.red_flags
        ],
        "ladder": [
            {
                "id": c.question.id,
                "perspective": c.perspective.value,
                "rung": c.rung.id,
                "rung_number": c.rung.rung,
                "group": c.rung.group,
                "count": c.count,
            }
            for c in combined.ladder
        ],
    }


def _view_data(view: PerspectiveView, min_group: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "perspective": view.perspective.value,
        "respondents": view.respondents,
        "shown": view.shown,
    }
    if not view.shown:
        data["note"] = f"fewer than {min_group} responses"
        return data
    data.update(
        overall=None if view.overall is None else round1(view.overall),
        sections=_rounded(dict(view.sections)),
        principles=_rounded(dict(view.principles)),
        recommendations=_rounded(dict(view.recommendations)),
    )
    return data


# Compact, as the single report's JSON: the C encoder (indenting makes json use its pure-Python
# encoder, which took more time than the rest of a combined report in a batch).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def render_combined_json(combined: Combined, generated: str) -> str:
    return _ENCODER.encode(combined_to_data(combined, generated)) + "\n"


__all__ = ["NO_SCORE", "combined_explained", "render_combined_json", "render_combined_markdown"]

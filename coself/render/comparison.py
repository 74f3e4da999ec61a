"""The comparison (before and after) as markdown, JSON and a terminal view."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coself import __version__
from coself.core.compare import Change, Comparison, Side
from coself.core.text import clean, clean_data, md, one_line
from coself.render.common import NO_SCORE, md_table


def _num(value: float | None) -> str:
    return NO_SCORE if value is None else f"{value:.1f}"


def _signed(change: float | None) -> str:
    if change is None:
        return NO_SCORE
    return "no change" if change == 0 else f"{change:+.1f}"


def _direction(change: float | None) -> str:
    if change is None:
        return "not comparable"
    return "up" if change > 0 else ("down" if change < 0 else "same")


def _side_words(side: Side) -> str:
    banks = ", ".join(f"{b} {v}" for b, v in side.banks)
    return f"{side.respondents} response(s); bank {banks}"


def _common_words(comparison: Comparison) -> str | None:
    if comparison.common is None:
        return None
    shared, total = comparison.common
    return (
        f"The bank versions differ: {shared} of {total} questions in common. Only those "
        "are scored on both sides."
    )


def _rows(changes: tuple[Change, ...], escape: Callable[[str], str] = md) -> list[list[str]]:
    return [
        [escape(c.title), _num(c.before), _num(c.after), _signed(c.change), _direction(c.change)]
        for c in changes
    ]


def render_comparison_markdown(comparison: Comparison, generated: str) -> str:
    out = [
        "# Co-production self-assessment: what changed",
        "",
        f"Before: {md(_side_words(comparison.before))}. After: "
        f"{md(_side_words(comparison.after))}. Report date: {md(generated)}.",
        "",
    ]
    common = _common_words(comparison)
    if common:
        out += [md(common), ""]
    overall = comparison.overall
    out += [
        "## Overall",
        "",
        f"**Overall score: {_num(overall.before)} before, "
        f"{_num(overall.after)} after ({_signed(overall.change)}).**",
        "",
    ]
    header = ["Item", "Before", "After", "Change", "Direction"]
    out += ["## Sections", "", *md_table(header, _rows(comparison.sections))]
    out += ["## Principles", "", *md_table(header, _rows(comparison.principles))]
    for title, changes in (
        ("What improved", comparison.improved),
        ("What declined", comparison.declined),
    ):
        out += [f"## {title}", ""]
        out += [
            f"- {md(c.title)}: {_num(c.before)} to {_num(c.after)} ({_signed(c.change)})"
            for c in changes
        ] or ["Nothing."]
        out.append("")
    out += ["## Red flags then and now", ""]
    out += _flag_lines(comparison)
    out += [
        "## The ladder then and now",
        "",
        *md_table(
            ["Decisions", "Before", "After"],
            [
                [group, str(comparison.before.ladder[group]), str(comparison.after.ladder[group])]
                for group in comparison.before.ladder
            ],
        ),
    ]
    out += [
        "## Every question (levels 0 to 4; the mean where several answered)",
        "",
        *md_table(header, _rows(comparison.questions)),
    ]
    return "\n".join(out) + "\n"


def _flag_lines(comparison: Comparison, escape: Callable[[str], str] = md) -> list[str]:
    before, after = set(comparison.before.red_flags), set(comparison.after.red_flags)
    lines = []
    for qid in dict.fromkeys([*comparison.before.red_flags, *comparison.after.red_flags]):
        state = (
            "raised before and after"
            if qid in before and qid in after
            else "raised before, cleared after"
            if qid in before
            else "new after"
        )
        lines.append(f"- {escape(comparison.texts[qid])} ({state})")
    return [*(lines or ["No red flags on either side."]), ""]


def _changes_data(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "title": clean(c.title),
            "before": c.before,
            "after": c.after,
            "change": c.change,
        }
        for c in changes
    ]


def comparison_to_data(comparison: Comparison, generated: str) -> dict[str, Any]:
    def side(s: Side) -> dict[str, Any]:
        return {
            "respondents": s.respondents,
            "banks": [{"id": b, "version": v} for b, v in s.banks],
            "red_flags": list(s.red_flags),
            "ladder": s.ladder,
        }

    common = comparison.common
    return {
        "coself_version": __version__,
        "generated": generated,
        "before": side(comparison.before),
        "after": side(comparison.after),
        "questions_in_common": None
        if common is None
        else {"shared": common[0], "total": common[1]},
        "overall": _changes_data((comparison.overall,))[0],
        "sections": _changes_data(comparison.sections),
        "principles": _changes_data(comparison.principles),
        "questions": _changes_data(comparison.questions),
        "improved": [c.id for c in comparison.improved],
        "declined": [c.id for c in comparison.declined],
    }


def render_comparison_json(comparison: Comparison, generated: str) -> str:
    return (
        json.dumps(
            clean_data(comparison_to_data(comparison, generated)), indent=1, ensure_ascii=False
        )
        + "\n"
    )


def render_comparison_terminal(
    comparison: Comparison, generated: str, plain: bool = False
) -> RenderableType:
    def t(text: str, style: str = "") -> Text:
        return Text(one_line(text), style=style)

    parts: list[RenderableType] = [
        t("Co-production self-assessment: what changed", "bold"),
        t(
            f"Before: {_side_words(comparison.before)}. After: {_side_words(comparison.after)}. "
            f"Report date: {generated}."
        ),
    ]
    common = _common_words(comparison)
    if common:
        parts.append(t(common))
    overall = comparison.overall
    parts.append(
        t(
            f"Overall: {_num(overall.before)} before, {_num(overall.after)} after "
            f"({_signed(overall.change)}).",
            "bold",
        )
    )
    for title, changes in (
        ("Sections", comparison.sections),
        ("Principles", comparison.principles),
    ):
        table = Table(
            "Item",
            "Before",
            "After",
            "Change",
            "Direction",
            title=title,
            box=box.ASCII if plain else box.ROUNDED,
            title_justify="left",
        )
        for row in _rows(changes, one_line):
            table.add_row(*map(t, row))
        parts.append(table)
    for title, changes in (
        ("What improved", comparison.improved),
        ("What declined", comparison.declined),
    ):
        parts.append(t(title, "bold"))
        parts += [
            t(f"- {c.title}: {_num(c.before)} to {_num(c.after)} ({_signed(c.change)})")
            for c in changes[:15]
        ] or [t("Nothing.")]
    parts.append(t("Red flags then and now", "bold"))
    parts += [t(line) for line in _flag_lines(comparison, one_line) if line]
    return Group(*parts)

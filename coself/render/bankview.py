"""Showing question banks: the list, one bank for reading, and the normalised bank as data."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coself.core.model import Bank, QuestionType
from coself.core.text import one_line


def bank_to_data(bank: Bank) -> dict[str, Any]:
    """The normalised bank: defaults filled in, references as ids, for scripts."""
    return {
        "id": bank.id,
        "title": bank.title,
        "version": bank.version,
        "audience": bank.audience,
        "description": bank.description,
        "source": bank.source,
        "scale": [
            {"level": s.level, "label": s.label, "descriptor": s.descriptor} for s in bank.scale
        ],
        "stages": [
            {"id": s.id, "title": s.title, "min": s.min, "max": s.max, "description": s.description}
            for s in bank.stages
        ],
        "red_flag_stage_cap": bank.red_flag_stage_cap,
        "sections": [{"id": s.id, "title": s.title, "weight": s.weight} for s in bank.sections],
        "questions": [
            {
                "id": q.id,
                "section": q.section,
                "type": q.type.value,
                "text": q.text,
                "help": q.help,
                "weight": q.weight,
                "allow_na": q.allow_na,
                "principles": list(q.principles),
                "recommendations": list(q.recommendations),
                "levels": {str(k): v for k, v in sorted(q.levels.items())},
                "red_flag_if": q.red_flag_if,
                "actions": [
                    {"text": a.text, "page": a.page.id, "url": a.page.url} for a in q.actions
                ],
            }
            for q in bank.questions
        ],
    }


def banks_table(banks: list[Bank], plain: bool) -> Table:
    table = Table(box=box.ASCII if plain else box.SIMPLE_HEAD)
    for name in ("Id", "Title", "Version", "Audience", "Questions"):
        table.add_column(name, justify="right" if name == "Questions" else "left")
    for bank in banks:
        table.add_row(
            *(
                Text(one_line(x))
                for x in (
                    bank.id,
                    bank.title,
                    bank.version,
                    bank.audience,
                    str(len(bank.questions)),
                )
            )
        )
    return table


def bank_view(bank: Bank) -> RenderableType:
    """One bank, readable in a terminal: sections, then numbered questions with their tags."""
    parts: list[RenderableType] = [
        Text(one_line(f"{bank.title} ({bank.id}, version {bank.version})"), style="bold"),
        Text(one_line(f"For: {bank.audience}")),
        Text(one_line(bank.description)),
        Text("Scale: " + "; ".join(one_line(f"{s.level} {s.label}") for s in bank.scale)),
    ]
    number = 0
    for section in bank.sections:
        parts.append(Text(one_line(f"\n{section.title} (weight {section.weight:g})"), style="bold"))
        for question in (q for q in bank.questions if q.section == section.id):
            number += 1
            kind = "" if question.type is QuestionType.LEVEL else f" [{question.type.value}]"
            tags = ", ".join([*question.recommendations, *question.principles])
            parts.append(Text(one_line(f"{number}. {question.text}{kind}")))
            parts.append(Text(one_line(f"   id {question.id}; {tags}"), style="dim"))
    return Group(*parts)

"""Blank answers files to fill in offline: YAML with every question explained, or a CSV header."""

from __future__ import annotations

import csv
import io

from coself.core.answers import allowed_values
from coself.core.model import ANSWERS_FORMAT, CSV_FIXED, GRADED, Bank, Perspective, QuestionType
from coself.core.text import one_line
from coself.io.yamlwrite import yaml_scalar


def _comment(text: str) -> str:
    return "  # " + one_line(text)


def render_yaml_template(
    bank: Bank, organisation: str | None, perspective: Perspective | None
) -> str:
    """A blank YAML answers file, each question explained; organisation and perspective if given."""
    scale = ", ".join(f"{s.level} {s.label}" for s in bank.scale)
    lines = [
        f"# coself answers file for the bank {bank.id!r} ({one_line(bank.title)}), "
        f"version {bank.version}.",
        f"# For: {one_line(bank.audience)}.",
        "# Fill in organisation and perspective, then each answer after its colon, and save.",
        "# Leave an answer blank if you have not answered it. To add a note, write for example:",
        '#   question-id: {answer: 3, note: "What we saw, and where"}',
        "# Then run: coself report THIS-FILE   (or coself batch FOLDER for many files)",
        f"format: {ANSWERS_FORMAT}",
        f"bank: {yaml_scalar(bank.id)}",
        f"bank_version: {yaml_scalar(bank.version)}",
        f"organisation: {yaml_scalar(organisation)}" if organisation else "organisation:",
        "# perspective: one of " + ", ".join(p.value for p in Perspective),
        f"perspective: {perspective.value}" if perspective else "perspective:",
        "# status: complete, or partial if the answers are not finished",
        "status: complete",
        "answers:",
        "",
    ]
    for section in bank.sections:
        lines += [f"  # ---- {one_line(section.title)}", ""]
        for n, question in enumerate(bank.questions, 1):
            if question.section != section.id:
                continue
            lines.append(_comment(f"[{n}] {question.text}"))
            lines.append(_comment(f"Help: {question.help}"))
            if question.type in GRADED:
                lines.append(_comment(f"Scale: {scale}"))
            elif question.type is QuestionType.LADDER:
                lines.append(
                    _comment(
                        "Rungs: "
                        + ", ".join(f"{r.id} ({r.group})" for r in bank.framework.ladder_answers)
                    )
                )
            lines.append(_comment(f"Answer: {allowed_values(question, bank)}"))
            lines += [f"  {question.id}:", ""]
    return "\n".join(lines) + "\n"


def render_csv_template(bank: Bank) -> str:
    """A blank CSV answers file: only its header, the fixed columns then one per question."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([*CSV_FIXED, *(q.id for q in bank.questions)])
    return out.getvalue()

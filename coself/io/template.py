"""Blank answers files to fill in offline: YAML with every question explained, or a CSV header."""

from __future__ import annotations

import csv
import io

from coself.core.model import (
    ANSWERS_FORMAT,
    CSV_FIXED,
    GRADED,
    NO,
    YES,
    Bank,
    Perspective,
    Question,
    QuestionType,
)
from coself.core.text import one_line
from coself.io.yamlwrite import yaml_scalar

# What a template says about `status`: it is written `partial`, and worked out when read.
STATUS_NOTE = (
    "# status: coself works it out when it reads the file: complete once every question has\n"
    "# an answer (a level, yes, no, a rung, dont_know or na), partial until then."
)


def _comment(text: str, indent: str = "") -> str:
    return f"  # {indent}" + one_line(text)


def render_yaml_template(
    bank: Bank, organisation: str | None, perspective: Perspective | None
) -> str:
    """A blank YAML answers file, each question explained; organisation and perspective if given."""
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
        STATUS_NOTE,
        "status: partial",
        "answers:",
        "",
    ]
    for section in bank.sections:
        lines += [f"  # ---- {one_line(section.title)}", ""]
        for n, question in enumerate(bank.questions, 1):
            if question.section == section.id:
                lines += [*_question_lines(question, n, bank), f"  {question.id}:", ""]
    return "\n".join(lines) + "\n"


def _question_lines(question: Question, number: int, bank: Bank) -> list[str]:
    """The comments above one question: its text, help, what to type and what each answer means."""
    lines = [_comment(f"[{number}] {question.text}"), _comment(f"Help: {question.help}")]
    lines.append(_comment(f"Answer with {_WHAT_TO_TYPE[question.type]}:"))
    lines += [_comment(line, "  ") for line in _meanings(question, bank)]
    lines.append(_comment(_otherwise(question)))
    return lines


_WHAT_TO_TYPE = {
    QuestionType.LEVEL: "a level from 0 to 4",
    QuestionType.FREQUENCY: "a number from 0 to 4, how often",
    QuestionType.YESNO: "yes or no",
    QuestionType.LADDER: "the id of the rung that fits best, from not involved up the ladder",
}


def _otherwise(question: Question) -> str:
    """The answers every question takes: dont_know, and na where the bank allows it."""
    unsure = "you are not sure" if question.type is QuestionType.YESNO else "you do not know"
    na = "na if it does not apply here" if question.allow_na else "na cannot be used here"
    return f"Or dont_know if {unsure}; {na}."


def _meanings(question: Question, bank: Bank) -> list[str]:
    """One line per answer: the question's own level descriptors (the bank's scale where it has
    none), the ladder's rungs with their titles and descriptions, or what yes and no mean."""
    if question.type in GRADED:
        return [f"{s.level} {s.label}: {question.meaning(s)}" for s in bank.scale]
    if question.type is QuestionType.LADDER:
        return [
            f"{r.id}: {r.title} (not on the ladder): {r.description}"
            if not r.rung
            else f"{r.id}: {r.title} (rung {r.rung} of {len(bank.framework.ladder)}, "
            f"{r.group}): {r.description}"
            for r in bank.framework.ladder_answers
        ]
    return [f"{value}: {_yesno_meaning(question, value, bank)}" for value in (YES, NO)]


def _yesno_meaning(question: Question, value: str, bank: Bank) -> str:
    meaning = []
    if question.red_flag_if == value:
        cap = bank.red_flag_stage_cap
        held = f"; the overall stage is {bank.stage(cap).title} at most" if cap else ""
        meaning.append(f"a RED FLAG (the report lists it at the top{held})")
    if question.scored:
        meaning.append(f"counts as level {4 if value == YES else 0} in the score")
    return ", and ".join(meaning) or "not a red flag"


def render_csv_template(bank: Bank) -> str:
    """A blank CSV answers file: only its header, the fixed columns then one per question."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([*CSV_FIXED, *(q.id for q in bank.questions)])
    return out.getvalue()

"""The review before finishing: answers grouped by section with their counts, one line each, a
page at a time so that a page fits a 40-line terminal. Pure: it returns lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coself.core.model import Answer, Bank, Question, Special
from coself.core.text import one_line
from coself.interactive.answering import in_words, is_red_flag

# Heading and question lines on one page: with the page's blank lines, its title and the
# prompt (two lines when it wraps) a page stays within 40 lines.
PAGE_LINES = 34


@dataclass(frozen=True, slots=True)
class Counts:
    answered: int = 0
    dont_know: int = 0
    not_applicable: int = 0
    unanswered: int = 0
    red_flags: int = 0


def count(questions: Sequence[Question], given: Mapping[str, Answer]) -> Counts:
    """How many of `questions` are answered, don't know, not applicable, unanswered, flagged."""
    tally = {"answered": 0, "dont_know": 0, "not_applicable": 0, "unanswered": 0, "red_flags": 0}
    for question in questions:
        answer = given.get(question.id)
        value = None if answer is None else answer.value
        if value is None or value is Special.SKIPPED:
            tally["unanswered"] += 1
        elif value is Special.DONT_KNOW:
            tally["dont_know"] += 1
        elif value is Special.NA:
            tally["not_applicable"] += 1
        else:
            tally["answered"] += 1
        tally["red_flags"] += is_red_flag(question, answer)
    return Counts(**tally)


def counts_words(counts: Counts, bank: Bank) -> str:
    """Counts in the bank's words: "answered 10; don't know 1; not applicable 0; unanswered 1"."""
    prompts = bank.prompts
    words = (
        f"answered {counts.answered}; {prompts.dont_know} {counts.dont_know}; "
        f"{prompts.not_applicable} {counts.not_applicable}; unanswered {counts.unanswered}"
    )
    if counts.red_flags:
        words += f"; RED FLAGS {counts.red_flags}"
    return words


def review_line(
    number: int, question: Question, bank: Bank, answer: Answer | None, width: int
) -> str:
    """One question on one line: its number, the answer in words, a red flag, then its text,
    cut short to fit `width` (the whole text is a `?` away in the question itself)."""
    flag = " (RED FLAG)" if is_red_flag(question, answer) else ""
    line = f"{number:>3}. {in_words(question, bank, answer)}{flag}: {one_line(question.text)}"
    if len(line) > width:
        line = line[: max(width - 1, 0)].rstrip() + "…"
    return line


def section_heading(
    bank: Bank, section_id: str, questions: Sequence[Question], given: Mapping[str, Answer]
) -> str:
    """A section's heading in the bank's words, with its counts."""
    title = bank.prompts.section_title(bank.framework.section(section_id))
    return f"{bank.prompts.section}: {title} ({counts_words(count(questions, given), bank)})"


def pages(order: Sequence[Question]) -> list[list[str]]:
    """Section ids grouped into pages of at most PAGE_LINES lines (a heading and a line per
    question); a section longer than a page has a page of its own."""
    sizes: dict[str, int] = {}
    for question in order:
        sizes[question.section] = sizes.get(question.section, 0) + 1
    result: list[list[str]] = [[]]
    used = 0
    for section_id, size in sizes.items():
        if result[-1] and used + size + 1 > PAGE_LINES:
            result.append([])
            used = 0
        result[-1].append(section_id)
        used += size + 1
    return result


def page_lines(
    bank: Bank,
    order: Sequence[Question],
    given: Mapping[str, Answer],
    section_ids: Sequence[str],
    width: int,
) -> list[str]:
    """The lines of one page: each section's heading with its counts, then its questions."""
    lines: list[str] = []
    for section_id in section_ids:
        numbered = [(n, q) for n, q in enumerate(order, 1) if q.section == section_id]
        lines.append(section_heading(bank, section_id, [q for _, q in numbered], given))
        lines += [review_line(n, q, bank, given.get(q.id), width) for n, q in numbered]
    return lines

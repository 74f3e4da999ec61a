"""The review before finishing: answers grouped by section with their counts, one line each, a
page at a time so that a page fits a 40-line terminal. Pure: it returns lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coself.core.model import Answer, Bank, Question, Special
from coself.core.text import one_line
from coself.core.words import in_words
from coself.interactive.answering import is_red_flag

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


def pages(order: Sequence[Question]) -> list[list[int]]:
    """The questions (places in `order`) on each page: whole sections while they fit in
    PAGE_LINES lines (a heading and a line per question); a section longer than a page is
    split over pages of its own."""
    sections: dict[str, list[int]] = {}
    for index, question in enumerate(order):
        sections.setdefault(question.section, []).append(index)
    result: list[list[int]] = [[]]
    used = 0
    for places in sections.values():
        if used and used + len(places) + 1 > PAGE_LINES:
            result.append([])
            used = 0
        for start in range(0, len(places), PAGE_LINES - 1):
            if used and start:  # the rest of a long section: a page of its own
                result.append([])
                used = 0
            chunk = places[start : start + PAGE_LINES - 1]
            result[-1] += chunk
            used += len(chunk) + 1
    return result


def page_lines(
    bank: Bank,
    order: Sequence[Question],
    given: Mapping[str, Answer],
    places: Sequence[int],
    width: int,
) -> list[str]:
    """The lines of one page: a heading with the section's counts where a section starts (or
    carries on from the page before), then a line per question."""
    lines: list[str] = []
    section = None
    for index in places:
        question = order[index]
        if question.section != section:
            section = question.section
            members = [q for q in order if q.section == section]
            heading = section_heading(bank, section, members, given)
            carried = index > 0 and order[index - 1].section == section
            lines.append(heading + (" (continued)" if carried else ""))
        lines.append(review_line(index + 1, question, bank, given.get(question.id), width))
    return lines

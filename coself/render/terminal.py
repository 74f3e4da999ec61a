"""The terminal, built from Rich objects, for every report kind and the banks; what colour says
is also said in words. The only renderer that imports Rich (terminal_combined and terminal_plan
import it within functions, as parts of this one)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Column, Table
from rich.text import Text

from coself.batch.rows import TABLE_ROWS
from coself.core.combine import Combined
from coself.core.compare import Change, Comparison
from coself.core.model import Bank, QuestionType
from coself.core.scoring import Figure, Result
from coself.core.text import one_line
from coself.core.words import answer_words
from coself.render import Meta, changes, perspectives
from coself.render.common import (
    NO_FIND_OUT,
    NO_PRIORITIES,
    NO_SCORE,
    NO_STRENGTHS,
    Summary,
    action_words,
    answered_sentence,
    bank_words,
    bar,
    cap_sentence,
    flag_sentence,
    ladder_sentence,
    percent,
    points_to_target,
    rung_words,
    score_text,
    scoring_explained,
    section_titles,
    single_title,
    stage_text,
    who_answered,
)
from coself.render.fitting import (
    AVERAGE_COLUMNS,
    ROW_COLUMNS,
    SummaryColumn,
    fit_columns,
    left_out_sentence,
    source_cell,
)
from coself.render.workshop import workshop_blocks

T = TypeVar("T")
REPORT_WIDTH = 100  # the section table needs this much; narrower terminals wrap lines


def as_text(renderable: RenderableType, width: int = REPORT_WIDTH) -> str:
    """A renderable as plain text of a fixed width, for saving a terminal report to a file."""
    with open(os.devnull, "w") as sink:
        console = Console(
            width=width, record=True, file=sink, no_color=True, highlight=False, emoji=False
        )
        console.print(renderable)
    return console.export_text()


def _t(text: str, style: str = "", indent: int = 0) -> Text:
    """User and bank text as a Rich Text: never parsed as markup, controls stripped."""
    return Text(" " * indent + one_line(text), style=style)


def _workshop(result: Result, min_group: int) -> list[RenderableType]:
    """A workshop's conversations to have, gaps and votes; nothing for one person's answers."""
    parts: list[RenderableType] = []
    for block in workshop_blocks(result, min_group):
        parts += [*_heading(block.heading), _t(block.intro)]
        for item in block.items:
            parts.append(_t(f"- {item.title}", indent=0))
            parts += [_t(line, indent=4) for line in item.lines]
    return parts


def _heading(title: str) -> list[RenderableType]:
    """A heading with a blank line before it (Text folds a leading newline away)."""
    return [Text(""), _t(title, "bold")]


def _figure_style(figure: Figure) -> str:
    if figure.score is None or figure.stage is None:
        return "dim"
    return "green" if figure.score >= 50 else "yellow"


def _box(meta: Meta) -> box.Box | None:
    """Rounded borders; none in plain mode: the columns line up by spaces alone, so a screen
    reader reads words, not border characters."""
    return None if meta.plain else box.ROUNDED


def _table(title: str, meta: Meta, *columns: str | Column, **options: Any) -> Table:
    """A table under its title; in plain mode the title is set apart by a blank line, as
    headings are (the title is a Text: never parsed as markup)."""
    heading = Text(("\n" if meta.plain else "") + one_line(title))
    return Table(*columns, title=heading, title_justify="left", box=_box(meta), **options)


def _with_bar(cells: list[T], bar_cell: T, meta: Meta) -> list[T]:
    """Cells (or headings) with a bar's cell put in at BAR_AT; plain mode draws no bars (a screen
    reader would read out every character of one): the score beside it says the same."""
    return (
        cells
        if meta.plain
        else [*cells[: perspectives.BAR_AT], bar_cell, *cells[perspectives.BAR_AT :]]
    )


def _bar(score: float | None) -> Text:
    return _t(bar(score, 10))


def render_single(result: Result, meta: Meta) -> RenderableType:
    """The report as one Rich renderable; plain uses ASCII only (no box drawing, no blocks)."""
    bank, answers = result.bank, result.answers
    parts: list[RenderableType] = [
        _t(single_title(answers.organisation), "bold"),
        _t(
            f"{who_answered(bank, answers.perspective)}. "
            + (f"Respondent: {answers.respondent}. " if answers.respondent else "")
            + f"Bank: {bank_words(bank)}. Report date: {meta.generated}. Answers last "
            f"updated: {answers.updated or NO_SCORE}. Status: {answers.status.value}."
        ),
    ]
    parts += [_t(f"Warning: {w}", "yellow") for w in meta.warnings]
    for question in result.red_flags:
        parts.append(_t(f"RED FLAG: {flag_sentence(question)}", "bold red"))
        parts += [_t(f"What to do: {action_words(a)}", indent=3) for a in question.actions]
    parts += _workshop(result, meta.min_group)
    overall = result.overall
    parts.append(
        Text.assemble(
            ("\nOverall score: ", "bold"),
            (f"{score_text(overall.score)} out of 100", "bold"),
            f"   Stage: {stage_text(overall)}   Coverage: {percent(overall.tally.coverage)}",
        )
    )
    if overall.stage is not None:
        parts.append(_t(overall.stage.description))
    capped = cap_sentence(result.uncapped_stage, overall)
    if capped:
        parts.append(_t(capped))
    parts += _single_tables(result, meta)
    parts += _lists(result)
    for figure in result.sections:
        if figure.target is not None:
            parts.append(
                _t(
                    f"Target for {figure.title}: {figure.target.title}; now "
                    f"{stage_text(figure)}, {score_text(points_to_target(figure))} "
                    "points to go."
                )
            )
    parts += _ladder(result, meta)
    parts += _heading("How this was scored")
    parts += [_t(f"- {line}") for line in scoring_explained(bank)]
    parts.append(_every_answer(result, meta))
    return Group(*parts)


def _ladder(result: Result, meta: Meta) -> list[RenderableType]:
    if not result.ladder:
        return [_t(ladder_sentence(result.ladder))]
    table = _table("Decisions on the ladder", meta, "Decision", "Rung")
    for placement in result.ladder:
        table.add_row(_t(placement.question.text), _t(rung_words(placement)))
    return [_t(ladder_sentence(result.ladder)), table]


def _every_answer(result: Result, meta: Meta) -> Table:
    """The appendix: every question with its section, the answer in words, and any note."""
    bank, given = result.bank, result.answers.answers
    titles = section_titles(bank)
    number = "No." if meta.plain else "#"  # a screen reader says "number sign"
    header = (number, "Section", "Question", "Answer", "Note or evidence")
    table = _table("Appendix: every answer", meta, *header)
    for n, question in enumerate(bank.questions, 1):
        answer = given.get(question.id)
        note = " ".join(x for x in (answer.note, answer.evidence) if x) if answer else ""
        words = answer_words(question, bank, answer)
        table.add_row(*map(_t, (str(n), titles[question.section], question.text, words, note)))
    return table


def _single_tables(result: Result, meta: Meta) -> list[Table]:
    """The sections and principles tables of a single report."""
    header = ["Section", "Score", "Stage", "Coverage", "N/A", "Don't know", "Unanswered"]
    sections = _table("Sections", meta)
    for name in _with_bar(header, "Bar", meta):
        left = name in ("Section", "Stage", "Bar")
        sections.add_column(name, justify="left" if left else "right")
    for f in result.sections:
        t = f.tally
        cells: list[RenderableType] = [_t(f.title), _t(score_text(f.score))]
        cells.append(_t(stage_text(f), _figure_style(f)))
        cells += map(_t, (percent(t.coverage), str(t.na), str(t.dont_know), str(t.unanswered)))
        sections.add_row(*_with_bar(cells, _bar(f.score), meta))
    principles = _table("Principles", meta, *_with_bar(perspectives.PRINCIPLE_HEADER, "Bar", meta))
    for f in result.principles:
        cells = [_t(c) for c in perspectives.principle_cells(f)]
        principles.add_row(*_with_bar(cells, _bar(f.score), meta))
    return [sections, principles]


def _lists(result: Result) -> list[RenderableType]:
    bank = result.bank
    parts: list[RenderableType] = _heading("Strengths")
    parts += [
        _t(f"{n}. {answered_sentence(bank, h)}") for n, h in enumerate(result.strengths, 1)
    ] or [_t(NO_STRENGTHS)]
    parts += _heading("Priorities")
    for n, h in enumerate(result.priorities, 1):
        parts.append(_t(f"{n}. {answered_sentence(bank, h)}"))
        parts += [_t(f"What to do: {action_words(a)}", indent=3) for a in h.question.actions]
    if not result.priorities:
        parts.append(_t(NO_PRIORITIES))
    parts += _heading("Find out (answered 'don't know')")
    parts += [_t(f"- {q.text}") for q in result.find_out] or [_t(NO_FIND_OUT)]
    parts.append(_t(""))
    return parts


def render_combined(combined: Combined, meta: Meta) -> RenderableType:
    """The combined report (built in coself.render.terminal_combined, which imports this
    module's helpers: imported here when called, so either module may be imported first)."""
    from coself.render.terminal_combined import combined_view

    return combined_view(combined, meta)


def render_comparison(comparison: Comparison, meta: Meta) -> RenderableType:
    """What changed: the overall score and stage, sections and principles, what moved (scores
    apart from answers), red flags, the ladder, and every question."""
    parts: list[RenderableType] = [
        _t(changes.COMPARISON_TITLE, "bold"),
        _t(changes.sides_sentence(comparison, meta.generated)),
    ]
    common = changes.common_sentence(comparison)
    if common:
        parts.append(_t(common))
    parts.append(_t(changes.overall_change_sentence(comparison), "bold"))
    parts.append(_change_table("Sections (points out of 100)", comparison.sections, meta))
    parts.append(_change_table("Principles (points out of 100)", comparison.principles, meta))
    for moved in changes.change_lists(comparison):
        parts += _heading(moved.title)
        parts += [_t(f"- {changes.change_sentence(c)}") for c in moved.changes[:15]]
        parts += [_t(changes.NOTHING_MOVED)] if not moved.changes else []
        if len(moved.changes) > 15:
            parts.append(_t(f"... and {len(moved.changes) - 15} more in the markdown report."))
    parts += _heading("Red flags then and now")
    parts += [_t(f"- {line}") for line in changes.flag_sentences(comparison)] or [
        _t(changes.NO_FLAGS_EITHER_SIDE)
    ]
    ladder = _table(changes.LADDER_CHANGE_TITLE, meta, *changes.LADDER_CHANGE_HEADER)
    for row in changes.ladder_change_rows(comparison):
        ladder.add_row(*map(_t, row))
    parts += [Text(""), ladder]
    parts.append(_change_table(changes.QUESTIONS_CHANGE_TITLE, comparison.questions, meta))
    parts += plan_check_terminal(comparison, meta)
    return Group(*parts)


def _change_table(title: str, moved: Sequence[Change], meta: Meta) -> Table:
    table = _table(title, meta, *changes.CHANGE_HEADER)
    for change in moved:
        table.add_row(*map(_t, changes.change_cells(change, one_line)))
    return table


def _fitted_table(
    columns: Sequence[SummaryColumn],
    rows: Sequence[Sequence[str]],
    width: int,
    title: str,
    meta: Meta,
) -> Table:
    """A table of the columns that fit, with a caption naming those left out; `rows` hold
    plain text already (controls stripped), as measured."""
    fitted = fit_columns(columns, rows, width, cell_len)
    table = Table(
        *(_rich_column(columns[i], w) for i, w in fitted.kept.items()),
        box=None if meta.plain else box.SIMPLE_HEAD,
        title=Text(("\n" if meta.plain else "") + title),
        title_justify="left",
        caption=left_out_sentence(fitted.left_out, width),
        caption_justify="left",
    )
    for row in rows:
        cells = [
            source_cell(row[i], w) if columns[i].keeps_end else row[i]
            for i, w in fitted.kept.items()
        ]
        table.add_row(*(Text(cell or NO_SCORE) for cell in cells))
    return table


def _rich_column(column: SummaryColumn, width: int) -> Column:
    """Headers and cells wrap at spaces only; a word too long for its column ends in '…'."""
    return Column(
        column.header,
        justify="right" if column.numeric else "left",
        width=width,  # as fit_columns counted it
        overflow="ellipsis",
    )


def render_summary(summary: Summary, meta: Meta) -> Table:
    """One row per assessment when there are few; averages by bank and perspective otherwise;
    either way only the columns that fit in `summary.width`."""
    totals = summary.totals
    if totals.succeeded > TABLE_ROWS:
        return _averages(summary, meta)
    banks = sorted({row["bank"] for row in totals.rows})
    columns = [c for c in ROW_COLUMNS if c.header != "Bank" or len(banks) > 1]
    rows = [[one_line(c.cell(row)) for c in columns] for row in totals.rows]  # controls gone
    title = "Summary" + (f" (bank {banks[0]})" if len(banks) == 1 else "")
    return _fitted_table(columns, rows, summary.width, title, meta)


def _averages(summary: Summary, meta: Meta) -> Table:
    totals = summary.totals
    rows = [
        [one_line(bank), perspective, str(group[0]), *(_mean(total, n) for total, n in group[1:])]
        for (bank, perspective), group in sorted(totals.groups.items())
    ]
    title = (
        f"Summary of {totals.succeeded} assessments (averages; every row is in the summary files)"
    )
    return _fitted_table(AVERAGE_COLUMNS, rows, summary.width, title, meta)


def _mean(total: float, count: int) -> str:
    return f"{total / count:.1f}" if count else NO_SCORE


def render_bank_list(banks: Sequence[Bank], meta: Meta) -> Table:
    """The banks: id, title, version, audience and number of questions."""
    table = Table(box=None if meta.plain else box.SIMPLE_HEAD)
    for name in ("Id", "Title", "Version", "Audience", "Questions"):
        table.add_column(name, justify="right" if name == "Questions" else "left")
    for bank in banks:
        cells = (bank.id, bank.title, bank.version, bank.audience, str(len(bank.questions)))
        table.add_row(*map(_t, cells))
    return table


def render_bank(bank: Bank, meta: Meta) -> RenderableType:
    """One bank, readable in a terminal: sections, then numbered questions with their tags."""
    parts: list[RenderableType] = [
        _t(bank_words(bank), "bold"),
        _t(f"For: {bank.audience}"),
        _t(bank.description),
        _t("Scale: " + "; ".join(f"{s.level} {s.label}" for s in bank.scale)),
    ]
    number = 0
    for section in bank.sections:
        parts += _heading(f"{section.title} (weight {section.weight:g})")
        for question in (q for q in bank.questions if q.section == section.id):
            number += 1
            kind = "" if question.type is QuestionType.LEVEL else f" [{question.type.value}]"
            tags = ", ".join([*question.recommendations, *question.principles])
            parts.append(_t(f"{number}. {question.text}{kind}"))
            parts.append(_t(f"id {question.id}; {tags}", "dim", indent=3))
    return Group(*parts)


# Plan reports live in their own module; they are listed from here.
from coself.render.terminal_plan import plan_check_terminal, render_plan  # noqa: E402, F401

"""Markdown (GitHub-flavoured, whatever people typed): every report kind, and a bank."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from coself.batch.rows import SECTION_IDS
from coself.core.combine import Combined, Gap
from coself.core.compare import Change, Comparison
from coself.core.model import Action, Answer, AnswerValue, Bank, Perspective, Question
from coself.core.scoring import Figure, Result
from coself.core.text import md
from coself.core.words import answer_words
from coself.render import Meta, changes, perspectives
from coself.render.common import (
    GAP_HEADER,
    MIRRORED_INTRO,
    NO_FIND_OUT,
    NO_GAPS,
    NO_PRIORITIES,
    NO_STRENGTHS,
    RED_FLAGS_INTRO,
    SUMMARY_HEADER,
    SUMMARY_KEY,
    StreamedSummary,
    Summary,
    answered_sentence,
    bank_words,
    bar,
    cap_sentence,
    combined_explained,
    combined_title,
    flag_sentence,
    hidden_sentence,
    label,
    ladder_count_sentence,
    ladder_sentence,
    large_gaps_sentence,
    md_table,
    pair_gap_sentence,
    pair_gaps,
    percent,
    points_to_target,
    raised_by_sentence,
    responses_words,
    rung_words,
    score_text,
    scoring_explained,
    section_titles,
    single_title,
    stage_text,
    summary_end,
    summary_stage,
    voices_sentence,
)
from coself.render.distributions import (
    HEADING,
    PARAGRAPH,
    SUB_ITEM,
    identifiable_sentence,
    spread_outline,
)
from coself.render.workshop import workshop_blocks


def _action(action: Action) -> str:
    return f"{md(action.text)} (guide: [{md(action.page.title)}]({action.page.url}))"


def _figure_row(figure: Figure) -> list[str]:
    tally = figure.tally
    return [
        md(figure.title),
        score_text(figure.score),
        md(stage_text(figure)),
        bar(figure.score),
        percent(tally.coverage),
        str(tally.na),
        str(tally.dont_know),
        str(tally.unanswered),
    ]


def render_single(result: Result, meta: Meta) -> str:
    """The whole markdown report for one set of answers."""
    out = [f"# {md(single_title(result.answers.organisation))}", "", *_about(result, meta)]
    for warning in meta.warnings:
        out += [f"> Warning: {md(warning)}", ""]
    out += _red_flags(result)
    out += _workshop(result, meta.min_group)
    overall = result.overall
    out += [
        "## Overall",
        "",
        f"**Score: {score_text(overall.score)} out of 100. Stage: {md(stage_text(overall))}.** "
        f"Coverage: {percent(overall.tally.coverage)} of questions answered on the scale.",
        "",
    ]
    if overall.stage is not None:
        out += [md(overall.stage.description), ""]
    out += _figures(result)
    out += _highlights(result)
    out += _ladder(result)
    out += _appendix(result)
    return "\n".join(out)


def _workshop(result: Result, min_group: int) -> list[str]:
    """A workshop's conversations to have, gaps and votes; nothing for one person's answers."""
    out: list[str] = []
    for block in workshop_blocks(result, min_group):
        out += [f"## {block.heading}", "", md(block.intro), ""]
        for item in block.items:
            out.append(f"- **{md(item.title)}**")
            out += [f"  - {md(line)}" for line in item.lines]
        out += [""] if block.items else []
    return out


def _about(result: Result, meta: Meta) -> list[str]:
    answers = result.answers
    details = [
        ["Organisation", md(answers.organisation)],
        ["Perspective", md(answers.perspective.label)],
    ]
    if answers.respondent:
        details.append(["Respondent", md(answers.respondent)])
    details += [
        ["Report date", md(meta.generated)],
        ["Answers last updated", md(answers.updated) or "—"],
        ["Question bank", md(bank_words(result.bank))],
        ["Status", answers.status.value],
    ]
    return md_table(["About this report", ""], details)


def _figures(result: Result) -> list[str]:
    """The sections, targets where set, and the principles."""
    out = ["## Sections", ""]
    out += md_table(
        ["Section", "Score", "Stage", "Bar", "Coverage", "N/A", "Don't know", "Unanswered"],
        [_figure_row(f) for f in result.sections],
    )
    targets = [
        [md(f.title), md(stage_text(f)), md(f.target.title), score_text(points_to_target(f))]
        for f in result.sections
        if f.target is not None
    ]
    if targets:
        out += ["## Targets", ""]
        out += md_table(["Section", "Stage now", "Target", "Points to target"], targets)
    out += ["## Principles", ""]
    rows = [[md(c) for c in perspectives.principle_cells(f)] for f in result.principles]
    for row, figure in zip(rows, result.principles, strict=True):
        row.insert(perspectives.BAR_AT, bar(figure.score))
    header = [
        *perspectives.PRINCIPLE_HEADER[: perspectives.BAR_AT],
        "Bar",
        *perspectives.PRINCIPLE_HEADER[perspectives.BAR_AT :],
    ]
    return out + md_table(header, rows)


def _appendix(result: Result) -> list[str]:
    """How this was scored and every answer: the parts fixed by the bank are made once, and
    each question's row up to its note once per answer it is given."""
    bank, given = result.bank, result.answers.answers
    fixed, rows = _fixed_parts(bank)
    out = list(fixed)
    for question, start, made in rows:
        answer = given.get(question.id)
        value = None if answer is None else answer.value
        line = made.get(value)
        if line is None:
            line = made[value] = _row_start(bank, question, value, start)
        note = ""
        if answer is not None and (answer.note or answer.evidence):
            note = " ".join(md(x) for x in (answer.note, answer.evidence) if x)
        out.append(f"{line}{note or ' '} |")
    out.append("")
    return out


def _row_start(bank: Bank, question: Question, value: AnswerValue | None, start: str) -> str:
    answer = None if value is None else Answer(value)
    return f"{start}{md(answer_words(question, bank, answer))} | "


@lru_cache(maxsize=64)
def _fixed_parts(
    bank: Bank,
) -> tuple[list[str], list[tuple[Question, str, dict[AnswerValue | None, str]]]]:
    """What every report from a bank shares: 'How this was scored', the appendix's header and
    the start of each appendix row, to which each answer's words are added the first time it
    is given (worked out once per bank and answer; batches write thousands)."""
    lines = ["## How this was scored", ""]
    lines += [f"- {md(line)}" for line in scoring_explained(bank)]
    lines += ["", "## Appendix: every answer", ""]
    lines += md_table(["#", "Section", "Question", "Answer", "Note or evidence"], [])[:-1]
    titles = section_titles(bank)
    rows: list[tuple[Question, str, dict[AnswerValue | None, str]]] = [
        (q, f"| {n} | {md(titles[q.section])} | {md(q.text)} | ", {})
        for n, q in enumerate(bank.questions, 1)
    ]
    return lines, rows


def _red_flags(result: Result) -> list[str]:
    if not result.red_flags:
        return []
    out = ["## Red flags", "", RED_FLAGS_INTRO, ""]
    for question in result.red_flags:
        out.append(f"- **Red flag:** {md(flag_sentence(question))}")
        out += [f"  - What to do: {_action(a)}" for a in question.actions]
    capped = cap_sentence(result.uncapped_stage, result.overall)
    if capped:
        out += ["", md(capped)]
    return [*out, ""]


def _highlights(result: Result) -> list[str]:
    bank = result.bank
    out = ["## Strengths", ""]
    out += [
        f"{n}. {md(answered_sentence(bank, h))}" for n, h in enumerate(result.strengths, 1)
    ] or [NO_STRENGTHS]
    out += ["", "## Priorities", ""]
    if not result.priorities:
        out += [NO_PRIORITIES]
    for n, h in enumerate(result.priorities, 1):
        out += [f"{n}. {md(answered_sentence(bank, h))}"]
        out += [f"   - What to do: {_action(a)}" for a in h.question.actions]
    out += ["", "## Find out", ""]
    out += [f"- {md(q.text)}" for q in result.find_out] or [NO_FIND_OUT]
    return [*out, ""]


def _ladder(result: Result) -> list[str]:
    out = ["## The ladder of co-production", "", md(ladder_sentence(result.ladder)), ""]
    if not result.ladder:
        return out
    out += md_table(
        ["Decision", "Rung"],
        [[md(p.question.text), md(rung_words(p))] for p in result.ladder],
    )
    return out


def render_combined(combined: Combined, meta: Meta) -> str:
    """The combined report: every perspective side by side, then the gaps between them."""
    banks = md(perspectives.banks_words(combined.banks))
    out = [f"# {md(combined_title(combined.organisation))}", ""]
    out += md_table(
        ["About this report", " "],
        [
            ["Organisation", md(combined.organisation)],
            ["Responses", md(responses_words(combined))],
            ["Question banks", banks],
            ["Report date", md(meta.generated)],
        ],
    )
    if combined.hidden:
        out += [md(hidden_sentence(combined)), ""]
    identifiable = identifiable_sentence(combined)
    if identifiable:
        out += [f"**Privacy:** {md(identifiable)}", ""]
    if combined.red_flags:
        out += ["## Red flags", "", RED_FLAGS_INTRO, ""]
        out += [f"- **Red flag:** {md(raised_by_sentence(f))}" for f in combined.red_flags]
        out.append("")
    overall = combined.overall
    out += [
        "## Overall",
        "",
        f"**Combined score: {score_text(overall.score)} out of 100. "
        f"Stage: {md(stage_text(overall))}.** Each perspective counts equally.",
        "",
    ]
    capped = cap_sentence(combined.uncapped_stage, overall)
    if capped:
        out += [md(capped), ""]
    out += _figure_table("Section", perspectives.section_rows(combined), combined)
    if combined.held_by_voices:
        out += [md(voices_sentence(combined)), ""]
    out += _figure_table("Principle", perspectives.principle_rows(combined), combined)
    out += _gaps(combined)
    out += _recommendations(combined)
    out += _combined_ladder(combined)
    out += _spreads(combined)
    out += ["## How this was scored", ""]
    out += [f"- {md(line)}" for line in combined_explained(combined)]
    return "\n".join(out) + "\n"


def _spreads(combined: Combined) -> list[str]:
    """Conversations to have and how answers spread: headings, paragraphs and nested lists."""
    out: list[str] = []
    for kind, text in spread_outline(combined, md):
        if kind == HEADING:
            out += ["", f"## {text}", ""] if out and out[-1] else [f"## {text}", ""]
        elif kind == PARAGRAPH:
            out += [text, ""]
        else:
            out.append(f"{'  ' if kind == SUB_ITEM else ''}- {text}")
    return [*out, ""]


def _figure_table(first: str, rows: list[perspectives.FigureRow], combined: Combined) -> list[str]:
    """Sections (headed by the overall row) or principles: combined, then each perspective."""
    header = [md(h) for h in perspectives.figure_header(first, combined)]
    header.insert(perspectives.BAR_AT, "Bar")
    cells = []
    for row in rows:
        cells.append([md(c) for c in row.cells])
        cells[-1].insert(perspectives.BAR_AT, bar(row.figure.score))
    return [f"## {first}s", "", *md_table(header, cells)]


def _gap_row(gap: Gap, threshold: float) -> list[str]:
    return [
        md(perspectives.gap_kind(gap.kind)),
        md(gap.title),
        f"{gap.spread:.1f}",
        "yes" if gap.spread >= threshold else "no",
        _scored(gap.high).format(gap.high_score),
        _scored(gap.low).format(gap.low_score),
    ]


@lru_cache(maxsize=8)
def _scored(perspective: Perspective) -> str:
    """md() of a perspective and its score, e.g. 'staff (45.3)', with {:.1f} for the score:
    escaped once per perspective, as a score holds nothing markdown escapes (every gap's two
    cells were unique text that md() escaped afresh; tests/render/test_spread_lines.py)."""
    return md(f"{label(perspective)} ({{:.1f}})")


def _gaps(combined: Combined) -> list[str]:
    out = ["## Perception gaps", ""]
    if not combined.gaps:
        return [*out, NO_GAPS, ""]
    mirrored = pair_gaps(combined)
    if mirrored:
        out += ["### Mirrored questions", "", md(MIRRORED_INTRO), ""]
        out += [f"- {md(pair_gap_sentence(g))}" for g in mirrored] + [""]
    out += [md(large_gaps_sentence(combined)), ""]
    out += md_table(
        ["Kind", "Item", "Gap", "Large", *GAP_HEADER],
        [_gap_row(g, combined.gap_threshold) for g in combined.gaps],
    )
    return out


def _recommendations(combined: Combined) -> list[str]:
    rows = [[md(c) for c in row] for row in perspectives.recommendation_rows(combined)]
    if not rows:
        return []
    heads = [md(h) for h in perspectives.view_heads(combined)]
    return [
        "## Recommendations by perspective",
        "",
        *md_table(["Id", "Recommendation", *heads], rows),
    ]


def _combined_ladder(combined: Combined) -> list[str]:
    if not combined.ladder:
        return []
    out = ["## The ladder of co-production", ""]
    out += [md(ladder_count_sentence(combined.ladder)), ""]
    rows = [[md(c) for c in row] for row in perspectives.ladder_count_rows(combined)]
    return out + md_table(perspectives.LADDER_COUNT_HEADER, rows)


def _change_rows(moved: Sequence[Change]) -> list[list[str]]:
    return [changes.change_cells(c, md) for c in moved]


def render_comparison(comparison: Comparison, meta: Meta) -> str:
    """What changed between two assessments (or two groups of them)."""
    out = [
        f"# {changes.COMPARISON_TITLE}",
        "",
        md(changes.sides_sentence(comparison, meta.generated)),
        "",
    ]
    common = changes.common_sentence(comparison)
    if common:
        out += [md(common), ""]
    out += ["## Overall", "", f"**{md(changes.overall_change_sentence(comparison))}**", ""]
    out += ["## Sections (points out of 100)", ""]
    out += md_table(changes.CHANGE_HEADER, _change_rows(comparison.sections))
    out += ["## Principles (points out of 100)", ""]
    out += md_table(changes.CHANGE_HEADER, _change_rows(comparison.principles))
    for moved in changes.change_lists(comparison):
        out += [f"## {md(moved.title)}", ""]
        out += [f"- {md(changes.change_sentence(c))}" for c in moved.changes] or [
            changes.NOTHING_MOVED
        ]
        out.append("")
    out += ["## Red flags then and now", ""]
    out += [f"- {md(line)}" for line in changes.flag_sentences(comparison)] or [
        changes.NO_FLAGS_EITHER_SIDE
    ]
    out.append("")
    out += [f"## {changes.LADDER_CHANGE_TITLE}", ""]
    out += md_table(changes.LADDER_CHANGE_HEADER, changes.ladder_change_rows(comparison))
    out += [f"## {md(changes.QUESTIONS_CHANGE_TITLE)}", ""]
    out += md_table(changes.CHANGE_HEADER, _change_rows(comparison.questions))
    out += plan_check_markdown(comparison)
    return "\n".join(out) + "\n"


def _summary_head(meta: Meta) -> str:
    return (
        f"# coself batch summary\n\nReports made on {md(meta.generated)}. {md(SUMMARY_KEY)}\n\n"
        + "\n".join(md_table(SUMMARY_HEADER, [])[:-1])
        + "\n"
    )


def _cell(text: str) -> str:
    return md(text) or " "


def summary_row(row: Mapping[str, str]) -> str:
    """One assessment's line of the summary table (runs once per file in a batch)."""
    cells = [
        row["source"],
        row["organisation"],
        row["perspective"],
        row["bank"],
        row["bank_version"],
        row["overall"] or "—",
        row["stage_by_score"] or "—",
        row["red_flags"],
        summary_stage(row) or "—",
        f"{row['coverage']}%" if row["coverage"] else "—",
        *(row[s] or "—" for s in SECTION_IDS),
        row["reports"],
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |\n"


def _summary_tail(summary: Summary, meta: Meta) -> str:
    lines = ["", summary_end(summary), ""]
    if summary.combined:
        lines += ["## Combined reports (organisations with more than one assessment)", ""]
        lines += [f"- {_cell(name)}" for name in summary.combined]
        lines.append("")
    if summary.failures:
        lines += ["## Files that could not be used", ""]
        lines += [f"- {_cell(problem)}" for problem in summary.failures]
        lines.append("")
    return "\n".join(lines)


render_summary = StreamedSummary(_summary_head, summary_row, _summary_tail)


# Plan reports live in their own module (this one is full); they are listed from here.
from coself.render.markdown_plan import plan_check_markdown, render_feedback, render_plan  # noqa: E402, F401

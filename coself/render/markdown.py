"""The markdown report: GitHub-flavoured markdown whatever people typed."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from coself.core.model import Action, Answer, Bank
from coself.core.scoring import Figure, Result
from coself.core.text import md
from coself.core.words import answer_words
from coself.render.common import (
    bar,
    ladder_words,
    level_words,
    md_table,
    percent,
    points_to_target,
    score_text,
    scoring_explained,
    section_titles,
    stage_text,
)


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


def render_markdown(result: Result, generated: str, warnings: Sequence[str] = ()) -> str:
    """The whole markdown report for one set of answers. `generated` is the report's date."""
    bank, answers = result.bank, result.answers
    out = [f"# Co-production self-assessment: {md(answers.organisation)}", ""]
    details = [
        ["Organisation", md(answers.organisation)],
        ["Perspective", md(answers.perspective.label)],
    ]
    if answers.respondent:
        details.append(["Respondent", md(answers.respondent)])
    details += [
        ["Report date", md(generated)],
        ["Answers last updated", md(answers.updated) or "—"],
        ["Question bank", f"{md(bank.title)} ({md(bank.id)}, version {md(bank.version)})"],
        ["Status", answers.status.value],
    ]
    out += md_table(["About this report", ""], details)
    for warning in warnings:
        out += [f"> Warning: {md(warning)}", ""]
    out += _red_flags(result)
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
    out += ["## Sections", ""]
    out += md_table(
        ["Section", "Score", "Stage", "Bar", "Coverage", "N/A", "Don't know", "Unanswered"],
        [_figure_row(f) for f in result.sections],
    )
    targets = [f for f in result.sections if f.target is not None]
    if targets:
        out += ["## Targets", ""]
        out += md_table(
            ["Section", "Stage now", "Target", "Points to target"],
            [
                [
                    md(f.title),
                    md(stage_text(f)),
                    md(f.target.title),  # type: ignore[union-attr]
                    score_text(points_to_target(f)),
                ]
                for f in targets
            ],
        )
    out += ["## Principles", ""]
    out += md_table(
        ["Principle", "Score", "Bar", "Questions answered"],
        [
            [md(f.title), score_text(f.score), bar(f.score), str(f.tally.levels)]
            for f in result.principles
        ],
    )
    out += _highlights(result)
    out += _ladder(result)
    out += _fixed_parts(bank)[0]
    given = answers.answers
    for question, start in zip(bank.questions, _fixed_parts(bank)[1], strict=True):
        answer = given.get(question.id)
        note = ""
        if answer is not None and (answer.note or answer.evidence):
            note = " ".join(md(x) for x in (answer.note, answer.evidence) if x)
        words = _answer_cell(bank, question.id, None if answer is None else answer.value)
        out.append(f"{start}{words} | {note or ' '} |")
    out.append("")
    return "\n".join(out)


@lru_cache(maxsize=8192)
def _answer_cell(bank: Bank, question_id: str, value: object) -> str:
    question = bank.question(question_id)
    assert question is not None
    answer = None if value is None else Answer(value)  # type: ignore[arg-type]
    return md(answer_words(question, bank, answer))


@lru_cache(maxsize=64)
def _fixed_parts(bank: Bank) -> tuple[list[str], list[str]]:
    """What every report from a bank shares: 'How this was scored', the appendix's header and
    the start of each appendix row (worked out once per bank; batches write thousands)."""
    lines = ["## How this was scored", ""]
    lines += [f"- {md(line)}" for line in scoring_explained(bank)]
    lines += ["", "## Appendix: every answer", ""]
    lines += md_table(["#", "Section", "Question", "Answer", "Note or evidence"], [])[:-1]
    titles = section_titles(bank)
    starts = [
        f"| {n} | {md(titles[q.section])} | {md(q.text)} | "
        for n, q in enumerate(bank.questions, 1)
    ]
    return lines, starts


def _red_flags(result: Result) -> list[str]:
    if not result.red_flags:
        return []
    out = [
        "## Red flags",
        "",
        "These answers point to tokenism. An average score cannot hide them.",
        "",
    ]
    for question in result.red_flags:
        out.append(f"- **Red flag:** {md(question.text)} Answer: {question.red_flag_if}.")
        out += [f"  - What to do: {_action(a)}" for a in question.actions]
    if result.uncapped_stage is not None and result.overall.stage != result.uncapped_stage:
        out += [
            "",
            f"The score alone would give the stage {md(result.uncapped_stage.title)}; "
            f"while a red flag is raised the overall stage is held at "
            f"{md(stage_text(result.overall))}.",
        ]
    return [*out, ""]


def _highlights(result: Result) -> list[str]:
    bank = result.bank
    out = ["## Strengths", ""]
    out += [
        f"{n}. {md(h.question.text)} Answer: {md(level_words(bank, h.level))}."
        for n, h in enumerate(result.strengths, 1)
    ] or ["None yet: no question was answered at 3 or 4."]
    out += ["", "## Priorities", ""]
    if not result.priorities:
        out += ["None: no question was answered below 4."]
    for n, h in enumerate(result.priorities, 1):
        out += [f"{n}. {md(h.question.text)} Answer: {md(level_words(bank, h.level))}."]
        out += [f"   - What to do: {_action(a)}" for a in h.question.actions]
    out += ["", "## Find out", ""]
    out += [f"- {md(q.text)}" for q in result.find_out] or ["Nothing: no 'don't know' answers."]
    return [*out, ""]


def _ladder(result: Result) -> list[str]:
    if not result.ladder:
        return []
    out = [
        "## The ladder of co-production",
        "",
        "Where real decisions sit on the ladder (not part of the score): "
        + ladder_words(result.ladder),
        "",
    ]
    out += md_table(
        ["Decision", "Rung"],
        [
            [md(p.question.text), md(f"{p.rung.title} (rung {p.rung.rung}, {p.rung.group})")]
            for p in result.ladder
        ],
    )
    return out

"""Self-contained HTML reports for boards: inline CSS, no JavaScript, nothing fetched, every
piece of text escaped, tables with captions and header cells, and an SVG chart with a text
alternative. Built from the same results as the markdown reports."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from coself.core.combine import Combined
from coself.core.compare import Change, Comparison
from coself.core.model import Action
from coself.core.scoring import Figure, Result
from coself.core.text import clean
from coself.core.words import answer_words
from coself.render import Meta, changes, perspectives
from coself.render.common import (
    NO_FIND_OUT,
    NO_PRIORITIES,
    NO_SCORE,
    NO_STRENGTHS,
    RED_FLAGS_INTRO,
    answered_sentence,
    bank_words,
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
)
from coself.render.workshop import workshop_blocks

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;max-width:62rem;
margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;line-height:1.5}
h1{font-size:1.7rem}h2{font-size:1.35rem;margin-top:2rem;border-bottom:2px solid #1d4f91}
table{border-collapse:collapse;margin:1rem 0;width:100%}
caption{font-weight:bold;text-align:left;padding:.3rem 0}
th,td{border:1px solid #595959;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#e8eef7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.flag{border:3px solid #a00000;padding:.6rem 1rem;margin:1rem 0}
.flag strong{color:#a00000}a{color:#1d4f91}
svg text{font-family:inherit;font-size:13px;fill:#1a1a1a}
@media print{h2{page-break-after:avoid}}
"""
_PALETTE = ("#1d4f91", "#7a3e00", "#2f6b2f", "#6b2f6b", "#3d3d3d")  # all dark on white


def esc(text: object) -> str:
    """Any text from a file or a person, safe in HTML content and attributes."""
    return html.escape(clean(str(text)), quote=True)


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _table(
    caption: str, header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A table; header and caption are plain text, cells are already-escaped HTML."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>']
        cells += [
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row[1:], 1)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table>\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n"
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )


def _action(action: Action) -> str:
    url = action.page.url if action.page.url.startswith("https://") else "#"
    return f'{esc(action.text)} (guide: <a href="{esc(url)}">{esc(action.page.title)}</a>)'


def chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
) -> str:
    """A horizontal bar chart of scores 0-100, one group of bars per label, one bar per series.
    Every bar carries its series name and value in text; the title and description give a
    screen reader the whole chart in words."""
    n = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")  # one chart per title in a page
    bar_h, gap, left, width = 16, 10, 190, 300
    rows = len(labels) * len(series)
    height = rows * (bar_h + 4) + len(labels) * gap + 20
    words = []
    parts = []
    y = 10
    for i, row_label in enumerate(labels):
        for s, (name, values) in enumerate(series):
            value = values[i]
            shown = score_text(value)
            words.append(f"{row_label}{', ' + name if len(series) > 1 else ''}: {shown}")
            if s == 0:
                parts.append(f'<text x="0" y="{y + 12}">{esc(row_label)}</text>')
            w = 0 if value is None else round(width * value / 100)
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" '
                f'fill="{_PALETTE[s % len(_PALETTE)]}"/>'
            )
            name_part = f"{name}: " if len(series) > 1 else ""
            parts.append(f'<text x="{left + w + 6}" y="{y + 12}">{esc(name_part + shown)}</text>')
            y += bar_h + 4
        y += gap
    desc = "; ".join(words) + ". Scores are out of 100."
    return (
        f'<figure>\n<svg role="img" aria-labelledby="chart{n}-title chart{n}-desc" '
        f'width="100%" viewBox="0 0 {left + width + 330} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">\n'
        f'<title id="chart{n}-title">{esc(title)}</title>\n'
        f'<desc id="chart{n}-desc">{esc(desc)}</desc>\n'
        + "\n".join(parts)
        + f"\n</svg>\n<figcaption>{esc(title)}. The table below gives the same figures."
        "</figcaption>\n</figure>"
    )


def _figure_rows(figures: Sequence[Figure]) -> list[list[str]]:
    return [
        [
            esc(f.title),
            score_text(f.score),
            esc(stage_text(f)),
            percent(f.tally.coverage),
            str(f.tally.na),
            str(f.tally.dont_know),
            str(f.tally.unanswered),
        ]
        for f in figures
    ]


def _p(sentence: str) -> str:
    return f"<p>{esc(sentence)}</p>"


def _workshop(result: Result, min_group: int) -> list[str]:
    """A workshop's conversations to have, gaps and votes; nothing for one person's answers."""
    body: list[str] = []
    for block in workshop_blocks(result, min_group):
        body += [f"<h2>{esc(block.heading)}</h2>", _p(block.intro)]
        items = [
            f"<li><strong>{esc(item.title)}</strong><ul>"
            + "".join(f"<li>{esc(line)}</li>" for line in item.lines)
            + "</ul></li>"
            for item in block.items
        ]
        body += ["<ul>", *items, "</ul>"] if items else []
    return body


def render_single(result: Result, meta: Meta) -> str:
    """One assessment's report as a page."""
    title = single_title(result.answers.organisation)
    body = [f"<h1>{esc(title)}</h1>", _about(result, meta)]
    body += [f"<p><strong>Warning:</strong> {esc(w)}</p>" for w in meta.warnings]
    if result.red_flags:
        body.append(f'<section class="flag"><h2>Red flags</h2>{_p(RED_FLAGS_INTRO)}<ul>')
        body += [
            f"<li><strong>Red flag:</strong> {esc(flag_sentence(q))}"
            f"<ul>{''.join(f'<li>What to do: {_action(a)}</li>' for a in q.actions)}"
            "</ul></li>"
            for q in result.red_flags
        ]
        body.append("</ul></section>")
    body += _workshop(result, meta.min_group)
    overall = result.overall
    body += [
        "<h2>Overall</h2>",
        f"<p><strong>Score: {score_text(overall.score)} out of 100. "
        f"Stage: {esc(stage_text(overall))}.</strong> Coverage: "
        f"{percent(overall.tally.coverage)} of questions answered on the scale.</p>",
    ]
    if overall.stage is not None:
        body.append(_p(overall.stage.description))
    capped = cap_sentence(result.uncapped_stage, overall)
    if capped:
        body.append(_p(capped))
    body += _figures(result)
    body += _lists_html(result)
    body += _ladder(result)
    body += ["<h2>How this was scored</h2>", "<ul>"]
    body += [f"<li>{esc(line)}</li>" for line in scoring_explained(result.bank)]
    body += ["</ul>", "<h2>Appendix: every answer</h2>", _appendix(result)]
    return _page(title, body)


def _about(result: Result, meta: Meta) -> str:
    answers = result.answers
    about = [
        ["Organisation", esc(answers.organisation)],
        ["Perspective", esc(answers.perspective.label)],
    ]
    if answers.respondent:
        about.append(["Respondent", esc(answers.respondent)])
    about += [
        ["Report date", esc(meta.generated)],
        ["Answers last updated", esc(answers.updated) or NO_SCORE],
        ["Question bank", esc(bank_words(result.bank))],
        ["Status", esc(answers.status.value)],
    ]
    return _table("About this report", ["Item", "Detail"], about)


def _figures(result: Result) -> list[str]:
    """The sections (a chart, then the table), targets where set, and the principles."""
    sections = result.sections
    out = [
        "<h2>Sections</h2>",
        chart(
            "Section scores", [f.title for f in sections], [("Score", [f.score for f in sections])]
        ),
        _table(
            "Sections: score out of 100, stage and coverage",
            ["Section", "Score", "Stage", "Coverage", "N/A", "Don't know", "Unanswered"],
            _figure_rows(sections),
            numeric=(1, 3, 4, 5, 6),
        ),
    ]
    targets = [
        [esc(f.title), esc(stage_text(f)), esc(f.target.title), score_text(points_to_target(f))]
        for f in sections
        if f.target is not None
    ]
    if targets:
        header = ["Section", "Stage now", "Target", "Points to target"]
        out.append(_table("Targets", header, targets, numeric=(3,)))
    principles = [[esc(c) for c in perspectives.principle_cells(f)] for f in result.principles]
    return [
        *out,
        "<h2>Principles</h2>",
        _table(
            "Principles: score out of 100",
            perspectives.PRINCIPLE_HEADER,
            principles,
            numeric=(1, 3, 4),
        ),
    ]


def _ladder(result: Result) -> list[str]:
    out = ["<h2>The ladder of co-production</h2>", _p(ladder_sentence(result.ladder))]
    if not result.ladder:
        return out
    rows = [[esc(p.question.text), esc(rung_words(p))] for p in result.ladder]
    return [*out, _table("Decisions on the ladder", ["Decision", "Rung"], rows)]


def _appendix(result: Result) -> str:
    bank, given = result.bank, result.answers.answers
    titles = section_titles(bank)
    rows = []
    for n, question in enumerate(bank.questions, 1):
        answer = given.get(question.id)
        note = " ".join(esc(x) for x in (answer.note, answer.evidence) if x) if answer else ""
        words = esc(answer_words(question, bank, answer))
        rows.append([str(n), esc(titles[question.section]), esc(question.text), words, note])
    header = ["Number", "Section", "Question", "Answer", "Note or evidence"]
    return _table("Every answer", header, rows)


def _lists_html(result: Result) -> list[str]:
    bank = result.bank
    out = ["<h2>Strengths</h2>"]
    out += (
        ["<ol>"]
        + [f"<li>{esc(answered_sentence(bank, h))}</li>" for h in result.strengths]
        + ["</ol>"]
        if result.strengths
        else [_p(NO_STRENGTHS)]
    )
    out.append("<h2>Priorities</h2>")
    if result.priorities:
        out.append("<ol>")
        for h in result.priorities:
            actions = "".join(f"<li>What to do: {_action(a)}</li>" for a in h.question.actions)
            out.append(f"<li>{esc(answered_sentence(bank, h))}<ul>{actions}</ul></li>")
        out.append("</ol>")
    else:
        out.append(_p(NO_PRIORITIES))
    out.append("<h2>Find out</h2>")
    out += (
        ["<ul>"] + [f"<li>{esc(q.text)}</li>" for q in result.find_out] + ["</ul>"]
        if result.find_out
        else [_p(NO_FIND_OUT)]
    )
    return out


def render_combined(combined: Combined, meta: Meta) -> str:
    """The combined report as a page (built in coself.render.html_combined, which builds on this
    module's tables: imported here when called, so either module may be imported first)."""
    from coself.render.html_combined import combined_page

    return combined_page(combined, meta)


def _change_table(caption: str, moved: Sequence[Change]) -> str:
    return _table(
        caption,
        changes.CHANGE_HEADER,
        [changes.change_cells(c, esc) for c in moved],
        numeric=(1, 2, 3),
    )


def render_comparison(comparison: Comparison, meta: Meta) -> str:
    """What changed, as a page: the overall score and stage, a chart of the sections before and
    after, the tables, what moved (scores apart from answers), red flags and the ladder."""
    body = [
        f"<h1>{esc(changes.COMPARISON_TITLE)}</h1>",
        _p(changes.sides_sentence(comparison, meta.generated)),
    ]
    common = changes.common_sentence(comparison)
    if common:
        body.append(_p(common))
    sections = comparison.sections
    body += [
        "<h2>Overall</h2>",
        f"<p><strong>{esc(changes.overall_change_sentence(comparison))}</strong></p>",
        "<h2>Sections (points out of 100)</h2>",
        chart(
            "Section scores before and after",
            [c.title for c in sections],
            [("Before", [c.before for c in sections]), ("After", [c.after for c in sections])],
        ),
        _change_table("Sections before and after", sections),
        "<h2>Principles (points out of 100)</h2>",
        _change_table("Principles before and after", comparison.principles),
    ]
    for moved in changes.change_lists(comparison):
        body.append(f"<h2>{esc(moved.title)}</h2>")
        body.append(
            _list([changes.change_sentence(c) for c in moved.changes]) or _p(changes.NOTHING_MOVED)
        )
    body.append("<h2>Red flags then and now</h2>")
    body.append(_list(changes.flag_sentences(comparison)) or _p(changes.NO_FLAGS_EITHER_SIDE))
    body += [
        f"<h2>{esc(changes.LADDER_CHANGE_TITLE)}</h2>",
        _table(
            changes.LADDER_CHANGE_TITLE,
            changes.LADDER_CHANGE_HEADER,
            [[esc(cell) for cell in row] for row in changes.ladder_change_rows(comparison)],
            numeric=(1, 2),
        ),
        f"<h2>{esc(changes.QUESTIONS_CHANGE_TITLE)}</h2>",
        _change_table("Questions before and after (levels 0 to 4)", comparison.questions),
    ]
    body += plan_check_html(comparison)
    return _page(changes.COMPARISON_TITLE, body)


def _list(lines: Sequence[str]) -> str:
    """A bulleted list of plain sentences; empty when there are none."""
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>"


# Plan reports live in their own module (this one is full); they are listed from here.
from coself.render.html_plan import plan_check_html, render_feedback, render_plan  # noqa: E402, F401

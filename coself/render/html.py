"""Self-contained HTML reports for boards: inline CSS, no JavaScript, nothing fetched, every
piece of text escaped, tables with captions and header cells, and an SVG chart with a text
alternative. Built from the same results as the markdown reports."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from coself.core.combine import Combined
from coself.core.compare import Change, Comparison
from coself.core.model import PERSPECTIVE_LABELS, Action
from coself.core.scoring import Figure, Result, round1
from coself.core.text import clean
from coself.core.words import answer_words
from coself.render.common import (
    ladder_words,
    level_words,
    percent,
    points_to_target,
    score_text,
    scoring_explained,
    stage_text,
)

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
    for i, label in enumerate(labels):
        for s, (name, values) in enumerate(series):
            value = values[i]
            shown = score_text(value)
            words.append(f"{label}{', ' + name if len(series) > 1 else ''}: {shown}")
            if s == 0:
                parts.append(f'<text x="0" y="{y + 12}">{esc(label)}</text>')
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


def render_html(result: Result, generated: str, warnings: Sequence[str] = ()) -> str:
    bank, answers = result.bank, result.answers
    title = f"Co-production self-assessment: {answers.organisation}"
    body = [f"<h1>{esc(title)}</h1>"]
    about = [
        ["Organisation", esc(answers.organisation)],
        ["Perspective", esc(answers.perspective.label)],
    ]
    if answers.respondent:
        about.append(["Respondent", esc(answers.respondent)])
    about += [
        ["Report date", esc(generated)],
        ["Question bank", f"{esc(bank.title)} ({esc(bank.id)}, version {esc(bank.version)})"],
        ["Status", esc(answers.status.value)],
    ]
    body.append(_table("About this report", ["Item", "Detail"], about))
    body += [f"<p><strong>Warning:</strong> {esc(w)}</p>" for w in warnings]
    if result.red_flags:
        body.append(
            '<section class="flag"><h2>Red flags</h2><p>These answers point to '
            "tokenism. An average score cannot hide them.</p><ul>"
        )
        body += [
            f"<li><strong>Red flag:</strong> {esc(q.text)} Answer: {esc(q.red_flag_if)}."
            f"<ul>{''.join(f'<li>What to do: {_action(a)}</li>' for a in q.actions)}"
            "</ul></li>"
            for q in result.red_flags
        ]
        body.append("</ul></section>")
    overall = result.overall
    body += [
        "<h2>Overall</h2>",
        f"<p><strong>Score: {score_text(overall.score)} out of 100. "
        f"Stage: {esc(stage_text(overall))}.</strong> Coverage: "
        f"{percent(overall.tally.coverage)} of questions answered on the scale.</p>",
    ]
    if result.uncapped_stage is not None and overall.stage != result.uncapped_stage:
        body.append(
            f"<p>The score alone would give {esc(result.uncapped_stage.title)}; while a "
            f"red flag is raised the overall stage is held at "
            f"{esc(stage_text(overall))}.</p>"
        )
    body.append("<h2>Sections</h2>")
    body.append(
        chart(
            "Section scores",
            [f.title for f in result.sections],
            [("Score", [f.score for f in result.sections])],
        )
    )
    body.append(
        _table(
            "Sections: score out of 100, stage and coverage",
            ["Section", "Score", "Stage", "Coverage", "N/A", "Don't know", "Unanswered"],
            _figure_rows(result.sections),
            numeric=(1, 3, 4, 5, 6),
        )
    )
    targets = [f for f in result.sections if f.target is not None]
    if targets:
        body.append(
            _table(
                "Targets",
                ["Section", "Stage now", "Target", "Points to target"],
                [
                    [
                        esc(f.title),
                        esc(stage_text(f)),
                        esc(f.target.title),  # type: ignore[union-attr]
                        score_text(points_to_target(f)),
                    ]
                    for f in targets
                ],
                numeric=(3,),
            )
        )
    body += [
        "<h2>Principles</h2>",
        _table(
            "Principles: score out of 100",
            ["Principle", "Score", "Questions answered"],
            [[esc(f.title), score_text(f.score), str(f.tally.levels)] for f in result.principles],
            numeric=(1, 2),
        ),
    ]
    body += _lists_html(result)
    if result.ladder:
        body += [
            "<h2>The ladder of co-production</h2>",
            f"<p>Where real decisions sit (not part of the score): "
            f"{esc(ladder_words(result.ladder))}</p>",
            _table(
                "Decisions on the ladder",
                ["Decision", "Rung"],
                [
                    [
                        esc(p.question.text),
                        esc(f"{p.rung.title} (rung {p.rung.rung}, {p.rung.group})"),
                    ]
                    for p in result.ladder
                ],
            ),
        ]
    body += ["<h2>How this was scored</h2>", "<ul>"]
    body += [f"<li>{esc(line)}</li>" for line in scoring_explained(bank)]
    body += ["</ul>", "<h2>Appendix: every answer</h2>"]
    rows = []
    for n, question in enumerate(bank.questions, 1):
        answer = answers.answers.get(question.id)
        note = " ".join(esc(x) for x in (answer.note, answer.evidence) if x) if answer else ""
        rows.append([str(n), esc(question.text), esc(answer_words(question, bank, answer)), note])
    body.append(_table("Every answer", ["Number", "Question", "Answer", "Note or evidence"], rows))
    return _page(title, body)


def _lists_html(result: Result) -> list[str]:
    bank = result.bank
    out = ["<h2>Strengths</h2>"]
    out += (
        ["<ol>"]
        + [
            f"<li>{esc(h.question.text)} Answer: {esc(level_words(bank, h.level))}.</li>"
            for h in result.strengths
        ]
        + ["</ol>"]
        if result.strengths
        else ["<p>None yet: no question was answered at 3 or 4.</p>"]
    )
    out.append("<h2>Priorities</h2>")
    if result.priorities:
        out.append("<ol>")
        for h in result.priorities:
            actions = "".join(f"<li>What to do: {_action(a)}</li>" for a in h.question.actions)
            out.append(
                f"<li>{esc(h.question.text)} Answer: {esc(level_words(bank, h.level))}."
                f"<ul>{actions}</ul></li>"
            )
        out.append("</ol>")
    else:
        out.append("<p>None: no question was answered below 4.</p>")
    out.append("<h2>Find out</h2>")
    out += (
        ["<ul>"] + [f"<li>{esc(q.text)}</li>" for q in result.find_out] + ["</ul>"]
        if result.find_out
        else ["<p>Nothing: no 'don't know' answers.</p>"]
    )
    return out


def render_combined_html(combined: Combined, generated: str) -> str:
    from coself.render.combined import combined_explained

    views = combined.views
    shown = [v for v in views if v.shown]
    title = f"Co-production self-assessment, all perspectives: {combined.organisation}"
    body = [
        f"<h1>{esc(title)}</h1>",
        _table(
            "About this report",
            ["Item", "Detail"],
            [
                ["Organisation", esc(combined.organisation)],
                [
                    "Responses",
                    esc(
                        ", ".join(
                            f"{v.respondents} {PERSPECTIVE_LABELS[v.perspective]}" for v in views
                        )
                    ),
                ],
                ["Report date", esc(generated)],
            ],
        ),
    ]
    if combined.hidden:
        body.append(
            f"<p>To protect privacy, perspectives with fewer than {combined.min_group} "
            "responses are not shown and not counted: "
            + esc(", ".join(PERSPECTIVE_LABELS[v.perspective] for v in combined.hidden))
            + ".</p>"
        )
    if combined.red_flags:
        body.append('<section class="flag"><h2>Red flags</h2><ul>')
        body += [
            f"<li><strong>Red flag:</strong> {esc(f.question.text)} Raised by {f.count} "
            f"respondent(s): {esc(', '.join(PERSPECTIVE_LABELS[p] for p in f.perspectives))}"
            ".</li>"
            for f in combined.red_flags
        ]
        body.append("</ul></section>")
    overall = combined.overall
    body += [
        "<h2>Overall</h2>",
        f"<p><strong>Combined score: {score_text(overall.score)} out "
        f"of 100. Stage: {esc(stage_text(overall))}.</strong> Each perspective counts "
        "equally.</p>",
        "<h2>Sections</h2>",
    ]
    labels = [f.title for f in combined.sections]
    series = [("Combined", [f.score for f in combined.sections])] + [
        (
            PERSPECTIVE_LABELS[v.perspective].capitalize(),
            [None if (s := v.sections.get(f.id)) is None else round1(s) for f in combined.sections],
        )
        for v in shown
    ]
    body.append(chart("Section scores by perspective", labels, series))
    header = [
        "Section",
        "Combined",
        "Stage",
        *(PERSPECTIVE_LABELS[v.perspective].capitalize() for v in views),
    ]
    rows = [
        [
            esc(f.title),
            score_text(f.score),
            esc(stage_text(f)),
            *(
                score_text(None if (s := v.sections.get(f.id)) is None else round1(s))
                if v.shown
                else esc(f"fewer than {combined.min_group} responses")
                for v in views
            ),
        ]
        for f in combined.sections
    ]
    body.append(_table("Sections: combined and by perspective", header, rows))
    if combined.held_by_voices:
        body.append(
            "<p>Nothing about us without us: some section stages are held at the stage "
            "that the answers of people who draw on care and carers give.</p>"
        )
    body += [
        "<h2>Perception gaps</h2>",
        _table(
            f"Gaps between perspectives (large: {combined.gap_threshold:g} points or more)",
            ["Item", "Kind", "Gap", "Large", "Sees it more positively", "Sees it less positively"],
            [
                [
                    esc(g.title),
                    esc(g.kind),
                    f"{g.spread:.1f}",
                    "yes" if g.spread >= combined.gap_threshold else "no",
                    esc(f"{PERSPECTIVE_LABELS[g.high]} ({g.high_score:.1f})"),
                    esc(f"{PERSPECTIVE_LABELS[g.low]} ({g.low_score:.1f})"),
                ]
                for g in combined.gaps
            ],
            numeric=(2,),
        ),
    ]
    body += ["<h2>How this was scored</h2>", "<ul>"]
    body += [f"<li>{esc(line)}</li>" for line in combined_explained(combined)]
    body.append("</ul>")
    return _page(title, body)


def _change_rows(changes: Sequence[Change]) -> list[list[str]]:
    def num(v: float | None) -> str:
        return "—" if v is None else f"{v:.1f}"

    return [
        [
            esc(c.title),
            num(c.before),
            num(c.after),
            "—" if c.change is None else f"{c.change:+.1f}",
            "not comparable"
            if c.change is None
            else ("up" if c.change > 0 else "down" if c.change < 0 else "same"),
        ]
        for c in changes
    ]


def render_comparison_html(comparison: Comparison, generated: str) -> str:
    title = "Co-production self-assessment: what changed"
    body = [f"<h1>{esc(title)}</h1>", f"<p>Report date: {esc(generated)}.</p>"]
    if comparison.common is not None:
        shared, total = comparison.common
        body.append(
            f"<p>The bank versions differ: {shared} of {total} questions in common. "
            "Only those are scored on both sides.</p>"
        )
    header = ["Item", "Before", "After", "Change", "Direction"]
    body += [
        "<h2>Sections</h2>",
        chart(
            "Section scores before and after",
            [c.title for c in comparison.sections],
            [
                ("Before", [c.before for c in comparison.sections]),
                ("After", [c.after for c in comparison.sections]),
            ],
        ),
        _table(
            "Sections before and after",
            header,
            _change_rows(comparison.sections),
            numeric=(1, 2, 3),
        ),
        "<h2>Principles</h2>",
        _table(
            "Principles before and after",
            header,
            _change_rows(comparison.principles),
            numeric=(1, 2, 3),
        ),
        "<h2>Every question</h2>",
        _table(
            "Questions before and after (levels 0 to 4)",
            header,
            _change_rows(comparison.questions),
            numeric=(1, 2, 3),
        ),
    ]
    return _page(title, body)

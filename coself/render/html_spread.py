"""The combined HTML report's distributions: per question a diverging bar chart with a table of
the same counts beside it, the conversations to have, and how sections spread over stages."""

from __future__ import annotations

from coself.core.combine import Combined
from coself.core.distributions import QuestionSpread, SectionSpread
from coself.render.distributions import (
    CONVERSATIONS_INTRO,
    NO_SPLITS,
    NOTHING_SHOWN,
    SECTION_SPREAD_INTRO,
    SPREAD_INTRO,
    diverging_svg,
    group_name,
    question_heading,
    split_words,
    spread_cells,
    spread_header,
    stage_median_text,
)
from coself.render.html import _p, _table, esc


def spread_sections(combined: Combined) -> list[str]:
    """Conversations to have, every question's spread, then every section's, as HTML."""
    body = ["<h2>Conversations to have</h2>", _p(CONVERSATIONS_INTRO)]
    conversations = combined.conversations
    if conversations:
        body.append("<ul>")
        body += [
            f"<li>{esc(question_heading(q))} {esc(split_words(q))}</li>" for q in conversations
        ]
        body.append("</ul>")
    else:
        body.append(_p(NO_SPLITS))
    body += ["<h2>How answers spread</h2>", _p(SPREAD_INTRO)]
    if not combined.questions:
        body.append(_p(NOTHING_SHOWN))
    for n, question in enumerate(combined.questions, 1):
        body += [f"<h3>{esc(question_heading(question))}</h3>", _question(question, n)]
    body += ["<h2>How sections spread</h2>", _p(SECTION_SPREAD_INTRO)]
    if not combined.section_spreads:
        body.append(_p(NOTHING_SHOWN))
    body += [_section(section) for section in combined.section_spreads]
    return body


def _question(question: QuestionSpread, n: int) -> str:
    header = ["Group", "Asked", *spread_header(question.whole.spread)]
    rows = [
        [esc(group_name(g.perspective)), str(g.asked), *map(esc, spread_cells(g))]
        for g in question.groups
    ]
    numeric = tuple(range(1, len(header) - 1))
    table = _table(f"Answers by group: {question.question.id}", header, rows, numeric)
    # Side by side where the page is wide enough, one under the other if not (styled inline,
    # so that the other reports' shared style sheet stays as it is).
    side = '<div style="flex:1 1 24rem;min-width:0">'
    return (
        '<div style="display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-start">\n'
        f"{side}{diverging_svg(question, esc, n)}</div>\n{side}{table}</div>\n</div>"
    )


def _section(section: SectionSpread) -> str:
    header = ["Group", "Respondents", *(s.title for s in section.stages)]
    header += ["Not enough answers", "Middle stage"]
    rows = [
        [
            esc(group_name(g.perspective)),
            str(g.respondents),
            *map(str, g.counts),
            str(g.not_enough),
            esc(stage_median_text(section.stages, g.median)),
        ]
        for g in section.groups
    ]
    numeric = tuple(range(1, len(header) - 1))
    return _table(f"Stages reached in {section.title}, by group", header, rows, numeric)

"""The combined report as an HTML page: a chart of each perspective, the figures combined and by
perspective, the gaps, recommendations, the ladder and the distributions (coself.render.html
lists it)."""

from __future__ import annotations

from coself.core.combine import Combined
from coself.core.scoring import round1
from coself.render import Meta, common, perspectives
from coself.render.distributions import identifiable_sentence
from coself.render.html import _p, _page, _table, chart, esc
from coself.render.html_spread import spread_sections


def combined_page(combined: Combined, meta: Meta) -> str:
    """The combined report as a page: a chart of each perspective, then the tables."""
    title = common.combined_title(combined.organisation)
    about = [
        ["Organisation", esc(combined.organisation)],
        ["Responses", esc(common.responses_words(combined))],
        ["Question banks", esc(perspectives.banks_words(combined.banks))],
        ["Report date", esc(meta.generated)],
    ]
    body = [f"<h1>{esc(title)}</h1>", _table("About this report", ["Item", "Detail"], about)]
    if combined.hidden:
        body.append(_p(common.hidden_sentence(combined)))
    identifiable = identifiable_sentence(combined)
    if identifiable:
        body.append(f"<p><strong>Privacy:</strong> {esc(identifiable)}</p>")
    if combined.red_flags:
        body.append(f'<section class="flag"><h2>Red flags</h2>{_p(common.RED_FLAGS_INTRO)}<ul>')
        body += [
            f"<li><strong>Red flag:</strong> {esc(common.raised_by_sentence(f))}</li>"
            for f in combined.red_flags
        ]
        body.append("</ul></section>")
    overall = combined.overall
    body += [
        "<h2>Overall</h2>",
        f"<p><strong>Combined score: {common.score_text(overall.score)} out "
        f"of 100. Stage: {esc(common.stage_text(overall))}.</strong> Each perspective counts "
        "equally.</p>",
    ]
    capped = common.cap_sentence(combined.uncapped_stage, overall)
    if capped:
        body.append(_p(capped))
    body += ["<h2>Sections</h2>", *_combined_sections(combined)]
    if combined.held_by_voices:
        body.append(_p(common.voices_sentence(combined)))
    body += [
        "<h2>Principles</h2>",
        _figure_table("Principle", perspectives.principle_rows(combined), combined),
    ]
    body.append("<h2>Perception gaps</h2>")
    mirrored = common.pair_gaps(combined)
    if mirrored:
        body += ["<h3>Mirrored questions</h3>", _p(common.MIRRORED_INTRO), "<ul>"]
        body += [f"<li>{esc(common.pair_gap_sentence(g))}</li>" for g in mirrored]
        body.append("</ul>")
    body.append(_gaps(combined))
    body += _combined_tables(combined)
    body += spread_sections(combined)
    body += ["<h2>How this was scored</h2>", "<ul>"]
    body += [f"<li>{esc(line)}</li>" for line in common.combined_explained(combined)]
    body.append("</ul>")
    return _page(title, body)


def _combined_sections(combined: Combined) -> list[str]:
    views, sections = combined.views, combined.sections
    series = [("Combined", [f.score for f in sections])] + [
        (
            common.label(v.perspective).capitalize(),
            [None if (s := v.sections.get(f.id)) is None else round1(s) for f in sections],
        )
        for v in views
        if v.shown
    ]
    return [
        chart("Section scores by perspective", [f.title for f in sections], series),
        _figure_table("Section", perspectives.section_rows(combined), combined),
    ]


def _figure_table(first: str, rows: list[perspectives.FigureRow], combined: Combined) -> str:
    """Sections (headed by the overall row) or principles, combined and by perspective."""
    return _table(
        f"{first}s: combined and by perspective",
        perspectives.figure_header(first, combined),
        [[esc(c) for c in row.cells] for row in rows],
        numeric=(1, 3),
    )


def _combined_tables(combined: Combined) -> list[str]:
    """Recommendations by perspective and the ladder's counts, where there are any."""
    body = []
    recommendations = perspectives.recommendation_rows(combined)
    if recommendations:
        body.append("<h2>Recommendations by perspective</h2>")
        header = ["Id", "Recommendation", *perspectives.view_heads(combined)]
        rows = [[esc(c) for c in row] for row in recommendations]
        body.append(_table("Recommendation scores by perspective", header, rows))
    if combined.ladder:
        body += [
            "<h2>The ladder of co-production</h2>",
            _p(common.ladder_count_sentence(combined.ladder)),
        ]
        rows = [[esc(c) for c in row] for row in perspectives.ladder_count_rows(combined)]
        body.append(
            _table("Decisions on the ladder", perspectives.LADDER_COUNT_HEADER, rows, numeric=(3,))
        )
    return body


def _gaps(combined: Combined) -> str:
    threshold = combined.gap_threshold
    return _table(
        f"Gaps between perspectives (large: {threshold:g} points or more)",
        ["Item", "Kind", "Gap", "Large", *common.GAP_HEADER],
        [
            [
                esc(g.title),
                esc(perspectives.gap_kind(g.kind)),
                f"{g.spread:.1f}",
                "yes" if g.spread >= threshold else "no",
                esc(f"{common.label(g.high)} ({g.high_score:.1f})"),
                esc(f"{common.label(g.low)} ({g.low_score:.1f})"),
            ]
            for g in combined.gaps
        ],
        numeric=(2,),
    )

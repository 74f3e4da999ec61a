"""HTML reports: self-contained, escaped, structured, with a chart that has a text alternative."""

from __future__ import annotations

from pathlib import Path

from conftest import MINI_DIR, make_answers
from html_check import check_html

from coself.core.combine import combine
from coself.core.compare import compare
from coself.core.model import Answer, Perspective
from coself.core.scoring import score
from coself.render import Meta
from coself.render.html import render_combined, render_comparison, render_single

HOSTILE = (
    'Acme <script>alert("x")</script> & [red]Co[/] \x1b]8;;http://evil\x07link '
    '<img src=x onerror=alert(1)> "quoted" \u202eevil'
)
SEEN = HOSTILE.replace("\x1b", "").replace("\x07", "").replace("\u202e", "")


def _hostile(mini):  # type: ignore[no-untyped-def]
    return make_answers(
        mini,
        {
            "c-one": Answer(3, note=HOSTILE, evidence="<b>bold</b>"),
            "c-two": "na",
            "r-one": 1,
            "flag-late": "yes",
            "ladder-design": "co-design",
        },
        organisation=HOSTILE,
        respondent=HOSTILE,
    )


def test_single_html_report(mini) -> None:  # type: ignore[no-untyped-def]
    page = render_single(score(mini, _hostile(mini)), Meta("2026-11-26"))
    parsed = check_html(page)
    text = "".join(parsed.text)
    assert SEEN in text  # shown literally, as text
    assert "<script>" not in page and "onerror" not in [a for _, t in parsed.tags for a in t]
    assert "&lt;script&gt;" in page
    assert "Culture: 75.0" in parsed.svg_desc  # c-one 3; c-two not applicable
    assert "Red flag" in text


def test_combined_html_report_charts_each_perspective(library) -> None:  # type: ignore[no-untyped-def]
    mini, voices = library.get("mini"), library.get("minivoices")
    results = [
        score(
            mini,
            make_answers(mini, {"c-one": 4}, organisation=HOSTILE, perspective=Perspective.STAFF),
        ),
        score(
            voices,
            make_answers(voices, {"v-c1": 1}, organisation=HOSTILE, perspective=Perspective.CARER),
        ),
    ]
    page = render_combined(combine(results, min_group=1), Meta("2026-11-26"))
    parsed = check_html(page)
    assert "Culture, Staff: 100.0" in parsed.svg_desc and "Culture, Carers: 25.0" in parsed.svg_desc
    assert SEEN in "".join(parsed.text)


def test_comparison_html(mini) -> None:  # type: ignore[no-untyped-def]
    before = score(mini, make_answers(mini, {"c-one": 1}))
    after = score(mini, make_answers(mini, {"c-one": 3}))
    parsed = check_html(render_comparison(compare([before], [after]), Meta("2026-11-26")))
    assert "Culture, Before: 25.0" in parsed.svg_desc and "Culture, After: 75.0" in parsed.svg_desc


def test_html_from_every_command(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for name, perspective, level in (("a", "staff", 1), ("b", "carer", 3)):
        (folder / f"{name}.yaml").write_text(
            f"format: 1\nbank: mini\norganisation: '<i>Acme</i>'\nperspective: {perspective}\n"
            f"answers:\n  c-one: {level}\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    code, _, err = cli("batch", folder, "-o", out, "--format", "html", "--banks-dir", MINI_DIR)
    assert code == 0, err
    pages = sorted(out.glob("*.html"))
    assert [p.name for p in pages] == [
        "combined-i-acme-i.html",
        "i-acme-i-carer-mini.html",
        "i-acme-i-staff-mini.html",
    ]
    for page in pages:
        check_html(page.read_text(encoding="utf-8"))
    code, stdout, _ = cli("report", folder / "a.yaml", "--format", "html", "--banks-dir", MINI_DIR)
    assert code == 0 and "&lt;i&gt;Acme&lt;/i&gt;" in stdout
    check_html(stdout)
    code, stdout, _ = cli(
        "compare", folder / "a.yaml", folder / "b.yaml", "--format", "html", "--banks-dir", MINI_DIR
    )
    assert code == 0
    check_html(stdout)

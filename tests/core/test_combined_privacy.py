"""Issue 13, items 1 and 2: small groups stay private in every format, and answers are shown
as distributions (counts, medians, splits) that add up to the respondents."""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers
from html_check import check_html
from markdown_check import check_markdown

from coself.core.combine import Combined, combine
from coself.core.model import Perspective
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import Result, score
from coself.io.banks import Library
from coself.render import Format, Kind, Meta, formats_for, render
from coself.render.distributions import spread_words
from coself.render.terminal import as_text

DATE = "2026-11-26"
STAFF_LEVELS = [0, 1, 2, 3, 4]


def rendered(combined: Combined, fmt: Format) -> str:
    out = render(Kind.COMBINED, fmt, combined, Meta(DATE, plain=True))
    return as_text(out) if fmt is Format.TERMINAL else str(out)


def shown_groups(library: Library) -> list[Result]:
    """Five staff and five leaders: groups large enough to show by default."""
    mini = library.get("mini")
    results = []
    for n, level in enumerate(STAFF_LEVELS):
        values = {"c-one": level, "c-two": 4 - level, "r-one": 2, "flag-late": "no"}
        values["ladder-design"] = "co-design" if n % 2 else "informing"
        results.append(score(mini, make_answers(mini, values, perspective=Perspective.STAFF)))
        lead = {"c-one": 3, "c-two": "dont_know", "r-one": 4 - n % 2, "r-two": "na"}
        results.append(score(mini, make_answers(mini, lead, perspective=Perspective.LEADERSHIP)))
    return results


def small_groups(library: Library, carers: int, worried: bool) -> list[Result]:
    """Carers and people who draw on care, fewer than five of each, answering one of two ways."""
    voices = library.get("minivoices")
    values: dict[str, object] = (
        {"v-c1": 0, "v-c2": 0, "v-r1": 0, "v-flag": "yes", "v-ladder": "coercion"}
        if worried
        else {"v-c1": 4, "v-c2": "dont_know", "v-r1": "na", "v-flag": "no"}
    )
    results = []
    for perspective, count in ((Perspective.CARER, carers), (Perspective.PERSON, 5 - carers)):
        answers = make_answers(voices, values, perspective=perspective)
        results += [score(voices, answers) for _ in range(count)]
    return results


@pytest.mark.parametrize("fmt", formats_for(Kind.COMBINED), ids=lambda f: f.value)
def test_nothing_in_a_report_depends_on_a_hidden_groups_answers(library, fmt) -> None:  # type: ignore[no-untyped-def]
    """Whatever a hidden group answered, and however many of them (under the minimum) there
    are, every format is the same to the last character: no figure, count or total can give
    their answers away, by subtraction or otherwise."""
    shown = shown_groups(library)
    reports = {
        rendered(combine([*shown, *small_groups(library, carers, worried)]), fmt)
        for carers, worried in ((1, True), (4, False), (2, True), (3, False))
    }
    assert len(reports) == 1
    report = reports.pop()
    assert "fewer than 5 responses" in report
    # The test can fail: shown, the same groups change the report.
    revealed = combine([*shown, *small_groups(library, 1, True)], min_group=1)
    assert rendered(revealed, fmt) != report
    assert "individuals may be" in rendered(revealed, fmt).replace("\n", " ")


def test_totals_are_over_the_shown_groups_only(library) -> None:  # type: ignore[no-untyped-def]
    """What a total over everyone would have revealed, worked out, is nowhere in the report."""
    shown = shown_groups(library)
    combined = combine([*shown, *small_groups(library, 2, True)])
    data = json.loads(rendered(combined, Format.JSON))
    assert data["respondents"] == 10  # not 15: 15 - 10 would count the hidden groups
    hidden = [p for p in data["perspectives"] if not p["shown"]]
    assert [p["perspective"] for p in hidden] == ["person", "carer"]
    assert all(
        p["respondents"] is None and set(p) == {"perspective", "respondents", "shown", "note"}
        for p in hidden
    )
    assert data["red_flags"] == []  # the hidden groups' flag is not counted in
    for question in data["questions"]:
        everyone, *groups = question["groups"]
        assert {g["group"] for g in groups} <= {"staff", "leadership"}
        assert everyone["asked"] == sum(g["asked"] for g in groups)
        for choice, count in everyone["counts"].items():
            assert count == sum(g["counts"][choice] for g in groups)
    # With two perspectives shown, the combined score is their mean: nothing else goes in.
    views = {v.perspective: v for v in combined.views if v.shown}
    for figure in combined.sections:
        means = [v.sections[figure.id] for v in views.values()]
        assert figure.score == round(sum(m for m in means if m is not None) / 2, 1)
    assert sum(c.count for c in combined.ladder) == 5  # the staff's ladder answers only


def test_a_zero_gap_names_two_different_groups(library) -> None:  # type: ignore[no-untyped-def]
    mini = library.get("mini")
    same = {"c-one": 2, "c-two": 2, "r-one": 2, "r-two": 2}
    results = [
        score(mini, make_answers(mini, same, perspective=p))
        for p in (Perspective.STAFF, Perspective.LEADERSHIP)
        for _ in range(DEFAULT_MIN_GROUP)
    ]
    gaps = combine(results).gaps
    assert gaps and all(g.spread == 0 and g.high != g.low for g in gaps)


def test_split_groups_lead_as_conversations_to_have(library) -> None:  # type: ignore[no-untyped-def]
    """The issue's example: the same mean, but one group split and the other agreed."""
    voices = library.get("minivoices")
    results = [
        score(voices, make_answers(voices, {"v-c1": level, "v-c2": 2}, perspective=perspective))
        for perspective, levels in (
            (Perspective.CARER, [0, 0, 4, 4, 4]),
            (Perspective.PERSON, [2, 2, 2, 3, 3]),
        )
        for level in levels
    ]
    combined = combine(results)
    first = combined.questions[0]
    assert first.question.id == "v-c1" and [q.question.id for q in combined.conversations] == [
        "v-c1"
    ]
    assert [g.perspective for g in first.split_groups] == [Perspective.CARER]
    assert [g.spread.median for g in first.groups] == [2.5, 2.0, 4.0]  # person, carer
    markdown = rendered(combined, Format.MARKDOWN)
    check_markdown(markdown)
    talk = markdown.split("## Conversations to have")[1].split("##")[0]
    assert "(v-c1) Split: carers." in talk and "v-c2" not in talk
    assert "carers (5 asked): 0: 2, 1: 0, 2: 0, 3: 0, 4: 3; don't know 0" in markdown
    terminal = rendered(combined, Format.TERMINAL)
    assert (
        "Conversations to have" in terminal and "#" not in terminal.split("How answers spread")[1]
    )


def random_organisation(library: Library, seed: int) -> list[Result]:
    """Many respondents in every perspective, with every kind of answer and gaps left."""
    rng = random.Random(seed)
    mini, voices = library.get("mini"), library.get("minivoices")
    choices = [0, 1, 2, 3, 4, "dont_know", "na", "skipped", None]
    results = []
    for _ in range(60):
        perspective = rng.choice(list(Perspective))
        bank = voices if perspective in (Perspective.PERSON, Perspective.CARER) else mini
        values: dict[str, object] = {}
        for question in bank.questions:
            if question.type.value in ("yesno",):
                value: object = rng.choice(["yes", "no", "dont_know", None])
            elif question.type.value == "ladder":
                value = rng.choice([r.id for r in bank.framework.ladder_answers] + [None])
            else:
                value = rng.choice(choices)
            if value is not None:
                values[question.id] = value
        results.append(score(bank, make_answers(bank, values, perspective=perspective)))
    return results


@pytest.mark.parametrize("seed", range(5))
def test_distributions_add_up_to_the_respondents(library, seed: int) -> None:  # type: ignore[no-untyped-def]
    results = random_organisation(library, seed)
    combined = combine(results)
    shown = {v.perspective: v.respondents for v in combined.views if v.shown}
    assert combined.questions
    for question in combined.questions:
        everyone, *groups = question.groups
        for group in question.groups:
            s = group.spread
            assert sum(s.counts) + s.dont_know + s.not_applicable + group.no_answer == group.asked
            assert group.no_answer >= 0
        for group in groups:  # everyone in the group whose bank asks the question
            asked = sum(
                1
                for r in results
                if r.answers.perspective is group.perspective
                and r.bank.question(question.question.id)
            )
            assert group.asked == asked and group.perspective in shown
        assert everyone.asked == sum(g.asked for g in groups)
    for section in combined.section_spreads:
        everyone, *groups = section.groups
        assert everyone.respondents == sum(g.respondents for g in groups)
        assert all(g.respondents == shown[g.perspective] for g in groups)  # type: ignore[index]


def test_the_spread_charts_have_a_text_equivalent(library) -> None:  # type: ignore[no-untyped-def]
    combined = combine(random_organisation(library, 1))
    page = rendered(combined, Format.HTML)
    check_html(page)
    charts = re.findall(r'<svg role="img" aria-labelledby="(spread\d+)-title \1-desc"', page)
    assert len(charts) == len(combined.questions)
    for n, question in enumerate(combined.questions, 1):
        desc = re.search(rf'<desc id="spread{n}-desc">(.*?)</desc>', page)
        assert desc and re.search(rf'<title id="spread{n}-title">', page)
        words = html.unescape(desc.group(1))
        assert all(spread_words(g) in words for g in question.groups)
        # the table beside it gives the same counts, one row per group
        table = page.split(f'<desc id="spread{n}-desc">')[1].split("</table>")[0]
        rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table)
        assert len(rows) == len(question.groups)
        for (_, cells), group in zip(rows, question.groups, strict=True):
            numbers = re.findall(r'<td class="n">([^<]*)</td>', cells)
            assert [int(x) for x in numbers[1 : 1 + len(group.spread.counts)]] == list(
                group.spread.counts
            )


def _write(folder: Path, name: str, bank: str, perspective: str, answers: str) -> None:
    (folder / name).write_text(
        f'format: 1\nbank: {bank}\nbank_version: "1.0.0"\norganisation: Acme Care\n'
        f"perspective: {perspective}\nanswers:\n{answers}",
        encoding="utf-8",
    )


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    """Five staff and one carer, whose answer (v-c1: 1) no one else gives."""
    folder = tmp_path / "returns"
    folder.mkdir()
    for n in range(5):
        _write(
            folder,
            f"staff-{n}.yaml",
            "mini",
            "staff",
            f"  c-one: {n % 2 * 4}\n  c-two: dont_know\n",
        )
    _write(folder, "carer.yaml", "minivoices", "carer", "  v-c1: 1\n  v-flag: 'yes'\n")
    return folder


def test_report_and_batch_hide_a_small_group_by_default(cli, tmp_path: Path, returns: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("report", returns, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    data = json.loads(out)
    assert data["min_group"] == DEFAULT_MIN_GROUP and data["respondents"] == 5
    assert "v-c1" not in {q["id"] for q in data["questions"]} and data["red_flags"] == []
    out_dir = tmp_path / "out"
    code, _, err = cli(
        "batch", returns, "-o", out_dir, "--format", "markdown", "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    markdown = (out_dir / "combined-acme-care.md").read_text(encoding="utf-8")
    assert "carers: fewer than 5 responses" in markdown and "v-c1" not in markdown
    assert "individuals may be identifiable" not in markdown
    # the batch carries each answer to its combined report, "don't know" included
    assert "staff (5 asked): 0: 3, 1: 0, 2: 0, 3: 0, 4: 2; don't know 0" in markdown
    assert "staff (5 asked): 0: 0, 1: 0, 2: 0, 3: 0, 4: 0; don't know 5" in markdown
    code, out, err = cli(
        "report", returns, "--format", "markdown", "--min-group", "1", "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    assert "individuals may be identifiable" in out
    assert "carers (1 asked): 0: 0, 1: 1, 2: 0" in out


@pytest.mark.parametrize("fmt", formats_for(Kind.COMBINED), ids=lambda f: f.value)
def test_a_report_with_every_group_hidden_shows_no_figure(library, fmt) -> None:  # type: ignore[no-untyped-def]
    mini = library.get("mini")
    answers = make_answers(mini, {"c-one": 1, "flag-late": "yes", "ladder-design": "informing"})
    combined = combine([score(mini, answers), score(mini, answers)])
    assert combined.respondents == 0 and combined.overall.score is None
    assert not (combined.questions or combined.red_flags or combined.ladder or combined.gaps)
    report = rendered(combined, fmt)
    assert "fewer than 5 responses" in report
    assert "Nothing to show" in report if fmt is not Format.JSON else '"questions":[]' in report
    assert "2 staff" not in report and "informing" not in report

"""The plan, its check against a comparison and the feedback sheet, in every format they come in."""

from __future__ import annotations

import json

import pytest
from conftest import make_answers
from html_check import FORBIDDEN, ReportParser, check_html
from plans import combined_plan

from coself.core.compare import compare
from coself.core.plan import ActionStatus, Plan, plan_from_result, update_action
from coself.core.plancheck import check_plan
from coself.core.planfeedback import feedback
from coself.core.scoring import score
from coself.io.banks import Library
from coself.render import Format, Kind, Meta, formats_for, render
from coself.render.terminal import as_text

HOSTILE = "[bold]x[/bold] <b>y</b> *z* # 1. \x1b[31m\u202eend"


def check_page(page: str) -> None:
    """What every coself page holds that a page without tables or chart can: closed tags, the
    language, nothing that runs or loads, headings in order."""
    parser = ReportParser()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    assert next(attrs for tag, attrs in parser.tags if tag == "html").get("lang") == "en-GB"
    assert not {tag for tag, _ in parser.tags} & FORBIDDEN
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert attrs.get("href") is None or attrs["href"].startswith(("https://", "#"))
    assert parser.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(parser.headings, parser.headings[1:], strict=False))


def small_plan(library: Library) -> Plan:
    mini = library.get("mini")
    result = score(mini, make_answers(mini, {"c-one": 1, "flag-late": "yes"}))
    plan = plan_from_result(result, "2026-11-26")
    plan = update_action(plan, "priority-c-one", status=ActionStatus.DOING, due="2026-12-01")
    return update_action(
        plan, "red-flag-flag-late", status=ActionStatus.DONE, what_changed="Asked."
    )


def text_of(kind: Kind, fmt: Format, report: object, day: str = "2027-01-01") -> str:
    shown = render(kind, fmt, report, Meta(day, plain=True))
    return as_text(shown) if fmt is Format.TERMINAL else str(shown)


def test_the_markdown_plan_reads_whole(library: Library) -> None:
    assert text_of(Kind.PLAN, Format.MARKDOWN, small_plan(library)) == (
        "# Action plan: Acme Care\n\n"
        "Made on 2026-11-26 from the answers of staff (1). 2 action(s); on 2027-01-01, 1 "
        "overdue (not done and past the due date).\n\n"
        "## Overdue (1)\n\n"
        "### priority-c-one (priority, doing)\n\n"
        "- **About:** Culture question one?\n"
        "- **Found:** Answered at level 1 of 4.\n"
        "- **Raised by:** staff\n"
        "- **Questions:** c-one\n"
        "- **Recommendations:** culture-1\n"
        "- **Suggested action:** Do culture one.\n"
        "- **Guide:** https\\://www\\.scie.org.uk/publications/guides/guide51/"
        "how-to-do-coproduction/culture.asp\n"
        "- **Owner:** nobody yet\n"
        "- **Due:** 2026-12-01\n\n"
        "## Done (1)\n\n"
        "### red-flag-flag-late (red flag, done)\n\n"
        "- **About:** Were decisions made before people were asked?\n"
        "- **Found:** Answered the worrying way: a sign of tokenism.\n"
        "- **Raised by:** staff\n"
        "- **Questions:** flag-late\n"
        "- **Recommendations:** structure-1\n"
        "- **Suggested action:** Ask first.\n"
        "- **Guide:** https\\://www\\.scie.org.uk/publications/guides/guide51/"
        "how-to-do-coproduction/structure.asp\n"
        "- **Owner:** nobody yet\n"
        "- **Due:** no date set\n"
        "- **What changed:** Asked.\n"
    )


@pytest.mark.parametrize("fmt", formats_for(Kind.PLAN), ids=lambda f: f.value)
def test_text_in_a_plan_is_data_in_every_format(library: Library, fmt: Format) -> None:
    plan = update_action(small_plan(library), "priority-c-one", owner=HOSTILE, what_changed=HOSTILE)
    out = text_of(Kind.PLAN, fmt, plan)
    assert "\x1b" not in out and "\u202e" not in out
    if fmt is Format.JSON:
        assert json.loads(out)["actions"][0]["owner"] == HOSTILE.replace("\x1b", "").replace(
            "\u202e", ""
        )
    elif fmt is Format.HTML:
        check_page(out)
        assert "<b>y</b>" not in out and "&lt;b&gt;y&lt;/b&gt;" in out
    elif fmt is Format.MARKDOWN:
        assert "\\<b\\>y\\</b\\>" in out and "\\*z\\*" in out
    else:
        assert "[bold]x[/bold]" in out


@pytest.mark.parametrize("fmt", formats_for(Kind.COMPARISON), ids=lambda f: f.value)
def test_a_comparison_with_a_plan_ends_with_its_check(library: Library, fmt: Format) -> None:
    mini = library.get("mini")
    before = score(mini, make_answers(mini, {"c-one": 1, "flag-late": "yes"}))
    after = score(mini, make_answers(mini, {"c-one": 0, "flag-late": "yes"}))
    plan = update_action(small_plan(library), "priority-c-one", status=ActionStatus.DONE)
    plain = text_of(Kind.COMPARISON, fmt, compare([before], [after]))
    planned = text_of(Kind.COMPARISON, fmt, check_plan(compare([before], [after]), plan))
    if fmt is Format.JSON:
        data = json.loads(planned)
        assert data.pop("plan")["done_not_improved"] == ["red-flag-flag-late", "priority-c-one"]
        assert data == json.loads(plain)
        return
    assert "action plan against this assessment" not in plain
    assert "The action plan against this assessment" in planned
    assert "WARNING: priority-c-one is marked done, but its answers did not improve" in planned
    if fmt is Format.HTML:
        check_html(planned)
        assert planned.index("Every question") < planned.index("The action plan against")
    else:
        assert planned.startswith(plain.rstrip("\n").rsplit("\n", 1)[0])


@pytest.mark.parametrize("fmt", formats_for(Kind.FEEDBACK), ids=lambda f: f.value)
def test_the_feedback_sheet_escapes_what_people_wrote(library: Library, fmt: Format) -> None:
    plan = combined_plan(library)
    plan = update_action(plan, plan.actions[0].id, status=ActionStatus.DONE, what_changed=HOSTILE)
    out = text_of(Kind.FEEDBACK, fmt, feedback(plan, 5))
    assert "\x1b" not in out and "\u202e" not in out and "<b>y</b>" not in out
    if fmt is Format.HTML:
        check_page(out)

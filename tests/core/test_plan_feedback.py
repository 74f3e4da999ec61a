"""The "You said, we did" sheet: plain words for the voices audience, and the privacy minimum."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_answers

from coself.core.combine import Combiner, respondent
from coself.core.lint import EVERYDAY, Text, explained_terms, lint_texts
from coself.core.located import Mark
from coself.core.model import GRADED, Perspective
from coself.core.plan import ActionStatus, Plan, PriorityCount, plan_from_combined, update_action
from coself.core.planfeedback import GROUP_WORDS, feedback, feedback_sentences
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import score
from coself.io.banks import Library, load_library
from coself.io.lintfiles import load_word_lists
from coself.io.yamlsafe import parse
from coself.render import Format, Kind, Meta, render


def voices_plan(carers: int = 5) -> Plan:
    """People who draw on care see everything at its worst, carers at its best."""
    voices = load_library().get("voices")
    graded = [q for q in voices.questions if q.type in GRADED]
    flags = {q.id: q.red_flag_if for q in voices.questions if q.red_flag_if}
    low = {**{q.id: 0 for q in graded}, **flags}
    high = {q.id: 4 for q in graded}
    combiner, priorities = Combiner(), PriorityCount()
    people = [(Perspective.PERSON, low)] * 5 + [(Perspective.CARER, high)] * carers
    for perspective, values in people:
        result = score(voices, make_answers(voices, values, perspective=perspective))
        combiner.add(respondent(result))
        priorities.add(result)
    combined = combiner.result(DEFAULT_MIN_GROUP)
    plan = plan_from_combined(combined, priorities, "2026-11-26")
    ids = [a.id for a in plan.actions]
    plan = update_action(
        plan, ids[0], status=ActionStatus.DONE, what_changed="We ask you first now."
    )
    plan = update_action(plan, ids[1], status=ActionStatus.DONE)
    plan = update_action(plan, ids[2], status=ActionStatus.DOING)
    return update_action(
        plan, ids[3], status=ActionStatus.DROPPED, what_changed="It cost too much."
    )


def voices_lint(texts: list[str]) -> list[str]:
    """The findings `coself banks lint` would give these texts in the voices bank."""
    bank = load_library().get("voices")
    data = parse(Path(bank.source).read_text(encoding="utf-8"), bank.source)
    found = [Text(t, Mark(n, 1), "sheet") for n, t in enumerate(texts, 1)]
    words = load_word_lists()
    return [str(p) for p in lint_texts(found, EVERYDAY, words, explained_terms(data))]


def sheet_lines(markdown: str) -> list[str]:
    """The sheet's text as a reader sees it: markdown marks and escapes taken out."""
    lines = []
    for line in markdown.splitlines():
        text = line.lstrip("#- ").replace("**", "").replace("\\", "").strip()
        if text:
            lines.append(text)
    return lines


def test_the_feedback_sheet_passes_the_plain_language_checks() -> None:
    plan = voices_plan()
    sheet = feedback(plan, DEFAULT_MIN_GROUP)
    markdown = render(Kind.FEEDBACK, Format.MARKDOWN, sheet, Meta("2026-11-26"))
    assert voices_lint(sheet_lines(markdown)) == []
    assert voices_lint(feedback_sentences(sheet)) == []
    headings = [p.heading for p in sheet.parts]
    assert headings == [
        "What people who draw on care told us",
        "What we did",
        "What we will do next",
        "What we stopped",
    ]
    assert "We ask you first now." in markdown and "It cost too much." in markdown
    assert not any(ch.isdigit() for ch in markdown.replace("2026", "")), "no figures"


def test_the_checks_would_catch_a_hard_sentence() -> None:
    hard = "We facilitated stakeholder engagement to operationalise organisational learning."
    assert voices_lint([hard])


def test_a_group_below_the_minimum_is_never_named() -> None:
    plan = voices_plan(carers=4)  # four carers: below five
    sheet = feedback(plan, DEFAULT_MIN_GROUP)
    text = render(Kind.FEEDBACK, Format.HTML, sheet, Meta("2026-11-26"))
    assert GROUP_WORDS[Perspective.CARER] not in text.lower()
    assert "works less well than others think" not in text  # the gap needs carers shown at all


@pytest.mark.parametrize("min_group", [1, 5, 6])
def test_the_minimum_decides_who_is_named(min_group: int) -> None:
    sheet = feedback(voices_plan(), min_group)
    named = "What people who draw on care told us" in [p.heading for p in sheet.parts]
    assert named is (min_group <= 5)
    if not named:
        assert sheet.parts[0].heading == "Other things you told us"
        assert "carers" not in " ".join(feedback_sentences(sheet))


def test_every_part_of_the_sheet_says_something_when_empty(library: Library) -> None:
    plan = voices_plan()
    plan = Plan(plan.organisation, plan.made, plan.banks, plan.groups, 5, ())
    sheet = feedback(plan, 5)
    assert [p.heading for p in sheet.parts] == ["What we did", "What we will do next"]
    markdown = render(Kind.FEEDBACK, Format.MARKDOWN, sheet, Meta("2026-11-26"))
    assert markdown.count("Nothing yet.") == 2

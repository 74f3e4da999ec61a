"""The bank fields that came with version 2.0.0 of the shipped banks, checked one by one.

Stage levels and calibration, a bank's own ladder wording, its reading level and explained
terms, and per question: scored yes/no, `pair` and `replaces`. `bankcheck` calls these while it
builds a bank; each reports its problems through the same Checker, with their places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from coself.core.calibration import calibration_problems, needs_calibration
from coself.core.fields import Checker
from coself.core.lint import READINGS
from coself.core.located import Mark, key_mark, mark_of, value_mark
from coself.core.model import (
    PUBLISHED,
    SECTION_TEXT,
    YES,
    Framework,
    LadderSource,
    Perspective,
    Prompts,
    Question,
    QuestionType,
    Rung,
    Stage,
)

BANK_OPTIONAL = ["previous_version", "reading", "explained_terms", "ladder_wording", "prompts"]
PROMPT_TEXTS = ("who_are_you", "section", "note", "not_applicable", "dont_know")
QUESTION_OPTIONAL = ["scored", "pair", "replaces"]
RECOMMENDATION_SOURCES = (PUBLISHED, SECTION_TEXT)


def stage_level(check: Checker, entry: Any, subject: str | None) -> int | None:
    """The scale level a stage describes, if it says."""
    level = check.number(entry, "level", subject, whole=True, minimum=0, maximum=4)
    return None if level is None else int(level)


def check_calibration(
    check: Checker, version: str | None, stages: tuple[Stage, ...], marks: list[Mark]
) -> None:
    """Refuse stages that do not match the scale (version 2 banks, or any that declare levels)."""
    if not stages or len(marks) != len(stages) or not needs_calibration(version, stages):
        return
    for mark, stage_id, message in calibration_problems(stages, marks, (0, 1, 2, 3, 4)):
        check.fail(mark, f"stage {stage_id!r}: {message}")


def check_reading(check: Checker, top: Any) -> None:
    """A bank's reading level (for `coself banks lint`) and the terms it explains on purpose."""
    reading = check.text(top, "reading")
    if reading is not None and reading not in READINGS:
        check.fail(
            value_mark(top, "reading"),
            f"'reading' must be {' or '.join(READINGS)}, not {reading!r}",
        )
    for term, mark in check.items(top, "explained_terms"):
        if not isinstance(term, str) or not term.strip():
            check.fail(mark, "each explained term must be text")


def with_ladder_wording(check: Checker, top: Any, framework: Framework) -> Framework:
    """The framework as this bank shows it: its own words for rungs it rewords."""
    wording = top.get("ladder_wording")
    if wording is None:
        return framework
    if not isinstance(wording, dict):
        check.fail(value_mark(top, "ladder_wording"), "'ladder_wording' must map rung ids to words")
        return framework
    rungs = {r.id: r for r in framework.ladder_answers}
    changed: dict[str, Rung] = {}
    for rung_id, words in wording.items():
        if rung_id not in rungs:
            known = ", ".join(rungs)
            check.fail(mark_of(words), f"unknown rung {rung_id!r} (the ladder has {known})")
            continue
        entry = check.mapping(words, mark_of(words), "a rung's wording", ["title", "description"])
        if entry is None:
            continue
        title, description = check.text(entry, "title"), check.text(entry, "description")
        if title and description:
            changed[rung_id] = replace(rungs[rung_id], title=title, description=description)
    return replace(
        framework,
        ladder=tuple(changed.get(r.id, r) for r in framework.ladder),
        not_involved=changed.get(framework.not_involved.id, framework.not_involved),
    )


def question_extras(
    check: Checker, entry: Any, subject: str | None, qtype: QuestionType | None
) -> tuple[bool, str | None, str | None]:
    """(scored, pair, replaces) of one question, with the rules between them checked."""
    scored = bool(check.boolean(entry, "scored", subject))
    if "scored" in entry and qtype is not QuestionType.YESNO:
        check.fail(value_mark(entry, "scored"), "only yesno questions have 'scored'", subject)
        scored = False
    if scored and entry.get("red_flag_if") == YES:
        check.fail(
            value_mark(entry, "scored"),
            "a scored yes/no question counts yes as the top level, "
            "so only 'no' can be its red flag",
            subject,
        )
    if qtype is QuestionType.YESNO and not scored and "red_flag_if" not in entry:
        check.fail(
            mark_of(entry),
            "a yesno question needs 'red_flag_if' (\"yes\" or \"no\"), 'scored: true', or both",
            subject,
        )
    return scored, check.ident(entry, "pair", subject), check.ident(entry, "replaces", subject)


def check_own_levels(check: Checker, questions: Iterable[Question]) -> None:
    """In a calibrated bank, a level question says what each of its five levels means."""
    for question in questions:
        if question.type is QuestionType.LEVEL and sorted(question.levels) != [0, 1, 2, 3, 4]:
            check.fail(
                question.mark,
                "a level question needs its own 'levels' 0-4 in a bank of calibrated stages "
                "(or use type frequency for how often something happens)",
                question.id,
            )


def recommendation_source(check: Checker, entry: Any, subject: str | None) -> str:
    """Where a recommendation's wording comes from: published (default) or section text."""
    source = check.text(entry, "source", subject)
    if source is None:
        return PUBLISHED
    if source not in RECOMMENDATION_SOURCES:
        check.fail(
            value_mark(entry, "source"),
            f"'source' must be {' or '.join(RECOMMENDATION_SOURCES)}, not {source!r}",
            subject,
        )
        return PUBLISHED
    return source


def ladder_source(check: Checker, top: Any, url: Any) -> LadderSource | None:
    """Who the ladder is credited to, if the framework says."""
    if "ladder_source" not in top:
        return None
    raw = top["ladder_source"]
    entry = check.mapping(raw, mark_of(raw), "the ladder's source", ["title", "url", "credit"])
    if entry is None:
        return None
    title, credit = check.text(entry, "title"), check.text(entry, "credit")
    address = check.text(entry, "url", pattern=url, hint="use a full https:// address")
    if title and credit and address:
        return LadderSource(title, address, " ".join(credit.split()))
    return None


def bank_prompts(check: Checker, top: Any, framework: Framework) -> Prompts:
    """The words a session uses around this bank's questions: its own where it gives them."""
    if "prompts" not in top:
        return Prompts()
    raw = top["prompts"]
    entry = check.mapping(
        raw,
        value_mark(top, "prompts"),
        "'prompts'",
        (),
        [*PROMPT_TEXTS, "perspectives", "sections"],
    )
    if entry is None:
        return Prompts()
    default = Prompts()
    texts = {key: getattr(default, key) for key in PROMPT_TEXTS}
    for key in PROMPT_TEXTS:
        text = check.text(entry, key)
        if text is not None:
            texts[key] = " ".join(text.split())
    choices = _worded(check, entry, "perspectives", {p.value: p for p in Perspective})
    sections = _worded(check, entry, "sections", {s.id: s.id for s in framework.sections})
    return Prompts(
        texts["who_are_you"],
        MappingProxyType(choices) if choices else default.perspectives,
        texts["section"],
        texts["note"],
        texts["not_applicable"],
        texts["dont_know"],
        MappingProxyType(sections),
    )


def _worded(check: Checker, entry: Any, key: str, known: dict[str, Any]) -> dict[Any, str]:
    """A mapping of known ids to the bank's words for them (perspectives, sections)."""
    if key not in entry:
        return {}
    raw = entry[key]
    if not isinstance(raw, dict) or not raw:
        check.fail(value_mark(entry, key), f"'prompts.{key}' must map ids to words")
        return {}
    words: dict[Any, str] = {}
    for ident in raw:
        if ident not in known:
            check.fail(
                key_mark(raw, ident),
                f"unknown id {ident!r} in 'prompts.{key}' (known: {', '.join(known)})",
            )
            continue
        text = check.text(raw, ident)
        if text is not None:
            words[known[ident]] = " ".join(text.split())
    return words

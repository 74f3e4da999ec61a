"""Turning parsed framework and bank files into frozen models, checking every rule and reference."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from coself.core import bankfields
from coself.core.bankfields import ladder_source, recommendation_source
from coself.core.calibration import needs_calibration
from coself.core.fields import Checker, describe, described
from coself.core.located import Mark, key_mark, mark_of, value_mark, written
from coself.core.model import (
    LADDER_GROUPS,
    NO,
    YES,
    Action,
    Bank,
    BankSection,
    Framework,
    Page,
    Principle,
    Question,
    QuestionType,
    Recommendation,
    Rung,
    ScaleLevel,
    Section,
    Stage,
)
from coself.core.text import clean
from coself.errors import InputError

# Each part at most 9 digits: versions are compared as numbers, and these always convert.
_PART = r"(0|[1-9][0-9]{0,8})"
SEMVER = re.compile(rf"{_PART}\.{_PART}\.{_PART}(?:-[0-9A-Za-z.-]{{1,64}})?\Z")
VERSION_HINT = 'use a version like "1.0.0", in quotes (each part at most 9 digits)'
# Weights are relative: far smaller or larger ones mean nothing, and could overflow a sum.
WEIGHT_MIN, WEIGHT_MAX = 0.001, 1000
URL = re.compile(r"https://\S+\Z")
SECTION_IDS = ("culture", "structure", "practice", "review")
SCALE_LEVELS = (0, 1, 2, 3, 4)


def build_framework(data: Any, source: str) -> Framework:
    """Check a parsed framework file and return the Framework, or raise InputError."""
    check = Checker(source, clean_text=True)
    top = check.mapping(
        data,
        mark_of(data),
        "the framework",
        ["framework", "title", "pages", "sections", "principles", "recommendations", "ladder"],
        ["ladder_source"],
    )
    if top is None:
        raise InputError.of(check.problems)
    check.ident(top, "framework")
    title = check.text(top, "title") or ""
    pages: dict[str, Page] = {}
    for item, mark in check.items(top, "pages", min_items=1):
        entry = check.mapping(item, mark, "a page", ["id", "title", "url"])
        if entry is None:
            continue
        pid, ptitle = check.ident(entry, "id"), check.text(entry, "title", entry.get("id"))
        url = check.text(entry, "url", pid, pattern=URL, hint="use a full https:// address")
        if pid and _unique(check, pid, pages, key_mark(entry, "id"), "page") and ptitle and url:
            pages[pid] = Page(pid, ptitle, url)

    def page_of(entry: Any, subject: str | None) -> Page | None:
        page_id = check.ident(entry, "page", subject)
        if page_id is not None and page_id not in pages:
            check.fail(value_mark(entry, "page"), f"unknown page {page_id!r}", subject)
        return pages.get(page_id or "")

    sections = _framework_entries(check, top, "sections", page_of, Section)
    found = tuple(s.id for s in sections)
    if found != SECTION_IDS and not check.problems:
        check.fail(
            value_mark(top, "sections"),
            f"sections must be {', '.join(SECTION_IDS)} in that order, not {', '.join(found)}",
        )
    principles = _framework_entries(check, top, "principles", page_of, Principle)
    recommendations: dict[str, Recommendation] = {}
    for item, mark in check.items(top, "recommendations", min_items=1):
        entry = check.mapping(
            item, mark, "a recommendation", ["id", "section", "summary", "page"], ["source"]
        )
        if entry is None:
            continue
        rid = check.ident(entry, "id")
        section = check.ident(entry, "section", rid)
        if section is not None and section not in found:
            check.fail(value_mark(entry, "section"), f"unknown section {section!r}", rid)
        summary, page = check.text(entry, "summary", rid), page_of(entry, rid)
        origin = recommendation_source(check, entry, rid)
        if (
            rid
            and _unique(check, rid, recommendations, key_mark(entry, "id"), "recommendation")
            and section
            and summary
            and page
        ):
            recommendations[rid] = Recommendation(rid, section, summary, page, origin)
    ladder = _build_ladder(check, top)
    credit = ladder_source(check, top, URL)
    if check.problems:
        raise InputError.of(check.problems)
    return Framework(
        title,
        MappingProxyType(pages),
        sections,
        principles,
        tuple(recommendations.values()),
        ladder,
        credit,
    )


def _unique(check: Checker, ident: str, seen: dict[str, Any], mark: Mark, what: str) -> bool:
    if ident in seen:
        check.fail(mark, f"duplicate {what} id {ident!r}", ident)
        return False
    return True


def _framework_entries(
    check: Checker, top: Any, key: str, page_of: Any, kind: Any
) -> tuple[Any, ...]:
    result: dict[str, Any] = {}
    for item, mark in check.items(top, key, min_items=1):
        entry = check.mapping(
            item, mark, f"an entry of {key}", ["id", "title", "description", "page"]
        )
        if entry is None:
            continue
        eid = check.ident(entry, "id")
        etitle, desc = check.text(entry, "title", eid), check.text(entry, "description", eid)
        page = page_of(entry, eid)
        if (
            eid
            and _unique(check, eid, result, key_mark(entry, "id"), key.rstrip("s"))
            and etitle
            and desc
            and page
        ):
            result[eid] = kind(eid, etitle, desc, page)
    return tuple(result.values())


def _build_ladder(check: Checker, top: Any) -> tuple[Rung, ...]:
    rungs: dict[str, Rung] = {}
    for index, (item, mark) in enumerate(check.items(top, "ladder", min_items=2)):
        entry = check.mapping(
            item, mark, "a ladder rung", ["id", "rung", "title", "group", "description"]
        )
        if entry is None:
            continue
        rid = check.ident(entry, "id")
        number = check.number(entry, "rung", rid, whole=True)
        if number is not None and number != index + 1:
            check.fail(
                value_mark(entry, "rung"),
                f"rung should be {index + 1} here, counting from 1 at the bottom",
                rid,
            )
        group = check.text(entry, "group", rid)
        if group is not None and group not in LADDER_GROUPS:
            check.fail(
                value_mark(entry, "group"),
                f"group must be one of {', '.join(LADDER_GROUPS)}, not {group!r}",
                rid,
            )
        title, desc = check.text(entry, "title", rid), check.text(entry, "description", rid)
        if (
            rid
            and _unique(check, rid, rungs, key_mark(entry, "id"), "rung")
            and number
            and group in LADDER_GROUPS
            and title
            and desc
        ):
            rungs[rid] = Rung(rid, int(number), title, group, desc)
    return tuple(rungs.values())


BANK_FIELDS = [
    "id",
    "title",
    "version",
    "audience",
    "description",
    "scale",
    "stages",
    "sections",
    "questions",
]
QUESTION_FIELDS = ["id", "section", "text", "help", "recommendations", "actions"]
QUESTION_OPTIONAL = [
    "type",
    "principles",
    "weight",
    "allow_na",
    "levels",
    "red_flag_if",
    *bankfields.QUESTION_OPTIONAL,
]


def build_bank(data: Any, source: str, framework: Framework) -> Bank:
    """Check a parsed bank against the rules and the framework; return the Bank or raise."""
    check = Checker(source, clean_text=True)
    optional = ["red_flag_stage_cap", *bankfields.BANK_OPTIONAL]
    top = check.mapping(data, mark_of(data), "the bank", BANK_FIELDS, optional)
    if top is None:
        raise InputError.of(check.problems)
    bank_id = check.ident(top, "id")
    version = check.text(top, "version", pattern=SEMVER, hint=VERSION_HINT)
    title, audience = check.text(top, "title"), check.text(top, "audience")
    description = check.text(top, "description")
    previous = check.text(top, "previous_version", pattern=SEMVER, hint=VERSION_HINT)
    bankfields.check_reading(check, top)
    framework = bankfields.with_ladder_wording(check, top, framework)
    prompts = bankfields.bank_prompts(check, top, framework)
    scale = _build_scale(check, top)
    stages, stage_marks = _build_stages(check, top)
    bankfields.check_calibration(check, version, stages, stage_marks)
    cap = check.ident(top, "red_flag_stage_cap")
    if cap is not None and stages and cap not in {s.id for s in stages}:
        check.fail(value_mark(top, "red_flag_stage_cap"), f"unknown stage {cap!r}")
    sections = _build_sections(check, top, framework)
    questions = _build_questions(check, top, framework, {s.id for s in sections})
    if any(q.red_flag_if for q in questions) and "red_flag_stage_cap" not in top:
        check.fail(mark_of(top), "the bank has yesno red flags, so it needs 'red_flag_stage_cap'")
    if needs_calibration(version, stages):
        bankfields.check_own_levels(check, questions)
    for section in sections:
        if not any(q.section == section.id for q in questions) and questions:
            check.fail(mark_of(top), f"section {section.id!r} has no questions")
    if check.problems:
        raise InputError.of(check.problems)
    assert bank_id and version and title and audience and description
    return Bank(
        bank_id,
        title,
        version,
        audience,
        description,
        scale,
        stages,
        sections,
        questions,
        framework,
        cap,
        source,
        previous,
        prompts,
    )


def _build_scale(check: Checker, top: Any) -> tuple[ScaleLevel, ...]:
    levels: list[ScaleLevel] = []
    for index, (item, mark) in enumerate(check.items(top, "scale")):
        entry = check.mapping(item, mark, "a scale level", ["level", "label", "descriptor"])
        if entry is None:
            continue
        level = check.number(entry, "level", whole=True)
        if level is not None and level != index:
            check.fail(value_mark(entry, "level"), f"level should be {index} here (0-4 in order)")
        label, descriptor = check.text(entry, "label"), check.text(entry, "descriptor")
        if level is not None and label and descriptor:
            levels.append(ScaleLevel(int(level), label, descriptor))
    if "scale" in top and isinstance(top["scale"], list) and len(top["scale"]) != 5:
        check.fail(
            value_mark(top, "scale"),
            f"the scale needs exactly 5 levels (0-4), not {len(top['scale'])}",
        )
    return tuple(levels)


def _build_stages(check: Checker, top: Any) -> tuple[tuple[Stage, ...], list[Mark]]:
    stages: list[Stage] = []
    marks: list[Mark] = []
    expected_min: float = 0
    for item, mark in check.items(top, "stages", min_items=1):
        entry = check.mapping(
            item, mark, "a stage", ["id", "title", "min", "max", "description"], ["level"]
        )
        if entry is None:
            continue
        sid = check.ident(entry, "id")
        low = check.number(entry, "min", sid, minimum=0, maximum=100)
        high = check.number(entry, "max", sid, minimum=0, maximum=100)
        title, desc = check.text(entry, "title", sid), check.text(entry, "description", sid)
        level = bankfields.stage_level(check, entry, sid)
        if low is not None and low != expected_min:
            where = (
                "the first stage must start at 0"
                if not stages
                else f"must start where the previous stage ends ({expected_min:g})"
            )
            check.fail(value_mark(entry, "min"), f"'min' is {low:g}; {where}", sid)
        if low is not None and high is not None and high <= low:
            check.fail(
                value_mark(entry, "max"), f"'max' ({high:g}) must be above 'min' ({low:g})", sid
            )
        if high is not None:
            expected_min = high
        if sid and low is not None and high is not None and title and desc:
            if any(s.id == sid for s in stages):
                check.fail(key_mark(entry, "id"), f"duplicate stage id {sid!r}", sid)
            stages.append(Stage(sid, title, low, high, desc, level))
            marks.append(mark)
    if stages and expected_min != 100:
        check.fail(
            value_mark(top, "stages"), f"the last stage must end at 100, not {expected_min:g}"
        )
    return tuple(stages), marks


def _build_sections(check: Checker, top: Any, framework: Framework) -> tuple[BankSection, ...]:
    known = {s.id: s for s in framework.sections}
    sections: dict[str, BankSection] = {}
    for item, mark in check.items(top, "sections", min_items=1):
        entry = check.mapping(item, mark, "a section", ["id"], ["weight"])
        if entry is None:
            continue
        sid = check.ident(entry, "id")
        weight = check.number(entry, "weight", sid, minimum=WEIGHT_MIN, maximum=WEIGHT_MAX)
        if sid is None:
            continue
        if sid not in known:
            check.fail(
                value_mark(entry, "id"),
                f"unknown section {sid!r} (the framework has {', '.join(known)})",
                sid,
            )
        elif _unique(check, sid, sections, value_mark(entry, "id"), "section"):
            sections[sid] = BankSection(sid, known[sid].title, 1.0 if weight is None else weight)
    return tuple(sections.values())


def _build_questions(
    check: Checker, top: Any, framework: Framework, section_ids: set[str]
) -> tuple[Question, ...]:
    questions: dict[str, Question] = {}
    for item, mark in check.items(top, "questions", min_items=1):
        entry = check.mapping(
            item,
            mark,
            "a question",
            QUESTION_FIELDS,
            QUESTION_OPTIONAL,
            subject=item.get("id")
            if isinstance(item, dict) and isinstance(item.get("id"), str)
            else None,
        )
        if entry is None:
            continue
        question = _build_question(check, entry, framework, section_ids)
        if question is None:
            continue
        if question.id in questions:
            check.fail(value_mark(entry, "id"), "duplicate question id", question.id)
        else:
            questions[question.id] = question
    return tuple(questions.values())


def _build_question(
    check: Checker, entry: Any, framework: Framework, section_ids: set[str]
) -> Question | None:
    qid = check.ident(entry, "id")
    subject = qid
    section = check.ident(entry, "section", subject)
    if section is not None and section not in section_ids:
        check.fail(
            value_mark(entry, "section"),
            f"unknown section {section!r} (this bank has {', '.join(sorted(section_ids))})",
            subject,
        )
    qtype = _question_type(check, entry, subject)
    text, help_text = check.text(entry, "text", subject), check.text(entry, "help", subject)
    recs = _references(
        check,
        entry,
        "recommendations",
        subject,
        {r.id for r in framework.recommendations},
        "recommendation",
        1,
    )
    principles = _references(
        check, entry, "principles", subject, {p.id for p in framework.principles}, "principle", 0
    )
    weight = check.number(entry, "weight", subject, minimum=WEIGHT_MIN, maximum=WEIGHT_MAX)
    allow_na = check.boolean(entry, "allow_na", subject)
    levels = _levels(check, entry, subject, qtype)
    red_flag_if = _red_flag_if(check, entry, subject, qtype)
    scored, pair, replaces = bankfields.question_extras(check, entry, subject, qtype)
    actions = _actions(check, entry, subject, framework)
    if None in (qid, section, qtype, text, help_text) or section not in section_ids:
        return None
    assert qid and section and qtype and text and help_text
    return Question(
        qid,
        section,
        qtype,
        text,
        help_text,
        recs,
        principles,
        actions,
        1.0 if weight is None else weight,
        bool(allow_na),
        MappingProxyType(levels),
        red_flag_if,
        scored,
        pair,
        replaces,
        mark_of(entry),
    )


def _question_type(check: Checker, entry: Any, subject: str | None) -> QuestionType | None:
    if "type" not in entry:
        return QuestionType.LEVEL
    raw = check.text(entry, "type", subject)
    try:
        return QuestionType(raw)
    except ValueError:
        if raw is not None:
            names = ", ".join(t.value for t in QuestionType)
            check.fail(value_mark(entry, "type"), f"unknown type {raw!r} (use {names})", subject)
        return None


def _references(
    check: Checker,
    entry: Any,
    key: str,
    subject: str | None,
    known: set[str],
    what: str,
    min_items: int,
) -> tuple[str, ...]:
    if min_items and key not in entry:
        return ()
    found: list[str] = []
    for ref, mark in check.items(entry, key, subject, min_items=min_items):
        if not isinstance(ref, str):
            check.fail(mark, f"a {what} id must be text, not {describe(ref)}", subject)
        elif ref not in known:
            check.fail(mark, f"unknown {what} {ref!r}", subject)
        elif ref in found:
            check.fail(mark, f"{what} {ref!r} is listed twice", subject)
        else:
            found.append(ref)
    return tuple(found)


def _levels(
    check: Checker, entry: Any, subject: str | None, qtype: QuestionType | None
) -> dict[int, str]:
    if "levels" not in entry:
        return {}
    raw = entry["levels"]
    mark = value_mark(entry, "levels")
    if qtype is not QuestionType.LEVEL:
        check.fail(mark, "only level questions have per-question 'levels'", subject)
        return {}
    if not isinstance(raw, dict):
        check.fail(mark, "'levels' must map levels 0-4 to a line of text each", subject)
        return {}
    levels: dict[int, str] = {}
    for key, value in raw.items():
        where = key_mark(raw, key)
        if type(key) is not int or key not in SCALE_LEVELS:
            shown = describe(key, written(raw, key, of_key=True))
            check.fail(where, f"'levels' keys must be the whole numbers 0-4, not {shown}", subject)
        elif not isinstance(value, str) or not value.strip():
            check.fail(value_mark(raw, key), f"level {key} needs a line of text", subject)
        else:
            levels[key] = clean(value)
    return levels


def _red_flag_if(
    check: Checker, entry: Any, subject: str | None, qtype: QuestionType | None
) -> str | None:
    if "red_flag_if" not in entry:  # a yesno question without one must be scored (bankfields)
        return None
    mark = value_mark(entry, "red_flag_if")
    if qtype is not QuestionType.YESNO:
        check.fail(mark, "only yesno questions have 'red_flag_if'", subject)
        return None
    value = entry["red_flag_if"]
    if value not in (YES, NO):
        shown = described(entry, "red_flag_if")
        check.fail(mark, f'\'red_flag_if\' must be "yes" or "no", not {shown}', subject)
        return None
    return str(value)


def _actions(
    check: Checker, entry: Any, subject: str | None, framework: Framework
) -> tuple[Action, ...]:
    if "actions" not in entry:
        return ()
    actions: list[Action] = []
    for item, mark in check.items(entry, "actions", subject, min_items=1):
        action = check.mapping(item, mark, "an action", ["text", "page"], subject=subject)
        if action is None:
            continue
        text, page_id = check.text(action, "text", subject), check.ident(action, "page", subject)
        if page_id is not None and page_id not in framework.pages:
            check.fail(
                value_mark(action, "page"),
                f"unknown page {page_id!r} (the framework has {', '.join(framework.pages)})",
                subject,
            )
        elif text and page_id:
            actions.append(Action(text, framework.pages[page_id]))
    return tuple(actions)

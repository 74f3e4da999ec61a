"""The quick single-report JSON (pieces encoded once, joined) against the plain encoding.

json.render_single joins cached pieces for speed; json.reference_single encodes the whole
report as data. A hypothesis property checks that they give the same text on random answers to
the test and shipped banks, with notes, targets, warnings and strange text."""

from __future__ import annotations

from types import MappingProxyType

from conftest import MINI_DIR, make_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.core.model import Answer, QuestionType
from coself.core.scoring import score
from coself.io.banks import load_library
from coself.render import Meta
from coself.render.json import reference_single, render_single

LIBRARY = load_library([MINI_DIR])
BANKS = [LIBRARY.get(b) for b in ("mini", "minivoices", "organisation", "voices")]
TEXT = st.text(alphabet=st.sampled_from('aé "\\\n\t\x1b\u202e</>&{}:,'), max_size=12)


@st.composite
def results_and_meta(draw):  # type: ignore[no-untyped-def]
    bank = draw(st.sampled_from(BANKS))
    values: dict[str, object] = {}
    for question in bank.questions:
        common: list[object] = [None, "dont_know", "skipped"] + (
            ["na"] if question.allow_na else []
        )
        if question.type is QuestionType.YESNO:
            options = [*common, "yes", "no"]
        elif question.type is QuestionType.LADDER:
            options = [*common, *(r.id for r in bank.framework.ladder_answers)]
        else:
            options = [*common, 0, 1, 2, 3, 4]
        value = draw(st.sampled_from(options))
        if value is not None:
            note = draw(st.none() | TEXT)
            values[question.id] = value if note is None else (value, note)
    targets = {  # a target stage for some sections (a figure with a target has more fields)
        s.id: draw(st.sampled_from([t.id for t in bank.stages]))
        for s in bank.sections
        if draw(st.booleans())
    }
    answers = make_answers(
        bank,
        {q: v for q, v in values.items() if not isinstance(v, tuple)},
        organisation=draw(TEXT),
        respondent=draw(st.none() | TEXT),
        targets=MappingProxyType(targets),
    )
    noted = {q: v for q, v in values.items() if isinstance(v, tuple)}
    with_notes = make_answers(bank, {q: _noted(answers, bank, q, *v) for q, v in noted.items()})
    answers = type(answers)(  # the plain and the noted answers together, in bank order
        **{**vars_of(answers), "answers": {**answers.answers, **with_notes.answers}}
    )
    meta = Meta(draw(TEXT), tuple(draw(st.lists(TEXT, max_size=2))))
    return score(bank, answers), meta


def _noted(answers, bank, qid, value, note):  # type: ignore[no-untyped-def]
    plain = make_answers(bank, {qid: value}).answers[qid]
    return Answer(plain.value, note=note)


def vars_of(answers):  # type: ignore[no-untyped-def]
    return {name: getattr(answers, name) for name in answers.__dataclass_fields__}


@settings(max_examples=200, deadline=None)
@given(results_and_meta())
def test_the_quick_json_is_the_plain_encoding(case) -> None:  # type: ignore[no-untyped-def]
    result, meta = case
    assert render_single(result, meta) == reference_single(result, meta)

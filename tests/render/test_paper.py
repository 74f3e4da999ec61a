"""The paper questionnaire: accessible, self-contained, every answer a labelled tick box, bank
text escaped, the form reference in every page block."""

from __future__ import annotations

import dataclasses
import html
import os
import re
from pathlib import Path

import pytest
from conftest import MINI_DIR
from html_check import check_contrast, check_font_sizes, check_form

from coself.core.lint import Text, lint_texts
from coself.core.located import NOWHERE
from coself.core.model import Bank, QuestionType
from coself.io.banks import Library
from coself.io.lintfiles import load_word_lists
from coself.render.paper import (
    PaperOptions,
    form_code,
    form_reference,
    page_blocks,
    paper_order,
    render_paper,
)

OPTIONS = [
    PaperOptions(),
    PaperOptions(large_print=True),
    PaperOptions(one_per_page=True),
    PaperOptions(large_print=True, one_per_page=True),
]
HOSTILE = '<script>alert("x")</script> & </style><b>"quoted"</b> \x1b[31m\u202eevil'
SEEN = HOSTILE.replace("\x1b", "").replace("\u202e", "")


def banks(library: Library) -> list[Bank]:
    """Every bank the tests know: the shipped ones (both versions) and the small test banks."""
    return list(library.versions.values())


@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: f"large={o.large_print}-one={o.one_per_page}"
)
def test_every_form_passes_the_accessibility_check(library: Library, options: PaperOptions) -> None:
    for bank in banks(library):
        page = render_paper(bank, options)
        parsed = check_form(page, 16 if options.large_print else 12)
        assert bank.title in parsed.title and form_reference(bank) in parsed.title
        # the body is exactly the size asked for: large print is at least 16 pt
        body = re.search(r"body\{[^}]*font-size:(\d+)pt", parsed.style)
        assert body and int(body.group(1)) == (16 if options.large_print else 12)
        assert "@page{size:A4;" in parsed.style


def test_the_checker_finds_what_it_looks_for() -> None:
    """The checks above can fail: small type, grey text, an unlabelled or ungrouped box."""
    with pytest.raises(AssertionError, match="below 12pt"):
        check_font_sizes("body{font-size:12pt}input,textarea{font:inherit}.x{font-size:10pt}", 12)
    with pytest.raises(AssertionError, match="not in points"):
        check_font_sizes("body{font-size:12pt}input,textarea{font:inherit}.x{font-size:1rem}", 12)
    with pytest.raises(AssertionError):
        check_contrast("p{color:#777777;background:#ffffff}")  # 4.48:1
    check_contrast("p{color:#767676;background:#ffffff}")  # 4.54:1
    with pytest.raises(AssertionError):
        check_contrast("p{color:#1a1a1a}.band{background:#555555}")
    base = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>t</title><style>'
        "body{font-size:12pt;color:#1a1a1a}input,textarea{font:inherit}</style></head><body>"
        "<h1>Form</h1>{}</body></html>"
    )
    check_form(
        base.replace(
            "{}",
            '<fieldset><legend>Q</legend><input type="radio" id="a">'
            '<label for="a">A</label></fieldset>',
        ),
        12,
    )
    with pytest.raises(AssertionError, match="no label"):
        check_form(
            base.replace(
                "{}", '<fieldset><legend>Q</legend><input type="radio" id="a"></fieldset>'
            ),
            12,
        )
    with pytest.raises(AssertionError, match="not in a fieldset"):
        check_form(base.replace("{}", '<input type="radio" id="a"><label for="a">A</label>'), 12)


def boxes(page: str, name: str) -> list[str]:
    """The labels of the tick boxes of one group (a question's are `q:ID`), in order, as text."""
    found = re.findall(
        rf'<input type="radio" id="([^"]+)" name="{re.escape(name)}" value="[^"]*">'
        r'<label for="\1">(.*?)</label>',
        page,
    )
    return [html.unescape(re.sub(r"<[^>]+>", "", label)) for _, label in found]


def test_every_answer_a_question_takes_is_a_tick_box(library: Library) -> None:
    mini = library.get("mini")
    page = render_paper(mini)
    assert boxes(page, "q:c-one") == [
        "0 Not yet. Not at all.",
        "1 Starting. Once or twice.",
        "2 Developing. Sometimes.",
        "3 Established. Mostly.",
        "4 Embedded. Always.",
        "Don't know",
    ]
    assert boxes(page, "q:c-two")[-2:] == ["Don't know", "Does not apply"]  # allow_na
    assert boxes(page, "q:flag-late") == ["Yes", "No", "Not sure"]
    ladder = boxes(page, "q:ladder-design")
    assert ladder[0].startswith("0 Not involved at all.")
    assert ladder[7].startswith("7 Co-production.")
    assert ladder[8:] == ["Don't know", "Does not apply"]
    # the about-you choices: everyday words, numbered as `coself assess` numbers them
    assert boxes(page, "about:perspective") == [
        "1 I lead or manage here",
        "2 I work here",
        "3 I draw on care and support",
        "4 I am a carer (family or a friend)",
        "5 Something else",
    ]


def test_the_bank_s_own_words_are_used(library: Library) -> None:
    """A question's own level descriptors, the everyday scale and ladder wording of voices."""
    organisation = library.get("organisation")
    question = next(q for q in organisation.questions if q.levels)
    shown = boxes(render_paper(organisation), f"q:{question.id}")
    for level, words in question.levels.items():
        label = organisation.scale[level].label
        assert shown[level] == f"{level} {label}. {' '.join(words.split())}"
    voices = library.get("voices")
    page = render_paper(voices)
    frequency = next(q for q in voices.questions if q.type is QuestionType.FREQUENCY)
    assert [b.split(".")[0] for b in boxes(page, f"q:{frequency.id}")[:5]] == [
        f"{s.level} {s.label}" for s in voices.scale
    ]
    ladder = next(q for q in voices.questions if q.type is QuestionType.LADDER)
    assert boxes(page, f"q:{ladder.id}")[0] == "0 Not part of it. You were not part of it at all."
    # don't know and not applicable in the words the bank's introduction and session use
    assert boxes(page, f"q:{frequency.id}")[5] == voices.prompts.dont_know.capitalize()
    with_na = next(q for q in voices.questions if q.allow_na)
    assert boxes(page, f"q:{with_na.id}")[-1] == voices.prompts.not_applicable.capitalize()
    assert "7 You shared it all." in boxes(page, f"q:{ladder.id}")[7]


def test_every_question_has_room_for_comments_and_is_numbered(library: Library) -> None:
    voices = library.get("voices")
    page = render_paper(voices)
    total = len(voices.questions)
    ordered = [q for _, questions in paper_order(voices) for q in questions]
    assert sorted(q.id for q in ordered) == sorted(q.id for q in voices.questions)
    for n, question in enumerate(ordered, 1):
        assert f"Question {n} of {total}.</span> {question.text}" in " ".join(page.split())
        assert f'name="q:{question.id}:note"' in page
    names = re.findall(r'<input type="radio" id="[^"]+" name="([^"]+)"', page)
    assert len(set(names)) == total + 1  # a group for each question, and one for who answers


def test_the_form_s_own_words_are_plain_for_everyday_readers(library: Library) -> None:
    """Everything the voices form says, its own words and the bank's, as `banks lint` reads
    a bank for everyday readers: short sentences, short words, no jargon or idioms."""
    voices = library.get("voices")
    for options in OPTIONS:
        parsed = check_form(render_paper(voices, options), 12)
        texts = [t for t in parsed.text if t.strip() and t != parsed.style]
        texts = [t for t in texts if not t.startswith(f"Form {form_reference(voices)}")]
        assert any("Tick one box." in t for t in texts)
        said = [Text(t, NOWHERE, "form") for t in texts]
        assert lint_texts(said, "everyday", load_word_lists()) == []


def _hostile_bank(bank: Bank) -> Bank:
    questions = tuple(
        dataclasses.replace(q, text=HOSTILE, help=HOSTILE, levels={0: HOSTILE})
        for q in bank.questions
    )
    scale = tuple(dataclasses.replace(s, label=HOSTILE) for s in bank.scale)
    return dataclasses.replace(
        bank,
        id='x"}</style><script>',
        title=HOSTILE,
        description=HOSTILE,
        audience=HOSTILE,
        scale=scale,
        questions=questions,
    )


@pytest.mark.parametrize("options", OPTIONS[:3])
def test_bank_text_is_data_never_markup(mini: Bank, options: PaperOptions) -> None:
    page = render_paper(_hostile_bank(mini), options)
    parsed = check_form(page, 12)
    assert "<script>" not in page and "<b>" not in page and "\x1b" not in page
    assert "\u202e" not in page
    text = "".join(parsed.text)
    assert SEEN in text  # shown literally
    # the id reaches the style sheet only as an escaped CSS string, which nothing ends early
    assert parsed.style.count("content:") == 3
    assert "</style" not in parsed.style and '"}' not in parsed.style.split("@top-left")[1][:60]


@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: f"large={o.large_print}-one={o.one_per_page}"
)
def test_each_page_block_carries_the_reference(library: Library, options: PaperOptions) -> None:
    for bank in banks(library):
        page = render_paper(bank, options)
        parts = page.split('<section class="page">')[1:]
        assert len(parts) == page_blocks(bank, options)
        reference = form_reference(bank)
        for n, part in enumerate(parts, 1):
            assert f"Form {reference}, part {n} of {len(parts)}" in part
        assert f'@top-left{{content:"Form {reference}"' in page  # every printed page
        if options.one_per_page:  # exactly one question in each question page
            counts = [part.count('class="question"') for part in parts]
            assert counts == [0, 0] + [1] * len(bank.questions), bank.id


def test_the_form_code_names_exactly_these_words(mini: Bank) -> None:
    assert form_code(mini) == form_code(mini)
    assert re.fullmatch(r"[0-9A-F]{6}", form_code(mini))
    assert form_reference(mini) == f"mini-1.0.0-{form_code(mini)}"
    reworded = dataclasses.replace(
        mini, questions=(dataclasses.replace(mini.questions[0], text="Other?"), *mini.questions[1:])
    )
    assert form_code(reworded) != form_code(mini)
    relabelled = dataclasses.replace(
        mini, scale=(dataclasses.replace(mini.scale[0], label="Never"), *mini.scale[1:])
    )
    assert form_code(relabelled) != form_code(mini)


def test_export_paper_writes_the_file_whole(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "mini.html"
    code, stdout, err = cli("export", "paper", "--bank", "mini", "-o", out, "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert stdout == "" and f"saved in {out}" in err
    page = out.read_text(encoding="utf-8")
    check_form(page, 12)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.html"]  # no temporary file left
    code, again, _ = cli("export", "paper", "--bank", "mini", "--banks-dir", MINI_DIR)
    assert code == 0 and again == page  # standard output: the same form, deterministic
    code, large, _ = cli(
        "export",
        "paper",
        "--bank",
        "mini",
        "--large-print",
        "--one-per-page",
        "--banks-dir",
        MINI_DIR,
    )
    assert code == 0
    check_form(large, 16)
    assert large.count('<section class="page">') == 2 + 7


def test_export_paper_refuses_a_bad_bank_and_its_own_inputs(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "form.html"
    code, stdout, err = cli("export", "paper", "--bank", "nope", "-o", out)
    assert code == 2 and stdout == "" and not out.exists()
    assert err.startswith("coself: no question bank with id 'nope'") and err.count("\n") == 1
    banks = tmp_path / "banks"
    banks.mkdir()
    bank_file = banks / "mini.yaml"
    bank_file.write_bytes((MINI_DIR / "mini.yaml").read_bytes())
    code, _, err = cli("export", "paper", "--bank", "mini", "--banks-dir", banks, "-o", bank_file)
    assert code == 2 and "is also an input" in err
    assert bank_file.read_bytes() == (MINI_DIR / "mini.yaml").read_bytes()


GOLDEN_PAPER = Path(__file__).parent / "golden-paper"


@pytest.mark.parametrize(
    ("name", "options"),
    [("mini.html", PaperOptions()), ("mini-large-one-per-page.html", OPTIONS[3])],
)
def test_the_paper_form_whole(mini: Bank, name: str, options: PaperOptions) -> None:
    """The whole form, compared with its golden file (refresh: UPDATE_GOLDEN=1, read the diff)."""
    page = render_paper(mini, options)
    golden = GOLDEN_PAPER / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")

"""A bank as an XLSForm (survey, choices and settings sheets) for KoboToolbox and ODK."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from coself.core.matching import (
    BANK_FIELD,
    ORG_LABEL,
    PERSPECTIVE_LABEL,
    VERSION_FIELD,
    Choice,
    choices,
    list_name,
    perspective_choices,
)
from coself.core.model import Bank
from coself.core.text import one_line

SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "calculation")
CHOICE_COLUMNS = ("list_name", "name", "label")
SETTINGS_COLUMNS = ("form_title", "form_id", "version")
PERSPECTIVE_LIST = "perspective"


def _text(value: str) -> str:
    """Bank text as a form label: one line, and `${` kept literal (XLSForm reads it as a
    reference to another field)."""
    return one_line(value).replace("${", "$ {")


def _quoted(value: str) -> str:
    """A constant for an XLSForm calculation: an XPath string literal."""
    quote = "'" if "'" not in value else '"'
    return f"{quote}{value}{quote}"


def survey_rows(bank: Bank) -> Iterator[tuple[str, ...]]:
    """The survey sheet: hidden fields naming the bank, the organisation and perspective, then
    each section as a group of its questions."""
    yield ("calculate", BANK_FIELD, "", "", "", _quoted(bank.id))
    yield ("calculate", VERSION_FIELD, "", "", "", _quoted(bank.version))
    yield (
        "text",
        "organisation",
        ORG_LABEL,
        "The organisation these answers are about.",
        "yes",
        "",
    )
    yield (f"select_one {PERSPECTIVE_LIST}", "perspective", PERSPECTIVE_LABEL, "", "yes", "")
    for section in bank.sections:
        title = bank.framework.section(section.id).title
        yield ("begin_group", _name(section.id), _text(title), "", "", "")
        for question in bank.questions:
            if question.section == section.id:
                kind = f"select_one {list_name(bank, question)}"
                yield (kind, question.id, _text(question.text), _text(question.help), "", "")
        yield ("end_group", _name(section.id), "", "", "", "")


def _name(section_id: str) -> str:
    """A section's group name; a section id may start with a digit, a field name may not."""
    return section_id if section_id[:1].isalpha() else f"section_{section_id}"


def choice_rows(bank: Bank) -> Iterator[tuple[str, ...]]:
    """The choices sheet: the perspectives, then each answer list once."""
    yield from _list(PERSPECTIVE_LIST, perspective_choices())
    done: set[str] = set()
    for question in bank.questions:
        name = list_name(bank, question)
        if name not in done:
            done.add(name)
            yield from _list(name, choices(bank, question))


def _list(name: str, given: Sequence[Choice]) -> Iterator[tuple[str, ...]]:
    for choice in given:
        yield (name, choice.name, _text(choice.label))


def render_xlsform(bank: Bank) -> bytes:
    """The XLSForm as the bytes of an .xlsx workbook."""
    from openpyxl import Workbook  # only `export xlsform` pays for openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)  # streamed: no empty first sheet to remove
    sheets = (
        ("survey", SURVEY_COLUMNS, survey_rows(bank)),
        ("choices", CHOICE_COLUMNS, choice_rows(bank)),
        ("settings", SETTINGS_COLUMNS, iter([(bank.title, bank.id, bank.version)])),
    )
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title)
        for row in (columns, *rows):
            cells = [WriteOnlyCell(sheet, value or None) for value in row]
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    # text from a bank reaches the form as written, never run as a formula
                    cell.data_type = "s"
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

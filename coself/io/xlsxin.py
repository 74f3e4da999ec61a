"""Spreadsheet exports (.xlsx: Microsoft Forms, KoboToolbox) read row by row, never whole.

An .xlsx is a zip of XML files and every one is untrusted: its directory is read first, and a
file whose parts would unpack to more than XLSX_UNPACKED_LIMIT (a zip bomb) is refused before
any XML is parsed. Entity expansion ("billion laughs") is stopped by the XML parser itself:
the expat that Python carries (2.4 and later) refuses amplification past its limit, which
openpyxl's reader meets as a parse error, reported here in one line.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from coself.errors import InputError, Problem
from coself.io.formsin import Record
from coself.io.yamlsafe import _not_a_file  # the words every reader uses for a pipe or device

XLSX_SIZE_LIMIT = 64 * 1024 * 1024  # as for a CSV export
XLSX_UNPACKED_LIMIT = 512 * 1024 * 1024
XLSX_MAX_PARTS = 10_000


def _refuse(source: str, message: str) -> InputError:
    return InputError.of([Problem(source, 0, 0, message)])


def open_package(path: Path, source: str) -> BinaryIO:
    """The workbook file, open; refused when it is not a regular file (a named pipe could block
    for ever: it is opened without waiting and checked once open), too large, not a zip, or
    when its parts would unpack too large (a zip bomb; the sizes are the zip's own directory's,
    and Python's zip reader never unpacks a part past the size its directory gives)."""
    try:
        if not stat.S_ISREG(mode := os.stat(path).st_mode):
            raise _not_a_file(mode, source)
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        stream = open(handle, "rb")  # noqa: SIM115 (kept open while its rows are read)
    except FileNotFoundError:
        raise _refuse(source, "no such file") from None
    except OSError as error:
        raise _refuse(source, f"cannot read: {error.strerror}") from None
    try:
        _check_package(stream, source)
    except BaseException:
        stream.close()
        raise
    return stream


def _check_package(stream: BinaryIO, source: str) -> None:
    info = os.fstat(stream.fileno())
    if not stat.S_ISREG(info.st_mode):
        raise _not_a_file(info.st_mode, source)
    os.set_blocking(stream.fileno(), True)
    if info.st_size > XLSX_SIZE_LIMIT:
        raise _refuse(source, f"file is larger than the {XLSX_SIZE_LIMIT // 1024} KiB limit")
    try:
        with zipfile.ZipFile(stream) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(source, "not an .xlsx workbook (it is not a zip package)") from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > XLSX_MAX_PARTS or unpacked > XLSX_UNPACKED_LIMIT:
        raise _refuse(
            source,
            f"the workbook would unpack to {unpacked // (1024 * 1024)} MiB in {len(parts)} "
            f"parts, over the limit of {XLSX_UNPACKED_LIMIT // (1024 * 1024)} MiB: not read",
        )
    stream.seek(0)


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: whole numbers without '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_table(path: Path, source: str) -> tuple[list[str], Iterator[Record]]:
    """The header of the workbook's first sheet and an iterator over its rows (numbered as the
    sheet numbers them), streamed from the file."""
    stream = open_package(path, source)
    from openpyxl import load_workbook  # only commands reading a workbook pay for openpyxl

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [cell_text(v).strip() for v in next(rows, ())]
        if not any(header):
            raise _refuse(source, "the first sheet is empty: no header row")
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        stream.close()
        if isinstance(error, InputError):
            raise
        raise _refuse(source, f"unreadable .xlsx workbook: {_why(error)}") from None
    return header, _rows(book, stream, rows, source, len(header))


def _rows(
    book: Any, stream: BinaryIO, rows: Iterator[tuple[Any, ...]], source: str, width: int
) -> Iterator[Record]:
    """Each row as text; a spreadsheet leaves out empty cells at a row's end, so short rows are
    filled up to the header's width."""
    number = 1
    try:
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:
                message = f"unreadable .xlsx workbook: {_why(error)}"
                yield number, InputError.of([Problem(source, number, 0, message)])
                return
            cells = [cell_text(v) for v in row]
            yield number, cells + [""] * (width - len(cells))
    finally:
        book.close()
        stream.close()


def _why(error: Exception) -> str:
    """What went wrong, in one line: the XML parser's own reason where openpyxl wrapped it
    (entity expansion refused, a broken tag), else openpyxl's message."""
    from coself.core.text import one_line

    cause = error.__cause__ or error.__context__ or error
    text = str(cause) if str(cause) and cause is not error else str(error)
    if type(cause).__name__ == "EntitiesForbidden":  # defusedxml, when installed
        text = "it declares XML entities, which are refused"
    return one_line(text)[:200] or type(error).__name__

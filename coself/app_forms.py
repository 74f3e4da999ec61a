"""What the form commands do: make an XLSForm from a bank, draft a mapping for an export."""

from __future__ import annotations

from pathlib import Path

from coself.app import Context, option_text, writing
from coself.core.matching import Reading
from coself.core.model import Perspective
from coself.errors import UsageError


def export_xlsform(bank_id: str, output: str, ctx: Context) -> None:
    """Write the bank as an XLSForm for KoboToolbox or ODK, atomically."""
    from coself.io.storage import check_outputs, write_atomic
    from coself.io.xlsform import render_xlsform

    if not output.lower().endswith(".xlsx"):
        raise UsageError(f"-o {output}: an XLSForm is an .xlsx workbook; name a file ending .xlsx")
    check_outputs([], [output])
    bank = ctx.library().get(bank_id)
    data = render_xlsform(bank)
    with writing(output):
        write_atomic(Path(output), data)
    ctx.err(f"XLSForm for bank {bank.id} {bank.version} saved in {output}")


def map_suggest(export: Path, bank_id: str, output: str | None, ctx: Context) -> None:
    """Write a draft mapping for an export to a new file (or standard output)."""
    import sys

    from coself.io.mapping import distinct_cells, draft_map
    from coself.io.sources import export_table
    from coself.io.storage import check_outputs, create_exactly
    from coself.io.yamlwrite import dump_yaml

    check_outputs([export], [output])
    if export.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"{export}: map suggest reads a form's export, a .csv or .xlsx file")
    bank = ctx.library().get(bank_id)
    header, records = export_table(export)
    draft = draft_map(header, distinct_cells(records, header), bank, str(export))
    text = (
        f"# Draft mapping of {export.name} to bank {bank.id}, made by coself map suggest.\n"
        "# Check every entry marked 'check: true' and remove the mark; then use it with\n"
        "# coself report EXPORT --map THIS-FILE (or coself batch).\n" + dump_yaml(draft)
    )
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    with writing(output):  # never over a mapping a person may have checked
        create_exactly(Path(output), text)
    unsure = sum(1 for v in draft["columns"].values() if isinstance(v, dict) and v.get("check"))
    ctx.err(f"Draft mapping saved in {output}: {unsure} column(s) to check")


def reading_options(
    org: str | None, perspective: str | None, include_names: bool, map_file: Path | None
) -> Reading:
    """How exports are read, from the options of report and batch."""
    from coself.io.mapping import load_map

    return Reading(
        option_text("--org", org),
        Perspective(perspective) if perspective else None,
        include_names,
        load_map(map_file) if map_file is not None else None,
    )

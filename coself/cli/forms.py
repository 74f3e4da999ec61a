"""The `export` and `map` command groups: forms made from a bank, and mappings for exports.

More ways to export a bank (a printable questionnaire) join `export_app` with one decorator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coself.cli.commands import BankId, BanksDirs, NewFileOutput, _ctx, app
from coself.cli.parts import CoselfCommand, CoselfGroup

export_app = typer.Typer(
    cls=CoselfGroup,
    help="Make forms from a bank, to collect answers elsewhere.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
map_app = typer.Typer(
    cls=CoselfGroup,
    help="Map the columns of an online form's export to a bank's questions.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")
app.add_typer(map_app, name="map")

FormOutput = Annotated[
    str,
    typer.Option("-o", "--output", metavar="FILE", help="The file to write (.xlsx)."),
]


@export_app.command("xlsform", cls=CoselfCommand, short_help="Write an XLSForm for Kobo or ODK.")
def export_xlsform(
    output: FormOutput,
    bank: BankId = "organisation",
    banks_dir: BanksDirs = None,
) -> None:
    """Write the bank as an XLSForm (survey, choices and settings sheets) to upload to
    KoboToolbox or ODK Central: each question named by its id, labelled with its text, its help
    as the hint, its answers as a choice list (don't know, and not applicable where allowed,
    included), organisation and perspective fields, each section a group, and the bank's id and
    version as the form id and version. Read the answers back with coself report EXPORT.

    \b
    Example: coself export xlsform --bank voices -o voices.xlsx
    """
    from coself.app_forms import export_xlsform as run

    run(bank, output, _ctx(banks_dir))


@map_app.command("suggest", cls=CoselfCommand, short_help="Draft a mapping for an export.")
def map_suggest(
    export: Annotated[
        Path,
        typer.Argument(metavar="EXPORT", help="A form export (.csv or .xlsx).", dir_okay=False),
    ],
    bank: BankId = "organisation",
    output: NewFileOutput = None,
    banks_dir: BanksDirs = None,
) -> None:
    """Draft a mapping file for an export: each column to a question id or a role (organisation,
    perspective, metadata, ignore, ...), and cell words the bank does not use to answer values.
    Every match coself is not sure of is marked 'check: true' with its reason: check it, remove
    the mark, and give the file to report or batch with --map.

    \b
    Example: coself map suggest responses.xlsx --bank voices -o map.yaml
    """
    from coself.app_forms import map_suggest as run

    run(export, bank, output, _ctx(banks_dir))

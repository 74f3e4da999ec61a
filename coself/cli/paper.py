"""`coself export paper`: the printable questionnaire's command, in forms' `export` group."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from coself.cli.commands import BanksDirs
from coself.cli.forms import export_app
from coself.cli.parts import CoselfCommand


@export_app.command("paper", cls=CoselfCommand, short_help="Write a printable questionnaire.")
def paper(
    bank: Annotated[
        str, typer.Option("--bank", metavar="ID", help="The bank (listed below).")
    ] = "organisation",
    output: Annotated[
        Optional[str],
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write the form (HTML) to this file; - means standard output.",
        ),
    ] = None,
    large_print: Annotated[
        bool, typer.Option("--large-print", help="Large print: text at least 16 pt.")
    ] = False,
    one_per_page: Annotated[
        bool,
        typer.Option("--one-per-page", help="One question on each page (for Easy Read use)."),
    ] = False,
    banks_dir: BanksDirs = None,
) -> None:
    """Write a bank as a printable questionnaire: one HTML file for A4 paper with tick boxes,
    room for comments and the form reference on every page. Open it in a browser and print.

    \b
    Example: coself export paper --bank voices --large-print -o voices.html
    """
    from coself.app import Context
    from coself.app_paper import export_paper
    from coself.render.paper import PaperOptions

    options = PaperOptions(large_print, one_per_page)
    export_paper(bank, output, options, Context(tuple(banks_dir or ())))

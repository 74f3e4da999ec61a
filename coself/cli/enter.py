"""The `coself enter` command: type in returned paper forms, one short line per section."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coself.cli.commands import BanksDirs, Org, Plain, _ctx


def enter(
    bank: Annotated[
        Optional[str],
        typer.Option("--bank", metavar="ID", help="The bank the paper forms were printed from."),
    ] = None,
    org: Org = None,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Double data entry: type finished forms in again and decide every "
            "answer the two entries disagree on.",
        ),
    ] = False,
    reports_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--reports-dir",
            metavar="DIR",
            file_okay=False,
            help="Where the forms' answers files are saved and looked for "
            "[default: reports, or the answers file's folder with --resume].",
        ),
    ] = None,
    resume: Annotated[
        Optional[Path],
        typer.Option(
            "--resume", metavar="FILE", help="Carry on with an unfinished form.", dir_okay=False
        ),
    ] = None,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Type in returned paper forms: the form reference, who answered, then one line of
    answers per section, each line counted and read back in words. Every form is saved in its
    own answers file after each section.

    \b
    Example: coself enter --bank voices --org "Acme Care"
    """
    from coself.app_enter import EnterOptions
    from coself.app_enter import enter as run

    run(EnterOptions(bank, org, reports_dir, resume, verify), _ctx(banks_dir, plain))

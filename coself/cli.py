"""The command line: parse options, call the app layer, turn errors into exit codes.

Imported by nothing. Only typer is imported at the top so that `coself --version` starts fast.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from coself import __version__

app = typer.Typer(
    help="Self-assess co-production in social care against SCIE Guide 51.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
banks_app = typer.Typer(
    help="List, show and validate question banks.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(banks_app, name="banks")


class ReportFormat(str, enum.Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"


class PerspectiveChoice(str, enum.Enum):
    leadership = "leadership"
    staff = "staff"
    person = "person"
    carer = "carer"
    other = "other"


BanksDirs = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--banks-dir",
        help="An extra folder of question banks (repeatable; also COSELF_BANKS_DIR).",
        file_okay=False,
    ),
]
GapThreshold = Annotated[
    float,
    typer.Option(
        "--gap-threshold",
        min=0,
        max=100,
        help="Combined reports: list perception gaps of this many points or more first.",
    ),
]
MinGroup = Annotated[
    int,
    typer.Option(
        "--min-group",
        min=1,
        help="Combined reports: hide (and leave out) perspectives with fewer "
        "respondents than this, to protect privacy.",
    ),
]
Plain = Annotated[
    bool,
    typer.Option("--plain", help="No colour, no box drawing (also on with NO_COLOR or TERM=dumb)."),
]


def _ctx(banks_dir: Optional[list[Path]], plain: bool = False):  # type: ignore[no-untyped-def]
    from coself.app import Context, plain_wanted

    return Context(tuple(banks_dir or ()), plain_wanted(plain))


def _version(value: bool) -> None:
    if value:
        print(f"coself {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Self-assess co-production in social care against SCIE Guide 51."""


@banks_app.command("list", short_help="List the question banks.")
def banks_list(banks_dir: BanksDirs = None, plain: Plain = False) -> None:
    """List the question banks: id, title, version, audience and number of questions.

    Example: coself banks list --banks-dir my-banks
    """
    from coself.render import Format, Kind, Meta, render

    ctx = _ctx(banks_dir, plain)
    banks = list(ctx.library().banks.values())
    ctx.console().print(render(Kind.BANK_LIST, Format.TERMINAL, banks, Meta(plain=ctx.plain)))


@banks_app.command("show", short_help="Show one bank's sections and questions.")
def banks_show(
    bank_id: Annotated[str, typer.Argument(metavar="ID", help="The bank's id.")],
    output_format: Annotated[
        str, typer.Option("--format", help="terminal (default) or json (the normalised bank).")
    ] = "terminal",
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Show one bank's sections and questions, or the normalised bank as JSON.

    Example: coself banks show organisation --format json
    """
    from coself.errors import UsageError
    from coself.render import Format, Kind, Meta, render

    ctx = _ctx(banks_dir, plain)
    bank = ctx.library().get(bank_id)
    if output_format not in ("terminal", "json"):
        raise UsageError(f"--format must be terminal or json, not {output_format!r}")
    shown = render(Kind.BANK, Format(output_format), bank, Meta(plain=ctx.plain))
    if output_format == "json":
        sys.stdout.write(shown)
    else:
        ctx.console().print(shown)


@banks_app.command("validate", short_help="Check question banks for problems.")
def banks_validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="Bank or framework files, or folders of them; none means the shipped banks."
        ),
    ] = None,
) -> None:
    """Check question banks and report every problem as file:line:col: question-id: message.

    Exits 0 when every file is clean and 1 otherwise. Example: coself banks validate my-bank.yaml
    """
    from coself.core.text import clean
    from coself.io.banks import validate_paths

    checked, problems = validate_paths(paths or [])
    for problem in problems:
        print(clean(str(problem)))
    state = f"{len(problems)} problem(s)" if problems else "no problems"
    print(f"Checked {len(checked)} file(s): {state}.", file=sys.stderr)
    if problems:
        raise typer.Exit(1)


@app.command(short_help="Answer questions, each answer saved at once.")
def assess(
    bank: Annotated[str, typer.Option("--bank", help="The bank to answer.")] = "organisation",
    org: Annotated[Optional[str], typer.Option("--org", help="The organisation's name.")] = None,
    perspective: Annotated[
        Optional[PerspectiveChoice], typer.Option("--perspective", help="Who is answering.")
    ] = None,
    respondent: Annotated[
        Optional[str],
        typer.Option(
            "--respondent", help="Who answered (optional; never shown in combined reports)."
        ),
    ] = None,
    reports_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--reports-dir",
            file_okay=False,
            help="Where answers and reports are saved "
            "[default: reports, or the answers file's folder with --resume].",
        ),
    ] = None,
    resume: Annotated[
        Optional[Path],
        typer.Option("--resume", help="Carry on with a saved answers file.", dir_okay=False),
    ] = None,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Answer a bank's questions in the terminal, saving after every answer.

    Example: coself assess --org "Acme Care" --perspective staff
    """
    from coself.app import AssessOptions
    from coself.app import assess as run
    from coself.core.model import Perspective

    chosen = Perspective(perspective.value) if perspective else None
    options = AssessOptions(bank, org, chosen, respondent, reports_dir, resume)
    raise typer.Exit(run(options, _ctx(banks_dir, plain)))


@app.command(short_help="Score answers and show or save a report.")
def report(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="ANSWERS_FILE",
            help="Answers files (YAML, JSON, CSV exports) or folders; "
            "- reads one from standard input. Several give one combined report.",
        ),
    ],
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="terminal, markdown, json or html.")
    ] = ReportFormat.terminal,
    output: Annotated[
        Optional[str],
        typer.Option(
            "-o", "--output", help="Write the report to this file; - means standard output."
        ),
    ] = None,
    gap_threshold: GapThreshold = 20.0,
    min_group: MinGroup = 1,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Score answers and show or save the report (several files: one combined report).

    Example: coself report reports/acme-care-2026-11-26-organisation.answers.yaml --format markdown
    """
    from coself.app import CombineOptions
    from coself.app import report as run
    from coself.render import Format

    raise typer.Exit(
        run(
            files,
            Format(output_format.value),
            output,
            _ctx(banks_dir, plain),
            CombineOptions(gap_threshold, min_group),
        )
    )


@app.command(short_help="Show what changed between two assessments.")
def compare(
    before: Annotated[
        str,
        typer.Argument(
            help="The earlier answers: a file, or a folder of files for a combined view."
        ),
    ],
    after: Annotated[str, typer.Argument(help="The later answers, likewise.")],
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="terminal, markdown, json or html.")
    ] = ReportFormat.terminal,
    output: Annotated[
        Optional[str],
        typer.Option("-o", "--output", help="Write to this file; - means standard output."),
    ] = None,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Show what changed between two assessments, section by section and question by question.

    Example: coself compare reports/acme-2025.answers.yaml reports/acme-2026.answers.yaml
    """
    from coself.app import compare as run
    from coself.render import Format

    raise typer.Exit(
        run([before], [after], Format(output_format.value), output, _ctx(banks_dir, plain))
    )


@app.command(short_help="Write a blank answers file to fill in.")
def template(
    bank: Annotated[str, typer.Option("--bank", help="The bank to write.")] = "organisation",
    org: Annotated[Optional[str], typer.Option("--org", help="The organisation's name.")] = None,
    perspective: Annotated[
        Optional[PerspectiveChoice], typer.Option("--perspective", help="Who will answer.")
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="yaml (an answers file with every question explained) or csv (the "
            "header row of a spreadsheet export).",
        ),
    ] = "yaml",
    output: Annotated[
        Optional[str],
        typer.Option("-o", "--output", help="Write to this file instead of standard output."),
    ] = None,
    banks_dir: BanksDirs = None,
) -> None:
    """Write a blank answers file to fill in offline (or a CSV header for exports).

    Example: coself template --org "Acme Care" --perspective staff -o acme.answers.yaml
    """
    from coself.app import template as run
    from coself.core.model import Perspective
    from coself.errors import UsageError

    if output_format not in ("yaml", "csv"):
        raise UsageError(f"--format must be yaml or csv, not {output_format!r}")
    chosen = Perspective(perspective.value) if perspective else None
    raise typer.Exit(run(bank, org, chosen, output_format == "csv", output, _ctx(banks_dir)))


@app.command(short_help="Score many answers files at once.")
def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Answers files (YAML, JSON), CSV exports, or folders of them."
        ),
    ],
    out_dir: Annotated[
        Optional[Path],
        typer.Option(
            "-o",
            "--output-dir",
            file_okay=False,
            help="Where reports go [default: reports/batch-DATE].",
        ),
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Report formats, comma-separated: markdown, json, html.")
    ] = "markdown",
    summary: Annotated[
        Optional[Path],
        typer.Option(
            "--summary", dir_okay=False, help="Also write the summary as CSV to this file."
        ),
    ] = None,
    gap_threshold: GapThreshold = 20.0,
    min_group: MinGroup = 1,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Score many answers files at once: reports, a summary, and every failure listed.

    Writes a report per assessment, a combined report for each organisation with several, and
    the summary as markdown (and CSV with --summary).

    Exits 0 when every file was scored and 1 when any failed; never prompts.
    Example: coself batch returns/ responses.csv --format markdown,json --summary summary.csv
    """
    from coself.app import CombineOptions
    from coself.app import batch as run

    raise typer.Exit(
        run(
            paths,
            out_dir,
            formats,
            summary,
            _ctx(banks_dir, plain),
            CombineOptions(gap_threshold, min_group),
        )
    )


def main() -> None:
    """Entry point: run the app and turn coself's errors into one-line messages and exit codes."""
    from coself.core.text import clean
    from coself.errors import CoselfError

    try:
        app(standalone_mode=True)
    except CoselfError as error:
        for line in error.lines():
            print(f"coself: {clean(line)}" if not error.problems else clean(line), file=sys.stderr)
        sys.exit(error.exit_code)
    except OSError as error:  # a folder that cannot be written, a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"coself: {clean(where)}{error.strerror or error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("coself: stopped", file=sys.stderr)
        sys.exit(130)

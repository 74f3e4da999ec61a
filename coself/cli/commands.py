"""The commands and their options: each parses, calls one app function, and lets errors rise."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from coself import __version__
from coself.cli.parts import (
    CoselfCommand,
    CoselfGroup,
    ExportOrg,
    ExportPerspective,
    IncludeNames,
    MapFile,
    bank_formats,
    choice,
    file_formats,
    perspectives,
    report_formats,
    template_formats,
)
from coself.core.privacy import DEFAULT_MIN_GROUP

if TYPE_CHECKING:
    from coself.errors import Problem

app = typer.Typer(
    cls=CoselfGroup,
    help="Self-assess co-production in social care against SCIE Guide 51.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
banks_app = typer.Typer(
    cls=CoselfGroup,
    help="List, show and validate question banks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(banks_app, name="banks")


BanksDirs = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--banks-dir",
        metavar="DIR",
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
        metavar="0-100",
        help="Combined reports: list perception gaps of this many points or more first.",
    ),
]
MinGroup = Annotated[
    int,
    typer.Option(
        "--min-group",
        min=1,
        metavar="N",
        help="Combined reports: hide (and leave out of every figure and total) perspectives "
        "with fewer respondents than this, to protect privacy. --min-group 1 shows every "
        "perspective, however small: individuals may then be identifiable.",
    ),
]
Plain = Annotated[
    bool,
    typer.Option("--plain", help="No colour, no box drawing (also on with NO_COLOR or TERM=dumb)."),
]
ReportFormat = Annotated[
    str,
    choice("--format", report_formats, "terminal, markdown, json or html.", metavar="FORMAT"),
]
PerspectiveOption = Annotated[
    Optional[str],
    choice(
        "--perspective",
        perspectives,
        "Who answers: leadership, staff, person, carer or other.",
        metavar="PERSPECTIVE",
    ),
]
ReportOutput = Annotated[
    Optional[str],
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write the report to this file; - means standard output.",
    ),
]
BankId = Annotated[str, typer.Option("--bank", metavar="ID", help="The bank (listed below).")]
NewFileOutput = Annotated[
    Optional[str],
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to this new file instead of standard output.",
    ),
]
Org = Annotated[
    Optional[str], typer.Option("--org", metavar="NAME", help="The organisation's name.")
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


@banks_app.command("list", cls=CoselfCommand, short_help="List the question banks.")
def banks_list(banks_dir: BanksDirs = None, plain: Plain = False) -> None:
    """List the question banks: id, title, version, audience and number of questions.

    \b
    Example: coself banks list --banks-dir my-banks
    """
    from coself.render import Format, Kind, Meta, render

    ctx = _ctx(banks_dir, plain)
    banks = list(ctx.library().banks.values())
    ctx.console().print(render(Kind.BANK_LIST, Format.TERMINAL, banks, Meta(plain=ctx.plain)))


@banks_app.command("show", cls=CoselfCommand, short_help="Show one bank's sections and questions.")
def banks_show(
    bank_id: Annotated[str, typer.Argument(metavar="ID", help="The bank's id.")],
    output_format: Annotated[
        str, choice("--format", bank_formats, "terminal or json.", metavar="FORMAT")
    ] = "terminal",
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Show one bank's sections and questions, or the normalised bank as JSON.

    \b
    Example: coself banks show organisation --format json
    """
    from coself.render import Format, Kind, Meta, render

    ctx = _ctx(banks_dir, plain)
    bank = ctx.library().get(bank_id)
    shown = render(Kind.BANK, Format(output_format), bank, Meta(plain=ctx.plain))
    if output_format == "json":
        sys.stdout.write(shown)
    else:
        ctx.console().print(shown)


@banks_app.command("validate", cls=CoselfCommand, short_help="Check question banks for problems.")
def banks_validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH",
            help="Bank or framework files, or folders of them; none means the shipped banks.",
        ),
    ] = None,
) -> None:
    """Check question banks and report every problem as file:line:col: question-id: message.

    Exits 0 when every file is clean and 1 otherwise.

    \b
    Example: coself banks validate my-bank.yaml
    """
    from coself.io.banks import validate_paths

    _list_problems(*validate_paths(paths or []), "problem(s)", "no problems")


def _list_problems(checked: list[str], found: list[Problem], what: str, clean_words: str) -> None:
    """Each problem on its own line of standard output; exit 1 (through InputError) if any."""
    from coself.core.text import clean
    from coself.errors import InputError

    for problem in found:
        print(clean(str(problem)))
    if found:
        raise InputError(f"Checked {len(checked)} file(s): {len(found)} {what}.")
    print(f"Checked {len(checked)} file(s): {clean_words}.", file=sys.stderr)


@banks_app.command("lint", cls=CoselfCommand, short_help="Check what respondents read is plain.")
def banks_lint(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH", help="Bank files, or folders of them; none means the shipped banks."
        ),
    ] = None,
) -> None:
    """Check every text a respondent reads (questions, help, answer labels and descriptors,
    ladder rungs) against the bank's readers: long sentences, long words (everyday readers),
    idioms and jargon from questions/lint/jargon.yaml, each as
    file:line:col: question-id: message with a plainer word to try.

    A bank sets `reading: everyday` (people who draw on care and carers) or `professional`
    (the default), and lists terms it explains on purpose under `explained_terms`.
    Exits 0 when nothing is found and 1 otherwise.

    \b
    Example: coself banks lint my-bank.yaml
    """
    from coself.io.lintfiles import lint_paths

    _list_problems(*lint_paths(paths or []), "finding(s)", "nothing to change")


@app.command(cls=CoselfCommand, short_help="Answer questions, each answer saved at once.")
def assess(
    bank: BankId = "organisation",
    org: Org = None,
    perspective: PerspectiveOption = None,
    respondent: Annotated[
        Optional[str],
        typer.Option(
            "--respondent",
            metavar="NAME",
            help="Who answered (optional; never shown in combined reports).",
        ),
    ] = None,
    reports_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--reports-dir",
            metavar="DIR",
            file_okay=False,
            help="Where answers and reports are saved "
            "[default: reports, or the answers file's folder with --resume].",
        ),
    ] = None,
    resume: Annotated[
        Optional[Path],
        typer.Option(
            "--resume", metavar="FILE", help="Carry on with a saved answers file.", dir_okay=False
        ),
    ] = None,
    workshop: Annotated[
        bool,
        typer.Option(
            "--workshop",
            help="A room votes together: type everyone's votes on each question, "
            "then the answer the room agrees (see the README's Workshop mode).",
        ),
    ] = False,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Answer a bank's questions in the terminal, saving after every answer.

    \b
    Example: coself assess --org "Acme Care" --perspective staff
    """
    from coself.app import AssessOptions
    from coself.app import assess as run
    from coself.core.model import Perspective

    chosen = Perspective(perspective) if perspective else None
    options = AssessOptions(bank, org, chosen, respondent, reports_dir, resume, workshop)
    run(options, _ctx(banks_dir, plain))


@app.command(cls=CoselfCommand, short_help="Score answers and show or save a report.")
def report(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="ANSWERS_FILE",
            help="Answers files (YAML, JSON, CSV exports) or folders; "
            "- reads one from standard input. Several give one combined report.",
        ),
    ],
    output_format: ReportFormat = "terminal",
    output: ReportOutput = None,
    gap_threshold: GapThreshold = 20.0,
    min_group: MinGroup = DEFAULT_MIN_GROUP,
    map_file: MapFile = None,
    org: ExportOrg = None,
    perspective: ExportPerspective = None,
    include_names: IncludeNames = False,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Score answers and show or save the report (several files: one combined report).

    Exports from online forms (KoboToolbox/ODK CSV or .xlsx, Microsoft Forms .xlsx, Google
    Forms CSV) are read too, a row per respondent: columns are matched to questions by question
    id, form field name or question text, or as --map says. A row's organisation and
    perspective come from its columns, else from --org and --perspective, else from the map.

    \b
    Example: coself report acme.answers.yaml --format markdown -o acme.md
    """
    from coself.app import CombineOptions
    from coself.app import report as run
    from coself.app_forms import reading_options
    from coself.render import Format

    options = CombineOptions(gap_threshold, min_group)
    reading = reading_options(org, perspective, include_names, map_file)
    run(files, Format(output_format), output, _ctx(banks_dir, plain), options, reading)


@app.command(cls=CoselfCommand, short_help="Show what changed between two assessments.")
def compare(
    before: Annotated[
        str,
        typer.Argument(
            metavar="BEFORE",
            help="The earlier answers: a file, or a folder of files for a combined view.",
        ),
    ],
    after: Annotated[str, typer.Argument(metavar="AFTER", help="The later answers, likewise.")],
    output_format: ReportFormat = "terminal",
    output: ReportOutput = None,
    plan: Annotated[
        Optional[str],
        typer.Option("--plan", metavar="PLAN", help="Also check an action plan (coself plan new)."),
    ] = None,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Show what changed between two assessments, section by section and question by question.

    \b
    Example: coself compare acme-2025.answers.yaml acme-2026.answers.yaml
    """
    from coself.app import compare as run
    from coself.render import Format

    run([before], [after], Format(output_format), output, _ctx(banks_dir, plain), plan)


@app.command(cls=CoselfCommand, short_help="Write a blank answers file to fill in.")
def template(
    bank: BankId = "organisation",
    org: Org = None,
    perspective: PerspectiveOption = None,
    output_format: Annotated[
        str,
        choice(
            "--format",
            template_formats,
            "yaml (an answers file with every question explained) or csv (the "
            "header row of a spreadsheet export).",
            metavar="FORMAT",
        ),
    ] = "yaml",
    output: NewFileOutput = None,
    banks_dir: BanksDirs = None,
) -> None:
    """Write a blank answers file to fill in offline (or a CSV header for exports).

    \b
    Example: coself template --org "Acme Care" -o acme.answers.yaml
    """
    from coself.app import template as run
    from coself.core.model import Perspective

    chosen = Perspective(perspective) if perspective else None
    run(bank, org, chosen, output_format == "csv", output, _ctx(banks_dir))


@app.command(cls=CoselfCommand, short_help="Score many answers files at once.")
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
            metavar="DIR",
            file_okay=False,
            help="Where reports go (by default a new folder, reports/batch-DATE).",
        ),
    ] = None,
    formats: Annotated[
        list[str],
        choice(
            "--format",
            file_formats,
            "Report formats: markdown, json, html; repeat the option or separate with commas.",
            metavar="FORMAT",
        ),
    ] = ["markdown"],  # noqa: B006 (typer reads the default from here; it is never mutated)
    summary: Annotated[
        Optional[Path],
        typer.Option(
            "--summary",
            metavar="FILE",
            dir_okay=False,
            help="Also write the summary as CSV to this file.",
        ),
    ] = None,
    answers_csv: Annotated[
        Optional[Path],
        typer.Option(
            "--answers-csv",
            metavar="FILE",
            dir_okay=False,
            help="Also write every answer as a row of a CSV table, for analysts.",
        ),
    ] = None,
    sqlite: Annotated[
        Optional[Path],
        typer.Option(
            "--sqlite",
            metavar="FILE",
            dir_okay=False,
            help="Also write the answers and scores as an SQLite database, for analysts.",
        ),
    ] = None,
    gap_threshold: GapThreshold = 20.0,
    min_group: MinGroup = DEFAULT_MIN_GROUP,
    map_file: MapFile = None,
    org: ExportOrg = None,
    perspective: ExportPerspective = None,
    include_names: IncludeNames = False,
    banks_dir: BanksDirs = None,
    plain: Plain = False,
) -> None:
    """Score many answers files at once: reports, a summary, and every failure listed.

    Writes a report per assessment, a combined report for each organisation with several, and
    the summary as markdown (and CSV with --summary). Form exports are read as by report: a row
    per respondent, organisation and perspective from its columns, --org and --perspective, or
    the --map file.

    Exits 0 when every file was scored and 1 when any failed; never prompts.

    \b
    Example: coself batch returns/ responses.csv --format markdown,json
    """
    from coself.app import CombineOptions
    from coself.app import batch as run
    from coself.app_forms import reading_options
    from coself.batch.exports import Exports

    options = CombineOptions(gap_threshold, min_group)
    exports = Exports(answers_csv, sqlite, include_names)
    reading = reading_options(org, perspective, include_names, map_file)
    run(
        paths,
        out_dir,
        ",".join(formats),
        summary,
        _ctx(banks_dir, plain),
        options,
        exports,
        reading,
    )


from coself.cli.plan import plan_app  # noqa: E402 (it builds on the options above)

app.add_typer(plan_app, name="plan")

from coself.cli.enter import enter  # noqa: E402 (it builds on the options above)

app.command(cls=CoselfCommand, short_help="Type in returned paper forms.")(enter)

from coself.cli import forms, paper  # noqa: E402, F401 (they add the export and map groups)

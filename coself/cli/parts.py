"""The CLI's own Typer pieces: readable help, Ctrl-C passed on, and options that take a choice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup


class CoselfGroup(TyperGroup):
    """Lets Ctrl-C reach `main()` as coself's own error: typer would end silently with 130, and
    older typers (through click) with "Aborted!" and exit 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from coself.errors import Interrupted

            raise Interrupted("stopped") from None


class CoselfCommand(TyperCommand):
    """Help that names values by what they are (FILE, DIR, N) rather than by Python type, the
    same under every typer the pin allows, and that lists the banks where a command takes one."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.options_metavar or "[OPTIONS]"] + [
            _argument_usage(p) for p in self.params if p.param_type_name == "argument"
        ]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                required = "  [required]" if param.required else ""
                help_text = getattr(param, "help", None) or ""
                arguments.append((_argument_name(param), f"{help_text}{required}"))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        super().format_epilog(ctx, formatter)
        if any(param.name == "bank" for param in self.params):
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_known_banks())


def _argument_name(param: Any) -> str:
    """An argument as help names it: its metavar, or its name in capitals."""
    return str(param.metavar or (param.name or "").upper())


def _argument_usage(param: Any) -> str:
    name = _argument_name(param)
    many = "..." if param.nargs != 1 else ""
    return f"{name}{many}" if param.required else f"[{name}]{many}"


def _known_banks() -> str:
    """The banks --bank can name (shipped, and COSELF_BANKS_DIR's), read only when help is shown."""
    from coself.errors import CoselfError
    from coself.io.banks import load_library

    try:
        ids = sorted(load_library().banks)
    except CoselfError:
        return "Banks: some cannot be read; run coself banks validate."
    return f"Banks: {', '.join(ids)} (more with --banks-dir; see coself banks list)."


def _one_of(choices: Callable[[], Sequence[str]]) -> Callable[[Any], Any]:
    """A check that an option's value is among `choices()`; a repeatable option's values may
    also be comma-separated, and come back as one flat list."""

    def check(value: Any) -> Any:
        if value is None:
            return None
        given = [value] if isinstance(value, str) else value
        values = [part.strip() for item in given for part in item.split(",") if part.strip()]
        allowed = list(choices())
        wrong = [v for v in values if v not in allowed] or ([] if values else [""])
        if wrong:
            raise typer.BadParameter(f"{wrong[0]!r} is not one of: {', '.join(allowed)}")
        return value if isinstance(value, str) else values

    return check


def report_formats() -> list[str]:
    """The formats a single report comes in, by name."""
    from coself.render import Kind, formats_for

    return [f.value for f in formats_for(Kind.SINGLE)]


def file_formats() -> list[str]:
    """The formats a report can be saved to a file in, by name."""
    from coself.render import FILE_FORMATS

    return [f.value for f in FILE_FORMATS]


def bank_formats() -> list[str]:
    """The formats a question bank can be shown in, by name."""
    from coself.render import Kind, formats_for

    return [f.value for f in formats_for(Kind.BANK)]


def template_formats() -> list[str]:
    """The formats of a blank answers file: yaml or csv."""
    return ["yaml", "csv"]


def perspectives() -> list[str]:
    """Every perspective, as written on the command line and in answers files."""
    from coself.core.model import Perspective

    return [p.value for p in Perspective]


def choice(flag: str, choices: Callable[[], Sequence[str]], help_text: str, **kw: Any) -> Any:
    """An option taking one of `choices()` (its values checked, and offered by tab completion)."""
    check = _one_of(choices)
    return typer.Option(flag, help=help_text, callback=check, autocompletion=choices, **kw)


# Options for reading exports from online forms, shared by `report` and `batch`.
IncludeNames = Annotated[
    bool,
    typer.Option(
        "--include-names",
        help="Keep respondents' names: a form export's Name (or Email) column is read as the "
        "respondent (by default names and emails in form exports are dropped), and batch's "
        "--answers-csv and --sqlite include them.",
    ),
]
MapFile = Annotated[
    Optional[Path],
    typer.Option(
        "--map",
        metavar="FILE",
        dir_okay=False,
        help="A mapping file (from coself map suggest, checked by a person) saying which "
        "question each column of a form export answers.",
    ),
]
ExportOrg = Annotated[
    Optional[str],
    typer.Option(
        "--org",
        metavar="NAME",
        help="Form exports: the organisation, for rows that do not name one.",
    ),
]
ExportPerspective = Annotated[
    Optional[str],
    choice(
        "--perspective",
        perspectives,
        "Form exports: who answered (leadership, staff, person, carer or other), for rows "
        "that do not say.",
        metavar="PERSPECTIVE",
    ),
]

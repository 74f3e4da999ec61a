"""What the commands do, between parsing options (cli.py) and the core: load, score, render."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shlex
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coself.core.model import Answers, Bank, Perspective
from coself.core.scoring import Result, score
from coself.core.text import clean
from coself.errors import Interrupted, UsageError
from coself.interactive.prompts import Terminated, on_signal, terminal_ask, terminal_say
from coself.io.banks import Library, load_library
from coself.render import FILE_FORMATS, Format, render_file

if TYPE_CHECKING:
    from coself.core.combine import Combined
    from coself.io.sources import Scored

DEFAULT_REPORTS_DIR = Path("reports")
REPORT_WIDTH = 100  # the section table needs this much; narrower terminals wrap lines


def plain_wanted(flag: bool) -> bool:
    """Plain output: asked for, or NO_COLOR set, or a terminal that cannot draw (TERM=dumb)."""
    return flag or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def today() -> str:
    return dt.date.today().isoformat()


def now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Context:
    """Options every command shares."""

    banks_dirs: tuple[Path, ...] = ()
    plain: bool = False

    def library(self) -> Library:
        return load_library(self.banks_dirs)

    def console(self, stream: TextIO | None = None, min_width: int = 0):  # type: ignore[no-untyped-def]
        from rich.console import Console

        console = Console(
            file=stream or sys.stdout,
            highlight=False,
            emoji=False,
            no_color=self.plain or None,
            color_system=None if self.plain else "auto",
            soft_wrap=False,
        )
        if console.width < min_width:
            console.width = min_width
        return console

    def err(self, message: str) -> None:
        print(clean(message), file=sys.stderr)


def _record(renderable: Any) -> str:
    """A Rich renderable as plain text of a fixed width, for saving the terminal report."""
    from rich.console import Console

    with open(os.devnull, "w") as sink:
        console = Console(
            width=REPORT_WIDTH, record=True, file=sink, no_color=True, highlight=False, emoji=False
        )
        console.print(renderable)
    return console.export_text()


def deliver(
    fmt: Format,
    output: str | None,
    ctx: Context,
    files: Mapping[Format, Callable[[str], str]],
    terminal: Callable[[str, bool], Any],
) -> int:
    """Show or save a report: `files` render each file format from the report date,
    `terminal` builds the Rich view (date, plain). The terminal view saved to a file is plain."""
    if fmt in files:
        return _emit(files[fmt](today()), output, ctx)
    if output in (None, "-"):
        ctx.console(min_width=REPORT_WIDTH).print(terminal(today(), ctx.plain))
        return 0
    return _emit(_record(terminal(today(), True)), output, ctx)


def deliver_result(
    result: Result, fmt: Format, output: str | None, ctx: Context, warnings: Sequence[str] = ()
) -> int:
    from coself.render.terminal import render_terminal

    files = {f: partial(render_file, result, f, warnings=warnings) for f in FILE_FORMATS}
    return deliver(
        fmt,
        output,
        ctx,
        files,
        lambda date, plain: render_terminal(result, date, warnings, plain=plain),
    )


def resume_command(path: Path, ctx: Context) -> str:
    parts = ["coself", "assess"]
    for folder in ctx.banks_dirs:
        parts += ["--banks-dir", str(folder)]
    return shlex.join([*parts, "--resume", str(path)])


def _say_resume(path: Path, ctx: Context) -> None:
    """The exact command to carry on, on a line of its own so that it can be copied whole."""
    print("To carry on, run this command:", file=sys.stderr)
    print(f"  {resume_command(path, ctx)}", file=sys.stderr, flush=True)


@dataclass
class AssessOptions:
    bank_id: str
    org: str | None
    perspective: Perspective | None
    respondent: str | None
    reports_dir: Path | None  # None: reports/, or beside the answers file when resuming
    resume: Path | None


def assess(options: AssessOptions, ctx: Context) -> int:
    """Run an interactive assessment; return the exit code. Answers are saved after each one."""
    from coself.interactive.session import Outcome, Session, ask_organisation, ask_perspective
    from coself.io.storage import (
        ANSWERS_SUFFIX,
        create_new,
        dump_answers,
        load_answers,
        save_answers,
        slug,
    )

    if sys.stdin is None or not sys.stdin.isatty():  # None: started with no standard input
        raise UsageError(
            "coself assess asks questions and needs a terminal. To score an "
            "answers file without questions, use: coself report FILE"
        )
    library = ctx.library()
    if options.resume is not None:
        answers, bank, warnings = load_answers(options.resume, library.find)
        for warning in warnings:
            ctx.err(f"warning: {warning}")
        path = options.resume
        reports_dir = options.reports_dir or path.parent
    else:
        reports_dir = options.reports_dir or DEFAULT_REPORTS_DIR
        bank = library.get(options.bank_id)
        org = options.org or ask_organisation(terminal_ask, terminal_say)
        perspective = options.perspective or ask_perspective(terminal_ask, terminal_say)
        stamp = now()
        answers = Answers(
            bank.id,
            bank.version,
            clean(org),
            perspective,
            {},
            stamp,
            stamp,
            respondent=options.respondent,
        )
        stem = f"{slug(org)}-{today()}-{slug(bank.id, 'bank')}"
        path = create_new(reports_dir, stem, ANSWERS_SUFFIX, dump_answers(answers))
    terminal_say(f"Your answers are saved as you go, in {path}")
    session = Session(
        bank, answers, terminal_ask, terminal_say, lambda a: save_answers(path, a), now
    )
    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        outcome = session.run()
    except (KeyboardInterrupt, EOFError, Terminated) as stop:
        save_answers(path, session.current())
        terminal_say("")
        terminal_say(f"Stopped. Your answers so far are saved in {path}")
        _say_resume(path, ctx)
        raise Interrupted("interrupted") from stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if outcome is Outcome.QUIT:
        terminal_say(f"Saved. Your answers are in {path}")
        _say_resume(path, ctx)
        return 0
    return _finish(session.answers, bank, path, ctx, reports_dir)


def _finish(answers: Answers, bank: Bank, path: Path, ctx: Context, reports_dir: Path) -> int:
    from coself.io.storage import create_new

    result = score(bank, answers)
    deliver_result(result, Format.TERMINAL, None, ctx)
    stem = path.name.removesuffix(".answers.yaml")
    report = create_new(reports_dir, stem, ".md", render_file(result, Format.MARKDOWN, today()))
    terminal_say(f"Answers saved in {path}")
    terminal_say(f"Markdown report saved in {report}")
    return 0


@dataclass(frozen=True)
class CombineOptions:
    gap_threshold: float = 20.0
    min_group: int = 1


def report(
    paths: Sequence[str],
    fmt: Format,
    output: str | None,
    ctx: Context,
    combine_options: CombineOptions = CombineOptions(),
) -> int:
    """Score answers files and write one report (combined, for several) to stdout or a file.

    Results are read one at a time and combined as they come: a combined report of many
    thousands of rows holds running totals, never every result."""
    from coself.core.combine import Combiner, respondent
    from coself.io.sources import read_results

    results = _warned(read_results(paths, ctx.library()), ctx)
    first = next(results, None)
    second = next(results, None)
    if first is not None and second is None:
        return deliver_result(first[0], fmt, output, ctx, first[1])
    combiner = Combiner()
    for result, _ in itertools.chain(filter(None, (first, second)), results):
        combiner.add(respondent(result))
    combined = combiner.result(combine_options.min_group, combine_options.gap_threshold)
    return _report_combined(combined, fmt, output, ctx)


def _warned(results: Iterator[Scored], ctx: Context) -> Iterator[Scored]:
    """The results, each one's warnings shown on stderr as it passes."""
    for scored in results:
        for warning in scored[1]:
            ctx.err(f"warning: {warning}")
        yield scored


def _report_combined(combined: Combined, fmt: Format, output: str | None, ctx: Context) -> int:
    from coself.render.combined import render_combined_json, render_combined_markdown
    from coself.render.combined_terminal import render_combined_terminal
    from coself.render.html import render_combined_html

    files = {
        Format.MARKDOWN: render_combined_markdown,
        Format.JSON: render_combined_json,
        Format.HTML: render_combined_html,
    }
    return deliver(
        fmt,
        output,
        ctx,
        {f: partial(r, combined) for f, r in files.items()},
        partial(render_combined_terminal, combined),
    )


def _emit(text: str, output: str | None, ctx: Context) -> int:
    from coself.io.storage import write_atomic

    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        write_atomic(Path(output), text)
        ctx.err(f"Report saved in {output}")
    return 0


def template(
    bank_id: str,
    org: str | None,
    perspective: Perspective | None,
    as_csv: bool,
    output: str | None,
    ctx: Context,
) -> int:
    """Write a blank answers file (YAML) or a CSV header row to stdout or a file."""
    from coself.io.storage import create_exactly
    from coself.io.template import render_csv_template, render_yaml_template

    bank = ctx.library().get(bank_id)
    text = render_csv_template(bank) if as_csv else render_yaml_template(bank, org, perspective)
    if output in (None, "-"):
        sys.stdout.write(text)
    else:  # never over a file that may already hold someone's answers
        create_exactly(Path(output), text)
        ctx.err(f"Template saved in {output}")
    return 0


@contextlib.contextmanager
def _signals_stop() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) raise Terminated, as Ctrl-C raises
    KeyboardInterrupt, so that the work unwinds and removes its unfinished files."""
    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def parse_formats(text: str) -> tuple[Format, ...]:
    """`markdown,json` -> the formats; only file formats are allowed."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    allowed = {f.value: f for f in FILE_FORMATS}
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise UsageError(f"--format takes {', '.join(allowed)} (comma-separated), not {text!r}")
    return tuple(dict.fromkeys(allowed[n] for n in names))


def batch(
    paths: Sequence[Path],
    out_dir: Path | None,
    formats: str,
    summary: Path | None,
    ctx: Context,
    combine_options: CombineOptions = CombineOptions(),
) -> int:
    """Score many answers files and CSV exports; exit 1 when any failed."""
    from coself.batch.engine import Job, run_batch
    from coself.interactive.progress import SUMMARY_WIDTH, progress_for, summary_table

    job = Job(
        ctx.banks_dirs,
        out_dir or DEFAULT_REPORTS_DIR / f"batch-{today()}",
        parse_formats(formats),
        today(),
        combine_options.gap_threshold,
        combine_options.min_group,
    )
    library = ctx.library()
    err_console = ctx.console(sys.stderr)
    try:
        with _signals_stop(), progress_for(err_console, ctx.plain) as (on_file, on_outcome):
            totals, summary_md = run_batch(paths, job, library, summary, on_outcome, on_file)
    except (KeyboardInterrupt, Terminated) as stop:  # everything unfinished is already removed
        raise Interrupted(
            f"batch stopped; no summary written; the reports finished so far are in {job.out_dir}"
        ) from stop
    ctx.console(min_width=SUMMARY_WIDTH).print(summary_table(totals, ctx.plain))
    ctx.err(
        f"{totals.succeeded} assessment(s) scored, {totals.failed} failed, "
        f"{totals.combined} combined report(s). "
        f"Reports in {job.out_dir}; summary in {summary_md}"
        + (f" and {summary}" if summary else "")
        + "."
    )
    return 1 if totals.failed else 0


def compare(
    before: Sequence[str], after: Sequence[str], fmt: Format, output: str | None, ctx: Context
) -> int:
    """Compare answers before and after (each side a file or a folder of files)."""
    from coself.core.compare import compare as run
    from coself.io.sources import read_results
    from coself.render.comparison import (
        render_comparison_json,
        render_comparison_markdown,
        render_comparison_terminal,
    )
    from coself.render.html import render_comparison_html

    library = ctx.library()
    sides = [[r for r, _ in _warned(read_results(p, library), ctx)] for p in (before, after)]
    comparison = run(sides[0], sides[1])
    files = {
        Format.MARKDOWN: render_comparison_markdown,
        Format.JSON: render_comparison_json,
        Format.HTML: render_comparison_html,
    }
    return deliver(
        fmt,
        output,
        ctx,
        {f: partial(r, comparison) for f, r in files.items()},
        partial(render_comparison_terminal, comparison),
    )

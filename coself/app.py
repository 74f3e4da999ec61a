"""What the commands do, between parsing options (coself/cli/) and the core: load, score, render."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shlex
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coself.core.model import Answers, Bank, Perspective
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import score
from coself.core.text import clean, hidden_in_name, one_line
from coself.errors import InputError, Interrupted, UsageError, WriteError
from coself.interactive.prompts import Terminated, signals_raise, terminal_say
from coself.io.banks import Library, load_library
from coself.render import FILE_FORMATS, Format, Kind, Meta, render

if TYPE_CHECKING:
    from coself.batch.exports import Exports
    from coself.core.matching import Reading
    from coself.interactive.prompts import Stops
    from coself.interactive.session import Outcome
    from coself.io.held import HeldAnswers
    from coself.io.sources import Scored

DEFAULT_REPORTS_DIR = Path("reports")


def plain_wanted(flag: bool) -> bool:
    """Plain output: asked for, or NO_COLOR set, or a terminal that cannot draw (TERM=dumb)."""
    return flag or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def today() -> str:
    """Today's date from the local clock, as YYYY-MM-DD."""
    return dt.date.today().isoformat()


def now() -> str:
    """The time now, to the second, in ISO 8601 with the local UTC offset."""
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


def show(
    kind: Kind,
    report: Any,
    fmt: Format,
    output: str | None,
    ctx: Context,
    warnings: Sequence[str] = (),
    generated: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
) -> None:
    """Show a report on standard output, or save it. The terminal view saved to a file is plain.
    `generated` is the report's date (today unless given); `min_group` the smallest group of
    a workshop's votes that is shown."""
    to_screen = output in (None, "-")
    meta = Meta(generated or today(), tuple(warnings), ctx.plain or not to_screen, min_group)
    rendered = render(kind, fmt, report, meta)
    if fmt is not Format.TERMINAL:
        _emit(rendered, output, ctx)
        return
    from coself.render.terminal import REPORT_WIDTH, as_text

    if to_screen:
        ctx.console(min_width=REPORT_WIDTH).print(rendered)
        return
    _emit(as_text(rendered), output, ctx)


def resume_command(path: Path, ctx: Context) -> str:
    """The shell command, quoted, that carries on from `path` with the same bank folders."""
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
    workshop: bool = False  # a room's votes (a resumed workshop file is one whatever this says)


def assess(options: AssessOptions, ctx: Context) -> None:
    """Run an interactive assessment, saving after each answer; Interrupted if stopped."""
    from coself.interactive.prompts import Stops
    from coself.interactive.session import Outcome

    if sys.stdin is None or not sys.stdin.isatty():  # None: started with no standard input
        raise UsageError(
            "coself assess asks questions and needs a terminal. To score an "
            "answers file without questions, use: coself report FILE"
        )
    org = option_text("--org", options.org)
    respondent = option_text("--respondent", options.respondent)
    options = replace(options, org=org, respondent=respondent)
    library = ctx.library()
    with Stops() as stops:
        held, answers, bank = _open_answers(options, library, stops, ctx)
        with held:
            outcome, answers = _run_session(held, answers, bank, stops, ctx)
            if outcome is Outcome.QUIT:
                terminal_say(f"Saved. Your answers are in {held.path}")
                _say_resume(held.path, ctx)
                return
            stops.stop_now()  # the report is written whole, whatever signal comes now
            reports_dir = options.reports_dir or held.path.parent
            _finish(answers, bank, held, ctx, reports_dir)


def option_text(flag: str, value: str | None) -> str | None:
    """A name typed as an option, on one line; refused when blank or not text."""
    if value is None:
        return None
    text = one_line(value)
    if not text:
        raise UsageError(f"{flag} is blank: give a name, or leave the option out")
    problem = hidden_in_name(text)
    if problem:
        raise UsageError(f"{flag} {problem}: type the name again")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes that were not UTF-8 on the command line
        raise UsageError(f"{flag} is not UTF-8 text: type the name again") from None
    return text


def _open_answers(
    options: AssessOptions, library: Library, stops: Stops, ctx: Context
) -> tuple[HeldAnswers, Answers, Bank]:
    """The answers file to fill in, held by this session: the one resumed, or a new one."""
    from coself.interactive.intro import ask_organisation, ask_perspective, introduce
    from coself.io.held import HeldAnswers
    from coself.io.storage import answers_stem

    if options.resume is not None:
        opened = _resume(options.resume, library, ctx)
        if options.workshop and not opened[1].workshop:
            raise UsageError(
                f"{options.resume} holds one person's answers, not a workshop's votes: "
                "resume it without --workshop"
            )
        return opened
    bank = library.get(options.bank_id)
    introduce(bank, terminal_say)
    try:
        org = options.org or ask_organisation(stops.ask, terminal_say)
        perspective = options.perspective or (
            Perspective.OTHER
            if options.workshop
            else ask_perspective(stops.ask, terminal_say, bank)
        )
    except (KeyboardInterrupt, EOFError, Terminated) as stop:
        stops.stop_now()
        say_stopped(["Stopped. Nothing was saved yet."])
        raise Interrupted("interrupted") from stop
    stamp = now()
    answers = Answers(
        bank.id,
        bank.version,
        org,
        perspective,
        {},
        stamp,
        stamp,
        respondent=options.respondent,
        workshop=options.workshop,
    )
    folder = options.reports_dir or DEFAULT_REPORTS_DIR
    held = HeldAnswers.create(folder, answers_stem(answers, today()), answers, bank)
    return held, answers, bank


def _resume(path: Path, library: Library, ctx: Context) -> tuple[HeldAnswers, Answers, Bank]:
    from coself.interactive.intro import introduce
    from coself.io.held import HeldAnswers

    held, answers, bank, warnings = HeldAnswers.resume(path, library.find)
    for warning in warnings:
        ctx.err(f"warning: {warning}")
    if held.carried:
        terminal_say(
            f"Kept as they are in {path}: the answers to "
            f"{', '.join(map(str, held.carried))}, which version {bank.version} of the bank "
            f"no longer asks; the file stays at version {answers.bank_version}."
        )
    introduce(bank, terminal_say, answers.answers)
    return held, answers, bank


def _run_session(
    held: HeldAnswers, answers: Answers, bank: Bank, stops: Stops, ctx: Context
) -> tuple[Outcome, Answers]:
    """Ask the questions; on a stop (Ctrl-C, end of input, a signal) save, say how to carry
    on and raise Interrupted."""
    from coself.interactive.session import Session
    from coself.interactive.workshop import Workshop

    terminal_say(f"Your answers are saved as you go, in {held.path}")
    import shutil

    width = shutil.get_terminal_size((100, 24)).columns - 1
    keep = partial(keep_answers, held, ctx)
    loop = Workshop if answers.workshop else Session
    session = loop(bank, answers, stops.ask, terminal_say, keep, now, ctx.plain, width)
    try:
        outcome = session.run()
        stops.check()  # a signal that came after the last question
        return outcome, session.answers
    except (KeyboardInterrupt, EOFError, Terminated) as stop:
        stops.stop_now()
        keep_answers(held, ctx, session.current())
        say_stopped(["", f"Stopped. Your answers so far are saved in {held.path}"])
        with contextlib.suppress(OSError):
            _say_resume(held.path, ctx)
        raise Interrupted("interrupted") from stop


def keep_answers(held: HeldAnswers, ctx: Context, answers: Answers) -> None:
    """Save the answers into the held file, never over changes made by anything else; when
    a save fails, say what is safe and how to carry on."""
    if held.changed_on_disk():
        beside = held.save_beside(answers)
        terminal_say(f"This session's answers are saved in {beside}")
        _say_resume(beside, ctx)
        raise InputError(
            f"{held.path}: changed on disk since this session last saved it (edited by hand "
            f"or by another program?), so coself did not write over it; this session's "
            f"answers are in {beside}"
        )
    try:
        held.save(answers)
    except WriteError:
        terminal_say(f"The answers confirmed so far are safe in {held.path}")
        _say_resume(held.path, ctx)
        raise


def say_stopped(lines: list[str]) -> None:
    """Lines said while stopping; a terminal that has gone away (SIGHUP) cannot stop the exit."""
    with contextlib.suppress(OSError):
        for line in lines:
            terminal_say(line)


def _finish(
    answers: Answers, bank: Bank, held: HeldAnswers, ctx: Context, reports_dir: Path
) -> None:
    from coself.core.answers import with_derived_status
    from coself.io.storage import create_report

    result = score(bank, with_derived_status(answers, bank))
    show(Kind.SINGLE, result, Format.TERMINAL, None, ctx)
    markdown = render(Kind.SINGLE, Format.MARKDOWN, result, Meta(today()))
    report = create_report(reports_dir, held.path, ".md", markdown)
    terminal_say(f"Answers saved in {held.path}")
    terminal_say(f"Markdown report saved in {report}")


@dataclass(frozen=True)
class CombineOptions:
    gap_threshold: float = 20.0
    min_group: int = DEFAULT_MIN_GROUP


def report(
    paths: Sequence[str],
    fmt: Format,
    output: str | None,
    ctx: Context,
    combine_options: CombineOptions = CombineOptions(),
    reading: Reading | None = None,
) -> None:
    """Score answers files and write one report (combined, for several) to stdout or a file.

    Results are read one at a time and combined as they come: a combined report of many
    thousands of rows holds running totals, never every result."""
    from coself.core.combine import Combiner, respondent
    from coself.io.sources import read_results
    from coself.io.storage import check_outputs

    check_outputs(paths, [output])

    results = warned(read_results(paths, ctx.library(), reading), ctx)
    first = next(results, None)
    second = next(results, None)
    if first is not None and second is None:
        show(Kind.SINGLE, first[0], fmt, output, ctx, first[1], None, combine_options.min_group)
        return
    combiner = Combiner()
    for result, _ in itertools.chain(filter(None, (first, second)), results):
        combiner.add(respondent(result))
    combined = combiner.result(combine_options.min_group, combine_options.gap_threshold)
    show(Kind.COMBINED, combined, fmt, output, ctx)


def warned(results: Iterator[Scored], ctx: Context) -> Iterator[Scored]:
    """The results, each one's warnings shown on stderr as it passes."""
    for scored in results:
        for warning in scored[1]:
            ctx.err(f"warning: {warning}")
        yield scored


def _emit(text: str, output: str | None, ctx: Context) -> None:
    from coself.io.storage import write_atomic

    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        with writing(output):
            write_atomic(Path(output), text)
        ctx.err(f"Report saved in {output}")


@contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Name the file the person asked for when writing it fails (not a temporary file beside it)."""
    from coself.io.tempfiles import write_error

    try:
        yield
    except OSError as error:  # worded as every other failed write is
        raise write_error(path, error) from None


def template(
    bank_id: str,
    org: str | None,
    perspective: Perspective | None,
    as_csv: bool,
    output: str | None,
    ctx: Context,
) -> None:
    """Write a blank answers file (YAML) or a CSV header row to stdout or a file."""
    from coself.io.storage import check_outputs, create_exactly
    from coself.io.template import render_csv_template, render_yaml_template

    check_outputs([], [output])
    org = option_text("--org", org)
    bank = ctx.library().get(bank_id)
    text = render_csv_template(bank) if as_csv else render_yaml_template(bank, org, perspective)
    if output in (None, "-"):
        sys.stdout.write(text)
    else:  # never over a file that may already hold someone's answers
        with writing(output):
            create_exactly(Path(output), text)
        ctx.err(f"Template saved in {output}")


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
    exports: Exports | None = None,
    reading: Reading | None = None,
) -> None:
    """Score many answers files and CSV exports; InputError after the summary if any failed."""
    from coself.batch.engine import Job, run_batch
    from coself.batch.exports import Exports, check_exports
    from coself.interactive.progress import progress_for
    from coself.io.storage import check_outputs
    from coself.render.common import Summary

    exports = exports or Exports()
    check_outputs(paths, [summary, *exports.paths])
    check_exports(exports, summary)

    job = Job(
        ctx.banks_dirs,
        out_dir or DEFAULT_REPORTS_DIR / f"batch-{today()}",
        parse_formats(formats),
        today(),
        combine_options.gap_threshold,
        combine_options.min_group,
        exports,
        reading,
    )
    library = ctx.library()
    err_console = ctx.console(sys.stderr)
    try:
        with signals_raise(), progress_for(err_console, ctx.plain) as (on_file, on_outcome):
            totals, summary_md = run_batch(paths, job, library, summary, on_outcome, on_file)
    except (KeyboardInterrupt, Terminated) as stop:  # everything unfinished is already removed
        raise Interrupted(
            f"batch stopped; no summary written; the reports finished so far are in {job.out_dir}"
        ) from stop
    console = ctx.console()  # the table leaves out columns to fit its width
    shown = Summary(totals, width=console.width)
    table = render(Kind.SUMMARY, Format.TERMINAL, shown, Meta(job.generated, (), ctx.plain))
    console.print(table)
    ctx.err(
        f"{totals.succeeded} assessment(s) scored, {totals.failed} failed, "
        f"{totals.combined} combined report(s). "
        f"Reports in {job.out_dir}; summary in {summary_md}"
        + (f" and {summary}" if summary else "")
        + (
            f"; data for analysts in {' and '.join(map(str, exports.paths))}"
            if exports.wanted
            else ""
        )
        + "."
    )
    if totals.failed:
        raise InputError(f"{totals.failed} assessment(s) could not be scored (listed above)")


def compare(
    before: Sequence[str],
    after: Sequence[str],
    fmt: Format,
    output: str | None,
    ctx: Context,
    plan: str | None = None,
) -> None:
    """Compare answers before and after (each side a file or a folder of files)."""
    from coself.app_plan import read_plan_option, with_plan
    from coself.core.compare import compare as run
    from coself.io.sources import read_results
    from coself.io.storage import check_outputs

    check_outputs([*before, *after, *([plan] if plan else [])], [output])
    planned = read_plan_option(plan)  # a bad plan is refused before any answers are read
    library = ctx.library()
    sides = [[r for r, _ in warned(read_results(p, library), ctx)] for p in (before, after)]
    comparison = run(sides[0], sides[1])
    show(Kind.COMPARISON, with_plan(comparison, planned), fmt, output, ctx)

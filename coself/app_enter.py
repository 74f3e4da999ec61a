"""What `coself enter` does: returned paper forms typed in one at a time, each into its own
answers file, saved after every section; with --verify, a second entry and its disagreements."""

from __future__ import annotations

import contextlib
import shlex
import sys
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

from coself.app import DEFAULT_REPORTS_DIR, Context, keep_answers, now, option_text, say_stopped
from coself.core.model import Answer, Answers, Bank, Perspective
from coself.core.text import one_line
from coself.errors import CoselfError, Interrupted, UsageError
from coself.interactive.answering import Outcome
from coself.interactive.entry import (
    KEYS,
    FormEntry,
    ask_organisation,
    ask_reference,
    ask_who,
    resolve,
    second_entry,
)
from coself.interactive.prompts import Stops, Terminated, terminal_say
from coself.io.banks import Library
from coself.io.held import HeldAnswers
from coself.io.storage import ANSWERS_SUFFIX, load_answers, slug

STOPS = (KeyboardInterrupt, EOFError, Terminated)
SHOWN = 10  # unfinished forms named at the start; a folder may hold hundreds


@dataclass(frozen=True)
class EnterOptions:
    bank_id: str | None
    org: str | None
    reports_dir: Path | None  # None: reports/, or the resumed file's folder
    resume: Path | None
    verify: bool = False


@dataclass(frozen=True)
class Form:
    """A form typed in before, found by its reference in the answers folder."""

    path: Path
    finished: bool


@dataclass
class Desk:
    """The session's state between forms: where files go, what is there, the last choices."""

    bank: Bank
    folder: Path
    library: Library
    stops: Stops
    ctx: Context
    org: str | None = None
    who: Perspective | None = None
    found: dict[str, Form] = field(default_factory=dict)  # the forms in the folder, by reference
    typed: int = 0  # forms typed in this session: the questions are listed for the first

    @property
    def listing(self) -> bool:
        return self.typed == 0


def enter(options: EnterOptions, ctx: Context) -> None:
    """Type in paper forms until the operator has no more (or stops); Interrupted if stopped."""
    if options.bank_id is None and options.resume is None:
        raise UsageError("coself enter needs --bank ID (or --resume FILE)")
    if options.verify and options.resume is not None:
        raise UsageError("--verify checks finished forms; --resume carries on an unfinished one")
    org = option_text("--org", options.org)
    if sys.stdin is None or not sys.stdin.isatty():  # None: started with no standard input
        raise UsageError(
            "coself enter asks for each paper form's answers and needs a terminal; "
            "to score answers files, use: coself report FILE"
        )
    library = ctx.library()
    default = options.resume.parent if options.resume else DEFAULT_REPORTS_DIR
    folder = options.reports_dir or default
    with Stops() as stops:
        if options.resume is not None:
            held, answers, bank = _hold(options.resume, library, ctx)
            desk = Desk(
                bank, folder, library, stops, ctx, answers.organisation, answers.perspective
            )
            _introduce(desk, options.verify)
            if _type_form(desk, held, answers) is Outcome.QUIT:
                return
        else:
            desk = Desk(library.get(str(options.bank_id)), folder, library, stops, ctx, org)
            _introduce(desk, options.verify)
        _forms(desk, options.verify)


def _introduce(desk: Desk, verify: bool) -> None:
    bank = desk.bank
    terminal_say(
        f"Typing in paper forms of {one_line(bank.title)} ({bank.id} {bank.version}). "
        f"Each form is saved in {desk.folder} after every section."
    )
    if verify:
        terminal_say(
            "Checking: type each form in again without looking at the first entry; "
            "coself then shows every answer the two entries disagree on, for you to decide."
        )
    terminal_say(KEYS)


def _forms(desk: Desk, verify: bool) -> None:
    """One form after another until a blank reference; a stop at a reference loses nothing."""
    desk.found = _typed_before(desk)
    unfinished = [ref for ref, form in desk.found.items() if not form.finished]
    if unfinished and not verify:
        more = f", and {len(unfinished) - SHOWN} more" if len(unfinished) > SHOWN else ""
        terminal_say(
            f"Unfinished form(s) in {desk.folder}: {', '.join(unfinished[:SHOWN])}{more}. "
            "Type a form's reference to carry on with it."
        )
    while True:
        try:
            reference = ask_reference(desk.stops.ask, terminal_say)
        except STOPS as stop:
            _stopped(desk, "Stopped between forms: every form typed is saved.", stop)
        if not reference:
            terminal_say(f"Done. The forms are in {desk.folder}")
            return
        form = desk.found.get(reference)
        if verify:
            _verify(desk, reference, form)
        elif _one_form(desk, reference, form) is Outcome.QUIT:
            return


def _one_form(desk: Desk, reference: str, form: Form | None) -> Outcome:
    if form is not None and form.finished:
        terminal_say(
            f"Form {reference} is already typed in, in {form.path}. To check it, use "
            "coself enter --verify; otherwise type another reference."
        )
        return Outcome.FINISHED
    if form is not None:
        terminal_say(f"Form {reference} was started before: carrying on with {form.path}")
        held, answers, _ = _hold(form.path, desk.library, desk.ctx)
        return _type_form(desk, held, answers)
    held, answers = _new_form(desk, reference)
    return _type_form(desk, held, answers)


def _new_form(desk: Desk, reference: str) -> tuple[HeldAnswers, Answers]:
    """Ask the organisation and who answered; the form's file, created and held."""
    try:
        desk.org = ask_organisation(desk.stops.ask, terminal_say, desk.org)
        desk.who = ask_who(desk.stops.ask, terminal_say, desk.who)
    except STOPS as stop:
        _stopped(desk, f"Stopped: form {reference} was not started.", stop)
    stamp = now()
    bank = desk.bank
    answers = Answers(
        bank.id, bank.version, desk.org, desk.who, {}, stamp, stamp, respondent=reference
    )
    stem = f"{slug(desk.org)}-{slug(bank.id, 'bank')}-form-{slug(reference, 'form')}"
    return HeldAnswers.create(desk.folder, stem, answers, bank), answers


def _type_form(desk: Desk, held: HeldAnswers, answers: Answers) -> Outcome:
    """Type the form's sections into its held file; a stop saves what was typed."""
    with held:
        terminal_say(f"Form {answers.respondent}: saved as you go in {held.path}")
        keep = partial(keep_answers, held, desk.ctx)
        entry = FormEntry(desk.bank, answers, desk.stops.ask, terminal_say, keep, now, desk.listing)
        try:
            outcome = entry.run()
            desk.stops.check()
        except STOPS as stop:
            desk.stops.stop_now()
            keep_answers(held, desk.ctx, entry.current())
            _stopped(desk, f"Stopped. What was typed is saved in {held.path}", stop, held.path)
        desk.typed += 1
        desk.found[str(answers.respondent)] = Form(held.path, outcome is Outcome.FINISHED)
        if outcome is Outcome.QUIT:
            terminal_say(f"Saved. Form {answers.respondent} is in {held.path}")
            _say_carry_on(desk, held.path)
            return Outcome.QUIT
        terminal_say(f"Form {answers.respondent} is complete, in {held.path}")
        return Outcome.FINISHED


def _verify(desk: Desk, reference: str, form: Form | None) -> None:
    """The form typed a second time; every disagreement decided; the file then holds the
    decided answers. Until then the first entry is left as it was."""
    if form is None or not form.finished:
        why = "is not finished" if form else f"has not been typed in {desk.folder}"
        terminal_say(f"Form {reference} {why}: type it in (without --verify) first.")
        return
    held, first, bank = _hold(form.path, desk.library, desk.ctx)
    with held:
        terminal_say(f"Second entry of form {reference} (first entry in {held.path}).")
        try:
            second = second_entry(bank, desk.stops.ask, terminal_say, desk.listing)
            desk.typed += 1
            if second is None:
                terminal_say(f"Not checked: the first entry in {held.path} is as it was.")
                return
            decided = resolve(bank, first.answers, second, desk.stops.ask, terminal_say)
            desk.stops.check()
        except STOPS as stop:
            message = f"Stopped: the first entry in {held.path} is as it was; check it again."
            _stopped(desk, message, stop)
        keep_answers(held, desk.ctx, _with(bank, first, decided))
        terminal_say(f"Checked: {held.path} holds the answers decided.")


def _with(bank: Bank, answers: Answers, decided: dict[str, Answer]) -> Answers:
    ordered = {q.id: decided[q.id] for q in bank.questions if q.id in decided}
    return replace(answers, answers=MappingProxyType(ordered), updated=now())


def _typed_before(desk: Desk) -> dict[str, Form]:
    """The forms of this bank already in the folder, by reference; other files are passed by."""
    found: dict[str, Form] = {}
    if not desk.folder.is_dir():
        return found
    for path in sorted(desk.folder.glob(f"*{ANSWERS_SUFFIX}")):
        with contextlib.suppress(CoselfError, OSError):
            answers, _, _ = load_answers(path, desk.library.find)
            if answers.bank == desk.bank.id and answers.respondent and not answers.workshop:
                found.setdefault(answers.respondent, Form(path, _typed_in(answers, desk.bank)))
    return found


def _typed_in(answers: Answers, bank: Bank) -> bool:
    """Whether every section of a form was typed in. Its status cannot tell: a question left
    blank on the paper keeps a form partial however carefully it was typed."""
    given = answers.answers
    return all(
        any(q.id in given for q in bank.questions if q.section == section.id)
        for section in bank.sections
    )


def _hold(path: Path, library: Library, ctx: Context) -> tuple[HeldAnswers, Answers, Bank]:
    held, answers, bank, warnings = HeldAnswers.resume(path, library.find)
    for warning in warnings:
        ctx.err(f"warning: {warning}")
    if answers.workshop or not answers.respondent:
        held.close()
        raise UsageError(f"{path} is not a paper form typed in with coself enter")
    return held, answers, bank


def _stopped(desk: Desk, message: str, stop: BaseException, path: Path | None = None) -> NoReturn:
    desk.stops.stop_now()
    say_stopped(["", message])
    if path is not None:
        with contextlib.suppress(OSError):
            _say_carry_on(desk, path)
    raise Interrupted("interrupted") from stop


def _say_carry_on(desk: Desk, path: Path) -> None:
    parts = ["coself", "enter"]
    for folder in desk.ctx.banks_dirs:
        parts += ["--banks-dir", str(folder)]
    print("To carry on, run this command:", file=sys.stderr)
    print(f"  {shlex.join([*parts, '--resume', str(path)])}", file=sys.stderr, flush=True)

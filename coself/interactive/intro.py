"""Before the first question: what the bank is, how long it takes, the keys, who is answering."""

from __future__ import annotations

import math
from collections.abc import Mapping

from coself.core.model import Answer, Bank, Perspective, Prompts, Special
from coself.core.text import hidden_in_name, one_line
from coself.interactive.answering import Ask, Say, other_keys

MINUTES_PER_QUESTION = 0.5  # a considered answer, now and then with a note


def minutes_for(questions: int) -> int:
    """Roughly how long `questions` take, rounded up to 5 minutes."""
    return max(5, 5 * math.ceil(questions * MINUTES_PER_QUESTION / 5))


def introduce(bank: Bank, say: Say, given: Mapping[str, Answer] | None = None) -> None:
    """The bank's title and description, how many questions (`given`: the answers so far,
    when carrying on) and how long, and the keys."""
    answered = sum(
        bank.question(qid) is not None and a.value is not Special.SKIPPED
        for qid, a in (given or {}).items()
    )
    total = len(bank.questions)
    left = total - answered
    sections = len({q.section for q in bank.questions})
    say("")
    say(one_line(bank.title))
    say(one_line(bank.description))
    say("")
    if answered:
        say(
            f"You have answered {answered} of the {total} questions; {left} to go, "
            f"about {minutes_for(left)} minutes."
        )
    else:
        say(
            f"There are {total} questions in {sections} parts; "
            f"it takes about {minutes_for(total)} minutes."
        )
    say("Your answers are saved after every question, so you can stop and carry on later.")
    say(
        "To answer, type the number of your answer (or yes or no), then press Enter. "
        + other_keys(bank)
    )


def ask_organisation(ask: Ask, say: Say) -> str:
    """Ask for the organisation's name until it is neither blank nor hiding a character."""
    while True:
        name = one_line(ask("Organisation name: "))
        problem = hidden_in_name(name)
        if name and not problem:
            return name
        say(
            f"That name {problem}; please type it again."
            if problem
            else "Please type the organisation's name."
        )


def ask_perspective(ask: Ask, say: Say, bank: Bank | None = None) -> Perspective:
    """Ask who the person answers as, in the bank's words, until a choice fits (its number,
    or a perspective's id)."""
    prompts = Prompts() if bank is None else bank.prompts
    options = list(prompts.perspectives.items())
    say("")
    say(prompts.who_are_you)
    for n, (_, words) in enumerate(options, 1):
        say(f"  {n}. {words}")
    while True:
        typed = one_line(ask(f"Type a number from 1 to {len(options)}: ")).lower()
        if typed.isdigit() and 1 <= int(typed) <= len(options):
            return options[int(typed) - 1][0]
        for option, _ in options:
            if typed == option.value:
                return option
        say(f"Please type a number from 1 to {len(options)}.")

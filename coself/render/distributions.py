"""How answers spread, said the same way in every combined report: words, and the HTML chart.

The chart is a diverging stacked bar per group (Heiberger and Robbins, "Design of diverging
stacked bar charts for Likert scales and other applications", Journal of Statistical Software
57(5), 2014): the lower answers to the left of a centre line, the higher ones to the right, a
middle answer split across it, so that groups leaning either way can be told at a glance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from coself.core.combine import Combined
from coself.core.distributions import GroupSpread, QuestionSpread, SectionSpread, StageCounts
from coself.core.model import AnswerValue, Perspective, Stage
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.spread import Spread
from coself.render.common import NO_SCORE, label

EVERYONE = "everyone shown"
CONVERSATIONS_INTRO = (
    "On these questions a group is split: at least one answer in four lies two or more levels "
    "from the middle answer. The mean hides this; talk it through with the people who answered."
)
SPREAD_INTRO = (
    "How each group answered every question: the number of people giving each answer (lowest "
    "first), then don't know, not applicable and no answer, and the middle (median) answer. "
    "The numbers for a group add up to the people in it who were asked the question."
)
SECTION_SPREAD_INTRO = (
    "How many respondents' own answers put each section at each stage, and the middle stage."
)
NO_SPLITS = "None: no group is split on any question."
NOTHING_SHOWN = "Nothing to show: no perspective has enough responses."


def group_name(perspective: Perspective | None) -> str:
    """A group in words: a perspective, or everyone in the perspectives shown."""
    return EVERYONE if perspective is None else label(perspective)


def choice_text(choice: AnswerValue) -> str:
    """An answer as a column heading: a level, yes or no, or a rung of the ladder."""
    return str(choice)


def median_text(value: float | None) -> str:
    """A median level, e.g. '2' or '2.5'; — when nobody answered with a level."""
    return NO_SCORE if value is None else f"{value:g}"


def spread_cells(group: GroupSpread) -> list[str]:
    """One group's counts, in the order of spread_header(), as text."""
    s = group.spread
    counts = [str(n) for n in s.counts]
    extra = [s.dont_know, s.not_applicable, group.no_answer]
    return [*counts, *map(str, extra), median_text(s.median), "yes" if s.split else "no"]


def spread_header(spread: Spread) -> list[str]:
    """The headings of spread_cells()."""
    choices = [choice_text(c) for c in spread.choices]
    return [*choices, "Don't know", "N/a", "No answer", "Median", "Split"]


def _same(text: str) -> str:
    return text


def spread_words(group: GroupSpread, escape: Callable[[str], str] = _same) -> str:
    """One group's answers in one line, e.g. 'staff (5 asked): 0: 1, 1: 0, ... median 2',
    passed through `escape` (a format's own, such as markdown's md)."""
    s = group.spread
    numbers = [group.asked, *s.counts, s.dont_know, s.not_applicable, group.no_answer]
    template = _around_numbers(group.perspective, s.choices, s.split, escape)
    return template.format(*numbers, median_text(s.median))


@lru_cache(maxsize=256)  # a few groups and kinds of question, met in every combined report
def _around_numbers(
    perspective: Perspective | None,
    choices: tuple[AnswerValue, ...],
    split: bool,
    escape: Callable[[str], str],
) -> str:
    """spread_words() with {} for each number, escaped once for every line like it: a number
    (or the dash of no median) holds nothing a format escapes, and sits between spaces and
    punctuation (tests/render/test_spread_lines.py holds the two ways equal for markdown)."""

    def words(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    counts = ", ".join(f"{words(choice_text(c))}: {{}}" for c in choices)
    split_ = "; split" if split else ""
    return escape(
        f"{words(group_name(perspective))} ({{}} asked): {counts}; don't know {{}}; n/a {{}}; "
        f"no answer {{}}; median {{}}{split_}"
    )


def question_heading(spread: QuestionSpread) -> str:
    """A question as its distribution is headed: its text and id."""
    return f"{spread.question.text} ({spread.question.id})"


def split_words(spread: QuestionSpread) -> str:
    """Who is split on a question, e.g. 'Split: carers, everyone shown.'"""
    return "Split: " + ", ".join(group_name(g.perspective) for g in spread.split_groups) + "."


def stage_median_text(stages: Sequence[Stage], middle: float | None) -> str:
    """The middle stage in words; between two stages when the middle falls between them."""
    if middle is None:
        return NO_SCORE
    low, high = stages[int(middle)], stages[min(int(middle) + 1, len(stages) - 1)]
    return low.title if middle == int(middle) else f"between {low.title} and {high.title}"


def stage_words(section: SectionSpread, group: StageCounts) -> str:
    """One group's stages in one section, e.g. 'staff (5): Starting out 1, ...; median ...'."""
    counts = ", ".join(
        f"{stage.title} {n}" for stage, n in zip(section.stages, group.counts, strict=True)
    )
    return (
        f"{group_name(group.perspective)} ({group.respondents}): {counts}; not enough answers "
        f"{group.not_enough}; middle stage {stage_median_text(section.stages, group.median)}"
    )


def identifiable_sentence(combined: Combined) -> str | None:
    """A plain warning when groups smaller than the default minimum may be shown."""
    if combined.min_group >= DEFAULT_MIN_GROUP:
        return None
    return (
        f"Groups of as few as {combined.min_group} response(s) are shown (--min-group "
        f"{combined.min_group}): individuals may be identifiable from this report. Share it "
        "only with people who may see each respondent's answers."
    )


HEADING, PARAGRAPH, ITEM, SUB_ITEM = range(4)


def spread_outline(
    combined: Combined, escape: Callable[[str], str] = _same
) -> list[tuple[int, str]]:
    """Conversations to have, then every question's and every section's spread, as lines of
    text passed through `escape` (a format's own, or none), each with its kind (HEADING,
    PARAGRAPH, ITEM, SUB_ITEM) for a format to lay out."""
    lines = [(HEADING, "Conversations to have"), (PARAGRAPH, CONVERSATIONS_INTRO)]
    conversations = combined.conversations
    lines += [(ITEM, f"{question_heading(q)} {split_words(q)}") for q in conversations]
    if not conversations:
        lines.append((PARAGRAPH, NO_SPLITS))
    lines += [(HEADING, "How answers spread"), (PARAGRAPH, SPREAD_INTRO)]
    if not combined.questions:
        lines.append((PARAGRAPH, NOTHING_SHOWN))
    escaped = [(kind, escape(text)) for kind, text in lines]
    for question in combined.questions:
        escaped.append((ITEM, escape(question_heading(question))))
        escaped += [(SUB_ITEM, spread_words(g, escape)) for g in question.groups]
    lines = [(HEADING, "How sections spread"), (PARAGRAPH, SECTION_SPREAD_INTRO)]
    if not combined.section_spreads:
        lines.append((PARAGRAPH, NOTHING_SHOWN))
    for section in combined.section_spreads:
        lines.append((ITEM, section.title))
        lines += [(SUB_ITEM, stage_words(section, g)) for g in section.groups]
    return escaped + [(kind, escape(text)) for kind, text in lines]


# The chart: a diverging stacked bar per group.

_BAR_WIDTH = 400  # the whole of a group's answers
_LEFT = 200  # room for the group's name
_ROW = 24
# Brown for the lower answers, teal for the higher, grey in the middle (ColorBrewer BrBG,
# readable with the common colour-vision deficiencies); the table beside says the same in text.
_LOW, _MID, _HIGH = ("#8c510a", "#d8b365"), "#d9d9d9", ("#5ab4ac", "#01665e")


def _colours(n: int) -> list[str]:
    half = n // 2
    low = [_LOW[min(i * len(_LOW) // max(half, 1), 1)] for i in range(half)]
    high = [_HIGH[min(i * len(_HIGH) // max(half, 1), 1)] for i in range(half)]
    return low + ([_MID] if n % 2 else []) + high


def _segments(spread: Spread) -> list[tuple[float, float, int]]:
    """(start, width, choice index) of each non-empty part, in shares of the group's answers,
    the start measured from the centre line (negative: to its left)."""
    total = spread.answered
    if not total:
        return []
    shares = [n / total for n in spread.counts]
    half = len(shares) // 2
    left = sum(shares[:half]) + (shares[half] / 2 if len(shares) % 2 else 0)
    out, x = [], -left
    for index, share in enumerate(shares):
        if share:
            out.append((x, share, index))
        x += share
    return out


def diverging_svg(spread: QuestionSpread, esc: Callable[[object], str], n: int) -> str:
    """The chart of one question (the n-th in its page, for the ids), with a title and a
    description giving every count in words for screen readers."""
    rows = spread.groups
    height = len(rows) * _ROW + 24
    scale = _BAR_WIDTH / 2  # all of a group's answers on one side would reach the edge
    centre = _LEFT + scale
    colours = _colours(len(spread.whole.spread.choices))
    parts = []
    for i, group in enumerate(rows):
        y = 6 + i * _ROW
        parts.append(f'<text x="0" y="{y + 13}">{esc(group_name(group.perspective))}</text>')
        s = group.spread
        for start, share, index in _segments(s):
            tip = f"{choice_text(s.choices[index])}: {s.counts[index]}"
            parts.append(
                f'<rect x="{centre + start * scale:.1f}" y="{y}" width="{share * scale:.1f}" '
                f'height="16" fill="{colours[index]}" stroke="#ffffff">'
                f"<title>{esc(tip)}</title></rect>"
            )
    parts.append(
        f'<line x1="{centre:g}" y1="0" x2="{centre:g}" y2="{height - 18}" stroke="#1a1a1a"/>'
    )
    legend = "lower answers left of the line, higher right"
    parts.append(f'<text x="{_LEFT}" y="{height - 4}">{esc(legend)}</text>')
    words = "; ".join(spread_words(g) for g in rows)
    title = f"How each group answered: {question_heading(spread)}"
    ids = f"spread{n}-title spread{n}-desc"
    return (
        f'<svg role="img" aria-labelledby="{ids}" width="100%" '
        f'viewBox="0 0 {_LEFT + _BAR_WIDTH + 10} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="spread{n}-title">{esc(title)}</title>'
        f'<desc id="spread{n}-desc">{esc(words)}.</desc>' + "".join(parts) + "</svg>"
    )

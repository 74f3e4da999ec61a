"""Plain-language checks of what a respondent reads in a bank, and the reading-ease formula.

Every text a respondent sees (question, help, the answer labels and descriptors, the ladder's
rung texts) is checked against the bank's `reading` level: `everyday` (people who draw on care
and carers) or `professional` (staff). Findings are located problems, one per word or sentence,
each with the plainer word to try where the word list has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coself.core.located import Mark, value_mark
from coself.errors import Problem

EVERYDAY, PROFESSIONAL = "everyday", "professional"
READINGS = (EVERYDAY, PROFESSIONAL)
# The longest sentence each reading level allows, and whether long words are findings there.
SENTENCE_LIMIT = {EVERYDAY: 15, PROFESSIONAL: 25}
LONG_WORD_SYLLABLES = 3
WORD = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z']+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


@dataclass(frozen=True, slots=True)
class WordLists:
    """The editable lists from questions/lint/jargon.yaml (all keys lower case)."""

    jargon: Mapping[str, str]  # term -> plain alternative, for every bank
    everyday_jargon: Mapping[str, str]  # the same, for everyday readers only
    idioms: Mapping[str, str]  # phrase -> plain alternative
    everyday_words: frozenset[str]  # long words that are still plain (everyone, together)


@dataclass(frozen=True, slots=True)
class Text:
    """One text a respondent sees, where it starts in its file and what it belongs to."""

    text: str
    mark: Mark
    subject: str


def syllables(word: str) -> int:
    """A close estimate of the syllables in an English word (vowel groups, less silent endings)."""
    total = 0
    for part in word.lower().replace("'s", "").split("-"):
        groups = len(re.findall(r"[aeiouy]+", part))
        if groups > 1 and part.endswith("e") and not part.endswith(("le", "ee", "ye")):
            groups -= 1  # a silent e: "time", "place"
        if (
            groups > 1
            and part.endswith(("es", "ed"))
            and not re.search(r"([td]ed|[scgxz]es|[cs]hes)$", part)
        ):
            groups -= 1  # "times", "planned": the ending adds no syllable
        if re.search(r"[^aeiouy]e(ly|ful|ment|ness)$", part):
            groups -= 1  # a silent e before a suffix: "likely", "statement"
        total += max(1, groups)
    return total


def sentences(text: str) -> list[str]:
    """The sentences of a text, its line breaks taken as spaces."""
    return [s for s in SENTENCE_END.split(" ".join(text.split())) if WORD.search(s)]


def flesch(texts: Iterable[str]) -> float:
    """Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    split = [s for t in texts for s in sentences(t)]
    words = [w for s in split for w in WORD.findall(s)]
    if not words:
        return 0.0
    count = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / len(split) - 84.6 * count / len(words)


def bank_texts(bank: Any) -> list[Text]:
    """The texts a respondent of this parsed bank reads, each with its place in the file.

    The ladder's rung texts are the bank's own `ladder_wording`; a bank without one shows the
    framework's (see `framework_ladder_texts`).
    """
    found: list[Text] = []

    def add(entry: Any, key: str, subject: str) -> None:
        if isinstance(entry, dict) and isinstance(entry.get(key), str):
            found.append(Text(entry[key], value_mark(entry, key), subject))

    for level in _items(bank.get("scale")):
        add(level, "label", "scale")
        add(level, "descriptor", "scale")
    questions = list(_items(bank.get("questions")))
    for question in questions:
        qid = str(question.get("id", "a question"))
        add(question, "text", qid)
        add(question, "help", qid)
        levels = question.get("levels")
        if isinstance(levels, dict):
            for key in levels:
                add(levels, key, qid)
    wording = bank.get("ladder_wording")
    if isinstance(wording, dict):
        for rung_id, rung in wording.items():
            add(rung, "title", f"ladder {rung_id}")
            add(rung, "description", f"ladder {rung_id}")
    return found


def shows_framework_ladder(bank: Any) -> bool:
    """Whether a parsed bank asks ladder questions in the framework's rung wording."""
    asks = any(q.get("type") == "ladder" for q in _items(bank.get("questions")))
    return asks and not isinstance(bank.get("ladder_wording"), dict)


def framework_ladder_texts(framework: Any) -> list[Text]:
    """The framework's rung titles and descriptions, each with its place in the framework file."""
    found: list[Text] = []
    for rung in _items(framework.get("ladder")):
        for key in ("title", "description"):
            if isinstance(rung.get(key), str):
                found.append(Text(rung[key], value_mark(rung, key), f"ladder {rung.get('id')}"))
    return found


def _items(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def lint_texts(
    texts: Iterable[Text],
    reading: str,
    words: WordLists,
    explained: Iterable[str] = (),
    source: str = "",
    lines: Sequence[str] = (),
) -> list[Problem]:
    """Every finding in these texts, for a bank of this reading level, named as `source`.

    With the file's `lines`, a finding points at its own word; without, at the start of its text.
    """
    allowed = {e.lower() for e in explained}
    problems: list[Problem] = []
    for text in texts:
        for offset, message in _findings(text.text, reading, words, allowed):
            line, col = _locate(lines, text.mark, text.text, offset)
            problems.append(Problem(source, line, col, message, text.subject))
    return problems


def _findings(
    text: str, reading: str, words: WordLists, allowed: set[str]
) -> Iterator[tuple[str, str]]:
    """(the word or sentence to point at, what is wrong) for one text."""
    lowered = text.lower()
    tables = [(words.idioms, "an idiom"), (words.jargon, "jargon")]
    if reading == EVERYDAY:
        tables.append((words.everyday_jargon, "jargon"))
    for table, kind in tables:
        for term, plain in table.items():
            if term in allowed:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", lowered):
                yield (
                    text[match.start() : match.end()],
                    f"{text[match.start() : match.end()]!r} is {kind}; try {plain!r}",
                )
    limit = SENTENCE_LIMIT[reading]
    for sentence in sentences(text):
        count = len(WORD.findall(sentence))
        if count > limit:
            yield sentence, f"a sentence of {count} words (at most {limit} here); split it"
    if reading != EVERYDAY:
        return
    for word in dict.fromkeys(WORD.findall(text)):
        low = word.lower()
        if low in words.everyday_words or low in allowed or _covered(low, words, allowed):
            continue
        if syllables(word) >= LONG_WORD_SYLLABLES:
            yield word, f"{word!r} has {syllables(word)} syllables; try a shorter word"


def _covered(word: str, words: WordLists, allowed: set[str]) -> bool:
    """A word already reported as jargon or explained is not reported again as long."""
    terms = (*words.jargon, *words.everyday_jargon, *allowed)
    return any(word in (term, term + "s") for term in terms)


def _locate(lines: Sequence[str], start: Mark, text: str, piece: str) -> tuple[int, int]:
    """The line and column in the file where `piece` of a text starting at `start` stands."""
    first = WORD.search(piece)
    token = first.group(0) if first else piece
    line, col = start.line, int(start.col) if isinstance(start.col, int) else 0
    for index in range(max(line - 1, 0), min(len(lines), line + text.count("\n") + 40)):
        begin = col - 1 if index == line - 1 else 0
        found = re.search(rf"(?<![\w-]){re.escape(token)}(?![\w])", lines[index][max(begin, 0) :])
        if found:
            return index + 1, max(begin, 0) + found.start() + 1
    return line, col


def word_lists(data: Any) -> WordLists:
    """The word lists from a parsed jargon file (already checked by its loader)."""
    return WordLists(
        _table(data, "jargon"),
        _table(data, "everyday_jargon"),
        _table(data, "idioms"),
        frozenset(str(w).lower() for w in data.get("everyday_words") or ()),
    )


def _table(data: Any, key: str) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (data.get(key) or {}).items()}


def reading_of(bank: Any) -> str:
    """A bank's reading level: `reading` if it names one, else professional."""
    value = bank.get("reading") if isinstance(bank, dict) else None
    return value if value in READINGS else PROFESSIONAL


def explained_terms(bank: Any) -> list[str]:
    """The terms a parsed bank marks as explained on purpose."""
    value = bank.get("explained_terms") if isinstance(bank, dict) else None
    return [str(v) for v in value] if isinstance(value, list) else []

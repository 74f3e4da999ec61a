"""The printable paper questionnaire: one self-contained HTML file for A4 paper, with large tick
boxes, room for comments and the form reference on every page. Every piece of bank text is
escaped, as in the HTML reports."""

from __future__ import annotations

import hashlib
import string
from collections.abc import Sequence
from dataclasses import dataclass

from coself.core.model import (
    GRADED,
    Answer,
    Bank,
    BankSection,
    Perspective,
    Prompts,
    Question,
    QuestionType,
    Special,
)
from coself.core.words import in_words
from coself.render.html import esc

INK, PAPER = "#1a1a1a", "#ffffff"  # near-black on white: 17.4:1, and nothing else on paper
BODY_PT, LARGE_PT = 12, 16  # body text; every text on the form is at least this size
PERSPECTIVE_WORDS = {  # who is answering, in everyday words (numbered as `assess` numbers them)
    Perspective.LEADERSHIP: "I lead or manage here",
    Perspective.STAFF: "I work here",
    Perspective.PERSON: "I draw on care and support",
    Perspective.CARER: "I am a carer (family or a friend)",
    Perspective.OTHER: "Something else",
}
HOW_TO = (
    "Please answer each question by ticking one box.",
    "Tick the box that is closest to what you think.",
    "If you do not know, tick the box that says so.",
    "You can leave out any question.",
    "You can write more in the box under each question.",
)
DOES_NOT_APPLY = "Does not apply"  # not applicable, in everyday words
_DEFAULT_WORDS = Prompts()  # a bank that gives no words of its own
THANKS = "Thank you for filling in this form. Please give it back to the person who gave it to you."


@dataclass(frozen=True)
class PaperOptions:
    large_print: bool = False  # body text 16 pt instead of 12
    one_per_page: bool = False  # one question a page, for Easy Read use


def form_code(bank: Bank) -> str:
    """A short code for exactly the questions and answers this form shows: a bank edited under
    the same version number gets another code, so returned forms are matched to their words."""
    parts = [bank.id, bank.version, *(f"{s.level}{s.label}{s.descriptor}" for s in bank.scale)]
    for rung in bank.framework.ladder_answers:
        parts.append(f"{rung.id}{rung.title}{rung.description}")
    for question in bank.questions:
        levels = "".join(f"{k}{v}" for k, v in sorted(question.levels.items()))
        parts.append(
            f"{question.id}{question.type.value}{question.text}{question.allow_na}{levels}"
        )
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:6].upper()


def form_reference(bank: Bank) -> str:
    """The form's reference, printed on every page: bank id, version and form code."""
    return f"{bank.id}-{bank.version}-{form_code(bank)}"


def paper_order(bank: Bank) -> list[tuple[BankSection, list[Question]]]:
    """The questions as the form asks them: section by section in the bank's order, each
    section's questions in bank order (numbered 1, 2, ... through the whole form)."""
    return [
        (section, [q for q in bank.questions if q.section == section.id])
        for section in bank.sections
    ]


def render_paper(bank: Bank, options: PaperOptions = PaperOptions()) -> str:
    """The whole questionnaire as one HTML page, each printed page block marked with the form
    reference; `--one-per-page` puts each question (and the questions about you) on its own."""
    blocks = [_cover(bank, options)]
    if options.one_per_page:
        blocks.append(_about_you())
    else:
        blocks[0] += _about_you()
    total = sum(len(questions) for _, questions in paper_order(bank))
    number = 0
    for section, questions in paper_order(bank):
        if not questions:
            continue
        title = bank.framework.section(section.id).title
        heading = f"<h2>{esc(title)}</h2>"
        block = [heading]
        for question in questions:
            number += 1
            if options.one_per_page and block != [heading]:
                blocks.append(block)
                block = [heading]
            block.append(_question(bank, question, number, total))
        blocks.append(block)
    blocks[-1].append(f'<p class="thanks">{esc(THANKS)}</p>')
    return _page(bank, blocks, options)


def page_blocks(bank: Bank, options: PaperOptions = PaperOptions()) -> int:
    """How many page blocks the form has: the fewest printed pages it can take."""
    questions = sum(len(q) for _, q in paper_order(bank))
    if options.one_per_page:
        return 2 + questions
    return 1 + sum(1 for _, q in paper_order(bank) if q)


def _cover(bank: Bank, options: PaperOptions) -> list[str]:
    how_to = "".join(f"<li>{esc(line)}</li>" for line in HOW_TO)
    out = [
        f"<h1>{esc(bank.title)}</h1>",
        f"<p><strong>Who this form is for:</strong> {esc(bank.audience)}</p>",
        f"<p>{esc(bank.description)}</p>",
        "<h2>How to fill in this form</h2>",
        f"<ul>{how_to}</ul>",
    ]
    if options.one_per_page:
        out.append("<p>There is one question on each page.</p>")
    return out


def _about_you() -> list[str]:
    choices = [
        _choice(f"about-who-{n}", "about:perspective", p.value, f"{n}", esc(words))
        for n, (p, words) in enumerate(PERSPECTIVE_WORDS.items(), 1)
    ]
    return [
        "<h2>About you</h2>",
        '<fieldset class="about"><legend>Your details</legend>',
        '<label for="about-org">The name of the organisation this form is about</label>',
        '<input type="text" class="write" id="about-org" name="about:organisation">',
        "<fieldset><legend>Who is filling in this form? Tick one box.</legend>",
        *choices,
        "</fieldset>",
        '<label for="about-name">Your name (you can leave this blank)</label>',
        '<input type="text" class="write" id="about-name" name="about:respondent">',
        "</fieldset>",
    ]


def _question(bank: Bank, question: Question, number: int, total: int) -> str:
    """One question: its text as the legend, its help, a tick box for every answer it takes,
    and a box for comments."""
    base = f"q{number}"
    name = esc(f"q:{question.id}")  # ids never hold ':', so no question shares a name with "about:"
    choices = [
        _choice(f"{base}-{n}", name, value, code, words)
        for n, (value, code, words) in enumerate(answer_choices(bank, question), 1)
    ]
    return "\n".join(
        [
            f'<fieldset class="question" aria-describedby="{base}-help">',
            f'<legend><span class="number">Question {number} of {total}.</span> '
            f"{esc(question.text)}</legend>",
            f'<p class="help" id="{base}-help">{esc(question.help)}</p>',
            '<p class="tick">Tick one box.</p>',
            *choices,
            f'<label class="note" for="{base}-note">Anything you want to add? '
            "(you can leave this blank)</label>",
            f'<textarea id="{base}-note" name="{name}:note" rows="4"></textarea>',
            "</fieldset>",
        ]
    )


def answer_choices(bank: Bank, question: Question) -> list[tuple[str, str, str]]:
    """Each answer the question takes as (value, code shown, escaped words): the question's
    own level descriptors, the bank's scale, yes/no or the ladder in the bank's own wording,
    then don't know, and not applicable where the bank allows it."""
    found: list[tuple[str, str, str]] = []
    if question.type in GRADED:
        for step in bank.scale:
            descriptor = question.meaning(step)
            words = f"<strong>{esc(step.label)}.</strong> {esc(descriptor)}"
            found.append((str(step.level), str(step.level), words))
    elif question.type is QuestionType.YESNO:
        found += [("yes", "", "<strong>Yes</strong>"), ("no", "", "<strong>No</strong>")]
    else:
        for rung in bank.framework.ladder_answers:
            words = f"<strong>{esc(rung.title)}.</strong> {esc(rung.description)}"
            found.append((rung.id, str(rung.rung), words))
    words = in_words(question, bank, Answer(Special.DONT_KNOW)).capitalize()
    found.append((Special.DONT_KNOW.value, "", f"<strong>{esc(words)}</strong>"))
    if question.allow_na:
        words = _not_applicable(bank).capitalize()
        found.append((Special.NA.value, "", f"<strong>{esc(words)}</strong>"))
    return found


def _not_applicable(bank: Bank) -> str:
    """Not applicable in the bank's own words where it gives them, else in everyday words."""
    own = bank.prompts.not_applicable
    return own if own != _DEFAULT_WORDS.not_applicable else DOES_NOT_APPLY


def _choice(box_id: str, name: str, value: str, code: str, words: str) -> str:
    """A tick box and its label; `code` (a digit, or nothing) is what is typed in later."""
    shown = f'<span class="code">{esc(code)}</span> ' if code else ""
    return (
        f'<div class="choice"><input type="radio" id="{box_id}" name="{name}" '
        f'value="{esc(value)}"><label for="{box_id}">{shown}{words}</label></div>'
    )


def _css_string(text: str) -> str:
    """Text as a CSS string, every character but plain letters, digits and a few signs
    escaped, so that nothing from a bank can end the string or the style sheet."""
    safe = "".join(
        c if (c.isascii() and c.isalnum()) or c in " .-:_" else f"\\{ord(c):06x}" for c in text
    )
    return f'"{safe}"'


# The print style. Every size is in points and none is below the body's ($pt); one ink colour
# on white. The page's margins carry the form reference, the form number's line and the page.
_STYLE = string.Template("""
@page{size:A4;margin:15mm 15mm 14mm 15mm;
@top-left{content:$ref;$margin}
@top-right{content:"Form number: ____________";$margin}
@bottom-right{content:"Page " counter(page) " of " counter(pages);$margin}}
html{color:$ink;background:$paper}
body{font-family:$fonts;font-size:${pt}pt;line-height:1.25;margin:0 auto;max-width:180mm}
h1{font-size:${h1}pt;margin:0 0 3mm}h2{font-size:${h2}pt;margin:3mm 0 2mm}
p,ul{margin:0 0 2mm}
.page+.page{break-before:page}
.ref{font-size:${pt}pt;border-bottom:1pt solid $ink;padding-bottom:1mm;margin:0 0 3mm}
fieldset{border:1.5pt solid $ink;margin:0 0 4mm;padding:2mm 4mm 3mm;min-inline-size:0;
break-inside:$keep}
fieldset fieldset{border-width:1pt;margin:2mm 0}
legend{float:left;width:100%;padding:0;margin:0 0 1.5mm;font-size:${legend}pt;font-weight:bold}
legend+*{clear:both}
legend .number{display:block;font-size:${pt}pt;font-weight:normal}
.choice{display:flex;align-items:center;gap:3mm;margin:1.5mm 0;break-inside:avoid}
input[type=radio]{appearance:none;-webkit-appearance:none;flex:none;width:${box}mm;
height:${box}mm;margin:0;border:2pt solid $ink;border-radius:0;background:$paper}
input[type=radio]:checked{background:$ink}
.code{display:inline-block;min-width:1.2em;font-weight:bold}
input,textarea{font:inherit;color:$ink}
label{font-size:${pt}pt}
.write{display:block;box-sizing:border-box;width:100%;height:${line}mm;margin:0 0 2mm;
border:0;border-bottom:1.5pt solid $ink;background:$paper}
textarea{display:block;box-sizing:border-box;width:100%;height:${comments}mm;margin:1mm 0 0;
border:1.5pt solid $ink;resize:none;background:$paper}
.note{display:block;margin-top:2mm;break-after:avoid}
.thanks{font-weight:bold;margin-top:4mm;break-before:avoid}
""")
_FONTS = "Arial,Helvetica,sans-serif"


def style(reference: str, options: PaperOptions) -> str:
    """The print style for these options, with the form reference in every page's margin."""
    pt = LARGE_PT if options.large_print else BODY_PT
    box = 11 if options.large_print else 8  # tick boxes, in millimetres
    return _STYLE.substitute(
        pt=pt,
        h1=pt * 2,
        h2=round(pt * 1.5),
        legend=round(pt * 1.2),
        box=box,
        line=box + 2,
        comments=18 if options.large_print else 16,
        # One question a page must start on its page, so it is never pushed whole onto the next.
        keep="auto" if options.one_per_page else "avoid",
        ref=_css_string(f"Form {reference}"),
        margin=f"font-family:{_FONTS};font-size:{pt}pt;color:{INK}",
        fonts=_FONTS,
        ink=INK,
        paper=PAPER,
    )


def _page(bank: Bank, blocks: Sequence[list[str]], options: PaperOptions) -> str:
    reference = form_reference(bank)
    parts = []
    for n, block in enumerate(blocks, 1):
        marker = f'<p class="ref">Form {esc(reference)}, part {n} of {len(blocks)}</p>'
        parts.append('<section class="page">\n' + marker + "\n" + "\n".join(block) + "\n</section>")
    title = f"{bank.title}: paper form {reference}"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{style(reference, options)}</style>\n"
        "</head>\n<body>\n<main>\n" + "\n".join(parts) + "\n</main>\n</body>\n</html>\n"
    )

"""Checks an HTML report or form with the standard library's parser: structure, escaping,
alternatives, labels, and the contrast and sizes of the print style."""

from __future__ import annotations

import re
from html.parser import HTMLParser

FORBIDDEN = {"script", "iframe", "object", "embed", "link", "img", "b", "i", "u", "font"}
VOID = ("meta", "br", "rect", "input")  # elements with no end tag
CONTROLS = ("input", "textarea", "select")


class ReportParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: list[int] = []
        self.in_title = False
        self.svg_title = ""
        self.svg_desc = ""
        self.table_has_th: list[bool] = []
        self.table_has_caption: list[bool] = []
        self.style = ""
        self.title = ""
        self.labelled: set[str] = set()  # the ids that a <label for> names
        self.fieldsets: list[bool] = []  # for each open fieldset: has it a legend yet?
        # each form control: its attributes, whether a label holds it, whether it sits in a
        # fieldset with a legend
        self.controls: list[tuple[dict[str, str | None], bool, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._form_tag(tag, dict(attrs))
        if tag in VOID:
            return
        self.stack.append(tag)
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.table_has_th.append(False)
            self.table_has_caption.append(False)
        if tag == "th":
            self.table_has_th[-1] = True
        if tag == "caption":
            self.table_has_caption[-1] = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def _form_tag(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "label" and attrs.get("for"):
            self.labelled.add(str(attrs["for"]))
        elif tag == "fieldset":
            self.fieldsets.append(False)
        elif tag == "legend" and self.fieldsets:
            self.fieldsets[-1] = True
        elif tag in CONTROLS:
            grouped = bool(self.fieldsets) and self.fieldsets[-1]
            self.controls.append((attrs, "label" in self.stack, grouped))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "fieldset":
            self.fieldsets.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack and self.stack[-1] == "style":
            self.style += data
        if self.stack and self.stack[-1] == "title" and "svg" not in self.stack:
            self.title += data
        if self.stack and self.stack[-1] == "title" and "svg" in self.stack:
            self.svg_title += data
        if self.stack and self.stack[-1] == "desc":
            self.svg_desc += data


def _parse(page: str) -> ReportParser:
    """Parse a page and assert what every coself HTML page must hold: closed elements, the
    language, nothing that runs, headings from h1 that never skip a level."""
    parser = ReportParser()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    html_tag = next(attrs for tag, attrs in parser.tags if tag == "html")
    assert html_tag.get("lang") == "en-GB"
    found = {tag for tag, _ in parser.tags}
    assert not found & FORBIDDEN, found & FORBIDDEN
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), attrs  # no event handlers
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("https://", "#")), value
    assert parser.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(parser.headings, parser.headings[1:], strict=False))
    assert parser.title.strip(), "no <title>"
    return parser


def check_html(page: str) -> ReportParser:
    """Parse a report and assert what every coself HTML report must hold; return the parse."""
    parser = _parse(page)
    assert parser.table_has_th and all(parser.table_has_th) and all(parser.table_has_caption)
    svgs = [attrs for tag, attrs in parser.tags if tag == "svg"]
    assert svgs, "no chart"
    for attrs in svgs:
        assert attrs.get("role") == "img" and attrs.get("aria-labelledby")
    assert parser.svg_title.strip() and "out of 100" in parser.svg_desc
    assert "\x1b" not in page and "\u202e" not in page
    return parser


def check_form(page: str, min_pt: float) -> ReportParser:
    """Parse a printable form and assert that it is accessible and self-contained: one h1,
    every control labelled and grouped under a legend, nothing fetched, print colours of at
    least 4.5:1, and every font size in points and at least `min_pt`."""
    parser = _parse(page)
    assert parser.headings.count(1) == 1, parser.headings
    assert parser.controls, "no form controls"
    for attrs, in_label, grouped in parser.controls:
        assert in_label or attrs.get("id") in parser.labelled, f"no label: {attrs}"
        assert grouped, f"not in a fieldset with a legend: {attrs}"
    assert not any("src" in attrs or "href" in attrs for _, attrs in parser.tags)
    style = parser.style
    assert "url(" not in style and "@import" not in style, "the style fetches something"
    check_contrast(style)
    check_font_sizes(style, min_pt)
    return parser


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rgb or #rrggbb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;{}]+)")


def check_contrast(style: str) -> None:
    """Every text and border colour against every background (and white paper): 4.5:1 or more.
    Colours must be written as #hex, so that none escapes the check."""
    assert not re.search(r"\b(rgb|hsl|hwb|lab|lch|oklab|oklch)a?\(", style)
    inks, papers = set(), {"#ffffff"}
    for name, value in _DECLARATION.findall(style):
        colours = re.findall(r"#[0-9a-fA-F]{3,6}\b", value)
        if name in ("background", "background-color"):
            papers.update(colours)
        elif name == "color" or name.startswith("border") or name == "outline":
            inks.update(colours)
            if name == "color":
                assert colours, f"a colour not written as #hex: {value}"
    assert inks, "no colours found"
    for ink in inks:
        for paper in papers:
            if ink != paper:  # a filled (ticked) box is ink on ink: no text on it
                assert contrast(ink, paper) >= 4.5, (ink, paper, contrast(ink, paper))


def check_font_sizes(style: str, min_pt: float) -> None:
    """Every font size in points and at least `min_pt`; controls take the body's font."""
    sizes = [value.strip() for name, value in _DECLARATION.findall(style) if name == "font-size"]
    assert sizes, "no font sizes"
    for size in sizes:
        match = re.fullmatch(r"(\d+(?:\.\d+)?)pt", size)
        assert match, f"font size not in points: {size}"
        assert float(match.group(1)) >= min_pt, f"{size} is below {min_pt}pt"
    body = re.search(r"(?:^|})\s*body\s*\{[^}]*font-size:\s*(\d+(?:\.\d+)?)pt", style)
    assert body and float(body.group(1)) >= min_pt, "the body's font size"
    assert re.search(r"input,textarea\{[^}]*font:inherit", style), "controls keep the body font"

"""Checks an HTML report with the standard library's parser: structure, escaping, alternatives."""

from __future__ import annotations

from html.parser import HTMLParser

FORBIDDEN = {"script", "iframe", "object", "embed", "link", "img", "b", "i", "u", "font"}


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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("meta", "br", "rect"):
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

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "br", "rect"):
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack and self.stack[-1] == "title" and "svg" in self.stack:
            self.svg_title += data
        if self.stack and self.stack[-1] == "desc":
            self.svg_desc += data


def check_html(page: str) -> ReportParser:
    """Parse a report and assert what every coself HTML report must hold; return the parse."""
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
    # headings start at h1 and never skip a level
    assert parser.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(parser.headings, parser.headings[1:], strict=False))
    assert parser.table_has_th and all(parser.table_has_th) and all(parser.table_has_caption)
    svgs = [attrs for tag, attrs in parser.tags if tag == "svg"]
    assert svgs, "no chart"
    for attrs in svgs:
        assert attrs.get("role") == "img" and attrs.get("aria-labelledby")
    assert parser.svg_title.strip() and "out of 100" in parser.svg_desc
    assert "\x1b" not in page and "\u202e" not in page
    return parser

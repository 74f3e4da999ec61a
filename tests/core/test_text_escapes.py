"""Text is data in markdown and JSON: nothing a person writes becomes maths, a link or a control."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from coself.core import text as core_text
from coself.core.text import md

linkify_it = pytest.importorskip("linkify_it", reason="markdown-it-py[linkify] is a test extra")

PARSER = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify", "strikethrough"])

HOSTILE = [
    "See https://evil.example/a now",
    "See http://evil.example and ftp://evil.example",
    "HTTPS://EVIL.EXAMPLE",
    "Go to www.evil.com today",
    "(www.evil.com)",
    "WWW.EVIL.COM",
    "Mail bob@evil.com or mailto:bob@evil.com",
    "Cost $5 and $x^2$ and $$y$$",
    "~~struck~~ and ~one~",
    "<https://evil.example>",
    "[a](https://evil.example)",
]


def gfm_links(text: str) -> list[str]:
    """The links GFM would make in text: a scheme, `www.` or an e-mail address (linkify also
    makes fuzzy links of bare names such as `evil.com`, which GFM does not)."""
    (_, token, _) = PARSER.parse(text)
    children = token.children or []
    return [
        after.content
        for before, after in zip(children, children[1:], strict=False)
        if before.type == "link_open"
        if "://" in after.content or "@" in after.content or after.content.lower()[:4] == "www."
    ]


def shown(text: str) -> str:
    (_, token, _) = PARSER.parse(text)
    return "".join(c.content for c in token.children or [] if c.type == "text")


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_text_literally_with_no_link_or_maths(text: str) -> None:
    escaped = md(text)
    assert gfm_links(escaped) == [] and shown(escaped) == text, escaped
    assert "$" not in escaped.replace("\\$", "")  # no dollar that could open maths on GitHub


@pytest.mark.parametrize(
    "text",
    [
        t
        for t in HOSTILE
        if t[0] != "[" and t not in ("~~struck~~ and ~one~", "Cost $5 and $x^2$ and $$y$$")
    ],
)
def test_the_parser_does_find_the_links_md_must_break(text: str) -> None:
    assert gfm_links(text)


def test_ordinary_text_keeps_its_dots_and_colons() -> None:
    assert (
        md("Time: 10.30, see section 2.1 of file.md") == "Time: 10.30, see section 2.1 of file.md"
    )


def test_clean_data_strips_controls_from_every_text_keys_included() -> None:
    data = {"ti\x1btle": ["\u202eevil\u202c", {"x": "a\x07b"}], "n": 1.5, "none": None}
    assert core_text.clean_data(data) == {"title": ["evil", {"x": "ab"}], "n": 1.5, "none": None}

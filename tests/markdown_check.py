"""Checks that a markdown report is well-formed GFM: tables keep their shape, text stays text."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")
TEXT_TOKENS = {"text", "softbreak", "hardbreak"}
GUIDE = "https://www.scie.org.uk/publications/guides/guide51/"


def inline_text(token: Token) -> str:
    """The literal text of an inline token; fails if it holds markup (links, emphasis, HTML)."""
    parts = []
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            continue
        assert child.type in TEXT_TOKENS, f"markup {child.type!r} in {token.content!r}"
        parts.append(" " if child.type != "text" else child.content)
    return "".join(parts)


def check_markdown(text: str, min_tables: int = 3) -> list[Token]:
    """Parse a report; assert every table row has the header's number of cells. Return tokens."""
    tokens = PARSER.parse(text)
    assert not any(t.type == "html_block" or t.type == "html_inline" for t in tokens)
    header_cells = row_cells = 0
    in_head = False
    tables = 0
    for token in tokens:
        if token.type == "table_open":
            tables += 1
        elif token.type == "thead_open":
            in_head, header_cells = True, 0
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row_cells = 0
        elif token.type in ("th_open", "td_open"):
            row_cells += 1
            if in_head:
                header_cells += 1
        elif token.type == "tr_close" and not in_head:
            assert row_cells == header_cells, f"a row has {row_cells} cells, not {header_cells}"
        for child in token.children or []:
            assert child.type not in ("html_inline", "image"), child
            if child.type == "link_open":  # only coself's own links to the guide
                assert str(child.attrs["href"]).startswith(GUIDE), child
    assert tables >= min_tables
    return tokens


def texts(tokens: list[Token]) -> list[str]:
    """Every inline piece of text in the document, as a reader would see it."""
    return [
        inline_text(t)
        for t in tokens
        if t.type == "inline"
        if not any(c.type in ("link_open", "em_open", "code_inline") for c in t.children or [])
    ]

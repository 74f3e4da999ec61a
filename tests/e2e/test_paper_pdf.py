"""`export paper` printed by headless Chromium: the PDF has the pages expected, and every page
carries the form reference. Skipped without chromium, except in CI, where it must run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINI_DIR

from coself.io.banks import load_library
from coself.render.paper import PaperOptions, form_reference, page_blocks, paper_order

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object, not the /Pages tree


def needed(what: str, found: object, how: str) -> None:
    """Skip when `what` is missing here; in CI (CI=true) a missing tool is a failure."""
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI, where this test must run (.ci/run installs it)")
    pytest.skip(f"{what} is not installed here, so nothing is printed ({how})")


def print_to_pdf(html: Path, tmp_path: Path) -> bytes:
    """The page printed by headless Chromium, as PDF bytes."""
    chromium = shutil.which("chromium")
    needed("chromium", chromium, "apt-get install chromium")
    pdf = tmp_path / f"{html.stem}.pdf"
    profile = tmp_path / "profile"
    run = subprocess.run(
        [
            str(chromium),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0 and pdf.exists(), run.stderr.decode(errors="replace")[-2000:]
    return pdf.read_bytes()


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF, counted from its page objects (Chromium writes them uncompressed)."""
    return len(_PAGE.findall(pdf))


def page_texts(pdf: Path) -> list[str]:
    pypdf = None
    try:
        import pypdf
    except ImportError:
        needed("pypdf", None, "pip install '.[test]'")
    assert pypdf is not None
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


def export(cli, tmp_path: Path, bank: str, *flags: str) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"{bank}{''.join(flags)}.html"
    code, _, err = cli(
        "export", "paper", "--bank", bank, *flags, "-o", out, "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    ("bank", "flags"),
    [("mini", ()), ("voices", ()), ("voices", ("--large-print",))],  # voices: the Easy Read use
)
def test_one_question_a_page(cli, tmp_path: Path, bank: str, flags: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Every question fits its page: the cover, about you, then one page each."""
    html = export(cli, tmp_path, bank, "--one-per-page", *flags)
    pdf = print_to_pdf(html, tmp_path)
    loaded = load_library([MINI_DIR]).get(bank)
    questions = len(loaded.questions)
    options = PaperOptions(large_print=bool(flags), one_per_page=True)
    assert count_pages(pdf) == page_blocks(loaded, options)
    assert count_pages(pdf) == questions + 2
    texts = page_texts(tmp_path / f"{html.stem}.pdf")
    reference = form_reference(loaded)
    ordered = [q for _, qs in paper_order(loaded) for q in qs]
    for n, text in enumerate(texts, 1):
        assert f"Form {reference}" in text and f"Page {n} of {len(texts)}" in text, n
        assert "Form number:" in text
    for n in range(1, len(ordered) + 1):  # question n alone on page n + 2
        assert f"Question {n} of {questions}." in texts[n + 1]
        assert all(f"Question {n} of" not in t for i, t in enumerate(texts) if i != n + 1)


@pytest.mark.parametrize("flags", [(), ("--large-print",), ("--large-print", "--one-per-page")])
def test_the_printed_form_has_every_page_marked(
    cli, tmp_path: Path, flags: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    """However a page block runs over, every printed page carries the reference."""
    html = export(cli, tmp_path, "mini", *flags)
    pdf = print_to_pdf(html, tmp_path)
    mini = load_library([MINI_DIR]).get("mini")
    options = PaperOptions("--large-print" in flags, "--one-per-page" in flags)
    pages = count_pages(pdf)
    assert page_blocks(mini, options) <= pages <= 2 * (len(mini.questions) + 2)
    texts = page_texts(tmp_path / f"{html.stem}.pdf")
    assert len(texts) == pages
    for text in texts:
        assert f"Form {form_reference(mini)}" in text
    assert "Please give it back" in texts[-1]  # the last words end the last page


def test_a_missing_chromium_skips_here_but_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing in CI"):
        needed("chromium", None, "apt-get install chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed here"):
        needed("chromium", None, "apt-get install chromium")
    needed("chromium", "/usr/bin/chromium", "")  # found: nothing happens

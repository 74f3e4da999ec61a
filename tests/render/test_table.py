"""The one table from (kind, format) to renderer: complete, one module per format, and lazy
enough that only the terminal format brings in Rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_DIR

from coself.render import RENDERERS, Format, Kind, formats_for, renderer

T, M, J, H, C = Format.TERMINAL, Format.MARKDOWN, Format.JSON, Format.HTML, Format.CSV
# Written out by hand: adding a kind or a format means deciding here which pairs apply.
APPLIES = {
    Kind.SINGLE: {T, M, J, H},
    Kind.COMBINED: {T, M, J, H},
    Kind.COMPARISON: {T, M, J, H},
    Kind.SUMMARY: {T, M, C},
    Kind.BANK: {T, J},
    Kind.BANK_LIST: {T},
    Kind.PLAN: {T, M, J, H},
    Kind.FEEDBACK: {M, H},
}
PAIRS = [(kind, fmt) for kind in Kind for fmt in Format]


def test_the_table_lists_exactly_the_pairs_that_apply() -> None:
    assert set(Kind) == set(APPLIES) == set(RENDERERS)
    for kind in Kind:
        assert set(formats_for(kind)) == APPLIES[kind], kind
    assert set().union(*APPLIES.values()) == set(Format)  # every format renders something


@pytest.mark.parametrize(("kind", "fmt"), PAIRS, ids=[f"{k.value}-{f.value}" for k, f in PAIRS])
def test_every_pair_resolves_or_is_refused(kind: Kind, fmt: Format) -> None:
    if fmt in APPLIES[kind]:
        module = RENDERERS[kind][fmt].split(":")[0]
        assert module == f"coself.render.{fmt.value}"  # one module per format
        function = renderer(kind, fmt)
        assert callable(function)
        assert function in vars(sys.modules[module]).values()
    else:
        with pytest.raises(ValueError, match=f"there is no {fmt.value} {kind.value} report"):
            renderer(kind, fmt)


def test_only_the_terminal_module_imports_rich() -> None:
    folder = Path(__file__).parents[2] / "coself" / "render"
    importing = sorted(
        path.name
        for path in folder.glob("*.py")
        if any(
            line.startswith(("import rich", "from rich"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    )
    assert importing == ["terminal.py"]


ANSWERS = (
    "format: 1\nbank: mini\norganisation: Acme\nperspective: {p}\nanswers:\n  c-one: {level}\n"
)
PROBE = """
import sys
sys.argv = ["coself", *sys.argv[1:]]
from coself.cli import main
try:
    main()
except SystemExit as done:
    assert done.code in (0, None), done.code
loaded = sorted(m for m in sys.modules if m == "rich" or m.startswith("rich."))
assert not loaded, loaded
"""


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{a}"],  # single
        ["report", "{a}", "{b}"],  # combined
        ["compare", "{a}", "{b}"],  # comparison
    ],
    ids=["single", "combined", "comparison"],
)
@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_file_formats_import_no_rich(tmp_path: Path, command: list[str], fmt: str) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(ANSWERS.format(p="staff", level=1), encoding="utf-8")
    b.write_text(ANSWERS.format(p="carer", level=3), encoding="utf-8")
    args = [part.format(a=a, b=b) for part in command]
    args += ["--format", fmt, "--banks-dir", str(MINI_DIR)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the report was printed"


def test_the_probe_can_fail(tmp_path: Path) -> None:
    """The same probe sees Rich when the terminal format is asked for."""
    a = tmp_path / "a.yaml"
    a.write_text(ANSWERS.format(p="staff", level=1), encoding="utf-8")
    args = ["report", str(a), "--banks-dir", str(MINI_DIR), "--plain"]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "'rich'" in done.stderr

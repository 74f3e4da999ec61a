"""`coself export paper`: a bank's printable questionnaire, written whole or not at all."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coself.app import Context
    from coself.render.paper import PaperOptions


def export_paper(bank_id: str, output: str | None, options: PaperOptions, ctx: Context) -> None:
    """Write the bank's paper questionnaire (HTML) to standard output or a file, never over a
    file coself reads (a bank or the framework)."""
    from coself.app import writing
    from coself.io.banks import extra_dirs, shipped_dir
    from coself.io.storage import check_outputs, write_atomic
    from coself.render.paper import form_reference, render_paper

    bank = ctx.library().get(bank_id)
    check_outputs([shipped_dir(), *extra_dirs(ctx.banks_dirs)], [output])
    text = render_paper(bank, options)
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    with writing(output):
        write_atomic(Path(output), text)
    ctx.err(f"Paper form {form_reference(bank)} saved in {output}")

"""coself: self-assess co-production in social care against SCIE Guide 51.

A small library face: `load_library`, `load_answers`, `score`, `combine` and `render` (the
renderers' package) are loaded on first use, so that `import coself` (and `coself --version`)
stays fast. See the README, "Using coself from Python".
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from coself import render
    from coself.core.combine import combine
    from coself.core.scoring import score
    from coself.io.banks import load_library
    from coself.io.storage import load_answers

# Each public name, and the module that holds it.
_HOMES = {
    "load_library": "coself.io.banks",
    "load_answers": "coself.io.storage",
    "score": "coself.core.scoring",
    "combine": "coself.core.combine",
}

__all__ = ["__version__", "combine", "load_answers", "load_library", "render", "score"]


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    if name == "render":  # the package itself: whatever renderers it offers
        return importlib.import_module("coself.render")
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value  # later uses skip this function
        return value
    raise AttributeError(f"module 'coself' has no attribute {name!r}")

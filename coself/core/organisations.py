"""Which assessments come from one organisation: names compared as a person reads them."""

from __future__ import annotations

import re
import unicodedata

# Characters that show nothing: format and control characters (zero-width spaces, joiners,
# bidi marks) and the other default-ignorable ones (fillers, variation selectors). Two names
# that differ only by these look the same to a person, so they name one organisation.
_INVISIBLE_CATEGORIES = {"Cc", "Cf"}
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def same_organisation(name: str) -> str:
    """The key that groups answer files by organisation: case, spacing, compatibility forms and
    invisible characters (zero-width spaces, bidi marks, controls) do not matter."""
    folded = _IGNORABLE.sub("", unicodedata.normalize("NFKC", name).casefold())
    shown = "".join(c for c in folded if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    return " ".join(shown.split())

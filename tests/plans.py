"""A plan made in code from a combined view, shared by the plan tests of every layer."""

from __future__ import annotations

from conftest import make_answers

from coself.core.combine import Combiner, respondent
from coself.core.model import Perspective
from coself.core.plan import Plan, PriorityCount, plan_from_combined
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import score
from coself.io.banks import Library

STAFF = {"c-one": 3, "c-two": 4, "r-one": 2, "flag-late": "yes"}
PERSON = {"v-c1": 1, "v-c2": 0, "v-r1": 1, "v-flag": "yes"}
CARER = {"v-c1": 0, "v-flag": "yes"}  # one carer: below the minimum group


def combined_plan(library: Library, min_group: int = DEFAULT_MIN_GROUP) -> Plan:
    """Five staff (mini bank), five people who draw on care and one carer (minivoices)."""
    mini, voices = library.get("mini"), library.get("minivoices")
    people = [(mini, Perspective.STAFF, STAFF)] * 5 + [(voices, Perspective.PERSON, PERSON)] * 5
    people.append((voices, Perspective.CARER, CARER))
    combiner, priorities = Combiner(), PriorityCount()
    for bank, perspective, values in people:
        result = score(bank, make_answers(bank, values, perspective=perspective))
        combiner.add(respondent(result))
        priorities.add(result)
    return plan_from_combined(combiner.result(min_group), priorities, "2026-11-26")

"""The filter language's shared cases (tests/filter_cases.json) through the Python side.

The same cases run through the table script in Chromium (tests/browser/test_filter_cases.py),
so the two implementations of the language cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_awesome.entries import Entry, load_text
from sphinx_awesome.filters import FIELDS, FilterError, compile_filter
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

CASES_FILE = Path(__file__).parent / "filter_cases.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))
VENUES = VenueList(BUILTIN_VENUES)


def load_entries() -> list[Entry]:
    # The entries are JSON, which is YAML: the entry-file loader reads them as written.
    result = load_text(
        json.dumps(CASES["entries"], ensure_ascii=False), str(CASES_FILE), venues=VENUES
    )
    assert not result.problems, result.problems
    return result.entries


ENTRIES = load_entries()


def case_params() -> list[object]:
    return [pytest.param(case, id=repr(case["filter"])) for case in CASES["cases"]]


def test_the_cases_cover_the_language() -> None:
    filters = [case["filter"] for case in CASES["cases"]]
    assert len(filters) >= 60
    assert len(set(filters)) == len(filters), "a case is listed twice"
    for name in FIELDS:
        assert any(f"{name}:" in f for f in filters), f"no case uses the field {name!r}"
        assert any(f.startswith(f"-{name}:") for f in filters), f"no case negates {name!r}"
    assert sum(1 for case in CASES["cases"] if case.get("error")) >= 15
    ids = {entry.id for entry in ENTRIES}
    for case in CASES["cases"]:
        assert set(case.get("ids", ())) <= ids, case


@pytest.mark.parametrize("case", case_params())
def test_case(case: dict) -> None:
    if case.get("error"):
        with pytest.raises(FilterError):
            compile_filter(case["filter"], VENUES)
        return
    matched = [entry.id for entry in compile_filter(case["filter"], VENUES).select(ENTRIES)]
    assert matched == case["ids"]

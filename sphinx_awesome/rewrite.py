"""Which pages a build writes again although their sources did not change: those whose
tables or references show an entry that changed, or whose rows are not the same."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .query import TableSpec
    from .rows import Canonical, Results
    from .state import BuildState


def pages_to_rewrite(
    tables: Mapping[str, list[TableSpec]],
    refs: Mapping[str, Set[str]],
    old: BuildState,
    results: Results,
    canonical: Canonical,
    changed_entries: Set[str],
) -> set[str]:
    """Pages whose tables show different rows than last time, or whose tables or
    references show an entry that changed (its data or its canonical row)."""
    changed = set(changed_entries)
    changed.update(
        entry_id
        for entry_id in old.canonical.keys() | canonical.keys()
        if old.canonical.get(entry_id) != canonical.get(entry_id)
    )
    pages: set[str] = set()
    for docname, specs in tables.items():
        for spec in specs:
            ids = results.get(spec.key, ())
            if old.results.get(spec.key) != ids or not changed.isdisjoint(ids):
                pages.add(docname)
                break
    for docname, referenced in refs.items():
        if not changed.isdisjoint(referenced):
            pages.add(docname)
    return pages

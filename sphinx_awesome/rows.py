"""Which rows every table shows, and each entry's canonical row.

The canonical row of an entry is its row in the first indexed table that shows it, by
document name, then position in the document: the same in serial, parallel and incremental
builds, since it is computed in the main process from the same inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .fields import BROWSED
from .query import Universe, select
from .sources import key

if TYPE_CHECKING:
    from .entries import Entry
    from .query import TableSpec
    from .sources import Source
    from .store import EntryStore

Results = dict[str, tuple[str, ...]]  # table key -> entry ids (``name:id``: a source's)
Canonical = dict[str, tuple[str, str]]  # entry id -> (docname, table key)


def choose_rows(
    store: EntryStore,
    default_patterns: Sequence[str],
    specs: Sequence[TableSpec],
    sources: Mapping[str, Source] | None = None,
) -> tuple[Results, Canonical]:
    """Every table's rows (*specs* in document order), and each entry's canonical row (a
    source's rows are the other site's: never canonical here)."""
    universes: dict[tuple[str | None, tuple[str, ...] | None], Universe] = {}
    shared: dict[tuple[object, ...], tuple[str, ...]] = {}  # same question, same answer
    results: Results = {}
    for spec in specs:
        query = spec.query_key()
        if query not in shared:
            universe = universes.get((spec.source, spec.patterns))
            if universe is None:
                universe = Universe(_entries(store, default_patterns, spec, sources or {}))
                universes[spec.source, spec.patterns] = universe
            rows = select(spec, universe)
            if spec.source is None:
                shared[query] = tuple(e.id for e in rows)
            else:
                shared[query] = tuple(key(spec.source, e.id) for e in rows)
        results[spec.key] = shared[query]
    canonical: Canonical = {}
    for spec in specs:
        if not spec.no_index and spec.source is None:
            for entry_id in results[spec.key]:
                canonical.setdefault(entry_id, (spec.docname, spec.key))
    return results, canonical


def _entries(
    store: EntryStore,
    default_patterns: Sequence[str],
    spec: TableSpec,
    sources: Mapping[str, Source],
) -> Sequence[Entry]:
    """What a table chooses from: a source's entries, or the entries of its files."""
    if spec.source is not None:
        source = sources.get(spec.source)
        return source.entries if source is not None else []
    patterns = default_patterns if spec.patterns is None else spec.patterns
    return store.entries_in(store.files_for(patterns))


def browse_keys(store: EntryStore, canonical: Canonical) -> dict[str, set[str]]:
    """The values (tags, venues, years) that have a group on the browsing pages: those of
    entries with a canonical row, so badges link only to groups that exist."""
    keys: dict[str, set[str]] = {spec.filter.name: set() for spec in BROWSED if spec.filter}
    for entry_id in canonical:
        entry = store.by_id[entry_id]
        for spec in BROWSED:
            if spec.filter:
                keys[spec.filter.name].update(spec.strings(entry))
    return keys

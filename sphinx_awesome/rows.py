"""Which rows every table shows, and each entry's canonical row.

The canonical row of an entry is its row in the first indexed table that shows it, by
document name, then position in the document: the same in serial, parallel and incremental
builds, since it is computed in the main process from the same inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .fields import BROWSED
from .query import Universe, select

if TYPE_CHECKING:
    from .query import Selection, TableSpec
    from .store import EntryStore

Results = dict[str, tuple[str, ...]]  # table key -> entry ids, in row order
Canonical = dict[str, tuple[str, str]]  # entry id -> (docname, table key)


class Selector:
    """Chooses the entries of tables and charts, sharing the work: one :class:`Universe`
    per set of entry files, one answer per distinct question."""

    def __init__(self, store: EntryStore, default_patterns: Sequence[str]) -> None:
        self.store = store
        self.default_patterns = default_patterns
        self._universes: dict[tuple[str, ...] | None, Universe] = {}
        self._answers: dict[tuple[object, ...], tuple[str, ...]] = {}

    def ids(self, spec: Selection) -> tuple[str, ...]:
        """The ids of the entries *spec* shows, in its order."""
        query = spec.query_key()
        answer = self._answers.get(query)
        if answer is None:
            universe = self._universes.get(spec.patterns)
            if universe is None:
                patterns = self.default_patterns if spec.patterns is None else spec.patterns
                universe = Universe(self.store.entries_in(self.store.files_for(patterns)))
                self._universes[spec.patterns] = universe
            answer = self._answers[query] = tuple(e.id for e in select(spec, universe))
        return answer


def choose_rows(
    store: EntryStore,
    default_patterns: Sequence[str],
    specs: Sequence[TableSpec],
    selector: Selector | None = None,
) -> tuple[Results, Canonical]:
    """Every table's rows (*specs* in document order), and each entry's canonical row."""
    selector = selector or Selector(store, default_patterns)
    results: Results = {spec.key: selector.ids(spec) for spec in specs}
    canonical: Canonical = {}
    for spec in specs:
        if not spec.no_index:
            for entry_id in results[spec.key]:
                canonical.setdefault(entry_id, (spec.docname, spec.key))
    return results, canonical


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

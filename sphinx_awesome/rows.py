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
    from .query import Selection, TableSpec
    from .sources import Source
    from .store import EntryStore

Results = dict[str, tuple[str, ...]]  # table key -> entry ids (``name:id``: a source's)
Canonical = dict[str, tuple[str, str]]  # entry id -> (docname, table key)


class Selector:
    """Chooses the entries of tables and charts, sharing the work: one :class:`Universe`
    per set of entries (a source, or a set of entry files), one answer per distinct
    question."""

    def __init__(
        self,
        store: EntryStore,
        default_patterns: Sequence[str],
        sources: Mapping[str, Source] | None = None,
    ) -> None:
        self.store = store
        self.default_patterns = default_patterns
        self.sources = sources or {}
        self._universes: dict[tuple[str | None, tuple[str, ...] | None], Universe] = {}
        self._answers: dict[tuple[object, ...], tuple[str, ...]] = {}

    def ids(self, spec: Selection) -> tuple[str, ...]:
        """The ids of the entries *spec* shows, in its order (``name:id`` for a source's)."""
        query = spec.query_key()
        answer = self._answers.get(query)
        if answer is None:
            where = (spec.source, spec.patterns)
            universe = self._universes.get(where)
            if universe is None:
                universe = self._universes[where] = Universe(self._entries(spec))
            rows = select(spec, universe)
            if spec.source is None:
                answer = tuple(e.id for e in rows)
            else:
                answer = tuple(key(spec.source, e.id) for e in rows)
            self._answers[query] = answer
        return answer

    def _entries(self, spec: Selection) -> Sequence[Entry]:
        """What *spec* chooses from: a source's entries, or the entries of its files."""
        if spec.source is not None:
            source = self.sources.get(spec.source)
            return source.entries if source is not None else []
        patterns = self.default_patterns if spec.patterns is None else spec.patterns
        return self.store.entries_in(self.store.files_for(patterns))


def choose_rows(specs: Sequence[TableSpec], selector: Selector) -> tuple[Results, Canonical]:
    """Every table's rows (*specs* in document order), and each entry's canonical row (a
    source's rows are the other site's: never canonical here)."""
    results: Results = {spec.key: selector.ids(spec) for spec in specs}
    canonical: Canonical = {}
    for spec in specs:
        if not spec.no_index and spec.source is None:
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

"""What a ``paper-table`` asks for (:class:`TableSpec`) and how its rows are chosen."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .config import KINDS_ORDER, Category
from .entries import Entry
from .fields import FILTERS
from .filters import Filter, Term
from .sorting import sort_entries


class Selection(Protocol):
    """What chooses entries: a table (:class:`TableSpec`) or a chart
    (:class:`~sphinx_awesome.charts.ChartSpec`)."""

    @property
    def source(self) -> str | None: ...  # an ``awesome_sources`` name; None: this project's
    @property
    def patterns(self) -> tuple[str, ...] | None: ...  # source-relative globs; None: the default
    @property
    def filter(self) -> Filter | None: ...
    @property
    def sort(self) -> tuple[tuple[str, bool], ...]: ...
    @property
    def limit(self) -> int | None: ...  # entries
    def query_key(self) -> tuple[object, ...]: ...


@dataclass
class TableSpec:
    """One ``paper-table`` as written: where it is, what it selects and how it looks."""

    docname: str
    serial: int
    line: int
    patterns: tuple[str, ...] | None  # source-relative globs; None means awesome_entries
    filter: Filter | None = None
    sort: tuple[tuple[str, bool], ...] = ()
    limit: int | None = None
    no_index: bool = False
    columns: tuple[str, ...] | None = None
    group_by: str | None = None
    style: str | None = None
    classes: tuple[str, ...] = ()
    filter_box: bool = False
    #: the ``awesome_sources`` name whose published entries the table shows (None: local)
    source: str | None = None

    @property
    def key(self) -> str:
        return f"{self.docname}#{self.serial}"

    def query_key(self) -> tuple[object, ...]:
        """Tables with equal query keys show the same rows (their work is shared)."""
        return (self.source, self.patterns, self.filter, self.sort, self.limit)


class Universe:
    """The entries a set of tables chooses from, with lazily built per-field indexes so a
    filter with an indexable term looks only at its candidates instead of every entry."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._indexes: dict[tuple[type[Term], str], dict[Hashable, list[int]]] = {}

    def _index(self, term: Term) -> dict[Hashable, list[int]]:
        """Positions of the entries by the keys the term's kind of index files them under
        (one index per field and kind of term, shared by all such terms)."""
        index = self._indexes.get((type(term), term.field_name))
        if index is None:
            index = {}
            for position, entry in enumerate(self.entries):
                for key in term.index_keys(entry):
                    index.setdefault(key, []).append(position)
            self._indexes[type(term), term.field_name] = index
        return index

    def candidates(self, term: Term) -> set[int] | None:
        """Positions of the entries that may match a (non-negated) term; None: no index."""
        if not term.indexed:
            return None
        index = self._index(term)
        return {p for key in term.wanted(index) for p in index.get(key, ())}

    def select(self, filter: Filter | None) -> list[Entry]:
        if filter is None or filter.matches_all:
            return list(self.entries)
        best: set[int] | None = None
        for term in filter.terms:
            if not term.negated:
                found = self.candidates(term)
                if found is not None and (best is None or len(found) < len(best)):
                    best = found
        if best is None:
            return filter.select(self.entries)
        entries = self.entries
        return [entries[p] for p in sorted(best) if filter(entries[p])]


def select(spec: Selection, universe: Universe) -> list[Entry]:
    """The entries a table shows, in order: filter, then sort, then limit."""
    rows = universe.select(spec.filter)
    if spec.sort:
        rows = sort_entries(rows, spec.sort)
    if spec.limit is not None:
        rows = rows[: spec.limit]
    return rows


@dataclass
class Group:
    key: str
    title: str
    entries: list[Entry] = field(default_factory=list)


def group_keys(entry: Entry, group_by: str) -> list[str]:
    """The groups an entry's row goes in: one per value of the field (``""``: none)."""
    return list(FILTERS[group_by].strings(entry)) or [""]


def group(rows: Sequence[Entry], group_by: str, categories: dict[str, Category]) -> list[Group]:
    """Split rows into groups, in order of each group's first row (categories: tree order).

    An entry in several categories appears in each of their groups; rows without a value go
    to a last group titled "Other".
    """
    groups: dict[str, Group] = {}
    for entry in rows:
        for key in group_keys(entry, group_by):
            if key not in groups:
                if group_by == "category" and key:
                    title = categories[key].title if key in categories else key
                else:
                    title = key
                groups[key] = Group(key, title or "Other")
            groups[key].entries.append(entry)
    ordered = [g for k, g in groups.items() if k]
    if group_by == "category" and categories:
        rank = {path: i for i, path in enumerate(categories)}
        ordered.sort(key=lambda g: rank.get(g.key, len(rank)))
    elif group_by == "kind":
        ordered.sort(key=lambda g: KINDS_ORDER.get(g.key, len(KINDS_ORDER)))
    if "" in groups:
        ordered.append(groups[""])
    return ordered

"""What a ``paper-table`` asks for (:class:`TableSpec`) and how its rows are chosen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .config import KINDS_ORDER, Category
from .entries import Entry
from .filters import Filter
from .sorting import sort_entries


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
    empty: str | None = None
    filter_box: bool = False

    @property
    def key(self) -> str:
        return f"{self.docname}#{self.serial}"

    def query_key(self) -> tuple[object, ...]:
        """Tables with equal query keys show the same rows (their work is shared)."""
        return (self.patterns, self.filter, self.sort, self.limit)


def select(spec: TableSpec, universe: Sequence[Entry]) -> list[Entry]:
    """The entries a table shows, in order: filter, then sort, then limit."""
    rows = spec.filter.select(universe) if spec.filter is not None else list(universe)
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
    if group_by == "year":
        return [str(entry.year)] if entry.year is not None else [""]
    if group_by == "venue":
        return [entry.venue or ""]
    if group_by == "kind":
        return [entry.kind]
    return list(entry.categories) or [""]


def group(
    rows: Sequence[Entry], group_by: str, categories: dict[str, Category]
) -> list[Group]:
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

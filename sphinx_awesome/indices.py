"""Browsing indices: every entry by tag, by venue and by year.

Sphinx writes each as a page (``awesome-tagindex.html`` ...) that other pages reach with
``:ref:`awesome-tagindex```; each group has the anchor ``cap-<key>``, which the badges and
chips in table rows link to.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.domains import Index, IndexEntry

if TYPE_CHECKING:
    from .entries import Entry


def group_anchor(key: str) -> str:
    """The fragment (without ``#``) of a group on an index page."""
    return "cap-" + key


class _EntryIndex(Index):
    """Groups canonical entries by one key; subclasses say which."""

    def keys(self, entry: Entry) -> Iterable[str]:
        raise NotImplementedError

    def group_order(self, key: str) -> tuple[object, ...]:
        return (key.casefold(), key)

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        data = self.domain.data
        by_id = data["store"].by_id
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[tuple[Entry, str]]] = {}
        for entry_id, (docname, _key) in data["state"].canonical.items():
            entry = by_id.get(entry_id)
            if entry is None or (wanted is not None and docname not in wanted):
                continue
            for key in self.keys(entry):
                groups.setdefault(key, []).append((entry, docname))
        content = []
        for key in sorted(groups, key=self.group_order):
            rows = sorted(groups[key], key=lambda r: (-(r[0].year or 0), r[0].title.casefold()))
            items = [
                IndexEntry(
                    entry.title, 0, docname, f"paper-{entry.id}",
                    " ".join(str(v) for v in (entry.venue, entry.year) if v), "", entry.kind,
                )  # fmt: skip
                for entry, docname in rows
            ]
            # The template prints the group key unescaped (as an id and a heading).
            content.append((html.escape(key), items))
        return content, False


class TagIndex(_EntryIndex):
    name = "tagindex"
    localname = "Entries by tag"
    shortname = "tags"

    def keys(self, entry: Entry) -> Iterable[str]:
        return entry.tags


class VenueIndex(_EntryIndex):
    name = "venueindex"
    localname = "Entries by venue"
    shortname = "venues"

    def keys(self, entry: Entry) -> Iterable[str]:
        return [entry.venue] if entry.venue else []


class YearIndex(_EntryIndex):
    name = "yearindex"
    localname = "Entries by year"
    shortname = "years"

    def keys(self, entry: Entry) -> Iterable[str]:
        return [str(entry.year)] if entry.year else []

    def group_order(self, key: str) -> tuple[object, ...]:
        return (-int(key),)

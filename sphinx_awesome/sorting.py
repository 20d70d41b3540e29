"""Sort specifications of ``paper-table``'s ``:sort:`` option, such as ``-year, title``.

A specification is a list of keys separated by commas and/or spaces; a leading ``-`` sorts
by that key in descending order and a leading ``+`` (the default) in ascending order. Entries
are sorted by the first key, ties by the second, and so on; remaining ties keep their input
order. An entry without a value for a key (no year, no venue, ...) sorts after every entry
with one, in either direction. No keys at all means the input order.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .entries import Entry

__all__ = ["SORT_KEYS", "SortError", "parse_sort", "sort_entries"]

#: The keys a sort specification may use.
SORT_KEYS: tuple[str, ...] = ("title", "year", "date", "venue", "id", "kind", "added", "author")

#: A parsed specification: ``(key, descending)`` pairs, most significant first.
SortSpec = tuple[tuple[str, bool], ...]

_SEPARATORS = ","


class SortError(ValueError):
    """A sort specification that cannot be parsed.

    ``message`` says what is wrong; ``column`` is the 1-based offset in the text where it is.
    """

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message, column)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return f"{self.message} (column {self.column})"


def _is_separator(char: str) -> bool:
    return char.isspace() or char in _SEPARATORS


def parse_sort(text: str) -> SortSpec:
    """The ``(key, descending)`` pairs of a sort specification such as ``-year, title``.

    Keys are case-insensitive. Raises :class:`SortError` for an unknown key (with a
    suggestion), a key given twice, or a sign without a key; nothing else.
    """
    spec: list[tuple[str, bool]] = []
    seen: set[str] = set()
    pos = 0
    while pos < len(text):
        if _is_separator(text[pos]):
            pos += 1
            continue
        start = pos
        descending = text[pos] == "-"
        if text[pos] in "+-":
            pos += 1
        key_start = pos
        while pos < len(text) and not _is_separator(text[pos]):
            pos += 1
        word = text[key_start:pos]
        if not word:
            raise SortError(f"{text[start]!r} must be followed by a sort key", start + 1)
        key = word.lower()
        if key not in SORT_KEYS:
            match = difflib.get_close_matches(key, SORT_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean {match[0]!r}?" if match else ""
            raise SortError(
                f"unknown sort key {word!r}{hint} (keys: {', '.join(SORT_KEYS)})", key_start + 1
            )
        if key in seen:
            raise SortError(f"sort key {key!r} is given twice", key_start + 1)
        seen.add(key)
        spec.append((key, descending))
    return tuple(spec)


def _title_key(entry: Entry) -> str:
    """The case-folded title without leading punctuation (``"Ray"`` and ``ray`` tie)."""
    title = entry.title.casefold()
    for index, char in enumerate(title):
        if char.isalnum():
            return title[index:]
    return title


def _year_key(entry: Entry) -> int | None:
    return entry.year


def _date_key(entry: Entry) -> str | None:
    """The date, else the year (so dated posts and undated papers interleave by year)."""
    if entry.date:
        return entry.date
    return f"{entry.year:04d}" if entry.year is not None else None


def _venue_key(entry: Entry) -> str | None:
    return entry.venue.casefold() if entry.venue else None


def _id_key(entry: Entry) -> str:
    return entry.id


def _kind_key(entry: Entry) -> str:
    return entry.kind


def _added_key(entry: Entry) -> str | None:
    return entry.added or None


def _author_key(entry: Entry) -> str | None:
    """The first author's name as written, case-folded."""
    return entry.authors[0].casefold() if entry.authors else None


#: Sort key -> function giving an entry's value for it (``None`` when it has none).
KEY_FUNCTIONS: dict[str, Callable[[Entry], Any]] = {
    "title": _title_key,
    "year": _year_key,
    "date": _date_key,
    "venue": _venue_key,
    "id": _id_key,
    "kind": _kind_key,
    "added": _added_key,
    "author": _author_key,
}


def sort_entries(entries: Iterable[Entry], keys: Sequence[tuple[str, bool]] | str) -> list[Entry]:
    """*entries* sorted by *keys* (pairs from :func:`parse_sort`, or a specification to parse).

    The sort is stable; entries without a value for a key come after those with one whether
    the key is ascending or descending. With no keys the input order is kept.
    """
    spec = parse_sort(keys) if isinstance(keys, str) else tuple(keys)
    result = list(entries)
    # One stable pass per key, least significant first, gives the lexicographic order.
    for key, descending in reversed(spec):
        function = KEY_FUNCTIONS[key]
        present: list[tuple[Any, Entry]] = []
        missing: list[Entry] = []
        for entry in result:
            value = function(entry)
            if value is None:
                missing.append(entry)
            else:
                present.append((value, entry))
        present.sort(key=_first, reverse=descending)
        result = [entry for _, entry in present]
        result.extend(missing)
    return result


def _first(pair: tuple[Any, Entry]) -> Any:
    return pair[0]

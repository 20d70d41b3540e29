"""Sort specifications of ``paper-table``'s ``:sort:`` option, such as ``-year, title``.

A specification is a list of keys separated by commas and/or spaces; a leading ``-`` sorts
by that key in descending order and a leading ``+`` (the default) in ascending order. Entries
are sorted by the first key, ties by the second, and so on; remaining ties keep their input
order. An entry without a value for a key (no year, no venue, ...) sorts after every entry
with one, in either direction. No keys at all means the input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .entries import Entry
from .fields import SORT_KEYS as KEY_FUNCTIONS
from .problems import TextError, did_you_mean

__all__ = ["SORT_KEYS", "SortError", "parse_sort", "sort_entries"]

#: The keys a sort specification may use (from the fields' ``sort``).
SORT_KEYS: tuple[str, ...] = tuple(KEY_FUNCTIONS)

#: A parsed specification: ``(key, descending)`` pairs, most significant first.
SortSpec = tuple[tuple[str, bool], ...]

_SEPARATORS = ","

#: A sort specification that cannot be parsed: ``message`` and the 1-based ``column``.
SortError = TextError


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
            hint = did_you_mean(key, SORT_KEYS)
            message = f"unknown sort key {word!r}{hint} (keys: {', '.join(SORT_KEYS)})"
            raise SortError(message, key_start + 1)
        if key in seen:
            raise SortError(f"sort key {key!r} is given twice", key_start + 1)
        seen.add(key)
        spec.append((key, descending))
    return tuple(spec)


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

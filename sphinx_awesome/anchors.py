"""The HTML ids (and URL fragments) the extension gives rows, titles and browsing groups.

Entry ids are slugs (``[a-z0-9][a-z0-9._-]*``), so a row's ``paper-<id>`` is never the
``paper-<other id>`` of another row. The title cell's id adds ``:title``: a colon can be
neither in an entry id nor in an id docutils makes from a heading, so no entry's title id is
another entry's row id (``alpa`` and ``alpa-title`` once shared one) or a section's id.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

ROW_PREFIX = "paper-"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def row_id(entry_id: str) -> str:
    """The id of an entry's canonical row, also its standard label (``:ref:``)."""
    return ROW_PREFIX + entry_id


def title_id(entry_id: str) -> str:
    """The id of the title cell of an entry's canonical row (where search results land)."""
    return f"{ROW_PREFIX}{entry_id}:title"


def _encode(match: re.Match[str]) -> str:
    char = match.group(0)
    return "_" if char == " " else f"~{ord(char):x}~"


@lru_cache(maxsize=4096)
def group_id(key: str) -> str:
    """The id of a group (a tag, venue or year) on a browsing page: ``cap-`` and the key,
    with a space as ``_`` and any other character outside ``A-Za-z0-9.-`` as ``~hex~``, so
    every key has its own valid id (no spaces, no quotes)."""
    return "cap-" + _UNSAFE.sub(_encode, key)


@lru_cache(maxsize=4096)
def group_fragment(key: str) -> str:
    """The URL fragment (without ``#``) that points at a group."""
    return quote(group_id(key), safe="~")

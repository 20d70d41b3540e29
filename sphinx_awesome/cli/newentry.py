"""Entry data made from another source (a BibTeX record, a metadata service): readable ids,
contract field order, and validation by the project's own loader.

Entry data are plain dicts in the entry-file format; :func:`validate` writes them with
:func:`~sphinx_awesome.cli.writer.entry_yaml` and loads the text back with
:func:`~sphinx_awesome.entries.load_text`, so what is written is exactly what the loader
accepts.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..entries import FIELDS, ID_RE, Entry, load_text, short_title
from ..normalize import ascii_slug
from ..problems import Problem
from ..venues import VenueList
from .writer import entry_yaml

ID_WORDS = 6
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "in",
        "on",
        "to",
        "with",
        "via",
        "by",
        "from",
        "at",
        "is",
    }
)


def id_base(title: str) -> str:
    """The slug of a title's short form (before the colon), at most six words."""
    words = [w for w in ascii_slug(short_title(title)).split("-") if w]
    if len(words) > ID_WORDS:
        words = words[:ID_WORDS]
        while len(words) > 1 and words[-1] in _STOPWORDS:
            words.pop()
    slug = "-".join(words)
    return slug if ID_RE.match(slug) else ""


def new_id(title: str, year: int | None, taken: Collection[str], *, fallback: str = "entry") -> str:
    """A readable id not in *taken*: ``alpa``, else ``alpa-2022``, else ``alpa-2``, ..."""
    base = id_base(title) or fallback
    if base not in taken:
        return base
    if year and f"{base}-{year}" not in taken:
        return f"{base}-{year}"
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


def key_id(key: str) -> str | None:
    """A BibTeX key as an id when it is a usable slug (``zheng2022alpa``), else ``None``."""
    lowered = key.strip().lower()
    return lowered if ID_RE.match(lowered) else None


def ordered(data: Mapping[str, Any]) -> dict[str, Any]:
    """*data* in contract field order without empty values (unknown fields kept last)."""
    out = {name: data[name] for name in FIELDS if name in data}
    out.update({name: value for name, value in data.items() if name not in out})
    return {name: value for name, value in out.items() if value not in (None, "", [], {}, ())}


def validate(
    data: Mapping[str, Any], entry_id: str, path: str, *, venues: VenueList | None = None
) -> tuple[Entry | None, list[Problem]]:
    """The entry the loader reads from the file :func:`entry_yaml` writes for *data*, and
    the loader's problems (*path* names the file in them)."""
    result = load_text(entry_yaml(data), path, default_id=entry_id, venues=venues)
    entry = result.entries[0] if len(result.entries) == 1 else None
    return entry, result.problems

"""Entry data made from another source (a BibTeX record, a metadata service): readable ids,
contract field order, and validation by the project's own loader.

Entry data are plain dicts in the entry-file format; :func:`validate` writes them with
:func:`~sphinx_awesome.cli.writer.entry_yaml` and loads the text back with
:func:`~sphinx_awesome.entries.load_text`, so what is written is exactly what the loader
accepts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from ..entries import FIELDS, ID_RE, Entry, load_text, short_title
from ..normalize import STOPWORDS, ascii_slug, has_cjk
from ..problems import Problem
from ..venues import VenueList
from .writer import entry_yaml

#: Words of a title an id keeps, and its longest length before a word is cut.
ID_WORDS = 6
ID_CHARS = 64
#: Longest id written as a file name (``<id>.yaml`` within common 255-byte name limits).
MAX_ID_BYTES = 200
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *[f"com{n}" for n in range(10)], *[f"lpt{n}" for n in range(10)]]
)


def file_name_problem(entry_id: str) -> str | None:
    """Why *entry_id* cannot be a file name on common systems, or ``None``."""
    if len(entry_id.encode("utf-8")) > MAX_ID_BYTES:
        return f"is longer than {MAX_ID_BYTES} bytes"
    if entry_id.split(".")[0] in _RESERVED:
        return "is a reserved device name on Windows"
    if entry_id.endswith("."):
        return "ends with a dot"
    return None


def id_base(title: str, links: Mapping[str, str] | None = None) -> str:
    """A readable id: the slug of the short title (before ':'), at most six words; for
    titles in CJK scripts a slug from the first link's host and last path segment."""
    if has_cjk(title):
        for url in (links or {}).values():
            slug = _url_slug(url)
            if slug:
                return slug
        return ""
    short = short_title(title)
    words = ascii_slug(short[:2000]).split("-")
    if len(words) > ID_WORDS and "," in short[:48]:
        words = ascii_slug(short.split(",", 1)[0]).split("-")
    words = [w for w in words if w]
    if len(words) > ID_WORDS:
        words = words[:ID_WORDS]
        while len(words) > 1 and words[-1] in STOPWORDS:
            words.pop()
    slug = "-".join(words)
    if len(slug) > ID_CHARS:
        slug = slug[:ID_CHARS].rsplit("-", 1)[0] if "-" in slug[:ID_CHARS] else slug[:ID_CHARS]
    slug = slug.strip("-._")
    return slug if ID_RE.match(slug) else ""


def _url_slug(url: str) -> str:
    match = re.match(r"https?://([^/?#]+)(/[^?#]*)?", url)
    if not match:
        return ""
    host = match.group(1).lower().split(":")[0]
    labels = [
        p
        for p in host.split(".")
        if p not in ("www", "com", "org", "net", "io", "cn", "ai", "co", "zhuanlan", "blog")
    ]
    name = labels[-1] if labels else ""
    segments = [s for s in (match.group(2) or "").split("/") if s]
    last = re.sub(r"\.(pdf|html?|php)$", "", segments[-1]) if segments else ""
    slug = ascii_slug(f"{name}-{last}" if last else name)[:ID_CHARS].strip("-._")
    return slug if ID_RE.match(slug) else ""


def new_id(
    title: str,
    year: int | None,
    taken: Collection[str],
    *,
    links: Mapping[str, str] | None = None,
    fallback: str = "entry",
) -> str:
    """A readable id not in *taken*: ``alpa``, else ``alpa-2022``, else ``alpa-2``, ..."""
    base = id_base(title, links) or fallback
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
) -> tuple[str, Entry | None, list[Problem]]:
    """The file :func:`entry_yaml` writes for *data*, the entry the loader reads from it,
    and the loader's problems (*path* names the file in them)."""
    text = entry_yaml(data)
    result = load_text(text, path, default_id=entry_id, venues=venues)
    entry = result.entries[0] if len(result.entries) == 1 else None
    return text, entry, result.problems

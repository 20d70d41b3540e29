"""Where each link of an entry is written: the line and column of its value.

An :class:`~sphinx_awesome.entries.Entry` keeps the line of its ``links`` field but not the
line of each link, and link checkers report every link at its own place. Until the entry
model keeps a line per link, the places are read again from the entry file: composed (never
constructed) with PyYAML's safe loader, once per file and modification, only for the
entries whose links are checked.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .entries import Entry, Link

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: (label, value) -> (line, column), both 1-based; (label, "") is the first link of a label
Places = dict[tuple[str, str], tuple[int, int]]


def link_position(entry: Entry, link: Link, root: Path | str | None = None) -> tuple[int, int]:
    """The 1-based line and column of *link*'s value in *entry*'s file.

    *root* is the directory ``entry.path`` is relative to (default: the current directory).
    Falls back to the line of the entry's ``links`` field when the file cannot tell.
    """
    line = getattr(link, "line", None)  # an entry model that keeps a line per link
    if isinstance(line, int) and line > 0:
        return line, getattr(link, "column", 1) or 1
    places = _entry_places(entry, root)
    found = places.get((link.label, link.value.strip())) or places.get((link.label, ""))
    return found or (entry.line_of("links"), 1)


def _entry_places(entry: Entry, root: Path | str | None) -> Places:
    file = os.path.join(root, entry.path) if root is not None else entry.path
    try:
        stat = os.stat(file)
    except OSError:
        return {}
    return _file_places(os.path.abspath(file), stat.st_mtime_ns, stat.st_size).get(entry.line, {})


@functools.lru_cache(maxsize=64)
def _file_places(file: str, mtime_ns: int, size: int) -> dict[int, Places]:
    """Entry line -> the places of its links, for one version of one file."""
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return {}
    items = root.value if isinstance(root, SequenceNode) else [root]
    return {
        item.start_mark.line + 1: _links_of(item) for item in items if isinstance(item, MappingNode)
    }


def _links_of(entry: MappingNode) -> Places:
    links: Node | None = None
    for key, value in entry.value:  # the last "links" wins, as when the entry is loaded
        if isinstance(key, ScalarNode) and key.value == "links":
            links = value
    places: Places = {}
    if not isinstance(links, MappingNode):
        return places
    for key, value in links.value:
        if isinstance(key, ScalarNode) and isinstance(value, ScalarNode):
            label = str(key.value).strip().lower()
            mark = value.start_mark
            place = (mark.line + 1, mark.column + 1)
            places.setdefault((label, str(value.value).strip()), place)
            places.setdefault((label, ""), place)  # the first link of a label
    return places

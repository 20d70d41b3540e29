"""What canonical rows put into Sphinx's other domains: a ``paper-<id>`` standard label each
(``:ref:`` and intersphinx reach rows by it), the browsing pages' labels, and a general-index
entry each. Both are kept in step with the canonical places: entries of the last
computation are taken out before the new ones go in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from sphinx.util import logging

from . import compat
from .anchors import row_id
from .browse import PAGES

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .entries import Entry
    from .state import BuildState

logger = logging.getLogger(__name__)


def register_labels(
    env: BuildEnvironment,
    state: BuildState,
    by_id: Mapping[str, Entry],
    page_ids: Mapping[str, set[str]],
    table_line: Callable[[str], int],
) -> None:
    """``paper-<id>`` labels for canonical rows; a label or id the page already uses stays
    the page's (the row warns and is reached by its title's id: ``state.clashes``)."""
    std = compat.standard_domain(env)
    for label, (docname, anchor) in state.labels.items():
        if std.anonlabels.get(label) == (docname, anchor):
            del std.anonlabels[label]
            std.labels.pop(label, None)
    state.labels = {}
    state.clashes = set()
    for page, (title, _kind) in PAGES.items():  # the browsing pages, like "genindex"
        std.labels[page] = (page, "", title)
        std.anonlabels[page] = (page, "")
    for entry_id, (docname, key) in state.canonical.items():
        label = row_id(entry_id)
        if label in std.anonlabels:
            taken = f"label {label!r} is already defined in {std.anonlabels[label][0]!r}"
        elif label in page_ids.get(docname, ()):
            taken = f"id {label!r} is already used on this page (by a section or target)"
        else:
            std.labels[label] = (docname, label, by_id[entry_id].title)
            std.anonlabels[label] = (docname, label)
            state.labels[label] = (docname, label)
            continue
        logger.warning(
            f"{taken}; the paper row does not take it",
            location=(docname, table_line(key)),
            type="awesome",
            subtype="duplicate-label",
        )
        state.clashes.add(entry_id)


def register_index_entries(
    env: BuildEnvironment, state: BuildState, by_id: Mapping[str, Entry]
) -> None:
    """A general-index entry for each canonical row."""
    index_entries = compat.index_entries(env)
    for docname, ours in state.index.items():
        if docname in index_entries:
            drop = set(ours)
            index_entries[docname] = [e for e in index_entries[docname] if e not in drop]
    state.index = {}
    for entry_id, (docname, _key) in sorted(state.canonical.items()):
        # "single" entries split at ";" into entry and sub-entry; U+037E looks the same.
        title = by_id[entry_id].title.replace(";", "\u037e")
        new: compat.IndexTuple = ("single", title, state.anchor(entry_id), "", None)
        index_entries.setdefault(docname, []).append(new)
        state.index.setdefault(docname, []).append(new)

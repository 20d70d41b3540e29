"""Writing entries out: a Markdown README, BibTeX, JSON and CSV.

:data:`EXPORTERS` maps each format the command offers to a function of the entries and an
:class:`ExportContext` (what a format may need beyond the entries: the category tree, the
venue list, the list's title and the README's options).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ...entries import Entry
from ...venues import BUILTIN_VENUES, VenueList
from .bibtex import export_bibtex
from .csv import export_csv
from .json import SCHEMA_VERSION, export_json
from .markdown import DEFAULT_MAX_AUTHORS, README_COLUMNS, STYLES, export_markdown, readme_columns

__all__ = [
    "EXPORTERS",
    "FORMATS",
    "README_COLUMNS",
    "SCHEMA_VERSION",
    "STYLES",
    "ExportContext",
    "export_bibtex",
    "export_csv",
    "export_json",
    "export_markdown",
    "readme_columns",
]


@dataclass
class ExportContext:
    """What an export knows about the list besides its entries."""

    tree: Mapping[str, Mapping[str, str]] | None = None
    venues: VenueList | None = None
    title: str | None = None
    style: str = "table"
    #: The README's columns (``None``: the default ones) and authors before "et al.".
    columns: tuple[str, ...] | None = None
    max_authors: int = DEFAULT_MAX_AUTHORS


def _markdown(entries: Sequence[Entry], context: ExportContext) -> str:
    venues = context.venues or VenueList(BUILTIN_VENUES)
    return export_markdown(
        entries,
        tree=context.tree,
        venues=venues,
        title=context.title,
        style=context.style,
        columns=context.columns,
        max_authors=context.max_authors,
    )


#: Format name -> exporter.
EXPORTERS: dict[str, Callable[[Sequence[Entry], ExportContext], str]] = {
    "markdown": _markdown,
    "bibtex": lambda entries, context: export_bibtex(entries),
    "json": lambda entries, context: export_json(entries, tree=context.tree),
    "csv": lambda entries, context: export_csv(entries),
}
FORMATS = tuple(EXPORTERS)

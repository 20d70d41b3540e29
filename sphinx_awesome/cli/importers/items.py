"""The reader of a list's items: one bullet, paragraph line or table row into entry data.

:class:`ItemReader` brings the parts together: links and tags (:mod:`.tags`), the line and
its title (:mod:`.lines`), what follows the title (:mod:`.meta`) and table rows
(:mod:`.tables`). The result of a read is a :class:`~.found.Found`: a dict in the entry-file
format and where it was read. Field-specific forms (venues, dates, affiliations, authors,
labels) are in :mod:`.decorations`.
"""

from __future__ import annotations

from ...venues import VenueList
from .found import Found, Unparsed
from .lines import subtitle_habit
from .tables import RowReader, column_roles, header_like

__all__ = [
    "Found",
    "ItemReader",
    "Unparsed",
    "column_roles",
    "header_like",
    "subtitle_habit",
    "title_as_read",
]


class ItemReader(RowReader):
    """Reads the items of one file, collecting the problems of single links."""


def title_as_read(title: str, venues: VenueList) -> str:
    """What import keeps of *title* written as a bullet's plain text: leading and trailing
    tags and a trailing venue are taken off (the markdown exporter guards against it)."""
    return ItemReader("", venues, []).strip_title_tags(title, Found({}, "", 0))

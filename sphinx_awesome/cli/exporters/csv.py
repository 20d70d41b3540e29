"""The entries as CSV that opens correctly in Excel and LibreOffice.

UTF-8 with a byte-order mark (so Excel detects the encoding and CJK titles survive), CRLF
line ends, one column per field and one ``link_<label>`` column per link label in use; lists
are joined with ``"; "``. Cells that a spreadsheet would run as a formula (``=``, ``+``,
``-``, ``@``) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ...entries import LINK_LABELS, Entry
from ...fields import FIELDS

#: One column per field (in entry-file order); links get one column per label after them.
COLUMNS = tuple(f for f in FIELDS if f.csv)
BOM = "\ufeff"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def export_csv(entries: Sequence[Entry]) -> str:
    """The CSV text, starting with a byte-order mark; entries sorted by id."""
    used = {link.label for entry in entries for link in entry.links}
    labels = [label for label in LINK_LABELS if label in used]
    extra = sorted(used - set(LINK_LABELS))
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow([*(f.name for f in COLUMNS), *(f"link_{label}" for label in [*labels, *extra])])
    for entry in sorted(entries, key=lambda e: e.id):
        links = {link.label: link.url or link.value for link in entry.links}
        row = [_cell(column.value(entry)) for column in COLUMNS]
        row += [_cell(links.get(label)) for label in [*labels, *extra]]
        writer.writerow(row)
    return BOM + buffer.getvalue()

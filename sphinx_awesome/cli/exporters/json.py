"""The entries as JSON: ``{"schema_version": 1, "entries": [...], "categories": {...}}``.

Each entry is :meth:`Entry.as_dict() <sphinx_awesome.entries.Entry.as_dict>` (the entry-file
format), sorted by id. ``schema_version`` changes only when that shape changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ...entries import Entry

SCHEMA_VERSION = 1


def export_json(
    entries: Sequence[Entry], *, tree: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "entries": [entry.as_dict() for entry in sorted(entries, key=lambda e: e.id)],
    }
    if tree:
        document["categories"] = {path: dict(info) for path, info in tree.items()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

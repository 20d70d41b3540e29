"""Writing entry files and the category tree as readable YAML.

Keys stay in contract field order, collections are in block style with indented list items,
strings are quoted only when YAML needs it, non-ASCII text (CJK titles) is kept as written
and long titles stay on one line. Writing is idempotent: a file whose content would not
change is left alone and reported ``unchanged``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..entries import FIELDS

CATEGORIES_FILE = "_categories.yaml"


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents list items under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


def entry_yaml(data: Mapping[str, Any]) -> str:
    """The text of a one-entry file: fields in contract order, ``id`` left to the name."""
    ordered = {key: data[key] for key in FIELDS if key in data and key != "id"}
    return dump_yaml(ordered)


def categories_yaml(tree: Mapping[str, Mapping[str, str]]) -> str:
    """The text of ``_categories.yaml``: path -> {title, description} in tree order."""
    header = "# The category tree: path -> title (and description), in reading order.\n"
    body = {path: {k: v for k, v in info.items() if v} for path, info in tree.items()}
    return header + dump_yaml(body)


@dataclass(frozen=True, slots=True)
class Written:
    name: str
    status: str  # new | updated | unchanged | kept


def write_files(
    out_dir: Path, files: Sequence[tuple[str, str]], *, dry_run: bool, force: bool
) -> list[Written]:
    """Write ``(file name, text)`` pairs into *out_dir*.

    A file that exists with other content is ``kept`` unless *force*; with *dry_run*
    nothing is written but the statuses are the same.
    """
    report = []
    if not dry_run:
        out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files:
        target = out_dir / name
        try:
            current = target.read_text(encoding="utf-8") if target.is_file() else None
        except (OSError, UnicodeDecodeError):
            current = ""
        if current is None:
            status = "new"
        elif current == text:
            status = "unchanged"
        elif force:
            status = "updated"
        else:
            status = "kept"
        if status in ("new", "updated") and not dry_run:
            target.write_text(text, encoding="utf-8", newline="\n")
        report.append(Written(name, status))
    return report

"""Writing entry files and the category tree as readable YAML.

Keys stay in contract field order, collections are in block style with indented list items,
strings are quoted only when YAML needs it, non-ASCII text (CJK titles) is kept as written
and long titles stay on one line. Writing is idempotent: a file whose content would not
change is left alone and reported ``unchanged``. An id that an entry file of the output
directory already defines under another name is never written a second time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..entries import FIELDS, load_file

CATEGORIES_FILE = "_categories.yaml"

#: Field order of entry files: the fields' own order.
FIELD_ORDER = FIELDS


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
    ordered = {key: data[key] for key in FIELD_ORDER if key in data and key != "id"}
    return dump_yaml(ordered)


def categories_yaml(tree: Mapping[str, Mapping[str, str]]) -> str:
    """The text of ``_categories.yaml``: path -> {title, description} in tree order."""
    header = "# The category tree: path -> title (and description), in reading order.\n"
    body = {path: {k: v for k, v in info.items() if v} for path, info in tree.items()}
    return header + dump_yaml(body)


class WriteError(Exception):
    """The output directory or a file in it cannot be written; the message says which."""


@dataclass(frozen=True, slots=True)
class Written:
    name: str
    status: str  # new | updated | unchanged | kept | defined
    detail: str = ""  # for ``defined``: the file (and line) that defines the id


def defined_ids(out_dir: Path) -> dict[str, tuple[Path, int]]:
    """The ids that the entry files already in *out_dir* define (read with the project's
    loader), with the file and line of each."""
    found: dict[str, tuple[Path, int]] = {}
    if not out_dir.is_dir():
        return found
    files = sorted(p for pattern in ("*.yaml", "*.yml") for p in out_dir.rglob(pattern))
    for path in files:
        if path.name.startswith("_") or not path.is_file():
            continue
        for entry in load_file(path).entries:
            found.setdefault(entry.id, (path, entry.line))
    return found


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_writable(out_dir: Path, names: Sequence[str]) -> None:
    """Raise :class:`WriteError` before anything is written when *out_dir* cannot take
    the files (not a directory, not writable, or a target name that is a directory)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise WriteError(f"{out_dir} is not a directory")
    existing = (
        out_dir if out_dir.exists() else next((p for p in out_dir.parents if p.exists()), None)
    )
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise WriteError(f"cannot write to {existing}: permission denied")
    for name in names:
        target = out_dir / name
        try:
            if target.is_dir():
                raise WriteError(f"cannot write {target}: it is a directory")
            if target.exists() and not os.access(target, os.W_OK):
                raise WriteError(f"cannot write {target}: permission denied")
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {_reason(exc)}") from exc


def _status(target: Path, text: str, force: bool) -> str:
    try:
        if not target.exists():
            return "new"
        current = target.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        current = None
    except OSError as exc:
        raise WriteError(f"cannot read {target}: {_reason(exc)}") from exc
    if current == text:
        return "unchanged"
    return "updated" if force else "kept"


def write_files(
    out_dir: Path,
    files: Sequence[tuple[str, str]],
    *,
    dry_run: bool,
    force: bool,
    defined: Mapping[str, tuple[Path, int]] | None = None,
) -> list[Written]:
    """Write ``(file name, text)`` pairs into *out_dir*.

    A file that exists with other content is ``kept`` unless *force*; an entry file whose
    id (its stem) *defined* names in another file is ``defined`` and never written, with or
    without *force*. With *dry_run* nothing is written but the statuses are the same.
    Raises :class:`WriteError` when the directory or a file cannot be written.
    """
    defined = defined or {}
    if not dry_run:
        check_writable(out_dir, [name for name, _ in files])
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"cannot create {out_dir}: {_reason(exc)}") from exc
    report = []
    for name, text in files:
        target = out_dir / name
        owner = defined.get(Path(name).stem) if name != CATEGORIES_FILE else None
        if owner is not None and owner[0].resolve() != target.resolve():
            report.append(Written(name, "defined", f"{owner[0]}:{owner[1]}"))
            continue
        status = _status(target, text, force)
        if status in ("new", "updated") and not dry_run:
            try:
                target.write_text(text, encoding="utf-8", newline="\n")
            except OSError as exc:
                raise WriteError(f"cannot write {target}: {_reason(exc)}") from exc
        report.append(Written(name, status))
    return report

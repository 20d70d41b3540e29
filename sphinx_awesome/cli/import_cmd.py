"""``sphinx-awesome import``: convert an existing list into entry files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .console import EXIT_OK, EXIT_PROBLEMS, plural, write_stdout
from .project import UsageError, display_path, find_conf_dir, read_settings
from .writer import CATEGORIES_FILE, Written


def add_parser(commands: Any) -> None:
    imp = commands.add_parser(
        "import",
        help="convert an existing list into entry files",
        description="Convert an existing list (HTML tables, Markdown tables, Markdown bullet "
        "lists; one file or several), or a BibTeX file (.bib), into one YAML entry file per "
        "entry plus _categories.yaml. Every line holding a link that did not become part of an "
        "entry "
        "is reported with its reason; the exit status is 1 when anything was reported.",
    )
    imp.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the list (several files: one list spread over them)",
    )
    imp.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="directory for the entry files"
    )
    from .importers import FORMATS

    imp.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="input format (default: from the file name or content)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="report what would be written; write nothing"
    )
    imp.add_argument(
        "--force", action="store_true", help="overwrite entry files whose content differs"
    )
    imp.add_argument("--conf-dir", metavar="DIR", help="read awesome_venues from this conf.py")
    imp.add_argument("--no-conf", action="store_true", help="do not read a conf.py")
    imp.set_defaults(run=run)


def _venues(args: argparse.Namespace) -> Any:
    from ..venues import BUILTIN_VENUES, VenueList

    conf_dir = None if args.no_conf else find_conf_dir(args.conf_dir)
    if conf_dir is not None:
        return read_settings(conf_dir)[0].venue_list()
    return VenueList(BUILTIN_VENUES)


def _outputs(result: Any) -> list[tuple[str, str]]:
    from .writer import CATEGORIES_FILE, categories_yaml, entry_yaml

    outputs = [
        (f"{entry_id}.yaml", result.texts.get(entry_id) or entry_yaml(data))
        for entry_id, data in result.entries
    ]
    if result.categories:
        tree = {
            path: {"title": info.title, "description": info.description}
            for path, info in result.categories.items()
        }
        outputs.append((CATEGORIES_FILE, categories_yaml(tree)))
    return outputs


def run(args: argparse.Namespace) -> int:
    from .importers import import_files
    from .writer import WriteError, defined_ids, write_files

    files = [Path(f) for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    venues = _venues(args)
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{args.output} is not a directory")

    try:
        result = import_files(files, fmt=args.format, venues=venues, display=display_path)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    lines = [problem.format() for problem in result.problems]
    try:
        written = write_files(
            out_dir,
            _outputs(result),
            dry_run=args.dry_run,
            force=args.force,
            defined=defined_ids(out_dir),
        )
    except WriteError as exc:
        if lines:
            write_stdout("\n".join(lines) + "\n")
        raise UsageError(str(exc)) from exc
    for item in written:
        shown = display_path(out_dir / item.name)
        if item.status == "kept":
            lines.append(f"kept {shown}: it exists with other content (--force overwrites)")
        elif item.status == "defined":
            where = (
                display_path(item.detail.rsplit(":", 1)[0]) + ":" + item.detail.rsplit(":", 1)[1]
            )
            lines.append(
                f"kept {shown} unwritten: id {Path(item.name).stem!r} is already defined in {where}"
            )
    for (spelling, canonical), count in sorted(result.venue_changes.items()):
        entries = plural(count, "entry", "entries")
        lines.append(f"venue {spelling!r} written as {canonical!r} ({entries})")
    lines.append(_summary(args, result, written, out_dir, len(files)))
    write_stdout("\n".join(lines) + "\n")
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _summary(
    args: argparse.Namespace, result: Any, written: list[Any], out_dir: Path, files: int
) -> str:
    verb = "would write" if args.dry_run else "wrote"
    reported = len({(p.path, p.line) for p in result.problems})
    return (
        f"{plural(result.items, 'item')} found in {plural(files, 'file')}: "
        f"{plural(len(result.entries), 'entry', 'entries')} and "
        f"{plural(len(result.categories), 'category', 'categories')}; "
        f"{verb} {display_path(out_dir)}: {written_summary(written)}; "
        f"{plural(reported, 'line')} reported"
    )


def written_summary(written: list[Written]) -> str:
    """``17 entry files (15 new, 2 unchanged) and _categories.yaml (new)``: entry files are
    counted apart from the categories file."""
    entry_files = [w for w in written if w.name != CATEGORIES_FILE]
    categories = [w for w in written if w.name == CATEGORIES_FILE]
    parts = []
    if entry_files:
        statuses = ("new", "updated", "unchanged", "kept", "defined")
        counts = {status: sum(w.status == status for w in entry_files) for status in statuses}
        counts["kept"] += counts.pop("defined")
        detail = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        parts.append(f"{plural(len(entry_files), 'entry file')} ({detail})")
    for item in categories:
        parts.append(f"{CATEGORIES_FILE} ({item.status})")
    return " and ".join(parts) or "nothing"

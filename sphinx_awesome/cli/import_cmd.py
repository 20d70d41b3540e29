"""``sphinx-awesome import``: convert an existing list into entry files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .console import EXIT_OK, EXIT_PROBLEMS, plural
from .project import UsageError, display_path, find_conf_dir, read_settings
from .writer import CATEGORIES_FILE, Written


def add_parser(commands: Any) -> None:
    imp = commands.add_parser(
        "import",
        help="convert an existing list into entry files",
        description="Convert an existing list (HTML tables, Markdown tables, Markdown bullet "
        "lists; one file or several) into one YAML entry file per entry plus "
        "_categories.yaml, or a BibTeX file (.bib) into one entry file per entry.",
    )
    imp.add_argument(
        "files", nargs="+", metavar="FILE", help="the list (several files: one list spread over them)"
    )
    imp.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="directory for the entry files"
    )
    imp.add_argument(
        "--format",
        choices=("auto", "html", "markdown", "bibtex"),
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


def run(args: argparse.Namespace) -> int:
    from ..venues import BUILTIN_VENUES, VenueList
    from .importers import import_files
    from .writer import categories_yaml, entry_yaml, write_files

    files = [Path(f) for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    venues = VenueList(BUILTIN_VENUES)
    conf_dir = None if args.no_conf else find_conf_dir(args.conf_dir)
    if conf_dir is not None:
        venues = read_settings(conf_dir)[0].venue_list()
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{args.output} is not a directory")

    bib = [f.suffix.lower() == ".bib" for f in files]
    if args.format == "bibtex" or (args.format == "auto" and all(bib)):
        from .importers.bibtex import import_bibtex_files

        result = import_bibtex_files(files, venues=venues, display=display_path)
    elif args.format == "auto" and any(bib):
        raise UsageError("import BibTeX files (.bib) on their own, not with other lists")
    else:
        result = import_files(files, fmt=args.format, venues=venues, display=display_path)
    for problem in result.problems:
        print(problem.format())
    outputs = [(f"{entry_id}.yaml", entry_yaml(data)) for entry_id, data in result.entries]
    if result.categories:
        tree = {
            path: {"title": info.title, "description": info.description}
            for path, info in result.categories.items()
        }
        outputs.append((CATEGORIES_FILE, categories_yaml(tree)))
    written = write_files(out_dir, outputs, dry_run=args.dry_run, force=args.force)

    for item in written:
        if item.status == "kept":
            shown = display_path(out_dir / item.name)
            print(f"kept {shown}: it exists with other content (--force overwrites)")
    for (spelling, canonical), count in sorted(result.venue_changes.items()):
        entries = plural(count, "entry", "entries")
        print(f"venue {spelling!r} written as {canonical!r} ({entries})")
    verb = "would write" if args.dry_run else "wrote"
    summary = (
        f"{plural(len(result.entries), 'entry', 'entries')} and "
        f"{plural(len(result.categories), 'category', 'categories')} from "
        f"{plural(len(files), 'file')}; {verb} {display_path(out_dir)}: {written_summary(written)}"
    )
    if result.problems:
        summary += f"; {plural(len(result.problems), 'line')} not imported cleanly"
    print(summary)
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def written_summary(written: list[Written]) -> str:
    """``17 entry files (15 new, 2 unchanged) and _categories.yaml (new)``: entry files are
    counted apart from the categories file."""
    entry_files = [w for w in written if w.name != CATEGORIES_FILE]
    categories = [w for w in written if w.name == CATEGORIES_FILE]
    parts = []
    if entry_files:
        statuses = ("new", "updated", "unchanged", "kept")
        counts = {status: sum(w.status == status for w in entry_files) for status in statuses}
        detail = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        parts.append(f"{plural(len(entry_files), 'entry file')} ({detail})")
    for item in categories:
        parts.append(f"{CATEGORIES_FILE} ({item.status})")
    return " and ".join(parts) or "nothing"

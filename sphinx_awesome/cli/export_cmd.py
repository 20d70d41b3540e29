"""``sphinx-awesome export``: the entries as a README, BibTeX, JSON or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..problems import Problem
from .console import EXIT_OK, EXIT_PROBLEMS, note, write_file, write_stdout
from .project import add_location_arguments, collect, display_path, folder_title


def add_parser(commands: Any) -> None:
    from .exporters import FORMATS, STYLES

    exp = commands.add_parser(
        "export",
        help="write the entries as a README, BibTeX, JSON or CSV",
        description="Write the entries out: a GitHub README (markdown), BibTeX, JSON or CSV.",
    )
    add_location_arguments(exp)
    exp.add_argument("--format", required=True, choices=FORMATS)
    exp.add_argument(
        "-o", "--output", metavar="FILE", help="output file (default: standard output)"
    )
    exp.add_argument(
        "--style",
        choices=STYLES,
        default="table",
        help="markdown: entries as tables or bullet lists",
    )
    exp.add_argument(
        "--title",
        help="markdown: the README's title (default: awesome_title, else project, from conf.py; "
        "else the project's folder name)",
    )
    exp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..entries import duplicate_id_problems
    from .exporters import EXPORTERS, ExportContext

    project = collect(args.paths, conf_dir=args.conf_dir, use_conf=not args.no_conf)
    for text in project.notes:
        note(f"note: {text}")
    entries, duplicates = duplicate_id_problems(project.entries)
    problems = sorted([*project.problems, *duplicates], key=Problem.sort_key)
    for problem in problems:
        note(f"warning: {problem.format()}")
    context = ExportContext(
        tree=project.categories,
        venues=project.venues,
        title=args.title or project.title or folder_title(project.conf_dir),
        style=args.style,
    )
    text = EXPORTERS[args.format](entries, context)
    if args.output:
        target = Path(args.output)
        write_file(target, text)  # newlines as written: CSV keeps its CRLF
        note(f"wrote {len(entries)} entries to {display_path(target)}")
    else:
        write_stdout(text)
    return EXIT_PROBLEMS if problems else EXIT_OK

"""``sphinx-awesome export``: the entries as a README, BibTeX, JSON or CSV; ``--check FILE``
compares a file with what would be written (a README kept in step with the entry files)."""

from __future__ import annotations

import argparse
import difflib
import shlex
from pathlib import Path
from typing import Any

from ..problems import Problem
from .console import EXIT_OK, EXIT_PROBLEMS, note, write_file, write_stdout
from .project import UsageError, add_location_arguments, collect, display_path, folder_title


def _count(text: str) -> int:
    """A whole number of 0 or more (``--max-authors``)."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"should be a whole number, 0 or more, not {text!r}")
    return int(text)


def add_parser(commands: Any) -> None:
    from .exporters import FORMATS, README_COLUMNS, STYLES

    exp = commands.add_parser(
        "export",
        help="write the entries as a README, BibTeX, JSON or CSV",
        description="Write the entries out: a GitHub README (markdown), BibTeX, JSON or CSV. "
        "With --check FILE nothing is written: the exit status is 1, with a diff, when FILE "
        "differs from what would be written.",
    )
    add_location_arguments(exp)
    exp.add_argument("--format", required=True, choices=FORMATS)
    where = exp.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", metavar="FILE", help="output file (default: standard output)"
    )
    where.add_argument(
        "--check",
        metavar="FILE",
        help="write nothing; compare FILE with the export (line endings aside) and print a "
        "diff when it is out of date (exit status 1)",
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
    exp.add_argument(
        "--columns",
        metavar="NAMES",
        help="markdown: the fields shown, comma-separated, in table order (of "
        f"{','.join(README_COLUMNS)}; default: title,venue,year,links for tables, every "
        "field for lists); the others are kept out of sight, for import",
    )
    exp.add_argument(
        "--max-authors",
        metavar="N",
        type=_count,
        help="markdown: authors shown before 'et al.' (0: all; default: awesome_max_authors "
        "from conf.py, else 3)",
    )
    exp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..entries import duplicate_id_problems
    from .exporters import EXPORTERS, ExportContext, readme_columns

    columns = None
    if args.columns is not None and args.format == "markdown":
        try:
            columns = readme_columns(args.columns)
        except ValueError as exc:
            raise UsageError(f"--columns: {exc}") from exc
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
        columns=columns,
        max_authors=args.max_authors if args.max_authors is not None else project.max_authors,
    )
    text = EXPORTERS[args.format](entries, context)
    status = EXIT_PROBLEMS if problems else EXIT_OK
    if args.check:
        return max(status, check(Path(args.check), text, args))
    if args.output:
        target = Path(args.output)
        write_file(target, text)  # newlines as written: CSV keeps its CRLF
        note(f"wrote {len(entries)} entries to {display_path(target)}")
    else:
        write_stdout(text)
    return status


def check(target: Path, text: str, args: argparse.Namespace) -> int:
    """Compare *target* with the export *text*: 0 when they are the same (but for CRLF line
    endings and a byte order mark, which Git and editors may add), else 1 with a unified
    diff on standard output and the command that updates the file."""
    shown = display_path(target)
    update = update_command(args, shown)
    if not target.exists():
        note(f"{shown} does not exist; write it with: {update}")
        return EXIT_PROBLEMS
    data = target.read_bytes()
    try:
        current = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        note(
            f"{shown} is not UTF-8 (byte {exc.start}), so it is out of date; rewrite it with: "
            f"{update}"
        )
        return EXIT_PROBLEMS
    current = current.replace("\r\n", "\n").replace("\r", "\n")
    expected = text.replace("\r\n", "\n")
    if current == expected:
        note(f"{shown} is up to date")
        return EXIT_OK
    diff = difflib.unified_diff(
        current.splitlines(keepends=True),
        expected.splitlines(keepends=True),
        fromfile=shown,
        tofile=f"{shown} (exported)",
    )
    write_stdout("".join(_diff_line(line) for line in diff))
    note(f"{shown} is out of date with the entry files; update it with: {update}")
    return EXIT_PROBLEMS


def _diff_line(line: str) -> str:
    """A line of the diff; a last line without a newline is marked as ``diff -u`` does."""
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def update_command(args: argparse.Namespace, output: str) -> str:
    """The ``sphinx-awesome export`` command line that writes *output* as checked."""
    words = ["sphinx-awesome", "export", *args.paths, "--format", args.format]
    if args.conf_dir:
        words += ["--conf-dir", args.conf_dir]
    if args.no_conf:
        words.append("--no-conf")
    if args.style != "table":
        words += ["--style", args.style]
    for option, value in (
        ("--title", args.title),
        ("--columns", args.columns),
        ("--max-authors", args.max_authors),
    ):
        if value is not None:
            words += [option, str(value)]
    return shlex.join([*words, "-o", output])

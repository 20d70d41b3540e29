"""``sphinx-awesome check``: validate entry files and the rules that need all entries."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..problems import Problem
from .console import EXIT_OK, EXIT_PROBLEMS, note, plural, write_stdout
from .links import add_link_arguments
from .project import UsageError, add_location_arguments, collect


def add_parser(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="validate entry files and the project's rules",
        description="Validate entry files and the rules that need all entries: duplicate ids, "
        "the same work entered twice (URL, DOI, arXiv id, title), http:// links, unknown "
        "venues and categories.",
    )
    add_location_arguments(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="report only these codes, prefixes or subtypes (comma-separated)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="do not report these codes, prefixes or subtypes",
    )
    check.add_argument(
        "--list-codes", action="store_true", help="print every problem code and exit"
    )
    add_link_arguments(check)
    check.set_defaults(run=run)


def _codes(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code.code,
        "subtype": problem.code.subtype,
        "message": problem.message,
    }


def run(args: argparse.Namespace) -> int:
    from ..checks import check_entries, code_table, select_codes

    if args.list_codes:
        write_stdout(code_table() + "\n")
        return EXIT_OK
    try:
        chosen = select_codes(_codes(args.select), _codes(args.ignore))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    project = collect(args.paths, conf_dir=args.conf_dir, use_conf=not args.no_conf)
    for text in project.notes:
        note(f"note: {text}")
    problems = list(project.problems)
    problems += check_entries(project.entries, venues=project.venues, categories=project.categories)
    if args.links:
        from .links import run_link_check

        shown = [e for e in project.entries if project.focus is None or e.path in project.focus]
        problems += run_link_check(args, shown, chosen)
    problems = [p for p in project.shown(problems) if p.code in chosen]
    problems = sorted(set(problems), key=Problem.sort_key)
    if args.format == "json":
        document = {"schema_version": 1, "problems": [_problem_json(p) for p in problems]}
        write_stdout(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        write_stdout("".join(p.format() + "\n" for p in problems))
        files = len(project.files)
        if project.focus is not None:
            files = len(project.focus & set(project.files))
        summary = plural(len(problems), "problem") if problems else "no problems"
        entries = plural(len(project.entries), "entry", "entries")
        note(f"{summary} in {plural(files, 'file')} ({entries})")
    return EXIT_PROBLEMS if problems else EXIT_OK

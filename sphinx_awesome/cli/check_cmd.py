"""``sphinx-awesome check``: validate entry files and the rules that need all entries."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..problems import COUNTED, Problem, severity
from .console import EXIT_OK, EXIT_PROBLEMS, note, plural, write_stdout
from .links import add_link_arguments
from .project import Project, UsageError, add_location_arguments, collect


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


def _problem_json(problem: Problem, level: str) -> dict[str, object]:
    return {
        "severity": level,
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

        checked = [e for e in project.entries if project.focus is None or e.path in project.focus]
        problems += run_link_check(args, checked, chosen)
    found = [p for p in project.shown(problems) if p.code in chosen]
    levels = {p: severity(p.code, project.checks) for p in found}
    shown = sorted((p for p in set(found) if levels[p] != "off"), key=Problem.sort_key)
    counted = [p for p in shown if levels[p] in COUNTED]
    if args.format == "json":
        problems_json = [_problem_json(p, levels[p]) for p in shown]
        document = {"schema_version": 1, "problems": problems_json}
        write_stdout(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        write_stdout("".join(p.format(levels[p]) + "\n" for p in shown))
        note(_summary(project, len(counted), len(shown) - len(counted)))
    return EXIT_PROBLEMS if counted else EXIT_OK


def _summary(project: Project, counted: int, infos: int) -> str:
    """``2 problems and 1 note in 17 files (17 entries)``."""
    files = len(project.files)
    if project.focus is not None:
        files = len(project.focus & set(project.files))
    summary = plural(counted, "problem") if counted else "no problems"
    if infos:
        summary += f" and {plural(infos, 'note')}"
    entries = plural(len(project.entries), "entry", "entries")
    return f"{summary} in {plural(files, 'file')} ({entries})"

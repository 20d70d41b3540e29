"""The ``sphinx-awesome`` command: ``check``, ``import`` and ``export``.

Exit status: 0 fine, 1 problems found, 2 usage error. See :mod:`sphinx_awesome.cli.check`
for the problem codes (``sphinx-awesome check --list-codes``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..problems import Problem

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("sphinx-awesome")
    except Exception:  # pragma: no cover - not installed
        return "unknown"


def _codes(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-awesome",
        description="Maintain a curated paper list kept as YAML entry files.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    def where(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", metavar="PATH", help="entry files or directories (default: the awesome_entries of the Sphinx project)")  # fmt: skip
        sub.add_argument("--conf-dir", metavar="DIR", help="directory of the Sphinx conf.py (default: docs/ if it has one, else .)")  # fmt: skip
        sub.add_argument("--no-conf", action="store_true", help="do not read a conf.py")

    check = commands.add_parser(
        "check",
        help="validate entry files and the project's rules",
        description="Validate entry files and the rules that need all entries: duplicate ids, the same work entered twice (URL, DOI, arXiv id, title), http:// links, unknown venues and categories.",
    )
    where(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")  # fmt: skip
    check.add_argument("--select", action="append", metavar="CODES", help="report only these codes, prefixes or subtypes (comma-separated)")  # fmt: skip
    check.add_argument("--ignore", action="append", metavar="CODES", help="do not report these codes, prefixes or subtypes")  # fmt: skip
    check.add_argument("--list-codes", action="store_true", help="print every problem code and exit")  # fmt: skip

    imp = commands.add_parser(
        "import",
        help="convert an existing list into entry files",
        description="Convert an existing list (HTML tables, Markdown tables, Markdown bullet lists; one file or several) into one YAML entry file per entry plus _categories.yaml.",
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="the list (several files: one list spread over them)")  # fmt: skip
    imp.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for the entry files")  # fmt: skip
    imp.add_argument("--format", choices=("auto", "html", "markdown"), default="auto", help="input format (default: from the file name or content)")  # fmt: skip
    imp.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")  # fmt: skip
    imp.add_argument("--force", action="store_true", help="overwrite entry files whose content differs")  # fmt: skip
    imp.add_argument("--conf-dir", metavar="DIR", help="read awesome_venues from this conf.py")
    imp.add_argument("--no-conf", action="store_true", help="do not read a conf.py")

    exp = commands.add_parser(
        "export",
        help="write the entries as a README, BibTeX, JSON or CSV",
        description="Write the entries out: a GitHub README (markdown), BibTeX, JSON or CSV.",
    )
    where(exp)
    exp.add_argument("--format", required=True, choices=("markdown", "bibtex", "json", "csv"))
    exp.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")  # fmt: skip
    exp.add_argument("--style", choices=("table", "list"), default="table", help="markdown: entries as tables or bullet lists")  # fmt: skip
    exp.add_argument("--title", help="markdown: the README's title (default: the Sphinx project name)")  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sphinx-awesome`` with *argv* (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse: --help, --version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    from .project import UsageError

    try:
        if args.command == "check":
            return _check(args)
        if args.command == "import":
            return _import(args)
        return _export(args)
    except UsageError as exc:
        print(f"sphinx-awesome {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _write_stdout(text: str) -> None:
    """Write *text* to standard output as UTF-8 whatever the console's encoding."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") not in ("utf8", "utf8sig"):  # fmt: skip
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
        stream.flush()


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code.code,
        "subtype": problem.code.subtype,
        "message": problem.message,
    }


def _check(args: argparse.Namespace) -> int:
    from .check import check_entries, code_table, select_codes
    from .project import UsageError, collect

    if args.list_codes:
        _write_stdout(code_table() + "\n")
        return EXIT_OK
    try:
        chosen = select_codes(_codes(args.select), _codes(args.ignore))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    project = collect(args.paths, conf_dir=args.conf_dir, use_conf=not args.no_conf)
    for note in project.notes:
        print(f"note: {note}", file=sys.stderr)
    problems = list(project.problems)
    problems += check_entries(project.entries, venues=project.venues, categories=project.categories)  # fmt: skip
    problems = [p for p in project.shown(problems) if p.code in chosen]
    problems = sorted(set(problems), key=Problem.sort_key)
    if args.format == "json":
        document = {"schema_version": 1, "problems": [_problem_json(p) for p in problems]}
        _write_stdout(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout("".join(p.format() + "\n" for p in problems))
        files = len(project.files) if project.focus is None else len(project.focus & set(project.files))  # fmt: skip
        summary = _plural(len(problems), "problem") if problems else "no problems"
        print(f"{summary} in {_plural(files, 'file')} ({len(project.entries)} entries)", file=sys.stderr)  # fmt: skip
    return EXIT_PROBLEMS if problems else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from ..venues import BUILTIN_VENUES, VenueList
    from .importers import import_files
    from .project import UsageError, display_path, find_conf_dir, read_config
    from .writer import CATEGORIES_FILE, categories_yaml, entry_yaml, write_files

    files = [Path(f) for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    venues = VenueList(BUILTIN_VENUES)
    conf_dir = None if args.no_conf else find_conf_dir(args.conf_dir)
    if conf_dir is not None:
        configured = read_config(conf_dir)["awesome_venues"]
        if configured:
            venues = VenueList(configured)
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{args.output} is not a directory")

    result = import_files(files, fmt=args.format, venues=venues, display=display_path)
    for problem in result.problems:
        print(problem.format())
    outputs = [(f"{entry_id}.yaml", entry_yaml(data)) for entry_id, data in result.entries]
    if result.categories:
        tree = {path: {"title": info.title, "description": info.description} for path, info in result.categories.items()}  # fmt: skip
        outputs.append((CATEGORIES_FILE, categories_yaml(tree)))
    written = write_files(out_dir, outputs, dry_run=args.dry_run, force=args.force)

    for item in written:
        if item.status == "kept":
            print(f"kept {display_path(out_dir / item.name)}: it exists with other content (--force overwrites)")  # fmt: skip
    counts = {status: sum(w.status == status for w in written) for status in ("new", "updated", "unchanged", "kept")}  # fmt: skip
    for (spelling, canonical), count in sorted(result.venue_changes.items()):
        print(f"venue {spelling!r} written as {canonical!r} ({_plural(count, 'entry', 'entries')})")  # fmt: skip
    verb = "would write" if args.dry_run else "wrote"
    parts = ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "nothing"
    summary = f"{len(result.entries)} entries and {len(result.categories)} categories from {_plural(len(files), 'file')}; {verb} {display_path(out_dir)}: {parts}"  # fmt: skip
    if result.problems:
        summary += f"; {_plural(len(result.problems), 'line')} not imported cleanly"
    print(summary)
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from ..entries import duplicate_id_problems
    from .exporters import export_bibtex, export_csv, export_json, export_markdown
    from .project import collect, display_path

    project = collect(args.paths, conf_dir=args.conf_dir, use_conf=not args.no_conf)
    for note in project.notes:
        print(f"note: {note}", file=sys.stderr)
    entries, duplicates = duplicate_id_problems(project.entries)
    problems = sorted([*project.problems, *duplicates], key=Problem.sort_key)
    for problem in problems:
        print(f"warning: {problem.format()}", file=sys.stderr)
    if args.format == "markdown":
        text = export_markdown(entries, tree=project.categories, venues=project.venues, title=args.title or project.title, style=args.style)  # fmt: skip
    elif args.format == "bibtex":
        text = export_bibtex(entries)
    elif args.format == "json":
        text = export_json(entries, tree=project.categories)
    else:
        text = export_csv(entries)
    if args.output:
        target = Path(args.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")  # CSV keeps its CRLF
        print(f"wrote {len(entries)} entries to {display_path(target)}", file=sys.stderr)
    else:
        _write_stdout(text)
    return EXIT_PROBLEMS if problems else EXIT_OK

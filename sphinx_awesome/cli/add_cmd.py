"""``sphinx-awesome add ID-OR-URL``: write a validated entry file for a paper, from the
public metadata services or from a BibTeX file.

Exit status: 0 written; 1 nothing written because the paper could not be had (the service
cannot be reached, has no such paper, or its answer makes no valid entry) or is already in
the list; 2 a command line that cannot work (an argument that names no paper, a missing
file). Being offline is status 1, not 2: the command line is right, and it works as it is
once the network is back (or with ``--from-bibtex``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
from pathlib import Path
from typing import Any

from ..entries import CATEGORY_RE, Entry, load_file, slugify
from ..venues import VenueList
from .console import EXIT_OK, EXIT_PROBLEMS, note
from .project import (
    Project,
    UsageError,
    collect,
    display_path,
    files_under,
    find_conf_dir,
    read_settings,
)

#: What an argument that names no paper is told.
SHAPES = "an arXiv id or URL, a DOI, or a DBLP, ACM, USENIX or OpenReview URL"


class Failure(Exception):
    """No entry can be written (exit status 1); the message is one line for the reader."""


def add_parser(commands: Any) -> None:
    add = commands.add_parser(
        "add",
        help="write an entry file for a paper, from arXiv, Crossref, DBLP or OpenReview",
        description="Write a validated entry file for a paper named by an arXiv id or URL, a "
        "DOI, or a DBLP, ACM, USENIX or OpenReview URL, from the public metadata services "
        "(answers are cached), or from a BibTeX file with --from-bibtex.",
    )
    add.add_argument(
        "target",
        nargs="?",
        metavar="ID-OR-URL",
        help="arXiv id or URL, DOI, or DBLP/ACM/USENIX/OpenReview URL (with --from-bibtex: "
        "the key, DOI or URL of the entry to take; optional for a one-entry file)",
    )
    add.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="C",
        help="category path such as distributed/auto-parallel (repeatable)",
    )
    add.add_argument("--tags", default="", metavar="a,b", help="comma-separated tags")
    add.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="directory for the entry file (default: the directory of the project's first "
        "awesome_entries pattern, else .)",
    )
    add.add_argument(
        "--from-bibtex", metavar="FILE", help="take the entry from this BibTeX file (offline)"
    )
    add.add_argument(
        "--timeout",
        type=float,
        default=15.0,
        metavar="SECONDS",
        help="how long to wait for a service (default: 15)",
    )
    add.add_argument("--no-cache", action="store_true", help="ask the service again")
    add.add_argument("--conf-dir", metavar="DIR", help="directory of the Sphinx conf.py")
    add.add_argument("--no-conf", action="store_true", help="do not read a conf.py")
    add.set_defaults(run=run)


# -- the project ------------------------------------------------------------------------------


def entry_dir(conf_dir: Path, patterns: Any) -> Path | None:
    """The directory of the first ``awesome_entries`` pattern (up to its first glob part)."""
    for pattern in [patterns] if isinstance(patterns, str) else patterns or []:
        if not isinstance(pattern, str):
            continue
        fixed: list[str] = []
        for part in Path(pattern).parts[:-1]:
            if glob.has_magic(part):
                break
            fixed.append(part)
        return conf_dir.joinpath(*fixed)
    return None


def _project(args: argparse.Namespace) -> tuple[Project, Path]:
    """The project's entries and those already in the output directory, and the output
    directory."""
    conf_dir = None if args.no_conf else find_conf_dir(args.conf_dir)
    project, default = Project(), None
    if conf_dir is not None:
        settings = read_settings(conf_dir)[0]
        default = entry_dir(conf_dir, settings.entries)
        if default is not None:
            project = collect([], conf_dir=str(conf_dir))
        else:
            project.venues = settings.venue_list()
    out_dir = Path(args.output) if args.output else default or Path(".")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{display_path(out_dir)} is not a directory")
    known = {entry.path for entry in project.entries}
    for file in files_under(out_dir) if out_dir.is_dir() else []:
        shown = display_path(file)
        if shown not in known:
            project.entries.extend(load_file(file, shown, venues=project.venues).entries)
    return project, out_dir


def _taken(project: Project, out_dir: Path) -> set[str]:
    """Ids in use, and the names of the entry files already in the output directory."""
    taken = {entry.id for entry in project.entries}
    if out_dir.is_dir():
        taken |= {p.stem for p in out_dir.iterdir() if p.suffix.lower() in (".yaml", ".yml")}
    return taken


# -- the options -------------------------------------------------------------------------------


def categories_of(values: list[str]) -> list[str]:
    out = []
    for value in values:
        for raw in value.split(","):
            path = raw.strip().strip("/")
            if not path:
                continue
            if not CATEGORY_RE.match(path):
                raise UsageError(
                    f"category {raw.strip()!r} is not a path of slugs such as "
                    "distributed/auto-parallel"
                )
            if path not in out:
                out.append(path)
    return out


def tags_of(value: str) -> list[str]:
    out = []
    for raw in value.split(","):
        if not raw.strip():
            continue
        tag = slugify(raw.strip().replace(" ", "-"))
        if not tag:
            raise UsageError(f"tag {raw.strip()!r} has no usable slug (letters, digits, . _ -)")
        if tag not in out:
            out.append(tag)
    return out


# -- where the entry comes from ---------------------------------------------------------------


def _matches(data: dict[str, Any], key: str, wanted: str) -> bool:
    """Whether a BibTeX entry is the one *wanted* names: its key, or its DOI, arXiv id or a
    link to the same page."""
    from ..normalize import arxiv_id_of, doi_of, url_key
    from .metadata import identify
    from .newentry import key_id

    wanted = wanted.strip()
    if wanted.lower() in (key.lower(), key_id(key)):
        return True
    values = list((data.get("links") or {}).items())
    target = identify(wanted)
    if target is not None and target.service == "arxiv":
        return any(arxiv_id_of(v, bare_ok=label == "arxiv") == target.key for label, v in values)
    if target is not None and target.service == "doi":
        return any(doi_of(v) == target.key for _, v in values)
    page = url_key(target.key if target and target.service == "usenix" else wanted)
    return page is not None and any(url_key(v) == page for _, v in values)


def from_bibtex(file: str, wanted: str | None, venues: VenueList) -> tuple[dict[str, Any], str]:
    """The entry data of the one entry of *file* (or the one *wanted* names)."""
    from .importers.bibtex import parse_bibtex, read_text

    path = Path(file)
    if not path.is_file():
        raise UsageError(f"no such file: {file}")
    shown = display_path(path)
    text, problem = read_text(path, shown)
    records, problems = parse_bibtex(text or "", shown, venues=venues)
    chosen = [r for r in records if wanted is None or _matches(r.data, r.key, wanted)]
    keys = ", ".join(r.key for r in records[:10]) + (", ..." if len(records) > 10 else "")
    if not records:
        for found in [problem, *problems] if problem else problems:
            note(f"warning: {found.format()}")
        raise Failure(f"{shown} holds no entry that can be read")
    if not chosen:
        raise Failure(f"no entry of {shown} is {wanted!r} (its keys: {keys})")
    if len(chosen) > 1:
        raise UsageError(
            f"{shown} holds {len(chosen)} entries; name the one to add by its key, DOI or "
            f"URL (keys: {keys})"
        )
    record = chosen[0]
    for found in problems:
        if found.line == record.line:
            note(f"warning: {found.format()}")
    return dict(record.data), f"{shown}:{record.line}"


def from_service(args: argparse.Namespace, venues: VenueList) -> tuple[dict[str, Any], str]:
    """The entry data the metadata service that knows ``args.target`` gives."""
    from .metadata import SERVICE_NAMES, Client, MetadataError, Unreachable, identify, lookup
    from .metadata.http import cache_dir

    target = identify(args.target)
    if target is None:
        raise UsageError(f"{args.target!r} is not {SHAPES}")
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    client = Client(timeout=args.timeout, cache=None if args.no_cache else cache_dir())
    try:
        data = lookup(target, client, venues)
    except Unreachable as exc:
        raise Failure(f"{exc}; use --from-bibtex FILE") from exc
    except MetadataError as exc:
        raise Failure(str(exc)) from exc
    return data, SERVICE_NAMES[target.service]


# -- writing -----------------------------------------------------------------------------------


def _already_listed(entry: Entry, project: Project) -> str | None:
    from ..checks import duplicate_work_problems

    for problem in duplicate_work_problems([*project.entries, entry]):
        if problem.path == entry.path:
            return problem.message.removesuffix("; the same work entered twice?")
    return None


def _complete(data: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    from .newentry import ordered

    extras = {"categories": categories_of(args.category), "tags": tags_of(args.tags)}
    for name, extra in extras.items():
        data[name] = list(dict.fromkeys([*(data.get(name) or []), *extra]))
    data.setdefault("added", dt.date.today().isoformat())
    return ordered(data)


def run(args: argparse.Namespace) -> int:
    if args.target is None and not args.from_bibtex:
        raise UsageError(f"name the paper to add: {SHAPES} (or give --from-bibtex FILE)")
    categories_of(args.category)  # a bad option is a usage error before any request
    tags_of(args.tags)
    project, out_dir = _project(args)
    try:
        if args.from_bibtex:
            data, source = from_bibtex(args.from_bibtex, args.target, project.venues)
        else:
            data, source = from_service(args, project.venues)
        path = write_entry(_complete(data, args), project, out_dir)
    except Failure as exc:
        note(f"sphinx-awesome add: {exc}")
        return EXIT_PROBLEMS
    print(display_path(path))
    note(f"added {path.stem!r} from {source}")
    return EXIT_OK


def write_entry(data: dict[str, Any], project: Project, out_dir: Path) -> Path:
    """Validate *data*, refuse a work already listed, and write a new entry file."""
    from .newentry import new_id, validate

    year = data.get("year") or (int(data["date"][:4]) if data.get("date") else None)
    entry_id = new_id(data["title"], year, _taken(project, out_dir))
    path = out_dir / f"{entry_id}.yaml"
    shown = display_path(path)
    text, entry, problems = validate(data, entry_id, shown, venues=project.venues)
    if problems or entry is None:
        for problem in problems:
            note(f"warning: {problem.format()}")
        raise Failure(f"the entry for {data['title']!r} is not valid; nothing written")
    listed = _already_listed(entry, project)
    if listed:
        raise Failure(f"{entry.title!r} is already in the list: {listed}; nothing written")
    tree = project.categories or {}
    for category in entry.categories:
        if tree and category not in tree:
            note(f"warning: category {category!r} is not in awesome_categories")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as exc:  # written by someone else meanwhile: never overwritten
        raise Failure(f"{shown} exists; nothing written") from exc
    except OSError as exc:
        raise Failure(f"cannot write {shown}: {exc.strerror}") from exc
    return path

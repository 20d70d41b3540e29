"""Finding a project's entries: from PATH arguments, or from a Sphinx ``conf.py``.

``conf.py`` is read with Sphinx's own reader (:meth:`sphinx.config.Config.read`), so the
command sees exactly the ``awesome_entries``, ``awesome_venues`` and ``awesome_categories``
the build sees.

With PATHs and a project, the project's entries are loaded as context (so a new entry that
duplicates an existing one is caught) but only the problems of the PATH files are shown;
explicitly named files that ``awesome_entries`` does not match (such as
``.pre-commit-config.yaml`` passed by pre-commit) are skipped with a note.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compat import add_config_value
from ..config import SETTINGS, AwesomeConfig, Category, conf_line, load_category_file, read_config
from ..entries import Entry, load_file
from ..entry_files import expand_pattern, outside_problems, scan
from ..problems import Code, Problem
from ..venues import BUILTIN_VENUES, VenueList
from .writer import CATEGORIES_FILE

ENTRY_SUFFIXES = (".yaml", ".yml")
CategoryTree = dict[str, dict[str, str]]


class UsageError(Exception):
    """A command line or configuration that cannot be acted on (exit status 2)."""


def add_location_arguments(sub: Any) -> None:
    """PATH arguments and the conf.py options of commands that read a project's entries."""
    sub.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="entry files or directories (default: the awesome_entries of the Sphinx project)",
    )
    sub.add_argument(
        "--conf-dir",
        metavar="DIR",
        help="directory of the Sphinx conf.py (default: docs/ if it has one, else .)",
    )
    sub.add_argument("--no-conf", action="store_true", help="do not read a conf.py")


@dataclass
class Project:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    venues: VenueList = field(default_factory=lambda: VenueList(BUILTIN_VENUES))
    #: problem code -> severity, as ``awesome_checks`` sets it
    checks: dict[Code, str] = field(default_factory=dict)
    categories: CategoryTree | None = None
    focus: set[str] | None = None  # shown paths whose problems are reported; None: all
    title: str | None = None
    max_authors: int = AwesomeConfig.max_authors
    conf_dir: Path | None = None
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def shown(self, problems: Sequence[Problem]) -> list[Problem]:
        if self.focus is None:
            return list(problems)
        return [p for p in problems if p.path in self.focus]


@functools.lru_cache(maxsize=8)
def _here(cwd: str) -> tuple[Path, Path]:
    return Path(cwd), Path(cwd).resolve()


def display_path(path: Path | str) -> str:
    """*path* relative to the current directory when it is below it, else absolute."""
    cwd = os.getcwd()
    absolute = Path(os.path.join(cwd, path))
    plain, resolved = _here(cwd)
    try:
        return Path(os.path.normpath(absolute)).relative_to(plain).as_posix()
    except ValueError:
        pass
    try:
        return absolute.resolve().relative_to(resolved).as_posix()
    except ValueError:
        return Path(os.path.normpath(absolute)).as_posix()


def _is_entry_name(path: Path) -> bool:
    return path.suffix.lower() in ENTRY_SUFFIXES and not path.name.startswith(("_", "."))


def files_under(directory: Path) -> list[Path]:
    """Entry files under *directory*: ``*.yaml``/``*.yml``, sorted by name, without hidden
    directories and files whose names start with ``_`` (such as ``_categories.yaml``)."""
    found = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            candidate = Path(root, name)
            if _is_entry_name(candidate):
                found.append(candidate)
    return sorted(
        found, key=lambda p: (p.parent.as_posix(), p.stem, p.suffix)
    )  # alpa before alpa-2


def find_conf_dir(conf_dir: str | None) -> Path | None:
    if conf_dir is not None:
        path = Path(conf_dir)
        if not (path / "conf.py").is_file():
            raise UsageError(f"no conf.py in {conf_dir}")
        return path
    for candidate in (Path("docs"), Path(".")):
        if (candidate / "conf.py").is_file():
            return candidate
    return None


def conf_values(conf_dir: Path) -> dict[str, Any]:
    """The ``awesome_*`` values and ``project`` of a Sphinx project's conf.py, as written."""
    from sphinx.errors import ConfigError

    from ..compat import read_conf

    conf = conf_dir / "conf.py"
    try:
        config = read_conf(conf_dir.resolve())
    except ConfigError as exc:
        raise UsageError(f"cannot read {conf}: {exc}") from exc
    except Exception as exc:  # the user's conf.py may raise anything
        raise UsageError(f"cannot read {conf}: {type(exc).__name__}: {exc}") from exc
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        add_config_value(config, setting.name, setting.default)
        values[setting.name] = getattr(config, setting.name)
    values["project"] = getattr(config, "project", None)
    return values


def read_settings(conf_dir: Path) -> tuple[AwesomeConfig, list[Problem]]:
    """The project's settings, read as the build reads them (the source directory is the
    conf.py's), and their problems placed at conf.py's lines or the category file's."""
    settings = read_config(conf_values(conf_dir), conf_dir)
    conf = conf_dir / "conf.py"
    problems = []
    for problem in settings.problems:
        if problem.path is None:
            place = (display_path(conf), conf_line(conf, problem.setting), 1)
        else:
            place = (display_path(conf_dir / problem.path), problem.line, problem.column)
        problems.append(Problem(Code.CONFIG, problem.message, *place))
    return settings, problems


def category_tree(categories: Mapping[str, Category]) -> CategoryTree:
    """The category tree as the exporters and ``check`` take it."""
    return {
        path: {"title": c.title, **({"description": c.description} if c.description else {})}
        for path, c in categories.items()
    }


#: Folders that hold a project's Sphinx sources rather than name the list.
SOURCE_FOLDERS = frozenset({"doc", "docs", "source", "src"})


def folder_title(conf_dir: Path | None) -> str:
    """The list's name when conf.py gives none: the folder of the project (above ``docs/``
    or ``docs/source/``), or the current folder when there is no conf.py."""
    folder = (conf_dir or Path.cwd()).resolve()
    while folder.name.lower() in SOURCE_FOLDERS and folder.parent != folder:
        folder = folder.parent
    return folder.name or "Awesome list"


def load_categories(file: Path, shown: str) -> tuple[CategoryTree, list[Problem]]:
    """A ``_categories.yaml`` named on the command line (path -> title or {title, description})."""
    tree, found = load_category_file(file, shown)
    problems = [Problem(Code.CONFIG, p.message, p.path or shown, p.line, p.column) for p in found]
    return category_tree(tree), problems


def collect(paths: Sequence[str], *, conf_dir: str | None = None, use_conf: bool = True) -> Project:
    """Load the entries named by *paths*, or the project's when *paths* is empty."""
    project = Project()
    config_dir = find_conf_dir(conf_dir) if use_conf else None
    patterns: list[str] = []
    project_files: list[Path] = []
    if config_dir is not None:
        settings, problems = read_settings(config_dir)
        project.problems.extend(problems)
        project.conf_dir = config_dir
        patterns = settings.entries
        project.venues = settings.venue_list()
        project.categories = category_tree(settings.categories) or None
        project.title = settings.title
        project.checks = settings.checks
        project.max_authors = settings.max_authors
        project_files = _project_files(project, config_dir, settings)

    if not paths:
        if config_dir is None:
            raise UsageError(
                "no PATH given and no conf.py found in docs/ or the current directory; name entry "
                "files or directories, or use --conf-dir"
            )
        if not patterns:
            raise UsageError(
                f"{display_path(config_dir / 'conf.py')} sets no awesome_entries; name entry files "
                f"or directories"
            )
        _load(project, _unique(project_files))
        return project

    named, trees = _named_files(project, paths, project_files, config_dir)
    for tree_file, shown in trees:
        tree, problems = load_categories(tree_file, shown)
        project.problems.extend(problems)
        if project.categories is None or config_dir is None:
            project.categories = {**(project.categories or {}), **tree}
        project.files.append(shown)

    named = _unique(named)
    if project_files:
        focus_keys = {_key(p) for p in named}
        context = [p for p in _unique(project_files) if _key(p) not in focus_keys]
        project.focus = {display_path(p) for p in named} | {shown for _, shown in trees}
        project.focus |= {display_path(raw) for raw in paths if not Path(raw).exists()}
        _load(project, context + named)
    else:
        _load(project, named)
    return project


def _named_files(
    project: Project, paths: Sequence[str], project_files: Sequence[Path], config_dir: Path | None
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The entry files and category trees (path, as shown) that *paths* name; what is
    skipped is noted, what is missing is a problem."""
    in_project = {_key(p) for p in project_files}
    named: list[Path] = []
    trees: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            named.extend(files_under(path))
            if (path / CATEGORIES_FILE).is_file():
                trees.append((path / CATEGORIES_FILE, display_path(path / CATEGORIES_FILE)))
        elif path.is_file():
            if path.name == CATEGORIES_FILE:
                trees.append((path, display_path(path)))
                continue
            if _hidden(path):
                project.notes.append(
                    f"skipped {display_path(path)}: hidden files are not entry files"
                )
                continue
            if in_project and _key(path) not in in_project and not path.name.startswith("_"):
                project.notes.append(
                    f"skipped {display_path(path)}: not matched by awesome_entries in "
                    f"{display_path(config_dir / 'conf.py') if config_dir else 'conf.py'} "
                    f"(--no-conf checks it)"
                )
                continue
            named.append(path)
        else:
            project.problems.append(
                Problem(Code.MISSING_FILE, "no such file or directory", display_path(path))
            )

    return named, trees


def _project_files(project: Project, conf_dir: Path, settings: AwesomeConfig) -> list[Path]:
    """The files the project's ``awesome_entries`` match, as the build finds them."""
    conf = conf_dir / "conf.py"
    files: list[Path] = []
    for pattern in settings.entries:
        found = scan(
            str(conf_dir),
            expand_pattern(conf_dir, pattern),
            allow_outside=settings.allow_outside_srcdir,
        )
        project.problems.extend(
            outside_problems(str(conf_dir), found.outside, lambda full: display_path(Path(full)))
        )
        if not found.stamps and not found.outside:
            message = f"awesome_entries pattern {pattern!r} matches no file"
            line = conf_line(conf, "awesome_entries", pattern)
            project.problems.append(Problem(Code.MISSING_FILE, message, display_path(conf), line))
        files.extend(conf_dir / path for path in found.stamps)
    return files


def _hidden(path: Path) -> bool:
    """Whether a path names a dot-file or lies in a dot-directory (``.github/``) below the
    current directory."""
    shown = Path(display_path(path))
    parts = (shown.name,) if shown.is_absolute() else shown.parts
    return any(part.startswith(".") and part not in (".", "..") for part in parts)


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _unique(paths: Sequence[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for path in paths:
        key = _key(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _load(project: Project, files: Sequence[Path]) -> None:
    for file in files:
        shown = display_path(file)
        result = load_file(file, shown, venues=project.venues)
        project.entries.extend(result.entries)
        project.problems.extend(result.problems)
        project.files.append(shown)

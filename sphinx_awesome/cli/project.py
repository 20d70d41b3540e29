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
import glob
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

from ..entries import CATEGORY_RE, Entry, load_file
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
    categories: CategoryTree | None = None
    focus: set[str] | None = None  # shown paths whose problems are reported; None: all
    title: str | None = None
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


def read_config(conf_dir: Path) -> dict[str, Any]:
    """The ``awesome_*`` settings and ``project`` of a Sphinx project's conf.py."""
    from sphinx.errors import ConfigError

    from ..compat import add_config_value, read_conf, sphinx_default

    try:
        config = read_conf(conf_dir.resolve())
    except ConfigError as exc:
        raise UsageError(f"cannot read {conf_dir / 'conf.py'}: {exc}") from exc
    except Exception as exc:  # the user's conf.py may raise anything
        raise UsageError(f"cannot read {conf_dir / 'conf.py'}: {type(exc).__name__}: {exc}") from exc  # fmt: skip
    defaults: dict[str, Any] = {
        "awesome_entries": [],
        "awesome_venues": None,
        "awesome_categories": {},
        "awesome_title": None,
    }
    values: dict[str, Any] = {}
    for name, default in defaults.items():
        add_config_value(config, name, default)
        values[name] = getattr(config, name)
    project = getattr(config, "project", None)
    # Sphinx's own default ("Project name not set") is no list's name.
    values["project"] = project if project != sphinx_default("project") else None
    return values


def list_title(config: Mapping[str, Any]) -> str | None:
    """The list's name from conf.py: ``awesome_title``, else ``project``."""
    for name in ("awesome_title", "project"):
        value = config.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


#: Folders that hold a project's Sphinx sources rather than name the list.
SOURCE_FOLDERS = frozenset({"doc", "docs", "source", "src"})


def folder_title(conf_dir: Path | None) -> str:
    """The list's name when conf.py gives none: the folder of the project (above ``docs/``
    or ``docs/source/``), or the current folder when there is no conf.py."""
    folder = (conf_dir or Path.cwd()).resolve()
    while folder.name.lower() in SOURCE_FOLDERS and folder.parent != folder:
        folder = folder.parent
    return folder.name or "Awesome list"


def normalise_tree(raw: Any) -> CategoryTree:
    """``awesome_categories`` as path -> {"title", "description"} (titles default to the
    path's last segment)."""
    tree: CategoryTree = {}
    if not isinstance(raw, Mapping):
        return tree
    for path, value in raw.items():
        if not isinstance(path, str):
            continue
        info: dict[str, str] = {}
        if isinstance(value, str):
            info["title"] = value
        elif isinstance(value, Mapping):
            for key in ("title", "description"):
                if isinstance(value.get(key), str) and value[key].strip():
                    info[key] = value[key].strip()
        info.setdefault("title", path.rsplit("/", 1)[-1])
        tree[path.strip("/")] = info
    return tree


def load_categories(file: Path, shown: str) -> tuple[CategoryTree, list[Problem]]:
    """Read a ``_categories.yaml`` (path -> title, or -> {title, description})."""
    problems: list[Problem] = []
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Problem(Code.YAML, f"cannot read the category tree: {exc}", shown)]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return {}, [Problem(Code.YAML, f"invalid YAML: {getattr(exc, 'problem', exc)}", shown, line)]  # fmt: skip
    if root is None:
        return {}, []
    if not isinstance(root, MappingNode):
        return {}, [Problem(Code.STRUCTURE, "the category tree should be a mapping of path to title", shown)]  # fmt: skip
    tree: CategoryTree = {}
    for key, value in root.value:
        line, column = key.start_mark.line + 1, key.start_mark.column + 1
        path = key.value.strip().strip("/") if isinstance(key, ScalarNode) else ""
        if not CATEGORY_RE.match(path):
            problems.append(Problem(Code.BAD_VALUE, f"category path {path or key.tag!r} is not a slug path such as 'distributed/auto-parallel'", shown, line, column))  # fmt: skip
            continue
        info: dict[str, str] = {}
        if isinstance(value, ScalarNode):
            info["title"] = str(value.value).strip()
        elif isinstance(value, MappingNode):
            for sub_key, sub_value in value.value:
                name = sub_key.value if isinstance(sub_key, ScalarNode) else None
                if name in ("title", "description") and isinstance(sub_value, ScalarNode):
                    info[name] = str(sub_value.value).strip()
                else:
                    problems.append(Problem(Code.UNKNOWN_FIELD, f"unknown category field {name!r} (expected 'title' or 'description')", shown, sub_key.start_mark.line + 1, sub_key.start_mark.column + 1))  # fmt: skip
        else:
            problems.append(Problem(Code.WRONG_TYPE, f"category {path!r} should map to a title or to {{title, description}}", shown, line, column))  # fmt: skip
            continue
        info["title"] = info.get("title") or path.rsplit("/", 1)[-1]
        tree[path] = info
    return tree, problems


def _conf_line(conf_file: Path, pattern: str) -> int:
    try:
        for number, line in enumerate(conf_file.read_text(encoding="utf-8").splitlines(), 1):
            if pattern in line:
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def collect(paths: Sequence[str], *, conf_dir: str | None = None, use_conf: bool = True) -> Project:
    """Load the entries named by *paths*, or the project's when *paths* is empty."""
    project = Project()
    config_dir = find_conf_dir(conf_dir) if use_conf else None
    patterns: list[str] = []
    if config_dir is not None:
        config = read_config(config_dir)
        project.conf_dir = config_dir
        raw_patterns = config["awesome_entries"]
        if isinstance(raw_patterns, str):
            raw_patterns = [raw_patterns]
        patterns = [p for p in raw_patterns or [] if isinstance(p, str)]
        if config["awesome_venues"]:
            project.venues = VenueList(config["awesome_venues"])
        raw_tree = config["awesome_categories"]
        if isinstance(raw_tree, str):  # a YAML file holding the tree, relative to conf.py
            tree, problems = load_categories(config_dir / raw_tree, display_path(config_dir / raw_tree))  # fmt: skip
            project.problems.extend(problems)
        else:
            tree = normalise_tree(raw_tree)
        project.categories = tree or None
        project.title = list_title(config)

    project_files: list[Path] = []
    if config_dir is not None:
        conf_file = config_dir / "conf.py"
        for pattern in patterns:
            matches = sorted(glob.glob(pattern, root_dir=config_dir, recursive=True))
            files = [config_dir / m for m in matches if (config_dir / m).is_file() and not Path(m).name.startswith(("_", "."))]  # fmt: skip
            if not files:
                project.problems.append(
                    Problem(
                        Code.MISSING_FILE,
                        f"awesome_entries pattern {pattern!r} matches no file",
                        display_path(conf_file),
                        _conf_line(conf_file, pattern),
                    )
                )
            project_files.extend(files)

    if not paths:
        if config_dir is None:
            raise UsageError("no PATH given and no conf.py found in docs/ or the current directory; name entry files or directories, or use --conf-dir")  # fmt: skip
        if not patterns:
            raise UsageError(f"{display_path(config_dir / 'conf.py')} sets no awesome_entries; name entry files or directories")  # fmt: skip
        _load(project, _unique(project_files))
        return project

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
                project.notes.append(f"skipped {display_path(path)}: hidden files are not entry files")  # fmt: skip
                continue
            if in_project and _key(path) not in in_project and not path.name.startswith("_"):
                project.notes.append(f"skipped {display_path(path)}: not matched by awesome_entries in {display_path(config_dir / 'conf.py') if config_dir else 'conf.py'} (--no-conf checks it)")  # fmt: skip
                continue
            named.append(path)
        else:
            project.problems.append(Problem(Code.MISSING_FILE, "no such file or directory", display_path(path)))  # fmt: skip

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

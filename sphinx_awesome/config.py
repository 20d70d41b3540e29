"""The ``awesome_*`` settings: declared once, and read by one reader for the build and the
``sphinx-awesome`` command alike (same defaults, same base folder, same messages).

:func:`read_config` never raises: a value of the wrong type, or an item of one, becomes a
:class:`SettingProblem` naming the setting, and the default (or the good part of the value)
is used instead. The build reports problems as warnings at the line of ``conf.py`` that sets
the value (or at the line of a category file); the command prints them as problems.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from sphinx.util import logging
from yaml.nodes import MappingNode, Node, ScalarNode

from .fields import COLUMNS as FIELD_COLUMNS
from .fields import KINDS
from .fieldtypes import CATEGORY_RE
from .problems import SEVERITIES, Code, did_you_mean
from .venues import BUILTIN_VENUES, VenueList

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The columns a table may show (from the fields' ``column``).
COLUMNS: tuple[str, ...] = tuple(FIELD_COLUMNS)
STYLES = ("default", "compact", "cards")
GROUP_BY = ("year", "venue", "category", "kind")
DEFAULT_COLUMNS = ["title", "venue", "year", "links"]
KINDS_ORDER = {kind: i for i, kind in enumerate(KINDS)}
DEFAULT_FEED_SIZE = 30
#: Sphinx's ``project`` when conf.py sets none: never a list's title.
UNSET_PROJECT = ("Project name not set", "Python")


@dataclass(frozen=True)
class Setting:
    """One ``awesome_*`` value: its default (as Sphinx registers it) and what it means."""

    name: str
    default: Any
    doc: str


SETTINGS = (
    Setting("awesome_entries", [], "glob patterns of the entry files, relative to the source"),
    Setting("awesome_venues", BUILTIN_VENUES, "canonical venue names with their aliases"),
    Setting("awesome_categories", {}, "the category tree, or the path of a YAML file of it"),
    Setting("awesome_default_columns", DEFAULT_COLUMNS, "columns of a table that names none"),
    Setting("awesome_table_style", "default", "default :style: of tables"),
    Setting("awesome_title", None, "the list's name (default: the project's)"),
    Setting("awesome_max_authors", 3, "authors a table row shows before 'et al.'"),
    Setting(
        "awesome_checks",
        {},
        "problem code or subtype -> 'error', 'warning', 'info' or 'off'",
    ),
    Setting(
        "awesome_feed",
        None,
        "path of an Atom feed of recently added entries, relative to the output (off when unset)",
    ),
    Setting("awesome_feed_size", DEFAULT_FEED_SIZE, "how many entries the Atom feed holds"),
    Setting(
        "awesome_allow_outside_srcdir",
        False,
        "read entry files that resolve outside the source directory (symbolic links, '..')",
    ),
    Setting(
        "awesome_sources",
        {},
        "other lists' published entries: name -> (base URL, local file or None), as intersphinx",
    ),
    Setting("awesome_sources_timeout", 10, "seconds to wait for a published entries file"),
    Setting("awesome_sources_cache_limit", 5, "days a fetched entries file is used unasked"),
)
#: A source's name, as ``paper-table:: name:`` and ``:paper:`name:id``` write it.
SOURCE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


@dataclass(frozen=True)
class Category:
    path: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class SourceSetting:
    """One item of ``awesome_sources``: where another list's published entries are read and
    where its rows are. *base* ends with ``/`` (an http(s) URL, or a path relative to the
    output's root); each of *locations* is a URL or a path relative to the source directory
    of the entries file, or ``None`` for the file at *base*; they are tried in order."""

    name: str
    base: str | None
    locations: tuple[str | None, ...] = (None,)


@dataclass(frozen=True)
class SettingProblem:
    """A bad setting value; *path*/*line* place it in a category file, else it is placed at
    the line of conf.py that sets *setting*."""

    setting: str
    message: str
    path: str | None = None
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return self.message


@dataclass
class AwesomeConfig:
    """The extension's settings, validated."""

    entries: list[str] = field(default_factory=list)
    venues: Mapping[str, list[str]] = field(default_factory=lambda: dict(BUILTIN_VENUES))
    categories: dict[str, Category] = field(default_factory=dict)
    default_columns: list[str] = field(default_factory=lambda: list(DEFAULT_COLUMNS))
    table_style: str = "default"
    title: str | None = None
    feed: str | None = None  # the Atom feed's path in the output, with '/' separators
    feed_size: int = DEFAULT_FEED_SIZE
    allow_outside_srcdir: bool = False
    max_authors: int = 3
    #: problem code -> severity, where awesome_checks changes the default
    checks: dict[Code, str] = field(default_factory=dict)
    sources: dict[str, SourceSetting] = field(default_factory=dict)
    sources_timeout: float | None = 10
    sources_cache_limit: float = 5
    problems: list[SettingProblem] = field(default_factory=list)

    @cached_property
    def _venue_list(self) -> VenueList:
        return VenueList(self.venues)

    def venue_list(self) -> VenueList:
        return self._venue_list

    def fingerprint(self) -> str:
        """Changes whenever a setting that affects how entry files are read changes."""
        data = {
            "venues": {k: list(v) for k, v in self.venues.items()},
            "categories": sorted(self.categories),
        }
        return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def rows_key(self) -> tuple[object, ...]:
        """Changes whenever a setting that decides which rows tables show changes (the
        default entry files and their order; venues and categories change the entries)."""
        return (tuple(self.entries), self.fingerprint())

    def render_key(self) -> tuple[object, ...]:
        """Changes whenever a setting that shapes rendered tables (not parsing) changes."""
        return (
            tuple((c.path, c.title) for c in self.categories.values()),
            tuple(self.default_columns),
            self.table_style,
            self.max_authors,
        )

    def category_title(self, path: str) -> str:
        category = self.categories.get(path)
        return category.title if category else path


# -- reading ---------------------------------------------------------------------------------


class _Reader:
    """Reads raw values into clean ones, collecting one problem per bad value or item."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.problems: list[SettingProblem] = []

    def problem(self, setting: str, message: str, **place: Any) -> None:
        self.problems.append(SettingProblem(setting, f"{setting}: {message}", **place))

    def strings(self, name: str, value: Any, what: str, of: str = "") -> list[str] | None:
        """A list of strings (one string counts as a list of one); ``None`` when the value
        is not a list at all (reported). *of* names the part of the setting (a key)."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            self.problem(name, f"{of}should be a list of {what}, not {_type(value)}; ignored")
            return None
        out, bad = [], []
        for index, item in enumerate(value, 1):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                bad.append(f"{index} ({item!r})")
        if bad:
            items = (
                f"item {bad[0]} is not a {what[:-1]}"
                if len(bad) == 1
                else (f"items {', '.join(bad)} are not {what}")
            )
            self.problem(name, f"{of}{items}; ignored")
        return out

    def entries(self, value: Any) -> list[str]:
        return self.strings("awesome_entries", value, "glob patterns") or []

    def venues(self, value: Any) -> dict[str, list[str]]:
        name = "awesome_venues"
        if isinstance(value, (list, tuple)):
            return {venue: [] for venue in self.strings(name, value, "venue names") or []}
        if not isinstance(value, Mapping):
            self.problem(
                name,
                f"should map canonical names to lists of aliases, not {_type(value)}; "
                "the built-in list is used",
            )
            return {k: list(v) for k, v in BUILTIN_VENUES.items()}
        out: dict[str, list[str]] = {}
        for venue, aliases in value.items():
            if not isinstance(venue, str) or not venue.strip():
                self.problem(name, f"venue name {venue!r} is not a string; ignored")
                continue
            if aliases is None:
                out[venue.strip()] = []
                continue
            listed = self.strings(name, aliases, "aliases", of=f"{venue!r}: ")
            if listed is None:
                listed = []
            out[venue.strip()] = listed
        return out

    def categories(self, value: Any) -> dict[str, Category]:
        name = "awesome_categories"
        if isinstance(value, str):  # a YAML file holding the tree, relative to the base
            tree, problems = load_category_file(self.base / value, shown=value)
            self.problems.extend(problems)
            return tree
        if not isinstance(value, Mapping):
            self.problem(
                name,
                f"should be a mapping of category path to title, or the path of a YAML file "
                f"of one, not {_type(value)}; ignored",
            )
            return {}
        tree = {}
        for path, info in value.items():
            category = self.category(path, info)
            if category is not None:
                tree[category.path] = category
        return tree

    def category(self, raw_path: Any, info: Any, **place: Any) -> Category | None:
        name = "awesome_categories"
        path = raw_path.strip().strip("/") if isinstance(raw_path, str) else ""
        if not CATEGORY_RE.match(path):
            self.problem(
                name,
                f"{raw_path!r} is not a category path (slugs joined by '/', such as "
                "'distributed/auto-parallel'); ignored",
                **place,
            )
            return None
        title, description = "", ""
        if isinstance(info, Mapping):
            for unknown in [k for k in info if k not in ("title", "description")]:
                self.problem(
                    name,
                    f"category {path!r}: unknown field {unknown!r} (expected 'title' and "
                    "'description'); ignored",
                    **place,
                )
            title = _text(info.get("title"))
            description = _text(info.get("description"))
        elif isinstance(info, (str, int, float)):
            title = _text(info)
        elif info is not None:
            self.problem(
                name,
                f"category {path!r} should map to a title or to {{title, description}}, "
                f"not {_type(info)}; its title is the path",
                **place,
            )
        return Category(path, title or default_category_title(path), description)

    def columns(self, value: Any) -> list[str]:
        name = "awesome_default_columns"
        listed = self.strings(name, value, "column names")
        if listed is None:
            return list(DEFAULT_COLUMNS)
        unknown = [c for c in listed if c not in COLUMNS]
        if unknown:
            self.problem(
                name,
                f"unknown column(s) {', '.join(unknown)} (columns: {', '.join(COLUMNS)})",
            )
        return [c for c in listed if c in COLUMNS] or list(DEFAULT_COLUMNS)

    def style(self, value: Any) -> str:
        if value in STYLES:
            return str(value)
        self.problem(
            "awesome_table_style", f"{value!r} is not one of {', '.join(STYLES)}; 'default' is used"
        )
        return "default"

    def checks(self, value: Any) -> dict[Code, str]:
        name = "awesome_checks"
        if not isinstance(value, Mapping):
            self.problem(name, f"should map problem codes to severities, not {_type(value)}")
            return {}
        out: dict[Code, str] = {}
        for key, level in value.items():
            code = Code.find(key) if isinstance(key, str) else None
            if code is None:
                names = [c.code for c in Code] + [c.subtype for c in Code]
                hint = did_you_mean(str(key), names)
                self.problem(name, f"unknown problem code {key!r}{hint}; ignored")
            elif level not in SEVERITIES:
                choices = ", ".join(map(repr, SEVERITIES))
                self.problem(name, f"{key!r}: severity {level!r} is not one of {choices}; ignored")
            else:
                out[code] = level
        return out

    def count(self, name: str, value: Any, default: int) -> int:
        """A whole number, 0 or more."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self.problem(
            name, f"should be a whole number, 0 or more, not {_type(value)}; {default} is used"
        )
        return default

    def flag(self, name: str, value: Callable[[str], Any]) -> bool:
        raw = value(name)
        if isinstance(raw, bool):
            return raw
        self.problem(name, f"should be True or False, not {_type(raw)}; False is used")
        return False

    def number(self, name: str, value: Any, default: float | None, positive: bool) -> Any:
        """A number (``None`` too, when *default* is); *positive*: above zero."""
        if value is None and default is None:
            return None
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if is_number and value == value and (value > 0 or not positive):  # not NaN
            return value
        shape = "a positive number" if positive else "a number"
        self.problem(name, f"should be {shape}, not {_type(value)}; {default} is used")
        return default

    def sources(self, value: Any) -> dict[str, SourceSetting]:
        name = "awesome_sources"
        if not isinstance(value, Mapping):
            self.problem(
                name,
                "should map names to (base URL, local file or None), as intersphinx_mapping "
                f"does, not {_type(value)}; ignored",
            )
            return {}
        out: dict[str, SourceSetting] = {}
        for key, item in value.items():
            if not isinstance(key, str) or not SOURCE_NAME_RE.match(key):
                self.problem(
                    name,
                    f"{key!r} is not a source name (letters, digits, '.', '_' and '-'); ignored",
                )
                continue
            source = self.source(key, item)
            if source is not None:
                out[key] = source
        return out

    def source(self, key: str, item: Any) -> SourceSetting | None:
        name = "awesome_sources"
        if isinstance(item, str):
            item = (item, None)
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            self.problem(
                name, f"{key!r} should be (base URL, local file or None), not {item!r}; ignored"
            )
            return None
        base, where = item
        if base is not None and not (isinstance(base, str) and base.strip()):
            self.problem(name, f"{key!r}: the base URL {base!r} is not a string; ignored")
            return None
        if base is not None:
            base = base.strip()
            if _SCHEME_RE.match(base) and not base.lower().startswith(("http://", "https://")):
                self.problem(name, f"{key!r}: the base URL {base!r} is not http(s); ignored")
                return None
            base = base if base.endswith("/") else base + "/"
        places = where if isinstance(where, (list, tuple)) else (where,)
        bad = [p for p in places if p is not None and not (isinstance(p, str) and p.strip())]
        if bad or not places:
            self.problem(
                name,
                f"{key!r}: the file {where!r} should be None, a path or URL, or a list of "
                "them; ignored",
            )
            return None
        locations = tuple(p.strip() if isinstance(p, str) else None for p in places)
        if base is None and None in locations:
            self.problem(name, f"{key!r} gives no base URL to read its entries from; ignored")
            return None
        return SourceSetting(key, base, locations)

    def title(self, value: Any, project: Any) -> str | None:
        if value is not None and not isinstance(value, str):
            self.problem("awesome_title", f"should be a string, not {_type(value)}; ignored")
            value = None
        if value and value.strip():
            return value.strip()
        if isinstance(project, str) and project.strip() and project not in UNSET_PROJECT:
            return project.strip()
        return None

    def feed(self, value: Any) -> str | None:
        name = "awesome_feed"
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            self.problem(name, f"should be a path such as 'feed.xml', not {_type(value)}; no feed")
            return None
        path = posixpath.normpath(value.strip().replace("\\", "/"))
        if path.startswith(("/", "../")) or path in (".", "..") or value.strip().endswith("/"):
            self.problem(
                name,
                f"{value!r} should be a file path inside the output directory, such as "
                "'feed.xml'; no feed",
            )
            return None
        return path

    def feed_size(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self.problem(
            "awesome_feed_size",
            f"should be a positive integer, not {_type(value)}; {DEFAULT_FEED_SIZE} is used",
        )
        return DEFAULT_FEED_SIZE


_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _type(value: Any) -> str:
    return f"{type(value).__name__} {value!r}" if not isinstance(value, Mapping) else "a mapping"


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def default_category_title(path: str) -> str:
    """The title of a declared category that gives none: its last path segment."""
    return path.rsplit("/", 1)[-1]


def read_config(values: Any, base: Path) -> AwesomeConfig:
    """The settings from *values* (Sphinx's config object, or a mapping of setting names to
    values, such as the command reads from conf.py); *base* is the source directory, against
    which relative paths (a category file) are resolved. Never raises."""
    get: Callable[[str, Any], Any]
    if isinstance(values, Mapping):
        get = values.get
    else:
        get = lambda name, default: getattr(values, name, default)  # noqa: E731
    defaults = {setting.name: setting.default for setting in SETTINGS}
    reader = _Reader(Path(base))

    def value(name: str) -> Any:
        return get(name, defaults[name])

    config = AwesomeConfig(
        entries=reader.entries(value("awesome_entries")),
        venues=reader.venues(value("awesome_venues")),
        categories=reader.categories(value("awesome_categories")),
        default_columns=reader.columns(value("awesome_default_columns")),
        table_style=reader.style(value("awesome_table_style")),
        title=reader.title(value("awesome_title"), get("project", None)),
        feed=reader.feed(value("awesome_feed")),
        feed_size=reader.feed_size(value("awesome_feed_size")),
        allow_outside_srcdir=reader.flag("awesome_allow_outside_srcdir", value),
        checks=reader.checks(value("awesome_checks")),
        max_authors=reader.count("awesome_max_authors", value("awesome_max_authors"), 3),
        sources=reader.sources(value("awesome_sources")),
        sources_timeout=reader.number(
            "awesome_sources_timeout", value("awesome_sources_timeout"), 10, positive=True
        ),
        sources_cache_limit=reader.number(
            "awesome_sources_cache_limit", value("awesome_sources_cache_limit"), 5, positive=False
        ),
    )
    config.problems = reader.problems
    return config


def load_category_file(file: Path, shown: str) -> tuple[dict[str, Category], list[SettingProblem]]:
    """A category tree from a YAML file (path -> title, or -> {title, description}), with a
    problem at the file's line for each bad item."""
    name = "awesome_categories"
    reader = _Reader(file.parent)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        reader.problem(name, f"cannot read {shown!r}: {reason}")
        return {}, reader.problems
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = " ".join(str(getattr(exc, "problem", None) or exc).split())
        reader.problem(
            name, f"cannot read {shown!r}: invalid YAML: {reason}", path=shown, line=line
        )
        return {}, reader.problems
    if root is None:
        return {}, []
    if not isinstance(root, MappingNode):
        reader.problem(
            name, f"{shown!r} should hold a mapping of category path to title", path=shown
        )
        return {}, reader.problems
    tree: dict[str, Category] = {}
    for key, value in root.value:
        place = {
            "path": shown,
            "line": key.start_mark.line + 1,
            "column": key.start_mark.column + 1,
        }
        raw_path = key.value if isinstance(key, ScalarNode) else key.tag
        info = _plain(value)
        if isinstance(value, MappingNode):  # unknown fields, each at its own line and column
            for field_key, _ in value.value:
                name_ = field_key.value if isinstance(field_key, ScalarNode) else field_key.tag
                if name_ not in ("title", "description"):
                    reader.problem(
                        name,
                        f"category {raw_path!r}: unknown field {name_!r} (expected 'title' "
                        "and 'description'); ignored",
                        path=shown,
                        line=field_key.start_mark.line + 1,
                        column=field_key.start_mark.column + 1,
                    )
                    info.pop(name_, None)
        category = reader.category(raw_path, info, **place)
        if category is not None:
            tree[category.path] = category
    return tree, reader.problems


def _plain(node: Node) -> Any:
    """A category's value as plain data (scalars as their text: no tags are constructed)."""
    if isinstance(node, ScalarNode):
        return None if node.tag.endswith(":null") else node.value
    if isinstance(node, MappingNode):
        return {k.value if isinstance(k, ScalarNode) else k.tag: _plain(v) for k, v in node.value}
    return [_plain(item) for item in node.value]


def conf_line(conf_file: Path, setting: str, item: str | None = None) -> int:
    """The line of *conf_file* that holds *item* (a value inside the setting, such as one
    pattern), else the line that assigns *setting*, else 1."""
    try:
        lines = conf_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    pattern = re.compile(rf"\s*{re.escape(setting)}\b")
    start = next((n for n, text in enumerate(lines, 1) if pattern.match(text)), 1)
    if item is not None:
        for number, text in enumerate(lines[start - 1 :], start):
            if item in text:
                return number
    return start


def warn_config(
    app: Sphinx, message: str, subtype: str, setting: str | None = None, item: str | None = None
) -> None:
    """A warning at the line of conf.py that sets *setting* (default: the message's first
    word), or that holds *item* of it."""
    name = setting or message.partition(":")[0].split()[0]
    conf = Path(app.confdir or ".", "conf.py")
    location = f"{conf}:{conf_line(conf, name, item)}"
    logger.warning(message, location=location, type="awesome", subtype=subtype)


def warn_config_problems(app: Sphinx) -> None:
    for problem in app.env.domains["awesome"].settings.problems:  # type: ignore[attr-defined]
        if problem.path is None:
            warn_config(app, problem.message, "config", problem.setting)
        else:
            path = Path(app.srcdir, problem.path)
            logger.warning(
                problem.message,
                location=f"{path}:{problem.line}",
                type="awesome",
                subtype="config",
            )


def setup_config(app: Sphinx) -> None:
    # Any type is accepted by Sphinx: the reader above checks each value and says what is
    # wrong with it in one warning, instead of Sphinx's generic type warning beside ours.
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, "env", types=Any)
    app.connect("builder-inited", warn_config_problems)

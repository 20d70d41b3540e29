"""The ``awesome_*`` configuration values, read into one typed object."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .entries import KINDS
from .venues import BUILTIN_VENUES, VenueList

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

COLUMNS = (
    "title", "venue", "year", "date", "authors", "links", "tags", "categories", "kind",
    "summary", "id", "added",
)  # fmt: skip
STYLES = ("default", "compact", "cards")
GROUP_BY = ("year", "venue", "category", "kind")
DEFAULT_COLUMNS = ["title", "venue", "year", "links"]
KINDS_ORDER = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Category:
    path: str
    title: str
    description: str = ""


@dataclass
class AwesomeConfig:
    """The extension's settings, validated once per build."""

    entries: list[str] = field(default_factory=list)
    venues: Mapping[str, list[str]] = field(default_factory=lambda: dict(BUILTIN_VENUES))
    categories: dict[str, Category] = field(default_factory=dict)
    default_columns: list[str] = field(default_factory=lambda: list(DEFAULT_COLUMNS))
    table_style: str = "default"
    problems: list[str] = field(default_factory=list)

    def venue_list(self) -> VenueList:
        return VenueList(self.venues)

    def fingerprint(self) -> str:
        """Changes whenever a setting that affects how entry files are read changes."""
        data = {
            "venues": {k: list(v) for k, v in self.venues.items()},
            "categories": sorted(self.categories),
        }
        return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def render_key(self) -> tuple[object, ...]:
        """Changes whenever a setting that shapes rendered tables (not parsing) changes."""
        return (
            tuple((c.path, c.title) for c in self.categories.values()),
            tuple(self.default_columns),
            self.table_style,
        )

    def category_title(self, path: str) -> str:
        category = self.categories.get(path)
        return category.title if category else path


def _categories(value: Any, srcdir: Path, problems: list[str]) -> dict[str, Category]:
    if isinstance(value, str):  # a YAML file holding the tree, relative to the source dir
        try:
            value = yaml.safe_load((srcdir / value).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            problems.append(f"awesome_categories: cannot read {value!r}: {exc}")
            return {}
    if not isinstance(value, Mapping):
        problems.append("awesome_categories should be a mapping of path to title")
        return {}
    tree: dict[str, Category] = {}
    for path, info in value.items():
        path = str(path).strip("/")
        if isinstance(info, Mapping):
            title = str(info.get("title") or path)
            description = str(info.get("description") or "")
        else:
            title, description = str(info or path), ""
        tree[path] = Category(path, title, description)
    return tree


def read_config(config: Config, srcdir: Path) -> AwesomeConfig:
    """Validate the ``awesome_*`` values; problems are kept for one warning each."""
    problems: list[str] = []
    entries = config.awesome_entries
    if isinstance(entries, str):
        entries = [entries]
    venues = config.awesome_venues
    if not isinstance(venues, Mapping):
        if isinstance(venues, (list, tuple)):
            venues = {str(name): [] for name in venues}
        else:
            problems.append("awesome_venues should map canonical names to lists of aliases")
            venues = dict(BUILTIN_VENUES)
    venues = {str(k): [str(a) for a in (v or ())] for k, v in venues.items()}
    columns = [c.strip() for c in config.awesome_default_columns if c.strip()]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        problems.append(f"awesome_default_columns: unknown column(s) {', '.join(unknown)}")
        columns = [c for c in columns if c in COLUMNS] or list(DEFAULT_COLUMNS)
    style = config.awesome_table_style
    if style not in STYLES:
        problems.append(f"awesome_table_style {style!r} is not one of {', '.join(STYLES)}")
        style = "default"
    return AwesomeConfig(
        entries=[str(p) for p in entries],
        venues=venues,
        categories=_categories(config.awesome_categories, srcdir, problems),
        default_columns=columns,
        table_style=style,
        problems=problems,
    )


def setup_config(app: Sphinx) -> None:
    app.add_config_value("awesome_entries", [], "env", types=(list, tuple, str))
    app.add_config_value("awesome_venues", dict(BUILTIN_VENUES), "env", types=(dict, list))
    app.add_config_value("awesome_categories", {}, "env", types=(dict, str))
    app.add_config_value("awesome_default_columns", list(DEFAULT_COLUMNS), "env", types=(list, tuple))  # fmt: skip
    app.add_config_value("awesome_table_style", "default", "env", types=(str,))


_cache: dict[int, tuple[tuple[object, ...], AwesomeConfig]] = {}


def _file_stamp(config: Config, srcdir: Path) -> tuple[int, int] | None:
    """When the category tree comes from a file, a change of that file is a new config."""
    if not isinstance(config.awesome_categories, str):
        return None
    try:
        stat = (srcdir / config.awesome_categories).stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def awesome_config(config: Config, srcdir: Path) -> AwesomeConfig:
    """:func:`read_config`, computed once per set of values (directives call it often)."""
    names = ("awesome_entries", "awesome_venues", "awesome_categories", "awesome_default_columns", "awesome_table_style")  # fmt: skip
    values = (str(srcdir), *(repr(getattr(config, name)) for name in names), _file_stamp(config, srcdir))
    cached = _cache.get(id(config))
    if cached is None or cached[0] != values:
        cached = (values, read_config(config, srcdir))
        _cache[id(config)] = cached
    return cached[1]

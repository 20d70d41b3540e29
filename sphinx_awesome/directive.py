"""The ``paper-table`` directive.

At read time the directive only validates its options and leaves a light placeholder: a
container holding an empty ``table`` node (so ``:name:``, ``:numref:`` and table numbering
work as for any table). The rows are chosen after all documents are read and expanded at
write time (see :mod:`sphinx_awesome.domain` and :mod:`sphinx_awesome.render`), so an
edited entry file never forces a document to be parsed again.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .config import COLUMNS, GROUP_BY, SOURCE_NAME_RE, STYLES
from .entry_files import expand_pattern
from .fields import COLUMN_ALIASES
from .filters import Filter, FilterError, compile_filter
from .problems import did_you_mean
from .sorting import SortError, parse_sort

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .query import TableSpec

logger = logging.getLogger(__name__)

DEFAULT_EMPTY = "No entries yet."
OPTIONS = (
    "filter",
    "sort",
    "columns",
    "group-by",
    "limit",
    "caption",
    "name",
    "style",
    "class",
    "empty",
    "no-index",
    "filter-box",
    "source",
)


class _AnyOption(dict[str, Callable[[str], Any]]):
    """An option spec that accepts every option, so unknown ones get our own warning."""

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True


class PaperTable(SphinxDirective):
    """``.. paper-table:: [entry files | source:]`` - a table of entries (see the user
    guide)."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = _AnyOption(
        {name: directives.unchanged for name in OPTIONS}
    )
    #: the options this directive knows, and what it shows (a subclass names its own)
    known_options: ClassVar[tuple[str, ...]] = OPTIONS
    shows = "table"

    def warn(self, message: str, subtype: str) -> None:
        # The source names the included file, not the including document, when the table
        # comes from an ``include`` (docutils keeps that path relative to the working dir).
        source, line = self.get_source_info()
        location = f"{os.path.abspath(source)}:{line}" if source else (self.env.docname, line)
        logger.warning(message, location=location, type="awesome", subtype=subtype)

    def run(self) -> list[nodes.Node]:
        from .query import TableSpec

        self._warn_unknown_options()
        source = self._source()
        spec = TableSpec(
            docname=self.env.docname,
            serial=self.env.new_serialno("awesome-table"),
            line=self.lineno,
            patterns=None if source else self._patterns(),
            no_index="no-index" in self.options,
            filter_box="filter-box" in self.options,
            source=source,
        )
        shown, spec.filter = self._filter()
        if not shown:
            return []
        if self.options.get("sort"):
            try:
                spec.sort = parse_sort(self.options["sort"])
            except SortError as exc:
                self.warn(
                    f"{self.name}: bad :sort: {self.options['sort']!r}: {exc}; rows keep file "
                    f"order",
                    "sort",
                )
        if self.options.get("columns"):
            spec.columns = self._columns(self.options["columns"])
        spec.group_by = self._choice("group-by", GROUP_BY)
        spec.style = self._choice("style", STYLES)
        if self.options.get("limit"):
            spec.limit = self._limit(self.options["limit"])
        if self.options.get("class"):
            spec.classes = tuple(directives.class_option(self.options["class"]))

        domain = self.env.domains["awesome"]
        domain.add_table(spec)  # type: ignore[attr-defined]
        return [self._placeholder(spec)]

    # -- option helpers ---------------------------------------------------------------------

    def _warn_unknown_options(self) -> None:
        for name in self.options:
            if name not in self.known_options:
                hint = did_you_mean(name, self.known_options, shown=lambda o: f"':{o}:'")
                self.warn(f"{self.name}: unknown option ':{name}:'{hint}; ignored", "option")

    def _filter(self) -> tuple[bool, Filter | None]:
        """The compiled ``:filter:`` (``None`` without one); ``False`` first when it is bad
        (warned: then nothing is shown)."""
        text = self.options.get("filter")
        if not (text and text.strip()):
            return True, None
        config = self.env.domains["awesome"].settings  # type: ignore[attr-defined]
        try:
            return True, compile_filter(text, config.venue_list())
        except FilterError as exc:
            message = f"{self.name}: bad filter {text!r}: {exc}; the {self.shows} is not shown"
            self.warn(message, "filter")
            return False, None

    def _patterns(self) -> tuple[str, ...] | None:
        if not self.arguments:
            if not self.env.domains["awesome"].settings.entries:  # type: ignore[attr-defined]
                self.warn(
                    f"{self.name}: no entry files: give a path or set awesome_entries",
                    "missing-file",
                )
            return None
        out = []
        for raw in self.arguments[0].split():
            if raw.startswith("/"):
                pattern = posixpath.normpath(raw.lstrip("/"))
            else:
                base = posixpath.dirname(self.env.docname)
                pattern = posixpath.normpath(posixpath.join(base, raw))
            if pattern.startswith("../") or pattern == "..":
                self.warn(
                    f"{self.name}: {raw!r} is outside the source directory; ignored", "missing-file"
                )
                continue
            if not expand_pattern(self.env.srcdir, pattern):
                hint = self._unmatched_hint(raw)
                self.warn(f"{self.name}: no entry file matches {raw!r}{hint}", "missing-file")
            out.append(pattern)
        return tuple(out)

    def _unmatched_hint(self, raw: str) -> str:
        """What an argument that matches no entry file may have meant."""
        return ""

    def _source(self) -> str | None:
        """The source named by ``:source: name`` or the argument ``name:``; unknown names
        warn (the table then shows its empty text)."""
        option = (self.options.get("source") or "").strip()
        argument = self.arguments[0].strip() if self.arguments else ""
        named = (
            argument[:-1] if argument.endswith(":") and SOURCE_NAME_RE.match(argument[:-1]) else ""
        )
        if option and argument and option != named:
            self.warn(
                f"paper-table: shows either :source: {option} or {argument!r}; the source is shown",
                "option",
            )
        name = option or named
        if not name:
            return None
        known = self.env.domains["awesome"].settings.sources  # type: ignore[attr-defined]
        if name not in known:
            self.warn(
                f"paper-table: unknown source {name!r}{did_you_mean(name, known)} (sources "
                "are named in awesome_sources); the table shows no entries",
                "source",
            )
        return name

    def _columns(self, text: str) -> tuple[str, ...] | None:
        columns = []
        for name in re.split(r"[\s,]+", text.strip()):
            if not name:
                continue
            name = COLUMN_ALIASES.get(name, name)  # ``tag`` for ``tags``, as in filters
            if name in COLUMNS:
                if name not in columns:
                    columns.append(name)
            else:
                hint = did_you_mean(name, COLUMNS)
                self.warn(f"{self.name}: unknown column {name!r}{hint}; ignored", "column")
        return tuple(columns) or None

    def _choice(self, option: str, choices: tuple[str, ...]) -> str | None:
        value = (self.options.get(option) or "").strip()
        if not value:
            return None
        if value in choices:
            return value
        self.warn(
            f"{self.name}: :{option}: {value!r} is not one of {', '.join(choices)}; ignored",
            "option",
        )
        return None

    def _limit(self, text: str) -> int | None:
        try:
            limit = int(text.strip())
        except ValueError:
            limit = 0
        if limit > 0:
            return limit
        self.warn(
            f"{self.name}: :limit: {text.strip()!r} is not a positive integer; ignored", "option"
        )
        return None

    def _placeholder(self, spec: TableSpec) -> nodes.Element:
        style = spec.style or self.env.domains["awesome"].settings.table_style  # type: ignore[attr-defined]
        # Every table sorts and cites; one with :filter-box: also gets the filter box and
        # facets (the table script reads the class).
        box = ["awesome-filter-box"] if spec.filter_box else []
        wrapper = nodes.container(
            classes=["awesome-paper-table", f"awesome-style-{style}", *box, *spec.classes]
        )
        table = nodes.table(classes=["awesome-table"], awesome_table=spec.key)
        self.set_source_info(table)
        if self.options.get("caption"):
            caption = self.options["caption"]
            text_nodes, messages = self.state.inline_text(caption, self.lineno)
            title = nodes.title(caption, "", *text_nodes)
            self.set_source_info(title)
            table += title
            wrapper += messages
        name = (self.options.get("name") or "").strip()
        if name:
            self.options["name"] = name
            self.add_name(table)
        wrapper += table
        # The empty state is parsed now (it may hold markup and references) and kept only
        # if the table turns out to have no rows.
        text = " ".join((self.options.get("empty") or DEFAULT_EMPTY).split())
        empty = nodes.container(classes=["awesome-empty"], awesome_empty=spec.key)
        text_nodes, messages = self.state.inline_text(text, self.lineno)
        empty += nodes.paragraph(text, "", *text_nodes)
        wrapper += messages
        wrapper += empty
        return wrapper


def setup_directive(app: Sphinx) -> None:
    app.add_directive("paper-table", PaperTable)

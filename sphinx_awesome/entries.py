"""Entry files: the YAML records of papers, posts, repos and sites.

:func:`load_text` turns the text of one entry file into :class:`Entry` objects and a list of
:class:`~sphinx_awesome.problems.Problem`; it never raises on bad input. What each field holds
and how it is read comes from :mod:`sphinx_awesome.fields`; the YAML is read safely by
:mod:`sphinx_awesome.yamlsafe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml import Mark
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import fields as model
from .fields import BY_NAME, KINDS, defaults
from .fieldtypes import (
    CATEGORY_RE,
    DATE_RE,
    LANG_RE,
    LINK_LABELS,
    SLUG_RE,
    Date,
    Link,
    collapse,
    link_url,
    slugify,
    text_of,
)
from .problems import Code, Problem, did_you_mean
from .venues import VenueList
from .yamlsafe import (
    CONSTRUCT_ERRORS,
    CORE_TAGS,
    MERGE_TAG,
    STR_TAG,
    NodeValues,
    UnreadableValue,
    compose,
    data_node,
)

__all__ = [
    "CATEGORY_RE",
    "DATE_RE",
    "FIELDS",
    "FIELD_NAMES",
    "ID_RE",
    "KINDS",
    "LANG_RE",
    "LINK_LABELS",
    "SLUG_RE",
    "Entry",
    "Link",
    "LoadResult",
    "link_url",
    "load_data",
    "load_file",
    "load_text",
    "slugify",
]

ID_RE = SLUG_RE
#: The names of the fields an entry file may give, in the order entry files list them.
FIELDS: tuple[str, ...] = model.NAMES
FIELD_NAMES = FIELDS
FIELDS_SET = frozenset(FIELD_NAMES)
#: The longest id: an entry file named after it (``<id>.yaml``) fits every file system.
MAX_ID_LENGTH = 200
_DEFAULTS = defaults()


class Entry:
    """One paper, post, repo or site, validated and normalised.

    Every field of :data:`~sphinx_awesome.fields.FIELDS` is an attribute (its type's default
    when the file does not give it); ``venue_as_written`` is the venue before normalising;
    ``path``, ``line`` and ``field_lines`` place the entry in its file. Entries are
    immutable and compare by their values, not by where they were read.
    """

    # The attributes the package reads by name (every field is an attribute; see FIELDS).
    id: str
    title: str
    kind: str
    authors: tuple[str, ...]
    venue: str | None
    venue_as_written: str | None
    year: int | None
    date: str | None
    links: tuple[Link, ...]
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    summary: str
    lang: str | None
    added: str | None
    path: str
    line: int
    field_lines: Mapping[str, int]

    def __init__(
        self,
        id: str,
        title: str,
        *,
        path: str = "",
        line: int = 1,
        field_lines: Mapping[str, int] | None = None,
        venue_as_written: str | None = None,
        **values: Any,
    ) -> None:
        unknown = values.keys() - FIELDS_SET
        if unknown:
            raise TypeError(f"Entry() got unknown field(s) {', '.join(sorted(unknown))}")
        state = self.__dict__
        state.update(_DEFAULTS)
        state.update(values)
        state.update(
            id=id,
            title=title,
            venue_as_written=venue_as_written,
            path=path,
            line=line,
            field_lines=dict(field_lines or {}),
        )

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"entries are immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"entries are immutable: cannot delete {name!r}")

    def _values(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("field_lines",)}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.id, self.title))

    def __repr__(self) -> str:
        return f"Entry(id={self.id!r}, title={self.title!r}, path={self.path!r})"

    def get(self, name: str) -> Any:
        """The value of field *name*."""
        return self.__dict__[name]

    @property
    def short_title(self) -> str:
        """The text before the first colon of the title, else the whole title."""
        return short_title(self.title)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    def link_place(self, link: Link) -> tuple[int, int]:
        """The 1-based line and column of *link*'s value in the entry file (the line of the
        ``links`` field for a link made elsewhere)."""
        return (link.line, link.column or 1) if link.line else (self.line_of("links"), 1)

    def as_dict(self) -> dict[str, Any]:
        """The entry as plain data in the entry-file format (for export and caching)."""
        data: dict[str, Any] = {"id": self.id, "title": self.title}
        derived_year = self.date is not None and "year" not in self.field_lines
        for spec in model.FIELDS:
            name = spec.name
            if name in ("id", "title") or (name == "year" and derived_year and self.field_lines):
                continue  # a year read from the date is not repeated
            value = self.venue or self.venue_as_written if name == "venue" else self.get(name)
            plain = spec.type.data(value)
            if plain is not None:
                data[name] = plain
        return data


@dataclass(slots=True)
class LoadResult:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # the file could not be read at all (try again next time)


class _Reader(NodeValues):
    """Builds entries from the composed YAML of one file, collecting problems."""

    def __init__(self, path: str, venues: VenueList | None) -> None:
        super().__init__()
        self.path = path
        self.venues = venues
        self.problems: list[Problem] = []

    def problem(self, code: Code, message: str, node: Node | None = None) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(Problem(code, message, self.path, line, column))

    def readable(self, name: str, node: Node) -> bool:
        """Whether a field's value can be built at all; reports it when not."""
        try:
            self.value(node)
        except ConstructorError as exc:
            reason = " ".join(str(exc.problem).split())
            message = f"'{name}': YAML value not allowed in entry files: {reason}"
            self.problem(Code.UNSAFE, f"{message}; the field is ignored", node)
            return False
        except UnreadableValue as exc:
            if isinstance(BY_NAME[name].type, Date):  # 2024-02-30: date-shaped, no such day
                value = getattr(node, "value", "")
                self.problem(Code.BAD_DATE, f"'{name}' {value!r} is not a date", node)
            else:
                message = f"'{name}': value cannot be read ({exc}); the field is ignored"
                self.problem(Code.WRONG_TYPE, message, node)
            return False
        return True

    def entry_id(
        self, node: Node | None, default_id: str | None, title: str, entry: Node
    ) -> str | None:
        """The entry's id: the one it gives when usable, else the file's stem (a one-entry
        file), else a slug of its short title; ``None`` (reported) when none is usable. An
        unusable id given in the file is always reported, never silently replaced."""
        fallback = usable_id(default_id) if default_id is not None else None
        if fallback is None and default_id is None:
            fallback = usable_id(short_title(title), derived=True)
        if node is not None:
            raw = text_of(self, "id", node)
            if raw and ID_RE.match(raw) and len(raw) <= MAX_ID_LENGTH:
                return raw
            fixed = usable_id(raw) if raw else None
            if fixed is not None:
                self.problem(Code.BAD_ID, f"id {raw!r} is not a slug; using {fixed!r}", node)
                return fixed
            if not raw:
                why = "is empty"
            elif len(raw) > MAX_ID_LENGTH:
                why = f"is longer than {MAX_ID_LENGTH} characters"
            else:
                why = "has no letters or digits a slug can keep"
            then = f"using {fallback!r}" if fallback else "the entry is skipped"
            self.problem(Code.BAD_ID, f"id {raw!r} {why}; {then}", node)
            return fallback
        if fallback is None:
            self.problem(Code.BAD_ID, f"entry {title!r} has no usable id; it is skipped", entry)
        return fallback

    def field_nodes(self, node: MappingNode) -> tuple[dict[str, Node], dict[str, int]]:
        """The entry's known, readable fields (name -> value node) and their lines (0 for
        fields that come from a YAML merge key)."""
        explicit = sum(1 for key, _ in node.value if key.tag != MERGE_TAG)
        self.flatten(node)
        merged = len(node.value) - explicit  # merged pairs come first; explicit keys win
        fields: dict[str, Node] = {}
        lines: dict[str, int] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            if not key_node.tag.startswith(CORE_TAGS):
                message = f"YAML tag {key_node.tag!r} not allowed in entry files"
                self.problem(Code.UNSAFE, f"{message}; the field is ignored", key_node)
                continue
            is_text = isinstance(key_node, ScalarNode) and key_node.tag == STR_TAG
            key = key_node.value if is_text else None
            if not isinstance(key, str):
                self.problem(Code.UNKNOWN_FIELD, "field names must be strings", key_node)
                continue
            if key not in FIELDS_SET:
                hint = did_you_mean(key, FIELD_NAMES)
                self.problem(Code.UNKNOWN_FIELD, f"unknown field {key!r}{hint}", key_node)
                continue
            if key in fields and index >= merged and lines[key] > 0:
                message = f"field {key!r} is given twice; the last one is used"
                self.problem(Code.WRONG_TYPE, message, key_node)
            if not self.readable(key, value_node):
                continue
            fields[key] = value_node
            lines[key] = key_node.start_mark.line + 1 if index >= merged else 0
        return fields, lines

    def entry(self, node: Node, default_id: str | None) -> Entry | None:
        if not node.tag.startswith(CORE_TAGS):
            message = f"YAML tag {node.tag!r} not allowed in entry files; the entry is skipped"
            self.problem(Code.UNSAFE, message, node)
            return None
        if not isinstance(node, MappingNode):
            self.problem(Code.STRUCTURE, "an entry should be a mapping of fields", node)
            return None
        fields, lines = self.field_nodes(node)
        title = text_of(self, "title", fields["title"]) if "title" in fields else None
        if not title:
            self.problem(Code.NO_TITLE, "entry has no title; it is skipped", node)
            return None
        title = collapse(title)
        entry_id = self.entry_id(fields.get("id"), default_id, title, node)
        if entry_id is None:
            return None
        values = {
            spec.name: spec.type.read(self, spec.name, fields[spec.name])
            for spec in model.FIELDS
            if spec.name in fields and spec.name not in ("id", "title")
        }
        self.derive(values, fields)
        return Entry(
            id=entry_id,
            title=title,
            path=self.path,
            line=node.start_mark.line + 1,
            field_lines={k: v for k, v in lines.items() if v},
            **values,
        )

    def derive(self, values: dict[str, Any], fields: dict[str, Node]) -> None:
        """The rules between fields: a venue is normalised (the spelling kept beside it), and
        a date gives the year when the entry gives none."""
        venue = values.get("venue")
        if venue:
            values["venue_as_written"] = venue
            values["venue"] = (self.venues.normalise(venue) if self.venues else None) or venue
        date = values.get("date")
        if date and int(date[:4]) < 1000:
            message = f"'date' {date!r} is before the year 1000; it gives no year"
            self.problem(Code.BAD_DATE, message, fields["date"])
        elif date and values.get("year") is None:
            values["year"] = int(date[:4])


def usable_id(text: str, *, derived: bool = False) -> str | None:
    """*text* as an id: itself when it is a slug of at most :data:`MAX_ID_LENGTH` characters,
    else its slug; ``None`` when no slug remains or (unless *derived*, which shortens a slug
    made from a title at a word) the slug is too long."""
    slug = text if ID_RE.match(text) else slugify(text)
    if len(slug) > MAX_ID_LENGTH:
        if not derived:
            return None
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0].rstrip("-._") or slug[:MAX_ID_LENGTH]
    return slug if slug and ID_RE.match(slug) else None


def short_title(title: str) -> str:
    """The text before the first colon of a title, else the whole title."""
    head, sep, _ = title.partition(":")
    return head.strip() if sep and head.strip() else title


def load_text(
    text: str, path: str, *, default_id: str | None = None, venues: VenueList | None = None
) -> LoadResult:
    """Entries and problems of one entry file's text; *path* is used in problems only.

    *default_id* (normally the file's stem) is the id of an entry in a one-entry file that
    gives none.
    """
    result = LoadResult()
    root = compose(text, path, result.problems)
    if root is None:
        return result
    reader = _Reader(path, venues)
    items: Iterator[tuple[Node, str | None]] = iter(())
    if isinstance(root, SequenceNode) and not root.tag.startswith(CORE_TAGS):
        message = f"YAML tag {root.tag!r} not allowed in entry files; the file is skipped"
        reader.problem(Code.UNSAFE, message, root)
    elif isinstance(root, MappingNode):
        items = iter([(root, default_id)])
    elif isinstance(root, SequenceNode):
        items = ((item, None) for item in root.value)
    else:
        message = "the file should hold a mapping (one entry) or a list of mappings"
        reader.problem(Code.STRUCTURE, message, root)
    for node, stem in items:
        entry = _entry_or_problem(reader, node, stem)
        if entry is not None:
            result.entries.append(entry)
    result.problems.extend(reader.problems)
    return result


def load_data(items: Sequence[Any], path: str, *, venues: VenueList | None = None) -> LoadResult:
    """Entries and problems of entries given as plain data (one mapping each, e.g. from
    JSON), read exactly as an entry file's; a problem's line is the item's 1-based place."""
    result = LoadResult()
    reader = _Reader(path, venues)
    for index, item in enumerate(items):
        mark = Mark(path, 0, index, 0, "", 0)
        try:
            node = data_node(item, mark)
        except (TypeError, RecursionError) as exc:
            message = f"entry cannot be read: {exc}; it is skipped"
            reader.problems.append(Problem(Code.STRUCTURE, message, path, index + 1))
            continue
        entry = _entry_or_problem(reader, node, None)
        if entry is not None:
            result.entries.append(entry)
    result.problems.extend(reader.problems)
    return result


def _entry_or_problem(reader: _Reader, node: Node, stem: str | None) -> Entry | None:
    """One entry; a value YAML's safe constructor refuses, or cannot build, skips it."""
    try:
        return reader.entry(node, stem)
    except ConstructorError as exc:
        mark = exc.problem_mark or node.start_mark
        reason = " ".join(str(exc.problem).split())
        message = f"YAML value not allowed in entry files: {reason}; the entry is skipped"
        problem = Problem(Code.UNSAFE, message, reader.path, mark.line + 1, mark.column + 1)
    except (RecursionError, UnreadableValue, *CONSTRUCT_ERRORS) as exc:
        message = f"entry cannot be read: {type(exc).__name__}: {exc}; it is skipped"
        problem = Problem(Code.STRUCTURE, message, reader.path, node.start_mark.line + 1)
    reader.problems.append(problem)
    return None


def load_file(
    file: Path, path: str | None = None, *, venues: VenueList | None = None
) -> LoadResult:
    """Load one entry file from disk; *path* is the name used in problems (default: *file*)."""
    shown = path if path is not None else str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        problem = Problem(Code.MISSING_FILE, f"cannot read entry file: {exc.strerror}", shown)
        return LoadResult(problems=[problem], unreadable=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"the file is not UTF-8 (byte {exc.start})"
        return LoadResult(problems=[Problem(Code.YAML, message, shown, line)])
    return load_text(text, shown, default_id=file.stem, venues=venues)


def duplicate_id_problems(entries: Iterable[Entry]) -> tuple[list[Entry], list[Problem]]:
    """Keep the first entry of each id (in the given order); report the others."""
    seen: dict[str, Entry] = {}
    kept: list[Entry] = []
    problems: list[Problem] = []
    for entry in entries:
        first = seen.get(entry.id)
        if first is None:
            seen[entry.id] = entry
            kept.append(entry)
        else:
            problems.append(duplicate_id_problem(entry, first))
    return kept, problems


def duplicate_id_problem(entry: Entry, first: Entry) -> Problem:
    """The problem of an entry whose id an earlier entry (*first*) already has."""
    message = (
        f"duplicate id {entry.id!r} (first at {first.path}:{first.line}); this entry is skipped"
    )
    return Problem(Code.DUPLICATE_ID, message, entry.path, entry.line, others=(first.path,))


def category_problems(entries: Iterable[Entry], tree: Mapping[str, Any]) -> list[Problem]:
    """Entries whose categories are not in a declared category tree."""
    if not tree:
        return []
    known = set(tree)
    problems = []
    for entry in entries:
        for category in entry.categories:
            if category not in known:
                hint = did_you_mean(category, known)
                message = f"category {category!r} is not in awesome_categories{hint}"
                problems.append(
                    Problem(Code.UNKNOWN_CATEGORY, message, entry.path, entry.line_of("categories"))
                )
    return problems


def category_matches(category: str, wanted: str) -> bool:
    """A category matches itself and its sub-categories."""
    return category == wanted or category.startswith(wanted.rstrip("/") + "/")

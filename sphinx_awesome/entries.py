"""Entry files: the YAML records of papers, posts, repos and sites.

:func:`load_text` turns the text of one entry file into :class:`Entry` objects and a list of
:class:`~sphinx_awesome.problems.Problem`; it never raises on bad input. Only YAML's safe
loader is used (the C one when PyYAML has it), and alias bombs are refused before any value
is built.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Code, Problem
from .venues import VenueList

try:  # the C loader is several times faster; the pure-Python one is equally safe
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KINDS = ("paper", "post", "repo", "site", "talk", "book", "course", "video")
LINK_LABELS = (
    "paper", "pdf", "arxiv", "doi", "code", "repo", "post", "site", "slides", "video", "docs",
    "project",
)  # fmt: skip
FIELDS = (
    "id", "title", "kind", "authors", "venue", "year", "date", "links", "tags", "categories",
    "summary", "lang", "added",
)  # fmt: skip

ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
SLUG_RE = ID_RE
CATEGORY_RE = re.compile(r"[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*\Z")
LANG_RE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\Z")
DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
DOI_RE = re.compile(r"10\.\d{4,9}/\S+\Z")
ARXIV_RE = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?\Z")

#: The longest id: an entry file named after it (``<id>.yaml``) fits every file system.
MAX_ID_LENGTH = 200
#: Expanded YAML size allowed per distinct node before a file counts as an alias bomb.
ALIAS_EXPANSION_LIMIT = 10


# Entries live in the pickled environment: plain (not slotted) dataclasses unpickle several
# times faster, which no-op rebuilds of large lists feel.
@dataclass(frozen=True)
class Link:
    """One labelled link. ``url`` is ``None`` when the value cannot be linked safely."""

    label: str
    value: str
    url: str | None


@dataclass(frozen=True)
class Entry:
    """One paper, post, repo or site, validated and normalised."""

    id: str
    title: str
    kind: str = "paper"
    authors: tuple[str, ...] = ()
    venue: str | None = None
    venue_as_written: str | None = None
    year: int | None = None
    date: str | None = None
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    summary: str = ""
    lang: str | None = None
    added: str | None = None
    path: str = ""
    line: int = 1
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def short_title(self) -> str:
        """The text before the first colon of the title, else the whole title."""
        return short_title(self.title)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    def as_dict(self) -> dict[str, Any]:
        """The entry as plain data in the entry-file format (for export and caching)."""
        data: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.kind != "paper":
            data["kind"] = self.kind
        if self.authors:
            data["authors"] = list(self.authors)
        if self.venue_as_written or self.venue:
            data["venue"] = self.venue or self.venue_as_written
        derived = self.date is not None and "year" not in self.field_lines and self.field_lines
        if self.year is not None and not derived:  # a year read from the date is not repeated
            data["year"] = self.year
        if self.date:
            data["date"] = self.date
        if self.links:
            data["links"] = {link.label: link.value for link in self.links}
        for name in ("tags", "categories"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        for name in ("summary", "lang", "added"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
#: Tags of YAML's core schema; a ``python/...`` tag starts with the same prefix.
_CORE_TAGS = tuple(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary", "merge", "omap", "pairs", "set", "value")  # fmt: skip
)
#: What PyYAML's safe constructors raise on impossible tagged values such as ``!!int x``.
_CONSTRUCT_ERRORS = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError)


class UnreadableValue(Exception):
    """A YAML value the safe constructor cannot build (reported, never raised to callers)."""


@dataclass(slots=True)
class LoadResult:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # the file could not be read at all (try again next time)


def slugify(text: str) -> str:
    """A slug made of lower-case ASCII letters, digits and ``.-_`` (may be empty); accents
    are dropped first, so "Résumé" gives "resume"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9._-]+", "-", text)
    return text.strip("-._")


def link_url(label: str, value: str) -> str | None:
    """The URL a link value points to, or ``None`` when it must not become a link."""
    value = value.strip()
    lower = value.lower()
    if lower.startswith(("https://", "http://")) and len(value) > len("https://"):
        return value
    if label == "doi":
        bare = re.sub(r"^(doi:|https?://(dx\.)?doi\.org/)", "", value, flags=re.I)
        if DOI_RE.match(bare):
            return "https://doi.org/" + bare
    if label == "arxiv":
        bare = re.sub(r"^arxiv:", "", value, flags=re.I)
        if ARXIV_RE.match(bare):
            return "https://arxiv.org/abs/" + bare
    return None


class _Reader:
    """Builds entries from the composed YAML of one file, collecting problems."""

    def __init__(self, path: str, venues: VenueList | None) -> None:
        self.path = path
        self.venues = venues
        self.problems: list[Problem] = []
        self.constructor = SafeConstructor()

    def problem(self, code: Code, message: str, node: Node | None = None, line: int = 1) -> None:
        if node is not None:
            line = node.start_mark.line + 1
            column = node.start_mark.column + 1
        else:
            column = 1
        self.problems.append(Problem(code, message, self.path, line, column))

    def value(self, node: Node) -> Any:
        """The Python value of a node; unsafe tags raise ``ConstructorError`` and impossible
        tagged values (``!!int x``) raise :class:`UnreadableValue`."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError:
            raise
        except _CONSTRUCT_ERRORS as exc:
            raise UnreadableValue(f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.constructor.constructed_objects.clear()
            self.constructor.recursive_objects.clear()

    def readable(self, name: str, node: Node) -> bool:
        """Whether a field's value can be built at all; reports it when not."""
        try:
            self.value(node)
        except ConstructorError as exc:
            reason = " ".join(str(exc.problem).split())
            self.problem(Code.UNSAFE, f"'{name}': YAML value not allowed in entry files: {reason}; the field is ignored", node)  # fmt: skip
            return False
        except UnreadableValue as exc:
            if name in ("date", "added"):  # e.g. 2024-02-30: date-shaped, but no such day
                self.problem(Code.BAD_DATE, f"'{name}' {getattr(node, 'value', '')!r} is not a date", node)  # fmt: skip
            else:
                self.problem(Code.WRONG_TYPE, f"'{name}': value cannot be read ({exc}); the field is ignored", node)  # fmt: skip
            return False
        return True

    # -- field readers: each returns the clean value or None (after reporting) --------------

    def text(self, name: str, node: Node, *, lenient: bool = False) -> str | None:
        """A string field; numbers and dates are kept as written (*lenient*: silently)."""
        if isinstance(node, ScalarNode):
            value = self.value(node)
            if isinstance(value, str):
                return value.strip()
            if value is None:
                return None
            if isinstance(value, (int, float, bool, dt.date)):
                if not lenient:
                    self.problem(Code.WRONG_TYPE, f"'{name}' should be a string; read {node.value!r} as text", node)  # fmt: skip
                return str(node.value).strip()
        self.problem(Code.WRONG_TYPE, f"'{name}' should be a string", node)
        return None

    def text_list(self, name: str, node: Node) -> list[tuple[str, Node]]:
        if isinstance(node, ScalarNode):
            one = self.text(name, node)
            if one is None:
                return []
            self.problem(Code.WRONG_TYPE, f"'{name}' should be a list; read it as [{one!r}]", node)
            return [(one, node)]
        if not isinstance(node, SequenceNode):
            self.problem(Code.WRONG_TYPE, f"'{name}' should be a list of strings", node)
            return []
        items = []
        for item in node.value:
            text = self.text(f"{name} item", item)
            if text:
                items.append((text, item))
        return items

    def slugs(self, name: str, node: Node, pattern: re.Pattern[str]) -> tuple[str, ...]:
        out: list[str] = []
        for text, item in self.text_list(name, node):
            if pattern.match(text):
                value = text
            else:
                if pattern is CATEGORY_RE:  # a path: each part becomes a slug
                    value = "/".join(slugify(part) for part in text.split("/") if slugify(part))
                else:
                    value = slugify(text.replace("/", "-"))
                if not value:
                    self.problem(Code.BAD_VALUE, f"'{name}' item {text!r} has no usable slug", item)
                    continue
                self.problem(Code.BAD_VALUE, f"'{name}' item {text!r} is not a slug; read as {value!r}", item)  # fmt: skip
            if value not in out:
                out.append(value)
        return tuple(out)

    def date(self, name: str, node: Node, allow_month: bool) -> str | None:
        if not isinstance(node, ScalarNode):
            self.problem(Code.BAD_DATE, f"'{name}' should be a date (YYYY-MM-DD)", node)
            return None
        value = self.value(node)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        match = DATE_RE.match(text)
        if match and (match.group(3) or allow_month):
            year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
            try:
                dt.date(year, month, day)
            except ValueError:
                pass
            else:
                return text
        shape = "YYYY-MM-DD or YYYY-MM" if allow_month else "YYYY-MM-DD"
        self.problem(Code.BAD_DATE, f"'{name}' {text!r} is not a date ({shape})", node)
        return None

    def year(self, node: Node) -> int | None:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            self.problem(Code.WRONG_TYPE, "'year' should be an integer such as 2024", node)
            return None
        if isinstance(value, str):
            if not re.fullmatch(r"\s*\d{4}\s*", value):
                self.problem(Code.WRONG_TYPE, f"'year' {value!r} is not a year", node)
                return None
            self.problem(Code.WRONG_TYPE, f"'year' should be an integer; read {value!r} as {int(value)}", node)  # fmt: skip
            value = int(value)
        if not 1000 <= value <= 9999:
            self.problem(Code.BAD_VALUE, f"'year' {value} is not a four-digit year", node)
            return None
        return value

    def links(self, node: Node) -> tuple[Link, ...]:
        if not isinstance(node, MappingNode):
            self.problem(Code.WRONG_TYPE, "'links' should be a mapping of label to URL", node)
            return ()
        out: list[Link] = []
        for key_node, value_node in node.value:
            label = self.text("link label", key_node)
            value = self.text("link", value_node, lenient=True)
            if not label or not value:
                continue
            label = label.lower()
            if label not in LINK_LABELS:
                hint = _did_you_mean(label, LINK_LABELS)
                self.problem(Code.BAD_VALUE, f"unknown link label {label!r}{hint}", key_node)
            url = link_url(label, value)
            if url is None:
                self.problem(Code.BAD_URL, f"link {label!r} is not an http(s) URL{' or a known id' if label in ('doi', 'arxiv') else ''}: {value!r}; it is not linked", value_node)  # fmt: skip
            out.append(Link(label, value, url))
        return tuple(out)

    # -- entries ------------------------------------------------------------------------------

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
            raw = self.text("id", node)
            if raw and ID_RE.match(raw) and len(raw) <= MAX_ID_LENGTH:
                return raw
            fixed = usable_id(raw) if raw else None
            if fixed is not None:
                self.problem(Code.BAD_ID, f"id {raw!r} is not a slug; using {fixed!r}", node)
                return fixed
            why = "is longer than 200 characters" if raw and len(raw) > MAX_ID_LENGTH else (
                "has no letters or digits a slug can keep" if raw else "is empty"
            )
            then = f"using {fallback!r}" if fallback else "the entry is skipped"
            self.problem(Code.BAD_ID, f"id {raw!r} {why}; {then}", node)
            return fallback
        if fallback is None:
            self.problem(Code.BAD_ID, f"entry {title!r} has no usable id; it is skipped", entry)
        return fallback

    def entry(self, node: Node, default_id: str | None) -> Entry | None:
        if not node.tag.startswith(_CORE_TAGS):
            self.problem(Code.UNSAFE, f"YAML tag {node.tag!r} not allowed in entry files; the entry is skipped", node)  # fmt: skip
            return None
        if not isinstance(node, MappingNode):
            self.problem(Code.STRUCTURE, "an entry should be a mapping of fields", node)
            return None
        explicit = sum(1 for key, _ in node.value if key.tag != _MERGE)
        self.constructor.flatten_mapping(node)  # YAML merge keys (<<: *base), as safe_load does
        merged = len(node.value) - explicit  # merged pairs come first; explicit keys win
        fields: dict[str, Node] = {}
        lines: dict[str, int] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            key = key_node.value if isinstance(key_node, ScalarNode) and key_node.tag == _STR else None  # fmt: skip
            if not key_node.tag.startswith(_CORE_TAGS):
                self.problem(Code.UNSAFE, f"YAML tag {key_node.tag!r} not allowed in entry files; the field is ignored", key_node)  # fmt: skip
                continue
            if not isinstance(key, str):
                self.problem(Code.UNKNOWN_FIELD, "field names must be strings", key_node)
                continue
            if key not in FIELDS:
                self.problem(Code.UNKNOWN_FIELD, f"unknown field {key!r}{_did_you_mean(key, FIELDS)}", key_node)  # fmt: skip
                continue
            if key in fields and index >= merged and lines[key] > 0:
                self.problem(Code.WRONG_TYPE, f"field {key!r} is given twice; the last one is used", key_node)  # fmt: skip
            if not self.readable(key, value_node):
                continue
            fields[key] = value_node
            lines[key] = key_node.start_mark.line + 1 if index >= merged else 0
        line = node.start_mark.line + 1

        title = self.text("title", fields["title"]) if "title" in fields else None
        if not title:
            self.problem(Code.NO_TITLE, "entry has no title; it is skipped", node)
            return None
        title = " ".join(title.split())

        entry_id = self.entry_id(fields.get("id"), default_id, title, node)
        if entry_id is None:
            return None

        values: dict[str, Any] = {}
        if "kind" in fields:
            kind = self.text("kind", fields["kind"])
            if kind and kind.lower() in KINDS:
                values["kind"] = kind.lower()
            elif kind:
                hint = _did_you_mean(kind.lower(), KINDS)
                self.problem(Code.BAD_VALUE, f"unknown kind {kind!r}{hint}; shown as 'paper'", fields["kind"])  # fmt: skip
        if "authors" in fields:
            values["authors"] = tuple(" ".join(a.split()) for a, _ in self.text_list("authors", fields["authors"]))  # fmt: skip
        if "venue" in fields:
            venue = self.text("venue", fields["venue"])
            if venue:
                values["venue_as_written"] = venue
                normal = self.venues.normalise(venue) if self.venues else None
                values["venue"] = normal or venue
        if "year" in fields:
            values["year"] = self.year(fields["year"])
        if "date" in fields:
            date = self.date("date", fields["date"], allow_month=True)
            values["date"] = date
            if date and int(date[:4]) < 1000:
                self.problem(Code.BAD_DATE, f"'date' {date!r} is before the year 1000; it gives no year", fields["date"])  # fmt: skip
            elif date and values.get("year") is None:
                values["year"] = int(date[:4])
        if "added" in fields:
            values["added"] = self.date("added", fields["added"], allow_month=False)
        if "links" in fields:
            values["links"] = self.links(fields["links"])
        if "tags" in fields:
            values["tags"] = self.slugs("tags", fields["tags"], SLUG_RE)
        if "categories" in fields:
            values["categories"] = self.slugs("categories", fields["categories"], CATEGORY_RE)
        if "summary" in fields:
            summary = self.text("summary", fields["summary"])
            values["summary"] = " ".join(summary.split()) if summary else ""
        if "lang" in fields:
            lang = self.text("lang", fields["lang"])
            if lang and LANG_RE.match(lang):
                values["lang"] = lang
            elif lang:
                self.problem(Code.BAD_VALUE, f"'lang' {lang!r} is not a BCP 47 language tag", fields["lang"])  # fmt: skip
        return Entry(
            id=entry_id, title=title, path=self.path, line=line,
            field_lines={k: v for k, v in lines.items() if v}, **values
        )


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


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _expanded_size(root: Node, limit: int) -> int:
    """Count nodes as if aliases were expanded, stopping once *limit* is passed."""
    count = 0
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            break
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return count


def _distinct_size(root: Node) -> int:
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return len(seen)


def yaml_reason(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """What a YAML error says, whole: its context (with the context's line when the problem
    is on another) and its problem, e.g. "found duplicate anchor 'a'; first occurrence
    (line 2); second occurrence" (libyaml leaves the anchor's name out: it is read from
    *text* at the problem's place)."""
    parts = []
    context = exc.context or ""
    if context.startswith("found duplicate anchor;") and exc.problem_mark is not None:
        found = re.match(r"&([^\s,\[\]{}]+)", text[exc.problem_mark.index :])
        if found:
            context = context.replace("anchor;", f"anchor {found.group(1)!r};", 1)
    if context:
        where = ""
        if exc.context_mark and (
            exc.problem_mark is None or exc.context_mark.line != exc.problem_mark.line
        ):
            where = f" (line {exc.context_mark.line + 1})"
        parts.append(f"{context}{where}")
    if exc.problem:
        parts.append(exc.problem)
    return " ".join("; ".join(parts).split()) or type(exc).__name__


def _compose(text: str, path: str, result: LoadResult) -> Node | None:
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        result.problems.append(Problem(Code.YAML, f"invalid YAML: {yaml_reason(exc, text)}", path, line, column))  # fmt: skip
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        result.problems.append(Problem(Code.YAML, f"invalid YAML: {reason}", path))
        return None
    if node is None:
        result.problems.append(Problem(Code.STRUCTURE, "the file holds no entries", path))
        return None
    distinct = _distinct_size(node)
    limit = ALIAS_EXPANSION_LIMIT * distinct + 1000
    if _expanded_size(node, limit) > limit:
        result.problems.append(
            Problem(Code.UNSAFE, "YAML aliases expand too far (alias bomb); the file is skipped", path)  # fmt: skip
        )
        return None
    return node


def load_text(
    text: str, path: str, *, default_id: str | None = None, venues: VenueList | None = None
) -> LoadResult:
    """Entries and problems of one entry file's text; *path* is used in problems only.

    *default_id* (normally the file's stem) is the id of an entry in a one-entry file that
    gives none.
    """
    result = LoadResult()
    root = _compose(text, path, result)
    if root is None:
        return result
    reader = _Reader(path, venues)
    items: Iterator[tuple[Node, str | None]]
    if isinstance(root, SequenceNode) and not root.tag.startswith(_CORE_TAGS):
        reader.problem(Code.UNSAFE, f"YAML tag {root.tag!r} not allowed in entry files; the file is skipped", root)  # fmt: skip
        items = iter(())
    elif isinstance(root, MappingNode):
        items = iter([(root, default_id)])
    elif isinstance(root, SequenceNode):
        items = ((item, None) for item in root.value)
    else:
        reader.problem(Code.STRUCTURE, "the file should hold a mapping (one entry) or a list of mappings", root)  # fmt: skip
        items = iter(())
    for node, stem in items:
        try:
            entry = reader.entry(node, stem)
        except ConstructorError as exc:
            mark = exc.problem_mark or node.start_mark
            reason = " ".join(str(exc.problem).split())
            reader.problems.append(
                Problem(Code.UNSAFE, f"YAML value not allowed in entry files: {reason}; the entry is skipped", path, mark.line + 1, mark.column + 1)  # fmt: skip
            )
            continue
        except (RecursionError, UnreadableValue, *_CONSTRUCT_ERRORS) as exc:
            line = node.start_mark.line + 1
            reader.problems.append(
                Problem(Code.STRUCTURE, f"entry cannot be read: {type(exc).__name__}: {exc}; it is skipped", path, line)  # fmt: skip
            )
            continue
        if entry is not None:
            result.entries.append(entry)
    result.problems.extend(reader.problems)
    return result


def load_file(file: Path, path: str | None = None, *, venues: VenueList | None = None) -> LoadResult:
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
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        return LoadResult(problems=[Problem(Code.YAML, f"the file is not UTF-8 (byte {exc.start})", shown, line)])  # fmt: skip
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
            problems.append(
                Problem(Code.DUPLICATE_ID, f"duplicate id {entry.id!r} (first at {first.path}:{first.line}); this entry is skipped", entry.path, entry.line)  # fmt: skip
            )
    return kept, problems


def category_problems(entries: Iterable[Entry], tree: Mapping[str, Any]) -> list[Problem]:
    """Entries whose categories are not in a declared category tree."""
    if not tree:
        return []
    known = set(tree)
    problems = []
    for entry in entries:
        for category in entry.categories:
            if category not in known:
                hint = _did_you_mean(category, known)
                problems.append(
                    Problem(Code.UNKNOWN_CATEGORY, f"category {category!r} is not in awesome_categories{hint}", entry.path, entry.line_of("categories"))  # fmt: skip
                )
    return problems


def category_matches(category: str, wanted: str) -> bool:
    """A category matches itself and its sub-categories."""
    return category == wanted or category.startswith(wanted.rstrip("/") + "/")

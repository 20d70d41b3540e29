"""The kinds of value an entry field holds, each with how it is read from YAML (and what is
wrong with a bad value), its entry-file form and its text.

A type's :meth:`FieldType.read` gets the field's YAML node and a :class:`NodeReader` (the
loader, which knows the file and collects problems); it returns the clean value, or ``None``
when there is none to keep (after reporting why).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Code, did_you_mean

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
CATEGORY_RE = re.compile(r"[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*\Z")
LANG_RE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\Z")
DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
DOI_RE = re.compile(r"10\.\d{4,9}/\S+\Z")
ARXIV_RE = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?\Z")
#: The link a table's title links to: the first of these labels an entry has.
TITLE_LINKS = ("paper", "pdf", "doi", "arxiv", "post", "site", "project", "repo", "code")
LINK_LABELS = (
    "paper",
    "pdf",
    "arxiv",
    "doi",
    "code",
    "repo",
    "post",
    "site",
    "slides",
    "video",
    "docs",
    "project",
)


class NodeReader(Protocol):
    """What a type needs from the loader: problems at a node, and a node's plain value."""

    def problem(self, code: Code, message: str, node: Node | None = None) -> None: ...

    def value(self, node: Node) -> Any: ...


def collapse(text: str) -> str:
    """*text* with runs of white space made one space, trimmed."""
    return " ".join(text.split())


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


@dataclass(frozen=True)
class Link:
    """One labelled link. ``url`` is ``None`` when the value cannot be linked safely; ``line``
    and ``column`` place the value in its entry file (0 when unknown)."""

    label: str
    value: str
    url: str | None
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


def text_of(r: NodeReader, name: str, node: Node, *, lenient: bool = False) -> str | None:
    """A string; numbers and dates are kept as written (reported unless *lenient*)."""
    if isinstance(node, ScalarNode):
        value = r.value(node)
        if isinstance(value, str):
            return value.strip()
        if value is None:
            return None
        if isinstance(value, (int, float, bool, dt.date)):
            if not lenient:
                message = f"'{name}' should be a string; read {node.value!r} as text"
                r.problem(Code.WRONG_TYPE, message, node)
            return str(node.value).strip()
    r.problem(Code.WRONG_TYPE, f"'{name}' should be a string", node)
    return None


def texts_of(r: NodeReader, name: str, node: Node, *, single: bool) -> list[tuple[str, Node]]:
    """A list of strings with their nodes; one string is a list of one (reported unless
    *single* allows it)."""
    if isinstance(node, ScalarNode):
        one = text_of(r, name, node)
        if not one:
            return []
        if not single:
            r.problem(Code.WRONG_TYPE, f"'{name}' should be a list; read it as [{one!r}]", node)
        return [(one, node)]
    if not isinstance(node, SequenceNode):
        shape = "a string or a list of strings" if single else "a list of strings"
        r.problem(Code.WRONG_TYPE, f"'{name}' should be {shape}", node)
        return []
    items = []
    for item in node.value:
        text = text_of(r, f"{name} item", item)
        if text:
            items.append((text, item))
    return items


class FieldType:
    """How one kind of value is read, written back to an entry file, and shown as text."""

    #: What the field holds, for the field reference.
    shape = ""
    #: The value of an entry that does not give the field.
    default: Any = None

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        raise NotImplementedError

    def data(self, value: Any) -> Any:
        """The value as entry-file data (``None``: the field is left out)."""
        return value if value not in (None, "", ()) else None

    def strings(self, value: Any) -> tuple[str, ...]:
        """The value as texts (what filters, search and exports see)."""
        if value in (None, ""):
            return ()
        return tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)

    def parse(self, text: str, separator: str = ", ") -> Any:
        """Entry-file data from plain text written by an export or a list (values joined by
        *separator*), or ``None`` when the text holds none this field can keep."""
        text = collapse(text)
        return text or None


class Text(FieldType):
    shape = "string"

    def __init__(self, default: Any = None) -> None:
        self.default = default

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        text = text_of(r, name, node)
        return collapse(text) if text else self.default


class Choice(FieldType):
    shape = "one of "

    def __init__(self, choices: tuple[str, ...], default: str) -> None:
        self.choices = choices
        self.default = default
        self.shape = "one of " + ", ".join(f"``{c}``" for c in choices)

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        text = text_of(r, name, node)
        if text and text.lower() in self.choices:
            return text.lower()
        if text:
            hint = did_you_mean(text.lower(), self.choices)
            r.problem(
                Code.BAD_VALUE, f"unknown {name} {text!r}{hint}; shown as {self.default!r}", node
            )
        return self.default

    def data(self, value: Any) -> Any:
        return value if value != self.default else None

    def parse(self, text: str, separator: str = ", ") -> Any:
        choice = collapse(text).lower()
        return choice if choice in self.choices else None


class Texts(FieldType):
    """A list of strings; *single* also takes one string as a list of one, silently."""

    default = ()

    def __init__(self, single: bool = False) -> None:
        self.single = single
        self.shape = "string or list of strings" if single else "list of strings"

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        return tuple(collapse(text) for text, _ in texts_of(r, name, node, single=self.single))

    def data(self, value: Any) -> Any:
        return list(value) if value else None

    def parse(self, text: str, separator: str = ", ") -> Any:
        parts = text.split(separator.strip() or separator) if separator else [text]
        values = [collapse(part) for part in parts if part.strip()]
        return values or None


class Slugs(Texts):
    """A list of slugs (tags), or of slug paths (categories, with *paths*)."""

    def __init__(self, paths: bool = False) -> None:
        super().__init__()
        self.pattern = CATEGORY_RE if paths else SLUG_RE
        self.paths = paths
        self.shape = "list of paths (``a/b``)" if paths else "list of slugs"

    def slug(self, text: str) -> str:
        if self.paths:  # each part of a path becomes a slug
            return "/".join(slugify(part) for part in text.split("/") if slugify(part))
        return slugify(text.replace("/", "-"))

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        out: list[str] = []
        for text, item in texts_of(r, name, node, single=False):
            value = text if self.pattern.match(text) else self.slug(text)
            if not value:
                r.problem(Code.BAD_VALUE, f"'{name}' item {text!r} has no usable slug", item)
                continue
            if value != text:
                message = f"'{name}' item {text!r} is not a slug; read as {value!r}"
                r.problem(Code.BAD_VALUE, message, item)
            if value not in out:
                out.append(value)
        return tuple(out)

    def parse(self, text: str, separator: str = ", ") -> Any:
        """Slugs in a comma- or semicolon-separated list (words made into slugs)."""
        out: list[str] = []
        for raw in re.split(r"[,;]", text):
            part = raw.strip()
            slug = part if self.pattern.match(part) else self.slug(part.replace(" ", "-"))
            if slug and self.pattern.match(slug) and slug not in out:
                out.append(slug)
        return out or None


class Year(FieldType):
    shape = "integer (four digits)"

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        value = r.value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            r.problem(Code.WRONG_TYPE, f"'{name}' should be an integer such as 2024", node)
            return None
        if isinstance(value, str):
            if not re.fullmatch(r"\s*\d{4}\s*", value):
                r.problem(Code.WRONG_TYPE, f"'{name}' {value!r} is not a year", node)
                return None
            message = f"'{name}' should be an integer; read {value!r} as {int(value)}"
            r.problem(Code.WRONG_TYPE, message, node)
            value = int(value)
        if not 1000 <= value <= 9999:
            r.problem(Code.BAD_VALUE, f"'{name}' {value} is not a four-digit year", node)
            return None
        return value

    def parse(self, text: str, separator: str = ", ") -> Any:
        found = re.search(r"\b(\d{4})\b", text)
        return int(found.group(1)) if found else None


class Date(FieldType):
    """``YYYY-MM-DD``, or also ``YYYY-MM`` with *months*."""

    def __init__(self, months: bool) -> None:
        self.months = months
        self.shape = "``YYYY-MM-DD`` or ``YYYY-MM``" if months else "``YYYY-MM-DD``"

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            r.problem(Code.BAD_DATE, f"'{name}' should be a date (YYYY-MM-DD)", node)
            return None
        value = r.value(node)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        parsed = self.parse(text)
        if parsed is not None:
            return parsed
        shape = "YYYY-MM-DD or YYYY-MM" if self.months else "YYYY-MM-DD"
        r.problem(Code.BAD_DATE, f"'{name}' {text!r} is not a date ({shape})", node)
        return None

    def parse(self, text: str, separator: str = ", ") -> Any:
        match = DATE_RE.fullmatch(text.strip())
        if not match or not (match.group(3) or self.months):
            return None
        try:
            dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            return None
        return match.group(0)


class Lang(FieldType):
    shape = "BCP 47 language tag"

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        text = text_of(r, name, node)
        if text and LANG_RE.match(text):
            return text
        if text:
            r.problem(Code.BAD_VALUE, f"'{name}' {text!r} is not a BCP 47 language tag", node)
        return None

    def parse(self, text: str, separator: str = ", ") -> Any:
        """A language tag, not a word that happens to look like one (``english``)."""
        text = text.strip()
        return text if LANG_RE.match(text) and len(text.split("-")[0]) <= 3 else None


class Links(FieldType):
    shape = "mapping of label to URL"
    default = ()

    def read(self, r: NodeReader, name: str, node: Node) -> Any:
        if not isinstance(node, MappingNode):
            r.problem(Code.WRONG_TYPE, f"'{name}' should be a mapping of label to URL", node)
            return ()
        out: list[Link] = []
        for key_node, value_node in node.value:
            label = text_of(r, "link label", key_node)
            value = text_of(r, "link", value_node, lenient=True)
            if not label or not value:
                continue
            label = label.lower()
            if label not in LINK_LABELS:
                hint = did_you_mean(label, LINK_LABELS)
                r.problem(Code.BAD_VALUE, f"unknown link label {label!r}{hint}", key_node)
            url = link_url(label, value)
            if url is None:
                known = " or a known id" if label in ("doi", "arxiv") else ""
                message = (
                    f"link {label!r} is not an http(s) URL{known}: {value!r}; it is not linked"
                )
                r.problem(Code.BAD_URL, message, value_node)
            mark = value_node.start_mark
            out.append(Link(label, value, url, mark.line + 1, mark.column + 1))
        return tuple(out)

    def data(self, value: Any) -> Any:
        return {link.label: link.value for link in value} if value else None

    def strings(self, value: Any) -> tuple[str, ...]:
        return tuple(link.url or link.value for link in value)

    def parse(self, text: str, separator: str = ", ") -> Any:
        return None  # links come from a list's link markup, never from plain text

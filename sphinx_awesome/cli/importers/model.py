"""What the HTML and Markdown readers hand to the shared importer.

A reader turns a file into :data:`Block` s (headings, paragraphs, list items, tables) whose
inline content is a list of :data:`Token` s (text, links, bold text, anchors). Everything
after that - tags, titles, kinds, ids, categories - is format-independent.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link; *image* when its text is only an image (a badge), *bare* for a plain URL."""

    text: str
    url: str
    image: bool = False
    bare: bool = False
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """``<a id="alpa"></a>``: an explicit entry id."""

    name: str


Token = Text | Link | Strong | Anchor


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    line: int
    marker: str | None = None  # ``<!-- category: path -->`` right after the heading


@dataclass(slots=True)
class Marker:
    path: str
    line: int


@dataclass(slots=True)
class Paragraph:
    text: str
    line: int


@dataclass(slots=True)
class ListItem:
    tokens: list[Token]
    line: int
    depth: int = 0
    group: int = 0  # items of one list share a group


@dataclass(slots=True)
class Row:
    cells: list[list[Token]]
    line: int


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[Row]
    line: int


Block = Heading | Marker | Paragraph | ListItem | Table


@dataclass(slots=True)
class Item:
    """One entry read from a row or a bullet, before ids are given out."""

    title: str
    path: str
    line: int
    kind: str | None = None
    authors: list[str] = field(default_factory=list)
    venue: str | None = None
    year: int | None = None
    date: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    summary: str = ""
    explicit_id: str | None = None
    title_is_marked: bool = False  # bold or linked title (a bullet that is surely an entry)


_PROTECT_BASE = 0xE000  # private-use stand-ins for backslash-escaped ASCII punctuation


def protect(char: str) -> str:
    """The stand-in of an escaped punctuation character: never syntax, restored later."""
    return chr(_PROTECT_BASE + ord(char)) if ord(char) < 128 else char


def unprotect(text: str) -> str:
    """*text* with the stand-ins of :func:`protect` turned back into their characters."""
    if not any(_PROTECT_BASE < ord(ch) < _PROTECT_BASE + 128 for ch in text):
        return text
    return "".join(chr(ord(ch) - _PROTECT_BASE) if _PROTECT_BASE < ord(ch) < _PROTECT_BASE + 128 else ch for ch in text)  # fmt: skip


class Unparsed(Exception):
    """A row or bullet that cannot become an entry; the message says why."""


def plain(tokens: list[Token]) -> str:
    """The text of *tokens*, links by their text, whitespace collapsed."""
    parts: list[str] = []
    for token in tokens:
        if isinstance(token, (Text, Strong)) or (isinstance(token, Link) and not token.image):
            parts.append(token.text)
    return " ".join("".join(parts).split())

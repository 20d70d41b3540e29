"""What the readers hand to the importer: a list's blocks, with their source lines.

Both formats go through one HTML reader (:mod:`.html`); Markdown is first rendered to HTML
by markdown-it (:mod:`.markdown`), as GitHub does. A block is a heading, a paragraph, a list
item or a table; its inline content is a list of tokens (text, bold text, links, images,
anchors and line breaks). Everything after that - what an item is, titles, venues, ids - is
format-independent.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Literal:
    """A backslash-escaped bracket or parenthesis in Markdown (``\\[``): never a tag."""

    text: str


@dataclass(frozen=True, slots=True)
class CodeText:
    """Code-formatted text (``Synergy``)."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold text (without links inside); *literal* when it held escaped characters."""

    text: str
    literal: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A link at *line*. *image*: its content is only images (a badge; *text* is then their
    alt text); *bare*: a plain URL in the text."""

    text: str
    url: str
    line: int
    image: bool = False
    bare: bool = False
    strong: bool = False
    src: str = ""  # the first image's source, for a badge
    literal: bool = False  # its text held escaped characters


@dataclass(frozen=True, slots=True)
class Image:
    """An image outside a link (a badge such as ``Conference-NeurIPS'23``)."""

    alt: str
    src: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """``<a id="alpa"></a>``: an explicit entry id; *data* is the entry data an exported
    README carries in the anchor (:mod:`sphinx_awesome.cli.readme_data`)."""

    name: str
    data: str | None = None


@dataclass(frozen=True, slots=True)
class Break:
    """A line break; *line* is the source line of what follows, *soft* for a newline
    inside a paragraph (Markdown), otherwise ``<br>``."""

    line: int
    soft: bool = False


Token = Text | Literal | CodeText | Strong | Link | Image | Anchor | Break


@dataclass(slots=True)
class Heading:
    level: int
    tokens: list[Token]
    line: int
    marker: str | None = None  # ``<!-- category: path -->`` right after the heading

    @property
    def text(self) -> str:
        return plain(self.tokens)


@dataclass(slots=True)
class Marker:
    path: str
    line: int


@dataclass(slots=True)
class Paragraph:
    tokens: list[Token]
    line: int


@dataclass(slots=True, eq=False)
class ListItem:
    """One bullet's own content (its nested lists are items of their own)."""

    tokens: list[Token]
    line: int
    depth: int = 0
    group: int = 0  # the items of one list share a group
    parent: ListItem | None = None


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
class Document:
    """The blocks of one file, and what its reader could not read (line, reason)."""

    blocks: list[Block] = field(default_factory=list)
    lost: list[tuple[int, str]] = field(default_factory=list)


def plain(tokens: list[Token] | tuple[Token, ...]) -> str:
    """The text of *tokens* (links by their text, badges left out), whitespace collapsed."""
    parts: list[str] = []
    for token in tokens:
        if isinstance(token, (Text, Literal, CodeText, Strong)) or (
            isinstance(token, Link) and not token.image
        ):
            parts.append(token.text)
        elif isinstance(token, Break):
            parts.append(" ")
    return " ".join("".join(parts).split())


def split_lines(tokens: list[Token]) -> list[list[Token]]:
    """*tokens* cut at its line breaks (soft and hard)."""
    lines: list[list[Token]] = [[]]
    for token in tokens:
        if isinstance(token, Break):
            lines.append([])
        else:
            lines[-1].append(token)
    return lines

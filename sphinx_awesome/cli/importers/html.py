"""Reading HTML lists (tables like the seed's, and ``<ul>``/``<ol>`` of links) into blocks.

Uses the standard library's :class:`html.parser.HTMLParser` to build a small, forgiving tree:
unclosed ``<td>``, ``<tr>``, ``<li>`` and ``<p>`` are closed where a browser would close them,
stray end tags are ignored, entities are decoded, and nesting deeper than
:data:`MAX_DEPTH` is flattened, so hostile input cannot exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import (
    Anchor,
    Block,
    Heading,
    Link,
    ListItem,
    Marker,
    Paragraph,
    Row,
    Strong,
    Table,
    Text,
    Token,
)

MAX_DEPTH = 200
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    ["p", "div", "section", "article", "main", "body", "html", "blockquote", "details", "summary", "center", "header", "footer", "nav", "aside", "figure", "figcaption", "dl", "dd", "dt", "form", "fieldset", "pre", "address"]
)  # fmt: skip
_SKIP = frozenset(
    ["script", "style", "head", "title", "template", "noscript", "svg", "math", "iframe", "object"]
)
_MARKER = re.compile(r"^\s*category:\s*(\S+)\s*$")


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)


@dataclass(eq=False)
class Comment:
    text: str
    line: int


class _TreeBuilder(HTMLParser):
    def __init__(self, line_offset: int) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset
        self.root = Node("#root", {}, 1 + line_offset)
        self.stack: list[Node] = [self.root]
        self.comments: list[Comment] = []

    def _line(self) -> int:
        return self.getpos()[0] + self.line_offset

    def _close_to(self, stop: set[str], closable: set[str]) -> None:
        """Pop open *closable* elements, not going past one of *stop*."""
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in stop:
                return
            if tag in closable:
                del self.stack[index:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):
            self._close_to({"tr", "table"}, {"td", "th"})
        elif tag == "tr":
            self._close_to({"table"}, {"tr"})
        elif tag == "li":
            self._close_to({"ul", "ol"}, {"li"})
        elif tag in _HEADINGS or tag in ("p", "table", "ul", "ol", "div"):
            self._close_to({"td", "th", "li", "table", "div"}, {"p"})
        node = Node(tag, {k: v or "" for k, v in attrs}, self._line())
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self._line())
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
            if tag in ("table", "ul", "ol") and self.stack[index].tag in ("table", "ul", "ol"):
                return  # never close past another list or table

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        comment = Comment(data, self._line())
        self.comments.append(comment)
        self.stack[-1].children.append(comment)  # type: ignore[arg-type]


def parse_tree(text: str, line_offset: int = 0) -> Node:
    builder = _TreeBuilder(line_offset)
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is very lenient
        pass
    return builder.root


def text_of(node: Node | str) -> str:
    """The text content of a node, whitespace collapsed."""
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            parts.append(current)
        elif isinstance(current, Node):
            if current.tag in _SKIP:
                continue
            if current.tag == "br":
                parts.append(" ")
            stack.extend(reversed(current.children))
    return " ".join("".join(parts).split())


def inline_tokens(node: Node, *, skip_lists: bool = False) -> list[Token]:
    """The inline content of an element as tokens (links, bold text, anchors, text)."""
    tokens: list[Token] = []

    def walk(current: Node, depth: int) -> None:
        for child in current.children:
            if isinstance(child, str):
                tokens.append(Text(child))
                continue
            if not isinstance(child, Node) or child.tag in _SKIP:
                continue
            if skip_lists and child.tag in ("ul", "ol"):
                continue
            if child.tag == "br":
                tokens.append(Text(" "))
            elif child.tag == "a":
                href = child.attrs.get("href", "").strip()
                name = child.attrs.get("id") or child.attrs.get("name")
                if name:
                    tokens.append(Anchor(name))
                if href:
                    label = text_of(child)
                    has_image = _has_tag(child, "img")
                    tokens.append(Link(label or href, href, image=has_image and not label))
                elif depth < MAX_DEPTH:
                    walk(child, depth + 1)
            elif child.tag in ("b", "strong") and not _has_tag(child, "a"):
                tokens.append(Strong(text_of(child)))
            elif depth < MAX_DEPTH:
                walk(child, depth + 1)

    walk(node, 0)
    return tokens


def _has_tag(node: Node, tag: str) -> bool:
    stack: list[Node | str] = list(node.children)
    while stack:
        current = stack.pop()
        if isinstance(current, Node):
            if current.tag == tag:
                return True
            stack.extend(current.children)
    return False


def table_block(node: Node) -> Table:
    """A table's header texts and rows (nested tables are not descended into)."""
    rows: list[Node] = []
    for child in node.children:  # document order; thead/tbody/tfoot are one level deep
        if isinstance(child, Node) and child.tag == "tr":
            rows.append(child)
        elif isinstance(child, Node) and child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child.children if isinstance(c, Node) and c.tag == "tr")
    header: list[str] = []
    out: list[Row] = []
    for row in rows:
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
        if not cells:
            continue
        if not header and not out and all(c.tag == "th" for c in cells):
            header = [text_of(c) for c in cells]
            continue
        out.append(Row([inline_tokens(c) for c in cells], cells[0].line))
    return Table(header, out, node.line)


def blocks_from_tree(root: Node) -> list[Block]:
    """The blocks of a parsed document in order (headings, tables, list items, paragraphs)."""
    blocks: list[Block] = []
    paragraph: list[Node | str] = []
    paragraph_line = [0]
    group = [0]

    def flush() -> None:
        if paragraph:
            holder = Node("p", {}, paragraph_line[0], list(paragraph))
            text = text_of(holder)
            if text:
                blocks.append(Paragraph(text, paragraph_line[0]))
            paragraph.clear()

    def add_list(node: Node, depth: int) -> None:
        group[0] += 1
        mine = group[0]
        for child in node.children:
            if isinstance(child, Node) and child.tag == "li":
                blocks.append(ListItem(inline_tokens(child, skip_lists=True), child.line, depth, mine))  # fmt: skip
                for sub in child.children:
                    if isinstance(sub, Node) and sub.tag in ("ul", "ol") and depth < MAX_DEPTH:
                        add_list(sub, depth + 1)

    def walk(node: Node, depth: int) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                match = _MARKER.match(child.text)
                if match:
                    flush()
                    if blocks and isinstance(blocks[-1], Heading) and blocks[-1].marker is None:
                        blocks[-1].marker = match.group(1)
                    else:
                        blocks.append(Marker(match.group(1), child.line))
                continue
            if isinstance(child, str):
                if child.strip() and not paragraph:
                    paragraph_line[0] = node.line
                paragraph.append(child)
                continue
            if child.tag in _SKIP:
                continue
            if child.tag in _HEADINGS:
                flush()
                blocks.append(Heading(_HEADINGS[child.tag], text_of(child), child.line))
            elif child.tag == "table":
                flush()
                blocks.append(table_block(child))
            elif child.tag in ("ul", "ol"):
                flush()
                add_list(child, 0)
            elif child.tag in _BLOCKS or child.tag == "#root":
                flush()
                if depth < MAX_DEPTH:
                    walk(child, depth + 1)
                flush()
            else:
                if not paragraph:
                    paragraph_line[0] = child.line
                paragraph.append(child)

    walk(root, 0)
    flush()
    return blocks


def parse_html(text: str, line_offset: int = 0) -> list[Block]:
    """The blocks of an HTML document (or fragment)."""
    return blocks_from_tree(parse_tree(text, line_offset))

"""Reading HTML (a list written in HTML, or Markdown rendered to HTML) into blocks.

The document is parsed by lxml's HTML parser (libxml2), which closes unclosed ``<td>``,
``<tr>``, ``<li>`` and ``<p>`` as browsers do and decodes entities, and is then walked
without recursion, so deep nesting costs no stack. Every block and link keeps its source
line: lxml's ``sourceline`` for HTML files; for rendered Markdown the ``data-line``
attributes and ``<!--aw-line:N-->`` markers that :mod:`.markdown` writes.

Nothing is dropped silently: links the parser could not place in the tree (markup nested
deeper than libxml2 reads) are returned in :attr:`Document.lost`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

from lxml import etree

from ..readme_data import ATTRIBUTE
from .document import (
    Anchor,
    Block,
    Break,
    CodeText,
    Document,
    Heading,
    Image,
    Link,
    ListItem,
    Literal,
    Marker,
    Paragraph,
    Row,
    Strong,
    Table,
    Text,
    Token,
    plain,
)

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP = frozenset(
    [
        "script",
        "style",
        "head",
        "title",
        "template",
        "noscript",
        "svg",
        "math",
        "iframe",
        "object",
        "pre",
        "textarea",
        "select",
        "button",
    ]
)
_CONTAINERS = frozenset(
    [
        "body",
        "html",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "details",
        "center",
        "header",
        "footer",
        "nav",
        "aside",
        "figure",
        "dl",
        "form",
        "fieldset",
        "address",
        "hgroup",
    ]
)
_PARAGRAPHS = frozenset(["p", "summary", "dt", "dd", "figcaption", "caption", "legend"])
_CELL_BREAKS = frozenset(
    ["p", "div", "li", "ul", "ol", "blockquote", "hr", "tr", "table", *_HEADINGS]
)
_LINE_MARKER = re.compile(r"aw-line:(\d+)")
_CATEGORY_MARKER = re.compile(r"^\s*category:\s*(\S+)\s*$")
_CLAMPED = 65535  # libxml2 stores line numbers in 16 bits
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


@dataclass(eq=False)
class _Context:
    """An open element that collects inline tokens (a paragraph, cell, item, link...)."""

    kind: str
    tokens: list[Token] = field(default_factory=list)
    block: Any = None
    line: int = 0
    url: str = ""
    depth: int = 0


def parse_tree(text: str) -> tuple[Any, dict[Any, int]]:
    """The lxml tree of *text*, and the lines of nodes past libxml2's 16-bit line counter."""
    parser = etree.HTMLParser(
        huge_tree=True, recover=True, remove_comments=False, encoding="utf-8"
    )  # bytes in a known encoding: an encoding declaration in the text is no error
    root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser) if text.strip() else None
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser)
    late = _late_lines(text, root) if text.count("\n") >= _CLAMPED - 1 else {}
    return root, late


class _StartTags(HTMLParser):
    """The source line of every start tag and comment, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.found.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self.found.append((tag, self.getpos()[0]))

    def handle_comment(self, data: str) -> None:
        self.found.append(("#comment", self.getpos()[0]))


def _late_lines(text: str, root: Any) -> dict[Any, int]:
    """Exact lines of the nodes libxml2 numbers 65535 or more: the tree's elements and
    comments matched in order with the start tags the standard library's tokenizer finds
    (elements the parser implied, such as ``<body>``, match no tag and keep their
    parent's line)."""
    tokenizer = _StartTags()
    tokenizer.feed(text)
    tokenizer.close()
    tags = tokenizer.found
    late: dict[Any, int] = {}
    cursor = 0
    for node in root.iter():
        name = "#comment" if not isinstance(node.tag, str) else node.tag.lower()
        for ahead in range(cursor, min(cursor + 8, len(tags))):
            if tags[ahead][0] == name:
                line, cursor = tags[ahead][1], ahead + 1
                break
        else:
            parent = node.getparent()
            line = late.get(parent) or (parent.sourceline if parent is not None else 1) or 1
        if (node.sourceline or 0) >= _CLAMPED:
            late[node] = line
    return late


class _Walker:
    """Turns the tree into blocks, in document order, with an explicit stack."""

    def __init__(self, late: dict[Any, int], markdown: bool) -> None:
        self.late = late
        self.markdown = markdown
        self.blocks: list[Block] = []
        self.stack: list[_Context] = [_Context("container")]
        self.groups = 0
        self.anchor: tuple[int, int | None] = (1, 0)  # (line, rendered line) or (line, None)
        self.last_line = 1

    # -- lines -----------------------------------------------------------------------------------

    def line_of(self, node: Any) -> int:
        """The source line where *node* starts."""
        if isinstance(node.tag, str):
            data_line = node.get("data-line")
            if data_line and data_line.isdigit():
                self.anchor = (int(data_line), None)
                return int(data_line)
        rendered = self.late.get(node) or node.sourceline or 1
        line, base = self.anchor
        if base is None:
            return line
        return max(1, line + rendered - base - 1) if self.markdown else rendered

    # -- stack -----------------------------------------------------------------------------------

    def target(self) -> _Context:
        """The innermost context that takes inline tokens."""
        return self.stack[-1]

    def add(self, token: Token) -> None:
        context = self.target()
        if context.kind == "container" and not context.tokens:
            context.line = self.last_line
        context.tokens.append(token)

    def add_text(self, text: str | None) -> None:
        if text:
            context = self.target()
            if context.kind in ("list", "table", "row"):
                return  # whitespace between items, rows and cells
            if context.kind == "container" and not context.tokens:
                context.line = self.last_line
            context.tokens.append(Text(text))

    def inside(self, *kinds: str) -> _Context | None:
        for context in reversed(self.stack):
            if context.kind in kinds:
                return context
        return None

    def flush(self, context: _Context) -> None:
        """Loose inline content of a container becomes a paragraph."""
        if context.kind == "container" and context.tokens:
            if plain(context.tokens) or any(isinstance(t, (Link, Anchor)) for t in context.tokens):
                self.blocks.append(Paragraph(list(context.tokens), context.line or 1))
            context.tokens.clear()

    def open_block(self) -> None:
        """A block element starts: the enclosing container's loose text ends."""
        self.flush(self.stack[-1])

    # -- elements --------------------------------------------------------------------------------

    def owner(self) -> _Context:
        """The innermost context that is not a link or bold text."""
        for context in reversed(self.stack):
            if context.kind not in ("link", "strong", "code"):
                return context
        return self.stack[0]

    def start(self, node: Any, walker: Any) -> _Context | None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        line = self.line_of(node)
        self.last_line = line
        if tag in _SKIP:
            walker.skip_subtree()
            return None
        if tag == "a":
            return self.start_link(node, line)
        if tag in ("b", "strong"):
            return _Context("strong", line=line)
        if tag in ("code", "kbd", "tt", "samp"):
            return _Context("code", line=line)
        if tag == "span" and node.get("data-escaped") is not None:
            self.add(Literal(node.text or ""))
            walker.skip_subtree()
            return None
        if tag == "img":
            self.add(Image(node.get("alt") or "", (node.get("src") or "").strip()))
            return None
        if tag == "br":
            self.add(Break(line, soft=node.get("data-soft") is not None))
            return None
        if tag == "input":
            return None
        owner = self.owner()
        inline = owner is not self.stack[-1] or owner.kind in ("cell", "heading", "para")
        if owner.kind == "item" and tag not in ("ul", "ol", "menu", "li", "table"):
            inline = True
        if inline:
            blocky = tag in _CELL_BREAKS or tag in _PARAGRAPHS or tag in _CONTAINERS
            if blocky and self.has_content(self.target()):
                self.add(Break(line))
            return None
        return self.start_block(tag, node, line)

    @staticmethod
    def has_content(context: _Context) -> bool:
        return bool(plain(context.tokens)) or any(isinstance(t, Link) for t in context.tokens)

    def start_link(self, node: Any, line: int) -> _Context | None:
        name = node.get("id") or node.get("name")
        if name:
            self.add(Anchor(name, node.get(ATTRIBUTE)))
        href = node.get("href")
        if href is None:
            return None
        return _Context("link", line=line, url=href.strip())

    def start_block(self, tag: str, node: Any, line: int) -> _Context | None:
        if tag in _HEADINGS:
            self.open_block()
            heading = Heading(_HEADINGS[tag], [], line)
            self.blocks.append(heading)
            return _Context("heading", tokens=heading.tokens, line=line)
        if tag in ("ul", "ol", "menu"):
            self.open_block()
            self.groups += 1
            depth = sum(1 for c in self.stack if c.kind == "list")
            return _Context("list", line=line, depth=depth, block=self.groups)
        if tag == "li":
            self.open_block()
            lists = self.inside("list")
            parent = self.inside("item")
            item = ListItem(
                [],
                line,
                depth=lists.depth if lists else 0,
                group=lists.block if lists else 0,
                parent=parent.block if parent else None,
            )
            self.blocks.append(item)
            return _Context("item", tokens=item.tokens, block=item, line=line)
        if tag == "table":
            self.open_block()
            return _Context("table", block=Table([], [], line), line=line)
        if tag == "tr":
            return _Context("row", block=Row([], line), line=line)
        if tag in ("td", "th"):
            return _Context("cell", line=line, url=tag)
        if tag in _PARAGRAPHS:
            self.open_block()
            return _Context("para", line=line)
        if tag in _CONTAINERS or tag == "hr":
            self.open_block()
            return _Context("container", line=line)
        return None  # an inline element: its text goes to the enclosing context

    def end(self, context: _Context) -> None:
        kind = context.kind
        if kind == "link":
            self.end_link(context)
        elif kind == "strong":
            self.end_strong(context)
        elif kind == "code":
            text = plain(context.tokens)
            if text:
                self.add(CodeText(text))
        elif kind == "para":
            if context.tokens:
                self.blocks.append(Paragraph(context.tokens, context.line))
        elif kind == "cell":
            row = self.inside("row")
            if row is not None:
                row.block.cells.append(context.tokens)
                row.depth += context.url == "th"
        elif kind == "row":
            self.end_row(context)
        elif kind == "table":
            self.blocks.append(context.block)
        elif kind == "container":
            self.flush(context)

    def end_link(self, context: _Context) -> None:
        text = plain(context.tokens)
        images = [t for t in context.tokens if isinstance(t, Image)]
        alt = " ".join(i.alt for i in images if i.alt)
        for token in context.tokens:
            if isinstance(token, Anchor):
                self.add(token)
        link = Link(
            text or alt,
            context.url,
            context.line,
            image=not text and bool(images),
            strong=self.inside("strong") is not None,
            src=images[0].src if images else "",
            literal=any(isinstance(t, Literal) for t in context.tokens),
        )
        self.add(link)

    def end_strong(self, context: _Context) -> None:
        if any(isinstance(t, Link) for t in context.tokens):
            for token in context.tokens:  # "**[Title](url)**": a bold link
                self.add(replace(token, strong=True) if isinstance(token, Link) else token)
            return
        self.target().tokens.extend(t for t in context.tokens if isinstance(t, (Anchor, Image)))
        text = plain(context.tokens)
        if text:
            literal = any(isinstance(t, Literal) for t in context.tokens)
            self.add(Strong(text, literal=literal))

    def end_row(self, context: _Context) -> None:
        table = self.inside("table")
        row: Row = context.block
        if table is None or not row.cells:
            return
        header_row = context.depth == len(row.cells)
        block: Table = table.block
        if header_row and not block.header and not block.rows:
            block.header = [plain(cell) for cell in row.cells]
        else:
            block.rows.append(row)

    def walk(self, root: Any) -> None:
        walker = etree.iterwalk(root, events=("start", "end", "comment"))
        opened: list[tuple[Any, _Context | None]] = []
        for event, node in walker:
            if event == "comment":
                self.comment(node)
                self.add_text(node.tail)
            elif event == "start":
                context = self.start(node, walker)
                opened.append((node, context))
                if context is not None:
                    self.stack.append(context)
                if node.tag in _SKIP or node.get("data-escaped") is not None:
                    continue
                self.add_text(node.text)
            else:
                if not opened or opened[-1][0] is not node:
                    continue  # a skipped subtree's end
                _node, context = opened.pop()
                if context is not None:
                    self.stack.pop()
                    self.end(context)
                self.add_text(node.tail)
        while len(self.stack) > 1:
            self.end(self.stack.pop())
        self.flush(self.stack[0])

    def comment(self, node: Any) -> None:
        text = node.text or ""
        marker = _LINE_MARKER.fullmatch(text.strip())
        if marker:
            self.anchor = (int(marker.group(1)), self.late.get(node) or node.sourceline or 1)
            return
        category = _CATEGORY_MARKER.match(text)
        if category:
            line = self.line_of(node)
            self.open_block()
            last = self.blocks[-1] if self.blocks else None
            if isinstance(last, Heading) and last.marker is None:
                last.marker = category.group(1)
            else:
                self.blocks.append(Marker(category.group(1), line))


def read_tree(root: Any, late: dict[Any, int], *, markdown: bool = False) -> list[Block]:
    walker = _Walker(late, markdown)
    walker.walk(root)
    return walker.blocks


def lost_links(source: str, root: Any) -> list[str]:
    """URLs of links in *source* that the parsed tree lacks (markup too deep to read)."""
    source = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    written = Counter(next(g for g in m.groups() if g is not None) for m in _HREF.finditer(source))
    if not written:
        return []
    import html as _html

    read = Counter(
        _html.unescape(a.get("href") or "") for a in root.iter("a") if a.get("href") is not None
    )
    missing: list[str] = []
    for url, count in written.items():
        url = _html.unescape(url)
        if read.get(url, 0) < count:
            missing.append(url)
    return missing


def read_html(text: str) -> Document:
    """The blocks of an HTML document (or fragment)."""
    if not text.strip():
        return Document()
    root, late = parse_tree(text)
    document = Document(read_tree(root, late))
    document.lost += lost(text, root, text)
    return document


def lost(source: str, root: Any, text: str) -> list[tuple[int, str]]:
    """The links of *source* (the HTML parsed into *root*) that the tree lacks, each at its
    line in *text* (the file as written), with the reason."""
    return [
        (
            text[: max(0, text.find(url))].count("\n") + 1,
            f"the markup nests too deeply to read; the link {url!r} is lost",
        )
        for url in lost_links(source, root)
    ]

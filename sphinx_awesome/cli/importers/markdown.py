"""Reading Markdown lists into blocks: ATX and setext headings, bullet and numbered lists
(with continuation lines, so a link whose text spans two lines is one link), GitHub tables,
HTML tables and headings embedded in the Markdown, reference-style links, and
``<!-- category: path -->`` markers. Fenced code and HTML comments are skipped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .html import parse_html, parse_tree, text_of
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
    protect,
    unprotect,
)

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[-*+]|\d{1,3}[.)])(?:[ \t]+(?P<text>.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]{1,200})\]:\s*<?(\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.I)
_HTML_BLOCK = re.compile(r"^\s*<(table|ul|ol)\b", re.I)
_MARKER = re.compile(r"^\s*<!--\s*category:\s*(\S+)\s*-->\s*$")
_BARE_URL = re.compile(r"https?://[^\s<>\"'`|\]]+")
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_EMPHASIS = [
    re.compile(r"(?<![\w*])\*(?![\s*])(.{1,500}?)(?<![\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?![\s_])(.{1,500}?)(?<![\s_])_(?![\w_])"),
    re.compile(r"~~(.{1,500}?)~~"),
]
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>")
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
MAX_LINE = 20000
MAX_NESTING = 16
_SCAN = 2048  # how far a link destination, code span or inline tag is looked for


def _ref_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def bracket_pairs(text: str) -> dict[int, int]:
    """Index of each ``[`` -> its matching ``]`` (escapes and code spans skipped), in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "`":
            run = len(text[index : index + 64]) - len(text[index : index + 64].lstrip("`"))
            end = text.find("`" * run, index + run, index + run + _SCAN)
            if end != -1:
                index = end + run
                continue
            index += run
            continue
        if ch == "[":
            stack.append(index)
        elif ch == "]" and stack:
            pairs[stack.pop()] = index
        index += 1
    return pairs


def _destination(text: str, start: int) -> tuple[str, int] | None:
    """The URL of ``(url "title")`` starting at *start* (the ``(``) and the end index."""
    index = start + 1
    while index < len(text) and text[index] in " \t":
        index += 1
    if index < len(text) and text[index] == "<":
        end = text.find(">", index)
        if end == -1:
            return None
        url = text[index + 1 : end]
        close = text.find(")", end)
        return (url, close + 1) if close != -1 else None
    depth = 1
    begin = index
    limit = min(len(text), start + _SCAN)
    while index < limit:
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                break
        index += 1
    else:
        return None
    inside = text[begin:index].strip()
    url = re.split(r"\s+[\"'(]", inside, maxsplit=1)[0] if inside else ""
    return url.strip(), index + 1


class InlineParser:
    """Markdown inline content to tokens."""

    def __init__(self, refs: dict[str, str]) -> None:
        self.refs = refs

    def parse(self, text: str, depth: int = 0) -> list[Token]:
        if depth > MAX_NESTING:
            return [Text(_clean_text(text))]
        tokens: list[Token] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                tokens.append(Text(_clean_text("".join(buf))))
                buf.clear()

        pairs = bracket_pairs(text)
        index = 0
        length = len(text)
        while index < length:
            ch = text[index]
            if ch == "\\" and index + 1 < length and text[index + 1] in _ESCAPABLE:
                buf.append(protect(text[index + 1]))  # literal: never syntax
                index += 2
                continue
            if ch == "`":
                run = len(text[index : index + 64]) - len(text[index : index + 64].lstrip("`"))
                end = text.find("`" * run, index + run, index + run + _SCAN)
                if end != -1:
                    buf.append(text[index + run : end].strip())
                    index = end + run
                    continue
                buf.append(text[index : index + run])
                index += run
                continue
            if ch == "!" and text.startswith("[", index + 1):
                link = self._link(text, index + 1, pairs)
                if link is not None:
                    index = link[2]
                    continue
            if ch == "[":
                link = self._link(text, index, pairs)
                if link is not None:
                    label_raw, url, end = link
                    flush()
                    inner = self.parse(label_raw, depth + 1)
                    label = " ".join(_plain(inner).split())
                    image = not label and "![" in label_raw
                    tokens.extend(t for t in inner if isinstance(t, Anchor))
                    tokens.append(Link(label, html.unescape(url), image=image))
                    index = end
                    continue
            if ch == "<":
                consumed = self._html(text, index, tokens, flush, depth)
                if consumed:
                    index = consumed
                    continue
            if (text.startswith("**", index) or text.startswith("__", index)) and not (
                ch == "_" and index > 0 and text[index - 1].isalnum()
            ):
                marker = text[index : index + 2]
                end = _closing(text, marker, index + 2)
                if end > index + 2:
                    flush()
                    inner = self.parse(text[index + 2 : end], depth + 1)
                    if any(isinstance(t, Link) for t in inner):
                        for token in inner:
                            if isinstance(token, Link):
                                tokens.append(Link(token.text, token.url, token.image, token.bare, strong=True))  # fmt: skip
                            else:
                                tokens.append(token)
                    else:
                        tokens.extend(t for t in inner if isinstance(t, Anchor))
                        tokens.append(Strong(_plain(inner)))
                    index = end + 2
                    continue
            if ch in "hH" and (index == 0 or not text[index - 1].isalnum()):
                match = _BARE_URL.match(text, index)
                if match:
                    url = match.group(0).rstrip(".,;:!?*_~")
                    while url.endswith(")") and url.count("(") < url.count(")"):
                        url = url[:-1]
                    flush()
                    tokens.append(Link(url, html.unescape(url), bare=True))
                    index += len(url)
                    continue
            buf.append(ch)
            index += 1
        flush()
        return tokens

    def _link(self, text: str, start: int, pairs: dict[int, int]) -> tuple[str, str, int] | None:
        """``[label](url)``, ``[label][ref]``, ``[label][]`` or ``[ref]`` at *start*:
        ``(label, url, end)``."""
        close = pairs.get(start, -1)
        if close == -1:
            return None
        label = text[start + 1 : close]
        after = close + 1
        if after < len(text) and text[after] == "(":
            found = _destination(text, after)
            return (label, found[0], found[1]) if found is not None else None
        if after < len(text) and text[after] == "[":
            ref_close = pairs.get(after, -1)
            if ref_close != -1:
                ref = text[after + 1 : ref_close] or label
                url = self.refs.get(_ref_key(ref))
                if url is not None:
                    return label, url, ref_close + 1
        url = self.refs.get(_ref_key(label))
        if url is not None and not label.startswith("^"):
            return label, url, after
        return None

    def _html(self, text: str, start: int, tokens: list[Token], flush: Callable[[], None], depth: int) -> int:  # fmt: skip
        """Inline HTML at *start*: autolinks, ``<a>``, ``<b>``, ``<br>``; other tags are
        dropped. Returns the index after what was consumed, or 0."""
        window = min(len(text), start + _SCAN)
        match = _AUTOLINK.match(text, start, window)
        if match:
            flush()
            tokens.append(Link(match.group(1), html.unescape(match.group(1)), bare=True))
            return match.end()
        match = _TAG.match(text, start, window)
        if not match:
            return 0
        closing, tag, attrs_text = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            return match.end()
        attrs = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(attrs_text)}  # fmt: skip
        if tag in ("a", "b", "strong"):
            end = re.compile(rf"</{tag}\s*>", re.I).search(text, match.end(), min(len(text), match.end() + _SCAN))  # fmt: skip
            inner_text = text[match.end() : end.start()] if end else ""
            stop = end.end() if end else match.end()
            flush()
            inner = self.parse(inner_text, depth + 1)
            if tag != "a":
                if any(isinstance(t, Link) for t in inner):
                    tokens.extend(inner)
                else:
                    tokens.append(Strong(_plain(inner)))
                return stop
            name = attrs.get("id") or attrs.get("name")
            if name:
                tokens.append(Anchor(name))
            href = attrs.get("href", "").strip()
            if href:
                label = " ".join(_plain(inner).split())
                image = not label and "<img" in inner_text.lower()
                tokens.append(Link(label or href, href, image=image))
            else:
                tokens.extend(inner)
            return stop
        if tag == "br":
            tokens.append(Text(" "))
        return match.end()


def _closing(text: str, marker: str, start: int) -> int:
    """Index of the next unescaped *marker* from *start* (within a bounded window), or -1."""
    index = start
    limit = min(len(text), start + _SCAN)
    while index < limit:
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(marker, index):
            return index
        index += 1
    return -1


def _plain(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if isinstance(token, (Text, Strong)) or (isinstance(token, Link) and not token.image):
            parts.append(token.text)
    return "".join(parts)


def _clean_text(text: str) -> str:
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return html.unescape(text)


def split_row(line: str) -> list[str]:
    """The cells of a table row, split on unescaped pipes."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(line):
        ch = line[index]
        if ch == "\\" and index + 1 < len(line) and line[index + 1] == "|":
            current.append("\\|")
            index += 2
            continue
        if ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        index += 1
    cells.append("".join(current).strip())
    return cells


def parse_markdown(text: str) -> list[Block]:
    """The blocks of a Markdown document."""
    lines = [line[:MAX_LINE] for line in text.splitlines()]
    refs: dict[str, str] = {}
    fence_char: str | None = None
    for line in lines:
        fence = _FENCE.match(line)
        if fence:
            if fence_char is None:
                fence_char = fence.group(1)[0]
            elif fence.group(1)[0] == fence_char:
                fence_char = None
            continue
        if fence_char:
            continue
        match = _REFERENCE.match(line)
        if match:
            refs.setdefault(_ref_key(match.group(1)), match.group(2))
    inline = InlineParser(refs)
    blocks: list[Block] = []
    paragraph: list[str] = []
    paragraph_line = 0
    group = 0
    in_list = False
    base_indent = 0
    index = 0

    def heading_text(raw: str) -> str:
        return unprotect(" ".join(_plain(inline.parse(raw)).split()))

    def flush_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            content = unprotect(" ".join(_plain(inline.parse(" ".join(paragraph))).split()))
            if content:
                blocks.append(Paragraph(content, paragraph_line))
            paragraph = []

    def add_heading(level: int, raw: str, line_no: int) -> None:
        nonlocal in_list
        flush_paragraph()
        in_list = False
        blocks.append(Heading(level, heading_text(raw), line_no))

    while index < len(lines):
        line = lines[index]
        line_no = index + 1
        stripped = line.strip()
        fence = _FENCE.match(line)
        if fence:
            flush_paragraph()
            marker = fence.group(1)
            index += 1
            while index < len(lines) and not lines[index].lstrip().startswith(marker[0] * len(marker)):  # fmt: skip
                index += 1
            index += 1
            continue
        if not stripped:
            flush_paragraph()
            index += 1
            continue
        marker_match = _MARKER.match(line)
        if marker_match:
            flush_paragraph()
            if blocks and isinstance(blocks[-1], Heading) and blocks[-1].marker is None:
                blocks[-1].marker = marker_match.group(1)
            else:
                blocks.append(Marker(marker_match.group(1), line_no))
            index += 1
            continue
        if stripped.startswith("<!--"):
            flush_paragraph()
            while index < len(lines) and "-->" not in lines[index]:
                index += 1
            index += 1
            continue
        atx = _ATX.match(line)
        if atx:
            add_heading(len(atx.group(1)), atx.group(2) or "", line_no)
            index += 1
            continue
        html_heading = _HTML_HEADING.match(line)
        if html_heading:
            flush_paragraph()
            in_list = False
            title = text_of(parse_tree(html_heading.group(2)))
            blocks.append(Heading(int(html_heading.group(1)), title, line_no))
            index += 1
            continue
        html_block = _HTML_BLOCK.match(line)
        if html_block:
            flush_paragraph()
            in_list = False
            end = _html_block_end(lines, index, html_block.group(1).lower())
            chunk = "\n".join(lines[index : end + 1])
            blocks.extend(b for b in parse_html(chunk, line_offset=index) if not isinstance(b, Paragraph))  # fmt: skip
            index = end + 1
            continue
        if (
            paragraph
            and _SETEXT.match(line)
            and len(paragraph) == 1
            and not _BULLET.match(paragraph[0])
        ):
            level = 1 if stripped.startswith("=") else 2
            raw = paragraph[0]
            paragraph = []
            add_heading(level, raw, paragraph_line)
            index += 1
            continue
        if _REFERENCE.match(line) or _RULE.match(line):
            flush_paragraph()
            index += 1
            continue
        if "|" in line and index + 1 < len(lines) and _DELIMITER.match(lines[index + 1]) and "-" in lines[index + 1]:  # fmt: skip
            flush_paragraph()
            in_list = False
            header = [heading_text(cell) for cell in split_row(line)]
            rows: list[Row] = []
            index += 2
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                cells = split_row(lines[index])
                tokens = [_cell_tokens(inline, cell) for cell in cells]
                rows.append(Row(tokens, index + 1))
                index += 1
            blocks.append(Table(header, rows, line_no))
            continue
        bullet = _BULLET.match(line)
        if bullet and not _RULE.match(line):
            flush_paragraph()
            if not in_list:
                group += 1
                base_indent = len(bullet.group("indent").expandtabs(4))
            in_list = True
            indent = len(bullet.group("indent").expandtabs(4))
            depth = max(0, (indent - base_indent) // 2)
            parts = [bullet.group("text") or ""]
            index += 1
            while index < len(lines):
                follow = lines[index]
                if not follow.strip() or _BULLET.match(follow) or _ATX.match(follow) or _FENCE.match(follow) or _MARKER.match(follow):  # fmt: skip
                    break
                if follow.lstrip().startswith(("<!--", "|")) or _HTML_BLOCK.match(follow) or _HTML_HEADING.match(follow):  # fmt: skip
                    break
                parts.append(follow.strip())
                index += 1
            blocks.append(ListItem(inline.parse(" ".join(parts)), line_no, depth, group))
            continue
        if not paragraph:
            paragraph_line = line_no
            in_list = False
        paragraph.append(stripped)
        index += 1
    flush_paragraph()
    return blocks


def _html_block_end(lines: list[str], start: int, tag: str) -> int:
    """The index of the line that closes the HTML block opened on line *start*."""
    depth = 0
    opening = re.compile(rf"<{tag}\b", re.I)
    closing = re.compile(rf"</{tag}\s*>", re.I)
    for index in range(start, len(lines)):
        depth += len(opening.findall(lines[index])) - len(closing.findall(lines[index]))
        if depth <= 0:
            return index
    return len(lines) - 1


def _cell_tokens(inline: InlineParser, cell: str) -> list[Token]:
    return inline.parse(cell)  # an escaped pipe stays escaped: literal text

"""Reading Markdown: CommonMark with GitHub's tables, task lists, strikethrough and bare-URL
links (markdown-it-py), rendered to HTML as GitHub renders it and read by :mod:`.html`.

Inline and block HTML inside the Markdown (``<a id>``, ``<br>``, ``<details>``, whole HTML
tables) passes through to the HTML reader. The rendering keeps source lines: block elements
carry ``data-line``, line breaks inside paragraphs become ``<br data-line data-soft>``, and
each raw HTML block is preceded by an ``<!--aw-line:N-->`` marker from which the HTML reader
counts the lines inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token as MdToken
from mdit_py_plugins.tasklists import tasklists_plugin

from .document import Document
from .html import lost, parse_tree, read_tree

#: Deepest nesting of block quotes and lists read; deeper content is reported, not lost.
MAX_NESTING = 60


def _markdown() -> MarkdownIt:
    md = _EveryLink("commonmark", {"linkify": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough", "linkify"])
    if md.linkify is not None:  # linkify-it-py is a dependency; without it, no bare links
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    md.use(tasklists_plugin)
    md.add_render_rule("softbreak", _soft_break)
    md.add_render_rule("hardbreak", _hard_break)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("text_special", _text_special)
    md.core.ruler.disable("text_join")  # keep escapes apart: "\\[Re\\]" is no tag
    return md


class _EveryLink(MarkdownIt):
    """Every link is read as a link, whatever its scheme: the HTML goes to our reader, never
    to a browser, and the reader reports a javascript: or data: link and drops it. (With
    markdown-it's own check "[Title](javascript:...)" would be text, and the title lost.)"""

    def validateLink(self, url: str) -> bool:  # markdown-it's name
        return True


def _text_special(self: Any, tokens: Sequence[MdToken], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    text = escapeHtml(token.content)
    if token.info == "escape" and len(token.content) == 1 and not token.content.isalnum():
        return f'<span data-escaped="1">{text}</span>'
    return text


def _soft_break(self: Any, tokens: Sequence[MdToken], idx: int, options: Any, env: Any) -> str:
    return f'<br data-line="{tokens[idx].meta.get("line", 0)}" data-soft="1">\n'


def _hard_break(self: Any, tokens: Sequence[MdToken], idx: int, options: Any, env: Any) -> str:
    return f'<br data-line="{tokens[idx].meta.get("line", 0)}">\n'


def _html_block(self: Any, tokens: Sequence[MdToken], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    line = token.map[0] + 1 if token.map else 1
    return f"<!--aw-line:{line}-->\n{token.content}"


def _number_lines(tokens: list[MdToken]) -> int:
    """Put source lines on block tokens and line breaks; the last line read."""
    last = 0
    for token in tokens:
        if token.map is None:
            continue
        last = max(last, token.map[1])
        if token.nesting == 1 or token.type in ("hr",):
            token.attrSet("data-line", str(token.map[0] + 1))
        if token.type == "inline" and token.children:
            line = token.map[0] + 1
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                    child.meta["line"] = line
    return last


def _too_deep(tokens: list[MdToken]) -> int | None:
    """The first line whose content nests past :data:`MAX_NESTING` (markdown-it stops there)."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1 and token.map is not None:
            return token.map[0] + 1
    return None


def read_markdown(text: str) -> Document:
    """The blocks of a Markdown document."""
    md = _markdown()
    tokens = md.parse(text)
    _number_lines(tokens)
    rendered = md.renderer.render(tokens, md.options, {})
    document = Document()
    if rendered.strip():
        root, late = parse_tree(rendered)
        document.blocks = read_tree(root, late, markdown=True)
        document.lost += lost(rendered, root, text)
    deep = _too_deep(tokens)
    if deep is not None:
        document.lost.append(
            (
                deep,
                f"the text nests more than {MAX_NESTING} levels deep; what is deeper was not read",
            )
        )
    return document

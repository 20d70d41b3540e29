"""Importing existing lists (HTML tables, Markdown tables, Markdown bullet lists).

:func:`import_files` reads one or several files and returns an
:class:`~.common.ImportResult`: entry data with ids, the category tree in heading order and
the problems (each with its file and line). Nothing is written here; see
:mod:`sphinx_awesome.cli.writer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ...problems import Code, Problem
from ...venues import VenueList
from ..normalize import ascii_slug
from .common import CategoryInfo, ImportResult, assemble, build_entries, infer_kind
from .html import parse_html
from .markdown import parse_markdown
from .model import Block

__all__ = ["FORMATS", "CategoryInfo", "ImportResult", "detect_format", "import_files", "import_text", "infer_kind"]  # fmt: skip

FORMATS = ("auto", "html", "markdown")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")


def detect_format(path: Path, text: str) -> str:
    """``html`` or ``markdown``, from the file name, else from the content."""
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    head = text[:20000]
    if re.search(r"^#{1,6}\s|^\s*[-*+]\s+\[|^\|.*\|\s*$", head, re.M):
        return "markdown"
    if re.search(r"<(html|body|table|h[1-6]|ul|div)\b", head, re.I):
        return "html"
    return "markdown"


def blocks_of(text: str, fmt: str) -> list[Block]:
    return parse_html(text) if fmt == "html" else parse_markdown(text)


def import_text(text: str, path: str, *, fmt: str = "markdown", venues: VenueList) -> ImportResult:
    """Import the text of one list (*path* is used in problems)."""
    result = ImportResult()
    items = assemble(blocks_of(text, fmt), path=path, venues=venues, file_category=None, result=result)  # fmt: skip
    build_entries(items, venues, result)
    result.problems.sort(key=Problem.sort_key)
    return result


def import_files(
    files: Sequence[Path],
    *,
    fmt: str = "auto",
    venues: VenueList,
    display: Callable[[Path], str] = str,
) -> ImportResult:
    """Import one list, or one list spread over several files.

    With several files each file's entries go under a top category named by the file's
    title heading (else its name).
    """
    result = ImportResult()
    items = []
    several = len(files) > 1
    for number, file in enumerate(files, 1):
        shown = display(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            result.problems.append(Problem(Code.MISSING_FILE, f"cannot read: {exc.strerror}", shown))  # fmt: skip
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            result.problems.append(Problem(Code.UNPARSED, f"the file is not UTF-8 (byte {exc.start}); undecodable bytes were replaced", shown, line))  # fmt: skip
            text = data.decode("utf-8", errors="replace")
        file_fmt = detect_format(file, text) if fmt == "auto" else fmt
        category = None
        if several:
            stem = re.sub(r"^(readme|index)$", "", file.stem, flags=re.I) or file.parent.name
            title = re.sub(r"[-_]+", " ", stem).strip().capitalize() or f"Part {number}"
            category = (ascii_slug(stem) or f"part-{number}", title)
        before = set(result.categories)
        try:
            file_items = assemble(blocks_of(text, file_fmt), path=shown, venues=venues, file_category=category, result=result)  # fmt: skip
        except RecursionError:  # pragma: no cover - the readers bound their nesting
            result.problems.append(Problem(Code.UNPARSED, "the file nests too deeply to read", shown))  # fmt: skip
            continue
        if several and not file_items:
            for key in set(result.categories) - before:
                del result.categories[key]
        items.extend(file_items)
    build_entries(items, venues, result)
    result.problems.sort(key=Problem.sort_key)
    return result

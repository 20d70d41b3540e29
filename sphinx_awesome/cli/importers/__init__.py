"""Importing existing lists (HTML, Markdown tables, bullet lists, list-shaped paragraphs).

Markdown is parsed by markdown-it-py (CommonMark and GitHub's extensions) and HTML by lxml;
:mod:`.markdown` and :mod:`.html` turn either into blocks (:mod:`.document`). From there the
code decides what an item is: :mod:`.assemble` walks headings and blocks, :mod:`.items`
reads one bullet, row or line into entry data, :mod:`.decorations` reads the small forms of
single fields (venues, dates, affiliations, authors, link labels) and :mod:`.build` merges
repeated items and gives out ids.

:func:`import_files` reads one or several files and returns an
:class:`~.assemble.ImportResult`: entry data with ids, the category tree in heading order,
the number of items found and the problems (each with its file and line). Nothing is
written here; see :mod:`sphinx_awesome.cli.writer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ...normalize import ascii_slug
from ...problems import Code, Problem
from ...venues import VenueList
from .assemble import PLACEHOLDER_TEXT, CategoryInfo, ImportResult, assemble
from .build import build_entries, infer_kind
from .document import Document
from .html import read_html
from .items import Found
from .markdown import read_markdown

__all__ = [
    "FORMATS",
    "PLACEHOLDER_TEXT",
    "CategoryInfo",
    "ImportResult",
    "detect_format",
    "import_files",
    "import_text",
    "infer_kind",
]

#: The formats ``import`` reads (``auto``: from each file's name or content).
FORMATS = ("auto", "html", "markdown", "bibtex")
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


def read_document(text: str, fmt: str) -> Document:
    return read_html(text) if fmt == "html" else read_markdown(text)


def _items(
    text: str,
    fmt: str,
    path: str,
    venues: VenueList,
    category: tuple[str, str] | None,
    result: ImportResult,
) -> list[Found]:
    try:
        document = read_document(text, fmt)
    except (RecursionError, ValueError) as exc:  # pragma: no cover - the readers do not recurse
        result.problems.append(
            Problem(Code.UNPARSED, f"the file cannot be read: {type(exc).__name__}", path)
        )
        return []
    return assemble(document, path=path, venues=venues, file_category=category, result=result)


def import_text(
    text: str, path: str, *, fmt: str = "markdown", venues: VenueList, check: bool = True
) -> ImportResult:
    """Import the text of one list (*path* is used in problems); without *check* the
    entries are not loaded back to report what the loader would (faster; no ``texts``)."""
    result = ImportResult()
    build_entries(_items(text, fmt, path, venues, None, result), venues, result, check=check)
    result.problems.sort(key=Problem.sort_key)
    return result


def _decode(data: bytes, shown: str, result: ImportResult) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result.problems.append(
            Problem(
                Code.UNPARSED,
                f"the file is not UTF-8 (byte {exc.start}); undecodable bytes were replaced",
                shown,
                line,
            )
        )
        return data.decode("utf-8", errors="replace")


def import_files(
    files: Sequence[Path],
    *,
    fmt: str = "auto",
    venues: VenueList,
    display: Callable[[Path], str] = str,
) -> ImportResult:
    """Import one list, or one list spread over several files.

    With several files each file's entries go under a top category named by the file's
    title heading (else its name). BibTeX files (``.bib``, or *fmt* ``bibtex``) are read on
    their own: mixing them with other lists raises ``ValueError``.
    """
    bib = [file.suffix.lower() == ".bib" for file in files]
    if fmt == "bibtex" or (fmt == "auto" and bib and all(bib)):
        from .bibtex import import_bibtex_files

        return import_bibtex_files(files, venues=venues, display=display)  # type: ignore[no-any-return]
    if fmt == "auto" and any(bib):
        raise ValueError("import BibTeX files (.bib) on their own, not with other lists")
    result = ImportResult()
    items: list[Found] = []
    several = len(files) > 1
    for number, file in enumerate(files, 1):
        shown = display(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            result.problems.append(
                Problem(Code.MISSING_FILE, f"cannot read: {exc.strerror}", shown)
            )
            continue
        text = _decode(data, shown, result)
        file_fmt = detect_format(file, text) if fmt == "auto" else fmt
        category = None
        if several:
            stem = re.sub(r"^(readme|index)$", "", file.stem, flags=re.I) or file.parent.name
            title = re.sub(r"[-_]+", " ", stem).strip().capitalize() or f"Part {number}"
            category = (ascii_slug(stem) or f"part-{number}", title)
        before = set(result.categories)
        file_items = _items(text, file_fmt, shown, venues, category, result)
        if several and not file_items:
            for key in set(result.categories) - before:
                del result.categories[key]
        items.extend(file_items)
    build_entries(items, venues, result)
    result.problems.sort(key=Problem.sort_key)
    return result

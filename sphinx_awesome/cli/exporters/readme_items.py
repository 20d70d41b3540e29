"""One entry of a README: a table row or a bullet, its text escaped so that it renders as
written and ``import`` reads it back as written.

Each entry starts with its anchor (:func:`~sphinx_awesome.cli.readme_data.anchor`: its id,
and the fields the visible text would not give back); a ``[Kind]`` tag is written only
where the kind would not be inferred from the links, venue and date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...entries import Entry
from ...fields import FIELDS, Field
from ...venues import VenueList
from ..importers import infer_kind
from ..importers.decorations import parse_venue_year, venue_shaped
from ..readme_data import anchor

LINK_TEXT = {
    "paper": "Paper",
    "pdf": "PDF",
    "arxiv": "arXiv",
    "doi": "DOI",
    "code": "Code",
    "repo": "Repo",
    "post": "Post",
    "site": "Site",
    "slides": "Slides",
    "video": "Video",
    "docs": "Docs",
    "project": "Project",
}
#: The README's columns: the fields with a ``readme`` heading, in field order.
README_COLUMNS: dict[str, Field] = {f.name: f for f in FIELDS if f.readme}
#: What follows the shown authors of a shortened list.
ET_AL = "et al."

_LEADING = set('-+:.,;/()"')  # what import would take for decoration before a text
_TRAILING = set(",;:-(")  # ... or for a separator after it


def escape(text: str, *, trailing: str = "", everywhere: str = "") -> str:
    """Markdown-escape plain text (titles, authors, summaries) so that it renders as written
    and ``import`` reads it back as written: no character is taken for syntax. *trailing*
    names more characters to protect at the end (``.`` after an author's initial),
    *everywhere* more characters to protect anywhere (``,`` inside an author's name)."""
    text = " ".join(text.split())
    text = re.sub(f"([\\\\`*\\[\\]<>|#{re.escape(everywhere)}])", r"\\\1", text)
    text = re.sub(r"(^|\W)_|_(?=\W|$)", lambda m: m.group(0).replace("_", "\\_"), text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = re.sub(r"(?<= )-(?= )", r"\\-", text)  # " - " would start a description
    if text.endswith(")"):  # not a "(VENUE YEAR)" tag
        text = re.sub(r"([()])", r"\\\1", text)
    if text[:1] in _LEADING:
        text = "\\" + text
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    if len(text) > 1 and text[-1] in _TRAILING | set(trailing) and backslashes % 2 == 0:
        text = text[:-1] + "\\" + text[-1]  # an odd run of backslashes means already escaped
    return text


_URL_UNSAFE = {" ": "%20", "|": "%7C", "<": "%3C", ">": "%3E", "`": "%60", "\\": "%5C"}


def _url(url: str) -> str:
    """A link destination that ends where it should: spaces, ``|``, ``<``, ``>``, backticks
    and backslashes percent-encoded; wrapped in ``<>`` when it holds parentheses."""
    url = "".join(_URL_UNSAFE.get(ch, ch) for ch in url if ch >= " ")
    return f"<{url}>" if re.search(r"[()]", url) else url


def links_markdown(entry: Entry) -> str:
    """The entry's links; their text goes through :func:`escape` like every other text."""
    return " · ".join(
        f"[{escape(LINK_TEXT.get(link.label, link.label))}]({_url(link.url)})"
        for link in entry.links
        if link.url
    )


@dataclass(frozen=True)
class ItemStyle:
    """How the entries of one README are written: the fields shown (table columns in
    order; for bullets, the parts shown), authors shown before "et al." (0: all), and the
    fields each entry carries in its anchor (id -> field -> value)."""

    columns: tuple[str, ...]
    venues: VenueList
    max_authors: int = 0
    hidden: Mapping[str, Mapping[str, Any]] | None = None

    def anchor(self, entry: Entry) -> str:
        return anchor(entry.id, (self.hidden or {}).get(entry.id))

    def authors(self, entry: Entry) -> str:
        """Authors, Markdown-escaped, joined with ``, ``, the list cut after *max_authors*
        names with "et al."; a comma, semicolon or ampersand inside a name (``Zheng,
        Lianmin``) is escaped so that import keeps the name whole."""
        names = entry.authors
        cut = 0 < self.max_authors < len(names)
        shown = names[: self.max_authors] if cut else names
        text = ", ".join(escape(author, trailing=".", everywhere=",;&") for author in shown)
        return f"{text} {ET_AL}" if cut else text


def kind_tag(entry: Entry) -> str:
    implied = infer_kind([link.label for link in entry.links], venue=entry.venue, date=entry.date)
    return f"[{entry.kind.capitalize()}] " if entry.kind != implied else ""


def year_text(entry: Entry) -> str:
    if entry.date:
        return entry.date if entry.year == int(entry.date[:4]) else f"{entry.year}"
    return str(entry.year) if entry.year else ""


def venue_year(entry: Entry, venues: VenueList) -> str:
    """``OSDI 2022`` / ``OSDI`` / ``2022``, written so that import reads it back."""
    venue = entry.venue or ""
    year = (
        ""
        if entry.date and entry.year == int(entry.date[:4])
        else (str(entry.year) if entry.year else "")
    )
    text = f"{venue} {year}".strip()
    if not venue:
        return text
    parsed = parse_venue_year(text, venues, strict=False)
    reads_back = (
        parsed is not None and parsed[0] == venue and parsed[1] == (int(year) if year else None)
    )
    if not reads_back and not (not year and venue_shaped(venue, venues, strict=True)):
        return f"venue: {text}"
    return text


def cell(column: str, entry: Entry, style: ItemStyle) -> str:
    """One README cell: the title (with its anchor and kind), authors, the year and links
    are written so that import reads them back; any other field is its values, escaped."""
    if column == "title":
        return f"{style.anchor(entry)}{kind_tag(entry)}{escape(entry.title)}"
    if column == "authors":
        return style.authors(entry)
    if column == "year":
        return year_text(entry)
    if column == "links":
        return links_markdown(entry)
    return escape(", ".join(README_COLUMNS[column].strings(entry)))


def table(entries: Sequence[Entry], style: ItemStyle) -> list[str]:
    headings = [README_COLUMNS[c].readme or c for c in style.columns]
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(style.columns)]
    for entry in entries:
        lines.append("| " + " | ".join(cell(c, entry, style) for c in style.columns) + " |")
    return lines


def bullet(entry: Entry, style: ItemStyle) -> str:
    """``- [Kind] [date] **Title** (VENUE YEAR) by A, B · [Paper](url) — summary #tag``,
    each part when its field is shown."""
    shown = set(style.columns)
    parts = [f"- {style.anchor(entry)}{kind_tag(entry)}"]
    if entry.date and "year" in shown:
        parts.append(f"[{entry.date}] ")
    parts.append(f"**{escape(entry.title)}**")
    venue = venue_year(entry, style.venues) if shown & {"venue", "year"} else ""
    if venue:
        parts.append(f" ({escape(venue)})")
    if entry.authors and "authors" in shown:
        parts.append(" by " + style.authors(entry))
    links = links_markdown(entry) if "links" in shown else ""
    if links:
        parts.append(" · " + links)
    if entry.summary and "summary" in shown:
        parts.append(" — " + escape(entry.summary))
    if entry.tags and "tags" in shown:
        parts.append(" " + " ".join(f"#{tag}" for tag in entry.tags))
    return "".join(parts)

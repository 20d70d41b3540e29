"""Reading table rows: the role of each column from its header text (English and Chinese
column names), and a row's cells into entry data."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...fields import FIELDS
from ...normalize import has_cjk
from ...problems import Code, Problem
from .decorations import (
    affiliation_list,
    badge_venue,
    find_venue_year,
    is_placeholder,
    kind_of_tag,
    known_venue,
    label_of_text,
    parse_date,
    parse_venue_year,
    split_authors,
)
from .document import Anchor, CodeText, Image, Link, Literal, Strong, Text, Token, plain
from .found import Found, Unparsed, escaped_names, hold, release
from .lines import LineReader


class RowReader(LineReader):
    """Reads table rows (and, through :class:`LineReader`, single lines)."""

    def read_row(
        self, cells: Sequence[Sequence[Token]], roles: Sequence[tuple[str, str | None]], line: int
    ) -> Found | None:
        """An item from one table row; ``None`` for placeholder and empty rows."""
        title_column = next((i for i, (role, _) in enumerate(roles) if role == "title"), 0)
        title_tokens = list(cells[title_column]) if title_column < len(cells) else []
        other_links = any(
            isinstance(t, Link) and not t.image and t.url and not t.url.startswith("#")
            for i, cell in enumerate(cells)
            if i != title_column
            for t in cell
        )
        title_text = plain(title_tokens)
        has_title_link = any(
            isinstance(t, Link) and not t.image and t.text.strip() for t in title_tokens
        ) or any(isinstance(t, Anchor) and t.data is not None for t in title_tokens)
        if not title_text.strip() or (is_placeholder(title_text) and not has_title_link):
            if other_links:
                raise Unparsed("row has links but no title")
            return None
        single = len(cells) == 1 and len(roles) > 1
        if single and len(title_text) < 3 and not has_title_link:
            return None  # a spanning row such as "-" or "…"
        dated = any(role in ("venue", "year") for role, _ in roles)
        found = self.read(title_tokens, line, guess_venue=not dated, split_pipes=False)
        for index, cell in enumerate(cells):
            if index != title_column:
                role, default = roles[index] if index < len(roles) else ("other", None)
                self.read_cell(found, role, default, list(cell), line)
        if not found.data.get("links"):
            found.data.pop("links", None)
        return found

    def read_cell(
        self, found: Found, role: str, default: str | None, cell: list[Token], line: int
    ) -> None:
        text = plain(cell).strip()
        for token in cell:
            if isinstance(token, Anchor):
                self.take_anchor(token, found)
            elif isinstance(token, Image):
                badge = badge_venue(token.alt, token.src, self.venues)
                if badge:
                    found.put("venue", badge[0])
                    found.put("year", badge[1])
        links = [t for t in cell if isinstance(t, Link)]
        for link in links:
            found.lines.add(link.line)
            if role == "venue" and link.text.strip() and not link.image:
                continue
            self.take_link(found, link, default)
        if not text or is_placeholder(text):
            return
        if role == "venue":
            date = parse_date(text) or parse_date(text.replace(",", " "))
            if date:  # "Jan,2024" in a "Pub. & Date" column
                found.put("date", date)
            else:
                self.venue_cell(text, found)
        elif role == "year":
            self.year_cell(text, found, line)
        elif role == "authors":  # an escaped comma ("Zheng\\, Lianmin") stays in a name
            literal = any(isinstance(t, Literal) for t in cell)
            held = "".join(
                hold(t.text)
                if isinstance(t, Literal)
                else t.text
                if isinstance(t, (Text, Strong, CodeText))
                else plain([t])
                for t in cell
            )
            names = {"authors": escaped_names(held) if literal else split_authors(held)}
            release(names)
            found.put("authors", names["authors"])
        elif role == "affiliation":
            found.affiliate(affiliation_list(text))
        elif role == "summary":
            found.summarise(text, cleaned=False)  # a cell is all description
        elif role == "tags":
            for word in re.split(r"[,;/]|\s{2,}", text):
                found.tag(word.strip(" `#"))
        elif role == "kind":
            found.put("kind", kind_of_tag(text))

    def year_cell(self, text: str, found: Found, line: int) -> None:
        """``2022``, ``2024-03-01``, ``Mar 2024``, ``OSDI'22``; else reported."""
        date = parse_date(text)
        if date:
            found.put("date", date)
        elif re.fullmatch(r"[1-9]\d{3}", text):  # in a Year column, any four-digit year
            found.put("year", int(text))
        elif not self.apply_tag(text, found):
            year = find_venue_year(text, self.venues)[1]
            if year:
                found.put("year", year)
            else:
                title = found.data.get("title") or "an entry"
                message = f"year {text!r} of {title!r} is not a year; it is not imported"
                self.problems.append(Problem(Code.UNPARSED, message, self.path, line))

    def venue_cell(self, text: str, found: Found) -> None:
        """``OSDI'22``, ``SOSP 2023``, ``IEEE ICDCS 2026 official program`` (a date such as
        ``Jan,2024`` is read before, by :meth:`read_cell`)."""
        parsed = parse_venue_year(text, self.venues, allow_suffix=True)
        searched = None
        if parsed is None or (parsed[0] and not known_venue(parsed[0], self.venues)):
            searched = venue, year = find_venue_year(text, self.venues)
            if venue:
                found.put("venue", venue)
                found.put("year", year or (parsed[1] if parsed else None))
                return
        if self.apply_tag(text, found):
            return
        venue, year = searched or find_venue_year(text, self.venues)
        if venue or year:
            found.put("venue", venue)
            found.put("year", year)
        elif len(text) <= 60:
            found.put("venue", text)


#: Header words -> (role, default link label).
_TITLE_STRONG = (
    "title",
    "name",
    "paper title",
    "paper name",
    "project name",
    "title & authors",
    "title and authors",
    "论文",
    "论文名称",
    "标题",
    "题目",
    "名称",
)
_TITLE_WEAK = (
    "paper",
    "papers",
    "paper / post",
    "paper / posts",
    "paper/post",
    "paper/posts",
    "work",
    "article",
    "project",
    "system",
    "model",
    "method",
    "post",
    "posts",
    "resource",
    "item",
    "entry",
    "framework",
    "tool",
    "library",
    "engine",
    "repo",
    "repository",
    "publication",
    "survey",
)
_LINK_WORDS = (
    "source",
    "sources",
    "link",
    "links",
    "resources",
    "materials",
    "url",
    "urls",
    "ref",
    "refs",
    "reference",
    "references",
    "download",
    "paper link",
    "链接",
    "资源",
)


#: Field -> the column headings that name it, from the field descriptions (``title`` and
#: ``links`` are read above: a title has two strengths, a link column a link label).
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    f.name: f.headings for f in FIELDS if f.headings and f.name not in ("title", "links")
}
#: Chinese words inside longer column names (主要作者单位), for title and links too.
_CJK_ROLES = (
    *((word, field) for field, words in _ROLE_WORDS.items() for word in words if has_cjk(word)),
    ("题目", "title"),
    ("论文", "title"),
    ("标题", "title"),
    ("名称", "title"),
    ("链接", "links"),
)


def _cjk_role(name: str) -> str | None:
    """The field a Chinese column name names: the word found last wins, as the head of a
    Chinese compound comes last (主要作者单位, "the main authors' institution")."""
    found = [(name.rfind(word), role) for word, role in _CJK_ROLES if word in name]
    return max(found)[1] if found else None


def column_roles(header: Sequence[str]) -> list[tuple[str, str | None]]:
    """The role of each column from its header text: ``title``, ``links`` (with a default
    link label), ``venue``, ``year``, ``authors``, ``affiliation``, ``summary``, ``tags``,
    ``kind`` or ``other`` (whose links are still read)."""
    folded = [" ".join(re.sub(r"[^\w/;.& ]+", " ", h.casefold()).split()) for h in header]
    roles: list[tuple[str, str | None]] = [("other", None)] * len(folded)
    title = next((i for i, h in enumerate(folded) if h in _TITLE_STRONG), None)
    if title is None:
        title = next((i for i, h in enumerate(folded) if h in _TITLE_WEAK), None)
    if title is None:
        title = next((i for i, h in enumerate(folded) if _cjk_role(h) == "title"), None)
    table = [(words, role) for role, words in _ROLE_WORDS.items()]
    for index, name in enumerate(folded):
        if index == title:
            roles[index] = ("title", None)
            continue
        role = next((r for words, r in table if name in words), None) or _cjk_role(name)
        if role:
            roles[index] = (role, None)
        elif label_of_text(name):
            roles[index] = ("links", label_of_text(name))
        elif name in _LINK_WORDS:
            roles[index] = ("links", None)
    if title is None:
        first_free = next((i for i, (role, _) in enumerate(roles) if role == "other"), None)
        if first_free is not None:
            roles[first_free] = ("title", None)
    return roles


def header_like(cells: Sequence[str]) -> bool:
    """Whether a first row written with ``<td>`` names the columns (every cell but one is
    a known column name)."""
    folded = [" ".join(re.sub(r"[^\w/;.& ]+", " ", c.casefold()).split()) for c in cells]
    words = (
        *_TITLE_STRONG,
        *_TITLE_WEAK,
        *_LINK_WORDS,
        *(word for words in _ROLE_WORDS.values() for word in words),
    )
    named = sum(1 for name in folded if name in words or label_of_text(name))
    titled = any(name in _TITLE_STRONG or name in _TITLE_WEAK for name in folded)
    return len(cells) > 1 and titled and named >= len(cells) - 1

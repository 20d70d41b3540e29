"""Format-independent import: headings to categories, blocks to items, items to entries.

:func:`assemble` walks the blocks of one file: headings become categories (their titles,
cleaned of numbering and arrows, kept for the category tree), boilerplate sections such as
*Contents* or *License* are skipped, and each row or bullet becomes an item. A row or bullet
that cannot be read is reported with its line and the rest goes on.

:func:`build_entries` merges rows listed twice, gives every entry a readable unique id and
returns entry data in contract field order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...entries import CATEGORY_RE, FIELDS, ID_RE
from ...problems import Code, Problem
from ...venues import VenueList
from ..normalize import ascii_slug, cjk_lang, has_cjk, title_key
from .items import ItemReader, column_roles, is_placeholder
from .model import (
    Block,
    Heading,
    Item,
    Link,
    ListItem,
    Marker,
    Paragraph,
    Table,
    Unparsed,
    unprotect,
)
from .tags import clean_heading, fold

#: Sections that hold no entries (compared after :func:`~.tags.fold`).
BOILERPLATE_SECTIONS = frozenset(
    {
        "contents", "table of contents", "toc", "index", "contributing", "contribute",
        "how to contribute", "contribution", "contributors", "license", "licence", "citation",
        "cite", "cite this", "citing", "acknowledgements", "acknowledgments",
        "acknowledgement", "star history", "stargazers", "contact", "sponsors", "changelog",
        "目录", "贡献", "许可证",
    }
)  # fmt: skip
PLACEHOLDER_TEXT = "No entries yet — contributions welcome."
_STOPWORDS = frozenset(["a", "an", "the", "of", "for", "and", "in", "on", "to", "with", "via", "using", "by", "from", "at", "towards", "toward", "is", "are"])  # fmt: skip
_ID_WORDS = 6


@dataclass
class CategoryInfo:
    title: str
    description: str = ""


@dataclass
class ImportResult:
    """Entries (id, data) in list order, the category tree in heading order, problems."""

    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    categories: dict[str, CategoryInfo] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    venue_changes: dict[tuple[str, str], int] = field(default_factory=dict)


def _boilerplate(title: str) -> bool:
    return fold(title).rstrip(":") in BOILERPLATE_SECTIONS


def _description(text: str) -> str | None:
    text = " ".join(text.split())
    bare = text.strip("*_ ")
    if not bare or bare == PLACEHOLDER_TEXT or is_placeholder(bare) or len(bare) > 600:
        return None
    if bare.endswith(":") or not any(ch.isalpha() for ch in bare):
        return None
    return bare


def assemble(
    blocks: Sequence[Block],
    *,
    path: str,
    venues: VenueList,
    file_category: tuple[str, str] | None,
    result: ImportResult,
) -> list[Item]:
    """Items of one file's blocks; categories and problems go into *result*.

    *file_category* ``(slug, title)`` puts the whole file under one top category (used when
    a list is spread over several files); the file's title heading then names it.
    """
    reader = ItemReader(path, venues, result.problems)
    headings = [b for b in blocks if isinstance(b, Heading) and not _boilerplate(b.text)]
    title_level = None
    if headings:
        top = min(h.level for h in headings)
        if headings[0].level == top and sum(h.level == top for h in headings) == 1:
            title_level = top

    base: str | None = None
    base_title = ""
    if file_category is not None:
        slug, fallback = file_category
        title_heading = next((h for h in headings if h.level == title_level), None)
        base_title = (clean_heading(title_heading.text) if title_heading else "") or fallback
        marker = title_heading.marker if title_heading else None
        base = marker if marker and CATEGORY_RE.match(marker) else ascii_slug(base_title) or slug

    def register(cat_path: str, title: str) -> None:
        if base and base not in result.categories:
            result.categories[base] = CategoryInfo(base_title)
        if cat_path not in result.categories:
            result.categories[cat_path] = CategoryInfo(title or cat_path.rsplit("/", 1)[-1])

    items: list[Item] = []
    stack: list[tuple[int, str]] = []
    skip_below: int | None = None
    category: str | None = base
    described: str | None = None  # the category a paragraph right here would describe
    section_count = 0
    group_has_entry: dict[int, bool] = {}
    pending: list[tuple[ListItem, str]] = []
    weak: dict[int, list[Item]] = {}  # items with only a bold title, by list

    def place(item: Item) -> None:
        if category:
            register(category, "")
            item.categories.append(category)
        items.append(item)

    for block in blocks:
        if isinstance(block, Heading):
            if skip_below is not None and block.level > skip_below:
                continue
            skip_below = None
            described = None
            if _boilerplate(block.text):
                skip_below = block.level
                continue
            if block.level == title_level:
                stack, category = [], base
                continue
            section_count += 1
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            parent = stack[-1][1] if stack else base
            title = clean_heading(block.text)
            if block.marker and CATEGORY_RE.match(block.marker):
                cat_path = block.marker
                title = " ".join(block.text.split())  # written by export: the tree's own title
            else:
                slug = ascii_slug(title) or f"section-{section_count}"
                cat_path = f"{parent}/{slug}" if parent else slug
            if base and cat_path != base and not cat_path.startswith(base + "/"):
                cat_path = f"{base}/{cat_path}"
            register(cat_path, title)
            stack.append((block.level, cat_path))
            category = described = cat_path
            continue
        if skip_below is not None or isinstance(block, Marker):
            continue
        try:
            if isinstance(block, Paragraph):
                if described is not None:
                    info = result.categories[described]
                    description = _description(block.text)
                    if description and not info.description:
                        info.description = description
            elif isinstance(block, ListItem):
                item = _bullet(reader, block, items, pending)
                if item is not None:
                    if _surely_entry(item):
                        group_has_entry[block.group] = True
                    else:
                        weak.setdefault(block.group, []).append(item)
                    place(item)
            elif isinstance(block, Table):
                roles = column_roles(block.header)
                for row in block.rows:
                    try:
                        row_item = reader.item_from_row(row.cells, roles, row.line)
                    except Unparsed as exc:
                        result.problems.append(Problem(Code.UNPARSED, f"table row not imported: {exc}", path, row.line))  # fmt: skip
                        continue
                    except Exception as exc:  # a hostile row never stops the import
                        result.problems.append(Problem(Code.UNPARSED, f"table row not imported: {type(exc).__name__}: {exc}", path, row.line))  # fmt: skip
                        continue
                    if row_item is not None:
                        place(row_item)
        except Exception as exc:  # pragma: no cover - defensive: one block never aborts
            line = getattr(block, "line", 1)
            result.problems.append(Problem(Code.UNPARSED, f"not imported: {type(exc).__name__}: {exc}", path, line))  # fmt: skip
        described = None

    dropped = {id(item) for group, found in weak.items() if not group_has_entry.get(group) for item in found}  # fmt: skip
    items = [item for item in items if id(item) not in dropped]  # a list of prose, not entries
    for block, reason in pending:
        if group_has_entry.get(block.group):
            result.problems.append(Problem(Code.UNPARSED, f"list item not imported: {reason}", path, block.line))  # fmt: skip
    return items


def _bullet(reader: ItemReader, block: ListItem, items: list[Item], pending: list[tuple[ListItem, str]]) -> Item | None:  # fmt: skip
    """An item from a bullet; the links of a nested links-only bullet go to its parent."""
    try:
        item = reader.item_from_tokens(block.tokens, block.line)
    except Unparsed as exc:
        parent = items[-1] if items and block.depth > 0 else None
        if parent is not None and str(exc) == "links without a title":
            for token in block.tokens:
                if isinstance(token, Link):
                    reader.add_link(parent, reader.link_label(token, None), token.url, block.line)
            return None
        pending.append((block, str(exc)))
        return None
    except Exception as exc:  # a hostile bullet never stops the import
        pending.append((block, f"{type(exc).__name__}: {exc}"))
        return None
    if not (_surely_entry(item) or item.title_is_marked):
        pending.append((block, "no link, venue, year, date or bold title"))
        return None
    return item


def _surely_entry(item: Item) -> bool:
    """A bullet with a link, a venue, a year, a date, a kind or an id is an entry; one with
    only a bold title is one when its list holds such entries (else it is prose)."""
    return bool(item.links or item.venue or item.year or item.date or item.kind or item.explicit_id)


# -- entries ----------------------------------------------------------------------------------


def infer_kind(labels: Sequence[str], *, venue: str | None, date: str | None) -> str:
    """The kind a list implies: paper links or a venue -> paper; a dated item -> post;
    otherwise the first link's label (post, repo, site, video); else paper."""
    if venue or any(label in ("paper", "pdf", "arxiv", "doi") for label in labels):
        return "paper"
    if date:
        return "post"
    if not labels:
        return "paper"
    return {"post": "post", "repo": "repo", "site": "site", "video": "video"}.get(
        labels[0], "paper"
    )


def id_base(title: str, links: dict[str, str]) -> str:
    """A readable id: the slug of the short title (before ':'), at most six words; for
    titles in CJK scripts a slug from the first link's host and last path segment."""
    if has_cjk(title):
        for url in links.values():
            slug = _url_slug(url)
            if slug:
                return slug
        return ""
    head, sep, _ = title.partition(":")
    short = head if sep and head.strip() else title
    words = ascii_slug(short).split("-")
    if len(words) > _ID_WORDS and "," in short[:48]:
        words = ascii_slug(short.split(",", 1)[0]).split("-")
    words = [w for w in words if w]
    if len(words) > _ID_WORDS:
        words = words[:_ID_WORDS]
        while len(words) > 1 and words[-1] in _STOPWORDS:
            words.pop()
    slug = "-".join(words)
    return slug if ID_RE.match(slug) else ""


def _url_slug(url: str) -> str:
    match = re.match(r"https?://([^/?#]+)(/[^?#]*)?", url)
    if not match:
        return ""
    host = match.group(1).lower().split(":")[0]
    labels = [p for p in host.split(".") if p not in ("www", "com", "org", "net", "io", "cn", "ai", "co", "zhuanlan", "blog")]  # fmt: skip
    name = labels[-1] if labels else ""
    segments = [s for s in (match.group(2) or "").split("/") if s]
    last = re.sub(r"\.(pdf|html?|php)$", "", segments[-1]) if segments else ""
    slug = ascii_slug(f"{name}-{last}" if last else name)
    return slug if ID_RE.match(slug) else ""


def _merge_into(first: Item, later: Item) -> None:
    for category in later.categories:
        if category not in first.categories:
            first.categories.append(category)
    for name in ("kind", "venue", "year", "date", "summary"):
        if not getattr(first, name) and getattr(later, name):
            setattr(first, name, getattr(later, name))
    if not first.authors:
        first.authors = list(later.authors)
    for tag in later.tags:
        if tag not in first.tags:
            first.tags.append(tag)


def _same_content(a: Item, b: Item) -> bool:
    keys = ("title", "kind", "authors", "venue", "year", "date", "links", "tags", "summary")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def build_entries(items: Sequence[Item], venues: VenueList, result: ImportResult) -> None:
    """Merge repeated items, give out ids and fill ``result.entries`` (contract order)."""
    for item in items:  # backslash-escaped characters were kept literal until now
        item.title = unprotect(item.title)
        item.summary = unprotect(item.summary)
        item.authors = [unprotect(a) for a in item.authors]
        item.venue = unprotect(item.venue) if item.venue else item.venue
    merged: list[Item] = []
    by_id: dict[str, Item] = {}
    by_identity: dict[tuple[str, tuple[tuple[str, str], ...]], Item] = {}
    for item in items:
        identity = (title_key(item.title), tuple(sorted(item.links.items())))
        if item.explicit_id and item.explicit_id in by_id:
            first = by_id[item.explicit_id]
            if _same_content(first, item):
                _merge_into(first, item)  # the same entry shown in several sections
                continue
            result.problems.append(
                Problem(
                    Code.IMPORT_DUPLICATE,
                    f"id {item.explicit_id!r} was already used at line {first.line} for different content; this entry gets a new id",
                    item.path,
                    item.line,
                )
            )
            item.explicit_id = None
        earlier = by_identity.get(identity)
        if earlier is not None and not item.explicit_id:
            first = earlier
            where = (
                f"line {first.line}" if first.path == item.path else f"{first.path}:{first.line}"
            )
            new = [c for c in item.categories if c not in first.categories]
            what = f"merged (also in {', '.join(new)})" if new else "skipped"
            result.problems.append(
                Problem(
                    Code.IMPORT_DUPLICATE,
                    f"{item.title!r} is listed again (first at {where}); {what}",
                    item.path,
                    item.line,
                )
            )
            _merge_into(first, item)
            continue
        by_identity.setdefault(identity, item)
        if item.explicit_id:
            by_id[item.explicit_id] = item
        merged.append(item)

    taken = {item.explicit_id for item in merged if item.explicit_id}
    for counter, item in enumerate(merged, 1):
        entry_id = item.explicit_id
        if entry_id is None:
            base = id_base(item.title, item.links) or f"entry-{counter}"
            entry_id = base
            year = item.year or (int(item.date[:4]) if item.date else None)
            if entry_id in taken and year and f"{base}-{year}" not in taken:
                entry_id = f"{base}-{year}"
            suffix = 2
            while entry_id in taken:
                entry_id = f"{base}-{suffix}"
                suffix += 1
        taken.add(entry_id)
        result.entries.append((entry_id, entry_data(item, venues, result)))


def entry_data(item: Item, venues: VenueList, result: ImportResult | None = None) -> dict[str, Any]:
    """The entry-file fields of an item, in contract order (``id`` left to the file name)."""
    data: dict[str, Any] = {"title": item.title}
    venue = None
    if item.venue:
        venue = venues.normalise(item.venue) or item.venue
        if venue != item.venue and result is not None:
            key = (item.venue, venue)
            result.venue_changes[key] = result.venue_changes.get(key, 0) + 1
    kind = item.kind or infer_kind(list(item.links), venue=venue, date=item.date)
    if kind != "paper":
        data["kind"] = kind
    if item.authors:
        data["authors"] = list(item.authors)
    if venue:
        data["venue"] = venue
    if item.year and not (item.date and int(item.date[:4]) == item.year):
        data["year"] = item.year
    if item.date:
        data["date"] = item.date
    if item.links:
        data["links"] = dict(item.links)
    if item.tags:
        data["tags"] = list(item.tags)
    if item.categories:
        data["categories"] = list(item.categories)
    summary = " ".join(item.summary.split())
    if summary:
        data["summary"] = summary
    lang = cjk_lang(item.title)
    if lang:
        data["lang"] = lang
    assert all(key in FIELDS for key in data)
    return data

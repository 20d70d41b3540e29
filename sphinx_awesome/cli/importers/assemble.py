"""From a file's blocks to its items: headings to categories, blocks to entry data.

:func:`assemble` walks the blocks of one file. Headings become categories (their titles
cleaned of numbering, arrows and "back to top" links); a *Contents* heading is a table of
contents, not a category, but what sits under it is read; sections such as *License* or
*Contributing* hold no entries. Each bullet, table row and list-shaped paragraph line becomes
an item; a nested bullet without a title of its own adds to its parent.

Nothing is dropped silently: every line that holds a link to another page and did not
become part of an entry is reported (AW201) with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ...entries import CATEGORY_RE
from ...normalize import ascii_slug
from ...problems import Code, Problem
from ...venues import VenueList
from .decorations import clean_heading, fold, is_placeholder, known_venue, parse_venue_year
from .document import (
    Anchor,
    Block,
    Break,
    Document,
    Heading,
    Link,
    ListItem,
    Marker,
    Paragraph,
    Strong,
    Table,
    Text,
    Token,
    plain,
    split_lines,
)
from .items import Found, ItemReader, Unparsed, column_roles, header_like, subtitle_habit

#: Sections that hold no entries (compared after :func:`~.decorations.fold`).
BOILERPLATE_SECTIONS = frozenset(
    {
        "contributing",
        "contribute",
        "how to contribute",
        "contribution",
        "contributions",
        "contributors",
        "license",
        "licence",
        "citation",
        "citations",
        "cite",
        "cite this",
        "citing",
        "bibtex",
        "acknowledgements",
        "acknowledgments",
        "acknowledgement",
        "acknowledgment",
        "star history",
        "stargazers",
        "star",
        "stars",
        "contact",
        "contact us",
        "sponsors",
        "sponsor",
        "changelog",
        "change log",
        "news",
        "updates",
        "todo",
        "to do",
        "贡献",
        "许可证",
        "引用",
        "致谢",
        "联系",
    }
)
#: Headings of a table of contents: not a category, but the sections under them are read.
CONTENTS_SECTIONS = frozenset({"contents", "table of contents", "toc", "index", "目录"})
PLACEHOLDER_TEXT = "No entries yet — contributions welcome."


@dataclass
class CategoryInfo:
    title: str
    description: str = ""


@dataclass
class ImportResult:
    """Entries (id, data) in list order, the category tree in heading order, problems, and
    how many items the list held."""

    entries: list[tuple[str, dict]] = field(default_factory=list)
    categories: dict[str, CategoryInfo] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    venue_changes: dict[tuple[str, str], int] = field(default_factory=dict)
    items: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # id -> the entry file's text


def heading_key(text: str) -> str:
    return fold(clean_heading(text)).rstrip(":")


def _description(text: str) -> str | None:
    text = " ".join(text.split())
    bare = text.strip("*_ ")
    if not bare or bare == PLACEHOLDER_TEXT or is_placeholder(bare) or len(bare) > 600:
        return None
    if bare.endswith(":") or not any(ch.isalpha() for ch in bare):
        return None
    return bare


def external_links(tokens: list[Token]) -> Iterator[Link]:
    """Links to other pages (not in-page anchors, relative paths or badges)."""
    for token in tokens:
        if (
            isinstance(token, Link)
            and not token.image
            and token.url.lower().startswith(("http://", "https://", "www."))
        ):
            yield token


def block_tokens(block: Block) -> Iterator[Token]:
    if isinstance(block, (Heading, Paragraph, ListItem)):
        yield from block.tokens
    elif isinstance(block, Table):
        for row in block.rows:
            for cell in row.cells:
                yield from cell


class _Assembler:
    """The walk over one file's blocks."""

    def __init__(
        self,
        path: str,
        venues: VenueList,
        file_category: tuple[str, str] | None,
        result: ImportResult,
    ) -> None:
        self.path = path
        self.result = result
        self.reader = ItemReader(path, venues, result.problems)
        self.file_category = file_category
        self.items: list[Found] = []
        self.stack: list[tuple[int, str]] = []
        self.base: str | None = None
        self.base_title = ""
        self.category: str | None = None
        self.described: str | None = None
        self.skip: tuple[int, str] | None = None  # a boilerplate section: (level, title)
        self.sections = 0
        self.of_block: dict[int, Found] = {}  # id(list item) -> its entry
        self.group_sure: dict[int, bool] = {}
        self.weak: dict[int, list[Found]] = {}
        self.pending: list[tuple[ListItem, str]] = []
        self.reported: set[int] = set()
        self.group_counts: dict[int, tuple[int, int]] = {}  # group -> (entries, bullets)
        self.unsure: dict[int, Found] = {}  # id(list item) -> what it read as
        self.labels: dict[int, tuple[str | None, int | None]] = {}  # id(list item) -> venue, year
        self.skipped_lines: dict[int, str] = {}

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(Code.UNPARSED, message, self.path, line))
        self.reported.add(line)

    def register(self, cat_path: str, title: str) -> None:
        categories = self.result.categories
        if self.base and self.base not in categories:
            categories[self.base] = CategoryInfo(self.base_title)
        if cat_path not in categories:
            categories[cat_path] = CategoryInfo(title or cat_path.rsplit("/", 1)[-1])

    def place(self, found: Found) -> None:
        if self.category:
            self.register(self.category, "")
            found.data.setdefault("categories", []).append(self.category)
        self.items.append(found)

    # -- headings -------------------------------------------------------------------------------

    def title_level(self, blocks: list[Block]) -> int | None:
        headings = [
            b
            for b in blocks
            if isinstance(b, Heading)
            and heading_key(b.text) not in BOILERPLATE_SECTIONS | CONTENTS_SECTIONS
        ]
        if not headings:
            return None
        top = min(h.level for h in headings)
        if headings[0].level == top and sum(h.level == top for h in headings) == 1:
            return top
        return None

    def start(self, blocks: list[Block]) -> int | None:
        level = self.title_level(blocks)
        if self.file_category is not None:
            slug, fallback = self.file_category
            title_heading = next(
                (b for b in blocks if isinstance(b, Heading) and b.level == level), None
            )
            self.base_title = (
                clean_heading(title_heading.text) if title_heading else ""
            ) or fallback
            marker = title_heading.marker if title_heading else None
            self.base = (
                marker
                if marker and CATEGORY_RE.match(marker)
                else ascii_slug(self.base_title) or slug
            )
        self.category = self.base
        return level

    def heading(self, block: Heading, title_level: int | None) -> None:
        if self.skip is not None and block.level > self.skip[0]:
            return
        self.skip = None
        self.described = None
        key = heading_key(block.text)
        if key in BOILERPLATE_SECTIONS:
            self.skip = (block.level, clean_heading(block.text))
            return
        while self.stack and self.stack[-1][0] >= block.level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else self.base
        if block.level == title_level or (key in CONTENTS_SECTIONS and not block.marker):
            self.category = parent if block.level != title_level else self.base
            if block.level == title_level:
                self.stack = []
            return
        self.sections += 1
        title = clean_heading(block.text)
        if block.marker and CATEGORY_RE.match(block.marker):
            cat_path = block.marker
            title = " ".join(block.text.split())  # written by export: the tree's own title
        else:
            slug = ascii_slug(title)[:60].strip("-") or f"section-{self.sections}"
            cat_path = f"{parent}/{slug}" if parent else slug
        if self.base and cat_path != self.base and not cat_path.startswith(self.base + "/"):
            cat_path = f"{self.base}/{cat_path}"
        self.register(cat_path, title)
        self.stack.append((block.level, cat_path))
        self.category = self.described = cat_path

    # -- blocks ---------------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, ListItem):
            self.list_item(block)
        elif isinstance(block, Table):
            self.table(block)

    def paragraph(self, block: Paragraph) -> None:
        described, self.described = self.described, None
        lines = [
            line
            for line in split_lines(block.tokens)
            if plain(line) or any(isinstance(t, Link) for t in line)
        ]
        taken = False
        for tokens in lines:
            found = self.paragraph_line(tokens, block.line)
            if found is not None:
                self.place(found)
                taken = True
        if not taken and described is not None:
            info = self.result.categories[described]
            description = _description(plain(block.tokens))
            if description and not info.description:
                info.description = description

    def paragraph_line(self, tokens: list[Token], line: int) -> Found | None:
        """A line of a paragraph that is shaped like an item: a linked or bold title at its
        start, or a title with its venue and year."""
        links = list(external_links(tokens))
        start = links[0].line if links else line
        if not links and not any(isinstance(t, Strong) for t in tokens):
            return None
        try:
            found = self.reader.read(tokens, start)
        except Unparsed:
            return None
        if found.marked and found.sure and (links or found.data.get("venue")):
            found.lines.add(start)
            return found
        return None

    def list_item(self, block: ListItem) -> None:
        self.described = None
        links = [t for t in block.tokens if isinstance(t, Link)]
        outside = plain([t for t in block.tokens if not isinstance(t, Link)])
        if (
            links
            and all(t.url.startswith("#") for t in links)
            and not any(c.isalnum() for c in outside)
        ):
            # navigation within the page (a table of contents): no entry; reported only in
            # a list of entries
            self.pending.append((block, "no link, venue, year, date or bold title"))
            return
        label = self.group_label(block)
        if label is not None:  # "- **DAC2022**" over the papers of that venue
            self.labels[id(block)] = label
            return
        found = self.read_bullet(block)
        if found is not None:
            self.classify(block, found)

    def read_bullet(self, block: ListItem) -> Found | None:
        """The entry data of a bullet, or ``None`` when it only adds to its parent or cannot
        be read (then it is pending a report)."""
        parent = block.parent
        owner = (self.of_block.get(id(parent)) or self.unsure.get(id(parent))) if parent else None
        try:
            found = self.reader.read(block.tokens, block.line)
        except Unparsed as exc:
            if owner is not None:
                self.add_to_parent(block, owner)
            else:
                self.pending.append((block, str(exc)))
            return None
        except Exception as exc:  # a hostile bullet never stops the import
            self.pending.append((block, f"{type(exc).__name__}: {exc}"))
            return None
        if owner is not None and not found.marked:
            self.add_to_parent(block, owner)
            return None
        inherited = self.inherited(block)
        if inherited and (found.data.get("links") or found.data["title"][:1].isupper()):
            found.put("venue", inherited[0])
            found.put("year", inherited[1])
        return found

    def add_to_parent(self, block: ListItem, owner: Found) -> None:
        """A nested bullet without a title of its own: authors, venue or links of its parent
        (which becomes an entry when that gives it a venue or a link)."""
        self.reader.sub_meta(block.tokens, owner)
        parent = block.parent
        if parent is not None and self.unsure.get(id(parent)) is owner and owner.sure:
            self.promote(parent, owner)

    def classify(self, block: ListItem, found: Found) -> None:
        """An entry, a bold-titled bullet that is one only in a list of entries, or a line
        that is no entry (reported when its list holds entries)."""
        found.lines.add(block.line)
        title = found.data["title"]
        if found.sure:
            self.group_sure[block.group] = True
        elif found.marked and not title[:1].islower():
            shown = [
                t
                for t in block.tokens
                if not (isinstance(t, (Text, Break)) and not plain([t]).strip())
            ]
            alone = len(shown) == 1 and isinstance(shown[0], Strong)
            if not (alone and len(title.split()) >= 4):  # "- **A Paper's Title**" is one
                self.weak.setdefault(block.group, []).append(found)
        else:
            self.pending.append((block, "no link, venue, year, date or bold title"))
            self.unsure[id(block)] = found
            self.count(block.group, sure=False)
            return
        self.count(block.group, sure=found.sure)
        self.of_block[id(block)] = found
        self.place(found)

    def promote(self, block: ListItem, found: Found) -> None:
        """A bullet that its nested bullets made an entry (they gave its venue or links)."""
        self.pending = [(b, r) for b, r in self.pending if b is not block]
        del self.unsure[id(block)]
        sure, total = self.group_counts.get(block.group, (0, 0))
        self.group_counts[block.group] = (sure + 1, total)
        self.group_sure[block.group] = True
        self.of_block[id(block)] = found
        position = next(
            (i for i, f in enumerate(self.items) if f.line > found.line), len(self.items)
        )
        if self.category:
            self.register(self.category, "")
            found.data.setdefault("categories", []).append(self.category)
        self.items.insert(position, found)

    def group_label(self, block: ListItem) -> tuple[str | None, int | None] | None:
        """A bullet that only names a venue and year (``DAC2022``, ``OSDI '22``) labels
        the bullets nested under it; one whose anchor carries entry data is an entry."""
        if any(
            isinstance(t, Link) or (isinstance(t, Anchor) and t.data is not None)
            for t in block.tokens
        ):
            return None
        if block.parent is not None and (
            id(block.parent) in self.of_block or id(block.parent) in self.unsure
        ):
            return None  # "  - OSDI 2020" under an entry: that entry's venue
        text = plain(block.tokens).strip(" *:")
        parsed = parse_venue_year(text, self.reader.venues, strict=True) if text else None
        if parsed and parsed[0] and parsed[1] and known_venue(parsed[0], self.reader.venues):
            return parsed[0], parsed[1]
        return None

    def inherited(self, block: ListItem) -> tuple[str | None, int | None] | None:
        parent = block.parent
        while parent is not None:
            if id(parent) in self.labels:
                return self.labels[id(parent)]
            parent = parent.parent
        return None

    def count(self, group: int, *, sure: bool) -> None:
        sure_count, total = self.group_counts.get(group, (0, 0))
        self.group_counts[group] = (sure_count + sure, total + 1)

    def table(self, block: Table) -> None:
        self.described = None
        header, rows = block.header, block.rows
        first = rows[0].cells if rows else []
        if (
            not header
            and first
            and not any(isinstance(t, Link) for c in first for t in c)
            and header_like([plain(c) for c in first])
        ):
            header, rows = [plain(c) for c in first], rows[1:]
        roles = column_roles(header)
        for row in rows:
            try:
                found = self.reader.read_row(row.cells, roles, row.line)
            except Unparsed as exc:
                self.problem(row.line, f"table row not imported: {exc}")
                continue
            except Exception as exc:  # a hostile row never stops the import
                self.problem(row.line, f"table row not imported: {type(exc).__name__}: {exc}")
                continue
            if found is not None:
                found.lines.add(row.line)
                self.place(found)

    # -- the end --------------------------------------------------------------------------------

    def finish(self, blocks: list[Block]) -> list[Found]:
        dropped = {
            id(f)
            for group, found in self.weak.items()
            if not self.group_sure.get(group)
            for f in found
        }
        items = [found for found in self.items if id(found) not in dropped]
        self.pending = [
            (block, reason)
            for block, reason in self.pending
            if not self.plain_entry(block, reason, items)
        ]
        for block, reason in self.pending:
            has_link = any(True for _ in external_links(block.tokens))
            if has_link or self.group_sure.get(block.group):
                self.problem(block.line, f"list item not imported: {reason}")
        covered = set(self.reported)
        for found in items:
            covered |= found.lines
            covered.add(found.line)
        for line, reason in self.unread_links(blocks, covered):
            self.problem(line, reason)
        return items

    def plain_entry(self, block: ListItem, reason: str, items: list[Found]) -> bool:
        """A bullet with only a title, in a list whose bullets are almost all entries, is an
        entry too (a paper the list gives no link or venue for)."""
        sure, total = self.group_counts.get(block.group, (0, 0))
        if not reason.startswith("no link") or sure < 3 or sure < 0.75 * total:
            return False
        found = self.unsure.get(id(block))
        if found is None:
            return False
        title = found.data["title"]
        if len(title.split()) < 3 or not title[:1].isupper() or title.endswith(":"):
            return False
        position = next((i for i, f in enumerate(items) if f.line > found.line), len(items))
        items.insert(position, found)
        return True

    def unread_links(self, blocks: list[Block], covered: set[int]) -> Iterator[tuple[int, str]]:
        """Lines holding a link that no entry took, with the reason."""
        seen: set[int] = set()
        for block in blocks:
            for link in external_links(list(block_tokens(block))):
                if link.line in covered or link.line in seen:
                    continue
                seen.add(link.line)
                yield link.line, self.reason(block, link)

    def reason(self, block: Block, link: Link) -> str:
        section = self.skipped_lines.get(link.line)
        if section:
            return (
                f"link not imported: it is in the section {section!r}, which is not read for "
                f"entries"
            )
        if isinstance(block, Heading):
            return "link not imported: it is in a heading"
        if isinstance(block, Paragraph):
            return "link not imported: it is in a paragraph of text, not in a list or table"
        return "link not imported: it is not part of an item"


def assemble(
    document: Document,
    *,
    path: str,
    venues: VenueList,
    file_category: tuple[str, str] | None,
    result: ImportResult,
) -> list[Found]:
    """Items of one file's blocks; categories and problems go into *result*.

    *file_category* ``(slug, title)`` puts the whole file under one top category (used when
    a list is spread over several files); the file's title heading then names it.
    """
    walk = _Assembler(path, venues, file_category, result)
    blocks = document.blocks
    walk.reader.subtitles = subtitle_habit([b.tokens for b in blocks if isinstance(b, ListItem)])
    title_level = walk.start(blocks)
    for block in blocks:
        if isinstance(block, Heading):
            walk.heading(block, title_level)
            continue
        if isinstance(block, Marker):
            continue
        if walk.skip is not None:
            for token in external_links(list(block_tokens(block))):
                walk.skipped_lines.setdefault(token.line, walk.skip[1])
            continue
        try:
            walk.block(block)
        except Exception as exc:  # pragma: no cover - defensive: one block never aborts
            line = getattr(block, "line", 1)
            walk.problem(line, f"not imported: {type(exc).__name__}: {exc}")
    for line, reason in document.lost:
        walk.problem(line, reason)
    return walk.finish(blocks)

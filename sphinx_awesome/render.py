"""Expand ``paper-table`` placeholders into real docutils tables at write time.

Rows are built as docutils nodes directly (never as reST text to re-parse), so every text
from an entry file is escaped by the writer. Only http(s) URLs and known ids become links.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import awesome_config
from .indices import group_anchor
from .query import group

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .config import AwesomeConfig
    from .domain import AwesomeDomain
    from .entries import Entry
    from .query import TableSpec

HEADINGS = {
    "title": "Title", "venue": "Venue", "year": "Year", "date": "Date", "authors": "Authors",
    "links": "Links", "tags": "Tags", "categories": "Categories", "kind": "Kind",
    "summary": "Summary", "id": "Id", "added": "Added",
}  # fmt: skip
#: Column widths in characters, used by text, man and LaTeX (HTML sizes columns itself).
WIDTHS = {
    "title": 40, "venue": 10, "year": 6, "date": 10, "authors": 24, "links": 16, "tags": 16,
    "categories": 18, "kind": 6, "summary": 36, "id": 12, "added": 10,
}  # fmt: skip
#: Builders whose writers can span a cell over several columns (for group headings).
SPANNING_FORMATS = {"html", "latex"}
DEFAULT_EMPTY = "No entries yet."
INDEX_PAGES = {"venue": "awesome-venueindex", "year": "awesome-yearindex", "tag": "awesome-tagindex"}  # fmt: skip


def search_text(entry: Entry) -> str:
    """What the filter box matches a row against: title, authors, venue, year, tags."""
    parts = [entry.title, *entry.authors, entry.venue or "", str(entry.year or ""), *entry.tags]
    return " ".join(p for p in parts if p).casefold()


class TableRenderer:
    """Builds the nodes of one table for one document and builder."""

    def __init__(self, transform: ExpandPaperTables, domain: AwesomeDomain, config: AwesomeConfig) -> None:  # fmt: skip
        self.docname = transform.env.docname
        self.domain = domain
        self.config = config
        builder = transform.app.builder
        self.builder = builder
        self.html = builder.format == "html"
        linked = set()
        # Page-per-document HTML builders: links are computed here, without the resolver.
        self.direct_links = self.html and builder.name != "singlehtml"
        if self.direct_links:
            linked = {name for name, *_ in getattr(builder, "domain_indices", ())}
        self.index_uri = {
            kind: builder.get_relative_uri(self.docname, page)
            for kind, page in INDEX_PAGES.items()
            if page in linked
        }

    # -- cells --------------------------------------------------------------------------------

    def badge(self, kind: str, text: str) -> nodes.Element:
        classes = ["awesome-badge", f"awesome-{kind}"]
        uri = self.index_uri.get(kind)
        if uri is None:
            return nodes.inline(text, text, classes=classes)
        return nodes.reference(text, text, internal=True, refuri=f"{uri}#{quote(group_anchor(text))}", classes=classes)  # fmt: skip

    def chip_list(self, kind: str, values: tuple[str, ...]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for value in values:
            if out:
                out.append(nodes.Text(" "))
            chip = self.badge(kind, value)
            chip["classes"] = ["awesome-chip", f"awesome-{kind}"]
            out.append(chip)
        return out

    def title_cell(self, entry: Entry, canonical: bool, place: tuple[str, str] | None) -> list[nodes.Node]:  # fmt: skip
        classes = ["awesome-title"]
        if entry.lang:
            classes.append(f"language-{entry.lang}")
        out: list[nodes.Node] = [nodes.inline(entry.title, entry.title, classes=classes)]
        if not canonical and place is not None and self.direct_links:
            uri = self.builder.get_relative_uri(self.docname, place[0])
            link = nodes.reference("↗", "↗", internal=True, refuri=f"{uri}#paper-{entry.id}", classes=["awesome-canonical"], reftitle="Main entry")  # fmt: skip
            out += [nodes.Text(" "), link]
        elif not canonical and place is not None:
            ref = addnodes.pending_xref(
                "", refdomain="std", reftype="ref", reftarget=f"paper-{entry.id}",
                refexplicit=True, refwarn=False, refdoc=self.docname,
            )  # fmt: skip
            ref += nodes.inline("↗", "↗", classes=["awesome-canonical"])
            out += [nodes.Text(" "), ref]
        return out

    def links_cell(self, entry: Entry) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for link in entry.links:
            if link.url is None:
                continue
            if out:
                out.append(nodes.Text(" "))
            out.append(
                nodes.reference(link.label, link.label, refuri=link.url, classes=["awesome-chip", f"awesome-link-{link.label}"])  # fmt: skip
            )
        return out

    def cell(self, column: str, entry: Entry, canonical: bool, place: Any) -> list[nodes.Node]:
        if column == "title":
            return self.title_cell(entry, canonical, place)
        if column == "links":
            return self.links_cell(entry)
        if column == "venue":
            return [self.badge("venue", entry.venue)] if entry.venue else []
        if column == "year":
            return [self.badge("year", str(entry.year))] if entry.year else []
        if column == "tags":
            return self.chip_list("tag", entry.tags)
        if column == "kind":
            return [nodes.inline(entry.kind, entry.kind, classes=["awesome-badge", "awesome-kind"])]
        if column == "authors":
            text = ", ".join(entry.authors)
        elif column == "categories":
            text = ", ".join(self.config.category_title(c) for c in entry.categories)
        elif column == "id":
            return [nodes.literal(entry.id, entry.id)]
        else:  # date, added, summary
            text = getattr(entry, column) or ""
        return [nodes.Text(text)] if text else []

    # -- table --------------------------------------------------------------------------------

    def row(self, cells: list[list[nodes.Node]], columns: tuple[str, ...]) -> nodes.row:
        row = nodes.row()
        for column, content in zip(columns, cells):
            entry = nodes.entry(classes=[f"awesome-cell-{column}"])
            if content:
                entry += nodes.paragraph("", "", *content)
            row += entry
        return row

    def group_row(self, heading: str, width: int) -> nodes.row:
        row = nodes.row(classes=["awesome-group"])
        cell = nodes.entry(classes=["awesome-group-heading"])
        cell += nodes.paragraph(text=heading)
        row += cell
        if self.builder.format in SPANNING_FORMATS:
            cell["morecols"] = width - 1
        else:
            row += [nodes.entry() for _ in range(width - 1)]
        return row

    def build(self, spec: TableSpec, table: nodes.table) -> list[nodes.Node]:
        state = self.domain.state
        by_id = self.domain.store.by_id
        rows: list[Entry] = [by_id[i] for i in state.results.get(spec.key, ()) if i in by_id]
        if not rows:
            empty = nodes.container(classes=["awesome-empty"], ids=table["ids"])
            empty += nodes.paragraph(text=spec.empty or DEFAULT_EMPTY)
            return [empty]
        columns = spec.columns or tuple(self.config.default_columns)
        tgroup = nodes.tgroup(cols=len(columns))
        for column in columns:
            tgroup += nodes.colspec(colwidth=WIDTHS[column])
        head = nodes.thead()
        head += self.row([[nodes.Text(HEADINGS[c])] for c in columns], columns)
        for cell, column in zip(head[0].children, columns):
            cell["classes"] = [f"awesome-col-{column}"]
        tgroup += head
        body = nodes.tbody()
        tgroup += body
        table["classes"] += ["colwidths-auto"]
        table += tgroup

        seen: set[str] = set()
        texts: list[str] = []
        groups = group(rows, spec.group_by, self.config.categories) if spec.group_by else None
        for heading, entries in ((g.title, g.entries) for g in groups) if groups else [(None, rows)]:  # fmt: skip
            if heading is not None:
                body += self.group_row(heading, len(columns))
            for entry in entries:
                place = state.canonical.get(entry.id)
                canonical = place is not None and place[1] == spec.key and entry.id not in seen
                seen.add(entry.id)
                row = self.row([self.cell(c, entry, canonical, place) for c in columns], columns)
                row["classes"].append("awesome-row")
                if canonical:
                    row["ids"].append(f"paper-{entry.id}")
                    row[0]["ids"].append(f"paper-{entry.id}-title")
                body += row
                texts.append(search_text(entry))
        out: list[nodes.Node] = []
        if spec.filter_box and self.html:
            out += filter_box_nodes(texts)
        out.append(table)
        return out


def filter_box_nodes(texts: list[str]) -> list[nodes.Node]:
    count = len(texts)
    box = (
        '<div class="awesome-filter" hidden>'
        f'<input type="search" class="awesome-filter-input" placeholder="Filter {count} entries…" '
        'aria-label="Filter entries">'
        '<span class="awesome-filter-count" aria-live="polite"></span></div>'
    )
    # JSON in a script element: "<" is escaped so no text can close the element.
    data = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c")
    script = f'<script type="application/json" class="awesome-filter-data">{data}</script>'
    return [nodes.raw("", box, format="html"), nodes.raw("", script, format="html")]


class ExpandPaperTables(SphinxPostTransform):
    """Fill each placeholder table with its rows (before references are resolved)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = [t for t in self.document.findall(nodes.table) if "awesome_table" in t]
        if not placeholders:
            return
        domain: AwesomeDomain = self.env.domains["awesome"]  # type: ignore[assignment]
        renderer = TableRenderer(self, domain, awesome_config(self.config, self.env.srcdir))
        for table in placeholders:
            spec = domain.table(table["awesome_table"])
            del table["awesome_table"]
            if spec is None:  # pragma: no cover - a placeholder always has its spec
                continue
            table.parent.replace(table, renderer.build(spec, table))


def setup_render(app: Sphinx) -> None:
    app.add_post_transform(ExpandPaperTables)

"""Expand ``paper-table`` placeholders into real tables at write time.

Each cell is first described as a list of :class:`Piece` (text, maybe a link), then emitted
by one of two backends:

* **nodes** (LaTeX, text, man, ...): docutils nodes, never reST text to re-parse;
* **HTML fast path** (html, dirhtml, singlehtml, epub): the table, its caption and header
  stay docutils nodes (so themes wrap and style it as any table), while the body rows are
  one :class:`awesome_rows` node that the HTML writer turns into markup directly, escaping
  every text with the writer's own ``encode``. Large tables then cost a fraction
  of the nodes, transforms and search-indexing work.

Only http(s) URLs and known ids become links.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import compat
from .anchors import group_fragment, row_id, title_id
from .browse import BUILDERS, PAGES
from .escaping import class_token, escape_html
from .fields import COLUMNS
from .gcpause import paused_gc
from .query import group
from .searchwords import row_words
from .sources import row_href
from .tablehtml import (
    authors_html,
    cite_html,
    summary_html,
    table_data,
    title_html,
    title_url,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from .config import AwesomeConfig
    from .domain import AwesomeDomain
    from .entries import Entry
    from .query import TableSpec
    from .sources import Source

#: Builders whose writers can span a cell over several columns (for group headings).
SPANNING_FORMATS = {"html", "latex"}


class awesome_rows(nodes.General, nodes.Element):  # named like docutils nodes
    """The body rows of one table, written as HTML by :func:`visit_awesome_rows_html`.

    Its only child is the rows' text, for Sphinx's search index; the writer skips it.
    """


@dataclass(slots=True)
class Piece:
    """One run of cell content: text, maybe a link (``href``) or a label to resolve."""

    text: str
    classes: tuple[str, ...] = ()
    href: str | None = None
    internal: bool = False
    label: str | None = None  # a std label, resolved by Sphinx (builders without URIs)
    lang: str | None = None
    title: str | None = None
    html: str | None = field(default=None, compare=False, repr=False)  # rendered once


@dataclass(slots=True)
class Row:
    entry: Entry | None  # None: a group heading row
    heading: str = ""
    canonical: bool = False
    cells: list[list[Piece]] | None = None
    #: another list's row: where its title links (that list's row for the entry), and the
    #: link's tooltip (the title and the list's name)
    remote: str | None = None
    remote_title: str | None = None


class TableRenderer:
    """Plans the rows of the tables of one document for one builder."""

    def __init__(
        self, builder: Builder, docname: str, domain: AwesomeDomain, config: AwesomeConfig
    ) -> None:
        self.builder = builder
        self.docname = docname
        self.domain = domain
        self.config = config
        self.html = builder.format == "html"
        self.single_page = builder.name == "singlehtml"
        # Badges link to the browsing pages where the builder writes them.
        self.index_uri = {
            kind: builder.get_relative_uri(docname, page)
            for page, (_title, kind) in PAGES.items()
            if builder.name in BUILDERS
        }
        self._doc_uri: dict[str, str] = {}
        # Badges repeat on every row (a handful of venues, years and tags): one piece each,
        # so the HTML backend renders each once per page.
        self._badges: dict[tuple[str, str, bool], Piece] = {}
        self.table_doc = docname

    # -- what a table shows ---------------------------------------------------------------------

    def entries(self, spec: TableSpec) -> list[Entry]:
        ids = self.domain.state.results.get(spec.key, ())
        if spec.source is not None:  # keys ``name:id``
            source = self.domain.source_of(spec)
            by_id = source.by_id if source is not None else {}
            ids = tuple(k.partition(":")[2] for k in ids)
        else:
            by_id = self.domain.store.by_id
        return [by_id[i] for i in ids if i in by_id]

    def columns(self, spec: TableSpec) -> tuple[str, ...]:
        return spec.columns or tuple(self.config.default_columns)

    def layout(self, spec: TableSpec) -> Iterator[Row]:
        """The rows in order, without their cells: group headings, then entries (an entry
        in several groups comes in each); only an entry's first row may be canonical."""
        entries = self.entries(spec)
        canonical_places = self.domain.state.canonical
        source = self.domain.source_of(spec)
        categories = source.categories if source is not None else self.config.categories
        seen: set[str] = set()
        if spec.group_by:
            sections = [(g.title, g.entries) for g in group(entries, spec.group_by, categories)]
        else:
            sections = [("", entries)]
        for heading, rows in sections:
            if spec.group_by:
                yield Row(None, heading=heading)
            for entry in rows:
                if source is not None:
                    href = row_href(source, entry.id, self.builder, self.docname)
                    tip = f"{entry.title} ({source.title})"
                    yield Row(entry, remote=href, remote_title=tip)
                    continue
                place = canonical_places.get(entry.id)
                canonical = place is not None and place[1] == spec.key and entry.id not in seen
                seen.add(entry.id)
                yield Row(entry, canonical=canonical)

    def plan(self, spec: TableSpec) -> Iterator[Row]:
        """The rows in order with their cells; ids only on canonical rows."""
        columns = self.columns(spec)
        canonical_places = self.domain.state.canonical
        source = self.domain.source_of(spec)
        for row in self.layout(spec):
            entry = row.entry
            if entry is not None and source is not None:
                row.cells = self.remote_cells(source, entry, columns, row.remote)
            elif entry is not None:
                place = None if row.canonical else canonical_places.get(entry.id)
                row.cells = [self.cell(c, entry, place) for c in columns]
            yield row

    def data_entries(self, spec: TableSpec) -> list[Entry]:
        """The entries of a table's data, in the order of their first rows."""
        seen: dict[str, Entry] = {}
        for row in self.layout(spec):
            if row.entry is not None:
                seen.setdefault(row.entry.id, row.entry)
        return list(seen.values())

    def remote_cells(
        self, source: Source, entry: Entry, columns: tuple[str, ...], href: str | None
    ) -> list[list[Piece]]:
        """The cells of another list's entry: its title links to the row on that list's site
        (*href*); badges are text (this site's browsing pages do not list the entry)."""
        cells = []
        for column in columns:
            kind = COLUMNS[column].column.cell  # type: ignore[union-attr]
            if kind == "categories":
                text = ", ".join(source.category_title(c) for c in entry.categories)
                pieces = [Piece(text)] if text else []
            else:
                pieces = [
                    Piece(p.text, p.classes, lang=p.lang) if p.internal else p
                    for p in self.cell(column, entry, None)
                ]
            if kind == "title" and href is not None:
                title = f"{entry.title} ({source.title})"
                pieces[0] = Piece(
                    entry.title, pieces[0].classes, href, lang=entry.lang, title=title
                )
            cells.append(pieces)
        return cells

    # -- cells ----------------------------------------------------------------------------------

    def badge(self, kind: str, text: str, chip: bool = False) -> Piece:
        piece = self._badges.get((kind, text, chip))
        if piece is None:
            classes = ("awesome-chip" if chip else "awesome-badge", f"awesome-{kind}")
            uri = self.index_uri.get(kind)
            if uri is None or text not in self.domain.state.browse_keys.get(kind, ()):
                piece = Piece(text, classes)
            else:
                piece = Piece(text, classes, href=f"{uri}#{group_fragment(text)}", internal=True)
            self._badges[kind, text, chip] = piece
        return piece

    def canonical_link(self, entry: Entry, docname: str) -> Piece:
        """The ↗ link from a repeated row to the entry's canonical row."""
        piece = Piece("↗", ("awesome-canonical",), internal=True, title="Main entry")
        anchor = self.domain.state.anchor(entry.id)
        if self.single_page:
            piece.href = f"#{anchor}"
        elif self.html:
            uri = self._doc_uri.get(docname)
            if uri is None:
                uri = self._doc_uri[docname] = self.builder.get_relative_uri(self.docname, docname)
            piece.href = f"{uri}#{anchor}"
        else:
            piece.label = row_id(entry.id)
        return piece

    def cell(self, column: str, entry: Entry, elsewhere: tuple[str, str] | None) -> list[Piece]:
        """The pieces of one cell; *elsewhere* is the canonical place of a repeated row."""
        spec = COLUMNS[column]
        kind = spec.column.cell  # type: ignore[union-attr]
        if kind == "title":
            url = title_url(entry)
            title = [Piece(entry.title, ("awesome-title",), href=url, lang=entry.lang)]
            if elsewhere is not None:
                title.append(self.canonical_link(entry, elsewhere[0]))
            if entry.kind != "paper":  # (the HTML title cell writes its kind itself)
                title.append(Piece(entry.kind, ("awesome-kind", f"awesome-kind-{entry.kind}")))
            return title
        if kind == "links":
            return [
                Piece(
                    link.label,
                    ("awesome-chip", f"awesome-link-{class_token(link.label)}"),
                    href=link.url,
                )
                for link in entry.links
                if link.url is not None
            ]
        values = spec.strings(entry)
        if kind in ("badge", "chips"):
            group = spec.filter.name  # type: ignore[union-attr]
            return [self.badge(group, value, chip=kind == "chips") for value in values]
        if kind in ("kind", "id"):
            return [
                Piece(
                    values[0],
                    ("awesome-badge", "awesome-kind") if kind == "kind" else ("awesome-id",),
                )
            ]
        if kind == "categories":
            values = tuple(self.config.category_title(c) for c in values)
        text = ", ".join(values)
        return [Piece(text)] if text else []

    # -- docutils nodes backend -----------------------------------------------------------------

    def piece_node(self, piece: Piece) -> nodes.Node:
        classes = list(piece.classes)
        if piece.lang:
            classes.append(f"language-{piece.lang}")
        if piece.href is not None:
            return nodes.reference(
                piece.text,
                piece.text,
                refuri=piece.href,
                internal=piece.internal,
                classes=classes,
                **({"reftitle": piece.title} if piece.title else {}),
            )
        if piece.label is not None:
            ref = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="ref",
                reftarget=piece.label,
                refexplicit=True,
                refwarn=False,
                refdoc=self.table_doc,
            )
            ref += nodes.inline(piece.text, piece.text, classes=classes)
            return ref
        if classes:
            return nodes.inline(piece.text, piece.text, classes=classes)
        return nodes.Text(piece.text)

    def row_nodes(self, row: Row, columns: tuple[str, ...]) -> nodes.row:
        if row.entry is None:
            node = nodes.row(classes=["awesome-group"])
            cell = nodes.entry(classes=["awesome-group-heading"])
            cell += nodes.paragraph(text=row.heading)
            node += cell
            if self.builder.format in SPANNING_FORMATS:
                cell["morecols"] = len(columns) - 1
            else:
                node += [nodes.entry() for _ in range(len(columns) - 1)]
            return node
        node = nodes.row(classes=["awesome-row"])
        for column, pieces in zip(columns, row.cells or (), strict=True):
            cell = nodes.entry(classes=[f"awesome-cell-{column}"])
            if pieces:
                para = nodes.paragraph()
                for i, piece in enumerate(pieces):
                    if i:
                        para += nodes.Text(" ")
                    para += self.piece_node(piece)
                cell += para
            node += cell
        if row.canonical and row.entry is not None:
            # Row ids are lost on LaTeX and friends; a target in the title cell is not.
            cell = node[self.title_index(columns)]
            if not cell.children:
                cell += nodes.paragraph()
            cell[0].insert(0, nodes.target("", "", ids=self.row_ids(row.entry)))
        return node

    def row_ids(self, entry: Entry) -> list[str]:
        """The ids of a canonical row: ``paper-<id>`` (unless a label or a section of the page
        took it) and the title's ``paper-<id>:title`` (the search index's anchor)."""
        if entry.id in self.domain.state.clashes:
            return [title_id(entry.id)]
        return [row_id(entry.id), title_id(entry.id)]

    @staticmethod
    def title_index(columns: tuple[str, ...]) -> int:
        return columns.index("title") if "title" in columns else 0

    # -- HTML backend ---------------------------------------------------------------------------

    def rows_html(self, spec: TableSpec, parity: int) -> tuple[str, int]:
        """The body rows as HTML; returns the new row count."""
        # Every text and attribute value goes through one escaping function.
        encode = attval = escape_html
        columns = self.columns(spec)
        title_index = self.title_index(columns)
        # an entry's place in the table's data: its first row's (as data_entries() numbers it)
        data_index: dict[str, int] = {}
        out: list[str] = []
        for row in self.plan(spec):
            parity += 1
            stripe = "row-even" if parity % 2 == 0 else "row-odd"
            if row.entry is None:
                out.append(
                    f'<tr class="awesome-group {stripe}"><td class="awesome-group-heading" '
                    f'colspan="{len(columns)}"><p>{encode(row.heading)}</p></td></tr>\n'
                )
                continue
            entry = row.entry
            ids = self.row_ids(entry) if row.canonical else []
            row_id = f' id="{attval(ids[0])}"' if len(ids) == 2 else ""
            index = data_index.setdefault(entry.id, len(data_index))
            out.append(f'<tr class="awesome-row {stripe}"{row_id} data-awesome-row="{index}">')
            for i, (column, pieces) in enumerate(zip(columns, row.cells or (), strict=True)):
                cell_id = f' id="{attval(ids[-1])}"' if ids and i == title_index else ""
                out.append(f'<td class="awesome-cell-{column}"{cell_id}>')
                out.append(self.cell_html(column, entry, pieces, row.remote, row.remote_title))
                out.append("</td>")
            out.append("</tr>\n")
        return "".join(out), parity

    def cell_html(
        self,
        column: str,
        entry: Entry,
        pieces: list[Piece],
        href: str | None = None,
        tip: str | None = None,
    ) -> str:
        """One cell's HTML: the title, authors and summary cells are the rich ones of
        :mod:`sphinx_awesome.tablehtml`; the others are their pieces."""
        if column == "title":
            canonical = [p for p in pieces if "awesome-canonical" in p.classes]
            more = "".join(self.piece_html(p, escape_html, escape_html) for p in canonical)
            return title_html(entry, more, href, tip) + cite_html(self.bibtex(entry))
        if column == "authors":
            return authors_html(entry, self.config.max_authors)
        if column == "summary":
            return summary_html(entry)
        if not pieces:
            return ""
        return f"<p>{' '.join(self.piece_html(p, escape_html, escape_html) for p in pieces)}</p>"

    def bibtex(self, entry: Entry) -> str:
        """The entry's BibTeX: the entry store's (made when the file was parsed), or, for an
        entry of another list, made now."""
        text = self.domain.store.bibtex(entry)
        if text is None:
            from .cli.exporters.bibtex import bibtex_entry

            text = bibtex_entry(entry)
        return text

    @staticmethod
    def piece_html(piece: Piece, encode: Any, attval: Any) -> str:
        if piece.html is not None:  # a shared badge, already rendered on this page
            return piece.html
        text = encode(piece.text)
        classes = attval(" ".join(piece.classes))
        lang = f' lang="{attval(piece.lang)}"' if piece.lang else ""
        if piece.href is not None:
            kind = "internal" if piece.internal else "external"
            title = f' title="{attval(piece.title)}"' if piece.title else ""
            html = (
                f'<a class="{classes} reference {kind}" '
                f'href="{attval(piece.href)}"{title}{lang}>{text}</a>'
            )
        elif classes:
            html = f'<span class="{classes}"{lang}>{text}</span>'
        else:
            html = text
        piece.html = html
        return html

    # -- the table ------------------------------------------------------------------------------

    def build(
        self, spec: TableSpec, table: nodes.table, empty: nodes.Element | None
    ) -> list[nodes.Node]:
        """The nodes that replace a placeholder table (and its empty state, *empty*)."""
        # LaTeX resolves one assembled tree from the root document: references must say
        # which document the table really is in.
        self.table_doc = spec.docname
        entries = self.entries(spec)
        if not entries:
            if empty is None:  # pragma: no cover - the directive always adds one
                return []
            empty["ids"] = table["ids"]
            captions = [child for child in table.children if isinstance(child, nodes.title)]
            for caption in captions:  # keep the caption above the message
                empty.insert(
                    0, nodes.paragraph("", "", *caption.children, classes=["awesome-caption"])
                )
            return [empty]
        columns = self.columns(spec)
        tgroup = nodes.tgroup(cols=len(columns))
        for column in columns:
            tgroup += nodes.colspec(colwidth=COLUMNS[column].column.width)  # type: ignore[union-attr]
        head_row = nodes.row()
        for column in columns:
            cell = nodes.entry(classes=[f"awesome-col-{column}"])
            cell += nodes.paragraph(text=COLUMNS[column].column.heading)  # type: ignore[union-attr]
            head_row += cell
        tgroup += nodes.thead("", head_row)
        body = nodes.tbody()
        if self.html:
            rows = awesome_rows(table_key=spec.key)
            if spec.no_index or spec.source is not None:  # words indexed where they belong
                rows["classes"].append("no-search")
            else:
                places = self.domain.state.canonical
                rows += nodes.Text(
                    "\n".join(
                        row_words(e, columns, places.get(e.id, ("", ""))[1] == spec.key)
                        for e in entries
                    )
                )
            body += rows
        else:
            body += [self.row_nodes(row, columns) for row in self.plan(spec)]
        tgroup += body
        table["classes"] += ["colwidths-auto"]
        table += tgroup
        if not self.html:
            return [table]
        data = table_data(self.data_entries(spec), columns, self.config.venue_list())
        return [table, nodes.raw("", data, format="html")]


def _renderer(env: Any, builder: Builder, docname: str) -> TableRenderer:
    domain: AwesomeDomain = env.domains["awesome"]
    return TableRenderer(builder, docname, domain, domain.settings)


@paused_gc()
def visit_awesome_rows_html(translator: HTML5Translator, node: awesome_rows) -> None:
    builder = translator.builder
    renderer = _renderer(builder.env, builder, builder.current_docname)
    spec = renderer.domain.table(node["table_key"])
    if spec is not None:
        # Continue the writer's row striping after the header row.
        indices = compat.table_row_indices(translator)
        parity = indices[-1] if indices else 1
        html, parity = renderer.rows_html(spec, parity)
        if indices:
            indices[-1] = parity
        translator.body.append(html)
    raise nodes.SkipNode


class ExpandPaperTables(SphinxPostTransform):
    """Fill each placeholder table with its rows (before references are resolved)."""

    default_priority = 5

    @paused_gc()
    def run(self, **kwargs: Any) -> None:
        placeholders = [t for t in self.document.findall(nodes.table) if "awesome_table" in t]
        if not placeholders:
            return
        app = compat.env_app(self.env)
        renderer = _renderer(self.env, app.builder, self.env.docname)
        for table in placeholders:
            key = table["awesome_table"]
            del table["awesome_table"]
            parent = table.parent
            empty = next(
                (
                    n
                    for n in parent.children
                    if isinstance(n, nodes.Element) and n.get("awesome_empty") == key
                ),
                None,
            )
            if empty is not None:
                parent.remove(empty)
                del empty["awesome_empty"]
            spec = renderer.domain.table(key)
            if spec is None:  # pragma: no cover - a placeholder always has its spec
                continue
            parent.replace(table, renderer.build(spec, table, empty))


def setup_render(app: Sphinx) -> None:
    app.add_node(awesome_rows, html=(visit_awesome_rows_html, None))
    app.add_post_transform(ExpandPaperTables)

"""Browsing pages: every entry by tag, by venue and by year (HTML builders).

Each page (``awesome-tagindex``, ``awesome-venueindex``, ``awesome-yearindex``) lists its
groups with the anchor ``cap-<key>``, which the badges and chips in table rows link to;
other pages reach them with ``:ref:`awesome-tagindex``` (labels registered by the
domain). The page body is built as one escaped HTML string and laid out by the theme's
``page.html``, so even 100,000 entries cost a fraction of a template loop per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .anchors import group_fragment, group_id, row_id
from .escaping import escape_html as escape
from .fields import BROWSED, FILTERS
from .fieldtypes import Year
from .gcpause import paused_gc

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .entries import Entry
    from .state import BuildState
    from .store import EntryStore

#: page name -> (title, what it groups by): one page per browsed field (tag, venue, year)
PAGES: dict[str, tuple[str, str]] = {
    f"awesome-{kind}index": (f"Entries by {kind}", kind)
    for kind in (spec.filter.name for spec in BROWSED if spec.filter)
}
#: Builders that write these pages (singlehtml and epub have no room for extra pages).
BUILDERS = ("html", "dirhtml")


def _reading_order(row: tuple[Entry, str]) -> tuple[int, str]:
    return -(row[0].year or 0), row[0].title.casefold()


def groups(
    kind: str, entries: Iterable[tuple[Entry, str]]
) -> list[tuple[str, list[tuple[Entry, str]]]]:
    """``(key, [(entry, docname), ...])``, keys sorted for reading (years newest first).

    *entries* come in reading order (:func:`_reading_order`), sorted once for all three
    pages; each group keeps that order.
    """
    spec = FILTERS[kind]
    out: dict[str, list[tuple[Entry, str]]] = {}
    for entry, docname in entries:
        for key in spec.strings(entry):
            out.setdefault(key, []).append((entry, docname))
    if isinstance(spec.type, Year):  # newest first
        return [(key, out[key]) for key in sorted(out, key=int, reverse=True)]
    return [(key, out[key]) for key in sorted(out, key=lambda k: (k.casefold(), k))]


def page_body(
    title: str,
    grouped: list[tuple[str, list[tuple[Entry, str]]]],
    uri: Callable[[str], str],
    items: dict[tuple[str, str], str],
    anchor: Callable[[str], str] = row_id,
) -> str:
    """The escaped HTML body of one browsing page; *uri* maps a docname to a relative URI.

    *items* caches each entry's list item by (id, URI) between the pages of one build.
    """
    out = [f'<section class="awesome-browse"><h1>{escape(title)}</h1>']
    out.append('<nav class="awesome-browse-keys"><p>')
    out.append(
        " ".join(
            f'<a class="awesome-chip" href="#{escape(group_fragment(k))}">{escape(k)} '
            f'<span class="awesome-count">{len(rows)}</span></a>'
            for k, rows in grouped
        )
    )
    out.append("</p></nav>")
    for key, rows in grouped:
        out.append(f'<section class="awesome-browse-group" id="{escape(group_id(key))}">')
        out.append(f"<h2>{escape(key)}</h2><ul>")
        for entry, docname in rows:
            base = uri(docname)
            item = items.get((entry.id, base))
            if item is None:
                item = items[entry.id, base] = _item(entry, base, anchor)
            out.append(item)
        out.append("</ul></section>")
    out.append("</section>")
    return "".join(out)


def _item(entry: Entry, base: str, anchor: Callable[[str], str]) -> str:
    href = f"{base}#{anchor(entry.id)}"
    lang = f' lang="{escape(entry.lang)}"' if entry.lang else ""
    extra = " ".join(str(v) for v in (entry.venue, entry.year) if v)
    return (
        f'<li><a class="reference internal" href="{escape(href)}"{lang}>{escape(entry.title)}</a>'
        + (f' <span class="awesome-muted">{escape(extra)}</span>' if extra else "")
        + "</li>"
    )


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The ``html-collect-pages`` handler: one page per kind that has entries."""
    if app.builder.name not in BUILDERS:
        return
    domain = app.env.domains["awesome"]
    outdir = app.builder.outdir
    if domain.run.quiet and all(  # type: ignore[attr-defined]
        (outdir / app.builder.get_target_uri(page)).exists() or (outdir / f"{page}.html").exists()
        for page in PAGES
    ):
        return  # a no-op build: the pages written last time are still right
    with paused_gc():
        pages = list(_pages(app, domain.store, domain.state))  # type: ignore[attr-defined]
    yield from pages


def _pages(
    app: Sphinx, store: EntryStore, state: BuildState
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each browsing page's name, context and template."""
    by_id = store.by_id
    canonical = sorted(state.canonical.items())
    shown = sorted(
        ((by_id[entry_id], docname) for entry_id, (docname, _) in canonical if entry_id in by_id),
        key=_reading_order,
    )
    items: dict[tuple[str, str], str] = {}
    for pagename, (title, kind) in PAGES.items():
        grouped = groups(kind, shown)
        uris: dict[str, str] = {}

        def uri(docname: str, page: str = pagename, uris: dict[str, str] = uris) -> str:
            if docname not in uris:
                uris[docname] = app.builder.get_relative_uri(page, docname)
            return uris[docname]

        body = page_body(title, grouped, uri, items, state.anchor)
        context = {"title": title, "body": body, "parents": [], "toc": "", "display_toc": False}
        yield pagename, context, "page.html"


def setup_browse(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)

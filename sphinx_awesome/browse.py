"""Browsing pages: every entry by tag, by venue and by year (HTML builders).

Each page (``awesome-tagindex``, ``awesome-venueindex``, ``awesome-yearindex``) lists its
groups with the anchor ``cap-<key>``, which the badges and chips in table rows link to;
other pages reach them with ``:ref:`awesome-tagindex``` (labels registered by the
collector). The page body is built as one escaped HTML string and laid out by the theme's
``page.html``, so even 100,000 entries cost a fraction of a template loop per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .anchors import group_fragment, group_id, row_id
from .escaping import escape_html as escape
from .gcpause import paused_gc

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .entries import Entry

#: page name -> (title, what it groups by)
PAGES: dict[str, tuple[str, str]] = {
    "awesome-tagindex": ("Entries by tag", "tag"),
    "awesome-venueindex": ("Entries by venue", "venue"),
    "awesome-yearindex": ("Entries by year", "year"),
}
#: Builders that write these pages (singlehtml and epub have no room for extra pages).
BUILDERS = ("html", "dirhtml")


def _keys(kind: str) -> Callable[[Entry], Iterable[str]]:
    if kind == "tag":
        return lambda e: e.tags
    if kind == "venue":
        return lambda e: [e.venue] if e.venue else []
    return lambda e: [str(e.year)] if e.year else []


def _reading_order(row: tuple[Entry, str]) -> tuple[int, str]:
    return -(row[0].year or 0), row[0].title.casefold()


def groups(kind: str, entries: Iterable[tuple[Entry, str]]) -> list[tuple[str, list[tuple[Entry, str]]]]:  # fmt: skip
    """``(key, [(entry, docname), ...])``, keys sorted for reading (years newest first).

    *entries* come in reading order (:func:`_reading_order`), sorted once for all three
    pages; each group keeps that order.
    """
    keys = _keys(kind)
    out: dict[str, list[tuple[Entry, str]]] = {}
    for entry, docname in entries:
        for key in keys(entry):
            out.setdefault(key, []).append((entry, docname))
    order = (lambda k: -int(k)) if kind == "year" else (lambda k: (k.casefold(), k))
    return [(key, out[key]) for key in sorted(out, key=order)]  # type: ignore[arg-type]


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
    out.append(" ".join(
        f'<a class="awesome-chip" href="#{escape(group_fragment(k))}">{escape(k)} '
        f'<span class="awesome-count">{len(rows)}</span></a>'
        for k, rows in grouped
    ))  # fmt: skip
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
        f'<li><a class="reference internal" href="{escape(href)}"{lang}>{escape(entry.title)}</a>'  # fmt: skip
        + (f' <span class="awesome-muted">{escape(extra)}</span>' if extra else "")
        + "</li>"
    )


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The ``html-collect-pages`` handler: one page per kind that has entries."""
    if app.builder.name not in BUILDERS:
        return
    from .collector import current_run

    outdir = app.builder.outdir
    if current_run(app.env).quiet and all(
        (outdir / app.builder.get_target_uri(page)).exists() or (outdir / f"{page}.html").exists()
        for page in PAGES
    ):
        return  # a no-op build: the pages written last time are still right
    with paused_gc():
        pages = list(_pages(app, app.env.domaindata["awesome"]))
    yield from pages


def _pages(app: Sphinx, data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each browsing page's name, context and template."""
    by_id = data["store"].by_id
    shown = sorted(
        ((by_id[entry_id], docname) for entry_id, (docname, _key) in sorted(data["state"].canonical.items()) if entry_id in by_id),  # fmt: skip
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

        context = {"title": title, "body": page_body(title, grouped, uri, items, data["state"].anchor), "parents": [], "toc": "", "display_toc": False}  # fmt: skip
        yield pagename, context, "page.html"


def setup_browse(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)

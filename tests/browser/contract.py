"""Pages that follow the table HTML contract of issue 13, written from entries by hand.

A stand-in for the extension's own HTML renderer while it is being rewritten: the table script
and stylesheet are developed and tested against these pages, and the benchmark uses one with
10,000 rows. Every text is escaped with :func:`html.escape`; the per-table data is JSON with
``<`` escaped, as the extension writes it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from sphinx_awesome.cli.exporters.bibtex import bibtex_entry
from sphinx_awesome.entries import KINDS, Entry
from sphinx_awesome.sorting import KEY_FUNCTIONS
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

FIELDS = {
    "id": "exact",
    "kind": "lower",
    "venue": "venue",
    "year": "year",
    "tag": "lower",
    "category": "path",
    "author": "contains",
    "lang": "lang",
    "affiliation": "contains",
}
KEYS = [*FIELDS, "title", "summary", "sort"]
HEADINGS = {
    "title": "Title",
    "authors": "Authors",
    "summary": "Summary",
    "venue": "Venue",
    "year": "Year",
    "links": "Links",
    "tags": "Tags",
    "kind": "Kind",
    "id": "Id",
}
SORTS = {
    "title": "text",
    "authors": "text",
    "venue": "text",
    "year": "number",
    "kind": "text",
    "id": "text",
}
SORT_KEY = {"authors": "author"}  # column -> sorting.py key
TITLE_LINKS = ("paper", "pdf", "doi", "arxiv", "post", "site", "project", "repo", "code")
SUMMARY_WORDS = 8

esc = html.escape


def venue_lookup() -> dict[str, str]:
    return dict(VenueList(BUILTIN_VENUES)._lookup)


def affiliations(entry: Entry) -> list[str]:
    value = getattr(entry, "affiliation", None) or ()
    return [value] if isinstance(value, str) else list(value)


def data_row(entry: Entry, columns: Sequence[str]) -> list[object]:
    venues = [v for v in dict.fromkeys((entry.venue, entry.venue_as_written)) if v]
    sort = {c: KEY_FUNCTIONS[SORT_KEY.get(c, c)](entry) for c in columns if c in SORTS}
    return [
        entry.id,
        entry.kind,
        venues,
        entry.year,
        list(entry.tags),
        list(entry.categories),
        list(entry.authors),
        entry.lang,
        affiliations(entry),
        entry.title,
        entry.summary,
        sort,
    ]


def table_data(entries: Sequence[Entry], columns: Sequence[str]) -> str:
    data = {
        "version": 1,
        "fields": FIELDS,
        "choices": {"kind": list(KINDS)},
        "text": ["title", "author", "summary"],
        "venues": venue_lookup(),
        "sorts": {c: t for c, t in SORTS.items() if c in columns},
        "facets": ["tag", "venue", "year"],
        "keys": KEYS,
        "rows": [data_row(entry, columns) for entry in entries],
    }
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def title_cell(entry: Entry, row_id: str | None, canonical_href: str | None) -> str:
    url = next(
        (
            link.url
            for label in TITLE_LINKS
            for link in entry.links
            if link.label == label and link.url
        ),
        None,
    )
    lang = f' lang="{esc(entry.lang)}"' if entry.lang else ""
    if url:
        title = f'<a class="awesome-title reference external" href="{esc(url)}"{lang}>{esc(entry.title)}</a>'
    else:
        title = f'<span class="awesome-title"{lang}>{esc(entry.title)}</span>'
    if entry.kind != "paper":
        title += f' <span class="awesome-kind awesome-kind-{entry.kind}">{esc(entry.kind)}</span>'
    if canonical_href:
        title += f' <a class="awesome-canonical reference internal" href="{esc(canonical_href)}" title="Main entry">↗</a>'
    cite = (
        '<details class="awesome-cite"><summary>Cite</summary>'
        f'<pre class="awesome-bibtex">{esc(bibtex_entry(entry))}</pre></details>'
    )
    cell_id = f' id="{row_id}-title"' if row_id else ""
    return f'<td class="awesome-cell-title"{cell_id}><p>{title}</p>{cite}</td>'


def authors_cell(entry: Entry, max_authors: int) -> str:
    shown, rest = entry.authors[:max_authors], entry.authors[max_authors:]
    text = f"<p>{esc(', '.join(shown))}</p>" if shown else ""
    if rest:
        text += (
            ' <details class="awesome-more-authors"><summary>et al.</summary>'
            f"<p>{esc(', '.join(rest))}</p></details>"
        )
    return f'<td class="awesome-cell-authors">{text}</td>'


def summary_cell(entry: Entry) -> str:
    words = entry.summary.split()
    if not words:
        return '<td class="awesome-cell-summary"></td>'
    if len(words) <= SUMMARY_WORDS:
        return f'<td class="awesome-cell-summary"><p>{esc(entry.summary)}</p></td>'
    lead = " ".join(words[:SUMMARY_WORDS]) + "…"
    return (
        '<td class="awesome-cell-summary"><details class="awesome-summary">'
        f"<summary>{esc(lead)}</summary><p>{esc(entry.summary)}</p></details></td>"
    )


def badge_cell(column: str, pieces: Iterable[tuple[str, str]]) -> str:
    inner = " ".join(
        f'<a class="{cls} reference internal" href="#">{esc(text)}</a>' for cls, text in pieces
    )
    return (
        f'<td class="awesome-cell-{column}"><p>{inner}</p></td>'
        if inner
        else f'<td class="awesome-cell-{column}"></td>'
    )


def cell(
    column: str, entry: Entry, row_id: str | None, canonical_href: str | None, max_authors: int
) -> str:
    if column == "title":
        return title_cell(entry, row_id, canonical_href)
    if column == "authors":
        return authors_cell(entry, max_authors)
    if column == "summary":
        return summary_cell(entry)
    if column == "venue":
        return badge_cell(
            column, [("awesome-badge awesome-venue", entry.venue)] if entry.venue else []
        )
    if column == "year":
        return badge_cell(
            column, [("awesome-badge awesome-year", str(entry.year))] if entry.year else []
        )
    if column == "tags":
        return badge_cell(column, [("awesome-chip awesome-tag", tag) for tag in entry.tags])
    if column == "links":
        inner = " ".join(
            f'<a class="awesome-chip awesome-link-{link.label} reference external" href="{esc(link.url)}">{esc(link.label)}</a>'
            for link in entry.links
            if link.url
        )
        return f'<td class="awesome-cell-links"><p>{inner}</p></td>'
    if column == "kind":
        return f'<td class="awesome-cell-kind"><p><span class="awesome-badge awesome-kind">{entry.kind}</span></p></td>'
    return f'<td class="awesome-cell-{column}"><p>{esc(str(getattr(entry, column) or ""))}</p></td>'


def table_html(
    entries: Sequence[Entry],
    columns: Sequence[str],
    *,
    group_by_year: bool = False,
    table_id: str = "",
    caption: str = "",
    style: str = "default",
    canonical: bool = True,
    max_authors: int = 3,
) -> str:
    """One paper-table as the HTML builders write it (without a theme's table wrapper)."""
    head = "".join(
        f'<th class="head awesome-col-{c}"'
        + (f' data-awesome-sort="{c}"' if c in SORTS else "")
        + f"><p>{HEADINGS.get(c, c.title())}</p></th>"
        for c in columns
    )
    body: list[str] = []
    group = object()
    for index, entry in enumerate(entries):
        parity = "row-even" if len(body) % 2 else "row-odd"
        if group_by_year and entry.year != group:
            group = entry.year
            body.append(
                f'<tr class="awesome-group {parity}"><td class="awesome-group-heading" '
                f'colspan="{len(columns)}"><p>{group or "No year"}</p></td></tr>'
            )
        row_id = f"paper-{entry.id}" if canonical else None
        href = None if canonical else f"#paper-{entry.id}"
        cells = "".join(cell(c, entry, row_id, href, max_authors) for c in columns)
        id_attr = f' id="{row_id}"' if row_id else ""
        body.append(
            f'<tr class="awesome-row {parity}"{id_attr} data-awesome-row="{index}">{cells}</tr>'
        )
    caption_html = f"<caption>{esc(caption)}</caption>" if caption else ""
    table_id_attr = f' id="{esc(table_id)}"' if table_id else ""
    return (
        f'<div class="awesome-paper-table awesome-style-{style} docutils container">\n'
        f'<table class="awesome-table colwidths-auto docutils align-default"{table_id_attr}>'
        f"{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table>\n"
        f'<script type="application/json" class="awesome-table-data">{table_data(entries, columns)}</script>\n'
        "</div>\n"
    )


def page_html(body: str, static: str, title: str = "Paper tables", head: str = "") -> str:
    """A bare page around *body*, loading the stylesheet and script from *static*/."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{static}/awesome.css">\n'
        f'<script defer src="{static}/awesome-table.js"></script>\n{head}</head>\n'
        f"<body><main>\n<h1>{esc(title)}</h1>\n{body}</main></body></html>\n"
    )


# -- until the renderer writes the contract: built pages rewritten to it ------------------------


def adapt_page(text: str, entries: dict[str, Entry], static_prefix: str) -> str | None:
    """A built page whose tables lack the per-table data, rewritten to the contract (``None``
    when the page has no table or already follows it). The theme's wrappers are kept: only
    the header cells, the rows and the data change."""
    from bs4 import BeautifulSoup

    if 'class="awesome-paper-table' not in text or "awesome-table-data" in text:
        return None
    soup = BeautifulSoup(text, "html.parser")
    for wrapper in soup.select("div.awesome-paper-table"):
        table = wrapper.select_one("table.awesome-table")
        if table is None:
            continue
        for old in wrapper.select(".awesome-filter, script.awesome-filter-data"):
            old.decompose()
        columns = [
            c.replace("awesome-col-", "")
            for th in table.select("thead th")
            for c in th["class"]
            if c.startswith("awesome-col-")
        ]
        for th, column in zip(table.select("thead th"), columns, strict=True):
            if column in SORTS:
                th["data-awesome-sort"] = column
        shown: list[Entry] = []
        by_title = {e.title: e for e in entries.values()}
        for tr in table.select("tbody > tr.awesome-row"):
            link = tr.select_one("a.awesome-canonical")
            title_cell = tr.select_one("td[id]")
            if title_cell is not None:
                entry = entries[str(title_cell["id"]).removeprefix("paper-").removesuffix("-title")]
            elif link is not None:
                entry = entries[str(link["href"]).split("#")[-1].removeprefix("paper-")]
            else:
                entry = by_title[tr.select_one(".awesome-title").get_text()]
            canonical = tr.get("id")
            href = None if canonical or link is None else str(link["href"])
            cells = "".join(cell(c, entry, canonical, href, 3) for c in columns)
            new = BeautifulSoup(
                f'<tr class="{" ".join(tr["class"])}" data-awesome-row="{len(shown)}">{cells}</tr>',
                "html.parser",
            ).tr
            if canonical:
                new["id"] = canonical
            elif title_cell is not None:  # the row's id went to a user's label of that name
                new.select_one("td.awesome-cell-title")["id"] = title_cell["id"]
            tr.replace_with(new)
            shown.append(entry)
        data = soup.new_tag(
            "script", attrs={"type": "application/json", "class": "awesome-table-data"}
        )
        data.string = table_data(shown, columns)
        wrapper.append(data)
    for script in soup.select('script[src$="awesome-filter.js"]'):
        script.decompose()
    if not soup.select('script[src*="awesome-table.js"]'):
        soup.head.append(
            soup.new_tag(
                "script", attrs={"defer": "", "src": f"{static_prefix}_static/awesome-table.js"}
            )
        )
    return str(soup)


def adapt_site(outdir: Path, srcdir: Path) -> int:
    """Rewrite the built pages of *outdir* to the contract (a no-op once the renderer writes
    it); the entries are read from the YAML files under *srcdir*. Returns how many pages
    changed."""
    from sphinx_awesome.entries import load_file

    venues = VenueList(BUILTIN_VENUES)
    files = sorted(
        f for f in srcdir.rglob("*.yaml") if not f.name.startswith("_") and "_build" not in f.parts
    )
    entries = {e.id: e for f in files for e in load_file(f, venues=venues).entries}
    changed = 0
    for page in outdir.rglob("*.html"):
        depth = len(page.relative_to(outdir).parts) - 1
        new = adapt_page(page.read_text(encoding="utf-8"), entries, "../" * depth)
        if new is not None:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed

"""What an HTML table row holds, and the per-table data the table script reads.

Rows are written as HTML directly (the fast path of :mod:`sphinx_awesome.render`); every
text and attribute value goes through :func:`~sphinx_awesome.escaping.escape_html`. A row
shows, beyond the cells of :class:`~sphinx_awesome.render.TableRenderer`:

* the title linked to the paper (the first link of :data:`~sphinx_awesome.fieldtypes.TITLE_LINKS`),
  its kind when not a paper, and a "Cite" disclosure holding its BibTeX (the text
  ``sphinx-awesome export --format bibtex`` writes);
* authors shortened after ``awesome_max_authors`` with "et al." (the rest on demand);
* a summary of more than :data:`SUMMARY_WORDS` words that expands in place.

Every row is there without JavaScript: the disclosures are ``<details>`` elements. The data
(:func:`table_data`) tells the script each row's values for filtering and sorting, how each
field matches (from :mod:`sphinx_awesome.fields`), the spellings of the table's venues and
the facets, so a field added to the description needs no change in the script.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .escaping import escape_html, json_for_script
from .fields import BROWSED, COLUMNS, FILTERS, WORDS
from .fieldtypes import TITLE_LINKS, Choice, Texts, Year

if TYPE_CHECKING:
    from .entries import Entry
    from .venues import VenueList

#: A summary longer than this many words shows its first words and expands in place.
SUMMARY_WORDS = 8
#: Data version of the per-table JSON the script reads.
DATA_VERSION = 1

esc = escape_html


def title_url(entry: Entry) -> str | None:
    """The URL a row's title links to: the paper, else its closest stand-in."""
    by_label = {link.label: link.url for link in entry.links if link.url}
    return next((by_label[label] for label in TITLE_LINKS if label in by_label), None)


def title_html(
    entry: Entry, canonical: str, href: str | None = None, tip: str | None = None
) -> str:
    """The title (linked to the paper, or to *href*: another list's row, with the tooltip
    *tip*), its kind label and the link to the canonical row (*canonical*, already HTML)."""
    lang = f' lang="{esc(entry.lang)}"' if entry.lang else ""
    title = f' title="{esc(tip)}"' if tip else ""
    url = href or title_url(entry)
    if url:
        html = (
            f'<a class="awesome-title reference external" href="{esc(url)}"{title}{lang}>'
            f"{esc(entry.title)}</a>"
        )
    else:
        html = f'<span class="awesome-title"{lang}>{esc(entry.title)}</span>'
    if entry.kind != "paper":
        html += f' <span class="awesome-kind awesome-kind-{entry.kind}">{esc(entry.kind)}</span>'
    if canonical:
        html += " " + canonical
    return f"<p>{html}</p>"


def cite_html(bibtex: str) -> str:
    return (
        '<details class="awesome-cite"><summary>Cite</summary>'
        f'<pre class="awesome-bibtex">{esc(bibtex)}</pre></details>'
    )


def authors_html(entry: Entry, max_authors: int) -> str:
    shown, rest = entry.authors[:max_authors], entry.authors[max_authors:]
    if not shown:  # max_authors 0: all of them, none hidden
        shown, rest = rest, ()
    html = f"<p>{esc(', '.join(shown))}</p>" if shown else ""
    if rest:
        html += (
            ' <details class="awesome-more-authors"><summary>et al.</summary>'
            f"<p>{esc(', '.join(rest))}</p></details>"
        )
    return html


def summary_html(entry: Entry) -> str:
    words = entry.summary.split()
    if not words:
        return ""
    if len(words) <= SUMMARY_WORDS:
        return f"<p>{esc(entry.summary)}</p>"
    lead = " ".join(words[:SUMMARY_WORDS]) + "…"
    return (
        f'<details class="awesome-summary"><summary>{esc(lead)}</summary>'
        f"<p>{esc(entry.summary)}</p></details>"
    )


# -- the data of a table -----------------------------------------------------------------------


def _filter_value(name: str, entry: Entry) -> Any:
    spec = FILTERS[name]
    how = spec.filter
    assert how is not None
    if how.match == "venue":
        return [v for v in dict.fromkeys((entry.venue, entry.venue_as_written)) if v]
    if how.match == "year":
        return entry.year
    if isinstance(spec.type, Texts):
        return list(spec.strings(entry))
    values = spec.strings(entry)
    return values[0] if values else None


def _sort_type(column: str) -> str:
    return "number" if isinstance(COLUMNS[column].type, Year) else "text"


def _word_keys() -> list[str]:
    return [spec.filter.name if spec.filter else spec.name for spec in WORDS]


#: The keys of each data row: the filter fields, the words-only fields, then the sort values.
KEYS: list[str] = [*FILTERS, *(k for k in _word_keys() if k not in FILTERS), "sort"]


def data_row(entry: Entry, sorts: Sequence[tuple[str, Callable[[Entry], Any]]]) -> list[Any]:
    values = [_filter_value(name, entry) for name in FILTERS]
    values += [entry.get(spec.name) for spec in WORDS if spec.filter is None]
    values.append({column: key(entry) for column, key in sorts})
    return values


def table_data(entries: Sequence[Entry], columns: Sequence[str], venues: VenueList) -> str:
    """The JSON (for a ``<script type="application/json">``) of one table's rows: *entries*
    in data order (each once), the table's sortable *columns*."""
    sortable = [c for c in columns if COLUMNS[c].sort is not None]
    sorts = [(c, COLUMNS[c].sort.key) for c in sortable]  # type: ignore[union-attr]
    data = {
        "version": DATA_VERSION,
        "fields": {name: spec.filter.match for name, spec in FILTERS.items() if spec.filter},
        "choices": {
            name: list(spec.type.choices)
            for name, spec in FILTERS.items()
            if isinstance(spec.type, Choice)
        },
        "text": _word_keys(),
        "venues": venues.keys_of({e.venue for e in entries if e.venue}),
        "sorts": {column: _sort_type(column) for column in sortable},
        "facets": [spec.filter.name for spec in BROWSED if spec.filter],
        "keys": KEYS,
        "rows": [data_row(entry, sorts) for entry in entries],
    }
    return (
        '<script type="application/json" class="awesome-table-data">'
        f"{json_for_script(data)}</script>"
    )

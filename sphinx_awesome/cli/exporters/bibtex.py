"""BibTeX for the entries, valid for BibTeX and pybtex, that ``import`` reads back.

``@inproceedings`` with ``booktitle`` for papers with a (conference) venue, ``@article`` with
``journal`` for journal venues, ``@misc`` for preprints, posts, sites, repos, talks and
videos (the kind in ``note``), ``@book`` for books. Keys are entry ids.

Every field value goes through :func:`bibtex_value`: text through
:func:`~sphinx_awesome.cli.latex.escape` (TeX specials escaped with commands whose braces
balance, capitals in titles protected with braces, non-ASCII text kept as UTF-8), links
written verbatim with ``{`` ``}`` ``\\`` and spaces percent-encoded. Besides the standard
fields, each entry carries what the list knows, so ``import`` gives the same entries back:
``date``, ``keywords`` (tags), ``language``, ``annote`` (the summary), ``categories``,
``added`` and one ``url_<label>`` field per link (BibBase's convention; ``url`` stays the
main link for bibliography styles).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...entries import Entry
from ...fields import FIELDS
from ...normalize import arxiv_id_of, doi_of
from ..latex import escape

__all__ = ["JOURNALS", "KIND_NOTES", "bibtex_entry", "bibtex_value", "escape", "export_bibtex"]

#: Fields a BibTeX entry carries under a name of their own (``keywords`` for tags...).
BIBTEX_FIELDS = tuple(f for f in FIELDS if f.bibtex)
#: Venues whose papers are journal articles.
JOURNALS = frozenset({"TPDS", "JMLR", "TMLR", "VLDB", "TOCS", "TACO", "CACM", "Nature", "Science"})
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: The ``note`` of a ``@misc`` entry that is not a paper: ``import`` reads the kind back from it.
KIND_NOTES = {
    "post": "Blog post",
    "repo": "Code repository",
    "site": "Website",
    "talk": "Talk",
    "video": "Video",
    "course": "Course",
}
_URL_ORDER = (
    "paper",
    "pdf",
    "doi",
    "arxiv",
    "post",
    "site",
    "project",
    "repo",
    "code",
    "video",
    "slides",
    "docs",
)
#: Fields whose values are identifiers or links, printed verbatim (``\\url``, ``\\doi``).
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint"})
_MACRO_FIELDS = frozenset({"month"})
_PERCENT = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})


def verbatim(value: str) -> str:
    """A link or identifier as written, with the characters BibTeX or ``\\url`` cannot take
    verbatim (braces, backslashes, spaces) percent-encoded."""
    return " ".join(value.split()).translate(_PERCENT)


def protect_title(title: str) -> str:
    """Escape a title and brace words whose capitals must survive a bibliography style
    (``{DAPPLE}``, ``{PipeDream}``, ``{GPU}``) and the system name before a colon."""
    words = []
    head = title.partition(":")[0].strip() if ":" in title else ""
    for word in title.split():
        escaped = escape(word)
        letters = [ch for ch in word if ch.isalpha()]
        inner_capital = any(ch.isupper() for ch in letters[1:])
        is_head = bool(head) and word.rstrip(":") == head and " " not in head
        if escaped and (inner_capital or is_head):
            match = re.match(r"^(.*?)([:,.;!?]*)$", escaped)
            core, tail = (match.group(1), match.group(2)) if match else (escaped, "")
            escaped = f"{{{core}}}{tail}" if core else escaped
        words.append(escaped)
    return " ".join(words)


def _author_name(name: str) -> str:
    """One name: ``and`` inside it braced (BibTeX would split there), and a name with more
    commas than BibTeX's ``von Last, Jr, First`` braced whole."""
    text = re.sub(r"(?i)(?<=\s)(and)(?=\s)", r"{\1}", escape(name))
    return f"{{{text}}}" if text.count(",") > 2 else text


def _authors(authors: Sequence[str]) -> str:
    """``A and B and others``: ``et al.`` (alone or after a name) becomes ``others``."""
    names: list[str] = []
    more = False
    for author in authors:
        text = author.strip()
        if text.lower() in ("others", "et al", "et al."):
            more = True
            continue
        match = re.fullmatch(r"(.+?)\s+et\.?\s*al\.?", text, flags=re.I)
        if match:
            text, more = match.group(1), True
        names.append(_author_name(text))
    return " and ".join([*names, "others"] if more else names)


def bibtex_value(name: str, value: str | Sequence[str]) -> str:
    """The value of field *name* as written after ``=``: braced text, a verbatim link, an
    ``and``-separated name list, or a month macro. Every field goes through here."""
    if name in ("author", "editor"):
        return "{" + _authors([value] if isinstance(value, str) else value) + "}"
    if not isinstance(value, str):
        value = ", ".join(value)
    if name in _MACRO_FIELDS:
        return value
    if name == "title":
        return "{" + protect_title(value) + "}"
    if name in VERBATIM_FIELDS or name.startswith("url_"):
        return "{" + verbatim(value) + "}"
    return "{" + escape(value) + "}"


def _kind_and_venue(entry: Entry) -> tuple[str, list[tuple[str, str]]]:
    venue = entry.venue
    if entry.kind == "book":
        kind = "book"
    elif entry.kind == "paper" and venue and venue != "arXiv":
        kind = "article" if venue in JOURNALS else "inproceedings"
    else:
        kind = "misc"
    if not venue:
        return kind, []
    field = {"inproceedings": "booktitle", "article": "journal"}.get(kind, "howpublished")
    return kind, [(field, venue)]


def _ids(entry: Entry) -> list[tuple[str, str]]:
    doi = arxiv = None
    for link in entry.links:
        if doi is None and link.label in ("doi", "paper", "pdf"):
            doi = doi_of(link.value)
        if arxiv is None:
            arxiv = arxiv_id_of(link.value, bare_ok=link.label == "arxiv")
    fields = [("doi", doi)] if doi else []
    return fields + ([("eprint", arxiv), ("archiveprefix", "arXiv")] if arxiv else [])


def _fields(
    entry: Entry, kind: str, venue: list[tuple[str, str]]
) -> list[tuple[str, str | Sequence[str]]]:
    fields: list[tuple[str, str | Sequence[str]]] = []
    if entry.authors:
        fields.append(("author", entry.authors))
    fields.append(("title", entry.title))
    fields += venue
    if entry.year:
        fields.append(("year", str(entry.year)))
    if entry.date:
        fields += [("month", MONTHS[int(entry.date[5:7]) - 1]), ("date", entry.date)]
    fields += _ids(entry)
    by_label = {link.label: link for link in entry.links}
    main = next((by_label[k].url for k in _URL_ORDER if k in by_label and by_label[k].url), None)
    if main:
        fields.append(("url", main))
    if kind == "misc" and entry.kind in KIND_NOTES:
        fields.append(("note", KIND_NOTES[entry.kind]))
    for spec in BIBTEX_FIELDS:  # what the list knows beyond the standard fields
        values = spec.strings(entry)
        if values:
            carried = spec.bibtex
            assert carried is not None
            joined = carried.separator.join(values) if carried.separator else values[0]
            fields.append((carried.name, joined))
    fields += [(f"url_{link.label}", link.value) for link in entry.links]
    return fields


def bibtex_entry(entry: Entry) -> str:
    kind, venue = _kind_and_venue(entry)
    fields = _fields(entry, kind, venue)
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name:<{width}} = {bibtex_value(name, value)}" for name, value in fields)
    return f"@{kind}{{{entry.id},\n{body}\n}}\n"


def export_bibtex(entries: Sequence[Entry]) -> str:
    """All entries, sorted by id."""
    header = "% Generated by `sphinx-awesome export --format bibtex`.\n\n"
    return header + "\n".join(bibtex_entry(e) for e in sorted(entries, key=lambda e: e.id))

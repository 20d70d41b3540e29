"""BibTeX for the entries, valid for BibTeX and pybtex.

``@inproceedings`` with ``booktitle`` for papers with a (conference) venue, ``@article`` with
``journal`` for journal venues, ``@misc`` for preprints, posts, sites, repos, talks and
videos, ``@book`` for books. Keys are entry ids. Special characters are escaped (``{ } \\ & %
$ # _ ~ ^``), capitals in titles protected with braces, and non-ASCII text is kept as UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...entries import Entry
from ..normalize import arxiv_id_of, doi_of

#: Venues whose papers are journal articles.
JOURNALS = frozenset({"TPDS", "JMLR", "TMLR", "VLDB", "TOCS", "TACO", "CACM", "Nature", "Science"})  # fmt: skip
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NOTES = {"post": "Blog post", "repo": "Code repository", "site": "Website", "talk": "Talk", "video": "Video", "course": "Course"}  # fmt: skip
_URL_ORDER = ("paper", "pdf", "doi", "arxiv", "post", "site", "project", "repo", "code", "video", "slides", "docs")  # fmt: skip
_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_SPECIAL_RE = re.compile("|".join(re.escape(ch) for ch in _SPECIAL))


def escape(text: str) -> str:
    """*text* with the characters TeX treats specially escaped."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], " ".join(text.split()))


def protect_title(title: str) -> str:
    """Escape a title and brace words whose capitals must survive a bibliography style
    (``{DAPPLE}``, ``{PipeDream}``, ``{GPU}``) and the system name before a colon."""
    words = []
    head = title.partition(":")[0] if ":" in title else ""
    for word in title.split(" "):
        escaped = escape(word)
        letters = [ch for ch in word if ch.isalpha()]
        inner_capital = any(ch.isupper() for ch in letters[1:])
        is_head = bool(head) and word.rstrip(":") == head.strip() and " " not in head.strip()
        if escaped and (inner_capital or is_head):
            match = re.match(r"^(.*?)([:,.;!?]*)$", escaped)
            core, tail = (match.group(1), match.group(2)) if match else (escaped, "")
            escaped = f"{{{core}}}{tail}" if core else escaped
        words.append(escaped)
    return " ".join(words)


def _url_value(url: str) -> str:
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _authors(entry: Entry) -> str:
    """``A and B and others``: ``et al.`` (alone or after a name) becomes ``others``."""
    names: list[str] = []
    more = False
    for author in entry.authors:
        text = author.strip()
        if text.lower() in ("others", "et al", "et al."):
            more = True
            continue
        match = re.fullmatch(r"(.+?)\s+et\.?\s*al\.?", text, flags=re.I)
        if match:
            text, more = match.group(1), True
        names.append(escape(text))
    return " and ".join([*names, "others"] if more else names)


def bibtex_entry(entry: Entry) -> str:
    fields: list[tuple[str, str]] = []
    venue = entry.venue
    if entry.kind == "book":
        kind = "book"
    elif entry.kind == "paper" and venue and venue != "arXiv":
        kind = "article" if venue in JOURNALS else "inproceedings"
    else:
        kind = "misc"
    if entry.authors:
        fields.append(("author", _authors(entry)))
    fields.append(("title", protect_title(entry.title)))
    if kind == "inproceedings" and venue:
        fields.append(("booktitle", escape(venue)))
    elif kind == "article" and venue:
        fields.append(("journal", escape(venue)))
    elif venue and venue != "arXiv":
        fields.append(("howpublished", escape(venue)))
    if entry.year:
        fields.append(("year", str(entry.year)))
    if entry.date and len(entry.date) >= 7:
        fields.append(("month", MONTHS[int(entry.date[5:7]) - 1]))
    by_label = {link.label: link for link in entry.links}
    doi = arxiv = None
    for link in entry.links:
        if doi is None and link.label in ("doi", "paper", "pdf"):
            doi = doi_of(link.value)
        if arxiv is None:
            arxiv = arxiv_id_of(link.value, bare_ok=link.label == "arxiv")
    if doi:
        fields.append(("doi", escape(doi)))
    if arxiv:
        fields += [("eprint", arxiv), ("archiveprefix", "arXiv")]
    url = next((by_label[label].url for label in _URL_ORDER if label in by_label and by_label[label].url), None)  # fmt: skip
    if url:
        fields.append(("url", _url_value(url)))
    if kind == "misc" and entry.kind in _NOTES:
        fields.append(("note", _NOTES[entry.kind]))
    if entry.tags:
        fields.append(("keywords", escape(", ".join(entry.tags))))
    if entry.lang:
        fields.append(("language", escape(entry.lang)))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(
        f"  {name:<{width}} = {value}" if name == "month" else f"  {name:<{width}} = {{{value}}}"
        for name, value in fields
    )
    return f"@{kind}{{{entry.id},\n{body}\n}}\n"


def export_bibtex(entries: Sequence[Entry]) -> str:
    """All entries, sorted by id."""
    header = "% Generated by `sphinx-awesome export --format bibtex`.\n\n"
    return header + "\n".join(bibtex_entry(e) for e in sorted(entries, key=lambda e: e.id))

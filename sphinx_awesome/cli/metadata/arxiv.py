"""arXiv: the Atom feed of ``export.arxiv.org/api/query?id_list=ID``.

One ``<entry>`` per paper (``<title>``, ``<author><name>``, ``<published>``, and in the
``arxiv`` namespace ``<arxiv:journal_ref>`` and ``<arxiv:doi>``); an unknown id gives no
entry, a malformed one an entry whose ``<id>`` points into ``arxiv.org/api/errors``.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from ...venues import VenueList
from ..venue_text import venue_from_text
from .http import Client, MetadataError, NotFound

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def parse_feed(text: str) -> ElementTree.Element:
    """The root of an XML answer; DTDs and entities are refused before parsing."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text[:4096], re.I):
        raise MetadataError("the answer declares a DTD; it is not read")
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise MetadataError(f"the answer is not valid XML ({exc})") from exc


def _text(element: ElementTree.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def entry_data(text: str, arxiv_id: str, venues: VenueList) -> dict[str, Any]:
    """Entry data of the paper in an arXiv API answer."""
    feed = parse_feed(text)
    entry = feed.find(f"{ATOM}entry")
    if entry is None:
        raise NotFound(f"arXiv has no paper {arxiv_id}")
    if "/api/errors" in _text(entry.find(f"{ATOM}id")):
        reason = _text(entry.find(f"{ATOM}summary")) or "error"
        raise NotFound(f"arXiv cannot look up {arxiv_id}: {reason}")
    title = _text(entry.find(f"{ATOM}title"))
    if not title:
        raise MetadataError(f"arXiv gave no title for {arxiv_id}")
    authors = [_text(a.find(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")]
    published = _text(entry.find(f"{ATOM}published"))
    journal = _text(entry.find(f"{ARXIV}journal_ref"))
    doi = _text(entry.find(f"{ARXIV}doi")).split(" ")[0]
    links = {"arxiv": arxiv_id}
    if re.match(r"10\.\d{4,9}/\S+$", doi):
        links["doi"] = doi
    return {
        "title": title,
        "authors": [a for a in authors if a],
        "venue": (venue_from_text(journal, venues) if journal else None) or "arXiv",
        "year": int(published[:4]) if re.match(r"\d{4}-", published) else None,
        "links": links,
    }


def lookup(client: Client, arxiv_id: str, venues: VenueList) -> dict[str, Any]:
    text = client.get("arxiv", "", {"id_list": arxiv_id, "max_results": "1"})
    return entry_data(text, arxiv_id, venues)

"""DBLP: a record's BibTeX (``dblp.org/rec/KEY.bib``), and the publication search
(``dblp.org/search/publ/api?q=...&format=json``) for USENIX pages.

A search answer is ``{"result": {"hits": {"@total": "1", "hit": [{"info": {...}}]}}}``;
``info`` has ``title`` (ending in a full stop), ``authors.author`` (a list of
``{"@pid", "text"}``, or one such object for a single author; DBLP numbers namesakes
``Hao Zhang 0001``), ``venue``, ``year``, ``doi`` and ``ee`` (a URL or a list of URLs).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...normalize import url_key
from ...venues import VenueList
from ..importers.bibtex import parse_bibtex
from ..venue_text import venue_from_text
from .http import Client, MetadataError, NotFound


def record(client: Client, key: str, venues: VenueList) -> dict[str, Any]:
    """Entry data of the DBLP record *key* (``conf/osdi/ZhengLZZCHWXZXG22``)."""
    try:
        text = client.get("dblp", f"/rec/{key}.bib")
    except NotFound as exc:
        raise NotFound(f"DBLP has no record {key}") from exc
    records, _ = parse_bibtex(text, f"dblp:{key}", venues=venues)
    if not records:
        raise MetadataError(f"DBLP's BibTeX for {key} holds no readable entry")
    return records[0].data


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _hit_data(info: dict[str, Any], venues: VenueList, page: str) -> dict[str, Any]:
    authors = []
    for author in _listed((info.get("authors") or {}).get("author")):
        name = author.get("text") if isinstance(author, dict) else author
        if isinstance(name, str) and name.strip():
            authors.append(re.sub(r"\s+\d{4}$", "", name.strip()))
    venue = info.get("venue")
    venue_text = " ".join(str(v) for v in _listed(venue))
    year = str(info.get("year") or "")
    links = {"paper": page}
    if isinstance(info.get("doi"), str) and info["doi"]:
        links["doi"] = info["doi"].lower()
    return {
        "title": re.sub(r"(?<!\.\.)\.$", "", " ".join(str(info.get("title") or "").split())),
        "authors": authors,
        "venue": (venue_from_text(venue_text, venues) or venue_text) if venue_text else None,
        "year": int(year) if year.isdigit() else None,
        "links": links,
    }


def search_page(client: Client, page: str, venues: VenueList) -> dict[str, Any]:
    """Entry data of the DBLP record whose electronic edition is *page*, a USENIX
    presentation page (``/conference/osdi22/presentation/zheng-lianmin``)."""
    match = re.search(r"/conference/([a-z]+)(\d{2})/presentation/([\w.-]+)", page)
    if not match:
        raise NotFound(f"cannot tell the paper of {page}")
    conference, year, slug = match.groups()
    words = " ".join(w for w in re.split(r"[-_.]+", slug) if w and not w.isdigit())
    query = f"{words} {conference} 20{year}"
    text = client.get("dblp", "/search/publ/api", {"q": query, "format": "json", "h": "30"})
    try:
        hits = _listed(json.loads(text)["result"]["hits"].get("hit"))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise MetadataError(f"DBLP's search answer is not the expected JSON ({exc})") from exc
    wanted = url_key(page)
    for hit in hits:
        info = hit.get("info") if isinstance(hit, dict) else None
        if not isinstance(info, dict):
            continue
        if any(url_key(str(ee)) == wanted for ee in _listed(info.get("ee"))):
            return _hit_data(info, venues, page)
    raise NotFound(f"DBLP has no record whose electronic edition is {page}")

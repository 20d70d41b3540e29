"""Crossref: the JSON of ``api.crossref.org/works/DOI``.

``{"status": "ok", "message-type": "work", "message": {...}}`` with ``title`` and
``container-title`` as lists, ``author`` as ``{given, family}`` (or ``{name}`` for a group),
dates as ``{"date-parts": [[2023, 10, 23]]}``, and for conference papers an ``event`` whose
``acronym`` (``SOSP '23``) names the venue. An unknown DOI is a 404.
"""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any
from urllib.parse import quote

from ...venues import VenueList
from ..venue_text import venue_from_text
from .http import Client, MetadataError, NotFound

BOOK_TYPES = frozenset({"book", "monograph", "edited-book", "reference-book", "book-set"})
_DATES = ("published", "issued", "published-print", "published-online", "created")


def _clean(text: Any) -> str:
    """Plain text of a Crossref string, which may hold JATS or HTML markup."""
    if not isinstance(text, str):
        return ""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _first(value: Any) -> str:
    if isinstance(value, list):
        return next((_clean(v) for v in value if _clean(v)), "")
    return _clean(value)


def _year(message: dict[str, Any]) -> int | None:
    for name in _DATES:
        parts = (message.get(name) or {}).get("date-parts") or [[None]]
        year = parts[0][0] if parts and parts[0] else None
        if isinstance(year, int) and 1000 <= year <= 9999:
            return year
    return None


def _authors(message: dict[str, Any]) -> list[str]:
    names = []
    for person in message.get("author") or []:
        if not isinstance(person, dict):
            continue
        parts = [_clean(person.get("given")), _clean(person.get("family"))]
        name = " ".join(p for p in parts if p) or _clean(person.get("name"))
        if name:
            names.append(name)
    return names


def _venue(message: dict[str, Any], venues: VenueList) -> str | None:
    event: dict[str, Any] = message.get("event") or {}
    if not isinstance(event, dict):
        event = {}
    candidates = [
        _clean(event.get("acronym")),
        _first(message.get("container-title")),
        _first(message.get("short-container-title")),
        _clean(event.get("name")),
    ]
    for text in filter(None, candidates):
        found = venue_from_text(text, venues)
        if found:
            return found
    if message.get("type") in ("journal-article", "proceedings-article", "book-chapter"):
        return _first(message.get("container-title")) or None
    return None


def entry_data(text: str, doi: str, venues: VenueList) -> dict[str, Any]:
    """Entry data of the work in a Crossref answer."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise MetadataError(f"Crossref's answer for {doi} is not JSON ({exc})") from exc
    message = document.get("message") if isinstance(document, dict) else None
    if not isinstance(message, dict):
        raise MetadataError(f"Crossref's answer for {doi} holds no work")
    title = _first(message.get("title"))
    subtitle = _first(message.get("subtitle"))
    if subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}" if title else subtitle
    if not title:
        raise MetadataError(f"Crossref gave no title for {doi}")
    found = message.get("DOI")
    return {
        "title": title,
        "kind": "book" if message.get("type") in BOOK_TYPES else None,
        "authors": _authors(message),
        "venue": _venue(message, venues),
        "year": _year(message),
        "links": {"doi": found.lower() if isinstance(found, str) and found else doi},
    }


def lookup(client: Client, doi: str, venues: VenueList) -> dict[str, Any]:
    mailto = os.environ.get("SPHINX_AWESOME_MAILTO")
    params = {"mailto": mailto} if mailto else None
    try:
        text = client.get("crossref", "/works/" + quote(doi, safe="/:;()"), params)
    except NotFound as exc:
        raise NotFound(f"Crossref has no work with the DOI {doi}") from exc
    return entry_data(text, doi, venues)

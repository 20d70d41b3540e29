"""OpenReview: ``api2.openreview.net/notes?id=ID`` (API 2, venues since 2023), else
``api.openreview.net/notes?id=ID`` (API 1, older venues).

Both answer ``{"notes": [{"id", "content": {...}, "cdate", "pdate"}]}``; API 2 wraps each
content value as ``{"value": ...}``, API 1 does not. ``content.venue`` reads like
``ICLR 2024 poster`` or ``Submitted to ICLR 2024``, ``content.venueid`` like
``ICLR.cc/2024/Conference`` (``.../Rejected_Submission`` when it was not accepted).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ...venues import VenueList
from ..venue_text import venue_from_text
from .http import Client, MetadataError, NotFound, Unreachable

PAGE = "https://openreview.net"


def _value(content: dict[str, Any], name: str) -> Any:
    value = content.get(name)
    return value.get("value") if isinstance(value, dict) else value


def _note(text: str) -> dict[str, Any] | None:
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise MetadataError(f"OpenReview's answer is not JSON ({exc})") from exc
    notes = document.get("notes") if isinstance(document, dict) else None
    if not notes or not isinstance(notes[0], dict):
        return None
    return notes[0]


def _published(venue: str, venue_id: str) -> bool:
    unpublished = ("submitted to", "withdrawn", "rejected", "desk rejected")
    return not venue.lower().startswith(unpublished) and not re.search(
        r"(Rejected|Withdrawn|Desk_Rejected)_Submission|/Submission$", venue_id
    )


def _year(venue: str, venue_id: str, note: dict[str, Any]) -> int | None:
    match = re.search(r"\b(19|20)\d\d\b", venue) or re.search(r"/((19|20)\d\d)/", venue_id)
    if match:
        return int(re.sub(r"\D", "", match.group(0)))
    stamp = note.get("pdate") or note.get("cdate")
    if isinstance(stamp, (int, float)) and stamp > 0:
        return dt.datetime.fromtimestamp(stamp / 1000, tz=dt.timezone.utc).year
    return None


def entry_data(note: dict[str, Any], note_id: str, venues: VenueList) -> dict[str, Any]:
    content: dict[str, Any] = note.get("content") or {}
    if not isinstance(content, dict):
        content = {}
    title = " ".join(str(_value(content, "title") or "").split())
    if not title:
        raise MetadataError(f"OpenReview gave no title for {note_id}")
    authors = _value(content, "authors")
    venue = str(_value(content, "venue") or "")
    venue_id = str(_value(content, "venueid") or "")
    found = None
    if _published(venue, venue_id):
        organiser = venue_id.split("/")[0].removesuffix(".cc").removesuffix(".org")
        found = venue_from_text(venue, venues) or venues.normalise(organiser) or None
    links = {"paper": f"{PAGE}/forum?id={note_id}"}
    if _value(content, "pdf"):
        links["pdf"] = f"{PAGE}/pdf?id={note_id}"
    return {
        "title": title,
        "authors": [str(a) for a in authors if str(a).strip()] if isinstance(authors, list) else [],
        "venue": found,
        "year": _year(venue, venue_id, note),
        "links": links,
    }


def lookup(client: Client, note_id: str, venues: VenueList) -> dict[str, Any]:
    """API 2 first; API 1 when API 2 does not have the note (or refuses it)."""
    error: MetadataError = NotFound(f"OpenReview has no note {note_id}")
    for service in ("openreview", "openreview-v1"):
        try:
            note = _note(client.get(service, "/notes", {"id": note_id}))
        except Unreachable:
            raise
        except MetadataError as exc:
            note, error = None, exc
        if note is not None:
            return entry_data(note, note_id, venues)
    raise error

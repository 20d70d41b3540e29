"""From items to entries: repeated items merged, readable unique ids, fields in order.

:func:`build_entries` merges rows listed twice, gives every entry a readable id that is
usable as a file name, writes each entry's data in contract field order and checks it by
loading it back with the project's own loader (:func:`sphinx_awesome.entries.load_text`):
whatever the loader would warn about is reported at the list's line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...normalize import cjk_lang, title_key
from ...problems import Code, Problem
from ...venues import VenueList
from ..newentry import file_name_problem, new_id, validate
from ..writer import FIELD_ORDER
from .assemble import ImportResult
from .items import Found


def infer_kind(labels: Sequence[str], *, venue: str | None, date: str | None) -> str:
    """The kind a list implies: paper links or a venue -> paper; a dated item -> post;
    otherwise the first link's label (post, repo, site, video); else paper."""
    if venue or any(label in ("paper", "pdf", "arxiv", "doi") for label in labels):
        return "paper"
    if date:
        return "post"
    if not labels:
        return "paper"
    return {"post": "post", "repo": "repo", "site": "site", "video": "video"}.get(
        labels[0], "paper"
    )


#: The fields two items must agree on to be the same item listed twice.
_COMPARED = tuple(name for name in FIELD_ORDER if name not in ("id", "categories", "lang", "added"))
#: The fields a repeated item's values are merged into (tags and categories are added up).
_MERGED = tuple(name for name in _COMPARED if name not in ("title", "links", "tags"))


def _merge_into(first: Found, later: Found) -> None:
    for category in later.data.get("categories", []):
        categories = first.data.setdefault("categories", [])
        if category not in categories:
            categories.append(category)
    for name in _MERGED:
        first.put(name, later.data.get(name))
    for tag in later.data.get("tags", []):
        first.tag(tag)


def _same_content(a: Found, b: Found) -> bool:
    return all(a.data.get(k) == b.data.get(k) for k in _COMPARED)


def _where(first: Found, item: Found) -> str:
    return f"line {first.line}" if first.path == item.path else f"{first.path}:{first.line}"


def merge_repeats(items: Sequence[Found], result: ImportResult) -> list[Found]:
    """Items listed twice (same title and links, or the same explicit id and content) merged."""
    merged: list[Found] = []
    by_id: dict[str, Found] = {}
    by_identity: dict[tuple[str, tuple[tuple[str, str], ...]], Found] = {}
    for item in items:
        identity = (
            title_key(item.data["title"]),
            tuple(sorted(item.data.get("links", {}).items())),
        )
        if item.id and item.id in by_id:
            first = by_id[item.id]
            if _same_content(first, item):
                _merge_into(first, item)  # the same entry shown in several sections
                continue
            result.problems.append(
                Problem(
                    Code.IMPORT_DUPLICATE,
                    f"id {item.id!r} was already used at {_where(first, item)} for different "
                    f"content; "
                    f"this entry gets a new id",
                    item.path,
                    item.line,
                )
            )
            item.id = None
        earlier = by_identity.get(identity)
        if earlier is not None and not item.id:
            new = [
                c
                for c in item.data.get("categories", [])
                if c not in earlier.data.get("categories", [])
            ]
            what = f"merged (also in {', '.join(new)})" if new else "skipped"
            result.problems.append(
                Problem(
                    Code.IMPORT_DUPLICATE,
                    f"{item.data['title']!r} is listed again (first at {_where(earlier, item)}); "
                    f"{what}",
                    item.path,
                    item.line,
                )
            )
            _merge_into(earlier, item)
            continue
        by_identity.setdefault(identity, item)
        if item.id:
            by_id[item.id] = item
        merged.append(item)
    return merged


def _usable_ids(items: Sequence[Found], result: ImportResult) -> None:
    for item in items:
        if item.id is None:
            continue
        why = file_name_problem(item.id)
        if why:
            shown = item.id if len(item.id) <= 60 else item.id[:57] + "..."
            result.problems.append(
                Problem(
                    Code.UNPARSED,
                    f"id {shown!r} {why}, so it cannot name an entry file; the entry gets an id "
                    f"from "
                    f"its title",
                    item.path,
                    item.line,
                )
            )
            item.id = None


def build_entries(
    items: Sequence[Found], venues: VenueList, result: ImportResult, *, check: bool = True
) -> None:
    """Merge repeated items, give out ids and fill ``result.entries`` (contract order);
    with *check*, each entry is loaded as it will be written (see :func:`check_by_loading`)."""
    result.items += len(items)
    _usable_ids(items, result)
    merged = merge_repeats(items, result)
    taken = {item.id for item in merged if item.id}
    for counter, item in enumerate(merged, 1):
        entry_id = item.id
        if entry_id is None:
            date = item.data.get("date")
            year = item.data.get("year") or (int(date[:4]) if date else None)
            links = item.data.get("links", {})
            title = item.data["title"]
            entry_id = new_id(title, year, taken, links=links, fallback=f"entry-{counter}")
        taken.add(entry_id)
        data = entry_data(item, venues, result)
        if check:
            check_by_loading(entry_id, data, item, venues, result)
        result.entries.append((entry_id, data))


def entry_data(
    item: Found, venues: VenueList, result: ImportResult | None = None
) -> dict[str, Any]:
    """The entry-file fields of an item, in contract order (``id`` left to the file name)."""
    raw = item.data
    data: dict[str, Any] = {"title": " ".join(raw["title"].split())}
    venue = None
    if raw.get("venue"):
        written = " ".join(str(raw["venue"]).split())
        venue = venues.normalise(written) or written
        if venue != written and result is not None:
            change = (written, venue)
            result.venue_changes[change] = result.venue_changes.get(change, 0) + 1
    links = raw.get("links") or {}
    kind = raw.get("kind") or infer_kind(list(links), venue=venue, date=raw.get("date"))
    values: dict[str, Any] = {
        "kind": kind if kind != "paper" else None,
        "authors": [" ".join(a.split()) for a in raw.get("authors") or [] if a.strip()],
        "venue": venue,
        "year": raw.get("year"),
        "date": raw.get("date"),
        "links": dict(links),
        "tags": list(raw.get("tags") or []),
        "categories": list(raw.get("categories") or []),
        "summary": " ".join((raw.get("summary") or "").split()),
        "lang": cjk_lang(data["title"]),
    }
    date = values["date"]
    if values["year"] and date and int(date[:4]) == values["year"]:
        values["year"] = None  # the date gives it
    for key in FIELD_ORDER:
        value = values[key] if key in values else raw.get(key)  # other fields as found
        if value and key not in ("id", "title"):
            data[key] = value
    return with_hidden(data, item.hidden) if item.hidden else data


def with_hidden(data: dict[str, Any], hidden: dict[str, Any]) -> dict[str, Any]:
    """*data* with the fields an exported README carries in an entry's anchor: they win
    (``null`` or an empty value: the field has none); the loader checks them as any."""
    merged = {**data, **hidden}
    return {
        key: merged[key]
        for key in FIELD_ORDER
        if key != "id" and merged.get(key) not in (None, "", [], {})
    }


def check_by_loading(
    entry_id: str, data: dict[str, Any], item: Found, venues: VenueList, result: ImportResult
) -> None:
    """Load the entry as it will be written; what the loader warns about is reported at
    the list's line."""
    text, _, problems = validate(data, entry_id, f"{entry_id}.yaml", venues=venues)
    result.texts[entry_id] = text
    for problem in problems:
        result.problems.append(
            Problem(problem.code, f"{data['title']!r}: {problem.message}", item.path, item.line)
        )

"""``sphinx-awesome check --links``: every entry link asked over the network, and the dead,
permanently redirected and unverifiable ones reported at the file, line and column of the link.

The network work is :mod:`.linkcheck`'s, the memory of recent answers :mod:`.linkcache`'s.
Temporary redirects (302, 303, 307) are not reported: they say the address is right.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..entries import Entry
from ..problems import Code, Problem
from .console import note, plural
from .linkcache import DEFAULT_MAX_AGE, LinkCache, default_cache_path
from .linktypes import DEAD, REDIRECTED, UNVERIFIED, LinkResult, LinkSettings

LINK_CODES = frozenset({Code.DEAD_LINK, Code.REDIRECTED_LINK, Code.UNVERIFIED_LINK})


@dataclass(frozen=True)
class LinkPlace:
    """One link as written: its URL, whose it is and where."""

    url: str
    entry_id: str
    label: str
    path: str
    line: int
    column: int = 1


def _number(kind: type, minimum: float) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum:g}: {text!r}")
        return value

    return parse


def add_link_arguments(parser: argparse.ArgumentParser) -> None:
    d = LinkSettings()
    group = parser.add_argument_group("link checking (with --links)")
    add = group.add_argument
    add(
        "--links",
        action="store_true",
        help="also ask every entry link over the network: dead (AW161), permanently "
        "redirected (AW162) and unverifiable (AW163) links",
    )
    add(
        "--timeout",
        type=_number(float, 0.01),
        default=d.timeout,
        metavar="SECONDS",
        help=f"per request (default {d.timeout:g})",
    )
    add(
        "--retries",
        type=_number(int, 0),
        default=d.retries,
        metavar="N",
        help=f"after connection errors, time-outs, 5xx and 429 (default {d.retries})",
    )
    add(
        "--max-per-host",
        type=_number(int, 1),
        default=d.max_per_host,
        metavar="N",
        help=f"requests in flight per host (default {d.max_per_host})",
    )
    add(
        "--rate",
        type=_number(float, 0.01),
        default=d.per_second,
        metavar="N",
        help=f"requests started per second per host (default {d.per_second:g})",
    )
    add(
        "--jobs",
        type=_number(int, 1),
        default=d.jobs,
        metavar="N",
        help=f"requests in flight in all (default {d.jobs})",
    )
    add(
        "--cache",
        metavar="FILE",
        help="file of recent results (default: $SPHINX_AWESOME_LINK_CACHE, else "
        "sphinx-awesome/links.json in the user cache directory)",
    )
    add(
        "--cache-age",
        type=_number(float, 0),
        default=DEFAULT_MAX_AGE / 3600,
        metavar="HOURS",
        help="how long a good result is trusted (default 24)",
    )
    add("--no-cache", action="store_true", help="ask every link again and keep no results")


def settings_from(args: argparse.Namespace) -> LinkSettings:
    return LinkSettings(
        timeout=args.timeout,
        retries=args.retries,
        max_per_host=args.max_per_host,
        per_second=args.rate,
        jobs=args.jobs,
    )


def link_places(entries: Iterable[Entry]) -> list[LinkPlace]:
    """Every linkable link of *entries*, at the line and column of its value."""
    places = []
    for entry in entries:
        for link in entry.links:
            if link.url is not None:
                line, column = entry.link_place(link)
                places.append(LinkPlace(link.url, entry.id, link.label, entry.path, line, column))
    return places


def link_problems(places: Sequence[LinkPlace], results: Mapping[str, LinkResult]) -> list[Problem]:
    """One problem per place whose URL is dead, permanently redirected or unverifiable."""
    problems = []
    for place in places:
        result = results.get(place.url)
        if result is None:
            continue
        found = _problem(place, result)
        if found is not None:
            code, message = found
            problems.append(Problem(code, message, place.path, place.line, place.column))
    return problems


def _problem(place: LinkPlace, result: LinkResult) -> tuple[Code, str] | None:
    link = f"link {place.label!r}"
    if result.status == DEAD:
        return Code.DEAD_LINK, f"{link} is dead ({result.detail}): {place.url}"
    if result.status == UNVERIFIED:
        why = f"{result.detail}; the server refuses automated checks, open it in a browser"
        return Code.UNVERIFIED_LINK, f"{link} could not be checked ({why}): {place.url}"
    if result.status == REDIRECTED and result.permanent:
        moved = f"is redirected permanently ({result.code}) to {result.target}"
        return Code.REDIRECTED_LINK, f"{link} {moved}; write that address: {place.url}"
    return None


def run_link_check(
    args: argparse.Namespace, entries: Sequence[Entry], chosen: set[Code]
) -> list[Problem]:
    """``check --links``: the link problems of *entries*, with a summary line on stderr."""
    if not LINK_CODES & chosen:
        note("links: not checked (--select/--ignore leave no link code)")
        return []
    places = link_places(entries)
    urls = list(dict.fromkeys(place.url for place in places))
    cache = None
    if not args.no_cache:
        path = Path(args.cache).expanduser() if args.cache else default_cache_path()
        cache = LinkCache.load(path, max_age=args.cache_age * 3600)
    results: dict[str, LinkResult] = {}
    if cache is not None:
        results = {url: hit for url in urls if (hit := cache.get(url)) is not None}
    from .linkcheck import check_urls  # the HTTP client loads only when links are checked

    start = time.monotonic()
    fresh = check_urls([url for url in urls if url not in results], settings_from(args))
    elapsed = time.monotonic() - start
    results.update(fresh)
    if cache is not None:
        for result in fresh.values():
            cache.put(result)
        cache.save()
        if cache.problem:
            note(f"note: {cache.problem}")
    note(summary(results.values(), len(fresh), elapsed))
    if len(fresh) > 1 and all(r.status == DEAD and r.code is None for r in fresh.values()):
        note("note: no server answered at all; is this machine offline?")
    return link_problems(places, results)


def summary(results: Iterable[LinkResult], asked: int, elapsed: float) -> str:
    """``links: 40 (12 asked in 3.1 s, 28 from the cache): 36 ok, 2 redirected, ...``"""
    results = list(results)
    counts = Counter(
        "permanent" if r.status == REDIRECTED and r.permanent else r.status for r in results
    )
    parts = [
        f"{counts[key]} {word}"
        for key, word in (
            ("ok", "ok"),
            ("permanent", "redirected permanently"),
            (REDIRECTED, "redirected temporarily"),
            (DEAD, "dead"),
            (UNVERIFIED, "unverified"),
        )
        if counts[key]
    ]
    cached = len(results) - asked
    source = f"{asked} asked in {elapsed:.1f} s" + (f", {cached} from the cache" if cached else "")
    return f"links: {plural(len(results), 'address', 'addresses')} ({source}): " + (
        ", ".join(parts) or "none"
    )

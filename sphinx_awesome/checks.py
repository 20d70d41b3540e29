"""Rules that need every entry of a project at once, and the codes ``check`` reports.

:func:`check_entries` is the one place these rules live; the Sphinx build can call it too.
The loader (:mod:`sphinx_awesome.entries`) reports the problems of single files; this module
adds the project-wide ones.

=====  =================  ==========================================================================
code   subtype            meaning
=====  =================  ==========================================================================
AW101  yaml               the file is not valid YAML or not UTF-8
AW102  structure          the file is empty, or not a mapping or a list of mappings
AW103  unsafe             a YAML tag that would construct an object, or an alias bomb
AW104  missing-file       an entry file or pattern that matches nothing
AW110  no-title           an entry without a title; it is skipped
AW111  bad-id             an id that is not a slug; it is replaced or the entry skipped
AW120  unknown-field      a field the entry format does not know
AW121  wrong-type         a field whose value has the wrong type
AW122  bad-date           a date that is not YYYY-MM-DD or YYYY-MM
AW123  bad-url            a link that is not http(s) or a known id; never linked
AW124  bad-value          a value outside the allowed set (kind, slug, label)
AW130  duplicate-id       two entries with the same id; the later is skipped
AW140  unknown-venue      a venue that is not in the venue list (with a suggestion)
AW141  unknown-category   a category missing from the declared category tree
AW142  venue-alias        a venue written as an alias of a canonical name (NIPS for NeurIPS)
AW150  duplicate-url      two entries link to the same normalised URL
AW151  duplicate-doi      two entries carry the same DOI (bare, doi.org or publisher page)
AW152  duplicate-arxiv    two entries carry the same arXiv id (abs/pdf, any version)
AW153  duplicate-title    two entries of one kind with near-identical titles
AW160  insecure-url       a plain http:// link
AW161  dead-link          ``--links``: a link answering 4xx or 5xx (after retries), or not at all
AW162  redirected-link    ``--links``: a link permanently redirected (301, 308) to another address
AW163  unverified-link    ``--links``: a server refusing automated checks (401, 403, lasting 429)
AW201  unparsed           import: a line of the list that could not be read as an entry
AW202  import-duplicate   import: an entry listed twice; merged into one
AW203  import-link        import: a link that was dropped
=====  =================  ==========================================================================

``sphinx-awesome check --list-codes`` prints the same table from
:class:`~sphinx_awesome.problems.Code`.

The same work entered twice is reported once per pair, on the later entry, with the most
specific reason: DOI, then arXiv id, then URL, then title. Only a pair's *identifying* links
are compared (``paper``, ``pdf``, ``arxiv``, ``doi``, ``post``; all links of an entry that has
none of those), so two papers that share a code repository are not duplicates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from .entries import Entry, category_problems, duplicate_id_problems
from .normalize import arxiv_id_of, doi_of, title_key, url_key
from .problems import Code, Problem, suggestion
from .venues import VenueList

__all__ = ["IDENTIFYING_LABELS", "TITLE_RATIO", "check_entries", "duplicate_work_problems"]

#: Link labels that name the work itself rather than material around it.
IDENTIFYING_LABELS = ("paper", "pdf", "arxiv", "doi", "post")
#: Two titles whose folded forms are at least this similar are reported.
TITLE_RATIO = 0.95
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "in",
        "on",
        "to",
        "with",
        "via",
        "using",
        "by",
        "from",
        "at",
        "towards",
        "toward",
    ]
)


def check_entries(
    entries: Sequence[Entry],
    *,
    venues: VenueList,
    categories: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """Problems found by the rules that need all *entries* at once, sorted.

    Covers duplicate ids and unknown categories (as the Sphinx build reports them), and the
    ``check``-only rules: the same work entered twice, plain ``http://`` links, unknown
    venues and venues written as aliases. *entries* is in load order; of two duplicates the
    later one is reported.
    """
    kept, problems = duplicate_id_problems(entries)
    if categories:
        problems.extend(category_problems(kept, categories))
    problems.extend(venue_problems(kept, venues))
    problems.extend(insecure_link_problems(kept))
    problems.extend(duplicate_work_problems(kept))
    return sorted(problems, key=Problem.sort_key)


def venue_problems(entries: Iterable[Entry], venues: VenueList) -> list[Problem]:
    """Unknown venues (with a suggestion) and venues written as an alias."""
    problems = []
    for entry in entries:
        written = entry.venue_as_written
        if not written:
            continue
        line = entry.line_of("venue")
        canonical = venues.normalise(written)
        if canonical is None:
            hint = suggestion(venues.suggest(written))
            problems.append(
                Problem(Code.UNKNOWN_VENUE, f"unknown venue {written!r}{hint}", entry.path, line)
            )
        elif written != canonical:
            problems.append(
                Problem(
                    Code.VENUE_ALIAS,
                    f"venue {written!r} is written {canonical!r} in the venue list",
                    entry.path,
                    line,
                )
            )
    return problems


def insecure_link_problems(entries: Iterable[Entry]) -> list[Problem]:
    problems = []
    for entry in entries:
        for link in entry.links:
            if link.value.lower().startswith("http://"):
                problems.append(
                    Problem(
                        Code.INSECURE_URL,
                        f"link {link.label!r} uses http://: {link.value} (use https:// where the "
                        f"site serves it)",
                        entry.path,
                        entry.line_of("links"),
                    )
                )
    return problems


def _identity(entry: Entry) -> tuple[set[str], set[str], dict[str, str]]:
    """DOIs, arXiv ids and URL keys (-> label) of an entry's identifying links."""
    links = [link for link in entry.links if link.label in IDENTIFYING_LABELS] or list(entry.links)
    dois: set[str] = set()
    arxiv: set[str] = set()
    urls: dict[str, str] = {}
    for link in links:
        for value in {link.value, link.url or ""} - {""}:
            doi = doi_of(value) if link.label == "doi" or "/" in value else None
            if doi and not doi.startswith("10.48550/"):
                dois.add(doi)
            aid = arxiv_id_of(value, bare_ok=link.label == "arxiv")
            if aid:
                arxiv.add(aid)
        if link.url:
            key = url_key(link.url)
            if key:
                urls.setdefault(key, link.label)
    return dois, arxiv, urls


def _where(entry: Entry) -> str:
    return f"{entry.id!r} ({entry.path}:{entry.line})"


def duplicate_work_problems(entries: Sequence[Entry]) -> list[Problem]:
    """The same work entered twice: by DOI, arXiv id, normalised URL, then title."""
    problems: list[Problem] = []
    reported: set[tuple[int, int]] = set()
    first_doi: dict[str, int] = {}
    first_arxiv: dict[str, int] = {}
    first_url: dict[str, tuple[int, str]] = {}
    for index, entry in enumerate(entries):
        dois, arxiv, urls = _identity(entry)
        found: list[tuple[int, Code, str]] = []
        for doi in sorted(dois):
            if doi in first_doi:
                earlier = entries[first_doi[doi]]
                found.append(
                    (
                        first_doi[doi],
                        Code.DUPLICATE_DOI,
                        f"DOI {doi} is also the DOI of {_where(earlier)}",
                    )
                )
            else:
                first_doi[doi] = index
        for aid in sorted(arxiv):
            if aid in first_arxiv:
                earlier = entries[first_arxiv[aid]]
                found.append(
                    (
                        first_arxiv[aid],
                        Code.DUPLICATE_ARXIV,
                        f"arXiv id {aid} is also the arXiv id of {_where(earlier)}",
                    )
                )
            else:
                first_arxiv[aid] = index
        for key, label in sorted(urls.items()):
            if key in first_url:
                other, other_label = first_url[key]
                earlier = entries[other]
                found.append(
                    (
                        other,
                        Code.DUPLICATE_URL,
                        f"link {label!r} points to the same page as the {other_label!r} link of "
                        f"{_where(earlier)}",
                    )
                )
            else:
                first_url[key] = (index, label)
        for other, code, message in found:
            if (other, index) in reported or other == index:
                continue
            reported.add((other, index))
            problems.append(
                Problem(
                    code,
                    message + "; the same work entered twice?",
                    entry.path,
                    entry.line_of("links"),
                )
            )
    problems.extend(_title_problems(entries, reported))
    return problems


def _words(title: str) -> list[str]:
    text = unicodedata.normalize("NFKC", title).casefold()
    return [word for word in re.split(r"[\W_]+", text) if word]


def _digits(key: str) -> str:
    return "".join(ch for ch in key if ch.isdigit())


def near_identical(a: str, b: str, ratio: float = TITLE_RATIO) -> bool:
    """Whether two folded titles (see :func:`title_key`) are near-identical.

    Titles that differ in their numbers (``GPT-3`` and ``GPT-4``) never are.
    """
    if a == b:
        return True
    if _digits(a) != _digits(b):
        return False
    short, long_ = sorted((len(a), len(b)))
    if not short or 2 * short / (short + long_) < ratio:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= ratio
        and matcher.quick_ratio() >= ratio
        and matcher.ratio() >= ratio
    )


def _title_problems(entries: Sequence[Entry], reported: set[tuple[int, int]]) -> list[Problem]:
    """Same-kind entries with identical or near-identical titles.

    Exact matches use a dictionary; near matches are compared only within buckets keyed by
    pairs of each title's three rarest words (two near-identical titles share at least two
    of them) and by its first twelve folded characters, so the work grows with the size of
    these small buckets, not with the square of the list.
    """
    problems: list[Problem] = []
    exact: dict[tuple[str, str], int] = {}
    uniques: list[tuple[int, str, list[str]]] = []
    for index, entry in enumerate(entries):
        key = title_key(entry.title)
        if not key:
            continue
        first = exact.get((entry.kind, key))
        if first is not None:
            if (first, index) not in reported:
                reported.add((first, index))
                problems.append(
                    Problem(
                        Code.DUPLICATE_TITLE,
                        f"same title as {_where(entries[first])}; the same work entered twice?",
                        entry.path,
                        entry.line_of("title"),
                    )
                )
            continue
        exact[(entry.kind, key)] = index
        uniques.append((index, key, _words(entry.title)))

    frequency = Counter(word for _, _, words in uniques for word in set(words) if len(word) >= 3)
    digits = [_digits(key) for _, key, _ in uniques]
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for position, (index, key, words) in enumerate(uniques):
        entry = entries[index]
        significant = {w for w in words if len(w) >= 3 and w not in _STOPWORDS}
        rare = sorted(significant, key=lambda w: (frequency[w], w))[:3]
        names: set[tuple[str, ...]] = {("p", entry.kind, key[:12])}
        if len(rare) == 1:
            names.add(("w", entry.kind, rare[0]))
        names |= {("w", entry.kind, *pair) for pair in combinations(rare, 2)}
        candidates: set[int] = set()
        for name in names:
            candidates.update(buckets[name])
        size = len(key)
        for other in sorted(candidates):
            other_index, other_key, _ = uniques[other]
            if digits[other] != digits[position] or (other_index, index) in reported:
                continue
            short, long_ = sorted((size, len(other_key)))
            if 2 * short / (short + long_) < TITLE_RATIO or not near_identical(key, other_key):
                continue
            reported.add((other_index, index))
            earlier = entries[other_index]
            problems.append(
                Problem(
                    Code.DUPLICATE_TITLE,
                    f"title is near-identical to {earlier.title!r}, {_where(earlier)}; the same "
                    f"work "
                    f"entered twice?",
                    entry.path,
                    entry.line_of("title"),
                )
            )
            break
        for name in names:
            buckets[name].append(position)
    return problems


def code_table() -> str:
    """Every problem code with its subtype and description, one per line."""
    return "\n".join(f"{code.code}  {code.subtype:<17} {code.description}" for code in Code)


def select_codes(select: Sequence[str], ignore: Sequence[str]) -> set[Code]:
    """The codes left after ``--select`` and ``--ignore``.

    A selector is a code (``AW151``), a code prefix (``AW15``) or a subtype
    (``duplicate-doi``). Raises ``ValueError`` for a selector that matches no code.
    """

    def matching(selector: str) -> set[Code]:
        wanted = selector.strip()
        found = {
            code
            for code in Code
            if code.code.startswith(wanted.upper())
            or code.subtype == wanted.lower()
            or code.name.lower() == wanted.lower()
        }
        if not wanted or not found:
            raise ValueError(f"unknown problem code {selector!r} (see --list-codes)")
        return found

    chosen = set(Code)
    if select:
        chosen = set().union(*(matching(s) for s in select))
    for selector in ignore:
        chosen -= matching(selector)
    return chosen

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
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .entries import Entry, category_problems, duplicate_id_problems
from .normalize import STOPWORDS, arxiv_id_of, doi_of, title_key, url_key
from .problems import Code, Problem, suggestion
from .venues import VenueList

__all__ = ["IDENTIFYING_LABELS", "TITLE_RATIO", "check_entries", "duplicate_work_problems"]

#: Link labels that name the work itself rather than material around it.
IDENTIFYING_LABELS = ("paper", "pdf", "arxiv", "doi", "post")
#: Two titles whose folded forms are at least this similar are reported.
TITLE_RATIO = 0.95


def check_entries(
    entries: Sequence[Entry],
    *,
    venues: VenueList,
    categories: Mapping[str, Any] | None = None,
    identities: Sequence[Identity] | None = None,
    focus: Container[str] | None = None,
) -> list[Problem]:
    """Problems found by the rules that need all *entries* at once, sorted: duplicate ids,
    unknown categories, unknown venues and venues written as aliases, plain ``http://``
    links, and the same work entered twice. The build and ``check`` both run them here.

    *entries* is in load order; of two duplicates the later one is reported. *identities*
    (one per entry, see :func:`identity`) may come from a cache; with *focus* (entry file
    paths) only the problems that involve those files are looked for.
    """
    ids = list(identities) if identities is not None else [identity(e) for e in entries]
    kept_ids, problems = duplicate_id_problems(entries)
    kept_set = {id(e) for e in kept_ids}
    kept = [(entry, ids[i]) for i, entry in enumerate(entries) if id(entry) in kept_set]
    mine = [e for e, _ in kept if focus is None or e.path in focus]
    if categories:
        problems.extend(category_problems(mine, categories))
    problems.extend(venue_problems(mine, venues))
    problems.extend(insecure_link_problems(mine))
    problems.extend(
        duplicate_work_problems([e for e, _ in kept], [i for _, i in kept], focus=focus)
    )
    if focus is not None:
        problems = [p for p in problems if p.involves(focus)]
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
                line, column = entry.link_place(link)
                message = (
                    f"link {link.label!r} uses http://: {link.value} "
                    "(use https:// where the site serves it)"
                )
                problems.append(Problem(Code.INSECURE_URL, message, entry.path, line, column))
    return problems


@dataclass(frozen=True)
class Identity:
    """What tells whether two entries are the same work: the DOIs, arXiv ids and URL keys
    (-> label) of its identifying links, its folded title, the title's words and digits.
    Computed once per entry (the build caches it with the parsed file)."""

    dois: frozenset[str]
    arxiv: frozenset[str]
    urls: tuple[tuple[str, str], ...]
    title: str
    words: tuple[str, ...]
    digits: str


def identity(entry: Entry) -> Identity:
    links = [link for link in entry.links if link.label in IDENTIFYING_LABELS] or list(entry.links)
    dois: set[str] = set()
    arxiv: set[str] = set()
    urls: dict[str, str] = {}
    for link in links:
        for value in {link.value, link.url or ""} - {""}:
            # cheap tests first: most links hold neither a DOI nor an arXiv id
            doi = doi_of(value) if "10." in value else None
            if doi and not doi.startswith("10.48550/"):
                dois.add(doi)
            lower = value.lower()
            if (
                link.label == "arxiv"
                or "arxiv" in lower
                or "10.48550" in lower
                or "/papers/" in lower
            ):
                aid = arxiv_id_of(value, bare_ok=link.label == "arxiv")
                if aid:
                    arxiv.add(aid)
        if link.url:
            key = url_key(link.url)
            if key:
                urls.setdefault(key, link.label)
    key = title_key(entry.title)
    return Identity(
        frozenset(dois),
        frozenset(arxiv),
        tuple(urls.items()),
        key,
        tuple(_words(entry.title)),
        _digits(key),
    )


def _where(entry: Entry) -> str:
    return f"{entry.id!r} ({entry.path}:{entry.line})"


def duplicate_work_problems(
    entries: Sequence[Entry],
    identities: Sequence[Identity] | None = None,
    *,
    focus: Container[str] | None = None,
) -> list[Problem]:
    """The same work entered twice: by DOI, arXiv id, normalised URL, then title (with
    *focus*, only pairs with an entry of those files are compared)."""
    ids = list(identities) if identities is not None else [identity(e) for e in entries]
    problems: list[Problem] = []
    reported: set[tuple[int, int]] = set()
    first: dict[tuple[str, str], tuple[int, str]] = {}  # (what, key) -> (index, label)
    for index, entry in enumerate(entries):
        found: list[tuple[int, Code, str]] = []
        own = ids[index]
        keys = [
            *((("doi", doi), Code.DUPLICATE_DOI, "", doi) for doi in sorted(own.dois)),
            *((("arxiv", aid), Code.DUPLICATE_ARXIV, "", aid) for aid in sorted(own.arxiv)),
            *((("url", key), Code.DUPLICATE_URL, label, key) for key, label in sorted(own.urls)),
        ]
        for what, code, label, value in keys:
            if what not in first:
                first[what] = (index, label)
                continue
            other, other_label = first[what]
            found.append((other, code, _same(what[0], value, label, other_label, entries[other])))
        for other, code, message in found:
            if (other, index) in reported or other == index:
                continue
            reported.add((other, index))
            problem = Problem(
                code,
                message + "; the same work entered twice?",
                entry.path,
                entry.line_of("links"),
                others=(entries[other].path,),
            )
            if focus is None or problem.involves(focus):
                problems.append(problem)
    problems.extend(_title_problems(entries, ids, reported, focus))
    return problems


def _same(what: str, value: str, label: str, other_label: str, earlier: Entry) -> str:
    if what == "doi":
        return f"DOI {value} is also the DOI of {_where(earlier)}"
    if what == "arxiv":
        return f"arXiv id {value} is also the arXiv id of {_where(earlier)}"
    where = _where(earlier)
    return f"link {label!r} points to the same page as the {other_label!r} link of {where}"


def _words(title: str) -> list[str]:
    text = unicodedata.normalize("NFKC", title).casefold()
    return [word for word in re.split(r"[\W_]+", text) if word]


def _digits(key: str) -> str:
    return "".join(filter(str.isdigit, key))


def near_identical(a: str, b: str, ratio: float = TITLE_RATIO) -> bool:
    """Whether two folded titles (see :func:`title_key`) are near-identical.

    Titles that differ in their numbers (``GPT-3`` and ``GPT-4``) never are.
    """
    if a == b:
        return True
    return _digits(a) == _digits(b) and _similar(a, b, ratio)


def _similar(a: str, b: str, ratio: float = TITLE_RATIO) -> bool:
    """Whether difflib's ratio of two titles reaches *ratio* (their numbers aside)."""
    short, long_ = sorted((len(a), len(b)))
    if not short or 2 * short / (short + long_) < ratio:
        return False
    # difflib's quick_ratio() bound (characters in common, in any order), counted in C:
    # most pairs stop here, before a SequenceMatcher indexes a title
    common = sum((Counter(a) & Counter(b)).values())
    if 2 * common / (short + long_) < ratio:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= ratio


def _title_problems(
    entries: Sequence[Entry],
    ids: Sequence[Identity],
    reported: set[tuple[int, int]],
    focus: Container[str] | None,
) -> list[Problem]:
    """Same-kind entries with identical or near-identical titles.

    Exact matches use a dictionary; near matches are compared only within buckets keyed by
    pairs of each title's three rarest words (two near-identical titles share at least two
    of them) and by its first twelve folded characters, so the work grows with the size of
    these small buckets, not with the square of the list.
    """
    problems: list[Problem] = []
    exact: dict[tuple[str, str], int] = {}
    uniques: list[int] = []  # indexes of the first entry of each title
    for index, entry in enumerate(entries):
        key = ids[index].title
        if not key:
            continue
        first = exact.get((entry.kind, key))
        if first is None:
            exact[(entry.kind, key)] = index
            uniques.append(index)
        elif (first, index) not in reported:
            reported.add((first, index))
            message = f"same title as {_where(entries[first])}; the same work entered twice?"
            problems.append(_title_problem(entry, entries[first], message))
    frequency = Counter(
        word for index in uniques for word in set(ids[index].words) if len(word) >= 3
    )
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    focused: dict[tuple[str, ...], list[int]] = defaultdict(list)  # entries of *focus* only
    for index in uniques:
        entry, own = entries[index], ids[index]
        names = _bucket_names(entry.kind, own, frequency)
        mine = focus is None or entry.path in focus
        # an entry outside the focus is compared with the focus's entries only
        found = buckets if mine else focused
        candidates = {other for name in names for other in found[name]}
        for other in sorted(candidates):
            theirs, earlier = ids[other], entries[other]
            if theirs.digits != own.digits or (other, index) in reported:
                continue
            if not _similar(own.title, theirs.title):  # numbers compared above
                continue
            reported.add((other, index))
            message = (
                f"title is near-identical to {earlier.title!r}, {_where(earlier)}; "
                "the same work entered twice?"
            )
            problems.append(_title_problem(entry, earlier, message))
            break
        for name in names:
            buckets[name].append(index)
            if focus is not None and mine:
                focused[name].append(index)
    return problems


def _bucket_names(kind: str, own: Identity, frequency: Counter[str]) -> set[tuple[str, ...]]:
    """The buckets a title is compared within: its first twelve folded characters, and
    pairs of its three rarest significant words."""
    significant = {w for w in own.words if len(w) >= 3 and w not in STOPWORDS}
    rare = sorted(significant, key=lambda w: (frequency[w], w))[:3]
    names: set[tuple[str, ...]] = {("p", kind, own.title[:12])}
    if len(rare) == 1:
        names.add(("w", kind, rare[0]))
    names |= {("w", kind, *pair) for pair in combinations(rare, 2)}
    return names


def _title_problem(entry: Entry, earlier: Entry, message: str) -> Problem:
    return Problem(
        Code.DUPLICATE_TITLE,
        message,
        entry.path,
        entry.line_of("title"),
        others=(earlier.path,),
    )


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

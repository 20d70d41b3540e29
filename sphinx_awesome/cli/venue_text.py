"""The venue named in a long proceedings or journal title.

Bibliographies name venues at length: DBLP writes ``16th {USENIX} Symposium on Operating
Systems Design and Implementation, {OSDI} 2022, Carlsbad, CA, USA, July 11-13, 2022``, ACM
``Proceedings of the 29th Symposium on Operating Systems Principles`` (with ``SOSP '23`` as
its series), NeurIPS ``Advances in Neural Information Processing Systems 35``, Google Scholar
``arXiv preprint arXiv:2201.12023``. :func:`venue_from_text` finds the canonical name the
venue list knows in such a title: the whole text, then the acronyms in it (in braces or
parentheses, before a colon, or written with inner capitals), then the long name left after
"Proceedings of the 16th", publishers and years are taken away.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..venues import VenueList

_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_TEENS = (
    "tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    "|nineteenth"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL = (
    rf"(?:\d+(?:st|nd|rd|th)|{_TEENS}|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth"
    rf"|(?:(?:{_TENS})[\s-]?)?(?:{_UNITS}))"
)
#: Words in front of a venue's long name that are not part of it.
_LEADING = re.compile(
    rf"^(?:proceedings\s+of\s+(?:the\s+)?|proc\.\s*(?:of\s+(?:the\s+)?)?|advances\s+in\s+|"
    rf"the\s+|{_ORDINAL}\s+|(?:19|20)\d\d\s+|annual\s+|international\s+|"
    rf"(?:acm|ieee|usenix|siam|aaai|acm/ieee|ieee/acm|acm/sigops|sig[a-z]+)\s+|"
    rf"(?:conference|symposium|workshop)\s+(?:on|for)\s+)",
    re.I,
)
_TRAILING = re.compile(r"[\s,:;]*(?:(?:19|20)\d\d|'\d\d|\d{1,3}|volume\s+\d+)\s*$", re.I)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&+-]*")


def _acronyms(raw: str, text: str) -> Iterator[str]:
    """Acronym-like parts of a venue title, in the order they are written."""
    yield from re.findall(r"\{([^{}]+)\}", raw)
    yield from re.findall(r"\(([^()]+)\)", text)
    head, sep, _ = text.partition(":")
    if sep and head.strip():
        yield head
    for token in _TOKEN.findall(text):
        if any(ch.isupper() for ch in token[1:]):  # OSDI, EuroSys, arXiv; not Systems
            yield token


def _long_names(text: str) -> Iterator[str]:
    """The long name left once leading words, places and dates are taken away."""
    for part in text.split(","):
        current = part.strip()
        while current:
            yield current
            trimmed = _TRAILING.sub("", _LEADING.sub("", current, count=1)).strip()
            if trimmed == current:
                break
            current = trimmed


def venue_from_text(text: str, venues: VenueList, *, raw: str | None = None) -> str | None:
    """The canonical venue named in *text*, or ``None`` when the venue list knows none.

    *raw* is the text before LaTeX was decoded (``{OSDI}`` marks an acronym there).
    """
    text = " ".join(text.split())
    if not text:
        return None
    whole = venues.normalise(text)
    if whole:
        return whole
    for candidate in (*_acronyms(raw or "", text), *_long_names(text)):
        found = venues.normalise(candidate)
        if found:
            return found
    return None

"""What ``sphinx-awesome add`` was given: an arXiv id or URL, a DOI (bare, ``doi:``, a
``doi.org`` or ACM Digital Library URL, or a publisher page with the DOI in its path), a DBLP
record, a USENIX presentation page or PDF, or an OpenReview forum or PDF."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from ...normalize import arxiv_id_of, doi_of

_DBLP_HOSTS = ("dblp.org", "dblp.uni-trier.de", "dblp.dagstuhl.de", "dblp2.uni-trier.de")
_DBLP_VIEWS = re.compile(r"^(?:bibtex|bib[0-2]|html|xml|ris)/")
_USENIX_PAGE = re.compile(r"^/conference/([a-z]+)(\d{2})/presentation/([\w.-]+?)/?$", re.I)
_USENIX_PDF = re.compile(
    r"^/system/files/(?:conference/[^/]+/)?([a-z]+)(\d{2})-([\w.-]+)\.pdf$", re.I
)


class Target(NamedTuple):
    """A work to look up: ``service`` is ``arxiv``, ``doi``, ``dblp``, ``usenix`` or
    ``openreview``; ``key`` the arXiv id, DOI, DBLP key, page URL or note id."""

    service: str
    key: str


def _dblp_key(path: str, fragment: str) -> str | None:
    path = path.strip("/")
    if path.startswith("rec/"):
        key = _DBLP_VIEWS.sub("", path[len("rec/") :])
        key = re.sub(r"\.(html|bib|xml|ris|nt|ttl|rdf)$", "", key)
        return key if key.count("/") >= 2 else None
    match = re.match(r"^db/((?:conf|journals)/[^/]+)/[^/]+\.html$", path)
    if match and fragment and re.fullmatch(r"[\w-]+", fragment):
        return f"{match.group(1)}/{fragment}"
    return None


def _usenix(path: str) -> str | None:
    """The presentation page of a USENIX paper (its PDF names the same page)."""
    match = _USENIX_PAGE.match(path) or _USENIX_PDF.match(path)
    if not match:
        return None
    conference, year, slug = match.group(1).lower(), match.group(2), match.group(3).lower()
    slug = slug.removeprefix("paper-")  # nsdi22-paper-eisenman.pdf is /presentation/eisenman
    return f"https://www.usenix.org/conference/{conference}{year}/presentation/{slug}"


def identify(text: str) -> Target | None:
    """The work *text* names, or ``None`` when it is none of the supported shapes."""
    text = text.strip()
    arxiv = arxiv_id_of(text, bare_ok=True)
    if arxiv:
        return Target("arxiv", arxiv)
    if not re.match(r"https?://", text, re.I):
        doi = doi_of(text) if re.match(r"(doi:\s*)?10\.", text, re.I) else None
        return Target("doi", doi) if doi else None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if host in _DBLP_HOSTS:
        key = _dblp_key(parts.path, parts.fragment)
        return Target("dblp", key) if key else None
    if host == "usenix.org":
        page = _usenix(parts.path)
        return Target("usenix", page) if page else None
    if host == "openreview.net":
        note = parse_qs(parts.query).get("id", [""])[0]
        return Target("openreview", note) if re.fullmatch(r"[\w-]+", note) else None
    if host == "dl.acm.org" and parts.path.startswith("/citation.cfm"):
        legacy = parse_qs(parts.query).get("id", [""])[0]
        return Target("doi", f"10.1145/{legacy}") if re.fullmatch(r"\d+\.\d+", legacy) else None
    doi = doi_of(text)
    return Target("doi", doi) if doi else None

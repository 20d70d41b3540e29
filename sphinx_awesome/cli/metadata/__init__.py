"""Entry data of a paper from the public metadata services, for ``sphinx-awesome add``.

:func:`~.target.identify` tells what an argument names; :func:`lookup` asks the service that
knows it: arXiv ids and URLs the arXiv API, DOIs (also ACM Digital Library URLs) Crossref,
DBLP records their BibTeX at DBLP, USENIX presentation pages DBLP's search (the record whose
electronic edition is that page), OpenReview forums the OpenReview API. See
:mod:`~.http` for timeouts, the cache and the base URLs.
"""

from __future__ import annotations

from typing import Any

from ...venues import VenueList
from . import arxiv, crossref, dblp, openreview
from .http import Client, MetadataError, NotFound, Unreachable
from .target import Target, identify

__all__ = ["Client", "MetadataError", "NotFound", "Target", "Unreachable", "identify", "lookup"]

SERVICE_NAMES = {
    "arxiv": "arXiv",
    "doi": "Crossref",
    "dblp": "DBLP",
    "usenix": "DBLP",
    "openreview": "OpenReview",
}


def lookup(target: Target, client: Client, venues: VenueList) -> dict[str, Any]:
    """Entry data (no id) of the work *target* names; raises :class:`MetadataError`."""
    if target.service == "arxiv":
        return arxiv.lookup(client, target.key, venues)
    if target.service == "doi":
        return crossref.lookup(client, target.key, venues)
    if target.service == "dblp":
        return dblp.record(client, target.key, venues)
    if target.service == "usenix":
        return dblp.search_page(client, target.key, venues)
    return openreview.lookup(client, target.key, venues)

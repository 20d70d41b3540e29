"""Asking the public metadata services: timeouts, a few retries, and a local cache.

Every service's base URL can be changed with an environment variable (tests point them at a
local server):

========================================  ==========================================
``SPHINX_AWESOME_ARXIV_API``              ``https://export.arxiv.org/api/query``
``SPHINX_AWESOME_CROSSREF_API``           ``https://api.crossref.org``
``SPHINX_AWESOME_DBLP_API``               ``https://dblp.org``
``SPHINX_AWESOME_OPENREVIEW_API``         ``https://api2.openreview.net``
``SPHINX_AWESOME_OPENREVIEW_API_V1``      ``https://api.openreview.net``
========================================  ==========================================

Answers are kept in ``SPHINX_AWESOME_CACHE`` (default: ``sphinx-awesome/metadata`` in the
user's cache directory) for 30 days, so asking again for the same work sends no request.
``SPHINX_AWESOME_MAILTO`` adds a contact address to Crossref requests (its "polite pool").
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from ..console import user_cache_dir

SERVICES = {
    "arxiv": ("SPHINX_AWESOME_ARXIV_API", "https://export.arxiv.org/api/query"),
    "crossref": ("SPHINX_AWESOME_CROSSREF_API", "https://api.crossref.org"),
    "dblp": ("SPHINX_AWESOME_DBLP_API", "https://dblp.org"),
    "openreview": ("SPHINX_AWESOME_OPENREVIEW_API", "https://api2.openreview.net"),
    "openreview-v1": ("SPHINX_AWESOME_OPENREVIEW_API_V1", "https://api.openreview.net"),
}
CACHE_DAYS = 30
DEFAULT_TIMEOUT = 15.0


class MetadataError(Exception):
    """A lookup that did not give an answer (the message is one line for the reader)."""


class Unreachable(MetadataError):
    """The service could not be reached: no network, a refused connection, a timeout."""


class NotFound(MetadataError):
    """The service answered that it has no such work."""


def base_url(service: str) -> str:
    variable, default = SERVICES[service]
    return (os.environ.get(variable) or default).rstrip("/")


def cache_dir() -> Path:
    """``SPHINX_AWESOME_CACHE``, else ``sphinx-awesome/metadata`` in the user's cache
    directory."""
    configured = os.environ.get("SPHINX_AWESOME_CACHE")
    if configured:
        return Path(configured)
    return user_cache_dir() / "metadata"


def _user_agent() -> str:
    try:
        from importlib.metadata import version

        release = version("sphinx-awesome")
    except Exception:  # pragma: no cover - not installed
        release = "unknown"
    mailto = os.environ.get("SPHINX_AWESOME_MAILTO")
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"sphinx-awesome/{release} (+https://sphinx-awesome.readthedocs.io{contact})"


def _reason(exc: Exception) -> str:
    """What went wrong with a connection, in a few words."""
    import requests

    text = str(exc)
    if isinstance(exc, requests.Timeout) or "timed out" in text.lower():
        return "no answer in time"
    if "NameResolution" in text or "Name or service not known" in text or "getaddrinfo" in text:
        return "the host name cannot be resolved"
    if "Connection refused" in text or "ConnectionRefused" in text:
        return "connection refused"
    return "connection failed"


class Client:
    """GET requests to the metadata services, with a cache of successful answers."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, cache: Path | None = None) -> None:
        self.timeout = timeout
        self.cache = cache
        self.requests = 0  # sent over the network (the cache answers the others)
        self._session: Any = None

    def _http(self) -> Any:
        if self._session is None:
            import requests
            from requests.adapters import HTTPAdapter
            from urllib3.util.retry import Retry

            retry = Retry(
                total=2,
                connect=1,
                read=1,
                backoff_factor=0.5,
                status_forcelist=(429, 500, 502, 503, 504),
                allowed_methods=frozenset({"GET"}),
                respect_retry_after_header=False,
                raise_on_status=False,
            )
            session = requests.Session()
            session.mount("http://", HTTPAdapter(max_retries=retry))
            session.mount("https://", HTTPAdapter(max_retries=retry))
            session.headers["User-Agent"] = _user_agent()
            self._session = session
        return self._session

    def url(self, service: str, path: str = "", params: Mapping[str, str] | None = None) -> str:
        url = base_url(service) + path
        return f"{url}?{urlencode(dict(params))}" if params else url

    def _cached(self, url: str) -> Path | None:
        if self.cache is None:
            return None
        return self.cache / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + ".txt")

    @staticmethod
    def _fresh(cached: Path) -> bool:
        try:
            return time.time() - cached.stat().st_mtime < CACHE_DAYS * 86400
        except OSError:
            return False

    def get(self, service: str, path: str = "", params: Mapping[str, str] | None = None) -> str:
        """The text of a 200 answer; raises :class:`Unreachable`, :class:`NotFound` or
        :class:`MetadataError`."""
        url = self.url(service, path, params)
        cached = self._cached(url)
        if cached is not None and self._fresh(cached):
            try:
                return cached.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass
        text = self._fetch(url)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                partial = cached.with_suffix(".part")
                partial.write_text(text, encoding="utf-8")
                partial.replace(cached)
            except OSError:  # a read-only or full cache only costs a request next time
                pass
        return text

    def _fetch(self, url: str) -> str:
        import requests

        host = urlsplit(url).netloc
        self.requests += 1
        try:
            response = self._http().get(url, timeout=self.timeout)
        except requests.RequestException as exc:
            raise Unreachable(f"cannot reach {host} ({_reason(exc)})") from exc
        if response.status_code in (404, 410):
            raise NotFound(f"{host} has no such record ({response.status_code})")
        if response.status_code != 200:
            raise MetadataError(f"{host} answered {response.status_code} {response.reason}")
        if "charset" not in response.headers.get("Content-Type", ""):
            response.encoding = "utf-8"
        return str(response.text)

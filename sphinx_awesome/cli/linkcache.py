"""Recent link-check results, kept between runs of ``check --links``.

Only good answers are kept (``ok`` and ``redirected``): they are most links, and they change
slowly, so a second run within the age limit asks the network only about new links and about
the few that failed, which are always asked again, so a fixed server is seen at once.

The file is JSON in the user cache directory (``$XDG_CACHE_HOME/sphinx-awesome/links.json``,
``~/Library/Caches/...`` on macOS, ``%LOCALAPPDATA%\\...`` on Windows), or where the
``SPHINX_AWESOME_LINK_CACHE`` environment variable or ``--cache FILE`` says. It is written
atomically; a damaged file is ignored and replaced.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .console import user_cache_dir
from .linktypes import OK, REDIRECTED, LinkResult

CACHE_ENV = "SPHINX_AWESOME_LINK_CACHE"
DEFAULT_MAX_AGE = 24 * 3600.0
SCHEMA_VERSION = 1
CACHED_STATUSES = (OK, REDIRECTED)


def default_cache_path() -> Path:
    """Where the cache lives unless ``--cache`` says otherwise."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return user_cache_dir() / "links.json"


class LinkCache:
    """URL -> the last good result, younger than *max_age* seconds."""

    def __init__(self, path: Path, max_age: float = DEFAULT_MAX_AGE) -> None:
        self.path = path
        self.max_age = max_age
        self.results: dict[str, LinkResult] = {}
        self.problem: str | None = None  # why the file could not be read or written
        self._changed = False

    @classmethod
    def load(cls, path: Path, max_age: float = DEFAULT_MAX_AGE) -> LinkCache:
        cache = cls(path, max_age)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cache
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            cache.problem = f"ignored the link cache {path}: {exc}"
            return cache
        if not isinstance(data, dict):
            data = {}
        links = data.get("links")
        if data.get("schema_version") != SCHEMA_VERSION or not isinstance(links, dict):
            cache.problem = f"ignored the link cache {path}: not a cache this version wrote"
            return cache
        now = time.time()
        for url, record in links.items():
            result = _result(url, record)
            if result is not None and now - result.checked <= max_age:
                cache.results[url] = result
        return cache

    def get(self, url: str) -> LinkResult | None:
        result = self.results.get(url)
        if result is None or time.time() - result.checked > self.max_age:
            return None
        return result

    def put(self, result: LinkResult) -> None:
        if result.status in CACHED_STATUSES and not result.cached:
            self.results[result.url] = result
            self._changed = True
        elif result.url in self.results and not result.cached:  # no longer good
            del self.results[result.url]
            self._changed = True

    def save(self) -> None:
        """Write the cache if it changed; a failure is kept in :attr:`problem`, not raised."""
        if not self._changed:
            return
        now = time.time()
        links = {
            url: {k: v for k, v in asdict(r).items() if k not in ("url", "cached")}
            for url, r in sorted(self.results.items())
            if now - r.checked <= self.max_age
        }
        text = json.dumps({"schema_version": SCHEMA_VERSION, "links": links}, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".links-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as stream:
                    stream.write(text + "\n")
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            self.problem = f"could not write the link cache {self.path}: {exc}"
            return
        self._changed = False


def _result(url: str, record: Any) -> LinkResult | None:
    """A cached record, or ``None`` when it is not one this module wrote."""
    if not isinstance(record, dict) or record.get("status") not in CACHED_STATUSES:
        return None
    checked, code = record.get("checked"), record.get("code")
    target, detail = record.get("target"), record.get("detail", "")
    if not isinstance(checked, (int, float)) or not isinstance(detail, str):
        return None
    if code is not None and not isinstance(code, int):
        return None
    if target is not None and not isinstance(target, str):
        return None
    return LinkResult(
        url,
        record["status"],
        code,
        detail,
        target,
        bool(record.get("permanent", False)),
        float(checked),
        cached=True,
    )

"""What ``check --links`` is asked to do and what it finds (no network code here, so the
command starts without loading an HTTP client)."""

from __future__ import annotations

from dataclasses import dataclass

OK, REDIRECTED, DEAD, UNVERIFIED = "ok", "redirected", "dead", "unverified"
STATUSES = (OK, REDIRECTED, DEAD, UNVERIFIED)


@dataclass(frozen=True)
class LinkSettings:
    timeout: float = 10.0  # seconds, to connect and between bytes of the answer
    retries: int = 2  # attempts after the first
    max_per_host: int = 2  # requests in flight per host
    per_second: float = 4.0  # request starts per second per host
    jobs: int = 16  # threads
    backoff: float = 1.0  # the first retry waits this long, each later one twice as long
    retry_after_cap: float = 60.0  # longest Retry-After waited for


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: str  # one of STATUSES
    code: int | None = None  # the last HTTP status, if any
    detail: str = ""  # "404 Not Found", "timed out after 10 s", "connection refused", ...
    target: str | None = None  # redirected: the final URL
    permanent: bool = False  # redirected: the first hop was 301 or 308
    checked: float = 0.0  # time.time() of the check
    cached: bool = False  # read from the cache, not asked now

"""Checking URLs over the network, politely: the engine behind ``check --links``.

:func:`check_urls` asks each URL once with :mod:`requests` (which Sphinx itself depends on)
from a small pool of threads, one HTTP session per thread:

* **per host**, at most ``max_per_host`` requests at a time and at most ``per_second``
  request starts a second; a host that answers 429 is paused for its ``Retry-After``;
* **HEAD first**, then GET (headers only) when the server answers HEAD with an error, as
  many servers reject HEAD;
* **retries** with exponential backoff on connection errors, time-outs, 5xx and 429
  (``Retry-After`` honoured up to ``retry_after_cap`` seconds); a retry waits in its host's
  queue, never in a thread, so other hosts go on meanwhile;
* **results** ``ok``, ``redirected`` (with the target, and whether the first hop was
  permanent: 301 or 308), ``dead`` (4xx or 5xx after retries, unknown host, refused,
  timed out, too many redirects, TLS failure) or ``unverified`` (401, 403 or a lasting 429:
  the server refuses automated checks, so a person must look).
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import urlsplit

import requests

from .linktypes import DEAD, OK, REDIRECTED, UNVERIFIED, LinkResult, LinkSettings

__all__ = ["check_urls", "retry_after", "status_text"]

PERMANENT_REDIRECTS = (301, 308)
MAX_REDIRECTS = 10
#: Answers that mean "not for robots" rather than "gone".
REFUSING = (401, 403, 429)
USER_AGENT = (
    "Mozilla/5.0 (compatible; sphinx-awesome-linkcheck/1; +https://sphinx-awesome.readthedocs.io)"
)
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"


@dataclass
class _Task:
    url: str
    host: str
    method: str = "HEAD"
    attempt: int = 0
    not_before: float = 0.0  # time.monotonic()


@dataclass
class _Outcome:
    """What one request gave: a final result, or a task to try again (after a pause of its
    whole host, for 429)."""

    result: LinkResult | None = None
    again: _Task | None = None
    pause_host_until: float | None = None


def host_of(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def status_text(code: int, reason: str | None = None) -> str:
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = reason or ""
    return f"{code} {phrase}".strip()


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Hosts:
    """The work queue: per-host queues that hand out tasks only within each host's limits."""

    def __init__(self, urls: Iterable[str], settings: LinkSettings) -> None:
        self.settings = settings
        self.cond = threading.Condition()
        self.queues: dict[str, deque[_Task]] = {}
        for url in urls:
            host = host_of(url)
            self.queues.setdefault(host, deque()).append(_Task(url, host))
        self.order = deque(self.queues)  # hosts with queued tasks, visited in turn
        self.active = dict.fromkeys(self.queues, 0)
        self.next_start = dict.fromkeys(self.queues, 0.0)
        self.outstanding = sum(len(q) for q in self.queues.values())
        self.interval = 1.0 / settings.per_second if settings.per_second > 0 else 0.0

    def take(self) -> _Task | None:
        """The next task some host may start now; waits for one; ``None`` when all are done."""
        with self.cond:
            while self.outstanding:
                now = time.monotonic()
                wait = None
                for _ in range(len(self.order)):
                    host = self.order[0]
                    self.order.rotate(-1)
                    queue = self.queues[host]
                    if self.active[host] >= self.settings.max_per_host:
                        continue
                    ready = max(self.next_start[host], queue[0].not_before)
                    if ready <= now:
                        task = queue.popleft()
                        if not queue:
                            self.order.remove(host)
                        self.active[host] += 1
                        self.next_start[host] = now + self.interval
                        return task
                    wait = ready - now if wait is None else min(wait, ready - now)
                self.cond.wait(wait)
            return None

    def done(self, task: _Task, outcome: _Outcome) -> None:
        with self.cond:
            host = task.host
            self.active[host] -= 1
            if outcome.pause_host_until is not None:
                self.next_start[host] = max(self.next_start[host], outcome.pause_host_until)
            if outcome.again is not None:
                queue = self.queues[host]
                if not queue:
                    self.order.append(host)
                if outcome.again.attempt == task.attempt:  # GET after HEAD: next in line
                    queue.appendleft(outcome.again)
                else:
                    queue.append(outcome.again)
            else:
                self.outstanding -= 1
            self.cond.notify_all()


def check_urls(urls: Iterable[str], settings: LinkSettings | None = None) -> dict[str, LinkResult]:
    """Check each distinct URL once; returns URL -> result."""
    settings = settings or LinkSettings()
    unique = list(dict.fromkeys(urls))
    results: dict[str, LinkResult] = {}
    if not unique:
        return results
    hosts = _Hosts(unique, settings)
    lock = threading.Lock()

    def work() -> None:
        with _session(settings) as session:
            while (task := hosts.take()) is not None:
                try:
                    outcome = attempt(session, task, settings)
                except Exception as exc:  # a URL requests cannot even send: never a traceback
                    outcome = _Outcome(_final(task.url, DEAD, None, _short(exc)))
                hosts.done(task, outcome)
                if outcome.result is not None:
                    with lock:
                        results[task.url] = outcome.result

    threads = [
        threading.Thread(target=work, name=f"linkcheck-{i}", daemon=True)
        for i in range(max(1, min(settings.jobs, len(unique))))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():  # joined with a timeout so that Ctrl-C reaches us
            thread.join(0.2)
    return results


class _session:
    """A :class:`requests.Session` for one worker: our own retries, a small pool per host."""

    def __init__(self, settings: LinkSettings) -> None:
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": ACCEPT})
        self.session.max_redirects = MAX_REDIRECTS
        adapter = requests.adapters.HTTPAdapter(
            pool_connections=32, pool_maxsize=settings.max_per_host, max_retries=0
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def __enter__(self) -> requests.Session:
        return self.session

    def __exit__(self, *exc: object) -> None:
        self.session.close()


def attempt(session: requests.Session, task: _Task, settings: LinkSettings) -> _Outcome:
    """One request for *task*, and what follows from it."""
    timeout = settings.timeout
    try:
        if task.method == "HEAD":
            response = session.head(task.url, allow_redirects=True, timeout=timeout)
        else:
            response = session.get(task.url, allow_redirects=True, timeout=timeout, stream=True)
        response.close()
    except requests.exceptions.TooManyRedirects:
        if task.method == "HEAD":
            return _Outcome(again=replace(task, method="GET"))
        return _Outcome(_final(task.url, DEAD, None, "too many redirects"))
    except requests.exceptions.SSLError as exc:
        return _Outcome(_final(task.url, DEAD, None, f"TLS error: {_short(exc)}"))
    except requests.exceptions.Timeout:
        return _retry_or(task, settings, DEAD, None, f"timed out after {timeout:g} s")
    except requests.exceptions.ConnectionError as exc:
        detail, transient = _connection_detail(exc)
        if not transient:
            return _Outcome(_final(task.url, DEAD, None, detail))
        return _retry_or(task, settings, DEAD, None, detail)
    except requests.exceptions.RequestException as exc:  # invalid URL and the like
        return _Outcome(_final(task.url, DEAD, None, _short(exc)))
    return _judge(task, response, settings)


def _judge(task: _Task, response: requests.Response, settings: LinkSettings) -> _Outcome:
    code = response.status_code
    text = status_text(code, response.reason)
    if code >= 400 and code != 429 and task.method == "HEAD":
        return _Outcome(again=replace(task, method="GET"))  # many servers reject HEAD
    if code == 429 or code >= 500:
        status = UNVERIFIED if code == 429 else DEAD
        wait = retry_after(response.headers.get("Retry-After"))
        if wait is not None and wait > settings.retry_after_cap:
            detail = (
                f"{text} (Retry-After {wait:.0f} s is more than {settings.retry_after_cap:g} s)"
            )
            return _Outcome(_final(task.url, status, code, detail))
        outcome = _retry_or(task, settings, status, code, text, wait)
        if code == 429 and outcome.again is not None:  # the whole host waits
            outcome.pause_host_until = outcome.again.not_before
        return outcome
    if code >= 400:
        redirected = f" (after a redirect to {response.url})" if response.history else ""
        status = UNVERIFIED if code in REFUSING else DEAD
        return _Outcome(_final(task.url, status, code, text + redirected))
    if response.history and response.url != task.url:
        first = response.history[0].status_code
        permanent = first in PERMANENT_REDIRECTS
        return _Outcome(
            _final(task.url, REDIRECTED, first, status_text(first), response.url, permanent)
        )
    return _Outcome(_final(task.url, OK, code, text))


def _retry_or(
    task: _Task,
    settings: LinkSettings,
    status: str,
    code: int | None,
    detail: str,
    wait: float | None = None,
) -> _Outcome:
    """Try *task* again later, or give it up as *status* when its retries are spent."""
    if task.attempt >= settings.retries:
        tries = task.attempt + 1
        suffix = f" ({tries} attempts)" if tries > 1 else ""
        return _Outcome(_final(task.url, status, code, detail + suffix))
    if wait is None:
        wait = settings.backoff * 2**task.attempt
    again = replace(task, attempt=task.attempt + 1, not_before=time.monotonic() + wait)
    return _Outcome(again=again)


def _final(
    url: str,
    status: str,
    code: int | None,
    detail: str,
    target: str | None = None,
    permanent: bool = False,
) -> LinkResult:
    return LinkResult(url, status, code, detail, target, permanent, checked=time.time())


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _connection_detail(exc: requests.exceptions.ConnectionError) -> tuple[str, bool]:
    """A short reason for a failed connection, and whether trying again may help."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        nested = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = getattr(seen, "reason", None) or nested or seen.__cause__ or seen.__context__
    names = " ".join(type(e).__name__ for e in chain)
    text = " ".join(str(e) for e in chain)
    if "NameResolutionError" in names or any(
        marker in text
        for marker in (
            "Name or service not known",
            "nodename nor servname",
            "getaddrinfo failed",
            "No address associated",
            "Temporary failure in name resolution",
        )
    ):
        return "host not found", False
    if "refused" in text.lower():
        return "connection refused", True
    if "reset" in text.lower() or "RemoteDisconnected" in names:
        return "connection closed by the server", True
    return f"connection failed: {_short(chain[-1])}", True

"""Fixtures for the browser tests: build the book once, serve it, drive Debian's Chromium.

Chromium comes from Debian (/usr/bin/chromium), not from ``playwright install``, which would
download a browser. A missing browser or a book that does not build is a failure, not a skip:
these tests are the only check of what a reader actually sees.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # playwright is imported lazily so a missing install fails only these tests
    from collections.abc import Callable

    from playwright.sync_api import Browser, ConsoleMessage, Page

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
MOCK = Path(__file__).parent / "fixtures" / "mock.html"
STATIC = REPO / "sphinx_awesome" / "static"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would drown pytest's output


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book in docs/, built once per session with the HTML builder."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("book")
    messages = io.StringIO()
    with contextlib.redirect_stdout(messages), contextlib.redirect_stderr(messages):
        try:
            status = build_main(["-b", "html", "-q", str(DOCS), str(out)])
        except Exception as exc:  # a crash is reported like a failed build
            status = f"{type(exc).__name__}: {exc}"
    if status != 0 or not (out / "index.html").is_file():
        pytest.fail(
            f"building the book ({DOCS}) failed (status {status}); Sphinx said:\n"
            + messages.getvalue()[-6000:],
            pytrace=False,
        )
    return out


@pytest.fixture(scope="session")
def book_url(book: Path) -> Iterator[str]:
    with serve(book) as url:
        yield url


@pytest.fixture(scope="session")
def repo_url() -> Iterator[str]:
    """The repository over HTTP, for the mock page (which links ../../../sphinx_awesome/static)."""
    with serve(REPO) as url:
        yield url


@pytest.fixture(scope="session")
def mock_url(repo_url: str) -> str:
    return repo_url + MOCK.relative_to(REPO).as_posix()


def _pages_containing(book: Path, marker: str) -> list[str]:
    pages = []
    for path in sorted(book.rglob("*.html")):
        rel = path.relative_to(book).as_posix()
        if rel.startswith(("_", ".")):
            continue  # _static, _sources, .doctrees
        if marker in path.read_text(encoding="utf-8"):
            pages.append(rel)
    return pages


@pytest.fixture(scope="session")
def list_pages(book: Path) -> list[str]:
    """Every built page that shows a paper table, relative to the book's root."""
    pages = _pages_containing(book, 'class="awesome-paper-table')
    if not pages:
        pytest.fail("the built book has no page with a paper-table", pytrace=False)
    return pages


@pytest.fixture(scope="session")
def filter_pages(book: Path) -> list[str]:
    """Built pages with a table made with :filter-box:."""
    pages = _pages_containing(book, 'class="awesome-filter"')
    if not pages:
        pytest.fail("no page of the book has a paper-table with :filter-box:", pytrace=False)
    return pages


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageErrors:
    """Console errors and uncaught exceptions seen by a page."""

    # Chromium asks every site for /favicon.ico; a book without one is not a script error.
    IGNORED = re.compile(r"favicon\.ico")

    def __init__(self) -> None:
        self.errors: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            text = f"console.error: {message.text} ({message.location.get('url', '')})"
            if not self.IGNORED.search(text):
                self.errors.append(text)

    def page_error(self, error: object) -> None:
        self.errors.append(f"uncaught: {error}")

    def watch(self, page: Page) -> Page:
        page.on("console", self.console)
        page.on("pageerror", self.page_error)
        return page


@pytest.fixture
def page_errors() -> PageErrors:
    return PageErrors()


@pytest.fixture
def new_page(browser: Browser, page_errors: PageErrors) -> Iterator[Callable[..., Page]]:
    """Factory for pages in fresh contexts (own storage, viewport, JS setting, colour scheme);
    every page it makes is watched for errors, checked when the test ends."""
    contexts = []

    def make(**context_options: object) -> Page:
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**context_options)  # type: ignore[arg-type]
        context.set_default_timeout(15_000)
        contexts.append(context)
        return page_errors.watch(context.new_page())

    yield make
    for context in contexts:
        context.close()
    assert not page_errors.errors, "errors in the page:\n" + "\n".join(page_errors.errors)


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A page in a fresh desktop-sized context; console errors fail the test."""
    return new_page()

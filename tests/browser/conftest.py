"""Fixtures for the browser tests: build the book and the theme projects once, serve them,
drive Debian's Chromium, and inject axe-core.

Chromium comes from Debian (/usr/bin/chromium), not from ``playwright install``, which would
download a browser. axe-core comes from the npm registry, installed once into a cache
directory from tests/browser/package.json (pinned, with its lock file). A missing browser or
npm, or a project that does not build, is a failure, not a skip: these tests are the only
check of what a reader actually sees.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # playwright is imported lazily so a missing install fails only these tests
    from collections.abc import Callable

    from playwright.sync_api import Browser, ConsoleMessage, Page

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DOCS = REPO / "docs"
ROOTS = REPO / "tests" / "roots"
STATIC = REPO / "sphinx_awesome" / "static"
#: html_theme -> where its dark mode is switched: "html" (data-theme on <html>), "body"
#: (data-theme on <body>) or "media" (no switch of its own: only prefers-color-scheme).
THEMES = {
    "alabaster": "media",
    "furo": "body",
    "sphinx_rtd_theme": "media",
    "pydata_sphinx_theme": "html",
    "sphinx_book_theme": "html",
}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
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


def build_failure(what: str, status: object, messages: str) -> None:
    pytest.fail(
        f"building {what} failed ({status}); Sphinx said:\n{messages[-6000:]}", pytrace=False
    )


@pytest.fixture(scope="session")
def theme_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Builds tests/roots/test-themes with a theme (once per theme); returns its HTML dir.

    Each build is its own ``sphinx-build`` process: themes keep state between Sphinx
    applications in one process (pydata-sphinx-theme fails after sphinx-book-theme)."""
    built: dict[str, Path] = {}

    def make(theme: str) -> Path:
        if theme not in built:
            dest = tmp_path_factory.mktemp(f"themes-{theme}")
            shutil.copytree(ROOTS / "test-themes", dest / "src")
            out = dest / "html"
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-b",
                    "html",
                    "-q",
                    "-D",
                    f"html_theme={theme}",
                    str(dest / "src"),
                    str(out),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0 or done.stderr.strip():
                build_failure(
                    f"test-themes with {theme}",
                    f"status {done.returncode}",
                    done.stdout + done.stderr,
                )
            built[theme] = out
        return built[theme]

    return make


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Serves directories over HTTP for the session: ``serve_dir(path)`` gives the base URL."""
    with contextlib.ExitStack() as stack:
        urls: dict[Path, str] = {}

        def url(path: Path) -> str:
            if path not in urls:
                urls[path] = stack.enter_context(serve(path))
            return urls[path]

        yield url


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe.min.js from the npm registry, installed once into a cache directory."""
    cache = (
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sphinx-awesome-browser"
    )
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    lock = (HERE / "package-lock.json").read_text(encoding="utf-8")
    if (
        script.is_file()
        and (cache / "package-lock.json").is_file()
        and (cache / "package-lock.json").read_text(encoding="utf-8") == lock
    ):
        return script
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(
            "npm is missing: install Node.js's npm (apt-get install npm) to fetch axe-core",
            pytrace=False,
        )
    cache.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HERE / name, cache / name)
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=cache,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not script.is_file():
        pytest.fail(
            f"npm ci of axe-core failed in {cache}:\n{done.stdout}\n{done.stderr}", pytrace=False
        )
    return script


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


def set_mode(page: Page, theme: str, mode: str) -> None:
    """Switch a loaded page of *theme* to light or dark the way the theme itself does."""
    where = THEMES[theme]
    if where == "html":
        page.evaluate(
            f"document.documentElement.dataset.theme = '{mode}'; "
            f"document.documentElement.dataset.mode = '{mode}'"
        )
    elif where == "body":
        page.evaluate(f"document.body.dataset.theme = '{mode}'")


@pytest.fixture
def open_themed(new_page: Callable[..., Page]) -> Callable[..., Page]:
    """Opens a URL of a *theme*'s site in light or dark mode at a viewport: the OS preference,
    the theme's stored choice and its own switch all agree."""

    def make(url: str, theme: str, mode: str, viewport: dict[str, int] = DESKTOP) -> Page:
        page = new_page(
            viewport=viewport,
            color_scheme=mode,
            is_mobile=viewport["width"] < 600,
            has_touch=viewport["width"] < 600,
        )
        page.add_init_script(
            f"try {{ localStorage.setItem('mode', '{mode}'); "
            f"localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}"
        )
        page.goto(url)
        set_mode(page, theme, mode)
        return page

    return make

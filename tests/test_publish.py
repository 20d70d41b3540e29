"""The published entries: HTML builds write ``awesome-entries.json`` beside ``objects.inv``
(every indexed entry, its canonical row's URL, the list's title, base URL and categories),
the same bytes for the same inputs, kept by no-op builds; and a second project shows the
book's entries from that file alone, online and offline, with -W."""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fileserver import FileServer
from sites import Site, build, build_source
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

from sphinx_awesome.config import read_config
from sphinx_awesome.sources import Fetched, read_source

DOCS = Path(__file__).resolve().parents[1] / "docs"
SNAPSHOT = DOCS / "examples" / "published" / "awesome-entries.json"
FILE = "awesome-entries.json"


def load(out: Path) -> dict[str, Any]:
    return json.loads((out / FILE).read_text("utf-8"))


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build("basic", tmp_path_factory.mktemp("basic"))


# -- the file --------------------------------------------------------------------------------------


def test_the_file_lists_every_indexed_entry_with_its_row(basic: SphinxTestApp) -> None:
    data = load(Path(basic.outdir))
    assert list(data) == ["format", "version", "title", "base_url", "categories", "entries"]
    assert (data["format"], data["version"], data["title"], data["base_url"]) == (
        "sphinx-awesome-entries",
        1,
        "Basic",
        "",
    )
    domain = basic.env.domains["awesome"]
    ids = [item["entry"]["id"] for item in data["entries"]]
    assert ids == sorted(domain.state.canonical) and len(ids) > 5
    site = Site(basic)
    for item in data["entries"]:
        entry_id = item["entry"]["id"]
        assert item["entry"] == domain.store.by_id[entry_id].as_dict()
        row = site.target("index.html", item["url"])  # relative to the site's root
        assert row is not None and row["id"] == f"paper-{entry_id}", item["url"]
    assert "hidden" not in ids and "extra" in ids  # "hidden" is only in a :no-index: table


def test_categories_keep_the_trees_order(basic: SphinxTestApp) -> None:
    data = load(Path(basic.outdir))
    settings = basic.env.domains["awesome"].settings
    assert list(data["categories"]) == list(settings.categories)
    for path, info in data["categories"].items():
        category = settings.categories[path]
        assert info == (
            {"title": category.title, "description": category.description}
            if category.description
            else {"title": category.title}
        )


def test_one_line_per_entry(basic: SphinxTestApp) -> None:
    text = (Path(basic.outdir) / FILE).read_text("utf-8")
    lines = text.splitlines()
    data = json.loads(text)
    entry_lines = [line for line in lines if line.startswith('  {"url": ')]
    assert [json.loads(line.rstrip(",")) for line in entry_lines] == data["entries"]
    header = 1 + 4  # "{", then format, version, title and base_url
    blocks = (len(data["categories"]) + 2) + (len(data["entries"]) + 2)  # with their brackets
    assert text.endswith("\n}\n") and len(lines) == header + blocks + 1


def test_the_file_reads_back_as_the_same_entries(basic: SphinxTestApp) -> None:
    raw = (Path(basic.outdir) / FILE).read_bytes()
    settings = read_config({}, Path("."))
    source, problems = read_source(Fetched("basic", raw, "https://x/", "it"), "", settings)
    assert problems == []
    store = basic.env.domains["awesome"].store
    assert [e.as_dict() for e in source.entries] == [
        store.by_id[e.id].as_dict() for e in source.entries
    ]
    assert source.title == "Basic"


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    first = build("basic", tmp_path / "one")
    second = build("basic", tmp_path / "two")
    assert (Path(first.outdir) / FILE).read_bytes() == (Path(second.outdir) / FILE).read_bytes()


def test_a_noop_build_keeps_the_file_and_a_change_is_one_line(tmp_path: Path) -> None:
    app = build("basic", tmp_path)
    path = Path(app.outdir) / FILE
    before = path.read_text("utf-8")
    stamp = path.stat().st_mtime_ns
    again = build_source(tmp_path / "src")
    assert again.env.domains["awesome"].run.quiet
    assert path.stat().st_mtime_ns == stamp  # not written again
    path.unlink()
    build_source(tmp_path / "src")  # a no-op build writes a missing file
    assert path.read_text("utf-8") == before
    entry = tmp_path / "src" / "entries" / "alpa.yaml"
    entry.write_text(entry.read_text("utf-8").replace("2022", "2023"), "utf-8")
    stat = entry.stat()
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    build_source(tmp_path / "src")
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), path.read_text("utf-8").splitlines())
        if line.startswith(("+ ", "- "))
    ]
    assert len(diff) == 2 and all('"id": "alpa"' in line for line in diff), diff


@pytest.mark.parametrize("buildername", ["dirhtml", "singlehtml"])
def test_other_html_builders_publish_their_urls(tmp_path: Path, buildername: str) -> None:
    app = build("basic", tmp_path, buildername)
    out = Path(app.outdir)
    items = load(out)["entries"]
    assert len(items) == len(load(Path(build("basic", tmp_path / "html").outdir))["entries"])
    pages = set()
    for item in items:
        path, _, fragment = item["url"].partition("#")
        assert fragment == f"paper-{item['entry']['id']}"
        file = out / path / "index.html" if path == "" or path.endswith("/") else out / path
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        assert soup.find(id=fragment) is not None, item["url"]
        pages.add(path)
    if buildername == "singlehtml":
        assert pages == {"index.html"}
    else:
        assert {"", "sub/page/"} < pages and all(p.endswith("/") for p in pages - {""})


@pytest.mark.parametrize("buildername", ["epub", "latex", "text"])
def test_other_builders_publish_nothing(tmp_path: Path, buildername: str) -> None:
    app = build("basic", tmp_path, buildername)
    assert not (Path(app.outdir) / FILE).exists()


def test_the_title_and_base_url_come_from_the_settings(tmp_path: Path) -> None:
    overrides = {"awesome_title": "Our <list>", "html_baseurl": "https://example.org/list/"}
    app = build("basic", tmp_path, confoverrides=overrides)
    data = load(Path(app.outdir))
    assert (data["title"], data["base_url"]) == ("Our <list>", "https://example.org/list/")


# -- the book, and a second project that reads it ------------------------------------------------


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book in docs/, built once with -W."""
    out = tmp_path_factory.mktemp("book")
    code, err = build_w(DOCS, out)
    assert code == 0, err
    return out


def build_w(src: Path, out: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = build_main(
            ["-W", "--keep-going", "-q", "--no-color", "-b", "html", str(src), str(out)]
        )
    return code, err.getvalue()


def test_the_books_copy_still_links_to_its_rows(book: Path) -> None:
    """The copy the book reads (docs/examples/published) is an earlier publication of the
    book: every row it links to still exists. Refresh it with
    ``cp docs/_build/html/awesome-entries.json docs/examples/published/``."""
    copy, now = json.loads(SNAPSHOT.read_text("utf-8")), load(book)
    assert {k: v for k, v in copy.items() if k != "entries"} == {
        k: v for k, v in now.items() if k != "entries"
    }
    rows = {item["entry"]["id"]: item["url"] for item in now["entries"]}
    stale = [
        item["url"] for item in copy["entries"] if rows.get(item["entry"]["id"]) != item["url"]
    ]
    assert stale == [], f"refresh {SNAPSHOT.relative_to(DOCS.parent)} from the built book"


def test_the_books_example_links_to_its_own_rows(book: Path) -> None:
    site = Site(SimpleNamespace(outdir=book))  # type: ignore[arg-type]
    page = "guide/embedding.html"
    titles = site[page].select("td.awesome-cell-title a")
    assert len(titles) >= 3
    for link in titles:
        row = site.target(page, link["href"])
        assert row is not None and row.name == "tr", link["href"]
    refs = [a for a in site[page].select("a.reference.external") if "paper-" in a.get("href", "")]
    assert any(a.get_text() == "PipeDream" for a in refs)


SECOND = """\
Our course
==========

.. paper-table:: llmtrain:
   :filter: tag:pipeline-parallelism year:>=2019
   :sort: -year, title
   :columns: title, venue, year

Read :paper:`llmtrain:pipedream` first.
"""


def test_a_second_project_shows_the_books_entries_online_and_offline(
    book: Path, tmp_path: Path
) -> None:
    published = (book / FILE).read_bytes()
    wanted = sorted(
        item["entry"]["id"]
        for item in json.loads(published)["entries"]
        if "pipeline-parallelism" in item["entry"].get("tags", ())
        and item["entry"].get("year", 0) >= 2019
    )
    assert len(wanted) >= 3
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.rst").write_text(SECOND, "utf-8")
    with FileServer() as server:
        server.put("/book/awesome-entries.json", published)
        (src / "conf.py").write_text(
            "extensions = ['sphinx_awesome']\n"
            f"awesome_sources = {{'llmtrain': ({server.url('/book/')!r}, None)}}\n",
            "utf-8",
        )
        assert build_w(src, tmp_path / "online") == (0, "")
        assert server.paths() == ["/book/awesome-entries.json"]
    # the server is gone; a new build with the cached copy (fresh: nothing is asked)
    cache = Path(".doctrees", "awesome-sources")
    shutil.copytree(tmp_path / "online" / cache, tmp_path / "offline" / cache)
    assert build_w(src, tmp_path / "offline") == (0, "")
    for out in ("online", "offline"):
        soup = BeautifulSoup((tmp_path / out / "index.html").read_text("utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("td.awesome-cell-title a")]
        assert sorted(href.rpartition("#paper-")[2] for href in links) == wanted
        book_site = Site(SimpleNamespace(outdir=book))  # type: ignore[arg-type]
        for href in links:
            assert href.startswith(server.url("/book/"))
            row = book_site.target("index.html", href.removeprefix(server.url("/book/")))
            assert row is not None and row.name == "tr"
        assert soup.find("a", string="PipeDream")["href"].endswith("#paper-pipedream")

"""The Atom feed of recently added entries (``awesome_feed``): feedparser reads it without
errors, newest first, each item linking to its entry's canonical row; absolute links with
``html_baseurl``, relative ones without; stable bytes; no-op builds leave it alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sites import ROOTS, Site, build, build_source

BASE = "https://list.example.org/glance/"


def project(tmp_path: Path, conf: str = "") -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-glance", src)
    if conf:
        with open(src / "conf.py", "a", encoding="utf-8") as f:
            f.write("\n" + conf + "\n")
    return src


def parse(path: Path, location: str | None = None) -> feedparser.FeedParserDict:
    headers = (
        {"content-location": location, "content-type": "application/atom+xml"} if location else None
    )
    data = feedparser.parse(path.read_bytes(), response_headers=headers)
    assert data.bozo == 0, data.get("bozo_exception")
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    app = build("glance", tmp_path_factory.mktemp("glance"))
    assert not app._warning.getvalue(), app._warning.getvalue()
    return Site(app)


def test_feed_is_valid_atom_newest_first(site: Site) -> None:
    data = parse(site.outdir / "feed.xml")
    assert data.version == "atom10"
    assert data.feed.title == "Glance"
    assert data.feed.updated == "2024-06-12T00:00:00Z"  # the newest entry's date
    # awesome_feed_size = 4: the newest four; the same day by id; no date, no item
    ids = [e.link.rpartition("#paper-")[2] for e in data.entries]
    assert ids == ["llm-parallelism-zhihu", "unity", "colfax", "alpa"]
    assert [e.updated for e in data.entries] == [
        "2024-06-12T00:00:00Z",
        "2024-06-12T00:00:00Z",
        "2024-06-11T00:00:00Z",
        "2024-06-10T00:00:00Z",
    ]


def test_items_link_to_canonical_rows(site: Site) -> None:
    data = parse(site.outdir / "feed.xml")
    for item in data.entries:
        assert item.link.startswith(BASE)
        page, _, anchor = item.link[len(BASE) :].partition("#")
        row = site.find(page, anchor)
        assert row.name == "tr" and "awesome-row" in row["class"]
    alpa = data.entries[-1]
    assert alpa.title.startswith("Alpa: Automating")
    assert [a.name for a in alpa.authors] == ["Lianmin Zheng", "Zhuohan Li", "Ion Stoica"]
    assert [t.term for t in alpa.tags] == ["auto-parallelism", "compiler"]
    assert alpa.summary == (
        "Paper, OSDI 2022. Plans inter- and intra-operator parallelism with a compiler."
    )
    assert alpa.id.startswith("urn:uuid:")
    assert data.entries[0].title_detail.language == "zh"
    links = {link.rel: link.href for link in data.feed.links}
    assert links == {"self": BASE + "feed.xml", "alternate": BASE + "index.html"}


def test_every_page_links_the_feed(site: Site) -> None:
    for page, href in (("index.html", "feed.xml"), ("list.html", "feed.xml")):
        link = site[page].find("link", rel="alternate", type="application/atom+xml")
        assert link is not None and link["href"] == href and link["title"] == "Glance"


def test_without_base_url_links_are_relative_to_the_feed(tmp_path: Path) -> None:
    src = project(tmp_path, 'html_baseurl = ""\nawesome_feed = "news/atom.xml"')
    app = build_source(src)
    assert not app._warning.getvalue()
    out = Path(app.outdir)
    assert not (out / "feed.xml").exists()
    text = (out / "news" / "atom.xml").read_text(encoding="utf-8")
    assert 'href="../list.html#paper-alpa"' in text
    # a reader resolves them against the address it fetched the feed from
    data = parse(out / "news" / "atom.xml", "https://elsewhere.example/book/news/atom.xml")
    assert data.entries[-1].link == "https://elsewhere.example/book/list.html#paper-alpa"
    # the ids do not depend on where the book is served
    with_base = build("glance", tmp_path / "b")
    ids = [e.id for e in parse(Path(with_base.outdir) / "feed.xml").entries]
    assert [e.id for e in data.entries] != ids  # another list (no base URL): other ids
    soup = BeautifulSoup((out / "list.html").read_text("utf-8"), "html.parser")
    assert soup.find("link", type="application/atom+xml")["href"] == "news/atom.xml"


def test_dirhtml_links_to_folders(tmp_path: Path) -> None:
    app = build_source(project(tmp_path), "dirhtml")
    data = parse(Path(app.outdir) / "feed.xml")
    assert data.entries[-1].link == BASE + "list/#paper-alpa"


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text"])
def test_other_builders_write_no_feed(tmp_path: Path, builder: str) -> None:
    app = build_source(project(tmp_path), builder)
    assert not list(Path(app.outdir).rglob("*.xml")) or builder == "epub"
    assert not (Path(app.outdir) / "feed.xml").exists()


def test_hostile_text_stays_valid_xml(tmp_path: Path) -> None:
    src = project(tmp_path)
    (src / "entries" / "bad.yaml").write_text(
        'title: "Ctrl \\x0b and <tags> & ]]> \\"quotes\\""\n'
        'authors: ["A <b>", "B & C"]\nadded: 2030-01-01\nsummary: "x\\x01y"\n',
        encoding="utf-8",
    )
    (src / "more.rst").write_text("More\n====\n\n.. paper-table::\n   :filter: id:bad\n")
    with open(src / "index.rst", "a", encoding="utf-8") as f:
        f.write("   more\n")
    app = build_source(src)
    data = parse(Path(app.outdir) / "feed.xml")
    first = data.entries[0]
    assert first.title == 'Ctrl and <tags> & ]]> "quotes"'
    assert [a.name for a in first.authors] == ["A <b>", "B & C"]
    assert first.summary == "Paper. xy"


def test_written_only_when_it_changes(tmp_path: Path) -> None:
    src = project(tmp_path)
    app = build_source(src)
    feed = Path(app.outdir) / "feed.xml"
    first = feed.read_bytes()
    os.utime(feed, ns=(0, 0))
    build_source(src)  # nothing changed
    assert feed.stat().st_mtime_ns == 0
    path = src / "entries" / "papers.yaml"
    path.write_text(path.read_text("utf-8").replace("added: 2024-06-10", "added: 2024-06-13"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    build_source(src)
    assert feed.stat().st_mtime_ns != 0
    data = parse(feed)
    assert data.entries[0].link.endswith("#paper-alpa")
    # a fresh build gives the same bytes
    fresh = build_source(project(tmp_path / "fresh"))
    assert feed.read_bytes() != first
    (tmp_path / "fresh" / "src" / "entries" / "papers.yaml").write_text(
        path.read_text("utf-8"), encoding="utf-8"
    )
    fresh = build_source(tmp_path / "fresh" / "src")
    assert (Path(fresh.outdir) / "feed.xml").read_bytes() == feed.read_bytes()


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        ('awesome_feed = "/abs/feed.xml"', "awesome_feed: '/abs/feed.xml' should be a file path"),
        ('awesome_feed = "../feed.xml"', "awesome_feed: '../feed.xml' should be a file path"),
        ("awesome_feed = 3", "awesome_feed: should be a path such as 'feed.xml', not int 3"),
        ("awesome_feed_size = 0", "awesome_feed_size: should be a positive integer, not int 0"),
        ("awesome_feed_size = True", "awesome_feed_size: should be a positive integer"),
    ],
)
def test_bad_settings_warn_at_conf_py(tmp_path: Path, conf: str, message: str) -> None:
    app = build_source(project(tmp_path, conf))
    warnings = app._warning.getvalue()
    assert message in warnings
    assert "conf.py:" in warnings
    feed = Path(app.outdir) / "feed.xml"
    assert feed.exists() == ("size" in conf)
    if feed.exists():
        assert len(parse(feed).entries) == 6  # the default size, 30: every dated entry

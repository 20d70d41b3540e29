"""``awesome_sources``: tables of another list's published entries, read from a real HTTP
server on 127.0.0.1 (first fetch, cache, offline, changed, malformed, wrong version,
redirect), from local files, checked like local entry files, and linked out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from fileserver import FileServer
from sphinx.testing.util import SphinxTestApp

from sphinx_awesome.config import SourceSetting, read_config
from sphinx_awesome.entries import load_data
from sphinx_awesome.sources import Cache, Fetcher

FILE = "/llm/awesome-entries.json"


def item(entry_id: str, title: str, page: str = "list/main.html", **fields: Any) -> dict:
    """One published entry, as another list's build writes it."""
    return {"url": f"{page}#paper-{entry_id}", "entry": {"id": entry_id, "title": title, **fields}}


ENTRIES = [
    item(
        "alpa",
        "Alpa: Automating Parallelism",
        venue="OSDI",
        year=2022,
        tags=["pipeline-parallelism", "auto"],
        categories=["dist/auto"],
    ),
    item(
        "pipedream",
        "PipeDream: Pipeline Parallelism",
        venue="SOSP",
        year=2019,
        tags=["pipeline-parallelism"],
        categories=["dist"],
    ),
    item(
        "tofu",
        "Tofu: Tensor Partitioning",
        page="list/other.html",
        venue="EuroSys",
        year=2019,
        tags=["tensor-parallelism"],
        categories=["dist"],
    ),
    item("zhihu", "并行训练笔记", kind="post", lang="zh", year=2023, tags=["notes"]),
]
CATEGORIES = {
    "dist": {"title": "Distributed", "description": "Many GPUs."},
    "dist/auto": {"title": "Auto-parallel"},
}


def published(entries: list[dict] = ENTRIES, **header: Any) -> str:
    data = {
        "format": "sphinx-awesome-entries",
        "version": 1,
        "title": "LLM training list",
        "base_url": "",
        "categories": CATEGORIES,
        "entries": entries,
        **header,
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


PAGES = {
    "index.rst": "Home\n====\n\n.. toctree::\n\n   pipeline\n   tensor\n   refs\n   plain\n",
    "pipeline.rst": (
        "Pipeline\n========\n\n.. paper-table:: llm:\n   :filter: tag:pipeline-parallelism\n"
        "   :sort: -year\n   :columns: title, venue, year, tags, categories\n"
    ),
    "tensor.rst": (
        "Tensor\n======\n\n.. paper-table::\n   :source: llm\n   :filter: tag:tensor-parallelism\n"
        "   :empty: Nothing on tensors.\n"
    ),
    "refs.rst": "Refs\n====\n\nSee :paper:`llm:tofu` and :paper:`the notes <llm:zhihu>`.\n",
    "plain.rst": "Plain\n=====\n\nNo tables.\n",
}


def strip(text: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines()


@dataclass
class Built:
    app: SphinxTestApp
    written: set[str]

    @property
    def warnings(self) -> list[str]:
        return strip(self.app.warning.getvalue())

    def page(self, name: str) -> BeautifulSoup:
        html = (Path(self.app.outdir) / f"{name}.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser")

    def rows(self, name: str) -> list[Tag]:
        return self.page(name).select("tr.awesome-row")

    def titles(self, name: str) -> list[tuple[str, str | None]]:
        out = []
        for row in self.rows(name):
            cell = row.select_one("td.awesome-cell-title .awesome-title")
            assert cell is not None
            out.append((cell.get_text(), cell.get("href")))
        return out


class Consumer:
    """A project that shows another list's entries, built again and again in one place."""

    def __init__(self, base: Path, conf: str, pages: dict[str, str] = PAGES) -> None:
        self.src = base / "src"
        self.src.mkdir(parents=True)
        (self.src / "conf.py").write_text(
            "extensions = ['sphinx_awesome']\n" + conf, encoding="utf-8"
        )
        for name, text in pages.items():
            (self.src / name).parent.mkdir(parents=True, exist_ok=True)
            (self.src / name).write_text(text, encoding="utf-8")

    def build(self, buildername: str = "html", **kwargs: Any) -> Built:
        written: set[str] = set()
        app = SphinxTestApp(
            buildername, srcdir=self.src, builddir=self.src.parent / "_build", **kwargs
        )
        app.connect("html-page-context", lambda app, pagename, *args: written.add(pagename))
        try:
            app.build()
        finally:
            app.cleanup()
        return Built(app, written & {"pipeline", "tensor", "refs", "plain"})


@pytest.fixture
def server():
    with FileServer() as running:
        running.put(FILE, published())
        yield running


def online(server: FileServer, extra: str = "") -> str:
    return f"awesome_sources = {{'llm': ({server.url('/llm/')!r}, None)}}\n" + extra


# -- fetching --------------------------------------------------------------------------------------


def test_first_fetch_shows_the_filtered_rows_linked_to_the_other_site(
    tmp_path: Path, server: FileServer
) -> None:
    built = Consumer(tmp_path, online(server)).build()
    assert built.warnings == []
    assert server.paths() == [FILE]
    base = server.url("/llm/")
    assert built.titles("pipeline") == [
        ("Alpa: Automating Parallelism", base + "list/main.html#paper-alpa"),
        ("PipeDream: Pipeline Parallelism", base + "list/main.html#paper-pipedream"),
    ]
    (row, _) = built.rows("pipeline")
    cells = [" ".join(td.get_text(" ").split()) for td in row.find_all("td")]
    assert cells[1:] == ["OSDI", "2022", "pipeline-parallelism auto", "Auto-parallel"]
    assert row.find_all("a") == [row.find("a")]  # badges are text: no browsing page here
    assert row.get("id") is None and row.find(id=True) is None  # never canonical here
    assert built.titles("tensor") == [
        ("Tofu: Tensor Partitioning", base + "list/other.html#paper-tofu")
    ]


def test_the_cache_is_used_without_asking(tmp_path: Path, server: FileServer) -> None:
    consumer = Consumer(tmp_path, online(server))
    consumer.build()
    again = consumer.build()
    assert server.paths() == [FILE]  # one request, from the first build
    assert again.warnings == [] and again.written == set()
    server.stop()
    offline = consumer.build()  # within the cache limit nothing is asked: -W passes
    assert offline.warnings == [] and offline.written == set()


def test_offline_uses_the_last_copy_with_one_warning(tmp_path: Path, server: FileServer) -> None:
    consumer = Consumer(tmp_path, online(server, "awesome_sources_cache_limit = 0\n"))
    first = consumer.build()
    server.stop()
    offline = consumer.build(freshenv=True)
    (warning,) = offline.warnings
    assert re.search(
        r"conf\.py:2: WARNING: awesome_sources: 'llm': cannot read http://127\.0\.0\.1:\d+"
        r"/llm/awesome-entries\.json: cannot connect; using the copy fetched on "
        r"\d{4}-\d\d-\d\d \d\d:\d\d \[awesome\.source\]$",
        warning,
    ), warning
    assert offline.titles("pipeline") == first.titles("pipeline")


def test_offline_without_a_copy_shows_the_empty_text(tmp_path: Path) -> None:
    with FileServer() as server:
        conf = online(server)
    built = Consumer(tmp_path, conf).build()
    assert len(built.warnings) == 3, built.warnings
    assert "awesome_sources: 'llm': cannot read" in built.warnings[0]
    assert built.warnings[0].endswith("its tables show no entries [awesome.source]")
    assert built.rows("pipeline") == []
    assert built.page("tensor").select_one(".awesome-empty").get_text(strip=True) == (
        "Nothing on tensors."
    )
    # the references find nothing: the usual warning, at their line
    assert "refs.rst:4: WARNING: unknown paper id 'tofu' in source 'llm'" in built.warnings[1]
    assert built.warnings[2].endswith("unknown paper id 'zhihu' in source 'llm' [awesome.ref]")


def test_a_changed_file_rewrites_exactly_the_pages_that_show_it(
    tmp_path: Path, server: FileServer
) -> None:
    consumer = Consumer(tmp_path, online(server, "awesome_sources_cache_limit = 0\n"))
    assert consumer.build().written == {"pipeline", "tensor", "refs", "plain"}
    unchanged = consumer.build()
    assert unchanged.written == set() and unchanged.warnings == []
    assert server.requests[-1][1].get("If-None-Match")  # asked with the copy's ETag: 304
    entries = [dict(e, entry=dict(e["entry"])) for e in ENTRIES]
    entries[2]["entry"]["title"] = "Tofu: Tensor Partitioning, Revised"  # shown on tensor, refs
    server.put(FILE, published(entries))
    changed = consumer.build()
    assert changed.written == {"tensor", "refs"}
    assert changed.titles("tensor")[0][0] == "Tofu: Tensor Partitioning, Revised"
    entries.append(item("gpipe", "GPipe", year=2019, tags=["pipeline-parallelism"]))
    server.put(FILE, published(entries))  # a new row on one page
    assert consumer.build().written == {"pipeline"}


def test_a_bare_reference_follows_its_entry(tmp_path: Path, server: FileServer) -> None:
    pages = {**PAGES, "plain.rst": "Plain\n=====\n\nSee :paper:`tofu`.\n"}
    consumer = Consumer(tmp_path, online(server, "awesome_sources_cache_limit = 0\n"), pages)
    first = consumer.build()
    assert first.page("plain").find("a", string="Tofu") is not None
    entries = [*ENTRIES[:2], item("tofu", "Tofu Two: Renamed", page="x.html"), ENTRIES[3]]
    server.put(FILE, published(entries))
    changed = consumer.build()
    assert changed.written == {"tensor", "refs", "plain"}
    assert changed.page("plain").find("a", string="Tofu Two")["href"].endswith("x.html#paper-tofu")


def test_a_moved_row_rewrites_its_references(tmp_path: Path, server: FileServer) -> None:
    consumer = Consumer(tmp_path, online(server, "awesome_sources_cache_limit = 0\n"))
    consumer.build()
    entries = [*ENTRIES[:3], item("zhihu", "并行训练笔记", page="blog.html", kind="post")]
    server.put(FILE, published(entries))
    moved = consumer.build()
    assert moved.written == {"refs"}
    assert (
        moved.page("refs").find("a", string="the notes")["href"].endswith("blog.html#paper-zhihu")
    )


def test_malformed_json_is_one_warning_and_keeps_the_good_copy(
    tmp_path: Path, server: FileServer
) -> None:
    consumer = Consumer(tmp_path, online(server, "awesome_sources_cache_limit = 0\n"))
    good = consumer.build()
    server.put(FILE, published()[:-40])
    broken = consumer.build()
    (warning,) = broken.warnings
    assert "awesome_sources: 'llm': cannot read http://" in warning
    assert "awesome-entries.json: not JSON: " in warning and "(line " in warning
    assert "using the copy fetched on" in warning
    assert broken.written == set()  # the good copy is still shown: nothing changed
    assert good.titles("pipeline") == broken.titles("pipeline")


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (
            {"version": 2},
            "format version 2 (written by a newer sphinx-awesome); this "
            "sphinx-awesome reads version 1",
        ),
        ({"version": "1"}, "format version '1'; this sphinx-awesome reads version 1"),
        (
            {"format": "other"},
            'not a published entries file (no "format": "sphinx-awesome-entries")',
        ),
        ({"entries": {"alpa": {}}}, 'the file has no "entries" list'),
    ],
)
def test_a_file_of_another_shape_is_one_warning(
    tmp_path: Path, server: FileServer, header: dict, reason: str
) -> None:
    server.put(FILE, published(**header))
    built = Consumer(tmp_path, online(server), {"index.rst": PAGES["pipeline.rst"]}).build()
    (warning,) = built.warnings
    assert f"awesome-entries.json: {reason}; its tables show no entries" in warning
    assert built.rows("index") == []


def test_a_redirected_file_links_rows_where_it_moved(tmp_path: Path, server: FileServer) -> None:
    server.put("/new/place/awesome-entries.json", published())
    server.redirects[FILE] = (301, "/new/place/awesome-entries.json")
    built = Consumer(tmp_path, online(server)).build()
    assert built.warnings == []
    assert server.paths() == [FILE, "/new/place/awesome-entries.json"]
    _, href = built.titles("tensor")[0]
    assert href == server.url("/new/place/list/other.html#paper-tofu")


def test_an_http_error_and_a_redirect_loop_are_warnings(tmp_path: Path, server: FileServer) -> None:
    server.status[FILE] = 500
    server.redirects["/loop/awesome-entries.json"] = (302, "/loop/awesome-entries.json")
    conf = (
        f"awesome_sources = {{'llm': ({server.url('/llm/')!r}, None),\n"
        f"                   'loop': ({server.url('/loop/')!r}, None)}}\n"
    )
    built = Consumer(tmp_path, conf, {"index.rst": "Home\n====\n"}).build()
    assert len(built.warnings) == 2, built.warnings
    assert "conf.py:2: WARNING: awesome_sources: 'llm': cannot read" in built.warnings[0]
    assert "awesome-entries.json: HTTP 500" in built.warnings[0]
    assert "conf.py:3: WARNING: awesome_sources: 'loop': cannot read" in built.warnings[1]
    assert "more than 10 redirects" in built.warnings[1]


# -- local files and alternatives ------------------------------------------------------------------


def test_a_local_file_is_read_without_a_request(tmp_path: Path) -> None:
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "awesome-entries.json").write_text(published(), "utf-8")
    conf = "awesome_sources = {'llm': ('https://example.org/llm', '../copy')}\n"
    built = Consumer(tmp_path, conf).build()
    assert built.warnings == []
    assert built.titles("tensor") == [
        ("Tofu: Tensor Partitioning", "https://example.org/llm/list/other.html#paper-tofu")
    ]


def test_locations_are_tried_in_order(tmp_path: Path, server: FileServer) -> None:
    (tmp_path / "llm.json").write_text(published(title="Local copy"), "utf-8")
    down = "http://127.0.0.1:9/awesome-entries.json"
    conf = (
        f"awesome_sources = {{'llm': ({server.url('/llm/')!r}, ({down!r}, '../llm.json', None))}}\n"
        "awesome_sources_timeout = 2\n"
    )
    built = Consumer(tmp_path, conf).build()
    assert built.warnings == []  # an alternative worked
    title = built.rows("tensor")[0].find("a")["title"]
    assert title == "Tofu: Tensor Partitioning (Local copy)"
    assert server.paths() == []


def test_a_relative_base_links_from_each_page(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "awesome-entries.json").write_text(published(), "utf-8")
    pages = {
        **PAGES,
        "index.rst": PAGES["index.rst"] + "   sub/deep\n",
        "sub/deep.rst": ("Deep\n====\n\n.. paper-table:: llm:\n   :filter: id:tofu\n"),
    }
    conf = "awesome_sources = {'llm': ('../other/', '../other/awesome-entries.json')}\n"
    consumer = Consumer(tmp_path, conf, pages)
    built = consumer.build()
    assert built.warnings == []
    assert built.titles("tensor") == [
        ("Tofu: Tensor Partitioning", "../other/list/other.html#paper-tofu")
    ]
    assert built.titles("sub/deep") == [
        ("Tofu: Tensor Partitioning", "../../other/list/other.html#paper-tofu")
    ]
    dirhtml = consumer.build("dirhtml")
    assert dirhtml.page("sub/deep/index").select_one("td.awesome-cell-title a")["href"] == (
        "../../../other/list/other.html#paper-tofu"
    )


# -- nothing is trusted --------------------------------------------------------------------------


HOSTILE = [
    item(
        "alpa",
        "<script>alert(1)</script> Alpa",
        links={
            "code": "javascript:alert(2)",
            "paper": 'https://example.org/alpa"onmouseover=alert(3)',
        },
        year="2022",
    ),
    {"url": "javascript:alert(4)", "entry": {"id": "evil", "title": "Evil row"}},
    {"url": "//evil.example/x", "entry": {"id": "evil2", "title": "Evil row 2"}},
    {"url": "list.html#paper-x", "entry": {"id": "BAD ID", "title": "Bad", "<<": {"id": "y"}}},
    {"url": "list.html#paper-x", "entry": ["not", "a", "mapping"]},
    "neither",
]


def test_a_hostile_file_is_checked_and_escaped(tmp_path: Path, server: FileServer) -> None:
    server.put(FILE, published(HOSTILE, categories="/etc/passwd", title="<b>list</b>"))
    pages = {"index.rst": "Home\n====\n\n.. paper-table:: llm:\n   :columns: title, year, links\n"}
    built = Consumer(tmp_path, online(server), pages).build()
    (warning,) = built.warnings
    assert warning.startswith(f"{tmp_path / 'src' / 'conf.py'}:2: WARNING: awesome_sources: 'llm'")
    assert "9 problems in http://" in warning
    assert '"categories" is not a mapping; ignored' in warning
    assert "entry 1: 'year' should be an integer; read '2022' as 2022; " in warning
    assert "(and 6 more) [awesome.source]" in warning
    html = (Path(built.app.outdir) / "index.html").read_text("utf-8")
    # the Cite text is the BibTeX export, escaped: a javascript: value there is only text
    html = re.sub(r'<pre class="awesome-bibtex">.*?</pre>', "", html, flags=re.S)
    assert "<script>alert" not in html and "javascript:" not in html and '"onmouseover' not in html
    assert "//evil.example" not in html and "<b>list" not in html
    titles = built.titles("index")
    assert titles[0][0] == "<script>alert(1)</script> Alpa"  # shown as text
    assert titles[1:] == [  # file order
        ("Evil row", None),
        ("Evil row 2", None),
        ("Bad", server.url("/llm/list.html#paper-x")),
    ]
    links = built.rows("index")[0].select("td.awesome-cell-links a")
    assert [a["href"] for a in links] == ['https://example.org/alpa"onmouseover=alert(3)']


def test_the_entries_are_read_by_the_entry_file_reader() -> None:
    # the same data as YAML and as published JSON: the same entries and problems
    data = [
        {
            "id": "a",
            "title": "A",
            "year": "2020",
            "kind": "Papr",
            "tags": ["Not A Slug"],
            "links": {"arxiv": "2201.12023", "site": "ftp://x"},
            "date": "2020-02-30",
        }
    ]
    from sphinx_awesome.entries import load_text

    as_yaml = load_text(json.dumps(data), "f")
    as_data = load_data(data, "f")
    assert as_data.entries == as_yaml.entries
    assert [(p.code, p.message) for p in as_data.problems] == [
        (p.code, p.message) for p in as_yaml.problems
    ]
    assert len(as_data.problems) == 5
    assert load_data(["yes", {"title": "yes"}], "f").entries[0].title == "yes"


# -- references ------------------------------------------------------------------------------------


def test_paper_references_reach_the_other_site(tmp_path: Path, server: FileServer) -> None:
    pages = {
        "index.rst": "Home\n====\n\n.. toctree::\n\n   refs\n\n.. paper-table::\n",
        "entries.yaml": "- id: pipedream\n  title: 'PipeDream Here: A Local Entry'\n",
        "refs.rst": (
            "Refs\n====\n\nA :paper:`llm:tofu`.\n\nB :paper:`the notes <llm:zhihu>`.\n\n"
            "C :paper:`alpa`.\n\nD :paper:`pipedream`.\n\nE :paper:`llm:pipedream`.\n\n"
            "F :paper:`llm:tofo`.\n\nG :paper:`other:tofu`.\n"
        ),
    }
    conf = online(server, "awesome_entries = ['entries.yaml']\n")
    built = Consumer(tmp_path, conf, pages).build()
    base = server.url("/llm/")
    found = {p.get_text()[0]: p for p in built.page("refs").select("div.body p")}

    def link(key: str) -> tuple[str, str | None]:
        a = found[key].find("a")
        return (a.get_text(), a.get("href")) if a else (found[key].get_text(), None)

    assert link("A") == ("Tofu", base + "list/other.html#paper-tofu")
    assert link("B") == ("the notes", base + "list/main.html#paper-zhihu")
    assert link("C") == ("Alpa", base + "list/main.html#paper-alpa")  # no local alpa
    assert link("D") == ("PipeDream Here", "index.html#paper-pipedream")  # the local one wins
    assert link("E") == ("PipeDream", base + "list/main.html#paper-pipedream")
    assert found["A"].find("a")["title"] == "Tofu: Tensor Partitioning (LLM training list)"
    warnings = built.warnings
    assert len(warnings) == 2, warnings
    assert (
        "refs.rst:14: WARNING: unknown paper id 'tofo' in source 'llm' (did you mean 'tofu'?)"
        in (warnings[0])
    )
    assert "refs.rst:16: WARNING: unknown paper id 'other:tofu' [awesome.ref]" in warnings[1]


def test_a_source_entry_has_no_label_index_or_search_entry(
    tmp_path: Path, server: FileServer
) -> None:
    built = Consumer(tmp_path, online(server)).build()
    out = Path(built.app.outdir)
    assert "Tofu" not in (out / "genindex.html").read_text("utf-8")
    index = (out / "searchindex.js").read_text("utf-8")
    assert "pipedream" not in index.lower()  # its only row is in a source's table
    assert json.loads(index[index.index("(") + 1 : index.rindex(")")])["objects"] == {}
    std = built.app.env.domains["std"]
    assert not any(label.startswith("paper-") for label in std.labels)
    assert list(built.app.env.domains["awesome"].get_objects()) == []
    published_here = json.loads((out / "awesome-entries.json").read_text("utf-8"))
    assert published_here["entries"] == []  # not republished either


# -- the directive ---------------------------------------------------------------------------------


def test_an_unknown_source_warns_at_the_directive(tmp_path: Path, server: FileServer) -> None:
    pages = {
        "index.rst": (
            "Home\n====\n\n.. paper-table:: lm:\n\n.. paper-table:: llm:\n   :source: tofu\n\n"
            ".. paper-table::\n   :source: llm\n   :filter: id:alpa\n"
        )
    }
    built = Consumer(tmp_path, online(server), pages).build()
    assert [w.split("WARNING: ")[1] for w in built.warnings] == [
        "paper-table: unknown source 'lm' (did you mean 'llm'?) (sources are named in "
        "awesome_sources); the table shows no entries [awesome.source]",
        "paper-table: shows either :source: tofu or 'llm:'; the source is shown [awesome.option]",
        "paper-table: unknown source 'tofu' (sources are named in awesome_sources); the table "
        "shows no entries [awesome.source]",
    ]
    assert [t for t, _ in built.titles("index")] == ["Alpa: Automating Parallelism"]


def test_grouped_by_category_with_the_sources_titles(tmp_path: Path, server: FileServer) -> None:
    pages = {"index.rst": "Home\n====\n\n.. paper-table:: llm:\n   :group-by: category\n"}
    built = Consumer(tmp_path, online(server), pages).build()
    headings = [td.get_text() for td in built.page("index").select("td.awesome-group-heading")]
    assert headings == ["Distributed", "Auto-parallel", "Other"]


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_other_builders_show_the_rows(tmp_path: Path, server: FileServer, buildername: str) -> None:
    built = Consumer(tmp_path, online(server)).build(buildername)
    assert built.warnings == []
    out = Path(built.app.outdir)
    text = "".join(p.read_text("utf-8") for p in out.glob("*.t*"))
    assert "Tofu: Tensor Partitioning" in text
    if buildername == "latex":
        assert server.url("/llm/list/other.html\\#paper-tofu") in text


def test_a_parallel_build_shows_the_same(tmp_path: Path) -> None:
    # a local file: no server thread alive while the readers fork
    (tmp_path / "llm.json").write_text(published(), "utf-8")
    conf = "awesome_sources = {'llm': ('https://example.org/llm/', '../../llm.json')}\n"
    more = {f"more{n}.rst": f"More {n}\n======\n\n:paper:`alpa`\n" for n in range(6)}
    pages = {**PAGES, **more, "index.rst": PAGES["index.rst"] + "   more*\n"}
    pages["index.rst"] = pages["index.rst"].replace(".. toctree::", ".. toctree::\n   :glob:")
    serial = Consumer(tmp_path / "j1", conf, pages).build()
    parallel = Consumer(tmp_path / "j2", conf, pages).build(parallel=2)
    assert serial.warnings == []
    assert parallel.warnings == []
    for page in ("pipeline", "tensor", "refs"):
        assert serial.titles(page) == parallel.titles(page)
    assert str(serial.page("refs").select_one("div.body")) == str(
        parallel.page("refs").select_one("div.body")
    )


# -- the setting ---------------------------------------------------------------------------------


def test_the_setting_is_read_like_intersphinx_mapping(tmp_path: Path) -> None:
    config = read_config(
        {
            "awesome_sources": {
                "llm": ("https://example.org/llm", None),
                "two": ("https://example.org/two/", ("copy.json", None)),
                "local": (None, "copy.json"),
                "short": "https://example.org/short/",
                "bad name": ("https://x/", None),
                "js": ("javascript:alert(1)", None),
                "nothing": (None, None),
                "shape": ["https://x/"],
                "where": ("https://x/", 3),
            },
            "awesome_sources_timeout": 0,
            "awesome_sources_cache_limit": "5",
        },
        tmp_path,
    )
    assert config.sources == {
        "llm": SourceSetting("llm", "https://example.org/llm/", (None,)),
        "two": SourceSetting("two", "https://example.org/two/", ("copy.json", None)),
        "local": SourceSetting("local", None, ("copy.json",)),
        "short": SourceSetting("short", "https://example.org/short/", (None,)),
    }
    assert (config.sources_timeout, config.sources_cache_limit) == (10, 5)
    assert [p.message for p in config.problems] == [
        "awesome_sources: 'bad name' is not a source name (letters, digits, '.', '_' and '-'); "
        "ignored",
        "awesome_sources: 'js': the base URL 'javascript:alert(1)' is not http(s); ignored",
        "awesome_sources: 'nothing' gives no base URL to read its entries from; ignored",
        "awesome_sources: 'shape' should be (base URL, local file or None), not ['https://x/']; "
        "ignored",
        "awesome_sources: 'where': the file 3 should be None, a path or URL, or a list of them; "
        "ignored",
        "awesome_sources_timeout: should be a positive number, not int 0; 10 is used",
        "awesome_sources_cache_limit: should be a number, not str '5'; 5 is used",
    ]
    assert (
        read_config({"awesome_sources": ["x"]}, tmp_path)
        .problems[0]
        .message.startswith("awesome_sources: should map names to (base URL, local file or None)")
    )


def test_a_bad_setting_warns_at_its_line(tmp_path: Path) -> None:
    conf = (
        "x = 1\nawesome_sources = {\n    'ok': ('https://x/', 'missing.json'),\n    'bad': 5,\n}\n"
    )
    built = Consumer(tmp_path, conf, {"index.rst": "Home\n====\n"}).build()
    assert len(built.warnings) == 2, built.warnings
    assert "conf.py:3: WARNING: awesome_sources: 'bad' should be" in built.warnings[0]
    assert "[awesome.config]" in built.warnings[0]
    assert (
        "conf.py:4: WARNING: awesome_sources: 'ok': cannot read missing.json: "
        in (built.warnings[1])
    )


def test_the_cache_lives_in_the_doctree_folder(tmp_path: Path, server: FileServer) -> None:
    built = Consumer(tmp_path, online(server)).build()
    cached = Path(built.app.doctreedir, "awesome-sources", "llm", "awesome-entries.json")
    assert cached.read_text("utf-8") == published()


def test_odd_failures_are_reasons_not_tracebacks(tmp_path: Path, server: FileServer) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", "utf-8")
    fetcher = Fetcher(tmp_path, Cache(blocked / "cache"), 2, 5)  # the cache cannot be written
    got = fetcher.fetch(SourceSetting("llm", server.url("/llm/")))
    assert got.warning is None and got.raw == published().encode()
    bad = fetcher.fetch(SourceSetting("bad", "http://[not-a-host/"))
    assert bad.raw is None
    assert bad.warning is not None and bad.warning.startswith(
        "cannot read http://[not-a-host/awesome-entries.json: "
    )


def test_a_row_cites_its_own_entry_when_a_local_one_has_its_id(
    tmp_path: Path, server: FileServer
) -> None:
    pages = {
        "index.rst": "Home\n====\n\n.. paper-table::\n\n"
        ".. paper-table:: llm:\n   :filter: id:alpa\n",
        "entries/alpa.yaml": "id: alpa\ntitle: 'Alpa: Our Own Notes'\nyear: 2020\n",
    }
    built = Consumer(tmp_path, online(server, "awesome_entries = ['entries/*.yaml']\n"), pages)
    html = (Path(built.build().app.outdir) / "index.html").read_text("utf-8")
    cites = re.findall(r'<pre class="awesome-bibtex">(.*?)</pre>', html, flags=re.S)
    assert [re.search(r"title += (.*),", c).group(1) for c in cites] == [
        "{{Alpa}: Our Own Notes}",
        "{{Alpa}: Automating Parallelism}",
    ]

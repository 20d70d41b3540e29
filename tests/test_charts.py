"""The ``paper-chart`` directive: counts, the SVG and its text alternative, other builders'
tables, warnings, and incremental builds that rewrite a chart's page only when its counts
change."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sites import ROOTS, Site, build, build_source
from sphinx.testing.util import SphinxTestApp

from sphinx_awesome.charts import Counts, count, svg_html
from sphinx_awesome.config import Category
from sphinx_awesome.entries import load_text
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

ENTRIES = """
- {id: a, title: A, year: 2021, venue: OSDI, tags: [x, y], categories: [b/c], kind: post}
- {id: b, title: B, year: 2019, venue: SOSP, tags: [x], categories: [a]}
- {id: c, title: C, year: 2021, venue: OSDI, categories: [b]}
- {id: d, title: D, venue: NSDI, tags: [y, z], categories: [a], kind: repo}
"""
TREE = {p: Category(p, p.upper()) for p in ("b", "b/c", "a")}


def entries():
    loaded = load_text(ENTRIES, "e.yaml", venues=VenueList(BUILTIN_VENUES))
    assert not loaded.problems
    return loaded.entries


# -- counting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("year", (("2019", 1), ("2021", 2), ("", 1))),  # time order; no year last
        ("venue", (("OSDI", 2), ("NSDI", 1), ("SOSP", 1))),  # largest first, then by name
        ("tag", (("x", 2), ("y", 2), ("z", 1), ("", 1))),  # an entry counts in each tag
        # the tree's order, a parent counting its sub-categories' entries (once each)
        ("category", (("b", 2), ("b/c", 1), ("a", 2))),
        ("kind", (("paper", 2), ("post", 1), ("repo", 1))),  # the kinds' order
    ],
)
def test_count_orders_groups_for_reading(by: str, expected: tuple) -> None:
    counts = count(by, None, entries(), TREE)
    assert counts.groups == expected
    assert counts.entries == 4


def test_categories_read_as_a_tree_even_with_parents_left_out() -> None:
    tree = {p: Category(p, p) for p in ("a", "b/c/d", "b/e")}  # no "b", no "b/c"
    loaded = load_text(
        "- {id: x, title: X, categories: [b/e, b/c/d]}\n- {id: y, title: Y, categories: [a]}\n",
        "e.yaml",
    )
    counts = count("category", None, loaded.entries, tree)
    assert counts.groups == (("a", 1), ("b", 1), ("b/c", 1), ("b/c/d", 1), ("b/e", 1))


def test_limit_keeps_the_largest_groups_with_a_value() -> None:
    counts = count("tag", 1, entries(), TREE)
    # x and y tie at 2: the first by name; y, z and "no tag" are left out
    assert counts.groups == (("x", 2),)
    assert (counts.hidden_groups, counts.hidden_entries) == (3, 4)


def test_svg_escapes_every_text_and_names_itself() -> None:
    counts = Counts((("<b>&'\"", 3), ("x" * 80, 1)), 4)
    html = svg_html("c-1", 'Title <i> "q"', "venue", counts, ["<b>&'\"", "x" * 80])
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.find("svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "c-1-title c-1-desc"
    assert soup.find(id="c-1-title").get_text() == 'Title <i> "q"'
    assert "<b>&'\": 3" in soup.find(id="c-1-desc").get_text()
    assert "<b>" not in html and "<i>" not in html
    labels = [t.get_text() for t in soup.select("text.awesome-chart-label")]
    assert labels[0] == "<b>&'\""
    assert len(labels[1]) == 40 and labels[1].endswith("…")  # long labels are shortened...
    assert soup.select("g title")[1].get_text() == "x" * 80 + ": 1"  # ...but kept whole here
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    assert rows == [["<b>&'\"", "3"], ["x" * 80, "1"]]
    widths = [r["width"] for r in soup.select("rect.awesome-chart-bar")]
    assert widths == ["86.00%", "28.67%"]  # the largest group takes the longest bar


# -- a built project --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    app = build("glance", tmp_path_factory.mktemp("glance"))
    assert not app._warning.getvalue(), app._warning.getvalue()
    return Site(app)


def charts(site: Site, page: str) -> list:
    return site[page].select("figure.awesome-chart")


def test_html_chart_is_an_accessible_svg_with_its_numbers(site: Site) -> None:
    years = site.find("index.html", "chart-years")  # :name: labels the figure
    svg = years.find("svg")
    title_id, desc_id = svg["aria-labelledby"].split()
    assert years.find(id=title_id).get_text() == "Entries per year"
    desc = years.find(id=desc_id).get_text()
    assert desc == (
        "Bar chart of 7 entries by year. 2018: 1; 2019: 2; 2022: 2; 2023: 1; No year: 1."
    )
    table = years.select_one("details.awesome-chart-data table")
    assert [th.get_text() for th in table.select("th")] == ["Year", "Entries"]
    assert years.find("figcaption").get_text(" ", strip=True).startswith("Fig. 1")


def test_limit_and_other_groups(site: Site) -> None:
    venue = charts(site, "index.html")[1]
    labels = [t.get_text() for t in venue.select("text.awesome-chart-label")]
    assert labels == ["OSDI", "A Very Long Venue Name Of Some Workshop…"]
    rows = [tr.get_text("|") for tr in venue.select("tbody tr")]
    assert rows[-1] == "3 other groups|4"
    # no caption: the SVG's title says what it counts
    assert venue.find("title").get_text() == "Entries by venue"


def test_chart_ids_are_unique_and_argument_and_filter_select(site: Site) -> None:
    ids = [
        svg["aria-labelledby"]
        for page in ("index.html", "charts.html")
        for svg in site[page].select("svg")
    ]
    assert len(ids) == len(set(ids)) == 5
    by_category, by_tag, empty = charts(site, "charts.html")
    labels = by_category.select("text.awesome-chart-label")
    assert [(t.get_text(), t["x"]) for t in labels] == [
        ("Systems", "0"),
        ("Automatic parallelism for distributed…", "14"),  # under its parent
        ("Tutorials", "0"),
    ]
    counts = [t.get_text() for t in by_category.select("text.awesome-chart-count")]
    assert counts == ["5", "3", "2"]  # Systems holds its sub-category's three
    # the description and the numbers name a sub-category with its parent
    assert "Systems › Automatic parallelism for distributed deep learning training: 3" in (
        by_category.find("desc").get_text()
    )
    assert [t.get_text() for t in by_tag.select("text.awesome-chart-count")] == ["2"]
    assert empty.get_text(strip=True) == "No entries to count."
    assert not site["charts.html"].select("section figure:not(.awesome-chart)")


def test_charts_add_no_words_to_the_search_index(site: Site) -> None:
    # "Bar chart of ... entries" is for screen readers, not the book's search.
    assert "bar" not in site.raw("searchindex.js").lower().split('"')


@pytest.mark.parametrize("builder", ["text", "latex", "man", "epub", "singlehtml"])
def test_other_builders(tmp_path: Path, builder: str) -> None:
    app = build("glance", tmp_path, buildername=builder)
    warnings = app._warning.getvalue()
    assert not re.search(r"WARNING|ERROR", warnings), warnings
    if builder == "text":
        text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
        assert "Entries per year" in text
        assert re.search(r"\| OSDI +\| 2 +\|", text)
        assert re.search(r"\| 3 other groups +\| 4 +\|", text)
    elif builder == "latex":
        tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
        assert "Entries per year" in tex and "3 other groups" in tex
        assert "<svg" not in tex
    elif builder == "singlehtml":
        soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
        ids = [svg["aria-labelledby"] for svg in soup.select("svg")]
        assert len(ids) == len(set(ids)) == 6  # every page's charts on one page


def test_bad_options_warn_at_the_directive(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-glance", src)
    (src / "charts.rst").write_text(
        "Charts\n======\n\n"
        ".. paper-chart::\n   :by: author\n   :limt: 3\n\n"
        ".. paper-chart::\n   :filter: year:>>1\n\n"
        ".. paper-chart::\n   :limit: none\n\n"
        ".. paper-chart:: venue\n",
        encoding="utf-8",
    )
    app = build_source(src)
    warnings = app._warning.getvalue()
    assert "charts.rst:4: WARNING: paper-chart: :by: 'author' is not one of year, venue" in warnings
    assert "paper-chart: unknown option ':limt:' (did you mean ':limit:'?)" in warnings
    assert "charts.rst:8: WARNING: paper-chart: bad filter 'year:>>1'" in warnings
    assert "paper-chart: :limit: 'none' is not a positive integer" in warnings
    # the argument names entry files; a grouping written there is pointed to :by:
    assert (
        "charts.rst:14: WARNING: paper-chart: no entry file matches 'venue' "
        "(to count entries per venue: ':by: venue')"
    ) in warnings
    soup = BeautifulSoup((Path(app.outdir) / "charts.html").read_text("utf-8"), "html.parser")
    assert len(soup.select("figure.awesome-chart")) == 3  # the bad filter's chart is left out
    assert "by year" in soup.select("figure.awesome-chart svg title")[0].get_text()


# -- incremental builds ---------------------------------------------------------------------------


class Project:
    def __init__(self, base: Path) -> None:
        self.src = base / "src"
        self.build_dir = base / "_build"
        shutil.copytree(ROOTS / "test-glance", self.src)

    def build(self) -> set[str]:
        written: set[str] = set()
        app = SphinxTestApp("html", srcdir=self.src, builddir=self.build_dir)
        app.connect("html-page-context", lambda app, pagename, *args: written.add(pagename))
        try:
            app.build()
        finally:
            app.cleanup()
        return written

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.src / "entries" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_a_chart_page_is_rewritten_only_when_its_counts_change(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.build()
    # charts.rst shows only charts: a new title changes no count
    project.edit("posts.yaml", "Colfax Research", "Colfax Research Tutorials")
    assert "charts" not in project.build()
    # a new tag changes the tag chart of posts.yaml
    project.edit(
        "posts.yaml",
        "tags: [tutorial]\n  categories: [tutorials]\n  added: 2024-06-11",
        "tags: [cuda]\n  categories: [tutorials]\n  added: 2024-06-11",
    )
    written = project.build()
    assert "charts" in written
    html = (project.build_dir / "html" / "charts.html").read_text(encoding="utf-8")
    assert ">cuda<" in html


def test_parallel_build_gives_the_same_charts(tmp_path: Path, site: Site) -> None:
    app = build("glance", tmp_path, parallel=2)
    assert not app._warning.getvalue(), app._warning.getvalue()
    parallel = Site(app)
    for page in ("index.html", "charts.html", "kinds.html"):
        assert [str(f) for f in charts(parallel, page)] == [str(f) for f in charts(site, page)]
    assert "my-chart" in charts(site, "kinds.html")[0]["class"]
    assert (parallel.outdir / "feed.xml").read_bytes() == (site.outdir / "feed.xml").read_bytes()

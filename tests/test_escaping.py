"""Every text and attribute value from an entry or a setting is escaped in every HTML builder:
hostile link labels, tags, categories, venues and titles never add an element, an attribute
or a class; the ids the extension gives never repeat on a page."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sites import build_source

from sphinx_awesome.anchors import group_id

HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "epub")
HOSTILE = [
    'x" onmouseover="alert(document.domain)" data-x="',
    "x' onfocus='alert(1)' autofocus='",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!-- x --> & &amp; &lt; \u2028 \u0000 \ud7ff",
    'a"b<c>d&e',
]
#: Attributes our own markup carries (inside tables and browsing pages).
OUR_ATTRIBUTES = {
    "class",
    "data-awesome-row",
    "id",
    "href",
    "title",
    "lang",
    "colspan",
    "type",
    "placeholder",
    "aria-label",
    "aria-live",
    "hidden",
}
#: Elements our own markup uses (an <img> or <script> in a table came from an entry).
OUR_ELEMENTS = {
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "p",
    "a",
    "span",
    "div",
    "input",
    "script",
    "section",
    "h1",
    "h2",
    "nav",
    "ul",
    "li",
    "details",
    "summary",
    "pre",
    "button",
    "em",
    "strong",
    "code",
}


def write_project(
    src: Path, entries: list[dict], categories: dict[str, str], suppress: bool = True
) -> None:
    if src.exists():
        shutil.rmtree(src)
    (src / "entries").mkdir(parents=True)
    conf = {
        "extensions": ["sphinx_awesome"],
        "awesome_entries": ["entries/*.yaml"],
        "awesome_categories": categories,
        "suppress_warnings": ["awesome", "epub"] if suppress else [],
        "project": "Hostile",
        "epub_copyright": "none",
    }
    (src / "conf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in conf.items()), "utf-8")
    (src / "entries" / "all.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), "utf-8")
    (src / "index.rst").write_text(
        "Hostile\n=======\n\n.. paper-table::\n   :columns: title, authors, venue, year, links, "
        "tags, categories, summary, kind, id\n   :filter-box:\n\n"
        ".. paper-table::\n   :group-by: category\n   :no-index:\n\n"
        ".. paper-table::\n   :group-by: venue\n   :no-index:\n",
        "utf-8",
    )


def check_page(html: str, titles: list[str]) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in element.attrs), element
    for element in soup.select(".awesome-paper-table *, .awesome-browse *"):
        names = set(element.attrs)
        assert names <= OUR_ATTRIBUTES, f"attribute(s) {names - OUR_ATTRIBUTES} on {element}"
        assert element.name in OUR_ELEMENTS, element.name
        for token in element.get("class", []):
            assert all(c.isalnum() or c in "-_" for c in token), f"class {token!r}"
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            json.loads(script.string)
        else:
            assert "alert" not in (script.string or ""), script
    tables = soup.select(".awesome-paper-table table")
    text = " ".join(t.get_text(" ") for t in tables)
    for title in titles:
        assert " ".join(title.split()) in " ".join(text.split()), title
    ids = Counter(e["id"] for e in soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []


def build_and_check(tmp: Path, entries: list[dict], categories: dict[str, str]) -> None:
    src = tmp / "src"
    write_project(src, entries, categories)
    titles = [" ".join(e["title"].split()) for e in entries]
    for builder in HTML_BUILDERS:
        shutil.rmtree(tmp / "_build", ignore_errors=True)
        app = build_source(src, builder)
        out = Path(app.outdir)
        index = out / ("index.xhtml" if builder == "epub" else "index.html")
        check_page(index.read_text("utf-8"), titles)
        for page in ("awesome-tagindex.html", "awesome-venueindex.html"):
            if (out / page).exists():
                check_page(page_text := (out / page).read_text("utf-8"), [])
                assert "<img src=x" not in page_text


def hostile_entry(i: int, text: str) -> dict:
    return {
        "id": f"e{i}",
        "title": f"T{i} {text}",
        "authors": [text, "Plain Name"],
        "venue": text,
        "year": 2020 + i % 5,
        "links": {text: "https://example.org/a?b=1&c=2", "paper": 'https://example.org/p"q'},
        "tags": [text, "ok"],
        "categories": [text, "fine"],
        "summary": text,
    }


def test_hostile_labels_venues_tags_and_titles_in_every_html_builder(tmp_path: Path) -> None:
    entries = [hostile_entry(i, text) for i, text in enumerate(HOSTILE)]
    build_and_check(tmp_path, entries, {"fine": HOSTILE[0], "x": HOSTILE[2]})


def test_a_label_that_closes_the_class_attribute_is_one_class(tmp_path: Path) -> None:
    entries = [hostile_entry(0, HOSTILE[0])]
    write_project(tmp_path / "src", entries, {})
    app = build_source(tmp_path / "src")
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    chips = {a.get_text(): a for a in soup.select("table")[0].select("td.awesome-cell-links a")}
    assert sorted(chips) == sorted([HOSTILE[0], "paper"])
    hostile = chips[HOSTILE[0]]
    assert set(hostile.attrs) == {"class", "href"}
    assert hostile["class"] == [
        "awesome-chip",
        "awesome-link-x-onmouseover-alert-document-domain-data-x",
        "reference",
        "external",
    ]
    assert chips["paper"]["href"] == 'https://example.org/p"q'


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'`=/ "),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(TEXT, min_size=3, max_size=8), category_title=TEXT)
def test_random_text_is_escaped_everywhere(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], category_title: str
) -> None:
    entries = [hostile_entry(i, text) for i, text in enumerate(texts)]
    build_and_check(tmp_path_factory.mktemp("random"), entries, {"fine": category_title})


def test_ids_of_titles_rows_and_groups_never_collide(tmp_path: Path) -> None:
    entries = [
        {"id": "alpa", "title": "Alpa: One"},
        {"id": "alpa-title", "title": "Alpa Title: Two"},
        {"id": "alpa.title", "title": "Alpa dot: Three"},
    ]
    write_project(tmp_path / "src", entries, {}, suppress=False)
    index = tmp_path / "src" / "index.rst"
    index.write_text("Paper Alpa\n==========\n\n" + index.read_text("utf-8"), "utf-8")
    app = build_source(tmp_path / "src")
    check_page((Path(app.outdir) / "index.html").read_text("utf-8"), ["Alpa: One"])
    (warning,) = app.warning.getvalue().splitlines()  # the section took the row's id
    assert "'paper-alpa' is already used on this page" in warning


def test_group_ids_are_valid_and_distinct() -> None:
    keys = ["USENIX ATC", "USENIX_ATC", "a~1~", 'x"y', "OSDI", "2024", "日本"]
    ids = [group_id(k) for k in keys]
    assert len(set(ids)) == len(ids)
    assert all(not any(c.isspace() or c in "\"'<>&" for c in i) for i in ids)
    assert group_id("OSDI") == "cap-OSDI" and group_id("auto-parallel") == "cap-auto-parallel"

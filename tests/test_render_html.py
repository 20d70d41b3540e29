"""The HTML of paper tables: structure, classes, ids, badges and their index pages, links,
the filter box and its assets, and hostile entry text escaped verbatim."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from urllib.parse import urldefrag

import pytest
import sites
from bs4 import Tag
from sites import build


class Site(sites.Site):
    def table(self, page: str, name: str) -> Tag:
        return self.find(page, name)


def group_heading(group: Tag) -> str:
    """The heading text of a group on a browsing page (the element with id ``cap-<key>``)."""
    heading = group.find(["h2", "h3", "h4", "strong"])
    return (heading or group).get_text(strip=True)


def group_links(group: Tag) -> list[str]:
    """The entry links listed under a group on a browsing page."""
    if group.name != "tr":  # a section holding its entries
        return [a["href"] for a in group.select("a[href*='#paper-']")]
    links = []  # a heading row of Sphinx's index table, followed by the entries' rows
    for row in group.find_next_siblings("tr"):
        if "cap" in (row.get("class") or []):
            break
        links += [a["href"] for a in row.select("a[href*='#paper-']")]
    return links


def row_anchor(row: Tag) -> str:
    """The anchor of the canonical row of the entry shown in *row*."""
    if row.get("id"):
        return row["id"]
    return urldefrag(row.select_one("a.awesome-canonical")["href"]).fragment


def rows(table: Tag) -> list[Tag]:
    return table.select("tbody > tr.awesome-row")


def titles(table: Tag) -> list[str]:
    return [row.select_one(".awesome-title").get_text() for row in rows(table)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    app = build("basic", tmp_path_factory.mktemp("basic"))
    assert app.warning.getvalue() == ""
    return Site(app)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    app = build("hostile", tmp_path_factory.mktemp("hostile"))
    assert app.warning.getvalue() == ""
    return Site(app)


# -- structure -----------------------------------------------------------------------------------


def test_wrapper_table_and_header_classes(site: Site) -> None:
    table = site.table("index.html", "table-all")
    assert "awesome-table" in table["class"]
    wrapper = table.find_parent("div")
    assert {"awesome-paper-table", "awesome-style-default"} <= set(wrapper["class"])
    assert [th["class"] for th in table.select("thead th")] == [
        ["head", "awesome-col-title"],
        ["head", "awesome-col-venue"],
        ["head", "awesome-col-year"],
        ["head", "awesome-col-links"],
    ]
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Title",
        "Venue",
        "Year",
        "Links",
    ]
    for row in rows(table):
        assert [td["class"] for td in row.find_all("td")] == [
            ["awesome-cell-title"],
            ["awesome-cell-venue"],
            ["awesome-cell-year"],
            ["awesome-cell-links"],
        ]


def test_every_column(site: Site) -> None:
    table = site.table("options.html", "t-columns-all")
    columns = [
        "title",
        "venue",
        "year",
        "date",
        "authors",
        "links",
        "tags",
        "categories",
        "kind",
        "summary",
        "id",
        "added",
    ]
    assert [th["class"][-1] for th in table.select("thead th")] == [
        f"awesome-col-{c}" for c in columns
    ]
    (row,) = rows(table)
    cells = {td["class"][0].removeprefix("awesome-cell-"): td for td in row.find_all("td")}
    assert list(cells) == columns
    text = {name: cell.get_text(" ", strip=True) for name, cell in cells.items()}
    assert text["title"].startswith("Alpa: Automating Inter- and Intra-Operator")
    assert text["venue"] == "OSDI"
    assert text["year"] == "2022"
    assert text["date"] == ""
    assert text["authors"] == "Lianmin Zheng, Zhuohan Li"
    assert text["links"] == "paper arxiv code"
    assert text["tags"] == "auto-parallelism compiler"
    assert text["categories"] == "Automatic parallelism"  # the title from the category tree
    assert text["kind"] == "paper"
    assert text["summary"] == "Plans inter- and intra-operator parallelism automatically."
    assert text["id"] == "alpa"
    assert text["added"] == "2024-06-10"


def test_date_column_of_a_post(site: Site) -> None:
    table = site.table("options.html", "t-sort-desc")
    (row,) = [r for r in rows(table) if "大模型" in r.get_text()]
    assert row.select_one("td.awesome-cell-year").get_text(strip=True) == "2023"  # from the date


def test_canonical_rows_have_ids_on_the_row_and_the_title_cell(site: Site) -> None:
    table = site.table("index.html", "table-all")
    for row in rows(table):
        if row.get("id") is None:
            continue
        entry_id = row["id"].removeprefix("paper-")
        title_cell = row.select_one("td.awesome-cell-title")
        assert title_cell.get("id") == f"paper-{entry_id}:title"
    assert [r.get("id") for r in rows(table)] == [
        "paper-alpa",
        "paper-pipedream",
        "paper-tofu",
        "paper-piper",
        None,
        "paper-llm-zhihu",
    ]


def test_title_id_is_on_the_title_cell_whatever_the_column_order(site: Site) -> None:
    row = site["sub/page.html"].find(id="paper-extra")
    assert row is not None
    assert row.select_one("td.awesome-cell-title").get("id") == "paper-extra:title"
    assert row.select_one("td.awesome-cell-id").get("id") is None


def test_ids_are_unique_on_every_page(site: Site) -> None:
    for page in ["index.html", "options.html", "refs.html", "sub/page.html", "appendix.html"]:
        ids = [tag["id"] for tag in site[page].find_all(id=True)]
        assert len(ids) == len(set(ids)), page


def test_non_canonical_rows_link_to_the_canonical_row(site: Site) -> None:
    for page, name in [
        ("options.html", "t-sort-desc"),
        ("options.html", "t-noindex"),
        ("index.html", "table-all"),
        ("sub/page.html", "t-abs"),
        ("filterbox.html", None),
    ]:
        table = site.table(page, name) if name else site[page].select_one("table.awesome-table")
        for row in rows(table):
            links = row.select("a.awesome-canonical")
            if row.get("id"):
                assert links == []
                continue
            (link,) = links
            assert link.get_text() == "↗"
            target = site.target(page, link["href"])
            assert target is not None and target.name == "tr", (page, link["href"])
            assert target.select_one(".awesome-title").get_text() == (
                row.select_one(".awesome-title").get_text()
            )


def test_lang_attribute_on_titles(site: Site) -> None:
    title = site["index.html"].select_one("#paper-llm-zhihu .awesome-title")
    assert title["lang"] == "zh"
    assert title.get_text() == "大模型训练并行：概览"
    other = site["index.html"].select_one("#paper-alpa .awesome-title")
    assert other.get("lang") is None


def test_normalised_venues_are_shown(site: Site) -> None:
    table = site.table("index.html", "table-all")
    venues = [r.select_one("td.awesome-cell-venue").get_text(strip=True) for r in rows(table)]
    assert venues == ["OSDI", "SOSP", "EuroSys", "NeurIPS", "ATC", ""]


def test_links_are_chips_with_their_label(site: Site) -> None:
    row = site["index.html"].find(id="paper-alpa")
    chips = row.select("td.awesome-cell-links a")
    assert [(a["class"][:2], a["href"], a.get_text()) for a in chips] == [
        (
            ["awesome-chip", "awesome-link-paper"],
            "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin",
            "paper",
        ),
        (["awesome-chip", "awesome-link-arxiv"], "https://arxiv.org/abs/2201.12023", "arxiv"),
        (["awesome-chip", "awesome-link-code"], "https://github.com/alpa-projects/alpa", "code"),
    ]
    doi = site["index.html"].select_one("#paper-pipedream a.awesome-link-doi")
    assert doi["href"] == "https://doi.org/10.1145/3341301.3359646"


# -- badges and the browsing indices ------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "cls"),
    [
        ("index.html", "awesome-venue"),
        ("index.html", "awesome-year"),
        ("options.html", "awesome-tag"),
    ],
)
def test_badges_link_to_their_group_on_the_index_page(site: Site, page: str, cls: str) -> None:
    badges = site[page].select(f"a.{cls}")
    assert badges
    index_page = {"awesome-venue": "venue", "awesome-year": "year", "awesome-tag": "tag"}[cls]
    for badge in badges:
        url, fragment = urldefrag(badge["href"])
        assert url == f"awesome-{index_page}index.html"
        assert fragment == "cap-" + badge.get_text()
        group = site.target(page, badge["href"])
        assert group is not None, badge["href"]
        assert group_heading(group) == badge.get_text()
        # ... which lists the badge's own entry (by its canonical row)
        anchor = row_anchor(badge.find_parent("tr"))
        assert any(link.endswith("#" + anchor) for link in group_links(group)), anchor


def test_index_groups_list_every_entry_with_the_key(site: Site) -> None:
    group = site["awesome-tagindex.html"].find(id="cap-auto-parallelism")
    assert sorted(group_links(group)) == [
        "index.html#paper-alpa",
        "index.html#paper-piper",
        "index.html#paper-tofu",
    ]
    years = [g["id"] for g in site["awesome-yearindex.html"].find_all(id=re.compile("^cap-"))]
    assert years == ["cap-2023", "cap-2022", "cap-2021", "cap-2020", "cap-2019"]
    venues = [g["id"] for g in site["awesome-venueindex.html"].find_all(id=re.compile("^cap-"))]
    assert venues == ["cap-ATC", "cap-EuroSys", "cap-NeurIPS", "cap-OSDI", "cap-SOSP"]
    whale = site["awesome-venueindex.html"].find(id="cap-ATC")
    assert group_links(whale) == ["appendix.html#paper-whale"]


def test_index_pages_link_to_canonical_rows(site: Site) -> None:
    for page in ["awesome-tagindex.html", "awesome-venueindex.html", "awesome-yearindex.html"]:
        links = [
            href
            for group in site[page].find_all(id=re.compile("^cap-"))
            for href in group_links(group)
        ]
        assert links
        for link in links:
            target = site.target(page, link)
            assert target is not None and target.name == "tr", (page, link)


def test_kind_and_categories_are_plain_text(site: Site) -> None:
    row = rows(site.table("options.html", "t-columns-all"))[0]
    assert row.select_one("td.awesome-cell-kind a") is None
    assert row.select_one("td.awesome-cell-categories a") is None


# -- group rows, empty tables, filter box ------------------------------------------------------


def test_group_rows_span_the_table(site: Site) -> None:
    table = site.table("options.html", "t-group-year")
    groups = table.select("tbody > tr.awesome-group")
    assert [g.get_text(strip=True) for g in groups] == ["2022", "2019", "2021", "2023"]
    for group in groups:
        (cell,) = group.find_all("td")
        assert cell.get("colspan") == "4"
        assert "awesome-row" not in group["class"]


def test_empty_state(site: Site) -> None:
    custom = site["options.html"].find(id="t-empty-custom")
    assert custom.name == "div" and "awesome-empty" in custom["class"]
    assert custom.get_text(strip=True) == "Nothing from 1900."
    assert custom.find("table") is None
    default = site["options.html"].find(id="t-empty-default")
    assert "awesome-empty" in default["class"]
    assert default.get_text(strip=True) == "No entries yet."


def test_filter_box(site: Site) -> None:
    page = site["filterbox.html"]
    (wrapper,) = page.select("div.awesome-paper-table.awesome-filter-box")
    (data,) = wrapper.select("script.awesome-table-data")
    assert data["type"] == "application/json"
    table = json.loads(data.string)
    assert table["version"] == 1 and table["facets"] == ["venue", "year", "tag"]
    assert table["fields"]["venue"] == "venue" and table["fields"]["author"] == "contains"
    rows_data = [dict(zip(table["keys"], row, strict=True)) for row in table["rows"]]
    html_rows = rows(wrapper.select_one("table.awesome-table"))
    assert len(rows_data) == len(html_rows) == 7
    assert [r["data-awesome-row"] for r in html_rows] == [str(i) for i in range(7)]
    for row, title in zip(rows_data, titles(wrapper.select_one("table")), strict=True):
        assert row["title"] == title
    assert "Lianmin Zheng" in rows_data[0]["author"]
    assert rows_data[0]["venue"] == ["OSDI", "USENIX OSDI"]  # the venue, then as written
    assert table["venues"]["osdi"] == "OSDI"


def test_no_filter_box_without_the_option(site: Site) -> None:
    for page in ["index.html", "options.html", "refs.html", "sub/page.html"]:
        assert site[page].select("div.awesome-filter, script.awesome-filter-data") == []


def test_stylesheet_on_every_page_and_script_only_with_a_filter_box(site: Site) -> None:
    pages = sorted(p.relative_to(site.outdir).as_posix() for p in site.outdir.rglob("*.html"))
    assert "filterbox.html" in pages and "genindex.html" in pages
    for page in pages:
        css = [link["href"] for link in site[page].select("link[rel=stylesheet]")]
        assert any("_static/awesome.css" in href for href in css), page
        scripts = [s.get("src", "") for s in site[page].select("script[src]")]
        has_js = any("_static/awesome-filter.js" in src for src in scripts)
        assert has_js == (page == "filterbox.html"), page
    assert (site.outdir / "_static" / "awesome.css").is_file()
    assert (site.outdir / "_static" / "awesome-filter.js").is_file()


# -- hostile text ---------------------------------------------------------------------------------

HOSTILE_TITLES = {
    "script": "<script>alert('title')</script> & <b>Co</b>",
    "stars": "*not emphasis* and **not strong** and * lone",
    "unders": "_under_ and __dunder__ and trailing_ link_",
    "ticks": "``literal`` and `interpreted` and `link <https://evil.example>`_",
    "pipes": "|substitution| and a | b || c",
    "roles": ":ref:`paper-script` and :paper:`stars` and .. raw:: html",
    "jinja": "{{ 7*7 }} {% if true %}x{% endif %} $x$ \\(y\\)",
    "semicolon": "Part One; Part Two",
}


@pytest.mark.parametrize("entry_id", list(HOSTILE_TITLES))
def test_hostile_titles_are_shown_verbatim(hostile: Site, entry_id: str) -> None:
    row = hostile["index.html"].find(id=f"paper-{entry_id}")
    title = row.select_one(".awesome-title")
    assert title.get_text() == HOSTILE_TITLES[entry_id]
    assert [child.name for child in title.children] == [None]  # text only: no markup at all


def test_hostile_text_never_becomes_markup(hostile: Site) -> None:
    raw = hostile.raw("index.html")
    assert "<script>alert" not in raw
    assert "<b>Co</b>" not in raw and "<img src=x" not in raw
    row = hostile["index.html"].find(id="paper-script")
    assert row.select_one("td.awesome-cell-authors").get_text(strip=True) == (
        '<img src=x onerror=alert(1)>, O\'Brien & "Sons"'
    )
    assert row.select_one("td.awesome-cell-summary").get_text(strip=True) == (
        "<script>alert('summary')</script>"
    )
    assert row.select("img, b, i, script") == []
    (link,) = row.select("td.awesome-cell-links a")
    assert link["href"] == 'https://example.org/a?x=1&y=<2>"onmouseover="alert(3)'
    assert not link.has_attr("onmouseover")
    for page in [
        "genindex.html",
        "awesome-venueindex.html",
        "awesome-yearindex.html",
        "search.html",
    ]:
        text = hostile.raw(page)
        assert "<script>alert" not in text and "<i>Evil</i>" not in text, page


def test_hostile_filter_data_cannot_close_its_script(hostile: Site) -> None:
    raw = hostile.raw("index.html")
    start = raw.index('class="awesome-table-data">')
    end = raw.index("</script>", start)
    payload = raw[start + len('class="awesome-table-data">') : end]
    assert "<" not in payload and ">" not in payload  # so no "</script>" inside the data
    table = json.loads(payload)
    titles_data = [row[table["keys"].index("title")] for row in table["rows"]]
    assert titles_data[0] == HOSTILE_TITLES["script"]
    assert len(titles_data) == len(HOSTILE_TITLES) + 1


def test_hostile_role_text_is_escaped(hostile: Site) -> None:
    refs = hostile["index.html"].select("a span.awesome-paper")
    assert [r.get_text() for r in refs] == [
        HOSTILE_TITLES["script"],
        HOSTILE_TITLES["stars"],
        HOSTILE_TITLES["roles"],
    ]


def test_unsafe_links_are_never_links(hostile: Site) -> None:
    row = hostile["index.html"].find(id="paper-js-links")
    hrefs = [a["href"] for a in row.select("a")]
    assert hrefs == ["https://example.org/ok"]
    for page in hostile.outdir.rglob("*.html"):
        soup = hostile[page.relative_to(hostile.outdir).as_posix()]
        for a in soup.find_all("a", href=True):
            href = a["href"].strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:", "//evil")), href


def test_hostile_venue_badge_reaches_its_index_group(hostile: Site) -> None:
    badge = hostile["index.html"].select_one("#paper-script a.awesome-venue")
    assert badge.get_text() == "<i>Evil</i> Conf & Co"
    group = hostile.target("index.html", badge["href"])
    assert group is not None
    assert group_heading(group) == "<i>Evil</i> Conf & Co"
    assert group_links(group) == ["index.html#paper-script"]


def test_hostile_titles_in_the_search_index(hostile: Site) -> None:
    text = hostile.raw("searchindex.js")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    # Sphinx stores each object's display name escaped, split at its last dot.
    names = {
        html.unescape(f"{prefix}.{entry[4]}" if prefix else entry[4])
        for prefix, group in data["objects"].items()
        for entry in group
    }
    assert {HOSTILE_TITLES["script"], HOSTILE_TITLES["roles"]} <= names
    assert "<script>" not in text


def test_genindex_shows_titles_verbatim(hostile: Site) -> None:
    # Sphinx splits "single" index entries at ";", so the title carries U+037E, which looks
    # the same (and is the same character after NFC normalisation).
    (link,) = hostile["genindex.html"].select("a[href$='#paper-semicolon']")
    assert link.get_text() == "Part One\u037e Part Two"
    assert unicodedata.normalize("NFC", link.get_text()) == "Part One; Part Two"


def test_genindex_shows_hostile_titles_escaped(hostile: Site) -> None:
    (link,) = hostile["genindex.html"].select("a[href$='#paper-script']")
    assert link.get_text() == HOSTILE_TITLES["script"]

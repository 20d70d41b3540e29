"""The ``paper-table`` directive: every option, entry-file arguments, the read-time placeholder
and the configuration defaults it falls back on."""

from __future__ import annotations

import pytest
from bs4 import Tag
from docutils import nodes
from sites import Site, build

ALPA = "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning"
PIPEDREAM = "PipeDream: Generalized Pipeline Parallelism for DNN Training"
TOFU = "Supporting Very Large Models using Automatic Dataflow Graph Partitioning"
PIPER = "Piper: Multidimensional Planner for DNN Parallelization"
WHALE = "Whale: Efficient Giant Model Training over Heterogeneous GPUs"
ZHIHU = "大模型训练并行：概览"
MEGATRON = "Megatron-LM"
EXTRA = "Extra: An Entry Outside awesome_entries"


class Pages(Site):
    def titles(self, page: str, table_id: str) -> list[str]:
        table = self.find(page, table_id)
        return [s.get_text() for s in table.select("tbody > tr.awesome-row .awesome-title")]

    def body_rows(self, page: str, table_id: str) -> list[tuple[str, str]]:
        """``("group", heading)`` and ``("row", title)`` in table order."""
        out = []
        for row in self.find(page, table_id).select("tbody > tr"):
            if "awesome-group" in row["class"]:
                out.append(("group", row.get_text(strip=True)))
            else:
                out.append(("row", row.select_one(".awesome-title").get_text()))
        return out

    def wrapper(self, page: str, table_id: str) -> Tag:
        return self.find(page, table_id).find_parent("div", class_="awesome-paper-table")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    app = build("basic", tmp_path_factory.mktemp("basic"))
    assert app.warning.getvalue() == ""
    return Pages(app)


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """The same project with other defaults for columns and style."""
    app = build(
        "basic",
        tmp_path_factory.mktemp("configured"),
        confoverrides={
            "awesome_table_style": "compact",
            "awesome_default_columns": ["title", "tags"],
        },
    )
    assert app.warning.getvalue() == ""
    return Pages(app)


# -- which entries -----------------------------------------------------------------------------


def test_without_an_argument_the_table_reads_awesome_entries(pages: Pages) -> None:
    assert pages.titles("index.html", "table-all") == [ALPA, PIPEDREAM, TOFU, PIPER, WHALE, ZHIHU]
    assert pages.titles("options.html", "t-group-kind")[-1] == MEGATRON
    assert EXTRA not in pages.titles("options.html", "t-group-kind")


def test_argument_relative_to_the_document(pages: Pages) -> None:
    table = pages["sub/page.html"].select("table.awesome-table")[0]
    assert [s.get_text() for s in table.select(".awesome-title")] == [EXTRA]


def test_argument_relative_to_the_source_directory(pages: Pages) -> None:
    assert pages.titles("sub/page.html", "t-abs") == [ALPA]


def test_argument_with_parent_directory(pages: Pages) -> None:
    assert pages.titles("sub/page.html", "t-rel-up") == [TOFU]


def test_several_arguments_and_globs(pages: Pages) -> None:
    assert pages.titles("sub/page.html", "t-multi") == [ALPA, EXTRA]
    assert pages.titles("sub/page.html", "t-glob") == [MEGATRON]


# -- :filter: ------------------------------------------------------------------------------------


def test_filter_fields_or_and_negation(pages: Pages) -> None:
    # venue:OSDI,SOSP year:>=2019 -tag:compiler  (Alpa is OSDI 2022 but tagged compiler)
    assert pages.titles("options.html", "t-filter") == [PIPEDREAM]


def test_filter_category(pages: Pages) -> None:
    assert pages.titles("options.html", "t-filter-category") == [ALPA, TOFU, PIPER]


def test_filter_category_matches_sub_categories(pages: Pages) -> None:
    assert pages.titles("options.html", "t-filter-parent") == [ALPA, PIPEDREAM, TOFU, PIPER, WHALE]


# -- :sort: and :limit: ---------------------------------------------------------------------------


def test_sort_descending_then_ascending(pages: Pages) -> None:
    # -year, title
    assert pages.titles("options.html", "t-sort-desc") == [
        ZHIHU,
        ALPA,
        WHALE,
        PIPER,
        PIPEDREAM,
        TOFU,
    ]


def test_sort_ascending_then_descending(pages: Pages) -> None:
    # year, -title
    assert pages.titles("options.html", "t-sort-asc") == [
        TOFU,
        PIPEDREAM,
        PIPER,
        WHALE,
        ALPA,
        ZHIHU,
    ]


def test_limit_applies_after_sorting(pages: Pages) -> None:
    assert pages.titles("options.html", "t-limit") == [ALPA, MEGATRON]


# -- :columns: -----------------------------------------------------------------------------------


def test_columns(pages: Pages) -> None:
    table = pages.find("options.html", "t-columns-id-first")
    assert [th["class"][-1] for th in table.select("thead th")] == [
        "awesome-col-id",
        "awesome-col-title",
    ]
    assert [td["class"][0] for td in table.select("tbody td")] == [
        "awesome-cell-id",
        "awesome-cell-title",
    ]


def test_default_columns(pages: Pages) -> None:
    table = pages.find("index.html", "table-all")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Title",
        "Venue",
        "Year",
        "Links",
    ]


def test_awesome_default_columns(configured: Pages) -> None:
    table = configured.find("index.html", "table-all")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Title", "Tags"]
    table = configured.find("options.html", "t-columns-id-first")  # explicit columns win
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Id", "Title"]


# -- :group-by: ----------------------------------------------------------------------------------


def test_group_by_year(pages: Pages) -> None:
    assert pages.body_rows("options.html", "t-group-year") == [
        ("group", "2022"),
        ("row", ALPA),
        ("row", WHALE),
        ("group", "2019"),
        ("row", PIPEDREAM),
        ("row", TOFU),
        ("group", "2021"),
        ("row", PIPER),
        ("group", "2023"),
        ("row", ZHIHU),
    ]


def test_group_by_venue_puts_entries_without_one_last(pages: Pages) -> None:
    assert pages.body_rows("options.html", "t-group-venue") == [
        ("group", "OSDI"),
        ("row", ALPA),
        ("group", "SOSP"),
        ("row", PIPEDREAM),
        ("group", "EuroSys"),
        ("row", TOFU),
        ("group", "NeurIPS"),
        ("row", PIPER),
        ("group", "ATC"),
        ("row", WHALE),
        ("group", "Other"),
        ("row", ZHIHU),
        ("row", MEGATRON),
    ]


def test_group_by_category_follows_the_tree(pages: Pages) -> None:
    # Tree order and titles from categories.yaml; Piper is in two categories.
    assert pages.body_rows("options.html", "t-group-category") == [
        ("group", "Distributed training"),
        ("row", WHALE),
        ("group", "Pipeline parallelism"),
        ("row", PIPEDREAM),
        ("row", PIPER),
        ("group", "Automatic parallelism"),
        ("row", ALPA),
        ("row", TOFU),
        ("row", PIPER),
        ("group", "Blog posts"),
        ("row", ZHIHU),
        ("group", "Other"),
        ("row", MEGATRON),
    ]


def test_group_by_kind_in_contract_order(pages: Pages) -> None:
    assert pages.body_rows("options.html", "t-group-kind") == [
        ("group", "paper"),
        ("row", ALPA),
        ("row", PIPEDREAM),
        ("row", TOFU),
        ("row", PIPER),
        ("row", WHALE),
        ("group", "post"),
        ("row", ZHIHU),
        ("group", "repo"),
        ("row", MEGATRON),
    ]


# -- :caption:, :name:, :style:, :class:, :empty: ------------------------------------------------


def test_caption_and_name(pages: Pages) -> None:
    table = pages.find("options.html", "t-caption")
    assert table.name == "table"
    caption = table.find("caption")
    assert caption.select_one(".caption-text").get_text() == "Pipeline systems"
    assert caption.select_one(".caption-text em").get_text() == "systems"  # inline markup
    assert caption.select_one(".caption-number").get_text(strip=True) == "Table 1"


def test_a_table_without_caption_or_name_has_no_caption(pages: Pages) -> None:
    table = pages["sub/page.html"].select("table.awesome-table")[0]
    assert table.find("caption") is None
    assert table.get("id") is None


@pytest.mark.parametrize(
    ("table_id", "style"),
    [("t-style-default", "default"), ("t-style-compact", "compact"), ("t-style-cards", "cards")],
)
def test_style(pages: Pages, table_id: str, style: str) -> None:
    classes = pages.wrapper("options.html", table_id)["class"]
    assert f"awesome-style-{style}" in classes
    assert [c for c in classes if c.startswith("awesome-style-")] == [f"awesome-style-{style}"]


def test_awesome_table_style_is_the_default_style(configured: Pages) -> None:
    assert "awesome-style-compact" in configured.wrapper("options.html", "t-style-default")["class"]
    assert "awesome-style-cards" in configured.wrapper("options.html", "t-style-cards")["class"]


def test_class(pages: Pages) -> None:
    classes = pages.wrapper("options.html", "t-style-cards")["class"]
    assert {"my-extra", "another-class"} <= set(classes)
    assert "my-extra" not in pages.wrapper("options.html", "t-style-compact")["class"]


def test_empty(pages: Pages) -> None:
    assert pages.find("options.html", "t-empty-custom").get_text(strip=True) == "Nothing from 1900."
    assert pages.find("options.html", "t-empty-default").get_text(strip=True) == "No entries yet."


# -- :no-index: and :filter-box: ------------------------------------------------------------------


def test_no_index(pages: Pages) -> None:
    noindex = pages.find("options.html", "t-noindex")
    assert [r.get("id") for r in noindex.select("tbody > tr")] == [None]
    indexed = pages.find("options.html", "t-repo")
    assert [r.get("id") for r in indexed.select("tbody > tr")] == ["paper-megatron"]


def test_filter_box_only_where_asked(pages: Pages) -> None:
    assert len(pages["filterbox.html"].select("div.awesome-filter-box")) == 1
    assert pages["options.html"].select("div.awesome-filter-box") == []


# -- read time ------------------------------------------------------------------------------------


def test_read_time_leaves_an_empty_placeholder(pages: Pages) -> None:
    doctree = pages.app.env.get_doctree("options")
    placeholders = [t for t in doctree.findall(nodes.table) if "awesome_table" in t]
    assert len(placeholders) == 20
    for table in placeholders:
        assert not list(table.findall(nodes.row))  # rows are only made at write time
        assert "awesome-table" in table["classes"]
    named = {t["ids"][0]: t for t in placeholders if t["ids"]}
    assert "t-caption" in named
    assert isinstance(named["t-caption"][0], nodes.title)


def test_tables_are_registered_in_the_domain(pages: Pages) -> None:
    domain = pages.app.env.domains["awesome"]
    tables = domain.data["tables"]
    assert sorted(tables) == ["appendix", "filterbox", "index", "options", "sub/page"]
    assert [spec.line for spec in tables["index"]] == [12]
    specs = tables["options"]
    assert [s.no_index for s in specs[:2]] == [True, False]
    assert specs[0].patterns is None
    assert tables["sub/page"][0].patterns == ("sub/extra.yaml",)
    assert tables["sub/page"][1].patterns == ("entries/alpa.yaml",)
    assert tables["sub/page"][2].patterns == ("entries/systems.yaml",)

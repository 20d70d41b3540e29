"""Cross-references: the ``:paper:`` role, ``paper-<id>`` labels, ``:numref:``, canonical rows,
search-index objects, genindex, ``objects.inv`` and the browsing pages."""

from __future__ import annotations

import html
import json
import posixpath

import pytest
from bs4 import Tag
from sites import CANONICAL, Site, build
from sphinx.util.inventory import InventoryFile

TITLES = {
    "alpa": "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning",
    "pipedream": "PipeDream: Generalized Pipeline Parallelism for DNN Training",
    "tofu": "Supporting Very Large Models using Automatic Dataflow Graph Partitioning",
    "piper": "Piper: Multidimensional Planner for DNN Parallelization",
    "whale": "Whale: Efficient Giant Model Training over Heterogeneous GPUs",
    "llm-zhihu": "大模型训练并行：概览",
    "megatron": "Megatron-LM",
    "extra": "Extra: An Entry Outside awesome_entries",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    app = build("basic", tmp_path_factory.mktemp("basic"))
    assert app.warning.getvalue() == ""
    return Site(app)


def paragraph(site: Site, page: str, starts: str) -> Tag:
    for p in site[page].select("div.body p"):
        if p.get_text().startswith(starts):
            return p
    raise AssertionError(f"no paragraph starting with {starts!r} on {page}")


# -- the :paper: role -----------------------------------------------------------------------------


def test_paper_role_shows_the_short_title_linked_to_the_canonical_row(site: Site) -> None:
    (link,) = paragraph(site, "refs.html", "Short title:").find_all("a")
    assert link.get_text() == "Alpa"
    assert link["href"] == "index.html#paper-alpa"
    assert link.get("title") == TITLES["alpa"]
    assert "awesome-paper" in link.span["class"]
    target = site.target("refs.html", link["href"])
    assert target is not None and target.name == "tr"


def test_paper_role_with_explicit_text(site: Site) -> None:
    (link,) = paragraph(site, "refs.html", "Explicit text:").find_all("a")
    assert link.get_text() == "the Alpa paper"
    assert link["href"] == "index.html#paper-alpa"


def test_domain_role_name(site: Site) -> None:
    (link,) = paragraph(site, "refs.html", "Domain role:").find_all("a")
    assert (link.get_text(), link["href"]) == ("PipeDream", "index.html#paper-pipedream")


def test_title_without_a_colon_is_shown_whole(site: Site) -> None:
    (link,) = paragraph(site, "refs.html", "Title without a colon:").find_all("a")
    assert link.get_text() == TITLES["tofu"]


def test_any_role_finds_papers(site: Site) -> None:
    (link,) = paragraph(site, "refs.html", "Any role:").find_all("a")
    assert (link.get_text(), link["href"]) == ("PipeDream", "index.html#paper-pipedream")


def test_paper_role_follows_the_canonical_row(site: Site) -> None:
    (link,) = paragraph(site, "refs.html", "Repo:").find_all("a")
    assert (link.get_text(), link["href"]) == ("Megatron-LM", "options.html#paper-megatron")


# -- labels and :numref: --------------------------------------------------------------------------


def test_standard_labels(site: Site) -> None:
    implicit, explicit = paragraph(site, "refs.html", "Standard label:").find_all("a")
    assert (implicit.get_text(), implicit["href"]) == (TITLES["whale"], "appendix.html#paper-whale")
    assert (explicit.get_text(), explicit["href"]) == ("Whale again", "appendix.html#paper-whale")


def test_labels_are_registered_for_canonical_rows_only(site: Site) -> None:
    std = site.app.env.domains["std"]
    labels = {name: value for name, value in std.labels.items() if name.startswith("paper-")}
    assert labels == {
        f"paper-{entry_id}": (doc, f"paper-{entry_id}", TITLES[entry_id])
        for entry_id, doc in CANONICAL.items()
    }
    assert "paper-hidden" not in std.anonlabels  # shown only in a :no-index: table


def test_numref(site: Site) -> None:
    first, second = paragraph(site, "refs.html", "Numbered:").find_all("a")
    assert (first.get_text(), first["href"]) == ("Table 1", "options.html#t-caption")
    assert (second.get_text(), second["href"]) == ("Table 2", "index.html#table-all")
    assert site.target("refs.html", first["href"]).name == "table"


def test_refs_to_the_browsing_pages(site: Site) -> None:
    links = paragraph(site, "refs.html", "Browse:").find_all("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Entries by venue", "awesome-venueindex.html"),
        ("Entries by tag", "awesome-tagindex.html"),
        ("Entries by year", "awesome-yearindex.html"),
    ]
    for link in links:
        assert site.target("refs.html", link["href"]) is not None


# -- canonical rows -------------------------------------------------------------------------------


def test_canonical_rows(site: Site) -> None:
    rows = {}
    for page in site.outdir.rglob("*.html"):
        name = page.relative_to(site.outdir).as_posix()
        for row in site[name].select("tr.awesome-row[id]"):
            assert row["id"] not in rows, f"{row['id']} on {rows.get(row['id'])} and {name}"
            rows[row["id"]] = name
    assert rows == {f"paper-{i}": f"{doc}.html" for i, doc in CANONICAL.items()}


def test_canonical_place_by_document_name_not_toctree_order(site: Site) -> None:
    state = site.app.env.domains["awesome"].data["state"]
    assert {i: place[0] for i, place in state.canonical.items()} == CANONICAL
    row = site["index.html"].find(class_="awesome-title", string=TITLES["whale"]).find_parent("tr")
    assert row.get("id") is None
    assert row.select_one("a.awesome-canonical")["href"] == "appendix.html#paper-whale"


def test_no_index_tables_are_skipped_for_the_canonical_place(site: Site) -> None:
    tables = site.app.env.domains["awesome"].data["tables"]["options"]
    state = site.app.env.domains["awesome"].data["state"]
    assert state.canonical["megatron"] == ("options", tables[1].key)
    assert tables[0].no_index


# -- search index, genindex, objects.inv ----------------------------------------------------------


def test_search_index_objects(site: Site) -> None:
    text = site.raw("searchindex.js")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docnames = data["docnames"]
    # One object type per kind (search results say "post", "repo", ...).
    types = {int(k) for k, v in data["objtypes"].items() if v.startswith("awesome:")}
    assert {data["objnames"][str(t)][1] for t in types} >= {"paper", "post"}
    found = {}
    for prefix, objects in data["objects"].items():
        for doc, typ, _prio, anchor, name in objects:
            if typ in types:
                title = html.unescape(f"{prefix}.{name}" if prefix else name)
                found[title] = (docnames[doc], anchor)
    assert found == {TITLES[i]: (doc, f"paper-{i}:title") for i, doc in CANONICAL.items()}
    # the anchors exist on their pages
    for doc, anchor in found.values():
        assert site[f"{doc}.html"].find(id=anchor) is not None


def test_search_index_words_include_table_text(site: Site) -> None:
    text = site.raw("searchindex.js")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    index_doc = data["docnames"].index("index")
    # "dataflow" is only in Tofu's title, which the table on index renders at write time
    hits = data["terms"]["dataflow"]
    assert index_doc in (hits if isinstance(hits, list) else [hits])


def test_genindex(site: Site) -> None:
    links = {
        a.get_text(): a["href"] for a in site["genindex.html"].select("div.body table.indextable a")
    }
    for entry_id, doc in CANONICAL.items():
        assert links[TITLES[entry_id]] == f"{doc}.html#paper-{entry_id}"
    assert not any("Hidden" in title for title in links)


def uri(item: object) -> str:
    return getattr(item, "uri", None) or item[2]  # type: ignore[index]


def display_name(item: object) -> str:
    return getattr(item, "display_name", None) or item[3]  # type: ignore[index]


def test_objects_inv(site: Site) -> None:
    with open(site.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.org/docs", posixpath.join)
    # Each entry under its kind's object type (awesome:paper, awesome:post, ...).
    by_id = site.app.env.domains["awesome"].store.by_id
    papers = {}
    for objtype in [t for t in inventory if t.startswith("awesome:")]:
        for entry_id, item in inventory[objtype].items():
            assert objtype == f"awesome:{by_id[entry_id].kind}"
            papers[entry_id] = item
    assert set(papers) == set(CANONICAL)
    assert {"awesome:paper", "awesome:post"} <= set(inventory)
    for entry_id, doc in CANONICAL.items():
        item = papers[entry_id]
        assert uri(item) == f"https://example.org/docs/{doc}.html#paper-{entry_id}:title"
        assert display_name(item) == TITLES[entry_id]
        label = inventory["std:label"][f"paper-{entry_id}"]
        assert uri(label) == f"https://example.org/docs/{doc}.html#paper-{entry_id}"
        assert display_name(label) == TITLES[entry_id]
    assert "paper-hidden" not in inventory["std:label"]
    for page in ("awesome-tagindex", "awesome-venueindex", "awesome-yearindex"):
        assert uri(inventory["std:label"][page]) == f"https://example.org/docs/{page}.html"


def test_domain_api(site: Site) -> None:
    domain = site.app.env.domains["awesome"]
    objects = sorted(domain.get_objects())
    assert [o[0] for o in objects] == sorted(CANONICAL)
    assert all(o[2] == domain.store.by_id[o[0]].kind and o[5] == 1 for o in objects)
    assert {o[2] for o in objects} >= {"paper", "post"}
    # every kind's object type answers to the one role, so :paper: (and intersphinx) finds all
    assert all(t.roles == ("paper",) for t in domain.object_types.values())


# -- browsing pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "key", "entries"),
    [
        ("awesome-tagindex.html", "pipeline-parallelism", {"pipedream", "piper"}),
        ("awesome-tagindex.html", "llm", {"megatron"}),
        ("awesome-venueindex.html", "EuroSys", {"tofu"}),
        ("awesome-venueindex.html", "NeurIPS", {"piper"}),
        ("awesome-yearindex.html", "2022", {"alpa", "whale"}),
        ("awesome-yearindex.html", "2020", {"extra"}),
    ],
)
def test_browsing_pages_group_every_entry(site: Site, page: str, key: str, entries: set) -> None:
    group = site[page].find(id=f"cap-{key}")
    assert group is not None
    if group.name == "tr":  # Sphinx's domain-index table: entries follow the heading row
        hrefs = []
        for row in group.find_next_siblings("tr"):
            if "cap" in (row.get("class") or []):
                break
            hrefs += [a["href"] for a in row.select("a[href*='#paper-']")]
    else:
        hrefs = [a["href"] for a in group.select("a[href*='#paper-']")]
    assert {href.rpartition("#paper-")[2] for href in hrefs} == entries
    for href in hrefs:
        entry_id = href.rpartition("#paper-")[2]
        assert href == f"{CANONICAL[entry_id]}.html#paper-{entry_id}"

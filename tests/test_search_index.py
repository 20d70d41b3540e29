"""What Sphinx's search index gets from the list: an object per entry typed by its kind; the
words of canonical rows, authors, venue and tags included even when hidden; CJK bigrams; and
the search page's tie-breaker that puts list pages first."""

from __future__ import annotations

import json

import pytest
from sites import Site, build

from sphinx_awesome.entries import load_text
from sphinx_awesome.searchwords import cjk_bigrams, row_words


def test_cjk_runs_give_their_bigrams() -> None:
    assert cjk_bigrams("吃果冻不吐果冻皮") == [
        "吃果",
        "果冻",
        "冻不",
        "不吐",
        "吐果",
        "果冻",
        "冻皮",
    ]
    # Latin text, and runs of one or two characters (already whole words), give none
    assert cjk_bigrams("Alpa 果冻 a 大 b") == []
    # kana and Hangul too; a run stops at anything else
    assert cjk_bigrams("ぱいぷ 한국어: 大模型") == ["ぱい", "いぷ", "한국", "국어", "大模", "模型"]


def test_row_words_of_a_canonical_row_include_hidden_fields() -> None:
    (entry,) = load_text(
        "title: 大模型训练\nauthors: [吃果冻不吐果冻皮, Ion Stoica]\nvenue: OSDI\n"
        "tags: [auto-parallelism]\naffiliation: NVIDIA\nsummary: Secret words.\n",
        "e.yaml",
        default_id="e",
    ).entries
    shown = row_words(entry, ("title", "year"), canonical=False)
    assert shown == "大模型训练 大模 模型 型训 训练"
    words = row_words(entry, ("title", "year"), canonical=True)
    for word in ("Stoica", "OSDI", "auto-parallelism", "NVIDIA", "果冻"):
        assert word in words.split()
    assert "Secret" not in words  # the summary only when the table shows it
    assert "Secret" in row_words(entry, ("title", "summary"), canonical=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(build("glance", tmp_path_factory.mktemp("glance")))


@pytest.fixture(scope="module")
def index(site: Site) -> dict:
    text = site.raw("searchindex.js")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def pages_with(index: dict, word: str) -> set[str]:
    found = index["terms"].get(word, [])
    docs = [found] if isinstance(found, int) else found
    return {index["docnames"][d] for d in docs}


@pytest.mark.parametrize(
    "word",
    ["lianmin", "stoica", "osdi", "compil", "果冻", "冻不", "吃果冻不吐果冻皮", "分布", "zhihao"],
)
def test_canonical_rows_page_is_found_by_authors_venue_tags_and_cjk_parts(index, word) -> None:
    # list.rst's tables show only title, venue, year or kind: the rest comes from the rows'
    # index-only text; "compil" is the stem of the tag "compiler"
    assert "list" in pages_with(index, word)


def test_no_index_tables_add_no_words(index) -> None:
    # "Recently added" (:no-index:) shows the "added" column; the canonical tables do not
    assert "2024" not in index["terms"]
    assert pages_with(index, "stoica") == {"list", "guide"}  # guide.rst says it in prose


def test_objects_carry_their_kind(index) -> None:
    names = {tuple(v[:2]): v[2] for v in index["objnames"].values()}
    kinds = {}
    for prefix, objects in index["objects"].items():
        for _doc, typ, _prio, _anchor, name in objects:
            kinds[f"{prefix}.{name}" if prefix else name] = index["objtypes"][str(typ)]
    assert kinds["Colfax Research"] == "awesome:site"
    assert kinds["大模型分布式训练并行技术"] == "awesome:post"
    assert kinds["PipeDream: Generalized Pipeline Parallelism for DNN Training"] == "awesome:paper"
    assert names["awesome", "post"] == "post"  # what the results show


def test_search_page_ranks_list_pages_first(site: Site) -> None:
    scripts = [s.get_text() for s in site["search.html"].find_all("script") if s.get_text()]
    (scorer,) = [s for s in scripts if "Scorer.score" in s]
    assert 'new Set(["list"])' in scorer
    assert "Scorer.score" not in site.raw("index.html")  # only the search page

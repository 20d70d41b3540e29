"""Choosing a table's rows (``sphinx_awesome.query``): the indexed selection agrees with the
plain filter, and grouping follows the documented order."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_awesome.config import Category
from sphinx_awesome.entries import Entry, load_text
from sphinx_awesome.filters import FilterError, compile_filter
from sphinx_awesome.query import TableSpec, Universe, group, select
from sphinx_awesome.sorting import parse_sort
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)

# -- the indexed selection ------------------------------------------------------------------------

VENUE_SPELLINGS = ["OSDI", "osdi", "Eurosys", "EuroSys '24", "NIPS", "NeurIPS", "My Workshop", "SC"]
TAGS = ["gpu", "GPU", "llm", "auto-parallel", "a.b"]
CATEGORIES = ["a", "a/b", "a/b/c", "b", "A/B", "systems/gpu-kernels"]
KINDS = ["paper", "post", "repo", "Post"]

entry_data = st.fixed_dictionaries(
    {"title": st.sampled_from(["Alpa: x", "GPipe", "Ray", "大模型", "Tofu: y"])},
    optional={
        "kind": st.sampled_from(KINDS),
        "venue": st.sampled_from(VENUE_SPELLINGS),
        "year": st.integers(2015, 2025),
        "tags": st.lists(st.sampled_from(TAGS), max_size=3),
        "categories": st.lists(st.sampled_from(CATEGORIES), max_size=3),
        "authors": st.lists(st.sampled_from(["Ada Lovelace", "Alan Turing"]), max_size=2),
        "lang": st.sampled_from(["zh", "en", "zh-Hans"]),
    },
)
values = {
    "id": st.sampled_from(["e0", "e1", "e2", "e5", "nope"]),
    "kind": st.sampled_from(KINDS),
    "venue": st.sampled_from([*VENUE_SPELLINGS, "sosp"]),
    "year": st.sampled_from(["2019", ">=2020", "<2018", "2016..2021", "..2017", "2022.."]),
    "tag": st.sampled_from([*TAGS, "none"]),
    "category": st.sampled_from([*CATEGORIES, "a/", "a/b/", "c"]),
    "author": st.sampled_from(["ada", "Turing", "x"]),
    "lang": st.sampled_from(["zh", "en", "fr"]),
}
term = (
    st.sampled_from(sorted(values))
    .flatmap(
        lambda name: st.tuples(
            st.booleans(), st.just(name), st.lists(values[name], min_size=1, max_size=3)
        )
    )
    .map(lambda t: f"{'-' if t[0] else ''}{t[1]}:{','.join(t[2])}")
)
filter_text = st.lists(
    term | st.sampled_from(["alpa", '"gpipe"', "ray"]), min_size=1, max_size=4
).map(" ".join)


def make_entries(data: list[dict]) -> list[Entry]:
    for i, item in enumerate(data):
        item["id"] = f"e{i}"
    result = load_text(yaml.safe_dump(data, allow_unicode=True), "e.yaml", venues=VENUES)
    return result.entries


@settings(max_examples=150, deadline=None)
@given(st.lists(entry_data, max_size=12), filter_text)
def test_indexed_selection_agrees_with_the_filter(data: list[dict], text: str) -> None:
    entries = make_entries(data)
    try:
        compiled = compile_filter(text, VENUES)
    except FilterError:
        return
    assert Universe(entries).select(compiled) == compiled.select(entries)


def entries_for_grouping() -> list[Entry]:
    return make_entries(
        [
            {"title": "A", "year": 2020, "venue": "OSDI", "kind": "repo", "categories": ["b"]},
            {"title": "B", "year": 2019, "kind": "post", "categories": ["a/x", "b"]},
            {"title": "C", "year": 2020, "venue": "NIPS", "categories": ["zzz"]},
            {"title": "D", "venue": "OSDI"},
        ]
    )


def test_select_filters_sorts_and_limits() -> None:
    entries = entries_for_grouping()
    spec = TableSpec(
        "doc", 0, 1, None, filter=compile_filter("year:>=2019"), sort=parse_sort("-title"), limit=2
    )
    assert [e.title for e in select(spec, Universe(entries))] == ["C", "B"]
    assert spec.key == "doc#0"
    same = TableSpec(
        "other",
        3,
        9,
        None,
        filter=compile_filter("year:>=2019"),
        sort=parse_sort("-title"),
        limit=2,
    )
    assert same.query_key() == spec.query_key()


def test_group_by_year_and_venue() -> None:
    entries = entries_for_grouping()
    years = group(entries, "year", {})
    assert [(g.title, [e.title for e in g.entries]) for g in years] == [
        ("2020", ["A", "C"]),
        ("2019", ["B"]),
        ("Other", ["D"]),
    ]
    venues = group(entries, "venue", {})
    assert [(g.title, [e.title for e in g.entries]) for g in venues] == [
        ("OSDI", ["A", "D"]),
        ("NeurIPS", ["C"]),
        ("Other", ["B"]),
    ]


def test_group_by_kind_follows_the_contract_order() -> None:
    kinds = group(entries_for_grouping(), "kind", {})
    assert [g.title for g in kinds] == ["paper", "post", "repo"]


def test_group_by_category_uses_the_tree() -> None:
    tree = {
        "a": Category("a", "Alpha"),
        "a/x": Category("a/x", "Alpha X"),
        "b": Category("b", "Beta"),
    }
    groups = group(entries_for_grouping(), "category", tree)
    assert [(g.title, [e.title for e in g.entries]) for g in groups] == [
        ("Alpha X", ["B"]),
        ("Beta", ["A", "B"]),
        ("zzz", ["C"]),
        ("Other", ["D"]),
    ]
    plain = group(entries_for_grouping(), "category", {})
    assert [g.title for g in plain] == ["b", "a/x", "zzz", "Other"]

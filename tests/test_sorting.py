"""Sort specifications: parsing, errors, every key, stability, missing values last."""

from __future__ import annotations

import pytest

from sphinx_awesome.entries import Entry
from sphinx_awesome.sorting import SORT_KEYS, SortError, parse_sort, sort_entries


def entry(id: str, **fields: object) -> Entry:
    fields.setdefault("title", id.capitalize())
    return Entry(id=id, **fields)  # type: ignore[arg-type]


def ids(entries: list[Entry]) -> list[str]:
    return [e.id for e in entries]


# -- parsing --------------------------------------------------------------------------------


def test_sort_keys() -> None:
    assert SORT_KEYS == (
        "title",
        "year",
        "date",
        "venue",
        "id",
        "kind",
        "added",
        "author",
        "affiliation",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("  , ,", ()),
        ("year", (("year", False),)),
        ("-year", (("year", True),)),
        ("+year", (("year", False),)),
        ("-year, title", (("year", True), ("title", False))),
        ("-year,title", (("year", True), ("title", False))),
        ("-year title", (("year", True), ("title", False))),
        (" -year ,\t+title ,, venue ", (("year", True), ("title", False), ("venue", False))),
        ("YEAR -Title", (("year", False), ("title", True))),
        (
            "title year date venue id kind added author affiliation",
            tuple((key, False) for key in SORT_KEYS),
        ),
    ],
)
def test_parse_sort(text: str, expected: tuple[tuple[str, bool], ...]) -> None:
    assert parse_sort(text) == expected


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("-", 1, "'-' must be followed by a sort key"),
        ("year, +", 7, "'+' must be followed by a sort key"),
        ("- year", 1, "'-' must be followed"),
        ("--year", 2, "unknown sort key '-year'"),
        ("+-year", 2, "unknown sort key '-year'"),
        ("years", 1, "did you mean 'year'?"),
        ("-year, titel", 8, "did you mean 'title'?"),
        ("authors", 1, "did you mean 'author'?"),
        ("qqq", 1, "unknown sort key 'qqq' (keys: title, year,"),
        ("year, -year", 8, "given twice"),
        ("title Title", 7, "given twice"),
    ],
)
def test_parse_sort_errors(text: str, column: int, words: str) -> None:
    with pytest.raises(SortError) as info:
        parse_sort(text)
    err = info.value
    assert words in err.message
    assert err.column == column
    assert str(err) == f"{err.message} (column {column})"
    assert isinstance(err, ValueError)


def test_unknown_key_without_a_close_match_has_no_suggestion() -> None:
    with pytest.raises(SortError) as info:
        parse_sort("zzzzzz")
    assert "did you mean" not in info.value.message


# -- sorting --------------------------------------------------------------------------------


def test_no_keys_keeps_the_input_order() -> None:
    entries = [entry("b", year=2020), entry("a", year=2010), entry("c")]
    assert ids(sort_entries(entries, ())) == ["b", "a", "c"]
    assert ids(sort_entries(entries, "")) == ["b", "a", "c"]
    assert sort_entries(iter(entries), ()) == entries


def test_sort_returns_a_new_list() -> None:
    entries = [entry("b"), entry("a")]
    result = sort_entries(entries, "id")
    assert ids(result) == ["a", "b"]
    assert ids(entries) == ["b", "a"]


def test_title_ignores_case_and_leading_punctuation() -> None:
    entries = [
        entry("1", title="beta"),
        entry("2", title="Alpha"),
        entry("3", title='"Gamma" rays'),
        entry("4", title="...and more"),
        entry("5", title="(Delta)"),
        entry("6", title="?!"),
    ]
    assert ids(sort_entries(entries, "title")) == ["6", "2", "4", "1", "5", "3"]
    assert ids(sort_entries(entries, "-title")) == ["3", "5", "1", "4", "2", "6"]


def test_year_ascending_and_descending_with_missing_last() -> None:
    entries = [
        entry("a", year=2020),
        entry("none1"),
        entry("b", year=2018),
        entry("none2"),
        entry("c", year=2022),
    ]
    assert ids(sort_entries(entries, "year")) == ["b", "a", "c", "none1", "none2"]
    assert ids(sort_entries(entries, "-year")) == ["c", "a", "b", "none1", "none2"]


def test_multi_key_sort_is_stable() -> None:
    entries = [
        entry("p", title="Zeta", year=2020),
        entry("q", title="alpha", year=2020),
        entry("r", title="Mid", year=2021),
        entry("s", title="Alpha", year=2020),
        entry("t", title="Beta"),
    ]
    assert ids(sort_entries(entries, "-year, title")) == ["r", "q", "s", "p", "t"]
    assert ids(sort_entries(entries, (("year", False), ("title", True)))) == [
        "p",
        "q",
        "s",
        "r",
        "t",
    ]


def test_missing_values_last_for_secondary_keys() -> None:
    entries = [
        entry("a", year=2020),
        entry("b", year=2020, venue="OSDI"),
        entry("c", year=2019),
        entry("d", year=2020, venue="ATC"),
    ]
    assert ids(sort_entries(entries, "year venue")) == ["c", "d", "b", "a"]
    assert ids(sort_entries(entries, "year -venue")) == ["c", "b", "d", "a"]


def test_venue_ignores_case() -> None:
    entries = [
        entry("a", venue="sosp"),
        entry("b", venue="ATC"),
        entry("c"),
        entry("d", venue="NeurIPS"),
    ]
    assert ids(sort_entries(entries, "venue")) == ["b", "d", "a", "c"]
    assert ids(sort_entries(entries, "-venue")) == ["a", "d", "b", "c"]


def test_date_falls_back_to_year() -> None:
    entries = [
        entry("post-may", date="2023-05-02", year=2023),
        entry("paper", year=2023),
        entry("post-2022", date="2022-12", year=2022),
        entry("nothing"),
        entry("post-jan", date="2023-01", year=2023),
    ]
    assert ids(sort_entries(entries, "date")) == [
        "post-2022",
        "paper",
        "post-jan",
        "post-may",
        "nothing",
    ]
    assert ids(sort_entries(entries, "-date")) == [
        "post-may",
        "post-jan",
        "paper",
        "post-2022",
        "nothing",
    ]


def test_id_kind_and_added() -> None:
    entries = [
        entry("b", kind="repo", added="2024-01-02"),
        entry("a", kind="post"),
        entry("c", kind="paper", added="2023-12-31"),
    ]
    assert ids(sort_entries(entries, "id")) == ["a", "b", "c"]
    assert ids(sort_entries(entries, "-id")) == ["c", "b", "a"]
    assert ids(sort_entries(entries, "kind")) == ["c", "a", "b"]
    assert ids(sort_entries(entries, "added")) == ["c", "b", "a"]
    assert ids(sort_entries(entries, "-added")) == ["b", "c", "a"]


def test_author_is_the_first_author() -> None:
    entries = [
        entry("a", authors=("Zoe Z", "Adam A")),
        entry("b"),
        entry("c", authors=("bob b",)),
        entry("d", authors=("Carol C", "Aaron")),
    ]
    assert ids(sort_entries(entries, "author")) == ["c", "d", "a", "b"]
    assert ids(sort_entries(entries, "-author")) == ["a", "d", "c", "b"]


def test_string_spec_errors_propagate() -> None:
    with pytest.raises(SortError):
        sort_entries([entry("a")], "nope")

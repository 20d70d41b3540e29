"""Property tests: filters and sort specifications fail only with their documented errors."""

from __future__ import annotations

import pickle

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sphinx_awesome.entries import KINDS, Entry
from sphinx_awesome.filters import FIELDS, FilterError, compile_filter
from sphinx_awesome.sorting import SORT_KEYS, SortError, parse_sort, sort_entries
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)
SETTINGS = settings(max_examples=200, deadline=None)

# -- strategies -----------------------------------------------------------------------------

small_text = st.text(max_size=12)
optional_text = st.none() | small_text
word = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters='",'
    ),
    min_size=1,
    max_size=8,
)
year_value = st.one_of(
    st.integers(0, 9999).map(str),
    st.tuples(st.sampled_from([">", ">=", "<", "<=", "="]), st.integers(0, 9999)).map(
        lambda p: f"{p[0]}{p[1]}"
    ),
    st.tuples(st.integers(1990, 2030), st.integers(1990, 2030)).map(
        lambda p: f"{min(p)}..{max(p)}"
    ),
    st.integers(0, 9999).map(lambda y: f"..{y}"),
    st.integers(0, 9999).map(lambda y: f"{y}.."),
)
quoted = small_text.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
value = st.one_of(
    word, quoted, year_value, st.sampled_from(KINDS), st.sampled_from(["OSDI", "nips", "zh", "a/b"])
)
field_name = st.sampled_from(FIELDS) | st.sampled_from(["tags", "Venue", "YEAR", "foo", "x1"])
field_term = st.tuples(field_name, st.lists(value, min_size=1, max_size=3)).map(
    lambda p: f"{p[0]}:{','.join(p[1])}"
)
phrase = word | quoted
single_term = field_term | phrase

FRAGMENTS = [
    *FIELDS,
    "tags",
    ":",
    ",",
    "-",
    '"',
    "\\",
    "..",
    ">=",
    "<=",
    ">",
    "<",
    "=",
    " ",
    "\t",
    "2020",
    "19",
    "OSDI",
    "nips",
    "gpu",
    "zh-Hans",
    "a/b",
    "paper",
    "post",
    "x",
    "é",
    "\u3000",
]
grammarish = st.lists(st.sampled_from(FRAGMENTS) | small_text, max_size=14).map("".join)
filter_text = st.one_of(
    st.text(),
    grammarish,
    st.lists(st.tuples(st.booleans(), single_term), max_size=4).map(
        lambda terms: " ".join(("-" if neg else "") + term for neg, term in terms)
    ),
)

entries = st.builds(
    Entry,
    id=small_text,
    title=small_text,
    kind=st.sampled_from(KINDS) | small_text,
    authors=st.lists(small_text, max_size=3).map(tuple),
    venue=st.none() | st.sampled_from(["OSDI", "NeurIPS", "EuroSys"]) | small_text,
    venue_as_written=optional_text,
    year=st.none() | st.integers(-10, 12000),
    date=optional_text,
    tags=st.lists(small_text, max_size=3).map(tuple),
    categories=st.lists(small_text | st.sampled_from(["a", "a/b", "a/b/c", "b"]), max_size=3).map(
        tuple
    ),
    summary=small_text,
    lang=st.none() | st.sampled_from(["zh", "zh-Hans", "en", "en-GB"]) | small_text,
    added=optional_text,
)
entry_lists = st.lists(entries, max_size=8)


# -- filters --------------------------------------------------------------------------------


@SETTINGS
@given(text=filter_text, use_venues=st.booleans())
def test_compile_raises_only_filter_errors(text: str, use_venues: bool) -> None:
    try:
        flt = compile_filter(text, VENUES if use_venues else None)
    except FilterError as err:
        assert 1 <= err.column <= len(text) + 1
        assert err.message
        return
    assert flt.text == text
    assert flt.fields_used <= set(FIELDS)


@SETTINGS
@given(text=filter_text, items=entry_lists)
def test_compiled_filters_never_raise_on_entries(text: str, items: list[Entry]) -> None:
    try:
        flt = compile_filter(text, VENUES)
    except FilterError:
        return
    selected = flt.select(items)
    assert selected == [e for e in items if flt(e)]
    assert all(isinstance(flt(e), bool) for e in items)


@SETTINGS
@given(term=single_term, items=entry_lists)
def test_negation_selects_the_complement(term: str, items: list[Entry]) -> None:
    try:
        positive = compile_filter(term, VENUES)
        negative = compile_filter("-" + term, VENUES)
    except FilterError:
        assume(False)
        return
    assert len(positive.terms) == 1
    chosen = positive.select(items)
    rest = negative.select(items)
    assert len(chosen) + len(rest) == len(items)
    for entry in items:
        assert positive(entry) != negative(entry)


@SETTINGS
@given(text=filter_text, items=entry_lists)
def test_normalised_text_and_pickling_preserve_the_filter(text: str, items: list[Entry]) -> None:
    try:
        flt = compile_filter(text, VENUES)
    except FilterError:
        return
    for again in (compile_filter(flt.normalised, VENUES), pickle.loads(pickle.dumps(flt))):
        assert again == flt
        assert hash(again) == hash(flt)
        assert again.select(items) == flt.select(items)


# -- sorting --------------------------------------------------------------------------------

sort_text = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from([*SORT_KEYS, "-", "+", ",", " ", "Year", "titel", "authors"]) | small_text,
        max_size=8,
    ).map("".join),
)


@SETTINGS
@given(text=sort_text)
def test_parse_sort_raises_only_sort_errors(text: str) -> None:
    try:
        spec = parse_sort(text)
    except SortError as err:
        assert 1 <= err.column <= len(text) + 1
        assert err.message
        return
    keys = [key for key, _ in spec]
    assert set(keys) <= set(SORT_KEYS)
    assert len(keys) == len(set(keys))


specs = st.lists(
    st.tuples(st.sampled_from(SORT_KEYS), st.booleans()), max_size=4, unique_by=lambda p: p[0]
)


@SETTINGS
@given(items=entry_lists, spec=specs)
def test_sort_is_a_permutation_with_missing_values_last(
    items: list[Entry], spec: list[tuple[str, bool]]
) -> None:
    result = sort_entries(items, spec)
    assert sorted(map(id, result)) == sorted(map(id, items))
    if spec and spec[0][0] == "year":
        years = [e.year for e in result]
        known = [y for y in years if y is not None]
        assert years[: len(known)] == known  # every missing year after every known one
        assert known == sorted(known, reverse=spec[0][1])
    if not spec:
        assert result == items

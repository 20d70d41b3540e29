"""The filter language: every field, negation, OR, quotes, years, errors, pickling, equality."""

from __future__ import annotations

import pickle

import pytest

from sphinx_awesome.entries import Entry, load_text
from sphinx_awesome.filters import FIELDS, Filter, FilterError, compile_filter
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)

ENTRIES_YAML = """
- id: alpa
  title: "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning"
  authors: [Lianmin Zheng, Zhuohan Li, Hao Zhang]
  venue: OSDI
  year: 2022
  tags: [gpu, auto-parallel]
  categories: [distributed/auto-parallel]
  summary: Compiles pipeline parallel and intra-operator plans automatically.
- id: gpipe
  title: "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism"
  authors: [Yanping Huang]
  venue: NIPS
  year: 2019
  tags: [gpu, pipeline]
  categories: [distributed/pipeline]
- id: flexflow
  title: Beyond Data and Model Parallelism for Deep Neural Networks
  authors: [Zhihao Jia, Matei Zaharia, Alex Aiken]
  venue: MLSys
  year: 2019
  categories: [distributed/auto-parallel/search]
- id: tofu
  title: Supporting Very Large Models using Automatic Dataflow Graph Partitioning
  authors: [Minjie Wang]
  venue: Eurosys
  year: 2019
  categories: [distributed]
- id: blog-zh
  kind: post
  title: 大模型并行训练
  date: 2023-05
  lang: zh-Hans
  tags: [GPU-notes]
- id: ray
  kind: repo
  title: Ray
  lang: en
  summary: A framework for scaling AI and Python applications.
"""


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    result = load_text(ENTRIES_YAML, "entries.yaml", venues=VENUES)
    assert [e.id for e in result.entries] == ["alpa", "gpipe", "flexflow", "tofu", "blog-zh", "ray"]
    return result.entries


def ids(text: str, entries: list[Entry], venues: VenueList | None = VENUES) -> list[str]:
    return [entry.id for entry in compile_filter(text, venues).select(entries)]


def error(text: str, venues: VenueList | None = VENUES) -> FilterError:
    with pytest.raises(FilterError) as info:
        compile_filter(text, venues)
    return info.value


ALL = ["alpa", "gpipe", "flexflow", "tofu", "blog-zh", "ray"]


# -- basics ---------------------------------------------------------------------------------


def test_fields_are_the_contract_fields() -> None:
    assert FIELDS == (
        "id",
        "kind",
        "venue",
        "year",
        "tag",
        "category",
        "author",
        "lang",
        "affiliation",
    )


@pytest.mark.parametrize("text", ["", "   ", "\t\n "])
def test_empty_filter_matches_everything(entries: list[Entry], text: str) -> None:
    flt = compile_filter(text)
    assert flt.matches_all
    assert ids(text, entries) == ALL
    assert flt.fields_used == frozenset()


def test_select_keeps_order_and_returns_a_list(entries: list[Entry]) -> None:
    flt = compile_filter("year:2019")
    selected = flt.select(tuple(reversed(entries)))
    assert isinstance(selected, list)
    assert [e.id for e in selected] == ["tofu", "flexflow", "gpipe"]


def test_filter_is_callable(entries: list[Entry]) -> None:
    flt = compile_filter("id:alpa")
    assert flt(entries[0]) is True
    assert flt(entries[1]) is False


def test_text_and_fields_used() -> None:
    flt = compile_filter("  venue:OSDI -tag:gpu year:2020 parallel ", VENUES)
    assert flt.text == "  venue:OSDI -tag:gpu year:2020 parallel "
    assert flt.fields_used == {"venue", "tag", "year"}
    assert isinstance(flt, Filter)


# -- fields ---------------------------------------------------------------------------------


def test_id_is_exact(entries: list[Entry]) -> None:
    assert ids("id:alpa", entries) == ["alpa"]
    assert ids("id:alp", entries) == []
    assert ids("id:alpa,ray", entries) == ["alpa", "ray"]


def test_kind_ignores_case(entries: list[Entry]) -> None:
    assert ids("kind:post", entries) == ["blog-zh"]
    assert ids("kind:POST,Repo", entries) == ["blog-zh", "ray"]
    assert ids("kind:paper", entries) == ["alpa", "gpipe", "flexflow", "tofu"]


def test_venue_ignores_case(entries: list[Entry]) -> None:
    assert ids("venue:osdi", entries) == ["alpa"]
    assert ids("venue:OSDI,mlsys", entries) == ["alpa", "flexflow"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("venue:eurosys", ["tofu"]),
        ("venue:EUROSYS", ["tofu"]),
        ('venue:"EuroSys \'19"', ["tofu"]),
        ("venue:NIPS", ["gpipe"]),
        ("venue:NeurIPS", ["gpipe"]),
        ("venue:SysML", ["flexflow"]),
        ('venue:"Neural Information Processing Systems"', ["gpipe"]),
    ],
)
def test_venue_aliases_normalise_through_the_venue_list(
    entries: list[Entry], text: str, expected: list[str]
) -> None:
    assert ids(text, entries) == expected


def test_venue_without_a_venue_list_compares_names_and_spellings(entries: list[Entry]) -> None:
    assert ids("venue:neurips", entries, venues=None) == ["gpipe"]
    assert ids("venue:nips", entries, venues=None) == ["gpipe"]  # as written
    assert ids("venue:sysml", entries, venues=None) == []


def test_unknown_venue_just_matches_nothing(entries: list[Entry]) -> None:
    assert ids("venue:ZZZConf", entries) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("year:2019", ["gpipe", "flexflow", "tofu"]),
        ("year:=2022", ["alpa"]),
        ("year:>2019", ["alpa", "blog-zh"]),
        ("year:>=2022", ["alpa", "blog-zh"]),
        ("year:<2022", ["gpipe", "flexflow", "tofu"]),
        ("year:<=2022", ["alpa", "gpipe", "flexflow", "tofu"]),
        ("year:2020..2022", ["alpa"]),
        ("year:2019..2022", ["alpa", "gpipe", "flexflow", "tofu"]),
        ("year:2022..2022", ["alpa"]),
        ("year:..2019", ["gpipe", "flexflow", "tofu"]),
        ("year:2022..", ["alpa", "blog-zh"]),
        ("year:..", ["alpa", "gpipe", "flexflow", "tofu", "blog-zh"]),
        ("year:2019,2023", ["gpipe", "flexflow", "tofu", "blog-zh"]),
        ("year:<2019,>=2023", ["blog-zh"]),
        ('year:">= 2022"', ["alpa", "blog-zh"]),
        ("year:2000", []),
    ],
)
def test_year_comparisons_and_ranges(entries: list[Entry], text: str, expected: list[str]) -> None:
    assert ids(text, entries) == expected


def test_year_from_date(entries: list[Entry]) -> None:
    assert ids("year:2023", entries) == ["blog-zh"]


def test_entries_without_a_year_match_only_negated_year_terms(entries: list[Entry]) -> None:
    for text in ("year:2019", "year:>=0", "year:<=9999", "year:..", "year:0.."):
        assert "ray" not in ids(text, entries)
        assert "ray" in ids("-" + text, entries)
    assert ids("-year:..", entries) == ["ray"]


def test_tag_is_exact_and_ignores_case(entries: list[Entry]) -> None:
    assert ids("tag:gpu", entries) == ["alpa", "gpipe"]
    assert ids("tag:GPU", entries) == ["alpa", "gpipe"]
    assert ids("tag:gp", entries) == []
    assert ids("tag:gpu-notes", entries) == ["blog-zh"]
    assert ids("tag:pipeline,auto-parallel", entries) == ["alpa", "gpipe"]


def test_category_matches_sub_categories(entries: list[Entry]) -> None:
    assert ids("category:distributed", entries) == ["alpa", "gpipe", "flexflow", "tofu"]
    assert ids("category:distributed/auto-parallel", entries) == ["alpa", "flexflow"]
    assert ids("category:distributed/auto-parallel/search", entries) == ["flexflow"]
    assert ids("category:distributed/auto-parallel/", entries) == ["alpa", "flexflow"]
    assert ids("category:Distributed/Pipeline", entries) == ["gpipe"]
    assert ids("category:distributed/auto", entries) == []  # not a path prefix
    assert ids("category:distrib", entries) == []
    assert ids("-category:distributed", entries) == ["blog-zh", "ray"]


def test_author_is_a_case_insensitive_substring(entries: list[Entry]) -> None:
    assert ids('author:"Lianmin Zheng"', entries) == ["alpa"]
    assert ids("author:zheng", entries) == ["alpa"]
    assert ids("author:zhang,zaharia", entries) == ["alpa", "flexflow"]
    assert ids("author:HAO", entries) == ["alpa", "flexflow"]  # Hao, Zhihao
    assert ids('author:"zheng zhuohan"', entries) == []  # not across authors


def test_lang_matches_primary_subtag_or_exact(entries: list[Entry]) -> None:
    assert ids("lang:zh", entries) == ["blog-zh"]
    assert ids("lang:zh-Hans", entries) == ["blog-zh"]
    assert ids("lang:ZH-hans", entries) == ["blog-zh"]
    assert ids("lang:zh-Hant", entries) == []
    assert ids("lang:z", entries) == []
    assert ids("lang:en,zh", entries) == ["blog-zh", "ray"]
    assert ids("-lang:zh", entries) == ["alpa", "gpipe", "flexflow", "tofu", "ray"]


# -- bare words and phrases ---------------------------------------------------------------


def test_bare_word_matches_title_authors_and_summary(entries: list[Entry]) -> None:
    assert ids("gpipe", entries) == ["gpipe"]  # title, any case
    assert ids("aiken", entries) == ["flexflow"]  # author
    assert ids("python", entries) == ["ray"]  # summary
    assert ids("并行", entries) == ["blog-zh"]
    assert ids("parallelism", entries) == ["alpa", "gpipe", "flexflow"]


def test_bare_words_are_anded(entries: list[Entry]) -> None:
    assert ids("pipeline parallelism", entries) == ["alpa", "gpipe"]
    assert ids("pipeline zaharia", entries) == []


def test_quoted_phrase(entries: list[Entry]) -> None:
    assert ids('"pipeline parallel"', entries) == ["alpa", "gpipe"]
    assert ids('"pipeline   parallelism"', entries) == ["gpipe"]
    assert ids('"parallelism pipeline"', entries) == []
    assert ids('"id:alpa"', entries) == []  # quoted: a phrase, not a field
    assert ids('"-"', entries) == ["alpa"]  # "Inter- and"


def test_quote_escapes() -> None:
    entry = Entry(id="q", title='The "Best" Paper \\o/')
    assert compile_filter(r'"\"best\""')(entry)
    assert compile_filter(r'"\\o/"')(entry)
    assert compile_filter(r'"a\b"').terms[0].values == ("a\\b",)  # other backslashes stay


def test_phrase_does_not_span_fields() -> None:
    entry = Entry(id="x", title="Alpa", authors=("Zheng",), summary="Fast")
    assert compile_filter("alpa")(entry)
    assert not compile_filter('"alpa zheng"')(entry)
    assert not compile_filter('"alpa\nzheng"')(entry)


def test_word_with_punctuation_is_a_phrase(entries: list[Entry]) -> None:
    assert ids("Intra-Operator", entries) == ["alpa"]
    assert ids("a,b", entries) == []
    assert ids("10:30", entries) == []  # not a field name


# -- negation and combination -------------------------------------------------------------


def test_negation(entries: list[Entry]) -> None:
    assert ids("-kind:post", entries) == ["alpa", "gpipe", "flexflow", "tofu", "ray"]
    assert ids("-venue:OSDI,NeurIPS", entries) == ["flexflow", "tofu", "blog-zh", "ray"]
    assert ids("-tag:gpu", entries) == ["flexflow", "tofu", "blog-zh", "ray"]
    assert ids("-pipeline", entries) == ["flexflow", "tofu", "blog-zh", "ray"]
    assert ids('-"pipeline parallel"', entries) == ["flexflow", "tofu", "blog-zh", "ray"]
    assert ids("-author:zheng", entries) == ["gpipe", "flexflow", "tofu", "blog-zh", "ray"]
    assert ids("-id:alpa", entries) == ["gpipe", "flexflow", "tofu", "blog-zh", "ray"]


def test_negated_venue_keeps_entries_without_a_venue(entries: list[Entry]) -> None:
    assert "ray" in ids("-venue:OSDI", entries)


def test_dash_inside_a_word_is_not_negation(entries: list[Entry]) -> None:
    assert ids("inter-", entries) == ["alpa"]
    assert ids("venue:-x", entries) == []


def test_contract_example(entries: list[Entry]) -> None:
    text = "category:distributed/auto-parallel tag:gpu venue:OSDI,SOSP year:>=2020 -kind:post"
    assert ids(text, entries) == ["alpa"]


def test_terms_are_anded(entries: list[Entry]) -> None:
    assert ids("year:2019 category:distributed/auto-parallel", entries) == ["flexflow"]
    assert ids("year:2019 -venue:eurosys -tag:gpu", entries) == ["flexflow"]
    assert ids("kind:post kind:repo", entries) == []


def test_field_names_ignore_case(entries: list[Entry]) -> None:
    assert ids("Venue:OSDI", entries) == ["alpa"]
    assert ids("YEAR:2022", entries) == ["alpa"]


def test_unicode_whitespace_separates_terms(entries: list[Entry]) -> None:
    assert ids("venue:OSDI\u3000tag:gpu\u00a0year:2022", entries) == ["alpa"]


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("venue:", 7, "needs a value"),
        ("tag:gpu venue: year:2020", 15, "needs a value"),
        ("venue:,a", 7, "needs a value"),
        ("venue:a,,b", 9, "empty value"),
        ("venue:a,", 9, "empty value"),
        ('venue:""', 7, "empty value"),
        ('author:"  "', 8, "empty value"),
        ('""', 1, "empty phrase"),
        ('"   "', 1, "empty phrase"),
        ("-", 1, "'-' must be followed"),
        ("tag:gpu - venue:OSDI", 9, "'-' must be followed"),
        ("--x", 2, "negated only once"),
        ('"pipeline parallel', 1, "unterminated quote"),
        ('author:"Lianmin', 8, "unterminated quote"),
        ('x "abc\\"', 3, "unterminated quote"),
        ('a"b', 2, "quote"),
        ('venue:O"SDI"', 8, "quote"),
        ('venue:"OSDI"x', 13, "after the closing quote"),
        ('"abc"def', 6, "separated by spaces"),
        ("year:>=abc", 6, "bad year"),
        ("year:>=", 6, "bad year"),
        ("year:abc", 6, "bad year"),
        ("year:20200", 6, "bad year"),
        ("year:2019...2020", 6, "bad year"),
        ("year:2019..2020..2021", 6, "bad year"),
        ("year:>=2019..2020", 6, "bad year"),
        ("year:=>2020", 6, "bad year"),
        ("year:-2020", 6, "bad year"),
        ("year:2\u0661", 6, "bad year"),  # non-ASCII digits
        ("year:2020,>x", 11, "bad year"),
        ("year:2022..2019", 6, "empty year range"),
        ("kind:papr", 6, "unknown kind"),
        ("kind:paper,blog", 12, "unknown kind"),
        ("category:/", 10, "empty category"),
        ("foo:bar", 1, "unknown filter field"),
        ("tag:gpu  -tags:x", 11, "unknown filter field"),
        ("http://example.org", 1, "unknown filter field"),
    ],
)
def test_errors_and_columns(text: str, column: int, words: str) -> None:
    err = error(text)
    assert words in err.message
    assert err.column == column
    assert str(err) == f"{err.message} (column {column})"
    assert isinstance(err, ValueError)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("tags:gpu", "tag"),
        ("venues:OSDI", "venue"),
        ("authors:x", "author"),
        ("categories:x", "category"),
        ("years:2020", "year"),
        ("lnag:zh", "lang"),
        ("kinds:post", "kind"),
    ],
)
def test_unknown_field_suggests_a_field(text: str, suggestion: str) -> None:
    err = error(text)
    assert f"did you mean {suggestion!r}?" in err.message
    assert err.column == 1


def test_unknown_field_without_a_close_match_lists_fields_and_quoting() -> None:
    err = error("re:invent")
    assert "did you mean" not in err.message
    assert '"re:…"' in err.message
    assert "id, kind, venue, year, tag, category, author, lang" in err.message


def test_unknown_field_is_reported_before_its_missing_value() -> None:
    err = error("tagz:")
    assert "unknown filter field 'tagz'" in err.message


def test_unknown_kind_suggests_a_kind() -> None:
    assert "did you mean 'post'?" in error("kind:posts").message


def test_first_error_from_the_left_is_reported() -> None:
    assert error("foo:x year:abc").column == 1
    assert error("year:abc foo:x").column == 6


def test_filter_error_pickles() -> None:
    err = error("venue:a,,b")
    again = pickle.loads(pickle.dumps(err))
    assert (again.message, again.column, str(again)) == (err.message, err.column, str(err))


# -- normal form, equality, pickling ------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("venue:OSDI tag:gpu", "tag:gpu   venue:osdi"),
        ("venue:NIPS", "venue:NeurIPS"),
        ("venue:OSDI,SOSP", "venue:sosp,osdi,OSDI"),
        ("year:2019..2022", "year:2019,2020..2021,2022"),
        ("year:>=2020", "year:2020.."),
        ("year:>2019", "year:>=2020"),
        ("year:<2020,2015..", "year:.."),
        ("year:=2020", "year:2020"),
        ("kind:POST", "kind:post"),
        ("tag:GPU tag:gpu", "tag:gpu"),
        ('"Pipeline  Parallel"', '"pipeline parallel"'),
        ("Alpa", "alpa"),
        ("lang:ZH", "lang:zh"),
        ("category:a/b/", "category:a/b"),
        ('author:"Lianmin Zheng"', 'author:"lianmin  zheng"'),
        ("", "  "),
    ],
)
def test_equal_filters(first: str, second: str) -> None:
    one, two = compile_filter(first, VENUES), compile_filter(second, VENUES)
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("venue:OSDI", "-venue:OSDI"),
        ("venue:OSDI", "venue:SOSP"),
        ("venue:OSDI,SOSP", "venue:OSDI venue:SOSP"),
        ("tag:gpu", "category:gpu"),
        ("id:Alpa", "id:alpa"),
        ("year:2019..2020", "year:2019,2021"),
        ("gpu", "tag:gpu"),
    ],
)
def test_different_filters(first: str, second: str) -> None:
    assert compile_filter(first, VENUES) != compile_filter(second, VENUES)


def test_filter_is_not_equal_to_other_things() -> None:
    assert compile_filter("tag:gpu") != "tag:gpu"


@pytest.mark.parametrize(
    "text",
    [
        "category:distributed/auto-parallel tag:gpu venue:OSDI,SOSP year:>=2020 -kind:post",
        'author:"Lianmin Zheng" -"pipeline parallel" -"-x" "a,b" "id:x" "say \\"hi\\""',
        "year:<0,>9999 year:..",
        "year:<0 -year:>9999 -year:2019..2020,2022",
        'venue:"ACM SOSP" lang:zh-Hans id:alpa',
        "",
    ],
)
def test_normalised_text_compiles_to_an_equal_filter(text: str) -> None:
    flt = compile_filter(text, VENUES)
    again = compile_filter(flt.normalised, VENUES)
    assert again == flt
    assert again.normalised == flt.normalised
    assert repr(flt) == f"Filter({flt.normalised!r})"


def test_normalised_form() -> None:
    flt = compile_filter("venue:NIPS,osdi -kind:post year:2019,2020,2022.. tag:GPU", VENUES)
    assert flt.normalised == "-kind:post year:2019..2020,2022.. tag:gpu venue:neurips,osdi"


def test_terms_are_checked_cheapest_first() -> None:
    flt = compile_filter("parallel author:x category:a venue:b lang:c tag:d year:1 kind:post id:e")
    assert [t.field_name for t in flt.terms] == [
        "id",
        "kind",
        "year",
        "tag",
        "lang",
        "venue",
        "category",
        "author",
        "",
    ]


def test_pickle_round_trip(entries: list[Entry]) -> None:
    text = 'category:distributed -tag:gpu year:2019..2022,<2000 "data" -author:zheng lang:en,zh'
    flt = compile_filter(text, VENUES)
    again = pickle.loads(pickle.dumps(flt))
    assert again == flt
    assert again.text == flt.text
    assert again.fields_used == flt.fields_used
    assert again.select(entries) == flt.select(entries)
    for term in again.terms:  # precomputed look-ups survive
        assert term == pickle.loads(pickle.dumps(term))
    venue = pickle.loads(pickle.dumps(compile_filter("venue:NIPS,OSDI", VENUES)))
    assert [e.id for e in venue.select(entries)] == ["alpa", "gpipe"]
    lang = pickle.loads(pickle.dumps(compile_filter("lang:zh", VENUES)))
    assert [e.id for e in lang.select(entries)] == ["blog-zh"]


def test_many_entries_select_quickly() -> None:
    many = [
        Entry(
            id=f"e{i}",
            title=f"Paper {i} on pipeline parallelism",
            authors=(f"Author {i}", "Common Author"),
            venue=("OSDI", "SOSP", "NeurIPS")[i % 3],
            year=2000 + i % 25,
            tags=("gpu",) if i % 2 else (),
            categories=("distributed/auto-parallel",),
            summary="A summary of the work.",
        )
        for i in range(10_000)
    ]
    flt = compile_filter("venue:OSDI,SOSP year:>=2020 tag:gpu -author:nobody pipeline", VENUES)
    selected = flt.select(many)
    assert selected
    assert all(e.venue in ("OSDI", "SOSP") and e.year >= 2020 and "gpu" in e.tags for e in selected)  # type: ignore[operator]

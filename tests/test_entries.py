"""The entry-file loader (``sphinx_awesome.entries``): every field of the contract, one- and
many-entry files, ids, normalisation, and hostile input (which must only ever give problems)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sphinx_awesome.entries import (
    FIELDS,
    ID_RE,
    KINDS,
    LINK_LABELS,
    Entry,
    category_matches,
    category_problems,
    duplicate_id_problems,
    link_url,
    load_file,
    load_text,
    slugify,
)
from sphinx_awesome.problems import Code, Problem
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)

FULL = """\
id: alpa
title: >-
  Alpa: Automating Inter- and   Intra-Operator
  Parallelism for Distributed Deep Learning
kind: paper
authors:
  - Lianmin   Zheng
  - Zhuohan Li
venue: Eurosys
year: 2022
date: 2022-07-11
links:
  paper: https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin
  pdf: http://example.org/alpa.pdf
  arxiv: 2201.12023
  doi: 10.5555/3571885.3571919
  code: https://github.com/alpa-projects/alpa
tags: [auto-parallelism, compiler]
categories: [distributed/auto-parallel, compilers]
summary: >
  Plans inter- and intra-operator
  parallelism   automatically.
lang: en
added: 2024-06-10
"""


def load(text: str, **kwargs) -> tuple[list[Entry], list[Problem]]:
    kwargs.setdefault("venues", VENUES)
    result = load_text(text, "f.yaml", **kwargs)
    return result.entries, result.problems


def one(text: str, **kwargs) -> tuple[Entry, list[Problem]]:
    entries, problems = load(text, **kwargs)
    assert len(entries) == 1, (entries, problems)
    return entries[0], problems


def codes(problems: list[Problem]) -> list[Code]:
    return [p.code for p in problems]


# -- every field -------------------------------------------------------------------------------


def test_every_field_is_read_and_normalised() -> None:
    entry, problems = one(FULL)
    assert problems == []
    assert entry.id == "alpa"
    assert entry.title == (
        "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning"
    )
    assert entry.short_title == "Alpa"
    assert entry.kind == "paper"
    assert entry.authors == ("Lianmin Zheng", "Zhuohan Li")
    assert entry.venue == "EuroSys"
    assert entry.venue_as_written == "Eurosys"
    assert entry.year == 2022
    assert entry.date == "2022-07-11"
    assert [(link.label, link.url) for link in entry.links] == [
        ("paper", "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin"),
        ("pdf", "http://example.org/alpa.pdf"),
        ("arxiv", "https://arxiv.org/abs/2201.12023"),
        ("doi", "https://doi.org/10.5555/3571885.3571919"),
        ("code", "https://github.com/alpa-projects/alpa"),
    ]
    assert [link.value for link in entry.links][2:4] == ["2201.12023", "10.5555/3571885.3571919"]
    assert entry.tags == ("auto-parallelism", "compiler")
    assert entry.categories == ("distributed/auto-parallel", "compilers")
    assert entry.summary == "Plans inter- and intra-operator parallelism automatically."
    assert entry.lang == "en"
    assert entry.added == "2024-06-10"
    assert entry.path == "f.yaml"
    assert entry.line == 1
    assert entry.line_of("venue") == 9
    assert entry.line_of("links") == 12
    assert entry.line_of("nonexistent") == 1


def test_as_dict_round_trips() -> None:
    entry, _ = one(FULL)
    data = entry.as_dict()
    assert data["venue"] == "EuroSys"
    assert data["links"]["arxiv"] == "2201.12023"
    assert "kind" not in data  # the default is left out
    import yaml

    again, problems = one(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert problems == []
    assert again.as_dict() == data
    assert (again.id, again.title, again.venue, again.year, again.links) == (
        entry.id,
        entry.title,
        entry.venue,
        entry.year,
        entry.links,
    )


def test_fields_constant_matches_contract() -> None:
    assert set(FIELDS) == {
        "id",
        "title",
        "kind",
        "authors",
        "affiliation",
        "venue",
        "year",
        "date",
        "links",
        "tags",
        "categories",
        "summary",
        "lang",
        "added",
    }
    assert KINDS == ("paper", "post", "repo", "site", "talk", "book", "course", "video")
    assert set(LINK_LABELS) == {
        "paper",
        "pdf",
        "arxiv",
        "doi",
        "code",
        "repo",
        "post",
        "site",
        "slides",
        "video",
        "docs",
        "project",
    }


def test_minimal_entry_defaults() -> None:
    entry, problems = one("title: Just a Title\n")
    assert problems == []
    assert entry.kind == "paper"
    assert entry.authors == entry.tags == entry.categories == entry.links == ()
    assert entry.venue is entry.year is entry.date is entry.lang is entry.added is None
    assert entry.summary == ""


# -- ids ---------------------------------------------------------------------------------------


def test_one_entry_file_takes_its_stem_as_id(tmp_path: Path) -> None:
    file = tmp_path / "alpa.yaml"
    file.write_text("title: 'Alpa: Something'\n", encoding="utf-8")
    result = load_file(file, venues=VENUES)
    assert [e.id for e in result.entries] == ["alpa"]
    assert result.entries[0].path == str(file)
    assert result.problems == []


def test_stem_that_is_not_a_slug_is_slugified(tmp_path: Path) -> None:
    file = tmp_path / "My Paper (2021).yaml"
    file.write_text("title: X\n", encoding="utf-8")
    assert [e.id for e in load_file(file).entries] == ["my-paper-2021"]


def test_explicit_id_beats_the_stem(tmp_path: Path) -> None:
    file = tmp_path / "stem.yaml"
    file.write_text("id: chosen\ntitle: X\n", encoding="utf-8")
    assert [e.id for e in load_file(file).entries] == ["chosen"]


def test_many_entry_file_ids_come_from_entries_not_the_stem(tmp_path: Path) -> None:
    file = tmp_path / "list.yaml"
    file.write_text(
        "- id: megatron-lm\n  title: 'Megatron-LM: Training'\n"
        "- title: 'GPipe: Efficient Training'\n"
        "- title: No Colon Here\n",
        encoding="utf-8",
    )
    result = load_file(file)
    assert [e.id for e in result.entries] == ["megatron-lm", "gpipe", "no-colon-here"]
    assert [e.line for e in result.entries] == [1, 3, 4]
    assert result.problems == []


def test_id_that_is_not_a_slug_is_replaced_with_a_warning() -> None:
    entry, problems = one("title: X\nid: Hello World\n")
    assert entry.id == "hello-world"
    assert codes(problems) == [Code.BAD_ID]
    assert problems[0].line == 2


def test_entry_without_any_usable_id_is_skipped() -> None:
    entries, problems = load("- title: ':::'\n- title: 'ok'\n")
    assert [e.id for e in entries] == ["ok"]
    assert codes(problems) == [Code.BAD_ID]
    assert problems[0].line == 1


@pytest.mark.parametrize("good", ["a", "0", "alpa", "a.b_c-d", "2022-osdi"])
def test_slug_ids_are_kept(good: str) -> None:
    entry, problems = one(f"id: '{good}'\ntitle: X\n")
    assert entry.id == good and problems == []


def test_slugify() -> None:
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  --Mixed_Case.v2--  ") == "mixed_case.v2"
    assert slugify("大模型") == ""


# -- kinds, authors, venues, years, dates --------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind(kind: str) -> None:
    entry, problems = one(f"title: X\nkind: {kind}\n")
    assert entry.kind == kind and problems == []


def test_kind_is_case_insensitive() -> None:
    entry, problems = one("title: X\nkind: Post\n")
    assert entry.kind == "post" and problems == []


def test_unknown_kind_warns_with_a_suggestion_and_shows_as_paper() -> None:
    entry, problems = one("title: X\nkind: poster\n")
    assert entry.kind == "paper"
    assert codes(problems) == [Code.BAD_VALUE]
    assert "did you mean 'post'" in problems[0].message
    assert problems[0].line == 2


def test_authors_whitespace_is_collapsed() -> None:
    entry, _ = one("title: X\nauthors: ['  Ada   Lovelace ', Alan Turing]\n")
    assert entry.authors == ("Ada Lovelace", "Alan Turing")


def test_a_single_author_string_is_read_as_a_list_with_a_warning() -> None:
    entry, problems = one("title: X\nauthors: Ada Lovelace\n")
    assert entry.authors == ("Ada Lovelace",)
    assert codes(problems) == [Code.WRONG_TYPE]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Eurosys", "EuroSys"),
        ("EUROSYS", "EuroSys"),
        ("EuroSys '24", "EuroSys"),
        ("NIPS", "NeurIPS"),
        ("NIPS'21", "NeurIPS"),
        ("NIPS 2021", "NeurIPS"),
        ("usenix atc", "ATC"),
        ("ACM SOSP", "SOSP"),
        ("SysML", "MLSys"),
        ("CoRR", "arXiv"),
    ],
)
def test_venue_aliases_are_normalised(written: str, canonical: str) -> None:
    entry, problems = one(f'title: X\nvenue: "{written}"\n')
    assert entry.venue == canonical
    assert entry.venue_as_written == written
    assert problems == []


def test_unknown_venue_is_kept_as_written() -> None:
    entry, problems = one("title: X\nvenue: My Workshop\n")
    assert entry.venue == "My Workshop" and problems == []


def test_venues_from_a_custom_list() -> None:
    venues = VenueList({"HotChips": ["Hot Chips"]})
    entry, _ = one("title: X\nvenue: hot chips 2023\n", venues=venues)
    assert entry.venue == "HotChips"
    entry, _ = one("title: X\nvenue: Eurosys\n", venues=venues)
    assert entry.venue == "Eurosys"  # not in this list: kept as written


def test_without_a_venue_list_venues_are_kept() -> None:
    entry, _ = one("title: X\nvenue: NIPS\n", venues=None)
    assert entry.venue == "NIPS"


def test_year_as_integer() -> None:
    entry, problems = one("title: X\nyear: 2019\n")
    assert entry.year == 2019 and problems == []


def test_year_as_string_is_read_with_a_warning() -> None:
    entry, problems = one("title: X\nyear: '2019'\n")
    assert entry.year == 2019
    assert codes(problems) == [Code.WRONG_TYPE]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("soon", Code.WRONG_TYPE),
        ("true", Code.WRONG_TYPE),
        ("2019.5", Code.WRONG_TYPE),
        ("[2019]", Code.WRONG_TYPE),
        ("{a: 1}", Code.WRONG_TYPE),
        ("99", Code.BAD_VALUE),
        ("123456789012345678901234567890", Code.BAD_VALUE),
        (".nan", Code.WRONG_TYPE),
    ],
)
def test_bad_years_warn_and_the_entry_stays(value: str, code: Code) -> None:
    entry, problems = one(f"title: X\nyear: {value}\n")
    assert entry.year is None
    assert codes(problems) == [code]
    assert problems[0].line == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-05-17", "2023-05-17"), ("2023-05", "2023-05"), ("'2023-05-17'", "2023-05-17")],
)
def test_date_gives_the_year(value: str, expected: str) -> None:
    entry, problems = one(f"title: X\nkind: post\ndate: {value}\n")
    assert entry.date == expected
    assert entry.year == 2023
    assert problems == []


def test_explicit_year_wins_over_date() -> None:
    entry, _ = one("title: X\nyear: 2020\ndate: 2023-05-17\n")
    assert entry.year == 2020


def test_datetime_is_read_as_its_date() -> None:
    entry, problems = one("title: X\ndate: 2023-05-17 10:30:00\n")
    assert entry.date == "2023-05-17" and problems == []


@pytest.mark.parametrize("value", ["next week", "'2023/05/17'", "'17-05-2023'", "[2023]", "2023"])
def test_bad_dates_warn_and_the_entry_stays(value: str) -> None:
    entry, problems = one(f"title: X\ndate: {value}\n")
    assert entry.date is None
    assert codes(problems) == [Code.BAD_DATE]
    assert problems[0].line == 2


@pytest.mark.parametrize("field", ["date", "added"])
@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01"])
def test_impossible_dates_warn_as_bad_date_and_the_entry_stays(field: str, value: str) -> None:
    entries, problems = load(f"title: X\n{field}: {value}\n")
    assert [e.title for e in entries] == ["X"]
    assert codes(problems) == [Code.BAD_DATE]
    assert problems[0].line == 2


def test_a_date_never_gives_a_year_that_year_would_refuse() -> None:
    entry, problems = one("title: X\ndate: 0999-01-01\n")
    assert entry.year is None or 1000 <= entry.year <= 9999
    assert len(problems) == 1


def test_added_must_be_a_full_date() -> None:
    entry, problems = one("title: X\nadded: 2024-06\n")
    assert entry.added is None
    assert codes(problems) == [Code.BAD_DATE]
    entry, problems = one("title: X\nadded: 2024-06-10\n")
    assert entry.added == "2024-06-10" and problems == []


# -- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "value", "url"),
    [
        ("paper", "https://example.org/p", "https://example.org/p"),
        ("paper", "http://example.org/p", "http://example.org/p"),
        ("paper", "HTTPS://EXAMPLE.ORG/P", "HTTPS://EXAMPLE.ORG/P"),
        ("doi", "10.1145/3341301.3359646", "https://doi.org/10.1145/3341301.3359646"),
        ("doi", "doi:10.1145/3341301.3359646", "https://doi.org/10.1145/3341301.3359646"),
        ("doi", "https://doi.org/10.1145/3341301", "https://doi.org/10.1145/3341301"),
        ("arxiv", "2201.12023", "https://arxiv.org/abs/2201.12023"),
        ("arxiv", "2201.12023v2", "https://arxiv.org/abs/2201.12023v2"),
        ("arxiv", "arXiv:1811.06965", "https://arxiv.org/abs/1811.06965"),
        ("arxiv", "hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
        ("paper", "javascript:alert(1)", None),
        ("paper", " JavaScript:alert(1)", None),
        ("paper", "data:text/html,<script>alert(1)</script>", None),
        ("paper", "vbscript:msgbox(1)", None),
        ("paper", "ftp://example.org/x", None),
        ("paper", "//example.org/x", None),
        ("paper", "example.org/x", None),
        ("paper", "https://", None),
        ("doi", "javascript:alert(1)", None),
        ("arxiv", "javascript:alert(1)", None),
        ("code", "10.1145/3341301.3359646", None),  # bare DOIs only under 'doi'
        ("code", "2201.12023", None),  # bare arXiv ids only under 'arxiv'
    ],
)
def test_link_url(label: str, value: str, url: str | None) -> None:
    assert link_url(label, value) == url


def test_unlinkable_links_are_kept_unlinked_with_one_warning_each() -> None:
    entry, problems = one(
        "title: X\nlinks:\n  code: 'javascript:alert(1)'\n  paper: https://ok.example/\n"
    )
    assert [(link.label, link.url) for link in entry.links] == [
        ("code", None),
        ("paper", "https://ok.example/"),
    ]
    assert codes(problems) == [Code.BAD_URL]
    assert (problems[0].line, problems[0].column) == (3, 9)


def test_unknown_link_label_warns_with_a_suggestion() -> None:
    entry, problems = one("title: X\nlinks:\n  papr: https://ok.example/\n")
    assert codes(problems) == [Code.BAD_VALUE]
    assert "did you mean 'paper'" in problems[0].message
    assert entry.links[0].url == "https://ok.example/"


def test_link_labels_are_case_insensitive() -> None:
    entry, problems = one("title: X\nlinks:\n  PDF: https://ok.example/x.pdf\n")
    assert entry.links[0].label == "pdf" and problems == []


def test_links_must_be_a_mapping() -> None:
    entry, problems = one("title: X\nlinks: [https://ok.example/]\n")
    assert entry.links == ()
    assert codes(problems) == [Code.WRONG_TYPE]


# -- tags, categories, summary, lang -------------------------------------------------------------


def test_tags_are_slugs_and_deduplicated() -> None:
    entry, problems = one("title: X\ntags: [gpu, GPU Kernels, gpu, '!!!']\n")
    assert entry.tags == ("gpu", "gpu-kernels")
    assert codes(problems) == [Code.BAD_VALUE, Code.BAD_VALUE]
    assert [p.line for p in problems] == [2, 2]


def test_tags_with_a_slash_become_slugs() -> None:
    entry, problems = one("title: X\ntags: [a/b, GPU/Kernels]\n")
    assert codes(problems) == [Code.BAD_VALUE, Code.BAD_VALUE]
    assert all(ID_RE.match(tag) for tag in entry.tags), entry.tags


def test_categories_are_paths() -> None:
    entry, problems = one(
        "title: X\ncategories: [distributed/auto-parallel, Systems/GPU Kernels]\n"
    )
    assert entry.categories == ("distributed/auto-parallel", "systems/gpu-kernels")
    assert codes(problems) == [Code.BAD_VALUE]


def test_category_matches_its_sub_categories() -> None:
    assert category_matches("distributed/auto-parallel", "distributed")
    assert category_matches("distributed/auto-parallel", "distributed/")
    assert category_matches("distributed", "distributed")
    assert not category_matches("distributed-systems", "distributed")
    assert not category_matches("distributed", "distributed/auto-parallel")


def test_summary_whitespace_is_collapsed() -> None:
    entry, _ = one("title: X\nsummary: |\n  one\n    two\n\n  three\n")
    assert entry.summary == "one two three"


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hans", "pt-BR", "sr-Latn-RS"])
def test_language_tags(lang: str) -> None:
    entry, problems = one(f"title: X\nlang: {lang}\n")
    assert entry.lang == lang and problems == []


@pytest.mark.parametrize("lang", ["'chinese language'", "'x'", "'zh_CN'"])
def test_bad_language_tags_warn(lang: str) -> None:
    entry, problems = one(f"title: X\nlang: {lang}\n")
    assert entry.lang is None
    assert codes(problems) == [Code.BAD_VALUE]


def test_short_title() -> None:
    assert Entry(id="a", title="Alpa: Automating").short_title == "Alpa"
    assert Entry(id="a", title="No colon").short_title == "No colon"
    assert Entry(id="a", title=": leading colon").short_title == ": leading colon"
    assert Entry(id="a", title="A: B: C").short_title == "A"


def test_title_whitespace_is_collapsed() -> None:
    entry, _ = one("title: '  A   title\twith  spaces '\n")
    assert entry.title == "A title with spaces"


def test_title_that_is_a_number_is_read_as_text() -> None:
    entry, problems = one("title: 1984\n")
    assert entry.title == "1984"
    assert codes(problems) == [Code.WRONG_TYPE]


# -- unknown and repeated fields -----------------------------------------------------------------


def test_unknown_field_warns_with_did_you_mean_and_the_entry_stays() -> None:
    entry, problems = one("title: X\nyaer: 2020\nauthor: [A]\n")
    assert codes(problems) == [Code.UNKNOWN_FIELD, Code.UNKNOWN_FIELD]
    assert "did you mean 'year'" in problems[0].message
    assert "did you mean 'authors'" in problems[1].message
    assert [(p.line, p.column) for p in problems] == [(2, 1), (3, 1)]
    assert entry.year is None


def test_unknown_field_without_a_close_match_has_no_hint() -> None:
    _, problems = one("title: X\nzzzzzz: 1\n")
    assert codes(problems) == [Code.UNKNOWN_FIELD]
    assert "did you mean" not in problems[0].message


def test_non_string_field_names_warn() -> None:
    _, problems = one("title: X\n1: one\n[a]: b\n")
    assert codes(problems) == [Code.UNKNOWN_FIELD, Code.UNKNOWN_FIELD]


def test_a_field_given_twice_warns_and_the_last_wins() -> None:
    entry, problems = one("title: First\ntitle: Second\n")
    assert entry.title == "Second"
    assert len(problems) == 1 and problems[0].line == 2


# -- file-level problems -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("title: [unclosed\nyear: 2020\n", Code.YAML, 2),
        ("title: 'unterminated\n", Code.YAML, 2),
        ("a: b\n c: d\n", Code.YAML, 2),
        ("\t- tab\n", Code.YAML, 1),
        ("title: x\x00y\n", Code.YAML, 1),
        ("", Code.STRUCTURE, 1),
        ("   \n\n# only a comment\n", Code.STRUCTURE, 1),
        ("just a line of text\n", Code.STRUCTURE, 1),
        ("42\n", Code.STRUCTURE, 1),
        ("~\n", Code.STRUCTURE, 1),
        ("- 1\n", Code.STRUCTURE, 1),
        ("- [a, b]\n", Code.STRUCTURE, 1),
        ("year: 2020\n", Code.NO_TITLE, 1),
        ("title: ''\n", Code.NO_TITLE, 1),
        ("title: ~\n", Code.NO_TITLE, 1),
    ],
)
def test_unusable_files_give_exactly_one_problem(text: str, code: Code, line: int) -> None:
    entries, problems = load(text)
    assert entries == []
    assert codes(problems) == [code]
    assert problems[0].line == line
    assert problems[0].path == "f.yaml"


def test_a_bad_entry_does_not_hide_the_good_ones() -> None:
    entries, problems = load(
        "- id: good\n  title: Good\n- id: untitled\n  year: 2020\n- 7\n- id: also-good\n  title: "
        "Also\n"
    )
    assert [e.id for e in entries] == ["good", "also-good"]
    assert codes(problems) == [Code.NO_TITLE, Code.STRUCTURE]
    assert [p.line for p in problems] == [3, 5]


def test_an_empty_list_is_not_an_error() -> None:
    entries, problems = load("[]\n")
    assert entries == [] and problems == []


def test_load_file_missing(tmp_path: Path) -> None:
    result = load_file(tmp_path / "gone.yaml")
    assert result.entries == []
    assert codes(result.problems) == [Code.MISSING_FILE]


def test_load_file_not_utf8_names_the_line(tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    file.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    result = load_file(file, "shown.yaml")
    assert result.entries == []
    assert codes(result.problems) == [Code.YAML]
    assert (result.problems[0].path, result.problems[0].line) == ("shown.yaml", 2)


def test_load_file_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    file = tmp_path / "bom.yaml"
    file.write_bytes("\ufefftitle: Ünïcödé\n".encode())
    result = load_file(file)
    assert [e.title for e in result.entries] == ["Ünïcödé"] and result.problems == []


# -- hostile YAML --------------------------------------------------------------------------------


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    texts = [
        f"title: X\nsummary: !!python/object/apply:os.system ['touch {marker}']\n",
        f"title: X\nsummary: !!python/object/apply:os.system 'touch {marker}'\n",
        f"!!python/object/apply:os.system ['touch {marker}']\n",
        f"- !!python/object/apply:os.system ['touch {marker}']\n",
        f"title: !!python/object/apply:subprocess.check_call [['touch', '{marker}']]\n",
        f"? !!python/object/apply:os.system ['touch {marker}']\n: 1\ntitle: X\n",
        f"title: X\nyaer: !!python/object/apply:os.system ['touch {marker}']\n",
        "title: X\nsummary: !!python/name:os.system\n",
        "title: X\nsummary: !!python/object/new:builtins.exec ['import os']\n",
    ]
    for text in texts:
        load(text)
    assert not marker.exists()


def test_scalar_python_tag_is_one_unsafe_problem() -> None:
    entries, problems = load("title: X\nsummary: !!python/object/apply:os.system 'echo hi'\n")
    assert codes(problems) == [Code.UNSAFE]
    assert problems[0].line == 2
    assert all(entry.summary == "" for entry in entries)  # the value is never used


UNSAFE_PLACES = {
    "scalar-field": "title: X\nsummary: !!python/name:os.system\n",
    "field-name": "? !!python/name:os.system\n: 1\ntitle: X\n",
    "sequence-field": "title: X\nsummary: !!python/object/apply:os.system ['echo hi']\n",
    "list-field": "title: X\ntags: !!python/object/apply:os.system [a]\n",
    "mapping-field": "title: X\nlinks: !!python/object/new:dict {}\n",
    "root-mapping": "!!python/object:os.system\ntitle: X\n",
    "root-sequence": "!!python/object/apply:os.system\n- title: X\n",
}


@pytest.mark.parametrize("place", list(UNSAFE_PLACES))
def test_every_python_tag_gives_one_unsafe_problem(place: str) -> None:
    _, problems = load(UNSAFE_PLACES[place])
    assert codes(problems) == [Code.UNSAFE]


def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol"' + ', "lol"' * (width - 1) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append("title: Boom")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    entries, problems = load(_alias_bomb())
    assert time.perf_counter() - start < 2
    assert entries == []
    assert codes(problems) == [Code.UNSAFE]


def test_alias_bomb_inside_a_known_field_is_refused() -> None:
    text = _alias_bomb().replace("a0:", "authors:", 1).replace("title: Boom", "title: T")
    start = time.perf_counter()
    entries, problems = load(text)
    assert time.perf_counter() - start < 2
    assert entries == []
    assert codes(problems) == [Code.UNSAFE]


def test_ordinary_aliases_are_fine() -> None:
    entries, problems = load(
        "- id: a\n  title: A\n  authors: &team [Ada, Alan]\n- id: b\n  title: B\n  authors: *team\n"
    )
    assert [e.authors for e in entries] == [("Ada", "Alan"), ("Ada", "Alan")]
    assert problems == []


def test_merge_keys_work_as_in_safe_load() -> None:
    entries, problems = load(
        "- &base\n  id: a\n  title: A\n  venue: OSDI\n- <<: *base\n  id: b\n  title: B\n"
    )
    assert problems == []
    assert [(e.id, e.title, e.venue) for e in entries] == [("a", "A", "OSDI"), ("b", "B", "OSDI")]


def test_recursive_alias_does_not_hang() -> None:
    _, problems = load("title: X\ntags: &t [a, *t]\n")
    assert problems  # reported, whatever it is called
    assert all(isinstance(p, Problem) for p in problems)


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    depth = 5000
    _, problems = load("title: X\nsummary: " + "[" * depth + "]" * depth + "\n")
    assert problems and all(isinstance(p, Problem) for p in problems)
    _, problems = load("[" * depth + "]" * depth + "\n")
    assert problems


@pytest.mark.parametrize(
    "text",
    [
        "title: !!binary aGVsbG8=\n",
        "title: X\nyear: !!binary aGVsbG8=\n",
        "title: X\nyear: !!float 2020\n",
        "title: X\nyear: !!bool true\n",
        "title: X\nyear: !!int 0x7E4\n",
        "title: X\nyear: !!int 'twenty'\n",
        "title: X\ntags: !!set {a, b}\n",
        "title: X\nlinks: !!omap [{paper: 'https://ok.example/'}]\n",
        "title: X\nsummary: !custom thing\n",
        "title: X\nsummary: !<tag:example.com,2024:x> thing\n",
        "title: X\ntags: [!!binary '!!!']\n",
        "title: X\ntags: [[nested], {a: b}]\n",
        "title: X\nlinks: {[a]: b, paper: [c]}\n",
        "title: X\nauthors: {a: b}\n",
        "title: {a: b}\n",
        "title: X\nyear: 1e400\n",
    ],
)
def test_odd_yaml_values_only_give_problems(text: str) -> None:
    result = load_text(text, "f.yaml", venues=VENUES)
    assert all(isinstance(p, Problem) for p in result.problems)
    assert all(p.path == "f.yaml" and p.line >= 1 and p.column >= 1 for p in result.problems)


@pytest.mark.parametrize(
    "value", ["!!int ''", "!!int '-'", "!!float ''", "!!bool maybe", "!!timestamp 'not a date'"]
)
@pytest.mark.parametrize("field", ["title", "year"])
def test_tagged_scalars_with_bad_values_give_problems(field: str, value: str) -> None:
    text = f"title: {value}\n" if field == "title" else f"title: X\n{field}: {value}\n"
    result = load_text(text, "f.yaml", venues=VENUES)
    assert result.problems
    assert all(isinstance(p, Problem) for p in result.problems)


# -- duplicates and categories across files ------------------------------------------------------


def test_duplicate_ids_keep_the_first() -> None:
    first = Entry(id="dup", title="First", path="a.yaml", line=1)
    second = Entry(id="dup", title="Second", path="b.yaml", line=7)
    other = Entry(id="other", title="Other", path="b.yaml", line=9)
    kept, problems = duplicate_id_problems([first, second, other])
    assert kept == [first, other]
    assert codes(problems) == [Code.DUPLICATE_ID]
    assert (problems[0].path, problems[0].line) == ("b.yaml", 7)
    assert "a.yaml:1" in problems[0].message


def test_category_problems_against_a_tree() -> None:
    entries, _ = load("title: X\nyear: 2020\ncategories: [distributed/auto-paralel, distributed]\n")
    tree = {"distributed": "D", "distributed/auto-parallel": "AP"}
    problems = category_problems(entries, tree)
    assert codes(problems) == [Code.UNKNOWN_CATEGORY]
    assert problems[0].line == 3
    assert "did you mean 'distributed/auto-parallel'" in problems[0].message
    assert category_problems(entries, {}) == []


# -- problems ------------------------------------------------------------------------------------


def test_problem_codes_and_subtypes_are_unique() -> None:
    assert len({c.code for c in Code}) == len(Code)
    assert len({c.subtype for c in Code}) == len(Code)
    for code in Code:
        assert code.code.startswith("AW") and code.subtype == code.subtype.lower()
        assert code.description


def test_problem_format() -> None:
    problem = Problem(Code.UNKNOWN_FIELD, "unknown field 'x'", "e/a.yaml", 3, 5)
    assert problem.format() == "e/a.yaml:3:5: AW120 unknown field 'x'"
    assert problem.sort_key() < Problem(Code.YAML, "z", "e/a.yaml", 4, 1).sort_key()


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("''", "is empty"),
        ("null", "is empty"),
        ("'..'", "no letters or digits"),
        ("'大模型'", "no letters or digits"),
        ("'" + "a" * 201 + "'", "longer than 200"),
    ],
)
def test_an_unusable_explicit_id_is_reported_not_silently_replaced(
    tmp_path: Path, written: str, reason: str
) -> None:
    file = tmp_path / "stem-name.yaml"
    file.write_text(f"title: X\nid: {written}\n", encoding="utf-8")
    result = load_file(file)
    (entry,) = result.entries
    assert entry.id == "stem-name"
    (problem,) = result.problems
    assert problem.code == Code.BAD_ID and problem.line == 2
    assert reason in problem.message and "using 'stem-name'" in problem.message


def test_an_unusable_id_in_a_many_entry_file_falls_back_to_the_title() -> None:
    entries, problems = load("- title: 'A: one'\n  id: '..'\n- title: 'B: two'\n")
    assert [e.id for e in entries] == ["a", "b"]
    assert codes(problems) == [Code.BAD_ID] and problems[0].line == 2


def test_an_id_derived_from_a_long_title_is_shortened_at_a_word() -> None:
    entries, problems = load("- title: '" + "word " * 80 + "'\n")
    assert problems == [] and len(entries[0].id) <= 200 and entries[0].id.endswith("word")


def test_a_duplicate_anchor_says_which_anchor_and_where_both_are() -> None:
    _, problems = load("- &a {title: A}\n- &a {title: B}\n")
    (problem,) = problems
    assert problem.code == Code.YAML and problem.line == 2
    assert problem.message == (
        "invalid YAML: found duplicate anchor 'a'; first occurrence (line 1); second occurrence"
    )

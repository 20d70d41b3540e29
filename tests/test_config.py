"""The ``awesome_*`` configuration values (``sphinx_awesome.config``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from sphinx_awesome.config import (
    COLUMNS,
    DEFAULT_COLUMNS,
    GROUP_BY,
    STYLES,
    read_config,
)
from sphinx_awesome.venues import BUILTIN_VENUES


def config(**values: Any) -> SimpleNamespace:
    defaults: dict[str, Any] = {
        "awesome_entries": [],
        "awesome_venues": dict(BUILTIN_VENUES),
        "awesome_categories": {},
        "awesome_default_columns": list(DEFAULT_COLUMNS),
        "awesome_table_style": "default",
    }
    defaults.update(values)
    return SimpleNamespace(**defaults)


def test_contract_defaults(tmp_path: Path) -> None:
    result = read_config(config(), tmp_path)  # type: ignore[arg-type]
    assert result.entries == []
    assert result.default_columns == ["title", "venue", "year", "links"]
    assert result.table_style == "default"
    assert result.categories == {}
    assert result.problems == []
    assert result.venue_list().normalise("Eurosys") == "EuroSys"
    assert STYLES == ("default", "compact", "cards")
    assert GROUP_BY == ("year", "venue", "category", "kind")
    assert {"title", "venue", "year", "authors", "links", "tags", "summary"} <= set(COLUMNS)


def test_entries_may_be_one_string(tmp_path: Path) -> None:
    result = read_config(config(awesome_entries="entries/*.yaml"), tmp_path)  # type: ignore[arg-type]
    assert result.entries == ["entries/*.yaml"]


def test_categories_as_a_dict(tmp_path: Path) -> None:
    tree = {
        "distributed": "Distributed",
        "/distributed/auto-parallel/": {"title": "Auto", "description": "Plans."},
        "bare": None,
    }
    result = read_config(config(awesome_categories=tree), tmp_path)  # type: ignore[arg-type]
    assert list(result.categories) == ["distributed", "distributed/auto-parallel", "bare"]
    assert result.categories["distributed/auto-parallel"].description == "Plans."
    assert result.category_title("distributed/auto-parallel") == "Auto"
    assert result.category_title("bare") == "bare"
    assert result.category_title("unknown/path") == "unknown/path"


def test_categories_from_a_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "cats.yaml").write_text("a:\n  title: A title\na/b: B title\n", encoding="utf-8")
    result = read_config(config(awesome_categories="cats.yaml"), tmp_path)  # type: ignore[arg-type]
    assert {k: c.title for k, c in result.categories.items()} == {"a": "A title", "a/b": "B title"}
    assert result.problems == []


@pytest.mark.parametrize(
    ("value", "files"),
    [
        ("missing.yaml", {}),
        ("bad.yaml", {"bad.yaml": "a: [unclosed\n"}),
        ("list.yaml", {"list.yaml": "- a\n- b\n"}),
        (["not", "a", "mapping"], {}),
    ],
)
def test_bad_categories_are_one_problem(tmp_path: Path, value: Any, files: dict) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = read_config(config(awesome_categories=value), tmp_path)  # type: ignore[arg-type]
    assert result.categories == {}
    assert len(result.problems) == 1
    assert "awesome_categories" in result.problems[0].message


def test_venues_as_a_list_or_with_aliases(tmp_path: Path) -> None:
    result = read_config(config(awesome_venues=["HotChips"]), tmp_path)  # type: ignore[arg-type]
    assert result.venue_list().normalise("NIPS") is None  # the list replaces the built-in one
    assert result.venue_list().normalise("HOTCHIPS '23") == "HotChips"
    result = read_config(config(awesome_venues={"HotChips": ["Hot Chips Symposium"]}), tmp_path)  # type: ignore[arg-type]
    assert result.venue_list().normalise("Hot Chips Symposium") == "HotChips"
    assert result.venue_list().normalise("Eurosys") is None  # replaced, not extended


def test_bad_venues_fall_back_to_the_built_in_list(tmp_path: Path) -> None:
    result = read_config(config(awesome_venues=42), tmp_path)  # type: ignore[arg-type]
    assert len(result.problems) == 1
    assert result.venue_list().normalise("NIPS") == "NeurIPS"


def test_unknown_default_columns(tmp_path: Path) -> None:
    result = read_config(config(awesome_default_columns=["title", "colour"]), tmp_path)  # type: ignore[arg-type]
    assert result.default_columns == ["title"]
    assert len(result.problems) == 1 and "colour" in result.problems[0].message
    result = read_config(config(awesome_default_columns=["colour"]), tmp_path)  # type: ignore[arg-type]
    assert result.default_columns == DEFAULT_COLUMNS


def test_unknown_table_style(tmp_path: Path) -> None:
    result = read_config(config(awesome_table_style="fancy"), tmp_path)  # type: ignore[arg-type]
    assert result.table_style == "default"
    assert len(result.problems) == 1 and "fancy" in result.problems[0].message


def test_fingerprint_follows_parsing_settings(tmp_path: Path) -> None:
    base = read_config(config(), tmp_path)  # type: ignore[arg-type]
    same = read_config(config(awesome_table_style="cards"), tmp_path)  # type: ignore[arg-type]
    venues = read_config(config(awesome_venues={"X": []}), tmp_path)  # type: ignore[arg-type]
    tree = read_config(config(awesome_categories={"a": "A"}), tmp_path)  # type: ignore[arg-type]
    assert base.fingerprint() == same.fingerprint()
    assert len({base.fingerprint(), venues.fingerprint(), tree.fingerprint()}) == 3


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("awesome_entries", 5, []),
        ("awesome_entries", [5, None, "entries/*.yaml"], ["entries/*.yaml"]),
        ("awesome_venues", {"OSDI": 5}, {"OSDI": []}),
        ("awesome_venues", {"OSDI": ["USENIX OSDI", 7]}, {"OSDI": ["USENIX OSDI"]}),
        ("awesome_default_columns", [1, 2], DEFAULT_COLUMNS),
        ("awesome_table_style", ["cards"], "default"),
        ("awesome_categories", {"a": ["x"], 5: "five"}, {"a": "a"}),
        ("awesome_title", 3, None),
        ("awesome_allow_outside_srcdir", "yes", False),
    ],
)
def test_wrong_types_are_problems_naming_the_setting(
    tmp_path: Path, name: str, value: Any, expected: Any
) -> None:
    result = read_config(config(**{name: value}), tmp_path)  # type: ignore[arg-type]
    assert result.problems, f"{name} = {value!r} gave no problem"
    assert all(problem.message.startswith(name) for problem in result.problems)
    got = {
        "awesome_entries": result.entries,
        "awesome_venues": result.venues,
        "awesome_default_columns": result.default_columns,
        "awesome_table_style": result.table_style,
        "awesome_categories": {k: c.title for k, c in result.categories.items()},
        "awesome_title": result.title,
        "awesome_allow_outside_srcdir": result.allow_outside_srcdir,
    }[name]
    assert got == expected


def test_title_falls_back_to_the_project(tmp_path: Path) -> None:
    assert read_config({"project": "My list"}, tmp_path).title == "My list"
    assert read_config({"project": "Project name not set"}, tmp_path).title is None
    assert read_config({"project": "P", "awesome_title": "T"}, tmp_path).title == "T"


def test_a_nested_category_without_a_title_takes_its_last_segment(tmp_path: Path) -> None:
    (tmp_path / "cats.yaml").write_text("a/b-c: {description: D}\n", encoding="utf-8")
    from_file = read_config(config(awesome_categories="cats.yaml"), tmp_path)  # type: ignore[arg-type]
    from_dict = read_config(config(awesome_categories={"a/b-c": None}), tmp_path)  # type: ignore[arg-type]
    assert from_file.category_title("a/b-c") == from_dict.category_title("a/b-c") == "b-c"


def test_a_category_file_problem_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "cats.yaml").write_text("a: A\nNot A Path: B\n", encoding="utf-8")
    result = read_config(config(awesome_categories="cats.yaml"), tmp_path)  # type: ignore[arg-type]
    (problem,) = result.problems
    assert (problem.path, problem.line) == ("cats.yaml", 2)
    assert list(result.categories) == ["a"]

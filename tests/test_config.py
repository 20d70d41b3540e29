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
    awesome_config,
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
    assert "awesome_categories" in result.problems[0]


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
    assert len(result.problems) == 1 and "colour" in result.problems[0]
    result = read_config(config(awesome_default_columns=["colour"]), tmp_path)  # type: ignore[arg-type]
    assert result.default_columns == DEFAULT_COLUMNS


def test_unknown_table_style(tmp_path: Path) -> None:
    result = read_config(config(awesome_table_style="fancy"), tmp_path)  # type: ignore[arg-type]
    assert result.table_style == "default"
    assert len(result.problems) == 1 and "fancy" in result.problems[0]


def test_fingerprint_follows_parsing_settings(tmp_path: Path) -> None:
    base = read_config(config(), tmp_path)  # type: ignore[arg-type]
    same = read_config(config(awesome_table_style="cards"), tmp_path)  # type: ignore[arg-type]
    venues = read_config(config(awesome_venues={"X": []}), tmp_path)  # type: ignore[arg-type]
    tree = read_config(config(awesome_categories={"a": "A"}), tmp_path)  # type: ignore[arg-type]
    assert base.fingerprint() == same.fingerprint()
    assert len({base.fingerprint(), venues.fingerprint(), tree.fingerprint()}) == 3


def test_awesome_config_is_cached_per_values(tmp_path: Path) -> None:
    values = config()
    first = awesome_config(values, tmp_path)  # type: ignore[arg-type]
    assert awesome_config(values, tmp_path) is first  # type: ignore[arg-type]
    values.awesome_table_style = "compact"
    second = awesome_config(values, tmp_path)  # type: ignore[arg-type]
    assert second is not first and second.table_style == "compact"

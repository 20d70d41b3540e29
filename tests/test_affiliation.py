"""The ``affiliation`` field, added by one description in fields.py: read and validated,
shown as a column, filtered, sorted, exported (CSV, JSON, BibTeX, README) and imported back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup
from sites import build_source

from sphinx_awesome.cli.exporters import export_bibtex, export_csv, export_json, export_markdown
from sphinx_awesome.cli.importers import import_text
from sphinx_awesome.cli.importers.bibtex import parse_bibtex
from sphinx_awesome.entries import load_text
from sphinx_awesome.filters import compile_filter
from sphinx_awesome.problems import Code
from sphinx_awesome.sorting import sort_entries
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)
TEXT = """\
- id: dmc
  title: "DMC: Dynamic Memory Compression"
  affiliation: NVIDIA
  venue: ICML
  year: 2024
- id: oobleck
  title: "Oobleck: Resilient Distributed Training"
  affiliation: [ByteDance, "University of Michigan"]
  year: 2023
- id: plain
  title: "Plain: No Affiliation"
"""


def entries():
    result = load_text(TEXT, "a.yaml", venues=VENUES)
    assert result.problems == []
    return result.entries


def test_one_string_or_a_list_is_read_as_a_list() -> None:
    dmc, oobleck, plain = entries()
    assert dmc.get("affiliation") == ("NVIDIA",)
    assert oobleck.get("affiliation") == ("ByteDance", "University of Michigan")
    assert plain.get("affiliation") == ()
    assert dmc.as_dict()["affiliation"] == ["NVIDIA"]


def test_a_value_of_the_wrong_type_is_a_warning_at_its_line() -> None:
    result = load_text("title: X\naffiliation: {a: b}\n", "x.yaml")
    (problem,) = result.problems
    assert (problem.code, problem.line) == (Code.WRONG_TYPE, 2)
    assert "'affiliation' should be a string or a list of strings" in problem.message


def test_filter_and_sort() -> None:
    items = entries()
    ids = lambda found: [e.id for e in found]  # noqa: E731
    assert ids(compile_filter("affiliation:nvidia").select(items)) == ["dmc"]
    assert ids(compile_filter("affiliation:michigan,nvidia").select(items)) == ["dmc", "oobleck"]
    assert ids(compile_filter("-affiliation:byte").select(items)) == ["dmc", "plain"]
    assert ids(sort_entries(items, "affiliation")) == ["oobleck", "dmc", "plain"]
    assert ids(sort_entries(items, "-affiliation")) == ["dmc", "oobleck", "plain"]


def test_a_table_column(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n", "utf-8"
    )
    (src / "entries" / "all.yaml").write_text(TEXT, "utf-8")
    (src / "index.rst").write_text(
        "T\n=\n\n.. paper-table::\n   :columns: title, affiliation\n"
        "   :filter: affiliation:nvidia,bytedance\n   :sort: affiliation\n",
        "utf-8",
    )
    app = build_source(src)
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    assert [th.get_text(strip=True) for th in soup.select("thead th")] == ["Title", "Affiliation"]
    cells = [td.get_text(strip=True) for td in soup.select("td.awesome-cell-affiliation")]
    assert cells == ["ByteDance, University of Michigan", "NVIDIA"]


def test_csv_json_and_bibtex_carry_it() -> None:
    items = entries()
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_csv(items).lstrip("\ufeff")))}
    assert rows["oobleck"]["affiliation"] == "ByteDance; University of Michigan"
    data = json.loads(export_json(items))
    assert {e["id"]: e.get("affiliation") for e in data["entries"]}["dmc"] == ["NVIDIA"]
    bib = export_bibtex(items)
    assert "affiliation = {ByteDance and University of Michigan}" in " ".join(bib.split())
    records, problems = parse_bibtex(bib, "x.bib", venues=VENUES)
    assert problems == []
    by_key = {record.key: record.data for record in records}
    assert by_key["oobleck"]["affiliation"] == ["ByteDance", "University of Michigan"]


def test_a_readme_column_that_import_reads_back() -> None:
    items = entries()
    readme = export_markdown(
        items, tree=None, venues=VENUES, title="L", columns=("title", "affiliation", "year")
    )
    assert "| Affiliation |" in readme
    back = import_text(readme, "README.md", venues=VENUES)
    found = {entry_id: data.get("affiliation") for entry_id, data in back.entries}
    assert found["dmc"] == "NVIDIA"
    assert found["oobleck"] == ["ByteDance", "University of Michigan"]

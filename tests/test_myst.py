"""The same snippets written in reST and in MyST Markdown give the same HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sites import build_source
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"


def build_page(dest: Path, keep: str) -> BeautifulSoup:
    """Build test-myst with only ``page.<keep>`` (both give the document ``page``)."""
    src = dest / "src"
    shutil.copytree(ROOTS / "test-myst", src)
    drop = "md" if keep == "rst" else "rst"
    (src / f"page.{drop}").unlink()
    app = build_source(src)
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "page.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BeautifulSoup]:
    return {kind: build_page(tmp_path_factory.mktemp(kind), kind) for kind in ("rst", "md")}


def test_the_snippets_render_tables(pages: dict[str, BeautifulSoup]) -> None:
    md = pages["md"]
    assert len(md.select("div.awesome-paper-table")) == 4
    assert len(md.select("table.awesome-table")) == 3
    assert md.find(id="t-empty").get_text(strip=True) == "Nothing here."
    assert md.select_one("#t-systems caption .caption-number").get_text(strip=True) == "Table 1"
    assert len(md.select("div.awesome-filter-box")) == 1
    compact = md.select_one("div.awesome-style-compact")
    assert "extra-class" in compact["class"]
    assert len(compact.select("tr.awesome-row")) == 4
    assert len(compact.select("tr.awesome-group")) >= 2


def test_tables_are_identical(pages: dict[str, BeautifulSoup]) -> None:
    rst = [str(t) for t in pages["rst"].select("div.awesome-paper-table")]
    md = [str(t) for t in pages["md"].select("div.awesome-paper-table")]
    assert rst == md


def test_filter_data_is_identical(pages: dict[str, BeautifulSoup]) -> None:
    rst = [s.string for s in pages["rst"].select("script.awesome-table-data")]
    md = [s.string for s in pages["md"].select("script.awesome-table-data")]
    assert rst == md and "alpa" in md[0]


def test_roles_are_identical(pages: dict[str, BeautifulSoup]) -> None:
    def refs(soup: BeautifulSoup) -> list[str]:
        (para,) = [p for p in soup.select("div.body p") if p.get_text().startswith("See ")]
        return [str(a) for a in para.find_all("a")]

    assert refs(pages["rst"]) == refs(pages["md"])
    texts = [BeautifulSoup(a, "html.parser").get_text() for a in refs(pages["md"])]
    assert texts == [
        "Alpa",
        "the PipeDream paper",
        "Supporting Very Large Models using Automatic Dataflow Graph Partitioning",
        "Table 1",
    ]


def test_whole_page_bodies_are_identical(pages: dict[str, BeautifulSoup]) -> None:
    assert str(pages["rst"].select_one("div.body")) == str(pages["md"].select_one("div.body"))


def test_myst_warnings_name_the_markdown_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-myst" / "entries", src / "entries")
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n",
        "utf-8",
    )
    (src / "index.md").write_text(
        "# T\n\ntext\n\n```{paper-table}\n:colour: red\n```\n\n{paper}`nope`\n", "utf-8"
    )
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    lines = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()
    assert len(lines) == 2, lines
    assert f"{src / 'index.md'}:5: WARNING: paper-table: unknown option ':colour:'" in lines[0]
    assert lines[0].endswith("[awesome.option]")
    assert f"{src / 'index.md'}:9: WARNING: unknown paper id 'nope'" in lines[1]
    assert lines[1].endswith("[awesome.ref]")

"""The build and the command read the ``awesome_*`` settings with one reader: the same
category titles (declared, nested without a title, or from a file resolved against the
source directory), the same entry files, the same messages."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sites import build_source

from sphinx_awesome.cli import main

TREE = {
    "distributed": "Distributed training",
    "distributed/auto-parallel": None,  # nested, no title: its last segment
    "distributed/pipeline": {"description": "Stages."},
}
ENTRIES = {
    "a.yaml": "title: 'A: one'\ncategories: [distributed/auto-parallel]\n",
    "b.yaml": "title: 'B: two'\ncategories: [distributed/pipeline]\n",
    "c.yaml": "title: 'C: three'\ncategories: [distributed]\n",
}


def project(root: Path, categories: str) -> Path:
    src = root / "docs"
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(
        f"extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n"
        f"awesome_categories = {categories}\n",
        "utf-8",
    )
    (src / "index.rst").write_text(
        "List\n====\n\n.. paper-table::\n   :group-by: category\n", "utf-8"
    )
    for name, text in ENTRIES.items():
        (src / "entries" / name).write_text(text, "utf-8")
    return src


def build_titles(src: Path) -> list[str]:
    app = build_source(src)
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    return [cell.get_text(strip=True) for cell in soup.select("td.awesome-group-heading")]


def command_titles(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert main(["export", "--format", "json"]) == 0
    finally:
        os.chdir(cwd)
    data = json.loads(capsys.readouterr().out)
    return {path: info["title"] for path, info in data["categories"].items()}


@pytest.mark.parametrize("where", ["dict", "file"])
def test_the_build_and_the_command_give_the_same_category_titles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    if where == "dict":
        src = project(tmp_path, repr(TREE))
    else:  # a file named relative to the source directory, which is conf.py's
        src = project(tmp_path, "'tree/categories.yaml'")
        (src / "tree").mkdir()
        lines = [
            "distributed: Distributed training",
            "distributed/auto-parallel:",
            "distributed/pipeline: {description: Stages.}",
        ]
        (src / "tree" / "categories.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    from_command = command_titles(tmp_path, capsys)
    assert from_command == {
        "distributed": "Distributed training",
        "distributed/auto-parallel": "auto-parallel",
        "distributed/pipeline": "pipeline",
    }
    assert build_titles(src) == [from_command[p] for p in from_command]

"""The README's heading: ``--title``, else ``awesome_title``, else ``project`` (unless it is
Sphinx's placeholder), else the name of the project's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_awesome.compat import sphinx_default

ENTRY = 'title: "Alpa: Automating Parallelism"\nvenue: OSDI\nyear: 2022\n'


def make_project(root: Path, conf: str | None, *, conf_in: str = "docs") -> Path:
    """A list in *root*: ``papers/alpa.yaml`` and, unless *conf* is None, a conf.py."""
    folder = root / conf_in if conf_in else root
    (folder / "papers").mkdir(parents=True)
    (folder / "papers" / "alpa.yaml").write_text(ENTRY, encoding="utf-8")
    if conf is not None:
        settings = "extensions = ['sphinx_awesome']\nawesome_entries = ['papers/*.yaml']\n"
        (folder / "conf.py").write_text(settings + conf, encoding="utf-8")
    return folder


def heading(run, *argv: str) -> str:
    code, out, err = run("export", "--format", "markdown", *argv)
    assert code == 0, err
    return out.splitlines()[0]


@pytest.mark.parametrize(
    ("conf", "expected"),
    [
        ("project = 'proj'\nawesome_title = 'Awesome Systems'\n", "# Awesome Systems"),
        ("project = 'Awesome Training'\n", "# Awesome Training"),
        ("project = 'proj'\nawesome_title = '  '\n", "# proj"),  # a blank title is no title
    ],
)
def test_the_heading_comes_from_conf_py(workdir: Path, run, conf: str, expected: str) -> None:
    make_project(workdir, conf)
    assert heading(run) == expected


def test_without_a_project_name_the_folder_names_the_list(tmp_path: Path, monkeypatch, run) -> None:
    root = tmp_path / "awesome-inference"
    make_project(root, "")  # conf.py in docs/: the list is the folder above it
    monkeypatch.chdir(root)
    assert heading(run) == "# awesome-inference"


def test_sphinx_s_placeholder_is_not_a_name(tmp_path: Path, monkeypatch, run) -> None:
    placeholder = sphinx_default("project")  # "Project name not set" (7.4+)
    root = tmp_path / "my-list"
    make_project(root, f"project = {placeholder!r}\n", conf_in="")
    monkeypatch.chdir(root)
    assert heading(run) == "# my-list"


def test_docs_source_layout_names_the_folder_above(tmp_path: Path, monkeypatch, run) -> None:
    root = tmp_path / "papers-list"
    make_project(root, "", conf_in="docs/source")
    monkeypatch.chdir(root)
    assert heading(run, "--conf-dir", "docs/source") == "# papers-list"


def test_without_conf_py_the_current_folder_names_the_list(
    tmp_path: Path, monkeypatch, run
) -> None:
    root = tmp_path / "reading-group"
    make_project(root, None, conf_in="")
    monkeypatch.chdir(root)
    assert heading(run, "--no-conf", "papers") == "# reading-group"


def test_title_option_wins(workdir: Path, run) -> None:
    make_project(workdir, "awesome_title = 'From conf'\n")
    assert heading(run, "--title", "From the command line") == "# From the command line"

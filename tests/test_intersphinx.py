"""Entries of one project are reachable from others through intersphinx: with ``:paper:`` in a
project that loads sphinx_awesome, and with ``:ref:`` in one that does not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
ALPA = "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning"


def build(src: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=src, builddir=src.parent / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def paragraphs(app: SphinxTestApp) -> dict[str, Tag]:
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    return {
        p.get_text().partition(":")[0]: p for p in soup.select("div.body p") if ":" in p.get_text()
    }


def warnings(app: SphinxTestApp) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()


@pytest.fixture(scope="module")
def project_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("a")
    shutil.copytree(ROOTS / "test-basic", base / "src")
    app = build(base / "src")
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


def mapping(outdir: Path) -> str:
    return f"intersphinx_mapping = {{'a': ({str(outdir)!r}, {str(outdir / 'objects.inv')!r})}}\n"


@pytest.fixture(scope="module")
def project_b(tmp_path_factory: pytest.TempPathFactory, project_a: Path) -> SphinxTestApp:
    """Loads sphinx_awesome; has its own 'pipedream' entry but no 'alpa'."""
    src = tmp_path_factory.mktemp("b") / "src"
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome', 'sphinx.ext.intersphinx']\n"
        "awesome_entries = ['entries/*.yaml']\n" + mapping(project_a),
        "utf-8",
    )
    (src / "entries" / "p.yaml").write_text(
        'id: pipedream\ntitle: "PipeDream Local: A Local Entry"\n', "utf-8"
    )
    (src / "index.rst").write_text(
        "B\n=\n\n.. paper-table::\n\n"
        "Remote: :paper:`alpa`.\n\n"
        "External: :external+a:awesome:paper:`alpa`.\n\n"
        "Explicit: :paper:`Alpa in A <alpa>`.\n\n"
        "Domain role: :awesome:paper:`tofu`.\n\n"
        "Local wins: :paper:`pipedream`.\n\n"
        "External wins: :external+a:awesome:paper:`pipedream`.\n\n"
        "Missing: :paper:`nothing-anywhere`.\n",
        "utf-8",
    )
    return build(src)


@pytest.fixture(scope="module")
def project_c(tmp_path_factory: pytest.TempPathFactory, project_a: Path) -> SphinxTestApp:
    """Does not load sphinx_awesome."""
    src = tmp_path_factory.mktemp("c") / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx']\n" + mapping(project_a), "utf-8"
    )
    (src / "index.rst").write_text(
        "C\n=\n\n"
        "Ref: :ref:`Alpa <a:paper-alpa>`.\n\n"
        "External ref: :external+a:ref:`paper-alpa`.\n\n"
        "External std ref: :external+a:std:ref:`Alpa <paper-alpa>`.\n\n"
        "Whale: :ref:`a:paper-whale`.\n",
        "utf-8",
    )
    return build(src)


def test_paper_role_reaches_the_other_project(project_a: Path, project_b: SphinxTestApp) -> None:
    (link,) = paragraphs(project_b)["Remote"].find_all("a")
    assert link["href"].startswith(f"{project_a}/index.html#paper-alpa")
    assert link.get_text() == "Alpa"  # the short title, as for a local entry


def test_external_role(project_a: Path, project_b: SphinxTestApp) -> None:
    (link,) = paragraphs(project_b)["External"].find_all("a")
    assert link["href"].startswith(f"{project_a}/index.html#paper-alpa")
    assert link.get_text() == ALPA


def test_explicit_text_and_domain_role(project_a: Path, project_b: SphinxTestApp) -> None:
    found = paragraphs(project_b)
    (explicit,) = found["Explicit"].find_all("a")
    assert explicit.get_text() == "Alpa in A"
    assert explicit["href"].startswith(f"{project_a}/index.html#paper-alpa")
    (domain,) = found["Domain role"].find_all("a")
    assert domain["href"].startswith(f"{project_a}/index.html#paper-tofu")


def test_a_local_entry_wins_over_the_inventory(project_a: Path, project_b: SphinxTestApp) -> None:
    (local,) = paragraphs(project_b)["Local wins"].find_all("a")
    assert local["href"] == "#paper-pipedream"
    assert local.get_text() == "PipeDream Local"
    (external,) = paragraphs(project_b)["External wins"].find_all("a")
    assert external["href"].startswith(f"{project_a}/index.html#paper-pipedream")


def test_an_id_found_nowhere_warns_once(project_b: SphinxTestApp) -> None:
    lines = warnings(project_b)
    assert len(lines) == 1, lines
    assert "index.rst:18: WARNING: unknown paper id 'nothing-anywhere'" in lines[0]
    assert lines[0].endswith("[awesome.ref]")
    assert paragraphs(project_b)["Missing"].find("a") is None


def test_ref_from_a_project_without_the_extension(
    project_a: Path, project_c: SphinxTestApp
) -> None:
    assert warnings(project_c) == []
    found = paragraphs(project_c)
    expected = f"{project_a}/index.html#paper-alpa"
    (ref,) = found["Ref"].find_all("a")
    assert (ref["href"], ref.get_text()) == (expected, "Alpa")
    (external,) = found["External ref"].find_all("a")
    assert (external["href"], external.get_text()) == (expected, ALPA)
    (std,) = found["External std ref"].find_all("a")
    assert (std["href"], std.get_text()) == (expected, "Alpa")
    (whale,) = found["Whale"].find_all("a")
    assert whale["href"] == f"{project_a}/appendix.html#paper-whale"

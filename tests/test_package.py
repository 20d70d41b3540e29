"""The package as a user gets it: one version number everywhere; an sdist and a wheel (built
from the sdist, as ``python -m build`` does) that hold the whole package with its static
assets and licence and pass ``twine check``; and the wheel, installed into a new virtual
environment, building a small project with -W.

The tests marked ``package`` build and install for real (the build backend and the wheel's
dependencies come from the package index), so they take a minute; ``nox -s tests`` runs
them, ``nox -s compat`` leaves them out.
"""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest

import sphinx_awesome
from sphinx_awesome.cli import main
from sphinx_awesome.compat import read_conf

REPO = Path(__file__).resolve().parents[1]
VERSION = sphinx_awesome.__version__
#: Not part of a source release: local environments, build output, caches.
SCRATCH = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".nox",
    "build",
    "dist",
    "_build",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".coverage*",
    "bench-out",
)


# -- one version number ---------------------------------------------------------------------


def test_the_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION), VERSION


def pyproject() -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10: Sphinx brings tomli there
        import tomli as tomllib
    with (REPO / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def test_pyproject_takes_the_version_from_the_package() -> None:
    data = pyproject()
    assert "version" not in data["project"] and data["project"]["dynamic"] == ["version"]
    assert data["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "sphinx_awesome.__version__"
    }


def test_the_changelog_names_the_version_first() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", text, re.M)
    assert first and first[1] == VERSION


def test_the_command_reports_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"sphinx-awesome {VERSION}"


def test_the_book_reports_the_version() -> None:
    config = read_conf(REPO / "docs")
    assert config.release == VERSION
    assert config.version == ".".join(VERSION.split(".")[:2])


def test_the_licence_is_mit() -> None:
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    project = pyproject()["project"]
    assert (project["license"], project["license-files"]) == ("MIT", ["LICENSE"])


# -- the distributions ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``python -m build`` on a copy of the source tree (so the checkout gets no build
    output): the sdist, and the wheel built from it."""
    base = tmp_path_factory.mktemp("package")
    source = base / "source"
    shutil.copytree(REPO, source, ignore=SCRATCH)
    out = base / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(out), str(source)])
    wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0]}


def run(argv: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command (without this environment's PYTHONPATH); a failure shows its output."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env)
    assert done.returncode == 0, f"{argv} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def package_files() -> set[str]:
    """Every file of the package in the source tree (modules, static assets, py.typed)."""
    root = REPO / "sphinx_awesome"
    return {
        f"sphinx_awesome/{path.relative_to(root).as_posix()}"
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.package
def test_the_wheel_holds_the_whole_package(dist: dict[str, Path]) -> None:
    assert dist["wheel"].name == f"sphinx_awesome-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = set(wheel.namelist())
        info = f"sphinx_awesome-{VERSION}.dist-info"
        metadata = email.parser.Parser().parsestr(wheel.read(f"{info}/METADATA").decode())
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert package_files() <= names
    assert {"sphinx_awesome/static/awesome.css", "sphinx_awesome/static/awesome-table.js"} <= names
    assert f"{info}/licenses/LICENSE" in names
    assert metadata["Version"] == VERSION
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.10"
    assert "sphinx-awesome = sphinx_awesome.cli:main" in entry_points


@pytest.mark.package
def test_the_sdist_is_the_source_release(dist: dict[str, Path]) -> None:
    assert dist["sdist"].name == f"sphinx_awesome-{VERSION}.tar.gz"
    top = f"sphinx_awesome-{VERSION}"
    with tarfile.open(dist["sdist"]) as sdist:
        names = {name.removeprefix(f"{top}/") for name in sdist.getnames()}
    assert package_files() <= names
    expected = {"LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml", "noxfile.py"}
    assert expected <= names
    assert {"tests/conftest.py", "tests/cli/fixtures/seed/awesome-llm-training.html"} <= names
    assert {"docs/conf.py", "docs/entries/alpa.yaml", "docs/examples/first-table.md"} <= names
    assert not any("__pycache__" in name or name.startswith("docs/_build") for name in names)


@pytest.mark.package
def test_twine_check_passes(dist: dict[str, Path]) -> None:
    done = run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist["sdist"]), str(dist["wheel"])]
    )
    assert done.stdout.count("PASSED") == 2, done.stdout


TINY_CONF = (
    "extensions = ['sphinx_awesome']\nawesome_entries = ['papers/*.yaml']\nproject = 'Tiny list'\n"
)
TINY_ENTRY = 'title: "Alpa: Automating Parallelism"\nvenue: OSDI\nyear: 2022\ntags: [gpu]\n'
TINY_INDEX = """Tiny list
=========

.. paper-table::
   :filter: tag:gpu
   :filter-box:

See :paper:`alpa`.
"""


@pytest.mark.package
def test_the_wheel_installs_and_builds_a_project(dist: dict[str, Path], tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.create(env, with_pip=True, clear=True)  # a new environment: nothing of ours in it
    python, bin_dir = env / "bin" / "python", env / "bin"
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(dist["wheel"]),
        ],
        cwd=tmp_path,
    )
    version = run([str(bin_dir / "sphinx-awesome"), "--version"], cwd=tmp_path)
    assert version.stdout.strip() == f"sphinx-awesome {VERSION}"
    where = run(
        [str(python), "-c", "import sphinx_awesome; print(sphinx_awesome.__file__)"], cwd=tmp_path
    )
    assert str(env) in where.stdout  # the installed copy, not the checkout

    project = tmp_path / "list"
    (project / "papers").mkdir(parents=True)
    (project / "conf.py").write_text(TINY_CONF, encoding="utf-8")
    (project / "papers" / "alpa.yaml").write_text(TINY_ENTRY, encoding="utf-8")
    (project / "index.rst").write_text(TINY_INDEX, encoding="utf-8")
    out = tmp_path / "html"
    run(
        [
            str(bin_dir / "sphinx-build"),
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(project),
            str(out),
        ],
        cwd=tmp_path,
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="paper-alpa"' in page and 'href="#paper-alpa"' in page
    assert "awesome-table.js" in page
    for asset in ("awesome.css", "awesome-table.js"):
        assert (out / "_static" / asset).is_file(), asset
    check = run([str(bin_dir / "sphinx-awesome"), "check"], cwd=project)
    assert "no problems" in check.stderr + check.stdout

"""Sessions: ``tests`` (the whole suite), ``docs`` (the book, with -W), ``check`` (the entry
files of the book, with ``sphinx-awesome check``), ``compat`` (the Sphinx-side tests and the
book on every supported combination of Python, Sphinx, docutils and myst-parser),
``package`` (sdist and wheel, checked with twine), ``lint``, ``typecheck`` and ``bench`` (the
scale benchmark). ``nox -s tests`` and ``nox -s docs`` are the two commands README gives;
each installs everything it needs.
"""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import subprocess

import nox

nox.options.sessions = ["tests", "docs", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

CHROMIUM = "/usr/bin/chromium"

#: The tested combinations, one table: Python, then the exact releases installed. "oldest"
#: is every floor pyproject.toml declares (Python, Sphinx, docutils, and the ``docs`` extra's
#: myst-parser and sphinx-book-theme); "newest" is the newest release of each on the newest
#: Python they support; "middle" is one step between. (``tests`` adds Python 3.11 with the
#: newest releases for it.) pyproject.toml's classifiers, README and the book's
#: getting-started page state the same range.
COMBINATIONS: dict[str, tuple[str, dict[str, str]]] = {
    "oldest": (
        "3.10",
        {
            "sphinx": "7.3.7",
            "docutils": "0.20",
            "myst-parser": "3.0.0",
            "sphinx-book-theme": "1.1.0",
            "pydata-sphinx-theme": "0.15.4",
            "furo": "2024.1.29",
            "bibtexparser": "2.1.0",
            "pylatexenc": "2.10",
            "requests": "2.31.0",
            "markdown-it-py": "3.0.0",
            "mdit-py-plugins": "0.4.0",
            "linkify-it-py": "2.0.0",
            "lxml": "5.0.0",
        },
    ),
    "middle": (
        "3.12",
        {
            "sphinx": "8.1.3",
            "docutils": "0.21.2",
            "myst-parser": "4.0.1",
            "sphinx-book-theme": "1.1.4",
            "pydata-sphinx-theme": "0.15.4",
            "furo": "2024.8.6",
        },
    ),
    "newest": (
        "3.13",
        {
            "sphinx": "9.2.0",
            "docutils": "0.23.1",
            "myst-parser": "5.2.0",
            "sphinx-book-theme": "1.4.0",
            "pydata-sphinx-theme": "0.20.0",
            "furo": "2025.12.19",
        },
    ),
}

#: Tests that need more than Sphinx: a browser, or building and installing the package.
NOT_SPHINX_SIDE = "not browser and not package"


@functools.cache
def interpreter(version: str) -> str:
    """``pythonX.Y`` from PATH when it runs, else the newest pyenv install of that version
    (pyenv's shims only run the versions that are switched on), else the bare version, for
    nox to report as missing."""
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "-c", ""], capture_output=True).returncode == 0:
        return found
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = glob.glob(
        os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")
    )
    exact = [c for c in candidates if re.search(rf"/{re.escape(version)}\.\d+/bin/", c)]
    if not exact:
        return version

    def release(path: str) -> tuple[int, ...]:
        numbers = re.search(r"/versions/([\d.]+)/", path)
        return tuple(int(n) for n in numbers.group(1).split(".")) if numbers else ()

    return max(exact, key=release)


def ensure_browser_tools(session: nox.Session) -> None:
    """The browser tests drive Debian's Chromium and check pages with axe-core, which npm
    fetches from its registry; install what is missing when we may (root, apt)."""
    missing = [
        package
        for package, present in (
            ("chromium", os.path.exists(CHROMIUM)),
            ("npm", shutil.which("npm")),
        )
        if not present
    ]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        session.run("apt-get", "update", "-q", external=True)
        session.run("apt-get", "install", "-y", "-q", *missing, external=True)
        return
    session.error(f"missing: {', '.join(missing)}: install Debian's packages (apt-get install)")


@nox.session(python=interpreter("3.11"))
def tests(session: nox.Session) -> None:
    """The whole test suite (unit, Sphinx builds, CLI, browser, the built wheel), with
    coverage, on the newest releases for Python 3.11."""
    ensure_browser_tools(session)
    session.install("-e", ".[test,browser]")
    args = session.posargs or ["--cov", "--cov-report=term:skip-covered", "-q"]
    session.run("pytest", *args)


@nox.session(python=interpreter("3.11"))
def docs(session: nox.Session) -> None:
    """Build the book with -W (warnings are errors), as Read the Docs does."""
    session.install("-e", ".[docs]")
    out = session.posargs[0] if session.posargs else "docs/_build/html"
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", out)


@nox.session(python=interpreter("3.11"))
def check(session: nox.Session) -> None:
    """``sphinx-awesome check`` on the book's entry files (arguments after ``--`` go to it:
    ``nox -s check -- docs/entries/alpa.yaml``)."""
    session.install("-e", ".")
    session.run("sphinx-awesome", "check", *session.posargs)


@nox.session
@nox.parametrize(
    ("python", "combination"),
    [(interpreter(python), name) for name, (python, _) in COMBINATIONS.items()],
    ids=list(COMBINATIONS),
)
def compat(session: nox.Session, combination: str) -> None:
    """The Sphinx-side tests and the book with exact releases: ``nox -s "compat(oldest)"``;
    ``nox -s compat`` runs every combination."""
    _, pins = COMBINATIONS[combination]
    session.install("-e", ".[test]", *(f"{name}=={version}" for name, version in pins.items()))
    session.run(
        "python",
        "-c",
        "import sys, sphinx, docutils, myst_parser; "
        "print(f'Python {sys.version.split()[0]}, Sphinx {sphinx.__version__}, '"
        "f'docutils {docutils.__version__}, myst-parser {myst_parser.__version__}')",
    )
    session.run("pytest", "-q", "-m", NOT_SPHINX_SIDE, *session.posargs)
    out = os.path.join(session.create_tmp(), "book")
    shutil.rmtree(out, ignore_errors=True)
    session.run("sphinx-build", "-W", "--keep-going", "-q", "-b", "html", "docs", out)


@nox.session(python=interpreter("3.11"))
def package(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/ and check them with twine."""
    session.install("build", "twine")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("twine", "check", "--strict", *sorted(glob.glob("dist/*")))


@nox.session(python=interpreter("3.11"))
def lint(session: nox.Session) -> None:
    session.install("ruff==0.17.6")  # the formatter's style is pinned with it
    paths = ("sphinx_awesome", "tests", "benchmarks", "noxfile.py", "docs/conf.py")
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session(python=interpreter("3.11"))
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[lint]")
    session.run("mypy")


@nox.session(python=interpreter("3.11"))
def bench(session: nox.Session) -> None:
    """The scale benchmark (benchmarks/README.md); arguments after ``--`` go to the script."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench_build.py", *session.posargs)

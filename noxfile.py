"""Sessions: ``tests`` (the whole suite), ``docs`` (the book, with -W), ``lint``,
``typecheck`` and ``bench`` (the scale benchmark). ``nox -s tests`` and ``nox -s docs`` are
the two commands README gives; each installs everything it needs.
"""

from __future__ import annotations

import os
import shutil

import nox

nox.options.sessions = ["tests", "docs", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

CHROMIUM = "/usr/bin/chromium"


def ensure_chromium(session: nox.Session) -> None:
    """The browser tests drive Debian's Chromium; install it when we may (root, apt)."""
    if os.path.exists(CHROMIUM):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        session.run("apt-get", "update", "-q", external=True)
        session.run("apt-get", "install", "-y", "-q", "chromium", external=True)
        return
    session.error(f"{CHROMIUM} is missing: install Debian's 'chromium' package (apt-get install chromium)")  # fmt: skip


@nox.session(python="3.11")
def tests(session: nox.Session) -> None:
    """The whole test suite (unit, Sphinx builds, CLI, browser), with coverage."""
    ensure_chromium(session)
    session.install("-e", ".[test]")
    args = session.posargs or ["--cov", "--cov-report=term:skip-covered", "-q"]
    session.run("pytest", *args)


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """Build the book with -W (warnings are errors), as Read the Docs does."""
    session.install("-e", ".[docs]")
    out = session.posargs[0] if session.posargs else "docs/_build/html"
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", out)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    session.install("ruff>=0.6")
    session.run("ruff", "check", "sphinx_awesome", "tests", "noxfile.py")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[lint]")
    session.run("mypy")


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """The scale benchmark (benchmarks/README.md); arguments after ``--`` go to the script."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench_build.py", *session.posargs)

"""Shared fixtures of the ``sphinx-awesome`` command tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_awesome.cli import main
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The list the project started from (its original README, as HTML), kept in the repository
#: so the suite needs nothing outside it.
SEED = FIXTURES / "seed" / "awesome-llm-training.html"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def seed_html() -> Path:
    """The real list the project starts from (``fixtures/seed/``)."""
    assert SEED.is_file(), f"the seed list is missing: expected {SEED}"
    return SEED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def venues() -> VenueList:
    return VenueList(BUILTIN_VENUES)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current directory without a conf.py, so no project is picked up by accident."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``sphinx-awesome`` in-process: ``(exit status, stdout, stderr)``."""

    def runner(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return runner

"""Shared fixtures of the ``sphinx-awesome`` command tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_awesome.cli import main
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "awesome-llm-training.html"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def seed_html() -> Path:
    """The real list the project starts from (``shared/seed/`` beside the repository)."""
    if not SEED.is_file():
        pytest.fail(f"the seed list is missing: expected {SEED} (shared/ must sit beside the repository)")  # fmt: skip
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

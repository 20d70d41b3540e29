from __future__ import annotations

from pathlib import Path

import pytest
from versions import show_warning_types_by_default

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its ``test-<name>`` projects."""
    return ROOTS


def pytest_configure(config: pytest.Config) -> None:
    show_warning_types_by_default()

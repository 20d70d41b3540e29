"""A build killed with SIGKILL at any point is followed by a build equal to a fresh one: the
same pages, indices and inventory, and the same warnings (kill harness: tests/killing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from killing import POINTS, run_scenario


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_killed_build_is_followed_by_a_build_equal_to_a_fresh_one(
    tmp_path: Path, jobs: int
) -> None:
    points = list(POINTS) if jobs == 1 else ["html-page-context#3", "env-updated"]
    outcomes = run_scenario(tmp_path, size=60, points=points, jobs=jobs)
    assert [o.point for o in outcomes if not o.killed] == []  # every point was reached
    for outcome in outcomes:
        assert outcome.recovery_code == 0, outcome
        assert outcome.differ == [], outcome
        assert outcome.missing_warnings == [], outcome

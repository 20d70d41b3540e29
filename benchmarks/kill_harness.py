"""Kill harness at scale: kill ``sphinx-build`` (SIGKILL) at several points of an incremental
build of a generated list, build again, compare with a fresh build; print a table.

    python benchmarks/kill_harness.py [--size 2000] [--jobs 1,2] [--after 0.6,1.2,1.8,2.4]

Points are the events of tests/killing.py plus kills from outside after a number of seconds
into the build (``after:<s>``). Every row must say ``equal``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from killing import POINTS, run_scenario


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--after", default="0.6,1.2,1.8,2.4", help="seconds into the build")
    args = parser.parse_args()
    size = args.size
    changes = (size // 40, size // 20, size // 100, 10)  # edited, deleted, added, documents
    failures = 0
    print(
        f"{size} entries; edited {changes[0]}, deleted {changes[1]}, added {changes[2]}, "
        f"{changes[3]} documents changed"
    )
    print(f"{'jobs':>4}  {'point':<24} {'killed':<7} {'recovery':>9}  result")
    for jobs in (int(j) for j in args.jobs.split(",")):
        points = [*POINTS, *(f"after:{s}" for s in args.after.split(",") if s)]
        with tempfile.TemporaryDirectory() as base:
            started = time.perf_counter()
            outcomes = run_scenario(Path(base), size, points, jobs=jobs, changes=changes)
            for o in outcomes:
                ok = o.recovery_code == 0 and not o.differ and not o.missing_warnings
                failures += not ok
                result = (
                    "equal to fresh" if ok else f"DIFFERS: {o.differ[:5]} {o.missing_warnings[:3]}"
                )
                print(
                    f"{jobs:>4}  {o.point:<24} {o.killed!s:<7} {o.recovery_seconds:>8.2f}s  "
                    f"{result}"
                )
            print(f"      ({time.perf_counter() - started:.0f} s for jobs={jobs})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

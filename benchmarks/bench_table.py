"""One table of N entries: a ``paper-table`` against the same rows as a hand-made list-table.

    python benchmarks/bench_table.py [--entries 1000] [--runs 3]

Both projects hold one page (plus ``index``) with one table of every entry and the same six
columns; the entry project reads one YAML file per entry. Each build is a fresh
``sphinx-build -b html -j 1`` process; the median wall and CPU times are printed. The data,
the list-table writer and the build wrapper are those of ``bench_build.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_build import (
    COLUMNS,
    CONF_COMMON,
    ListTableBook,
    entry_yaml,
    heading,
    make_dataset,
    ordered,
    rst_escape,
    sphinx_build,
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def entry_project(root: Path, n: int) -> Path:
    data = make_dataset(n)
    src = root / "entries-src"
    write(
        src / "conf.py",
        CONF_COMMON + 'extensions = ["sphinx_awesome"]\nawesome_entries = ["entries/*.yaml"]\n',
    )
    write(src / "index.rst", heading("One table") + "\n.. toctree::\n\n   table\n")
    for paper in data.papers:
        write(src / "entries" / f"{paper.id}.yaml", entry_yaml(paper))
    write(
        src / "table.rst",
        heading("Every entry")
        + f"\n.. paper-table::\n   :sort: -year, title\n   :columns: {', '.join(COLUMNS)}\n"
        + "   :filter-box:\n",
    )
    return src


def list_table_project(root: Path, n: int) -> Path:
    data = make_dataset(n)
    src = root / "list-src"
    write(src / "conf.py", CONF_COMMON + "extensions = []\n")
    write(src / "index.rst", heading("One table") + "\n.. toctree::\n\n   table\n")
    rows = [
        ListTableBook.cells(p, f".. _paper-{p.id}:\n\n{rst_escape(p.title)}")
        for p in ordered(data.papers, by_year=True)
    ]
    write(src / "table.rst", heading("Every entry") + "\n" + ListTableBook.table(rows))
    return src


def median_build(src: Path, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for run in range(runs):
        build = sphinx_build(src, src.parent / f"out-{src.name}-{run}")
        if build.problems:
            raise SystemExit(f"{src.name}: " + "\n".join(build.problems))
        walls.append(build.seconds)
        cpus.append(build.cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        entry_wall, entry_cpu = median_build(entry_project(root, args.entries), args.runs)
        list_wall, list_cpu = median_build(list_table_project(root, args.entries), args.runs)
    print(f"one table of {args.entries} entries, median of {args.runs} full builds")
    print(f"  paper-table : {entry_wall:6.2f} s wall  {entry_cpu:6.2f} s CPU")
    print(f"  list-table  : {list_wall:6.2f} s wall  {list_cpu:6.2f} s CPU")
    print(f"  ratio       : {entry_wall / list_wall:6.3f} wall  {entry_cpu / list_cpu:6.3f} CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

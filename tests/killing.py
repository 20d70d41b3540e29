"""A harness that kills ``sphinx-build`` with SIGKILL at chosen points of an incremental build,
builds again, and compares the result with a fresh build of the same sources.

A point is ``event`` or ``event#n`` (the n-th time the event fires), or ``after:<seconds>``
(a kill from outside, after that long). Event kills come from a tiny extension that every
build of the project loads (so the configuration never changes between builds) and that
acts only when ``AWESOME_KILL_AT`` is set; it kills the whole process group, so parallel
workers die with the main process.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# One rule for "equal to a fresh build" with the build benchmark (benchmarks/bench_build.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_build import stale_free_searchindex

KILLER = """\
import os
import signal

POINT = os.environ.get("AWESOME_KILL_AT", "")


def setup(app):
    if POINT and not POINT.startswith("after:"):
        event, _, count = POINT.partition("#")
        seen = []

        def kill(*args):
            seen.append(1)
            if len(seen) >= int(count or 1):
                os.killpg(os.getpgid(0), signal.SIGKILL)

        app.connect(event, kill, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""

#: Points of a build, in the order a build reaches them.
POINTS = (
    "env-before-read-docs",  # nothing read yet
    "doctree-read#2",  # some documents read
    "env-updated",  # rows computed, environment not yet saved
    "env-check-consistency",  # environment saved, nothing written
    "html-page-context#1",  # the first page being written
    "html-page-context#4",  # some pages written
    "build-finished",  # everything written, the build not yet over
)

WARNING_RE = re.compile(r"WARNING: (.*)$", re.M)


@dataclass
class Project:
    """A generated list: *size* one-entry files, category pages, reference pages."""

    root: Path
    size: int
    seed: int = 1
    deleted: list[str] = field(default_factory=list)

    @property
    def src(self) -> Path:
        return self.root / "src"

    def write(self) -> None:
        rng = random.Random(self.seed)
        (self.src / "entries").mkdir(parents=True, exist_ok=True)
        (self.src / "_killer.py").write_text(KILLER, "utf-8")
        (self.src / "conf.py").write_text(
            "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
            "project = 'Killed'\nextensions = ['sphinx_awesome', '_killer']\n"
            "awesome_entries = ['entries/*.yaml']\nexclude_patterns = ['_build']\n",
            "utf-8",
        )
        topics = [f"t{i}" for i in range(6)]
        for i in range(self.size):
            self.entry(i, f"Paper {i}: on {rng.choice(topics)}", rng.choice(topics))
        for topic in topics:
            self.page(f"{topic}.rst", f".. paper-table::\n   :filter: tag:{topic}\n")
        self.page("all.rst", ".. paper-table::\n   :sort: -year, title\n   :filter-box:\n")
        refs = " ".join(f":paper:`e{i}`" for i in range(0, self.size, max(1, self.size // 10)))
        self.page("refs.rst", f"See {refs}.\n")
        self.page("plain.rst", "Nothing here.\n")
        toctree = "\n".join(f"   {name}" for name in [*topics, "all", "refs", "plain"])
        self.page("index.rst", f".. toctree::\n\n{toctree}\n", title="Killed")

    def entry(self, i: int, title: str, tag: str) -> None:
        text = f"id: e{i}\ntitle: {json.dumps(title)}\nyear: {2015 + i % 10}\ntags: [{tag}]\n"
        (self.src / "entries" / f"e{i}.yaml").write_text(text, "utf-8")

    def page(self, name: str, body: str, title: str | None = None) -> None:
        heading = title or name.removesuffix(".rst").capitalize()
        text = f"{heading}\n{'=' * len(heading)}\n\n{body}"
        path = self.src / name
        if path.exists() and path.read_text("utf-8") == text:
            return
        path.write_text(text, "utf-8")
        bump(path)

    def change(self, edited: int, deleted: int, added: int, touched: int) -> None:
        """Edit, delete and add entries, change documents, and refer to deleted entries."""
        rng = random.Random(self.seed + 1)
        ids = list(range(self.size))
        rng.shuffle(ids)
        for i in ids[:edited]:
            self.entry(i, f"Edited {i}: now on t{i % 6}", f"t{(i + 1) % 6}")
            bump(self.src / "entries" / f"e{i}.yaml")
        for i in ids[edited : edited + deleted]:
            (self.src / "entries" / f"e{i}.yaml").unlink()
            self.deleted.append(f"e{i}")
        for i in range(self.size, self.size + added):
            self.entry(i, f"Added {i}: new", f"t{i % 6}")
        gone = " ".join(f":paper:`{name}`" for name in self.deleted[:3])
        self.page("refs.rst", f"Now see {gone} and :paper:`e{ids[0]}`.\n")
        for n in range(touched):
            self.page(f"t{n}.rst", f"Changed text {n}.\n\n.. paper-table::\n   :filter: tag:t{n}\n")


def bump(path: Path) -> None:
    """Make sure a changed file's modification time differs from the last build's."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, max(stat.st_mtime_ns, time.time_ns()) + 2_000_000_000))


@dataclass
class Build:
    code: int
    seconds: float
    warnings: list[str]


def sphinx_build(src: Path, out: Path, *, jobs: int = 1, kill_at: str = "") -> Build:
    """Run sphinx-build in its own process group, killed at *kill_at* if given."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color"]
    command += ["-j", str(jobs), "-d", str(out.parent / "doctrees"), str(src), str(out)]
    env = {**os.environ, "AWESOME_KILL_AT": kill_at}
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    if kill_at.startswith("after:"):
        try:
            process.wait(timeout=float(kill_at.removeprefix("after:")))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    _, err = process.communicate(timeout=600)
    return Build(process.returncode, time.perf_counter() - started, WARNING_RE.findall(err))


def outputs(out: Path) -> dict[str, bytes]:
    """Every page, the search index (its data, ordered) and the inventory of a build."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.html"))}
    found["objects.inv"] = (out / "objects.inv").read_bytes()
    # the benchmark's rule: ordered, without the terms that lead to no page (an incremental
    # build keeps them; a reader's search finds the same pages)
    found["searchindex.js"] = stale_free_searchindex((out / "searchindex.js").read_bytes())[0]
    return found


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@dataclass
class Outcome:
    point: str
    jobs: int
    killed: bool
    differ: list[str]
    recovery_code: int
    missing_warnings: list[str]
    recovery_seconds: float


def run_scenario(
    base: Path, size: int, points: list[str], jobs: int = 1, changes: tuple[int, ...] = ()
) -> list[Outcome]:
    """For each point: build, change the sources, build killed at the point, build again;
    compare with a fresh build of the changed sources (pages and warnings)."""
    edited, deleted, added, touched = changes or (size // 20, size // 10, size // 40, 2)
    pristine = base / "pristine"
    project = Project(pristine, size)
    project.write()
    sphinx_build(project.src, pristine / "out", jobs=jobs)
    project.change(edited, deleted, added, touched)
    fresh_root = base / "fresh"
    shutil.copytree(project.src, fresh_root / "src")
    fresh = sphinx_build(fresh_root / "src", fresh_root / "out", jobs=jobs)
    expected = outputs(fresh_root / "out")
    results = []
    work = base / "work"
    for point in points:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(pristine, work, symlinks=True)
        # The copy keeps the build's own paths valid: it is moved to where it was built.
        live = pristine.with_name("live")
        shutil.rmtree(live, ignore_errors=True)
        pristine.rename(live)
        work.rename(pristine)
        try:
            killed = sphinx_build(pristine / "src", pristine / "out", jobs=jobs, kill_at=point)
            again = sphinx_build(pristine / "src", pristine / "out", jobs=jobs)
            got = outputs(pristine / "out")
        finally:
            shutil.rmtree(pristine)
            live.rename(pristine)
        # A build that finished (the point was never reached) showed its warnings itself.
        shown = set(again.warnings) | (set() if killed.code else set(killed.warnings))
        missing = sorted(set(fresh.warnings) - shown)
        results.append(
            Outcome(
                point,
                jobs,
                killed.code != 0,
                differences(expected, got),
                again.code,
                missing,
                again.seconds,
            )
        )
    return results

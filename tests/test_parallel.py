"""Parallel builds (``-j 2``) write exactly what serial builds write, fresh and incremental."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

ROOTS = Path(__file__).parent / "roots"
COMPARED = (".html", ".js", ".inv")


def sphinx_build(src: Path, out: Path, jobs: int) -> None:
    code = build_main(
        ["-q", "-b", "html", "-j", str(jobs), "-d", str(out / ".doctrees"), str(src), str(out)]
    )
    assert code == 0


def outputs(out: Path) -> dict[str, bytes]:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.suffix in COMPARED and ".doctrees" not in path.parts
    }


def assert_identical(serial: dict[str, bytes], parallel: dict[str, bytes]) -> None:
    assert sorted(serial) == sorted(parallel)
    assert "searchindex.js" in serial and "objects.inv" in serial
    different = [name for name in serial if serial[name] != parallel[name]]
    assert different == []  # every page, the search index and the inventory, byte for byte


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("parallel") / "src"
    shutil.copytree(ROOTS / "test-parallel", src)
    return src


def test_parallel_build_is_identical(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sphinx_build(source, tmp_path / "j1", 1)
    sphinx_build(source, tmp_path / "j2", 2)
    assert "WARNING" not in capsys.readouterr().err
    serial, parallel = outputs(tmp_path / "j1"), outputs(tmp_path / "j2")
    assert len([name for name in serial if name.endswith(".html")]) >= 15
    assert_identical(serial, parallel)


def test_parallel_incremental_build_is_identical(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-parallel", src)
    sphinx_build(src, tmp_path / "j2", 2)
    # Edit an entry file and two documents, one of them holding canonical rows.
    alpa = src / "entries" / "alpa.yaml"
    alpa.write_text(alpa.read_text("utf-8").replace("Alpa:", "Alpa 2:"), "utf-8")
    for name in ("p01.rst", "p07.rst"):
        page = src / name
        page.write_text(page.read_text("utf-8") + "\nEdited.\n", "utf-8")
    for path in (alpa, src / "p01.rst", src / "p07.rst"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    sphinx_build(src, tmp_path / "j2", 2)
    fresh = tmp_path / "fresh"
    shutil.copytree(src, fresh)
    sphinx_build(fresh, tmp_path / "j1", 1)
    assert_identical(outputs(tmp_path / "j1"), outputs(tmp_path / "j2"))


def test_parallel_build_gives_the_same_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-warnings", src)
    found = {}
    for jobs in (1, 2):
        code = build_main(
            [
                "-q",
                "--no-color",
                "-b",
                "html",
                "-j",
                str(jobs),
                str(src),
                str(tmp_path / f"j{jobs}"),
            ]
        )
        assert code == 0
        found[jobs] = sorted(
            line for line in capsys.readouterr().err.splitlines() if "WARNING" in line
        )
    assert len(found[1]) > 20
    assert found[1] == found[2]
    assert_identical(outputs(tmp_path / "j1"), outputs(tmp_path / "j2"))

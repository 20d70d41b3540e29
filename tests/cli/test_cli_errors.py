"""Every failure of the command is one line on standard error and exit status 2: paths that
cannot be written, settings of the wrong type. Never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "title: 'Alpa: A'\nvenue: OSDI\nyear: 2022\n"


def sphinx_awesome(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx_awesome.cli", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def one_error_line(done: subprocess.CompletedProcess[str], command: str) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sphinx-awesome {command}: error: "), lines
    return lines[0]


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "alpa.yaml").write_text(ENTRY, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("out", "Is a directory"),  # an existing directory
        ("file.txt/out.md", "Not a directory"),  # a parent that is a file
        ("/sys/sphinx-awesome-test.md", "Permission denied"),  # read-only, even for root
    ],
)
def test_export_to_a_path_that_cannot_be_written(papers: Path, target: str, reason: str) -> None:
    (papers / "out").mkdir()
    (papers / "file.txt").write_text("x", "utf-8")
    done = sphinx_awesome(papers, "export", "--format", "json", "--no-conf", "papers", "-o", target)
    line = one_error_line(done, "export")
    assert reason in line


def test_import_into_a_directory_that_cannot_be_written(papers: Path) -> None:
    (papers / "list.md").write_text("# L\n\n## A\n\n- [Alpa: A](https://e.org/a)\n", "utf-8")
    done = sphinx_awesome(papers, "import", "list.md", "--no-conf", "-o", "/sys/sphinx-awesome-out")
    line = one_error_line(done, "import")
    assert "/sys/sphinx-awesome-out" in line


def test_check_with_a_setting_of_the_wrong_type(papers: Path) -> None:
    (papers / "conf.py").write_text("awesome_entries = 5\n", "utf-8")
    done = sphinx_awesome(papers, "check")
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert "sets no awesome_entries" in done.stderr or "awesome_entries" in done.stdout

"""The ``sphinx-awesome`` entry point: arguments, exit statuses, ``python -m``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sphinx_awesome.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_version_and_help(run) -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("sphinx-awesome ")
    for command in ([], ["check"], ["import"], ["export"]):
        code, out, _ = run(*command, "--help")
        assert code == 0
        assert "usage: sphinx-awesome" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "xml"],
        ["export", "x.yaml"],  # --format is required
        ["export", "--format", "docx"],
        ["import", "list.md"],  # -o is required
        ["import", "missing.md", "-o", "out"],
        ["check", "--select", "NOPE", "x.yaml"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], workdir: Path, run) -> None:
    code, _, err = run(*argv)
    assert code == 2
    assert err


def test_import_into_a_file_is_a_usage_error(fixtures: Path, workdir: Path, run) -> None:
    (workdir / "out").write_text("", encoding="utf-8")
    code, _, err = run("import", str(fixtures / "bullets.md"), "-o", "out")
    assert code == 2
    assert "out is not a directory" in err


def test_main_reads_sys_argv(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["sphinx-awesome", "--version"])
    assert main() == 0
    assert capsys.readouterr().out.startswith("sphinx-awesome")


def test_python_dash_m(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: A\nvenue: OSID\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_awesome.cli", "check", "a.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == "a.yaml:2:1: AW140 unknown venue 'OSID' (did you mean 'OSDI'?)\n"
    assert done.stderr == "1 problem in 1 file (1 entry)\n"


def test_import_reads_awesome_venues_from_conf_py(workdir: Path, run) -> None:
    (workdir / "conf.py").write_text("awesome_venues = {'MyConf': ['MC']}\n", encoding="utf-8")
    (workdir / "list.md").write_text(
        "# L\n\n## S\n\n- [A](https://e.org/a) [MC'21]\n", encoding="utf-8"
    )
    code, out, _ = run("import", "list.md", "-o", "out")
    assert code == 0, out
    assert "venue 'MC' written as 'MyConf' (1 entry)" in out
    assert (
        yaml.safe_load((workdir / "out" / "a.yaml").read_text(encoding="utf-8"))["venue"]
        == "MyConf"
    )


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in hooks if hook["id"] == "sphinx-awesome-check")
    assert hook["entry"] == "sphinx-awesome check"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.(ya?ml)$"
    assert hook["pass_filenames"] is True

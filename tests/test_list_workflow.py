"""The workflow of a list's repository (docs/examples/list-repository/, shown in the guide's
"A list's repository" page), run step by step on a copy of it, as its CI and a contributor
would: pre-commit's hooks, the Read the Docs build, the scheduled link check.

Each step runs the command the repository's own files name (.pre-commit-config.yaml,
.readthedocs.yaml, .github/workflows/*.yml), so the files cannot drift from what works.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from linkserver import LinkServer

TEMPLATE = Path(__file__).parents[1] / "docs" / "examples" / "list-repository"
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")

NEW_ENTRY = """\
title: "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism"
authors: [Mohammad Shoeybi, Mostofa Patwary, Raul Puri]
venue: {venue}
year: 2019
links:
  paper: https://arxiv.org/abs/1909.08053
tags: [tensor-parallelism]
categories: [parallelism]
added: 2024-07-01
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Git clone of the example repository, with the test's Python first on PATH (the hooks
    are ``language: system``: they run the sphinx-awesome installed beside it)."""
    root = tmp_path / "awesome-example"
    shutil.copytree(TEMPLATE, root)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    monkeypatch.setenv("SPHINX_AWESOME_LINK_CACHE", str(tmp_path / "links.json"))
    for name, value in (("NAME", "Maintainer"), ("EMAIL", "maintainer@example.org")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The list")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def sh(root: Path, command: str) -> tuple[int, str]:
    """One workflow command as its file writes it; (exit status, output)."""
    argv = shlex.split(command)
    if argv[0] == "python":
        argv[0] = sys.executable
    elif argv[0] == "pre-commit":
        argv = [sys.executable, "-m", "pre_commit", *argv[1:]]
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=600)
    return done.returncode, ANSI_RE.sub("", done.stdout + done.stderr)


def workflow_command(root: Path, name: str, contains: str) -> str:
    """The ``run:`` of the step of ``.github/workflows/<name>.yml`` that contains *contains*."""
    workflow = yaml.safe_load((root / ".github" / "workflows" / f"{name}.yml").read_text("utf-8"))
    runs = [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]
    (command,) = [run for run in runs if contains in run]
    return command


def test_the_example_repository_is_in_step_as_committed(repo: Path) -> None:
    code, out = sh(repo, workflow_command(repo, "checks", "pre-commit run"))
    assert code == 0, out
    assert "entry files are valid" in out and "README.md is in step with the entries" in out


def test_a_contribution_goes_through_the_gate(repo: Path) -> None:
    # A contributor adds an entry with a misspelt venue and forgets the README.
    new = repo / "docs" / "entries" / "megatron-lm.yaml"
    new.write_text(NEW_ENTRY.format(venue="arXivv"), "utf-8")
    git(repo, "add", "-A")
    code, out = sh(repo, "pre-commit run")  # what `git commit` runs once installed
    assert code == 1
    assert (
        "docs/entries/megatron-lm.yaml:3:1: AW140 unknown venue 'arXivv' (did you mean 'arXiv'?)"
    ) in out
    assert "README.md is out of date" in out and '+| <a id="megatron-lm"' in out
    # Fixed as the messages say: the venue, then the README by the command the hook prints.
    new.write_text(NEW_ENTRY.format(venue="arXiv"), "utf-8")
    (printed,) = re.findall(r"sphinx-awesome export --format markdown -o README\.md[^\n]*", out)
    assert sh(repo, printed)[0] == 0
    git(repo, "add", "-A")
    code, out = sh(repo, "pre-commit run")
    assert code == 0, out
    assert "Megatron-LM" in (repo / "README.md").read_text("utf-8")


def test_the_read_the_docs_build(repo: Path, tmp_path: Path) -> None:
    config = yaml.safe_load((repo / ".readthedocs.yaml").read_text("utf-8"))
    assert config["sphinx"]["fail_on_warning"] is True
    requirements = (repo / config["python"]["install"][0]["requirements"]).read_text("utf-8")
    assert "./sphinx-awesome" in requirements.split()  # the submodule the config checks out
    source = (repo / config["sphinx"]["configuration"]).parent
    out = tmp_path / "html"
    command = f"python -m sphinx -W --keep-going -b html {source} {out}"  # as Read the Docs
    code, output = sh(repo, command)
    assert code == 0, output
    page = (out / "index.html").read_text("utf-8")
    assert "ZeRO: Memory Optimizations" in page and 'id="paper-alpa"' in page
    # a bad entry fails the build, so the last good book stays online
    (source / "entries" / "broken.yaml").write_text("title: [oops\n", "utf-8")
    code, output = sh(repo, f"python -m sphinx -W --keep-going -b html {source} {out}")
    assert code == 1 and "broken.yaml:" in output and "Traceback" not in output


def test_the_scheduled_link_check(repo: Path) -> None:
    with LinkServer() as server:
        # The entries' links, served by a local server instead of the web; one is dead.
        for file in (repo / "docs" / "entries").glob("*.yaml"):
            text = re.sub(
                r"https://([^\s]+)", lambda m: server.url(f"/page/{m.group(1)}"), file.read_text()
            )
            file.write_text(text, "utf-8")
        zero = repo / "docs" / "entries" / "zero.yaml"
        zero.write_text(
            re.sub(r"code: \S+", f"code: {server.url('/missing')}", zero.read_text()), "utf-8"
        )
        command = workflow_command(repo, "links", "--links")
        code, out = sh(repo, f"{command} --timeout 2 --retries 0")
    assert code == 1
    (dead,) = [line for line in out.splitlines() if "AW161" in line]
    assert dead.startswith("docs/entries/zero.yaml:7:") and "404" in dead, dead
    assert not [line for line in out.splitlines() if "AW161" in line and "alpa" in line]

"""One set of rules: the build and ``sphinx-awesome check`` run the same checks through one
code path, each problem at the severity ``awesome_checks`` gives its code (``error``,
``warning``, ``info``, ``off``); by default what would mislead a reader is a warning."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sites import build_source
from sphinx.cmd.build import build_main

from sphinx_awesome.cli import main

ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
ENTRIES = {
    "a.yaml": "title: 'Alpa: A'\nvenue: OSDII\nyear: 2022\nlinks: {arxiv: 2201.12023}\n",
    "b.yaml": "title: 'Beta: B'\nvenue: OSDI\nlinks: {arxiv: 'https://arxiv.org/abs/2201.12023'}\n",
    "c.yaml": "title: 'Gamma: C'\nvenue: NIPS\nlinks: {paper: 'http://e.org/c'}\n",
}


def project(root: Path, checks: str = "") -> Path:
    src = root / "docs"
    (src / "entries").mkdir(parents=True, exist_ok=True)
    conf = "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n" + checks
    (src / "conf.py").write_text(conf, "utf-8")
    (src / "index.rst").write_text("T\n=\n\n.. paper-table::\n", "utf-8")
    for name, text in ENTRIES.items():
        (src / "entries" / name).write_text(text, "utf-8")
    return src


def build_messages(src: Path) -> set[tuple[str, int, str, str]]:
    """(file, line, level, subtype) of every awesome message of a build."""
    app = build_source(src, verbosity=1)
    text = ANSI_RE.sub("", app.status.getvalue() + app.warning.getvalue())
    found = set()
    for match in re.finditer(
        r"(?m)^(?P<path>\S+?):(?P<line>\d+): (?:(?P<level>WARNING|ERROR): )?(?P<message>.*?)"
        r"(?: \[awesome\.(?P<subtype>[a-z-]+)\])?$",
        text,
    ):
        level = (match["level"] or "info").lower()
        subtype = match["subtype"] or _subtype_of(match["message"])
        found.add((Path(match["path"]).name, int(match["line"]), level, subtype))
    return found


def _subtype_of(message: str) -> str:
    if "http://" in message:
        return "insecure-url"
    if "is written" in message:
        return "venue-alias"
    return "?"


def check_messages(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, int, str, str]]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        main(["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    import json

    data = json.loads(capsys.readouterr().out)
    return {
        (Path(p["path"]).name, p["line"], p["severity"], p["subtype"]) for p in data["problems"]
    }


def test_the_build_and_check_report_the_same_problems_at_the_same_severities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = project(tmp_path)
    from_check = check_messages(tmp_path, capsys)
    assert from_check == {
        ("a.yaml", 2, "warning", "unknown-venue"),
        ("b.yaml", 3, "warning", "duplicate-arxiv"),
        ("c.yaml", 2, "info", "venue-alias"),
        ("c.yaml", 3, "info", "insecure-url"),
    }
    assert build_messages(src) == from_check


def test_a_W_build_fails_on_what_misleads_a_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = project(tmp_path)
    code = build_main(["-W", "--keep-going", "-q", "-b", "html", str(src), str(tmp_path / "o")])
    err = ANSI_RE.sub("", capsys.readouterr().err)
    assert code == 1
    assert "unknown venue 'OSDII' (did you mean 'OSDI'?)" in err
    assert "[awesome.duplicate-arxiv]" in err
    assert "http://" not in err  # info: shown without -q, never a failure


@pytest.mark.parametrize(
    ("checks", "fails", "level"),
    [
        ("awesome_checks = {'AW140': 'off', 'duplicate-arxiv': 'info'}\n", False, None),
        (
            "awesome_checks = {'AW140': 'off', 'duplicate-arxiv': 'off', 'AW160': 'error'}\n",
            True,
            "ERROR",
        ),
    ],
)
def test_severities_are_the_maintainers_choice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], checks: str, fails: bool, level: str | None
) -> None:
    src = project(tmp_path, checks)
    code = build_main(["-W", "--keep-going", "-q", "-b", "html", str(src), str(tmp_path / "o")])
    err = ANSI_RE.sub("", capsys.readouterr().err)
    assert code == (1 if fails else 0), err
    if level:
        assert f"c.yaml:3: {level}: link 'paper' uses http://" in err
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["check"]) == (1 if fails else 0)
    finally:
        os.chdir(cwd)


def test_a_bad_awesome_checks_value_names_the_setting(tmp_path: Path) -> None:
    src = project(tmp_path, "awesome_checks = {'AW999': 'warning', 'AW140': 'loud'}\n")
    app = build_source(src)
    warnings = ANSI_RE.sub("", app.warning.getvalue())
    assert "awesome_checks: unknown problem code 'AW999'" in warnings
    assert "awesome_checks: 'AW140': severity 'loud' is not one of" in warnings


def test_a_new_duplicate_of_an_unchanged_entry_is_reported_when_it_arises(tmp_path: Path) -> None:
    src = project(tmp_path, "awesome_checks = {'AW140': 'off', 'duplicate-arxiv': 'off'}\n")
    (src / "entries" / "c.yaml").write_text(
        "title: 'Gamma: C'\nlinks: {paper: 'https://e.org/c'}\n", "utf-8"
    )
    app = build_source(src)
    assert "duplicate-url" not in app.warning.getvalue()
    # a new file, read before c.yaml, with c's link: the problem is on c.yaml, which did not
    # change, and is reported because it involves the new file
    (src / "entries" / "0.yaml").write_text(
        "title: 'Zero: Z'\nlinks: {paper: 'https://e.org/c/'}\n", "utf-8"
    )
    app = build_source(src)
    (warning,) = ANSI_RE.sub("", app.warning.getvalue()).splitlines()
    assert "c.yaml:2: WARNING: link 'paper' points to the same page" in warning
    assert warning.endswith("[awesome.duplicate-url]")

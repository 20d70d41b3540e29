"""Hostile settings and file systems: bad ``awesome_*`` values, entry files behind symbolic
links, files that become readable again. Each gives one clear warning, never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sites import build_source
from sphinx.cmd.build import build_main
from versions import W_STOPS_AT_FIRST_WARNING

ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def project(src: Path, conf: str, entries: dict[str, str] | None = None) -> Path:
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text("extensions = ['sphinx_awesome']\n" + conf, "utf-8")
    (src / "index.rst").write_text("Title\n=====\n\n.. paper-table::\n", "utf-8")
    for name, text in (entries or {"entries/a.yaml": "title: 'Alpa: A'\n"}).items():
        (src / name).write_text(text, "utf-8")
    return src


def warnings(text: str) -> list[str]:
    return [line for line in ANSI_RE.sub("", text).splitlines() if "WARNING" in line]


@pytest.mark.parametrize(
    ("conf", "setting"),
    [
        ("awesome_entries = [5, None, 'entries/*.yaml']\n", "awesome_entries"),
        ("awesome_entries = ['entries/*.yaml']\nawesome_venues = {'OSDI': 5}\n", "awesome_venues"),
        (
            "awesome_entries = ['entries/*.yaml']\nawesome_default_columns = [1, 2]\n",
            "awesome_default_columns",
        ),
        (
            "awesome_entries = ['entries/*.yaml']\nawesome_categories = {'a': ['b']}\n",
            "awesome_categories",
        ),
    ],
)
def test_a_bad_setting_is_one_warning_at_conf_py_and_W_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], conf: str, setting: str
) -> None:
    src = project(tmp_path / "src", conf)
    code = build_main(["-W", "--no-color", "-q", "-b", "html", str(src), str(tmp_path / "out")])
    err = ANSI_RE.sub("", capsys.readouterr().err)
    assert "Traceback" not in err and "Extension error" not in err
    line = next(n for n, t in enumerate(conf.splitlines(), 2) if t.startswith(setting))
    if W_STOPS_AT_FIRST_WARNING:
        assert code == 2
        assert f"Warning, treated as error:\n{src / 'conf.py'}:{line}:{setting}:" in err
    else:
        assert code == 1
        (warning,) = warnings(err)
        assert f"conf.py:{line}: WARNING: {setting}" in warning
        assert warning.endswith("[awesome.config]")
    # without -W the entry still renders
    app = build_source(src)
    assert "Alpa: A" in (Path(app.outdir) / "index.html").read_text("utf-8")


def test_an_entry_file_linked_from_outside_the_source_is_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: 'Secret: from outside'\n", "utf-8")
    src = project(tmp_path / "src", "awesome_entries = ['entries/*.yaml']\n")
    os.symlink(outside, src / "entries" / "link.yaml")
    (src / "kept").mkdir()
    (src / "kept" / "b.yaml").write_text("title: 'Beta: linked from inside'\n", "utf-8")
    (src / "entries" / "inside.yaml").symlink_to(src / "kept" / "b.yaml")
    app = build_source(src)
    (warning,) = warnings(app.warning.getvalue())
    assert "link.yaml" in warning and "outside the source directory" in warning
    assert warning.endswith("[awesome.outside-srcdir]")
    page = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "from outside" not in page and "Alpa: A" in page


def test_a_pattern_reaching_outside_the_source_needs_the_setting(tmp_path: Path) -> None:
    (tmp_path / "beside").mkdir()
    (tmp_path / "beside" / "s.yaml").write_text("title: 'Shared: S'\n", "utf-8")
    src = project(tmp_path / "src", "awesome_entries = ['../beside/*.yaml']\n")
    app = build_source(src)
    assert any("outside the source directory" in w for w in warnings(app.warning.getvalue()))
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\nawesome_entries = ['../beside/*.yaml']\n"
        "awesome_allow_outside_srcdir = True\n",
        "utf-8",
    )
    app = build_source(src)
    assert warnings(app.warning.getvalue()) == []
    assert "Shared: S" in (Path(app.outdir) / "index.html").read_text("utf-8")


def test_a_pattern_matching_many_files_outside_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "beside").mkdir()
    for n in range(30):
        (tmp_path / "beside" / f"s{n}.yaml").write_text(f"title: 'Shared {n}'\n", "utf-8")
    src = project(tmp_path / "src", "awesome_entries = ['entries/*.yaml', '../beside/*.yaml']\n")
    app = build_source(src)
    (warning,) = warnings(app.warning.getvalue())  # not 30, and not "no file matches" too
    assert "30 entry files in '../beside' resolve outside the source directory" in warning
    assert str((tmp_path / "beside").resolve()) in warning
    assert warning.endswith("[awesome.outside-srcdir]")
    assert "Shared 1" not in (Path(app.outdir) / "index.html").read_text("utf-8")


def test_chmod_changes_a_files_stamp(tmp_path: Path) -> None:
    from sphinx_awesome.entry_files import scan

    (tmp_path / "a.yaml").write_text("title: A\n", "utf-8")
    before = scan(str(tmp_path), ["a.yaml"]).stamps
    (tmp_path / "a.yaml").chmod(0o600)
    assert scan(str(tmp_path), ["a.yaml"]).stamps != before


def test_a_file_readable_again_after_a_permission_error_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = project(tmp_path / "src", "awesome_entries = ['entries/*.yaml']\n")
    entry = src / "entries" / "a.yaml"
    real = Path.read_bytes

    def denied(self: Path) -> bytes:  # the tests run as root, whom chmod does not stop
        if self.name == "a.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    app = build_source(src)
    assert any("cannot read" in w for w in warnings(app.warning.getvalue()))
    monkeypatch.setattr(Path, "read_bytes", real)  # readable again; mtime and size unchanged
    app = build_source(src)
    assert warnings(app.warning.getvalue()) == []
    assert "Alpa: A" in (Path(app.outdir) / "index.html").read_text("utf-8")
    assert entry.exists()

"""Each use of Sphinx internals in :mod:`sphinx_awesome.compat`, checked against the Sphinx
that is installed: ``nox -s compat`` runs this file on the oldest and newest supported
releases, so a release that moves one of them fails here, by name.

Also checked: the tested range that ``noxfile.py``'s ``COMBINATIONS`` pins is the range
``pyproject.toml`` declares.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import sphinx
from sites import ROOTS
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.domains.std import StandardDomain
from sphinx.testing.util import SphinxTestApp

from sphinx_awesome import compat

REPO = Path(__file__).resolve().parents[1]


def build(base: Path) -> SphinxTestApp:
    """test-basic, copied into *base* and built; the app keeps its environment and builder."""
    src = base / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    app = SphinxTestApp("html", srcdir=src, builddir=base / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build(tmp_path_factory.mktemp("compat"))


def test_the_running_sphinx_is_supported() -> None:
    assert tuple(sphinx.version_info[:2]) == compat.SPHINX_VERSION
    assert compat.SPHINX_VERSION >= (7, 3)


# -- the environment ------------------------------------------------------------------------


def test_standard_domain_holds_the_paper_labels(built: SphinxTestApp) -> None:
    std = compat.standard_domain(built.env)
    assert isinstance(std, StandardDomain)
    assert std.labels["paper-alpa"][0] == std.anonlabels["paper-alpa"][0]


def test_index_entries_are_what_genindex_shows(built: SphinxTestApp) -> None:
    entries = compat.index_entries(built.env)
    ours = [entry for docs in entries.values() for entry in docs if entry[2] == "paper-alpa"]
    assert len(ours) == 1 and ours[0][0] == "single"
    genindex = (Path(built.outdir) / "genindex.html").read_text(encoding="utf-8")
    assert "#paper-alpa" in genindex


def test_env_app_is_the_application(built: SphinxTestApp) -> None:
    assert compat.env_app(built.env) is built


def test_reads_in_parallel_follows_the_jobs_count(
    built: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert compat.reads_in_parallel(built) is False
    monkeypatch.setattr(built, "parallel", 2)
    assert compat.reads_in_parallel(built) is True


def test_registered_source_suffixes_has_myst_s(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("extensions = ['myst_parser']\n", "utf-8")
    (tmp_path / "index.md").write_text("# Title\n", "utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path, builddir=tmp_path / "_build")
    try:
        assert ".md" in compat.registered_source_suffixes(app)
    finally:
        app.cleanup()


def test_outdated_docs_is_empty_after_a_build(built: SphinxTestApp) -> None:
    assert list(compat.outdated_docs(built.builder)) == []


# -- the HTML writer ------------------------------------------------------------------------


def test_table_row_indices_is_the_translators_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where our rows are written, the writer's counter of the open table has counted the
    header row, and rows written after ours continue from what we leave in it."""
    seen: list[list[int] | None] = []
    real = compat.table_row_indices

    def spy(translator: Any) -> list[int] | None:
        indices = real(translator)
        seen.append(list(indices) if indices is not None else None)
        return indices

    monkeypatch.setattr(compat, "table_row_indices", spy)
    app = build(tmp_path)
    assert seen, "no rows were written"
    assert all(indices and indices[-1] >= 1 for indices in seen), seen
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="(?:awesome-row )?(row-odd|row-even)', page)
    assert rows[:4] == ["row-odd", "row-even", "row-odd", "row-even"], rows[:4]


def test_table_row_indices_is_none_without_a_stack() -> None:
    assert compat.table_row_indices(object()) is None  # type: ignore[arg-type]


def test_deferred_script_is_loaded_with_defer(built: SphinxTestApp) -> None:
    page = (Path(built.outdir) / "filterbox.html").read_text(encoding="utf-8")
    assert re.search(
        r"<script[^>]*\bdefer\b[^>]*awesome-table\.js|<script[^>]*awesome-table\.js[^>]*\bdefer\b",
        page,
    )


# -- the finishing steps of no-op builds ----------------------------------------------------


def test_finishing_steps_are_builder_methods() -> None:
    for method in compat.FINISHING_STEPS:
        assert callable(getattr(StandaloneHTMLBuilder, method, None)), method


def test_finishing_steps_run_on_a_build_and_write_their_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    for method in compat.FINISHING_STEPS:
        real = getattr(StandaloneHTMLBuilder, method)

        def spy(
            self: StandaloneHTMLBuilder,
            *args: Any,
            _real: Any = real,
            _name: str = method,
            **kwargs: Any,
        ) -> Any:
            called.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(StandaloneHTMLBuilder, method, spy)
    app = build(tmp_path)
    assert sorted(called) == sorted(compat.FINISHING_STEPS)
    for method, outputs in compat.FINISHING_STEPS.items():
        files = outputs(app.builder)  # type: ignore[arg-type]
        assert files and all(path.is_file() for path in files), (method, files)


def test_skip_finishing_step_replaces_the_method_on_one_builder(built: SphinxTestApp) -> None:
    builder = built.builder
    compat.skip_finishing_step(builder, "dump_inventory")  # type: ignore[arg-type]
    try:
        assert builder.dump_inventory() is None  # type: ignore[attr-defined]
        assert StandaloneHTMLBuilder.dump_inventory is not builder.dump_inventory  # type: ignore[attr-defined]
    finally:
        del builder.dump_inventory  # type: ignore[attr-defined]


def test_search_index_path(built: SphinxTestApp) -> None:
    path = compat.search_index_path(built.builder)  # type: ignore[arg-type]
    assert path.name == "searchindex.js" and path.is_file()


# -- the linkcheck builder ------------------------------------------------------------------


def test_linkcheck_logger_is_the_one_sphinx_linkcheck_warns_through() -> None:
    from sphinx.builders import linkcheck
    from sphinx.util import logging

    assert compat.linkcheck_logger() is logging.getLogger(linkcheck.__name__).logger


def test_register_hyperlink_adds_to_the_linkcheck_builders_links(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    app = SphinxTestApp("linkcheck", srcdir=src, builddir=tmp_path / "_build")
    try:
        app.builder.hyperlinks = {}  # type: ignore[attr-defined]
        env = app.env
        assert compat.register_hyperlink(env, app.builder, "https://e.org/x", "entries/a.yaml", 3)
        link = app.builder.hyperlinks["https://e.org/x"]  # type: ignore[attr-defined]
        assert (link.docname, link.lineno) == ("entries/a.yaml", 3)
        assert str(link.docpath).endswith("entries/a.yaml")
        # once only, and never under the name of a real document
        assert not compat.register_hyperlink(env, app.builder, "https://e.org/x", "x.yaml", 1)
        assert not compat.register_hyperlink(env, app.builder, "https://e.org/y", "index", 1)
    finally:
        app.cleanup()


# -- conf.py for the command line -----------------------------------------------------------


def test_read_conf_and_add_config_value(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("project = 'Mine'\nawesome_entries = ['a/*.yaml']\n", "utf-8")
    config = compat.read_conf(tmp_path)
    compat.add_config_value(config, "awesome_entries", [])
    compat.add_config_value(config, "awesome_title", None)
    assert (config.project, config.awesome_entries, config.awesome_title) == (
        "Mine",
        ["a/*.yaml"],
        None,
    )


def test_sphinx_default_is_what_an_empty_conf_py_gives(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("", "utf-8")
    assert compat.sphinx_default("project") == compat.read_conf(tmp_path).project
    assert compat.sphinx_default("project") in ("Python", "Project name not set")


# -- the tested range -----------------------------------------------------------------------


def combinations() -> dict[str, tuple[str, dict[str, str]]]:
    """``COMBINATIONS`` from noxfile.py, read without importing nox."""
    tree = ast.parse((REPO / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "COMBINATIONS":
            return ast.literal_eval(node.value)  # type: ignore[arg-type, no-any-return]
    raise AssertionError("noxfile.py has no COMBINATIONS")


def pyproject() -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10: Sphinx brings tomli there
        import tomli as tomllib
    with (REPO / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def floors(requirements: list[str]) -> dict[str, str]:
    return {m[1]: m[2] for r in requirements if (m := re.fullmatch(r"([\w-]+)>=([\d.]+)", r))}


def release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_oldest_is_every_declared_floor() -> None:
    project = pyproject()["project"]
    python, pins = combinations()["oldest"]
    assert project["requires-python"] == f">={python}"
    declared = {
        **floors(project["dependencies"]),
        **floors(project["optional-dependencies"]["docs"]),
    }
    assert set(declared) - {"pyyaml"} <= set(pins)
    for name, floor in declared.items():
        if name != "pyyaml":  # not pinned: any release since 6.0 behaves the same here
            assert release(pins[name])[: len(release(floor))] == release(floor), name


def test_classifiers_name_exactly_the_tested_pythons() -> None:
    classifiers = pyproject()["project"]["classifiers"]
    declared = {
        c.rsplit(" ", 1)[1]
        for c in classifiers
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    }
    tested = {python for python, _ in combinations().values()} | {"3.11"}  # nox -s tests
    assert declared == tested


def test_newest_is_newer_than_every_other_combination() -> None:
    table = combinations()
    for name in ("sphinx", "docutils", "myst-parser"):
        assert (
            release(table["oldest"][1][name])
            < release(table["middle"][1][name])
            < release(table["newest"][1][name])
        )

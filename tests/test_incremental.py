"""Incremental builds: editing, adding or deleting an entry file rewrites exactly the pages
that show or reference its entries, re-reads no document, parses only the changed file, and
gives the same HTML as a fresh build."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from versions import NOOP_BUILD_FINISHES, STALE_NAVIGATION_AFTER_DELETE

import sphinx_awesome.store

ROOTS = Path(__file__).parent / "roots"
DOCS = {"index", "a_table", "b_table", "all", "ref_a", "ref_c", "ref_d", "stdref_a", "plain"}


class Project:
    """A copy of test-incremental that is built again and again in the same place."""

    def __init__(self, base: Path, calls: list[str]) -> None:
        self.src = base / "src"
        self.build_dir = base / "_build"
        self.out = self.build_dir / "html"
        self.calls = calls
        shutil.copytree(ROOTS / "test-incremental", self.src)

    def build(self) -> tuple[SphinxTestApp, list[str], set[str]]:
        """Build; return the app, the documents read and the documents written."""
        self.calls.clear()
        read: list[str] = []
        written: set[str] = set()
        app = SphinxTestApp("html", srcdir=self.src, builddir=self.build_dir)
        app.connect("doctree-read", lambda app, doctree: read.append(app.env.docname))
        app.connect("html-page-context", lambda app, pagename, *args: written.add(pagename))
        try:
            app.build()
        finally:
            app.cleanup()
        # Sphinx itself also rewrites "index", whose toctree lists every rewritten page.
        return app, read, written & (DOCS - {"index"})

    def write(self, name: str, text: str) -> None:
        path = self.src / name
        path.write_text(text, encoding="utf-8")
        bump(path)

    def pages(self) -> dict[str, bytes]:
        return outputs(self.out)


def outputs(out: Path) -> dict[str, bytes]:
    """Every page, the search index and the inventory of a build."""
    found = {
        page.relative_to(out).as_posix(): page.read_bytes() for page in sorted(out.rglob("*.html"))
    }
    found["objects.inv"] = (out / "objects.inv").read_bytes()
    found["searchindex.js"] = search_index(out)
    return found


def search_index(out: Path) -> bytes:
    """The search index, without the words that Sphinx's incremental indexer leaves behind
    with no documents (a fresh build does not list them); otherwise byte for byte."""
    text = (out / "searchindex.js").read_text("utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for key in ("terms", "titleterms"):
        data[key] = {word: docs for word, docs in data[key].items() if docs != []}
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode()


def bump(path: Path) -> None:
    """Make sure a changed file's modification time differs from the last build's."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Source-relative names of the entry files parsed (spy on the store's loader)."""
    seen: list[str] = []
    real = sphinx_awesome.store.load_file

    def spy(file: Path, *args: object, **kwargs: object) -> object:
        seen.append(f"{file.parent.name}/{file.name}")
        return real(file, *args, **kwargs)

    monkeypatch.setattr(sphinx_awesome.store, "load_file", spy)
    return seen


@pytest.fixture
def project(tmp_path: Path, calls: list[str]) -> Iterator[Project]:
    project = Project(tmp_path, calls)
    app, read, written = project.build()
    assert set(read) == DOCS and written == DOCS - {"index"}
    assert sorted(calls) == ["entries/a.yaml", "entries/b.yaml", "entries/c.yaml", "extra/h.yaml"]
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()
    assert len(warnings) == 1 and "'delta'" in warnings[0]  # ref_d waits for an entry
    yield project


@pytest.fixture
def fresh(tmp_path: Path) -> Callable[[Project], dict[str, bytes]]:
    """The pages of a fresh build of the project's current sources."""

    def build(project: Project) -> dict[str, bytes]:
        again = tmp_path / "fresh"
        shutil.rmtree(again, ignore_errors=True)
        shutil.copytree(project.src, again / "src")
        app = SphinxTestApp("html", srcdir=again / "src", builddir=again / "_build", freshenv=True)
        try:
            app.build()
        finally:
            app.cleanup()
        return outputs(Path(app.outdir))

    return build


def assert_same_as_fresh(
    project: Project, fresh: Callable[[Project], dict[str, bytes]], skip: tuple[str, ...] = ()
) -> None:
    incremental, full = project.pages(), fresh(project)
    assert sorted(incremental) == sorted(full)
    different = [page for page in full if incremental[page] != full[page] and page not in skip]
    assert different == []


# -- nothing changed -------------------------------------------------------------------------------


def test_nothing_changed(project: Project) -> None:
    _, read, written = project.build()
    assert (read, written, project.calls) == ([], set(), [])


FINISHED = ("genindex.html", "searchindex.js", "objects.inv")
KEPT = (*FINISHED, "search.html")


def test_a_no_op_build_keeps_the_indices_it_cannot_have_changed(project: Project) -> None:
    before = {name: (project.out / name).stat().st_mtime_ns for name in KEPT}
    project.build()
    assert {name: (project.out / name).stat().st_mtime_ns for name in KEPT} == before


# (Not searchindex.js: Sphinx itself cannot write it again without reading every page; a
# no-op build after deleting it fails in ``IndexBuilder.freeze`` with or without us.)
@pytest.mark.parametrize("name", ["genindex.html", "objects.inv", "search.html"])
def test_a_deleted_index_file_is_written_again_by_a_no_op_build(
    project: Project, name: str
) -> None:
    (project.out / name).unlink()
    project.build()
    # Before Sphinx 8.2 a build with nothing to write stops before any finishing step.
    assert (project.out / name).exists() is NOOP_BUILD_FINISHES


def test_a_changed_template_rewrites_the_search_page(project: Project) -> None:
    before = (project.out / "search.html").stat().st_mtime_ns
    templates = project.src / "_templates"
    templates.mkdir(exist_ok=True)
    (templates / "search.html").write_text(
        '{% extends "!search.html" %}{% block body %}Look here{{ super() }}{% endblock %}', "utf-8"
    )
    conf = project.src / "conf.py"
    conf.write_text(conf.read_text("utf-8") + "templates_path = ['_templates']\n", "utf-8")
    project.build()
    assert (project.out / "search.html").stat().st_mtime_ns != before
    assert "Look here" in (project.out / "search.html").read_text("utf-8")


def test_an_edit_rewrites_the_indices(project: Project) -> None:
    before = {name: (project.out / name).read_bytes() for name in FINISHED}
    project.write("entries/a.yaml", EDITED_A)
    project.build()
    after = {name: (project.out / name).read_bytes() for name in FINISHED}
    assert all(after[name] != before[name] for name in FINISHED)
    assert "Alpa v2" in after["genindex.html"].decode("utf-8")


def test_touching_an_entry_file_reparses_it_and_rewrites_nothing(project: Project) -> None:
    bump(project.src / "entries" / "a.yaml")
    _, read, written = project.build()
    assert project.calls == ["entries/a.yaml"]
    assert (read, written) == ([], set())


# -- editing -----------------------------------------------------------------------------------


EDITED_A = 'id: alpa\ntitle: "Alpa v2: Automating More"\nvenue: OSDI\nyear: 2023\ntags: [auto]\n'


def test_editing_an_entry_file(project: Project, fresh: Callable) -> None:
    project.write("entries/a.yaml", EDITED_A)
    _, read, written = project.build()
    assert read == []
    assert project.calls == ["entries/a.yaml"]  # the other files are not parsed again
    assert written - {"stdref_a"} == {"a_table", "all", "ref_a"}
    html = (project.out / "ref_a.html").read_text("utf-8")
    assert ">Alpa v2<" in html
    assert "Alpa v2: Automating More" in (project.out / "all.html").read_text("utf-8")
    # stdref_a (and its words in the search index) is the xfail below
    assert_same_as_fresh(project, fresh, skip=("stdref_a.html", "searchindex.js"))


def test_editing_rewrites_pages_with_std_refs(project: Project, fresh: Callable) -> None:
    project.write("entries/a.yaml", EDITED_A)
    _, _, written = project.build()
    assert "stdref_a" in written
    assert_same_as_fresh(project, fresh)


def test_editing_an_entry_shown_nowhere_rewrites_nothing(project: Project, fresh: Callable) -> None:
    project.write("extra/h.yaml", 'id: hidden\ntitle: "Hidden: Edited"\ntags: [hidden]\n')
    _, read, written = project.build()
    assert (read, written, project.calls) == ([], set(), ["extra/h.yaml"])
    assert_same_as_fresh(project, fresh)


def test_an_unchanged_file_is_not_parsed_again_after_an_edit_that_changed_no_page(
    project: Project,
) -> None:
    project.write("extra/h.yaml", 'id: hidden\ntitle: "Hidden: Edited"\ntags: [hidden]\n')
    project.build()
    _, read, written = project.build()
    assert (read, written, project.calls) == ([], set(), [])


def test_editing_a_many_entry_file(project: Project, fresh: Callable) -> None:
    text = (project.src / "entries" / "c.yaml").read_text("utf-8")
    project.write("entries/c.yaml", text.replace("Gamma Two", "Gamma Two, Renamed"))
    _, read, written = project.build()
    assert read == []
    assert project.calls == ["entries/c.yaml"]
    assert written == {"all"}  # ref_c references gamma, which did not change
    assert_same_as_fresh(project, fresh)


# -- adding and deleting ------------------------------------------------------------------------


def test_adding_an_entry_file(project: Project, fresh: Callable) -> None:
    project.write("entries/d.yaml", 'id: delta\ntitle: "Delta: Added Later"\nyear: 2024\n')
    app, read, written = project.build()
    assert read == []
    assert project.calls == ["entries/d.yaml"]
    assert written == {"all", "ref_d"}
    assert app.warning.getvalue() == ""
    assert 'href="all.html#paper-delta"' in (project.out / "ref_d.html").read_text("utf-8")
    assert_same_as_fresh(project, fresh)


def test_deleting_an_entry_file(project: Project, fresh: Callable) -> None:
    (project.src / "entries" / "c.yaml").unlink()
    app, read, written = project.build()
    assert read == []
    assert project.calls == []
    assert written == {"all", "ref_c"}
    assert "'gamma'" in app.warning.getvalue()  # ref_c now points at nothing
    assert "Gamma" not in (project.out / "all.html").read_text("utf-8")
    assert_same_as_fresh(project, fresh)


def test_deleting_the_file_of_a_table_argument(project: Project, fresh: Callable) -> None:
    (project.src / "entries" / "b.yaml").unlink()
    _, read, written = project.build()
    assert read == []
    assert written == {"b_table", "all"}
    assert "awesome-empty" in (project.out / "b_table.html").read_text("utf-8")
    assert_same_as_fresh(project, fresh)


# -- documents changing -------------------------------------------------------------------------


def test_rereading_the_document_with_the_canonical_row_keeps_labels_and_index(
    project: Project, fresh: Callable
) -> None:
    project.write(
        "a_table.rst", "A table\n=======\n\nNew text.\n\n.. paper-table:: /entries/a.yaml\n"
    )
    app, read, written = project.build()
    assert read == ["a_table"]
    assert project.calls == []
    assert written == {"a_table"}
    std = app.env.domains["std"]
    assert std.labels["paper-alpa"][0] == "a_table"
    assert 'href="a_table.html#paper-alpa"' in (project.out / "genindex.html").read_text("utf-8")
    assert_same_as_fresh(project, fresh)


def test_removing_the_canonical_table_moves_the_canonical_row(
    project: Project, fresh: Callable
) -> None:
    (project.src / "a_table.rst").unlink()
    _, read, written = project.build()
    assert read == ["index"]  # its glob toctree changed
    assert {"all", "ref_a"} <= written
    assert not {"b_table", "plain", "ref_c"} & written
    assert 'href="all.html#paper-alpa"' in (project.out / "ref_a.html").read_text("utf-8")
    assert 'id="paper-alpa"' in (project.out / "all.html").read_text("utf-8")
    (project.out / "a_table.html").unlink()  # Sphinx leaves the old page behind
    # Before Sphinx 8.1 the pages it does not rewrite keep "A table" in their sidebar.
    stale = (
        ("b_table.html", "plain.html", "ref_c.html", "ref_d.html")
        if STALE_NAVIGATION_AFTER_DELETE
        else ()
    )
    assert_same_as_fresh(project, fresh, skip=("stdref_a.html", *stale))


def test_duplicate_id_after_an_edit_is_reported(project: Project) -> None:
    project.write("entries/d.yaml", 'id: beta\ntitle: "Another Beta"\n')
    app, read, written = project.build()
    assert (read, written) == ([], set())  # the first "beta" (b.yaml) stays
    warnings = app.warning.getvalue()
    assert warnings.count("[awesome.duplicate-id]") == 1
    assert "d.yaml:1" in warnings


def test_duplicate_id_is_not_reported_again_by_the_next_build(project: Project) -> None:
    project.write("entries/d.yaml", 'id: beta\ntitle: "Another Beta"\n')
    project.build()
    app, _, _ = project.build()
    assert "duplicate-id" not in app.warning.getvalue()
    assert project.calls == []


def test_editing_the_categories_file_updates_the_pages(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)

    def build() -> None:
        app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "_build")
        try:
            app.build()
        finally:
            app.cleanup()

    build()
    categories = src / "categories.yaml"
    categories.write_text(
        categories.read_text("utf-8").replace("Pipeline parallelism", "Pipelines Renamed"), "utf-8"
    )
    bump(categories)
    build()
    assert "Pipelines Renamed" in (tmp_path / "_build" / "html" / "options.html").read_text("utf-8")


# -- settings that shape rows ----------------------------------------------------------------


def set_conf(project: Project, old: str, new: str) -> None:
    conf = project.src / "conf.py"
    text = conf.read_text("utf-8")
    assert old in text
    project.write("conf.py", text.replace(old, new))


ENTRIES = 'awesome_entries = ["entries/*.yaml", "extra/*.yaml"]'


@pytest.mark.parametrize(
    "steps",
    [
        # reordering the default entry files reorders the rows of tables that use them
        [
            'awesome_entries = ["entries/c.yaml", "entries/a.yaml"]',
            'awesome_entries = ["entries/a.yaml", "entries/c.yaml"]',
        ],
        # a pattern added whose file was already read (for another table's argument)
        [
            'awesome_entries = ["entries/a.yaml"]',
            'awesome_entries = ["entries/a.yaml", "entries/b.yaml"]',
        ],
        [f'{ENTRIES}\nawesome_venues = {{"OSDI": [], "EuroSys": ["Eurosys"]}}'],
        [f'{ENTRIES}\nawesome_default_columns = ["title", "year"]'],
        [f'{ENTRIES}\nawesome_categories = {{"x": "X"}}'],
    ],
    ids=["reordered", "added", "venues", "columns", "categories"],
)
def test_a_changed_setting_that_shapes_rows_rewrites_its_tables(
    project: Project, fresh: Callable, steps: list[str]
) -> None:
    before = ENTRIES
    for step in steps:
        set_conf(project, before, step)
        project.build()
        assert_same_as_fresh(project, fresh)
        before = step

"""The entry store: globbing, caching by size and modification time, the id index."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from sites import build_source

from sphinx_awesome.config import AwesomeConfig, Category
from sphinx_awesome.entry_files import data_directories, expand_pattern
from sphinx_awesome.problems import Code
from sphinx_awesome.store import EntryStore


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    before = path.stat().st_mtime_ns if existed else 0
    path.write_text(text, encoding="utf-8")
    if existed:  # make sure the stamp changes even on coarse clocks
        os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    write(tmp_path / "entries" / "a.yaml", "id: alpa\ntitle: Alpa\n")
    write(
        tmp_path / "entries" / "b.yaml", "- id: beta\n  title: Beta\n- id: gamma\n  title: Gamma\n"
    )
    write(tmp_path / "entries" / "deep" / "c.yaml", "id: delta\ntitle: Delta\n")
    write(tmp_path / "entries" / "notes.txt", "not an entry file\n")
    (tmp_path / "entries" / "dir.yaml").mkdir()
    return tmp_path


def test_expand_pattern(srcdir: Path) -> None:
    assert expand_pattern(srcdir, "entries/a.yaml") == ["entries/a.yaml"]
    assert expand_pattern(srcdir, "entries/missing.yaml") == []
    assert expand_pattern(srcdir, "entries/dir.yaml") == []  # a directory is not a file
    assert [p for p in expand_pattern(srcdir, "entries/*.yaml") if p != "entries/dir.yaml"] == [
        "entries/a.yaml",
        "entries/b.yaml",
    ]
    assert "entries/deep/c.yaml" in expand_pattern(srcdir, "entries/**/*.yaml")


def test_refresh_loads_then_caches(srcdir: Path) -> None:
    store, config = EntryStore(), AwesomeConfig()
    first = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert first.loaded == {"entries/a.yaml", "entries/b.yaml"}
    assert first.problems == []
    assert list(store.by_id) == ["alpa", "beta", "gamma"]
    cached = dict(store.files)
    again = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert (again.loaded, again.removed, again.problems, again.changed) == (set(), set(), [], False)
    assert all(store.files[path] is cached[path] for path in cached)


def test_a_changed_file_is_the_only_one_loaded(srcdir: Path) -> None:
    store, config = EntryStore(), AwesomeConfig()
    store.refresh(srcdir, ["entries/*.yaml"], config)
    kept = store.files["entries/b.yaml"]
    write(srcdir / "entries" / "a.yaml", "id: alpa\ntitle: Alpa Renamed\n")
    result = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert result.loaded == {"entries/a.yaml"}
    assert store.files["entries/b.yaml"] is kept
    assert store.by_id["alpa"].title == "Alpa Renamed"


def test_removed_files_and_patterns(srcdir: Path) -> None:
    store, config = EntryStore(), AwesomeConfig()
    store.refresh(srcdir, ["entries/*.yaml", "entries/deep/c.yaml"], config)
    assert "delta" in store.by_id
    (srcdir / "entries" / "a.yaml").unlink()
    result = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert result.removed == {"entries/a.yaml", "entries/deep/c.yaml"}
    assert list(store.by_id) == ["beta", "gamma"]


def test_files_for_and_entries_in(srcdir: Path) -> None:
    store = EntryStore()
    store.refresh(srcdir, ["entries/b.yaml", "entries/*.yaml"], AwesomeConfig())
    files = store.files_for(["entries/b.yaml", "entries/*.yaml"])
    assert files[:2] == ["entries/b.yaml", "entries/a.yaml"]  # pattern order, each once
    assert [e.id for e in store.entries_in(files)] == ["beta", "gamma", "alpa"]
    assert store.files_for(["never/refreshed/*.yaml"]) == []


def test_settings_that_change_parsing_reload_everything(srcdir: Path) -> None:
    store = EntryStore()
    store.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig())
    tree = {"systems": Category("systems", "Systems")}
    result = store.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig(categories=tree))
    assert result.loaded == {"entries/a.yaml", "entries/b.yaml"}
    result = store.refresh(
        srcdir, ["entries/*.yaml"], AwesomeConfig(categories=tree, table_style="cards")
    )
    assert result.loaded == set()  # the style does not change how files are read


def test_category_problems_use_the_tree(srcdir: Path) -> None:
    write(srcdir / "entries" / "a.yaml", "id: alpa\ntitle: Alpa\ncategories: [systems, nope]\n")
    tree = {"systems": Category("systems", "Systems")}
    result = EntryStore().refresh(srcdir, ["entries/a.yaml"], AwesomeConfig(categories=tree))
    assert [(p.code, p.line) for p in result.problems] == [(Code.UNKNOWN_CATEGORY, 3)]


def test_duplicate_ids_keep_the_first_file_and_warn_once(srcdir: Path) -> None:
    write(srcdir / "entries" / "z.yaml", "id: alpa\ntitle: Second Alpa\n")
    store, config = EntryStore(), AwesomeConfig()
    result = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert [(p.code, Path(p.path).name) for p in result.problems] == [(Code.DUPLICATE_ID, "z.yaml")]
    assert store.by_id["alpa"].title == "Alpa"
    assert [e.id for e in store.entries_in(["entries/z.yaml"])] == []
    assert store.refresh(srcdir, ["entries/*.yaml"], config).problems == []
    write(srcdir / "entries" / "b.yaml", "id: beta\ntitle: Beta 2\n")  # an unrelated edit
    assert store.refresh(srcdir, ["entries/*.yaml"], config).problems == []
    (srcdir / "entries" / "a.yaml").unlink()  # now the second one is the only one
    store.refresh(srcdir, ["entries/*.yaml"], config)
    assert store.by_id["alpa"].title == "Second Alpa"


def test_problems_are_kept_with_the_file_and_reported_when_loaded(srcdir: Path) -> None:
    write(srcdir / "entries" / "a.yaml", "id: alpa\ntitle: Alpa\nyaer: 2020\n")
    store, config = EntryStore(), AwesomeConfig()
    result = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert [p.code for p in result.problems] == [Code.UNKNOWN_FIELD]
    assert result.problems[0].path == str(srcdir / "entries" / "a.yaml")
    assert store.refresh(srcdir, ["entries/*.yaml"], config).problems == []
    assert [p.code for p in store.files["entries/a.yaml"].problems] == [Code.UNKNOWN_FIELD]


def test_the_store_pickles(srcdir: Path) -> None:
    store = EntryStore()
    store.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig())
    again = pickle.loads(pickle.dumps(store))
    assert again.by_id == store.by_id
    assert store.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig()).loaded == set()
    assert again.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig()).loaded == set()


def test_an_unpickled_store_loads_its_entries_only_when_something_changed(srcdir: Path) -> None:
    store = EntryStore()
    store.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig())
    blob = pickle.dumps(store)
    again = pickle.loads(blob)
    kept = again._blob
    assert again.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig()).changed is False
    assert again._parsed is None  # a no-op rebuild never unpickles the entries
    assert again.__getstate__()["blob"] is kept  # and saves the blob it was given
    assert again.by_id["alpa"].title == "Alpa"  # loaded but unchanged: still no new dump
    assert again.__getstate__()["blob"] is kept
    write(srcdir / "entries" / "a.yaml", "id: alpa\ntitle: Alpa Renamed\n")
    result = again.refresh(srcdir, ["entries/*.yaml"], AwesomeConfig())
    assert result.loaded == {"entries/a.yaml"}
    assert again.by_id["alpa"].title == "Alpa Renamed"
    assert pickle.loads(pickle.dumps(again)).by_id["alpa"].title == "Alpa Renamed"


def test_changed_ids_name_exactly_the_entries_that_differ(srcdir: Path) -> None:
    store, config = EntryStore(), AwesomeConfig()
    assert store.refresh(srcdir, ["entries/*.yaml"], config).changed_ids == {
        "alpa",
        "beta",
        "gamma",
    }
    # b.yaml rewritten: beta unchanged, gamma edited, epsilon added
    write(
        srcdir / "entries" / "b.yaml",
        "- id: beta\n  title: Beta\n- id: gamma\n  title: Gamma 2\n- id: epsilon\n  title: E\n",
    )
    assert store.refresh(srcdir, ["entries/*.yaml"], config).changed_ids == {"gamma", "epsilon"}
    (srcdir / "entries" / "a.yaml").unlink()
    assert store.refresh(srcdir, ["entries/*.yaml"], config).changed_ids == {"alpa"}
    assert store.refresh(srcdir, ["entries/*.yaml"], config).changed_ids == set()


def test_a_file_that_vanishes_after_the_glob_counts_as_removed(
    srcdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, config = EntryStore(), AwesomeConfig()
    store.refresh(srcdir, ["entries/*.yaml"], config)
    import sphinx_awesome.store as module

    listed = module.expand_pattern(srcdir, "entries/*.yaml")
    (srcdir / "entries" / "a.yaml").unlink()
    monkeypatch.setattr(module, "expand_pattern", lambda root, pattern: listed)
    result = store.refresh(srcdir, ["entries/*.yaml"], config)
    assert result.removed == {"entries/a.yaml"}
    assert "alpa" not in store.by_id


def test_data_directories_are_those_without_documents(srcdir: Path) -> None:
    write(srcdir / "more" / "x.yaml", "id: x\ntitle: X\n")
    write(srcdir / "more" / "sub" / "notes.md", "# A page\n")
    write(srcdir / "top.yaml", "id: top\ntitle: Top\n")
    patterns = [
        "entries/*.yaml",
        "entries/deep/*.yaml",
        "more/**/*.yaml",
        "top.yaml",
        "*/x.yaml",
        "missing/*.yaml",
        "../up/*.yaml",
    ]
    assert data_directories(srcdir, patterns, (".rst", ".md")) == ["entries", "entries/deep"]
    assert data_directories(srcdir, ["more/*.yaml"], (".rst",)) == ["more"]


def test_a_build_skips_data_directories_but_not_documents_beside_entries(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(
        src / "conf.py",
        "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml', 'mixed/*.yaml']\n",
    )
    write(src / "index.rst", "Title\n=====\n\n.. toctree::\n\n   mixed/about\n\n.. paper-table::\n")
    write(src / "entries" / "a.yaml", "id: alpa\ntitle: Alpa\n")
    write(src / "mixed" / "b.yaml", "id: beta\ntitle: Beta\n")
    write(src / "mixed" / "about.rst", "About\n=====\n\n:paper:`alpa`\n")
    app = build_source(src)
    assert app.warning.getvalue() == ""
    assert "entries" in app.config.exclude_patterns
    assert "mixed" not in app.config.exclude_patterns
    assert (Path(app.outdir) / "mixed" / "about.html").is_file()
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "Alpa" in html and "Beta" in html


@pytest.mark.parametrize("enabled", [True, False])
def test_pausing_the_collector_restores_its_state(enabled: bool) -> None:
    import gc

    from sphinx_awesome.gcpause import paused_gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(KeyError), paused_gc():
            assert not gc.isenabled()
            raise KeyError("an error inside still restores it")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_markdown_page_beside_entries_keeps_its_directory_scanned(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(
        src / "conf.py",
        "extensions = ['myst_parser', 'sphinx_awesome']\nawesome_entries = ['papers/*.yaml']\n",
    )
    write(src / "index.md", "# Title\n\n```{toctree}\npapers/about\n```\n\n```{paper-table}\n```\n")
    write(src / "papers" / "a.yaml", "id: alpa\ntitle: Alpa\n")
    write(src / "papers" / "about.md", "# About\n\n{paper}`alpa`\n")
    app = build_source(src)
    assert app.warning.getvalue() == ""
    assert "papers" not in app.config.exclude_patterns
    assert "Alpa" in (Path(app.outdir) / "papers" / "about.html").read_text("utf-8")

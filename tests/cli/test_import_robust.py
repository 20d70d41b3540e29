"""``sphinx-awesome import`` never drops content silently and never crashes on what it
writes: long lines, huge titles, lists in quotes and deep ``<div>`` nesting; ids unusable as
file names; unwritable output; ids already defined in the output directory; and every line
holding a link is either part of an entry or reported (issue 11 item 3, issue 12 items 7,
8, 10 and 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_awesome.cli.importers import import_text
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def titles(text: str, fmt: str = "markdown") -> list[str]:
    return [data["title"] for _, data in import_text(text, "x", fmt=fmt, venues=VENUES).entries]


# -- content is never dropped ------------------------------------------------------------------


def test_a_one_line_html_table_of_400_rows_keeps_every_row() -> None:
    rows = "".join(
        f'<tr><td><a href="https://e.org/{n}">Paper number {n} about computer '
        f"systems</a></td><td>OSDI "
        f"2020</td></tr>"
        for n in range(400)
    )
    line = f"<table><tr><th>Title</th><th>Venue</th></tr>{rows}</table>"
    assert len(line) > 40_000
    got = titles(f"# L\n\n## S\n\n{line}\n")
    assert got == [f"Paper number {n} about computer systems" for n in range(400)]


def test_a_45000_character_line_is_read_whole() -> None:
    summary = " ".join(["word"] * 9000)  # 45,000 characters
    line = (
        f"- [Long Line Paper](https://e.org/long) (OSDI 2021) - {summary} "
        f"[pdf](https://e.org/long.pdf)"
    )
    assert len(line) > 45_000
    result = import_text(f"# L\n\n## S\n\n{line}\n", "x.md", venues=VENUES)
    ((_, data),) = result.entries
    assert data["summary"] == summary
    assert data["links"] == {"paper": "https://e.org/long", "pdf": "https://e.org/long.pdf"}
    assert result.problems == []


def test_a_5_mb_title_is_kept_and_its_id_stays_short() -> None:
    title = "Word " * 1_000_000
    result = import_text(
        f"# L\n\n## S\n\n- [{title}](https://e.org/huge) (OSDI 2020)\n", "x.md", venues=VENUES
    )
    ((entry_id, data),) = result.entries
    assert data["title"] == title.strip()
    assert entry_id == "word-word-word-word-word-word"
    assert result.problems == []


def test_a_list_inside_a_blockquote_is_read() -> None:
    text = (
        "# L\n\n## S\n\n> Papers we like:\n>\n> - [Quoted One](https://e.org/1) (OSDI 2020)\n> "
        "- [Quoted Two](https://e.org/2)\n"
    )
    assert titles(text) == ["Quoted One", "Quoted Two"]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_list_below_198_nested_divs_is_read(fmt: str) -> None:
    inner = '<ul><li><a href="https://e.org/deep">Deep Paper</a> (SOSP 2019)</li></ul>'
    text = "<h1>L</h1>\n<h2>S</h2>\n" + "<div>\n" * 198 + inner + "\n</div>" * 198 + "\n"
    assert titles(text, fmt) == ["Deep Paper"]


def test_markup_nested_deeper_than_the_parser_reads_is_read_or_reported() -> None:
    """libxml2 2.14 (lxml 6) stops at a depth that 2.12 (lxml 5.0) still reads: the link is
    then an entry, or a problem names it; never silently lost."""
    depth = 5000
    text = (
        "<h2>S</h2>" + "<div>" * depth + '<a href="https://e.org/lost">Lost</a>' + "</div>" * depth
    )
    result = import_text(text, "deep.html", fmt="html", venues=VENUES)
    messages = [p.format() for p in result.problems]
    if result.entries:
        ((_, data),) = result.entries
        assert data["links"] == {"paper": "https://e.org/lost"} and messages == []
    else:
        assert any("nests too deeply" in m and "https://e.org/lost" in m for m in messages)


def test_markdown_nested_too_deeply_is_reported() -> None:
    text = "# L\n\n## S\n\n" + "> " * 80 + "- [Far Down](https://e.org/far)\n"
    result = import_text(text, "deep.md", venues=VENUES)
    assert result.entries == []
    assert [p.line for p in result.problems] == [5]


# -- never silent ------------------------------------------------------------------------------


NOT_SILENT = """# A List

Intro with [a link](https://e.org/intro) in prose.

[![Badge](https://img.shields.io/badge/x-y-blue)](https://e.org/badge)

## Papers

- [Paper One](https://e.org/1) (OSDI 2020)
- [[pdf]](https://e.org/only-a-label.pdf)
- see [Contents](#a-list)
- a note without a link

## Contributing

Please read [the guide](https://e.org/guide).

## More

### [A heading link](https://e.org/heading)
"""


def test_every_line_holding_a_link_is_an_entry_or_reported() -> None:
    result = import_text(NOT_SILENT, "x.md", venues=VENUES)
    assert [data["title"] for _, data in result.entries] == ["Paper One"]
    assert [p.format() for p in result.problems] == [
        "x.md:3:1: AW201 link not imported: it is in a paragraph of text, not in a list or table",
        "x.md:10:1: AW201 list item not imported: links without a title",
        "x.md:11:1: AW201 list item not imported: no link, venue, year, date or bold title",
        "x.md:12:1: AW201 list item not imported: no link, venue, year, date or bold title",
        "x.md:16:1: AW201 link not imported: it is in the section 'Contributing', which is not "
        "read "
        "for entries",
        "x.md:20:1: AW201 link not imported: it is in a heading",
    ]


def test_the_summary_counts_items_entries_and_reported_lines(workdir: Path, run) -> None:
    (workdir / "list.md").write_text(NOT_SILENT, encoding="utf-8")
    code, out, _ = run("import", "list.md", "-o", "out")
    assert code == 1  # something was reported
    assert out.splitlines()[-1] == (
        "1 item found in 1 file: 1 entry and 3 categories; wrote out: 1 entry file (1 new) "
        "and _categories.yaml (new); 6 lines reported"
    )


def test_escaped_characters_never_show_as_private_use_stand_ins(workdir: Path, run) -> None:
    (workdir / "list.md").write_text(
        "# L\n\n## S\n\n- Foo\\_bar \\[draft\\] [pdf](ftp://e.org/x.pdf) (OSDI 2020)\n"
        "- Baz\\* paper\n- [Qux \\| quux](https://e.org/q) | Some Lab\n",
        encoding="utf-8",
    )
    code, out, err = run("import", "list.md", "-o", "out")
    assert code == 1
    assert "'Foo_bar [draft]'" in out  # the dropped link's message names the title as written
    assert not PRIVATE_USE.search(out + err)
    written = "".join(p.read_text(encoding="utf-8") for p in (workdir / "out").iterdir())
    assert not PRIVATE_USE.search(written)


# -- ids and file names ------------------------------------------------------------------------


def test_an_id_longer_than_a_file_name_allows_is_reported_and_replaced(workdir: Path, run) -> None:
    long_id = "a" * 300
    (workdir / "list.md").write_text(
        f'# L\n\n## S\n\n- <a id="{long_id}"></a>[Long Id Paper](https://e.org/p) (OSDI 2020)\n',
        encoding="utf-8",
    )
    for extra in ([], ["--force"]):
        code, out, err = run("import", "list.md", "-o", "out", *extra)
        assert code == 1, out + err
        assert "Traceback" not in err
        assert "list.md:5:1: AW201 id 'aaaaaaaa" in out
        assert "cannot name an entry file" in out
        assert "kept" not in out
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [
        "_categories.yaml",
        "long-id-paper.yaml",
    ]


def test_a_title_of_one_huge_word_gives_a_short_id() -> None:
    result = import_text(
        f"# L\n\n## S\n\n- [{'x' * 5000}](https://e.org/x) (OSDI 2020)\n", "x.md", venues=VENUES
    )
    ((entry_id, _),) = result.entries
    assert len(entry_id) <= 64


@pytest.mark.parametrize("name", ["con", "nul.txt", "trailing."])
def test_ids_reserved_on_windows_are_reported(name: str) -> None:
    text = f'# L\n\n## S\n\n- <a id="{name}"></a>[Reserved](https://e.org/r) (OSDI 2020)\n'
    result = import_text(text, "x.md", venues=VENUES)
    assert [e for e, _ in result.entries] == ["reserved"]
    assert "cannot name an entry file" in result.problems[0].message


# -- the output directory -----------------------------------------------------------------------

LIST = "# L\n\n## S\n\n- [Alpa: Automating Parallelism](https://e.org/alpa) (OSDI 2022)\n"


def test_an_unwritable_output_is_a_one_line_error(
    workdir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "list.md").write_text(LIST, encoding="utf-8")
    (workdir / "out").mkdir()

    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)  # a read-only directory, even for root
    code, out, err = run("import", "list.md", "-o", "out")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"sphinx-awesome import: error: cannot write {Path('out') / 'alpa.yaml'}: Permission denied"
    ]
    assert "Traceback" not in err


def test_a_target_name_that_is_a_directory_is_a_one_line_error(workdir: Path, run) -> None:
    (workdir / "list.md").write_text(LIST, encoding="utf-8")
    (workdir / "out" / "alpa.yaml").mkdir(parents=True)
    code, out, err = run("import", "list.md", "-o", "out")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"sphinx-awesome import: error: cannot write {Path('out') / 'alpa.yaml'}: it is a directory"
    ]
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["alpa.yaml"]  # nothing written


def test_an_output_path_that_is_a_file_is_a_usage_error(workdir: Path, run) -> None:
    (workdir / "list.md").write_text(LIST, encoding="utf-8")
    (workdir / "out").write_text("", encoding="utf-8")
    code, _, err = run("import", "list.md", "-o", "out")
    assert (code, err.strip()) == (2, "sphinx-awesome import: error: out is not a directory")


def test_an_id_defined_by_another_file_of_the_output_is_not_written_again(
    workdir: Path, run
) -> None:
    from sphinx_awesome.entries import duplicate_id_problems, load_file

    (workdir / "list.md").write_text(LIST, encoding="utf-8")
    out = workdir / "out"
    out.mkdir()
    (out / "hand-written.yaml").write_text(
        "- id: alpa\n  title: Alpa, entered by hand\n- id: other\n  title: Other\n",
        encoding="utf-8",
    )
    for extra in ([], ["--force"]):
        code, stdout, _ = run("import", "list.md", "-o", "out", *extra)
        assert code == 0
        assert (
            "kept out/alpa.yaml unwritten: id 'alpa' is already defined in out/hand-written.yaml:1"
            in stdout
        )
        assert stdout.splitlines()[-1].endswith(
            "wrote out: 1 entry file (1 kept) and _categories.yaml (new); 0 lines reported"
        ) or stdout.splitlines()[-1].endswith(
            "wrote out: 1 entry file (1 kept) and _categories.yaml (unchanged); 0 lines reported"
        )
    assert not (out / "alpa.yaml").exists()
    entries = [e for path in sorted(out.glob("[!_]*.yaml")) for e in load_file(path).entries]
    assert duplicate_id_problems(entries)[1] == []


def test_lines_past_65535_are_reported_where_they_are() -> None:
    filler = "<p>filler</p>\n" * 70_000
    text = f'<h2>S</h2>\n{filler}<p>See <a href="https://e.org/x">this</a> text.</p>\n'
    result = import_text(text, "big.html", fmt="html", venues=VENUES)
    assert [p.line for p in result.problems] == [70_002]


HOSTILE_CELLS = """# L

## Papers

| Title | Venue | Year |
|---|---|---|
| [Evil `title` *with* _marks_](javascript:alert(1)) | OSDI | 20x1 |
| [Data](data:text/html,<script>alert(1)</script>) | SOSP | 2021 |
"""


def test_a_title_linked_to_a_script_keeps_its_title_and_loses_only_the_link() -> None:
    result = import_text(HOSTILE_CELLS, "x.md", venues=VENUES)
    entries = [data for _, data in result.entries]
    assert [e["title"] for e in entries] == ["Evil title with marks", "Data"]
    assert all("links" not in e for e in entries)
    messages = [(p.code.code, p.line, p.message) for p in result.problems]
    assert ("AW203", 7) in {(code, line) for code, line, m in messages if "javascript:" in m}
    assert ("AW203", 8) in {(code, line) for code, line, m in messages if "data:" in m}
    # a year that is not one is reported, not dropped silently
    assert any(code == "AW201" and "'20x1'" in m for code, _, m in messages)

"""Every bad input gives exactly one warning, at its file and line, with a suppressible
``awesome.<subtype>`` type; every valid entry still renders; ``-W`` fails the build cleanly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sites import build_source
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

from sphinx_awesome.problems import Code

ROOTS = Path(__file__).parent / "roots"
WARNING_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) "
    r"\[(?P<type>[a-z]+)\.(?P<subtype>[a-z-]+)\]$"
)

#: (file relative to the source directory, line, subtype, a piece of the message)
EXPECTED = [
    ("entries/malformed.yaml", 2, "yaml", "invalid YAML"),
    ("entries/notutf8.yaml", 1, "yaml", "UTF-8"),
    ("entries/empty.yaml", 1, "structure", "no entries"),
    ("entries/scalar.yaml", 1, "structure", "mapping"),
    ("entries/notitle.yaml", 3, "no-title", "no title"),
    ("entries/unknownfield.yaml", 2, "unknown-field", "did you mean 'year'"),
    ("entries/wrongtype.yaml", 2, "wrong-type", "'year'"),
    ("entries/baddate.yaml", 2, "bad-date", "next week"),
    ("entries/dup-b.yaml", 2, "duplicate-id", "dup-a.yaml:1"),
    ("entries/badurl.yaml", 3, "bad-url", "javascript:alert(1)"),
    ("entries/unsafe.yaml", 2, "unsafe", "python/object/apply:os.system"),
    ("entries/bomb.yaml", 1, "unsafe", "alias"),
    ("entries/category.yaml", 2, "unknown-category", "nowhere"),
    ("entries/badid.yaml", 2, "bad-id", "not-a-slug"),
    ("entries/badkind.yaml", 2, "bad-value", "did you mean 'paper'"),
    ("bad.rst", 4, "missing-file", "missing.yaml"),
    ("bad.rst", 6, "filter", "year:>>x"),
    ("bad.rst", 9, "filter", "colour"),
    ("bad.rst", 12, "sort", "colour"),
    ("bad.rst", 15, "column", "colour"),
    ("bad.rst", 18, "option", ":colour:"),
    ("bad.rst", 21, "option", "month"),
    ("bad.rst", 24, "option", "fancy"),
    ("bad.rst", 27, "option", "-3"),
    ("bad.rst", 30, "ref", "nonexistent"),
    ("bad.rst", 32, "missing-file", "outside the source directory"),
    ("bad.rst", 37, "ref", "not shown in any indexed paper-table"),
    ("bad.rst", 39, "ref", "did you mean 'good-one'"),
]
VALID_TITLES = [
    "Bad Date Entry",
    "Bad Id Entry",
    "Bad Kind Entry",
    "Bad URL Entry",
    "Unknown Category Entry",
    "Dup First",
    "Good One: A Valid Entry",
    "Has Title",
    "Unknown Field Entry",
    "Unsafe Entry",  # the unsafe value is dropped, the entry stays
    "Wrong Type Entry",
]


def copy_root(root: str, dest: Path) -> Path:
    src = dest / "src"
    shutil.copytree(ROOTS / f"test-{root}", src)
    return src


def build(src: Path, **kwargs) -> SphinxTestApp:
    return build_source(src, **kwargs)


ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def parse(text: str) -> list[dict]:
    out = []
    for line in ANSI_RE.sub("", text).splitlines():
        match = WARNING_RE.match(line)
        assert match, f"not a located awesome warning: {line!r}"
        out.append(match.groupdict())
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SphinxTestApp]:
    src = copy_root("warnings", tmp_path_factory.mktemp("warnings"))
    return src, build(src)


@pytest.fixture(scope="module")
def warnings(built: tuple[Path, SphinxTestApp]) -> list[dict]:
    return parse(built[1].warning.getvalue())


@pytest.mark.parametrize(
    ("path", "line", "subtype", "text"), EXPECTED, ids=[f"{p}:{n}" for p, n, *_ in EXPECTED]
)
def test_one_warning_at_file_and_line(
    built: tuple[Path, SphinxTestApp],
    warnings: list[dict],
    path: str,
    line: int,
    subtype: str,
    text: str,
) -> None:
    src = built[0]
    here = [w for w in warnings if Path(w["path"]) == src / path and int(w["line"]) == line]
    assert len(here) == 1, here
    (warning,) = here
    assert (warning["type"], warning["subtype"]) == ("awesome", subtype)
    assert text in warning["message"]


def test_no_other_warnings(warnings: list[dict]) -> None:
    assert len(warnings) == len(EXPECTED)


def test_subtypes_are_problem_codes_or_directive_subtypes(warnings: list[dict]) -> None:
    known = {code.subtype for code in Code} | {"option", "filter", "sort", "column", "ref"}
    assert {w["subtype"] for w in warnings} <= known


def test_every_valid_entry_still_renders(built: tuple[Path, SphinxTestApp]) -> None:
    app = built[1]
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    table = soup.find(id="t-all")
    titles = [s.get_text() for s in table.select(".awesome-title")]
    assert titles == VALID_TITLES
    (badurl,) = [r for r in table.select("tr") if "Bad URL Entry" in r.get_text()]
    assert [a["href"] for a in badurl.select("td.awesome-cell-links a")] == [
        "https://example.org/ok"
    ]


def test_bad_tables_do_not_break_the_page(built: tuple[Path, SphinxTestApp]) -> None:
    app = built[1]
    soup = BeautifulSoup((Path(app.outdir) / "bad.html").read_text("utf-8"), "html.parser")
    # bad filters: no table; bad sort/columns/options: the table with the rest applied
    wrappers = soup.select("div.awesome-paper-table")
    assert len(wrappers) == 9
    assert "awesome-style-default" in wrappers[5]["class"]  # after :style: fancy


def test_unsafe_yaml_is_not_executed(built: tuple[Path, SphinxTestApp]) -> None:
    src = built[0]
    assert not list(src.parent.rglob("pwned-by-yaml"))
    assert not Path("pwned-by-yaml").exists()


# -- suppress_warnings ----------------------------------------------------------------------------


def test_every_subtype_can_be_suppressed(tmp_path: Path) -> None:
    subtypes = sorted({subtype for _, _, subtype, _ in EXPECTED})
    src = copy_root("warnings", tmp_path)
    app = build(src, confoverrides={"suppress_warnings": [f"awesome.{s}" for s in subtypes]})
    assert app.warning.getvalue() == ""


def test_the_whole_type_can_be_suppressed(tmp_path: Path) -> None:
    src = copy_root("warnings", tmp_path)
    app = build(src, confoverrides={"suppress_warnings": ["awesome"]})
    assert app.warning.getvalue() == ""


def test_suppressing_one_subtype_keeps_the_others(tmp_path: Path) -> None:
    src = copy_root("warnings", tmp_path)
    app = build(src, confoverrides={"suppress_warnings": ["awesome.unknown-field", "awesome.ref"]})
    left = parse(app.warning.getvalue())
    assert {w["subtype"] for w in left} == {s for _, _, s, _ in EXPECTED} - {"unknown-field", "ref"}
    assert len(left) == len([e for e in EXPECTED if e[2] not in ("unknown-field", "ref")])


# -- -W -------------------------------------------------------------------------------------------


def run_w(src: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = build_main(
        ["-W", "--keep-going", "--no-color", "-q", "-b", "html", *extra, str(src), str(out)]
    )
    return code, capsys.readouterr().err


def test_W_makes_the_build_fail_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_root("warnings", tmp_path)
    code, err = run_w(src, tmp_path / "out", capsys)
    assert code == 1
    assert "Traceback" not in err and "Exception occurred" not in err
    assert "[awesome.unknown-field]" in err


def test_W_passes_a_clean_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = copy_root("basic", tmp_path)
    code, err = run_w(src, tmp_path / "out", capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    "text",
    [
        "title: Only a directive\n",  # the directive's own problem
        "title: X\nkind: poster\n",
        "title: [oops\n",
    ],
)
def test_W_with_one_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    src = tmp_path / "src"
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n", "utf-8"
    )
    (src / "entries" / "one.yaml").write_text(text, "utf-8")
    directive = ".. paper-table::\n"
    if text.startswith("title: Only"):
        directive += "   :sort: nonsense\n"
    (src / "index.rst").write_text(f"Title\n=====\n\n{directive}", "utf-8")
    code, err = run_w(src, tmp_path / "out", capsys)
    assert code == 1
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if "WARNING" in line]) == 1


@pytest.mark.parametrize(
    "text", ["title: X\nyear: !!bool maybe\n", "title: X\nsummary: !!int ''\n"]
)
def test_unreadable_tagged_values_are_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    src = tmp_path / "src"
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n", "utf-8"
    )
    (src / "entries" / "one.yaml").write_text(text, "utf-8")
    (src / "entries" / "two.yaml").write_text("title: Fine\n", "utf-8")
    (src / "index.rst").write_text("Title\n=====\n\n.. paper-table::\n", "utf-8")
    code, err = run_w(src, tmp_path / "out", capsys)
    assert "Traceback" not in err and "Extension error" not in err
    assert code == 1
    assert len([line for line in err.splitlines() if "WARNING" in line]) == 1


def test_config_problems_warn_once_at_conf_py(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\n"
        "awesome_table_style = 'fancy'\n"
        "awesome_default_columns = ['title', 'colour']\n"
        "awesome_categories = 'missing-categories.yaml'\n",
        "utf-8",
    )
    (src / "index.rst").write_text("Title\n=====\n", "utf-8")
    app = build(src)
    lines = app.warning.getvalue().splitlines()
    assert len(lines) == 3, lines
    assert all("[awesome.config]" in line for line in lines)
    assert any("fancy" in line for line in lines)
    assert any("colour" in line for line in lines)
    assert any("missing-categories.yaml" in line for line in lines)


# -- where the warning points ---------------------------------------------------------------------


def small_project(src: Path, files: dict[str, str]) -> None:
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/*.yaml']\n"
        "exclude_patterns = ['snippets/*']\n",
        "utf-8",
    )
    (src / "entries" / "a.yaml").write_text("id: alpa\ntitle: 'Alpa: A'\n", "utf-8")
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, "utf-8")


def test_directive_warning_in_an_included_file_names_that_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    small_project(
        src,
        {
            "snippets/s.rst": "Snippet text.\n\n.. paper-table::\n   :colour: red\n",
            "index.rst": "Title\n=====\n\nLine four.\n\nLine six.\n\n.. include:: snippets/s.rst\n",
        },
    )
    app = build(src)
    (warning,) = parse(app.warning.getvalue())
    assert (Path(warning["path"]), int(warning["line"])) == (src / "snippets" / "s.rst", 3)


def test_paper_warning_in_an_included_file_names_that_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    small_project(
        src,
        {
            "snippets/s.rst": "Snippet text.\n\nRef :paper:`nope`.\n",
            "index.rst": "Title\n=====\n\n.. paper-table::\n\n.. include:: snippets/s.rst\n",
        },
    )
    app = build(src)
    (warning,) = parse(app.warning.getvalue())
    assert (Path(warning["path"]), int(warning["line"])) == (src / "snippets" / "s.rst", 3)


LABEL_CLASH = {"index.rst": "Title\n=====\n\n.. _paper-alpa:\n\nMine.\n\n.. paper-table::\n"}


def test_label_clash_warning_names_a_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    small_project(src, LABEL_CLASH)
    app = build(src)
    (warning,) = parse(app.warning.getvalue())
    assert warning["subtype"] == "duplicate-label"
    assert int(warning["line"]) in (4, 8)  # the user's label or the table


def test_label_clash_gives_no_duplicate_html_ids(tmp_path: Path) -> None:
    src = tmp_path / "src"
    small_project(src, LABEL_CLASH)
    app = build(src)
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert html.count('id="paper-alpa"') == 1


def test_awesome_entries_pattern_matching_nothing_warns(tmp_path: Path) -> None:
    src = tmp_path / "src"
    small_project(src, {"index.rst": "Title\n=====\n\n.. paper-table::\n"})
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\n"
        "awesome_entries = ['entries/*.yaml', 'nothere/*.yaml', 'entries/x.yaml']\n",
        "utf-8",
    )
    app = build(src)
    lines = ANSI_RE.sub("", app.warning.getvalue()).splitlines()
    assert len(lines) == 2, lines
    assert all(line.endswith("[awesome.missing-file]") for line in lines)
    assert "'nothere/*.yaml'" in lines[0] and "'entries/x.yaml'" in lines[1]


def test_config_warnings_name_conf_py(tmp_path: Path) -> None:
    src = tmp_path / "src"
    small_project(src, {"index.rst": "Title\n=====\n"})
    (src / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\n"
        "awesome_entries = ['nothere/*.yaml']\n"
        "awesome_table_style = 'fancy'\n",
        "utf-8",
    )
    app = build(src)
    lines = ANSI_RE.sub("", app.warning.getvalue()).splitlines()
    assert len(lines) == 2, lines
    for line in lines:
        location = re.sub(r":\d+$", "", line.partition(": WARNING:")[0])
        assert Path(location).name == "conf.py", line

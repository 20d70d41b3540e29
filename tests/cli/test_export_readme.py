"""The README a list keeps in step with its entry files: ``export --format markdown``'s
options (``--columns``, ``--max-authors``), ``--check FILE`` and its pre-commit hook, and
the entry data a README carries out of sight so that ``import`` gives every field back."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from sphinx_awesome.cli.importers import import_text
from sphinx_awesome.cli.readme_data import ATTRIBUTE, decode, encode
from sphinx_awesome.config import read_config
from sphinx_awesome.entries import load_file
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

REPO = Path(__file__).resolve().parents[2]
VENUES = VenueList(BUILTIN_VENUES)
AUTHORS = [f"Author Number{n}" for n in range(15)]
ENTRIES = f"""
- id: big-team
  title: "Some Paper on Things"
  kind: post
  authors: {json.dumps(AUTHORS)}
  affiliation: Google Research and DeepMind
  venue: Workshop on ML for Systems 2023
  year: 2023
  links: {{paper: "https://e.org/big"}}
  tags: [systems]
  summary: "A summary, with commas and | pipes."
  added: 2024-05-01
  categories: [systems]
- id: alpa
  title: "Alpa: Automating Inter- and Intra-Operator Parallelism"
  authors: [Lianmin Zheng, Zhuohan Li]
  venue: OSDI
  year: 2022
  links: {{paper: "https://e.org/alpa"}}
  categories: [systems]
- id: team
  title: "A Report Written by a Team"
  authors: [Google Research and DeepMind]
  venue: arXiv
  year: 2023
  categories: [systems]
"""


@pytest.fixture
def project(workdir: Path) -> Path:
    """A list with a conf.py (awesome_entries) and two entries."""
    (workdir / "papers").mkdir()
    (workdir / "papers" / "list.yaml").write_text(ENTRIES, encoding="utf-8")
    (workdir / "conf.py").write_text(
        "project = 'awesome-things'\nawesome_entries = ['papers/*.yaml']\n"
        "awesome_categories = {'systems': 'Systems'}\n",
        encoding="utf-8",
    )
    return workdir


def entries_in(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("[!_]*.yaml")):
        loaded = load_file(path)
        assert loaded.problems == [], path
        for entry in loaded.entries:
            out[entry.id] = entry.as_dict()
    return out


def visible(readme: str) -> str:
    """The README without the entry data in its anchors."""
    return re.sub(rf" {ATTRIBUTE}='[^']*'", "", readme)


def header(readme: str) -> str:
    return next(line for line in readme.splitlines() if line.startswith("| Title"))


# -- the README's columns and authors ------------------------------------------------------------


def test_default_columns_fit_github(project: Path, run) -> None:
    code, out, err = run("export", "--format", "markdown")
    assert code == 0, err
    assert out.startswith("# awesome-things\n")
    assert header(out) == "| Title | Venue | Year | Links |"
    assert "Author Number0" in out  # out of sight, for import
    assert "Author Number0" not in visible(out)


def test_columns_pick_and_order(project: Path, run) -> None:
    code, out, err = run("export", "--format", "markdown", "--columns", "title, year,author,tag")
    assert code == 0, err
    assert header(out) == "| Title | Year | Authors | Tags |"
    row = next(line for line in out.splitlines() if 'id="alpa"' in line)
    assert row.endswith("| 2022 | Lianmin Zheng, Zhuohan Li |  |")
    code, out, err = run("export", "--format", "markdown", "--columns", "title,description")
    assert header(out) == "| Title | Description |"


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("title,autors", "unknown column 'autors' (did you mean 'authors'?)"),
        ("venue,year", "the columns must include 'title'"),
        ("title,tags,tag", "column 'tags' is named twice"),
    ],
)
def test_bad_columns_are_usage_errors(project: Path, run, columns: str, message: str) -> None:
    code, out, err = run("export", "--format", "markdown", "--columns", columns)
    assert (code, out) == (2, "")
    assert f"--columns: {message}" in err


def test_max_authors_shortens_the_shown_list_only(project: Path, run) -> None:
    code, out, _ = run("export", "--format", "markdown", "--columns", "title,authors")
    assert code == 0
    row = next(line for line in out.splitlines() if 'id="big-team"' in line)
    assert row.endswith("| Author Number0, Author Number1, Author Number2 et al. |")
    data = json.loads(
        re.search(rf"{ATTRIBUTE}='([^']*)'", row).group(1).encode().decode("unicode_escape")
    )
    assert data["authors"] == AUTHORS  # the full list, for import
    code, out, _ = run(
        "export", "--format", "markdown", "--columns", "title,authors", "--max-authors", "0"
    )
    assert "Author Number14 |" in out
    code, out, _ = run("export", "--format", "markdown", "--style", "list", "--max-authors", "1")
    assert " by Author Number0 et al. · " in out


def test_max_authors_comes_from_conf_py(project: Path, run) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("awesome_max_authors = 2\n")
    _, out, _ = run("export", "--format", "markdown", "--columns", "title,authors")
    assert "| Author Number0, Author Number1 et al. |" in out
    _, out, _ = run(
        "export", "--format", "markdown", "--columns", "title,authors", "--max-authors", "4"
    )
    assert "Author Number3 et al. |" in out


@pytest.mark.parametrize("value", [-1, "3", 2.5, True, None])
def test_awesome_max_authors_is_a_whole_number(tmp_path: Path, value: object) -> None:
    settings = read_config({"awesome_max_authors": value}, tmp_path)
    assert settings.max_authors == 3
    (problem,) = settings.problems
    assert problem.setting == "awesome_max_authors"
    assert "should be a whole number, 0 or more" in problem.message
    assert read_config({"awesome_max_authors": 0}, tmp_path).max_authors == 0
    assert read_config({}, tmp_path).max_authors == 3


@pytest.mark.parametrize("value", ["-1", "x", "1.5"])
def test_bad_max_authors_option(project: Path, run, value: str) -> None:
    code, _, err = run("export", "--format", "markdown", "--max-authors", value)
    assert code == 2
    assert "--max-authors: should be a whole number, 0 or more" in err


# -- every field comes back ----------------------------------------------------------------------


@pytest.mark.parametrize("style", ["table", "list"])
@pytest.mark.parametrize("options", [[], ["--columns", "title,authors,affiliation,venue,year"]])
def test_every_field_comes_back(project: Path, run, style: str, options: list[str]) -> None:
    """The issue's losses: ``added``, an explicit kind, an affiliation with "and" in it, a
    venue ending in a year, and 15 authors shown as three and "et al."."""
    code, _, err = run("export", "--format", "markdown", "--style", style, *options, "-o", "R.md")
    assert code == 0, err
    code, out, _ = run("import", "R.md", "--no-conf", "-o", "back")
    assert code == 0, out
    back = entries_in(project / "back")
    assert back == entries_in(project / "papers")
    assert back["big-team"]["affiliation"] == ["Google Research and DeepMind"]
    assert back["big-team"]["venue"] == "Workshop on ML for Systems 2023"
    assert (back["big-team"]["kind"], back["big-team"]["added"]) == ("post", "2024-05-01")
    assert back["big-team"]["authors"] == AUTHORS
    assert back["team"]["authors"] == ["Google Research and DeepMind"]
    code, again, _ = run(
        "export",
        "back",
        "--no-conf",
        "--format",
        "markdown",
        "--style",
        style,
        "--title",
        "awesome-things",
        *options,
    )
    assert again == (project / "R.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("style", ["table", "list"])
@pytest.mark.parametrize("title", ["NONE", "N/A", "—", "|", "OSDI 2022", "[x] done"])
def test_titles_that_read_as_something_else(workdir: Path, run, style: str, title: str) -> None:
    """A title that import takes for a placeholder, a separator, a venue label or a check
    box comes back from the entry's data."""
    (workdir / "first").mkdir()
    (workdir / "first" / "e.yaml").write_text(
        f"- {{id: odd, title: {json.dumps(title)}}}\n- {{id: plain, title: A Plain Title}}\n",
        encoding="utf-8",
    )
    run("export", "first", "--format", "markdown", "--style", style, "-o", "R.md")
    code, out, _ = run("import", "R.md", "-o", "back")
    assert code == 0, out
    assert entries_in(workdir / "back") == entries_in(workdir / "first")


def test_shown_fields_carry_no_hidden_data(project: Path, run) -> None:
    """Fields the text gives back are not repeated out of sight."""
    _, out, _ = run("export", "--format", "markdown", "--columns", "title,authors,venue,year,links")
    row = next(line for line in out.splitlines() if 'id="alpa"' in line)
    assert row.startswith('| <a id="alpa"></a>Alpa')


def test_hidden_data_is_safe_in_markdown_and_html() -> None:
    text = encode({"title": "a' onmouseover='x' | b & <c> href=d -->", "authors": ["大模型"]})
    assert not set(text) & set("'&<>|=")
    assert "大模型" in text
    assert decode(text) == (
        {"title": "a' onmouseover='x' | b & <c> href=d -->", "authors": ["大模型"]},
        [],
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", f"the entry data in {ATTRIBUTE} is not JSON"),
        ("[1, 2]", f"the entry data in {ATTRIBUTE} is not a JSON object"),
        ('{"colour": "red"}', f"{ATTRIBUTE} names no field 'colour'"),
        ('{"authors": [1, [2]]}', f"{ATTRIBUTE}: 'authors' holds no entry-file value"),
        ('{"title": ""}', f"{ATTRIBUTE}: 'title' holds no entry-file value"),
    ],
)
def test_bad_hidden_data_is_reported_and_the_text_is_read(data: str, message: str) -> None:
    readme = (
        "# L\n\n| Title | Year |\n|---|---|\n"
        f"| <a id=\"x\" {ATTRIBUTE}='{data}'></a>A Title | 2020 |\n"
    )
    result = import_text(readme, "README.md", venues=VENUES)
    assert result.entries == [("x", {"title": "A Title", "year": 2020})]
    (problem,) = result.problems
    assert (problem.path, problem.line) == ("README.md", 5)
    assert message in problem.message


def test_hidden_data_of_a_wrong_type_is_reported_by_the_loader() -> None:
    readme = f'# L\n\n- <a id="x" {ATTRIBUTE}=\'{{"year": "soon"}}\'></a>**A Title** (OSDI 2020)\n'
    result = import_text(readme, "README.md", venues=VENUES)
    (problem,) = result.problems
    assert problem.line == 3
    assert "'year' 'soon' is not a year" in problem.message


# -- --check -------------------------------------------------------------------------------------


def test_check_passes_when_the_readme_is_in_step(project: Path, run) -> None:
    run("export", "--format", "markdown", "-o", "README.md")
    code, out, err = run("export", "--format", "markdown", "--check", "README.md")
    assert (code, out, err) == (0, "", "README.md is up to date\n")


def test_check_fails_with_a_diff_and_the_command_that_updates(project: Path, run) -> None:
    run("export", "--format", "markdown", "--style", "list", "-o", "README.md")
    entries = project / "papers" / "list.yaml"
    entries.write_text(entries.read_text(encoding="utf-8").replace("2022", "2021"), "utf-8")
    code, out, err = run(
        "export", "--format", "markdown", "--style", "list", "--check", "README.md"
    )
    assert code == 1
    assert out.startswith("--- README.md\n+++ README.md (exported)\n@@ ")
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "---+++"]
    assert [line[0] for line in changed] == ["-", "+"]
    assert "(OSDI 2022)" in changed[0] and "(OSDI 2021)" in changed[1]
    message = err.strip().splitlines()[-1]
    assert message.startswith("README.md is out of date with the entry files; update it with: ")
    command = shlex.split(message.split(": ", 1)[1])
    assert command == [
        "sphinx-awesome",
        "export",
        "--format",
        "markdown",
        "--style",
        "list",
        "-o",
        "README.md",
    ]
    assert run(*command[1:])[0] == 0
    assert run("export", "--format", "markdown", "--style", "list", "--check", "README.md")[0] == 0


def test_check_marks_a_missing_last_newline(project: Path, run) -> None:
    _, text, _ = run("export", "--format", "markdown")
    (project / "README.md").write_text(text.rstrip("\n"), encoding="utf-8")
    code, out, _ = run("export", "--format", "markdown", "--check", "README.md")
    assert code == 1
    assert out.endswith("\n\\ No newline at end of file\n+" + text.splitlines()[-1] + "\n")


def test_check_ignores_crlf_and_a_byte_order_mark(project: Path, run) -> None:
    _, text, _ = run("export", "--format", "markdown")
    (project / "README.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert run("export", "--format", "markdown", "--check", "README.md")[0] == 0


def test_check_of_a_missing_or_unreadable_file(project: Path, run) -> None:
    code, out, err = run("export", "--format", "markdown", "--check", "docs/README.md")
    assert (code, out) == (1, "")
    assert err == (
        "docs/README.md does not exist; write it with: "
        "sphinx-awesome export --format markdown -o docs/README.md\n"
    )
    (project / "README.md").write_bytes(b"# \xff\n")
    code, _, err = run("export", "--format", "markdown", "--check", "README.md")
    assert code == 1
    assert err.startswith("README.md is not UTF-8 (byte 2), so it is out of date")
    code, _, err = run("export", "--format", "markdown", "--check", "README.md", "-o", "x.md")
    assert code == 2
    assert "not allowed with argument" in err


def test_check_with_paths_and_options(workdir: Path, run) -> None:
    (workdir / "papers").mkdir()
    (workdir / "papers" / "list.yaml").write_text(ENTRIES, encoding="utf-8")
    options = ["papers", "--no-conf", "--format", "markdown", "--columns", "title,authors"]
    code, _, err = run(
        "export", *options, "--max-authors", "2", "--title", "My List", "--check", "R.md"
    )
    assert code == 1
    command = shlex.split(err.split("write it with: ", 1)[1])
    assert command == [
        "sphinx-awesome",
        "export",
        "papers",
        "--format",
        "markdown",
        "--no-conf",
        "--title",
        "My List",
        "--columns",
        "title,authors",
        "--max-authors",
        "2",
        "-o",
        "R.md",
    ]
    assert run(*command[1:])[0] == 0
    assert (
        run("export", *options, "--max-authors", "2", "--title", "My List", "--check", "R.md")[0]
        == 0
    )


def test_pre_commit_hook_for_the_readme() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in hooks if hook["id"] == "sphinx-awesome-readme")
    assert hook["entry"] == "sphinx-awesome export --format markdown --check README.md"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for name in ("papers/alpa.yaml", "README.md", "docs/conf.py", "_categories.yml"):
        assert files.search(name), name
    for name in ("src/module.py", "LICENSE", "notconf.py"):
        assert not files.search(name), name

"""The guide's examples build with -W, in both markups, and the getting-started pages work
as written.

Every snippet in ``docs/examples/`` is a page of a project set up like the book (its
``conf.py`` and entry files, and an indexed table of every entry, as the book's list pages
give one): once as written in MyST, once in reStructuredText. Snippets written only in MyST
get their reStructuredText twin by :func:`to_rst`; where the book has a hand-written twin
(``first-table``, ``first-reference``, ``roles``), that twin is built, and ``to_rst`` must
give exactly it.

The getting-started pages are then followed as a new user would: a project with the
``conf.py`` lines, the entry file and the table and reference snippets exactly as each page
shows them (``literalinclude`` options applied), built with -W.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main
from sphinx.config import Config
from sphinx.directives.code import LiteralIncludeReader

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXAMPLES = DOCS / "examples"
SNIPPETS = sorted(p.stem for p in EXAMPLES.glob("*.md"))
INDEX = {
    "md": "# Examples\n\n```{toctree}\n:glob:\n\n*\n```\n\n```{paper-table}\n```\n",
    "rst": "Examples\n========\n\n.. toctree::\n   :glob:\n\n   *\n\n.. paper-table::\n",
}

# -- MyST to reStructuredText ---------------------------------------------------------------

FENCE_RE = re.compile(r"^```\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^```\n", re.M | re.S)
# A role with its text, or a code span (which may show a role's name: `{paper}`).
INLINE_RE = re.compile(r"\{(?P<role>[\w:.-]+)\}`(?P<text>[^`]+)`|`(?P<code>[^`]+)`")


def _inline(match: re.Match[str]) -> str:
    if match["role"]:
        return f":{match['role']}:`{match['text']}`"
    return "``" + re.sub(r"\{([\w:.-]+)\}", r":\1:", match["code"]) + "``"


def _directive(match: re.Match[str]) -> str:
    arg = match["arg"].strip()
    head = f".. {match['name']}::" + (f" {arg}" if arg else "") + "\n"
    return head + "".join(f"   {line}\n" if line else "\n" for line in match["body"].splitlines())


def to_rst(markdown: str) -> str:
    """A MyST snippet of the guide's kind (fenced directives with ``:option:`` lines, inline
    roles, code spans, bullets) in reStructuredText."""
    out, last = [], 0
    for match in FENCE_RE.finditer(markdown):
        out.append(INLINE_RE.sub(_inline, markdown[last : match.start()]))
        out.append(_directive(match))
        last = match.end()
    out.append(INLINE_RE.sub(_inline, markdown[last:]))
    return "".join(out)


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.rst")))
def test_hand_written_twins_are_what_to_rst_gives(name: str) -> None:
    markdown = (EXAMPLES / f"{name}.md").read_text(encoding="utf-8")
    assert to_rst(markdown) == (EXAMPLES / f"{name}.rst").read_text(encoding="utf-8")


# -- building -------------------------------------------------------------------------------


def build_w(src: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``sphinx-build -W --keep-going`` as the guide says; fails with every warning."""
    code = build_main(["-W", "--keep-going", "-q", "--no-color", "-b", "html", str(src), str(out)])
    err = capsys.readouterr().err
    assert (code, err) == (0, ""), err


def book_like_project(src: Path, markup: str) -> None:
    """The book's conf.py and entry files, ``reading-group.yaml`` where the guide keeps it,
    and an index page with an indexed table of every entry."""
    src.mkdir(parents=True)
    shutil.copy(DOCS / "conf.py", src / "conf.py")
    shutil.copytree(DOCS / "entries", src / "entries")
    shutil.copytree(DOCS / "_static", src / "_static")
    (src / "examples").mkdir()
    shutil.copy(EXAMPLES / "reading-group.yaml", src / "examples")
    shutil.copytree(EXAMPLES / "published", src / "examples" / "published")  # awesome_sources
    (src / f"index.{markup}").write_text(INDEX[markup], encoding="utf-8")


@pytest.fixture(scope="module", params=["md", "rst"])
def examples_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, str]:
    """Every example as a page of a book-like project in one markup, built with -W;
    returns the markup, the output folder, and the warnings printed (none expected)."""
    markup: str = request.param
    base = tmp_path_factory.mktemp(f"examples-{markup}")
    src = base / "src"
    book_like_project(src, markup)
    for name in SNIPPETS:
        text = (EXAMPLES / f"{name}.md").read_text(encoding="utf-8")
        if markup == "rst":
            twin = EXAMPLES / f"{name}.rst"
            text = twin.read_text(encoding="utf-8") if twin.is_file() else to_rst(text)
            text = f"{name}\n{'=' * len(name)}\n\n{text}"
        else:
            text = f"# {name}\n\n{text}"
        (src / f"{name}.{markup}").write_text(text, encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = build_main(
            ["-W", "--keep-going", "-q", "--no-color", "-b", "html", str(src), str(base / "out")]
        )
    return markup, base / "out", f"exit status {code}\n" + err.getvalue()


def test_examples_build_without_warnings(examples_site: tuple[str, Path, str]) -> None:
    _, _, report = examples_site
    assert report == "exit status 0\n", report


@pytest.mark.parametrize("name", SNIPPETS)
def test_each_example_renders(examples_site: tuple[str, Path, str], name: str) -> None:
    _, out, _ = examples_site
    page = (out / f"{name}.html").read_text(encoding="utf-8")
    source = (EXAMPLES / f"{name}.md").read_text(encoding="utf-8")
    if "{paper-table}" in source:
        assert "<table" in page or "Nothing here yet" in page, name
    for entry_id in referenced_ids(source):
        assert f'href="index.html#paper-{entry_id}"' in page, (name, entry_id)


def referenced_ids(source: str) -> list[str]:
    """The ids a MyST snippet links to: ``{paper}`` roles and ``{ref}`` to ``paper-<id>``."""
    ids = []
    for match in INLINE_RE.finditer(source):  # code spans such as `{paper}` are skipped
        role, text = match["role"], match["text"]
        if role not in ("paper", "awesome:paper", "ref"):
            continue
        target = re.search(r"<([^>]+)>$", text)
        name = target[1] if target else text
        if role != "ref":
            ids.append(name)
        elif name.startswith("paper-"):
            ids.append(name.removeprefix("paper-"))
    return ids


def test_referenced_ids_reads_every_form() -> None:
    source = (EXAMPLES / "roles.md").read_text(encoding="utf-8")
    assert referenced_ids(source) == ["pipedream", "pipedream", "dapple", "tofu", "pipedream"]


# -- getting started, as written ------------------------------------------------------------

MYST_BLOCK_RE = re.compile(
    r"^```\{literalinclude\} (?P<path>\S+)\n(?P<options>(?::[^\n]*\n)*)", re.M
)
RST_BLOCK_RE = re.compile(
    r"^\.\. literalinclude:: (?P<path>\S+)\n(?P<options>(?:   :[^\n]*\n)*)", re.M
)
OPTION_RE = re.compile(r"^\s*:(?P<key>[\w-]+):(?: (?P<value>.*))?$", re.M)


def shown_snippets(page: Path) -> dict[str, str]:
    """Each file a guide page shows with ``literalinclude`` -> the text it shows there."""
    text = page.read_text(encoding="utf-8")
    block_re = MYST_BLOCK_RE if page.suffix == ".md" else RST_BLOCK_RE
    shown = {}
    for block in block_re.finditer(text):
        options: dict[str, str | bool] = {}
        for option in OPTION_RE.finditer(block["options"]):
            value = (option["value"] or "").strip()
            options[option["key"]] = value.strip('"') if value else True
        path = (page.parent / block["path"]).resolve()
        reader = LiteralIncludeReader(str(path), options, Config())
        shown[path.relative_to(DOCS).as_posix()], _ = reader.read()
    return shown


def conf_lines(page: Path) -> str:
    """The first Python code block of the page: the conf.py lines it asks for."""
    text = page.read_text(encoding="utf-8")
    match = re.search(r"^```python\n(.*?)^```", text, re.M | re.S) or re.search(
        r"^\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text, re.M
    )
    assert match, f"no conf.py lines on {page.name}"
    return "\n".join(line.removeprefix("   ") for line in match[1].splitlines()) + "\n"


@pytest.mark.parametrize("page", ["getting-started.md", "getting-started-rst.rst"])
def test_getting_started_as_written_builds_with_W(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    guide = DOCS / "guide" / page
    markup = guide.suffix.lstrip(".")
    shown = shown_snippets(guide)
    src = tmp_path / "docs"
    (src / "entries").mkdir(parents=True)
    (src / "conf.py").write_text(conf_lines(guide), encoding="utf-8")
    (src / "entries" / "alpa.yaml").write_text(
        shown.get("entries/alpa.yaml") or (DOCS / "entries" / "alpa.yaml").read_text("utf-8"),
        encoding="utf-8",
    )
    table, reference = (
        shown[f"examples/first-table.{markup}"],
        shown[f"examples/first-reference.{markup}"],
    )
    assert ":no-index:" not in table  # the user's table gives the entries their rows
    title = "My papers\n=========\n" if markup == "rst" else "# My papers\n"
    (src / f"index.{markup}").write_text(f"{title}\n{table}\n{reference}", encoding="utf-8")
    build_w(src, tmp_path / "html", capsys)
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert 'id="paper-alpa"' in html and 'href="#paper-alpa"' in html

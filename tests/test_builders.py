"""Every common builder builds the same project without a single warning (what ``-W`` needs),
and its output shows the entries; links to canonical rows work where the format has links."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup
from sites import CANONICAL
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man"]
#: Words of entry titles that survive every output format's escaping and line wrapping.
TITLE_WORDS = ["Alpa", "PipeDream", "Dataflow", "Piper", "Whale", "Megatron", "大模型训练并行"]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("builders") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    return src


@pytest.fixture(scope="module")
def builds(source: Path) -> Callable[[str], SphinxTestApp]:
    """``builds(name)``: the project built once with builder *name* (built on first use)."""
    done: dict[str, SphinxTestApp] = {}

    def get(name: str) -> SphinxTestApp:
        if name not in done:
            app = SphinxTestApp(name, srcdir=source, builddir=source.parent / f"_build-{name}")
            try:
                app.build()
            finally:
                app.cleanup()
            done[name] = app
        return done[name]

    return get


@pytest.fixture(params=BUILDERS)
def built(request: pytest.FixtureRequest, builds: Callable[[str], SphinxTestApp]) -> SphinxTestApp:
    return builds(request.param)


#: A table's data for the script, which keeps a venue as written for filters to find it.
TABLE_DATA_RE = re.compile(
    r'<script type="application/json" class="awesome-table-data">.*?</script>'
)


def output_text(app: SphinxTestApp) -> str:
    """What every page shows (the tables' script data left out)."""
    outdir = Path(app.outdir)
    suffixes = {".html", ".xhtml", ".tex", ".txt", ".1"}
    return "\n".join(
        TABLE_DATA_RE.sub("", path.read_text(encoding="utf-8"))
        for path in sorted(outdir.rglob("*"))
        if path.suffix in suffixes and "_sources" not in path.parts
    )


def test_no_warnings(built: SphinxTestApp) -> None:
    assert built.warning.getvalue() == ""


def test_output_shows_every_entry(built: SphinxTestApp) -> None:
    text = output_text(built)
    for word in TITLE_WORDS:
        assert word in text, (built.builder.name, word)
    assert "Extra: An Entry Outside awesome" in text.replace("\\_", "_").replace("\n", " ")


def test_output_shows_normalised_venues(built: SphinxTestApp) -> None:
    text = output_text(built)
    for venue in ("EuroSys", "NeurIPS", "ATC", "SOSP"):
        assert venue in text, (built.builder.name, venue)
    assert "Eurosys" not in text and "NIPS'21" not in text


def _html_pages(app: SphinxTestApp) -> dict[str, BeautifulSoup]:
    outdir = Path(app.outdir)
    return {
        p.relative_to(outdir).as_posix(): BeautifulSoup(p.read_text("utf-8"), "html.parser")
        for p in outdir.rglob("*")
        if p.suffix in (".html", ".xhtml")
    }


@pytest.mark.parametrize("name", ["html", "dirhtml", "epub"])
def test_canonical_and_role_links_resolve(
    builds: Callable[[str], SphinxTestApp], name: str
) -> None:
    """Every link to a ``#paper-…`` anchor lands on the canonical row (page-per-document)."""
    pages = _html_pages(builds(name))
    checked = 0
    for page, soup in pages.items():
        for link in soup.select("a[href*='#paper-']"):
            url, fragment = urldefrag(urljoin(page, link["href"]))
            if url.endswith("/"):  # dirhtml: a directory's index.html
                url += "index.html"
            url = url.lstrip("/")  # urljoin on relative paths may climb to "/"
            assert url in pages, (page, link["href"])
            target = pages[url].find(id=unquote(fragment))
            assert target is not None, (page, link["href"])
            entry_id = fragment.removeprefix("paper-")
            doc = url.rpartition(".")[0].removesuffix("/index") or "index"
            assert doc == CANONICAL[entry_id], (page, link["href"])
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("name", ["html", "dirhtml"])
def test_badges_reach_their_browsing_group(
    builds: Callable[[str], SphinxTestApp], name: str
) -> None:
    pages = _html_pages(builds(name))
    checked = 0
    for page, soup in pages.items():
        for link in soup.select("a.awesome-badge, a.awesome-chip[href*='#cap-']"):
            url, fragment = urldefrag(urljoin(page, link["href"]))
            if url.endswith("/"):
                url += "index.html"
            url = url.lstrip("/")
            assert url in pages, (page, link["href"])
            assert pages[url].find(id=unquote(fragment)) is not None, (page, link["href"])
            checked += 1
    assert checked > 50


def test_singlehtml_links_stay_on_the_page(builds: Callable[[str], SphinxTestApp]) -> None:
    app = builds("singlehtml")
    soup = _html_pages(app)["index.html"]
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for entry_id in CANONICAL:
        assert f"paper-{entry_id}" in ids
    arrows = soup.select("a.awesome-canonical")
    assert arrows
    for link in arrows:
        assert link["href"].startswith("#")
        assert link["href"][1:] in ids
    # badges are plain text: singlehtml has no browsing pages
    assert soup.select("a.awesome-badge, a.awesome-venue, a.awesome-year") == []
    assert soup.select("span.awesome-venue")


def test_text_output_tables(builds: Callable[[str], SphinxTestApp]) -> None:
    app = builds("text")
    text = (Path(app.outdir) / "options.txt").read_text("utf-8")
    assert "| Title" in text and "| Venue" in text
    assert "Megatron-LM ↗" in text  # a repeated row still points at its main entry
    assert "Nothing from 1900." in text
    refs = (Path(app.outdir) / "refs.txt").read_text("utf-8")
    assert "Short title: *Alpa*." in refs


def test_latex_links_point_at_defined_labels(builds: Callable[[str], SphinxTestApp]) -> None:
    app = builds("latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = re.findall(r"\\hyperref\[\\detokenize\{([^}]*paper-[^}]*)\}\]", tex)
    assert targets
    for target in targets:
        doc, _, anchor = target.partition(":")
        assert doc == CANONICAL[anchor.removeprefix("paper-")], target
        assert target in labels, target


def test_latex_escapes_entry_text(builds: Callable[[str], SphinxTestApp]) -> None:
    app = builds("latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert "Outside awesome\\_entries" in tex  # the underscore of the title is escaped

"""Building the test projects of ``tests/roots`` and reading the HTML they give."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"

#: Where each entry of the ``basic`` test root has its canonical row: the first indexed table
#: by document name, then position ("appendix" sorts before "index" although it is last in
#: the toctree; the first table showing Megatron-LM on "options" is :no-index:).
CANONICAL = {
    "alpa": "index",
    "pipedream": "index",
    "tofu": "index",
    "piper": "index",
    "whale": "appendix",
    "llm-zhihu": "index",
    "megatron": "options",
    "extra": "sub/page",
}


def build(root: str, dest: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
    """Copy ``tests/roots/test-<root>`` to *dest* and build it once."""
    src = dest / "src"
    shutil.copytree(ROOTS / f"test-{root}", src)
    return build_source(src, buildername, **kwargs)


def build_source(src: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
    """Build the project in *src* once, into ``_build`` beside it."""
    app = SphinxTestApp(buildername, srcdir=src, builddir=src.parent / "_build", **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


class Site:
    """The pages of a built HTML site, parsed once each."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        self._pages: dict[str, BeautifulSoup] = {}

    def raw(self, page: str) -> str:
        return (self.outdir / page).read_text(encoding="utf-8")

    def __getitem__(self, page: str) -> BeautifulSoup:
        if page not in self._pages:
            self._pages[page] = BeautifulSoup(self.raw(page), "html.parser")
        return self._pages[page]

    def find(self, page: str, element_id: str) -> Tag:
        """The element with this id on *page* (fails the test when there is none)."""
        found = self[page].find(id=element_id)
        assert found is not None, f"no element with id {element_id!r} on {page}"
        return found

    def target(self, page: str, href: str) -> Tag | None:
        """The element a relative link on *page* points to (``None`` when missing)."""
        url, fragment = urldefrag(urljoin(page, href))
        if not (self.outdir / url).is_file():
            return None
        return self[url].find(id=unquote(fragment)) if fragment else self[url]

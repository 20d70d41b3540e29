"""The stylesheet (every HTML page) and the table script (pages that show a paper table)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compat import add_deferred_js

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("awesome.css")


def add_table_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the table script only on pages that show a paper table."""
    if app.env.domains["awesome"].data["tables"].get(pagename):
        add_deferred_js(app, "awesome-table.js")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_table_script)

"""The stylesheet (every HTML page) and the filter-box script (pages that need it)."""

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


def add_filter_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the filter script only on pages whose tables have a filter box."""
    specs = app.env.domains["awesome"].data["tables"].get(pagename, ())
    if any(spec.filter_box for spec in specs):
        add_deferred_js(app, "awesome-filter.js")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_filter_script)

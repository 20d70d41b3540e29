"""sphinx-awesome: curated paper lists as YAML entry files and themed Sphinx tables.

Enable it with ``extensions = ["sphinx_awesome"]``. Each feature lives in its own module
and is switched on by one ``setup_<feature>(app)`` call below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here so that ``import sphinx_awesome`` (e.g. by the command line) stays light.
    from .assets import setup_assets
    from .browse import setup_browse
    from .charts import setup_charts
    from .config import setup_config
    from .directive import setup_directive
    from .domain import setup_domain
    from .entry_files import setup_entry_files
    from .feed import setup_feed
    from .linkcheck import setup_linkcheck
    from .publish import setup_publish
    from .render import setup_render
    from .searchwords import setup_search
    from .unfinished import setup_unfinished

    setup_config(app)
    setup_entry_files(app)
    setup_domain(app)
    setup_directive(app)
    setup_render(app)
    setup_charts(app)
    setup_assets(app)
    setup_browse(app)
    setup_feed(app)
    setup_search(app)
    setup_unfinished(app)
    setup_linkcheck(app)
    setup_publish(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

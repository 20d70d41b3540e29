"""No-op builds of large lists: skip regenerating what cannot have changed.

Sphinx's HTML builder rewrites the general index, the search index, ``objects.inv`` and the
pages made from templates alone (the search page, ``html_additional_pages``, OpenSearch) at
the end of every build, even one that read no document and writes no page. With thousands
of entries (each an index entry, a search object and a label) that work is most of a no-op
build. When this build reads nothing, writes no page and no entry file changed (the
domain's ``quiet`` verdict, which also asks the builder whether any page is outdated, so
changed templates or settings count), the inputs of those files are exactly the last
build's, and the files on disk are kept as they are. Pages that other extensions add
(``html-collect-pages``) are left to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .browse import BUILDERS
from .compat import FINISHING_STEPS, skip_finishing_step

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder


def keep_unchanged_outputs(app: Sphinx, quiet: bool) -> None:
    """In a quiet (no-op) build, the finishing steps whose outputs exist are not run again."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    if not quiet or builder.name not in BUILDERS:
        return
    for method, outputs in FINISHING_STEPS.items():
        if all(path.exists() for path in outputs(builder)):
            skip_finishing_step(builder, method)  # this builder object, this build only

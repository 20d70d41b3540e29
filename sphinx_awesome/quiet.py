"""No-op builds of large lists: skip regenerating what cannot have changed.

Sphinx's HTML builder rewrites the general index, the search index and ``objects.inv`` at
the end of every build, even one that read no document and writes no page. With thousands
of entries (each an index entry, a search object and a label) that work is most of a no-op
build. When this build reads nothing, writes no page and no entry file changed (the
collector's ``quiet`` verdict, which also asks the builder whether any page is outdated, so
changed templates or settings count), the inputs of those files are exactly the last
build's, and the files on disk are kept as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .browse import BUILDERS
from .collector import current_run

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: builder method -> the output file it (re)writes
FINISHERS = {
    "write_genindex": "genindex",
    "dump_search_index": "searchindex.js",
    "dump_inventory": "objects.inv",
}


def _keep_as_is() -> None:
    """Stands in for a finishing step whose output is already up to date."""


def skip_unchanged_finishers(app: Sphinx, env: BuildEnvironment) -> None:
    builder = app.builder
    if not current_run(env).quiet or builder.name not in BUILDERS:
        return
    for method, output in FINISHERS.items():
        target = builder.get_target_uri(output) if output == "genindex" else output
        if (builder.outdir / target).exists():
            setattr(builder, method, _keep_as_is)  # this builder object, this build only


def setup_quiet(app: Sphinx) -> None:
    # After the collector (priority 500) has decided whether the build is quiet.
    app.connect("env-updated", skip_unchanged_finishers, priority=900)

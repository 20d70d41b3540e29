"""A build that does not finish leaves no stale site behind.

Sphinx saves the environment (with the entry store and the rows computed from it) after
reading and before writing. A build killed while writing therefore leaves a saved state that
says every page is up to date, while pages, the indices and ``objects.inv`` on disk are the
previous build's (or half written). So each build leaves a marker file in the doctree
directory from its start until it has finished writing; a build that finds the marker knows
the last one did not finish, and rewrites every page and every index, as a fresh build would.
Its cost is one small file written and removed per build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "awesome-build-unfinished"


def begin(app: Sphinx) -> bool:
    """Mark the build as running; whether the last build left its marker (did not finish)."""
    marker = Path(app.doctreedir, MARKER)
    unfinished = marker.exists()
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return unfinished


def finished(app: Sphinx, exception: BaseException | None) -> None:
    """The ``build-finished`` handler: the marker goes once everything is written."""
    if exception is None:
        Path(app.doctreedir, MARKER).unlink(missing_ok=True)


def setup_unfinished(app: Sphinx) -> None:
    # Late, so that every other extension's finishing work counts as part of the build.
    app.connect("build-finished", finished, priority=900)

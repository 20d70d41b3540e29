"""What differs between the supported Sphinx releases, as the tests see it.

The extension reaches Sphinx internals only through :mod:`sphinx_awesome.compat`; these are
differences in Sphinx's own behaviour that some tests must expect (``nox -s compat`` runs
the suite on the oldest and newest supported releases).
"""

from __future__ import annotations

import sphinx

SPHINX: tuple[int, int] = (sphinx.version_info[0], sphinx.version_info[1])

#: From Sphinx 8.2, a build with nothing to read or write still runs the builder's finishing
#: steps (so a deleted ``genindex.html`` is written again); before, it stops at "no targets
#: are out of date".
NOOP_BUILD_FINISHES = SPHINX >= (8, 2)

#: Before Sphinx 8.1, when a document is deleted, pages that are not rewritten keep it in
#: their navigation sidebar (a fresh build does not list it).
STALE_NAVIGATION_AFTER_DELETE = SPHINX < (8, 1)

#: Before Sphinx 8.1, ``-W`` without ``--keep-going`` stops at the first warning: exit code 2
#: and "Warning, treated as error:" above the message (from 8.1: the build goes on, code 1).
W_STOPS_AT_FIRST_WARNING = SPHINX < (8, 1)


def show_warning_types_by_default() -> None:
    """Sphinx 8.0 made ``show_warning_types`` (a warning ends with ``[type.subtype]``) the
    default; the tests read those suffixes, so on 7.3 and 7.4 they get the newer default."""
    if SPHINX >= (8, 0):
        return
    from sphinx.config import Config

    option = Config.config_values["show_warning_types"]
    Config.config_values["show_warning_types"] = type(option)(
        True, option.rebuild, option.valid_types
    )

"""Every use of Sphinx internals, in one place.

The extension relies on a few things Sphinx does not promise to keep: private attributes,
builder methods it replaces for no-op builds, and containers whose shape changed between
releases. Each one is reached only through a function here, and ``tests/test_compat.py``
checks each against the installed Sphinx, so a release that moves one of them fails that
test by name instead of breaking a build somewhere else.

Supported and tested: Sphinx 7.3.7 to 9.2 (see ``noxfile.py``'s ``COMBINATIONS``).
"""

from __future__ import annotations

import logging as pylogging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util import logging

if TYPE_CHECKING:
    from docutils.nodes import NodeVisitor
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment

#: The running Sphinx as (major, minor).
SPHINX_VERSION: tuple[int, int] = (sphinx.version_info[0], sphinx.version_info[1])

#: A genindex entry as Sphinx's index domain stores it.
IndexTuple = tuple[str, str, str, str, "str | None"]


# -- the environment ------------------------------------------------------------------------


def standard_domain(env: BuildEnvironment) -> StandardDomain:
    """The ``std`` domain (its ``labels`` and ``anonlabels`` hold the ``paper-<id>`` labels).

    Sphinx 8.1 made ``env.domains`` a container with a ``standard_domain`` attribute; before
    it was a plain dict. Indexing by name works in both."""
    return env.domains["std"]  # type: ignore[return-value]


def index_entries(env: BuildEnvironment) -> dict[str, list[IndexTuple]]:
    """The ``index`` domain's per-document genindex entries (``env.domains.index_domain``
    from Sphinx 8.1 on)."""
    return env.domains["index"].entries  # type: ignore[attr-defined, no-any-return]


def env_app(env: BuildEnvironment) -> Sphinx:
    """The application of a build environment: ``env._app`` from Sphinx 8.2 (which
    deprecates ``env.app`` and ``SphinxTransform.app``), ``env.app`` before."""
    app = getattr(env, "_app", None)
    return app if app is not None else env.app  # type: ignore[no-any-return]


def reads_in_parallel(app: Sphinx) -> bool:
    """Whether documents may be read by worker processes, whose environments come back
    pickled (``app.parallel``: the ``-j`` count)."""
    return int(app.parallel) > 1


def registered_source_suffixes(app: Sphinx) -> list[str]:
    """Source suffixes that extensions registered (``myst_parser``'s ``.md``), which are not
    in ``config.source_suffix`` until the build reads its sources (``app.registry``)."""
    return list(app.registry.source_suffix)


def outdated_docs(builder: Builder) -> Iterable[str]:
    """The documents the builder would write even though none was re-read (changed
    templates or settings count)."""
    outdated = builder.get_outdated_docs()
    return [outdated] if isinstance(outdated, str) else outdated


# -- the HTML writer ------------------------------------------------------------------------


def table_row_indices(translator: NodeVisitor) -> list[int] | None:
    """The HTML translator's stack of row counters, one per open table (it stripes rows
    ``row-odd``/``row-even`` from it); ``None`` when this writer keeps none."""
    indices = getattr(translator, "_table_row_indices", None)
    return indices if isinstance(indices, list) else None


def add_deferred_js(app: Sphinx, filename: str) -> None:
    """A script loaded with ``defer`` on the page being written (``loading_method``: 4.4+)."""
    app.add_js_file(filename, loading_method="defer")


# -- the HTML builder's finishing steps (no-op builds) -----------------------------------------


def _index_page(builder: StandaloneHTMLBuilder) -> list[Path]:
    return [Path(builder.outdir) / builder.get_target_uri("genindex")]


def _template_pages(builder: StandaloneHTMLBuilder) -> list[Path]:
    pages = [*builder.config.html_additional_pages, *(["search"] if builder.search else [])]
    out = [Path(builder.get_outfilename(page)) for page in pages]
    if builder.config.html_use_opensearch and builder.search:
        out.append(Path(builder.outdir) / "_static" / "opensearch.xml")
    return out


def search_index_path(builder: StandaloneHTMLBuilder) -> Path:
    return Path(builder.outdir) / builder.searchindex_filename


#: The HTML builder's finishing methods (run from ``finish()`` on every build) that a no-op
#: build may skip -> the output files each one (re)writes.
FINISHING_STEPS: dict[str, Callable[[StandaloneHTMLBuilder], list[Path]]] = {
    "write_genindex": _index_page,
    "gen_additional_pages": _template_pages,
    "dump_search_index": lambda builder: [search_index_path(builder)],
    "dump_inventory": lambda builder: [Path(builder.outdir) / "objects.inv"],
}


def _keep_as_is() -> None:
    """Stands in for a finishing step whose output is already up to date."""


def skip_finishing_step(builder: StandaloneHTMLBuilder, method: str) -> None:
    """Replace one of :data:`FINISHING_STEPS` on this builder object, for this build only."""
    if method not in FINISHING_STEPS:  # pragma: no cover - a programming error
        raise KeyError(method)
    setattr(builder, method, _keep_as_is)


# -- the linkcheck builder ----------------------------------------------------------------------


def linkcheck_logger() -> pylogging.Logger:
    """The Python logger behind ``sphinx.builders.linkcheck``'s warnings."""
    return pylogging.getLogger(f"{logging.NAMESPACE}.sphinx.builders.linkcheck")


def register_hyperlink(
    env: BuildEnvironment, builder: Builder, uri: str, path: str, line: int
) -> bool:
    """Add *uri* to the linkcheck builder's links, at *path* (an entry file relative to the
    source directory) and *line*; ``False`` when it is already there or the internals are
    not what Sphinx 7.3-9.1 have.

    The pseudo document name is the entry file's own path; it is mapped to that path so
    that ``env.doc2path`` (which names the file in every report) gives the entry file.
    """
    try:
        from sphinx.builders.linkcheck import Hyperlink
    except ImportError:  # pragma: no cover - a Sphinx without it
        return False
    hyperlinks = getattr(builder, "hyperlinks", None)
    paths = getattr(getattr(env, "project", None), "_docname_to_path", None)
    if not isinstance(hyperlinks, dict) or not isinstance(paths, dict) or uri in hyperlinks:
        return False
    docname = path
    if docname in env.found_docs:  # never shadow a real document
        return False
    paths.setdefault(docname, path)
    hyperlinks[uri] = Hyperlink(uri, docname, env.doc2path(docname), line)
    return True


# -- conf.py for the command line --------------------------------------------------------------


def read_conf(conf_dir: Path) -> Config:
    """A project's ``conf.py`` read by Sphinx's own reader, without building anything."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    return Config.read(conf_dir, overrides={}, tags=Tags())


def add_config_value(config: Config, name: str, default: Any) -> None:
    """Declare a setting on a :class:`Config` read outside a build, so reading it gives the
    conf.py value or *default*."""
    if name not in config:
        config.add(name, default, "env", ())


def sphinx_default(name: str) -> Any:
    """The default of one of Sphinx's own settings, e.g. ``project``: ``"Python"`` up to
    Sphinx 7.3, ``"Project name not set"`` from 7.4 (a placeholder, never a list's name)."""
    from sphinx.config import Config

    option = Config.config_values[name]
    return option[0] if isinstance(option, tuple) else option.default

"""The ``awesome`` domain: it holds what the extension knows about entries and computes it.

Domain data (pickled with the environment):

``tables``  docname -> the :class:`~sphinx_awesome.query.TableSpec` of each ``paper-table``
``charts``  docname -> the :class:`~sphinx_awesome.charts.ChartSpec` of each ``paper-chart``
``refs``    docname -> ids that document references with ``:paper:`` (or ``:ref:``)
``ids``     docname -> the page's own ids that start with ``paper-`` (rows must not repeat them)
``store``   the :class:`~sphinx_awesome.store.EntryStore` (entry files parsed and cached)
``sources`` name -> :class:`~sphinx_awesome.sources.Source`: other lists' published entries
``state``   the :class:`~sphinx_awesome.state.BuildState` computed after reading

After all documents are read (``env-updated``) the domain, in the main process, in this order:
refreshes the entry store (:mod:`~sphinx_awesome.store`) and the sources fetched when the
build began (:mod:`~sphinx_awesome.sources`), chooses every table's rows and each
entry's canonical row (:mod:`~sphinx_awesome.rows`) and every chart's counts
(:mod:`~sphinx_awesome.charts`), registers labels and index entries
(:mod:`~sphinx_awesome.labels`), names the pages to write again (:mod:`~sphinx_awesome.rewrite`)
and tells a no-op build to keep what it cannot have changed (:mod:`~sphinx_awesome.quiet`).
Serial, parallel and incremental builds so compute the same state from the same inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from . import compat, unfinished
from .anchors import ROW_PREFIX, title_id
from .charts import count
from .config import AwesomeConfig, read_config, warn_config
from .fields import KINDS
from .gcpause import paused_gc
from .labels import register_index_entries, register_labels
from .problems import Code, did_you_mean, severity
from .quiet import keep_unchanged_outputs
from .rewrite import pages_to_rewrite
from .rows import Selector, browse_keys, choose_rows
from .sources import fetch_sources, resolve_remote, update_sources
from .state import BuildRun, BuildState
from .store import EntryStore, Refresh
from .xrefs import paper_role, reference_text, setup_xrefs

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .charts import ChartSpec, Counts
    from .entries import Entry
    from .problems import Problem
    from .query import Selection, TableSpec
    from .sources import Source

logger = logging.getLogger(__name__)


class AwesomeDomain(Domain):
    name = "awesome"
    label = "Awesome list"
    #: One object type per kind, so search results say "post" or "repo"; the ``paper`` role
    #: (and intersphinx through it) reaches them all.
    object_types = {kind: ObjType(kind, "paper") for kind in KINDS}
    roles = {"paper": paper_role()}
    initial_data: ClassVar[dict[str, Any]] = {
        "tables": {},
        "charts": {},
        "refs": {},
        "ids": {},
        "store": EntryStore(),
        "state": BuildState(),
        "sources": {},
    }
    data_version = 7  # 7: BibTeX cached with parsed files (6: charts; 5: sources; 4: identities)

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._settings: AwesomeConfig | None = None
        #: The build in progress (a domain lives for one build).
        self.run = BuildRun()

    @property
    def settings(self) -> AwesomeConfig:
        """The ``awesome_*`` settings, read once per build."""
        if self._settings is None:
            self._settings = read_config(self.env.config, self.env.srcdir)
        return self._settings

    # -- data ---------------------------------------------------------------------------------

    @property
    def tables(self) -> dict[str, list[TableSpec]]:
        return self.data["tables"]

    @property
    def charts(self) -> dict[str, list[ChartSpec]]:
        return self.data["charts"]

    @property
    def refs(self) -> dict[str, set[str]]:
        return self.data["refs"]

    @property
    def page_ids(self) -> dict[str, set[str]]:
        """docname -> ids of the page's own that start with ``paper-``."""
        return self.data["ids"]

    @property
    def store(self) -> EntryStore:
        return self.data["store"]

    @property
    def state(self) -> BuildState:
        return self.data["state"]

    @property
    def sources(self) -> dict[str, Source]:
        return self.data["sources"]

    def source_of(self, spec: TableSpec) -> Source | None:
        """The source a table shows (None: a local table, or a source that is not known)."""
        return self.sources.get(spec.source) if spec.source is not None else None

    def add_table(self, spec: TableSpec) -> None:
        self.tables.setdefault(spec.docname, []).append(spec)

    def add_chart(self, spec: ChartSpec) -> None:
        self.charts.setdefault(spec.docname, []).append(spec)

    def chart(self, key: str) -> ChartSpec | None:
        docname = key.rpartition("#")[0]
        return next((spec for spec in self.charts.get(docname, ()) if spec.key == key), None)

    def chart_specs(self) -> list[ChartSpec]:
        """Every chart, in document order."""
        charts = (spec for specs in self.charts.values() for spec in specs)
        return sorted(charts, key=lambda s: (s.docname, s.serial))

    def note_ref(self, docname: str, entry_id: str) -> None:
        self.refs.setdefault(docname, set()).add(entry_id)

    def table(self, key: str) -> TableSpec | None:
        docname, _, serial = key.rpartition("#")
        for spec in self.tables.get(docname, ()):
            if str(spec.serial) == serial:
                return spec
        return None

    def specs(self) -> list[TableSpec]:
        """Every table, in document order."""
        tables = (spec for specs in self.tables.values() for spec in specs)
        return sorted(tables, key=lambda s: (s.docname, s.serial))

    def canonical_entry(self, entry_id: str) -> tuple[Entry, str] | None:
        """The entry and the document of its canonical row, if it has one."""
        place = self.state.canonical.get(entry_id)
        entry = self.store.by_id.get(entry_id)
        if place is None or entry is None:
            return None
        return entry, place[0]

    def clear_doc(self, docname: str) -> None:
        self.tables.pop(docname, None)
        self.charts.pop(docname, None)
        self.refs.pop(docname, None)
        self.page_ids.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        # Only per-document data comes from parallel readers; the store and the computed
        # state belong to the main process.
        for docname in docnames:
            for key in ("tables", "charts", "refs", "ids"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """``:ref:`paper-<id>``` shows an entry's title too (such pages are written again when
        it changes); and the page's own ``paper-*`` ids are noted, for rows not to repeat."""
        for node in document.findall(addnodes.pending_xref):
            target = node.get("reftarget", "")
            if node.get("refdomain") == "std" and target.startswith(ROW_PREFIX):
                self.note_ref(docname, target.removeprefix(ROW_PREFIX))
        ours = {i for i in document.ids if i.startswith(ROW_PREFIX)}
        if ours:
            self.page_ids[docname] = ours

    # -- cross-references ---------------------------------------------------------------------

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return str(type.lname)  # "paper" in search results, not "Awesome list paper"

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        found = self.canonical_entry(target.strip())
        if found is None:  # another list's entry (``name:id``), or nothing
            return resolve_remote(
                self.sources, builder, fromdocname, target.strip(), node, contnode
            )
        entry, docname = found
        contnode = reference_text(entry, node, contnode)
        anchor = self.state.anchor(entry.id)
        return make_refnode(builder, fromdocname, docname, anchor, contnode, entry.title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        ref = self.resolve_xref(env, fromdocname, builder, "paper", target, node, contnode)
        return [("awesome:paper", ref)] if ref is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # The search index derives a short anchor from ``type-name``; the title cell's own
        # id keeps search results pointing at the row while the display name is the title.
        by_id = self.store.by_id
        for entry_id, (docname, _key) in self.state.canonical.items():
            entry = by_id.get(entry_id)
            if entry is not None:
                yield entry_id, entry.title, entry.kind, docname, title_id(entry_id), 1

    def unknown_paper_message(self, target: str) -> str:
        name, colon, entry_id = target.partition(":")
        if colon and name in self.sources:
            hint = did_you_mean(entry_id, self.sources[name].by_id)
            return f"unknown paper id {entry_id!r} in source {name!r}{hint}"
        if target in self.store.by_id:
            return (
                f"paper {target!r} is not shown in any indexed paper-table, so it has no row "
                "to link to"
            )
        return f"unknown paper id {target!r}{did_you_mean(target, self.store.by_id)}"

    # -- the build ----------------------------------------------------------------------------

    def begin_read(self, app: Sphinx, docnames: list[str]) -> None:
        """Before reading: note which documents are read, and whether the last build
        finished; fetch the sources. Parallel readers send their whole environment back
        pickled, so the (possibly large) entry store, state and sources are set aside
        meanwhile."""
        self.run = BuildRun(read=list(docnames), unfinished=unfinished.begin(app))
        self.run.fetched = fetch_sources(app, self.settings)
        if compat.reads_in_parallel(app) and docnames:
            self.run.detached = (self.store, self.state, self.sources)
            self.data["store"], self.data["state"] = EntryStore(), BuildState()
            self.data["sources"] = {}

    @paused_gc()
    def update(self, app: Sphinx) -> list[str]:
        """After reading: compute the entry state; the documents to write again although
        they were not read."""
        run = self.run
        if run.detached is not None:
            self.data["store"], self.data["state"], self.data["sources"] = run.detached
            run.detached = None
        specs = self.specs()
        refresh = self.refresh_entries(app, [*specs, *self.chart_specs()])
        remote = self.refresh_sources(app)
        rewrite = self.compute_rows(specs, refresh, remote)
        if run.unfinished:  # the last build stopped before its pages were all written
            rewrite.update(self.env.found_docs)
        outdated = any(True for _ in compat.outdated_docs(app.builder))
        run.quiet = not rewrite and not run.read and not outdated
        keep_unchanged_outputs(app, run.quiet)
        return sorted(rewrite)

    def refresh_entries(self, app: Sphinx, specs: Sequence[Selection]) -> Refresh:
        """Load new and changed entry files; warn about their problems."""
        settings = self.settings
        patterns = list(settings.entries)
        for spec in specs:
            patterns.extend(spec.patterns or ())
        allow = settings.allow_outside_srcdir
        refresh = self.store.refresh(self.env.srcdir, patterns, settings, allow_outside=allow)
        report(refresh.problems, settings.checks)
        for pattern in settings.entries:
            if not self.store.patterns.get(pattern) and pattern not in refresh.outside_only:
                message = f"awesome_entries: no entry file matches {pattern!r}"
                warn_config(app, message, "missing-file", item=pattern)
        return refresh

    def refresh_sources(self, app: Sphinx) -> set[str]:
        """The sources as fetched when the build began; the keys (``name:id``) of their
        entries that changed."""
        if self.run.fetched is None:
            return set()
        sources, changed = update_sources(app, self.sources, self.run.fetched, self.settings)
        self.data["sources"] = sources
        return changed

    def compute_rows(
        self, specs: Sequence[TableSpec], refresh: Refresh, remote: Set[str] = frozenset()
    ) -> set[str]:
        """Rows, canonical places, chart counts, labels and index entries, when anything
        that decides them changed; the pages that show a change (*remote*: keys of sources'
        changed entries)."""
        settings, state = self.settings, self.state
        charts = self.chart_specs()
        # What decides rows: every table's and chart's query, and the settings behind them
        # (the default entry files in their order; the venues and categories the entries were
        # read with).
        queries = tuple((spec.key, spec.query_key(), spec.no_index) for spec in specs)
        chart_queries = tuple((c.key, c.query_key(), c.by, c.top) for c in charts)
        signature = (settings.rows_key(), queries, chart_queries)
        render_key = settings.render_key()
        restyled = render_key != state.render_key
        state.render_key = render_key
        changed = refresh.changed or bool(remote)
        if not (changed or signature != state.signature or restyled):
            if self.run.read:  # re-read documents lost their labels and index entries
                self.register()
            return set()  # nothing that decides rows changed: the last answer stands
        selector = Selector(self.store, settings.entries, self.sources)
        results, canonical = choose_rows(specs, selector)
        rewrite = pages_to_rewrite(
            self.tables, self.refs, state, results, canonical, refresh.changed_ids | remote
        )
        counts = self.count_charts(charts, selector)
        rewrite.update(c.docname for c in charts if state.charts.get(c.key) != counts[c.key])
        # ``:paper:`id``` finds a source's entry when no local one has a row
        bare = {k.partition(":")[2] for k in remote} - canonical.keys()
        rewrite.update(doc for doc, refs in self.refs.items() if not bare.isdisjoint(refs))
        if restyled:  # category titles, default columns or style: every table may change
            rewrite.update(docname for docname, specs in self.tables.items() if specs)
            rewrite.update(docname for docname, specs in self.charts.items() if specs)
        if changed and not rewrite:
            # Sphinx saves the environment (and so the entry cache) only when some page is
            # written; one small page keeps a change that shows nowhere from being re-parsed
            # by every later build.
            rewrite.add(self.env.config.root_doc)
        state.results, state.canonical, state.signature = results, canonical, signature
        state.charts = counts
        state.browse_keys = browse_keys(self.store, canonical)
        self.register()
        return rewrite

    def count_charts(self, charts: Sequence[ChartSpec], selector: Selector) -> dict[str, Counts]:
        """Every chart's counts, from the entries the selector chooses for it."""
        by_id, categories = self.store.by_id, self.settings.categories
        return {
            c.key: count(c.by, c.top, (by_id[i] for i in selector.ids(c)), categories)
            for c in charts
        }

    def register(self) -> None:
        """Labels and index entries for the canonical rows."""
        by_id = self.store.by_id

        def table_line(key: str) -> int:
            spec = self.table(key)
            return spec.line if spec else 0

        register_labels(self.env, self.state, by_id, self.page_ids, table_line)
        register_index_entries(self.env, self.state, by_id)


def report(problems: Sequence[Problem], chosen: Mapping[Code, str]) -> None:
    """Entry-file problems at their file and line, each at its severity (``awesome_checks``):
    an error, a warning (``awesome.<subtype>``, which ``suppress_warnings`` silences), an
    info line, or nothing."""
    log = {"error": logger.error, "warning": logger.warning, "info": logger.info}
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        level = severity(problem.code, chosen)
        if level in log:
            log[level](
                problem.message,
                location=f"{problem.path}:{problem.line}",
                type="awesome",
                subtype=problem.code.subtype,
            )


def awesome_domain(env: BuildEnvironment) -> AwesomeDomain:
    return env.domains["awesome"]  # type: ignore[return-value]


def _begin_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    awesome_domain(env).begin_read(app, docnames)


def _update(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return awesome_domain(env).update(app)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(AwesomeDomain)
    setup_xrefs(app)
    app.connect("env-before-read-docs", _begin_read)
    app.connect("env-updated", _update)

"""The ``awesome`` domain: it holds what the extension knows about entries and computes it.

Domain data (pickled with the environment):

``tables``  docname -> the :class:`~sphinx_awesome.query.TableSpec` of each ``paper-table``
``charts``  docname -> the :class:`~sphinx_awesome.charts.ChartSpec` of each ``paper-chart``
``refs``    docname -> ids that document references with ``:paper:`` (or ``:ref:``)
``ids``     docname -> the page's own ids that start with ``paper-`` (rows must not repeat them)
``store``   the :class:`~sphinx_awesome.store.EntryStore` (entry files parsed and cached)
``state``   the :class:`~sphinx_awesome.state.BuildState` computed after reading

After all documents are read (``env-updated``) the domain, in the main process, in this order:
refreshes the entry store (:mod:`~sphinx_awesome.store`), chooses every table's rows and each
entry's canonical row (:mod:`~sphinx_awesome.rows`) and every chart's counts
(:mod:`~sphinx_awesome.charts`), registers labels and index entries
(:mod:`~sphinx_awesome.labels`), names the pages to write again (:mod:`~sphinx_awesome.rewrite`)
and tells a no-op build to keep what it cannot have changed (:mod:`~sphinx_awesome.quiet`).
Serial, parallel and incremental builds so compute the same state from the same inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
from .problems import did_you_mean
from .quiet import keep_unchanged_outputs
from .rewrite import pages_to_rewrite
from .rows import Selector, browse_keys, choose_rows
from .state import BuildRun, BuildState
from .store import EntryStore, Refresh
from .xrefs import paper_role, setup_xrefs

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
    }
    data_version = 4  # 4: charts (3: page ids; 2: the entry store pickles its entries as one blob)

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
    ) -> nodes.reference | None:
        found = self.canonical_entry(target.strip())
        if found is None:
            return None
        entry, docname = found
        if not node.get("refexplicit"):
            contnode = contnode.deepcopy()
            contnode.children = [nodes.Text(entry.short_title)]
            if entry.lang:
                contnode["classes"].append(f"language-{entry.lang}")
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
    ) -> list[tuple[str, nodes.reference]]:
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
        if target in self.store.by_id:
            return (
                f"paper {target!r} is not shown in any indexed paper-table, so it has no row "
                "to link to"
            )
        return f"unknown paper id {target!r}{did_you_mean(target, self.store.by_id)}"

    # -- the build ----------------------------------------------------------------------------

    def begin_read(self, app: Sphinx, docnames: list[str]) -> None:
        """Before reading: note which documents are read, and whether the last build
        finished. Parallel readers send their whole environment back pickled, so the
        (possibly large) entry store and state are set aside meanwhile."""
        self.run = BuildRun(read=list(docnames), unfinished=unfinished.begin(app))
        if compat.reads_in_parallel(app) and docnames:
            self.run.detached = (self.store, self.state)
            self.data["store"], self.data["state"] = EntryStore(), BuildState()

    @paused_gc()
    def update(self, app: Sphinx) -> list[str]:
        """After reading: compute the entry state; the documents to write again although
        they were not read."""
        run = self.run
        if run.detached is not None:
            self.data["store"], self.data["state"] = run.detached
            run.detached = None
        specs = self.specs()
        refresh = self.refresh_entries(app, [*specs, *self.chart_specs()])
        rewrite = self.compute_rows(specs, refresh)
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
        warn_problems(refresh.problems)
        for pattern in settings.entries:
            if not self.store.patterns.get(pattern):
                message = f"awesome_entries: no entry file matches {pattern!r}"
                warn_config(app, message, "missing-file", item=pattern)
        return refresh

    def compute_rows(self, specs: Sequence[TableSpec], refresh: Refresh) -> set[str]:
        """Rows, canonical places, chart counts, labels and index entries, when anything
        that decides them changed; the pages that show a change."""
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
        if not (refresh.changed or signature != state.signature or restyled):
            if self.run.read:  # re-read documents lost their labels and index entries
                self.register()
            return set()  # nothing that decides rows changed: the last answer stands
        selector = Selector(self.store, settings.entries)
        results, canonical = choose_rows(self.store, settings.entries, specs, selector)
        rewrite = pages_to_rewrite(
            self.tables, self.refs, state, results, canonical, refresh.changed_ids
        )
        counts = self.count_charts(charts, selector)
        rewrite.update(c.docname for c in charts if state.charts.get(c.key) != counts[c.key])
        if restyled:  # category titles, default columns or style: every table may change
            rewrite.update(docname for docname, specs in self.tables.items() if specs)
            rewrite.update(docname for docname, specs in self.charts.items() if specs)
        if refresh.changed and not rewrite:
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


def warn_problems(problems: Sequence[Problem]) -> None:
    """Entry-file problems as warnings at their file and line (``awesome.<subtype>``)."""
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        logger.warning(
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

"""The ``awesome`` domain: entries as cross-reference targets, the ``:paper:`` role.

Domain data (pickled with the environment):

``tables``  docname -> the :class:`~sphinx_awesome.query.TableSpec` of each ``paper-table``
``refs``    docname -> ids that document references with ``:paper:``
``store``   the :class:`~sphinx_awesome.store.EntryStore` (entry files parsed and cached)
``state``   the :class:`~sphinx_awesome.collector.BuildState` computed after reading
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .anchors import title_id
from .collector import BuildState
from .config import AwesomeConfig, read_config
from .entries import short_title
from .store import EntryStore

if TYPE_CHECKING:
    from docutils.nodes import Element, system_message
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .entries import Entry
    from .query import TableSpec


class PaperRole(XRefRole):
    """``:paper:`id``` and ``:paper:`text <id>```: a link to an entry's canonical row."""

    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        # Registered both as ``awesome:paper`` and as the bare ``paper`` role.
        self.refdomain, self.reftype = "awesome", "paper"
        self.classes = ["xref", "awesome", "awesome-paper"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[system_message]]:
        if is_ref:
            domain: AwesomeDomain = env.domains["awesome"]  # type: ignore[assignment]
            domain.note_ref(env.docname, node["reftarget"])
        return [node], []


class AwesomeDomain(Domain):
    name = "awesome"
    label = "Awesome list"
    object_types = {"paper": ObjType("paper", "paper")}
    roles = {"paper": PaperRole(innernodeclass=nodes.inline, warn_dangling=True)}
    initial_data: ClassVar[dict[str, Any]] = {
        "tables": {},
        "refs": {},
        "ids": {},
        "store": EntryStore(),
        "state": BuildState(),
    }
    data_version = 3  # 3: page ids (2: the entry store pickles its parsed entries as one blob)

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._settings: AwesomeConfig | None = None

    @property
    def settings(self) -> AwesomeConfig:
        """The ``awesome_*`` settings, read once per build (a domain lives for one build)."""
        if self._settings is None:
            self._settings = read_config(self.env.config, self.env.srcdir)
        return self._settings

    # -- data ---------------------------------------------------------------------------------

    @property
    def tables(self) -> dict[str, list[TableSpec]]:
        return self.data["tables"]

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

    def note_ref(self, docname: str, entry_id: str) -> None:
        self.refs.setdefault(docname, set()).add(entry_id)

    def table(self, key: str) -> TableSpec | None:
        docname, _, serial = key.rpartition("#")
        for spec in self.tables.get(docname, ()):
            if str(spec.serial) == serial:
                return spec
        return None

    def canonical_entry(self, entry_id: str) -> tuple[Entry, str] | None:
        """The entry and the document of its canonical row, if it has one."""
        place = self.state.canonical.get(entry_id)
        entry = self.store.by_id.get(entry_id)
        if place is None or entry is None:
            return None
        return entry, place[0]

    def clear_doc(self, docname: str) -> None:
        self.tables.pop(docname, None)
        self.refs.pop(docname, None)
        self.page_ids.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        # Only per-document data comes from parallel readers; the store and the computed
        # state belong to the main process.
        for docname in docnames:
            if docname in otherdata["tables"]:
                self.tables[docname] = otherdata["tables"][docname]
            if docname in otherdata["refs"]:
                self.refs[docname] = otherdata["refs"][docname]
            if docname in otherdata["ids"]:
                self.page_ids[docname] = otherdata["ids"][docname]

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return str(type.lname)  # "paper" in search results, not "Awesome list paper"

    # -- cross-references ---------------------------------------------------------------------

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
        return make_refnode(builder, fromdocname, docname, self.state.anchor(entry.id), contnode, entry.title)  # fmt: skip

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
                yield entry_id, entry.title, "paper", docname, title_id(entry_id), 1


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """One warning of our own type for an unresolved ``:paper:`` id."""
    if domain is None or domain.name != "awesome":
        return None
    from sphinx.util import logging

    from .collector import unknown_paper_message

    message = unknown_paper_message(app.env, node["reftarget"])
    logging.getLogger(__name__).warning(message, location=node, type="awesome", subtype="ref")
    return True


def resolve_external_paper(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> nodes.reference | None:
    """``:paper:`` ids found through intersphinx show the short title, as local ones do.

    Runs just before intersphinx's own handler and asks it for the link.
    """
    if node.get("refdomain") != "awesome" or "sphinx.ext.intersphinx" not in app.extensions:
        return None
    from sphinx.ext.intersphinx import missing_reference

    ref = missing_reference(app, env, node, contnode)
    if ref is not None and not node.get("refexplicit"):
        text = short_title(ref.astext())
        inner = nodes.inline(text, text, classes=contnode.get("classes", []))
        ref.children = [inner]
        inner.parent = ref
    return ref


def setup_domain(app: Sphinx) -> None:
    app.add_domain(AwesomeDomain)
    app.add_role("paper", PaperRole(innernodeclass=nodes.inline, warn_dangling=True))
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("missing-reference", resolve_external_paper, priority=400)

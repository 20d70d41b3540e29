"""The ``:paper:`` role, and what happens to a ``:paper:`` reference no row answers: one
warning of our own type, or the link intersphinx finds shown by its short title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole
from sphinx.util import logging

from .entries import short_title

if TYPE_CHECKING:
    from docutils.nodes import Element, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

    from .entries import Entry

logger = logging.getLogger(__name__)


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
            env.domains["awesome"].note_ref(env.docname, node["reftarget"])  # type: ignore[attr-defined]
        return [node], []


def reference_text(entry: Entry, node: pending_xref, contnode: Element) -> Element:
    """What a ``:paper:`` reference shows: the text written (``:paper:`text <id>```), else
    the entry's short title, marked with its language."""
    if node.get("refexplicit"):
        return contnode
    contnode = contnode.deepcopy()
    contnode.children = [nodes.Text(entry.short_title)]
    if entry.lang:
        contnode["classes"].append(f"language-{entry.lang}")
    return contnode


def paper_role() -> PaperRole:
    return PaperRole(innernodeclass=nodes.inline, warn_dangling=True)


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """One warning of our own type for an unresolved ``:paper:`` id."""
    if domain is None or domain.name != "awesome":
        return None
    message = domain.unknown_paper_message(node["reftarget"])  # type: ignore[attr-defined]
    logger.warning(message, location=node, type="awesome", subtype="ref")
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


def setup_xrefs(app: Sphinx) -> None:
    app.add_role("paper", paper_role())
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("missing-reference", resolve_external_paper, priority=400)

"""An Atom feed of the entries most recently added to the list (``awesome_feed``).

HTML builders (``html``, ``dirhtml``) write it when the build finishes: the
``awesome_feed_size`` entries with the newest ``added`` dates that have a row in the book
(newest first; entries added on the same day by id), each linking to its canonical row.
Every page's head links the feed (``<link rel="alternate" type="application/atom+xml">``).

Links: feed readers need absolute addresses. With ``html_baseurl`` set, every link is
absolute. Without it, links are relative to the feed's own address, which Atom allows
(RFC 4287 section 4.2.7.1, with RFC 3986 resolution against the document's address) and which
readers resolve against the URL they fetched the feed from; entry and feed ids are then
``urn:uuid:`` names made from the list's title and the entry's id, so they stay the same in
every build and wherever the book is served.

The output depends only on the entries and settings (``updated`` is the newest ``added``
date, never the build's time), so two builds of the same sources give the same bytes; the
file is written only when its text changes, and a no-op build leaves it alone.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx.util import logging

from . import __version__
from .compat import sphinx_default
from .escaping import escape_html
from .writing import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .config import AwesomeConfig
    from .entries import Entry
    from .state import BuildState
    from .store import EntryStore

logger = logging.getLogger(__name__)

#: Builders that write the feed (singlehtml and epub have no site to subscribe to).
BUILDERS = ("html", "dirhtml")
ATOM_NS = "http://www.w3.org/2005/Atom"
NO_DATE = "1970-01-01T00:00:00Z"  # the feed's ``updated`` when no entry has a date
#: Characters XML 1.0 does not allow (YAML's double-quoted escapes can produce them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """*text* safe as XML content or a quoted attribute value."""
    return escape_html(_NOT_XML.sub("", text))


def recent(store: EntryStore, state: BuildState, size: int) -> list[tuple[Entry, str]]:
    """``(entry, docname of its row)`` of the *size* newest entries that have an ``added``
    date and a row to link to: newest first, entries of the same day by id."""
    by_id = store.by_id
    dated = [
        (by_id[entry_id], docname)
        for entry_id, (docname, _key) in state.canonical.items()
        if entry_id in by_id and by_id[entry_id].added
    ]
    dated.sort(key=lambda item: item[0].id)
    dated.sort(key=lambda item: item[0].added or "", reverse=True)  # stable: ids stay sorted
    return dated[:size]


class Feed:
    """The feed of one build: where it is, how its links and ids are made."""

    def __init__(self, builder: Builder, config: AwesomeConfig, path: str) -> None:
        self.builder = builder
        self.path = path
        self.title = config.title or "Recently added entries"
        base = (builder.config.html_baseurl or "").strip()
        self.base = base.rstrip("/") + "/" if base else ""
        author = builder.config.author
        unset = (
            not isinstance(author, str) or not author.strip() or author == sphinx_default("author")
        )
        self.author = self.title if unset else author.strip()
        self.namespace = self.base or f"sphinx-awesome:{self.title}"

    def url(self, target: str) -> str:
        """The address of *target* (relative to the output's root) as the feed gives it."""
        if self.base:
            return urljoin(self.base, target)
        path, hash_, fragment = target.partition("#")
        relative = posixpath.relpath(path or ".", posixpath.dirname(self.path) or ".")
        if relative == ".":
            relative = "./"
        elif path.endswith("/"):  # dirhtml's pages are folders
            relative += "/"
        return relative + hash_ + fragment

    def uuid(self, name: str) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.namespace}#{name}')}"

    def row_target(self, entry: Entry, docname: str, state: BuildState) -> str:
        return f"{self.builder.get_target_uri(docname)}#{state.anchor(entry.id)}"

    def text(self, rows: list[tuple[Entry, str]], state: BuildState, root_doc: str) -> str:
        """The whole feed, as text."""
        updated = _timestamp(rows[0][0].added) if rows else NO_DATE
        head = [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<feed xmlns="{ATOM_NS}">',
            f"  <title>{xml_text(self.title)}</title>",
            "  <subtitle>Recently added entries</subtitle>",
            f"  <id>{xml_text(self.uuid('awesome-feed'))}</id>",
            f'  <link rel="self" type="application/atom+xml" '
            f'href="{xml_text(self.url(self.path))}"/>',
            f'  <link rel="alternate" type="text/html" '
            f'href="{xml_text(self.url(self.builder.get_target_uri(root_doc)))}"/>',
            f"  <updated>{updated}</updated>",
            f"  <author><name>{xml_text(self.author)}</name></author>",
            f'  <generator version="{__version__}">sphinx-awesome</generator>',
        ]
        items = [self.entry(entry, docname, state) for entry, docname in rows]
        return "\n".join([*head, *items, "</feed>"]) + "\n"

    def entry(self, entry: Entry, docname: str, state: BuildState) -> str:
        when = _timestamp(entry.added)
        lang = f' xml:lang="{xml_text(entry.lang)}"' if entry.lang else ""
        href = self.url(self.row_target(entry, docname, state))
        lines = [
            "  <entry>",
            f"    <title{lang}>{xml_text(entry.title)}</title>",
            f"    <id>{xml_text(self.uuid(entry.id))}</id>",
            f'    <link rel="alternate" type="text/html" href="{xml_text(href)}"/>',
            f"    <published>{when}</published>",
            f"    <updated>{when}</updated>",
        ]
        lines += [f"    <author><name>{xml_text(a)}</name></author>" for a in entry.authors]
        lines += [f'    <category term="{xml_text(tag)}"/>' for tag in entry.tags]
        summary = summary_text(entry)
        if summary:
            lines.append(f"    <summary>{xml_text(summary)}</summary>")
        lines.append("  </entry>")
        return "\n".join(lines)


def summary_text(entry: Entry) -> str:
    """What the entry is and where it appeared, then its summary."""
    where = " ".join(str(v) for v in (entry.venue, entry.year) if v)
    head = f"{entry.kind.capitalize()}, {where}." if where else f"{entry.kind.capitalize()}."
    return f"{head} {entry.summary}" if entry.summary else head


def _timestamp(day: str | None) -> str:
    return f"{day}T00:00:00Z" if day else NO_DATE


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    """The ``build-finished`` handler: write the feed when its text changed."""
    builder = app.builder
    domain = app.env.domains["awesome"]
    config: AwesomeConfig = domain.settings  # type: ignore[attr-defined]
    if exception is not None or builder.name not in BUILDERS or not config.feed:
        return
    target = Path(builder.outdir, *config.feed.split("/"))
    if domain.run.quiet and target.is_file():  # type: ignore[attr-defined]
        return  # a no-op build: the feed written last time is still right
    state: BuildState = domain.state  # type: ignore[attr-defined]
    rows = recent(domain.store, state, config.feed_size)  # type: ignore[attr-defined]
    text = Feed(builder, config, config.feed).text(rows, state, app.config.root_doc)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(target, text)
    except OSError as exc:
        logger.warning(
            f"awesome_feed: cannot write {target}: {exc.strerror or exc}",
            type="awesome",
            subtype="feed",
        )


def link_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The ``html-page-context`` handler: every page's head links the feed."""
    config: AwesomeConfig = app.env.domains["awesome"].settings  # type: ignore[attr-defined]
    if not config.feed or app.builder.name not in BUILDERS or "pathto" not in context:
        return
    title = config.title or "Recently added entries"
    href = context["pathto"](config.feed, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" '
        f'title="{escape_html(title)}" href="{escape_html(href)}" />'
    )


def setup_feed(app: Sphinx) -> None:
    app.connect("html-page-context", link_feed)
    app.connect("build-finished", write_feed)

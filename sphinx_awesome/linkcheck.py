"""Sphinx's ``linkcheck`` builder: entry links reported at the entry file and line.

Entry links reach a page only when its tables are built, at write time, so Sphinx's own
link collector would report them at the page (and at a line of the page that means
nothing). For the ``linkcheck`` builder only, :class:`EntryLinkCollector` registers each
link that a page's tables show before Sphinx's collector runs, under the *entry file* and
the line of the link, so the console, ``output.txt``, ``output.json`` and the warnings
(``-q``, ``-W``) all name ``entries/alpa.yaml:7``. Sphinx's collector then sees the URI is
known and leaves it. ``linkcheck-process-uri`` handlers still rewrite the URI first.

After the build, each line of ``output.txt`` and ``output.json`` about an entry link is
completed with the entry, the link's label and the pages that show it.

Sphinx internals used (all in :func:`_register`, the one place to adapt): the builder's
``hyperlinks`` dictionary and its ``Hyperlink`` tuple, and the environment's
``project._docname_to_path``, where the entry file is added under a pseudo document name
(its own path) so that ``env.doc2path`` names it. Both are the same from Sphinx 7.3 to 9.1;
without them, entry links are reported as before, at the page.
"""

from __future__ import annotations

import json
import logging as pylogging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from . import compat
from .tablehtml import title_url
from .writing import write_whole

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import AwesomeDomain
    from .entries import Entry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryLink:
    """An entry link registered with the builder: whose it is, where, and on which pages."""

    entry_id: str
    label: str
    path: str  # the entry file, relative to the source directory
    line: int
    pages: tuple[str, ...]

    def about(self) -> str:
        return f"entry {self.entry_id!r}, link {self.label!r}, shown on {', '.join(self.pages)}"


@dataclass
class _Run:
    """One linkcheck build: entries by the pages that show their links, links registered."""

    pages: dict[str, tuple[Entry, tuple[str, ...]]]
    #: entry id -> the labels of the links its rows show (a links column, or the title)
    labels: dict[str, set[str]] = field(default_factory=dict)
    on_page: dict[str, list[Entry]] = field(default_factory=dict)
    registered: dict[str, EntryLink] = field(default_factory=dict)  # URI -> its entry link
    at: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (file, line) -> URIs
    filter: pylogging.Filter | None = None


class _NamePages(pylogging.Filter):
    """Adds the entry, label and pages to linkcheck's warnings about entry links."""

    def __init__(self, run: _Run) -> None:
        super().__init__()
        self.run = run

    def filter(self, record: pylogging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        uris = self.run.at.get(location) if isinstance(location, tuple) else None  # type: ignore[arg-type]
        if uris and record.levelno >= pylogging.WARNING:
            message = record.getMessage()
            uri = next((u for u in uris if u in message), None)
            if uri is not None:
                record.msg, record.args = f"{message} ({self.run.registered[uri].about()})", ()
        return True


def entries_shown(
    env: BuildEnvironment,
) -> tuple[dict[str, tuple[Entry, tuple[str, ...]]], dict[str, set[str]]]:
    """Entry id -> (entry, the pages whose tables show some of the entry's links), pages
    sorted; and entry id -> the labels of the links shown: every link where a table has a
    ``links`` column, the one the title links to where it shows the title.

    The one question this module asks the domain: which tables a page has, which entries
    each table shows, and which of their columns.
    """
    domain: AwesomeDomain = env.domains["awesome"]  # type: ignore[assignment]
    default_columns = tuple(domain.settings.default_columns)
    by_id = domain.store.by_id
    pages: dict[str, list[str]] = {}
    labels: dict[str, set[str]] = {}
    for docname in sorted(domain.tables):
        for spec in domain.tables[docname]:
            columns = spec.columns or default_columns
            for entry_id in domain.state.results.get(spec.key, ()):
                entry = by_id.get(entry_id)
                shown = _labels_shown(entry, columns) if entry else set()
                if not shown:
                    continue
                labels.setdefault(entry_id, set()).update(shown)
                docs = pages.setdefault(entry_id, [])
                if docname not in docs:
                    docs.append(docname)
    return {i: (by_id[i], tuple(docs)) for i, docs in pages.items()}, labels


def _labels_shown(entry: Entry, columns: tuple[str, ...]) -> set[str]:
    if "links" in columns:
        return {link.label for link in entry.links if link.url}
    url = title_url(entry) if "title" in columns else None
    return {link.label for link in entry.links if url and link.url == url}


def _run_of(env: BuildEnvironment) -> _Run:
    """This build's registered entry links (kept on the domain's run)."""
    build = env.domains["awesome"].run  # type: ignore[attr-defined]
    run: _Run | None = build.linkcheck
    if run is None:
        run = build.linkcheck = _Run(*entries_shown(env))
        for entry, docs in run.pages.values():
            for docname in docs:
                run.on_page.setdefault(docname, []).append(entry)
        run.filter = _NamePages(run)
        compat.linkcheck_logger().addFilter(run.filter)
    return run


class EntryLinkCollector(SphinxPostTransform):
    """Register the links of the entries a page shows, at their entry files and lines."""

    builders = ("linkcheck",)
    default_priority = 790  # before Sphinx's HyperlinkCollector (800)

    def run(self, **kwargs: Any) -> None:
        app = compat.env_app(self.env)
        run = _run_of(self.env)
        srcdir = str(self.env.srcdir)
        for entry in run.on_page.get(self.env.docname, ()):
            path = Path(os.path.relpath(os.path.join(srcdir, entry.path), srcdir)).as_posix()
            for link in entry.links:
                if link.url is None or link.label not in run.labels.get(entry.id, ()):
                    continue
                uri = app.emit_firstresult("linkcheck-process-uri", link.url) or link.url
                line, _column = entry.link_place(link)
                if compat.register_hyperlink(self.env, app.builder, uri, path, line):
                    pages = run.pages[entry.id][1]
                    run.registered[uri] = EntryLink(entry.id, link.label, path, line, pages)
                    run.at.setdefault((path, line), []).append(uri)


def complete_reports(app: Sphinx, exception: BaseException | None) -> None:
    """Name the entry, label and pages of each entry link in output.txt and output.json."""
    build = app.env.domains["awesome"].run  # type: ignore[attr-defined]
    run: _Run | None = build.linkcheck
    build.linkcheck = None
    if run is not None and run.filter is not None:
        compat.linkcheck_logger().removeFilter(run.filter)
    if exception is not None or run is None or not run.registered:
        return
    outdir = Path(app.builder.outdir)
    try:
        _complete_json(outdir / "output.json", run.registered)
        _complete_text(outdir / "output.txt", run.registered)
    except (OSError, UnicodeDecodeError) as exc:
        logger.warning(f"could not name the entries in the linkcheck reports: {exc}")


def _same_file(reported: object, path: str) -> bool:
    return isinstance(reported, str) and reported.replace(os.sep, "/") == path


def _complete_json(file: Path, registered: dict[str, EntryLink]) -> None:
    if not file.is_file():
        return
    lines = []
    for text in file.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(text)
        except ValueError:
            record = None
        if isinstance(record, dict):
            link = registered.get(record.get("uri", ""))
            if link is not None and _same_file(record.get("filename"), link.path):
                record.update(entry=link.entry_id, label=link.label, pages=list(link.pages))
                text = json.dumps(record)
        lines.append(text)
    write_whole(file, "".join(line + "\n" for line in lines).encode("utf-8"))


_TEXT_LINE = re.compile(r"(?P<file>.+?):(?P<line>-?\d+): \[[^\]]*\] (?P<rest>.*)")


def _complete_text(file: Path, registered: dict[str, EntryLink]) -> None:
    if not file.is_file():
        return
    lines = []
    for text in file.read_text(encoding="utf-8").splitlines():
        match = _TEXT_LINE.fullmatch(text)
        if match is not None:
            # "URI: message" (broken, timeout) or "URI to target" (redirected)
            link = registered.get(match["rest"].split(" ", 1)[0].removesuffix(":"))
            if link is not None and _same_file(match["file"], link.path):
                text += f" ({link.about()})"
        lines.append(text)
    write_whole(file, "".join(line + "\n" for line in lines).encode("utf-8"))


def setup_linkcheck(app: Sphinx) -> None:
    app.add_post_transform(EntryLinkCollector)
    app.connect("build-finished", complete_reports)

"""After all documents are read: load entry files, choose every table's rows, fix each
entry's canonical row, register labels and index entries, and name the pages to rewrite.

Everything here runs in the main process on ``env-updated``, so serial, parallel and
incremental builds compute exactly the same state from the same inputs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from . import compat
from .browse import PAGES
from .config import awesome_config
from .gcpause import paused_gc
from .query import Universe, select
from .store import EntryStore, data_directories

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .domain import AwesomeDomain
    from .problems import Problem
    from .query import TableSpec

logger = logging.getLogger(__name__)

#: Genindex entry tuples we add, as Sphinx's index domain stores them.
IndexTuple = tuple[str, str, str, str, "str | None"]


@dataclass
class BuildState:
    """What the last build computed; kept to find what the next build must rewrite."""

    results: dict[str, tuple[str, ...]] = field(default_factory=dict)  # table key -> ids
    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (doc, key)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (doc, id)
    index: dict[str, list[IndexTuple]] = field(default_factory=dict)  # doc -> entries
    signature: tuple[object, ...] = ()  # what decided the rows: every table's query
    render_key: tuple[object, ...] = ()  # the settings that shaped the rendered tables
    browse_keys: dict[str, set[str]] = field(default_factory=dict)  # groups on browse pages
    clashes: set[str] = field(default_factory=set)  # ids whose paper-<id> a user label took

    def anchor(self, entry_id: str) -> str:
        """Where links to an entry's canonical row point."""
        return f"paper-{entry_id}-title" if entry_id in self.clashes else f"paper-{entry_id}"


def report(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        logger.warning(
            problem.message,
            location=f"{problem.path}:{problem.line}",
            type="awesome",
            subtype=problem.code.subtype,
        )


def unknown_paper_message(env: BuildEnvironment, target: str) -> str:
    domain: AwesomeDomain = env.domains["awesome"]  # type: ignore[assignment]
    if target in domain.store.by_id:
        return f"paper {target!r} is not shown in any indexed paper-table, so it has no row to link to"  # fmt: skip
    match = difflib.get_close_matches(target, list(domain.store.by_id), n=1)
    hint = f" (did you mean {match[0]!r}?)" if match else ""
    return f"unknown paper id {target!r}{hint}"


@paused_gc()
def compute(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The ``env-updated`` handler: returns documents to rewrite although not re-read."""
    run = reattach(env)
    domain: AwesomeDomain = env.domains["awesome"]  # type: ignore[assignment]
    config = awesome_config(env.config, env.srcdir)
    store = domain.store
    specs = sorted(
        (spec for specs in domain.tables.values() for spec in specs),
        key=lambda s: (s.docname, s.serial),
    )
    patterns = list(config.entries)
    for spec in specs:
        patterns.extend(spec.patterns or ())
    refresh = store.refresh(env.srcdir, patterns, config)
    report(refresh.problems)
    for pattern in config.entries:
        if not store.patterns.get(pattern):
            warn_config(app, f"awesome_entries: no entry file matches {pattern!r}", "missing-file")

    state = domain.state
    signature = tuple((spec.key, spec.query_key(), spec.no_index) for spec in specs)
    render_key = config.render_key()
    restyled = render_key != state.render_key
    state.render_key = render_key
    if refresh.changed or signature != state.signature or restyled:
        results, canonical = _choose_rows(store, config.entries, specs)
        rewrite = _pages_to_rewrite(domain, state, results, canonical, refresh.changed_ids)
        if restyled:  # category titles, default columns or style: every table may change
            rewrite.update(docname for docname, specs in domain.tables.items() if specs)
        if refresh.changed and not rewrite:
            # Sphinx saves the environment (and so the entry cache) only when some page is
            # written; one small page keeps a change that shows nowhere from being re-parsed
            # by every later build.
            rewrite.add(env.config.root_doc)
        state.results, state.canonical, state.signature = results, canonical, signature
        state.browse_keys = _browse_keys(store, canonical)
        _register_labels(env, state)
        _register_index_entries(env, state)
    else:  # nothing that decides rows changed: keep the last build's answer
        rewrite = set()
        if run.read:  # re-read documents lost their labels and index entries
            _register_labels(env, state)
            _register_index_entries(env, state)
    run.quiet = not rewrite and not run.read and not any(True for _ in compat.outdated_docs(app.builder))  # fmt: skip
    return sorted(rewrite)


def _choose_rows(
    store: EntryStore, default_patterns: list[str], specs: list[TableSpec]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, str]]]:
    """Every table's rows, and each entry's canonical row: the first indexed table that
    shows it, by document name, then position."""
    universes: dict[tuple[str, ...] | None, Universe] = {}
    shared: dict[tuple[object, ...], tuple[str, ...]] = {}  # same question, same answer
    results: dict[str, tuple[str, ...]] = {}
    for spec in specs:
        query = spec.query_key()
        if query not in shared:
            universe = universes.get(spec.patterns)
            if universe is None:
                files = store.files_for(default_patterns if spec.patterns is None else spec.patterns)  # fmt: skip
                universe = universes[spec.patterns] = Universe(store.entries_in(files))
            shared[query] = tuple(e.id for e in select(spec, universe))
        results[spec.key] = shared[query]
    canonical: dict[str, tuple[str, str]] = {}
    for spec in specs:
        if not spec.no_index:
            for entry_id in results[spec.key]:
                canonical.setdefault(entry_id, (spec.docname, spec.key))
    return results, canonical


def _browse_keys(store: EntryStore, canonical: dict[str, tuple[str, str]]) -> dict[str, set[str]]:  # fmt: skip
    """The tags, venues and years that have a group on the browsing pages (entries with a
    canonical row), so badges link only to groups that exist."""
    keys: dict[str, set[str]] = {"tag": set(), "venue": set(), "year": set()}
    for entry_id in canonical:
        entry = store.by_id[entry_id]
        keys["tag"].update(entry.tags)
        if entry.venue:
            keys["venue"].add(entry.venue)
        if entry.year:
            keys["year"].add(str(entry.year))
    return keys


def _pages_to_rewrite(
    domain: AwesomeDomain,
    old: BuildState,
    results: dict[str, tuple[str, ...]],
    canonical: dict[str, tuple[str, str]],
    changed_entries: set[str],
) -> set[str]:
    """Pages whose tables or references show an entry that changed (its data or its
    canonical row) or whose rows are not the same as last time."""
    changed = set(changed_entries)
    changed.update(
        entry_id
        for entry_id in old.canonical.keys() | canonical.keys()
        if old.canonical.get(entry_id) != canonical.get(entry_id)
    )
    pages: set[str] = set()
    for docname, specs in domain.tables.items():
        for spec in specs:
            ids = results.get(spec.key, ())
            if old.results.get(spec.key) != ids or not changed.isdisjoint(ids):
                pages.add(docname)
                break
    for docname, referenced in domain.refs.items():
        if not changed.isdisjoint(referenced):
            pages.add(docname)
    return pages


def _register_labels(env: BuildEnvironment, state: BuildState) -> None:
    """``paper-<id>`` standard labels for canonical rows (``:ref:`` and intersphinx)."""
    std = compat.standard_domain(env)
    for label, (docname, anchor) in state.labels.items():
        if std.anonlabels.get(label) == (docname, anchor):
            del std.anonlabels[label]
            std.labels.pop(label, None)
    state.labels = {}
    state.clashes = set()
    for page, (title, _kind) in PAGES.items():  # the browsing pages, like "genindex"
        std.labels[page] = (page, "", title)
        std.anonlabels[page] = (page, "")
    domain: AwesomeDomain = env.domains["awesome"]  # type: ignore[assignment]
    by_id = domain.store.by_id
    for entry_id, (docname, key) in state.canonical.items():
        label = f"paper-{entry_id}"
        if label in std.anonlabels:
            other = std.anonlabels[label][0]
            spec = domain.table(key)
            logger.warning(
                f"label {label!r} is already defined in {other!r}; the paper row does not take it",
                location=(docname, spec.line if spec else 0), type="awesome", subtype="duplicate-label",
            )  # fmt: skip
            state.clashes.add(entry_id)
            continue
        std.labels[label] = (docname, label, by_id[entry_id].title)
        std.anonlabels[label] = (docname, label)
        state.labels[label] = (docname, label)


def _register_index_entries(env: BuildEnvironment, state: BuildState) -> None:
    """General-index entries for canonical rows, kept in step with the canonical places."""
    index_entries = compat.index_entries(env)
    for docname, ours in state.index.items():
        if docname in index_entries:
            drop = set(ours)
            index_entries[docname] = [e for e in index_entries[docname] if e not in drop]
    state.index = {}
    by_id = env.domains["awesome"].data["store"].by_id
    for entry_id, (docname, _key) in sorted(state.canonical.items()):
        entry = by_id[entry_id]
        # "single" entries split at ";" into entry and sub-entry; U+037E looks the same.
        title = entry.title.replace(";", "\u037e")
        new: IndexTuple = ("single", title, state.anchor(entry_id), "", None)
        index_entries.setdefault(docname, []).append(new)
        state.index.setdefault(docname, []).append(new)


@dataclass
class BuildRun:
    """What this process knows about the build in progress (not pickled)."""

    read: list[str] = field(default_factory=list)  # documents (re-)read in this build
    detached: tuple[EntryStore, BuildState] | None = None
    quiet: bool = False  # nothing to write: a no-op build


_runs: dict[int, BuildRun] = {}


def current_run(env: BuildEnvironment) -> BuildRun:
    return _runs.setdefault(id(env), BuildRun())


def before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Note which documents are read. Parallel readers send their whole environment back
    pickled, so the (possibly large) entry store and state are set aside meanwhile; they are
    put back on ``env-updated``."""
    run = _runs[id(env)] = BuildRun(read=list(docnames))
    if compat.reads_in_parallel(app) and docnames:
        data = env.domaindata["awesome"]
        run.detached = (data["store"], data["state"])
        data["store"], data["state"] = EntryStore(), BuildState()


def reattach(env: BuildEnvironment) -> BuildRun:
    run = current_run(env)
    if run.detached is not None:
        data = env.domaindata["awesome"]
        data["store"], data["state"] = run.detached
        run.detached = None
    return run


def warn_config(app: Sphinx, message: str, subtype: str) -> None:
    """A warning at the line of conf.py that sets the value the message starts with."""
    name = message.partition(":")[0].split()[0]
    conf = Path(app.confdir or ".", "conf.py")
    line = 1
    try:
        for number, text in enumerate(conf.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"\s*{re.escape(name)}\b", text):
                line = number
                break
    except OSError:
        pass
    logger.warning(message, location=f"{conf}:{line}", type="awesome", subtype=subtype)


def warn_config_problems(app: Sphinx) -> None:
    for problem in awesome_config(app.config, app.srcdir).problems:
        warn_config(app, problem, "config")


def exclude_entry_files(app: Sphinx, config: Config) -> None:
    """Entry files are data, never documents: keep Sphinx's source scan off them (a list of
    thousands of files otherwise costs every build a noticeable walk).

    The patterns themselves are excluded, and so is each directory that holds entry files
    and no document at all, which lets the scan skip it without looking at its files.
    """
    patterns = config.awesome_entries
    patterns = [patterns] if isinstance(patterns, str) else list(patterns)
    suffixes = config.source_suffix
    suffixes = [suffixes] if isinstance(suffixes, str) else list(suffixes)
    suffixes.extend(compat.registered_source_suffixes(app))
    directories = data_directories(Path(app.srcdir), patterns, tuple(dict.fromkeys(suffixes)))
    exclude = list(config.exclude_patterns)
    config.exclude_patterns = [*exclude, *(p for p in [*patterns, *directories] if p not in exclude)]  # fmt: skip


def note_std_refs(app: Sphinx, doctree: nodes.document) -> None:
    """``:ref:`paper-<id>``` shows an entry's title too: such pages are rewritten with it."""
    env = app.env
    domain: AwesomeDomain = env.domains["awesome"]  # type: ignore[assignment]
    for node in doctree.findall(addnodes.pending_xref):
        target = node.get("reftarget", "")
        if node.get("refdomain") == "std" and target.startswith("paper-"):
            domain.note_ref(env.docname, target.removeprefix("paper-"))


def setup_collector(app: Sphinx) -> None:
    app.connect("doctree-read", note_std_refs)
    app.connect("config-inited", exclude_entry_files)
    app.connect("builder-inited", warn_config_problems)
    app.connect("env-before-read-docs", before_read)
    app.connect("env-updated", compute)

"""The entry store: every parsed entry file of a project, cached between builds.

The store lives in the pickled build environment. A file is parsed again only when its size
or modification time changes, or when a setting that affects parsing (venues, categories)
does. The store never touches Sphinx; the domain turns its problems into warnings.

The parsed entries are pickled as one opaque blob beside the files' stamps and unpickled only
when a build first asks for them. A build in which no entry file changed and no table is
written (a no-op rebuild) then checks the stamps and never pays for re-creating thousands of
entry objects; at 10,000 entries that was most of the environment's load time.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import Identity, check_entries, identity
from .config import AwesomeConfig
from .entries import Entry, load_file
from .entry_files import Stamp, expand_pattern, outside_problems, scan
from .gcpause import paused_gc
from .problems import Problem


@dataclass
class CachedFile:
    entries: list[Entry]
    problems: list[Problem]
    #: what the project-wide rules compare, one per entry (computed once, when parsed)
    identities: list[Identity] = field(default_factory=list)
    #: each entry's BibTeX, which its row's "Cite" shows (made once, when parsed: an edit
    #: rewrites a 10,000-row page, and making them all again was most of its time)
    bibtex: list[str] = field(default_factory=list)


@dataclass
class Refresh:
    """What one refresh found: files (re)loaded or gone, and problems to report now."""

    loaded: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    #: ids whose entry (as the id index holds it) is new, gone or different
    changed_ids: set[str] = field(default_factory=set)
    #: patterns whose files all resolve outside the source directory (reported as that)
    outside_only: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.loaded or self.removed)


class EntryStore:
    """Parsed entry files by source-relative path, and the project's entries by id."""

    def __init__(self) -> None:
        self.fingerprint = ""
        self.patterns: dict[str, list[str]] = {}
        #: path -> stamp of every cached file; always loaded
        self.stamps: dict[str, Stamp] = {}
        self._parsed: tuple[dict[str, CachedFile], dict[str, Entry]] | None = ({}, {})
        self._blob: bytes | None = None  # the pickled ``_parsed`` while it is not loaded
        self._cite: dict[str, tuple[Entry, str]] | None = None  # id -> entry, BibTeX

    # -- pickling: the parsed entries travel as one blob, loaded on first use ---------------

    def __getstate__(self) -> dict[str, Any]:
        if self._blob is None:  # changed since it was loaded (or never saved): dump afresh
            with paused_gc():
                self._blob = pickle.dumps(self._parsed, pickle.HIGHEST_PROTOCOL)
        return {
            "fingerprint": self.fingerprint,
            "patterns": self.patterns,
            "stamps": self.stamps,
            "blob": self._blob,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.fingerprint, self.patterns = state["fingerprint"], state["patterns"]
        self.stamps, self._blob, self._parsed = state["stamps"], state["blob"], None
        self._cite = None

    def _loaded(self) -> tuple[dict[str, CachedFile], dict[str, Entry]]:
        if self._parsed is None:
            if self._blob is None:  # pragma: no cover - a store always has one or the other
                self._parsed = ({}, {})
            else:
                with paused_gc():
                    self._parsed = pickle.loads(self._blob)
        return self._parsed

    @property
    def files(self) -> dict[str, CachedFile]:
        """Parsed entry files by source-relative path."""
        return self._loaded()[0]

    @property
    def by_id(self) -> dict[str, Entry]:
        """The project's entries by id (the first of duplicates)."""
        return self._loaded()[1]

    def files_for(self, patterns: Iterable[str]) -> list[str]:
        """The files the patterns match, in pattern order, each once."""
        out: dict[str, None] = {}
        for pattern in patterns:
            out.update(dict.fromkeys(self.patterns.get(pattern, ())))
        return list(out)

    def entries_in(self, paths: Iterable[str]) -> list[Entry]:
        """The entries (kept after duplicate removal) of these files, in file order."""
        out: list[Entry] = []
        for path in paths:
            cached = self.files.get(path)
            if cached is None:
                continue
            out.extend(e for e in cached.entries if self.by_id.get(e.id) is e)
        return out

    def refresh(
        self,
        srcdir: Path,
        patterns: Iterable[str],
        config: AwesomeConfig,
        *,
        allow_outside: bool = False,
    ) -> Refresh:
        """Re-glob the patterns and (re)load new and changed files.

        The parsed entries are loaded only when some file is new, changed or gone. A file
        that could not be read is not stamped, so the next refresh tries it again; files
        that resolve outside *srcdir* are left out (reported each time) unless
        *allow_outside*.
        """
        result = Refresh()
        fingerprint = config.fingerprint()
        if fingerprint != self.fingerprint:
            self.fingerprint = fingerprint
            result.removed.update(self.stamps)
            self.stamps.clear()
        self.patterns = {p: expand_pattern(srcdir, p) for p in dict.fromkeys(patterns)}
        root = str(srcdir)
        found = scan(
            root,
            sorted({p for paths in self.patterns.values() for p in paths}),
            allow_outside=allow_outside,
        )
        current = found.stamps
        result.problems.extend(outside_problems(root, found.outside))
        result.outside_only.update(
            pattern
            for pattern, paths in self.patterns.items()
            if paths and not any(p in current for p in paths)
        )
        for paths in self.patterns.values():
            paths[:] = [p for p in paths if p in current]
        result.removed.update(path for path in self.stamps if path not in current)
        changed = [path for path, stamp in current.items() if self.stamps.get(path) != stamp]
        if not changed and not result.removed:
            return result  # the common case of a rebuild: nothing is loaded
        files, old_by_id = self.files, self.by_id
        self._blob = self._cite = None  # changed: what is saved next is dumped from the entries
        for path in result.removed:
            files.pop(path, None)
        self._load(root, changed, current, config, result)
        self.stamps = current
        by_id = self._index()
        self._parsed = (files, by_id)
        result.problems.extend(self._project_problems(root, config, result.loaded))
        for entry_id in old_by_id.keys() | by_id.keys():
            before, after = old_by_id.get(entry_id), by_id.get(entry_id)
            if before is not after and before != after:
                result.changed_ids.add(entry_id)
        return result

    def _load(
        self,
        root: str,
        paths: list[str],
        stamps: dict[str, Stamp],
        config: AwesomeConfig,
        result: Refresh,
    ) -> None:
        """Parse new and changed files; their problems go into *result*."""
        # (imported here: the command's package of exporters is not needed to read a project)
        from .cli.exporters.bibtex import bibtex_entry

        venues = config.venue_list()
        for path in paths:
            file = os.path.join(root, path)
            loaded = load_file(Path(file), file, venues=venues)
            identities = [identity(entry) for entry in loaded.entries]
            bibtex = [bibtex_entry(entry) for entry in loaded.entries]
            self.files[path] = CachedFile(loaded.entries, loaded.problems, identities, bibtex)
            if loaded.unreadable:
                del stamps[path]  # tried again next time
            result.loaded.add(path)
            result.removed.discard(path)
            result.problems.extend(loaded.problems)

    def bibtex(self, entry: Entry) -> str | None:
        """*entry*'s BibTeX, made when its file was parsed; ``None`` for an entry that is not
        this store's entry of its id (one of another list's, from ``awesome_sources``)."""
        if self._cite is None:
            by_id = self.by_id
            self._cite = {
                e.id: (e, text)
                for cached in self.files.values()
                for e, text in zip(cached.entries, cached.bibtex, strict=True)
                if by_id.get(e.id) is e
            }
        found = self._cite.get(entry.id)
        return found[1] if found is not None and found[0] is entry else None

    def all_entries(self) -> list[Entry]:
        """Every parsed entry, duplicates too, in file order."""
        files = self.files
        return [entry for path in sorted(files) for entry in files[path].entries]

    def _index(self) -> dict[str, Entry]:
        """The id index: the first entry of each id, in file order."""
        by_id: dict[str, Entry] = {}
        for entry in self.all_entries():
            by_id.setdefault(entry.id, entry)
        return by_id

    def _project_problems(
        self, root: str, config: AwesomeConfig, loaded: set[str]
    ) -> list[Problem]:
        """The project-wide rules, as ``sphinx-awesome check`` runs them; the problems that
        involve a file loaded now (so each is reported when it arises)."""
        files = self.files
        order = sorted(files)
        return check_entries(
            [entry for path in order for entry in files[path].entries],
            venues=config.venue_list(),
            categories=config.categories,
            identities=[i for path in order for i in files[path].identities],
            focus={os.path.join(root, path) for path in loaded},
        )

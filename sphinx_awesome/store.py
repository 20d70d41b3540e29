"""The entry store: every parsed entry file of a project, cached between builds.

The store lives in the pickled build environment. A file is parsed again only when its size
or modification time changes, or when a setting that affects parsing (venues, categories)
does. The store never touches Sphinx; the collector turns its problems into warnings.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from .config import AwesomeConfig
from .entries import Entry, category_problems, load_file
from .problems import Code, Problem


@dataclass
class CachedFile:
    stamp: tuple[int, int]
    entries: list[Entry]
    problems: list[Problem]


@dataclass
class Refresh:
    """What one refresh found: files (re)loaded or gone, and problems to report now."""

    loaded: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.loaded or self.removed)


def expand_pattern(srcdir: Path, pattern: str) -> list[str]:
    """Source-relative POSIX paths of the files a glob pattern (relative to srcdir) matches."""
    if not glob.has_magic(pattern):
        return [pattern] if (srcdir / pattern).is_file() else []
    # Directories that happen to match are dropped when the store stats each path; files
    # named "_*" (such as _categories.yaml) hold other data, as for ``sphinx-awesome check``.
    found = glob.glob(pattern, root_dir=srcdir, recursive=True)
    return sorted(p.replace(os.sep, "/") for p in found if not os.path.basename(p).startswith("_"))


class EntryStore:
    """Parsed entry files by source-relative path, and the project's entries by id."""

    def __init__(self) -> None:
        self.fingerprint = ""
        self.files: dict[str, CachedFile] = {}
        self.by_id: dict[str, Entry] = {}
        self.patterns: dict[str, list[str]] = {}

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

    def refresh(self, srcdir: Path, patterns: Iterable[str], config: AwesomeConfig) -> Refresh:
        """Re-glob the patterns and (re)load new and changed files."""
        result = Refresh()
        fingerprint = config.fingerprint()
        if fingerprint != self.fingerprint:
            self.fingerprint = fingerprint
            result.removed.update(self.files)
            self.files.clear()
        self.patterns = {p: expand_pattern(srcdir, p) for p in dict.fromkeys(patterns)}
        wanted = sorted({path for paths in self.patterns.values() for path in paths})
        for path in set(self.files) - set(wanted):
            del self.files[path]
            result.removed.add(path)
        venues = None
        root = str(srcdir)
        for path in wanted:
            file = os.path.join(root, path)
            try:
                stat = os.stat(file)
            except OSError:
                continue
            if not S_ISREG(stat.st_mode):
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            cached = self.files.get(path)
            if cached is not None and cached.stamp == stamp:
                continue
            if venues is None:
                venues = config.venue_list()
            loaded = load_file(Path(file), file, venues=venues)
            problems = loaded.problems + category_problems(loaded.entries, config.categories)
            self.files[path] = CachedFile(stamp, loaded.entries, problems)
            result.loaded.add(path)
            result.removed.discard(path)
            result.problems.extend(problems)
        if result.changed or (not self.by_id and self.files):
            result.problems.extend(self._index(result.loaded))
        return result

    def _index(self, loaded: set[str]) -> list[Problem]:
        """Rebuild the id index; report duplicates that involve a freshly loaded file."""
        self.by_id = {}
        first_path: dict[str, str] = {}
        problems: list[Problem] = []
        for path in sorted(self.files):
            for entry in self.files[path].entries:
                first = self.by_id.get(entry.id)
                if first is None:
                    self.by_id[entry.id] = entry
                    first_path[entry.id] = path
                elif path in loaded or first_path[entry.id] in loaded:
                    problems.append(
                        Problem(Code.DUPLICATE_ID, f"duplicate id {entry.id!r} (first at {first.path}:{first.line}); this entry is skipped", entry.path, entry.line)  # fmt: skip
                    )
        return problems

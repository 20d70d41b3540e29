"""Which files are entry files: glob patterns expanded against the source directory, the
files' stamps, and the rule that keeps files resolving outside the source directory out.

The build's entry store and the ``sphinx-awesome`` command both find files here, so a
pattern matches the same files for both.
"""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISLNK, S_ISREG
from typing import TYPE_CHECKING

from .problems import Code, Problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: What tells a changed file from an unchanged one: modification time, status-change time
#: (a ``chmod`` that makes a file readable again changes it), size and inode.
Stamp = tuple[int, int, int, int]


def is_entry_name(name: str) -> bool:
    """Files named ``_*`` hold other data (``_categories.yaml``); ``.*`` files are hidden."""
    return not name.startswith(("_", "."))


def expand_pattern(srcdir: Path, pattern: str) -> list[str]:
    """Source-relative POSIX paths of the files a glob pattern (relative to *srcdir*) may
    match, sorted; directories that match are dropped when the files are stamped."""
    if not glob.has_magic(pattern):
        path = pattern.replace(os.sep, "/")
        ok = (srcdir / pattern).is_file() and is_entry_name(path.rpartition("/")[2])
        return [path] if ok else []
    found = glob.glob(pattern, root_dir=srcdir, recursive=True)
    if os.sep != "/":
        found = [p.replace(os.sep, "/") for p in found]
    return sorted(p for p in found if is_entry_name(p.rpartition("/")[2]))


@dataclass
class Scan:
    """The stamps of the regular files among some paths, and the paths left out because they
    resolve outside the source directory."""

    stamps: dict[str, Stamp] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)


class _Inside:
    """Whether paths below a root resolve inside it; each directory is resolved once."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.prefix = self.root.rstrip(os.sep) + os.sep
        self.directories: dict[str, bool] = {}

    def resolved(self, path: str) -> bool:
        real = os.path.realpath(path)
        return real == self.root or real.startswith(self.prefix)

    def directory(self, path: str) -> bool:
        known = self.directories.get(path)
        if known is None:
            known = self.directories[path] = self.resolved(path)
        return known


def scan(root: str, paths: Iterable[str], *, allow_outside: bool = False) -> Scan:
    """Stamp each path (relative to *root*) that is a regular file; unless *allow_outside*,
    a path that is a symbolic link to, or lies below a directory that resolves to, a place
    outside *root* is left out and listed in ``outside``."""
    result = Scan()
    inside = _Inside(root)
    use_fd = os.stat in os.supports_dir_fd  # one directory lookup for thousands of files
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if use_fd else None
    try:
        for path in paths:
            full = os.path.join(root, path)
            try:
                info = (
                    os.lstat(full)
                    if fd is None
                    else os.stat(path, dir_fd=fd, follow_symlinks=False)
                )
                linked = S_ISLNK(info.st_mode)
                if linked:
                    info = os.stat(full)
            except OSError:  # gone since the glob, or a dangling link
                continue
            if not S_ISREG(info.st_mode):  # a directory may match a pattern too
                continue
            if not allow_outside:
                parent = os.path.dirname(full)
                if (linked and not inside.resolved(full)) or not inside.directory(parent):
                    result.outside.append(path)
                    continue
            result.stamps[path] = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    finally:
        if fd is not None:
            os.close(fd)
    return result


def outside_problems(
    root: str, paths: Sequence[str], shown: Callable[[str], str] = str
) -> list[Problem]:
    """The files left out because they resolve outside the source directory: one problem per
    folder they are in (a pattern such as ``../other-list/*.yaml`` is one problem, not one per
    file), at its first file (*shown*: how a path is written)."""
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        by_folder.setdefault(os.path.dirname(path), []).append(path)
    problems = []
    for folder, folder_paths in by_folder.items():
        first = os.path.join(root, folder_paths[0])
        if len(folder_paths) == 1:
            message = (
                f"entry file resolves outside the source directory ({os.path.realpath(first)}); "
                "it is skipped (awesome_allow_outside_srcdir = True reads it)"
            )
        else:
            where = os.path.realpath(os.path.join(root, folder))
            message = (
                f"{len(folder_paths)} entry files in {folder or '.'!r} resolve outside the source "
                f"directory ({where}); they are skipped (awesome_allow_outside_srcdir = True "
                "reads them)"
            )
        problems.append(Problem(Code.OUTSIDE_SRCDIR, message, shown(first)))
    return problems


def data_directories(
    srcdir: Path, patterns: Iterable[str], doc_suffixes: tuple[str, ...]
) -> list[str]:
    """The directories that hold the patterns' files and no documents, source-relative.

    For ``entries/*.yaml`` that is ``entries``, unless a file under it ends with one of
    *doc_suffixes* (``.rst``, ``.md``...). Sphinx's source scan can skip such a directory
    whole instead of matching each of its thousands of files against every pattern.
    """
    out: list[str] = []
    for pattern in patterns:
        parts = pattern.replace(os.sep, "/").split("/")[:-1]
        literal = list(itertools.takewhile(lambda part: not glob.has_magic(part), parts))
        if not literal or ".." in literal or "." in literal:
            continue
        directory = "/".join(literal)
        top = srcdir / directory
        if directory in out or not top.is_dir():
            continue
        walk = os.walk(top, followlinks=True)
        if not any(name.endswith(doc_suffixes) for _, _, names in walk for name in names):
            out.append(directory)
    return out


def exclude_entry_files(app: Sphinx, config: Config) -> None:
    """Entry files are data, never documents: keep Sphinx's source scan off them (a list of
    thousands of files otherwise costs every build a noticeable walk).

    The patterns themselves are excluded, and so is each directory that holds entry files
    and no document at all, which lets the scan skip it without looking at its files.
    """
    from . import compat
    from .config import read_config

    patterns = read_config(config, Path(app.srcdir)).entries
    suffixes = config.source_suffix
    suffixes = [suffixes] if isinstance(suffixes, str) else list(suffixes)
    suffixes.extend(compat.registered_source_suffixes(app))
    directories = data_directories(Path(app.srcdir), patterns, tuple(dict.fromkeys(suffixes)))
    exclude = list(config.exclude_patterns)
    added = [p for p in [*patterns, *directories] if p not in exclude]
    config.exclude_patterns = [*exclude, *added]


def setup_entry_files(app: Sphinx) -> None:
    app.connect("config-inited", exclude_entry_files)

"""Other lists' published entries (``awesome_sources``): fetched, cached, checked, shown.

``awesome_sources = {"llm": ("https://example.org/llm/", None)}`` names another list's site;
its ``awesome-entries.json`` (written by :mod:`sphinx_awesome.publish`) is read at the start
of each build, as intersphinx reads ``objects.inv``: the second item is ``None`` (the file at
the base URL), a local path or URL of the file, or a list of these tried in order.

* **Fetching** (:func:`fetch_sources`): a downloaded file is kept in the doctree directory
  and used without asking for ``awesome_sources_cache_limit`` days (negative: always); then
  it is asked for again (with its ETag, so an unchanged file is not sent again). A file that
  cannot be had (no network, an error, not a published entries file) is replaced by the last
  good copy with one warning naming the source, or, without one, by nothing (tables of the
  source show their empty text). Redirects are followed; when the file moved, rows link to
  where it moved, as intersphinx does.
* **Checking** (:func:`read_source`): nothing in the file is trusted. The entries are read
  by the entry-file reader (:func:`~sphinx_awesome.entries.load_data`: the same validation
  as local files), row URLs must be relative or http(s), and every text is escaped by the
  renderer as usual. Problems are one warning per source (``awesome.source``).
* **Showing**: a table's rows from a source are never canonical here: their titles link to
  the rows of the other site; they get no ids, labels, index or search entries. Entries
  are keyed ``name:id`` (:func:`key`) in the table results, so they never meet local ids,
  and a changed file re-renders exactly the tables and references that show what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import pickle
import re
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
from docutils import nodes
from sphinx.util import logging

from .config import Category, SourceSetting
from .entries import Entry, duplicate_id_problems, load_data
from .fieldtypes import CATEGORY_RE
from .gcpause import paused_gc
from .publish import FILENAME, FORMAT, VERSION
from .writing import write_whole
from .xrefs import reference_text

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .config import AwesomeConfig

logger = logging.getLogger(__name__)

#: The largest file read (a 10,000-entry list publishes about 5 MB).
MAX_BYTES = 64 * 1024 * 1024
MAX_REDIRECTS = 10
#: Problems quoted in a source's warning (the rest are counted).
QUOTED = 3
CACHE_DIR = "awesome-sources"


class SourceError(Exception):
    """Why a published entries file could not be had, or is not one."""


def key(name: str, entry_id: str) -> str:
    """How a source's entry is named among table results and references: ``name:id``."""
    return f"{name}:{entry_id}"


# -- the published file's header -----------------------------------------------------------------


def decode(raw: bytes) -> dict[str, Any]:
    """The data of a published entries file; :class:`SourceError` says why it is not one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"the file is not UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SourceError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise SourceError(f"not JSON: {exc or type(exc).__name__}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SourceError(f'not a published entries file (no "format": "{FORMAT}")')
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        newer = " (written by a newer sphinx-awesome)" if type(version) is int else ""
        raise SourceError(
            f"format version {version!r}{newer}; this sphinx-awesome reads version {VERSION}"
        )
    if not isinstance(data.get("entries"), list):
        raise SourceError('the file has no "entries" list')
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# -- fetching --------------------------------------------------------------------------------------


@dataclass
class Fetched:
    """What the start of a build found for one source."""

    name: str
    raw: bytes | None = None  # the file (None: nothing to show)
    base: str | None = None  # where relative row URLs point (None: the file's base_url)
    origin: str = ""  # what was read, for messages
    warning: str | None = None  # why the file is an older copy, or missing
    data: dict[str, Any] | None = field(default=None, repr=False)  # decoded, when it was

    def digest(self, fingerprint: str) -> str:
        """Changes whenever what the source's entries are read from changes."""
        if self.raw is None:
            return ""
        hashed = hashlib.sha256(self.raw)
        hashed.update(f"\0{self.base}\0{fingerprint}".encode())
        return hashed.hexdigest()


@dataclass
class Copy:
    """The last good download of a source, in the doctree directory."""

    raw: bytes
    url: str
    base: str | None
    etag: str | None
    modified: str | None
    fetched: float  # when it was last fetched or confirmed unchanged


class Cache:
    """Downloads by source name: ``<doctrees>/awesome-sources/<name>/`` holds the file and
    what was asked for (its URL, ETag, base)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def load(self, name: str) -> Copy | None:
        folder = self.directory / name
        try:
            meta = json.loads((folder / "meta.json").read_text("utf-8"))
            raw = (folder / FILENAME).read_bytes()
            fetched = (folder / FILENAME).stat().st_mtime
            return Copy(raw, meta["url"], meta["base"], meta["etag"], meta["modified"], fetched)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, name: str, copy: Copy) -> None:
        folder = self.directory / name
        folder.mkdir(parents=True, exist_ok=True)
        meta = {k: getattr(copy, k) for k in ("url", "base", "etag", "modified")}
        (folder / "meta.json").unlink(missing_ok=True)  # no ETag of another file's, ever
        write_whole(folder / FILENAME, copy.raw)
        write_whole(folder / "meta.json", json.dumps(meta).encode())

    def touch(self, name: str) -> None:
        """The copy was confirmed unchanged: it is fresh again."""
        with contextlib.suppress(OSError):
            (self.directory / name / FILENAME).touch()


@dataclass
class Fetcher:
    """Reads sources for one build: local files, downloads, and the cache."""

    srcdir: Path
    cache: Cache
    timeout: float | None
    cache_limit: float
    verify: bool | str = True
    user_agent: str = ""
    now: float = field(default_factory=time.time)

    def fresh(self, copy: Copy) -> bool:
        return self.cache_limit < 0 or copy.fetched >= self.now - self.cache_limit * 86400

    def fetch(self, setting: SourceSetting) -> Fetched:
        """The first location that gives a published entries file; else the last good
        copy (with a warning); else nothing (with a warning)."""
        failures: list[str] = []
        for location in setting.locations:
            where = location or f"{setting.base}{FILENAME}"
            try:
                if "://" in where:
                    raw, base, data = self.download(setting, where, moves_base=location is None)
                else:
                    raw, base = self.read(where), setting.base
                    data = decode(raw)
            except SourceError as exc:
                failures.append(f"{where}: {exc}")
                continue
            except (OSError, ValueError) as exc:  # whatever else the network or disk raised
                failures.append(f"{where}: {type(exc).__name__}: {exc}")
                continue
            for failure in failures:  # an alternative worked: no warning
                logger.info(f"awesome_sources: {setting.name!r}: {failure}")
            return Fetched(setting.name, raw, base, where, data=data)
        reason = "; ".join(failures)
        copy = self.cache.load(setting.name)
        urls = [loc or f"{setting.base}{FILENAME}" for loc in setting.locations]
        if copy is not None and copy.url in urls:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(copy.fetched))
            warning = f"cannot read {reason}; using the copy fetched on {when}"
            return Fetched(setting.name, copy.raw, copy.base, copy.url, warning)
        return Fetched(setting.name, warning=f"cannot read {reason}; its tables show no entries")

    def read(self, where: str) -> bytes:
        path = self.srcdir / where
        if path.is_dir():
            path = path / FILENAME
        try:
            with path.open("rb") as file:
                raw = file.read(MAX_BYTES + 1)
        except OSError as exc:
            raise SourceError(exc.strerror or str(exc)) from None
        if len(raw) > MAX_BYTES:
            raise SourceError(f"larger than {MAX_BYTES // 2**20} MB")
        return raw

    def download(
        self, setting: SourceSetting, url: str, moves_base: bool
    ) -> tuple[bytes, str | None, dict[str, Any] | None]:
        """The file at *url*: the cached copy while fresh, else downloaded (or confirmed
        unchanged) and cached when it is a published entries file."""
        copy = self.cache.load(setting.name)
        if copy is not None and copy.url != url:
            copy = None
        if copy is not None and self.fresh(copy):
            return copy.raw, copy.base, None
        logger.info(f"awesome_sources: reading {setting.name!r} from {url}")
        headers = {"User-Agent": self.user_agent} if self.user_agent else {}
        if copy is not None and copy.etag:
            headers["If-None-Match"] = copy.etag
        if copy is not None and copy.modified:
            headers["If-Modified-Since"] = copy.modified
        try:
            with requests.Session() as session:
                session.max_redirects = MAX_REDIRECTS
                with session.get(
                    url, headers=headers, timeout=self.timeout, stream=True, verify=self.verify
                ) as response:
                    if response.status_code == 304 and copy is not None:
                        self.cache.touch(setting.name)
                        return copy.raw, copy.base, None
                    response.raise_for_status()
                    raw = self.body(response)
        except requests.RequestException as exc:
            raise SourceError(_reason(exc)) from None
        data = decode(raw)  # only a published entries file is cached
        base = setting.base
        if moves_base and response.url != url:
            base = response.url.rsplit("/", 1)[0] + "/"
            logger.info(f"awesome_sources: {setting.name!r} has moved: {url} -> {response.url}")
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        try:
            self.cache.store(setting.name, Copy(raw, url, base, etag, modified, self.now))
        except OSError as exc:  # the copy is a convenience: the build goes on without it
            logger.info(f"awesome_sources: {setting.name!r}: no copy kept: {exc}")
        return raw, base, data

    def body(self, response: requests.Response) -> bytes:
        """The response's body, up to :data:`MAX_BYTES`, within a few time-outs in all."""
        deadline = time.monotonic() + 6 * (self.timeout or 10)
        chunks, size = [], 0
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > MAX_BYTES:
                raise SourceError(f"larger than {MAX_BYTES // 2**20} MB")
            if time.monotonic() > deadline:
                raise SourceError("the download took too long")
            chunks.append(chunk)
        return b"".join(chunks)


def _reason(exc: requests.RequestException) -> str:
    """What went wrong, in one line (requests nests the socket's error deep)."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code} {exc.response.reason or ''}".strip()
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, requests.ConnectionError):
        return "cannot connect"
    return " ".join(str(exc).split()) or type(exc).__name__


def fetch_sources(app: Sphinx, settings: AwesomeConfig) -> dict[str, Fetched]:
    """Every source's file, at the start of a build (several at once); one warning per
    source that cannot be had."""
    if not settings.sources:
        return {}
    config = app.config
    cacerts = getattr(config, "tls_cacerts", None)
    verify: bool | str = cacerts if isinstance(cacerts, str) and cacerts else True
    if not getattr(config, "tls_verify", True):
        verify = False
    fetcher = Fetcher(
        Path(app.srcdir),
        Cache(Path(app.doctreedir, CACHE_DIR)),
        settings.sources_timeout,
        settings.sources_cache_limit,
        verify,
        str(getattr(config, "user_agent", "") or ""),
    )
    with ThreadPoolExecutor(max_workers=min(4, len(settings.sources))) as pool:
        fetched = pool.map(fetcher.fetch, settings.sources.values())
        found = {got.name: got for got in fetched}
    for name, got in found.items():
        if got.warning:
            warn_source(app, name, got.warning)
    return found


def warn_source(app: Sphinx, name: str, message: str) -> None:
    """A warning about a source, at the line of conf.py that names it."""
    from .config import warn_config

    warn_config(app, f"awesome_sources: {name!r}: {message}", "source", "awesome_sources", name)


# -- reading -----------------------------------------------------------------------------------


class Source:
    """Another list's published entries, read and checked.

    Pickled with the environment; the entries travel as one blob, unpickled on first use,
    so a build in which the file did not change never re-creates them."""

    def __init__(
        self,
        name: str,
        digest: str = "",
        title: str = "",
        base: str | None = None,
        categories: dict[str, Category] | None = None,
        entries: list[Entry] | None = None,
        urls: dict[str, str] | None = None,
    ) -> None:
        self.name, self.digest, self.title, self.base = name, digest, title or name, base
        self.categories = categories or {}
        entries = entries or []
        self._parsed: tuple[list[Entry], dict[str, Entry], dict[str, str]] | None = (
            entries,
            {e.id: e for e in entries},
            urls or {},
        )
        self._blob: bytes | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = {k: v for k, v in self.__dict__.items() if k not in ("_parsed", "_blob")}
        if self._blob is None:
            with paused_gc():
                self._blob = pickle.dumps(self._parsed, pickle.HIGHEST_PROTOCOL)
        return {**state, "_blob": self._blob, "_parsed": None}

    def _loaded(self) -> tuple[list[Entry], dict[str, Entry], dict[str, str]]:
        if self._parsed is None:
            with paused_gc():
                self._parsed = pickle.loads(self._blob) if self._blob else ([], {}, {})
        return self._parsed

    @property
    def entries(self) -> list[Entry]:
        """The entries, in the file's order (by id)."""
        return self._loaded()[0]

    @property
    def by_id(self) -> dict[str, Entry]:
        return self._loaded()[1]

    @property
    def urls(self) -> dict[str, str]:
        """id -> the row's URL: http(s), or relative to :attr:`base`."""
        return self._loaded()[2]

    def category_title(self, path: str) -> str:
        category = self.categories.get(path)
        return category.title if category else path

    def keys(self) -> set[str]:
        return {key(self.name, entry_id) for entry_id in self.by_id}

    def url(self, entry_id: str) -> str | None:
        """Where the entry's row is: http(s), or relative to the output's root."""
        url = self.urls.get(entry_id)
        if url is None or _is_http(url):
            return url
        return None if self.base is None else (self.base + url).removeprefix("./")


_NOT_IN_URL = re.compile(r'[\s\x00-\x1f\x7f\\"<>`]')


def _is_http(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def row_url_problem(url: Any) -> str | None:
    """Why a published row URL cannot be linked (``None``: it can): only a path relative
    to the site's root, or an http(s) URL, without spaces or control characters."""
    if not isinstance(url, str) or not url:
        return "no row URL"
    if _NOT_IN_URL.search(url):
        return f"the row URL {url!r} holds characters a URL cannot"
    head = url.split("#", 1)[0].split("/", 1)[0]
    if _is_http(url) or (":" not in head and not url.startswith("/")):
        return None
    return f"the row URL {url!r} is neither relative nor http(s)"


def read_categories(value: Any, problems: list[str]) -> dict[str, Category]:
    """The published category tree (path -> {title, description})."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append('"categories" is not a mapping; ignored')
        return {}
    tree: dict[str, Category] = {}
    for path, info in value.items():
        title = info.get("title") if isinstance(info, dict) else None
        description = info.get("description", "") if isinstance(info, dict) else None
        if not CATEGORY_RE.match(path) or not isinstance(title, str) or not title.strip():
            problems.append(f"category {path!r} is not a path with a title; ignored")
            continue
        text = description if isinstance(description, str) else ""
        tree[path] = Category(path, " ".join(title.split()), " ".join(text.split()))
    return tree


def read_source(
    fetched: Fetched, fingerprint: str, settings: AwesomeConfig
) -> tuple[Source, list[str]]:
    """A source's entries from its file, checked as local entry files are, and the
    problems found."""
    name, problems = fetched.name, list[str]()
    try:
        data = fetched.data if fetched.data is not None else decode(fetched.raw or b"")
    except SourceError as exc:
        return Source(name), [f"{fetched.origin}: {exc}"]
    title = data.get("title")
    base = fetched.base
    file_base = data.get("base_url")
    if base is None and isinstance(file_base, str) and _is_http(file_base):
        base = file_base if file_base.endswith("/") else file_base + "/"
    categories = read_categories(data.get("categories"), problems)
    items = data["entries"]
    loaded = load_data(
        [item.get("entry") if isinstance(item, dict) else item for item in items],
        name,
        venues=settings.venue_list(),
    )
    entries, duplicates = duplicate_id_problems(loaded.entries)
    found = loaded.problems + duplicates
    problems.extend(f"entry {p.line}: {p.message}" for p in found)
    urls = row_urls(items, entries, problems)
    if base is None and any(not _is_http(u) for u in urls.values()):
        problems.append("no base URL (in awesome_sources or the file): titles are not linked")
    digest = fetched.digest(fingerprint)
    text = title if isinstance(title, str) else ""
    return Source(name, digest, " ".join(text.split()), base, categories, entries, urls), problems


def row_urls(items: list[Any], entries: list[Entry], problems: list[str]) -> dict[str, str]:
    """Each entry's row URL (entries keep their item's place as their line)."""
    urls: dict[str, str] = {}
    for entry in entries:
        item = items[entry.line - 1]
        url = item.get("url") if isinstance(item, dict) else None
        why = row_url_problem(url)
        if why is None and isinstance(url, str):
            urls[entry.id] = url
        else:
            problems.append(f"entry {entry.line} ({entry.id!r}): {why}; its title is not linked")
    return urls


def update_sources(
    app: Sphinx,
    old: Mapping[str, Source],
    fetched: Mapping[str, Fetched],
    settings: AwesomeConfig,
) -> tuple[dict[str, Source], set[str]]:
    """The sources as this build read them (in ``awesome_sources`` order), and the keys
    (``name:id``) of entries that are new, gone or shown differently; a source whose file
    did not change is not read again. Problems: one warning per source."""
    fingerprint = settings.fingerprint()
    new: dict[str, Source] = {}
    changed: set[str] = set()
    for name, got in fetched.items():
        before = old.get(name)
        digest = got.digest(fingerprint)
        if before is not None and before.digest == digest:
            new[name] = before
            continue
        problems: list[str] = []
        if got.raw is None:
            source = Source(name)
        else:
            with paused_gc():
                source, problems = read_source(got, fingerprint, settings)
        if problems:
            shown = "; ".join(problems[:QUOTED])
            more = f" (and {len(problems) - QUOTED} more)" if len(problems) > QUOTED else ""
            count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
            warn_source(app, name, f"{count} in {got.origin}: {shown}{more}")
        new[name] = source
        changed |= changed_keys(before, source)
    for name in old.keys() - new.keys():
        changed |= old[name].keys()
    return new, changed


def changed_keys(before: Source | None, after: Source) -> set[str]:
    """Keys of the entries a table or reference would show differently."""
    if before is None:
        return after.keys()
    header = (before.title, before.base, before.categories)
    if header != (after.title, after.base, after.categories):
        return before.keys() | after.keys()
    out = set()
    for entry_id in before.by_id.keys() | after.by_id.keys():
        old, new = before.by_id.get(entry_id), after.by_id.get(entry_id)
        if (
            old is None
            or new is None
            or old.as_dict() != new.as_dict()
            or before.urls.get(entry_id) != after.urls.get(entry_id)
        ):
            out.add(key(after.name, entry_id))
    return out


# -- links to the other site ---------------------------------------------------------------------


def find_remote(sources: Mapping[str, Source], target: str) -> tuple[Source, Entry] | None:
    """The entry ``name:id`` names; a bare id: the first source (in ``awesome_sources``
    order) that has it."""
    name, colon, entry_id = target.partition(":")
    if colon:
        source = sources.get(name)
        entry = source.by_id.get(entry_id) if source is not None else None
        return (source, entry) if source is not None and entry is not None else None
    for source in sources.values():
        entry = source.by_id.get(target)
        if entry is not None:
            return source, entry
    return None


def row_href(source: Source, entry_id: str, builder: Builder, docname: str) -> str | None:
    """The link from page *docname* to an entry's row on the other site."""
    url = source.url(entry_id)
    if url is None or _is_http(url) or url.startswith("//") or builder.format != "html":
        return url
    # relative to the output's root: climb from this page's folder
    depth = builder.get_target_uri(docname).partition("#")[0].count("/")
    return "../" * depth + url


def resolve_remote(
    sources: Mapping[str, Source],
    builder: Builder,
    fromdocname: str,
    target: str,
    node: Element,
    contnode: Element,
) -> Element | None:
    """``:paper:`name:id``` (or a bare id no local entry has): the short title, linked to
    the row on the other site."""
    found = find_remote(sources, target)
    if found is None:
        return None
    source, entry = found
    contnode = reference_text(entry, node, contnode)
    href = row_href(source, entry.id, builder, fromdocname)
    if href is None:
        return contnode
    title = f"{entry.title} ({source.title})"
    return nodes.reference("", "", contnode, internal=False, refuri=href, reftitle=title)

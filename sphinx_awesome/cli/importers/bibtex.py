"""Reading BibTeX into entry data: what DBLP, ACM, arXiv and Google Scholar export, and what
``sphinx-awesome export --format bibtex`` writes (read back to the same entries).

bibtexparser splits the file into blocks (with their lines, ``@string`` macros resolved);
each value is checked to be one BibTeX value (a braced group, a quoted string, a number or a
macro, joined by ``#``) before it is used, LaTeX is decoded to Unicode, names are read as
BibTeX reads them, and venues are normalised through the venue list (``{OSDI}`` in a DBLP
booktitle, ``Proceedings of the 29th Symposium on Operating Systems Principles``).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ...entries import LINK_LABELS, link_url
from ...fields import BY_NAME
from ...normalize import arxiv_id_of, doi_of
from ...problems import Code, Problem
from ...venues import VenueList
from ..exporters.bibtex import BIBTEX_FIELDS, KIND_NOTES, MONTHS
from ..latex import decode
from ..newentry import key_id, new_id, ordered, validate
from ..venue_text import venue_from_text

#: Entry types and the kind of entry they hold (``@misc`` reads its kind from ``note``).
TYPE_KINDS = {
    "book": "book",
    "software": "repo",
    "online": "site",
    "electronic": "site",
    "www": "site",
    "webpage": "site",
    "video": "video",
    "movie": "video",
}
_NOTE_KINDS = {note.lower(): kind for kind, note in KIND_NOTES.items()}
_KIND_LABELS = {"post": "post", "repo": "repo", "site": "site", "video": "video"}
_LANGUAGES = {
    "english": "en",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "german": "de",
    "ngerman": "de",
    "french": "fr",
    "spanish": "es",
    "russian": "ru",
    "portuguese": "pt",
    "italian": "it",
}


class Record(NamedTuple):
    """One BibTeX entry read: its key, its line, and its entry data (without ``id``)."""

    key: str
    line: int
    data: dict[str, Any]


@contextlib.contextmanager
def _quiet_parser() -> Iterator[None]:
    """bibtexparser logs what it skips; we report it ourselves, with file and line."""
    logger = logging.getLogger("bibtexparser")
    handler = logging.NullHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


# -- values ----------------------------------------------------------------------------------


def _group_end(raw: str, start: int, close: str) -> int:
    """Index after the ``}`` (or ``"``) that closes the group opened at *start*, or -1."""
    depth = 0
    for index in range(start, len(raw)):
        char = raw[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0 or (close == "}" and depth == 0):
                return index + 1 if depth == 0 else -1
        elif char == '"' and close == '"' and depth == 0 and index > start:
            return index + 1
    return -1


def evaluate(raw: str, strings: Mapping[str, str]) -> str | None:
    """The TeX text of a raw BibTeX value (``{...}``, ``"..."``, a number, a macro, or
    parts joined by ``#``), or ``None`` when it is not one value (unbalanced braces, text
    after the closing brace)."""
    out: list[str] = []
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return None
        char = raw[pos]
        if char in '{"':
            end = _group_end(raw, pos, "}" if char == "{" else '"')
            if end < 0:
                return None
            out.append(raw[pos + 1 : end - 1])
        else:
            match = re.match(r"[^\s#{}\"]+", raw[pos:])
            if not match:
                return None
            word = match.group(0)
            end = pos + len(word)
            out.append(word if word.isdigit() else strings.get(word.lower(), word))
        rest = raw[end:].lstrip()
        if not rest:
            return "".join(out)
        if not rest.startswith("#"):
            return None
        pos = len(raw) - len(rest) + 1


# -- fields ----------------------------------------------------------------------------------


def _top_level(raw: str, separator: str) -> list[str]:
    """*raw* split where *separator* (a character, or white space for ``" "``) stands
    outside braces, as BibTeX splits names."""
    parts, current, depth = [], "", 0
    for char in raw:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        if depth == 0 and (char.isspace() if separator == " " else char == separator):
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _name(raw: str) -> str:
    """One name in ``First von Last`` order: ``von Last, First`` and ``von Last, Jr, First``
    are turned round as BibTeX reads them."""
    parts = [part.strip() for part in _top_level(raw, ",")]
    if len(parts) == 1:
        return decode(parts[0])
    if len(parts) == 2:
        return decode(f"{parts[1]} {parts[0]}")
    name = decode(f"{', '.join(parts[2:])} {parts[0]}")
    jr = decode(parts[1])
    return f"{name}, {jr}" if jr else name


def authors_of(raw: str) -> list[str]:
    """The names of an ``and``-separated list; ``others`` becomes ``et al.``."""
    names, words = [], []
    for word in [*_top_level(raw, " "), "and"]:
        if word.lower() != "and":
            if word:
                words.append(word)
            continue
        if words:
            joined = " ".join(words)
            name = "et al." if joined.lower() == "others" else _name(joined)
            if name:
                names.append(name)
        words = []
    return names


def _url_in(raw: str) -> str | None:
    match = re.search(r"https?://[^\s{}\\]+", raw)
    return match.group(0) if match else None


# -- entries ---------------------------------------------------------------------------------


class _Fields:
    """The evaluated (TeX) and decoded values of one entry's fields."""

    def __init__(self, tex: dict[str, str]) -> None:
        self.tex = tex

    def raw(self, name: str) -> str:
        return self.tex.get(name, "").strip()

    def text(self, name: str) -> str:
        return decode(self.tex[name]) if name in self.tex else ""


def _is_arxiv(fields: _Fields) -> bool:
    prefix = (fields.text("archiveprefix") or fields.text("eprinttype")).lower()
    return prefix == "arxiv" or bool(arxiv_id_of(fields.raw("eprint"), bare_ok=not prefix))


def _venue(fields: _Fields, entry_type: str, venues: VenueList) -> str | None:
    names = {
        "inproceedings": ("series", "booktitle", "journal"),
        "conference": ("series", "booktitle", "journal"),
        "incollection": ("series", "booktitle"),
        "inbook": ("series", "booktitle"),
        "article": ("journal",),
    }.get(entry_type, ("howpublished", "journal", "booktitle"))
    first_text = None
    for name in names:
        text = fields.text(name)
        if not text or _url_in(fields.raw(name)):
            continue
        found = venue_from_text(text, venues, raw=fields.raw(name))
        if found:
            return found
        if name != "series" and first_text is None:
            first_text = text
    if first_text:
        return first_text
    if entry_type == "misc" and _is_arxiv(fields) and "primaryclass" in fields.tex:
        return "arXiv"  # arXiv's own export: @misc with eprint, archivePrefix, primaryClass
    return None


def _kind(fields: _Fields, entry_type: str) -> str:
    note = fields.text("note").lower()
    if entry_type in ("misc", "online", "electronic", "www", "webpage") and note in _NOTE_KINDS:
        return _NOTE_KINDS[note]
    return TYPE_KINDS.get(entry_type, "paper")


def _links(fields: _Fields, kind: str) -> dict[str, str]:
    """Links from ``url_<label>`` fields when the file has them (our export), else from
    ``doi``, ``eprint``, ``url``, ``pdf``, ``code`` and a ``\\url`` in ``howpublished``."""
    own = {name[4:]: fields.raw(name) for name in fields.tex if name.startswith("url_")}
    if own:
        return {label: value for label, value in own.items() if value}
    links: dict[str, str] = {}
    doi = doi_of(fields.raw("doi"))
    if doi:
        links["doi"] = doi
    arxiv = arxiv_id_of(fields.raw("eprint"), bare_ok=True) if _is_arxiv(fields) else None
    for name in ("journal", "howpublished", "note"):  # Google Scholar: arXiv preprint arXiv:ID
        found = re.search(r"\barXiv:\s*([\w./-]+)", fields.text(name), re.I)
        arxiv = arxiv or (arxiv_id_of(found.group(1), bare_ok=True) if found else None)
    if arxiv:
        links["arxiv"] = arxiv
    urls = [fields.raw("url"), _url_in(fields.raw("howpublished")), _url_in(fields.raw("note"))]
    for url in filter(None, urls):
        if arxiv_id_of(url) and arxiv_id_of(url) == links.get("arxiv"):
            continue
        if doi_of(url) and doi_of(url) == links.get("doi"):
            continue
        label = "pdf" if url.lower().endswith(".pdf") else _KIND_LABELS.get(kind, "paper")
        if re.match(r"https?://(www\.)?(github|gitlab)\.com/", url) and kind != "repo":
            label = "code"
        links.setdefault(label, url)
    for name in ("pdf", "code", "slides", "video"):
        if fields.raw(name).startswith(("https://", "http://")):
            links.setdefault(name, fields.raw(name))
    return links


def record_data(fields: _Fields, entry_type: str, venues: VenueList) -> dict[str, Any]:
    """The entry data of one BibTeX entry (``title`` empty when it has none)."""
    kind = _kind(fields, entry_type)
    year_match = re.search(r"\b(\d{4})\b", fields.text("year"))
    date = BY_NAME["date"].type.parse(fields.raw("date"))
    year = int(year_match.group(1)) if year_match else None
    data: dict[str, Any] = {
        "title": fields.text("title"),
        "kind": kind if kind != "paper" else None,
        "authors": authors_of(fields.tex["author"]) if "author" in fields.tex else None,
        "venue": _venue(fields, entry_type, venues),
        "year": year if year and not (date and int(date[:4]) == year) else None,
        "date": date,
        "links": _links(fields, kind),
    }
    for spec in BIBTEX_FIELDS:  # what the list knows beyond the standard fields
        carried = spec.bibtex
        assert carried is not None
        text = next(filter(None, map(fields.text, (carried.name, *carried.aliases))), "")
        if carried.name == "language":  # babel's names: ``english``
            text = _LANGUAGES.get(text.strip().lower(), text)
        data[spec.name] = spec.type.parse(text, carried.separator) if text else None
    return ordered(data)


# -- files -----------------------------------------------------------------------------------


def _entry_fields(
    block: Any, strings: Mapping[str, str], path: str
) -> tuple[_Fields, list[Problem]]:
    tex: dict[str, str] = {}
    problems: list[Problem] = []
    for field in block.fields:
        name = field.key.strip().lower()
        if name in tex:
            continue  # BibTeX uses the first value; bibtexparser reports the repetition
        value = evaluate(field.value, strings)
        line = (field.start_line or block.start_line or 0) + 1
        if value is None:
            message = (
                f"field {name!r} of {block.key!r} is not one BibTeX value (do its braces "
                "balance?); the entry is skipped"
            )
            problems.append(Problem(Code.UNPARSED, message, path, line))
            continue
        tex[name] = value
    return _Fields(tex), problems


def _strings(library: Any) -> dict[str, str]:
    strings = {month: month for month in MONTHS}
    for block in library.strings:
        value = evaluate(block.value, strings)
        if value is not None:
            strings[block.key.strip().lower()] = value
    return strings


def _failed(block: Any, path: str) -> Problem:
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = (block.previous_block.start_line or 0) + 1
        message = f"key {block.key!r} is used again (first at line {first}); this entry is skipped"
        return Problem(Code.IMPORT_DUPLICATE, message, path, line)
    if isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(repr(name) for name in sorted(block.duplicate_keys))
        message = f"field {names} is given twice; the first value is used"
        return Problem(Code.UNPARSED, message, path, line)
    reason = " ".join(str(getattr(block.error, "abort_reason", "") or block.error).split())
    message = f"cannot read this BibTeX block: {reason or 'syntax error'}; it is skipped"
    return Problem(Code.UNPARSED, message, path, line)


def _drop_bad_links(data: dict[str, Any], key: str, path: str, line: int) -> list[Problem]:
    problems = []
    for label, value in list(data.get("links", {}).items()):
        if label not in LINK_LABELS:
            reason = f"has an unknown label (known: {', '.join(LINK_LABELS)})"
        elif link_url(label, value) is None:
            reason = "is not an http(s) URL" + (
                " or a known id" if label in ("doi", "arxiv") else ""
            )
        else:
            continue
        del data["links"][label]
        message = f"{key}: link {label!r} {reason}: {value!r}; it is dropped"
        problems.append(Problem(Code.IMPORT_LINK, message, path, line))
    if "links" in data and not data["links"]:
        del data["links"]
    return problems


def parse_bibtex(text: str, path: str, *, venues: VenueList) -> tuple[list[Record], list[Problem]]:
    """The entries of a BibTeX text and the problems met (*path* names the file in them)."""
    import bibtexparser
    from bibtexparser.model import DuplicateFieldKeyBlock, Entry, ParsingFailedBlock

    with _quiet_parser():
        library = bibtexparser.parse_string(text, parse_stack=[])
    strings = _strings(library)
    records: list[Record] = []
    problems: list[Problem] = []
    for found in library.blocks:
        block: Any = found
        if isinstance(found, ParsingFailedBlock):
            problems.append(_failed(found, path))
            if not isinstance(found, DuplicateFieldKeyBlock):
                continue
            block = found.ignore_error_block
        if not isinstance(block, Entry):
            continue
        line = (block.start_line or 0) + 1
        fields, bad = _entry_fields(block, strings, path)
        problems.extend(bad)
        if bad:
            continue
        data = record_data(fields, block.entry_type.lower(), venues)
        if not data.get("title"):
            message = f"entry {block.key!r} has no title; it is skipped"
            problems.append(Problem(Code.UNPARSED, message, path, line))
            continue
        problems.extend(_drop_bad_links(data, block.key, path, line))
        records.append(Record(block.key, line, data))
    return records, problems


def assign_ids(records: Sequence[Record], taken: set[str]) -> list[str]:
    """Ids for *records*: the key when it is a usable slug, else one made from the title;
    *taken* (updated) holds the ids already in use."""
    keys = [key_id(r.key) for r in records]
    reserved = {k for k in keys if k and k not in taken}
    used = taken | reserved  # what a made id must avoid (a key taken moves, it stays in)
    ids = []
    for record, key in zip(records, keys, strict=True):
        if key and key in reserved:
            reserved.discard(key)
            entry_id = key
        else:
            entry_id = new_id(record.data["title"], record.data.get("year"), used)
            used.add(entry_id)
        taken.add(entry_id)
        ids.append(entry_id)
    return ids


def checked(
    records: Sequence[Record], ids: Sequence[str], path: str, venues: VenueList
) -> Iterator[tuple[str, dict[str, Any], str, list[Problem]]]:
    """Each record's id, data, entry file text and the loader's problems with it (at the
    record's line)."""
    for record, entry_id in zip(records, ids, strict=True):
        text, _, problems = validate(record.data, entry_id, f"{entry_id}.yaml", venues=venues)
        moved = [Problem(p.code, f"{record.key}: {p.message}", path, record.line) for p in problems]
        yield entry_id, record.data, text, moved


def read_text(file: Path, shown: str) -> tuple[str | None, Problem | None]:
    """The text of a BibTeX file (undecodable bytes replaced, and reported)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        return None, Problem(Code.MISSING_FILE, f"cannot read: {exc.strerror}", shown)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"the file is not UTF-8 (byte {exc.start}); undecodable bytes were replaced"
        return data.decode("utf-8", errors="replace"), Problem(Code.UNPARSED, message, shown, line)


def import_bibtex_files(
    files: Sequence[Path], *, venues: VenueList, display: Callable[[Path], str] = str
) -> Any:
    """Import BibTeX files into an :class:`~sphinx_awesome.cli.importers.ImportResult`."""
    from . import ImportResult

    result = ImportResult()
    taken: set[str] = set()
    for file in files:
        shown = display(file)
        text, problem = read_text(file, shown)
        if problem is not None:
            result.problems.append(problem)
        if text is None:
            continue
        records, problems = parse_bibtex(text, shown, venues=venues)
        result.problems.extend(problems)
        for entry_id, data, text, found in checked(
            records, assign_ids(records, taken), shown, venues
        ):
            result.entries.append((entry_id, data))
            result.texts[entry_id] = text
            result.problems.extend(found)
    result.items = len(result.entries)
    result.problems.sort(key=Problem.sort_key)
    return result

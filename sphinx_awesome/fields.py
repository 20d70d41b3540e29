"""The fields of an entry: one description each, which every part reads.

A :class:`Field` says what the field holds and how it is read (its
:mod:`~sphinx_awesome.fieldtypes` type), how it shows as a table column (heading, width,
cell), how it sorts, how the filter language matches it, and how the exporters and
importers map it (CSV column, BibTeX field, README column, the headings a list's table may
give it, and what it may be read from after a title). The loader, the table renderer, the
sorter, the filter language, the row index, the exporters, the importers and the book's
field reference all take their knowledge of fields from :data:`FIELDS`.

Adding a field is adding a :class:`Field` here (and tests): everything else follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .fieldtypes import (
    Choice,
    Date,
    FieldType,
    Lang,
    Links,
    Slugs,
    Text,
    Texts,
    Year,
)

if TYPE_CHECKING:
    from .entries import Entry

KINDS = ("paper", "post", "repo", "site", "talk", "book", "course", "video")


@dataclass(frozen=True)
class Column:
    """How a field shows as a table column.

    ``cell`` names how the renderer fills the cell: ``title`` (the linked title), ``text``
    (the value), ``list`` (values joined by commas), ``badge`` (one value linking to its
    browsing group), ``chips`` (several such values), ``links``, ``kind``, ``id`` and
    ``categories`` (category titles).
    """

    heading: str
    width: int  # characters, for text, man and LaTeX (HTML sizes columns itself)
    cell: str = "text"
    #: Whether the words of the column, when a table shows it, go into the full-text search.
    indexed: bool = False
    #: Whether they go into it for an entry's canonical row even when the table hides the
    #: column, so the search finds the entry's page by them (authors, venue, tags).
    searched: bool = False


@dataclass(frozen=True)
class Filtering:
    """How the filter language matches a field: ``name:value``.

    ``match``: ``exact`` (the value itself), ``lower`` (ignoring case), ``venue`` (the
    canonical venue of the value, or the venue as written, ignoring case), ``year``
    (comparisons and ranges), ``path`` (a category or one below it), ``contains`` (part of a
    value, ignoring case), ``lang`` (a language tag or a more specific one).
    """

    name: str
    match: str
    #: Its place in the reference's list of filter fields.
    listed: int = 99
    #: What it matches, and an example, for the filter reference.
    doc: str = ""
    example: str = ""


@dataclass(frozen=True)
class Sorting:
    """How a field sorts: ``:sort: name``; *key* gives an entry's value (``None``: the entry
    sorts last, whichever the direction); *listed* is its place in the reference's list."""

    name: str
    key: Callable[[Entry], Any]
    listed: int = 99


@dataclass(frozen=True)
class BibTeX:
    """The BibTeX field that carries a field (besides the standard ones the exporter writes
    from titles, authors, venues, years, dates and links), what separates several values,
    and other names import also reads it from."""

    name: str
    separator: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    doc: str
    column: Column | None = None
    sort: Sorting | None = None
    filter: Filtering | None = None
    #: Bare words and quoted phrases of a filter search this field.
    words: bool = False
    bibtex: BibTeX | None = None
    #: A column of the exported README (heading), and the headings of a list's table column
    #: that import reads as this field (lower case, compared without punctuation; a heading
    #: in Chinese, Japanese or Korean is found inside a longer column name).
    readme: str | None = None
    headings: tuple[str, ...] = ()
    #: A CSV column (``links`` has one column per label instead).
    csv: bool = True

    def value(self, entry: Entry) -> Any:
        return entry.__dict__[self.name]

    def strings(self, entry: Entry) -> tuple[str, ...]:
        return self.type.strings(entry.__dict__[self.name])


def _casefold(text: str | None) -> str | None:
    return text.casefold() if text else None


def _title_key(entry: Entry) -> str:
    """The case-folded title without leading punctuation (``"Ray"`` and ``ray`` tie)."""
    title = entry.title.casefold()
    for index, char in enumerate(title):
        if char.isalnum():
            return title[index:]
    return title


def _date_key(entry: Entry) -> str | None:
    """The date, else the year (so dated posts and undated papers interleave by year)."""
    if entry.date:
        return entry.date
    return f"{entry.year:04d}" if entry.year is not None else None


def _first(name: str) -> Callable[[Entry], str | None]:
    def key(entry: Entry) -> str | None:
        values = entry.__dict__[name]
        return values[0].casefold() if values else None

    return key


FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        Text(),
        "Unique in the project (a slug); a one-entry file's defaults to its file name.",
        Column("Id", 12, "id"),
        sort=Sorting("id", lambda e: e.id, listed=4),
        filter=Filtering(
            "id",
            "exact",
            listed=0,
            doc="the id, exactly",
            example="id:alpa,unity",
        ),
    ),
    Field(
        "title",
        Text(),
        "Required. The text before its first colon is the short title (``:paper:``).",
        Column("Title", 40, "title"),
        sort=Sorting("title", _title_key, listed=0),
        words=True,
        readme="Title",
    ),
    Field(
        "kind",
        Choice(KINDS, "paper"),
        "What the entry is.",
        Column("Kind", 6, "kind"),
        sort=Sorting("kind", lambda e: e.kind, listed=5),
        filter=Filtering(
            "kind",
            "lower",
            listed=1,
            doc="the kind: `paper`, `post`, `repo`, `site`, …",
            example="kind:post",
        ),
        headings=(
            "type",
            "kind",
        ),
    ),
    Field(
        "authors",
        Texts(),
        "The authors' names, as written.",
        Column("Authors", 24, "list", indexed=True, searched=True),
        sort=Sorting("author", _first("authors"), listed=7),
        filter=Filtering(
            "author",
            "contains",
            listed=6,
            doc="part of an author's name, ignoring case",
            example="author:Zaharia",
        ),
        words=True,
        readme="Authors",
        headings=(
            "author",
            "authors",
            "by",
            "team",
            "people",
            "作者",
        ),
    ),
    Field(
        "affiliation",
        Texts(single=True),
        "The institutions or companies behind the entry (``NVIDIA``), one or a list.",
        Column("Affiliation", 16, "list", indexed=True, searched=True),
        sort=Sorting("affiliation", _first("affiliation"), listed=8),
        filter=Filtering(
            "affiliation",
            "contains",
            listed=8,
            doc="part of an affiliation's name, ignoring case",
            example="affiliation:nvidia",
        ),
        bibtex=BibTeX("affiliation", " and "),
        readme="Affiliation",
        headings=(
            "affiliation",
            "affiliations",
            "institution",
            "institutions",
            "org",
            "organization",
            "organisation",
            "company",
            "lab",
            "institute",
            "单位",
            "机构",
        ),
    ),
    Field(
        "venue",
        Text(),
        "Where it appeared; spellings are normalised through ``awesome_venues``.",
        Column("Venue", 10, "badge", indexed=True, searched=True),
        sort=Sorting("venue", lambda e: _casefold(e.venue), listed=3),
        filter=Filtering(
            "venue",
            "venue",
            listed=2,
            doc="the venue; the value is normalised like the entry's, so `NIPS` finds `NeurIPS`",
            example="venue:OSDI,SOSP",
        ),
        readme="Venue",
        headings=(
            "venue",
            "conference",
            "conf",
            "conf.",
            "published",
            "publication venue",
            "published in",
            "journal",
            "where",
            "proceedings",
            "venue / year",
            "venue/year",
            "conference / year",
            "conference/year",
            "pub.",
            "pub",
            "pub. & date",
            "pub & date",
            "publish",
            "conference/journal",
            "venue & year",
            "会议",
            "会议/期刊",
            "期刊",
            "发表",
            "来源",
        ),
    ),
    Field(
        "year",
        Year(),
        "The year of publication; a ``date`` gives it when absent.",
        Column("Year", 6, "badge"),
        sort=Sorting("year", lambda e: e.year, listed=1),
        filter=Filtering(
            "year",
            "year",
            listed=3,
            doc="the year (posts: the year of their date); see below",
            example="year:>=2020",
        ),
        readme="Year",
        headings=(
            "year",
            "date",
            "time",
            "when",
            "published date",
            "release",
            "released",
            "release date",
            "年份",
            "时间",
            "日期",
        ),
    ),
    Field(
        "date",
        Date(months=True),
        "For posts and talks.",
        Column("Date", 10),
        sort=Sorting("date", _date_key, listed=2),
    ),
    Field(
        "links",
        Links(),
        "Label to URL; ``doi`` and ``arxiv`` may be bare ids. Only http(s) URLs and known ids "
        "become links.",
        Column("Links", 16, "links"),
        readme="Links",
        csv=False,
    ),
    Field(
        "tags",
        Slugs(),
        "Free-form slugs; each has a group on the tag page.",
        Column("Tags", 16, "chips", indexed=True, searched=True),
        filter=Filtering(
            "tag",
            "lower",
            listed=4,
            doc="one of the tags",
            example="tag:gpu",
        ),
        bibtex=BibTeX("keywords", ", "),
        readme="Tags",
        headings=(
            "tags",
            "tag",
            "keywords",
            "keyword",
            "topics",
            "topic",
            "category",
            "标签",
            "关键词",
        ),
    ),
    Field(
        "categories",
        Slugs(paths=True),
        "Paths in the category tree (``distributed/auto-parallel``); a category matches its "
        "sub-categories.",
        Column("Categories", 18, "categories"),
        filter=Filtering(
            "category",
            "path",
            listed=5,
            doc="a category or any of its sub-categories",
            example="category:distributed",
        ),
        bibtex=BibTeX("categories", ", "),
    ),
    Field(
        "summary",
        Text(default=""),
        "One or two sentences, plain text.",
        Column("Summary", 36, indexed=True),
        words=True,
        bibtex=BibTeX("annote", aliases=("annotation",)),
        readme="Description",
        headings=(
            "description",
            "summary",
            "notes",
            "note",
            "comment",
            "comments",
            "tl;dr",
            "tldr",
            "abstract",
            "remarks",
            "remark",
            "highlights",
            "highlight",
            "about",
            "contribution",
            "key idea",
            "idea",
            "keynote",
            "introduction",
            "intro",
            "brief",
            "简介",
            "摘要",
            "描述",
            "备注",
            "说明",
            "总结",
        ),
    ),
    Field(
        "lang",
        Lang(),
        "The language of the title (``zh``).",
        filter=Filtering(
            "lang",
            "lang",
            listed=7,
            doc="the language tag, or a more specific one (`lang:zh` finds `zh-Hans`)",
            example="lang:zh",
        ),
        bibtex=BibTeX("language", aliases=("langid",)),
    ),
    Field(
        "added",
        Date(months=False),
        "When the entry joined the list.",
        Column("Added", 10),
        sort=Sorting("added", lambda e: e.added or None, listed=6),
        bibtex=BibTeX("added"),
    ),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
#: Column name -> field (``:columns:`` also takes the filter names: ``tag``, ``author``...).
COLUMNS: dict[str, Field] = {f.name: f for f in FIELDS if f.column is not None}
COLUMN_ALIASES: dict[str, str] = {
    f.filter.name: f.name
    for f in FIELDS
    if f.column is not None and f.filter is not None and f.filter.name != f.name
}
#: Filter field name -> field.
FILTERS: dict[str, Field] = {f.filter.name: f for f in FIELDS if f.filter is not None}
#: The fields whose values have groups on the browsing pages (their badge and chip cells).
BROWSED: tuple[Field, ...] = tuple(
    f for f in FIELDS if f.column and f.column.cell in ("badge", "chips") and f.filter
)
#: The fields bare words of a filter search.
WORDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.words)
#: Sort key name -> the entry's key.
SORT_KEYS: dict[str, Callable[[Entry], Any]] = {
    f.sort.name: f.sort.key
    for f in sorted(FIELDS, key=lambda f: f.sort.listed if f.sort else 0)
    if f.sort
}


def defaults() -> dict[str, Any]:
    """Each field's value in an entry that does not give it."""
    return {f.name: f.type.default for f in FIELDS}

"""The filter language of ``paper-table``'s ``:filter:`` option.

Grammar (whitespace is any Unicode space)::

    filter  := term*                          -- terms separated by whitespace, ANDed
    term    := ["-"] (field ":" values | phrase)
    values  := value ("," value)*             -- OR within the field
    value   := quoted | bare                  -- bare: no whitespace, '"' or ','
    phrase  := quoted | word                  -- word: no whitespace or '"'
    quoted  := '"' (char | '\\"' | '\\\\')* '"'
    field   := letter (letter | digit | "_" | "-")*   -- case-insensitive

The fields, and how each matches, come from :data:`sphinx_awesome.fields.FIELDS` (a field's
``filter``): ``exact`` (the value itself: ``id``), ``lower`` (ignoring case: ``kind``,
``tag``; a field with a fixed set of values, such as ``kind``, refuses others), ``venue``
(the value is first normalised through the venue list given to :func:`compile_filter`, so
``venue:NIPS`` matches ``NeurIPS``; then the venue or the venue as written, ignoring case),
``year`` (``2020``, ``=2020``, ``>2020``, ``>=2020``, ``<2020``, ``<=2020``, ``2019..2022``
inclusive, ``..2020``, ``2020..`` or ``..`` for any year; an entry without a year matches
none), ``path`` (a category or one of its sub-categories), ``contains`` (part of a value,
ignoring case: ``author``), ``lang`` (a language tag or a more specific one: ``lang:zh``
matches ``zh`` and ``zh-Hans``). A phrase matches an entry whose title, authors or summary
(the fields whose ``words`` is set) contain it, ignoring case.

A leading ``-`` negates a term: ``-venue:OSDI`` keeps entries with another venue or none.
:func:`compile_filter` raises :class:`FilterError` (with a 1-based column) on bad input and
nothing else; the :class:`Filter` it returns never raises on an :class:`Entry`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .entries import Entry, category_matches
from .fields import FILTERS, WORDS
from .fieldtypes import Choice, Texts
from .problems import TextError, did_you_mean
from .venues import VenueList

__all__ = ["FIELDS", "Filter", "FilterError", "Term", "compile_filter"]

#: The field names a filter term may use, in the order the reference lists them.
FIELDS: tuple[str, ...] = tuple(sorted(FILTERS, key=lambda name: FILTERS[name].filter.listed))  # type: ignore[union-attr]

_QUOTE = '"'
_ESCAPABLE = (_QUOTE, "\\")
#: The most digits a year may have in a filter, and so the largest year.
_YEAR_DIGITS = 4
_MAX_YEAR = 10**_YEAR_DIGITS - 1

#: A filter that cannot be compiled: ``message`` and the 1-based ``column`` of the problem.
FilterError = TextError


# -- terms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One term of a filter: a field's normalised values (ORed), maybe negated.

    ``field_name`` is the field's name in the filter language ("" for a phrase); ``values``
    is sorted and free of duplicates, so equal terms compare equal. Subclasses precompute
    whatever makes :meth:`match` fast in attributes that do not take part in equality.
    """

    field_name: str
    values: tuple[Any, ...]
    negated: bool = False
    #: Whether the rows' index can answer the term (see :class:`~sphinx_awesome.query.Universe`).
    indexed: ClassVar[bool] = False

    @property
    def attr(self) -> str:
        """The name of the entry attribute (the field) the term reads."""
        return FILTERS[self.field_name].name

    @property
    def many(self) -> bool:
        """Whether the field holds several values (a list)."""
        return isinstance(FILTERS[self.field_name].type, Texts)

    def match(self, entry: Entry) -> bool:
        """Whether *entry* matches the term, ignoring ``negated``."""
        raise NotImplementedError

    def index_keys(self, entry: Entry) -> Iterable[Hashable]:
        """The keys under which an index of this field files *entry*."""
        return ()

    def wanted(self, keys: Iterable[Hashable]) -> Iterable[Hashable]:
        """The keys (of an index's *keys*) whose entries may match."""
        return self.values

    def cost(self) -> int:
        """What a check costs, relatively: terms are checked cheapest first."""
        return 5

    def order(self) -> tuple[int, int, bool, str]:
        cost = self.cost() + (2 if self.many else 0)  # a field of several values costs more
        return (cost, _FIELD_ORDER.get(self.field_name, 99), self.negated, repr(self.values))

    def render_values(self) -> list[str]:
        """The values as filter text."""
        return [_quote_value(str(value)) for value in self.values]

    def render(self) -> str:
        """The term as filter text that compiles back to an equal term."""
        sign = "-" if self.negated else ""
        return f"{sign}{self.field_name}:{','.join(self.render_values())}"


@dataclass(frozen=True)
class SetTerm(Term):
    """``exact`` and ``lower``: a value of the field is one of the values (``lower``: the
    values are lower case, and so is what they are compared with)."""

    lower: bool = False
    lookup: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    indexed: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", frozenset(self.values))

    def cost(self) -> int:
        return 1 if self.lower else 0

    def keys(self, value: Any) -> tuple[str, ...]:
        items = value if isinstance(value, tuple) else (value,) if value else ()
        return tuple(item.lower() for item in items) if self.lower else tuple(items)

    def match(self, entry: Entry) -> bool:
        lookup = self.lookup
        return any(key in lookup for key in self.keys(entry.__dict__[self.attr]))

    def index_keys(self, entry: Entry) -> Iterable[Hashable]:
        return set(self.keys(entry.__dict__[self.attr]))


@dataclass(frozen=True)
class VenueTerm(SetTerm):
    """``venue``: the venue, or the venue as written, is one of the case-folded values."""

    def cost(self) -> int:
        return 5

    def match(self, entry: Entry) -> bool:
        venue = entry.venue
        if venue is None:
            return False
        if venue.casefold() in self.lookup:
            return True
        written = entry.venue_as_written
        return written is not None and written.casefold() in self.lookup

    def index_keys(self, entry: Entry) -> Iterable[Hashable]:
        return {v.casefold() for v in (entry.venue, entry.venue_as_written) if v}


@dataclass(frozen=True)
class YearTerm(Term):
    """``year``: the year lies in one of the inclusive ranges ``(low, high)``.

    ``None`` as a bound means "open"; the ranges are sorted, merged and disjoint.
    """

    values: tuple[tuple[int | None, int | None], ...]

    def cost(self) -> int:
        return 2

    indexed: ClassVar[bool] = True

    def match(self, entry: Entry) -> bool:
        year = entry.year
        return year is not None and self.match_year(year)

    def match_year(self, year: int) -> bool:
        """Whether *year* lies in one of the ranges."""
        for low, high in self.values:
            if (low is None or year >= low) and (high is None or year <= high):
                return True
        return False

    def index_keys(self, entry: Entry) -> Iterable[Hashable]:
        return () if entry.year is None else (entry.year,)

    def wanted(self, keys: Iterable[Hashable]) -> Iterable[Hashable]:
        return [year for year in keys if self.match_year(year)]  # type: ignore[arg-type]

    def render_values(self) -> list[str]:
        out = []
        for low, high in self.values:
            if low is not None and low == high:
                out.append(str(low))
            elif high is not None and high < 0:  # from "<0"
                out.append("<0")
            elif low is not None and low > _MAX_YEAR:  # from ">9999"
                out.append(f">{_MAX_YEAR}")
            else:
                out.append(f"{'' if low is None else low}..{'' if high is None else high}")
        return out


@dataclass(frozen=True)
class PathTerm(Term):
    """``path``: one of the entry's categories is a value or a sub-category of one."""

    def cost(self) -> int:
        return 4

    indexed: ClassVar[bool] = True

    def match(self, entry: Entry) -> bool:
        return any(
            category_matches(category.lower(), wanted)
            for category in entry.__dict__[self.attr]
            for wanted in self.values
        )

    def index_keys(self, entry: Entry) -> Iterable[Hashable]:
        keys: set[str] = set()  # each path and every ancestor
        for category in entry.__dict__[self.attr]:
            parts = category.lower().split("/")
            keys.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        return keys


@dataclass(frozen=True)
class ContainsTerm(Term):
    """``contains``: a value is part of one of the field's values (both case-folded)."""

    def match(self, entry: Entry) -> bool:
        value = entry.__dict__[self.attr]
        for item in value if isinstance(value, tuple) else (value,) if value else ():
            name = item.casefold()
            for part in self.values:
                if part in name:
                    return True
        return False


@dataclass(frozen=True)
class LangTerm(Term):
    """``lang``: the language tag is a value or starts with a value and ``-``."""

    prefixes: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def cost(self) -> int:
        return 4

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefixes", tuple(f"{value}-" for value in self.values))

    def match(self, entry: Entry) -> bool:
        lang = entry.__dict__[self.attr]
        if lang is None:
            return False
        lang = lang.lower()
        return lang in self.values or lang.startswith(self.prefixes)


@dataclass(frozen=True)
class TextTerm(Term):
    """A phrase (``values == (phrase,)``, case-folded) found in the fields bare words
    search (title, authors, summary)."""

    def cost(self) -> int:
        return 6

    @property
    def many(self) -> bool:
        return True

    def match(self, entry: Entry) -> bool:
        return self.match_text(haystack(entry))

    def match_text(self, text: str) -> bool:
        """Whether the phrase occurs in *text*, as made by :func:`haystack`."""
        return self.values[0] in text

    def render(self) -> str:
        sign = "-" if self.negated else ""
        phrase = self.values[0]
        bare = phrase and not any(c.isspace() or c == _QUOTE for c in phrase)
        if bare and not phrase.startswith("-") and not _looks_like_field(phrase):
            return sign + phrase
        return sign + _quoted(phrase)


def haystack(entry: Entry) -> str:
    """The case-folded text a phrase is searched in; the parts are kept apart by newlines."""
    parts: list[str] = []
    for spec in WORDS:
        parts.extend(spec.strings(entry))
    return "\n".join(parts).casefold()


#: Match kind (a field's ``filter.match``) -> term class.
TERMS: dict[str, type[Term]] = {
    "exact": SetTerm,
    "lower": SetTerm,
    "venue": VenueTerm,
    "year": YearTerm,
    "path": PathTerm,
    "contains": ContainsTerm,
    "lang": LangTerm,
}
_FIELD_ORDER = {name: index for index, name in enumerate(FILTERS)}


# -- the compiled filter -------------------------------------------------------------------


class Filter:
    """A compiled filter: call it on an entry, or :meth:`select` from a sequence of them.

    ``text`` is the source; ``terms`` the terms in evaluation order (deduplicated, cheapest
    field first); ``fields_used`` the names of the fields the terms test (not counting
    phrases). Two filters are equal when their normalised terms are, whatever their text.
    """

    __slots__ = ("fields_used", "terms", "text")

    def __init__(self, text: str, terms: Iterable[Term]) -> None:
        self.text = text
        self.terms: tuple[Term, ...] = tuple(sorted(set(terms), key=Term.order))
        self.fields_used: frozenset[str] = frozenset(
            t.field_name for t in self.terms if t.field_name
        )

    def __reduce__(self) -> tuple[type[Filter], tuple[str, tuple[Term, ...]]]:
        return Filter, (self.text, self.terms)

    def __call__(self, entry: Entry) -> bool:
        text: str | None = None
        for term in self.terms:
            if isinstance(term, TextTerm):
                if text is None:
                    text = haystack(entry)
                matched = term.match_text(text)
            else:
                matched = term.match(entry)
            if matched == term.negated:
                return False
        return True

    def select(self, entries: Sequence[Entry]) -> list[Entry]:
        """The entries the filter matches, in their given order."""
        if not self.terms:
            return list(entries)
        return [entry for entry in entries if self(entry)]

    @property
    def matches_all(self) -> bool:
        """Whether the filter has no terms (and so keeps every entry)."""
        return not self.terms

    @property
    def normalised(self) -> str:
        """Filter text equivalent to this filter; it compiles to an equal filter."""
        return " ".join(term.render() for term in self.terms)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Filter):
            return NotImplemented
        return self.terms == other.terms

    def __hash__(self) -> int:
        return hash(self.terms)

    def __repr__(self) -> str:
        return f"Filter({self.normalised!r})"


# -- parsing -------------------------------------------------------------------------------


@dataclass
class _Value:
    """A value as written: its text (quotes removed) and the 1-based column where it starts."""

    text: str
    column: int
    quoted: bool = False


@dataclass
class _RawTerm:
    """A term as written: ``name`` is ``None`` for a phrase, whose one value is the phrase."""

    negated: bool
    name: str | None
    values: list[_Value]
    column: int


class _Scanner:
    """Splits filter text into :class:`_RawTerm` objects, one pass, left to right."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> FilterError:
        return FilterError(message, (self.pos if pos is None else pos) + 1)

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def at_space(self) -> bool:
        return self.pos < len(self.text) and self.text[self.pos].isspace()

    def skip_space(self) -> None:
        while self.at_space():
            self.pos += 1

    def terms(self) -> Iterator[_RawTerm]:
        """The terms from left to right; errors are raised as the scan reaches them."""
        self.skip_space()
        while not self.at_end():
            term = self.term()
            if not self.at_end() and not self.at_space():
                raise self.error(f"unexpected {self.peek()!r}; terms are separated by spaces")
            yield term
            self.skip_space()

    def term(self) -> _RawTerm:
        start = self.pos
        negated = self.peek() == "-"
        if negated:
            self.pos += 1
            if self.at_end() or self.at_space():
                raise self.error("'-' must be followed by a term to exclude", start)
            if self.peek() == "-":
                raise self.error(
                    "a term can be negated only once; quote a phrase that starts with '-'"
                )
        name_end = self.field_name_end()
        if name_end is None:
            return _RawTerm(negated, None, [self.phrase()], start + 1)
        name_column = self.pos + 1
        name = self.text[self.pos : name_end].lower()
        if name not in FIELDS:
            hint = did_you_mean(name, FIELDS)
            quote = f'; to search for the text, put it in quotes: "{name}:…"' if not hint else ""
            raise FilterError(
                f"unknown filter field {name!r}{hint or quote} (fields: {', '.join(FIELDS)})",
                name_column,
            )
        self.pos = name_end + 1  # past the colon
        values = [self.value(name)]
        while self.peek() == ",":
            self.pos += 1
            values.append(self.value(name))
        return _RawTerm(negated, name, values, start + 1)

    def field_name_end(self) -> int | None:
        """The position of the ``:`` ending a field name at the current position, if any."""
        text, pos = self.text, self.pos
        if pos >= len(text) or not (text[pos].isascii() and text[pos].isalpha()):
            return None
        while (
            pos < len(text) and text[pos].isascii() and (text[pos].isalnum() or text[pos] in "_-")
        ):
            pos += 1
        return pos if pos < len(text) and text[pos] == ":" else None

    def phrase(self) -> _Value:
        start = self.pos
        if self.peek() == _QUOTE:
            text = self.quoted()
            phrase = " ".join(text.split())
            if not phrase:
                raise self.error("empty phrase in quotes", start)
            return _Value(phrase, start + 1, quoted=True)
        while not self.at_end() and not self.at_space():
            if self.peek() == _QUOTE:
                raise self.error(
                    "a quote may only start a term or a value; put the whole phrase in quotes"
                )
            self.pos += 1
        return _Value(self.text[start : self.pos], start + 1)

    def value(self, name: str) -> _Value:
        start = self.pos
        if self.peek() == _QUOTE:
            text = self.quoted().strip()
            if not text:
                raise self.error(f"empty value for {name!r}", start)
            if not self.at_end() and not self.at_space() and self.peek() != ",":
                raise self.error("expected ',' or a space after the closing quote")
            return _Value(text, start + 1, quoted=True)
        while not self.at_end() and not self.at_space() and self.peek() != ",":
            if self.peek() == _QUOTE:
                raise self.error("a quote may only start a value; put the whole value in quotes")
            self.pos += 1
        if self.pos == start:
            if start > 0 and self.text[start - 1] == ",":
                raise self.error(f"empty value in the list of {name!r} values", start)
            raise self.error(f"{name!r} needs a value after ':'", start)
        return _Value(self.text[start : self.pos], start + 1)

    def quoted(self) -> str:
        """The text of the quoted string at the current position, escapes resolved."""
        start = self.pos
        self.pos += 1
        chars: list[str] = []
        while not self.at_end():
            char = self.text[self.pos]
            if char == _QUOTE:
                self.pos += 1
                return "".join(chars)
            if char == "\\" and self.text[self.pos + 1 : self.pos + 2] in _ESCAPABLE:
                self.pos += 1
                char = self.text[self.pos]
            chars.append(char)
            self.pos += 1
        raise self.error("unterminated quote", start)


def _looks_like_field(word: str) -> bool:
    return _Scanner(word).field_name_end() is not None


def _quoted(text: str) -> str:
    return _QUOTE + text.replace("\\", "\\\\").replace(_QUOTE, "\\" + _QUOTE) + _QUOTE


def _quote_value(text: str) -> str:
    if text and not any(c.isspace() or c in ',"' for c in text):
        return text
    return _quoted(text)


def _parse_year(value: _Value) -> tuple[int | None, int | None]:
    """The inclusive range ``(low, high)`` of one ``year:`` value."""
    text = value.text.strip()

    def number(part: str) -> int:
        part = part.strip()
        if not part or len(part) > _YEAR_DIGITS or not (part.isascii() and part.isdigit()):
            raise FilterError(
                f"bad year {value.text!r}: expected a year such as 2020, a comparison such as "
                f">=2020 or a range such as 2019..2022",
                value.column,
            )
        return int(part)

    for operator in (">=", "<=", ">", "<", "="):
        if text.startswith(operator):
            year = number(text[len(operator) :])
            bounds: dict[str, tuple[int | None, int | None]] = {
                ">=": (year, None),
                "<=": (None, year),
                ">": (year + 1, None),
                "<": (None, year - 1),
                "=": (year, year),
            }
            return bounds[operator]
    if ".." in text:
        first, _, last = text.partition("..")
        low = number(first) if first.strip() else None
        high = number(last) if last.strip() else None
        if low is not None and high is not None and low > high:
            message = f"empty year range {value.text!r}: {low} is after {high}"
            raise FilterError(message, value.column)
        return low, high
    year = number(text)
    return year, year


def _merge_ranges(
    ranges: Iterable[tuple[int | None, int | None]],
) -> tuple[tuple[int | None, int | None], ...]:
    """Sorted, disjoint, non-adjacent ranges covering the same years as *ranges*."""
    ordered = sorted(ranges, key=lambda r: -1 if r[0] is None else r[0])
    merged: list[tuple[int | None, int | None]] = []
    for low, high in ordered:
        if merged:
            last_low, last_high = merged[-1]
            # open lows sort first, so a range with an open low always overlaps the last one
            if last_high is None or low is None or low <= last_high + 1:
                top = None if last_high is None or high is None else max(last_high, high)
                merged[-1] = (last_low, top)
                continue
        merged.append((low, high))
    return tuple(merged)


def _value(spec_name: str, match: str, value: _Value, venues: VenueList | None) -> str:
    """One written value of a field, normalised as the field's match kind compares it."""
    text = " ".join(value.text.split())
    spec = FILTERS[spec_name]
    if match == "exact":
        return text
    if match == "venue":
        return ((venues.normalise(text) if venues is not None else None) or text).casefold()
    if match == "path":
        category = text.strip("/").lower()
        if not category:
            raise FilterError(f"empty category {text!r}", value.column)
        return category
    if match == "contains":
        return text.casefold()
    lowered = text.lower()  # lower, lang
    if isinstance(spec.type, Choice) and lowered not in spec.type.choices:
        choices = spec.type.choices
        message = f"unknown {spec_name} {text!r}{did_you_mean(lowered, choices)}"
        raise FilterError(f"{message} ({spec_name}s: {', '.join(choices)})", value.column)
    return lowered


def _build(raw: _RawTerm, venues: VenueList | None) -> Term:
    """The :class:`Term` of one written term, with its values checked and normalised."""
    if raw.name is None:
        return TextTerm("", (" ".join(raw.values[0].text.split()).casefold(),), raw.negated)
    name = raw.name
    match = FILTERS[name].filter.match  # type: ignore[union-attr]
    if match == "year":
        return YearTerm(name, _merge_ranges(_parse_year(v) for v in raw.values), raw.negated)
    values = tuple(sorted({_value(name, match, value, venues) for value in raw.values}))
    if match in ("exact", "lower"):
        return SetTerm(name, values, raw.negated, lower=match == "lower")
    return TERMS[match](name, values, raw.negated)


def compile_filter(text: str, venues: VenueList | None = None) -> Filter:
    """Compile filter *text*; *venues* normalises ``venue:`` values (``NIPS`` -> ``NeurIPS``).

    Empty or blank text gives a filter that matches every entry. Raises :class:`FilterError`
    on a syntax error, an unknown field or a bad value; nothing else.
    """
    raw_terms = _Scanner(text).terms()
    return Filter(text, (_build(raw, venues) for raw in raw_terms))

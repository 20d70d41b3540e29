"""Problems found in entry files, shared by the Sphinx build and ``sphinx-awesome check``.

Every problem has a stable code (shown by ``check``), a warning subtype (used by Sphinx, so
``suppress_warnings = ["awesome.unknown-field"]`` silences one kind) and a severity:
``error``, ``warning``, ``info`` or ``off``. :data:`DEFAULT_SEVERITY` says which; the
``awesome_checks`` setting changes it per code or subtype, for the build and ``check`` alike.
What would mislead a reader (a wrong venue, the same work twice, a broken link) is a
warning by default, so a ``-W`` build fails on it; what only tidies the list is ``info``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum


class Code(Enum):
    """Problem codes: ``(code, warning subtype, one-line description)``."""

    YAML = ("AW101", "yaml", "the file is not valid YAML or not UTF-8")
    STRUCTURE = ("AW102", "structure", "the file is empty, or not a mapping or a list of mappings")
    UNSAFE = ("AW103", "unsafe", "a YAML tag that would construct an object, or an alias bomb")
    MISSING_FILE = ("AW104", "missing-file", "an entry file or pattern that matches nothing")
    OUTSIDE_SRCDIR = (
        "AW105",
        "outside-srcdir",
        "an entry file that resolves outside the source directory; skipped",
    )
    CONFIG = ("AW106", "config", "an awesome_* setting of the wrong type, or with a bad item")
    NO_TITLE = ("AW110", "no-title", "an entry without a title; it is skipped")
    BAD_ID = ("AW111", "bad-id", "an id that is not a slug; it is replaced or the entry skipped")
    UNKNOWN_FIELD = ("AW120", "unknown-field", "a field the entry format does not know")
    WRONG_TYPE = ("AW121", "wrong-type", "a field whose value has the wrong type")
    BAD_DATE = ("AW122", "bad-date", "a date that is not YYYY-MM-DD or YYYY-MM")
    BAD_URL = ("AW123", "bad-url", "a link that is not http(s) or a known id; never linked")
    BAD_VALUE = ("AW124", "bad-value", "a value outside the allowed set (kind, slug, label)")
    DUPLICATE_ID = ("AW130", "duplicate-id", "two entries with the same id; the later is skipped")
    UNKNOWN_VENUE = ("AW140", "unknown-venue", "a venue that is not in the venue list")
    UNKNOWN_CATEGORY = ("AW141", "unknown-category", "a category missing from awesome_categories")
    VENUE_ALIAS = ("AW142", "venue-alias", "a venue written as an alias (NIPS for NeurIPS)")
    DUPLICATE_URL = ("AW150", "duplicate-url", "two entries link to the same normalised URL")
    DUPLICATE_DOI = ("AW151", "duplicate-doi", "two entries carry the same DOI")
    DUPLICATE_ARXIV = ("AW152", "duplicate-arxiv", "two entries carry the same arXiv id")
    DUPLICATE_TITLE = ("AW153", "duplicate-title", "two entries with near-identical titles")
    INSECURE_URL = ("AW160", "insecure-url", "a plain http:// link where https exists")
    DEAD_LINK = ("AW161", "dead-link", "--links: a link answering 4xx or 5xx, or not at all")
    REDIRECTED_LINK = ("AW162", "redirected-link", "--links: a link moved permanently (301, 308)")
    UNVERIFIED_LINK = ("AW163", "unverified-link", "--links: refused by its server (401, 403, 429)")
    UNPARSED = (
        "AW201",
        "unparsed",
        "import: a line of the list that could not be read as an entry",
    )
    IMPORT_DUPLICATE = (
        "AW202",
        "import-duplicate",
        "import: an entry listed twice; merged into one",
    )
    IMPORT_LINK = (
        "AW203",
        "import-link",
        "import: a link that was dropped (not http(s), or a second link with one label)",
    )

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def subtype(self) -> str:
        return self.value[1]

    @property
    def description(self) -> str:
        return self.value[2]

    @classmethod
    def find(cls, name: str) -> Code | None:
        """The code named by its code (``AW140``) or its subtype (``unknown-venue``)."""
        wanted = name.strip()
        for code in cls:
            if wanted.upper() == code.code or wanted.lower() == code.subtype:
                return code
        return None


SEVERITIES = ("error", "warning", "info", "off")
#: The severities that count as problems (a -W build fails, ``check`` exits 1).
COUNTED = ("error", "warning")
#: Codes that are not warnings by default: tidying, not misleading.
DEFAULT_SEVERITY: dict[Code, str] = {
    Code.VENUE_ALIAS: "info",  # shown normalised: the reader sees the canonical name
    Code.INSECURE_URL: "info",  # the link works; https is better
    Code.UNVERIFIED_LINK: "info",  # the server refuses robots: a person may still read it
}


def severity(code: Code, chosen: Mapping[Code, str] | None = None) -> str:
    """The severity of *code*: as *chosen* (``awesome_checks``), else its default."""
    if chosen and code in chosen:
        return chosen[code]
    return DEFAULT_SEVERITY.get(code, "warning")


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at a place in an entry file (``line`` and ``column`` are 1-based)."""

    code: Code
    message: str
    path: str
    line: int = 1
    column: int = 1
    #: Other files the problem involves (the first of two duplicates).
    others: tuple[str, ...] = field(default=(), compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code.code, self.message)

    def format(self, level: str = "warning") -> str:
        """``path:line:col: CODE message``; a severity other than warning is named."""
        shown = "" if level == "warning" else f"{level}: "
        return f"{self.path}:{self.line}:{self.column}: {self.code.code} {shown}{self.message}"

    def involves(self, paths: Container[str]) -> bool:
        return self.path in paths or any(other in paths for other in self.others)


def did_you_mean(
    word: str, choices: Iterable[str], *, cutoff: float = 0.6, shown: Callable[[str], str] = repr
) -> str:
    """`` (did you mean 'year'?)`` for the choice closest to *word*, or ``""``: the one
    phrasing of every suggestion the extension and the command make."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return suggestion(match[0], shown) if match else ""


def suggestion(choice: str | None, shown: Callable[[str], str] = repr) -> str:
    """`` (did you mean 'year'?)`` for a suggested *choice*, ``""`` for none."""
    return f" (did you mean {shown(choice)}?)" if choice else ""


class TextError(ValueError):
    """The text of an option (a filter, a sort) that cannot be read.

    ``message`` says what is wrong; ``column`` is the 1-based offset in the text where the
    problem is (one past the end for "missing" problems at the end of the text).
    """

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message, column)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return f"{self.message} (column {self.column})"

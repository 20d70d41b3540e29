"""Property tests: the entry loader never raises on any text or YAML structure; it only
returns entries that satisfy the contract and problems that point into the file."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sphinx_awesome.entries import (
    CATEGORY_RE,
    FIELDS,
    ID_RE,
    KINDS,
    LINK_LABELS,
    LoadResult,
    link_url,
    load_text,
)
from sphinx_awesome.problems import Problem
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> LoadResult:
    """Load *text* and check every invariant of the result."""
    result = load_text(text, "prop.yaml", default_id="stem", venues=VENUES)
    assert isinstance(result, LoadResult)
    # YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
    last_line = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 2
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.path == "prop.yaml"
        assert 1 <= problem.line <= last_line
        assert problem.column >= 1
        assert problem.message and "\n" not in problem.message
    for entry in result.entries:
        assert ID_RE.match(entry.id)
        assert entry.title and entry.title == " ".join(entry.title.split())
        assert entry.kind in KINDS
        assert entry.year is None or 1000 <= entry.year <= 9999
        # Tags should be slugs; "a/b" is currently read as "a/b" (an xfail in test_entries).
        assert all(CATEGORY_RE.match(tag) for tag in entry.tags)
        assert all(CATEGORY_RE.match(category) for category in entry.categories)
        for link in entry.links:
            assert link.url is None or link.url.lower().startswith(("https://", "http://"))
        assert entry.path == "prop.yaml"
        assert entry.line >= 1
        entry.as_dict()  # always representable
    return result


# -- arbitrary text ------------------------------------------------------------------------------


@SETTINGS
@given(st.text())
@example("")
@example("\ufeff")
@example("\x00")
@example("\ud800")
@example("- - - -")
@example("&a [*a]")
@example("? ? ? x")
@example("title: x\n" + "  " * 50 + "y")
def test_any_text(text: str) -> None:
    check(text)


FRAGMENTS = [
    *FIELDS,
    *LINK_LABELS,
    "title: ",
    "id: ",
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n    ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!binary ",
    "? ",
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "~",
    "null",
    "true",
    "2020",
    "2020-05",
    "2020-05-17",
    "1e9",
    "0x10",
    "https://example.org/",
    "javascript:alert(1)",
    "10.1/x",
    "2201.12023",
    "NIPS'21",
    "Eurosys",
    "zh",
    "a/b",
    "<script>",
    "\t",
    "é",
    "大",
]


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=40).map("".join))
@example("0:\x850")  # found by hypothesis: NEL is a YAML line break
def test_yaml_like_text(text: str) -> None:
    check(text)


# -- arbitrary YAML structures -------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    # dates before 1000 give a three-digit year: an xfail in test_entries
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.datetimes(min_value=dt.datetime(1000, 1, 1)),
    st.sampled_from(["https://example.org/x", "javascript:alert(1)", "10.1145/1.2", "NIPS", "zh"]),
)
structures = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(FIELDS) | st.integers(), children, max_size=5
        )
    ),
    max_leaves=25,
)
field_values = st.dictionaries(st.sampled_from(FIELDS), structures, max_size=len(FIELDS))


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(structures)
def test_any_yaml_structure(data: object) -> None:
    check(dump(data))


@SETTINGS
@given(st.one_of(field_values, st.lists(field_values, max_size=4)))
def test_any_field_values(data: dict | list) -> None:
    check(dump(data))


@SETTINGS
@given(
    title=st.text(min_size=1).filter(lambda t: t.strip()),
    others=st.dictionaries(
        st.sampled_from([f for f in FIELDS if f not in ("title", "id")]), structures
    ),
)
def test_an_entry_with_a_text_title_is_never_dropped(title: str, others: dict) -> None:
    """Bad values of other fields warn; the entry is skipped only without a usable title/id."""
    result = check(dump({"title": title, **others}))
    assert [e.title for e in result.entries] == [" ".join(title.split())]


@SETTINGS
@given(structures)
def test_loading_is_deterministic(data: object) -> None:
    text = dump(data)
    first, second = check(text), check(text)
    assert first.entries == second.entries
    assert first.problems == second.problems


@SETTINGS
@given(
    st.sampled_from(["!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!str"]),
    st.text(max_size=12),
    st.sampled_from(["title", "year", "date", "added", "summary", "lang", "venue"]),
)
@example("!!bool", "maybe", "year")
@example("!!int", "", "title")
@example("!!timestamp", "x", "date")
def test_tagged_core_scalars_never_raise(tag: str, value: str, field: str) -> None:
    text = f"{field}: {tag} {yaml.safe_dump(value).splitlines()[0]}\n"
    if field != "title":
        text = "title: X\n" + text
    check(text)


# -- links ---------------------------------------------------------------------------------------


@SETTINGS
@given(st.sampled_from(LINK_LABELS), st.text())
@example("paper", "javascript:alert(1)")
@example("doi", "javascript:10.1234/x")
@example("arxiv", "javascript:2201.12023")
def test_link_urls_are_only_ever_http(label: str, value: str) -> None:
    url = link_url(label, value)
    assert url is None or url.lower().startswith(("http://", "https://"))

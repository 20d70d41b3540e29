"""Exports are escaped per format and read back by a real parser: Markdown through
markdown-it-py with HTML on (no element, image or non-http(s) link comes from an entry),
CSV through the csv module (every cell comes back as written)."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sphinx_awesome.cli.exporters import export_csv, export_markdown
from sphinx_awesome.entries import Entry, Link, link_url
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

HOSTILE = [
    "x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[a](b) **c** `d` <e> | f",
    '=HYPERLINK("https://evil")',
    "line\\nbreak \\\\ back ]( slash",
]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from("[]()<>`*_|\\!#&=\"'-"),
    min_size=1,
    max_size=25,
).filter(lambda s: s.strip())


def entry(i: int, text: str) -> Entry:
    url = "https://example.org/x?a=(1)&b=<2>"
    return Entry(
        id=f"e{i}",
        title=f"{text} {i}",
        authors=(text, "Ada Lovelace"),
        venue=text,
        venue_as_written=text,
        year=2020,
        links=(
            Link(text, url, link_url(text, url)),
            Link("paper", "https://e.org/p", "https://e.org/p"),
        ),
        summary=text,
    )


def check_markdown(markdown: str) -> None:
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(markdown)
    stack = list(tokens)
    while stack:
        token = stack.pop()
        stack.extend(token.children or ())
        if token.type == "html_block":
            assert token.content.lstrip().startswith("<!--"), token.content
        elif token.type == "html_inline":
            assert token.content in ("</a>",) or token.content.startswith('<a id="e'), token.content
        elif token.type == "image":
            raise AssertionError(f"an image from an entry: {token}")
        elif token.type == "link_open":
            href = token.attrs["href"]
            assert str(href).startswith(("https://", "http://", "#")), href


def test_hostile_texts_in_markdown() -> None:
    entries = [entry(i, text) for i, text in enumerate(HOSTILE)]
    for style in ("table", "list"):
        check_markdown(
            export_markdown(
                entries, tree=None, venues=VenueList(BUILTIN_VENUES), title=HOSTILE[1], style=style
            )
        )


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5), st.sampled_from(["table", "list"]))
def test_random_texts_in_markdown(texts: list[str], style: str) -> None:
    entries = [entry(i, text) for i, text in enumerate(texts)]
    check_markdown(
        export_markdown(
            entries, tree=None, venues=VenueList(BUILTIN_VENUES), title=texts[0], style=style
        )
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_random_texts_in_csv_come_back_as_written(texts: list[str]) -> None:
    entries = [entry(i, text) for i, text in enumerate(texts)]
    rows = list(csv.reader(io.StringIO(export_csv(entries).removeprefix("\ufeff"), newline="")))
    header, body = rows[0], rows[1:]
    for row, item in zip(body, sorted(entries, key=lambda e: e.id), strict=True):
        cells = dict(zip(header, row, strict=True))
        expected = item.title
        if expected[:1] in ("=", "+", "-", "@", "\t", "\r"):  # never run as a formula
            expected = "'" + expected
        assert (cells["id"], cells["title"]) == (item.id, expected)

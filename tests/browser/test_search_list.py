"""The book's search page serves the list: entries by title with their kind, list pages by
the entries' authors and by part of a Chinese name, and list results before guide pages."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

GUIDE = "guide/"


def results(page, book_url: str, query: str) -> list[tuple[str, str]]:
    """(href, text) of every result, in the order shown."""
    page.goto(f"{book_url}search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && !s.textContent.includes('Preparing'); }"
    )
    items = page.locator("#search-results ul.search li")
    return [
        (
            items.nth(i).locator("a").first.get_attribute("href") or "",
            " ".join(items.nth(i).inner_text().split()),
        )
        for i in range(items.count())
    ]


@pytest.mark.parametrize(
    ("query", "entry", "kind"),
    [
        ("Alpa", "alpa", "paper"),
        ("Colfax", "colfax-research", "site"),
        ("分布", "llm-parallelism-zhihu", "post"),  # part of a Chinese title
    ],
)
def test_entries_are_found_with_their_kind(page, book_url, query, entry, kind) -> None:
    found = results(page, book_url, query)
    href, text = found[0]
    assert f"#paper-{entry}" in href, found
    assert f"({kind}, in " in text


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("Lianmin", "alpa"),  # authors: hidden in the section's table
        ("Stoica", "alpa"),
        ("果冻", "llm-parallelism-zhihu"),  # two characters of the author "吃果冻不吐果冻皮"
    ],
)
def test_list_pages_are_found_by_hidden_fields(page, book_url, query, entry) -> None:
    found = results(page, book_url, query)
    assert found, f"nothing found for {query!r}"
    href, _text = found[0]
    assert href.startswith("list/distributed.html"), found
    page.goto(book_url + href.split("#")[0])
    assert page.locator(f"tr#paper-{entry}").count() == 1


def test_list_results_come_before_guide_pages(page, book_url) -> None:
    found = results(page, book_url, "Alpa")
    hrefs = [href for href, _ in found]
    assert "#paper-alpa" in hrefs[0]  # the entry itself
    first_guide = next(i for i, h in enumerate(hrefs) if h.startswith(GUIDE))
    list_pages = [i for i, h in enumerate(hrefs) if h.startswith("list/distributed")]
    assert list_pages and max(list_pages) < first_guide, found

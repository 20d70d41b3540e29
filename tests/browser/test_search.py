"""Entries are found by Sphinx's own search page and its results land on the entry's row."""

from __future__ import annotations

from urllib.parse import quote, urljoin

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "row_id"),
    [
        ("Alpa", "paper-alpa"),  # one word of a title
        ("pipelined data parallel", "paper-dapple"),  # several words of DAPPLE's title
    ],
)
def test_search_result_links_to_the_row(page, book_url, query, row_id):
    page.goto(f"{book_url}search.html?q={quote(query)}")
    # The result may point at the row or at its title cell (the anchor Sphinx's search index
    # can carry unchanged); either way it must land inside the entry's row.
    result = page.locator(f"#search-results a[href*='#{row_id}']").first
    result.wait_for(state="attached")
    href = result.get_attribute("href") or ""
    anchor = href.split("#", 1)[-1]
    assert anchor in (row_id, f"{row_id}:title"), href

    page.goto(urljoin(page.url, href))
    row = page.locator(f"tr.awesome-row#{row_id}")
    assert row.count() == 1, f"{href} has no row with id {row_id}"
    assert row.is_visible()
    assert (
        page.evaluate(f"document.getElementById('{anchor}').closest('tr.awesome-row')?.id")
        == row_id
    )
    # The jump target is highlighted by the stylesheet (tr:target or tr:has(> td:target)).
    assert row.evaluate("r => getComputedStyle(r).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )

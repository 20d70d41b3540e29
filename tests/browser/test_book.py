"""The book's own pages (docs/, sphinx-book-theme) as readers see them: light and dark, on a
desktop and a phone, no text cut off, no sideways page scroll, contrast, axe-core, no script
errors, and the row jumped to highlighted."""

from __future__ import annotations

import pytest
from checks import check_axe, check_contrast, check_fits, open_disclosures
from conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_book_pages(mode, size, book_url, list_pages, open_themed, axe_script):
    measured = 0
    for rel in list_pages:
        label = f"{rel} ({mode}, {size})"
        page = open_themed(book_url + rel, "sphinx_book_theme", mode, SIZES[size])
        boxed = page.locator(".awesome-filter-box:has(table.awesome-table)").count()
        assert page.locator(".awesome-tools").count() == boxed, label  # :filter-box: tables
        # The first indexed row as the jump target: it gets its own background.
        first_row = page.evaluate("document.querySelector('tr.awesome-row[id]')?.id || ''")
        if first_row:
            page.evaluate(f"location.hash = '#{first_row}'")
        if boxed:
            page.locator("input.awesome-filter-input").first.fill("a")
        open_disclosures(page)
        check_fits(page, label)
        measured += check_contrast(page, label)
        check_axe(page, axe_script, label)
        page.context.close()
    assert measured > 100, "hardly any table text was measured"


def test_list_pages_have_no_script_errors(page, book_url, list_pages, page_errors):
    for rel in list_pages:
        page.goto(book_url + rel)
        page.wait_for_load_state("load")
        for field in page.locator("input.awesome-filter-input").all():
            field.fill("year:>=2020 a")
            field.fill('"unterminated')
            field.fill("")
        for button in page.locator("button.awesome-sort").all()[:3]:
            button.click()
        assert not page_errors.errors, f"{rel}:\n" + "\n".join(page_errors.errors)


def test_target_row_is_highlighted(page, book_url, list_pages):
    for rel in list_pages:
        page.goto(book_url + rel)
        row_id = page.evaluate("document.querySelector('tr.awesome-row[id]')?.id")
        if row_id:
            break
    else:
        pytest.fail("no list page has a row with an id (every table is :no-index:?)")
    row = page.locator(f"#{row_id}")
    plain = row.evaluate("r => getComputedStyle(r).backgroundColor")
    page.evaluate(f"location.hash = '#{row_id}'")
    assert row.evaluate("r => getComputedStyle(r).backgroundColor") != plain

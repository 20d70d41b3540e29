"""List pages fit a phone, load without script errors, and show the row jumped to."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# The page scrolls sideways when the document is wider than the viewport; a wide table may
# still scroll inside its own wrapper. Also names the widest element, to make a failure useful.
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  let widest = null;
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && (!widest || right > widest.right)) {
      // Only count boxes that are not clipped by a scrolling ancestor.
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox !== "visible") { clipped = true; break; }
      }
      if (!clipped) widest = { right, what: el.tagName + "." + [...el.classList].join(".") };
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, widest };
}
"""


def test_list_pages_do_not_scroll_sideways_on_a_phone(new_page, book_url, list_pages):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    too_wide = []
    for rel in list_pages:
        page.goto(book_url + rel)
        m = page.evaluate(OVERFLOW_JS)
        if m["scrollWidth"] > m["innerWidth"]:
            too_wide.append(f"{rel}: {m['scrollWidth']}px > {m['innerWidth']}px ({m['widest']})")
    assert not too_wide, "pages wider than a 390px phone:\n" + "\n".join(too_wide)


def test_list_pages_have_no_script_errors(page, book_url, list_pages, page_errors):
    for rel in list_pages:
        page.goto(book_url + rel)
        page.wait_for_load_state("load")
        # Exercise the filter where there is one, so its handlers run too.
        for field in page.locator("input.awesome-filter-input").all():
            field.fill("a")
            field.fill("")
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


def test_mock_fits_a_phone_in_every_style(new_page, mock_url):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(mock_url)
    m = page.evaluate(OVERFLOW_JS)
    assert m["scrollWidth"] <= m["innerWidth"], m


def test_mock_cards_keep_the_header_for_screen_readers(page, mock_url):
    page.goto(mock_url)
    cards = page.locator(".awesome-style-cards table.awesome-table")
    assert cards.evaluate("t => getComputedStyle(t.tBodies[0]).display") == "grid"
    head = cards.locator("thead")
    # Visually hidden (1px, clipped) but not display:none, so it stays in the a11y tree.
    assert head.evaluate("h => getComputedStyle(h).display") != "none"
    assert head.bounding_box()["width"] <= 1

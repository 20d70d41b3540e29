"""The :filter-box: box narrows a table as one types, and without JavaScript nothing is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

JS = Path(__file__).resolve().parents[2] / "sphinx_awesome" / "static" / "awesome-filter.js"

# Counts visible rows and checks that every shown group heading has a shown row under it.
STATE_JS = """
(wrapper) => {
  const shown = (el) => !el.hidden && el.getClientRects().length > 0;
  const rows = [...wrapper.querySelectorAll("tr.awesome-row")];
  const orphans = [...wrapper.querySelectorAll("tr.awesome-group")].filter((group) => {
    if (!shown(group)) return false;
    for (let r = group.nextElementSibling; r && !r.classList.contains("awesome-group");
         r = r.nextElementSibling) if (shown(r)) return false;
    return true;
  });
  return {
    total: rows.length,
    visible: rows.filter(shown).length,
    orphanGroups: orphans.length,
    count: (wrapper.querySelector(".awesome-filter-count") || {}).textContent || "",
  };
}
"""


def state(wrapper):
    return wrapper.evaluate(STATE_JS)


def pick_word(strings: list[str]) -> tuple[str, int]:
    """A word from the search strings that matches some rows but not all: (word, matches)."""
    words = sorted({w for s in strings for w in re.findall(r"[a-z]{4,}", s)})
    for word in words:
        hits = sum(word in s for s in strings)
        if 0 < hits < len(strings):
            return word, hits
    pytest.fail("every word of the filter data matches every row; nothing to narrow")


def test_filter_box_narrows_and_restores(page, book_url, filter_pages):
    for rel in filter_pages:
        page.goto(book_url + rel)
        wrapper = page.locator(".awesome-paper-table:has(.awesome-filter)").first
        box = wrapper.locator(".awesome-filter")
        assert box.is_visible(), f"{rel}: the script did not show the filter box"
        data = wrapper.evaluate(
            "w => JSON.parse(w.querySelector('script.awesome-filter-data').textContent)"
        )
        before = state(wrapper)
        assert before["visible"] == before["total"] == len(data)

        word, hits = pick_word(data)
        field = wrapper.locator("input.awesome-filter-input")
        field.fill(word.upper())  # case does not matter
        after = state(wrapper)
        assert after["visible"] == hits < before["total"], f"{rel}: query {word!r}"
        entries = "entry" if before["total"] == 1 else "entries"
        assert after["count"] == f"{hits} of {before['total']} {entries}"
        assert after["orphanGroups"] == 0

        field.fill("")
        assert state(wrapper)["visible"] == before["total"]

        field.fill("zzzz-no-such-entry")
        assert state(wrapper)["visible"] == 0
        field.press("Escape")
        assert field.input_value() == ""
        assert state(wrapper)["visible"] == before["total"]


def test_without_javascript_every_row_is_shown(new_page, book_url, filter_pages, list_pages):
    page = new_page(java_script_enabled=False)
    for rel in sorted(set(filter_pages) | set(list_pages)):
        page.goto(book_url + rel)
        rows = page.locator("tr.awesome-row")
        visible = sum(rows.nth(i).is_visible() for i in range(rows.count()))
        assert visible == rows.count(), f"{rel}: rows hidden without JavaScript"
        # A box that could do nothing stays out of sight.
        assert page.locator(".awesome-filter:visible").count() == 0, rel


# -- the mock page: details of the script that the book may not exercise ----------------------


def test_mock_words_groups_and_diacritics(page, mock_url):
    page.goto(mock_url)
    wrapper = page.locator(".awesome-paper-table").first
    field = wrapper.locator("input.awesome-filter-input")
    field.fill("pipe  DAT")  # every word must occur, in any case, spacing ignored
    assert state(wrapper) == {
        "total": 7,
        "visible": 1,
        "orphanGroups": 0,
        "count": "1 of 7 entries",
    }
    assert wrapper.locator("tr.awesome-group:visible").all_inner_texts() == ["2021"]
    field.fill("narayanán")  # accents are ignored on both sides
    assert state(wrapper)["visible"] == 2
    field.fill("")
    assert state(wrapper)["count"] == ""
    assert page.locator("tr.awesome-group:visible").count() == 3 + 2  # two tables have groups


def test_mock_cards_hide_filtered_rows(page, mock_url):
    page.goto(mock_url)
    cards = page.locator(".awesome-style-cards").first
    cards.locator("input.awesome-filter-input").fill("narayanan")
    assert state(cards)["visible"] == 1
    # The hidden attribute still wins over the cards' display:flex.
    assert (
        cards.locator("tr.awesome-row[hidden]").first.evaluate("r => getComputedStyle(r).display")
        == "none"
    )


def test_mock_falls_back_to_row_text(page, mock_url):
    """Malformed or missing filter data: the row's own text is searched, and no error."""
    page.goto(mock_url)
    page.evaluate(
        """() => {
          const original = document.querySelector(".awesome-paper-table");
          for (const broken of ["{not json", null]) {
            const copy = original.cloneNode(true);
            copy.removeAttribute("data-awesome-filter-ready");
            copy.classList.add("copy");
            copy.querySelector(".awesome-filter").hidden = true;
            const script = copy.querySelector("script.awesome-filter-data");
            if (broken === null) script.remove(); else script.textContent = broken;
            document.body.append(copy);
          }
        }"""
    )
    page.add_script_tag(path=str(JS))  # sets up only the new, not-yet-ready copies
    for copy in page.locator(".awesome-paper-table.copy").all():
        field = copy.locator("input.awesome-filter-input")
        field.fill("minjie")  # an author: in the filter data, not in the table's columns
        assert state(copy)["visible"] == 0
        field.fill("Dataflow EuroSys")
        assert state(copy)["visible"] == 1
    original = page.locator(".awesome-paper-table").first
    original.locator("input.awesome-filter-input").fill("minjie")
    assert state(original)["visible"] == 1  # intact data is used, and set up only once


def test_mock_jump_to_a_filtered_out_row_clears_the_filter(page, mock_url):
    page.goto(mock_url)
    wrapper = page.locator(".awesome-paper-table").first
    field = wrapper.locator("input.awesome-filter-input")
    field.fill("unity")
    assert not page.locator("#paper-dapple").is_visible()
    page.evaluate("location.hash = '#%E0%A4%A'")  # a malformed escape is no error
    page.evaluate("location.hash = '#paper-dapple'")
    page.locator("#paper-dapple").wait_for(state="visible")
    assert field.input_value() == ""
    assert state(wrapper)["visible"] == state(wrapper)["total"]

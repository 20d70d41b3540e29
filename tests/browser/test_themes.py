"""The reader's table in every supported theme, light and dark, on a desktop and a phone.

tests/roots/test-themes is built once per theme. Each page is checked as a reader leaves it:
a query typed, a facet chip pressed, the more chips shown, a "Cite", an "et al." and a
summary opened; and again with a bad query (its message is text to read too). In each state:
no text is cut off, the page never scrolls sideways (a wide table scrolls in its own box),
text contrast is at least 4.5:1, and axe-core finds no serious or critical violation in the
tables (the themes' own chrome is not ours to fix).
"""

from __future__ import annotations

import pytest
from checks import check_axe, check_contrast, check_fits, open_disclosures
from conftest import DESKTOP, PHONE, THEMES

pytestmark = pytest.mark.browser

PAGES = ("index.html", "grouped.html")
SIZES = {"desktop": DESKTOP, "phone": PHONE}


def use_the_table(page) -> None:
    """Type a query, press a facet chip, show every chip and open the disclosures."""
    wrapper = page.locator(".awesome-paper-table").first
    facets = wrapper.locator("details.awesome-facets")
    if not facets.evaluate("d => d.open"):
        facets.locator("summary").click()
    wrapper.locator("input.awesome-filter-input").fill("year:>=2019")
    wrapper.locator("button.awesome-facet-chip:visible").first.click()
    for more in wrapper.locator("button.awesome-facet-more:visible").all():
        more.click()
    open_disclosures(page)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_theme(theme, mode, size, theme_site, serve_dir, open_themed, axe_script):
    base = serve_dir(theme_site(theme))
    for name in PAGES:
        label = f"{theme} {mode} {size} {name}"
        page = open_themed(base + name, theme, mode, SIZES[size])
        tables = page.locator(".awesome-paper-table").count()
        assert tables >= 1 and page.locator(".awesome-tools").count() == tables, label
        use_the_table(page)
        assert page.locator("button.awesome-facet-chip[aria-pressed=true]").count() == 1, label
        assert check_fits(page, label) > 40
        assert check_contrast(page, label) > 40
        check_axe(page, axe_script, label, include=".awesome-paper-table")

        page.locator("input.awesome-filter-input").first.fill('year:>= tag:"x')
        error = page.locator(".awesome-filter-error").first
        assert error.is_visible(), label
        check_fits(page, label + " (bad query)")
        check_contrast(page, label + " (bad query)")
        page.context.close()

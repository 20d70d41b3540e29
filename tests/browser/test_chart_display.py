"""The book's charts as a reader sees them: an image with a name and a description, its
numbers one click away, readable on a 390-pixel phone, in the theme's colours in light and
dark mode."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CHARTS = "figure.awesome-chart svg"


def luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", rgb)[:3])

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_landing_page_shows_the_lists_shape(page, book_url) -> None:
    page.goto(book_url + "index.html")
    charts = page.locator(CHARTS)
    assert charts.count() == 2
    chart = charts.first
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    # the accessible name and description come from <title> and <desc>
    name, description = chart.evaluate(
        """svg => svg.getAttribute('aria-labelledby').split(' ')
                .map(id => document.getElementById(id).textContent)"""
    )
    assert name == "Entries per section"
    assert description.startswith("Bar chart of ")
    assert "Automatic Parallelism Configuration Systems: " in description
    # the numbers, one click away
    details = page.locator("figure.awesome-chart details").first
    table = details.locator("table")
    assert not table.is_visible()
    details.locator("summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() == chart.locator("g").count()
    # the feed is linked from the page's head and its text
    assert page.locator("head link[type='application/atom+xml']").get_attribute("href") == (
        "feed.xml"
    )
    assert page.locator("a[href='feed.xml']").is_visible()


def test_readable_on_a_phone(new_page, book_url) -> None:
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(book_url + "index.html")
    chart = page.locator(CHARTS).first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    texts = chart.locator("text")
    for i in range(texts.count()):
        text = texts.nth(i)
        size = float(text.evaluate("t => getComputedStyle(t).fontSize").removesuffix("px"))
        assert size >= 12, f"text {i} is {size}px"
        rect = text.bounding_box()
        assert rect is not None and rect["x"] + rect["width"] <= 390 + 0.5, text.text_content()
    # no horizontal scrolling of the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_follow_the_theme(new_page, book_url, scheme) -> None:
    page = new_page(color_scheme=scheme)
    page.goto(book_url + "index.html")
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    chart = page.locator(CHARTS).first
    bar = chart.locator("rect.awesome-chart-bar").first.evaluate("r => getComputedStyle(r).fill")
    label = chart.locator("text").first.evaluate("t => getComputedStyle(t).fill")
    primary = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--pst-color-primary')"
    ).strip()
    text_base = page.evaluate("getComputedStyle(document.body).color")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    # the theme's own colours, so light and dark both come from it
    swatch = page.evaluate(
        "c => { const d = document.createElement('div'); d.style.color = c;"
        " document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; }",
        primary,
    )
    assert bar == swatch
    assert label == text_base
    assert contrast(label, background) >= 4.5
    assert contrast(bar, background) >= 3  # a graphical object (WCAG 1.4.11)

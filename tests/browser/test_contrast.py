"""Text in paper tables keeps WCAG AA contrast (4.5:1) in light and dark mode.

Colours are measured as the browser paints them: each colour is drawn on a canvas and read
back (so color-mix() and theme variables are resolved), and the background is the first
opaque background up the ancestors with every translucent layer above it blended in.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MIN_RATIO = 4.5

# Text a reader has to read: titles, header cells, group headings, badges, chips, the
# "main entry" arrow, plain-text cells and the filter count.
TEXT_SELECTOR = ", ".join(
    f".awesome-paper-table {s}"
    for s in (
        ".awesome-title",
        "thead th",
        ".awesome-group-heading",
        ".awesome-badge",
        ".awesome-chip",
        ".awesome-canonical",
        ".awesome-cell-authors",
        ".awesome-cell-summary",
        ".awesome-filter-count",
        ".awesome-empty",
    )
)

CONTRAST_JS = """
(selector) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  // Any CSS colour -> [r, g, b, a] with channels 0..255 and alpha 0..1.
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    // Nothing opaque up to <html>: the canvas behind the page is white.
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const describe = (el) =>
    el.tagName.toLowerCase() + "." + [...el.classList].join(".") +
    " " + JSON.stringify(el.textContent.trim().slice(0, 30));
  const results = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || !el.textContent.trim()) continue;  // visually hidden
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    results.push({
      what: describe(el),
      ratio: (l1 + 0.05) / (l2 + 0.05),
      fg: fg.slice(0, 3).map(Math.round),
      bg: bg.slice(0, 3).map(Math.round),
    });
  }
  return results;
}
"""


def check_contrast(page, label: str) -> int:
    """Assert every table text on the page reaches MIN_RATIO; returns how many were measured."""
    results = page.evaluate(CONTRAST_JS, TEXT_SELECTOR)
    failures = [r for r in results if r["ratio"] < MIN_RATIO]
    assert not failures, f"{label}: text below {MIN_RATIO}:1\n" + "\n".join(
        f"  {r['ratio']:.2f}  {r['what']}  fg={r['fg']} bg={r['bg']}" for r in failures[:20]
    )
    return len(results)


def open_in_mode(new_page, url: str, mode: str):
    """Open ``url`` the way a reader in ``mode`` sees it with sphinx-book-theme: the OS
    preference, the theme's stored choice, and data-theme on <html> all agree."""
    page = new_page(color_scheme="dark" if mode == "dark" else "light")
    page.add_init_script(
        f"try "
        f"{{ localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}'); }}"
        " catch (e) {}"
    )
    page.goto(url)
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    return page


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_book_table_text_contrast(new_page, book_url, list_pages, mode):
    measured = 0
    for rel in list_pages:
        page = open_in_mode(new_page, book_url + rel, mode)
        # Also measure a row as the jump target, since it gets its own background.
        first_row = page.evaluate("document.querySelector('tr.awesome-row[id]')?.id || ''")
        if first_row:
            page.evaluate(f"location.hash = '#{first_row}'")
        measured += check_contrast(page, f"{rel} ({mode})")
        page.context.close()
    assert measured > 0, "no table text was measured"


@pytest.mark.parametrize("mode", ["light", "dark", "plain"])
def test_mock_contrast(new_page, mock_url, mode):
    """The mock page: pydata-like variables in light/dark, and 'plain' for a theme with no
    variables at all (alabaster), where only the stylesheet's fallbacks apply."""
    page = open_in_mode(new_page, mock_url + "#paper-dapple", mode)
    page.fill(".awesome-filter-input >> nth=0", "pipeline")  # so the count is shown too
    assert check_contrast(page, f"mock ({mode})") > 20

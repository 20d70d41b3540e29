"""What a reader must get on every page with a paper table, as checks run inside Chromium:
text contrast, no clipped text, no page-wide sideways scroll, and axe-core's verdict.

Each ``check_*`` function asserts and returns what it measured, so a test can also assert
that something was measured at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

MIN_RATIO = 4.5

# Text a reader has to read: the tool bar, headers, titles, kind labels, authors, summaries,
# disclosures, BibTeX, badges and chips, group headings, the "main entry" arrow.
TEXT_SELECTOR = ", ".join(
    f".awesome-paper-table {s}"
    for s in (
        ".awesome-filter-input",
        ".awesome-filter-count",
        ".awesome-filter-error",
        ".awesome-facets > summary",
        ".awesome-facet-label",
        ".awesome-facet-chip",
        ".awesome-facet-count",
        ".awesome-facet-more",
        "caption",
        "thead th",
        ".awesome-sort",
        ".awesome-title",
        ".awesome-kind",
        ".awesome-cell-authors",
        ".awesome-more-authors > summary",
        ".awesome-cell-summary",
        ".awesome-summary > summary",
        ".awesome-cite > summary",
        ".awesome-bibtex",
        ".awesome-copy",
        ".awesome-copy-status",
        ".awesome-group-heading",
        ".awesome-badge",
        ".awesome-chip",
        ".awesome-canonical",
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
    let colour = [255, 255, 255, 1]; // nothing opaque up to <html>: the canvas is white
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (fg, bg) => {
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const describe = (el, what) =>
    el.tagName.toLowerCase() + "." + [...el.classList].join(".") + (what || "") +
    " " + JSON.stringify((el.value || el.textContent).trim().slice(0, 30));
  const results = [];
  const measure = (el, colour, what) => {
    const bg = background(el);
    const fg = over(rgba(colour), bg);
    results.push({ what: describe(el, what), ratio: ratio(fg, bg),
                   fg: fg.slice(0, 3).map(Math.round), bg: bg.slice(0, 3).map(Math.round) });
  };
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // visually hidden
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (el.matches("input")) {
      measure(el, getComputedStyle(el, "::placeholder").color, "::placeholder");
      if (!el.value) continue;
    } else if (!el.textContent.trim()) continue;
    measure(el, getComputedStyle(el).color, "");
  }
  return results;
}
"""

# Text cut off: an element whose content sticks out of its own box, or that reaches past an
# ancestor which clips (overflow hidden/clip) before any ancestor that scrolls.
CLIPPED_JS = """
() => {
  const problems = [];
  const describe = (el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".") +
    " " + JSON.stringify(el.textContent.trim().slice(0, 40));
  const hasText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  let checked = 0;
  for (const el of document.querySelectorAll(".awesome-paper-table *")) {
    if (!hasText(el) || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // visually hidden on purpose
    checked += 1;
    if (style.display !== "inline" && !["auto", "scroll"].includes(style.overflowX) &&
        el.scrollWidth > el.clientWidth + 1 && el.tagName !== "TABLE") {
      problems.push(`${describe(el)}: content ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
      continue;
    }
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === "visible") continue;
      if (ox === "auto" || ox === "scroll") break; // reachable by scrolling that box
      const outer = a.getBoundingClientRect();
      if (box.right > outer.right + 1 || box.left < outer.left - 1) {
        problems.push(`${describe(el)}: cut off by ${a.tagName.toLowerCase()}.${[...a.classList].join(".")} (overflow ${ox})`);
      }
      break;
    }
  }
  const page = document.scrollingElement;
  return { problems, checked, scrollWidth: page.scrollWidth, innerWidth: window.innerWidth };
}
"""


def check_contrast(page: Page, label: str) -> int:
    """Assert every table text on the page reaches MIN_RATIO; returns how many were measured."""
    results = page.evaluate(CONTRAST_JS, TEXT_SELECTOR)
    failures = [r for r in results if r["ratio"] < MIN_RATIO]
    assert not failures, f"{label}: text below {MIN_RATIO}:1\n" + "\n".join(
        f"  {r['ratio']:.2f}  {r['what']}  fg={r['fg']} bg={r['bg']}" for r in failures[:20]
    )
    return len(results)


def check_fits(page: Page, label: str) -> int:
    """Assert no table text is cut off and the page does not scroll sideways; returns how
    many text elements were checked."""
    found = page.evaluate(CLIPPED_JS)
    assert found["scrollWidth"] <= found["innerWidth"], (
        f"{label}: the page scrolls sideways ({found['scrollWidth']}px > {found['innerWidth']}px)"
    )
    assert not found["problems"], f"{label}: text cut off\n  " + "\n  ".join(found["problems"][:20])
    return int(found["checked"])


SERIOUS = ("serious", "critical")


#: Theme chrome left out of axe's whole-page runs, each with why (pydata-sphinx-theme's, also
#: in sphinx-book-theme; not ours to fix, and reported):
THEME_EXCLUDES = [
    # named "Search" but shows "Search Ctrl+K" (label-content-name-mismatch)
    ".search-button-field.search-button__button",
    # "Back to top", shown once the page scrolls: white on orange, 2.45:1 (color-contrast)
    "#pst-back-to-top",
]


def check_axe(
    page: Page, axe_script: Path, label: str, include: str | None = None
) -> dict[str, Any]:
    """Run axe-core on the page but THEME_EXCLUDES (or on the elements matching *include*)
    and assert it finds no serious or critical violation; returns axe's results."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        """async ([include, exclude]) => {
          const context = include ? { include: [[include]] } : { exclude: exclude.map((s) => [s]) };
          return await axe.run(context, { resultTypes: ["violations"] });
        }""",
        [include, THEME_EXCLUDES],
    )
    bad = [v for v in results["violations"] if v["impact"] in SERIOUS]
    assert not bad, f"{label}: axe-core found serious or critical violations:\n" + "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']}: "
        f"{v['nodes'][0]['failureSummary'][:300]})"
        for v in bad
    )
    return results


def open_disclosures(page: Page) -> None:
    """Open the first "Cite", "et al." and summary of each table, so their text is checked."""
    page.evaluate(
        """() => {
          for (const wrapper of document.querySelectorAll(".awesome-paper-table")) {
            for (const cls of ["awesome-cite", "awesome-more-authors", "awesome-summary"]) {
              const details = [...wrapper.querySelectorAll(`details.${cls}`)]
                .find((d) => d.checkVisibility());
              if (details) details.open = true;
            }
          }
        }"""
    )

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

HERE = Path(__file__).parent
CONTRAST_JS = (HERE / "contrast.js").read_text(encoding="utf-8")

# Text cut off: an element whose content sticks out of its own box, or that reaches past an
# ancestor which clips (overflow hidden/clip) before any ancestor that scrolls.
CLIPPED_JS = (HERE / "clipped.js").read_text(encoding="utf-8")


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
        f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. "
        f"{v['nodes'][0]['target']}: "
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

"""What Sphinx's search finds of the list.

* **Words of rows.** The HTML fast path writes table rows as one node whose text is only
  for the search index (:func:`row_words`): the words a row shows and, for an entry's
  canonical row, the fields whose column says ``searched`` (authors, affiliation, venue,
  tags) even when the table hides them, so a search for an author finds the entry's page.
* **Chinese, Japanese and Korean.** Sphinx's default (English) splitter keeps a run of CJK
  characters as one word, and its search page matches part of a word only for queries of
  three characters or more: "果冻" (a two-character part of a name) found nothing. Each run
  of three or more such characters also gives its overlapping two-character pieces
  (bigrams), so every part of a title or name is found: two characters by a piece, longer
  parts by the run, which Sphinx already matches partially. This needs no segmenter and no
  site-wide ``html_search_language``; the book's measurements are in the user guide.
* **List pages first.** Among results that score the same, pages that hold entries' rows
  come before other pages (the guide), by a one-point bonus in Sphinx's ``Scorer.score``
  hook, set on the search page unless the project's own scorer defines one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .escaping import json_for_script
from .fields import COLUMNS, FIELDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .entries import Entry

#: Fields a canonical row always gives the search index (their column says ``searched``).
SEARCHED = tuple(f for f in FIELDS if f.column is not None and f.column.searched)
#: Han (with extensions and compatibility forms), kana and Hangul syllables.
_CJK = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]{{3,}}")


def cjk_bigrams(text: str) -> list[str]:
    """The overlapping two-character pieces of each run of three or more CJK characters."""
    return [run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)]


def row_words(entry: Entry, columns: tuple[str, ...], canonical: bool) -> str:
    """The text a row gives the search index: the title and the shown columns whose words
    are indexed; a canonical row adds the ``searched`` fields; CJK runs add their bigrams."""
    parts = [entry.title]
    shown = [COLUMNS[c] for c in columns if COLUMNS[c].column.indexed]  # type: ignore[union-attr]
    if canonical:
        shown += [f for f in SEARCHED if f not in shown]
    for field in shown:
        parts.extend(field.strings(entry))
    text = " ".join(parts)
    bigrams = cjk_bigrams(text)
    return f"{text} {' '.join(bigrams)}" if bigrams else text


SCORER = """(() => {
  const pages = new Set(%s);
  const rank = () => {
    if (typeof Scorer === "undefined" || Scorer.score) return;
    Scorer.score = (result) =>
      result[4] + (pages.has(result[0]) && result[6] !== "object" ? 1 : 0);
  };
  if (typeof Scorer !== "undefined") rank();
  else document.addEventListener("DOMContentLoaded", rank);
})();"""


def list_pages_first(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The ``html-page-context`` handler: the search page ranks list pages first."""
    if pagename != "search" or app.builder.format != "html":
        return
    state = app.env.domains["awesome"].state  # type: ignore[attr-defined]
    pages = sorted({docname for docname, _key in state.canonical.values()})
    if pages:
        app.add_js_file(None, body=SCORER % json_for_script(pages))


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", list_pages_first)

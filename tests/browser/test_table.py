"""What a reader does with a table, in every theme: read a row, sort, narrow, share, cite.

Orders and matches are compared with the Python side's own (sphinx_awesome.sorting, the
entries' BibTeX from ``sphinx-awesome export --format bibtex``), not with copies of them.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import PHONE, REPO, THEMES
from playwright.sync_api import expect

from sphinx_awesome.entries import Entry, load_file
from sphinx_awesome.sorting import sort_entries
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

pytestmark = pytest.mark.browser

ROOT = REPO / "tests" / "roots" / "test-themes"
MAX_AUTHORS = 3  # awesome_max_authors in the root's conf.py
themes = pytest.mark.parametrize("theme", THEMES)

# The entry ids of the rows shown in the first table, top to bottom.
IDS_JS = """
(wrapper) => [...wrapper.querySelectorAll("tr.awesome-row")]
  .filter((row) => row.checkVisibility())
  .map((row) => (row.id || row.querySelector("a.awesome-canonical").hash.slice(1))
    .replace(/^paper-/, ""))
"""


def entries() -> dict[str, Entry]:
    venues = VenueList(BUILTIN_VENUES)
    return {
        e.id: e
        for f in sorted((ROOT / "entries").glob("*.yaml"))
        for e in load_file(f, venues=venues).entries
    }


ENTRIES = entries()


@pytest.fixture
def site(theme, theme_site, serve_dir) -> str:
    return serve_dir(theme_site(theme))


def table(page, index: int = 0):
    return page.locator(".awesome-paper-table").nth(index)


def shown_ids(page, index: int = 0) -> list[str]:
    return table(page, index).evaluate(IDS_JS)


# -- 1. rows ----------------------------------------------------------------------------------


@themes
def test_rows_show_titles_authors_summaries_and_kinds(page, site):
    page.goto(site + "index.html")
    for entry_id in shown_ids(page):
        entry = ENTRIES[entry_id]
        row = page.locator(f"tr#paper-{entry_id}")
        link = row.locator("a.awesome-title")
        urls = [link.url for link in entry.links if link.url]
        assert link.count() == 1 and link.get_attribute("href") in urls, entry_id
        assert link.inner_text() == entry.title
        kind = row.locator(".awesome-cell-title .awesome-kind")
        assert (kind.inner_text().lower() if kind.count() else "paper") == entry.kind
        authors = row.locator("td.awesome-cell-authors")
        more = authors.locator("details.awesome-more-authors")
        if len(entry.authors) > MAX_AUTHORS:
            assert authors.inner_text().startswith(", ".join(entry.authors[:MAX_AUTHORS]))
            assert more.locator("summary").inner_text() == "et al."
            assert not more.evaluate("d => d.open")
            more.locator("summary").click()
            rest = more.evaluate(
                "d => [...d.childNodes].filter((n) => n.nodeName !== 'SUMMARY')"
                ".map((n) => n.textContent).join('').trim()"
            )
            assert rest == ", ".join(entry.authors[MAX_AUTHORS:])
        else:
            assert more.count() == 0 and authors.inner_text() == ", ".join(entry.authors)
        summary = row.locator("td.awesome-cell-summary")
        if summary.locator("details").count():
            full = summary.locator("details > p")
            assert not full.is_visible()
            summary.locator("summary").click()
            assert full.inner_text() == " ".join(entry.summary.split())
        else:
            assert summary.inner_text() == entry.summary


# -- 2. sorting -------------------------------------------------------------------------------


@themes
def test_sort_by_clicking_cycles_ascending_descending_original(page, site):
    page.goto(site + "index.html")
    original = shown_ids(page)
    rows = [ENTRIES[i] for i in original]
    head = table(page).locator("th.awesome-col-title")
    for expected, state in [
        ([e.id for e in sort_entries(rows, "title")], "ascending"),
        ([e.id for e in sort_entries(rows, "-title")], "descending"),
        (original, None),
    ]:
        head.locator("button.awesome-sort").click()
        assert shown_ids(page) == expected
        assert head.get_attribute("aria-sort") == state
    # Another column starts ascending, and only one header says how the table is sorted.
    table(page).locator("th.awesome-col-year button").click()
    assert shown_ids(page) == [e.id for e in sort_entries(rows, "year")]
    assert table(page).locator("th[aria-sort]").count() == 1


@themes
def test_sort_with_the_keyboard_and_missing_values_last(page, site):
    page.goto(site + "index.html")
    rows = [ENTRIES[i] for i in shown_ids(page)]
    venue = table(page).locator("th.awesome-col-venue")
    venue.locator("button").focus()
    page.keyboard.press("Enter")
    assert venue.get_attribute("aria-sort") == "ascending"
    ascending = shown_ids(page)
    assert ascending == [e.id for e in sort_entries(rows, "venue")]
    page.keyboard.press(" ")
    assert venue.get_attribute("aria-sort") == "descending"
    descending = shown_ids(page)
    assert descending == [e.id for e in sort_entries(rows, "-venue")]
    without = [e.id for e in rows if e.venue is None]
    assert without and ascending[-len(without) :] == descending[-len(without) :] == without
    # Headers of columns that do not sort stay plain text.
    assert table(page).locator("th.awesome-col-links button").count() == 0


@themes
def test_sort_keeps_rows_in_their_groups(page, site):
    page.goto(site + "grouped.html")
    grouped = table(page)
    before = grouped.evaluate(GROUPS_JS)
    grouped.locator("th.awesome-col-title button").click()
    after = grouped.evaluate(GROUPS_JS)
    assert [g for g, _ in after] == [g for g, _ in before]
    for (_, ids), (_, old) in zip(after, before, strict=True):
        group_entries = [ENTRIES[i] for i in old]
        assert ids == [e.id for e in sort_entries(group_entries, "title")]


# Group headings with the ids of the rows under each, in order.
GROUPS_JS = """
(wrapper) => {
  const groups = [];
  for (const row of wrapper.querySelectorAll("tbody > tr")) {
    if (row.classList.contains("awesome-group")) groups.push([row.textContent.trim(), []]);
    else groups[groups.length - 1][1].push(row.querySelector("a.awesome-canonical").hash.slice(7));
  }
  return groups;
}
"""


def test_sort_buttons_show_on_a_phone(new_page, theme_site, serve_dir):
    page = new_page(viewport=PHONE)
    page.goto(serve_dir(theme_site("alabaster")) + "index.html")
    buttons = table(page).locator("button.awesome-sort")
    assert buttons.count() >= 3 and all(b.is_visible() for b in buttons.all())
    # The header cells of columns that do not sort stay out of sight (1px, clipped).
    assert table(page).locator("th.awesome-col-links").bounding_box()["width"] <= 1


# -- 2. filtering, the URL, facets ---------------------------------------------------------------


@themes
def test_filter_counts_hides_empty_groups_and_goes_in_the_url(page, site):
    page.goto(site + "grouped.html")
    box = table(page).locator("input.awesome-filter-input")
    box.fill("year:2021..2022 -venue:osdi")
    assert sorted(shown_ids(page)) == ["dapple", "piper"]
    count = table(page).locator(".awesome-filter-count")
    total = len(ENTRIES)
    assert count.inner_text() == f"2 of {total} entries"
    headings = table(page).locator("tr.awesome-group")
    assert [h.inner_text() for h in headings.all() if h.is_visible()] == ["2021"]
    assert re.search(r"[?&]filter=year%3A2021\.\.2022(\+|%20)-venue%3Aosdi", page.url), page.url
    box.press("Escape")
    assert box.input_value() == "" and len(shown_ids(page)) == total
    assert "filter=" not in page.url


@themes
def test_a_shared_url_opens_the_filtered_view(page, site):
    query = 'tag:auto-parallelism "automatic dataflow"'
    page.goto(f"{site}index.html?filter={quote(query)}")
    assert table(page).locator("input.awesome-filter-input").input_value() == query
    assert shown_ids(page) == ["tofu"]
    page.goto(f"{site}index.html?filter={quote('year:>')}")  # a bad query: a message, all rows
    assert table(page).locator(".awesome-filter-error").is_visible()
    assert len(shown_ids(page)) == len(ENTRIES)


@themes
def test_facet_chips_add_and_remove_terms_and_combine(page, site):
    page.goto(site + "index.html")
    box = table(page).locator("input.awesome-filter-input")
    tools = table(page).locator(".awesome-tools")
    if not tools.locator("details.awesome-facets").evaluate("d => d.open"):
        tools.locator("details.awesome-facets > summary").click()
    chip = tools.locator(
        ".awesome-facet[aria-label='Filter by tag'] button.awesome-facet-chip",
        has_text="pipeline-parallelism",
    )
    assert chip.locator(".awesome-facet-count").inner_text() == "4"
    chip.click()
    assert box.input_value() == "tag:pipeline-parallelism"
    assert chip.get_attribute("aria-pressed") == "true"
    assert len(shown_ids(page)) == 4
    year = tools.locator(
        ".awesome-facet[aria-label='Filter by year'] button.awesome-facet-chip", has_text="2021"
    )
    assert year.locator(".awesome-facet-count").inner_text() == "2"  # counts follow the rows shown
    year.click()
    assert box.input_value() == "tag:pipeline-parallelism year:2021"
    assert sorted(shown_ids(page)) == ["dapple", "piper"]
    chip.click()  # pressed again: its term goes, the other stays
    assert box.input_value() == "year:2021"
    assert chip.get_attribute("aria-pressed") == "false"
    assert sorted(shown_ids(page)) == ["dapple", "piper"]
    # A term typed by hand presses its chip too (venue names go through the venue list).
    box.fill("venue:nips")
    venue = tools.locator(".awesome-facet[aria-label='Filter by venue'] button", has_text="NeurIPS")
    assert venue.get_attribute("aria-pressed") == "true"


# -- 3. cite ----------------------------------------------------------------------------------


def exported_bibtex(tmp_path: Path) -> dict[str, str]:
    """``sphinx-awesome export --format bibtex`` of the root, as id -> entry text."""
    out = tmp_path / "entries.bib"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_awesome.cli",
            "export",
            "--format",
            "bibtex",
            "--conf-dir",
            str(ROOT),
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    blocks = re.split(r"\n(?=@)", out.read_text(encoding="utf-8"))
    return {re.match(r"@\w+\{([^,]+),", b).group(1): b.strip() for b in blocks if b.startswith("@")}


@themes
def test_cite_copies_the_exported_bibtex(new_page, site, tmp_path):
    bibtex = exported_bibtex(tmp_path)
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + "index.html")
    for entry_id in ("alpa", "colfax"):
        cite = page.locator(f"tr#paper-{entry_id} details.awesome-cite")
        cite.locator("summary").click()
        copy = cite.locator("button.awesome-copy")
        copy.click()
        cite.locator(".awesome-copy-status", has_text="Copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()").strip() == bibtex[entry_id]
        assert cite.locator("pre").inner_text().strip() == bibtex[entry_id]
        cite.locator("summary").click()  # closed and opened again: still one button
        cite.locator("summary").click()
        assert cite.locator("button.awesome-copy").count() == 1


@themes
def test_cite_without_the_clipboard_api_selects_the_text(new_page, site):
    page = new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    page.goto(site + "index.html")
    cite = page.locator("tr#paper-dapple details.awesome-cite")
    cite.locator("summary").click()
    cite.locator("button.awesome-copy").click()
    selected = page.evaluate("String(getSelection())")
    assert selected.strip() == cite.locator("pre").evaluate("p => p.textContent").strip() != ""
    assert cite.locator(".awesome-copy-status").inner_text() != ""


# -- without JavaScript, and jumps --------------------------------------------------------------


@themes
def test_without_javascript_every_row_and_no_tools(new_page, site):
    page = new_page(java_script_enabled=False)
    for name in ("index.html", "grouped.html"):
        page.goto(site + name)
        rows = page.locator("tr.awesome-row")
        assert rows.count() > 0 and all(row.is_visible() for row in rows.all()), name
        assert page.locator(".awesome-tools, button.awesome-sort").count() == 0, name
        cite = page.locator("details.awesome-cite").first
        cite.locator("summary").click()  # disclosures are the browser's own
        assert cite.locator("pre").is_visible()


@themes
def test_jump_to_a_filtered_out_row_clears_the_filter(page, site):
    page.goto(site + "index.html")
    box = table(page).locator("input.awesome-filter-input")
    box.fill("unity")
    assert not page.locator("#paper-dapple").is_visible()
    page.evaluate("location.hash = '#%E0%A4%A'")  # a malformed escape is no error
    page.evaluate("location.hash = '#paper-dapple'")
    page.locator("#paper-dapple").wait_for(state="visible")
    assert box.input_value() == ""


# -- big tables: a page of matches at a time ---------------------------------------------------

BIG_N = 1200  # over the script's BIG (1000): it shows PAGE (100) matches at a time
PAGE = 100
WORDS = ("pipeline", "tensor", "memory", "compiler", "serving", "sparse", "graph", "cluster")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory, serve_dir) -> tuple[str, list[Entry]]:
    from sites import build_source

    src = tmp_path_factory.mktemp("big") / "src"
    (src / "entries").mkdir(parents=True)
    lines = []
    for i in range(BIG_N):
        title = f"{WORDS[i * 7 % 8].title()} {WORDS[i % 8]} study {(i * 37) % BIG_N:04d}"
        lines += [f"- id: e{i:04d}", f'  title: "{title}"', f"  year: {2000 + i % 25}"]
        lines += [f"  tags: [{WORDS[i % 8]}]", "  links: {paper: https://example.org/p}"]
    (src / "entries" / "all.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_awesome"]\nawesome_entries = ["entries/*.yaml"]\n'
    )
    (src / "index.rst").write_text(
        "Big\n===\n\n.. paper-table::\n   :columns: title, year, tags\n   :filter-box:\n"
    )
    app = build_source(src)
    venues = VenueList(BUILTIN_VENUES)
    entries = load_file(src / "entries" / "all.yaml", venues=venues).entries
    return serve_dir(Path(app.outdir)) + "index.html", entries


def test_a_big_table_shows_a_page_of_matches_at_a_time(page, big_site):
    url, entries = big_site
    page.goto(url)
    more = table(page).locator("tr.awesome-more")
    assert shown_ids(page) == [e.id for e in entries[:PAGE]]
    assert more.inner_text().startswith(f"Show {PAGE} more ({PAGE} of 1,200 shown)")
    assert table(page).locator(".awesome-filter-count").inner_text() == "1,200 entries"
    more.locator("button", has_text="more").click()
    assert len(shown_ids(page)) == 2 * PAGE
    # A sort shows the first page of the new order.
    table(page).locator("th.awesome-col-title button").click()
    by_title = [e.id for e in sort_entries(entries, "title")]
    assert shown_ids(page) == by_title[:PAGE]
    # A filter counts every match and shows the first page of them, in that order.
    box = table(page).locator("input.awesome-filter-input")
    box.fill("tag:pipeline")
    matches = [i for i in by_title if int(i[1:]) % 8 == 0]
    expect(table(page).locator(".awesome-filter-count")).to_have_text(
        f"{len(matches)} of 1,200 entries"
    )
    assert shown_ids(page) == matches[:PAGE]
    # "Show all": the whole of it, in order.
    box.fill("")
    expect(table(page).locator(".awesome-filter-count")).to_have_text("1,200 entries")
    more.locator("button", has_text="Show all").click()
    assert shown_ids(page) == by_title and more.count() == 0


def test_a_link_to_a_row_beyond_the_page_shows_it(page, big_site):
    url, entries = big_site
    last = entries[-1].id
    page.goto(f"{url}#paper-{last}")
    row = page.locator(f"tr#paper-{last}")
    row.wait_for(state="visible")
    assert row.is_visible() and row.evaluate("r => r.getBoundingClientRect().top < innerHeight")
    page.goto(url)
    assert not row.is_visible()
    page.evaluate(f"location.hash = '#paper-{entries[-2].id}'")
    page.locator(f"tr#paper-{entries[-2].id}").wait_for(state="visible")


def test_sorts_filters_and_more_in_any_order_show_the_right_rows(page, big_site):
    """A sort moves only the rows shown; rows shown later by a filter or "Show more" must
    still come in the sorted order, whatever came before."""
    url, entries = big_site
    page.goto(url)
    filters = {
        "": lambda e: True,
        "tag:pipeline": lambda e: "pipeline" in e.tags,
        "tag:pipeline,graph": lambda e: {"pipeline", "graph"} & set(e.tags),
        "year:>=2012": lambda e: e.year >= 2012,
        "-tag:tensor year:<2020": lambda e: "tensor" not in e.tags and e.year < 2020,
    }
    rng = random.Random(7)
    spec, query, limit = "", "", PAGE
    for step in range(40):
        action = rng.choice(["sort", "filter", "more"])
        if action == "sort":
            key, direction = rng.choice(["title", "year"]), rng.choice([1, -1, 0])
            table(page).evaluate(f"w => w.awesomeTable.sort('{key}', {direction})")
            spec, limit = ("-" if direction < 0 else "") + key if direction else "", PAGE
        elif action == "filter":
            query = rng.choice(list(filters))
            table(page).evaluate("(w, q) => w.awesomeTable.apply(q)", query)
            limit = PAGE
        else:
            limit += PAGE
            table(page).evaluate(f"w => w.awesomeTable.show({limit})")
        ordered = sort_entries(entries, spec) if spec else entries
        expected = [e.id for e in ordered if filters[query](e)][:limit]
        assert shown_ids(page) == expected, (step, action, spec, query, limit)

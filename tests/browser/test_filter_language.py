"""The filter language's shared cases (tests/filter_cases.json) through the table script.

The cases' entries are built into a real project with one table; each case is typed into
the filter box and the rows left visible are compared with the ids the Python side gives
(tests/test_filter_cases.py runs the same file through sphinx_awesome.filters).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CASES = json.loads((Path(__file__).parents[1] / "filter_cases.json").read_text(encoding="utf-8"))

# Types a query as a reader does (one input event) and reads what the table shows.
TYPE_JS = """
(query) => {
  const wrapper = document.querySelector(".awesome-paper-table");
  const input = wrapper.querySelector("input.awesome-filter-input");
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const error = wrapper.querySelector(".awesome-filter-error");
  return {
    ids: [...wrapper.querySelectorAll("tr.awesome-row")]
      .filter((row) => row.checkVisibility()).map((row) => row.id.replace(/^paper-/, "")),
    error: error.checkVisibility() ? error.textContent : null,
    invalid: input.getAttribute("aria-invalid"),
    count: wrapper.querySelector(".awesome-filter-count").textContent,
    url: new URL(location.href).searchParams.get("filter"),
  };
}
"""


@pytest.fixture(scope="module")
def cases_url(tmp_path_factory, serve_dir) -> str:
    from sites import build_source

    src = tmp_path_factory.mktemp("cases") / "src"
    (src / "entries").mkdir(parents=True)
    # JSON is YAML: the entries are written as the file holds them.
    (src / "entries" / "cases.yaml").write_text(
        json.dumps(CASES["entries"], ensure_ascii=False), encoding="utf-8"
    )
    (src / "conf.py").write_text(
        'extensions = ["sphinx_awesome"]\nawesome_entries = ["entries/*.yaml"]\n', encoding="utf-8"
    )
    (src / "index.rst").write_text(
        "Cases\n=====\n\n.. paper-table::\n   :columns: title, authors, summary, venue, year, "
        "tags\n   :filter-box:\n",
        encoding="utf-8",
    )
    app = build_source(src)
    return serve_dir(Path(app.outdir)) + "index.html"


def case_params() -> list[object]:
    return [pytest.param(case, id=repr(case["filter"])) for case in CASES["cases"]]


@pytest.fixture(scope="module")
def cases_page(browser, cases_url):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(cases_url)
    page.wait_for_selector(".awesome-tools")
    yield page, errors
    context.close()


@pytest.mark.parametrize("case", case_params())
def test_case(cases_page, case):
    page, errors = cases_page
    page.evaluate(TYPE_JS, "")  # each case starts from the whole table
    shown = page.evaluate(TYPE_JS, case["filter"])
    assert not errors, errors
    if case.get("error"):
        assert shown["error"], f"no message for the bad query {case['filter']!r}"
        assert shown["invalid"] == "true"
        assert shown["ids"] == [e["id"] for e in CASES["entries"]], "a bad query hid rows"
        assert shown["url"] is None, "a bad query went into the URL"
        return
    assert shown["error"] is None and shown["invalid"] == "false"
    order = [entry["id"] for entry in CASES["entries"]]
    assert sorted(shown["ids"], key=order.index) == case["ids"]
    total = len(order)
    if case["filter"].strip():
        assert shown["count"] == f"{len(case['ids'])} of {total} entries"
        assert shown["url"] == case["filter"]
    else:
        assert shown["count"] == f"{total} entries"
        assert shown["url"] is None

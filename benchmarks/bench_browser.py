"""The table script on a big page, measured in Chromium: a filter keystroke and a column sort.

    python benchmarks/bench_browser.py [--entries 10000] [--runs 5] [--json FILE]
    python benchmarks/bench_browser.py --page path/to/built/page.html

Builds the one-table project of ``bench_table.py`` (N entries, six columns, ``:sort: -year,
title``) with ``sphinx-build``, serves it on the loopback, and opens the table page in Debian's
Chromium (/usr/bin/chromium, through Playwright) at 1366x900. Then, in the page, with
``performance.now()`` around the work itself:

* **keystroke**: the query of each step of typing (``p``, ``pi``, ... and structured queries
  such as ``year:>=2020 tag:fp8``) applied to the table: compile, match every row, show/hide
  the rows that change, group headings, count, facet counts, URL;
* **sort**: a click's work on each sortable column, ascending, descending and back;

each once as the script's own work (``work``) and once with the style and layout it causes
(``+layout``: ``document.body.offsetHeight`` read after the work; paint is not included).
Also: the script's size, and every request the page makes (none may leave the loopback).
Figures are medians over the runs, with the worst single step; nothing here is asserted
except that no request leaves the machine and the table is set up (exit 1 otherwise).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCRIPT = REPO / "sphinx_awesome" / "static" / "awesome-table.js"
CHROMIUM = "/usr/bin/chromium"
BUDGET_MS = 100
BUDGET_BYTES = 20_000  # "20 KB", read strictly

TYPED = "pipeline parallel"
QUERIES = [
    "year:>=2020",
    "year:2015..2018 -venue:osdi",
    "tag:fp8 venue:osdi,sosp",
    '"data parallel" -tag:survey',
    "author:zhang category:cat-007",
    'year:>= tag:"x',  # a bad query: a message, nothing else changes
    "",
]

MEASURE_JS = """
async ([queries, runs]) => {
  const wrapper = document.querySelector(".awesome-paper-table");
  const api = wrapper.awesomeTable;
  const layout = () => document.body.offsetHeight;
  const time = (work, withLayout) => {
    const start = performance.now();
    work();
    if (withLayout) layout();
    return performance.now() - start;
  };
  const out = { keystroke: { work: [], layout: [] }, sort: { work: [], layout: [] }, rows: 0 };
  out.rows = wrapper.querySelectorAll("tr.awesome-row").length;
  for (let run = 0; run < runs; run++) {
    for (const withLayout of [false, true]) {
      const key = withLayout ? "layout" : "work";
      for (const query of queries) {
        out.keystroke[key].push([query, time(() => api.apply(query), withLayout)]);
        layout();
        await new Promise(requestAnimationFrame);
      }
      const heads = [...wrapper.querySelectorAll("th.awesome-sortable")];
      for (const head of heads) {
        const name = head.getAttribute("data-awesome-sort");
        for (const dir of [1, -1, 0]) {
          out.sort[key].push([`${name} ${dir}`, time(() => api.sort(name, dir), withLayout)]);
          layout();
          await new Promise(requestAnimationFrame);
        }
      }
    }
  }
  return out;
}
"""


def typing_steps() -> list[str]:
    return [TYPED[: i + 1] for i in range(len(TYPED))] + QUERIES


def build_page(n: int, workdir: Path) -> Path:
    sys.path.insert(0, str(HERE))
    from bench_build import sphinx_build
    from bench_table import entry_project  # the same project as the build benchmark's

    src = entry_project(workdir, n)
    out = workdir / "out"
    print(f"building {n} entries ...", file=sys.stderr)
    build = sphinx_build(src, out)
    if build.problems:
        raise SystemExit("the build failed:\n" + "\n".join(build.problems[:20]))
    print(f"built in {build.seconds:.1f} s", file=sys.stderr)
    page = out / "table.html"
    if "awesome-table-data" not in page.read_text(encoding="utf-8"):
        raise SystemExit(f"{page} holds no table data: is the extension the one in {REPO}?")
    return page


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(page: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(page.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}/{page.name}"
    requests: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            tab = browser.new_page(viewport={"width": 1366, "height": 900})
            tab.on("request", lambda request: requests.append(request.url))
            tab.goto(url, wait_until="load", timeout=120_000)
            tab.wait_for_selector(".awesome-tools", timeout=60_000)
            tab.wait_for_timeout(1000)  # as a reader: not typing in the first second
            setup = tab.evaluate(
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
            )
            result = tab.evaluate(MEASURE_JS, [typing_steps(), runs])
            browser.close()
    finally:
        httpd.shutdown()
    outside = [
        r
        for r in requests
        if urlparse(r).hostname not in ("127.0.0.1", None) and not r.startswith("data:")
    ]
    result.update(requests=len(requests), outside=outside, dom_content_loaded_ms=setup)
    return result


def summary(samples: list[list]) -> dict:
    values = [ms for _, ms in samples]
    worst = max(samples, key=lambda s: s[1])
    return {"median_ms": statistics.median(values), "max_ms": worst[1], "worst_step": worst[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", type=Path, help="measure this built page instead of building one")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    size = SCRIPT.stat().st_size
    gz = len(gzip.compress(SCRIPT.read_bytes(), 9))
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        page = args.page or build_page(args.entries, Path(tmp))
        result = measure(page.resolve(), args.runs)
    if not result["rows"]:
        print("the page has no table rows", file=sys.stderr)
        return 1
    figures = {
        "rows": result["rows"],
        "script_bytes": size,
        "script_gzip_bytes": gz,
        "requests": result["requests"],
        "requests_off_machine": result["outside"],
        "keystroke_work": summary(result["keystroke"]["work"]),
        "keystroke_with_layout": summary(result["keystroke"]["layout"]),
        "sort_work": summary(result["sort"]["work"]),
        "sort_with_layout": summary(result["sort"]["layout"]),
    }
    print(f"table script: {size:,} bytes (budget {BUDGET_BYTES:,}), {gz:,} bytes gzipped")
    print(
        f"rows on the page: {figures['rows']}; requests: {figures['requests']}, off the machine: "
        f"{len(result['outside'])}"
    )
    for name in ("keystroke_work", "keystroke_with_layout", "sort_work", "sort_with_layout"):
        f = figures[name]
        print(
            f"{name:22} median {f['median_ms']:7.1f} ms   worst {f['max_ms']:7.1f} ms "
            f"({f['worst_step']!r})   budget {BUDGET_MS} ms"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 1 if result["outside"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""``sphinx-build -b linkcheck``: entry links are reported at the entry file and line, with the
pages that show them (a real build against a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from linkserver import LinkServer
from sites import build_source
from sphinx.testing.util import SphinxTestApp

from sphinx_awesome.compat import linkcheck_logger

PAGES = {
    "index.rst": """\
Home
====

A page link: `gone <{base}/gone>`_.

.. toctree::

   list/all
   guide/directive
   guide/nolinks
""",
    "list/all.rst": "All\n===\n\n.. paper-table::\n   :filter: -id:quiet\n",
    "guide/directive.rst": "Directive\n=========\n\n.. paper-table::\n   :filter: id:alpa\n",
    "guide/nolinks.rst": "No links\n========\n\n.. paper-table::\n   :filter: id:quiet\n   "
    ":columns: "
    "title, year\n   :no-index:\n",
    "entries/alpa.yaml": """\
title: "Alpa: Automating Parallelism"
venue: OSDI
year: 2022
links:
  paper: {base}/ok
  pdf: {base}/missing
  code: {base}/moved
""",
    "entries/more.yaml": """\
- id: beta
  title: Beta
  links: {{paper: "{base}/found", code: "{base}/renamed"}}
- id: quiet
  title: Quiet
  links:
    slides: {base}/forbidden
""",
}
CONF = """\
extensions = ["sphinx_awesome"]
awesome_entries = ["entries/*.yaml"]
awesome_default_columns = ["title", "links"]
linkcheck_timeout = 2
linkcheck_retries = 1


def _rename(app, uri):
    return uri.replace("/renamed", "/ok") if uri.endswith("/renamed") else None


def setup(app):
    app.connect("linkcheck-process-uri", _rename)
"""
ALPA = "shown on guide/directive, list/all"
ESC = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The project built once with the linkcheck builder: (server, app, warnings)."""
    src = tmp_path_factory.mktemp("linkcheck") / "src"
    with LinkServer() as server:
        for name, text in PAGES.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_text(text.format(base=server.base), encoding="utf-8")
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        warnings = StringIO()
        app = build_source(src, "linkcheck", verbosity=-1, warning=warnings)
        yield server, app, ESC.sub("", warnings.getvalue())


def _records(app: SphinxTestApp) -> list[dict]:
    text = (Path(app.outdir) / "output.json").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_json_names_entry_file_line_and_pages(built) -> None:
    server, app, _ = built
    base = server.base
    records = {r["uri"]: r for r in _records(app) if r["uri"].startswith(base)}
    found = {
        uri: (
            r["filename"],
            r["lineno"],
            r["status"],
            r.get("entry"),
            r.get("label"),
            r.get("pages"),
        )
        for uri, r in records.items()
    }
    assert found == {
        f"{base}/ok": (
            "entries/alpa.yaml",
            5,
            "working",
            "alpa",
            "paper",
            ["guide/directive", "list/all"],
        ),
        f"{base}/missing": (
            "entries/alpa.yaml",
            6,
            "broken",
            "alpa",
            "pdf",
            ["guide/directive", "list/all"],
        ),
        f"{base}/moved": (
            "entries/alpa.yaml",
            7,
            "redirected",
            "alpa",
            "code",
            ["guide/directive", "list/all"],
        ),
        f"{base}/found": ("entries/more.yaml", 3, "redirected", "beta", "paper", ["list/all"]),
        f"{base}/gone": ("index.rst", 4, "broken", None, None, None),  # a page's own link
    }


def test_a_link_no_page_shows_is_not_checked(built) -> None:
    server, app, _ = built
    # "quiet" is shown only without a links column, and its title links to none of its links
    assert server.count("/forbidden") == 0
    assert not any(r["uri"].endswith("/forbidden") for r in _records(app))


def test_process_uri_handlers_still_rewrite_entry_links(built) -> None:
    server, _, _ = built
    assert server.count("/renamed") == 0
    # /ok is alpa's paper link as well as beta's rewritten code link: it is checked once
    assert [m for m, p in server.requests if p == "/ok"].count("HEAD") >= 1


def test_text_report_names_entry_file_line_and_pages(built) -> None:
    server, app, _ = built
    base = server.base
    lines = (Path(app.outdir) / "output.txt").read_text(encoding="utf-8").splitlines()
    expected = [
        (f"entries/alpa.yaml:6: [broken] {base}/missing: ", f" (entry 'alpa', link 'pdf', {ALPA})"),
        (
            f"entries/alpa.yaml:7: [redirected permanently] {base}/moved to {base}/ok",
            f" (entry 'alpa', link 'code', {ALPA})",
        ),
        (
            f"entries/more.yaml:3: [redirected with Found] {base}/found to {base}/ok",
            " (entry 'beta', link 'paper', shown on list/all)",
        ),
        (f"index.rst:4: [broken] {base}/gone: ", ""),
    ]
    assert len(lines) == len(expected)
    for start, end in expected:
        matching = [line for line in lines if line.startswith(start)]
        assert len(matching) == 1, (start, lines)
        assert matching[0].endswith(end) and "(entry" not in matching[0][: -len(end) or None]


def test_warning_names_entry_file_line_and_pages(built) -> None:
    server, app, warnings = built
    entry_file = Path(app.srcdir, "entries", "alpa.yaml")
    broken = [line for line in warnings.splitlines() if "broken link" in line]
    assert len(broken) == 2, warnings
    alpa = next(line for line in broken if "/missing" in line)
    assert alpa.startswith(f"{entry_file}:6: WARNING: broken link: {server.base}/missing (")
    assert alpa.endswith(f" (entry 'alpa', link 'pdf', {ALPA})")
    page = next(line for line in broken if "/gone" in line)
    assert page.startswith(f"{Path(app.srcdir, 'index.rst')}:4: WARNING: broken link:")
    assert "(entry" not in page


def test_the_build_leaves_no_logging_filter(built) -> None:
    assert linkcheck_logger().filters == []

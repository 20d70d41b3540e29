"""The published entries: every HTML build writes ``awesome-entries.json`` beside
``objects.inv``, so other projects can show tables of this list's entries (``awesome_sources``,
read by :mod:`sphinx_awesome.sources`), as intersphinx lets them link to its objects.

The file holds every entry that has a canonical row, in the entry-file format (the same
fields and values a YAML entry file gives), with the URL of that row relative to the site's
root, and the list's title, ``html_baseurl`` and category tree::

    {
     "format": "sphinx-awesome-entries",
     "version": 1,
     "title": "awesome-llm-training",
     "base_url": "https://example.org/llm/",
     "categories": {
      "distributed": {"title": "Distributed training", "description": "…"}
     },
     "entries": [
      {"url": "list/distributed.html#paper-alpa", "entry": {"id": "alpa", "title": "Alpa: …"}}
     ]
    }

Entries are sorted by id, one a line, fields in entry-file order, categories in tree order
(the order groups are shown in), so a change to one entry is a change to one line. The file
is written only when its text changes, whole (a temporary file renamed over it), and a no-op
build leaves it as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .writing import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .domain import AwesomeDomain

FILENAME = "awesome-entries.json"
FORMAT = "sphinx-awesome-entries"
VERSION = 1
#: Builders that write ``objects.inv`` with pages at stable URLs (epub is one file, no site).
BUILDERS = ("html", "dirhtml", "singlehtml")


def row_url(builder: Builder, docname: str, anchor: str) -> str:
    """The URL of a row, relative to the site's root."""
    path = builder.get_target_uri(docname).partition("#")[0]
    if builder.name == "singlehtml":  # every row is on the one page ("#document-<name>")
        path = builder.config.root_doc + getattr(builder, "out_suffix", ".html")
    return f"{path}#{anchor}"


def published(domain: AwesomeDomain, builder: Builder) -> dict[str, Any]:
    """The published file's data: the header, then every entry with a canonical row."""
    settings, state = domain.settings, domain.state
    by_id = domain.store.by_id
    uris: dict[str, str] = {}
    entries = []
    for entry_id in sorted(state.canonical):
        entry = by_id.get(entry_id)
        if entry is None:
            continue
        docname = state.canonical[entry_id][0]
        if docname not in uris:
            uris[docname] = row_url(builder, docname, "")
        entries.append({"url": uris[docname] + state.anchor(entry_id), "entry": entry.as_dict()})
    categories = {
        path: {"title": c.title, **({"description": c.description} if c.description else {})}
        for path, c in settings.categories.items()
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": settings.title or "",
        "base_url": str(getattr(builder.config, "html_baseurl", "") or ""),
        "categories": categories,
        "entries": entries,
    }


def dumps(data: dict[str, Any]) -> str:
    """The file's text: JSON, one header key, category or entry a line."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    for key, value in data.items():
        if key in ("categories", "entries") and value:
            inner = (
                [f"  {one(k)}: {one(v)}" for k, v in value.items()]
                if isinstance(value, dict)
                else [f"  {one(v)}" for v in value]
            )
            opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
            lines.append(f" {one(key)}: {opening}\n" + ",\n".join(inner) + f"\n {closing}")
        else:
            lines.append(f" {one(key)}: {one(value)}")
    return lines[0] + "\n" + ",\n".join(lines[1:]) + "\n}\n"


def write_published(app: Sphinx, exception: BaseException | None) -> None:
    """The ``build-finished`` handler: write the file when the build wrote a site."""
    builder = app.builder
    if exception is not None or builder.name not in BUILDERS:
        return
    domain: AwesomeDomain = app.env.domains["awesome"]  # type: ignore[assignment]
    path = Path(builder.outdir, FILENAME)
    if domain.run.quiet and path.is_file():
        return  # a no-op build: nothing it is made from changed
    write_if_changed(path, dumps(published(domain, builder)))


def setup_publish(app: Sphinx) -> None:
    app.connect("build-finished", write_published)

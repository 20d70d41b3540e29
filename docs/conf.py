"""Sphinx configuration of the sphinx-awesome book.

The book is both the awesome-llm-training list (built from the entry files in
``entries/``) and the documentation of the extension that renders it. It builds
without network access and with ``-W``: every warning is an error, on a
developer's machine, in ``nox -s docs`` and on Read the Docs.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

HERE = Path(__file__).parent

# -- Project -------------------------------------------------------------------------------

project = "sphinx-awesome"
author = "sphinx-awesome developers"
copyright = "2024, sphinx-awesome developers"

# The one version number (pyproject.toml and `sphinx-awesome --version` read it too).
from sphinx_awesome import __version__ as release  # noqa: E402

version = ".".join(release.split(".")[:2])

# -- Extensions ----------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_awesome",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"

# Snippets under examples/ are pulled into the guide with `include` (rendered) and
# `literalinclude` (shown), so they are not documents of their own.
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "examples/**"]

# Nothing is silenced: the book must build cleanly with -W.
suppress_warnings: list[str] = []
nitpicky = False
numfig = True

# -- MyST ----------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3

# -- sphinx-awesome ------------------------------------------------------------------------

#: [config-entries-start]
# One YAML file per paper, post, repo or site; files starting with "_" are not entries.
awesome_entries = ["entries/**/[!_]*.yaml"]

# The category tree: path -> {"title": ..., "description": ...}. With a tree set,
# an entry in a category that is not listed here is a warning.
awesome_categories = yaml.safe_load(
    (HERE / "entries" / "_categories.yaml").read_text(encoding="utf-8")
)

awesome_default_columns = ["title", "venue", "year", "links"]
awesome_table_style = "default"
#: [config-entries-end]

#: [config-sources-start]
# Another list's published entries, as intersphinx reads objects.inv: name -> (where its
# site is, where its awesome-entries.json is). This book reads its own, from a copy kept in
# examples/published/ (so it builds offline); "./" makes the rows link into this book.
awesome_sources = {
    "llmtrain": ("./", "examples/published/awesome-entries.json"),
}
#: [config-sources-end]

#: [config-feed-start]
# What's new: an Atom feed of the 30 entries added last, linked from every page's head.
awesome_title = "awesome-llm-training"
awesome_feed = "feed.xml"
#: [config-feed-end]

# -- Numbers quoted in the prose -----------------------------------------------------------
# The overview page quotes how many entries the list holds. The numbers are counted
# here, with the extension's own loader, so the prose cannot drift from the data.


def _list_numbers() -> dict[str, str]:
    from sphinx_awesome.entries import load_file
    from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

    venues = VenueList(BUILTIN_VENUES)
    paths = sorted({path for pattern in awesome_entries for path in HERE.glob(pattern)})
    entries = []
    for path in paths:
        entries.extend(load_file(path, venues=venues).entries)

    def count(**where: str) -> str:
        def keep(entry) -> bool:
            for name, wanted in where.items():
                if name == "category":
                    if not any(c == wanted or c.startswith(wanted + "/") for c in entry.categories):
                        return False
                elif getattr(entry, name) != wanted:
                    return False
            return True

        return str(sum(1 for entry in entries if keep(entry)))

    years = sorted({entry.year for entry in entries if entry.year is not None})
    numbers = {
        "n_entries": str(len(entries)),
        "n_papers": count(kind="paper"),
        "n_posts": count(kind="post"),
        "n_repos": count(kind="repo"),
        "n_sites": count(kind="site"),
        "n_zh": count(lang="zh"),
        "n_venues": str(len({entry.venue for entry in entries if entry.venue})),
        "n_tags": str(len({tag for entry in entries for tag in entry.tags})),
        "first_year": str(years[0]) if years else "",
        "last_year": str(years[-1]) if years else "",
    }
    for path in awesome_categories:
        numbers["n_" + path.replace("/", "_").replace("-", "_")] = count(category=path)
    return numbers


def _problem_codes() -> str:
    """The table of problem codes on the entry-file reference page, made from the code."""
    from sphinx_awesome.problems import Code, severity

    rows = ["| Code | Warning type | Default | Meaning |", "|---|---|---|---|"]
    for code in Code:
        if code.code.startswith("AW2"):  # reported by `sphinx-awesome import` only
            rows.append(f"| `{code.code}` | (import) | | {code.description} |")
        else:
            kind = f"`awesome.{code.subtype}`"
            rows.append(f"| `{code.code}` | {kind} | {severity(code)} | {code.description} |")
    return "\n".join(rows)


def _reference_lists() -> dict[str, str]:
    """Lists of allowed values quoted in the reference pages, taken from the code."""
    from sphinx_awesome.entries import KINDS, LINK_LABELS
    from sphinx_awesome.venues import BUILTIN_VENUES

    def names(values) -> str:
        return ", ".join(f"`{value}`" for value in values)

    rows = ["| Venue | Also accepted |", "|---|---|"]
    for venue, aliases in BUILTIN_VENUES.items():
        rows.append(f"| `{venue}` | {', '.join(aliases) or '—'} |")
    return {
        "kinds": names(KINDS),
        "link_labels": names(LINK_LABELS),
        "builtin_venues": "\n".join(rows),
        "n_builtin_venues": str(len(BUILTIN_VENUES)),
    }


def _field_reference() -> dict[str, str]:
    """The field tables of the reference pages, made from the one description of fields."""
    from sphinx_awesome.fields import COLUMNS, FIELDS, FILTERS, SORT_KEYS
    from sphinx_awesome.filters import FIELDS as FILTER_NAMES

    def code(text: str | None) -> str:
        return f"`{text}`" if text else "—"

    rows = [
        "| Field | Holds | Column | `:sort:` | `:filter:` | BibTeX | README |",
        "|---|---|---|---|---|---|---|",
    ]
    for spec in FIELDS:
        rows.append(
            f"| `{spec.name}` | {spec.type.shape} | {code(spec.column and spec.name)} "
            f"| {code(spec.sort and spec.sort.name)} | {code(spec.filter and spec.filter.name)} "
            f"| {code(spec.bibtex and spec.bibtex.name)} | {spec.readme or '—'} |"
        )
    filters = ["| Field | Matches | Example |", "|---|---|---|"]
    for name in FILTER_NAMES:
        how = FILTERS[name].filter
        assert how is not None
        filters.append(f"| `{name}` | {how.doc} | `{how.example}` |")
    return {
        "field_table": "\n".join(rows),
        "filter_table": "\n".join(filters),
        "filter_names": ", ".join(f"`{name}`" for name in FILTER_NAMES),
        "sort_keys": ", ".join(f"`{name}`" for name in SORT_KEYS),
        "column_names": ", ".join(f"`{name}`" for name in COLUMNS),
    }


myst_substitutions = {
    **_list_numbers(),
    **_reference_lists(),
    **_field_reference(),
    "problem_codes": _problem_codes(),
}

# -- HTML output ---------------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = "sphinx-awesome"
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_theme_options = {
    # Everything the theme shows is local: no launch buttons, no remote version switcher.
    "home_page_in_toc": True,
    "show_navbar_depth": 2,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": True,
    "navigation_with_keys": False,
}

# Read the Docs sets the canonical URL of the version being built.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# pydata-sphinx-theme logs a console error on first visit unless a default mode is set.
html_context: dict[str, object] = {"default_mode": "auto"}
if os.environ.get("READTHEDOCS") == "True":
    html_context["READTHEDOCS"] = True

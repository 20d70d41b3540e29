"""Charts of the list: how many entries per year, venue, tag, category or kind.

A ``paper-chart`` (:mod:`~sphinx_awesome.chart_directive`) leaves a placeholder figure and a
:class:`ChartSpec`. After reading, the domain chooses each chart's entries with the tables'
machinery (:class:`~sphinx_awesome.rows.Selector`) and counts them here (:func:`count`), so a
chart's page is written again only when its counts change. At write time the placeholder
becomes an inline SVG bar chart with a text alternative (HTML builders) or a table of groups
and counts (every other builder).

The SVG is one escaped string: every text goes through :func:`~sphinx_awesome.escaping.
escape_html`. Bars are horizontal, each label on its own line above its bar, so long venue or
category names stay readable on a narrow screen; sizes are in CSS pixels and percentages
(no ``viewBox`` scaling shrinks the text). Colours come from the stylesheet (theme variables,
light and dark).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import compat
from .config import KINDS_ORDER
from .escaping import class_token, escape_html
from .fields import FILTERS
from .gcpause import paused_gc

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .config import AwesomeConfig, Category
    from .domain import AwesomeDomain
    from .entries import Entry
    from .filters import Filter

#: What a chart counts by (``:by:``): filter fields, whose descriptions give the values.
BY = ("year", "venue", "tag", "category", "kind")
#: Longest label drawn in full (the data table and the bar's tooltip keep the whole text).
LABEL_CHARS = 40
ROW_HEIGHT = 34  # pixels per group: a label line, then the bar
BAR_HEIGHT = 12
INDENT = 14  # pixels per level of a sub-category's label
BAR_SPAN = 86.0  # per cent of the width the longest bar takes (the rest holds its count)
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass
class ChartSpec:
    """One ``paper-chart`` as written: where it is, which entries, counted by what."""

    docname: str
    serial: int
    line: int
    patterns: tuple[str, ...] | None  # source-relative globs; None means awesome_entries
    by: str = "year"
    filter: Filter | None = None
    top: int | None = None  # ``:limit:``: the N largest groups
    classes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.docname}#chart-{self.serial}"

    @property
    def source(self) -> str | None:
        return None  # charts count this project's entries

    @property
    def sort(self) -> tuple[tuple[str, bool], ...]:
        return ()  # a chart counts its entries in any order

    @property
    def limit(self) -> int | None:
        return None  # every selected entry is counted; ``top`` limits the groups

    def query_key(self) -> tuple[object, ...]:
        """Charts and tables with equal query keys choose the same entries."""
        return (self.source, self.patterns, self.filter, (), None)


@dataclass(frozen=True)
class Counts:
    """What a chart shows: ``(group key, entries)`` in reading order (``""``: no value),
    how many entries it counts, and the groups ``:limit:`` left out with their entries."""

    groups: tuple[tuple[str, int], ...]
    entries: int
    hidden_groups: int = 0
    hidden_entries: int = 0


def count(
    by: str, top: int | None, entries: Iterable[Entry], categories: Mapping[str, Category]
) -> Counts:
    """The entries per group; an entry with several values (tags) counts in each, and a
    category counts the entries of its sub-categories too (as ``category:`` filters do)."""
    field = FILTERS[by]
    tally: dict[str, int] = {}
    total = 0
    for entry in entries:
        total += 1
        values = field.strings(entry)
        if by == "category":
            values = tuple(dict.fromkeys(a for path in values for a in ancestors(path)))
        for key in values or ("",):
            tally[key] = tally.get(key, 0) + 1
    keys = list(tally)
    hidden_groups = hidden_entries = 0
    if top is not None and len(keys) > top:
        # The N largest groups with a value; entries without one count among the others.
        valued = [k for k in keys if k]
        largest = sorted(valued, key=lambda k: (-tally[k], k.casefold(), k))[:top]
        hidden = set(keys) - set(largest)
        hidden_groups, hidden_entries = len(hidden), sum(tally[k] for k in hidden)
        keys = largest
    ordered = sorted(keys, key=_order(by, tally, categories))
    return Counts(tuple((k, tally[k]) for k in ordered), total, hidden_groups, hidden_entries)


def ancestors(path: str) -> list[str]:
    """A category path and the paths above it, from the top: ``a``, ``a/b``, ``a/b/c``."""
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _order(by: str, tally: Mapping[str, int], categories: Mapping[str, Category]) -> Any:
    """The reading order of groups: years in time order, kinds in their declared order,
    categories as a tree (each under its parent, in the tree's order), venues and tags
    largest first; the group without a value last."""
    rank: dict[str, int] = {}
    for i, path in enumerate(categories):
        for above in ancestors(path):  # a parent the tree leaves out goes before its first child
            rank.setdefault(above, i)

    def key(group: str) -> tuple[object, ...]:
        if group == "":
            return (1,)
        if by == "year":
            return (0, int(group))
        if by == "kind":
            return (0, KINDS_ORDER.get(group, len(KINDS_ORDER)), group)
        if by == "category":
            return (0, tuple((rank.get(a, len(rank)), a) for a in ancestors(group)))
        return (0, -tally[group], group.casefold(), group)

    return key


def group_label(by: str, key: str, config: AwesomeConfig) -> str:
    """A group's full name: a category's titles from the top, joined by an angle quotation
    mark (``Systems``, then its ``Parallelism``); "No venue" for the entries without one."""
    if key == "":
        return f"No {by}"
    if by == "category":
        return " › ".join(config.category_title(a) for a in ancestors(key))
    return key


def drawn_label(by: str, key: str, config: AwesomeConfig) -> tuple[str, int]:
    """A group's name in the drawing, and how deep to indent it: a category shows its own
    title under its parent's."""
    if by == "category" and key:
        return config.category_title(key), key.count("/")
    return group_label(by, key, config), 0


def _short(label: str) -> str:
    """*label*, cut at a word to at most :data:`LABEL_CHARS` characters with an ellipsis."""
    if len(label) <= LABEL_CHARS:
        return label
    cut = label[:LABEL_CHARS]  # a space just after the last whole word counts
    head = cut.rsplit(" ", 1)[0] if " " in cut[LABEL_CHARS // 2 :] else cut[:-1]
    return head.rstrip(" ,;:-–—") + "…"


def describe(by: str, counts: Counts, labels: list[str]) -> str:
    """The chart in words (the SVG's description, read by screen readers)."""
    groups = "; ".join(f"{label}: {n}" for label, (_, n) in zip(labels, counts.groups, strict=True))
    text = f"Bar chart of {counts.entries} entries by {by}. {groups}."
    if counts.hidden_groups:
        text += f" Not shown: {counts.hidden_groups} smaller groups ({counts.hidden_entries})."
    return text


def svg_html(
    chart_id: str,
    title: str,
    by: str,
    counts: Counts,
    labels: list[str],
    drawn: list[tuple[str, int]] | None = None,
) -> str:
    """The chart as inline SVG (``role="img"``, title and description), followed by its
    numbers as a table in a ``<details>`` element. *labels* are the groups' full names (the
    description, the table, the bars' tooltips); *drawn* what the drawing shows of them,
    with an indentation depth (default: the full names)."""
    esc = escape_html
    largest = max((n for _, n in counts.groups), default=1)
    height = ROW_HEIGHT * len(counts.groups) + 4
    out = [
        f'<svg xmlns="{SVG_NS}" class="awesome-chart-svg" role="img" width="100%" '
        f'height="{height}" aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc">',
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>',
        f'<desc id="{esc(chart_id)}-desc">{esc(describe(by, counts, labels))}</desc>',
    ]
    drawn = drawn or [(label, 0) for label in labels]
    rows = zip(labels, drawn, counts.groups, strict=True)
    for row, (label, (text, depth), (_, n)) in enumerate(rows):
        top = row * ROW_HEIGHT
        width = max(BAR_SPAN * n / largest, 0.5)
        out.append(
            f'<g class="awesome-chart-group"><title>{esc(label)}: {n}</title>'
            f'<text class="awesome-chart-label" x="{INDENT * depth}" y="{top + 13}">'
            f"{esc(_short(text))}</text>"
            f'<rect class="awesome-chart-bar" x="0" y="{top + 18}" width="{width:.2f}%" '
            f'height="{BAR_HEIGHT}" rx="2"></rect>'
            f'<text class="awesome-chart-count" x="{width:.2f}%" dx="6" y="{top + 29}">{n}</text>'
            "</g>"
        )
    out.append("</svg>")
    out.append(data_table_html(by, counts, labels))
    return "".join(out)


def data_table_html(by: str, counts: Counts, labels: list[str]) -> str:
    esc = escape_html
    rows = "".join(
        f"<tr><td>{esc(label)}</td><td>{n}</td></tr>"
        for label, (_, n) in zip(labels, counts.groups, strict=True)
    )
    if counts.hidden_groups:
        rows += (
            f"<tr><td>{counts.hidden_groups} other groups</td><td>{counts.hidden_entries}</td></tr>"
        )
    return (
        '<details class="awesome-chart-data"><summary>The numbers</summary>'
        '<table class="awesome-chart-table"><thead><tr>'
        f'<th scope="col">{esc(by.capitalize())}</th><th scope="col">Entries</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></details>"
    )


def table_node(
    by: str, counts: Counts, labels: list[str], caption: nodes.caption | None
) -> nodes.table:
    """The chart as a docutils table (group, entries), for builders other than HTML."""
    table = nodes.table(classes=["awesome-chart-table"])
    if caption is not None:
        table += nodes.title(caption.astext(), "", *caption.children)
    tgroup = nodes.tgroup(cols=2)
    tgroup += nodes.colspec(colwidth=30)
    tgroup += nodes.colspec(colwidth=8)
    head = nodes.row()
    for text in (by.capitalize(), "Entries"):
        head += nodes.entry("", nodes.paragraph(text, text))
    tgroup += nodes.thead("", head)
    body = nodes.tbody()
    rows = [(label, str(n)) for label, (_, n) in zip(labels, counts.groups, strict=True)]
    if counts.hidden_groups:
        rows.append((f"{counts.hidden_groups} other groups", str(counts.hidden_entries)))
    for label, n in rows:
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph(label, label))
        row += nodes.entry("", nodes.paragraph(n, n))
        body += row
    tgroup += body
    table += tgroup
    return table


def chart_id(spec: ChartSpec) -> str:
    """An id unique in the whole output (singlehtml puts every page on one)."""
    return f"awesome-chart-{class_token(spec.docname)}-{spec.serial}"


def expand(figure: nodes.figure, spec: ChartSpec, domain: AwesomeDomain, html: bool) -> nodes.Node:
    """The placeholder figure filled with its chart (HTML), or replaced by a table."""
    counts = domain.state.charts.get(spec.key) or Counts((), 0)
    config = domain.settings
    labels = [group_label(spec.by, key, config) for key, _ in counts.groups]
    drawn = [drawn_label(spec.by, key, config) for key, _ in counts.groups]
    captions = [c for c in figure.children if isinstance(c, nodes.caption)]
    title = captions[0].astext() if captions else f"Entries by {spec.by}"
    if not counts.groups:
        text = "No entries to count."
        body: nodes.Node = nodes.paragraph(text, text, classes=["awesome-empty"])
    elif html:
        body = nodes.raw(
            "", svg_html(chart_id(spec), title, spec.by, counts, labels, drawn), format="html"
        )
    else:
        table = table_node(spec.by, counts, labels, captions[0] if captions else None)
        table["ids"] = figure["ids"]
        return table
    figure.insert(0, body)
    return figure


class ExpandCharts(SphinxPostTransform):
    """Fill each chart placeholder (before references are resolved)."""

    default_priority = 5

    @paused_gc()
    def run(self, **kwargs: Any) -> None:
        placeholders = [f for f in self.document.findall(nodes.figure) if "awesome_chart" in f]
        if not placeholders:
            return
        domain: AwesomeDomain = self.env.domains["awesome"]  # type: ignore[assignment]
        html = compat.env_app(self.env).builder.format == "html"
        for figure in placeholders:
            key = figure["awesome_chart"]
            del figure["awesome_chart"]
            spec = domain.chart(key)
            if spec is None:  # pragma: no cover - a placeholder always has its spec
                continue
            expanded = expand(figure, spec, domain, html)
            if expanded is not figure:
                figure.replace_self(expanded)


def setup_charts(app: Sphinx) -> None:
    from .chart_directive import PaperChart

    app.add_directive("paper-chart", PaperChart)
    app.add_post_transform(ExpandCharts)

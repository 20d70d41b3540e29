"""The ``paper-chart`` directive: entries per year, venue, tag, category or kind.

It chooses entries as ``paper-table`` does (an entry-file argument, ``:filter:``) and, like
it, only leaves a placeholder at read time: a figure (so ``:name:`` and ``:numref:`` work as
for any figure) that :mod:`sphinx_awesome.charts` fills at write time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from .charts import BY, ChartSpec
from .directive import PaperTable, _AnyOption

OPTIONS = ("by", "filter", "limit", "caption", "name", "class")


class PaperChart(PaperTable):
    """``.. paper-chart:: [entry files]`` - a bar chart of entries per group."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = _AnyOption(
        {name: directives.unchanged for name in OPTIONS}
    )
    known_options = OPTIONS
    shows = "chart"

    def run(self) -> list[nodes.Node]:
        self._warn_unknown_options()
        domain = self.env.domains["awesome"]
        spec = ChartSpec(
            docname=self.env.docname,
            serial=self.env.new_serialno("awesome-chart"),
            line=self.lineno,
            patterns=self._patterns(),
            by=self._choice("by", BY) or "year",
        )
        shown, spec.filter = self._filter()
        if not shown:
            return []
        if self.options.get("limit"):
            spec.top = self._limit(self.options["limit"])
        if self.options.get("class"):
            spec.classes = tuple(directives.class_option(self.options["class"]))
        domain.add_chart(spec)  # type: ignore[attr-defined]
        return self._figure(spec)

    def _unmatched_hint(self, raw: str) -> str:
        return f" (to count entries per {raw}: ':by: {raw}')" if raw in BY else ""

    def _figure(self, spec: ChartSpec) -> list[nodes.Node]:
        figure = nodes.figure(classes=["awesome-chart", *spec.classes], awesome_chart=spec.key)
        self.set_source_info(figure)
        out: list[nodes.Node] = [figure]
        caption = " ".join((self.options.get("caption") or "").split())
        if caption:
            text_nodes, messages = self.state.inline_text(caption, self.lineno)
            node = nodes.caption(caption, "", *text_nodes)
            self.set_source_info(node)
            figure += node
            out += messages
        name = (self.options.get("name") or "").strip()
        if name:
            self.options["name"] = name
            self.add_name(figure)
        return out

"""What the domain keeps about entries between builds (:class:`BuildState`, pickled with the
environment) and about the build in progress (:class:`BuildRun`, never pickled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .anchors import row_id, title_id
from .compat import IndexTuple

if TYPE_CHECKING:
    from .charts import Counts
    from .sources import Fetched, Source
    from .store import EntryStore


@dataclass
class BuildState:
    """What the last build computed; kept to find what the next build must rewrite."""

    results: dict[str, tuple[str, ...]] = field(default_factory=dict)  # table key -> ids
    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (doc, key)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (doc, id)
    index: dict[str, list[IndexTuple]] = field(default_factory=dict)  # doc -> entries
    signature: tuple[object, ...] = ()  # what decided the rows: every table's query
    render_key: tuple[object, ...] = ()  # the settings that shaped the rendered tables
    charts: dict[str, Counts] = field(default_factory=dict)  # chart key -> its counts
    browse_keys: dict[str, set[str]] = field(default_factory=dict)  # groups on browse pages
    clashes: set[str] = field(default_factory=set)  # ids whose paper-<id> a label took

    def anchor(self, entry_id: str) -> str:
        """Where links to an entry's canonical row point."""
        return title_id(entry_id) if entry_id in self.clashes else row_id(entry_id)


@dataclass
class BuildRun:
    """What this process knows about the build in progress."""

    read: list[str] = field(default_factory=list)  # documents (re-)read in this build
    #: the entry store, state and sources, set aside while parallel readers send
    #: environments back
    detached: tuple[EntryStore, BuildState, dict[str, Source]] | None = None
    #: what the start of the build found of each of ``awesome_sources``
    fetched: dict[str, Fetched] | None = None
    quiet: bool = False  # nothing to write: a no-op build
    unfinished: bool = False  # the last build did not finish: write everything again
    #: the linkcheck builder's entry links (see :mod:`sphinx_awesome.linkcheck`)
    linkcheck: Any = None

"""Scale benchmark: an entry-file book against the same book written as hand-made list-tables.

Run it with ``nox -s bench`` or directly::

    python benchmarks/bench_build.py                       # 10,000 entries, 3 runs each
    python benchmarks/bench_build.py --entries 1000 --runs 1
    python benchmarks/bench_build.py --scale 1000,10000,100000 --check
    python benchmarks/bench_build.py --entries 10000 --runs 0 --profile

For every size it generates two books with the same content (see benchmarks/README.md):

* the **entry book**: one YAML file per entry, 100 category pages each holding a
  ``paper-table`` and ten ``:paper:`` references, and one page showing every entry;
* the **list-table book**: the same pages written by hand, as a maintainer does today, with
  ``list-table`` directives and ``:ref:`` links.

Each build runs in a fresh ``python`` process (``sphinx-build -b html -q -j 1``); wall time is
measured around the process and the process reports its own peak RSS. Per book it measures,
as the median of ``--runs`` runs: a full build (output and doctrees removed), a no-op rebuild,
and a rebuild after editing one entry's title. It then builds the edited project afresh into
another directory and compares every output file byte for byte with the incrementally built
one. Any warning, a failed build, an edit that does not show up everywhere, or an output
mismatch is a correctness failure (exit status 1). ``--check`` also makes a missed speed or
memory target exit 1.

Only the standard library is used here; Sphinx and sphinx-awesome run in the child processes.
"""

from __future__ import annotations

import argparse
import difflib
import io
import itertools
import json
import math
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# -- targets (ratios, measured in one run on one machine) ---------------------------------------

TARGET_FULL_RATIO = 0.25  # entry-book full build / list-table full build
TARGET_NOOP = 0.08  # no-op rebuild / full build (entry book)
TARGET_EDIT = 0.15  # one-entry-edit rebuild / full build (entry book)
TARGET_SLOPE = 1.15  # log-log growth between sizes; 1.0 is linear

N_CATEGORIES = 100
REFS_PER_PAGE = 10
COLUMNS = ("title", "venue", "year", "authors", "links", "tags")
HEADINGS = ("Title", "Venue", "Year", "Authors", "Links", "Tags")
SEED = 20240611

# -- the child process ----------------------------------------------------------------------------
# argv: <rss-file> <profile-file or ""> <sphinx-build arguments...>
CHILD = r"""
import resource, sys
from sphinx.cmd.build import main
rss_file, prof_file, args = sys.argv[1], sys.argv[2], sys.argv[3:]
if prof_file:
    import cProfile
    prof = cProfile.Profile()
    rc = prof.runcall(main, args)
    prof.dump_stats(prof_file)
else:
    rc = main(args)
usage = resource.getrusage(resource.RUSAGE_SELF)
with open(rss_file, "w") as f:
    f.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(rc)
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fmt_duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.1f} s"
    if seconds < 5400:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


# -- synthetic data -------------------------------------------------------------------------------

SYLLABLES = (
    "al",
    "pa",
    "meg",
    "tron",
    "zer",
    "o",
    "flex",
    "flow",
    "ray",
    "deep",
    "speed",
    "pipe",
    "dream",
    "gem",
    "ini",
    "tu",
    "tel",
    "hy",
    "dra",
    "ko",
    "rin",
    "va",
    "lo",
    "quo",
    "sar",
    "ne",
    "mi",
    "tas",
    "bo",
    "lux",
    "ter",
    "ion",
    "cap",
    "stone",
    "far",
    "ga",
    "te",
    "ul",
    "xe",
    "nyx",
    "or",
    "bit",
    "sha",
    "dow",
    "pol",
    "ar",
    "ix",
    "zen",
    "mo",
    "sa",
    "ic",
)
WORDS = (
    "efficient",
    "scalable",
    "distributed",
    "training",
    "inference",
    "large",
    "language",
    "models",
    "pipeline",
    "parallelism",
    "tensor",
    "memory",
    "optimization",
    "heterogeneous",
    "clusters",
    "GPU",
    "accelerators",
    "communication",
    "scheduling",
    "fault",
    "tolerance",
    "elastic",
    "sparse",
    "mixture",
    "experts",
    "attention",
    "kernels",
    "compiler",
    "automatic",
    "partitioning",
    "offloading",
    "checkpointing",
    "quantization",
    "low-precision",
    "serving",
    "throughput",
    "latency",
    "datacenter",
    "networks",
    "collective",
    "gradient",
    "compression",
    "asynchronous",
    "synchronous",
    "data",
    "loading",
    "storage",
    "caching",
    "recommendation",
    "embeddings",
    "graph",
    "neural",
    "systems",
    "at",
    "scale",
    "for",
    "with",
    "and",
    "of",
    "in",
    "towards",
    "via",
    "fast",
    "robust",
    "adaptive",
    "unified",
    "framework",
    "runtime",
    "planning",
    "search",
    "cost",
    "model",
    "simulation",
    "profiling",
    "energy",
    "aware",
    "multi-tenant",
    "preemptible",
    "spot",
    "instances",
    "long-context",
    "sequence",
    "activation",
    "recomputation",
    "zero-bubble",
    "interleaved",
    "federated",
    "decentralized",
    "transformer",
    "diffusion",
    "reinforcement",
    "learning",
    "RLHF",
)
SMALL = {"at", "for", "with", "and", "of", "in", "via"}
#: Title decorations carrying reST-special characters (the list-table book must escape them).
SPECIALS = (
    "with *Sparse* Attention",
    "for `torch.compile`",
    "on FP8_E4M3 Hardware",
    "at 1:4 Ratio",
    "Revisited: A Second Look",
    "Compute | Memory Trade-offs",
    "the *Right* Way",
    "for `jax.pmap` and snake_case_apis",
    "in C++ and CUDA",
    "(Extended Version)",
)
FIRST = (
    "Wei",
    "Lianmin",
    "Deepak",
    "Ion",
    "Matei",
    "Zoë",
    "José",
    "Łukasz",
    "Aisha",
    "Hao",
    "Yuxuan",
    "Sofia",
    "Mohammad",
    "Chen",
    "Olivia",
    "Ravi",
    "Jürgen",
    "Ana",
    "Kenji",
    "Priya",
    "Tianqi",
    "Minjia",
    "Samuel",
    "Elena",
    "Noam",
    "Yang",
    "Fatima",
    "Lucas",
)
LAST = (
    "Zheng",
    "Narayanan",
    "Stoica",
    "Zaharia",
    "Müller",
    "García",
    "Kaiser",
    "Zhang",
    "Wang",
    "Li",
    "Liu",
    "Chen",
    "Rajbhandari",
    "Shoeybi",
    "Patel",
    "Nakamura",
    "Kumar",
    "Silva",
    "Rossi",
    "Kowalski",
    "Ahmed",
    "Johansson",
    "Dubois",
    "Smith",
    "Park",
    "Ivanova",
    "Huang",
    "O'Brien",
    "Nguyen",
    "Schmidt",
    "van der Berg",
)
#: (canonical name, spellings maintainers use); "{yy}" becomes the year's last two digits.
VENUES = (
    ("OSDI", ("OSDI", "USENIX OSDI")),
    ("SOSP", ("SOSP",)),
    ("EuroSys", ("EuroSys", "Eurosys", "EUROSYS")),
    ("ATC", ("USENIX ATC", "ATC")),
    ("NSDI", ("NSDI",)),
    ("MLSys", ("MLSys", "SysML")),
    ("NeurIPS", ("NeurIPS", "NIPS", "NIPS'{yy}")),
    ("ICML", ("ICML",)),
    ("ICLR", ("ICLR",)),
    ("SC", ("SC", "Supercomputing")),
    ("PPoPP", ("PPoPP", "PPOPP")),
    ("ASPLOS", ("ASPLOS",)),
    ("ISCA", ("ISCA",)),
    ("VLDB", ("VLDB", "PVLDB")),
    ("SIGMOD", ("SIGMOD",)),
    ("KDD", ("KDD", "SIGKDD")),
    ("arXiv", ("arXiv", "CoRR")),
    ("ACL", ("ACL",)),
    ("SoCC", ("SoCC", "SOCC")),
    ("FAST", ("FAST",)),
    ("HPCA", ("HPCA",)),
    ("MICRO", ("MICRO",)),
)
TAGS = (
    "gpu",
    "tpu",
    "pipeline",
    "tensor-parallel",
    "data-parallel",
    "auto-parallelism",
    "moe",
    "zero",
    "offload",
    "checkpoint",
    "fault-tolerance",
    "elastic",
    "scheduling",
    "serving",
    "inference",
    "quantization",
    "fp8",
    "compiler",
    "kernels",
    "attention",
    "long-context",
    "communication",
    "collectives",
    "network",
    "storage",
    "dataloader",
    "recsys",
    "embedding",
    "graph",
    "rlhf",
    "federated",
    "energy",
    "simulation",
    "profiling",
    "cost-model",
    "heterogeneous",
    "spot",
    "multi-tenant",
    "memory",
    "survey",
)
LINK_KINDS = ("paper", "code", "arxiv", "doi")


@dataclass
class Paper:
    id: str
    name: str
    phrase: str
    colon: bool  # "Name: phrase" (True) or a phrase-only title
    authors: list[str]
    venue_written: str
    venue: str
    year: int
    links: list[tuple[str, str, str]]  # (label, value as written, URL)
    tags: list[str]
    category: str
    added: str = ""  # when the entry joined the list (the feed shows the newest)

    @property
    def title(self) -> str:
        return f"{self.name}: {self.phrase}" if self.colon else self.phrase

    @property
    def short_title(self) -> str:
        head, sep, _ = self.title.partition(":")
        return head.strip() if sep and head.strip() else self.title


@dataclass
class Dataset:
    papers: list[Paper]
    categories: dict[str, str]  # cat-NNN -> title
    refs: dict[str, list[str]]  # cat-NNN -> ids referenced with :paper: / :ref:
    edit_id: str

    @property
    def by_id(self) -> dict[str, Paper]:
        return {p.id: p for p in self.papers}

    def referencing_pages(self, entry_id: str) -> list[str]:
        return [cat for cat, ids in self.refs.items() if entry_id in ids]


def make_dataset(n: int, seed: int = SEED) -> Dataset:
    rng = random.Random(seed)
    names: set[str] = set()
    papers: list[Paper] = []
    for i in range(n):
        while True:
            parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))]
            name = "".join(parts).capitalize()
            if rng.random() < 0.25:  # CamelCase systems: "MegaTron", "DeepSpeed"
                cut = len(parts[0])
                name = name[:cut] + name[cut:].capitalize()
            if rng.random() < 0.05:
                name += str(rng.randint(2, 9))
            if name.lower() not in names:
                names.add(name.lower())
                break
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 9))]
        phrase = " ".join(w if w in SMALL or not w[0].islower() else w.capitalize() for w in words)
        phrase = phrase[0].upper() + phrase[1:]
        if rng.random() < 0.12:
            phrase += " " + rng.choice(SPECIALS)
        colon = rng.random() < 0.8
        if not colon:
            phrase = f"{phrase} ({name})"  # keeps phrase-only titles unique
        year = rng.randint(2010, 2025)
        canonical, spellings = rng.choice(VENUES)
        written = rng.choice(spellings).replace("{yy}", f"{year % 100:02d}")
        entry_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        links = []
        for label in sorted(rng.sample(LINK_KINDS, rng.randint(1, 3)), key=LINK_KINDS.index):
            if label == "paper":
                value = f"https://papers.example.org/{year}/{entry_id}.pdf"
                url = value
            elif label == "code":
                value = f"https://github.com/example-{rng.choice(SYLLABLES)}/{entry_id}"
                url = value
            elif label == "arxiv":
                value = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
                url = "https://arxiv.org/abs/" + value
            else:
                value = f"10.{rng.randint(1000, 99999)}/{entry_id}.{year}"
                url = "https://doi.org/" + value
            links.append((label, value, url))
        authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 8))]
        tags = rng.sample(TAGS, rng.randint(1, 4))
        papers.append(
            Paper(
                entry_id,
                name,
                phrase,
                colon,
                authors,
                written,
                canonical,
                year,
                links,
                tags,
                f"cat-{i % N_CATEGORIES:03d}",
                # Spread over five years without drawing from the generator (the data
                # stays what it was before entries had dates).
                f"{2020 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            )
        )
    categories = {
        f"cat-{c:03d}": f"Category {c:03d}: "
        f"{' '.join(w.capitalize() for w in rng.sample(WORDS[:40], 3))}"
        for c in range(N_CATEGORIES)
    }
    by_cat: dict[str, list[str]] = {c: [] for c in categories}
    for p in papers:
        by_cat[p.category].append(p.id)
    all_ids = [p.id for p in papers]
    refs: dict[str, list[str]] = {}
    for cat in categories:
        own = set(by_cat[cat])
        picked: list[str] = []
        while len(picked) < min(REFS_PER_PAGE, len(all_ids) - len(own)):
            candidate = rng.choice(all_ids)
            if candidate not in own and candidate not in picked:
                picked.append(candidate)
        refs[cat] = picked
    # The edited entry: referenced from elsewhere, a "Name: ..." title in plain characters.
    by_id = {p.id: p for p in papers}
    edit_id = next(
        i
        for cat in categories
        for i in refs[cat]
        if by_id[i].colon and re.fullmatch(r"[A-Za-z0-9 :()-]+", by_id[i].title)
    )
    return Dataset(papers, categories, refs, edit_id)


# -- the two books --------------------------------------------------------------------------------


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def entry_yaml(p: Paper) -> str:
    lines = [f"title: {yaml_str(p.title)}", "authors:"]
    lines += [f"  - {yaml_str(a)}" for a in p.authors]
    lines += [f"venue: {yaml_str(p.venue_written)}", f"year: {p.year}", "links:"]
    lines += [f"  {label}: {yaml_str(value)}" for label, value, _ in p.links]
    lines += [f"tags: [{', '.join(p.tags)}]", f"categories: [{p.category}]"]
    if p.added:
        lines.append(f"added: {p.added}")
    return "\n".join(lines) + "\n"


def rst_escape(text: str) -> str:
    """Backslash-escape inline markup; escaped quotes also stay straight (no smart quotes),
    as sphinx-awesome's rows, built after Sphinx's SmartQuotes transform, show them."""
    return re.sub(r"([\\*_`|'\"])", r"\\\1", text)


def heading(text: str) -> str:
    return f"{text}\n{'=' * len(text)}\n"


def ordered(papers: Sequence[Paper], by_year: bool) -> list[Paper]:
    """The order sphinx-awesome's ``:sort: -year, title`` / ``:sort: title`` gives."""

    def title_key(p: Paper) -> str:
        t = p.title.casefold()
        return next((t[i:] for i, c in enumerate(t) if c.isalnum()), t)

    rows = sorted(papers, key=lambda p: p.id)  # file order: entries/<id>.yaml
    rows.sort(key=title_key)
    if by_year:
        rows.sort(key=lambda p: p.year, reverse=True)
    return rows


def intro(cat: str) -> str:
    return (
        f"This page lists the papers of {cat}, newest first. Rows are generated for the "
        "benchmark; every title, author and link is synthetic.\n"
    )


CONF_COMMON = """project = "Bench book"
author = "sphinx-awesome benchmark"
copyright = "2024, sphinx-awesome benchmark"
html_theme = "alabaster"
exclude_patterns = ["_build"]
"""


class Book:
    """A generated project, its output directory, and its one-entry edit."""

    kind = ""

    def __init__(self, root: Path, data: Dataset) -> None:
        self.src = root / "src"
        self.out = root / "out"
        self.fresh = root / "out-fresh"
        self.data = data
        self.edits = 0
        self.original_name = data.by_id[data.edit_id].name

    def write(self, rel: str, text: str) -> None:
        path = self.src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def generate(self) -> None:
        if self.src.exists():
            shutil.rmtree(self.src)
        self.src.mkdir(parents=True)
        toc = "\n".join(f"   {c}" for c in ["all", *self.data.categories])
        self.write(
            "index.rst",
            heading("Bench book")
            + f"\nA synthetic awesome list of {len(self.data.papers)} entries.\n\n"
            ".. toctree::\n   :maxdepth: 1\n\n" + toc + "\n",
        )
        self.write_all()

    def write_all(self) -> None:
        raise NotImplementedError

    def pages_showing(self, entry_id: str) -> list[str]:
        p = self.data.by_id[entry_id]
        return [p.category, "all", *self.data.referencing_pages(entry_id)]

    def edit(self) -> tuple[str, str]:
        """Rename the edited entry (its title and short title change); returns (new, old)."""
        self.edits += 1
        paper = self.data.by_id[self.data.edit_id]
        old = paper.name
        paper.name = self.original_name + ("Rev" if self.edits % 2 else "Alt")
        self.apply_edit(paper)
        return paper.name, old

    def apply_edit(self, paper: Paper) -> None:
        raise NotImplementedError


class EntryBook(Book):
    kind = "entry book"

    def write_all(self) -> None:
        d = self.data
        cats = ",\n".join(f"    {c!r}: {t!r}" for c, t in d.categories.items())
        self.write(
            "conf.py",
            CONF_COMMON + 'extensions = ["sphinx_awesome"]\n'
            'awesome_entries = ["entries/*.yaml"]\n'
            'awesome_feed = "feed.xml"\n'
            f"awesome_categories = {{\n{cats},\n}}\n",
        )
        entries = self.src / "entries"
        entries.mkdir()
        for p in d.papers:
            (entries / f"{p.id}.yaml").write_text(entry_yaml(p), encoding="utf-8")
        columns = ", ".join(COLUMNS)
        for cat, title in d.categories.items():
            refs = ", ".join(f":paper:`{i}`" for i in d.refs[cat])
            self.write(
                f"{cat}.rst",
                heading(title) + "\n" + intro(cat) + "\n"
                f".. paper-chart::\n   :filter: category:{cat}\n   :by: year\n\n"
                f".. paper-table::\n   :filter: category:{cat}\n   :sort: -year, title\n"
                f"   :columns: {columns}\n\n"
                f"Related work in other categories: {refs}.\n",
            )
        self.write(
            "all.rst",
            heading("All entries") + "\nEvery entry of the list, by title.\n\n"
            f".. paper-table::\n   :no-index:\n   :sort: title\n   :columns: {columns}\n",
        )

    def apply_edit(self, paper: Paper) -> None:
        (self.src / "entries" / f"{paper.id}.yaml").write_text(entry_yaml(paper), encoding="utf-8")


class ListTableBook(Book):
    kind = "list-table book"

    def write_all(self) -> None:
        self.write("conf.py", CONF_COMMON + "extensions = []\n")
        for cat in self.data.categories:
            self.write(f"{cat}.rst", self.category_page(cat))
        self.write("all.rst", self.all_page())

    @staticmethod
    def table(rows: list[list[str]]) -> str:
        out = [".. list-table::", "   :header-rows: 1", ""]
        for cells in [list(HEADINGS), *rows]:
            for i, cell in enumerate(cells):
                lines = cell.split("\n")
                out.append(("   * - " if i == 0 else "     - ") + lines[0])
                out += [("       " + line) if line else "" for line in lines[1:]]
        return "\n".join(out) + "\n"

    @staticmethod
    def cells(p: Paper, title: str) -> list[str]:
        links = " ".join(f"`{label} <{url}>`__" for label, _, url in p.links)
        authors = rst_escape(", ".join(p.authors))
        return [title, p.venue, str(p.year), authors, links, " ".join(p.tags)]

    def category_page(self, cat: str) -> str:
        d = self.data
        papers = [p for p in d.papers if p.category == cat]
        if not papers:
            body = "No entries yet.\n"
        else:
            rows = [
                self.cells(p, f".. _paper-{p.id}:\n\n{rst_escape(p.title)}")
                for p in ordered(papers, by_year=True)
            ]
            body = self.table(rows)
        by_id = d.by_id
        refs = ", ".join(
            f":ref:`{rst_escape(by_id[i].short_title)} <paper-{i}>`" for i in d.refs[cat]
        )
        return (
            heading(d.categories[cat]) + "\n" + intro(cat) + "\n" + body + "\n"
            f"Related work in other categories: {refs}.\n"
        )

    def all_page(self) -> str:
        rows = [
            self.cells(p, f"{rst_escape(p.title)} :ref:`↗ <paper-{p.id}>`")
            for p in ordered(self.data.papers, by_year=False)
        ]
        return (
            heading("All entries") + "\nEvery entry of the list, by title.\n\n" + self.table(rows)
        )

    def apply_edit(self, paper: Paper) -> None:
        # What a maintainer edits by hand: the row on the category page, the row on the
        # all-entries page, and the link text on every page that refers to the paper.
        for page in dict.fromkeys(self.pages_showing(paper.id)):
            text = self.all_page() if page == "all" else self.category_page(page)
            path = self.src / f"{page}.rst"
            if path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")


# -- running builds -------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall time of the whole process
    rss_mib: float  # peak resident set size
    problems: list[str]
    cpu: float = math.nan  # user + system CPU seconds of the process


@dataclass
class Measures:
    full: list[Build] = field(default_factory=list)
    noop: list[Build] = field(default_factory=list)
    edit: list[Build] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def median(self, name: str) -> float:
        runs = getattr(self, name)
        return statistics.median(b.seconds for b in runs) if runs else math.nan

    def cpu(self, name: str) -> float:
        runs = getattr(self, name)
        return statistics.median(b.cpu for b in runs) if runs else math.nan

    def rss(self, name: str = "full") -> float:
        runs = getattr(self, name)
        return statistics.median(b.rss_mib for b in runs) if runs else math.nan

    def as_dict(self) -> dict[str, object]:
        return {
            name: {
                "seconds": [round(b.seconds, 3) for b in getattr(self, name)],
                "rss_mib": [round(b.rss_mib, 1) for b in getattr(self, name)],
                "median_seconds": self.median(name),
                "median_rss_mib": self.rss(name),
                "cpu_seconds": [round(b.cpu, 3) for b in getattr(self, name)],
                "median_cpu_seconds": self.cpu(name),
            }
            for name in ("full", "noop", "edit")
        } | {"failures": self.failures, "notes": self.notes}


def sphinx_build(src: Path, out: Path, profile: Path | None = None) -> Build:
    rss_file = out.parent / f".rss-{out.name}"
    cmd = [
        sys.executable,
        "-c",
        CHILD,
        str(rss_file),
        str(profile or ""),
        "-b",
        "html",
        "-q",
        "-j",
        "1",
        str(src),
        str(out),
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    problems = [line for line in proc.stderr.splitlines() if line.strip()]
    problems += [line for line in proc.stdout.splitlines() if "WARNING" in line or "ERROR" in line]
    if proc.returncode != 0:
        problems.append(f"sphinx-build exited with status {proc.returncode}")
    try:
        maxrss, cpu = rss_file.read_text().split()
        rss_file.unlink()
        rss_mib, cpu_s = int(maxrss) / 1024, float(cpu)  # ru_maxrss is in KiB on Linux
    except (OSError, ValueError):
        rss_mib = cpu_s = math.nan
    return Build(seconds, rss_mib, problems, cpu_s)


def html_text(out: Path, page: str) -> str:
    try:
        return (out / f"{page}.html").read_text(encoding="utf-8")
    except OSError:
        return ""


SEARCHINDEX_PREFIX = b"Search.setIndex("


def stale_free_searchindex(data: bytes) -> tuple[bytes, int]:
    """searchindex.js without terms that point to no document, and how many there were.

    Sphinx's incremental builds keep a word that no longer occurs anywhere as ``"word": []``
    (``IndexBuilder.prune`` empties its document set but never drops it); a fresh build has
    no such key. Such a term matches nothing, so search results are the same either way.
    """
    if not (data.startswith(SEARCHINDEX_PREFIX) and data.endswith(b")")):
        return data, 0
    index = json.loads(data[len(SEARCHINDEX_PREFIX) : -1])
    stale = 0
    for key in ("terms", "titleterms"):
        terms = index.get(key, {})
        empty = [term for term, docs in terms.items() if docs == []]
        stale += len(empty)
        for term in empty:
            del terms[term]
    return json.dumps(index, sort_keys=True).encode(), stale


def compare_trees(a: Path, b: Path, notes: list[str]) -> list[str]:
    """Files that differ between two output directories (doctrees excluded)."""

    def files(root: Path) -> set[str]:
        return {
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and ".doctrees" not in p.relative_to(root).parts
        }

    fa, fb = files(a), files(b)
    out = [f"only in incremental output: {f}" for f in sorted(fa - fb)]
    out += [f"only in fresh output: {f}" for f in sorted(fb - fa)]
    for rel in sorted(fa & fb):
        da, db = (a / rel).read_bytes(), (b / rel).read_bytes()
        if da == db:
            continue
        if rel == "searchindex.js":
            (na, stale), (nb, _) = stale_free_searchindex(da), stale_free_searchindex(db)
            if na == nb:
                notes.append(
                    f"searchindex.js: equal except {stale} stale empty term(s) that Sphinx's "
                    f"incremental "
                    f"search index keeps (they match nothing)"
                )
                continue
        message = f"differs: {rel}"
        try:
            la = da.decode("utf-8").splitlines()
            lb = db.decode("utf-8").splitlines()
            diff = list(difflib.unified_diff(la, lb, "incremental", "fresh", n=0, lineterm=""))
            shown = [line[:200] for line in diff[2:8]]
            message += "\n      " + "\n      ".join(shown)
        except UnicodeDecodeError:
            message += " (binary)"
        out.append(message)
    return out


def bench_book(book: Book, runs: int, label: str) -> Measures:
    m = Measures()
    t0 = time.perf_counter()

    def run(kind: str, i: int, out: Path | None = None) -> Build:
        b = sphinx_build(book.src, out or book.out)
        for problem in b.problems:
            m.failures.append(f"{book.kind}, {kind} build {i + 1}: {problem}")
        log(
            f"  {label} {book.kind}: {kind} {i + 1}/{runs}: {b.seconds:.2f} s (CPU {b.cpu:.2f} s), "
            f"peak RSS {b.rss_mib:.0f} MiB"
            + (f", {len(b.problems)} problem line(s)" if b.problems else "")
        )
        return b

    for i in range(runs):
        shutil.rmtree(book.out, ignore_errors=True)
        m.full.append(run("full build", i))
        if i == 0:
            # Upper bound: remaining full builds, the fresh one, and rebuilds as slow as a full one.
            left = m.full[0].seconds * (runs + 2 * runs)
            log(f"  {label} {book.kind}: at most ~{fmt_duration(left)} left for this book")
    for i in range(runs):
        m.noop.append(run("no-op rebuild", i))
    for i in range(runs):
        new, old = book.edit()
        m.edit.append(run("one-entry-edit rebuild", i))
        for page in dict.fromkeys(book.pages_showing(book.data.edit_id)):
            text = html_text(book.out, page)
            if not re.search(rf"\b{re.escape(new)}\b", text):
                m.failures.append(
                    f"{book.kind}: after edit {i + 1}, {page}.html does not show the new title "
                    f"{new!r}"
                )
            if re.search(rf"\b{re.escape(old)}\b", text):
                m.failures.append(
                    f"{book.kind}: after edit {i + 1}, {page}.html still shows the old title "
                    f"{old!r}"
                )
    # The output of the incremental builds must equal a fresh full build of the same sources.
    shutil.rmtree(book.fresh, ignore_errors=True)
    fresh = sphinx_build(book.src, book.fresh)
    for problem in fresh.problems:
        m.failures.append(f"{book.kind}, fresh comparison build: {problem}")
    if runs:
        mismatches = compare_trees(book.out, book.fresh, m.notes)
        if mismatches:
            m.failures.append(
                f"{book.kind}: output after incremental rebuilds differs from a fresh full build "
                f"in "
                f"{len(mismatches)} file(s):\n    " + "\n    ".join(mismatches[:12])
            )
    log(
        f"  {label} {book.kind}: fresh comparison build {fresh.seconds:.2f} s; book done in "
        f"{fmt_duration(time.perf_counter() - t0)}"
    )
    return m


# -- profiling ------------------------------------------------------------------------------------


def profile_build(book: Book, scenario: str, top: int = 25) -> str:
    prof = book.src.parent / f"profile-{scenario}.prof"
    if scenario == "full":
        shutil.rmtree(book.out, ignore_errors=True)
    else:
        shutil.rmtree(book.out, ignore_errors=True)
        sphinx_build(book.src, book.out)
        if scenario == "edit":
            book.edit()
    build = sphinx_build(book.src, book.out, profile=prof)
    stats = pstats.Stats(str(prof), stream=(buf := io.StringIO()))
    buf.write(
        f"cProfile of the {book.kind}'s {scenario} build "
        f"({len(book.data.papers)} entries): {build.seconds:.2f} s wall "
        f"(profiled; cProfile adds overhead), peak RSS {build.rss_mib:.0f} MiB\n"
    )
    for problem in build.problems[:20]:
        buf.write(f"  build output: {problem}\n")
    for key in ("cumulative", "tottime"):
        buf.write(f"\n--- top {top} by {key} ---\n")
        stats.sort_stats(key).print_stats(top)
    text = buf.getvalue()
    for prefix, short in sorted(path_prefixes().items(), key=lambda kv: -len(kv[0])):
        text = text.replace(prefix, short)
    return text


def path_prefixes() -> dict[str, str]:
    import sysconfig

    out = {str(Path(__file__).resolve().parent.parent) + os.sep: ""}
    for key in ("purelib", "platlib", "stdlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            out[path + os.sep] = "" if key != "stdlib" else "<stdlib>/"
    return out


# -- which code is measured ----------------------------------------------------------------------


def source_fingerprint() -> str:
    """A hash of the installed sphinx_awesome package's files (without importing it)."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("sphinx_awesome")
    if spec is None or not spec.submodule_search_locations:
        return "not installed"
    root = Path(next(iter(spec.submodule_search_locations)))
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def code_version() -> str:
    """The repository's commit, with "+changes" when sphinx_awesome/ has uncommitted edits."""
    repo = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(
                ["git", *args], cwd=repo, capture_output=True, text=True, check=False
            )
        except OSError:
            return ""
        return proc.stdout.strip() if proc.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return "unknown commit"
    dirty = git("status", "--porcelain", "--", "sphinx_awesome")
    return head + ("+uncommitted changes in sphinx_awesome/" if dirty else "")


# -- report ---------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    entry: Measures
    listtable: Measures | None
    generate_seconds: float


def num(value: float, spec: str, unit: str = "") -> str:
    """*value* formatted with *spec* and *unit*, or "n/a" for a missing (NaN) value."""
    return "n/a" if math.isnan(value) else f"{value:{spec}}{unit}"


def pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f}%" if b and not math.isnan(a) and not math.isnan(b) else "n/a"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def target_checks(
    r: SizeResult, t: Callable[[Measures, str], float]
) -> list[tuple[str, bool | None]]:
    """(target, met?) for one size, with times read by *t* (wall or CPU medians)."""
    e, lt = r.entry, r.listtable
    full = t(e, "full")
    return [
        (
            f"full build <= {TARGET_FULL_RATIO:.2f} x list-table book",
            (full / t(lt, "full") <= TARGET_FULL_RATIO) if lt else None,
        ),
        (f"no-op rebuild <= {TARGET_NOOP:.0%} of full build", t(e, "noop") <= TARGET_NOOP * full),
        (f"one-entry edit <= {TARGET_EDIT:.0%} of full build", t(e, "edit") <= TARGET_EDIT * full),
        ("peak memory <= list-table book's", (e.rss() <= lt.rss()) if lt else None),
    ]


def report(results: list[SizeResult], runs: int, version: str) -> tuple[str, list[str]]:
    lines: list[str] = []
    failed_targets: list[str] = []
    w = lines.append
    w(f"code: {version}")
    w(
        f"sphinx-awesome build benchmark: medians of {runs} run(s), sphinx-build -b html -j 1, "
        f"Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPU(s)"
    )
    w("")
    head = (
        f"{'entries':>8} | {'entry full':>10} | {'list full':>10} | {'ratio':>6} | "
        f"{'entry no-op':>16} "
        f"| {'entry edit':>16} | {'entry RSS':>10} | {'list RSS':>10}"
    )
    w(head)
    w("-" * len(head))
    for r in results:
        e, lt = r.entry, r.listtable
        full = e.median("full")
        lfull = lt.median("full") if lt else math.nan
        ratio = full / lfull if lt else math.nan
        w(
            f"{r.n:>8} | {num(full, '.2f', 's'):>10} | {num(lfull, '.2f', 's'):>10} | "
            f"{num(ratio, '.3f'):>6} | "
            f"{num(e.median('noop'), '.2f', 's'):>7} {pct(e.median('noop'), full):>8} | "
            f"{num(e.median('edit'), '.2f', 's'):>7} {pct(e.median('edit'), full):>8} | "
            f"{num(e.rss(), '.0f', ' MiB'):>10} | "
            f"{num(lt.rss() if lt else math.nan, '.0f', ' MiB'):>10}"
        )
    w("")
    w("list-table book, for comparison (no-op and edit rebuilds as % of its own full build):")
    for r in results:
        lt = r.listtable
        if lt is None:
            w(f"{r.n:>8} | skipped (--skip-listtable-above)")
            continue
        lfull = lt.median("full")
        w(
            f"{r.n:>8} | no-op {lt.median('noop'):.2f}s ({pct(lt.median('noop'), lfull)}) | "
            f"edit {lt.median('edit'):.2f}s ({pct(lt.median('edit'), lfull)}) | "
            f"edit peak RSS {lt.rss('edit'):.0f} MiB"
        )
    w("")
    w(
        "CPU time (user+sys of the sphinx-build process; less sensitive to other load than wall "
        "time):"
    )
    for r in results:
        e, lt = r.entry, r.listtable
        full, lfull = e.cpu("full"), (lt.cpu("full") if lt else math.nan)
        w(
            f"{r.n:>8} | entry full {full:.2f}s, list full {num(lfull, '.2f', 's')}, ratio "
            f"{num(full / lfull if lt else math.nan, '.3f')} | entry no-op {e.cpu('noop'):.2f}s "
            f"({pct(e.cpu('noop'), full)}) | entry edit {e.cpu('edit'):.2f}s "
            f"({pct(e.cpu('edit'), full)})"
        )
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load:
        w(
            f"(load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; other work on "
            f"the machine inflates wall times)"
        )
    w("")
    w("targets (verdict on wall time, as the issue states them; CPU time in brackets):")
    for r in results:
        for (name, ok), (_, cpu_ok) in zip(
            target_checks(r, Measures.median), target_checks(r, Measures.cpu), strict=True
        ):
            extra = "" if name.startswith("peak") else f" [CPU: {verdict(cpu_ok)}]"
            w(f"  {r.n:>8} entries: {name:<44} {verdict(ok)}{extra}")
            if ok is False:
                failed_targets.append(f"{r.n} entries: {name}")
    if len(results) > 1:
        w("")
        w(f"growth between sizes (log-log slope; 1.00 = linear, target <= {TARGET_SLOPE:.2f}):")
        series: list[tuple[str, Callable[[SizeResult], float]]] = [
            ("entry full time", lambda r: r.entry.median("full")),
            ("entry no-op time", lambda r: r.entry.median("noop")),
            ("entry edit time", lambda r: r.entry.median("edit")),
            ("entry peak RSS", lambda r: r.entry.rss()),
            (
                "list-table full time",
                lambda r: r.listtable.median("full") if r.listtable else math.nan,
            ),
            ("list-table peak RSS", lambda r: r.listtable.rss() if r.listtable else math.nan),
        ]
        for name, get in series:
            parts = []
            worst: float | None = None
            for a, b in itertools.pairwise(results):
                va, vb = get(a), get(b)
                if any(math.isnan(v) or v <= 0 for v in (va, vb)):
                    parts.append(f"{a.n}->{b.n}: n/a")
                    continue
                slope = math.log(vb / va) / math.log(b.n / a.n)
                worst = slope if worst is None else max(worst, slope)
                parts.append(f"{a.n}->{b.n}: x{vb / va:.1f} (slope {slope:.2f})")
            ok = None if worst is None else worst <= TARGET_SLOPE
            w(f"  {name:<22} {'; '.join(parts)}  {verdict(ok)}")
            if ok is False and name.startswith("entry"):
                failed_targets.append(f"linear growth: {name}")
        w("  (absolute values per size are in the table above; a fixed start-up cost of")
        w("   about 1 s makes small sizes look sub-linear)")
    return "\n".join(lines), failed_targets


# -- main -----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--entries",
        type=int,
        default=10_000,
        help="book size when --scale is not given (default 10000)",
    )
    ap.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per scenario; the median is reported (default 3; 0 skips the timing, e.g. with "
        "--profile)",
    )
    ap.add_argument(
        "--scale", help="comma-separated sizes, e.g. 1000,10000,100000 (overrides --entries)"
    )
    ap.add_argument(
        "--workdir",
        type=Path,
        help="where the books are generated (default: a temporary directory)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the generated books and their output")
    ap.add_argument(
        "--check", action="store_true", help="exit 1 when a speed or memory target is missed"
    )
    ap.add_argument(
        "--profile",
        nargs="?",
        const="full",
        choices=("full", "noop", "edit"),
        help="profile one entry-book build with cProfile (default: the full build) at the "
        "--entries "
        "size",
    )
    ap.add_argument(
        "--skip-listtable-above",
        type=int,
        default=100_000,
        metavar="N",
        help="do not build list-table books larger than N entries (default 100000)",
    )
    ap.add_argument("--json", type=Path, help="also write the measurements to this JSON file")
    ap.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.sizes = (
        [int(s) for s in args.scale.split(",") if s.strip()] if args.scale else [args.entries]
    )
    if any(n < N_CATEGORIES for n in args.sizes) or args.runs < 0:
        ap.error(f"sizes must be at least {N_CATEGORIES} and --runs not negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    created = args.workdir is None
    workdir = (
        Path(tempfile.mkdtemp(prefix="sphinx-awesome-bench-"))
        if created
        else args.workdir.resolve()
    )
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"working in {workdir}")
    fingerprint = source_fingerprint()
    version = f"{code_version()}, sphinx_awesome files {fingerprint}"
    log(f"measuring {version}")
    results: list[SizeResult] = []
    failures: list[str] = []
    profile_text = ""
    spent: dict[int, float] = {}
    try:
        if args.runs:
            for index, n in enumerate(args.sizes):
                if spent:
                    last_n, last_t = max(spent.items())
                    log(
                        f"[{n} entries] estimated ~{fmt_duration(last_t * n / last_n)} (linear "
                        f"from "
                        f"{last_n})"
                    )
                start = time.perf_counter()
                data = make_dataset(n, args.seed)
                entry = EntryBook(workdir / f"n{n}" / "entry", data)
                entry.generate()
                lt_book = None
                if n <= args.skip_listtable_above:
                    lt_book = ListTableBook(
                        workdir / f"n{n}" / "listtable", make_dataset(n, args.seed)
                    )
                    lt_book.generate()
                gen = time.perf_counter() - start
                log(
                    f"[{n} entries] generated in {gen:.1f} s; edited entry: {data.edit_id!r} "
                    f"(category {data.by_id[data.edit_id].category}, referenced from "
                    f"{', '.join(data.referencing_pages(data.edit_id))})"
                )
                label = f"[{n}]"
                m_entry = bench_book(entry, args.runs, label)
                m_lt = bench_book(lt_book, args.runs, label) if lt_book else None
                results.append(SizeResult(n, m_entry, m_lt, gen))
                failures += m_entry.failures + (m_lt.failures if m_lt else [])
                spent[n] = time.perf_counter() - start
                if not args.keep and index < len(args.sizes) - 1:
                    shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
        if args.profile:
            n = args.entries
            book = EntryBook(workdir / f"n{n}-profile" / "entry", make_dataset(n, args.seed))
            book.generate()
            log(f"profiling the entry book's {args.profile} build at {n} entries")
            profile_text = profile_build(book, args.profile)
    finally:
        if not args.keep:
            if created:
                shutil.rmtree(workdir, ignore_errors=True)
            else:
                for sub in workdir.glob("n*"):
                    shutil.rmtree(sub, ignore_errors=True)
        else:
            log(f"kept the books in {workdir}")

    if source_fingerprint() != fingerprint:
        failures.append(
            "sphinx_awesome's files changed while the benchmark ran, "
            "so its builds mix versions; run it again"
        )
    failed_targets: list[str] = []
    if results:
        text, failed_targets = report(results, args.runs, version)
        print(text, flush=True)
    if profile_text:
        print("\n" + profile_text, flush=True)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "runs": args.runs,
                    "code": version,
                    "sizes": [
                        {
                            "entries": r.n,
                            "generate_seconds": r.generate_seconds,
                            "entry_book": r.entry.as_dict(),
                            "listtable_book": r.listtable.as_dict() if r.listtable else None,
                        }
                        for r in results
                    ],
                    "failed_targets": failed_targets,
                    "failures": failures,
                },
                indent=2,
                default=str,
            )
            + "\n",
            encoding="utf-8",
        )
    print()
    if failures:
        print(f"CORRECTNESS: FAIL ({len(failures)} problem(s))")
        for f in failures[:40]:
            print(f"  - {f}")
        if len(failures) > 40:
            print(f"  ... and {len(failures) - 40} more")
    elif results:
        print(
            "CORRECTNESS: PASS (no warnings; edits visible everywhere; incremental output equals "
            "a fresh build)"
        )
    notes = [
        f"{r.n} entries, {name}: {note}"
        for r in results
        for name, m in (("entry book", r.entry), ("list-table book", r.listtable))
        if m
        for note in dict.fromkeys(m.notes)
    ]
    for note in notes:
        print(f"  note: {note}")
    if failed_targets:
        print(
            f"TARGETS: {len(failed_targets)} missed" + (" (--check: failing)" if args.check else "")
        )
    elif results:
        print("TARGETS: all met")
    if failures or (args.check and failed_targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Export -> import -> export of a README is lossless: generated entries with every field
and tricky text (commas, "and", trailing years, CJK, Markdown and HTML characters, "et
al.") come back from the README field by field (``Entry.as_dict()``), and the entry files
written by the import, loaded by the project's loader, export to the same README again.

``README_EXAMPLES`` sets how many examples hypothesis tries (CI: the default below).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sphinx_awesome.cli import main
from sphinx_awesome.cli.project import files_under
from sphinx_awesome.cli.writer import CATEGORIES_FILE, categories_yaml, entry_yaml
from sphinx_awesome.entries import KINDS, load_file
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)
EXAMPLES = int(os.environ.get("README_EXAMPLES", "80"))
ROUND_TRIP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TREE = {
    "systems": {"title": "Systems & <Things>", "description": "Papers, posts | and *more*."},
    "systems/training": {"title": "Training: 大模型"},
    "serving": {"title": "Serving (2024)"},
}
CATEGORIES = [*TREE, "loose-end", "serving/edge_cases"]

#: Texts that import's readers take apart when they are written plainly.
TRICKY = [
    "Google Research and DeepMind",
    "Workshop on ML for Systems 2023",
    "Zheng, Lianmin",
    "A and B",
    "et al.",
    "J. Doe et al.",
    "OSDI 2022",
    "(OSDI '22)",
    "[Re] Reproducing",
    "**bold** _under_ `code` <b>tag</b> &amp; | pipe",
    "x](javascript:alert(1))",
    "大模型训练: 系统",
    "Title - with dash",
    "ends with a colon:",
    "Vol. 2, No. 3",
    "href='x' onclick=\"y\" -- comment -->",
    "C++ & C#",
    "100% [pdf]",
    "#hashtag start",
    "- leading dash",
    "NONE",
    "N/A",
    "—",
    "|",
    "...",
    "TODO: later",
    ":star: starred",
    "[x] done",
    "2023",
    "OSDI'22",
]
WORDS = st.sampled_from(
    ["Alpa", "training", "GPU", "and", ",", "2023", "OSDI", "大模型", "é", "et al.", ":", "-", "|"]
)
TEXT = st.sampled_from(TRICKY) | st.one_of(
    st.lists(WORDS, min_size=1, max_size=6).map(" ".join),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"))
        | st.sampled_from("[]()<>`*_|\\!#&=\"'-,;:.@"),
        min_size=1,
        max_size=30,
    ),
).filter(lambda s: any(ch.isalnum() for ch in s))
SLUG = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
DATE = st.dates(min_value=__import__("datetime").date(1990, 1, 1)).map(lambda d: d.isoformat())
URL = st.sampled_from(
    [
        "https://e.org/p",
        "https://e.org/a_(b)",
        "https://e.org/q?x=1&y=<2>",
        "http://old.example/x y",
        "https://github.com/o/r",
    ]
)
LINKS = st.dictionaries(
    st.sampled_from(["paper", "pdf", "code", "repo", "post", "site", "slides", "video", "docs"]),
    URL,
    max_size=3,
) | st.fixed_dictionaries({"arxiv": st.just("2201.12023"), "doi": st.just("10.1145/1.2")})


@st.composite
def entry_data(draw: st.DrawFn) -> dict:
    """One entry's fields in the entry-file format, any of them left out."""
    data: dict = {"title": draw(TEXT)}
    optional = {
        "kind": st.sampled_from(KINDS),
        "authors": st.lists(TEXT, min_size=1, max_size=6),
        "affiliation": TEXT | st.lists(TEXT, min_size=1, max_size=3),
        "venue": st.sampled_from(["OSDI", "NIPS", "arXiv", "SIGOPS"]) | TEXT,
        "year": st.integers(1990, 2030),
        "date": DATE | DATE.map(lambda d: d[:7]),
        "links": LINKS,
        "tags": st.lists(SLUG, max_size=3, unique=True),
        "categories": st.lists(st.sampled_from(CATEGORIES), max_size=3, unique=True),
        "summary": TEXT,
        "lang": st.sampled_from(["en", "zh", "zh-Hans", "ja", "de"]),
        "added": DATE,
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            data[name] = draw(strategy)
    return data


def write_list(datas: list[dict], folder: Path) -> None:
    """One entry file per entry (``e0.yaml``...) and the category tree."""
    folder.mkdir()
    for number, data in enumerate(datas):
        (folder / f"e{number}.yaml").write_text(entry_yaml(data), encoding="utf-8")
    (folder / CATEGORIES_FILE).write_text(categories_yaml(TREE), encoding="utf-8")


def load(folder: Path) -> dict[str, dict]:
    """The entries of *folder*'s entry files as the project's loader reads them."""
    out = {}
    for path in files_under(folder):
        loaded = load_file(path, venues=VENUES)
        assert loaded.problems == [], [p.format() for p in loaded.problems]
        out.update((entry.id, entry.as_dict()) for entry in loaded.entries)
    return out


def export(folder: Path, readme: Path, options: list[str]) -> str:
    argv = [str(folder), "--no-conf", "--format", "markdown", "--title", "L & <M>", *options]
    assert main(["export", *argv, "-o", str(readme)]) == 0
    return readme.read_text(encoding="utf-8")


def round_trip(datas: list[dict], options: list[str]) -> None:
    """Entry files -> README -> entry files -> README, with the command itself."""
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        write_list(datas, root / "first")
        first = export(root / "first", root / "README.md", options)
        back = root / "back"
        assert main(["import", str(root / "README.md"), "--no-conf", "-o", str(back)]) == 0
        assert load(back) == load(root / "first"), first
        assert export(back, root / "again.md", options) == first


@ROUND_TRIP
@given(st.lists(entry_data(), min_size=1, max_size=6), st.sampled_from(["table", "list"]))
@example(
    [
        {
            "title": "Some Paper on Things",
            "kind": "post",
            "authors": [f"Author {n}" for n in range(15)],
            "affiliation": "Google Research and DeepMind",
            "venue": "Workshop on ML for Systems 2023",
            "year": 2023,
            "added": "2024-05-01",
            "categories": ["systems/training"],
        }
    ],
    "table",
)
def test_readme_round_trips_every_field(datas: list[dict], style: str) -> None:
    round_trip(datas, ["--style", style])


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None)
@given(
    st.lists(entry_data(), min_size=1, max_size=4),
    st.sampled_from(["table", "list"]),
    st.lists(
        st.sampled_from(["authors", "affiliation", "venue", "year", "links", "tags", "summary"]),
        unique=True,
    ),
    st.integers(0, 4),
)
def test_any_columns_and_author_limit_round_trip(
    datas: list[dict], style: str, columns: list[str], max_authors: int
) -> None:
    options = ["--style", style, "--columns", ",".join(["title", *columns])]
    round_trip(datas, [*options, "--max-authors", str(max_authors)])

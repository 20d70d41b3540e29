"""``sphinx-awesome import refs.bib``: the shapes DBLP, ACM, arXiv, Google Scholar and USENIX
export, LaTeX decoded, problems with their lines, and a lossless round trip with
``export --format bibtex``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from alpa import ALPA_AUTHORS, ALPA_TITLE
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sphinx_awesome.cli.exporters.bibtex import export_bibtex
from sphinx_awesome.cli.importers.bibtex import assign_ids, parse_bibtex
from sphinx_awesome.cli.newentry import validate
from sphinx_awesome.cli.venue_text import venue_from_text
from sphinx_awesome.entries import KINDS, LINK_LABELS, Entry, load_file, load_text
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

REPO = Path(__file__).resolve().parents[2]
VENUES = VenueList(BUILTIN_VENUES)


def read(fixtures: Path, name: str) -> dict[str, dict[str, Any]]:
    """id -> entry data of a fixture file (no problems allowed)."""
    records, problems = parse_bibtex(
        (fixtures / "bibtex" / name).read_text("utf-8"), name, venues=VENUES
    )
    assert problems == []
    return dict(zip(assign_ids(records, set()), (r.data for r in records), strict=True))


def test_dblp_export(fixtures: Path) -> None:
    entries = read(fixtures, "dblp.bib")
    assert list(entries) == ["alpa", "alpa-2022", "dapple", "parallel-training-at-scale"]
    assert entries["alpa"] == {
        "title": ALPA_TITLE,  # the line break inside the title is one space
        "authors": ALPA_AUTHORS,
        "venue": "OSDI",  # from {OSDI} in the long booktitle
        "year": 2022,
        "links": {"paper": "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin"},
    }
    corr = entries["alpa-2022"]
    assert (corr["venue"], corr["links"]) == ("arXiv", {"arxiv": "2201.12023"})  # CoRR
    dapple = entries["dapple"]
    assert dapple["title"] == "DAPPLE: a pipelined data parallel approach for training large models"
    assert (dapple["venue"], dapple["links"]) == ("PPoPP", {"doi": "10.1145/3437801.3441593"})
    journal = entries["parallel-training-at-scale"]
    assert journal["authors"] == ["Hao Zhang", "Jörg Müller"]
    assert journal["venue"] == "IEEE Trans. Parallel Distributed Syst."  # unknown: as written


def test_acm_export(fixtures: Path) -> None:
    entries = read(fixtures, "acm.bib")
    vllm = entries["efficient-memory-management-for-large-language"]  # 10.1145/... is no id
    assert vllm["venue"] == "SOSP"  # series = {SOSP '23}
    assert vllm["authors"][:2] == ["Woosuk Kwon", "Zhuohan Li"]
    assert vllm["links"] == {"doi": "10.1145/3600006.3613165"}  # url is the same DOI
    assert vllm["tags"] == ["large-language-models", "memory-management", "llm-serving"]
    assert "summary" not in vllm  # an abstract is not the list's summary
    assert entries["aceso"]["venue"] == "EuroSys"


def test_arxiv_export(fixtures: Path) -> None:
    entries = read(fixtures, "arxiv.bib")
    assert entries == {
        "zheng2022alpaautomatinginterintraoperator": {
            "title": ALPA_TITLE,
            "authors": ALPA_AUTHORS,
            "venue": "arXiv",
            "year": 2022,
            "links": {"arxiv": "2201.12023"},
        }
    }


def test_scholar_and_usenix_exports(fixtures: Path) -> None:
    entries = read(fixtures, "scholar.bib")
    alpa = entries["zheng2022alpa"]
    assert alpa["venue"] == "OSDI"  # (OSDI 22)
    assert alpa["authors"][-2:] == ["Eric P Xing", "et al."]  # "and others"
    assert entries["vaswani2017attention"]["venue"] == "NeurIPS"
    assert entries["vaswani2017attention"]["authors"][6] == "Łukasz Kaiser"
    flash = entries["dao2023flashattention"]
    assert (flash["venue"], flash["links"]) == ("arXiv", {"arxiv": "2307.08691"})
    checknrun = entries["checknrun2022eisenman"]  # "@inproceedings {key," as USENIX writes it
    assert checknrun["title"].startswith("Check-N-Run: a Checkpointing System")
    assert checknrun["venue"] == "NSDI"


def test_latex_is_decoded(fixtures: Path) -> None:
    entries = read(fixtures, "latex.bib")
    paper = entries["uber-gpus"]
    assert paper["title"] == "Über GPUs: 50% faster café training with α–β pruning"
    assert paper["authors"] == [
        "Jörg Müller",
        "François d'Alembert",
        "Émile Zola",
        "Barnes and Noble, Inc.",
    ]
    assert paper["venue"] == "SOSP"  # @string macro joined with "#"
    assert paper["tags"] == ["gpu", "deep-learning"]
    assert entries["post-1"] == {
        "title": "Notes on SGD",
        "kind": "post",
        "authors": ["Léon Bottou"],
        "date": "2020-02-29",
        "links": {"post": "https://example.org/notes/sgd.html"},
        "lang": "en",
    }
    assert entries["goodfellow2016deep"]["kind"] == "book"
    assert entries["goodfellow2016deep"]["links"] == {"paper": "http://www.deeplearningbook.org"}
    assert entries["alpa-code"]["kind"] == "repo"
    assert entries["alpa-code"]["authors"] == ["The Alpa Team"]


def test_broken_file_reports_each_problem_with_its_line(fixtures: Path) -> None:
    text = (fixtures / "bibtex" / "broken.bib").read_text("utf-8")
    records, problems = parse_bibtex(text, "broken.bib", venues=VENUES)
    assert [r.key for r in records] == ["fine", "twice", "after"]
    assert records[1].data == {"title": "First"}  # the first of two titles; the ftp link dropped
    assert [(p.line, p.code.code) for p in problems] == [
        (4, "AW201"),  # {Set } theory}
        (8, "AW202"),  # the key again
        (10, "AW201"),  # no title
        (12, "AW201"),  # a field twice
        (12, "AW203"),  # ftp://
        (14, "AW201"),  # no comma after the key
        (18, "AW201"),  # never closed
    ]
    assert "braces balance" in problems[0].message


def test_cli_imports_a_bib_file(fixtures: Path, workdir: Path, run) -> None:
    code, out, _ = run("import", str(fixtures / "bibtex" / "dblp.bib"), "-o", "papers")
    assert code == 0, out
    assert (
        out.splitlines()[-1]
        == "4 items found in 1 file: 4 entries and 0 categories; wrote papers: 4 entry files (4 "
        "new); "
        "0 lines reported"
    )
    loaded = load_file(workdir / "papers" / "alpa.yaml", venues=VENUES)
    assert loaded.problems == []
    assert loaded.entries[0].venue == "OSDI"
    code, out, _ = run("import", str(fixtures / "bibtex" / "dblp.bib"), "-o", "papers")
    assert out.splitlines()[-1].endswith("4 entry files (4 unchanged); 0 lines reported")


def test_cli_reports_broken_bibtex(fixtures: Path, workdir: Path, run) -> None:
    code, out, _ = run("import", str(fixtures / "bibtex" / "broken.bib"), "-o", "papers")
    assert code == 1
    assert out.splitlines()[0].endswith(
        "broken.bib:4:1: AW201 field 'title' of 'unbalanced' is not one BibTeX value (do its "
        "braces "
        "balance?); the entry is skipped"
    )
    assert sorted(p.name for p in (workdir / "papers").iterdir()) == [
        "after.yaml",
        "fine.yaml",
        "twice.yaml",
    ]


def test_cli_format_option_and_mixed_files(fixtures: Path, workdir: Path, run) -> None:
    (workdir / "refs.txt").write_text("@misc{one, title = {One}}\n", encoding="utf-8")
    code, _, _ = run("import", "refs.txt", "--format", "bibtex", "-o", "out")
    assert code == 0 and (workdir / "out" / "one.yaml").is_file()
    (workdir / "list.md").write_text("# List\n\n- [A](https://e.org/a)\n", encoding="utf-8")
    code, _, err = run("import", "list.md", str(fixtures / "bibtex" / "arxiv.bib"), "-o", "x")
    assert code == 2
    assert "import BibTeX files (.bib) on their own" in err


def test_not_utf8(workdir: Path, run) -> None:
    (workdir / "latin.bib").write_bytes(b"@misc{a,\n title = {Caf\xe9}}\n")
    code, out, _ = run("import", "latin.bib", "-o", "out")
    assert code == 1
    assert "latin.bib:2:1: AW201 the file is not UTF-8 (byte 22)" in out
    assert (workdir / "out" / "a.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "raw", "venue"),
    [
        (
            "Proceedings of the 16th USENIX Symposium on Operating Systems Design and "
            "Implementation",
            None,
            "OSDI",
        ),
        (
            "Proceedings of the Twenty-Ninth International Conference on Architectural Support for "
            "Programming Languages and Operating Systems, Volume 2",
            None,
            "ASPLOS",
        ),
        (
            "2022 USENIX Annual Technical Conference, USENIX ATC 2022",
            "2022 {USENIX} Annual Technical Conference, {USENIX} {ATC} 2022",
            "ATC",
        ),
        ("IEEE Transactions on Parallel and Distributed Systems", None, "TPDS"),
        ("The Eleventh International Conference on Learning Representations", None, "ICLR"),
        ("Proceedings of the ACM Symposium on Cloud Computing", None, "SoCC"),
        ("ICLR 2024 poster", None, "ICLR"),
        ("Workshop on Odd Things", None, None),
        ("Proceedings of the 2023 Annual Meeting", None, None),
    ],
)
def test_venue_in_long_titles(text: str, raw: str | None, venue: str | None) -> None:
    assert venue_from_text(text, VENUES, raw=raw) == venue


# -- round trips -----------------------------------------------------------------------------


def files_of(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.glob("[!_]*.yaml"))}


def test_seed_round_trips_through_bibtex(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "first")
    code, _, err = run("export", "first", "--format", "bibtex", "-o", "refs.bib")
    assert code == 0, err
    code, out, _ = run("import", "refs.bib", "-o", "second")
    assert code == 0, out
    assert files_of(workdir / "second") == files_of(workdir / "first")


def test_book_entries_round_trip_through_bibtex(workdir: Path, run) -> None:
    book = REPO / "docs" / "entries"
    code, _, err = run("export", "--no-conf", str(book), "--format", "bibtex", "-o", "book.bib")
    assert code == 0, err
    code, out, _ = run("import", "book.bib", "-o", "again")
    assert code == 0, out
    before = {e.id: e.as_dict() for p in book.glob("[!_]*.yaml") for e in load_file(p).entries}
    after = {
        e.id: e.as_dict() for p in (workdir / "again").glob("*.yaml") for e in load_file(p).entries
    }
    assert after == before
    assert any(d.get("summary") and d.get("added") and d.get("categories") for d in after.values())


def projection(entry: Entry) -> tuple[Any, ...]:
    """Everything an entry holds that a list shows (not where it was read from)."""
    links = tuple((link.label, link.value) for link in entry.links)
    return (
        entry.id,
        entry.title,
        entry.kind,
        entry.authors,
        entry.venue,
        entry.year,
        entry.date,
        links,
        entry.tags,
        entry.categories,
        entry.summary,
        entry.lang,
        entry.added,
    )


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
_SLUG = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True)
_NAME_WORD = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zs"), blacklist_characters=",{}"),
    min_size=1,
    max_size=10,
)
_NAME = st.lists(_NAME_WORD, min_size=1, max_size=4).map(" ".join)
_DATE = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))
_URL = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
    st.text(st.sampled_from("abcXYZ019-._~%!$&'()*+,;=:@/?#"), max_size=20),
)
_LINK_VALUE = {"doi": st.just("10.1145/3600006.3613165"), "arxiv": st.just("2201.12023")}
_VENUE_WORDS = st.sampled_from(
    [
        "Workshop",
        "Odd",
        "Things",
        "Blog",
        "Zhihu",
        "R&D",
        "50%",
        "C++",
        "Café",
        "{x}",
        "a_b",
        "大模型",
        "~",
    ]
)


@st.composite
def entry_files(draw: st.DrawFn) -> str:
    data: dict[str, Any] = {"title": draw(_TEXT), "kind": draw(st.sampled_from(KINDS))}
    data["authors"] = draw(st.lists(_NAME, max_size=4))
    data["venue"] = draw(
        st.one_of(
            st.none(),
            st.sampled_from(sorted(BUILTIN_VENUES)),
            st.lists(_VENUE_WORDS, min_size=1, max_size=3).map(" ".join),
        )
    )
    data["year"] = draw(st.one_of(st.none(), st.integers(1000, 9999)))
    date = draw(st.one_of(st.none(), _DATE))
    if date is not None:
        data["date"] = date.isoformat()[: draw(st.sampled_from([7, 10]))]
    labels = draw(st.lists(st.sampled_from(LINK_LABELS), unique=True, max_size=4))
    data["links"] = {label: draw(_LINK_VALUE.get(label, _URL)) for label in labels}
    data["tags"] = draw(st.lists(_SLUG, unique=True, max_size=3))
    data["categories"] = draw(
        st.lists(st.lists(_SLUG, min_size=1, max_size=3).map("/".join), unique=True, max_size=3)
    )
    data["summary"] = draw(st.one_of(st.none(), _TEXT))
    data["lang"] = draw(st.one_of(st.none(), st.sampled_from(["en", "zh", "zh-Hans", "de-CH"])))
    data["added"] = draw(st.one_of(st.none(), _DATE.map(dt.date.isoformat)))
    clean = {k: v for k, v in data.items() if v not in (None, [], {})}
    return yaml.safe_dump({"id": draw(_SLUG), **clean}, allow_unicode=True, sort_keys=False)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=entry_files())
def test_any_entry_round_trips_through_bibtex(text: str) -> None:
    loaded = load_text(text, "e.yaml", venues=VENUES)
    assume(loaded.entries and not loaded.problems)
    entry = loaded.entries[0]
    # Documented normal forms, not losses: "et al." as an author becomes an "et al." item,
    # and a venue the venue list finds inside a longer name becomes that venue.
    assume(not any("et al" in a.lower() or a.lower() == "others" for a in entry.authors))
    assume(entry.venue is None or venue_from_text(entry.venue, VENUES) in (None, entry.venue))
    records, problems = parse_bibtex(export_bibtex([entry]), "refs.bib", venues=VENUES)
    assert problems == []
    [record] = records
    _, again, found = validate(record.data, record.key, f"{record.key}.yaml", venues=VENUES)
    assert found == []
    assert again is not None
    assert projection(again) == projection(entry)


_PIECES = st.sampled_from(
    [
        "@article{",
        "@misc{k,",
        "@string{a = ",
        "title = ",
        "author = ",
        "{",
        "}",
        '"',
        "#",
        ",",
        "=",
        " and ",
        "\\",
        "\\'",
        "\\href{",
        "$",
        "%",
        "\n",
        "others",
        "url_pdf = {",
        "url = {",
        "doi = {10.1/",
        "eprint = {",
        "year = {",
        "date = {2020-02-30}",
        "month = jan",
        "x",
        "é",
        "@comment{",
        "~",
        "\\url{http://a",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.lists(_PIECES, max_size=40).map("".join), value=st.text(max_size=30))
def test_any_text_is_read_without_an_exception(text: str, value: str) -> None:
    records, problems = parse_bibtex(text, "f.bib", venues=VENUES)
    assert all(p.path == "f.bib" and p.line >= 1 for p in problems)
    assert all(r.data["title"] for r in records)
    entry = "@misc{k, title = {" + value + "}, author = {" + value + "}}"
    parse_bibtex(entry, "f.bib", venues=VENUES)

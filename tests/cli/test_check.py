"""``sphinx-awesome check``: the project-wide rules, their normal forms, and the command."""

from __future__ import annotations

import difflib
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_awesome.checks import check_entries, near_identical, select_codes
from sphinx_awesome.entries import Entry, load_text
from sphinx_awesome.normalize import arxiv_id_of, doi_of, title_key, url_key
from sphinx_awesome.problems import Code
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)


def entries_of(text: str, path: str = "e.yaml") -> list[Entry]:
    result = load_text(text, path, venues=VENUES)
    assert result.problems == []
    return result.entries


def codes(problems) -> list[tuple[str, int, str]]:
    return [(p.code.code, p.line, p.message) for p in problems]


# -- normal forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/paper",
        "http://example.org/paper",
        "HTTPS://WWW.Example.ORG/paper/",
        "https://example.org/paper?utm_source=twitter&utm_medium=social",
        "https://example.org:443/paper#section-2",
        "https://example.org//paper/index.html",
        "https://example.org/paper?ref=awesome&fbclid=abc",
    ],
)
def test_url_key_forgets_noise(url: str) -> None:
    assert url_key(url) == "example.org/paper"


def test_url_key_keeps_what_matters() -> None:
    assert url_key("https://openreview.net/forum?id=abc") == "openreview.net/forum?id=abc"
    assert url_key("https://openreview.net/forum?id=abc") != url_key(
        "https://openreview.net/forum?id=xyz"
    )
    assert url_key("https://example.org:8080/p") == "example.org:8080/p"
    assert url_key("https://example.org/Paper") != url_key("https://example.org/paper")
    assert url_key("ftp://example.org/p") is None
    assert url_key("not a url") is None


@pytest.mark.parametrize(
    "value",
    [
        "10.1145/3627703.3629554",
        "doi:10.1145/3627703.3629554",
        "https://doi.org/10.1145/3627703.3629554",
        "http://dx.doi.org/10.1145/3627703.3629554",
        "https://dl.acm.org/doi/10.1145/3627703.3629554",
        "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554",
        "https://dl.acm.org/doi/abs/10.1145/3627703.3629554?casa_token=x",
        "https://dl.acm.org/doi/epdf/10.1145/3627703.3629554",
        "https://dl.acm.org/doi/10.1145/3627703.3629554.pdf",
        "https://DL.ACM.org/doi/fullHtml/10.1145/3627703.3629554",
    ],
)
def test_doi_of_publisher_pages(value: str) -> None:
    assert doi_of(value) == "10.1145/3627703.3629554"


def test_doi_of_other_forms() -> None:
    assert (
        doi_of("https://link.springer.com/chapter/10.1007/978-3-030-50743-5_22")
        == "10.1007/978-3-030-50743-5_22"
    )
    assert doi_of("https://onlinelibrary.wiley.com/doi/full/10.1002/cpe.5678") == "10.1002/cpe.5678"
    assert doi_of("https://arxiv.org/abs/2007.01045") is None
    assert doi_of("https://www.usenix.org/system/files/osdi22-unger.pdf") is None


@pytest.mark.parametrize(
    "value",
    [
        "https://arxiv.org/abs/2007.01045",
        "https://arxiv.org/abs/2007.01045v3",
        "https://arxiv.org/pdf/2007.01045",
        "https://arxiv.org/pdf/2007.01045.pdf",
        "https://arxiv.org/pdf/2007.01045v2.pdf",
        "http://export.arxiv.org/abs/2007.01045",
        "https://www.arxiv.org/html/2007.01045v1/",
        "arXiv:2007.01045",
        "https://doi.org/10.48550/arXiv.2007.01045",
        "https://huggingface.co/papers/2007.01045",
    ],
)
def test_arxiv_id_forms(value: str) -> None:
    assert arxiv_id_of(value) == "2007.01045"


def test_arxiv_id_bare_and_old_style() -> None:
    assert arxiv_id_of("2007.01045v2", bare_ok=True) == "2007.01045"
    assert arxiv_id_of("2007.01045v2") is None
    assert arxiv_id_of("https://arxiv.org/abs/cs/0112017v1") == "cs/0112017"
    assert arxiv_id_of("https://arxiv.org/list/cs.LG/recent") is None


def test_titles() -> None:
    assert title_key("Alpa: Automating  Inter- and Intra-Operator Parallelism!") == title_key(
        "alpa automating inter and intraoperator parallelism"
    )
    assert title_key("ＧＰＵ Ｋｅｒｎｅｌｓ") == "gpukernels"  # NFKC
    assert title_key("大模型 训练") == "大模型训练"
    a = title_key(
        "Efficient Memory Management for Large Language Model Serving with PagedAttention"
    )
    b = title_key(
        "Efficient Memory Management for Large Language Models Serving with PagedAttention"
    )
    assert near_identical(a, b)
    assert not near_identical(
        title_key("Language Models are Few-Shot Learners GPT-3"),
        title_key("Language Models are Few-Shot Learners GPT-4"),
    )
    assert not near_identical(title_key("Alpa"), title_key("Alps"))


@settings(max_examples=400, deadline=None)
@given(
    a=st.text(alphabet="abcde fgh", min_size=1, max_size=40),
    edits=st.lists(st.tuples(st.integers(0, 40), st.sampled_from("abz ")), max_size=4),
)
def test_near_identical_is_difflibs_ratio_whatever_the_shortcuts(
    a: str, edits: list[tuple[int, str]]
) -> None:
    b = a
    for at, ch in edits:
        b = b[:at] + ch + b[at + 1 :]
    expected = a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.95
    assert near_identical(a, b) == expected


# -- rules ------------------------------------------------------------------------------------


def test_same_work_found_by_doi_arxiv_url_and_title() -> None:
    entries = entries_of(
        """
- id: aceso
  title: "Aceso: Efficient Parallel DNN Training"
  links: {paper: "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554"}
- id: mononn
  title: "MonoNN: Enabling a New Monolithic Optimization Space"
  links: {doi: "10.1145/3627703.3629554"}
- id: dapple
  title: "DAPPLE: A Pipelined Data Parallel Approach"
  links: {paper: "https://arxiv.org/pdf/2007.01045"}
- id: dapple-preprint
  title: "Another name for it"
  links: {arxiv: "2007.01045v2"}
- id: varuna
  title: "Varuna"
  links: {paper: "https://example.org/varuna?utm_source=twitter"}
- id: varuna-again
  title: "Varuna again"
  links: {pdf: "http://WWW.example.org/varuna/"}
- id: emm
  title: "Efficient Memory Management for Large Language Model Serving with PagedAttention"
- id: emm-2
  title: "Efficient memory management for large language model serving with PagedAttention."
- id: emm-3
  title: "Efficient Memory Management for Large Language Models Serving with PagedAttention"
- id: shared-repo-1
  title: "First paper of a project"
  links: {paper: "https://e.org/1", code: "https://github.com/o/shared"}
- id: shared-repo-2
  title: "Second paper of a project"
  links: {paper: "https://e.org/2", code: "https://github.com/o/shared"}
"""
    )
    problems = [p for p in check_entries(entries, venues=VENUES) if p.code is not Code.INSECURE_URL]
    assert codes(problems) == [
        (
            "AW151",
            7,
            "DOI 10.1145/3627703.3629554 is also the DOI of 'aceso' (e.yaml:2); the same work "
            "entered "
            "twice?",
        ),
        (
            "AW152",
            13,
            "arXiv id 2007.01045 is also the arXiv id of 'dapple' (e.yaml:8); the same work "
            "entered "
            "twice?",
        ),
        (
            "AW150",
            19,
            "link 'pdf' points to the same page as the 'paper' link of 'varuna' (e.yaml:14); the "
            "same work entered twice?",
        ),
        ("AW153", 23, "same title as 'emm' (e.yaml:20); the same work entered twice?"),
        (
            "AW153",
            25,
            "title is near-identical to 'Efficient Memory Management for Large Language Model "
            "Serving "
            "with PagedAttention', 'emm' (e.yaml:20); the same work entered twice?",
        ),
    ]


def test_kinds_apart_and_one_report_per_pair() -> None:
    entries = entries_of(
        """
- {id: talk, title: "Alpa", kind: talk, links: {video: "https://youtube.com/watch?v=1"}}
- {id: paper, title: "Alpa", links: {paper: "https://e.org/alpa.pdf"}}
- {id: again, title: "Alpa", links: {paper: "https://e.org/alpa.pdf", doi: "10.1234/x"}}
- {id: third, title: "Alpa", links: {doi: "https://doi.org/10.1234/X"}}
"""
    )
    assert codes(check_entries(entries, venues=VENUES)) == [
        (
            "AW150",
            4,
            "link 'paper' points to the same page as the 'paper' link of 'paper' (e.yaml:3); the "
            "same work entered twice?",
        ),
        (
            "AW151",
            5,
            "DOI 10.1234/x is also the DOI of 'again' (e.yaml:4); the same work entered twice?",
        ),
        ("AW153", 5, "same title as 'paper' (e.yaml:3); the same work entered twice?"),
    ]


def test_http_venues_categories_and_ids() -> None:
    entries = entries_of(
        """
- id: a
  title: A
  venue: OSID
  links: {paper: "http://e.org/a"}
  categories: [training/parallel]
- id: b
  title: B
  venue: NIPS
  categories: [training]
- id: a
  title: A again
- id: c
  title: C
  venue: Workshop on Nothing
"""
    )
    problems = check_entries(entries, venues=VENUES, categories={"training": {"title": "Training"}})
    assert codes(problems) == [
        ("AW140", 4, "unknown venue 'OSID' (did you mean 'OSDI'?)"),
        (
            "AW160",
            5,
            "link 'paper' uses http://: http://e.org/a (use https:// where the site serves it)",
        ),
        (
            "AW141",
            6,
            "category 'training/parallel' is not in awesome_categories (did you mean 'training'?)",
        ),
        ("AW142", 9, "venue 'NIPS' is written 'NeurIPS' in the venue list"),
        ("AW130", 11, "duplicate id 'a' (first at e.yaml:2); this entry is skipped"),
        ("AW140", 15, "unknown venue 'Workshop on Nothing'"),
    ]


def test_select_and_ignore() -> None:
    assert select_codes([], []) == set(Code)
    assert select_codes(["AW15"], []) == {
        Code.DUPLICATE_URL,
        Code.DUPLICATE_DOI,
        Code.DUPLICATE_ARXIV,
        Code.DUPLICATE_TITLE,
    }
    assert select_codes(["duplicate-doi", "AW160"], []) == {Code.DUPLICATE_DOI, Code.INSECURE_URL}
    assert Code.INSECURE_URL not in select_codes([], ["insecure-url"])
    with pytest.raises(ValueError, match="unknown problem code 'AW999'"):
        select_codes(["AW999"], [])


def test_ten_thousand_entries_are_checked_quickly() -> None:
    words = [
        "sparse",
        "dense",
        "pipeline",
        "tensor",
        "expert",
        "cache",
        "memory",
        "kernel",
        "graph",
        "model",
        "train",
        "serve",
        "quant",
        "scale",
        "mixed",
        "fused",
    ]
    entries = [
        Entry(
            id=f"e{i}",
            title=f"{words[i % 16].title()} {words[(i // 16) % 16]} {words[(i // 256) % 16]} for "
            f"{words[(i * 7) % 16]} models number {i}",
            path=f"e{i}.yaml",
        )
        for i in range(10000)
    ]
    typo = entries[5].title.replace("models", "modles")
    entries.append(Entry(id="typo", title=typo, path="typo.yaml"))
    start = time.perf_counter()
    problems = check_entries(entries, venues=VENUES)
    assert time.perf_counter() - start < 10
    # the numbers tell the others apart; the misspelt copy is found among 10,000 titles
    assert codes(problems) == [
        (
            "AW153",
            1,
            f"title is near-identical to {entries[5].title!r}, 'e5' (e5.yaml:1); the same work "
            f"entered "
            f"twice?",
        ),
    ]


# -- the command ------------------------------------------------------------------------------


SEED_CHECK = (
    "papers/mononn.yaml:4:1: AW151 DOI 10.1145/3627703.3629554 is also the DOI of 'aceso' "
    "(papers/aceso.yaml:1); the same work entered twice?\n"
)


def test_check_on_the_imported_seed(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    code, out, err = run("check", "papers")
    assert code == 1
    assert out == SEED_CHECK
    assert err == "1 problem in 18 files (17 entries)\n"


def test_check_on_the_imported_fixtures(fixtures: Path, workdir: Path, run) -> None:
    run("import", str(fixtures / "tables.md"), "-o", "t")
    run("import", str(fixtures / "bullets.md"), "-o", "b")
    code_t, out_t, _ = run("check", "t")
    code_b, out_b, _ = run("check", "b")
    assert code_t == code_b == 1
    emm = "efficient-memory-management-for-large-language"
    assert (out_b + out_t).splitlines() == [
        "b/mononn.yaml:4:1: AW151 DOI 10.1145/3627703.3629554 is also the DOI of 'aceso' "
        "(b/aceso.yaml:1); "
        "the same work entered twice?",
        "b/orca-2022.yaml:1:1: AW153 same title as 'orca' (b/orca.yaml:1); the same work entered "
        "twice?",
        f"t/{emm}-2.yaml:1:1: AW153 same title as '{emm}' (t/{emm}.yaml:1); the same work entered "
        f"twice?",
        "t/oobleck.yaml:5:10: AW160 info: link 'paper' uses http://: "
        "http://dl.acm.org/doi/10.1145/3600006.3613152 "
        "(use https:// where the site serves it)",
        "t/varuna-2.yaml:2:1: AW150 link 'paper' points to the same page as the 'paper' link of "
        "'varuna' "
        "(t/varuna.yaml:1); the same work entered twice?",
        "t/varuna.yaml:2:1: AW140 unknown venue 'OSID' (did you mean 'OSDI'?)",
        f"t/vllm.yaml:4:1: AW152 arXiv id 2309.06180 is also the arXiv id of '{emm}' "
        f"(t/{emm}.yaml:1); "
        f"the same work entered twice?",
    ]


def test_check_json_select_ignore(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    code, out, _ = run("check", "papers", "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "schema_version": 1,
        "problems": [
            {
                "severity": "warning",
                "path": "papers/mononn.yaml",
                "line": 4,
                "column": 1,
                "code": "AW151",
                "subtype": "duplicate-doi",
                "message": "DOI 10.1145/3627703.3629554 is also the DOI of 'aceso' "
                "(papers/aceso.yaml:1); "
                "the same work entered twice?",
            }
        ],
    }
    assert run("check", "papers", "--ignore", "AW151")[0] == 0
    assert run("check", "papers", "--select", "AW160,AW140")[:2] == (0, "")
    assert run("check", "papers", "--select", "duplicate")[0] == 2  # not a code, prefix or subtype


def test_check_reports_file_problems_sorted(workdir: Path, run) -> None:
    (workdir / "list").mkdir()
    (workdir / "list" / "b.yaml").write_text(
        "title: B\nvenue: Eurosys\nyear: '2024'\n", encoding="utf-8"
    )
    (workdir / "list" / "a.yaml").write_text(
        "title: A\ncolour: red\nlinks:\n  paper: http://e.org/a\n", encoding="utf-8"
    )
    (workdir / "list" / "c.yml").write_text("- [not, a, mapping]\n", encoding="utf-8")
    (workdir / "list" / "_categories.yaml").write_text(
        "Bad Path: x\nok: {title: OK, colour: 1}\n", encoding="utf-8"
    )
    (workdir / "list" / ".hidden.yaml").write_text("::", encoding="utf-8")
    code, out, _ = run("check", "list", "missing.yaml")
    assert code == 1
    assert out.splitlines() == [
        "list/_categories.yaml:1:1: AW106 awesome_categories: 'Bad Path' is not a category path "
        "(slugs "
        "joined by '/', such as 'distributed/auto-parallel'); ignored",
        "list/_categories.yaml:2:17: AW106 awesome_categories: category 'ok': unknown field "
        "'colour' "
        "(expected 'title' and 'description'); ignored",
        "list/a.yaml:2:1: AW120 unknown field 'colour'",
        "list/a.yaml:4:10: AW160 info: link 'paper' uses http://: http://e.org/a (use https:// "
        "where the "
        "site serves it)",
        "list/b.yaml:2:1: AW142 info: venue 'Eurosys' is written 'EuroSys' in the venue list",
        "list/b.yaml:3:7: AW121 'year' should be an integer; read '2024' as 2024",
        "list/c.yml:1:3: AW102 an entry should be a mapping of fields",
        "missing.yaml:1:1: AW104 no such file or directory",
    ]


def test_check_clean_list_exits_0(workdir: Path, run) -> None:
    (workdir / "a.yaml").write_text("title: A\nvenue: OSDI\nyear: 2022\n", encoding="utf-8")
    code, out, err = run("check", "a.yaml")
    assert (code, out, err) == (0, "", "no problems in 1 file (1 entry)\n")


def test_list_codes_documents_every_code(run) -> None:
    code, out, _ = run("check", "--list-codes")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(Code)
    for line, member in zip(lines, Code, strict=True):
        assert (
            line.startswith(member.code) and member.subtype in line and member.description in line
        )


def _project(root: Path) -> None:
    (root / "docs" / "papers").mkdir(parents=True)
    (root / "docs" / "conf.py").write_text(
        "project = 'My list'\n"
        "extensions = ['sphinx_awesome']\n"
        "awesome_entries = ['papers/*.yaml', 'extra/*.yaml']\n"
        "awesome_categories = {'training': 'Training', 'serving': {'title': 'Serving'}}\n"
        "awesome_venues = {'OSDI': ['USENIX OSDI'], 'MyConf': ['MC']}\n",
        encoding="utf-8",
    )
    (root / "docs" / "papers" / "alpa.yaml").write_text(
        "title: Alpa\nvenue: OSDI\nlinks: {paper: 'https://e.org/alpa'}\ncategories: [training]\n",
        encoding="utf-8",
    )
    (root / "docs" / "papers" / "old.yaml").write_text(
        "title: Old\nvenue: NeurIPS\n", encoding="utf-8"
    )


def test_check_reads_the_sphinx_project(workdir: Path, run) -> None:
    _project(workdir)
    code, out, _ = run("check")
    assert code == 1
    assert out.splitlines() == [
        "docs/conf.py:3:1: AW104 awesome_entries pattern 'extra/*.yaml' matches no file",
        # awesome_venues replaces the built-in list
        "docs/papers/old.yaml:2:1: AW140 unknown venue 'NeurIPS'",
    ]


def test_check_as_pre_commit_runs_it(workdir: Path, run) -> None:
    """Changed files are checked against the whole project; other YAML files are skipped."""
    _project(workdir)
    (workdir / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (workdir / "docs" / "papers" / "new.yaml").write_text(
        "title: Alpa again\nvenue: MC\nlinks: {pdf: 'https://e.org/alpa/'}\ncategories: [serving, "
        "inference]\n",
        encoding="utf-8",
    )
    (workdir / "ci.yml").write_text("on: push\n", encoding="utf-8")
    code, out, err = run("check", ".pre-commit-config.yaml", "ci.yml", "docs/papers/new.yaml")
    assert code == 1
    assert out.splitlines() == [
        "docs/papers/new.yaml:2:1: AW142 info: venue 'MC' is written 'MyConf' in the venue list",
        "docs/papers/new.yaml:3:1: AW150 link 'pdf' points to the same page as the 'paper' link of "
        "'alpa' (docs/papers/alpa.yaml:1); the same work entered twice?",
        "docs/papers/new.yaml:4:1: AW141 category 'inference' is not in awesome_categories",
    ]
    assert "note: skipped .pre-commit-config.yaml: hidden files are not entry files" in err
    assert "note: skipped ci.yml: not matched by awesome_entries in docs/conf.py" in err
    # the old entry's unknown venue is not this change's problem
    assert "old.yaml" not in out


def test_check_without_project_or_paths_is_a_usage_error(workdir: Path, run) -> None:
    code, _, err = run("check")
    assert code == 2
    assert "no PATH given and no conf.py found" in err
    assert run("check", "--conf-dir", "nowhere")[0] == 2


def test_broken_conf_py_is_a_usage_error(workdir: Path, run) -> None:
    (workdir / "conf.py").write_text("raise RuntimeError('boom')\n", encoding="utf-8")
    code, _, err = run("check")
    assert code == 2
    assert "cannot read" in err and "boom" in err
    (workdir / "a.yaml").write_text("title: A\n", encoding="utf-8")
    assert run("check", "--no-conf", "a.yaml")[0] == 0

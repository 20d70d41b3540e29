"""``sphinx-awesome import`` of HTML lists: the seed list, an HTML fixture, hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sphinx_awesome.cli.importers import import_files, import_text
from sphinx_awesome.cli.importers.document import plain
from sphinx_awesome.cli.importers.html import read_html
from sphinx_awesome.entries import load_file

AUTO = "distributed-ml-training-and-inference/automatic-parallelism-configuration-system"
RECSYS = "distributed-ml-training-and-inference/case-study-recommendation-system"

#: Every entry of the seed, every field, in list order.
SEED_ENTRIES = [
    (
        "timemory",
        {
            "title": "Timemory: Modular Performance Analysis for HPC",
            "venue": "HPC",
            "year": 2020,
            "links": {
                "paper": "https://link.springer.com/chapter/10.1007/978-3-030-50743-5_22",
                "repo": "https://github.com/NERSC/timemory",
            },
            "categories": ["patos-on-gpgpu-program/profile"],
        },
    ),
    (
        "hpctoolkit-performance-tools",
        {
            "title": "HPCToolkit performance tools: measurement and analysis components",
            "kind": "repo",
            "links": {"repo": "https://gitlab.com/hpctoolkit/hpctoolkit"},
            "categories": ["patos-on-gpgpu-program/profile"],
        },
    ),
    (
        "mononn",
        {
            "title": "MonoNN: Enabling a New Monolithic Optimization Space for Neural Network "
            "Inference "
            "Tasks on Modern GPU-Centric Architectures",
            "venue": "OSDI",
            "year": 2024,
            "links": {"paper": "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554"},
            "categories": ["patos-on-gpgpu-program/optimize"],
        },
    ),
    (
        "colfax",
        {
            "title": "Colfax, an NVIDIA Elite partner across several competencies, is a thought "
            "leader "
            "in compute performance optimization and developer enablement.",
            "kind": "site",
            "links": {"site": "https://research.colfax-intl.com/"},
            "categories": ["gpu-workload-understanding/gpu-kernels"],
        },
    ),
    (
        "aceso",
        {
            "title": "Aceso: Efficient Parallel DNN Training through Iterative Bottleneck "
            "Alleviation",
            "venue": "EuroSys",
            "year": 2024,
            "links": {"paper": "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554"},
            "categories": [AUTO],
        },
    ),
    (
        "unity",
        {
            "title": "Unity: Accelerating DNN Training Through Joint Optimization of Algebraic "
            "Transformations "
            "and Parallelization",
            "venue": "OSDI",
            "year": 2022,
            "links": {"paper": "https://www.usenix.org/system/files/osdi22-unger.pdf"},
            "categories": [AUTO],
        },
    ),
    (
        "alpa",
        {
            "title": "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep "
            "Learning",
            "venue": "OSDI",
            "year": 2022,
            "links": {"paper": "https://www.usenix.org/system/files/osdi22-zheng-lianmin.pdf"},
            "categories": [AUTO],
        },
    ),
    (
        "whale",
        {
            "title": "Whale: Efficient Giant Model Training over Heterogeneous GPUs",
            "venue": "ATC",
            "year": 2022,
            "links": {"paper": "https://www.usenix.org/system/files/atc22-jia-xianyan.pdf"},
            "categories": [AUTO],
        },
    ),
    (
        "piper",
        {
            "title": "Piper: Multidimensional Planner for DNN Parallelization",
            "venue": "NeurIPS",
            "year": 2021,
            "links": {
                "paper": "https://proceedings.neurips.cc/paper/2021/file/d01eeca8b24321cd2fe89dd85b9beb51-Paper.pdf"
            },
            "categories": [AUTO],
        },
    ),
    (
        "dapple",
        {
            "title": "DAPPLE: A Pipelined Data Parallel Approach for Training Large Models",
            "venue": "PPoPP",
            "year": 2021,
            "links": {"paper": "https://arxiv.org/pdf/2007.01045"},
            "categories": [AUTO],
        },
    ),
    (
        "supporting-very-large-models-using-automatic",
        {
            "title": "Supporting Very Large Models using Automatic Dataflow Graph Partitioning",
            "venue": "EuroSys",
            "year": 2019,
            "links": {"paper": "https://dl.acm.org/doi/pdf/10.1145/3302424.3303953"},
            "categories": [AUTO],
        },
    ),
    (
        "pipedream",
        {
            "title": "PipeDream: generalized pipeline parallelism for DNN training",
            "venue": "SOSP",
            "year": 2019,
            "links": {"paper": "https://par.nsf.gov/servlets/purl/10129641"},
            "categories": [AUTO],
        },
    ),
    (
        "beyond-data-and-model-parallelism",
        {
            "title": "Beyond Data and Model Parallelism for Deep Neural Networks",
            "venue": "MLSys",
            "year": 2019,
            "links": {
                "paper": "https://proceedings.mlsys.org/paper_files/paper/2019/file/b422680f3db0986ddd7f8f126baaf0fa-Paper.pdf"
            },
            "categories": [AUTO],
        },
    ),
    (
        "zhihu-598714869",
        {
            "title": "大模型分布式训练并行技术 by 吃果冻不吐果冻皮 (zhihu)",
            "kind": "post",
            "links": {
                "post": "https://zhuanlan.zhihu.com/p/598714869",
                "repo": "https://github.com/liguodongiot/llm-action",
            },
            "categories": [AUTO],
            "lang": "zh",
        },
    ),
    (
        "is-this-the-chatgpt-moment",
        {
            "title": "Is this the ChatGPT moment for recommendation systems?",
            "kind": "post",
            "date": "2024-06-05",
            "links": {
                "post": "https://www.shaped.ai/blog/is-this-the-chatgpt-moment-for-recommendation-systems"
            },
            "categories": [RECSYS],
        },
    ),
    (
        "user-action-sequence-modeling",
        {
            "title": "User Action Sequence Modeling: From Attention to Transformers and Beyond",
            "kind": "post",
            "date": "2024-04",
            "links": {
                "post": "https://mlfrontiers.substack.com/p/user-action-sequence-modeling-from"
            },
            "categories": [RECSYS],
        },
    ),
    (
        "zhihu-687478684",
        {
            "title": "行动胜过言语: Meta落地工业界首个万亿级别参数的生成式推荐系统模型",
            "kind": "post",
            "date": "2024-03-26",
            "links": {"post": "https://zhuanlan.zhihu.com/p/687478684"},
            "categories": [RECSYS],
            "lang": "zh",
        },
    ),
]

SEED_CATEGORIES = {
    "patos-on-gpgpu-program": ("PATOS on GPGPU Program", ""),
    "patos-on-gpgpu-program/profile": ("Profile", ""),
    "patos-on-gpgpu-program/schedule": ("Schedule", ""),
    "patos-on-gpgpu-program/test": ("Test", ""),
    "patos-on-gpgpu-program/optimize": ("Optimize", ""),
    "patos-on-gpgpu-program/analyse": ("Analyse", ""),
    "gpu-workload-understanding": (
        "GPU Workload Understanding",
        "In this section, we record materials that help to understand the workloads running beyond "
        "GPU.",
    ),
    "gpu-workload-understanding/gpu-kernels": ("GPU Kernels", ""),
    "distributed-ml-training-and-inference": ("Distributed ML Training and Inference", ""),
    AUTO: ("Automatic Parallelism Configuration System", ""),
    RECSYS: ("Case Study: Recommendation System", ""),
}


def test_seed_every_entry_and_field(seed_html: Path, venues) -> None:
    result = import_files([seed_html], venues=venues)
    assert result.entries == SEED_ENTRIES
    assert result.problems == []


def test_seed_categories_in_heading_order_with_titles(seed_html: Path, venues) -> None:
    result = import_files([seed_html], venues=venues)
    got = {path: (info.title, info.description) for path, info in result.categories.items()}
    assert list(got) == list(SEED_CATEGORIES)  # heading order, TODO sections included
    assert got == SEED_CATEGORIES


def test_seed_venue_drift_is_normalised_and_reported(seed_html: Path, venues) -> None:
    result = import_files([seed_html], venues=venues)
    assert result.venue_changes == {("Eurosys", "EuroSys"): 2, ("NIPS", "NeurIPS"): 1}


def test_seed_cli_import_writes_readable_files(seed_html: Path, workdir: Path, run) -> None:
    code, out, err = run("import", str(seed_html), "-o", "papers")
    assert code == 0, out + err
    names = sorted(p.name for p in (workdir / "papers").iterdir())
    assert names == sorted(
        [f"{entry_id}.yaml" for entry_id, _ in SEED_ENTRIES] + ["_categories.yaml"]
    )
    assert out.splitlines() == [
        "venue 'Eurosys' written as 'EuroSys' (2 entries)",
        "venue 'NIPS' written as 'NeurIPS' (1 entry)",
        "17 items found in 1 file: 17 entries and 11 categories; wrote papers: 17 entry files (17 "
        "new) and _categories.yaml (new); 0 lines reported",
    ]
    assert (workdir / "papers" / "aceso.yaml").read_text(encoding="utf-8") == (
        "title: 'Aceso: Efficient Parallel DNN Training through Iterative Bottleneck Alleviation'\n"
        "venue: EuroSys\n"
        "year: 2024\n"
        "links:\n"
        "  paper: https://dl.acm.org/doi/pdf/10.1145/3627703.3629554\n"
        "categories:\n"
        f"  - {AUTO}\n"
    )
    assert (workdir / "papers" / "zhihu-687478684.yaml").read_text(encoding="utf-8") == (
        "title: '行动胜过言语: Meta落地工业界首个万亿级别参数的生成式推荐系统模型'\n"
        "kind: post\n"
        "date: '2024-03-26'\n"
        "links:\n"
        "  post: https://zhuanlan.zhihu.com/p/687478684\n"
        "categories:\n"
        f"  - {RECSYS}\n"
        "lang: zh\n"
    )
    tree = (workdir / "papers" / "_categories.yaml").read_text(encoding="utf-8")
    assert "patos-on-gpgpu-program/schedule:\n  title: Schedule\n" in tree
    assert "description: In this section, we record materials" in tree


def test_seed_files_load_cleanly_with_the_shared_loader(
    seed_html: Path, workdir: Path, run, venues
) -> None:
    run("import", str(seed_html), "-o", "papers")
    for entry_id, data in SEED_ENTRIES:
        loaded = load_file(workdir / "papers" / f"{entry_id}.yaml", venues=venues)
        assert loaded.problems == []
        (entry,) = loaded.entries
        assert entry.id == entry_id
        expected = {"id": entry_id, **data}
        if "date" in data:  # the loader derives the year from the date, but as_dict
            assert entry.year == int(data["date"][:4])  # gives back only what was written
        assert entry.as_dict() == {key: expected[key] for key in entry.as_dict()}
        assert set(entry.as_dict()) == set(expected)


def test_reimport_changes_nothing(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    before = {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (workdir / "papers").iterdir()
    }
    code, out, _ = run("import", str(seed_html), "-o", "papers")
    assert code == 0
    assert (
        out.splitlines()[-1]
        == "17 items found in 1 file: 17 entries and 11 categories; wrote papers: 17 entry files "
        "(17 unchanged) and _categories.yaml (unchanged); 0 lines reported"
    )
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (workdir / "papers").iterdir()}
    assert after == before


def test_dry_run_writes_nothing(seed_html: Path, workdir: Path, run) -> None:
    code, out, _ = run("import", str(seed_html), "-o", "papers", "--dry-run")
    assert code == 0
    assert not (workdir / "papers").exists()
    assert (
        out.splitlines()[-1]
        == "17 items found in 1 file: 17 entries and 11 categories; would write papers: 17 entry "
        "files (17 new) and _categories.yaml (new); 0 lines reported"
    )


def test_edited_files_are_kept_unless_forced(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    edited = workdir / "papers" / "alpa.yaml"
    edited.write_text("title: Alpa (edited by hand)\n", encoding="utf-8")
    code, out, _ = run("import", str(seed_html), "-o", "papers")
    assert code == 0
    assert "kept papers/alpa.yaml: it exists with other content (--force overwrites)" in out
    assert out.splitlines()[-1].endswith(
        "17 entry files (16 unchanged, 1 kept) and _categories.yaml (unchanged); 0 lines reported"
    )
    assert edited.read_text(encoding="utf-8") == "title: Alpa (edited by hand)\n"
    code, out, _ = run("import", str(seed_html), "-o", "papers", "--force")
    assert out.splitlines()[-1].endswith(
        "17 entry files (1 updated, 16 unchanged) and _categories.yaml (unchanged); 0 lines "
        "reported"
    )
    assert edited.read_text(encoding="utf-8").startswith("title: 'Alpa: Automating")


LIST_HTML_ENTRIES = [
    (
        "flashattention",
        {
            "title": "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
            "venue": "NeurIPS",
            "year": 2022,
            "links": {"arxiv": "2205.14135"},
            "categories": ["kernels"],
        },
    ),
    (
        "efficiently-scaling-transformer-inference",
        {
            "title": "Efficiently Scaling Transformer Inference",
            "venue": "MLSys",
            "year": 2023,
            "links": {"arxiv": "2211.05102"},
            "categories": ["kernels"],
        },
    ),
    (
        "triton",
        {
            "title": "Triton: An Intermediate Language and Compiler for Tiled Neural Network "
            "Computations",
            "venue": "MAPL",
            "year": 2019,
            "links": {
                "pdf": "https://www.eecs.harvard.edu/~htk/publication/2019-mapl-tillet-kung-cox.pdf"
            },
            "categories": ["kernels"],
        },
    ),
    (
        "zhihu-683580373",
        {
            "title": "大模型推理加速技术概览",
            "kind": "post",
            "links": {"post": "https://zhuanlan.zhihu.com/p/683580373"},
            "categories": ["kernels"],
            "lang": "zh",
        },
    ),
    (
        "ansor",
        {
            "title": "Ansor: Generating High-Performance Tensor Programs for Deep Learning",
            "venue": "OSDI",
            "year": 2020,
            "links": {
                "paper": "https://www.usenix.org/system/files/osdi20-zheng.pdf",
                "code": "https://github.com/apache/tvm",
            },
            "categories": ["systems"],
        },
    ),
    (
        "tvm",
        {
            "title": "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
            "venue": "OSDI",
            "year": 2018,
            "links": {"paper": "http://www.usenix.org/system/files/osdi18-chen.pdf"},
            "categories": ["systems"],
        },
    ),
]


def test_html_fixture_every_field_and_problem(fixtures: Path, venues) -> None:
    result = import_files([fixtures / "list.html"], venues=venues, display=lambda p: p.name)
    assert result.entries == LIST_HTML_ENTRIES
    assert {p: (i.title, i.description) for p, i in result.categories.items()} == {
        "kernels": ("Kernels", "Kernels & compilers for GPUs."),
        "systems": ("Systems", ""),
        "empty-section": ("Empty Section", "Nothing here yet."),
    }
    assert [p.format() for p in result.problems] == [
        "list.html:14:1: AW201 list item not imported: no link, venue, year, date or bold title",
        "list.html:23:1: AW201 table row not imported: row has links but no title",
    ]


def test_html_table_without_header_uses_first_column_as_title(venues) -> None:
    html = (
        "<h1>GPU tools</h1><h2>Tools</h2><table>"
        "<tr><td>Nsight Compute</td><td><a "
        'href="https://developer.nvidia.com/nsight-compute">Site</a></td></tr>'
        "</table>"
    )
    result = import_text(html, "t.html", fmt="html", venues=venues)
    assert result.entries == [
        (
            "nsight-compute",
            {
                "title": "Nsight Compute",
                "kind": "site",
                "links": {"site": "https://developer.nvidia.com/nsight-compute"},
                "categories": ["tools"],
            },
        ),
    ]


def test_html_anchor_gives_the_id_and_prose_lists_are_not_entries(venues) -> None:
    html = (
        "<h2>A</h2><ol><li><b>Optimize</b>: compilers.</li><li><b>Test</b>: fuzzing.</li></ol>"
        '<ul><li><a id="my-id"></a><a href="https://example.org/p">Some Paper</a> (OSDI '
        "2020)</li></ul>"
    )
    result = import_text(html, "t.html", fmt="html", venues=venues)
    assert [entry_id for entry_id, _ in result.entries] == ["my-id"]
    assert result.problems == []


@pytest.mark.parametrize(
    "hostile",
    ids=[
        "deep-divs",
        "unclosed-cells",
        "broken-tags",
        "many-items",
        "js-link",
        "huge-cell",
        "script",
    ],
    argvalues=[
        "<div>" * 20000 + "x" + "</div>" * 10,
        "<table>" + "<tr><td>" * 5000,
        "<<<<>>>><a href=>>>" * 2000,
        "<ul>" + "<li><a href='https://e.org/%s'>T%s</a>" * 50 + "</ul>",
        "<table><tr><th>Title</th></tr><tr><td><a "
        'href="javascript:alert(1)">X</a></td></tr></table>',
        "<h2>\x00\ufffd</h2><table><tr><td colspan=99999>" + "a" * 100000 + "</td></tr></table>",
        "<script><table><tr><td>not a row</td></tr></table></script><!-- <h1>",
    ],
)
def test_hostile_html_never_crashes(hostile: str, venues) -> None:
    start = time.perf_counter()
    result = import_text(hostile, "evil.html", fmt="html", venues=venues)
    assert time.perf_counter() - start < 5
    for _, data in result.entries:
        assert data["title"]


def test_html_reader_closes_what_browsers_close() -> None:
    blocks = read_html("<table><tr><td>a<td>b<tr><td>c</table><p>after").blocks
    table = blocks[0]
    assert [[len(cell) for cell in row.cells] for row in table.rows] == [[1, 1], [1]]
    assert plain(blocks[-1].tokens) == "after"

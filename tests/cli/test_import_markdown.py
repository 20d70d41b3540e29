"""``sphinx-awesome import`` of Markdown lists: tables, bullet lists in their common shapes,
a list spread over several files, and the small forms around titles."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sphinx_awesome.cli.importers import detect_format, import_files, import_text
from sphinx_awesome.cli.importers.decorations import (
    clean_heading,
    label_of_text,
    label_of_url,
    parse_date,
    parse_venue_year,
    split_authors,
)
from sphinx_awesome.cli.importers.document import Heading, Table
from sphinx_awesome.cli.importers.items import column_roles
from sphinx_awesome.cli.importers.markdown import read_markdown

TABLES_ENTRIES = [
    (
        "alpa",
        {
            "title": "Alpa: Automating Inter- and Intra-Operator Parallelism",
            "venue": "OSDI",
            "year": 2022,
            "links": {
                "pdf": "https://www.usenix.org/system/files/osdi22-zheng-lianmin.pdf",
                "code": "https://github.com/alpa-projects/alpa",
            },
            "categories": ["training"],
        },
    ),
    (
        "aceso",
        {
            "title": "Aceso: Efficient Parallel DNN Training",
            "venue": "EuroSys",
            "year": 2024,
            "links": {"paper": "https://dl.acm.org/doi/10.1145/3627703.3629554"},
            "categories": ["training"],
        },
    ),
    (
        "piper",
        {
            "title": "Piper: Multidimensional Planner for DNN Parallelization",
            "venue": "NeurIPS",
            "year": 2021,
            "links": {
                "paper": "https://proceedings.neurips.cc/paper/2021/hash/d01eeca8b24321cd2fe89dd85b9beb51-Abstract.html"
            },
            "categories": ["training"],
        },
    ),
    (
        "zero",
        {
            "title": "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
            "venue": "SC",
            "year": 2020,
            "links": {"arxiv": "1910.02054v3", "code": "https://github.com/microsoft/DeepSpeed"},
            "categories": ["training"],
        },
    ),
    (
        "megatron-lm-friends",
        {
            "title": "Megatron-LM & friends: Training Multi-Billion Parameter Models",
            "venue": "arXiv",
            "year": 2019,
            "categories": ["training"],
        },
    ),
    (
        "flexflow-beyond-data-and-model-parallelism",
        {
            "title": "FlexFlow | Beyond Data and Model Parallelism",
            "venue": "MLSys",
            "year": 2019,
            "links": {"pdf": "https://www.sysml.cc/doc/2019/16.pdf"},
            "categories": ["training"],
        },
    ),
    (
        "oobleck",
        {
            "title": "Oobleck: Resilient Distributed Training of Large Models",
            "venue": "SOSP",
            "year": 2023,
            "links": {"paper": "http://dl.acm.org/doi/10.1145/3600006.3613152"},
            "categories": ["training"],
        },
    ),
    (
        "legacy-ftp-paper",
        {"title": "Legacy FTP Paper", "venue": "HPDC", "year": 2001, "categories": ["training"]},
    ),
    (
        "varuna",
        {
            "title": "Varuna: Scalable, Low-cost Training of Massive Deep Learning Models",
            "venue": "OSID",
            "year": 2022,
            "links": {"paper": "https://example.org/varuna?utm_source=twitter"},
            "categories": ["training"],
        },
    ),
    (
        "orca",
        {
            "title": "Orca: A Distributed Serving System for Transformer-Based Generative Models",
            "venue": "OSDI",
            "year": 2022,
            "links": {"paper": "https://www.usenix.org/conference/osdi22/presentation/yu"},
            "categories": ["serving"],
            "summary": "Iteration-level scheduling.",
        },
    ),
    (
        "vllm",
        {
            "title": "vLLM: Efficient Memory Management for LLM Serving with PagedAttention",
            "venue": "SOSP",
            "year": 2023,
            "links": {
                "paper": "https://arxiv.org/pdf/2309.06180.pdf",
                "code": "https://github.com/vllm-project/vllm",
                "post": "https://blog.vllm.ai/2023/06/20/vllm.html",
            },
            "categories": ["serving"],
            "summary": "PagedAttention — paging for the KV cache.",
        },
    ),
    (
        "efficient-memory-management-for-large-language",
        {
            "title": "Efficient Memory Management for Large Language Model Serving with "
            "PagedAttention",
            "venue": "SOSP",
            "year": 2023,
            "links": {"arxiv": "2309.06180v1"},
            "categories": ["serving"],
            "summary": "The same paper again, by its arXiv id.",
        },
    ),
    (
        "efficient-memory-management-for-large-language-2",
        {
            "title": "Efficient memory management for large language model serving with "
            "PagedAttention.",
            "links": {"paper": "https://dl.acm.org/doi/10.1145/3600006.3613165"},
            "categories": ["serving"],
        },
    ),
    (
        "varuna-2",
        {
            "title": "Varuna: Scalable, Low-cost Training of Massive Deep Learning Models",
            "links": {"paper": "https://EXAMPLE.org/varuna/"},
            "categories": ["serving"],
            "summary": "The same page, written differently.",
        },
    ),
]

BULLETS_ENTRIES = [
    (
        "orca",
        {
            "title": "Orca: A Distributed Serving System for Transformer-Based Generative Models",
            "venue": "OSDI",
            "year": 2022,
            "links": {"paper": "https://www.usenix.org/conference/osdi22/presentation/yu"},
            "categories": ["papers/serving"],
        },
    ),
    (
        "aceso",
        {  # its link text spans two lines
            "title": "Aceso: Efficient Parallel DNN Training through Iterative Bottleneck "
            "Alleviation",
            "venue": "EuroSys",
            "year": 2024,
            "links": {"paper": "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554"},
            "categories": ["papers/serving"],
        },
    ),
    (
        "flashattention",
        {
            "title": "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
            "links": {"arxiv": "2205.14135"},
            "categories": ["papers/serving"],
            "summary": "Tiling cuts HBM reads & writes.",
        },
    ),
    (
        "efficient-memory-management-for-large-language",
        {
            "title": "Efficient Memory Management for Large Language Model Serving with "
            "PagedAttention",
            "links": {
                "pdf": "https://arxiv.org/pdf/2309.06180.pdf",
                "code": "https://github.com/vllm-project/vllm",
            },
            "categories": ["papers/serving"],
        },
    ),
    (
        "orca-2022",
        {
            "title": "Orca: A Distributed Serving System for Transformer-Based Generative Models",
            "authors": ["Gyeong-In Yu", "Joo Seong Jeong", "et al."],
            "venue": "OSDI",
            "year": 2022,
            "categories": ["papers/serving"],
        },
    ),
    (
        "mononn",
        {
            "title": "MonoNN: Enabling a New Monolithic Optimization Space",
            "venue": "OSDI",
            "year": 2024,
            "links": {"paper": "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554"},
            "categories": ["papers/serving"],
        },
    ),
    (
        "spotserve",
        {
            "title": "SpotServe: Serving Generative Large Language Models on Preemptible Instances",
            "venue": "ASPLOS",
            "year": 2024,
            "links": {
                "paper": "https://arxiv.org/abs/2311.15566",
                "code": "https://github.com/Hsword/SpotServe",
            },
            "categories": ["papers/serving"],
        },
    ),
    (
        "distserve",
        {
            "title": "DistServe: Disaggregating Prefill and Decoding for Goodput-optimized LLM "
            "Serving",
            "venue": "OSDI",
            "year": 2024,
            "links": {"arxiv": "2401.09670"},
            "categories": ["papers/serving"],
        },
    ),
    (
        "some-paper-without-any-link",
        {
            "title": "Some Paper Without Any Link",
            "venue": "NeurIPS",
            "year": 2021,
            "categories": ["papers/serving"],
        },
    ),
    (
        "relative-link-paper",
        {
            "title": "Relative Link Paper",
            "links": {"code": "https://github.com/example/relative"},
            "categories": ["papers/serving"],
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
            "categories": ["papers/blogs"],
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
            "categories": ["papers/blogs"],
        },
    ),
    (
        "zhihu-687478684",
        {
            "title": "行动胜过言语: Meta落地工业界首个万亿级别参数的生成式推荐系统模型",
            "kind": "post",
            "date": "2024-03-26",
            "links": {"post": "https://zhuanlan.zhihu.com/p/687478684"},
            "categories": ["papers/blogs"],
            "lang": "zh",
        },
    ),
    (
        "zhihu-655557420",
        {
            "title": "大模型推理优化技术",
            "kind": "post",
            "links": {"post": "https://zhuanlan.zhihu.com/p/655557420"},
            "categories": ["papers/blogs"],
            "lang": "zh",
        },
    ),
    (
        "vllm",
        {
            "title": "vLLM",
            "kind": "repo",
            "links": {"repo": "https://github.com/vllm-project/vllm"},
            "categories": ["papers/projects"],
            "summary": "A high-throughput and memory-efficient inference engine for LLMs.",
        },
    ),
    (
        "colfax-research",
        {
            "title": "Colfax Research",
            "kind": "site",
            "links": {"site": "https://research.colfax-intl.com/"},
            "categories": ["papers/projects"],
            "summary": "Tutorials on CUTLASS & Hopper.",
        },
    ),
    (
        "tensorrt-llm",
        {
            "title": "TensorRT-LLM",
            "kind": "repo",
            "links": {"repo": "https://github.com/NVIDIA/TensorRT-LLM"},
            "categories": ["papers/projects"],
        },
    ),
]


def _import(fixtures: Path, venues, *names: str):
    return import_files(
        [fixtures / n for n in names],
        venues=venues,
        display=lambda p: p.relative_to(fixtures).as_posix(),
    )


def test_markdown_tables_every_field(fixtures: Path, venues) -> None:
    result = _import(fixtures, venues, "tables.md")
    assert result.entries == TABLES_ENTRIES
    assert {p: (i.title, i.description) for p, i in result.categories.items()} == {
        "training": ("Training", "Papers about training at scale."),
        "serving": ("Serving", ""),
    }


def test_markdown_tables_every_problem(fixtures: Path, venues) -> None:
    result = _import(fixtures, venues, "tables.md")
    assert [p.format() for p in result.problems] == [
        "tables.md:23:1: AW202 'Alpa: Automating Inter- and Intra-Operator Parallelism' is listed "
        "again (first at line 18); skipped",
        "tables.md:25:1: AW201 table row not imported: row has links but no title",
        "tables.md:28:1: AW203 link 'ftp://example.org/legacy.pdf' of 'Legacy FTP Paper' is not an "
        "absolute http(s) URL; it is dropped",
        "tables.md:45:1: AW201 link not imported: it is in the section 'License', which is not "
        "read "
        "for entries",
    ]


def test_markdown_bullets_every_field(fixtures: Path, venues) -> None:
    result = _import(fixtures, venues, "bullets.md")
    assert result.entries == BULLETS_ENTRIES
    assert {p: i.title for p, i in result.categories.items()} == {
        "papers": "Papers",
        "papers/serving": "Serving",
        "papers/blogs": "Blogs",
        "papers/projects": "Projects",
    }


def test_markdown_bullets_every_problem(fixtures: Path, venues) -> None:
    result = _import(fixtures, venues, "bullets.md")
    assert [p.format() for p in result.problems] == [
        "bullets.md:6:1: AW201 link not imported: it is in a paragraph of text, not in a list or "
        "table",
        "bullets.md:28:1: AW201 list item not imported: no link, venue, year, date or bold title",
        "bullets.md:29:1: AW201 list item not imported: links without a title",
        "bullets.md:30:1: AW203 link 'papers/relative.pdf' of 'Relative Link Paper' is not an "
        "absolute "
        "http(s) URL; it is dropped",
        "bullets.md:52:1: AW201 link not imported: it is in the section 'License', which is not "
        "read "
        "for entries",
    ]


def test_list_spread_over_several_files(fixtures: Path, venues) -> None:
    result = _import(fixtures, venues, "multi/training.md", "multi/inference.md")
    assert result.entries == [
        (
            "alpa",
            {
                "title": "Alpa",
                "kind": "repo",
                "links": {"repo": "https://github.com/alpa-projects/alpa"},
                "categories": ["training/parallelism", "inference"],
                "summary": "Auto-parallelization of training.",
            },
        ),
        (
            "unity",
            {
                "title": "Unity: Accelerating DNN Training Through Joint Optimization of Algebraic "
                "Transformations and Parallelization",
                "venue": "OSDI",
                "year": 2022,
                "links": {"pdf": "https://www.usenix.org/system/files/osdi22-unger.pdf"},
                "categories": ["training/parallelism"],
            },
        ),
        (
            "zero",
            {
                "title": "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
                "venue": "SC",
                "year": 2020,
                "links": {"arxiv": "1910.02054"},
                "categories": ["training/memory"],
            },
        ),
        (
            "orca",
            {
                "title": "Orca",
                "venue": "OSDI",
                "year": 2022,
                "links": {"paper": "https://www.usenix.org/conference/osdi22/presentation/yu"},
                "categories": ["inference"],
            },
        ),
    ]
    assert {p: i.title for p, i in result.categories.items()} == {
        "training": "Training",
        "training/parallelism": "Parallelism",
        "training/memory": "Memory",
        "inference": "Inference",
    }
    assert [p.format() for p in result.problems] == [
        "multi/inference.md:6:1: AW202 'Alpa' is listed again (first at multi/training.md:5); "
        "merged "
        "(also in inference)",
    ]


def test_cli_import_of_several_files_and_unparsed_lines_exit_1(
    fixtures: Path, workdir: Path, run
) -> None:
    code, out, _ = run("import", str(fixtures / "bullets.md"), "-o", "out")
    assert code == 1  # problems were reported, the rest was imported
    lines = out.splitlines()
    assert sum(": AW20" in line for line in lines) == 5
    assert (
        lines[-1]
        == "17 items found in 1 file: 17 entries and 4 categories; wrote out: 17 entry files (17 "
        "new) and _categories.yaml (new); 5 lines reported"
    )
    assert len(list((workdir / "out").glob("*.yaml"))) == 18


# -- shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "- [OSDI'22] [Alpa: Automating Parallelism](https://e.org/alpa)",
            {
                "title": "Alpa: Automating Parallelism",
                "venue": "OSDI",
                "year": 2022,
                "links": {"paper": "https://e.org/alpa"},
            },
        ),
        (
            "- [Alpa: Automating Parallelism](https://e.org/alpa.pdf) [Eurosys'24]",
            {
                "title": "Alpa: Automating Parallelism",
                "venue": "EuroSys",
                "year": 2024,
                "links": {"pdf": "https://e.org/alpa.pdf"},
            },
        ),
        (
            "- [Alpa](https://github.com/alpa-projects/alpa) - Auto parallelism for JAX.",
            {
                "title": "Alpa",
                "kind": "repo",
                "links": {"repo": "https://github.com/alpa-projects/alpa"},
                "summary": "Auto parallelism for JAX.",
            },
        ),
        (
            "- Alpa: Automating Parallelism [[pdf]](https://e.org/a.pdf) "
            "[[code]](https://github.com/a/b) "
            "[[slides]](https://e.org/s)",
            {
                "title": "Alpa: Automating Parallelism",
                "links": {
                    "pdf": "https://e.org/a.pdf",
                    "code": "https://github.com/a/b",
                    "slides": "https://e.org/s",
                },
            },
        ),
        (
            "- **Alpa: Automating Parallelism** by Lianmin Zheng, Zhuohan Li and Hao Zhang, OSDI "
            "2022",
            {
                "title": "Alpa: Automating Parallelism",
                "authors": ["Lianmin Zheng", "Zhuohan Li", "Hao Zhang"],
                "venue": "OSDI",
                "year": 2022,
            },
        ),
        (
            "- **Alpa** by L. Zheng et al., NIPS 2021",
            {"title": "Alpa", "authors": ["L. Zheng", "et al."], "venue": "NeurIPS", "year": 2021},
        ),
        (
            "- Alpa: Automating Parallelism (NeurIPS 2021) [Paper](https://e.org/p)",
            {
                "title": "Alpa: Automating Parallelism",
                "venue": "NeurIPS",
                "year": 2021,
                "links": {"paper": "https://e.org/p"},
            },
        ),
        (
            "- Alpa: Automating Parallelism. OSDI 2022 [Paper](https://e.org/p)",
            {
                "title": "Alpa: Automating Parallelism",
                "venue": "OSDI",
                "year": 2022,
                "links": {"paper": "https://e.org/p"},
            },
        ),
        (
            "- [Jun.5 2024] [A Post](https://e.org/blog/p)",
            {
                "title": "A Post",
                "kind": "post",
                "date": "2024-06-05",
                "links": {"post": "https://e.org/blog/p"},
            },
        ),
        (
            "- [Talk] Scaling Laws [Video](https://www.youtube.com/watch?v=x) "
            "[Slides](https://e.org/s.pdf)",
            {
                "title": "Scaling Laws",
                "kind": "talk",
                "links": {
                    "video": "https://www.youtube.com/watch?v=x",
                    "slides": "https://e.org/s.pdf",
                },
            },
        ),
        (
            "- 🔥 [NeurIPS'22 Oral] [Flash](https://arxiv.org/abs/2205.14135v2)",
            {
                "title": "Flash",
                "venue": "NeurIPS",
                "year": 2022,
                "links": {"arxiv": "2205.14135v2"},
                "tags": ["oral"],
            },
        ),
        (
            "- [[OSDI'22](https://www.usenix.org/conference/osdi22)] "
            "[Alpa](https://e.org/alpa.pdf)",
            {
                "title": "Alpa",
                "venue": "OSDI",
                "year": 2022,
                "links": {"pdf": "https://e.org/alpa.pdf"},
            },
        ),
        (
            '- <a href="https://e.org/p">Inline &amp; HTML</a> (ICML 2023)',
            {
                "title": "Inline & HTML",
                "venue": "ICML",
                "year": 2023,
                "links": {"paper": "https://e.org/p"},
            },
        ),
        (
            "- Bare URL Paper https://arxiv.org/abs/2401.00001.",
            {"title": "Bare URL Paper", "links": {"arxiv": "2401.00001"}},
        ),
        (
            "- **Orca** (OSDI 2022) by Gyeong-In Yu · [Paper](https://e.org/orca) — "
            "Iteration-level "
            "scheduling. #serving #llm",
            {
                "title": "Orca",
                "authors": ["Gyeong-In Yu"],
                "venue": "OSDI",
                "year": 2022,
                "links": {"paper": "https://e.org/orca"},
                "tags": ["serving", "llm"],
                "summary": "Iteration-level scheduling.",
            },
        ),
        (
            "* **FlashAttention**: Fast and Exact Attention. NeurIPS 2022. "
            "[[paper](https://arxiv.org/abs/2205.14135)] "
            "[[code](https://github.com/Dao-AILab/flash-attention)]",
            {
                "title": "FlashAttention: Fast and Exact Attention",
                "venue": "NeurIPS",
                "year": 2022,
                "links": {
                    "paper": "https://arxiv.org/abs/2205.14135",
                    "code": "https://github.com/Dao-AILab/flash-attention",
                },
            },
        ),
        (
            '1. "A Quoted Title", Ann Author, Bob Author. *ICML* 2023. [pdf](https://e.org/x.pdf)',
            {
                "title": "A Quoted Title",
                "authors": ["Ann Author", "Bob Author"],
                "venue": "ICML",
                "year": 2023,
                "links": {"pdf": "https://e.org/x.pdf"},
            },
        ),
        (
            "- [Paper Title](https://e.org/p) | [Code](https://github.com/a/b) | ICLR'24",
            {
                "title": "Paper Title",
                "venue": "ICLR",
                "year": 2024,
                "links": {"paper": "https://e.org/p", "code": "https://github.com/a/b"},
            },
        ),
        (
            "- Megatron-LM: Training Models Using Model Parallelism. Mohammad Shoeybi et al. arXiv "
            "2019. [[pdf]](https://arxiv.org/pdf/1909.08053)",
            {
                "title": "Megatron-LM: Training Models Using Model Parallelism",
                "authors": ["Mohammad Shoeybi", "et al."],
                "venue": "arXiv",
                "year": 2019,
                "links": {"pdf": "https://arxiv.org/pdf/1909.08053"},
            },
        ),
        (
            "- [GPipe](https://arxiv.org/abs/1811.06965): Efficient Training of Giant Networks "
            "(NeurIPS "
            "2019)",
            {
                "title": "GPipe: Efficient Training of Giant Networks",
                "venue": "NeurIPS",
                "year": 2019,
                "links": {"arxiv": "1811.06965"},
            },
        ),
        (
            "- [Blog] [How to train really large "
            "models](https://lilianweng.github.io/posts/2021-09-25-train-large/)",
            {
                "title": "How to train really large models",
                "kind": "post",
                "links": {"post": "https://lilianweng.github.io/posts/2021-09-25-train-large/"},
            },
        ),
    ],
)
def test_bullet_shapes(line: str, expected: dict, venues) -> None:
    text = f"# List\n\n## Section\n\n{line}\n- [Other](https://e.org/other)\n"
    result = import_text(text, "x.md", venues=venues)
    assert result.problems == []
    (_entry_id, data), _other = result.entries
    assert data == {**expected, "categories": ["section"]}


def test_tags_and_labels() -> None:
    assert parse_date("Jun.5 2024") == "2024-06-05"
    assert parse_date("Apr. 2024") == "2024-04"
    assert parse_date("Mar.26 2024") == "2024-03-26"
    assert parse_date("5 June 2024") == "2024-06-05"
    assert parse_date("June 5th, 2024") == "2024-06-05"
    assert parse_date("2024/06/05") == "2024-06-05"
    assert parse_date("Feb.30 2024") is None
    assert parse_date("OSDI 2022") is None


def test_venue_year_forms(venues) -> None:
    assert parse_venue_year("OSDI'22", venues) == ("OSDI", 2022, [])
    assert parse_venue_year("Eurosys'24", venues) == ("Eurosys", 2024, [])
    assert parse_venue_year("HPC'20", venues) == ("HPC", 2020, [])
    assert parse_venue_year("OSDI '99", venues) == ("OSDI", 1999, [])
    assert parse_venue_year("NeurIPS 2021", venues) == ("NeurIPS", 2021, [])
    assert parse_venue_year("osdi22", venues) == ("osdi", 2022, [])
    assert parse_venue_year("2021", venues) == (None, 2021, [])
    assert parse_venue_year("ICML", venues) == ("ICML", None, [])
    assert parse_venue_year("NeurIPS'22 Oral", venues, allow_suffix=True) == (
        "NeurIPS",
        2022,
        ["oral"],
    )
    assert parse_venue_year("zhihu", venues) is None
    assert parse_venue_year("Best Paper", venues) is None
    assert (
        parse_venue_year("this is a whole sentence about things 2021", venues, strict=True) is None
    )


def test_link_labels() -> None:
    expected = {
        "Paper": "paper",
        "PDF": "pdf",
        "[pdf]": "pdf",
        "Code": "code",
        "Repo": "repo",
        "GitHub": "repo",
        "Post": "post",
        "Posts": "post",
        "Blog": "post",
        "Site": "site",
        "Website": "site",
        "Homepage": "site",
        "Slides": "slides",
        "Video": "video",
        "arXiv": "arxiv",
        "Docs": "docs",
        "Project": "project",
        "📄 Paper": "paper",
        "知乎": "post",
    }
    assert {text: label_of_text(text) for text in expected} == expected
    assert label_of_text("alpa-projects/alpa") is None
    assert label_of_url("https://github.com/a/b") == "repo"
    assert label_of_url("https://github.com/a/b/tree/main/x") == "code"
    assert label_of_url("https://arxiv.org/abs/1") == "arxiv"
    assert label_of_url("https://www.youtube.com/watch?v=1") == "video"
    assert label_of_url("https://e.org/x.pdf") == "pdf"
    assert label_of_url("https://e.org/") == "site"
    assert label_of_url("https://e.org/blog/x") == "post"


def test_headings_lose_their_decoration() -> None:
    assert clean_heading("I. PATOS on GPGPU Program") == "PATOS on GPGPU Program"
    assert clean_heading("↘ Profile") == "Profile"
    assert (
        clean_heading("III. Distributed ML Training and Inference")
        == "Distributed ML Training and Inference"
    )
    assert clean_heading("2.1 🚀 Serving:") == "Serving"
    assert clean_heading("I Love Papers") == "I Love Papers"
    assert clean_heading("大模型训练") == "大模型训练"


def test_authors_and_columns() -> None:
    assert split_authors("A. Author, B. Author, and C. Author") == [
        "A. Author",
        "B. Author",
        "C. Author",
    ]
    assert split_authors("张三、李四") == ["张三", "李四"]
    assert split_authors("Zheng et al.") == ["Zheng", "et al."]
    assert column_roles(["Title", "Venue", "Year", "Paper", "Code"]) == [
        ("title", None),
        ("venue", None),
        ("year", None),
        ("links", "paper"),
        ("links", "code"),
    ]
    assert column_roles(["Paper / Posts", "Source"]) == [("title", None), ("links", None)]
    assert column_roles(["Name", "Authors", "Description", "Tags", "Stars"]) == [
        ("title", None),
        ("authors", None),
        ("summary", None),
        ("tags", None),
        ("other", None),
    ]
    assert column_roles(["", "x"]) == [("title", None), ("other", None)]


def test_markdown_reader_blocks() -> None:
    text = (
        "Title\r\n=====\r\n\r\n"
        "```\r\n# not a heading\r\n```\r\n"
        "<!--\r\n## hidden\r\n-->\r\n"
        "<h2 align=center>HTML heading</h2>\r\n\r\n"  # an HTML block ends at a blank line
        "| a | b |\r\n|---|---|\r\n| x \\| y | [l](https://e.org) |\r\n"
    )
    blocks = read_markdown(text).blocks
    assert [(b.level, b.text) for b in blocks if isinstance(b, Heading)] == [
        (1, "Title"),
        (2, "HTML heading"),
    ]
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.header == ["a", "b"]
    assert table.rows[0].line == 14


def test_bom_crlf_and_format_detection(tmp_path: Path, venues) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes("\ufeff# L\r\n\r\n## S\r\n\r\n- [A](https://e.org/a) (OSDI 2020)\r\n".encode())
    assert detect_format(path, path.read_text(encoding="utf-8-sig")) == "markdown"
    result = import_files([path], venues=venues)
    assert result.entries == [
        (
            "a",
            {
                "title": "A",
                "venue": "OSDI",
                "year": 2020,
                "links": {"paper": "https://e.org/a"},
                "categories": ["s"],
            },
        )
    ]
    assert detect_format(Path("x.html"), "") == "html"
    assert detect_format(Path("x"), "<html><body><table></table></body></html>") == "html"


def test_not_utf8_is_reported_and_the_rest_imported(tmp_path: Path, venues) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes(b"# L\n\n## S\n\n- [Caf\xe9 Paper](https://e.org/c) (OSDI 2020)\n")
    result = import_files([path], venues=venues, display=lambda p: p.name)
    assert [e for e, _ in result.entries] == ["caf-paper"]
    assert result.problems[0].format().startswith("latin1.md:5:1: AW201 the file is not UTF-8")


def test_ids_are_readable_and_unique(venues) -> None:
    text = "\n".join(
        [
            "# L",
            "## S",
            "- [Alpa: One](https://e.org/1) (OSDI 2022)",
            "- [Alpa: Two](https://e.org/2) (OSDI 2023)",
            "- [Alpa: Three](https://e.org/3) (OSDI 2023)",
            "- [Résumé of Überlong Paper Titles That Go On And On Forever](https://e.org/4)",
            "- [中文标题](https://zhuanlan.zhihu.com/p/123)",
            "- [中文标题二](/relative)",
        ]
    )
    result = import_text(text, "x.md", venues=venues)
    assert [e for e, _ in result.entries] == [
        "alpa",
        "alpa-2023",
        "alpa-2",
        "resume-of-uberlong-paper-titles-that",
        "zhihu-123",
        "entry-6",
    ]


@pytest.mark.parametrize(
    "hostile",
    ids=[
        "brackets",
        "nested",
        "unclosed-code",
        "long-line",
        "many-links",
        "stars",
        "pipes",
        "tags",
    ],
    argvalues=[
        "- " + "[" * 20000,
        "- " + "[" * 3000 + "x" + "](https://e.org)" * 3000,
        "- " + "`a" * 10000,
        "- " + "word " * 20000 + "[l](https://e.org)",
        "- " + "[a](https://e.org/x) " * 3000,
        "- " + "**a " * 5000 + "*b_" * 5000,
        "| a |\n|---|\n" + "| " + "x | " * 5000 + "\n",
        "- " + "<a href='x'>" * 5000 + "<b>" * 5000,
    ],
)
def test_hostile_markdown_never_crashes(hostile: str, venues) -> None:
    start = time.perf_counter()
    import_text("# L\n\n## S\n\n" + hostile + "\n", "evil.md", venues=venues)
    assert time.perf_counter() - start < 5

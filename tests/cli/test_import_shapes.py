"""``sphinx-awesome import`` on the shapes real paper lists use.

Each fixture under ``fixtures/shapes/`` is a small list written for these tests in one shape
seen in real awesome lists (named for the shape, not the list). For every item the test
checks the fields a careful reader takes from the line; ``None`` means the field must be
absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sphinx_awesome.cli.importers import import_files
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
VENUES = VenueList(BUILTIN_VENUES)

Expected = list[dict[str, Any]]


def imported(name: str) -> tuple[list[dict[str, Any]], list[str]]:
    result = import_files([SHAPES / name], venues=VENUES, display=lambda p: p.name)
    return [data for _, data in result.entries], [p.format() for p in result.problems]


def check(name: str, expected: Expected, problems: list[str] | None = None) -> None:
    entries, reported = imported(name)
    assert [e["title"] for e in entries] == [x["title"] for x in expected]
    for entry, want in zip(entries, expected, strict=True):
        got = {key: entry.get(key) for key in want}
        assert got == want, entry["title"]
    assert reported == (problems or [])


def test_tables_under_a_contents_heading_with_tags_and_affiliations() -> None:
    check(
        "contents-heading-tables.md",
        [
            {
                "title": "Dynamic Memory Compression: Retrofitting LLMs for Accelerated Inference",
                "affiliation": "NVIDIA",
                "date": "2024-03",
                "links": {"pdf": "https://arxiv.org/pdf/2403.09636"},
                "categories": ["serving"],
            },
            {
                "title": "Towards Efficient Generative LLM Serving: A Survey",
                "affiliation": "Carnegie Mellon University",
            },
            {
                "title": "Context Parallelism for Scalable Million-Token Inference",
                "affiliation": "Meta Platforms, Inc",
            },
            {
                "title": "FlashAttention: Fast and Memory-Efficient Exact Attention with "
                "IO-Awareness",
                "affiliation": "Stanford",
                "categories": ["kernels"],
            },
        ],
    )
    result = import_files([SHAPES / "contents-heading-tables.md"], venues=VENUES)
    # "Contents" is no category, and "(©️back👆🏻)" is not part of a section's title
    assert {path: info.title for path, info in result.categories.items()} == {
        "serving": "Serving",
        "kernels": "Kernels",
    }


def test_checkbox_bullets_with_accepted_by() -> None:
    check(
        "accepted-by-checkboxes.md",
        [
            {
                "title": "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep "
                "Learning "
                "Serving",
                "venue": "OSDI",
                "year": 2023,
                "summary": None,
            },
            {
                "title": "Fairness in Serving Large Language Models",
                "venue": "OSDI",
                "year": 2024,
                "summary": "scheduling with fairness",
            },
            {
                "title": "Speculative Decoding with Big Little Decoder",
                "venue": "NeurIPS",
                "year": 2023,
            },
            {
                "title": "LLM-PQ: Serving LLM on Heterogeneous Clusters",
                "venue": "PPoPP",
                "year": 2024,
                "tags": ["poster"],
            },
            {
                "title": "DecDEC: A Systems Approach to Low-Bit LLM Quantization",
                "venue": "OSDI",
                "year": 2025,
                "summary": "keeps residuals in CPU memory",
            },
            {"title": "BrownoutServe: SLO-Aware Serving under Bursty Workloads", "venue": None},
            {"title": "Online Speculative Decoding", "summary": "update the draft model online"},
        ],
    )


def test_name_and_subtitle_with_venue_or_affiliation_after_a_pipe() -> None:
    check(
        "name-subtitle-pipes.md",
        [
            {
                "title": "Oobleck: Resilient Distributed Training of Large Models Using Pipeline "
                "Templates",
                "venue": "SOSP",
                "year": 2023,
            },
            {
                "title": "MegaScale: Scaling Large Language Model Training to More Than 10,000 "
                "GPUs",
                "affiliation": "ByteDance",
                "venue": None,
            },
            {"title": "Pipeline Parallelism with Controllable Memory", "affiliation": "Sea AI Lab"},
            {
                "title": "Carbon Emissions and Large Neural Network Training",
                "affiliation": ["Google", "UCB"],
            },
            {
                "title": "WeiPipe: Weight Pipeline Parallelism for Communication-Effective "
                "Long-Context "
                "Large Model Training",
                "venue": "PPoPP",
                "year": 2025,
            },
            {
                "title": "BurstEngine: an Efficient Distributed Framework for Training "
                "Transformers "
                "on Long Sequences",
                "venue": "MLSys",
                "year": 2026,
            },
            {
                "title": "One Queue Is All You Need: Resolving Head-of-Line Blocking in Large "
                "Language "
                "Model Serving"
            },
            {
                "title": "SpargeAttention: Accurate Sparse Attention Accelerating Any Model "
                "Inference",
                "venue": "ICML",
                "year": 2025,
            },
            {
                "title": "Star Attention: Efficient LLM Inference over Long Sequences",
                "affiliation": "NVIDIA",
            },
            {
                "title": "LoRAShear: Efficient Large Language Model Structured Pruning and "
                "Knowledge "
                "Recovery",
                "affiliation": "Microsoft",
            },
            {
                "title": "LLaMA: Open and Efficient Foundation Language Models",
                "affiliation": "Meta",
                "date": "2023-02",
            },
            {
                "title": "SageAttention3: Microscaling FP4 Attention for Inference",
                "venue": "NeurIPS",
                "year": 2025,
                "tags": ["spotlight"],
            },
            {"title": "veScale", "kind": "repo", "affiliation": "ByteDance"},
        ],
    )


def test_full_titles_followed_by_comments() -> None:
    entries, problems = imported("title-comment-habit.md")
    by_title = {e["title"]: e for e in entries}
    assert len(entries) == 12 and problems == []
    for short in (
        "Online Speculative Decoding",
        "Decoding Speculative Decoding",
        "Multi-Candidate Speculative Decoding",
        "Rethinking Key-Value Cache Compression for LLM Serving",
    ):
        assert short in by_title  # the text after the colon is a comment, not a subtitle
    assert by_title["Online Speculative Decoding"]["summary"] == "update the draft model online"


def test_bracketed_tags_before_the_title() -> None:
    check(
        "bracket-tags.md",
        [
            {
                "title": "Deep Learning Workload Scheduling in GPU Datacenters: A Survey",
                "venue": "CSUR",
                "year": 2023,
                "tags": ["survey"],
            },
            {
                "title": "Deep Learning Workload Scheduling in GPU Datacenters: Taxonomy, "
                "Challenges "
                "and Vision",
                "venue": "arXiv",
                "year": 2022,
            },
            {
                "title": "Network-Aware Inference Placement for LLMs",
                "venue": "SIGCOMM",
                "year": 2025,
                "tags": ["naic"],
            },
            {
                "title": "Deep Learning for Recommendations at Scale",
                "venue": "KDD",
                "year": 2020,
                "tags": ["tutorial"],
            },
            {
                "title": "Baton: Orchestrating GPU Memory for LLM Training on Heterogeneous "
                "Clusters",
                "venue": "FAST",
                "year": 2025,
            },
            {
                "title": "SiloD: A Co-design of Caching and Scheduling for Deep Learning Clusters",
                "venue": "EuroSys",
            },
            {
                "title": "Looking Beyond GPUs for DNN Scheduling on Multi-Tenant Clusters",
                "venue": "OSDI",
            },
            {"title": "Alpa: Automating Inter- and Intra-Operator Parallelism", "year": 2022},
            {
                "title": "FlashAttention: Fast and Memory-Efficient Exact Attention",
                "venue": "NeurIPS",
                "tags": ["oral"],
            },
        ],
    )


def test_metadata_sub_bullets_belong_to_their_parent() -> None:
    check(
        "metadata-sub-bullets.md",
        [
            {
                "title": "Serving DNNs like Clockwork: Performance Predictability from the Bottom "
                "Up",
                "authors": [
                    "A. Gujarati",
                    "R. Karimi",
                    "S. Alzayat",
                    "A. Kaufmann",
                    "Y. Vigfusson",
                    "J. Mace",
                ],
                "venue": "OSDI",
                "year": 2020,
            },
            {
                "title": "Gandiva: Introspective Cluster Scheduling for Deep Learning",
                "authors": ["Wencong Xiao", "et al."],
                "venue": "OSDI",
                "year": 2018,
            },
            {
                "title": "TFX: A TensorFlow-Based Production-Scale Machine Learning Platform",
                "authors": ["Denis Baylor", "et al."],
                "venue": "KDD",
                "year": 2017,
                "summary": "a platform for production pipelines.",
            },
            {
                "title": "Swayam: distributed autoscaling for ML inference services",
                "authors": [
                    "Arpan Gujarati",
                    "Sameh Elnikety",
                    "Yuxiong He",
                    "Kathryn S. McKinley",
                ],
                "venue": "Middleware",
                "year": 2017,
            },
            {
                "title": "Llama: A Heterogeneous & Serverless Framework for Video Analytics "
                "Pipelines",
                "authors": ["Francisco Romero", "Mark Zhao", "Christos Kozyrakis"],
                "venue": "SoCC",
                "year": 2021,
            },
            {
                "title": "Cloudburst: Stateful Functions-as-a-Service",
                "venue": "VLDB",
                "year": 2020,
                "links": {
                    "paper": "https://arxiv.org/pdf/2001.04592.pdf",  # the link says "[Paper]"
                    "repo": "https://github.com/example/cloudburst",
                },
            },
        ],
    )


def test_code_annotations_and_two_digit_years() -> None:
    check(
        "code-annotations-two-digit-years.md",
        [
            {
                "title": "Gandiva: Introspective Cluster Scheduling",
                "authors": None,  # "[[Code](url)]" is a link, not authors ["["]
                "links": {
                    "paper": "https://example.org/gandiva.pdf",
                    "code": "https://github.com/example/gandiva",
                },
            },
            {"title": "Occamy: Elastic Tensor Accelerator", "venue": "ICS", "year": 2022},
            {"title": "Another System for GPUs", "venue": "HPDC", "year": 2021},
            {"title": "Yet Another Accelerator", "venue": "ISCA", "year": 2019},
        ],
    )


def test_venue_and_year_written_before_the_title() -> None:
    check(
        "venue-prefixes.md",
        [
            {
                "title": "Tiara: A Scalable Hardware Acceleration Architecture for Layer-4 Load "
                "Balancing",
                "venue": "NSDI",
                "year": 2022,
            },
            {"title": "Corundum-An Open-Source 100-Gbps NIC", "venue": "FCCM", "year": 2020},
            {
                "title": "NanoTransport: A Low-Latency, Programmable Transport Layer for NICs",
                "venue": "SOSR",
                "year": 2021,
            },
            {"title": "Revisiting Network Support for RDMA", "venue": "SIGCOMM", "year": 2018},
            {
                "title": "Caladan: Mitigating Interference at Microsecond Timescales",
                "venue": "OSDI",
                "year": 2020,
            },
            {
                "title": "Learning Scheduling Algorithms for Data Processing Clusters",
                "venue": "SIGCOMM",
                "year": 2019,
                "links": {
                    "paper": "https://web.mit.edu/decima/",
                    "post": "https://zhuanlan.zhihu.com/p/410761376",
                },
                "summary": None,  # "Notes:" names the link after it
            },
            {
                "title": "A Study on Performance Measures for Auto-Scaling Containers",
                "venue": "Cluster Computing",
                "year": 2019,
            },
        ],
        [
            "venue-prefixes.md:17:1: AW201 link not imported: it is in a paragraph of text, not in "
            "a list or table"
        ],
    )


def test_venue_and_year_in_parentheses_after_a_plain_title() -> None:
    check(
        "parenthesised-venues.md",
        [
            {
                "title": "Database Learning: Toward a Database that Becomes Smarter Every Time",
                "venue": "SIGMOD",
                "year": 2017,
            },
            {
                "title": "Self-driving database systems: a conceptual approach",
                "venue": "Distributed and Parallel Databases",
                "year": 2020,
            },
            {
                "title": "Regularized Cost-Model Oblivious Database Tuning with Reinforcement "
                "Learning",
                "year": 2016,
            },
            {
                "title": "The Case for Automatic Database Administration using Deep RL",
                "venue": "arXiv",
                "year": 2018,
            },
            {
                "title": "TONE: cutting tail-latency in learned indexes",
                "venue": "CHEOPS",
                "year": 2022,
            },
            {
                "title": "Towards Building Autonomous Data Services on Azure",
                "venue": "SIGMOD-Companion",
                "year": 2023,
            },
            {
                "title": "Bao: Making Learned Query Optimization Practical",
                "venue": "SIGMOD",
                "year": 2021,
            },
            {
                "title": "Interaction-aware scheduling of report-generation workloads",
                "venue": "VLDB",
                "year": 2011,
                "summary": "scheduling only",
            },
            {
                "title": "A Unified Transferable Model for ML-Enhanced DBMS",
                "venue": "arXiv",
                "tags": ["vision"],
            },
            {
                # no link, venue or year, but its list is a list of papers
                "title": "External vs. Internal: An Essay on Machine Learning Agents for "
                "Autonomous "
                "Databases",
                "venue": None,
            },
            {"title": "Learning to hash for indexing big data - A survey", "year": 2016},
        ],
    )


def test_bullets_grouped_under_a_venue_and_year() -> None:
    check(
        "venue-group-bullets.md",
        [
            {
                "title": "Sparse-T: Hardware Accelerator Thread for Unstructured Sparse Data "
                "Processing",
                "venue": "DAC",
                "year": 2022,
            },
            {
                "title": "A 22nm Neuromorphic Processor With On-Chip Learning",
                "venue": "ISSCC",
                "year": 2023,
                "summary": "a summary line under the paper",
            },
            {
                "title": "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning",
                "venue": None,
                "summary": "Spiking cores with learning rules",
            },
        ],
        [
            "venue-group-bullets.md:8:1: AW201 list item not imported: no link, venue, year, date "
            "or bold title"
        ],
    )


def test_tables_with_badges_line_breaks_and_venue_columns() -> None:
    check(
        "badge-tables.md",
        [
            {
                "title": "QLoRA: Efficient Finetuning of Quantized LLMs",
                "authors": ["Tim Dettmers", "Artidoro Pagnoni", "Ari Holtzman", "Luke Zettlemoyer"],
                "venue": "NeurIPS",
                "year": 2023,
            },
            {
                "title": "SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot",
                "authors": ["Elias Frantar", "Dan Alistarh"],
                "venue": "ICML",
                "year": 2023,
            },
            {
                "title": "Taming Throughput-Latency Tradeoff in LLM Inference with Sarathi-Serve",
                "venue": "OSDI",
                "year": 2024,
                "links": {
                    "arxiv": "2403.02310",
                    "repo": "https://github.com/example/sarathi-serve",
                },
            },
            {
                "title": "XSched: Preemptive Scheduling for Diverse XPUs",
                "venue": "OSDI",
                "year": 2025,
            },
            {
                "title": "GLINTHAWK: A Two-Tiered Architecture for High-Throughput LLM Inference",
                "venue": "arXiv",
                "year": 2025,
            },
            {
                "title": "Medusa: Simple Framework for Accelerating LLM Generation",
                "venue": None,
                "date": "2024-01",
            },
            {
                "title": "NeuGraph: Parallel Deep Neural Network Computation on Large Graphs",
                "affiliation": "PKU",
                "venue": "ATC",
                "year": 2019,
            },
            {
                "title": "BGL: GPU-Efficient GNN Training by Optimizing Graph Data I/O and "
                "Preprocessing",
                "affiliation": ["ByteDance", "Tsinghua"],
                "venue": "NSDI",
                "year": 2023,
            },
        ],
    )


def test_venue_inside_the_link_text() -> None:
    check(
        "venue-in-link-text.md",
        [
            {"title": "Telekine: Secure Computing with Cloud GPUs", "venue": "NSDI", "year": 2020},
            {
                "title": "What is the State of Neural Network Pruning?",
                "venue": "MLSys",
                "year": 2020,
            },
            {
                "title": "Unity: Accelerating DNN Training Through Joint Optimization of Algebraic "
                "Transformations and Parallelization",
                "venue": "OSDI",
                "year": 2022,
                "links": {"code": "https://github.com/example/unity"},
            },
            {
                "title": "Exploiting Cloud Services for Cost-Effective, SLO-Aware Machine Learning "
                "Inference Serving",
                "venue": "ATC",
                "year": 2019,
            },
            {
                "title": "Efficient Large-Scale Language Model Training on GPU Clusters Using "
                "Megatron-LM",
                "venue": "SC",
                "year": 2021,
            },
        ],
    )


def test_table_with_chinese_column_names() -> None:
    check(
        "cjk-table.md",
        [
            {
                "title": "Llumnix: Dynamic Scheduling for Large Language Model Serving",
                "venue": "OSDI",
                "year": 2024,
                "affiliation": ["Tsinghua University", "Alibaba Cloud"],
                "summary": "通过请求迁移做动态调度。",
            },
            {
                "title": "EdgeTP: Distributed LLM Inference on Edge Devices with Tensor "
                "Parallelism",
                "venue": "ICDCS",
                "year": 2026,
            },
            {
                "title": "Cache-Craft: Managing Chunk-Caches for Efficient Retrieval-Augmented "
                "Generation",
                "venue": "SIGMOD",
                "year": 2025,
            },
            {
                "title": "Stateful Operator Abstraction with Zero-Copy KV Cache Orchestration",
                "venue": "arXiv",
                "year": 2026,
            },
        ],
    )


def test_citations_with_quoted_titles_and_plain_titles_ended_by_a_period() -> None:
    check(
        "citations.md",
        [
            {
                "title": "AIBench: A Datacenter AI Benchmark Suite",
                "authors": ["Wanling Gao", "Fei Tang", "Jianfeng Zhan", "et al."],
            },
            {
                "title": "Mlperf inference benchmark",
                "authors": ["Vijay Janapa Reddi", "et al."],
                "venue": "arXiv",
                "year": 2019,
            },
            {"title": "BaiduBench: Benchmarking Deep Learning operations on different hardware"},
            {
                "title": "Model Card Toolkit",
                "summary": "The toolkit streamlines and automates generation of model cards for "
                "transparency.",
            },
            {"title": "TRAINS - Auto-Magical Experiment Manager & Version Control for AI"},
            {
                "title": "A Quoted Title About Systems",
                "authors": ["Ann Author", "Bob Author"],
                "venue": "ICML",
                "year": 2023,
            },
        ],
    )


def test_projects_named_by_a_repository_link() -> None:
    check(
        "project-links.md",
        [
            {
                "title": "rdma-core",
                "kind": "repo",
                "summary": "RDMA core userspace libraries and daemons",
            },
            {"title": "Katran", "kind": "repo"},
            {"title": "eRPC", "kind": "repo"},
            {"title": "DeepSpeed", "affiliation": "Microsoft"},
            {"title": "LLaMA-Factory", "venue": "ACL", "year": 2024},
            {"title": "vllm-project/aibrix", "kind": "repo"},
        ],
    )


def test_lists_in_quotes_details_nested_divs_html_tables_and_paragraph_lines() -> None:
    check(
        "html-in-markdown.md",
        [
            {"title": "Quoted Paper One", "venue": "OSDI", "year": 2021},
            {"title": "Quoted Paper Two", "venue": "SOSP", "year": 2021},
            {"title": "Hidden Until Opened", "venue": "NSDI", "year": 2024},
            {"title": "Table Paper One", "venue": "ATC", "year": 2022},
            {"title": "Table Paper Two", "venue": "EuroSys", "year": 2023},
            {"title": "Paragraph Paper One", "venue": "FAST", "year": 2020},
            {"title": "Paragraph Paper Two", "venue": "NSDI", "year": 2021},
        ],
    )


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.iterdir()))
def test_every_shape_fixture_loads_cleanly(name: str, tmp_path: Path) -> None:
    """What import writes loads with the project's loader without a problem."""
    from sphinx_awesome.cli.writer import entry_yaml
    from sphinx_awesome.entries import load_text

    result = import_files([SHAPES / name], venues=VENUES)
    assert result.entries
    for entry_id, data in result.entries:
        loaded = load_text(entry_yaml(data), f"{entry_id}.yaml", default_id=entry_id, venues=VENUES)
        assert [p for p in loaded.problems if "affiliation" not in p.message] == []
        assert [e.id for e in loaded.entries] == [entry_id]


def test_venue_or_date_links_and_categories_in_parentheses() -> None:
    check(
        "venue-links-and-category-tags.md",
        [
            {
                "title": "Scaling Vision with Sparse Mixture of Experts",
                "venue": "NeurIPS",
                "year": 2021,
                # the venue's text links to the paper: the link is kept
                "links": {
                    "paper": "https://proceedings.neurips.cc/paper/2021/hash/0123456789abcdef-Abstract.html"
                },
            },
            {
                "title": "From Sparse to Soft Mixtures of Experts",
                "date": "2023-08-02",
                "links": {"arxiv": "2308.00951"},
            },
            {
                "title": "OpenMoE: An Early Effort on Open Mixture-of-Experts Language Models",
                "date": "2023-08",
                "links": {"arxiv": "2402.01739"},
            },
            {
                "title": "Pocket: Elastic Ephemeral Storage for Serverless Analytics",
                "venue": "OSDI",
                "year": 2018,
                "tags": ["storage-system"],
            },
            {
                "title": "Sequoia: enabling quality-of-service in serverless computing",
                "venue": "SoCC",
                "year": 2020,
                "tags": ["scheduling"],
                "summary": "a scheduling and allocation framework",
            },
        ],
    )

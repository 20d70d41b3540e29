"""``sphinx-awesome export``: a README that imports back to the same entries, JSON with a
schema version, CSV for spreadsheets (BibTeX: test_bibtex_export.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from sphinx_awesome.cli.exporters.markdown import github_anchor
from sphinx_awesome.entries import load_file


def files_of(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.iterdir())}


def entries_of(directory: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        loaded = load_file(path)
        assert loaded.problems == [], path
        for entry in loaded.entries:
            out[entry.id] = entry.as_dict()
    return out


@pytest.mark.parametrize("style", ["table", "list"])
def test_seed_round_trips_through_the_readme(
    seed_html: Path, workdir: Path, run, style: str
) -> None:
    run("import", str(seed_html), "-o", "first")
    code, _, err = run(
        "export",
        "first",
        "--format",
        "markdown",
        "--style",
        style,
        "--title",
        "awesome-llm-training",
        "-o",
        "README.md",
    )
    assert code == 0, err
    code, out, _ = run("import", "README.md", "-o", "second")
    assert code == 0, out
    assert files_of(workdir / "second") == files_of(workdir / "first")  # entries and category tree


@pytest.mark.parametrize("style", ["table", "list"])
@pytest.mark.parametrize("fixture", ["tables.md", "bullets.md", "list.html"])
def test_fixtures_round_trip(fixtures: Path, workdir: Path, run, style: str, fixture: str) -> None:
    run("import", str(fixtures / fixture), "-o", "first")
    run("export", "first", "--format", "markdown", "--style", style, "-o", "README.md")
    code, out, _ = run("import", "README.md", "-o", "second")
    assert code == 0, out
    assert entries_of(workdir / "second") == entries_of(workdir / "first")


EDGE_ENTRIES = """
- id: talk-1
  title: "Scaling Laws: a Talk"
  kind: talk
  authors: [Jared Kaplan]
  year: 2020
  links: {video: "https://www.youtube.com/watch?v=abc", slides: "https://e.org/s.pdf"}
  tags: [scaling, llm]
  categories: [talks]
- id: book-1
  title: "Deep Learning"
  kind: book
  authors: [Ian Goodfellow, Yoshua Bengio, Aaron Courville]
  year: 2016
  categories: [books]
- id: odd-venue
  title: "Pipes | stars * and _underscores_ [Re] <b>tags</b> &amp; entities"
  venue: Workshop on Odd Things
  links: {doi: "10.1145/1234567.7654321", arxiv: "2201.12023"}
  summary: "A summary with | pipes, *stars* and a [bracket]."
  categories: [talks, books]
- id: acronym-venue
  title: "A Paper at an Unknown Acronym Venue"
  venue: SIGOPS
  categories: [talks/sub]
- id: year-only
  title: "[Re] Reproducing Something"
  year: 2019
- id: dated-paper
  title: "A Preprint with a Date"
  date: 2024-02
  links: {arxiv: "2402.00001"}
  categories: [books]
- id: course-1
  title: "CS 249r"
  kind: course
  links: {site: "https://e.org/"}
  lang: en
  categories: [books]
"""


def test_edge_entries_round_trip(workdir: Path, run) -> None:
    (workdir / "first").mkdir()
    (workdir / "first" / "edge.yaml").write_text(EDGE_ENTRIES, encoding="utf-8")
    (workdir / "first" / "_categories.yaml").write_text(
        "talks: {title: Talks, description: Recorded talks and slides.}\ntalks/sub: Sub "
        "talks\nbooks: "
        "Books\nempty: Nothing Yet\n",
        encoding="utf-8",
    )
    expected = entries_of(workdir / "first")  # every field: lang too, kept out of sight
    for style in ("table", "list"):
        code, _, err = run(
            "export", "first", "--format", "markdown", "--style", style, "-o", f"{style}.md"
        )
        assert code == 0, err
        code, out, _ = run("import", f"{style}.md", "-o", f"back-{style}")
        assert code == 0, out
        back = {}
        for path in sorted((workdir / f"back-{style}").glob("[!_]*.yaml")):
            (entry,) = load_file(path).entries
            back[entry.id] = entry.as_dict()
        assert back == expected, style
        tree = yaml.safe_load(
            (workdir / f"back-{style}" / "_categories.yaml").read_text(encoding="utf-8")
        )
        assert tree == {
            "talks": {"title": "Talks", "description": "Recorded talks and slides."},
            "talks/sub": {"title": "Sub talks"},
            "books": {"title": "Books"},
            "empty": {"title": "Nothing Yet"},
        }


def test_readme_layout(workdir: Path, run) -> None:
    (workdir / "p").mkdir()
    (workdir / "p" / "entries.yaml").write_text(
        """
- {id: old, title: "Zeta Old", venue: OSDI, year: 2019, links: {paper: "https://e.org/old"},
   categories: [systems/training]}
- {id: new, title: "Beta New", venue: OSDI, year: 2023, links: {paper: "https://e.org/new"},
   categories: [systems/training]}
- {id: same-year, title: "Alpha New", venue: SOSP, year: 2023, categories: [systems/training]}
- {id: undated, title: "Undated", categories: [systems/training]}
- {id: loose, title: "Not in any category", kind: site, links: {site: "https://e.org/"}}
""",
        encoding="utf-8",
    )
    (workdir / "p" / "_categories.yaml").write_text(
        "systems: Systems\nsystems/training: Training\nsystems/serving: Serving\n", encoding="utf-8"
    )
    code, out, _ = run("export", "p", "--format", "markdown", "--title", "Awesome Systems")
    assert code == 0
    assert out == (
        "# Awesome Systems\n"
        "\n"
        "<!-- Generated by `sphinx-awesome export --format markdown`; edit the entry files, not "
        "this "
        "file. -->\n"
        "\n"
        "| Title | Venue | Year | Links |\n"
        "|---|---|---|---|\n"
        '| <a id="loose"></a>Not in any category |  |  | [Site](https://e.org/) |\n'
        "\n"
        "## Contents\n"
        "\n"
        "- [Systems](#systems)\n"
        "  - [Training](#training)\n"
        "  - [Serving](#serving)\n"
        "\n"
        "## Systems\n"
        "<!-- category: systems -->\n"
        "\n"
        "### Training\n"
        "<!-- category: systems/training -->\n"
        "\n"
        "| Title | Venue | Year | Links |\n"
        "|---|---|---|---|\n"
        '| <a id="same-year"></a>Alpha New | SOSP | 2023 |  |\n'
        '| <a id="new"></a>Beta New | OSDI | 2023 | [Paper](https://e.org/new) |\n'
        '| <a id="old"></a>Zeta Old | OSDI | 2019 | [Paper](https://e.org/old) |\n'
        '| <a id="undated"></a>Undated |  |  |  |\n'
        "\n"
        "### Serving\n"
        "<!-- category: systems/serving -->\n"
        "\n"
        "*No entries yet — contributions welcome.*\n"
    )


def test_github_anchors() -> None:
    seen: dict[str, int] = {}
    assert (
        github_anchor("Case Study: Recommendation System", seen)
        == "case-study-recommendation-system"
    )
    assert github_anchor("Training", seen) == "training"
    assert github_anchor("Training", seen) == "training-1"
    assert github_anchor("大模型 训练", seen) == "大模型-训练"


def test_json_has_a_schema_version(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    code, _, _ = run("export", "papers", "--format", "json", "-o", "out/list.json")
    assert code == 0
    document = json.loads((workdir / "out" / "list.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 1
    assert document["entries"] == [
        entries_of(workdir / "papers")[k] for k in sorted(entries_of(workdir / "papers"))
    ]
    assert (
        document["categories"]["gpu-workload-understanding"]["title"]
        == "GPU Workload Understanding"
    )


def test_csv_opens_in_a_spreadsheet(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    (workdir / "papers" / "formula.yaml").write_text(
        "title: '=HYPERLINK(\"x\")'\nauthors: [A, B]\ntags: [x, y]\n", encoding="utf-8"
    )
    code, _, _ = run("export", "papers", "--format", "csv", "-o", "list.csv")
    assert code == 0
    raw = (workdir / "list.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the CJK titles right
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "id",
        "title",
        "kind",
        "authors",
        "affiliation",
        "venue",
        "year",
        "date",
        "tags",
        "categories",
        "summary",
        "lang",
        "added",
        "link_paper",
        "link_repo",
        "link_post",
        "link_site",
    ]
    by_id = {row["id"]: row for row in rows}
    assert (
        by_id["zhihu-687478684"]["title"]
        == "行动胜过言语: Meta落地工业界首个万亿级别参数的生成式推荐系统模型"
    )
    assert by_id["zhihu-687478684"]["date"] == "2024-03-26"
    assert by_id["timemory"]["link_repo"] == "https://github.com/NERSC/timemory"
    assert by_id["formula"]["title"] == '\'=HYPERLINK("x")'  # not run as a formula
    assert by_id["formula"]["authors"] == "A; B"
    assert by_id["formula"]["tags"] == "x; y"


def test_export_reports_broken_files_and_still_writes(workdir: Path, run) -> None:
    (workdir / "ok.yaml").write_text("title: OK\n", encoding="utf-8")
    (workdir / "bad.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    code, out, err = run("export", "ok.yaml", "bad.yaml", "--format", "json")
    assert code == 1
    assert [e["id"] for e in json.loads(out)["entries"]] == ["ok"]
    assert err.startswith("warning: bad.yaml:")


def test_random_entries_round_trip_through_both_styles(venues) -> None:
    """Titles, authors and summaries full of Markdown and tag syntax come back as written."""
    import random

    from sphinx_awesome.cli.exporters.markdown import export_markdown
    from sphinx_awesome.cli.importers import import_text
    from sphinx_awesome.cli.writer import entry_yaml
    from sphinx_awesome.entries import load_text

    rng = random.Random(20240605)
    alphabet = "abcXYZ019 -:,.!?()[]*_|<>&#'\"/\\`~大模型é"

    def text() -> str:
        while True:
            words = (
                "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
                for _ in range(rng.randint(1, 6))
            )
            value = " ".join(" ".join(words).split())
            if any(ch.isalnum() for ch in value):
                return value

    for number in range(150):
        data: dict = {"title": text(), "categories": ["sec"]}
        if rng.random() < 0.5:
            data["venue"] = rng.choice(["OSDI", "NeurIPS", "Foo Workshop", "SIGOPS", "arXiv"])
        if rng.random() < 0.5:
            data["year"] = rng.randint(1990, 2025)
        if rng.random() < 0.3:
            data["authors"] = [text()[:15] for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.6:
            data["links"] = {
                rng.choice(
                    ["paper", "pdf", "code", "repo", "post", "site", "video"]
                ): f"https://e.org/{number}"
            }
        if rng.random() < 0.3:
            data["summary"] = text()
        if rng.random() < 0.3:
            data["kind"] = rng.choice(
                ["paper", "post", "repo", "site", "talk", "book", "course", "video"]
            )
        loaded = load_text(
            entry_yaml(data), f"e{number}.yaml", default_id=f"e{number}", venues=venues
        )
        (entry,) = loaded.entries
        expected = {k: v for k, v in entry.as_dict().items() if k not in ("id", "lang")}
        for style in ("table", "list"):
            readme = export_markdown(
                [entry], tree={"sec": {"title": "Sec"}}, venues=venues, style=style
            )
            back = import_text(readme, "README.md", venues=venues)
            ((entry_id, got),) = back.entries
            got.pop("lang", None)
            assert (entry_id, got) == (entry.id, expected), (style, readme)

"""``sphinx-awesome export --format bibtex``: BibTeX that BibTeX and pybtex read whatever the
entries hold, every value escaped by one function whose braces balance."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from sphinx_awesome.cli.exporters.bibtex import bibtex_value, export_bibtex, protect_title
from sphinx_awesome.cli.latex import balanced, decode, escape
from sphinx_awesome.entries import load_text
from sphinx_awesome.venues import BUILTIN_VENUES, VenueList

VENUES = VenueList(BUILTIN_VENUES)


def test_bibtex_is_valid_for_pybtex(seed_html: Path, workdir: Path, run) -> None:
    run("import", str(seed_html), "-o", "papers")
    code, out, _ = run("export", "papers", "--format", "bibtex")
    assert code == 0
    data = parse_string(out, "bibtex")
    stems = sorted(p.stem for p in (workdir / "papers").glob("[!_]*.yaml"))
    assert sorted(data.entries) == stems
    aceso = data.entries["aceso"]
    assert aceso.type == "inproceedings"
    standard = {k: v for k, v in aceso.fields.items() if k not in ("categories", "url_paper")}
    assert standard == {
        "title": "{Aceso}: Efficient Parallel {DNN} Training through Iterative Bottleneck "
        "Alleviation",
        "booktitle": "EuroSys",
        "year": "2024",
        "doi": "10.1145/3627703.3629554",
        "url": "https://dl.acm.org/doi/pdf/10.1145/3627703.3629554",
    }
    assert aceso.fields["url_paper"] == aceso.fields["url"]  # every link, by label
    assert aceso.fields["categories"]  # the import's category, whatever its slug
    post = data.entries["is-this-the-chatgpt-moment"]
    assert post.type == "misc"
    assert post.fields["month"] == "June"  # the jun macro
    assert post.fields["date"] == "2024-06-05"
    assert post.fields["note"] == "Blog post"
    assert data.entries["colfax"].type == "misc"
    assert data.entries["dapple"].fields["eprint"] == "2007.01045"
    zhihu = data.entries["zhihu-598714869"].fields["title"]
    assert zhihu == "大模型分布式训练并行技术 by 吃果冻不吐果冻皮 (zhihu)"


def test_bibtex_escapes_special_characters(workdir: Path, run) -> None:
    (workdir / "hard.yaml").write_text(
        'title: "50% of {Braces} & $money$ #1 a_b ~tilde ^caret \\\\back: GPU"\n'
        "authors: [Émile Zola, J. Doe et al.]\n"
        "venue: TPDS\nyear: 2020\n"
        "links: {paper: 'https://e.org/a%20b?x={y}'}\n",
        encoding="utf-8",
    )
    code, out, _ = run("export", "hard.yaml", "--format", "bibtex")
    assert code == 0
    entry = parse_string(out, "bibtex").entries["hard"]
    assert entry.type == "article"
    assert entry.fields["journal"] == "TPDS"
    assert entry.fields["title"] == (
        r"50\% of \textbraceleft{}Braces\textbraceright{} \& \$money\$ \#1 a\_b "
        r"\textasciitilde{}tilde \textasciicircum{}caret \textbackslash{}back: {GPU}"
    )
    expected = "50% of {Braces} & $money$ #1 a_b ~tilde ^caret \\back: GPU"
    assert decode(entry.fields["title"]) == expected
    assert [str(p) for p in entry.persons["author"]] == ["Zola, Émile", "Doe, J.", "others"]
    assert entry.fields["url"] == "https://e.org/a%20b?x=%7By%7D"
    assert escape("{}") == r"\textbraceleft{}\textbraceright{}"
    assert protect_title("PipeDream: generalized pipeline parallelism") == (
        "{PipeDream}: generalized pipeline parallelism"
    )


def test_a_lone_brace_no_longer_breaks_the_file(workdir: Path, run) -> None:
    """Issue 12: ``Set } theory`` was written ``{Set \\} theory}``, which closes the value at
    ``\\}`` for BibTeX and pybtex, so the whole file failed to parse."""
    (workdir / "set.yaml").write_text(
        'title: "Set } theory"\nauthors: ["A {B"]\nvenue: "Odd { venue"\n', encoding="utf-8"
    )
    (workdir / "next.yaml").write_text('title: "The entry after it"\n', encoding="utf-8")
    code, out, _ = run("export", "set.yaml", "next.yaml", "--format", "bibtex")
    assert code == 0
    data = parse_string(out, "bibtex")  # raised PybtexSyntaxError before the fix
    assert sorted(data.entries) == ["next", "set"]
    fields = data.entries["set"].fields
    assert decode(fields["title"]) == "Set } theory"
    assert decode(fields["booktitle"]) == "Odd { venue"
    person = data.entries["set"].persons["author"][0]
    assert person.first_names == ["A"] and [decode(n) for n in person.last_names] == ["{B"]
    assert "\\}" not in out and "\\{" not in out


def test_names_with_and_stay_one_author(workdir: Path, run) -> None:
    (workdir / "firm.yaml").write_text(
        'title: "T"\nauthors: ["Barnes and Noble", "A, B, C, D", "Ada Lovelace"]\n',
        encoding="utf-8",
    )
    code, out, _ = run("export", "firm.yaml", "--format", "bibtex")
    assert code == 0
    persons = parse_string(out, "bibtex").entries["firm"].persons["author"]
    assert len(persons) == 3
    assert "Barnes {and} Noble" in out


def test_every_field_goes_through_one_function() -> None:
    assert bibtex_value("title", "Set } theory") == r"{Set \textbraceright{} theory}"
    assert bibtex_value("booktitle", "a{b") == r"{a\textbraceleft{}b}"
    assert bibtex_value("url", "https://e.org/a b{c}\\") == "{https://e.org/a%20b%7Bc%7D%5C}"
    assert bibtex_value("url_code", "https://e.org/{x}") == "{https://e.org/%7Bx%7D}"
    assert bibtex_value("keywords", ["gpu", "llm"]) == "{gpu, llm}"
    assert bibtex_value("month", "jun") == "jun"
    assert bibtex_value("author", ["A B", "C D et al."]) == "{A B and C D and others}"
    assert bibtex_value("note", "a--b ``q''") == "{a-{}-b `{}`q'{}'}"


# -- property: whatever the entry holds, pybtex reads the file and the values come back ----

#: Any text but control characters (written as spaces, like other white space).
_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))
_WORD = st.text(_CHARS, min_size=1, max_size=12)
_NAME = st.lists(_WORD.filter(lambda w: "," not in w and w.strip()), min_size=1, max_size=3).map(
    " ".join
)
_URL = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
    st.text(st.sampled_from("abcXYZ019-._~%!$&'()*+,;=:@/?#"), max_size=20),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    title=st.text(_CHARS, min_size=1, max_size=60).filter(str.strip),
    authors=st.lists(_NAME, max_size=4),
    venue=st.one_of(
        st.sampled_from(sorted(BUILTIN_VENUES)),
        st.text(_CHARS, min_size=1, max_size=30).filter(str.strip),
    ),
    url=_URL,
    tags=st.lists(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True), max_size=4),
)
def test_pybtex_reads_any_entry(
    title: str, authors: list[str], venue: str, url: str, tags: list[str]
) -> None:
    data = {"title": title, "authors": authors, "venue": venue, "links": {"paper": url}}
    text = yaml.safe_dump({**data, "tags": tags}, allow_unicode=True)
    loaded = load_text(text, "e.yaml", default_id="e", venues=VENUES)
    assume(loaded.entries and not loaded.problems)
    entry = loaded.entries[0]
    assume(not any(a.lower() in ("others", "et al", "et al.") for a in entry.authors))
    text = export_bibtex([entry])
    record = parse_string(text, "bibtex").entries["e"]
    fields = record.fields
    assert all(balanced(value) for value in fields.values())
    assert decode(fields["title"]) == entry.title
    venue_field = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
    # white space is made one space, as the loader does for titles (venues are only stripped)
    assert venue_field is not None and decode(venue_field) == " ".join(entry.venue.split())
    assert fields["url"] == entry.links[0].url  # written verbatim
    assert decode(fields.get("keywords", "")) == ", ".join(entry.tags)
    persons = record.persons.get("author", [])
    assert len(persons) == len(entry.authors)


@pytest.mark.parametrize("text", ["}", "{", "}{", "a}b{c", "\\", "\\}", "%}", "{{{", "}}}"])
def test_braces_balance_for_lone_braces(text: str) -> None:
    assert balanced(escape(text))
    assert decode(escape(text)) == text

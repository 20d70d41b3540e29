"""``sphinx-awesome add``: entry files from arXiv, Crossref, DBLP and OpenReview, asked over
HTTP of a local server that answers with response files in each service's own format
(``fixtures/responses/``), through the same client, retries, timeouts and cache as for real.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from alpa import ALPA_AUTHORS, ALPA_TITLE

from sphinx_awesome.cli.add_cmd import Failure, write_entry
from sphinx_awesome.cli.metadata import Target, identify
from sphinx_awesome.cli.project import Project
from sphinx_awesome.entries import load_file

RESPONSES = Path(__file__).resolve().parent / "fixtures" / "responses"
TODAY = dt.date.today().isoformat()


class Services(ThreadingHTTPServer):
    """The metadata services on 127.0.0.1: ``/arxiv/api/query``, ``/crossref``, ``/dblp``,
    ``/openreview2``, ``/openreview1``. A ``/slow`` prefix answers after 1.5 s, a ``/flaky``
    prefix answers 503 to the first request for each path."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        routes = json.loads((RESPONSES / "routes.json").read_text("utf-8"))["routes"]
        self.routes = {(r["path"], tuple(sorted(r["query"].items()))): r for r in routes}
        self.requests: list[str] = []
        self.failed: set[str] = set()
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Services

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests.append(self.path)
        parts = urlsplit(self.path)
        path = parts.path
        if path.startswith("/slow/"):
            time.sleep(1.5)
            path = path[len("/slow") :]
        if path.startswith("/flaky/"):
            path = path[len("/flaky") :]
            with self.server.lock:
                first = path not in self.server.failed
                self.server.failed.add(path)
            if first:
                return self.answer(503, b"busy", "text/plain")
        query = tuple(sorted(parse_qsl(parts.query)))
        route = self.server.routes.get((path, query))
        if route is None:
            return self.answer(404, b"no such route in routes.json", "text/plain")
        body = (RESPONSES / route["file"]).read_bytes()
        self.answer(route.get("status", 200), body, route["type"])

    def answer(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[Services]:
    services = Services()
    thread = threading.Thread(target=services.serve_forever, daemon=True)
    thread.start()
    yield services
    services.shutdown()
    services.server_close()


def point_at(monkeypatch: pytest.MonkeyPatch, base: str) -> None:
    monkeypatch.setenv("SPHINX_AWESOME_ARXIV_API", f"{base}/arxiv/api/query")
    monkeypatch.setenv("SPHINX_AWESOME_CROSSREF_API", f"{base}/crossref")
    monkeypatch.setenv("SPHINX_AWESOME_DBLP_API", f"{base}/dblp")
    monkeypatch.setenv("SPHINX_AWESOME_OPENREVIEW_API", f"{base}/openreview2")
    monkeypatch.setenv("SPHINX_AWESOME_OPENREVIEW_API_V1", f"{base}/openreview1")


@pytest.fixture
def services(server: Services, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    """The local services, a fresh cache, and no way to the real ones."""
    point_at(monkeypatch, server.base)
    monkeypatch.setenv("SPHINX_AWESOME_CACHE", str(workdir / ".cache"))
    monkeypatch.delenv("SPHINX_AWESOME_MAILTO", raising=False)
    server.requests.clear()
    server.failed.clear()
    return server


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def written(workdir: Path, name: str) -> dict[str, Any]:
    path = workdir / name
    loaded = load_file(path)
    assert loaded.problems == [], loaded.problems
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


# -- arXiv ------------------------------------------------------------------------------------


def test_arxiv_id(services: Services, workdir: Path, run) -> None:
    code, out, err = run("add", "2201.12023", "-o", "papers")
    assert code == 0, err
    assert out == "papers/alpa.yaml\n"
    assert err == "added 'alpa' from arXiv\n"
    assert written(workdir, "papers/alpa.yaml") == {
        "title": ALPA_TITLE,
        "authors": ALPA_AUTHORS,
        "venue": "arXiv",
        "year": 2022,
        "links": {"arxiv": "2201.12023"},
        "added": TODAY,
    }
    assert services.requests == ["/arxiv/api/query?id_list=2201.12023&max_results=1"]


def test_second_add_is_answered_by_the_cache(services: Services, workdir: Path, run) -> None:
    assert run("add", "2201.12023", "-o", "first")[0] == 0
    code, _, err = run("add", "https://arxiv.org/abs/2201.12023v2", "-o", "second")
    assert code == 0, err
    assert len(services.requests) == 1  # the second add sent nothing
    assert (workdir / "second" / "alpa.yaml").read_text() == (
        workdir / "first" / "alpa.yaml"
    ).read_text()
    assert run("add", "arXiv:2201.12023", "-o", "third", "--no-cache")[0] == 0
    assert len(services.requests) == 2


def test_arxiv_journal_ref_and_doi(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "https://arxiv.org/pdf/2007.01045v1", "-o", ".")
    assert code == 0, err
    data = written(workdir, "dapple.yaml")
    assert data["venue"] == "PPoPP"  # from the journal reference
    assert data["year"] == 2020  # arXiv's date: when it was posted
    assert data["links"] == {"arxiv": "2007.01045", "doi": "10.1145/3437801.3441593"}


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("0704.99999", "arXiv cannot look up 0704.99999: incorrect id format for 0704.99999"),
        ("2312.99999", "arXiv has no paper 2312.99999"),
    ],
)
def test_arxiv_errors(services: Services, workdir: Path, run, target: str, message: str) -> None:
    code, out, err = run("add", target, "-o", "papers")
    assert (code, out) == (1, "")
    assert err == f"sphinx-awesome add: {message}\n"
    assert not (workdir / "papers").exists()


# -- Crossref ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "10.1145/3600006.3613165",
        "doi:10.1145/3600006.3613165",
        "https://doi.org/10.1145/3600006.3613165",
        "https://dl.acm.org/doi/10.1145/3600006.3613165",
        "https://dl.acm.org/doi/pdf/10.1145/3600006.3613165",
    ],
)
def test_doi_and_acm_urls(services: Services, workdir: Path, run, target: str) -> None:
    code, out, err = run("add", target, "--tags", "llm-serving,Memory", "--category", "serving")
    assert code == 0, err
    assert out == "efficient-memory-management-for-large-language.yaml\n"
    assert written(workdir, "efficient-memory-management-for-large-language.yaml") == {
        "title": "Efficient Memory Management for Large Language Model Serving with PagedAttention",
        "authors": [
            "Woosuk Kwon",
            "Zhuohan Li",
            "Siyuan Zhuang",
            "Ying Sheng",
            "Lianmin Zheng",
            "Cody Hao Yu",
            "Joseph Gonzalez",
            "Hao Zhang",
            "Ion Stoica",
        ],
        "venue": "SOSP",  # the event's acronym, SOSP '23
        "year": 2023,
        "links": {"doi": "10.1145/3600006.3613165"},
        "tags": ["llm-serving", "memory"],
        "categories": ["serving"],
        "added": TODAY,
    }
    assert services.requests == ["/crossref/works/10.1145/3600006.3613165"]


def test_crossref_journal_article(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "10.1109/TPDS.2024.0000001")
    assert code == 0, err
    data = written(workdir, "scaling-mixture-of-experts-training.yaml")
    assert data["title"] == "Scaling Mixture-of-Experts Training on GPU Clusters & Beyond"
    assert data["venue"] == "TPDS"
    assert data["authors"] == ["Ana García", "Wei Chen", "The Example Consortium"]
    assert (data["year"], data["links"]) == (2024, {"doi": "10.1109/tpds.2024.0000001"})


def test_unknown_doi(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "10.1145/0000000.0000000")
    assert code == 1
    assert err == "sphinx-awesome add: Crossref has no work with the DOI 10.1145/0000000.0000000\n"


def test_unknown_dblp_record(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "https://dblp.org/rec/conf/osdi/Nobody22")
    assert code == 1
    assert err == "sphinx-awesome add: DBLP has no record conf/osdi/Nobody22\n"


# -- DBLP and USENIX --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://dblp.org/rec/conf/osdi/ZhengLZZCHWXZXG22.html",
        "https://dblp.org/rec/conf/osdi/ZhengLZZCHWXZXG22",
        "https://dblp.uni-trier.de/rec/bibtex/conf/osdi/ZhengLZZCHWXZXG22",
        "https://dblp.org/db/conf/osdi/osdi2022.html#ZhengLZZCHWXZXG22",
    ],
)
def test_dblp_record(services: Services, workdir: Path, run, target: str) -> None:
    code, _, err = run("add", target)
    assert code == 0, err
    assert err == "added 'alpa' from DBLP\n"
    assert written(workdir, "alpa.yaml") == {
        "title": ALPA_TITLE,
        "authors": ALPA_AUTHORS,
        "venue": "OSDI",
        "year": 2022,
        "links": {"paper": "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin"},
        "added": TODAY,
    }
    assert services.requests == ["/dblp/rec/conf/osdi/ZhengLZZCHWXZXG22.bib"]


@pytest.mark.parametrize(
    "target",
    [
        "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin",
        "https://www.usenix.org/system/files/osdi22-zheng-lianmin.pdf",
    ],
)
def test_usenix_page(services: Services, workdir: Path, run, target: str) -> None:
    code, _, err = run("add", target)
    assert code == 0, err
    data = written(workdir, "alpa.yaml")
    assert data["title"] == ALPA_TITLE  # DBLP's full stop dropped
    assert data["authors"][2] == "Hao Zhang"  # DBLP's "Hao Zhang 0007"
    assert (data["venue"], data["year"]) == ("OSDI", 2022)
    page = "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin"
    assert data["links"] == {"paper": page}
    assert services.requests == ["/dblp/search/publ/api?q=zheng+lianmin+osdi+2022&format=json&h=30"]


def test_usenix_page_dblp_does_not_know(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "https://www.usenix.org/conference/osdi22/presentation/nobody")
    assert code == 1
    assert err == (
        "sphinx-awesome add: DBLP has no record whose electronic edition is "
        "https://www.usenix.org/conference/osdi22/presentation/nobody\n"
    )


# -- OpenReview -------------------------------------------------------------------------------


def test_openreview_api2(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "https://openreview.net/forum?id=NG7sS51zVF")
    assert code == 0, err
    assert written(workdir, "efficient-streaming-language-models-with-attention.yaml") == {
        "title": "Efficient Streaming Language Models with Attention Sinks",
        "authors": ["Guangxuan Xiao", "Yuandong Tian", "Beidi Chen", "Song Han", "Mike Lewis"],
        "venue": "ICLR",
        "year": 2024,
        "links": {
            "paper": "https://openreview.net/forum?id=NG7sS51zVF",
            "pdf": "https://openreview.net/pdf?id=NG7sS51zVF",
        },
        "added": TODAY,
    }


def test_openreview_api1_for_older_venues(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "https://openreview.net/pdf?id=nZeVKeeFYf9")
    assert code == 0, err
    data = written(workdir, "lora.yaml")
    assert (data["venue"], data["year"]) == ("ICLR", 2022)
    assert data["authors"][1] == "yelong shen"  # as OpenReview has it
    assert services.requests == [
        "/openreview2/notes?id=nZeVKeeFYf9",
        "/openreview1/notes?id=nZeVKeeFYf9",
    ]


def test_openreview_submission_has_no_venue(services: Services, workdir: Path, run) -> None:
    code, _, err = run("add", "https://openreview.net/forum?id=Xy12AbCdEf")
    assert code == 0, err
    data = written(workdir, "a-paper-still-under-review.yaml")
    assert "venue" not in data
    assert data["year"] == 2025


# -- the list the entry joins -----------------------------------------------------------------


def test_a_listed_work_is_not_added_again(services: Services, workdir: Path, run) -> None:
    (workdir / "papers").mkdir()
    (workdir / "papers" / "alpa-paper.yaml").write_text(
        "title: Alpa\nlinks: {arxiv: 'https://arxiv.org/abs/2201.12023'}\n", encoding="utf-8"
    )
    code, out, err = run("add", "2201.12023", "-o", "papers")
    assert (code, out) == (1, "")
    assert err == (
        f"sphinx-awesome add: {ALPA_TITLE!r} is already in the list: arXiv id 2201.12023 is "
        "also the arXiv id of 'alpa-paper' (papers/alpa-paper.yaml:1); nothing written\n"
    )
    assert sorted(p.name for p in (workdir / "papers").iterdir()) == ["alpa-paper.yaml"]


def test_a_taken_id_gets_the_year(services: Services, workdir: Path, run) -> None:
    (workdir / "papers").mkdir()
    (workdir / "papers" / "alpa.yaml").write_text("title: 'Alpa: Another Paper'\n")
    (workdir / "papers" / "other.yaml").write_text("id: alpa-2022\ntitle: Other\n")
    code, out, err = run("add", "2201.12023", "-o", "papers")
    assert code == 0, err
    assert out == "papers/alpa-2.yaml\n"  # alpa and alpa-2022 are taken
    assert (workdir / "papers" / "alpa.yaml").read_text() == "title: 'Alpa: Another Paper'\n"


def test_default_directory_and_categories_of_the_project(
    services: Services, workdir: Path, run
) -> None:
    (workdir / "docs" / "entries").mkdir(parents=True)
    (workdir / "docs" / "conf.py").write_text(
        "extensions = ['sphinx_awesome']\nawesome_entries = ['entries/**/*.yaml']\n"
        "awesome_categories = {'training': 'Training'}\n",
        encoding="utf-8",
    )
    (workdir / "docs" / "entries" / "old.yaml").write_text("title: Old\n", encoding="utf-8")
    code, out, err = run("add", "2201.12023", "--category", "inference")
    assert code == 0, err
    assert out == "docs/entries/alpa.yaml\n"
    assert err == (
        "warning: category 'inference' is not in awesome_categories\nadded 'alpa' from arXiv\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["hello world"],
            "'hello world' is not an arXiv id or URL, a DOI, or a DBLP, ACM, USENIX or OpenReview "
            "URL",
        ),
        (["https://example.org/paper"], "'https://example.org/paper' is not an arXiv id or URL"),
        ([], "name the paper to add: an arXiv id or URL"),
        (
            ["2201.12023", "--category", "Not A Path!"],
            "category 'Not A Path!' is not a path of slugs",
        ),
        (["2201.12023", "--tags", "ok,+++"], "tag '+++' has no usable slug"),
        (["2201.12023", "--timeout", "0"], "--timeout must be a positive number"),
        (["--from-bibtex", "missing.bib"], "no such file: missing.bib"),
    ],
)
def test_usage_errors(services: Services, run, argv: list[str], message: str) -> None:
    code, out, err = run("add", *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"sphinx-awesome add: error: {message}")
    assert services.requests == []


# -- offline ----------------------------------------------------------------------------------


def test_offline_is_one_line(workdir: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    port = closed_port()
    point_at(monkeypatch, f"http://127.0.0.1:{port}")
    monkeypatch.setenv("SPHINX_AWESOME_CACHE", str(workdir / ".cache"))
    code, out, err = run("add", "2201.12023", "-o", "papers")
    assert (code, out) == (1, "")
    assert err == (
        f"sphinx-awesome add: cannot reach 127.0.0.1:{port} (connection refused); "
        "use --from-bibtex FILE\n"
    )
    assert not (workdir / "papers").exists()


def test_a_slow_service_times_out(services: Services, workdir: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("SPHINX_AWESOME_ARXIV_API", f"{services.base}/slow/arxiv/api/query")
    code, _, err = run("add", "2201.12023", "--timeout", "0.2")
    assert code == 1
    host = urlsplit(services.base).netloc
    assert (
        err
        == f"sphinx-awesome add: cannot reach {host} (no answer in time); use --from-bibtex FILE\n"
    )


def test_a_busy_service_is_asked_again(services: Services, workdir: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("SPHINX_AWESOME_CROSSREF_API", f"{services.base}/flaky/crossref")
    code, _, err = run("add", "10.1145/3600006.3613165")
    assert code == 0, err
    assert services.requests == ["/flaky/crossref/works/10.1145/3600006.3613165"] * 2


# -- --from-bibtex ----------------------------------------------------------------------------


@pytest.fixture
def offline(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_at(monkeypatch, f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("SPHINX_AWESOME_CACHE", str(workdir / ".cache"))


def test_from_bibtex_one_entry(offline: None, fixtures: Path, workdir: Path, run) -> None:
    bib = str(fixtures / "bibtex" / "arxiv.bib")
    code, out, err = run("add", "--from-bibtex", bib, "--tags", "auto-parallelism")
    assert code == 0, err
    assert out == "alpa.yaml\n"
    assert err.startswith("added 'alpa' from ") and err.endswith("arxiv.bib:1\n")
    assert written(workdir, "alpa.yaml")["tags"] == ["auto-parallelism"]


@pytest.mark.parametrize(
    ("wanted", "file"),
    [
        ("10.1145/3627703.3629554", "aceso.yaml"),
        ("https://dl.acm.org/doi/10.1145/3627703.3629554", "aceso.yaml"),
        ("10.1145/3600006.3613165", "efficient-memory-management-for-large-language.yaml"),
    ],
)
def test_from_bibtex_picks_the_named_entry(
    offline: None, fixtures: Path, workdir: Path, run, wanted: str, file: str
) -> None:
    code, out, err = run("add", wanted, "--from-bibtex", str(fixtures / "bibtex" / "acm.bib"))
    assert code == 0, err
    assert out == f"{file}\n"


def test_from_bibtex_by_key_and_url(offline: None, fixtures: Path, workdir: Path, run) -> None:
    bib = str(fixtures / "bibtex" / "scholar.bib")
    assert (
        run("add", "vaswani2017attention", "--from-bibtex", bib)[1]
        == "attention-is-all-you-need.yaml\n"
    )
    page = "https://www.usenix.org/conference/nsdi22/presentation/eisenman"
    assert run("add", page, "--from-bibtex", bib)[1] == "check-n-run.yaml\n"
    assert run("add", "2307.08691", "--from-bibtex", bib)[1] == "flashattention-2.yaml\n"


def test_from_bibtex_errors(offline: None, fixtures: Path, workdir: Path, run) -> None:
    acm = str(fixtures / "bibtex" / "acm.bib")
    code, _, err = run("add", "--from-bibtex", acm)
    assert code == 2
    assert "acm.bib holds 2 entries; name the one to add by its key, DOI or URL" in err
    code, _, err = run("add", "2201.12023", "--from-bibtex", acm)
    assert code == 1
    assert "no entry of" in err and "is '2201.12023'" in err
    (workdir / "empty.bib").write_text("% nothing\n@article{x title={y}}\n", encoding="utf-8")
    code, _, err = run("add", "--from-bibtex", "empty.bib")
    assert code == 1
    assert err.splitlines() == [
        "warning: empty.bib:2:1: AW201 cannot read this BibTeX block: Expected comma after entry "
        "key, but found =; it is skipped",
        "sphinx-awesome add: empty.bib holds no entry that can be read",
    ]


# -- pieces -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("2201.12023", Target("arxiv", "2201.12023")),
        ("arXiv:2201.12023v3", Target("arxiv", "2201.12023")),
        ("https://arxiv.org/abs/2201.12023", Target("arxiv", "2201.12023")),
        ("10.48550/arXiv.2201.12023", Target("arxiv", "2201.12023")),
        ("hep-th/9901001", Target("arxiv", "hep-th/9901001")),
        ("10.1145/3600006.3613165", Target("doi", "10.1145/3600006.3613165")),
        (
            "https://dl.acm.org/doi/abs/10.1145/3600006.3613165",
            Target("doi", "10.1145/3600006.3613165"),
        ),
        (
            "https://dl.acm.org/citation.cfm?id=3341301.3359646",
            Target("doi", "10.1145/3341301.3359646"),
        ),
        (
            "https://link.springer.com/chapter/10.1007/978-3-030-00000-0_1",
            Target("doi", "10.1007/978-3-030-00000-0_1"),
        ),
        (
            "https://dblp.org/rec/journals/corr/abs-2201-12023.bib",
            Target("dblp", "journals/corr/abs-2201-12023"),
        ),
        (
            "https://openreview.net/forum?id=NG7sS51zVF&noteId=abc",
            Target("openreview", "NG7sS51zVF"),
        ),
        (
            "https://www.usenix.org/conference/atc23/presentation/li-zhuohan",
            Target("usenix", "https://www.usenix.org/conference/atc23/presentation/li-zhuohan"),
        ),
        (
            "https://www.usenix.org/system/files/nsdi22-paper-eisenman.pdf",
            Target("usenix", "https://www.usenix.org/conference/nsdi22/presentation/eisenman"),
        ),
        ("https://dblp.org/pid/211/7088.html", None),
        ("https://www.usenix.org/conference/osdi22", None),
        ("https://openreview.net/group?id=ICLR.cc/2024/Conference", None),
        ("https://github.com/alpa-projects/alpa", None),
        ("alpa", None),
    ],
)
def test_identify(text: str, target: Target | None) -> None:
    assert identify(text) == target


def test_invalid_data_is_not_written(workdir: Path) -> None:
    with pytest.raises(Failure, match="is not valid; nothing written"):
        write_entry({"title": "T", "year": "soon"}, Project(), workdir)
    assert list(workdir.iterdir()) == []

"""``sphinx-awesome check --links`` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from linkserver import LinkServer, closed_port_url

from sphinx_awesome.cli.linkcache import LinkCache
from sphinx_awesome.cli.linkcheck import check_urls, retry_after
from sphinx_awesome.cli.linktypes import LinkResult, LinkSettings
from sphinx_awesome.entries import Link, load_text

FAST = LinkSettings(timeout=0.3, retries=1, backoff=0.05, retry_after_cap=5, per_second=50)
#: check options that keep each run short and away from the user's cache
QUICK = ("--timeout", "0.3", "--retries", "0", "--rate", "50")


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    file = tmp_path / "cache" / "links.json"
    monkeypatch.setenv("SPHINX_AWESOME_LINK_CACHE", str(file))
    return file


# -- the engine ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "code", "detail"),
    [
        ("/ok", "ok", 200, "200 OK"),
        ("/moved", "redirected", 301, "301 Moved Permanently"),
        ("/moved308", "redirected", 308, "308 Permanent Redirect"),
        ("/found", "redirected", 302, "302 Found"),
        ("/missing", "dead", 404, "404 Not Found"),
        ("/gone", "dead", 410, "410 Gone"),
        ("/moved-to-missing", "dead", 404, "404 Not Found (after a redirect to {base}/missing)"),
        ("/forbidden", "unverified", 403, "403 Forbidden"),
        ("/error", "dead", 500, "500 Internal Server Error (2 attempts)"),
        ("/flaky", "ok", 200, "200 OK"),
        ("/busy", "ok", 200, "200 OK"),
        (
            "/busy-long",
            "unverified",
            429,
            "429 Too Many Requests (Retry-After 3600 s is more than 5 s)",
        ),
        ("/slow", "dead", None, "timed out after 0.3 s (2 attempts)"),
        ("/nohead", "ok", 200, "200 OK"),
        ("/loop", "dead", None, "too many redirects"),
    ],
)
def test_each_kind_of_answer(server: LinkServer, path: str, status: str, code, detail: str) -> None:
    url = server.url(path)
    result = check_urls([url], FAST)[url]
    assert (result.status, result.code, result.detail) == (
        status,
        code,
        detail.format(base=server.base),
    )


def test_redirects_name_their_target_and_permanence(server: LinkServer) -> None:
    urls = [server.url("/moved"), server.url("/found")]
    results = check_urls(urls, FAST)
    assert [(r.target, r.permanent) for r in map(results.get, urls)] == [
        (server.url("/ok"), True),
        (server.url("/ok"), False),
    ]


def test_head_is_tried_first_then_get(server: LinkServer) -> None:
    check_urls([server.url("/nohead"), server.url("/ok")], FAST)
    assert sorted(server.requests) == [("GET", "/nohead"), ("HEAD", "/nohead"), ("HEAD", "/ok")]


def test_retries_wait_for_retry_after(server: LinkServer) -> None:
    check_urls([server.url("/busy")], FAST)
    assert server.requests == [("HEAD", "/busy"), ("HEAD", "/busy")]
    first, second = server.starts[server.host]
    assert second - first >= 0.9  # Retry-After: 1 (a lower bound: slowness cannot break it)


def test_server_errors_are_retried_and_then_given_up(server: LinkServer) -> None:
    check_urls([server.url("/error"), server.url("/flaky")], FAST)
    assert server.count("/error") == 3  # HEAD, then GET and one retry
    assert server.count("/flaky") == 3  # HEAD 503, GET 503, GET again 200


def test_refused_and_unknown_hosts(server: LinkServer) -> None:
    refused = closed_port_url("/paper")
    unknown = "https://no-such-host.invalid/paper"
    results = check_urls([refused, unknown], FAST)
    assert (results[refused].status, results[refused].detail) == (
        "dead",
        "connection refused (2 attempts)",
    )
    assert (results[unknown].status, results[unknown].detail) == ("dead", "host not found")


def test_each_url_is_asked_once(server: LinkServer) -> None:
    url = server.url("/ok")
    assert list(check_urls([url, url, url], FAST)) == [url]
    assert server.requests == [("HEAD", "/ok")]


def test_at_most_n_requests_per_host_at_once() -> None:
    settings = LinkSettings(timeout=2, max_per_host=2, per_second=100, jobs=8)
    with LinkServer() as server:
        check_urls([server.url(f"/page/{n}") for n in range(12)], settings)
        assert server.count() == 12
        assert server.most_at_once[server.host] == 2


def test_request_starts_are_paced_per_host_and_hosts_go_on_meanwhile() -> None:
    settings = LinkSettings(timeout=2, max_per_host=4, per_second=10, jobs=8)
    with LinkServer() as a, LinkServer() as b:
        urls = [a.url(f"/page/{n}") for n in range(11)] + [b.url(f"/page/{n}") for n in range(3)]
        results = check_urls(urls, settings)
        assert {r.status for r in results.values()} == {"ok"}
        starts = a.starts[a.host]
        assert len(starts) == 11
        assert starts[-1] - starts[0] >= 0.8  # 10 gaps of 1/10 s; 20% slack for jitter
        assert max(b.starts[b.host]) < starts[-1]  # host b was not queued behind host a


def test_retry_after_forms() -> None:
    assert retry_after("120") == 120
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


# -- where links are written --------------------------------------------------------------------


def test_link_positions_block_flow_and_lists(tmp_path: Path) -> None:
    text = """\
- id: a
  title: A
  links:
    paper: https://e.org/a
    pdf:   "https://e.org/a.pdf"
- id: b
  title: B
  links: {paper: https://e.org/b, arxiv: 2201.12023}
"""
    (tmp_path / "e.yaml").write_text(text, encoding="utf-8")
    entries = load_text(text, "e.yaml").entries
    places = [
        (entry.id, link.label, entry.link_place(link)) for entry in entries for link in entry.links
    ]
    assert places == [
        ("a", "paper", (4, 12)),
        ("a", "pdf", (5, 12)),
        ("b", "paper", (8, 18)),
        ("b", "arxiv", (8, 42)),
    ]


def test_link_position_falls_back_to_the_links_line(tmp_path: Path) -> None:
    entry = load_text("title: A\nlinks:\n  paper: https://e.org/a\n", "gone.yaml").entries[0]
    made_elsewhere = Link("paper", "https://e.org/a", "https://e.org/a")
    assert entry.link_place(made_elsewhere) == (2, 1)


# -- the command --------------------------------------------------------------------------------


def _write(workdir: Path, server: LinkServer) -> None:
    (workdir / "a.yaml").write_text(
        f"""\
title: A
links:
  paper: {server.url("/missing")}
  pdf: {server.url("/moved")}
  code: {server.url("/ok")}
  site: {server.url("/forbidden")}
  video: {server.url("/found")}
""",
        encoding="utf-8",
    )
    (workdir / "b.yaml").write_text(
        f"""\
- id: b
  title: B
  links: {{paper: "{server.url("/nohead")}", code: "{closed_port_url()}"}}
""",
        encoding="utf-8",
    )


def test_check_links_reports_each_link_at_its_line(run, workdir, server, cache_file) -> None:
    _write(workdir, server)
    refused = (workdir / "b.yaml").read_text().split('code: "')[1].split('"')[0]
    code, out, err = run("check", "a.yaml", "b.yaml", "--links", "--ignore", "AW160", *QUICK)
    base = server.base
    assert out.splitlines() == [
        f"a.yaml:3:10: AW161 link 'paper' is dead (404 Not Found): {base}/missing",
        f"a.yaml:4:8: AW162 link 'pdf' is redirected permanently (301) to {base}/ok; write that "
        f"address: "
        f"{base}/moved",
        f"a.yaml:6:9: AW163 info: link 'site' could not be checked (403 Forbidden; the server "
        f"refuses "
        f"automated "
        f"checks, open it in a browser): {base}/forbidden",
        f"b.yaml:3:57: AW161 link 'code' is dead (connection refused): {refused}",
    ]
    assert code == 1
    assert re.search(
        r"^links: 7 addresses \(7 asked in [\d.]+ s\): 2 ok, 1 redirected permanently, "
        r"1 redirected temporarily, 2 dead, 1 unverified$",
        err,
        re.M,
    )


def test_http_links_are_still_reported(run, workdir, server, cache_file) -> None:
    _write(workdir, server)
    _, out, _ = run("check", "a.yaml", "--links", "--select", "AW160", *QUICK)
    assert len(out.splitlines()) == 5
    assert all(" AW160 info: link " in line for line in out.splitlines())
    assert server.count() == 0  # no link code selected: no request at all


def test_all_good_links_exit_zero(run, workdir, server, cache_file) -> None:
    (workdir / "a.yaml").write_text(f"title: A\nlinks:\n  paper: {server.url('/ok')}\n")
    code, out, err = run("check", "a.yaml", "--links", "--ignore", "insecure-url", *QUICK)
    assert (code, out) == (0, "")
    assert "links: 1 address (1 asked in" in err and "): 1 ok\n" in err


def test_json_output_has_link_problems(run, workdir, server, cache_file) -> None:
    _write(workdir, server)
    _, out, _ = run(
        "check", "a.yaml", "--links", "--format", "json", "--select", "dead-link", *QUICK
    )
    problems = json.loads(out)["problems"]
    assert [(p["path"], p["line"], p["column"], p["code"], p["subtype"]) for p in problems] == [
        ("a.yaml", 3, 10, "AW161", "dead-link")
    ]


def test_the_cache_saves_requests(run, workdir, server, cache_file) -> None:
    _write(workdir, server)
    args = ("check", "a.yaml", "--links", *QUICK)
    first = run(*args)
    asked = server.count()
    assert cache_file.is_file()
    kept = json.loads(cache_file.read_text())["links"]
    assert sorted(kept) == [server.url(p) for p in ("/found", "/moved", "/ok")]
    server.reset()
    second = run(*args)
    assert second[:2] == first[:2]
    # good answers come from the cache; the dead and unverified links are asked again
    assert sorted({path for _, path in server.requests}) == ["/forbidden", "/missing"]
    assert server.count() < asked
    assert "3 from the cache" in second[2]


def test_no_cache_asks_everything(run, workdir, server, cache_file) -> None:
    _write(workdir, server)
    run("check", "a.yaml", "--links", *QUICK)
    server.reset()
    run("check", "a.yaml", "--links", "--no-cache", *QUICK)
    assert {path for _, path in server.requests} >= {"/ok", "/moved", "/found"}


def test_old_results_are_asked_again(run, workdir, server, cache_file) -> None:
    _write(workdir, server)
    run("check", "a.yaml", "--links", *QUICK)
    data = json.loads(cache_file.read_text())
    for record in data["links"].values():
        record["checked"] -= 25 * 3600
    cache_file.write_text(json.dumps(data))
    server.reset()
    run("check", "a.yaml", "--links", *QUICK)
    assert ("HEAD", "/ok") in server.requests


def test_a_damaged_cache_is_replaced(run, workdir, server, cache_file) -> None:
    (workdir / "a.yaml").write_text(f"title: A\nlinks:\n  paper: {server.url('/ok')}\n")
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text("{not json")
    code, _, err = run("check", "a.yaml", "--links", "--ignore", "AW160", *QUICK)
    assert code == 0
    assert f"note: ignored the link cache {cache_file}" in err
    assert list(json.loads(cache_file.read_text())["links"]) == [server.url("/ok")]


def test_cache_option_names_the_file(run, workdir, server, tmp_path) -> None:
    (workdir / "a.yaml").write_text(f"title: A\nlinks:\n  paper: {server.url('/ok')}\n")
    file = tmp_path / "elsewhere.json"
    run("check", "a.yaml", "--links", "--cache", str(file), *QUICK)
    assert LinkCache.load(file).get(server.url("/ok")) is not None


def test_cache_keeps_only_good_answers(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path / "c.json")
    cache.put(LinkResult("https://e.org/a", "ok", 200, "200 OK", checked=1e12))
    cache.put(LinkResult("https://e.org/b", "dead", 404, "404 Not Found", checked=1e12))
    cache.save()
    assert list(LinkCache.load(tmp_path / "c.json", max_age=1e13).results) == ["https://e.org/a"]


def test_only_the_named_files_links_are_checked(run, workdir, server, cache_file) -> None:
    (workdir / "docs").mkdir()
    (workdir / "docs" / "conf.py").write_text('awesome_entries = ["papers/*.yaml"]\n')
    (workdir / "docs" / "papers").mkdir()
    for name, path in (("a", "/ok"), ("b", "/missing")):
        (workdir / "docs" / "papers" / f"{name}.yaml").write_text(
            f"title: {name.upper()}\nlinks:\n  paper: {server.url(path)}\n"
        )
    code, out, _ = run("check", "docs/papers/a.yaml", "--links", "--ignore", "AW160", *QUICK)
    assert (code, out) == (0, "")
    assert {path for _, path in server.requests} == {"/ok"}


@pytest.mark.parametrize("option", [("--timeout", "0"), ("--max-per-host", "0"), ("--rate", "x")])
def test_bad_link_options_are_usage_errors(run, workdir, option) -> None:
    (workdir / "a.yaml").write_text("title: A\n")
    code, _, err = run("check", "a.yaml", "--links", *option)
    assert code == 2
    assert option[0] in err


def test_no_answer_at_all_suggests_being_offline(run, workdir, cache_file) -> None:
    (workdir / "a.yaml").write_text(
        f"title: A\nlinks:\n  paper: {closed_port_url('/a')}\n  code: {closed_port_url('/b')}\n"
    )
    code, out, err = run("check", "a.yaml", "--links", "--ignore", "AW160", *QUICK)
    assert code == 1 and out.count(" AW161 ") == 2
    assert "note: no server answered at all; is this machine offline?" in err

"""A real HTTP server on 127.0.0.1 (in a thread) giving the answers link checkers meet.

=====================  ==========================================================
path                   answer
=====================  ==========================================================
``/ok``                200
``/moved``             301 to ``/ok``
``/moved308``          308 to ``/ok``
``/found``             302 to ``/ok``
``/moved-to-missing``  301 to ``/missing``
``/missing``           404
``/gone``              410
``/forbidden``         403
``/error``             500, always
``/flaky``             503 twice, then 200
``/busy``              429 with ``Retry-After: 1`` once, then 200
``/busy-long``         429 with ``Retry-After: 3600``, always
``/slow``              200 after 3 s (longer than the tests' time-outs)
``/nohead``            405 to HEAD, 200 to GET
``/loop``              301 to itself
``/page/<n>``          200 after 0.1 s (to see requests overlap)
=====================  ==========================================================

The server records every request (method, path) and, per ``Host`` header, the most
requests it served at once and the time each one started.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REDIRECTS = {
    "/moved": (301, "/ok"),
    "/moved308": (308, "/ok"),
    "/found": (302, "/ok"),
    "/moved-to-missing": (301, "/missing"),
    "/loop": (301, "/loop"),
}
STATUS = {"/missing": 404, "/gone": 410, "/forbidden": 403, "/error": 500}
SLOW = 3.0


class LinkServer:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.answered: Counter[str] = Counter()
        self.active: Counter[str] = Counter()
        self.most_at_once: Counter[str] = Counter()
        self.starts: defaultdict[str, list[float]] = defaultdict(list)
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.host = f"127.0.0.1:{self.port}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LinkServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str | None = None) -> int:
        with self.lock:
            return sum(1 for _, p in self.requests if path is None or p == path)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.answered.clear()
            self.most_at_once.clear()
            self.starts.clear()


def closed_port_url(path: str = "/") -> str:
    """A URL on 127.0.0.1 where nothing listens: connection refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


def _handler(server: LinkServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self.answer(body=False)

        def do_GET(self) -> None:
            self.answer(body=True)

        def answer(self, body: bool) -> None:
            host = self.headers.get("Host", "")
            with server.lock:
                server.requests.append((self.command, self.path))
                server.starts[host].append(time.monotonic())
                server.active[host] += 1
                server.most_at_once[host] = max(server.most_at_once[host], server.active[host])
                seen = server.answered[self.path]
                server.answered[self.path] += 1
            try:
                self.route(body, seen)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (time-out)
                pass
            finally:
                with server.lock:
                    server.active[host] -= 1

        def route(self, body: bool, seen: int) -> None:
            path = self.path
            if path in REDIRECTS:
                code, target = REDIRECTS[path]
                return self.send(code, body, Location=target)
            if path in STATUS:
                return self.send(STATUS[path], body)
            if path == "/flaky" and seen < 2:
                return self.send(503, body)
            if path == "/busy" and seen == 0:
                return self.send(429, body, **{"Retry-After": "1"})
            if path == "/busy-long":
                return self.send(429, body, **{"Retry-After": "3600"})
            if path == "/nohead" and not body:
                return self.send(405, body)
            if path == "/slow":
                self.pause(SLOW)
            if path.startswith("/page/"):
                self.pause(0.1)
            if path in ("/ok", "/flaky", "/busy", "/nohead", "/slow") or path.startswith("/page/"):
                return self.send(200, body)
            return self.send(404, body)

        def pause(self, seconds: float) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end and not server.stopping.is_set():
                time.sleep(0.02)

        def send(self, code: int, body: bool, **headers: str) -> None:
            payload = f"<html><body>{code}</body></html>".encode()
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if body:
                self.wfile.write(payload)

    return Handler

"""A real HTTP server on 127.0.0.1 (in a thread) serving files the test sets, for the tests
of published entries: ``ETag`` and ``If-None-Match`` (304), redirects, error statuses, and
a record of every request. ``stop()`` closes it, so later requests are refused."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FileServer:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.files: dict[str, bytes] = {}
        self.redirects: dict[str, tuple[int, str]] = {}
        self.status: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.running = False

    def __enter__(self) -> FileServer:
        self.thread.start()
        self.running = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes | str) -> None:
        with self.lock:
            self.files[path] = body.encode("utf-8") if isinstance(body, str) else body

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest() + '"'


def _handler(server: FileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            with server.lock:
                server.requests.append((self.path, dict(self.headers.items())))
                redirect = server.redirects.get(self.path)
                status = server.status.get(self.path)
                body = server.files.get(self.path)
            if redirect is not None:
                return self.send(redirect[0], b"", Location=redirect[1])
            if status is not None:
                return self.send(status, b"error")
            if body is None:
                return self.send(404, b"not found")
            etag = _etag(body)
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", ETag=etag)
            return self.send(200, body, ETag=etag, **{"Content-Type": "application/json"})

        def send(self, code: int, body: bytes, **headers: str) -> None:
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and code != 304:
                self.wfile.write(body)

    return Handler

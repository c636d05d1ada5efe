"""A real threaded HTTP/1.1 server on 127.0.0.1 for the fetch tests and the benchmark.

Routes map a path to a fixed :class:`Reply` or to a function of the request, so a test
can serve a fixture, answer 304 to the right ETag, redirect, stall, or send raw gzip.
Every request is recorded (path with query, headers) for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


Route = Reply | Callable[[Seen], Reply]


class FetchServer:
    def __init__(self, latency: float = 0.0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.latency = latency
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                with server._lock:
                    server.requests.append(seen)
                route = server.routes.get(self.path) or server.routes.get(urlsplit(self.path).path)
                reply = Reply(404, b"not found") if route is None else route
                if callable(reply):
                    reply = reply(seen)
                if server.latency or reply.delay:
                    time.sleep(server.latency + reply.delay)
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.status != 304:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def start(self) -> FetchServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]


def etag_route(body: bytes, etag: str, content_type: str = "application/json") -> Route:
    """Serve ``body`` with an ETag, answering 304 when the client already has it."""

    def route(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(200, body, {"Content-Type": content_type, "ETag": etag})

    return route


# Two JSON Feed sources for the update tests (boardgen update, the update job, its dry run).
JSON_FEED = {"Content-Type": "application/feed+json"}


def update_feed(items: dict[str, str], deadline: str = "2027-03-01") -> bytes:
    """A JSON Feed of job postings: native id -> title."""
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Harbor Labs jobs",
            "items": [
                {
                    "id": native,
                    "title": title,
                    "url": f"https://jobs.harborlabs.example.com/{native}",
                    "content_text": f"{title}: a paid project for students. You will work with "
                    "our analytics team for four weeks and present a short report at the end.",
                    "date_published": "2026-11-20T09:00:00Z",
                    "_jobposting": {
                        "hiringOrganization": {"name": "Harbor Labs"},
                        "validThrough": deadline,
                        "jobLocationType": "TELECOMMUTE",
                    },
                }
                for native, title in items.items()
            ],
        }
    ).encode()


def write_update_sources(board: Path, server: FetchServer, *, broken: bool = True) -> None:
    """Two JSON Feed sources on the test server, ``harbor`` and (unless not) ``broken``."""
    text = (
        "schema_version: 1\n"
        "sources:\n"
        "  - id: harbor\n"
        "    kind: jsonfeed\n"
        f"    url: {server.url('/harbor.json')}\n"
        "    allow_private_network: true\n"
        "    defaults: {opportunity_type: internship, work_mode: remote}\n"
    )
    if broken:
        text += (
            "  - id: broken\n"
            "    kind: jsonfeed\n"
            f"    url: {server.url('/broken.json')}\n"
            "    allow_private_network: true\n"
        )
    (board / "site_config" / "sources.yml").write_text(text)

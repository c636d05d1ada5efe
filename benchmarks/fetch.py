"""Benchmark ``boardgen fetch`` on N local sources of mixed kinds.

    python3 benchmarks/fetch.py --sources 500

A threaded HTTP server in a child process serves every source (greenhouse, lever,
jsonfeed, rss, atom in turn; about 20 listings each) and waits ``--latency`` seconds
(default 0.05) before each response, standing in for a real server's round trip, so that
concurrency has something to overlap. Sources are spread over 10 host names (pinned to
127.0.0.1), so the per-host limit applies as it would across real ATS hosts.

Printed, one ``name: value`` line each:

- ``cold_s``: first fetch of every source into an empty data/ (default concurrency);
- ``unchanged_s``: the same again, every source answering 304 to its ETag;
- ``peak_mb``: peak resident memory of this process (the server runs in its own);
- ``serial_s``: the cold fetch again with concurrency 1 and per-host 1;
- ``speedup``: ``serial_s / cold_s``.

``--workers N`` parses and maps in N worker processes during the concurrent runs (0: in
the event loop; default: the engine's choice, one per core beyond the first). The serial
run always parses in the event loop, as a one-at-a-time fetcher would.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boardgen.fetch import AddressPolicy, Engine, FetchOptions
from boardgen.model import Source

KINDS = ("greenhouse", "lever", "jsonfeed", "rss", "atom")
HOSTS = 10
PER_SOURCE = 20
DESCRIPTION = (
    "<p>Help our team with a short, well-scoped project. You will <strong>analyse</strong> "
    "data, write a summary and present it.</p><ul><li>10 hours a week</li><li>Remote</li>"
    "</ul><script>alert(1)</script>"
)


def _jobs(index: int) -> list[dict[str, str]]:
    return [
        {
            "id": f"{index}-{n}",
            "title": f"Research intern {n} at organization {index}",
            "url": f"https://jobs.example.org/o{index}/{n}",
            "date": "2026-11-01T09:00:00+00:00",
        }
        for n in range(PER_SOURCE)
    ]


def payload(kind: str, index: int) -> tuple[bytes, str]:
    jobs = _jobs(index)
    if kind == "greenhouse":
        data = {
            "jobs": [
                {
                    "id": j["id"],
                    "title": j["title"],
                    "absolute_url": j["url"],
                    "content": html.escape(DESCRIPTION),
                    "location": {"name": "Chicago, IL"},
                    "first_published": j["date"],
                }
                for j in jobs
            ]
        }
        return json.dumps(data).encode(), "application/json"
    if kind == "lever":
        data_list = [
            {
                "id": j["id"],
                "text": j["title"],
                "applyUrl": j["url"],
                "description": DESCRIPTION,
                "categories": {"location": "Berlin, Germany", "commitment": "Internship"},
                "workplaceType": "hybrid",
                "country": "DE",
                "createdAt": 1793000000000,
            }
            for j in jobs
        ]
        return json.dumps(data_list).encode(), "application/json"
    if kind == "jsonfeed":
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Feed {index}",
            "items": [
                {
                    "id": j["id"],
                    "title": j["title"],
                    "url": j["url"],
                    "content_html": DESCRIPTION,
                    "date_published": j["date"],
                }
                for j in jobs
            ],
        }
        return json.dumps(feed).encode(), "application/feed+json"
    esc = html.escape(DESCRIPTION)
    if kind == "rss":
        items = "".join(
            f"<item><title>{j['title']}</title><link>{j['url']}</link><guid>{j['url']}</guid>"
            f"<description>{esc}</description><pubDate>Sun, 01 Nov 2026 09:00:00 +0000</pubDate>"
            "</item>"
            for j in jobs
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
            f"{items}</channel></rss>"
        )
        return body.encode(), "application/rss+xml"
    entries = "".join(
        f'<entry><title>{j["title"]}</title><id>urn:x:{j["id"]}</id><link href="{j["url"]}"/>'
        f'<updated>{j["date"]}</updated><content type="html">{esc}</content></entry>'
        for j in jobs
    )
    body = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        f"<id>urn:f:{index}</id><updated>2026-11-01T09:00:00Z</updated>{entries}</feed>"
    )
    return body.encode(), "application/atom+xml"


def serve(count: int, latency: float, port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    bodies = {}
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        body, content_type = payload(kind, index)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        bodies[f"/s/{index}"] = (body, content_type, etag)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            time.sleep(latency)
            found = bodies.get(urlsplit(self.path).path)
            if found is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, content_type, etag = found
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    ThreadingHTTPServer.request_queue_size = 256
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port_queue.put(httpd.server_address[1])
    httpd.serve_forever()


def sources(count: int, port: int) -> list[Source]:
    return [
        Source.model_validate(
            {
                "id": f"source-{index:04d}",
                "kind": KINDS[index % len(KINDS)],
                "url": f"http://h{index % HOSTS}.bench.test:{port}/s/{index}",
                "allow_private_network": True,
            }
        )
        for index in range(count)
    ]


def timed(data: Path, items: list[Source], policy: AddressPolicy, options: FetchOptions) -> float:
    started = time.perf_counter()
    report = Engine(data, options=options, policy=policy).run(items)
    elapsed = time.perf_counter() - started
    bad = [r for r in report.results if r.status not in ("ok", "unchanged")]
    if bad:
        raise SystemExit(f"{len(bad)} sources did not succeed, e.g. {bad[0]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=FetchOptions().concurrency)
    parser.add_argument("--per-host", type=int, default=FetchOptions().per_host)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="parse/map worker processes for the concurrent runs (0: in the event loop)",
    )
    args = parser.parse_args()

    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(
        target=serve, args=(args.sources, args.latency, queue), daemon=True
    )
    server.start()
    try:
        port = queue.get(timeout=60)
        policy = AddressPolicy(hosts={f"h{n}.bench.test": "127.0.0.1" for n in range(HOSTS)})
        items = sources(args.sources, port)
        fast = FetchOptions(
            concurrency=args.concurrency, per_host=args.per_host, workers=args.workers
        )
        with tempfile.TemporaryDirectory() as tmp:
            cold = timed(Path(tmp) / "a", items, policy, fast)
            unchanged = timed(Path(tmp) / "a", items, policy, fast)
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            one_by_one = FetchOptions(concurrency=1, per_host=1, workers=0)
            serial = timed(Path(tmp) / "b", items, policy, one_by_one)
    finally:
        server.terminate()
        server.join()
    print(f"sources: {args.sources}")
    print(f"latency_s: {args.latency}")
    chosen = "auto" if args.workers is None else args.workers
    print(f"workers: {chosen}")
    print(f"cold_s: {cold:.2f}")
    print(f"unchanged_s: {unchanged:.2f}")
    print(f"peak_mb: {peak_mb:.0f}")
    print(f"serial_s: {serial:.2f}")
    print(f"speedup: {serial / cold:.1f}")


if __name__ == "__main__":
    main()

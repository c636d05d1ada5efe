"""Parsing in worker processes: the same results as in the event loop, and a bad payload
or a crashed worker stays that one source's problem.

Each engine test runs twice, with ``workers=0`` (the event loop parses) and ``workers=1``
(a worker process parses; runs of a few sources otherwise stay in the loop).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fetchserver import FetchServer, Reply, Seen

from boardgen.errors import ParseError
from boardgen.fetch import Engine, FetchLimits, FetchOptions, RunReport, load_source_data
from boardgen.fetch.workers import CPUPool, default_workers
from boardgen.model import Source

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
T0 = dt.datetime(2026, 11, 22, 6, 0, tzinfo=dt.UTC)
GREENHOUSE = (FIXTURES / "greenhouse" / "generalassembly_embed_jobs_content_2013.json").read_bytes()
LEVERDEMO = (FIXTURES / "lever" / "leverdemo_postings_2015.json").read_bytes()
JSON = {"Content-Type": "application/json"}
#: Valid JSON nested deeper than the parser's recursion limit.
DEEP = b"[" * 100_000 + b"]" * 100_000

WORKERS = pytest.mark.parametrize("workers", [0, 1], ids=["loop", "worker"])


@pytest.fixture
def server() -> Iterator[FetchServer]:
    srv = FetchServer().start()
    yield srv
    srv.stop()


def source(server: FetchServer, sid: str, kind: str, path: str) -> Source:
    return Source.model_validate(
        {"id": sid, "kind": kind, "url": server.url(path), "allow_private_network": True}
    )


def run(data: Path, sources: list[Source], workers: int, now: dt.datetime = T0) -> RunReport:
    options = FetchOptions(
        workers=workers, limits=FetchLimits(connect_timeout=2.0, read_timeout=2.0)
    )
    engine = Engine(data, options=options, clock=lambda: now, rng=random.Random(7))
    return engine.run(sources)


def by_id(report: RunReport) -> dict[str, Any]:
    return {r.source: r for r in report.results}


@WORKERS
def test_a_payload_the_adapter_cannot_read_fails_only_its_source(
    server: FetchServer, tmp_path: Path, workers: int
) -> None:
    bad = source(server, "bad", "greenhouse", "/bad")
    good = source(server, "good", "greenhouse", "/good")
    server.routes["/bad"] = Reply(200, GREENHOUSE, JSON)
    server.routes["/good"] = Reply(200, GREENHOUSE, JSON)
    run(tmp_path, [bad, good], workers)
    kept = (tmp_path / "sources" / "bad.json").read_bytes()
    server.routes["/bad"] = Reply(200, DEEP, JSON)
    jobs = json.loads(GREENHOUSE)["jobs"]
    jobs[0]["title"] = "Application developer intern"
    server.routes["/good"] = Reply(200, json.dumps({"jobs": jobs}).encode(), JSON)
    results = by_id(run(tmp_path, [bad, good], workers, T0 + dt.timedelta(hours=6)))
    assert (results["bad"].status, results["bad"].error_kind) == ("failed", "parse")
    assert "RecursionError" in results["bad"].error and results["bad"].listings == 2
    assert (tmp_path / "sources" / "bad.json").read_bytes() == kept
    assert (results["good"].status, results["good"].updated) == ("ok", 1)


@WORKERS
def test_changes_are_counted_and_first_seen_kept(
    server: FetchServer, tmp_path: Path, workers: int
) -> None:
    src = source(server, "ga", "greenhouse", "/gh")
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    first = by_id(run(tmp_path, [src], workers))["ga"]
    assert (first.status, first.new) == ("ok", 2)
    jobs = json.loads(GREENHOUSE)["jobs"]
    jobs[0]["title"] = "Application developer intern"
    jobs[1]["id"] = 999
    server.routes["/gh"] = Reply(200, json.dumps({"jobs": jobs}).encode(), JSON)
    result = by_id(run(tmp_path, [src], workers, T0 + dt.timedelta(days=1)))["ga"]
    assert (result.status, result.new, result.updated, result.removed) == ("ok", 1, 1, 1)
    stored = load_source_data(tmp_path, "ga")
    assert stored is not None
    listings = {item.id: item for item in stored.listings}
    assert listings["ga-721"].first_seen == T0
    assert listings["ga-721"].title == "Application developer intern"
    assert listings["ga-999"].first_seen == T0 + dt.timedelta(days=1)


@WORKERS
def test_paged_source_and_a_collapse(server: FetchServer, tmp_path: Path, workers: int) -> None:
    postings = json.loads(LEVERDEMO)

    def page(seen: Seen) -> Reply:
        query = dict(part.split("=") for part in seen.path.split("?")[1].split("&"))
        skip, limit = int(query["skip"]), int(query["limit"])
        return Reply(200, json.dumps(postings[skip : skip + limit]).encode(), JSON)

    server.routes["/v0/postings/demo"] = page
    src = source(server, "demo", "lever", "/v0/postings/demo?mode=json&limit=10")
    result = by_id(run(tmp_path, [src], workers))["demo"]
    assert (result.status, result.listings, result.new) == ("ok", 28, 28)
    stored = load_source_data(tmp_path, "demo")
    assert stored is not None and len(stored.listings) == 28
    server.routes["/v0/postings/demo"] = Reply(200, b"[]", JSON)
    held = by_id(run(tmp_path, [src], workers, T0 + dt.timedelta(hours=6)))["demo"]
    assert (held.status, held.listings) == ("suspicious", 28)


def test_worker_and_loop_write_the_same_file(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/lever"] = Reply(200, LEVERDEMO, JSON)
    src = source(server, "demo", "lever", "/lever")
    for workers in (0, 1):
        run(tmp_path / str(workers), [src], workers)
    written = [(tmp_path / w / "sources" / "demo.json").read_bytes() for w in ("0", "1")]
    assert written[0] == written[1] and b"<script" not in written[0]


# --- the pool itself: a worker that dies ---------------------------------------------------------


def test_a_crashing_call_gets_a_parse_error_and_the_others_their_results() -> None:
    async def scenario() -> list[object]:
        pool = CPUPool(1)
        try:
            calls = [
                pool.run(time.sleep, 0.3),
                pool.run(os._exit, 3),  # the worker process dies, as in a segfault
                pool.run(pow, 2, 10),
                pool.run(pow, 3, 3),
            ]
            results = list(await asyncio.gather(*calls, return_exceptions=True))
            results.append(await pool.run(pow, 5, 2))  # the pool works afterwards
            return results
        finally:
            pool.close()

    results = asyncio.run(scenario())
    assert results[0] is None
    assert isinstance(results[1], ParseError) and "stopped unexpectedly" in str(results[1])
    assert results[2:] == [1024, 27, 25]


def test_default_workers() -> None:
    assert default_workers(500, 2) == 1
    assert default_workers(500, 16) == 4
    assert default_workers(500, 1) == 0
    assert default_workers(500, None) == 0
    assert default_workers(10, 8) == 0  # over before a worker has started

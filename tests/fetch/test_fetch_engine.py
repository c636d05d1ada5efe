"""The fetch engine against a real HTTP server on 127.0.0.1, with real payloads.

Clocks and jitter are injected, so backoff and Retry-After are checked exactly and no
test sleeps longer than a read timeout of a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import gzip
import ipaddress
import json
import random
import time
from pathlib import Path
from typing import Any

import pytest
from fetchserver import FetchServer, Reply, Seen, etag_route

from boardgen.fetch import (
    AddressPolicy,
    Engine,
    FetchLimits,
    FetchOptions,
    RunReport,
    load_source_data,
    load_state,
)
from boardgen.fetch.transport import default_is_public
from boardgen.model import Source
from boardgen.store.state import BACKOFF_BASE, backoff_delay, retry_after_time

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
T0 = dt.datetime(2026, 11, 22, 6, 0, tzinfo=dt.UTC)
GREENHOUSE = (FIXTURES / "greenhouse" / "generalassembly_embed_jobs_content_2013.json").read_bytes()
STRIPE = (FIXTURES / "greenhouse" / "stripe_jobs_list_nocontent_2026.json").read_bytes()
LEVERDEMO = (FIXTURES / "lever" / "leverdemo_postings_2015.json").read_bytes()
JSON = {"Content-Type": "application/json"}


class Clock:
    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def make_source(server: FetchServer, sid: str, kind: str, path: str, **extra: Any) -> Source:
    return Source.model_validate(
        {
            "id": sid,
            "kind": kind,
            "url": server.url(path),
            "allow_private_network": True,
            **extra,
        }
    )


def run(
    data: Path,
    sources: list[Source],
    clock: Clock | None = None,
    policy: AddressPolicy | None = None,
    **options: Any,
) -> RunReport:
    limits = FetchLimits(
        connect_timeout=2.0,
        read_timeout=options.pop("read_timeout", 2.0),
        max_body=options.pop("max_body", 10 * 2**20),
    )
    engine = Engine(
        data,
        options=FetchOptions(limits=limits, **options),
        policy=policy,
        clock=clock or Clock(),
        rng=random.Random(7),
    )
    return engine.run(sources)


def only(report: RunReport) -> Any:
    assert len(report.results) == 1
    return report.results[0]


# --- success, 304 and unchanged bodies --------------------------------------------------------


def test_first_fetch_writes_listings_and_state(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, {**JSON, "ETag": '"v1"'})
    result = only(run(tmp_path, [make_source(server, "ga", "greenhouse", "/gh", name="GA")]))
    assert (result.status, result.listings, result.new) == ("ok", 2, 2)
    stored = load_source_data(tmp_path, "ga")
    assert stored is not None and [item.id for item in stored.listings] == ["ga-721", "ga-722"]
    state = load_state(tmp_path / "state.json").sources["ga"]
    assert state.etag == '"v1"' and state.last_success_at == T0 and state.listing_count == 2
    headers = server.requests[0].headers
    assert headers["user-agent"].startswith("boardgen/")
    assert "if-none-match" not in headers


def test_304_is_unchanged_and_leaves_the_data_file_alone(
    server: FetchServer, tmp_path: Path
) -> None:
    server.routes["/gh"] = etag_route(GREENHOUSE, '"v1"')
    source = make_source(server, "ga", "greenhouse", "/gh")
    clock = Clock()
    run(tmp_path, [source], clock)
    path = tmp_path / "sources" / "ga.json"
    before = path.read_bytes()
    clock.advance(hours=6)
    result = only(run(tmp_path, [source], clock))
    assert (result.status, result.listings) == ("unchanged", 2)
    assert server.requests[-1].headers["if-none-match"] == '"v1"'
    assert path.read_bytes() == before
    assert load_state(tmp_path / "state.json").sources["ga"].last_success_at == clock.now


def test_same_body_served_200_again_is_unchanged(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)  # no validators at all
    source = make_source(server, "ga", "greenhouse", "/gh")
    run(tmp_path, [source])
    result = only(run(tmp_path, [source]))
    assert result.status == "unchanged"


def test_changed_body_counts_new_updated_removed(server: FetchServer, tmp_path: Path) -> None:
    source = make_source(server, "ga", "greenhouse", "/gh")
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    run(tmp_path, [source])
    jobs = json.loads(GREENHOUSE)["jobs"]
    jobs[0]["title"] = "Application developer intern"
    jobs[1]["id"] = 999
    server.routes["/gh"] = Reply(200, json.dumps({"jobs": jobs}).encode(), JSON)
    result = only(run(tmp_path, [source], Clock(T0 + dt.timedelta(days=1))))
    assert (result.status, result.new, result.updated, result.removed) == ("ok", 1, 1, 1)
    stored = load_source_data(tmp_path, "ga")
    assert stored is not None
    first = {item.id: item for item in stored.listings}["ga-721"]
    assert first.first_seen == T0  # kept from the first sighting


# --- failures keep the last good listings -----------------------------------------------------


def test_failing_source_keeps_its_listings_while_others_update(
    server: FetchServer, tmp_path: Path
) -> None:
    a = make_source(server, "a", "greenhouse", "/a")
    b = make_source(server, "b", "greenhouse", "/b")
    server.routes["/a"] = Reply(200, GREENHOUSE, JSON)
    server.routes["/b"] = Reply(200, GREENHOUSE, JSON)
    run(tmp_path, [a, b])
    kept = (tmp_path / "sources" / "a.json").read_bytes()
    server.routes["/a"] = Reply(500, b"oops")
    server.routes["/b"] = Reply(200, STRIPE, JSON)
    report = run(tmp_path, [a, b], Clock(T0 + dt.timedelta(hours=6)))
    by_id = {r.source: r for r in report.results}
    assert by_id["a"].status == "failed" and by_id["a"].listings == 2
    assert "HTTP 500" in (by_id["a"].error or "")
    assert (by_id["b"].status, by_id["b"].new, by_id["b"].removed) == ("ok", 3, 2)
    assert (tmp_path / "sources" / "a.json").read_bytes() == kept
    assert not report.all_failed


def test_backoff_then_failing_after_three_errors(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/x"] = Reply(500, b"")
    source = make_source(server, "x", "greenhouse", "/x")
    clock = Clock()
    first = only(run(tmp_path, [source], clock))
    state = load_state(tmp_path / "state.json").sources["x"]
    delay = state.next_attempt_at - clock.now  # type: ignore[operator]
    assert first.status == "failed" and BACKOFF_BASE <= delay <= BACKOFF_BASE * 1.25
    # Before the backoff ends the source is left alone (and not requested).
    requests = len(server.requests)
    waiting = only(run(tmp_path, [source], clock))
    assert waiting.status == "waiting" and len(server.requests) == requests
    for expected in ("failed", "failing"):
        clock.now = load_state(tmp_path / "state.json").sources["x"].next_attempt_at  # type: ignore[assignment]
        assert only(run(tmp_path, [source], clock)).status == expected
    state = load_state(tmp_path / "state.json").sources["x"]
    assert state.consecutive_failures == 3 and state.failing
    assert state.last_error is not None and state.last_error.status == 500


def test_timeout(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/slow"] = Reply(200, GREENHOUSE, JSON, delay=1.5)
    started = time.monotonic()
    result = only(
        run(tmp_path, [make_source(server, "s", "greenhouse", "/slow")], read_timeout=0.3)
    )
    assert (result.status, result.error_kind) == ("failed", "timeout")
    assert time.monotonic() - started < 1.4


def test_410_disables_the_source(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/gone"] = Reply(410, b"")
    source = make_source(server, "g", "greenhouse", "/gone")
    result = only(run(tmp_path, [source]))
    assert result.status == "gone" and "410" in (result.error or "")
    later = only(run(tmp_path, [source], Clock(T0 + dt.timedelta(days=30))))
    assert later.status == "disabled" and len(server.requests) == 1
    forced = only(run(tmp_path, [source], Clock(T0 + dt.timedelta(days=30)), force=True))
    assert forced.status == "gone" and len(server.requests) == 2


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_sets_the_next_attempt(
    server: FetchServer, tmp_path: Path, status: int
) -> None:
    server.routes["/busy"] = Reply(status, b"", {"Retry-After": "120"})
    result = only(run(tmp_path, [make_source(server, "r", "greenhouse", "/busy")]))
    assert result.status == "failed" and result.error_kind == "http"
    state = load_state(tmp_path / "state.json").sources["r"]
    assert state.next_attempt_at == T0 + dt.timedelta(seconds=120)


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("greenhouse", "application/json"), ("jsonfeed", "application/json"), ("rss", "text/xml")],
)
def test_garbage_bytes_are_a_parse_error(
    server: FetchServer, tmp_path: Path, kind: str, content_type: str
) -> None:
    garbage = random.Random(1).randbytes(4000)
    server.routes["/junk"] = Reply(200, garbage, {"Content-Type": content_type})
    result = only(run(tmp_path, [make_source(server, "j", kind, "/junk")]))
    assert (result.status, result.error_kind) == ("failed", "parse")


def test_oversized_body(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/big"] = Reply(200, b"[" + b" " * 50_000 + b"]", JSON)
    result = only(run(tmp_path, [make_source(server, "big", "lever", "/big")], max_body=10_000))
    assert (result.status, result.error_kind) == ("failed", "too-large")


def test_gzip_bomb_stops_at_the_cap(server: FetchServer, tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * (64 * 2**20), compresslevel=6)  # 64 MiB in ~64 KB
    assert len(bomb) < 2**20
    server.routes["/bomb"] = Reply(200, bomb, {**JSON, "Content-Encoding": "gzip"})
    result = only(run(tmp_path, [make_source(server, "bomb", "lever", "/bomb")], max_body=2**20))
    assert (result.status, result.error_kind) == ("failed", "too-large")
    assert "after decompression" in (result.error or "")


def test_gzip_body_within_the_cap_is_decoded(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/gz"] = Reply(
        200, gzip.compress(GREENHOUSE), {**JSON, "Content-Encoding": "gzip"}
    )
    result = only(run(tmp_path, [make_source(server, "gz", "greenhouse", "/gz")]))
    assert (result.status, result.listings) == ("ok", 2)


def test_redirect_loop(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/loop"] = Reply(302, b"", {"Location": "/loop"})
    result = only(run(tmp_path, [make_source(server, "loop", "greenhouse", "/loop")]))
    assert (result.status, result.error_kind) == ("failed", "redirect")
    assert len(server.requests) == 6  # the first request and 5 redirects, no more


def test_permanent_redirect_is_followed_and_suggested(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/old"] = Reply(301, b"", {"Location": "/new"})
    server.routes["/new"] = Reply(200, GREENHOUSE, JSON)
    result = only(run(tmp_path, [make_source(server, "mv", "greenhouse", "/old")]))
    assert result.status == "ok"
    assert load_state(tmp_path / "state.json").sources["mv"].moved_to == server.url("/new")


def test_redirect_to_a_non_http_scheme_is_refused(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/file"] = Reply(302, b"", {"Location": "file:///etc/passwd"})
    result = only(run(tmp_path, [make_source(server, "f", "greenhouse", "/file")]))
    assert result.error_kind == "redirect" and "file:" in (result.error or "")


# --- non-public addresses ----------------------------------------------------------------------


def _loopback_is_internet(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # Lets a "public" test host live on 127.0.0.1 while every other private range
    # stays refused, so redirects to them can be tested against a real server.
    return ip == ipaddress.ip_address("127.0.0.1") or default_is_public(ip)


TEST_POLICY = AddressPolicy(
    hosts={"jobs.example.test": "127.0.0.1", "metadata.example.test": "169.254.169.254"},
    is_public=_loopback_is_internet,
)


def public_source(server: FetchServer, sid: str, kind: str, path: str) -> Source:
    url = server.url(path, host="jobs.example.test")
    return Source.model_validate({"id": sid, "kind": kind, "url": url})


def test_redirect_to_a_private_address_is_blocked(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/r"] = Reply(302, b"", {"Location": "http://metadata.example.test/latest"})
    result = only(
        run(tmp_path, [public_source(server, "r", "greenhouse", "/r")], policy=TEST_POLICY)
    )
    assert (result.status, result.error_kind) == ("failed", "blocked")
    assert "169.254.169.254" in (result.error or "")
    assert server.paths() == ["/r"]


def test_redirect_to_a_private_ip_literal_is_refused(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/r"] = Reply(302, b"", {"Location": "http://10.0.0.7/admin"})
    result = only(
        run(tmp_path, [public_source(server, "r", "greenhouse", "/r")], policy=TEST_POLICY)
    )
    assert result.error_kind == "redirect" and "IP address" in (result.error or "")


def test_public_host_name_resolving_to_loopback_is_blocked(
    server: FetchServer, tmp_path: Path
) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    policy = AddressPolicy(hosts={"jobs.example.test": "127.0.0.1"})  # real is_public
    result = only(run(tmp_path, [public_source(server, "p", "greenhouse", "/gh")], policy=policy))
    assert (result.status, result.error_kind) == ("failed", "blocked")
    assert server.requests == []


def test_allow_private_network_reaches_loopback(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    result = only(run(tmp_path, [make_source(server, "p", "greenhouse", "/gh")]))
    assert result.status == "ok"


# --- anomalies, paging, parse guards -----------------------------------------------------------


def test_sudden_collapse_is_held_back_once(server: FetchServer, tmp_path: Path) -> None:
    source = make_source(server, "demo", "lever", "/lever")
    server.routes["/lever"] = Reply(200, LEVERDEMO, JSON)
    assert only(run(tmp_path, [source])).listings == 28
    server.routes["/lever"] = Reply(200, b"[]", JSON)
    held = only(run(tmp_path, [source], Clock(T0 + dt.timedelta(hours=6))))
    assert held.status == "suspicious" and held.listings == 28
    stored = load_source_data(tmp_path, "demo")
    assert stored is not None and len(stored.listings) == 28
    again = only(run(tmp_path, [source], Clock(T0 + dt.timedelta(hours=12))))
    assert (again.status, again.listings, again.removed) == ("ok", 0, 28)


def test_lever_pages_are_followed(server: FetchServer, tmp_path: Path) -> None:
    postings = json.loads(LEVERDEMO)

    def page(seen: Seen) -> Reply:
        query = dict(part.split("=") for part in seen.path.split("?")[1].split("&"))
        skip, limit = int(query["skip"]), int(query["limit"])
        return Reply(200, json.dumps(postings[skip : skip + limit]).encode(), JSON)

    server.routes["/v0/postings/leverdemo"] = page
    source = make_source(server, "demo", "lever", "/v0/postings/leverdemo?mode=json&limit=10")
    result = only(run(tmp_path, [source]))
    assert (result.status, result.listings) == ("ok", 28)
    assert [p.split("?")[1] for p in server.paths()] == [
        "mode=json&limit=10&skip=0",
        "mode=json&limit=10&skip=10",
        "mode=json&limit=10&skip=20",
    ]


def test_lever_unknown_site_404(server: FetchServer, tmp_path: Path) -> None:
    body = (FIXTURES / "lever" / "invalidaccount_404_2015.json").read_bytes()
    server.routes["/v0/postings/nope"] = Reply(404, body, JSON)
    result = only(run(tmp_path, [make_source(server, "nope", "lever", "/v0/postings/nope")]))
    assert result.status == "failed" and "HTTP 404" in (result.error or "")


ENTITY_FEED = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY big "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">]>
<rss version="2.0"><channel><item><title>&big;&big;</title><link>https://x.example/1</link>
</item></channel></rss>"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entity_declarations_are_refused(
    server: FetchServer, tmp_path: Path, encoding: str
) -> None:
    server.routes["/evil"] = Reply(
        200, ENTITY_FEED.encode(encoding), {"Content-Type": "application/rss+xml"}
    )
    result = only(run(tmp_path, [make_source(server, "evil", "rss", "/evil")]))
    assert (result.status, result.error_kind) == ("failed", "unsafe-xml")


def test_every_source_failing_is_reported(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/a"] = Reply(500, b"")
    report = run(
        tmp_path,
        [make_source(server, "a", "greenhouse", "/a"), make_source(server, "b", "lever", "/b")],
    )
    assert report.all_failed
    assert {r.status for r in report.results} == {"failed"}


def test_unsupported_kind_is_reported(
    server: FetchServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every kind has an adapter today; a kind whose module is missing is still reported.
    monkeypatch.setattr("boardgen.fetch.engine.get_adapter", lambda kind: None)
    result = only(run(tmp_path, [make_source(server, "w", "workable", "/x")]))
    assert (result.status, result.error_kind) == ("unsupported", "unsupported")


# --- pure helpers ------------------------------------------------------------------------------


def test_backoff_grows_and_is_capped() -> None:
    rng = random.Random(3)
    delays = [backoff_delay(n, rng) for n in (1, 2, 3, 30)]
    assert delays[0] < delays[1] < delays[2]
    assert delays[-1] == dt.timedelta(days=7)


def test_retry_after_accepts_http_dates_and_clamps() -> None:
    assert retry_after_time("Sun, 22 Nov 2026 07:00:00 GMT", T0) == T0 + dt.timedelta(hours=1)
    assert retry_after_time("99999999", T0) == T0 + dt.timedelta(days=7)
    assert retry_after_time("Sat, 21 Nov 2026 07:00:00 GMT", T0) == T0
    assert retry_after_time("soon", T0) is None


# --- lifecycle settings ----------------------------------------------------------------------


def _feed(*natives: str) -> bytes:
    items = [
        {"id": n, "url": f"https://jobs.example.org/{n}", "title": f"Research intern {n}"}
        for n in natives
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()


@pytest.mark.parametrize(("keep_days", "remembered"), [(2, False), (30, True)])
def test_a_closed_listing_is_forgotten_after_keep_days(
    server: FetchServer, tmp_path: Path, keep_days: int, remembered: bool
) -> None:
    from boardgen.store.sightings import load_lifecycle

    feed = {"Content-Type": "application/feed+json"}
    source = make_source(server, "wren", "jsonfeed", "/feed")
    clock = Clock()
    settings = {"misses_to_close": 1, "keep_days": keep_days, "force": True}
    server.routes["/feed"] = Reply(200, _feed("a", "b"), feed)
    run(tmp_path, [source], clock, **settings)
    clock.advance(days=1)
    server.routes["/feed"] = Reply(200, _feed("a"), feed)
    run(tmp_path, [source], clock, **settings)  # b closes: missed once, K is 1
    life = load_lifecycle(tmp_path).sources["wren"]
    assert life.listings["wren-b"].closed_at == clock.now
    clock.advance(days=3)
    server.routes["/feed"] = Reply(200, _feed("a", "c"), feed)
    run(tmp_path, [source], clock, **settings)
    life = load_lifecycle(tmp_path).sources["wren"]
    assert ("wren-b" in life.listings) is remembered
    assert ("wren-b" in [item.id for item in life.retained]) is remembered
    assert "wren-a" in life.listings and "wren-c" in life.listings

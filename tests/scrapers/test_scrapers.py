"""Every adapter on its real payloads, fetched from a real local server, against expected files.

Each ``tests/data/fixtures/<kind>/<case>.expected.json`` states where the payload is served,
how many listings it must give, and exact field values for several of them (feedparser's
"each fixture states its expectation" pattern). ``{origin}`` in an expected value stands
for the test server's origin, for links resolved against the feed's URL.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import random
from pathlib import Path
from typing import Any

import pytest
from fetchserver import FetchServer, Reply

import scrapers
from boardgen.fetch import AddressPolicy, Engine, FetchOptions, load_source_data
from boardgen.fetch.transport import default_is_public
from boardgen.model import Source
from scrapers import Payload

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*/*.expected.json"))
HOST = "feeds.example.test"
NOW = dt.datetime(2026, 11, 22, 6, 0, tzinfo=dt.UTC)
FIELDS = (
    "title",
    "organization",
    "apply_url",
    "opportunity_type",
    "work_mode",
    "locations",
    "posted_at",
    "deadline",
    "skills",
    "summary",
    "remote",
    "compensation",
    "duration",
    "hours_per_week",
)


def _loopback_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip == ipaddress.ip_address("127.0.0.1") or default_is_public(ip)


# A public-looking host name on 127.0.0.1: apply links resolved against the feed URL must
# pass the listing schema's public-URL check, which refuses IP addresses.
POLICY = AddressPolicy(hosts={HOST: "127.0.0.1"}, is_public=_loopback_is_public)


def fields(listing: dict[str, Any]) -> dict[str, Any]:
    picked = {key: listing.get(key) for key in FIELDS}
    picked["organization"] = listing["organization"]["name"]
    picked["native_id"] = listing["sources"][0]["native_id"]
    picked["source_url"] = listing["sources"][0]["url"]
    return picked


def fetch_case(server: FetchServer, tmp_path: Path, spec: dict[str, Any], payload: Path) -> Any:
    server.routes[spec["path"].split("?")[0]] = Reply(
        200, payload.read_bytes(), {"Content-Type": spec["content_type"]}
    )
    source = Source.model_validate(
        {
            "id": "fixture",
            "kind": spec["kind"],
            "url": server.url(spec["path"], HOST),
            **spec.get("source", {}),
        }
    )
    report = Engine(
        tmp_path,
        options=FetchOptions(),
        policy=POLICY,
        clock=lambda: NOW,
        rng=random.Random(1),
        environ=spec.get("environ", {}),
    ).run([source])
    assert report.results[0].status == "ok", report.results[0]
    stored = load_source_data(tmp_path, "fixture")
    assert stored is not None
    return json.loads((tmp_path / "sources" / "fixture.json").read_text())


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_adapter_on_real_payload(server: FetchServer, tmp_path: Path, expected_file: Path) -> None:
    spec = json.loads(expected_file.read_text())
    payload = expected_file.with_name(expected_file.name.replace(".expected.json", ""))
    stored = fetch_case(server, tmp_path, spec, payload)
    origin = f"http://{HOST}:{server.port}"
    listings = {item["id"]: item for item in stored["listings"]}
    assert len(listings) == spec["count"]
    assert len(stored.get("dropped", [])) == spec.get("dropped", 0)
    for listing_id, want in spec["listings"].items():
        want = json.loads(json.dumps(want).replace("{origin}", origin))
        assert fields(listings[listing_id]) == want
    for item in stored["listings"]:
        assert "<script" not in item["description"] and "onerror" not in item["description"]


def test_every_kind_with_an_adapter_has_a_real_payload_case() -> None:
    covered = {json.loads(path.read_text())["kind"] for path in EXPECTED}
    assert set(scrapers.kinds()) <= covered


# --- relative links (feedparser's own fixtures, served for real) -------------------------------


@pytest.mark.parametrize(
    ("name", "field", "expected"),
    [
        ("http_item_link_base_docuri.xml", "url", "{origin}/relative/uri"),
        (
            "http_item_description_base_docuri.xml",
            "description_html",
            '<a href="{origin}/relative/uri">click here</a>',
        ),
    ],
)
def test_relative_links_resolve_against_the_feed_url(
    server: FetchServer, name: str, field: str, expected: str
) -> None:
    import httpx

    body = (FIXTURES / "feedparser" / "base" / name).read_bytes()
    server.routes["/feeds/jobs.xml"] = Reply(200, body, {"Content-Type": "application/rss+xml"})
    url = server.url("/feeds/jobs.xml")
    response = httpx.get(url)
    page = scrapers.get("rss").parse(  # type: ignore[union-attr]
        Payload(response.content, dict(response.headers), url)
    )
    origin = f"http://127.0.0.1:{server.port}"
    assert getattr(page.records[0], field) == expected.replace("{origin}", origin)


# --- encodings (a sample of feedparser's encoding folder) --------------------------------------

ENCODINGS = FIXTURES / "feedparser" / "encoding"


@pytest.mark.parametrize(
    ("name", "content_type", "description"),
    [
        ("demoronize-1.xml", "application/rss+xml", "don\u2019t"),
        ("bozo_double-encoded-html.xml", "application/rss+xml", "\u2026"),
        ("utf-8-bom.xml", "application/rss+xml", None),
        ("utf-16le-bom.xml", "application/rss+xml", None),
        ("bozo_http_text_plain_charset.xml", "text/plain; charset=utf-8", None),
        ("bozo_invalid-bytes-with-bom.xml", "application/rss+xml", None),
    ],
)
def test_encodings(
    server: FetchServer, tmp_path: Path, name: str, content_type: str, description: str | None
) -> None:
    body = (ENCODINGS / name).read_bytes()
    page = scrapers.get("rss").parse(  # type: ignore[union-attr]
        Payload(body, {"content-type": content_type}, "https://feeds.example.org/jobs.xml")
    )
    if description is None:
        assert page.records == []
    else:
        assert [r.description_html for r in page.records] == [description]
    # The same bytes through the real engine: fetched, parsed, nothing listable, no crash.
    server.routes["/enc"] = Reply(200, body, {"Content-Type": content_type})
    source = Source.model_validate(
        {"id": "enc", "kind": "rss", "url": server.url("/enc"), "allow_private_network": True}
    )
    result = Engine(tmp_path, clock=lambda: NOW).run([source]).results[0]
    assert (result.status, result.listings) == ("ok", 0)


def test_bogus_encoding_is_a_parse_error_not_a_crash() -> None:
    body = (ENCODINGS / "bozo_bogus_encoding.xml").read_bytes()
    page = scrapers.get("rss").parse(  # type: ignore[union-attr]
        Payload(body, {"content-type": "application/rss+xml"}, "https://x.example/f.xml")
    )
    assert page.records == []


def test_links_inside_content_resolve_against_the_feed_url(
    server: FetchServer, tmp_path: Path
) -> None:
    spec = json.loads((FIXTURES / "atom" / "relative_links.xml.expected.json").read_text())
    stored = fetch_case(server, tmp_path, spec, FIXTURES / "atom" / "relative_links.xml")
    first = stored["listings"][0]
    href = f"http://{HOST}:{server.port}/studio/apply/audience-research"
    assert (
        f'<a href="{href}" rel="noopener noreferrer nofollow ugc">Apply here</a>'
        in (first["description"])
    )


def _rss_with_description(description: str) -> Payload:
    import html

    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
        "<title>Intern</title><link>https://jobs.example.org/1</link>"
        f"<description>{html.escape(description)}</description></item></channel></rss>"
    )
    return Payload(body.encode(), {"content-type": "application/rss+xml"}, "https://f.example/a/")


def test_relative_links_in_a_description_with_absolute_ones_all_resolve() -> None:
    page = scrapers.get("rss").parse(  # type: ignore[union-attr]
        _rss_with_description(
            '<p><a href="https://example.org/x">abs</a> <a href="apply/1">rel</a></p>'
        )
    )
    html_out = page.records[0].description_html
    assert 'href="https://example.org/x"' in html_out
    assert 'href="https://f.example/a/apply/1"' in html_out


def test_an_entity_escaped_absolute_link_is_kept_as_the_link_it_is() -> None:
    # Hacker News style "https:&#x2F;&#x2F;host": feedparser's relative-URI pass used to take
    # it for a relative path and point it at the feed's own site.
    page = scrapers.get("rss").parse(  # type: ignore[union-attr]
        _rss_with_description('<p>See <a href="https:&#x2F;&#x2F;modash.io">modash</a></p>')
    )
    from boardgen.normalize.sanitize import clean_html

    cleaned = clean_html(page.records[0].description_html)
    assert 'href="https://modash.io"' in cleaned
    assert "f.example" not in cleaned

"""The newer adapters beyond their expected files: paging, detail documents, API keys, XML.

Payloads are the real fixtures of ``tests/data/fixtures/<kind>/``, served by the real local
server; where a second page is needed it is the real payload with its paging fields (and
ids) changed, which the test states.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any, get_args

import pytest
from fetchserver import FetchServer, Reply, Seen

import scrapers
from boardgen.errors import ParseError, UnsafeXMLError
from boardgen.fetch import Engine, FetchOptions, load_source_data
from boardgen.model import Listing, OpportunityType, PayKind, PayPeriod, Source, SourceKind
from boardgen.normalize.mapping import to_listing
from scrapers import Payload

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
NOW = dt.datetime(2026, 11, 22, 6, 0, tzinfo=dt.UTC)
KEYS = {"USAJOBS_API_KEY": "test-key", "USAJOBS_EMAIL": "dev@boardgen.invalid"}


def fixture(kind: str, name: str) -> Any:
    return json.loads((FIXTURES / kind / name).read_text(encoding="utf-8"))


def source(server: FetchServer, kind: str, path: str, **extra: Any) -> Source:
    return Source.model_validate(
        {
            "id": kind,
            "kind": kind,
            "url": server.url(path),
            "allow_private_network": True,
            **extra,
        }
    )


def fetch(
    tmp_path: Path, src: Source, environ: dict[str, str] | None = None
) -> tuple[str, list[Listing], Any]:
    report = Engine(
        tmp_path,
        options=FetchOptions(),
        clock=lambda: NOW,
        rng=random.Random(1),
        environ=environ if environ is not None else {},
    ).run([src])
    result = report.results[0]
    stored = load_source_data(tmp_path, src.id)
    return result.status, (stored.listings if stored else []), result


def by_native(listings: list[Listing]) -> dict[str, Listing]:
    return {item.sources[0].native_id or "": item for item in listings}


# --- registry ------------------------------------------------------------------------------------


def test_every_source_kind_has_an_adapter_and_every_adapter_a_kind() -> None:
    assert set(get_args(SourceKind)) == set(scrapers.kinds())


# --- SmartRecruiters: list, then one detail per posting ----------------------------------------


def _smartrecruiters_list() -> dict[str, Any]:
    # The real list, with its second posting's id set to the real detail's id, so that the
    # detail document served below belongs to a posting of the list.
    data = fixture("smartrecruiters", "westerndigital_postings_list_2026.json")
    data["content"][1]["id"] = "744000140949875"
    return data


def test_smartrecruiters_fetches_details_and_they_replace_list_records(
    server: FetchServer, tmp_path: Path
) -> None:
    base = "/v1/companies/WesternDigital/postings"
    server.routes[base] = Reply(200, json.dumps(_smartrecruiters_list()).encode())
    detail = FIXTURES / "smartrecruiters" / "westerndigital_intern_posting_detail_2026.json"
    server.routes[f"{base}/744000140949875"] = Reply(200, detail.read_bytes())
    server.routes[f"{base}/744000141247940"] = Reply(500, b"")  # a failed detail
    status, listings, _ = fetch(tmp_path, source(server, "smartrecruiters", base + "?q=intern"))
    assert status == "ok"
    found = by_native(listings)
    assert set(found) == {"744000141247940", "744000140949875", "744000141229499"}
    rich = found["744000140949875"]
    assert rich.title == "Summer 2027 Intern - Hardware Engineering"
    assert rich.apply_url.startswith(
        "https://jobs.smartrecruiters.com/WesternDigital/744000140949875-"
    )
    assert rich.compensation is not None
    assert (rich.compensation.kind, rich.compensation.min, rich.compensation.max) == (
        PayKind.HOURLY,
        34.0,
        47.0,
    )
    assert "Qualifications" in rich.description
    # Failed or missing details keep the list's record and its public page.
    kept = found["744000141247940"]
    assert kept.apply_url == "https://jobs.smartrecruiters.com/WesternDigital/744000141247940"
    assert kept.description == ""
    paths = server.paths()
    assert paths[0] == f"{base}?q=intern&offset=0&limit=100"
    assert sorted(paths[1:]) == sorted(
        f"{base}/{i}" for i in ("744000141247940", "744000140949875", "744000141229499")
    )


def test_smartrecruiters_pages_by_offset() -> None:
    data = _smartrecruiters_list()
    data.update(totalFound=250, limit=100, offset=100)
    url = (
        "https://api.smartrecruiters.com/v1/companies/WesternDigital/postings?offset=100&limit=100"
    )
    page = scrapers.get("smartrecruiters").parse(  # type: ignore[union-attr]
        Payload(json.dumps(data).encode(), {}, url)
    )
    assert page.next_url is not None and "offset=200" in page.next_url
    assert page.follow[0] == (
        "https://api.smartrecruiters.com/v1/companies/WesternDigital/postings/744000141247940"
    )
    data.update(offset=200)
    last = scrapers.get("smartrecruiters").parse(  # type: ignore[union-attr]
        Payload(json.dumps(data).encode(), {}, url)
    )
    assert last.next_url is None


# --- Himalayas: cursor paging --------------------------------------------------------------------


def test_himalayas_follows_the_cursor_and_drops_offset(server: FetchServer, tmp_path: Path) -> None:
    first = fixture("himalayas", "jobs_api_cursor_page_2026.json")
    cursor = first["nextCursor"]
    # Page two: the real jobs under new guids, and no cursor (the last page).
    second = copy.deepcopy(first)
    second["nextCursor"] = None
    for job in second["jobs"]:
        job["guid"] += "-page2"

    def route(seen: Seen) -> Reply:
        body = second if f"cursor={cursor}" in seen.path else first
        return Reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    server.routes["/jobs/api"] = route
    status, listings, _ = fetch(tmp_path, source(server, "himalayas", "/jobs/api?limit=2&offset=0"))
    assert status == "ok"
    assert len(listings) == 4
    assert server.paths() == ["/jobs/api?limit=2&offset=0", f"/jobs/api?limit=2&cursor={cursor}"]
    job = listings[0]
    assert job.work_mode.value == "remote" and job.remote is not None
    assert job.remote.countries == ["US"]
    assert job.sources[0].url is not None and job.sources[0].url.startswith(
        "https://himalayas.app/"
    )


# --- Arbeitnow: links.next -----------------------------------------------------------------------


def test_arbeitnow_follows_links_next(server: FetchServer, tmp_path: Path) -> None:
    first = fixture("arbeitnow", "job_board_api_page.json")
    first["links"] = {"next": "/api/job-board-api?page=2"}
    # Page two: two of the real jobs under new slugs, and no next link.
    second = {"data": copy.deepcopy(first["data"][:2]), "links": {"next": None}}
    for job in second["data"]:
        job["slug"] += "-p2"

    def route(seen: Seen) -> Reply:
        body = second if "page=2" in seen.path else first
        return Reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    server.routes["/api/job-board-api"] = route
    status, listings, _ = fetch(tmp_path, source(server, "arbeitnow", "/api/job-board-api"))
    assert status == "ok"
    assert len(listings) == 7
    assert server.paths() == ["/api/job-board-api", "/api/job-board-api?page=2"]
    for item in listings:
        assert item.sources[0].url == item.apply_url  # the link back to Arbeitnow


# --- USAJOBS: the key comes from the environment, and only goes to the API -----------------------


def test_usajobs_sends_key_and_email_and_pages(server: FetchServer, tmp_path: Path) -> None:
    first = fixture("usajobs", "search_response_2016.json")
    first["SearchResult"]["UserArea"]["NumberOfPages"] = "2"
    second = copy.deepcopy(first)
    second["SearchResult"]["SearchResultItems"] = second["SearchResult"]["SearchResultItems"][:1]
    second["SearchResult"]["SearchResultItems"][0]["MatchedObjectId"] = "999"

    def route(seen: Seen) -> Reply:
        body = second if "Page=2" in seen.path else first
        return Reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    server.routes["/api/search"] = route
    status, listings, _ = fetch(tmp_path, source(server, "usajobs", "/api/search?Keyword=it"), KEYS)
    assert status == "ok"
    assert len(listings) == 9
    assert [s.path for s in server.requests] == [
        "/api/search?Keyword=it&Page=1&ResultsPerPage=500",
        "/api/search?Keyword=it&Page=2&ResultsPerPage=500",
    ]
    for seen in server.requests:
        assert seen.headers["authorization-key"] == "test-key"
        assert seen.headers["user-agent"] == "dev@boardgen.invalid"
    job = by_native(listings)["441132200"]
    assert job.deadline == dt.date(2016, 6, 15)
    assert job.sources[0].url == "https://www.usajobs.gov:443/GetJob/ViewDetails/441132200"


def test_usajobs_without_a_key_fails_in_plain_words(server: FetchServer, tmp_path: Path) -> None:
    status, _, result = fetch(tmp_path, source(server, "usajobs", "/api/search"), {})
    assert (status, result.error_kind) == ("failed", "credentials")
    assert "USAJOBS_API_KEY" in (result.error or "")
    assert server.requests == []


def test_usajobs_key_is_not_sent_to_another_origin(server: FetchServer, tmp_path: Path) -> None:
    other = FetchServer().start()
    try:
        body = (FIXTURES / "usajobs" / "search_response_2016.json").read_bytes()
        other.routes["/api/search"] = Reply(200, body, {"Content-Type": "application/json"})
        server.routes["/api/search"] = Reply(302, headers={"Location": other.url("/api/search")})
        status, _, _ = fetch(tmp_path, source(server, "usajobs", "/api/search"), KEYS)
        assert status == "ok"
        assert server.requests[0].headers["authorization-key"] == "test-key"
        assert "authorization-key" not in other.requests[0].headers
    finally:
        other.stop()


# --- Personio: XML, read defensively --------------------------------------------------------------


def _personio(body: bytes) -> scrapers.Page:
    url = "https://acme.jobs.personio.de/xml?language=en"
    return scrapers.get("personio").parse(  # type: ignore[union-attr]
        Payload(body, {"content-type": "application/xml"}, url)
    )


def test_personio_dedupes_positions_and_builds_the_job_url() -> None:
    page = _personio((FIXTURES / "personio" / "xml_feed_sanitized_2026.xml").read_bytes())
    assert [r.native_id for r in page.records] == ["1834171"]
    record = page.records[0]
    assert record.url == "https://acme.jobs.personio.de/job/1834171"
    assert record.locations == ("Munich", "Berlin")
    assert record.employment_type == "permanent"


def test_personio_refuses_entity_declarations_and_html() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><workzag-jobs>&b;</workzag-jobs>'
    )
    with pytest.raises(UnsafeXMLError):
        _personio(bomb)
    with pytest.raises(ParseError):
        _personio(b"<!doctype html><html><body>Page not found</body></html>")


# --- Remote OK, Ashby: details of their payloads -----------------------------------------------


def test_remoteok_skips_the_legal_notice_and_repairs_mojibake() -> None:
    body = (FIXTURES / "remoteok" / "api_response.json").read_bytes()
    page = scrapers.get("remoteok").parse(  # type: ignore[union-attr]
        Payload(body, {}, "https://remoteok.com/api")
    )
    assert len(page.records) == len(json.loads(body)) - 1
    broken = [r for r in page.records if "\u00e2\u0080" in r.description_html]
    assert broken, "the fixture is known to carry double-encoded text"
    src = Source(id="remoteok", kind="remoteok", url="https://remoteok.com/api")
    for record in broken:
        listing = to_listing(record, src, seen_at=NOW)
        assert "\u00e2\u0080" not in listing.description
        assert "\u00e2\u0080" not in listing.summary


ASHBY_COMPENSATION = {
    # The documented shape (sources.md: Ashby compensation, intervals "1 TIME"/"1 MONTH"),
    # on the real Ramp intern job; the captured fixtures were fetched without compensation.
    "compensationTierSummary": "$11.7K per month",
    "summaryComponents": [
        {"compensationType": "EquityPercentage", "interval": "NONE", "minValue": 0.01},
        {
            "compensationType": "Salary",
            "interval": "1 MONTH",
            "currencyCode": "USD",
            "minValue": 11700,
            "maxValue": 11700,
        },
    ],
}


def _ashby_intern(**changes: Any) -> Listing:
    data = fixture("ashby", "ramp_board_with_intern_2025.json")
    job = next(j for j in data["jobs"] if j["employmentType"] == "Intern")
    job.update(changes)
    data["jobs"] = [job]
    page = scrapers.get("ashby").parse(  # type: ignore[union-attr]
        Payload(json.dumps(data).encode(), {}, "https://api.ashbyhq.com/posting-api/job-board/ramp")
    )
    src = Source(id="ramp", kind="ashby", board="ramp")
    return to_listing(page.records[0], src, seen_at=NOW)


def test_ashby_compensation_periods_and_display_flag() -> None:
    monthly = _ashby_intern(compensation=ASHBY_COMPENSATION)
    assert monthly.compensation is not None
    assert (monthly.compensation.min, monthly.compensation.period) == (11700.0, PayPeriod.MONTH)
    one_time = copy.deepcopy(ASHBY_COMPENSATION)
    one_time["summaryComponents"][1].update(interval="1 TIME", minValue=40000, maxValue=40000)
    stipend = _ashby_intern(compensation=one_time).compensation
    assert stipend is not None
    assert (stipend.kind, stipend.period) == (PayKind.STIPEND, PayPeriod.ONE_TIME)
    hidden = _ashby_intern(
        compensation=ASHBY_COMPENSATION, shouldDisplayCompensationOnJobPostings=False
    )
    assert hidden.compensation is None
    assert monthly.opportunity_type is OpportunityType.INTERNSHIP


def test_ashby_drops_unlisted_jobs() -> None:
    data = fixture("ashby", "truelogic_board_2025.json")
    data["jobs"][0]["isListed"] = False
    page = scrapers.get("ashby").parse(  # type: ignore[union-attr]
        Payload(json.dumps(data).encode(), {}, "https://api.ashbyhq.com/posting-api/job-board/t")
    )
    assert len(page.records) == len(data["jobs"]) - 1


# --- the mapping's guards ------------------------------------------------------------------------


def _record(**fields: Any) -> scrapers.Record:
    base: dict[str, Any] = {
        "native_id": "1",
        "title": "Data analyst",
        "url": "https://example.org/jobs/1",
    }
    return scrapers.Record(**(base | fields))


SRC = Source(id="s", kind="rss", url="https://example.org/feed.xml")


@pytest.mark.parametrize(
    "html",
    [
        "<p>We automate how over $200B in annualized spend flows.</p>",
        "<ul><li>Fertility HRA (up to $10,000 per year)</li></ul>",
        "<p>An individual growth budget of €1,500 or 2% of your base salary.</p>",
    ],
)
def test_sums_that_are_not_pay_are_not_read_as_pay(html: str) -> None:
    assert to_listing(_record(description_html=html), SRC, seen_at=NOW).compensation is None


def test_a_pay_sentence_in_the_description_is_read() -> None:
    html = "<p>About us.</p><p>The salary range is $60,000 - $97,000/year.</p>"
    pay = to_listing(_record(description_html=html), SRC, seen_at=NOW).compensation
    assert pay is not None and (pay.min, pay.max, pay.period) == (60000, 97000, PayPeriod.YEAR)


def test_years_of_experience_are_not_a_duration() -> None:
    html = "<p>This internship needs 2+ years of experience with Python.</p>"
    listing = to_listing(_record(description_html=html), SRC, seen_at=NOW)
    assert listing.opportunity_type is OpportunityType.INTERNSHIP
    assert listing.duration is None


def test_default_type_is_the_type_field_fallback() -> None:
    src = SRC.model_copy(
        update={
            "defaults": SRC.defaults.model_copy(
                update={"opportunity_type": OpportunityType.MICRO_INTERNSHIP}
            )
        }
    )
    assert to_listing(_record(), src, seen_at=NOW).opportunity_type is (
        OpportunityType.MICRO_INTERNSHIP
    )
    # A source's own type field, and a specific title, still win over the default.
    contract = to_listing(_record(employment_type="Full-time"), src, seen_at=NOW)
    assert contract.opportunity_type is OpportunityType.OTHER
    fellow = to_listing(_record(title="Policy Fellow"), src, seen_at=NOW)
    assert fellow.opportunity_type is OpportunityType.FELLOWSHIP


def test_in_person_communication_is_not_on_site_work() -> None:
    html = "<p>Communicate clearly in person, through email and via telephone.</p>"
    record = _record(description_html=html, locations=("San Francisco, CA",))
    assert to_listing(record, SRC, seen_at=NOW).work_mode.value == "unknown"


# --- parsing in worker processes -----------------------------------------------------------------


def test_worker_processes_give_the_same_listings(server: FetchServer, tmp_path: Path) -> None:
    body = (FIXTURES / "remotive" / "remote_jobs.json").read_bytes()
    server.routes["/api/remote-jobs"] = Reply(200, body, {"Content-Type": "application/json"})
    src = source(server, "remotive", "/api/remote-jobs")
    results = []
    for workers in (0, 1):
        report = Engine(
            tmp_path / str(workers),
            options=FetchOptions(workers=workers),
            clock=lambda: NOW,
            environ={},
        ).run([src])
        assert report.results[0].status == "ok"
        stored = load_source_data(tmp_path / str(workers), "remotive")
        assert stored is not None
        results.append([item.model_dump() for item in stored.listings])
    assert results[0] == results[1] and len(results[0]) == 5

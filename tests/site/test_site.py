"""What the built site gives students, search engines and feed readers (real MkDocs builds)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import html5lib
import icalendar
import pytest
import yaml
from conftest import DATA, TODAY, RunCli, copy_board, parse_html, write_listing

from boardgen.config.project import Project
from boardgen.curate.board import Board
from boardgen.gather.board import load_board
from boardgen.model import ListingStatus
from boardgen.render import pages

GOLDEN = DATA / "golden"
SITE_URL = "https://boardgen.github.io/boardgen/"
UPDATE = os.environ.get("BOARDGEN_UPDATE_GOLDEN") == "1"


def _golden(name: str, actual: str) -> None:
    """Compare with tests/data/golden/<name>; BOARDGEN_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden copy"


def _open_ids(board: Path, run_cli: RunCli) -> list[str]:
    return [row["id"] for row in json.loads(run_cli(board, "export").stdout)]


def _sample_board(today: dt.date = TODAY, **config: object) -> Board:
    from conftest import REPO

    board = load_board(Project.open(REPO), today=today)
    return Board(board.config.model_copy(update=config), board.listings, today)


# --- listing pages and JSON-LD -----------------------------------------------------------------


def _jsonld(page: Path) -> dict[str, object]:
    scripts = parse_html(page).data_scripts
    assert len(scripts) == 1
    data: dict[str, object] = json.loads(scripts[0])
    return data


def test_listing_jsonld_matches_the_golden_copy(built: Path) -> None:
    data = _jsonld(built / "site/opportunities/riverbend-survey-analysis/index.html")
    _golden("riverbend-survey-analysis.jsonld.json", json.dumps(data, indent=2) + "\n")


def test_every_open_listing_has_the_jobposting_google_requires(
    built: Path, run_cli: RunCli
) -> None:
    listings = {row["id"]: row for row in json.loads(run_cli(built, "export").stdout)}
    for listing_id, row in listings.items():
        data = _jsonld(built / f"site/opportunities/{listing_id}/index.html")
        assert data["@type"] == "JobPosting"
        for key in ("title", "description", "datePosted", "hiringOrganization"):
            assert data[key], (listing_id, key)
        assert data["url"] == f"{SITE_URL}opportunities/{listing_id}/"
        remote = row["work_mode"] in ("remote", "hybrid")
        assert "jobLocation" in data or data.get("jobLocationType") == "TELECOMMUTE", listing_id
        if remote:
            assert data["jobLocationType"] == "TELECOMMUTE"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row["deadline"])):
            assert data["validThrough"] == f"{row['deadline']}T23:59:59"
        else:
            assert "validThrough" not in data
        salary = data.get("baseSalary")
        if salary:
            assert isinstance(salary, dict)
            assert salary["value"]["unitText"] in {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
        pay = row["compensation"]
        if pay and pay.get("period") == "one-time":
            assert not salary, f"{listing_id}: a one-time amount has no valid baseSalary unit"
        if row["opportunity_type"] in ("internship", "micro-internship", "externship"):
            assert "INTERN" in data["employmentType"]


def test_remote_listing_states_where_applicants_may_live(built: Path) -> None:
    data = _jsonld(built / "site/opportunities/riverbend-survey-analysis/index.html")
    assert data["applicantLocationRequirements"] == [{"@type": "Country", "name": "US"}]


def test_listing_page_has_actions_attribution_and_related(built: Path) -> None:
    page = built / "site/opportunities/riverbend-survey-analysis/index.html"
    text = page.read_text()
    parsed = parse_html(page)
    apply = [a for t, a in parsed.tags if t == "a" and "bg-apply" in (a.get("class") or "")]
    assert apply and "noopener" in (apply[0]["rel"] or "") and apply[0]["target"] == "_blank"
    assert "Source: contributed to this board" in text
    assert "Last checked 22 November 2026" in text
    report = next(href for href in parsed.links if "/issues/new?" in href)
    query = parse_qs(urlsplit(report).query)
    assert report.startswith("https://github.com/boardgen/boardgen/issues/new?")
    assert query["title"] == ["Problem with listing: riverbend-survey-analysis"]
    assert f"{SITE_URL}opportunities/riverbend-survey-analysis/" in query["body"][0]
    assert "../calendar/riverbend-survey-analysis.ics" in parsed.links
    assert 'id="related"' in text
    assert "../fields/data-science/" in parsed.links
    assert "../organizations/riverbend-community-health/" in parsed.links


def test_per_listing_calendar_holds_its_deadline(built: Path) -> None:
    raw = (built / "site/opportunities/calendar/riverbend-survey-analysis.ics").read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == dt.date(2027, 1, 15)
    assert "riverbend-health.example" in str(events[0]["description"])


# --- board, field, organization and type pages -------------------------------------------------


def test_board_lists_every_open_listing_with_javascript_off(built: Path, run_cli: RunCli) -> None:
    ids = _open_ids(built, run_cli)
    page = parse_html(built / "site/opportunities/index.html")
    carded = [href.rstrip("/") for href in page.links if href.rstrip("/") in ids]
    assert sorted(carded) == sorted(ids)
    assert not page.scripts or all("bg-" not in s for s in page.scripts)


def test_large_board_is_split_into_linked_pages(tmp_path: Path, run_cli: RunCli) -> None:
    board = copy_board(tmp_path / "board")
    template = yaml.safe_load(
        (board / "content/listings/riverbend-survey-analysis.yml").read_text()
    )
    for n in range(210):
        data = {**template, "id": f"bulk-listing-{n:03d}", "title": f"Bulk listing {n}"}
        data["organization"] = {"name": f"Bulk Org {n % 7}"}
        write_listing(board, f"bulk-listing-{n:03d}.yml", yaml.safe_dump(data, sort_keys=False))
    assert run_cli(board, "build").returncode == 0
    ids = set(_open_ids(board, run_cli))
    site = board / "site/opportunities"
    seen: list[str] = []
    numbers = [1, *(int(p.name) for p in (site / "page").iterdir())]
    assert sorted(numbers) == [1, 2, 3]  # 240 open listings, 100 a page
    for n in numbers:
        page = site / ("index.html" if n == 1 else f"page/{n}/index.html")
        prefix = "" if n == 1 else "../../"
        seen += [
            h[len(prefix) :].rstrip("/")
            for h in parse_html(page).links
            if h[len(prefix) :].rstrip("/") in ids
        ]
    assert sorted(seen) == sorted(ids)  # every listing once, on exactly one page
    organization = parse_html(site / "organizations/bulk-org-0/index.html")
    assert sum(1 for h in organization.links if "bulk-listing-" in h) == 30
    from test_build import broken_links

    assert broken_links(board) == []


def test_field_type_and_organization_pages_list_their_listings(built: Path) -> None:
    site = built / "site/opportunities"
    board = _sample_board()
    for slug, listings in board.by_field.items():
        links = parse_html(site / f"fields/{slug}/index.html").links
        assert {f"../../{item.id}/" for item in listings} <= set(links), slug
    for kind, listings in board.by_type.items():
        links = parse_html(site / f"types/{kind}/index.html").links
        assert {f"../../{item.id}/" for item in listings} <= set(links), kind
    fields_index = parse_html(site / "fields/index.html").links
    assert {f"{slug}/" for slug in board.by_field} <= set(fields_index)
    org_index = parse_html(site / "organizations/index.html").links
    assert "riverbend-community-health/" in org_index


def test_home_page_shows_counts_new_listings_and_entry_points(built: Path) -> None:
    home = built / "site/index.html"
    text = home.read_text()
    board = _sample_board()
    assert f"{len(board.open_listings)} open opportunities" in text
    links = parse_html(home).links
    for item in board.new_this_week:
        assert f"opportunities/{item.id}/" in links
    assert "opportunities/fields/data-science/" in links
    assert "opportunities/types/micro-internship/" in links
    assert "guide/what-is-a-micro-internship/" in links


def test_closing_soon_follows_the_configured_window(board: Path) -> None:
    # riverbend-survey-analysis closes on 15 January 2027.
    config = board / "site_config/board.yml"
    soon = dt.date(2027, 1, 10)
    week = load_board(Project.open(board), today=soon)
    assert "riverbend-survey-analysis" in [item.id for item in week.closing_soon]
    assert 'href="opportunities/riverbend-survey-analysis/"' in pages.home_section(week)
    config.write_text(config.read_text().replace("closing_soon_days: 7", "closing_soon_days: 3"))
    narrow = load_board(Project.open(board), today=soon)
    assert "riverbend-survey-analysis" not in [item.id for item in narrow.closing_soon]


def test_closed_pages_stay_for_the_configured_days_and_examples_can_be_hidden() -> None:
    board = _sample_board(closed_page_days=30)
    assert [item.id for item in board.closed_listings] == [
        "lindenfield-health-data-coop",
        "mossbyte-playtest-report",
    ]
    assert [i.id for i in _sample_board(closed_page_days=5).closed_listings] == []
    assert {i.status for i in board.closed_listings} == {
        ListingStatus.CLOSED,
        ListingStatus.EXPIRED,
    }


def test_examples_are_hidden_when_the_board_says_so(board: Path, run_cli: RunCli) -> None:
    config = board / "site_config/board.yml"
    config.write_text(
        config.read_text().replace("include_examples: true", "include_examples: false")
    )
    assert json.loads(run_cli(board, "export").stdout) == []
    assert run_cli(board, "build").returncode == 0
    text = (board / "site/opportunities/index.html").read_text()
    assert "0 open opportunities" in text and "bg-card" not in text


# --- feeds, calendars, data, sitemap -----------------------------------------------------------


def test_field_feed_matches_the_golden_copy(built: Path) -> None:
    text = (built / "site/opportunities/feeds/fields/data-science.xml").read_text()
    _golden("data-science.rss.xml", text)


def test_feeds_parse_back_with_the_right_entries(built: Path, run_cli: RunCli) -> None:
    ids = _open_ids(built, run_cli)
    feeds = built / "site/opportunities/feeds"
    expected = sorted(f"{SITE_URL}opportunities/{i}/" for i in ids)
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((feeds / name).read_bytes())
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert sorted(entry.link for entry in parsed.entries) == expected, name
        assert parsed.feed.link == f"{SITE_URL}opportunities/"
    # feedparser 6.0 cannot read JSON Feed; check the 1.1 fields a reader needs.
    jsonfeed = json.loads((feeds / "feed.json").read_text())
    assert jsonfeed["version"] == "https://jsonfeed.org/version/1.1"
    assert jsonfeed["feed_url"] == f"{SITE_URL}opportunities/feeds/feed.json"
    assert sorted(item["url"] for item in jsonfeed["items"]) == expected
    assert all(item["id"] and item["title"] and item["content_html"] for item in jsonfeed["items"])
    board = _sample_board()
    for slug, listings in board.by_field.items():
        parsed = feedparser.parse((feeds / f"fields/{slug}.atom.xml").read_bytes())
        assert len(parsed.entries) == len(listings), slug


def test_deadline_calendar_has_every_open_dated_deadline(built: Path) -> None:
    board = _sample_board()
    dated = {i.id for i in board.open_listings if isinstance(i.deadline, dt.date)}
    raw = (built / "site/opportunities/feeds/deadlines.ics").read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert {str(e["uid"]).split("-deadline@")[0] for e in events} == dated
    assert len(events) == len(dated)


def test_open_data_files_hold_the_open_listings(built: Path, run_cli: RunCli) -> None:
    ids = _open_ids(built, run_cli)
    data = json.loads((built / "site/opportunities/feeds/listings.json").read_text())
    assert [row["id"] for row in data] == ids
    rows = (built / "site/opportunities/feeds/listings.csv").read_text().splitlines()
    assert len(rows) == len(ids) + 1 and rows[0].startswith("id,title,organization")


def test_sitemap_includes_listing_and_browse_pages(built: Path, run_cli: RunCli) -> None:
    sitemap = (built / "site/sitemap.xml").read_text()
    for listing_id in _open_ids(built, run_cli):
        assert f"<loc>{SITE_URL}opportunities/{listing_id}/</loc>" in sitemap
    assert f"<loc>{SITE_URL}opportunities/fields/data-science/</loc>" in sitemap


def test_pages_advertise_the_feeds(built: Path) -> None:
    home = parse_html(built / "site/index.html")
    alternates = {
        a["type"]: a["href"] for t, a in home.tags if t == "link" and a.get("rel") == "alternate"
    }
    assert alternates["application/rss+xml"] == f"{SITE_URL}opportunities/feeds/rss.xml"
    assert alternates["application/atom+xml"] == f"{SITE_URL}opportunities/feeds/atom.xml"
    assert alternates["application/feed+json"] == f"{SITE_URL}opportunities/feeds/feed.json"
    field = parse_html(built / "site/opportunities/fields/data-science/index.html")
    hrefs = [a["href"] for t, a in field.tags if t == "link" and a.get("rel") == "alternate"]
    assert f"{SITE_URL}opportunities/feeds/fields/data-science.xml" in hrefs


# --- every page ------------------------------------------------------------------------------


def test_every_page_is_valid_html(built: Path) -> None:
    errors = {}
    for page in (built / "site").rglob("*.html"):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        if parser.errors:
            errors[str(page.relative_to(built))] = parser.errors[:3]
    assert errors == {}


def test_no_page_loads_anything_from_another_site(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        for tag, attrs in parse_html(page).tags:
            url = attrs.get("src") if tag in ("script", "img", "iframe") else None
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon"):
                url = attrs.get("href")
            if url and re.match(r"^(https?:)?//", url):
                assert url.startswith(SITE_URL), (page, url)


def test_pages_have_share_metadata(built: Path) -> None:
    page = parse_html(built / "site/opportunities/riverbend-survey-analysis/index.html")
    meta = {
        a.get("property") or a.get("name"): a.get("content") for t, a in page.tags if t == "meta"
    }
    assert meta["og:title"] == "Survey data analysis micro-internship at Riverbend Community Health"
    assert meta["og:url"] == f"{SITE_URL}opportunities/riverbend-survey-analysis/"
    assert meta["description"] and meta["description"] == meta["og:description"]
    csp = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "form-action 'none'" in (csp[0] or "")


def test_hostile_listing_jsonld_stays_data(board: Path, run_cli: RunCli) -> None:
    from test_build import HOSTILE

    write_listing(board, "hostile-listing.yml", HOSTILE)
    assert run_cli(board, "build").returncode == 0
    page = board / "site/opportunities/hostile-listing/index.html"
    (script,) = parse_html(page).data_scripts
    assert json.loads(script)["title"] == '</title><script>alert("title")</script>'
    assert "</script" not in script and "<" not in script
    meta = [a for t, a in parse_html(page).tags if t == "meta" and a.get("property") == "og:title"]
    assert "<" not in (meta[0]["content"] or "")


@pytest.mark.parametrize("listing_id", ["fields", "page", "feeds", "board"])
def test_ids_that_are_site_folders_are_refused(
    board: Path, run_cli: RunCli, listing_id: str
) -> None:
    text = (board / "content/listings/riverbend-survey-analysis.yml").read_text()
    text = text.replace("id: riverbend-survey-analysis", f"id: {listing_id}")
    write_listing(board, f"{listing_id}.yml", text)
    result = run_cli(board, "validate")
    assert result.returncode == 1
    assert f"content/listings/{listing_id}.yml:2:5: id: '{listing_id}' is the name of a folder" in (
        result.stdout
    )


def test_calendar_text_survives_escaping_and_folding() -> None:
    from boardgen.render import feeds

    listing = _sample_board().open_listings[0]
    title = 'Café; "data", back\\slash ' + "é" * 80 + " 🌍 end"
    tricky = listing.model_copy(update={"title": title, "deadline": dt.date(2027, 3, 1)})
    raw = feeds.calendar("Deadlines, all; of them", [feeds.Entry(tricky, SITE_URL)], TODAY)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never splits a character
    parsed = icalendar.Calendar.from_ical(raw)
    # icalendar leaves unknown X- properties escaped; calendar apps read them as TEXT.
    assert str(parsed["x-wr-calname"]) == "Deadlines\\, all\\; of them"
    (event,) = parsed.walk("VEVENT")
    assert str(event["summary"]) == f"Deadline: {title} ({listing.organization.name})"
    assert event.decoded("dtstart") == dt.date(2027, 3, 1)


def test_front_matter_reads_back_whatever_the_text_holds() -> None:
    nasty = 'quote " back\\slash \x85 \x9f \x7f \ufeff \u2028 🌍 </script> ---\nend'
    text = pages.front_matter({"title": nasty, "body": nasty})
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.load(text.strip("-\n"), Loader=yaml.CSafeLoader) == {"title": nasty, "body": nasty}


def test_sources_page_shows_each_sources_health(board: Path, run_cli: RunCli) -> None:
    config = board / "site_config/sources.yml"
    config.write_text(config.read_text().replace("enabled: false", "enabled: true", 1))
    state = {
        "format": 1,
        "sources": {
            "example-greenhouse": {
                "consecutive_failures": 3,
                "last_success_at": "2026-11-01T06:00:00Z",
                "last_error": {
                    "kind": "http",
                    "message": "HTTP 503 <b>Service Unavailable</b>",
                    "status": 503,
                    "at": "2026-11-21T06:00:00Z",
                },
            }
        },
    }
    (board / "data/state.json").write_text(json.dumps(state))
    assert run_cli(board, "build").returncode == 0
    page = (board / "site/opportunities/sources/index.html").read_text()
    row = page[page.index("An example Greenhouse board") :].split("</tr>")[0]
    assert "failing" in row and "2026-11-01" in row and ">3<" in row
    assert "HTTP 503 &lt;b&gt;Service Unavailable&lt;/b&gt;" in row
    assert "off" in page[page.index("An example RSS feed") :].split("</tr>")[0]
    assert "30 open listings contributed to this board" in page

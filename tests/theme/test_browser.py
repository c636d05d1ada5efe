"""The board in a real browser: Debian's Chromium driven by Playwright, over 127.0.0.1.

The sample board plus two test listings (one hostile, one with a word found only in its
description) is built once, served by a threaded http.server, and every expectation
about counts and results is computed in Python from the same board with
:mod:`boardgen.render.facets`, the definitions the generator wrote the browser's index with.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import http.server
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import TODAY, copy_board, write_listing

from boardgen.config.project import Project
from boardgen.curate.board import Board
from boardgen.gather.board import load_board
from boardgen.render import facets, search
from boardgen.render.i18n import ENGLISH, translator

# Debian's Chromium by default; BOARDGEN_CHROMIUM names another Chromium-based browser
# (GitHub's Ubuntu runners have Google Chrome at /usr/bin/google-chrome).
CHROMIUM = Path(os.environ.get("BOARDGEN_CHROMIUM") or "/usr/bin/chromium")
# CI sets this so that a missing browser fails the run instead of skipping these tests.
REQUIRED = os.environ.get("BOARDGEN_REQUIRE_BROWSER") == "1"
if not CHROMIUM.exists() and not REQUIRED:
    pytest.skip(
        f"No browser at {CHROMIUM} (apt-get install chromium, or set BOARDGEN_CHROMIUM)",
        allow_module_level=True,
    )
if REQUIRED:
    import playwright.sync_api as sync_api
else:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

pytestmark = pytest.mark.browser

RARE_WORD = "zeppelinography"
PAYLOAD = "<img src=x onerror=\"window.__xss=1;alert('x')\">"
HOSTILE = f"""\
id: browser-hostile
title: '{PAYLOAD.replace("'", "''")} title <script>window.__xss=2</script>'
organization:
  name: '<script>window.__xss=3;alert(3)</script> Org'
apply_url: https://hostile.example/apply
opportunity_type: volunteer
work_mode: remote
compensation: {{kind: unpaid}}
posted_at: 2026-11-21
description: A perfectly ordinary description.
"""
RARE = f"""\
id: browser-rare-word
title: Archive assistant for a small museum
organization:
  name: Quiet Museum Trust
apply_url: https://museum.example/apply
opportunity_type: research
categories: [history]
work_mode: onsite
locations: [{{city: Leeds, country: GB}}]
compensation: {{kind: hourly, min: 14, max: 16, currency: GBP, period: hour}}
duration: {{hours: 30}}
deadline: 2026-12-10
posted_at: 2026-11-10
description: |
  You will help catalogue our collection on the history of {RARE_WORD}.
"""
NOON = dt.datetime.combine(TODAY, dt.time(12))
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = copy_board(tmp_path_factory.mktemp("browser") / "board")
    write_listing(board, "browser-hostile.yml", HOSTILE)
    write_listing(board, "browser-rare-word.yml", RARE)
    subprocess.run(
        [sys.executable, "-m", "boardgen", "-C", str(board), "--today", TODAY.isoformat(), "build"],
        check=True,
        capture_output=True,
    )
    return board


@pytest.fixture(scope="module")
def data(site: Path) -> Board:
    return load_board(Project.open(site), today=TODAY)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    # The sample board names github.io and github.com; those requests would only time out.
    context.route("**/*", _local_only)
    opened = context.new_page()
    # The board reads the visitor's day: the browser lives on the day the site was built.
    opened.clock.set_fixed_time(NOON)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.errors = errors
    yield opened
    context.close()
    assert errors == [], errors


def _local_only(route: Any) -> None:
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


def open_board(page: Any, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}opportunities/{query}")
    page.wait_for_selector("html.bg-ready")
    settle(page)


def settle(page: Any) -> None:
    """Wait until the list shows exactly the results the board's current state asks for."""
    page.wait_for_function(
        "() => { const b = window.boardgenBoard && window.boardgenBoard.current;"
        " if (!b || !b.matched) return false;"
        " if (document.querySelector('.bg-status').textContent.includes('…')) return false;"
        " if (b.state.view === 'mine') return true;"
        " const shown = [...document.querySelectorAll('.bg-results-list > li')]"
        "   .map(li => li.dataset.position).join();"
        " return shown === b.matched.slice(0, b.shown).join(); }"
    )


def shown_ids(page: Any) -> list[str]:
    while page.is_visible(".bg-more"):
        page.click(".bg-more")
        settle(page)
    ids: list[str] = page.eval_on_selector_all(
        ".bg-results-list > li", "items => items.map(li => li.dataset.id)"
    )
    return ids


def shown_counts(page: Any) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = page.evaluate(
        """() => {
          const out = {};
          for (const set of document.querySelectorAll('.bg-facet')) {
            const facet = out[set.dataset.facet] = {};
            for (const label of set.querySelectorAll('label.bg-option')) {
              const box = label.querySelector('input');
              facet[box.value] = Number(label.querySelector('.bg-n').textContent.slice(1, -1));
            }
          }
          return out;
        }"""
    )
    return counts


def expected(
    board: Board, filters: facets.Filters, min_rate: float | None = None
) -> tuple[list[str], dict[str, dict[str, int]]]:
    ids, tally = facets.counts(board.open_listings, board.today, filters, min_rate)
    return ids, tally


def _query(filters: facets.Filters, extra: str = "") -> str:
    parts = [f"{key}={','.join(sorted(values))}" for key, values in filters.items()]
    if extra:
        parts.append(extra)
    return "?" + "&".join(parts) if parts else ""


COMBINATIONS: list[tuple[facets.Filters, float | None]] = [
    ({}, None),
    ({"type": {"internship", "micro-internship"}}, None),
    ({"mode": {"remote"}, "pay": {"paid", "stipend"}}, None),
    ({"deadline": {"week", "month"}, "year": {"first-year"}}, None),
    ({"field": {"data-science", "marketing"}, "effort": {"up-to-10h", "10-40h"}}, None),
    ({"country": {"US"}, "degree": {"master"}, "posted": {"new", "older"}}, None),
    ({"pay": {"paid"}}, 18.0),
    ({"currency": {"USD"}}, 18.0),
    ({"currency": {"GBP", "EUR"}, "mode": {"remote", "onsite"}}, None),
]


@pytest.mark.parametrize(("filters", "min_rate"), COMBINATIONS)
def test_facet_counts_and_results_match_the_data(
    page: Any, base_url: str, data: Board, filters: facets.Filters, min_rate: float | None
) -> None:
    ids, tally = expected(data, filters, min_rate)
    open_board(page, base_url, _query(filters, f"rate={min_rate:g}" if min_rate else ""))
    assert shown_ids(page) == ids
    counts = shown_counts(page)
    for key in facets.FACET_KEYS:
        assert counts[key] == {value: tally[key].get(value, 0) for value in counts[key]}, key
        # Every value some open listing has is offered.
        assert set(tally[key]) <= set(counts[key]), key
    # The filters given by the link are the ones ticked.
    for key, values in filters.items():
        for value in values:
            assert page.is_checked(f'.bg-facet[data-facet="{key}"] input[value="{value}"]')


@pytest.mark.parametrize(
    "filters", [{}, {"deadline": {"week"}}, {"deadline": {"month", "later"}}, {"posted": {"new"}}]
)
def test_deadlines_and_new_follow_the_visitors_day(
    page: Any, base_url: str, data: Board, filters: facets.Filters
) -> None:
    """A site built days ago shows deadlines and "new" as of the visitor's own day."""
    later = TODAY + dt.timedelta(days=60)
    page.clock.set_fixed_time(dt.datetime.combine(later, dt.time(12)))
    still_open = [
        item
        for item in data.open_listings
        if not (isinstance(item.deadline, dt.date) and item.deadline < later)
    ]
    assert len(still_open) < len(data.open_listings), "some deadline passes in those days"
    ids, tally = facets.counts(still_open, later, filters)
    open_board(page, base_url, _query(filters))
    assert shown_ids(page) == ids
    counts = shown_counts(page)
    for key in ("deadline", "posted", "type"):
        assert counts[key] == {value: tally[key].get(value, 0) for value in counts[key]}, key
    # The board as built (on TODAY) counted differently: the test can tell the two apart.
    assert expected(data, filters)[0] != ids or expected(data, filters)[1] != tally


def test_sort_by_deadline_and_by_pay(page: Any, base_url: str, data: Board) -> None:
    listings = data.open_listings
    position = {item.id: n for n, item in enumerate(listings)}

    def by_deadline(item: Any) -> tuple[bool, int, int]:
        deadline = item.deadline if isinstance(item.deadline, dt.date) else None
        days = (deadline - TODAY).days if deadline else 0
        return (deadline is None, days, position[item.id])

    def by_pay(item: Any) -> tuple[bool, float, int]:
        rate = facets.hourly_rate(item)
        return (rate is None, -(rate or 0), position[item.id])

    open_board(page, base_url, "?sort=deadline")
    assert shown_ids(page) == [item.id for item in sorted(listings, key=by_deadline)]
    open_board(page, base_url, "?sort=pay")
    assert shown_ids(page) == [item.id for item in sorted(listings, key=by_pay)]


def test_search_finds_a_word_only_in_a_description_and_combines_with_facets(
    page: Any, base_url: str, data: Board
) -> None:
    open_board(page, base_url)
    page.fill("#bg-q", RARE_WORD)
    settle(page)
    page.wait_for_function("() => location.search.includes('search=')")
    settle(page)
    assert shown_ids(page) == ["browser-rare-word"]
    counts = shown_counts(page)
    assert counts["type"]["research"] == 1
    assert sum(counts["type"].values()) == 1
    # A facet that excludes it leaves nothing; its own type keeps it.
    page.check('.bg-facet[data-facet="type"] input[value="internship"]')
    settle(page)
    assert shown_ids(page) == []
    assert "No opportunity matches" in page.inner_text(".bg-status")
    page.check('.bg-facet[data-facet="type"] input[value="research"]')
    settle(page)
    assert shown_ids(page) == ["browser-rare-word"]
    # The word is in no title, organization or card: only the search index could find it.
    assert all(RARE_WORD not in (item.title + item.organization.name) for item in data.listings)


SEARCHES = [
    "museum",
    "data",
    "Data ANALYSIS",
    "analy",
    "designers",
    "r",
    "café",
    "remote paid",
    "zz-no-such-word",
]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_what_the_index_says(
    page: Any, base_url: str, site: Path, data: Board, query: str
) -> None:
    """board.js reads the built index as boardgen.render.search.find does (prefixes, stems, AND)."""
    folder = site / "site" / "opportunities"
    served = {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in [folder / search.MANIFEST, *(folder / search.SHARDS).glob("*.json")]
    }
    positions = search.find(served, query)
    assert positions is not None
    want = [item.id for n, item in enumerate(data.open_listings) if n in positions]
    open_board(page, base_url, f"?search={quote(query)}&mode=remote")
    remote = {item.id for item in data.open_listings if item.work_mode.value == "remote"}
    assert shown_ids(page) == [i for i in want if i in remote]
    open_board(page, base_url, f"?search={quote(query)}")
    assert shown_ids(page) == want


def test_a_search_shard_that_fails_to_load_says_so_and_is_retried(
    page: Any, base_url: str, data: Board
) -> None:
    page.route("**/board/search/*.json", lambda route: route.abort())
    open_board(page, base_url, "?search=museum")
    assert page.inner_text(".bg-status") == ENGLISH("js.search_failed")
    # Nothing is hidden by a search that could not run.
    assert len(shown_ids(page)) == len(data.open_listings)
    page.unroute("**/board/search/*.json")
    page.fill("#bg-q", "museum ")
    page.wait_for_function(
        "failed => document.querySelector('.bg-status').textContent !== failed",
        arg=ENGLISH("js.search_failed"),
    )
    settle(page)
    assert shown_ids(page) == ["browser-rare-word"]


def test_search_ignores_a_query_of_punctuation(page: Any, base_url: str, data: Board) -> None:
    open_board(page, base_url, "?search=%21%3F")
    assert len(shown_ids(page)) == len(data.open_listings)


def test_url_state_round_trips_with_back_and_forward(page: Any, base_url: str, data: Board) -> None:
    open_board(page, base_url)
    everything = shown_ids(page)
    page.check('.bg-facet[data-facet="type"] input[value="internship"]')
    settle(page)
    assert "type=internship" in page.url
    internships = shown_ids(page)
    assert internships == expected(data, {"type": {"internship"}})[0]
    page.select_option("#bg-sort", "deadline")
    settle(page)
    assert "sort=deadline" in page.url
    sorted_view = shown_ids(page)
    # Back and forward are handled in the page: no reload, no instant-navigation fetch.
    page.evaluate("window.__sameBoard = window.boardgenBoard.current")

    page.go_back()
    settle(page)
    assert "sort=" not in page.url and page.input_value("#bg-sort") == "newest"
    assert shown_ids(page) == internships
    page.go_back()
    settle(page)
    assert not page.is_checked('.bg-facet[data-facet="type"] input[value="internship"]')
    assert shown_ids(page) == everything
    page.go_forward()
    page.go_forward()
    settle(page)
    assert page.input_value("#bg-sort") == "deadline"
    assert shown_ids(page) == sorted_view
    assert page.evaluate("window.__sameBoard === window.boardgenBoard.current")

    # A shared link opens the same view in a fresh page.
    shared = page.url
    other = page.context.new_page()
    other.clock.set_fixed_time(NOON)
    other.goto(shared)
    other.wait_for_selector("html.bg-ready")
    settle(other)
    assert shown_ids(other) == sorted_view
    assert other.is_checked('.bg-facet[data-facet="type"] input[value="internship"]')


def test_board_survives_instant_navigation(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.click(".bg-home .bg-count a")
    page.wait_for_selector("html.bg-ready")
    settle(page)
    assert len(shown_ids(page)) > 20


def test_saved_and_applied_survive_a_reload_and_export(
    page: Any, base_url: str, data: Board
) -> None:
    open_board(page, base_url)
    first, second = shown_ids(page)[:2]
    page.click(f'li[data-id="{first}"] .bg-save')
    page.click(f'li[data-id="{second}"] .bg-applied')
    page.reload()
    page.wait_for_selector("html.bg-ready")
    settle(page)
    assert page.get_attribute(f'li[data-id="{first}"] .bg-save', "aria-pressed") == "true"
    applied = page.inner_text(f'li[data-id="{second}"] .bg-applied')
    # The day it was marked (the browser's clock), in the form the pages write dates.
    days = (TODAY,)
    assert applied in {f"✓ Applied on {ENGLISH.date(day)}" for day in days}, applied
    # Dates follow the page's language (a German board sets <html lang="de">).
    page.evaluate("document.documentElement.lang = 'de'")
    page.click(f'li[data-id="{second}"] .bg-applied')
    page.click(f'li[data-id="{second}"] .bg-applied')
    applied = page.inner_text(f'li[data-id="{second}"] .bg-applied')
    assert applied in {f"✓ Applied on {translator('de').date(day)}" for day in days}, applied
    page.evaluate("document.documentElement.lang = 'en'")
    page.click(".bg-view:nth-child(2)")
    settle(page)
    assert "view=mine" in page.url
    assert sorted(shown_ids(page)) == sorted([first, second])

    with page.expect_download() as waiting:
        page.click("text=Export CSV")
    rows = list(csv.DictReader(io.StringIO(Path(waiting.value.path()).read_text())))
    titles = {item.id: item.title for item in data.open_listings}
    assert {row["title"] for row in rows} == {titles[first], titles[second]}
    assert [row["applied"] != "" for row in rows].count(True) == 1
    with page.expect_download() as waiting:
        page.click("text=Export deadlines (.ics)")
    import icalendar

    calendar = icalendar.Calendar.from_ical(Path(waiting.value.path()).read_bytes())
    events = {str(event["SUMMARY"]): event.decoded("DTSTART") for event in calendar.walk("VEVENT")}
    dated = [i for i in data.open_listings if i.id in (first, second)]
    want = {
        f"Deadline: {i.title} ({i.organization.name})": i.deadline
        for i in dated
        if isinstance(i.deadline, dt.date)
    }
    assert events == want


def test_a_listing_page_saves_and_marks_applied_into_the_boards_list(
    page: Any, base_url: str, data: Board
) -> None:
    # Arrive the way a student does: from the board, by instant navigation.
    open_board(page, base_url)
    shown = page.eval_on_selector_all(
        ".bg-results-list > li", "items => items.map(li => li.dataset.id)"
    )
    item = next(i for i in data.open_listings if i.id in shown and isinstance(i.deadline, dt.date))
    page.click(f'li[data-id="{item.id}"] h3 a')
    page.wait_for_selector("#bg-keep .bg-save")
    assert page.get_attribute("#bg-keep .bg-save", "aria-pressed") == "false"
    page.click("#bg-keep .bg-save")
    assert page.inner_text("#bg-keep .bg-save") == "★ Saved"
    page.click("#bg-keep .bg-applied")
    assert page.inner_text("#bg-keep .bg-applied").startswith("✓ Applied on ")
    assert page.inner_text("#bg-keep a") == "My list (1)"
    page.reload()
    page.wait_for_selector("#bg-keep .bg-save")
    assert page.get_attribute("#bg-keep .bg-save", "aria-pressed") == "true"
    assert page.get_attribute("#bg-keep .bg-applied", "aria-pressed") == "true"
    # The board's My list holds it, with the same link and deadline as a board card would.
    page.click("#bg-keep a")
    page.wait_for_selector("html.bg-ready")
    settle(page)
    assert shown_ids(page) == [item.id]
    assert page.get_attribute(f'li[data-id="{item.id}"] .bg-applied', "aria-pressed") == "true"
    stored = page.evaluate(
        "() => Object.values(JSON.parse(localStorage.getItem("
        "Object.keys(localStorage).find(k => k.startsWith('boardgen:list:')))))"
    )
    assert stored[0]["url"] == f"{base_url}opportunities/{item.id}/"
    assert stored[0]["deadline"] == item.deadline.isoformat()
    # Unsaving on the board empties it for the listing page too.
    page.click(f'li[data-id="{item.id}"] .bg-save')
    page.goto(f"{base_url}opportunities/{item.id}/")
    page.wait_for_selector("#bg-keep .bg-save")
    assert page.get_attribute("#bg-keep .bg-save", "aria-pressed") == "false"
    assert page.inner_text("#bg-keep a") == "My list (0)"


def test_hostile_text_in_data_and_url_stays_inert(page: Any, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = quote("<img src=x onerror=alert(9)><script>alert(8)</script>")
    for query in (f"?search={hostile}", f"?q={hostile}", f"?type={hostile}&sort={hostile}"):
        open_board(page, base_url, query)
    open_board(page, base_url, "?type=volunteer")
    card = page.locator('li[data-id="browser-hostile"]')
    assert "<script>window.__xss=3" in card.inner_text()
    assert "onerror" in card.locator("h3").inner_text()
    assert card.locator("img, script").count() == 0
    page.click('li[data-id="browser-hostile"] .bg-save')
    page.click(".bg-view:nth-child(2)")
    settle(page)
    assert page.locator(".bg-results-list img, .bg-results-list script").count() == 0
    page.goto(f"{base_url}opportunities/browser-hostile/")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("window.__xss") is None


AXE_PAGES = ["", "opportunities/", "opportunities/?view=mine", "opportunities/browser-rare-word/"]


@pytest.mark.parametrize("path", AXE_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_accessibility_violations(
    page: Any, base_url: str, path: str, scheme: str
) -> None:
    import axe_playwright_python as axe  # a test dependency: CI must have it

    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + path)
    if path.startswith("opportunities/?") or path == "opportunities/":
        page.wait_for_selector("html.bg-ready")
        settle(page)
    page.add_script_tag(path=str(Path(axe.__file__).parent / "axe.min.js"))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(' | '))"
    )
    assert violations == [], "\n".join(violations)


def test_phone_viewport_has_a_filters_drawer(browser: Any, base_url: str, data: Board) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.route("**/*", _local_only)
    page = context.new_page()
    page.clock.set_fixed_time(NOON)
    try:
        open_board(page, base_url)
        assert page.is_visible(".bg-results-list > li")
        assert not page.is_visible("#bg-filters")
        page.click(".bg-drawer-toggle")
        assert page.is_visible("#bg-filters")
        assert page.get_attribute(".bg-drawer-toggle", "aria-expanded") == "true"
        # The open drawer is a modal dialog: Tab and Shift+Tab stay inside it.
        assert page.get_attribute("#bg-filters", "aria-modal") == "true"
        inside = "() => document.getElementById('bg-filters').contains(document.activeElement)"
        stops = page.eval_on_selector_all("#bg-filters button, #bg-filters input", "n => n.length")
        for _ in range(stops + 2):
            page.keyboard.press("Tab")
            assert page.evaluate(inside)
        for _ in range(3):
            page.keyboard.press("Shift+Tab")
            assert page.evaluate(inside)
        page.check('.bg-facet[data-facet="mode"] input[value="remote"]')
        page.keyboard.press("Escape")
        assert page.get_attribute("#bg-filters", "aria-modal") is None
        assert not page.is_visible("#bg-filters")
        settle(page)
        assert page.is_visible(".bg-results-list > li")
        assert shown_ids(page) == expected(data, {"mode": {"remote"}})[0]
        # Nothing sticks out sideways.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()


def test_keyboard_alone_filters_the_board(page: Any, base_url: str, data: Board) -> None:
    open_board(page, base_url)
    page.focus('.bg-facet[data-facet="mode"] input[value="hybrid"]')
    page.keyboard.press("Space")
    settle(page)
    assert shown_ids(page) == expected(data, {"mode": {"hybrid"}})[0]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"

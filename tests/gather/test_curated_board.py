"""The curated board end to end: fetched data and contributed files in, one board out.

Real files in a copy of the sample board: ``data/sources/<id>.json`` as the fetch engine
writes it, contributed YAML, board rules in board.yml, and the real CLI.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import SCAM_LISTING, TODAY, RunCli, write_listing

from boardgen.config.project import Project
from boardgen.curate.pipeline import SourceListings, candidate_pairs, curate
from boardgen.fetch import Engine, FetchOptions
from boardgen.gather.board import load_board
from boardgen.model import CurationRules, Listing, ListingStatus, Source, SourceRef
from boardgen.store.sightings import load_lifecycle
from boardgen.store.sources import SourceData, save_source_data

NOW = dt.datetime(2026, 11, 21, 6, 0, tzinfo=dt.UTC)
RIVERBEND_APPLY = "https://riverbend-health.example/careers/survey-analysis"

SOURCES_YML = """\
schema_version: 1
sources:
  - id: acme-jobs
    kind: greenhouse
    board: acme
  - id: remote-board
    kind: remotive
    url: https://remotive.example/api/remote-jobs
"""


def fetched(source: str, kind: str, native: str, title: str, org: str, **extra: Any) -> Listing:
    url = extra.pop("apply_url", f"https://{org.lower().replace(' ', '-')}.example/jobs/{native}")
    data: dict[str, Any] = {
        "id": f"{source}-{native}",
        "title": title,
        "organization": {"name": org},
        "apply_url": url,
        "opportunity_type": "internship",
        "work_mode": "remote",
        "description": "<p>Help our team with a real project and learn along the way. "
        "You will work with a mentor every week and present your results.</p>",
        "sources": [SourceRef(id=source, kind=kind, native_id=native, url=url)],
        "first_seen": NOW,
        "last_seen": NOW,
        **extra,
    }
    return Listing.model_validate(data)


def write_source(board: Path, source: str, kind: str, listings: list[Listing]) -> None:
    save_source_data(
        board / "data",
        SourceData(
            source=source, kind=kind, url="https://x.example", updated_at=NOW, listings=listings
        ),
    )


def with_sources(board: Path) -> Path:
    (board / "site_config" / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    write_source(
        board,
        "acme-jobs",
        "greenhouse",
        [
            fetched("acme-jobs", "greenhouse", "101", "Data analyst intern", "Acme Analytics"),
            # The same posting as the contributed riverbend-survey-analysis.yml.
            fetched(
                "acme-jobs",
                "greenhouse",
                "102",
                "Survey data analysis micro-internship",
                "Riverbend Community Health",
                apply_url=RIVERBEND_APPLY + "?gh_src=abc123",
                opportunity_type="micro-internship",
            ),
        ],
    )
    write_source(
        board,
        "remote-board",
        "remotive",
        [
            fetched(
                "remote-board",
                "remotive",
                "9",
                "Onsite lab assistant",
                "Helix Labs",
                work_mode="onsite",
                locations=[{"city": "Toronto", "country": "CA"}],
            ),
        ],
    )
    return board


def export(board: Path, run_cli: RunCli) -> list[dict[str, Any]]:
    result = run_cli(board, "export")
    assert result.returncode == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


# --- one board from fetched data and contributed files --------------------------------------


def test_fetched_data_and_contributed_listings_make_one_board(board: Path, run_cli: RunCli) -> None:
    contributed = len(export(board, run_cli))
    with_sources(board)
    listings = export(board, run_cli)
    ids = {item["id"] for item in listings}
    assert "acme-jobs-101" in ids
    assert "remote-board-9" in ids
    assert len(listings) == contributed + 2  # the third fetched listing is a duplicate


def test_a_duplicate_across_a_source_and_a_contributed_file_appears_once_with_both(
    board: Path, run_cli: RunCli
) -> None:
    listings = export(with_sources(board), run_cli)
    survey = [item for item in listings if item["title"].startswith("Survey data analysis")]
    assert len(survey) == 1
    assert survey[0]["id"] == "riverbend-survey-analysis"  # the contributed id is kept
    assert [s["id"] for s in survey[0]["sources"]] == ["contributed", "acme-jobs"]
    assert "acme-jobs-102" not in {item["id"] for item in listings}


def test_board_rules_exclude_with_reasons(board: Path, run_cli: RunCli) -> None:
    with_sources(board)
    config = board / "site_config" / "board.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  exclude_keywords: []",
        "  paid_only: true\n  work_modes: [remote]\n  countries: [US]\n  exclude_keywords: []",
    )
    config.write_text(text, encoding="utf-8")
    ids = {item["id"] for item in export(board, run_cli)}
    assert "remote-board-9" not in ids
    assert "acme-jobs-101" not in ids  # pay unknown
    result = run_cli(board, "review", "--json")
    assert result.returncode == 0
    excluded = {item["id"]: item["reasons"] for item in json.loads(result.stdout)["excluded"]}
    assert "work mode onsite is not shown on this board" in excluded["remote-board-9"]
    assert "not located in or open to US" in excluded["remote-board-9"]
    assert any("paid listings only" in r for r in excluded["acme-jobs-101"])
    assert not ids & set(excluded)
    text_result = run_cli(board, "review")
    assert "Excluded by the board's rules" in text_result.stdout
    assert "work mode onsite is not shown on this board" in text_result.stdout


# --- scam flags ------------------------------------------------------------------------------


def test_a_scam_listing_is_held_off_the_board_and_shown_by_review(
    board: Path, run_cli: RunCli
) -> None:
    write_listing(board, "quickcash-data-entry.yml", SCAM_LISTING)
    assert "quickcash-data-entry" not in {item["id"] for item in export(board, run_cli)}
    loaded = load_board(Project.open(board), today=TODAY)
    assert "quickcash-data-entry" not in {item.id for item in loaded.listings}
    assert "quickcash-data-entry" not in {item.id for item in loaded.closed_listings}

    text = run_cli(board, "review")
    assert text.returncode == 0
    assert "quickcash-data-entry: Remote data entry assistant" in text.stdout
    for rule in ("fee-required", "check-deposit", "chat-only-interview"):
        assert f"- {rule} (weight 1)" in text.stdout

    as_json = run_cli(board, "review", "--json")
    assert as_json.returncode == 0
    held = json.loads(as_json.stdout)["held"]
    assert [item["id"] for item in held] == ["quickcash-data-entry"]
    flags = {flag["rule"]: flag for flag in held[0]["flags"]}
    assert flags["fee-required"]["weight"] == 1.0
    assert "pay a fee" in flags["fee-required"]["reason"]
    assert held[0]["score"] >= 3


def test_an_ats_posting_gets_the_lower_prior() -> None:
    text = "You must pay a refundable deposit for your starter kit before you begin."
    ats = fetched("acme-jobs", "greenhouse", "1", "Intern", "Acme", description=text)
    open_board = fetched("remote-board", "remotive", "1", "Intern", "Acme", description=text)
    result = curate(
        [],
        [
            SourceListings("acme-jobs", "greenhouse", [ats]),
            SourceListings("remote-board", "remotive", [open_board]),
        ],
        rules=CurationRules(),
        today=TODAY,
        closing_soon_days=7,
    )
    # The two are one posting; one copy came from an aggregator, so it is checked fully.
    assert [item.id for item in result.held] == ["acme-jobs-1"]
    only_ats = curate(
        [],
        [SourceListings("acme-jobs", "greenhouse", [ats])],
        rules=CurationRules(),
        today=TODAY,
        closing_soon_days=7,
    )
    assert [item.id for item in only_ats.listings] == ["acme-jobs-1"]
    assert only_ats.listings[0].flags[0].weight == 0.5


def test_validate_warns_about_a_scam_looking_contributed_file(board: Path, run_cli: RunCli) -> None:
    write_listing(board, "quickcash-data-entry.yml", SCAM_LISTING)
    result = run_cli(board, "validate")
    assert result.returncode == 0  # warnings, not errors
    lines = [line for line in result.stdout.splitlines() if "looks like a scam" in line]
    assert lines
    assert all(line.startswith("content/listings/quickcash-data-entry.yml:") for line in lines)
    fee = next(line for line in lines if "rule fee-required" in line)
    assert ": warning: description: " in fee
    assert "asks applicants to pay a fee" in fee
    assert "held off the board for review" in fee
    strict = run_cli(board, "validate", "--strict")
    assert strict.returncode == 1


def test_the_sample_board_trips_no_scam_rule(board: Path, run_cli: RunCli) -> None:
    result = run_cli(board, "validate")
    assert "looks like a scam" not in result.stdout
    assert json.loads(run_cli(board, "review", "--json").stdout)["held"] == []


# --- unreadable data is a warning ------------------------------------------------------------


def test_a_corrupt_source_file_is_a_warning_not_a_failure(board: Path, run_cli: RunCli) -> None:
    with_sources(board)
    (board / "data" / "sources" / "remote-board.json").write_text("{not json", encoding="utf-8")
    result = run_cli(board, "export")
    assert result.returncode == 0
    assert "data/sources/remote-board.json:1:1: warning: is not valid JSON" in result.stderr
    ids = {item["id"] for item in json.loads(result.stdout)}
    assert "acme-jobs-101" in ids
    assert "remote-board-9" not in ids
    review = json.loads(run_cli(board, "review", "--json").stdout)
    assert [w["path"] for w in review["warnings"]] == ["data/sources/remote-board.json"]


def test_a_missing_or_misshapen_source_file_is_a_warning(board: Path) -> None:
    with_sources(board)
    (board / "data" / "sources" / "remote-board.json").unlink()
    (board / "data" / "sources" / "acme-jobs.json").write_text('{"format": 2}', encoding="utf-8")
    loaded = load_board(Project.open(board), today=TODAY)
    messages = {p.path: p.message for p in loaded.warnings}
    assert "run 'boardgen fetch'" in messages["data/sources/remote-board.json"]
    assert "is not a source data file" in messages["data/sources/acme-jobs.json"]
    assert loaded.open_listings


def test_stored_descriptions_are_sanitized_again(board: Path) -> None:
    (board / "site_config" / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    nasty = fetched(
        "acme-jobs",
        "greenhouse",
        "7",
        "Design intern",
        "Acme Analytics",
        description='<p onclick="x()">Hi</p><script>alert(1)</script>',
    )
    write_source(board, "acme-jobs", "greenhouse", [nasty])
    loaded = load_board(Project.open(board), today=TODAY)
    shown = next(item for item in loaded.listings if item.id == "acme-jobs-7")
    assert "script" not in shown.description
    assert "onclick" not in shown.description


# --- dedupe at scale -------------------------------------------------------------------------


def test_candidate_pairs_never_pair_one_origin_and_split_big_blocks() -> None:
    same_origin = [fetched("a", "rss", str(i), f"Intern {i}", "Mega Corp") for i in range(200)]
    assert candidate_pairs(same_origin) == []
    other = [fetched("b", "rss", str(i), f"Analyst intern {i}", "Mega Corp") for i in range(200)]
    pairs = candidate_pairs([*same_origin, *other])
    # 200 x 200 cross pairs would be 40,000: big blocks are split by title word.
    assert 0 < len(pairs) < 2_000


# --- lifecycle across runs -------------------------------------------------------------------


def feed(*items: tuple[str, str]) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Internships",
            "items": [
                {
                    "id": native,
                    "url": f"https://jobs.wrenfield.example/{native}",
                    "title": title,
                    "content_html": "<p>A real project with a mentor, for students.</p>",
                    "authors": [{"name": "Wrenfield Labs"}],
                }
                for native, title in items
            ],
        }
    ).encode()


def test_a_listing_closes_after_k_successful_fetches_without_it(board: Path) -> None:
    (board / "site_config" / "sources.yml").write_text(
        "sources:\n  - id: wren\n    kind: jsonfeed\n    url: https://feed.example/f.json\n",
        encoding="utf-8",
    )
    source = Source(id="wren", kind="jsonfeed", url="https://feed.example/f.json")
    body = {"now": feed(("a", "Data intern"), ("b", "Design intern"))}
    failing = {"now": False}

    def handler(request: httpx.Request) -> httpx.Response:
        if failing["now"]:
            return httpx.Response(500)
        return httpx.Response(
            200, stream=httpx.ByteStream(body["now"]), headers={"content-type": "application/json"}
        )

    def fetch_on(day: int) -> None:
        when = dt.datetime(2026, 11, day, 6, 0, tzinfo=dt.UTC)
        Engine(
            board / "data",
            options=FetchOptions(force=True),
            transport=httpx.MockTransport(handler),
            clock=lambda: when,
        ).run([source])

    def status_of(native: str, day: int) -> ListingStatus | None:
        loaded = load_board(Project.open(board), today=dt.date(2026, 11, day))
        found = {item.id: item for item in [*loaded.listings]}
        item = found.get(f"wren-{native}")
        return item.status if item else None

    fetch_on(1)
    assert status_of("b", 1) is ListingStatus.OPEN
    body["now"] = feed(("a", "Data intern"))
    fetch_on(2)  # miss 1: still listed on the board
    assert status_of("b", 2) is ListingStatus.OPEN
    failing["now"] = True
    fetch_on(3)  # a failed fetch proves nothing
    failing["now"] = False
    fetch_on(4)  # miss 2 (the same body: counted as a successful fetch without it)
    assert status_of("b", 4) is ListingStatus.OPEN
    life = load_lifecycle(board / "data").sources["wren"]
    assert life.listings["wren-b"].misses == 2
    assert [item.id for item in life.retained] == ["wren-b"]
    fetch_on(5)  # miss 3 = K: closed
    loaded = load_board(Project.open(board), today=dt.date(2026, 11, 5))
    assert "wren-b" not in {item.id for item in loaded.open_listings}
    closed = {item.id: item for item in loaded.closed_listings}
    assert closed["wren-b"].status is ListingStatus.CLOSED
    assert closed["wren-b"].closed_at == dt.date(2026, 11, 5)
    assert closed["wren-b"].first_seen == dt.datetime(2026, 11, 1, 6, 0, tzinfo=dt.UTC)
    assert status_of("a", 5) is ListingStatus.OPEN
    # It comes back: open again, first seen kept.
    body["now"] = feed(("a", "Data intern"), ("b", "Design intern"))
    fetch_on(6)
    assert status_of("b", 6) is ListingStatus.OPEN
    record = load_lifecycle(board / "data").sources["wren"].listings["wren-b"]
    assert (record.misses, record.closed_at) == (0, None)
    assert record.first_seen == dt.datetime(2026, 11, 1, 6, 0, tzinfo=dt.UTC)


def test_uncertain_pairs_are_both_kept_and_listed_for_review(board: Path, run_cli: RunCli) -> None:
    (board / "site_config" / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    write_source(
        board,
        "acme-jobs",
        "greenhouse",
        [fetched("acme-jobs", "greenhouse", "1", "Data analyst intern 1", "Acme Analytics")],
    )
    elsewhere = "https://remotive.example/jobs/"
    write_source(
        board,
        "remote-board",
        "remotive",
        [
            fetched("remote-board", "remotive", "5", "Data Analyst Intern 1", "Acme Analytics Inc",
                    apply_url=elsewhere + "5"),
            fetched("remote-board", "remotive", "6", "Data analyst intern 2", "Acme Analytics",
                    apply_url=elsewhere + "6"),
        ],
    )  # fmt: skip
    ids = {item["id"] for item in export(board, run_cli)}
    # "... intern 1" on both boards is one posting; "... intern 2" may be one with it.
    assert {"acme-jobs-1", "remote-board-6"} <= ids
    assert "remote-board-5" not in ids
    review = json.loads(run_cli(board, "review", "--json").stdout)
    assert [(p["first"], p["second"]) for p in review["review_pairs"]] == [
        ("acme-jobs-1", "remote-board-6")
    ]
    assert review["review_pairs"][0]["reason"] == "titles differ in a number or year"
    text = run_cli(board, "review").stdout
    assert "Possible duplicates (both kept): 1" in text
    assert "acme-jobs-1 ~ remote-board-6: titles differ in a number or year" in text


def test_flags_found_by_validation_workers_are_the_boards(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validation's worker processes hand their scam flags to the board: the same flags."""
    from boardgen.curate import scam
    from boardgen.gather.validate import check_project

    write_listing(board, "quickcash-data-entry.yml", SCAM_LISTING)
    project = Project.open(board)
    monkeypatch.setattr(scam, "_KNOWN", {})
    check = check_project(project, today=TODAY, workers=2)
    handed = dict(scam.known_flags())
    assert len(handed) == len(check.listings), "every contributed posting came back"
    loaded = load_board(project, today=TODAY, check=check)
    assert scam.known_count() == len(handed), "the board scanned no contributed posting again"
    held = next(item for item in loaded.held if item.id == "quickcash-data-entry")
    posting = next(p for p in handed if p.title == held.title)
    fresh = scam._flags(posting, scam.RULES)
    assert [f.rule for f in held.flags] == [f.rule for f in fresh] != []
    assert [f.weight for f in held.flags] == [f.weight for f in fresh]

"""`boardgen export`: the open listings the site shows, as JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import yaml
from conftest import TODAY, RunCli, write_listing

from boardgen.model import Listing


def _sample_files(board: Path) -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text()) for p in (board / "content/listings").glob("*.yml")]


def _expected_open_ids(board: Path, today: dt.date) -> set[str]:
    out = set()
    for data in _sample_files(board):
        deadline = data.get("deadline")
        if data.get("status") == "closed":
            continue
        if isinstance(deadline, dt.date) and deadline < today:
            continue
        out.add(str(data["id"]))
    return out


def test_json_lists_exactly_the_open_listings(board: Path, run_cli: RunCli) -> None:
    result = run_cli(board, "export")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {row["id"] for row in rows} == _expected_open_ids(board, TODAY)
    for row in rows:
        assert set(row) == set(Listing.model_fields)
        Listing.model_validate(row)
    posted = [row["posted_at"] for row in rows]
    assert posted == sorted(posted, reverse=True)


def test_what_is_open_depends_on_the_day(board: Path, run_cli: RunCli) -> None:
    later = dt.date(2027, 3, 1)
    rows = json.loads(run_cli(board, "export", today=later).stdout)
    assert {row["id"] for row in rows} == _expected_open_ids(board, later)
    assert len(rows) < len(json.loads(run_cli(board, "export").stdout))


def test_csv_has_one_row_per_open_listing(board: Path, run_cli: RunCli) -> None:
    result = run_cli(board, "export", "--format", "csv")
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert {row["id"] for row in rows} == _expected_open_ids(board, TODAY)
    survey = next(row for row in rows if row["id"] == "riverbend-survey-analysis")
    assert survey["pay_kind"] == "fixed-fee" and survey["currency"] == "USD"
    assert survey["pay_period"] == "one-time"


def test_examples_can_be_left_out(board: Path, run_cli: RunCli) -> None:
    config = board / "site_config/board.yml"
    config.write_text(
        config.read_text().replace("include_examples: true", "include_examples: false")
    )
    write_listing(
        board,
        "real-one.yml",
        "id: real-one\ntitle: '=HYPERLINK(\"https://evil.example\")'\norganization: Real Org\n"
        "apply_url: https://real.example/apply\nopportunity_type: internship\n"
        "work_mode: remote\ncompensation: {kind: hourly, min: 20, currency: USD}\n"
        "deadline: rolling\nposted_at: 2026-11-20\ndescription: A real internship.\n",
    )
    rows = json.loads(run_cli(board, "export").stdout)
    assert [row["id"] for row in rows] == ["real-one"]
    csv_rows = list(csv.DictReader(io.StringIO(run_cli(board, "export", "--format", "csv").stdout)))
    # A spreadsheet must not run a formula from a listing title.
    assert csv_rows[0]["title"].startswith("'=")


def test_export_refuses_an_invalid_board(board: Path, run_cli: RunCli) -> None:
    write_listing(board, "broken.yml", "id: broken\ntitle: x\n")
    result = run_cli(board, "export")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "content/listings/broken.yml" in result.stderr

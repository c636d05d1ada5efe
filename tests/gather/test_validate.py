"""`boardgen validate`: every problem at once, with file, line, column, field and a fix."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import DATA, REPO, RunCli, write_listing

BROKEN = DATA / "broken_board"


def broken_copy(tmp_path: Path) -> Path:
    board = tmp_path / "broken"
    shutil.copytree(BROKEN, board)
    # Too big to commit: a valid-looking file just over the 1 MB limit.
    big = "# yaml-language-server: $schema=../../schemas/listing.schema.json\n"
    big += "id: oversized\ndescription: |\n" + ("  " + "x" * 98 + "\n") * 10_001
    write_listing(board, "oversized.yml", big)
    return board


def test_broken_folder_reports_every_problem_with_its_position(
    tmp_path: Path, run_cli: RunCli
) -> None:
    result = run_cli(broken_copy(tmp_path), "validate")
    expected = (DATA / "broken_board.expected.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "18 files checked: 31 errors, 4 warnings"
    assert result.returncode == 1


def test_broken_folder_is_checked_quickly(tmp_path: Path, run_cli: RunCli) -> None:
    # Not a benchmark: a guard against an alias bomb or the 1 MB file being expanded.
    board = broken_copy(tmp_path)
    start = time.perf_counter()
    run_cli(board, "validate")
    assert time.perf_counter() - start < 10


def test_sample_board_is_valid_even_strictly(run_cli: RunCli) -> None:
    result = run_cli(REPO, "validate", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 errors, 0 warnings" in result.stderr


def test_strict_turns_warnings_into_failure(tmp_path: Path, run_cli: RunCli) -> None:
    board = broken_copy(tmp_path)
    listings = board / "content" / "listings"
    for path in listings.iterdir():
        if path.name != "good-but-thin.yml":
            path.unlink()
    relaxed = run_cli(board, "validate")
    strict = run_cli(board, "validate", "--strict")
    assert relaxed.returncode == 0
    assert relaxed.stdout.count("warning:") == 3
    assert strict.returncode == 1
    assert "--strict: warnings count as errors" in strict.stderr


def test_json_output_for_machines(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(broken_copy(tmp_path), "validate", "--format", "json")
    report = json.loads(result.stdout)
    assert report["ok"] is False
    javascript = [p for p in report["problems"] if p["field"] == "apply_url"]
    assert {p["path"] for p in javascript} == {
        "content/listings/javascript-url.yml",
        "content/listings/bad-date.yml",
        "content/listings/missing-required.yml",
    }
    assert all({"line", "column", "severity", "message"} <= set(p) for p in report["problems"])


def test_config_files_are_checked_too(tmp_path: Path, run_cli: RunCli) -> None:
    board = broken_copy(tmp_path)
    for path in (board / "content" / "listings").iterdir():
        path.unlink()
    (board / "site_config" / "board.yml").write_text(
        "name: Campus Board\nclosing_soon_days: soon\nrepo_url: javascript:alert(1)\n"
    )
    (board / "site_config" / "sources.yml").write_text(
        "sources:\n"
        "  - id: acme\n    kind: greenhose\n    board: acme\n"
        "  - id: feed\n    kind: rss\n    url: http://10.0.0.8/feed.xml\n"
    )
    (board / "site_config" / "notes.yml").write_text("hello: world\n")
    result = run_cli(board, "validate")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "site_config/board.yml:2:20: closing_soon_days: 'soon' is not a number: write digits "
        "only, e.g. 20 (no currency signs)",
        "site_config/board.yml:3:11: repo_url: javascript: URLs are not allowed: use a full "
        "https:// address",
        "site_config/notes.yml:1:1: warning: boardgen does not read notes.yml: rename it to one "
        "of board.yml, sources.yml, overlay.yml, or move it out of site_config/",
        "site_config/sources.yml:3:11: sources[0].kind: 'greenhose' is not allowed: did you mean "
        "'greenhouse'? use one of rss, atom, jsonfeed, greenhouse, lever, ashby, smartrecruiters,"
        " workable, recruitee, personio, usajobs, remotive, remoteok, himalayas, arbeitnow",
        "site_config/sources.yml:7:10: sources[1].url: 10.0.0.8 is an IP address: use the "
        "organization's domain name",
    ]


def test_not_a_board_project_is_a_clear_error(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(tmp_path, "validate")
    assert result.returncode == 2
    assert "is not a board project" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("folder", [BROKEN, REPO], ids=["broken", "sample"])
def test_checking_in_worker_processes_finds_exactly_what_one_process_finds(
    folder: Path,
) -> None:
    # Large boards are checked by one process per CPU; the answer must not depend on it.
    from conftest import TODAY

    from boardgen.config.project import Project
    from boardgen.gather.validate import check_project

    project = Project.open(folder)
    serial = check_project(project, today=TODAY, workers=1)
    parallel = check_project(project, today=TODAY, workers=2)
    assert parallel.problems == serial.problems
    assert serial.problems if folder == BROKEN else serial.listings  # compared something
    assert [(i.path, i.listing, i.description_html) for i in parallel.listings] == [
        (i.path, i.listing, i.description_html) for i in serial.listings
    ]
    assert parallel.files_checked == serial.files_checked

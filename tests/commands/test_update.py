"""``boardgen update`` for real: sources on a local HTTP server, a copy of a board, the site."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunCli
from fetchserver import JSON_FEED as JSON
from fetchserver import FetchServer, Reply
from fetchserver import update_feed as feed
from fetchserver import write_update_sources as write_sources


def read_log(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    subject, _, body = text.partition("\n")
    return subject, body


def test_update_change_log_across_runs_and_the_built_site(
    board: Path, run_cli: RunCli, server: FetchServer, tmp_path: Path
) -> None:
    server.routes["/harbor.json"] = Reply(
        200, feed({"a1": "Data cleaning intern", "b2": "Survey design intern", "c3": "QA intern"}),
        JSON,
    )  # fmt: skip
    server.routes["/broken.json"] = Reply(500, b"oops")
    write_sources(board, server)
    log = tmp_path / "changelog.txt"

    first = run_cli(board, "update", "--changelog", str(log))
    assert first.returncode == 0, first.stderr
    subject, body = read_log(log)
    assert subject == "Update board: 3 new; 1 failing source"
    assert "Open listings: 30 -> 33." in body
    new_lines = [line for line in body.splitlines() if "Harbor Labs" in line]
    assert len(new_lines) == 3 and all("[harbor]" in line for line in new_lines)
    assert "broken: HTTP 500" in body
    assert (board / "site" / "index.html").is_file()
    built = {p.parent.name for p in (board / "site" / "opportunities").glob("*/index.html")}
    fetched_ids = {line.split(":")[0].removeprefix("- ") for line in new_lines}
    assert fetched_ids <= built
    # stdout carries the same change log the file holds.
    assert first.stdout == log.read_text(encoding="utf-8")

    # Run 2: one title changed, one listing added, one gone from the feed.
    changed = {"a1": "Data cleaning intern", "b2": "Survey design intern (spring)"}
    changed["d4"] = "UX intern"
    server.routes["/harbor.json"] = Reply(200, feed(changed), JSON)
    second = run_cli(board, "update", "--changelog", str(log), "--no-build", "--json")
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    assert [e["title"] for e in report["new"]] == ["UX intern"]
    assert [e["title"] for e in report["updated"]] == ["Survey design intern (spring)"]
    # Missing once is not gone: a listing closes after 3 successful fetches without it.
    assert report["closed"] == []
    assert [f["source"] for f in report["failing_sources"]] == ["broken"]
    subject, _ = read_log(log)
    assert subject == "Update board: 1 new, 1 updated; 1 failing source"

    third = run_cli(board, "update", "--changelog", str(log), "--no-build", "--json")
    assert third.returncode == 0, third.stderr
    assert json.loads(third.stdout)["closed"] == []
    assert read_log(log)[0] == "Update board: no listing changes; 1 failing source"

    fourth = run_cli(board, "update", "--changelog", str(log))
    assert fourth.returncode == 0, fourth.stderr
    subject, body = read_log(log)
    assert subject == "Update board: 1 closed; 1 failing source"
    closed = [line for line in body.splitlines() if "QA intern" in line]
    assert len(closed) == 1 and closed[0].endswith(": no longer listed by its source")
    assert "Open listings: 34 -> 33." in body
    gone_id = closed[0].removeprefix("- ").split(":")[0]
    page = board / "site" / "opportunities" / gone_id / "index.html"
    # A closed listing keeps its page, with a notice, for closed_page_days.
    assert page.is_file() and "closed" in page.read_text(encoding="utf-8").lower()


def test_update_exits_1_when_every_source_fails_but_still_writes_the_log(
    board: Path, run_cli: RunCli, server: FetchServer, tmp_path: Path
) -> None:
    server.routes["/broken.json"] = Reply(500, b"")
    write_sources(board, server)  # /harbor.json is not served either: 404
    log = tmp_path / "log.txt"
    result = run_cli(board, "update", "--changelog", str(log), "--no-build")
    assert result.returncode == 1
    assert "sources that were tried failed" in result.stderr
    subject, body = read_log(log)
    assert subject == "Update board: no listing changes; 2 failing sources"
    assert "harbor: HTTP 404" in body


def test_update_refuses_an_invalid_board_before_fetching(
    board: Path, run_cli: RunCli, server: FetchServer
) -> None:
    write_sources(board, server)
    (board / "content" / "listings" / "bad.yml").write_text("id: bad\ntitle: x\n")
    result = run_cli(board, "update")
    assert result.returncode == 1
    assert "bad.yml" in result.stderr
    assert server.paths() == []


def test_update_merges_sharded_fetches_and_logs_their_changes(
    board: Path, run_cli: RunCli, server: FetchServer, tmp_path: Path
) -> None:
    import shutil

    server.routes["/harbor.json"] = Reply(200, feed({"a1": "Data intern", "b2": "UX intern"}), JSON)
    server.routes["/broken.json"] = Reply(500, b"")
    write_sources(board, server)
    shards = []
    for k in (1, 2):
        copy = tmp_path / f"shard{k}"
        shutil.copytree(board, copy)
        result = run_cli(copy, "fetch", "--shard", f"{k}/2")
        # A shard whose only source failed exits 1; its data/ still records the failure.
        assert result.returncode in (0, 1), result.stderr
        shards += ["--merge", str(copy / "data")]
    log = tmp_path / "log.txt"
    result = run_cli(board, "update", "--changelog", str(log), "--no-build", *shards)
    assert result.returncode == 0, result.stderr
    assert "merged 2 sources from 2 shard folders" in result.stderr
    subject, body = read_log(log)
    assert subject == "Update board: 2 new; 1 failing source"
    assert "broken: HTTP 500" in body
    assert server.paths().count("/harbor.json") == 1  # update itself fetched nothing

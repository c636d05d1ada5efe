"""``boardgen fetch``, ``status`` and ``merge`` run for real against a local server."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunCli
from fetchserver import FetchServer, Reply

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
GREENHOUSE = (FIXTURES / "greenhouse" / "generalassembly_embed_jobs_content_2013.json").read_bytes()
LEVER = (FIXTURES / "lever" / "palantir_postings_with_internship_2026.json").read_bytes()
JSON = {"Content-Type": "application/json"}


def write_sources(board: Path, server: FetchServer, ids: dict[str, tuple[str, str]]) -> None:
    lines = ["schema_version: 1", "sources:"]
    for sid, (kind, path) in ids.items():
        lines += [
            f"  - id: {sid}",
            f"    kind: {kind}",
            f"    url: {server.url(path)}",
            "    allow_private_network: true",
        ]
    (board / "site_config" / "sources.yml").write_text("\n".join(lines) + "\n")


def test_fetch_json_reports_each_source_and_exits_0_when_some_fail(
    board: Path, run_cli: RunCli, server: FetchServer
) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    server.routes["/lever"] = Reply(200, LEVER, JSON)
    server.routes["/broken"] = Reply(500, b"")
    write_sources(
        board,
        server,
        {"ga": ("greenhouse", "/gh"), "pal": ("lever", "/lever"), "bad": ("greenhouse", "/broken")},
    )
    result = run_cli(board, "fetch", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    by_id = {row["source"]: row for row in report["sources"]}
    assert (by_id["ga"]["status"], by_id["ga"]["new"]) == ("ok", 2)
    assert (by_id["pal"]["status"], by_id["pal"]["listings"]) == ("ok", 3)
    assert by_id["bad"]["status"] == "failed"
    assert "HTTP 500 Internal Server Error" in by_id["bad"]["error"]
    assert (board / "data" / "sources" / "ga.json").is_file()
    # Not a terminal: one line per source on stderr.
    assert sum(line.split()[0] in ("ok", "failed") for line in result.stderr.splitlines()) == 3

    status = run_cli(board, "status", "--json")
    assert status.returncode == 0, status.stderr
    health = {row["source"]: row for row in json.loads(status.stdout)["sources"]}
    assert health["ga"]["health"] == "ok" and health["bad"]["consecutive_failures"] == 1


def test_fetch_table_and_only_the_sources_asked_for(
    board: Path, run_cli: RunCli, server: FetchServer
) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    write_sources(board, server, {"ga": ("greenhouse", "/gh"), "other": ("lever", "/nothing")})
    result = run_cli(board, "fetch", "--source", "ga")
    assert result.returncode == 0, result.stderr
    assert "ga" in result.stdout and "other" not in result.stdout
    assert server.paths() == ["/gh"]
    unknown = run_cli(board, "fetch", "--source", "nope")
    assert unknown.returncode == 2 and "no source with id 'nope'" in unknown.stderr


def test_every_source_failing_exits_1(board: Path, run_cli: RunCli, server: FetchServer) -> None:
    write_sources(board, server, {"a": ("greenhouse", "/x"), "b": ("lever", "/y")})
    result = run_cli(board, "fetch")
    assert result.returncode == 1
    assert "sources that were tried failed" in result.stderr


def test_invalid_sources_config_exits_1(board: Path, run_cli: RunCli) -> None:
    (board / "site_config" / "sources.yml").write_text(
        "sources:\n  - id: x\n    kind: nosuchkind\n    url: https://example.org/feed\n"
    )
    result = run_cli(board, "fetch")
    assert result.returncode == 1
    assert "sources.yml" in result.stderr and "kind" in result.stderr


def _jsonfeed(*natives: str) -> bytes:
    items = [
        {
            "id": native,
            "url": f"https://jobs.example.org/{native}",
            "title": f"Research intern {native}",
            "content_html": "<p>Help our team with a short research project.</p>",
        }
        for native in natives
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()


def _lifecycle_settings(board: Path, text: str) -> None:
    path = board / "site_config" / "board.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_board_yml_sets_how_many_missed_fetches_close_a_listing(
    board: Path, run_cli: RunCli, server: FetchServer
) -> None:
    _lifecycle_settings(board, "lifecycle:\n  misses_to_close: 1\n  forget_closed_days: 90\n")
    feed = {"Content-Type": "application/feed+json"}
    server.routes["/feed"] = Reply(200, _jsonfeed("a", "b"), feed)
    write_sources(board, server, {"wren": ("jsonfeed", "/feed")})
    assert run_cli(board, "fetch", "--json").returncode == 0
    server.routes["/feed"] = Reply(200, _jsonfeed("a"), feed)
    assert run_cli(board, "fetch", "--json").returncode == 0
    seen = json.loads((board / "data" / "lifecycle.json").read_text())["sources"]["wren"]
    # One successful fetch without it is enough here (the default needs three).
    assert seen["listings"]["wren-b"]["misses"] == 1
    assert "closed_at" in seen["listings"]["wren-b"]
    assert "closed_at" not in seen["listings"]["wren-a"]


def test_invalid_lifecycle_settings_stop_fetch_before_any_request(
    board: Path, run_cli: RunCli, server: FetchServer
) -> None:
    _lifecycle_settings(board, "lifecycle:\n  misses_to_close: 0\n")
    write_sources(board, server, {"wren": ("jsonfeed", "/feed")})
    result = run_cli(board, "fetch")
    assert result.returncode == 1
    assert "board.yml" in result.stderr and "misses_to_close" in result.stderr
    assert server.paths() == []
    assert not (board / "data" / "sources").exists()


def test_shards_split_the_sources_and_merge_combines_them(
    board: Path, run_cli: RunCli, server: FetchServer, tmp_path: Path
) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    ids = {f"s{n}": ("greenhouse", "/gh") for n in range(8)}
    write_sources(board, server, ids)
    seen: list[str] = []
    shard_dirs = []
    for k in (1, 2):
        shard_board = tmp_path / f"shard{k}"
        import shutil

        shutil.copytree(board, shard_board)
        result = run_cli(shard_board, "fetch", "--json", "--shard", f"{k}/2")
        assert result.returncode == 0, result.stderr
        seen += [row["source"] for row in json.loads(result.stdout)["sources"]]
        shard_dirs.append(shard_board / "data")
    assert sorted(seen) == sorted(ids)  # every source in exactly one shard
    merged = run_cli(board, "merge", *map(str, shard_dirs))
    assert merged.returncode == 0, merged.stderr
    state = json.loads((board / "data" / "state.json").read_text())
    assert sorted(state["sources"]) == sorted(ids)
    assert len(list((board / "data" / "sources").glob("*.json"))) == 8
    bad = run_cli(board, "fetch", "--shard", "3/2")
    assert bad.returncode == 2 and "K must be between 1 and N" in bad.stderr


def test_fetch_with_a_worker_process(board: Path, run_cli: RunCli, server: FetchServer) -> None:
    server.routes["/gh"] = Reply(200, GREENHOUSE, JSON)
    server.routes["/deep"] = Reply(200, b"[" * 100_000 + b"]" * 100_000, JSON)
    write_sources(board, server, {"ga": ("greenhouse", "/gh"), "deep": ("greenhouse", "/deep")})
    result = run_cli(board, "fetch", "--json", "--workers", "1")
    assert result.returncode == 0, result.stderr
    by_id = {row["source"]: row for row in json.loads(result.stdout)["sources"]}
    assert (by_id["ga"]["status"], by_id["ga"]["new"]) == ("ok", 2)
    assert (by_id["deep"]["status"], by_id["deep"]["error_kind"]) == ("failed", "parse")
    refused = run_cli(board, "fetch", "--workers", "-1")
    assert refused.returncode == 2 and "--workers" in refused.stderr

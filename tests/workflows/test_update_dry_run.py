"""scripts/update-dry-run.sh: the update job's step, run locally, touching nothing of yours."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, TODAY, copy_board
from fetchserver import FetchServer, Reply
from fetchserver import update_feed as feed
from fetchserver import write_update_sources as write_sources


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def test_dry_run_shows_the_commit_and_the_site_and_changes_nothing(
    tmp_path: Path, server: FetchServer
) -> None:
    repo = copy_board(tmp_path / "repo")
    for part in ("boardgen", "scrapers", "scripts"):
        shutil.copytree(REPO / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    server.routes["/harbor.json"] = Reply(
        200, feed({"a1": "Data cleaning intern", "b2": "UX intern"}), {}
    )
    server.routes["/broken.json"] = Reply(503, b"")
    write_sources(repo, server)
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "--quiet", "-m", "x")
    # An uncommitted edit is part of what the dry run tries (the job would see it once pushed).
    (repo / "site_config" / "board.yml").write_text(
        (repo / "site_config" / "board.yml")
        .read_text()
        .replace("Boardgen Sample Board", "Dry Run Board")
    )
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "BOARDGEN_TODAY": TODAY.isoformat(), "PYTHON": sys.executable}
    env["TMPDIR"] = str(temp)
    result = subprocess.run(
        ["bash", str(repo / "scripts" / "update-dry-run.sh"), "--keep"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "== the job would commit data/ with this message ==" in err
    assert "Update board: 2 new; 1 failing source" in err
    assert "broken: HTTP 503" in err
    assert "?? data/" in err
    assert "== the job would deploy site/" in err
    kept = Path(err.split("kept: ", 1)[1].split(" (site:", 1)[0])
    assert kept.is_relative_to(temp)
    index = kept / "site" / "index.html"
    assert "Dry Run Board" in index.read_text(encoding="utf-8")
    # The checkout itself is untouched: no data, no site, only the edit made above.
    assert [p.name for p in (repo / "data").iterdir()] == [".gitkeep"]
    assert not (repo / "site").exists()
    assert git(repo, "status", "--porcelain").strip() == "M site_config/board.yml"

    # Without --keep the copy is removed.
    shutil.rmtree(kept.parent)
    again = subprocess.run(
        ["bash", str(repo / "scripts" / "update-dry-run.sh"), "--no-build"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "no site was built" in again.stderr
    assert list(temp.iterdir()) == []

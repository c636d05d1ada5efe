"""scripts/update-job.sh: when the scheduled job commits data/ (and when it does not)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, TODAY, copy_board
from fetchserver import FetchServer, Reply
from fetchserver import update_feed as feed
from fetchserver import write_update_sources as write_sources


def git(repo: Path, *args: str, day: dt.date = TODAY) -> str:
    stamp = f"{day.isoformat()}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout


def job(repo: Path, tmp_path: Path) -> bool:
    """Run the job's step as the workflow does; True when it says to commit data/."""
    output = tmp_path / "github-output"
    output.write_text("")
    env = {
        **os.environ,
        "BOARDGEN_TODAY": TODAY.isoformat(),
        "PYTHON": sys.executable,
        "PYTHONPATH": str(REPO),
        "GITHUB_OUTPUT": str(output),
    }
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "update-job.sh"), str(tmp_path / "log.txt"), "--no-build"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = output.read_text().split()
    assert lines in (["changed=true"], ["changed=false"]), lines
    return lines == ["changed=true"]


def test_a_run_that_only_moved_check_times_is_committed_once_a_day(
    tmp_path: Path, server: FetchServer
) -> None:
    repo = copy_board(tmp_path / "repo")
    # No failing source: its failure count would change data/ on every run.
    write_sources(repo, server, broken=False)
    server.routes["/harbor.json"] = Reply(200, feed({"a1": "Data cleaning intern"}), {})
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "board")

    assert job(repo, tmp_path), "new listings are committed"
    git(repo, "add", "--all", "data")
    git(repo, "commit", "--quiet", "-m", "first update")

    # The same feed again, the same day: only the check times move.
    assert not job(repo, tmp_path)
    changed = git(repo, "diff", "--unified=0", "--", "data").splitlines()
    assert any('"last_success_at"' in line for line in changed), "the run did touch data/"

    # The last data/ commit was yesterday: today's first routine run is kept.
    git(repo, "checkout", "--quiet", "--", "data")
    git(repo, "commit", "--quiet", "--amend", "--no-edit", day=TODAY - dt.timedelta(days=1))
    assert job(repo, tmp_path)
    git(repo, "add", "--all", "data")
    git(repo, "commit", "--quiet", "-m", "routine")

    # A real change is committed at once, the same day.
    server.routes["/harbor.json"] = Reply(
        200, feed({"a1": "Data cleaning intern", "b2": "UX intern"}), {}
    )
    assert job(repo, tmp_path)
